/* timeline.h - what a routine expands to, step by step: every phase at every
 * ball position of every pass of every strip on every side, with its planned
 * start in session time. The engine plays it against a clock; `check`, `plan`
 * and the validator's session length read it, so none of them can count a
 * routine differently. Pure: no clock, no I/O. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "routine/routine.h"

/* One phase at one ball position of one pass of one strip on one side. The
 * "move" phase is left out after the last position of a pass. */
struct timeline_step {
    size_t side_index; /* 0 .. n_sides-1, in the routine's order */
    enum routine_side side;
    size_t strip;    /* index into routine->strips */
    unsigned pass;   /* 0-based */
    size_t position; /* index into strip->positions_cm */
    double cm;
    double next_cm;  /* the next position in this pass, or -1 after the last */
    size_t phase;    /* index into routine->phases */
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

/* Both steps at one ball position (side, strip, pass, position). */
bool timeline_same_position(const struct timeline_step *a, const struct timeline_step *b);
/* Both steps in one pass of one strip on one side. */
bool timeline_same_pass(const struct timeline_step *a, const struct timeline_step *b);

/* Planned session length: the timeline's total at speed 1 without a lead-in
 * (every phase at every position, sides x passes, the move phase left out
 * after the last position of a pass); 0 when r has no steps. */
uint64_t routine_total_ms(const struct routine *r);
