/* control.c - see control.h. Every control runs as
 *     lock audio -> now -> engine operation -> schedule sound -> events
 * so that sound and picture agree, and the events land in the position
 * record at once. The history entry is written once, when the session ends
 * (run to its end, or ended by the user, the window or a signal). */
#include "app/screens/control.h"

#include <stdlib.h>
#include <time.h>

#include "session/history.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

struct control {
    const struct routine *routine;
    struct audio *audio;
    struct engine *engine;
    struct control_progress progress;
    unsigned changes; /* enum session_change bits since the last update */

    bool started;
    int64_t started_unix;
    uint64_t clock_start, clock_end; /* session clock at start and end, for time taken */
    uint64_t elapsed_ms;             /* session time played when it ended */
    const char *ended_by;            /* NULL while it goes on */
};

/* ---- the position record --------------------------------------------- */

static size_t n_slots(const struct control_progress *p)
{
    return p->routine->n_sides * p->routine->n_strips * 2 * p->max_positions;
}

static size_t slot(const struct control_progress *p, size_t side, size_t strip, unsigned pass,
                   size_t position)
{
    return ((side * p->routine->n_strips + strip) * 2 + pass) * p->max_positions + position;
}

static void record_init(struct control_progress *p, const struct routine *r)
{
    *p = (struct control_progress){.routine = r, .max_positions = 1};
    for (size_t i = 0; i < r->n_strips; i++)
        if (r->strips[i].n_positions > p->max_positions)
            p->max_positions = r->strips[i].n_positions;
    p->status = xcalloc(n_slots(p), 1);
}

static void record_finish(struct control_progress *p)
{
    free(p->status);
    p->status = NULL;
}

static void record_note(struct control_progress *p, const struct timeline *t,
                        const struct engine_event *ev)
{
    const struct timeline_step *st = ev->step < t->n_steps ? &t->steps[ev->step] : NULL;
    if (ev->type == ENGINE_EV_PHASE_END && !ev->skipped)
        p->steps_done++;
    else if (ev->type == ENGINE_EV_POSITION_DONE && st)
        p->status[slot(p, st->side_index, st->strip, st->pass, st->position)] =
            ev->skipped ? POS_SKIPPED : POS_DONE;
}

enum pos_status control_progress_status(const struct control_progress *p, size_t side_index,
                                        size_t strip, unsigned pass, size_t position)
{
    const struct routine *r = p->routine;
    if (side_index >= r->n_sides || strip >= r->n_strips || pass >= 2 ||
        position >= p->max_positions)
        return POS_NONE;
    return (enum pos_status)p->status[slot(p, side_index, strip, pass, position)];
}

void control_progress_count(const struct control_progress *p, size_t *done, size_t *skipped)
{
    *done = *skipped = 0;
    for (size_t i = 0; i < n_slots(p); i++) {
        *done += p->status[i] == POS_DONE;
        *skipped += p->status[i] == POS_SKIPPED;
    }
}

/* ---- the controller ---------------------------------------------------- */

struct control *control_create(const struct routine *r, struct audio *a,
                               const struct engine_options *opt)
{
    struct engine *e = engine_create(r, opt);
    if (!e)
        return NULL;
    struct control *c = xcalloc(1, sizeof *c);
    c->routine = r;
    c->audio = a;
    c->engine = e;
    record_init(&c->progress, r);
    return c;
}

void control_destroy(struct control *c)
{
    if (!c)
        return;
    record_finish(&c->progress);
    engine_destroy(c->engine);
    free(c);
}

void control_set_audio(struct control *c, struct audio *a) { c->audio = a; }

static void record_history(struct control *c, const char *ended_by, uint64_t now)
{
    if (!c->started || c->ended_by)
        return;
    c->ended_by = ended_by;
    c->elapsed_ms = engine_elapsed_ms(c->engine, now);
    c->clock_end = now;
    struct history_entry e = {
        .routine_id = c->routine->id,
        .routine_file = c->routine->file,
        .started_unix = c->started_unix,
        .elapsed_ms = c->elapsed_ms,
        .positions_total = routine_total_positions(c->routine),
        .ended_by = ended_by,
    };
    control_progress_count(&c->progress, &e.positions_done, &e.positions_skipped);
    char *path = history_default_path();
    if (path)
        history_append(path, &e); /* a failed write is its own warning, never fatal */
    else
        log_warn("%s", _("no HOME or XDG_STATE_HOME: the session is not recorded"));
    free(path);
}

