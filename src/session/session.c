/* session.c - see session.h. Every control holds the audio stream still
 * while it reads the clock, moves the engine and re-places the sound, so the
 * cues land where the engine says; the events are taken in after the lock is
 * let go, and the history (a file written and fsynced) is written outside it
 * too, so that the mixing thread never waits on the disk.
 *
 * The history line is written at the start, again after every ball
 * position, at the end and when a rating comes (history.h says how each
 * write is atomic). A write that fails in the middle is tried again at the
 * next position, quietly; only the end's failure is said (once), since a
 * later write that works makes the record whole again. */
#include "session/session.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "session/history.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

struct session {
    const struct routine *routine;
    struct audio *audio;
    struct engine *engine;
    struct progress progress;
    double speed;
    bool started;
    int64_t started_unix; /* wall clock, only for the history's "started" */
    uint64_t now;         /* the session clock at the last update or control */
    uint64_t clock_start, clock_end;
    uint64_t elapsed_ms;  /* session time played, once ended */
    const char *ended_by; /* NULL until recorded */
    /* What controls brought about since the last update: the screens call
     * a control from an input handler and take its consequences (a skip over
     * the last phase ends the session) in their next update. */
    enum session_change pending;
    /* The history line: its session id, where it goes (NULL: nowhere),
     * the routine's absolute path (taken at the start, while the file is
     * there), the ratings, and whether a failure was said already. */
    char history_id[HISTORY_ID_SIZE];
    char *history_path;
    char *routine_path;
    struct history_rating before, after;
    bool history_warned;
    /* A progress record waits for session_flush(): written after the frame
     * that shows the change, not between its deadline and that frame. */
    bool save_due;
};

struct session *session_create(const struct routine *r, struct audio *a,
                               const struct engine_options *opt)
{
    struct engine_options o;
    if (opt)
        o = *opt;
    else
        engine_default_options(&o);
    struct engine *e = engine_create(r, &o);
    if (!e)
        return NULL;
    struct session *s = xcalloc(1, sizeof *s);
    s->routine = r;
    s->audio = a;
    s->engine = e;
    s->speed = o.speed;
    progress_init(&s->progress, r);
    return s;
}

void session_destroy(struct session *s)
{
    if (!s)
        return;
    session_flush(s);
    progress_finish(&s->progress);
    engine_destroy(s->engine);
    free(s->history_path);
    free(s->routine_path);
    free(s);
}

void session_set_audio(struct session *s, struct audio *a) { s->audio = a; }

/* Writes the session's history line as it stands now. */
static void save(struct session *s, uint64_t now)
{
    s->save_due = false;
    if (!s->history_path)
        return;
    const struct routine *r = s->routine;
    struct history_entry e;
    uint64_t elapsed = s->ended_by ? s->elapsed_ms : engine_elapsed_ms(s->engine, now);
    progress_history_entry(&s->progress, s->started_unix, elapsed, s->ended_by, &e);
    e.session = s->history_id;
    e.routine_file = s->routine_path;
    e.title = r->title;
    e.target = r->target;
    for (size_t i = 0; i < r->n_sides && i < 2; i++)
        e.sides[e.n_sides++] = routine_side_name(r->sides[i]);
    e.before = s->before;
    e.after = s->after;
    struct history_error why;
    if (history_write(s->history_path, &e, &why))
        log_info("history: %zu of %zu positions recorded", e.positions_done, e.positions_total);
    else if (s->ended_by && !s->history_warned) {
        history_warn(s->history_path, &why); /* a failed write is never fatal */
        s->history_warned = true;
    }
}

/* The first line, at the start. */
static void open_record(struct session *s)
{
    s->started_unix = (int64_t)time(NULL);
    history_new_session_id(s->started_unix, s->history_id);
    s->routine_path = history_absolute_path(s->routine->file);
    s->history_path = history_default_path();
    if (!s->history_path)
        log_warn("%s", _("no HOME or XDG_STATE_HOME: the session is not recorded"));
    s->save_due = true;
}

void session_flush(struct session *s)
{
    if (s->save_due)
        save(s, s->now);
}

/* The end, once; only a started session has one. */
static void record(struct session *s, const char *ended_by, uint64_t now)
{
    if (!s->started || s->ended_by)
        return;
    s->ended_by = ended_by;
    s->elapsed_ms = engine_elapsed_ms(s->engine, now);
    s->clock_end = now;
    save(s, now);
}

/* Takes in what the engine has queued: the progress record, and the history
 * when the session ran to its end. */
static enum session_change take_events(struct session *s)
{
    enum session_change ch = SESSION_CHANGED_NOTHING;
    const struct timeline *t = engine_timeline(s->engine);
    struct engine_event ev;
    bool moved = false;
    while (engine_poll_event(s->engine, &ev)) {
        ch |= SESSION_CHANGED_PICTURE;
        progress_note(&s->progress, t, &ev);
        moved |= ev.type == ENGINE_EV_POSITION_DONE;
        if (ev.type == ENGINE_EV_PHASE_START)
            ch |= SESSION_CHANGED_PHASE;
        if (ev.type == ENGINE_EV_SESSION_DONE) {
            record(s, "done", s->now);
            ch |= SESSION_CHANGED_DONE;
        }
    }
    if (moved && !s->ended_by)
        s->save_due = true; /* a kill after the flush keeps this position */
    return ch;
}

