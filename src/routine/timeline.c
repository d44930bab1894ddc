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

/* Every phase step, and a transition before every pass but the first. */
static size_t count_steps(const struct routine *r)
{
    size_t n = 0, passes = 0;
    for (size_t s = 0; s < r->n_strips; s++) {
        n += steps_per_pass(r, &r->strips[s]) * r->strips[s].passes;
        passes += r->strips[s].n_positions ? r->strips[s].passes : 0;
    }
    passes *= r->n_sides;
    return n * r->n_sides + (passes ? passes - 1 : 0);
}

/* Where a step is in the routine; its length and start are added by add_pass(). */
struct step_place {
    size_t side_index, strip;
    unsigned pass;
};

/* The timeline being built: steps[0..k), session time t at the end. */
struct builder {
    const struct routine *r;
    double speed;
    struct timeline_step *steps;
    size_t k;
    uint64_t t;
};

/* Appends s, lasting routine_ms (scaled here, at least 1 ms). */
static void append(struct builder *b, struct timeline_step s, uint32_t routine_ms)
{
    uint64_t d = timeline_scale(b->speed, routine_ms);
    if (d == 0)
        d = 1;
    if (d > UINT32_MAX)
        d = UINT32_MAX;
    s.routine_ms = routine_ms;
    s.duration_ms = (uint32_t)d;
    s.start_ms = b->t;
    b->steps[b->k++] = s;
    b->t += d;
}

/* The change that leads into `first` (the first step of a pass) from the
 * step before it, placed where `first` is. */
static void add_transition(struct builder *b, struct timeline_step first)
{
    const struct timeline_step *prev = &b->steps[b->k - 1];
    const struct routine_transitions *tr = &b->r->transitions;
    first.kind = prev->side_index != first.side_index ? STEP_CHANGE_SIDE
                 : prev->strip != first.strip         ? STEP_CHANGE_STRIP
                                                      : STEP_REPEAT_STRIP;
    first.phase = TIMELINE_NO_PHASE;
    first.countdown = TIMELINE_TRANSITION_COUNTDOWN;
    append(b, first, first.kind == STEP_CHANGE_SIDE ? tr->side_ms : tr->strip_ms);
}

/* The steps of one pass of one strip, led into by a transition unless it is
 * the session's first. */
static void add_pass(struct builder *b, struct step_place at)
{
    const struct routine *r = b->r;
    const struct routine_strip *st = &r->strips[at.strip];
    for (size_t pos = 0; pos < st->n_positions; pos++) {
        bool last = pos + 1 == st->n_positions;
        struct timeline_step s = {
            .kind = STEP_PHASE,
            .side_index = at.side_index,
            .side = r->sides[at.side_index],
            .strip = at.strip,
            .pass = at.pass,
            .position = pos,
            .cm = st->positions_cm[pos],
            .next_cm = last ? -1.0 : st->positions_cm[pos + 1],
        };
        if (pos == 0 && b->k > 0)
            add_transition(b, s);
        for (size_t ph = 0; ph < r->n_phases; ph++) {
            if (last && r->phases[ph].kind == PHASE_MOVE)
                continue;
            s.phase = ph;
            s.countdown = r->phases[ph].countdown;
            append(b, s, r->phases[ph].duration_ms);
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
    struct builder b = {
        .r = r,
        .speed = speed,
        .steps = xcalloc(n, sizeof *b.steps),
        .t = timeline_scale(speed, lead_in_ms),
    };
    for (size_t sd = 0; sd < r->n_sides; sd++)
        for (size_t s = 0; s < r->n_strips; s++)
            for (unsigned pass = 0; pass < r->strips[s].passes; pass++)
                add_pass(&b, (struct step_place){sd, s, pass});
    out->steps = b.steps;
    out->n_steps = b.k;
    out->lead_in_ms = (uint32_t)timeline_scale(speed, lead_in_ms);
    out->total_ms = b.t;
    return true;
}

void timeline_finish(struct timeline *t)
{
    if (!t)
        return;
    free(t->steps);
    memset(t, 0, sizeof *t);
}

const struct routine_phase *timeline_step_phase(const struct routine *r,
                                                const struct timeline_step *s)
{
    return s->kind == STEP_PHASE && s->phase < r->n_phases ? &r->phases[s->phase] : NULL;
}

const char *step_kind_name(enum step_kind k)
{
    switch (k) {
    case STEP_PHASE: return "phase";
    case STEP_CHANGE_STRIP: return "change-strip";
    case STEP_REPEAT_STRIP: return "repeat-strip";
    case STEP_CHANGE_SIDE: return "change-side";
    }
    return "?";
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
