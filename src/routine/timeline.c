/* timeline.c - a validated routine expanded into its steps (see timeline.h).
 * The expansion is written once, here: the session's length, the plan and
 * what the engine plays all come from it. */
#include "routine/timeline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

uint64_t timeline_scale(double speed, uint64_t ms)
{
    return (uint64_t)llround((double)ms / speed);
}

static size_t steps_per_pass(const struct routine *r, const struct routine_strip *st)
{
    if (st->n_positions == 0)
        return 0;
    size_t moves = 0;
    for (size_t p = 0; p < r->n_phases; p++)
        moves += r->phases[p].kind == PHASE_MOVE;
    return st->n_positions * r->n_phases - moves;
}

static size_t count_steps(const struct routine *r)
{
    size_t n = 0;
    for (size_t s = 0; s < r->n_strips; s++)
        n += steps_per_pass(r, &r->strips[s]) * r->strips[s].passes;
    return n * r->n_sides;
}

/* Where a step is in the routine; its length and start are added by add_pass(). */
struct step_place {
    size_t side_index, strip;
    unsigned pass;
};

/* The steps of one pass of one strip from steps[*k] on; t: session time. */
static void add_pass(const struct routine *r, double speed, struct step_place at,
                     struct timeline_step *steps, size_t *k, uint64_t *t)
{
    const struct routine_strip *st = &r->strips[at.strip];
    for (size_t pos = 0; pos < st->n_positions; pos++) {
        bool last = pos + 1 == st->n_positions;
        for (size_t ph = 0; ph < r->n_phases; ph++) {
            if (last && r->phases[ph].kind == PHASE_MOVE)
                continue;
            uint64_t d = timeline_scale(speed, r->phases[ph].duration_ms);
            if (d == 0)
                d = 1;
            if (d > UINT32_MAX)
                d = UINT32_MAX;
            steps[(*k)++] = (struct timeline_step){
                .side_index = at.side_index,
                .side = r->sides[at.side_index],
                .strip = at.strip,
                .pass = at.pass,
                .position = pos,
                .cm = st->positions_cm[pos],
                .next_cm = last ? -1.0 : st->positions_cm[pos + 1],
                .phase = ph,
                .duration_ms = (uint32_t)d,
                .start_ms = *t,
            };
            *t += d;
        }
    }
}

bool timeline_init(const struct routine *r, double speed, uint32_t lead_in_ms,
                   struct timeline *out)
{
    memset(out, 0, sizeof *out);
    if (!r || !(speed > 0) || !isfinite(speed) || r->n_phases == 0 || r->n_sides == 0)
        return false;
    size_t n = count_steps(r);
    if (n == 0)
        return false;
    struct timeline_step *steps = xcalloc(n, sizeof *steps);
    uint64_t t = timeline_scale(speed, lead_in_ms);
    size_t k = 0;
    for (size_t sd = 0; sd < r->n_sides; sd++)
        for (size_t s = 0; s < r->n_strips; s++)
            for (unsigned pass = 0; pass < r->strips[s].passes; pass++)
                add_pass(r, speed, (struct step_place){sd, s, pass}, steps, &k, &t);
    out->steps = steps;
    out->n_steps = k;
    out->lead_in_ms = (uint32_t)timeline_scale(speed, lead_in_ms);
    out->total_ms = t;
    return true;
}

void timeline_finish(struct timeline *t)
{
    if (!t)
        return;
    free(t->steps);
    memset(t, 0, sizeof *t);
}

bool timeline_same_position(const struct timeline_step *a, const struct timeline_step *b)
{
    return timeline_same_pass(a, b) && a->position == b->position;
}

bool timeline_same_pass(const struct timeline_step *a, const struct timeline_step *b)
{
    return a->side_index == b->side_index && a->strip == b->strip && a->pass == b->pass;
}

uint64_t routine_total_ms(const struct routine *r)
{
    struct timeline t;
    uint64_t total = timeline_init(r, 1.0, 0, &t) ? t.total_ms : 0;
    timeline_finish(&t);
    return total;
}
