/* progress.c - see progress.h. The slots are laid out side by side, strip by
 * strip, and within a strip pass by pass, each strip getting exactly
 * passes x positions slots: strip_base[] says where each (side, strip) starts,
 * so no strip pays for the longest one and no pass count is assumed. */
#include "session/progress.h"

#include <stdlib.h>

#include "util/util.h"

void progress_init(struct progress *p, const struct routine *r)
{
    *p = (struct progress){.routine = r};
    size_t n_strips = r->n_sides * r->n_strips;
    p->strip_base = xcalloc(n_strips, sizeof p->strip_base[0]);
    size_t n = 0;
    for (size_t i = 0; i < n_strips; i++) {
        const struct routine_strip *st = &r->strips[i % r->n_strips];
        p->strip_base[i] = n;
        n += (size_t)st->passes * st->n_positions;
    }
    p->n_slots = n;
    p->status = xcalloc(n, sizeof p->status[0]);
}

void progress_finish(struct progress *p)
{
    if (!p)
        return;
    free(p->status);
    free(p->strip_base);
    *p = (struct progress){0};
}

/* The slot of one position, or false when any index is out of range. */
static bool slot(const struct progress *p, size_t side_index, size_t strip, unsigned pass,
                 size_t position, size_t *out)
{
    const struct routine *r = p->routine;
    if (!p->status || side_index >= r->n_sides || strip >= r->n_strips)
        return false;
    const struct routine_strip *st = &r->strips[strip];
    if (pass >= st->passes || position >= st->n_positions)
        return false;
    *out = p->strip_base[side_index * r->n_strips + strip] + pass * st->n_positions + position;
    return true;
}

void progress_note(struct progress *p, const struct timeline *t, const struct engine_event *ev)
{
    switch (ev->type) {
    case ENGINE_EV_PHASE_END:
        if (!ev->skipped)
            p->steps_done++;
        break;
    case ENGINE_EV_POSITION_DONE: {
        if (ev->step >= t->n_steps)
            break;
        const struct timeline_step *st = &t->steps[ev->step];
        size_t i;
        /* The last word counts: a position skipped, then gone back to and
         * done, is done (and the other way round). */
        if (slot(p, st->side_index, st->strip, st->pass, st->position, &i))
            p->status[i] = ev->skipped ? POS_SKIPPED : POS_DONE;
        break;
    }
    default:
        break;
    }
}

enum pos_status progress_status(const struct progress *p, size_t side_index, size_t strip,
                                unsigned pass, size_t position)
{
    size_t i;
    if (!slot(p, side_index, strip, pass, position, &i))
        return POS_NONE;
    return (enum pos_status)p->status[i];
}

static void count_range(const struct progress *p, size_t from, size_t to, size_t *done,
                        size_t *skipped)
{
    *done = *skipped = 0;
    for (size_t i = from; i < to; i++) {
        *done += p->status[i] == POS_DONE;
        *skipped += p->status[i] == POS_SKIPPED;
    }
}

void progress_count(const struct progress *p, size_t *done, size_t *skipped)
{
    count_range(p, 0, p->n_slots, done, skipped);
}

void progress_strip_count(const struct progress *p, size_t side_index, size_t strip,
                          size_t *done, size_t *skipped)
{
    const struct routine *r = p->routine;
    *done = *skipped = 0;
    if (!p->status || side_index >= r->n_sides || strip >= r->n_strips)
        return;
    size_t from = p->strip_base[side_index * r->n_strips + strip];
    const struct routine_strip *st = &r->strips[strip];
    count_range(p, from, from + (size_t)st->passes * st->n_positions, done, skipped);
}

void progress_history_entry(const struct progress *p, int64_t started_unix, uint64_t elapsed_ms,
                            const char *ended_by, struct history_entry *out)
{
    *out = (struct history_entry){
        .routine_id = p->routine->id,
        .routine_file = p->routine->file,
        .started_unix = started_unix,
        .elapsed_ms = elapsed_ms,
        .positions_total = routine_total_positions(p->routine),
        .ended_by = ended_by,
    };
    progress_count(p, &out->positions_done, &out->positions_skipped);
}