typedef void (*engine_op_fn)(struct engine *e, uint64_t now);

/* lock -> now -> engine operation -> sound -> unlock -> events. */
static enum session_change control(struct session *s, engine_op_fn op)
{
    audio_lock(s->audio);
    s->now = audio_clock_ms(s->audio);
    op(s->engine, s->now);
    if (engine_state(s->engine) == ENGINE_PAUSED)
        audio_clear(s->audio);
    else
        audio_schedule_from_engine(s->audio, s->engine, s->now);
    audio_unlock(s->audio);
    enum session_change ch = take_events(s);
    s->pending |= ch;
    return ch;
}

/* A session under way: started and not yet ended (done or quit). */
static bool under_way(const struct session *s) { return s->started && !s->ended_by; }

enum session_change session_start(struct session *s)
{
    if (s->started)
        return SESSION_CHANGED_NOTHING;
    s->started = true;
    enum session_change ch = control(s, engine_start);
    s->clock_start = s->now;
    open_record(s);
    /* The session screen appears with the ball at its first position. */
    ch |= SESSION_CHANGED_PICTURE | SESSION_CHANGED_PHASE;
    s->pending |= ch;
    return ch;
}

enum session_change session_pause(struct session *s)
{
    return session_running(s) ? control(s, engine_pause) : SESSION_CHANGED_NOTHING;
}

enum session_change session_resume(struct session *s)
{
    if (!under_way(s) || engine_state(s->engine) != ENGINE_PAUSED)
        return SESSION_CHANGED_NOTHING;
    return control(s, engine_resume);
}

enum session_change session_toggle_pause(struct session *s)
{
    return session_running(s) ? session_pause(s) : session_resume(s);
}

enum session_change session_skip(struct session *s)
{
    return under_way(s) ? control(s, engine_skip) : SESSION_CHANGED_NOTHING;
}

enum session_change session_back(struct session *s)
{
    return under_way(s) ? control(s, engine_back) : SESSION_CHANGED_NOTHING;
}

void session_end(struct session *s, const char *ended_by)
{
    if (!s->started)
        return;
    audio_lock(s->audio);
    uint64_t now = audio_clock_ms(s->audio);
    enum engine_state st = engine_state(s->engine);
    if (st != ENGINE_DONE && st != ENGINE_STOPPED)
        engine_stop(s->engine, now);
    audio_clear(s->audio);
    audio_unlock(s->audio);
    /* What the stop brought due is not taken in: the record is of what the
     * user saw happen, and nothing changes after it. */
    struct engine_event ev;
    while (engine_poll_event(s->engine, &ev))
        continue;
    s->now = now;
    record(s, ended_by, now);
}

enum session_change session_update(struct session *s)
{
    /* The clock goes on after the end (the summary screen, a script's
     * waits), the record does not. */
    s->now = audio_clock_ms(s->audio);
    enum session_change ch = s->pending;
    s->pending = SESSION_CHANGED_NOTHING;
    if (s->ended_by)
        return ch;
    engine_update(s->engine, s->now);
    return ch | take_events(s);
}

bool session_muted(const struct session *s) { return audio_muted(s->audio); }
void session_set_muted(struct session *s, bool muted) { audio_set_muted(s->audio, muted); }

uint64_t session_now(const struct session *s) { return audio_clock_ms(s->audio); }
uint64_t session_last_now(const struct session *s) { return s->now; }

uint64_t session_next_deadline(const struct session *s)
{
    return engine_next_deadline(s->engine, s->now);
}

bool session_started(const struct session *s) { return s->started; }

bool session_running(const struct session *s)
{
    enum engine_state st = engine_state(s->engine);
    return st == ENGINE_LEAD_IN || st == ENGINE_RUNNING;
}

const char *session_ended_by(const struct session *s) { return s->ended_by; }

const char *session_history_id(const struct session *s) { return s->history_id; }

static void rate(struct session *s, struct history_rating *r, int value)
{
    *r = (value >= 0 && value <= 10) ? (struct history_rating){true, (unsigned char)value}
                                     : (struct history_rating){0};
    if (s->started)
        save(s, s->now);
}

void session_rate_before(struct session *s, int value) { rate(s, &s->before, value); }
void session_rate_after(struct session *s, int value) { rate(s, &s->after, value); }

uint64_t session_elapsed_ms(const struct session *s)
{
    return s->ended_by ? s->elapsed_ms : engine_elapsed_ms(s->engine, s->now);
}

uint64_t session_clock_taken_ms(const struct session *s)
{
    if (!s->started)
        return 0;
    uint64_t end = s->ended_by ? s->clock_end : s->now;
    return end > s->clock_start ? end - s->clock_start : 0;
}

double session_speed(const struct session *s) { return s->speed; }

uint64_t session_to_routine_ms(const struct session *s, uint64_t timeline_ms)
{
    return (uint64_t)llround((double)timeline_ms * s->speed);
}

const struct engine *session_engine(const struct session *s) { return s->engine; }
const struct progress *session_progress(const struct session *s) { return &s->progress; }
const struct routine *session_routine(const struct session *s) { return s->routine; }
