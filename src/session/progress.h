/* progress.h - what has happened to each ball position of a session (done,
 * skipped, not yet), fed with the engine's events, and the history entry it
 * adds up to. Pure: no clock, no I/O, no SDL; any number of sides, strips,
 * passes and positions. The session controller owns one; screens read it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/engine.h"
#include "routine/routine.h"
#include "session/history.h"

enum pos_status { POS_NONE, POS_DONE, POS_SKIPPED };

struct progress {
    const struct routine *routine; /* must outlive the record */
    unsigned char *status;         /* enum pos_status, one per (side, strip, pass, position) */
    size_t n_slots;
    size_t *strip_base; /* per (side, strip): index of its first slot */
    size_t steps_done;  /* steps (phases and transitions) that ran to their end (not skipped) */
};

void progress_init(struct progress *p, const struct routine *r);
void progress_finish(struct progress *p); /* a zeroed struct is fine */

/* Notes one engine event (POSITION_DONE, PHASE_END; others are ignored). */
void progress_note(struct progress *p, const struct timeline *t, const struct engine_event *ev);

/* POS_NONE for out-of-range indices. */
enum pos_status progress_status(const struct progress *p, size_t side_index, size_t strip,
                                unsigned pass, size_t position);
void progress_count(const struct progress *p, size_t *done, size_t *skipped);
/* The same over one strip of one side, every pass (0, 0 out of range). */
void progress_strip_count(const struct progress *p, size_t side_index, size_t strip,
                          size_t *done, size_t *skipped);

/* The history entry for a session of this routine that started at
 * `started_unix`, played `elapsed_ms` and ended by `ended_by` ("done",
 * "quit", "window-closed", "signal"). Strings point into the routine. */
void progress_history_entry(const struct progress *p, int64_t started_unix, uint64_t elapsed_ms,
                            const char *ended_by, struct history_entry *out);
