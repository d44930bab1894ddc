/* timeline.h - what a routine expands to, step by step: every phase at every
 * ball position of every pass of every strip on every side, and the changes
 * of strip and leg between them, with their planned start in session time.
 * The engine plays it against a clock; `check`, `plan` and the validator's
 * session length read it, so none of them can count a routine differently.
 * Pure: no clock, no I/O. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "routine/routine.h"

/* What a step asks of the user: a phase of the cycle, or a change between
 * two ball positions that the cycle's move phase does not cover. */
enum step_kind {
    STEP_PHASE,        /* one phase of the cycle at a ball position */
    STEP_CHANGE_STRIP, /* the ball to the next strip's first position */
    STEP_REPEAT_STRIP, /* the ball back to the knee end of the same strip, for its next pass */
    STEP_CHANGE_SIDE,  /* to the other leg, the ball at its first strip's first position */
};

/* A transition step's phase. */
#define TIMELINE_NO_PHASE SIZE_MAX
/* A transition counts its last seconds aloud, like a move phase. */
enum { TIMELINE_TRANSITION_COUNTDOWN = 3 };

/* One phase at one ball position of one pass of one strip on one side, or a
 * transition. The "move" phase is left out after the last position of a pass;
 * a transition comes before the first step of every pass but the session's
 * first, and belongs to the position the ball goes to: its side, strip, pass,
 * position, cm and next_cm are those of the step after it (so
 * timeline_same_position() holds between the two and the diagram shows where
 * the ball goes), and the step before it is where the ball comes from. */
struct timeline_step {
    enum step_kind kind;
    size_t side_index; /* 0 .. n_sides-1, in the routine's order */
    enum routine_side side;
    size_t strip;    /* index into routine->strips */
    unsigned pass;   /* 0-based */
    size_t position; /* index into strip->positions_cm */
    double cm;
    double next_cm;  /* the next position in this pass, or -1 after the last */
    size_t phase;    /* index into routine->phases; TIMELINE_NO_PHASE for a transition */
    unsigned countdown;   /* the last whole seconds counted aloud (at most its seconds) */
    uint32_t routine_ms;  /* its length as the routine says it (unscaled) */
    uint32_t duration_ms; /* scaled by the speed factor */
    uint64_t start_ms;    /* session time at which it starts; step 0 starts after the lead-in */
};

struct timeline {
    struct timeline_step *steps;
    size_t n_steps;
    uint32_t lead_in_ms; /* get-ready countdown before step 0 (scaled) */
    uint64_t total_ms;   /* lead-in + every step */
};

/* speed > 0 divides every duration (20 plays twenty times as fast); lead_in_ms
 * is unscaled, like the routine's durations. Each duration is rounded to whole
 * ms once (at least 1 ms) and starts are sums of those integers, so nothing
 * drifts. False when r has no steps or speed is not a positive finite number;
 * *out is zeroed then, so timeline_finish() on it is fine either way. */
bool timeline_init(const struct routine *r, double speed, uint32_t lead_in_ms,
                   struct timeline *out);
void timeline_finish(struct timeline *t); /* NULL and a zeroed timeline are fine */

/* Routine ms as played at `speed`, rounded to whole ms: the one rounding the
 * timeline and the engine's countdowns share. */
uint64_t timeline_scale(double speed, uint64_t ms);

/* The routine phase step s plays; NULL for a transition. */
const struct routine_phase *timeline_step_phase(const struct routine *r,
                                                const struct timeline_step *s);
/* "phase", "change-strip", "repeat-strip", "change-side": stable names for
 * transcripts and plan --json. */
const char *step_kind_name(enum step_kind k);

/* Both steps at one ball position (side, strip, pass, position). */
bool timeline_same_position(const struct timeline_step *a, const struct timeline_step *b);
/* Both steps in one pass of one strip on one side. */
bool timeline_same_pass(const struct timeline_step *a, const struct timeline_step *b);

/* Planned session length: the timeline's total at speed 1 without a lead-in
 * (every phase at every position, sides x passes, the move phase left out
 * after the last position of a pass, and the transitions between passes,
 * strips and sides); 0 when r has no steps. */
uint64_t routine_total_ms(const struct routine *r);
