/* session.h - the session controller: the one place that drives a session.
 * It owns the engine and the progress record, reads the session clock from
 * the audio backend, and does every control as
 *     lock audio -> now -> engine operation -> schedule sound -> events
 * so that sound and picture agree. Screens call session_pause(),
 * session_skip() and the like, and read what they draw through the const
 * accessors. It writes the history entry once, when the session ends.
 * No SDL. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "audio/audio.h"
#include "engine/engine.h"
#include "routine/routine.h"
#include "session/progress.h"

struct session;

/* What session_update() saw, for the caller to redraw or change screens. */
enum session_change {
    SESSION_CHANGED_NOTHING = 0,
    SESSION_CHANGED_PICTURE = 1 << 0, /* an event came: redraw */
    SESSION_CHANGED_PHASE = 1 << 1,   /* a phase started (the ball may have moved) */
    SESSION_CHANGED_DONE = 1 << 2,    /* the session ran to its end (history written) */
};

/* r and a must outlive the session; NULL options: engine defaults.
 * NULL when the routine has no steps. */
struct session *session_create(const struct routine *r, struct audio *a,
                               const struct engine_options *opt);
void session_destroy(struct session *s); /* NULL is fine */

void session_start(struct session *s); /* the lead-in, then step 0 */
void session_pause(struct session *s);
void session_resume(struct session *s); /* a lead-in, then on */
void session_toggle_pause(struct session *s);
void session_skip(struct session *s);
void session_back(struct session *s);
/* Stops the session (if it started) and records it once as ended by
 * `ended_by` ("quit", "window-closed", "signal"); later calls do nothing. */
void session_end(struct session *s, const char *ended_by);

/* Advances to the clock's now and takes in every due event. */
enum session_change session_update(struct session *s);
/* The session clock (ms): the audio stream while a device plays. */
uint64_t session_now(const struct session *s);
/* When something next changes on screen or in sound; UINT64_MAX when nothing will. */
uint64_t session_next_deadline(const struct session *s);

bool session_started(const struct session *s);
bool session_running(const struct session *s); /* lead-in or running, not paused or over */
const char *session_ended_by(const struct session *s); /* NULL while it goes on */
uint64_t session_elapsed_ms(const struct session *s);  /* session time played; frozen at the end */
uint64_t session_clock_taken_ms(const struct session *s); /* clock time from start to end (or now) */
const struct engine *session_engine(const struct session *s);
const struct progress *session_progress(const struct session *s);
const struct routine *session_routine(const struct session *s);