/* Takes in what the engine has queued: the record, and what the screens
 * must hear of at the next update. */
static void take_events(struct control *c, uint64_t now)
{
    const struct timeline *t = engine_timeline(c->engine);
    struct engine_event ev;
    while (engine_poll_event(c->engine, &ev)) {
        c->changes |= SESSION_CHANGED_PICTURE;
        record_note(&c->progress, t, &ev);
        if (ev.type == ENGINE_EV_PHASE_START) {
            c->changes |= SESSION_CHANGED_PHASE;
        } else if (ev.type == ENGINE_EV_SESSION_DONE) {
            record_history(c, "done", now);
            c->changes |= SESSION_CHANGED_DONE;
        }
    }
}

typedef void (*engine_op_fn)(struct engine *e, uint64_t now);

/* Runs an engine control at one stream position and re-places the sound. */
static void run(struct control *c, engine_op_fn op)
{
    audio_lock(c->audio);
    uint64_t now = audio_clock_ms(c->audio);
    op(c->engine, now);
    if (engine_state(c->engine) == ENGINE_PAUSED)
        audio_clear(c->audio);
    else
        audio_schedule_from_engine(c->audio, c->engine, now);
    audio_unlock(c->audio);
    take_events(c, now);
}

void control_start(struct control *c)
{
    c->started = true;
    c->started_unix = (int64_t)time(NULL);
    c->clock_start = audio_clock_ms(c->audio);
    run(c, engine_start);
}

void control_pause(struct control *c) { run(c, engine_pause); }
void control_resume(struct control *c) { run(c, engine_resume); }
void control_skip(struct control *c) { run(c, engine_skip); }
void control_back(struct control *c) { run(c, engine_back); }

void control_toggle_pause(struct control *c)
{
    enum engine_state st = engine_state(c->engine);
    if (st == ENGINE_PAUSED)
        control_resume(c);
    else if (st == ENGINE_RUNNING || st == ENGINE_LEAD_IN)
        control_pause(c);
}

void control_end(struct control *c, const char *ended_by)
{
    if (!c->started)
        return;
    uint64_t now = audio_clock_ms(c->audio);
    record_history(c, ended_by, now);
    audio_lock(c->audio);
    enum engine_state st = engine_state(c->engine);
    if (st != ENGINE_DONE && st != ENGINE_STOPPED)
        engine_stop(c->engine, now);
    audio_clear(c->audio);
    audio_unlock(c->audio);
}

enum session_change control_update(struct control *c)
{
    uint64_t now = audio_clock_ms(c->audio);
    engine_update(c->engine, now);
    take_events(c, now);
    enum session_change ch = (enum session_change)c->changes;
    c->changes = 0;
    return ch;
}

uint64_t control_now(const struct control *c) { return audio_clock_ms(c->audio); }

uint64_t control_next_deadline(const struct control *c)
{
    return engine_next_deadline(c->engine, audio_clock_ms(c->audio));
}

bool control_started(const struct control *c) { return c->started; }

bool control_running(const struct control *c)
{
    enum engine_state st = engine_state(c->engine);
    return st == ENGINE_RUNNING || st == ENGINE_LEAD_IN;
}

const char *control_ended_by(const struct control *c) { return c->ended_by; }

uint64_t control_elapsed_ms(const struct control *c)
{
    if (c->ended_by)
        return c->elapsed_ms;
    return c->started ? engine_elapsed_ms(c->engine, control_now(c)) : 0;
}

uint64_t control_clock_taken_ms(const struct control *c)
{
    uint64_t end = c->ended_by ? c->clock_end : c->started ? control_now(c) : 0;
    return end > c->clock_start ? end - c->clock_start : 0;
}

const struct engine *control_engine(const struct control *c) { return c->engine; }
const struct control_progress *control_progress(const struct control *c) { return &c->progress; }
const struct routine *control_routine(const struct control *c) { return c->routine; }
bool control_muted(const struct control *c) { return audio_muted(c->audio); }
void control_set_muted(struct control *c, bool muted) { audio_set_muted(c->audio, muted); }
