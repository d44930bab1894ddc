/* control.h - private to the app: a stand-in for the session controller
 * (session/session.h) and its progress record (session/progress.h), which
 * are being written elsewhere. It gathers what the screens used to do
 * themselves: the engine controls with their sound, the position record,
 * the one history entry. Every function is named and shaped like the call it
 * will become, so that swapping in the real controller is
 *     s/\bcontrol_progress_\(status\|count\)\b/progress_\1/g
 *     s/\bstruct control_progress\b/struct progress/g
 *     s/\bcontrol_/session_/g; s/\bstruct control\b/struct session/g
 * plus the include. Three calls have no counterpart in session.h yet; they
 * are marked below. The types (enum session_change, enum pos_status) are
 * already the real headers'. No SDL. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audio/audio.h"
#include "engine/engine.h"
#include "routine/routine.h"
#include "session/progress.h"
#include "session/session.h"

/* What happened to each ball position, as struct progress will say it. */
struct control_progress {
    const struct routine *routine;
    unsigned char *status; /* enum pos_status, one per (side, strip, pass, position) */
    size_t max_positions;  /* the longest strip: the stride of `status` */
    size_t steps_done;     /* phases that ran to their end (not skipped) */
};

enum pos_status control_progress_status(const struct control_progress *p, size_t side_index,
                                        size_t strip, unsigned pass, size_t position);
void control_progress_count(const struct control_progress *p, size_t *done, size_t *skipped);

struct control;

/* r and a must outlive it; NULL when the routine has no steps. */
struct control *control_create(const struct routine *r, struct audio *a,
                               const struct engine_options *opt);
void control_destroy(struct control *c); /* NULL is fine */
/* Not in session.h: the app swaps the silent backend for the real device
 * after the first frame. */
void control_set_audio(struct control *c, struct audio *a);

void control_start(struct control *c);
void control_pause(struct control *c);
void control_resume(struct control *c);
void control_toggle_pause(struct control *c);
void control_skip(struct control *c);
void control_back(struct control *c);
/* Stops a started session and records it once as ended by `ended_by`. */
void control_end(struct control *c, const char *ended_by);

/* Advances to the clock's now and takes in every due event. The changes
 * include those of the controls called since the last update. */
enum session_change control_update(struct control *c);
uint64_t control_now(const struct control *c);
uint64_t control_next_deadline(const struct control *c);

bool control_started(const struct control *c);
bool control_running(const struct control *c);
const char *control_ended_by(const struct control *c);
uint64_t control_elapsed_ms(const struct control *c);
uint64_t control_clock_taken_ms(const struct control *c);
const struct engine *control_engine(const struct control *c);
const struct control_progress *control_progress(const struct control *c);
const struct routine *control_routine(const struct control *c);
/* Not in session.h: the mute the screens toggle (M). */
bool control_muted(const struct control *c);
void control_set_muted(struct control *c, bool muted);
