/* session.h - the session controller: the one place that drives a session.
 * It owns the engine and the progress record, reads the session clock from
 * the audio backend, and does every control as
 *     lock audio -> now -> engine operation -> schedule sound -> events
 * so that sound and picture agree. Screens call session_pause(),
 * session_skip() and the like, and read what they draw through the const
 * accessors. It keeps the session's history line (session/history.h): written
 * at the start, brought up to date at every ball position and at the end, so
 * a session killed or cut off by a power cut keeps what it had done.
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
    SESSION_CHANGED_DONE = 1 << 2,    /* the session ran to its end (its history line says so) */
};

/* r and a must outlive the session; NULL options: engine defaults.
 * NULL when the routine has no steps or the speed is not a positive number. */
struct session *session_create(const struct routine *r, struct audio *a,
                               const struct engine_options *opt);
/* Frees; records nothing (end the session with session_end() first). NULL is fine. */
void session_destroy(struct session *s);
/* Another backend (the app opens the device after its first frame); before
 * session_start(), since the cues already placed stay with the old one. */
void session_set_audio(struct session *s, struct audio *a);

/* Each control returns what it brought about, as session_update() does: a
 * skip over the last phase ends the session (SESSION_CHANGED_DONE). Controls
 * that do not apply (pause when paused, skip before the start or after the
 * end) do nothing and return SESSION_CHANGED_NOTHING. */
enum session_change session_start(struct session *s); /* the lead-in, then step 0; once */
enum session_change session_pause(struct session *s);  /* in a lead-in or running */
enum session_change session_resume(struct session *s); /* when paused: a lead-in, then on */
enum session_change session_toggle_pause(struct session *s);
enum session_change session_skip(struct session *s);
enum session_change session_back(struct session *s);
/* Stops the session and its sound (if it started) and records it once as
 * ended by `ended_by` ("quit", "red-flag", "window-closed", "signal"; a
 * string literal); a session already recorded (done, or ended before) is not
 * recorded again. */
void session_end(struct session *s, const char *ended_by);

/* How tight the muscle felt, 0-10, before and after (any other value: not
 * given, e.g. skipped). Kept in the history line: written now when the
 * session has started (also after its end), else at the start. */
void session_rate_before(struct session *s, int value);
void session_rate_after(struct session *s, int value);
/* The session's id in the history ("" before the start), for a screen that
 * reads the history back and wants to find this session in it. */
const char *session_history_id(const struct session *s);

/* Reads the clock and takes in every event due by then (after the end only
 * the clock moves: nothing more is taken in). The result includes what the
 * controls called since the last update brought about. */
enum session_change session_update(struct session *s);
/* Writes the history's progress record that a start or a new ball position
 * left due (the file is fsynced: milliseconds that would otherwise come
 * between a step's deadline and the frame showing it). The app calls it once
 * the frame is up; session_destroy() too. The session's end is written at
 * once, not left for this. */
void session_flush(struct session *s);
/* The session clock (ms): the audio stream while a device plays. */
uint64_t session_now(const struct session *s);
/* The clock as the last update or control read it: the session's state is
 * as of this time, so the screens draw (and a script waits) at it. */
uint64_t session_last_now(const struct session *s);
/* When something next changes on screen or in sound after session_last_now()
 * (so a change between that and now is not slept over); UINT64_MAX when
 * nothing will (not started, paused, over). */
uint64_t session_next_deadline(const struct session *s);

/* Mute (M) is the user's, like pause: it goes through the session to its sound. */
bool session_muted(const struct session *s);
void session_set_muted(struct session *s, bool muted);

bool session_started(const struct session *s);
bool session_running(const struct session *s); /* lead-in or running, not paused or over */
const char *session_ended_by(const struct session *s); /* NULL while it goes on */
uint64_t session_elapsed_ms(const struct session *s);  /* session time played; frozen at the end */
uint64_t session_clock_taken_ms(const struct session *s); /* clock time from start to end (or last_now) */
/* The speed factor (--speed; 1 for real sessions): timeline ms * speed =
 * routine ms, and routine ms are what the user is told ("time taken"). */
double session_speed(const struct session *s);
uint64_t session_to_routine_ms(const struct session *s, uint64_t timeline_ms); /* rounded */
const struct engine *session_engine(const struct session *s);
const struct progress *session_progress(const struct session *s);
const struct routine *session_routine(const struct session *s);
