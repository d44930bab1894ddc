/* engine.c - the session engine (see engine.h).
 *
 * How it keeps time: the timeline gives every step a planned start in session
 * time (integer ms). While running, session time t happens at caller time
 * base + t; a pause freezes session time at `held` and a resume moves `base`
 * on by the time spent paused (plus the lead-in), so every boundary is one
 * addition away from the plan and nothing is summed from frame deltas.
 *
 * How it emits events: the future is one deterministic sequence, walked by a
 * cursor (gen()). engine_update() moves the real cursor over every event due
 * by `now`; engine_predict() walks a copy. Both use the same walk, so what is
 * predicted is exactly what gets delivered. */
#include "engine/engine.h"

#include <math.h>
#include <stdlib.h>

#include "util/log.h"
#include "util/util.h"

/* Where the walk is. In a lead-in, lead_j counts its events (0: LEAD_IN,
 * 1..K: ticks K..1); then the walk goes on in step i at sub-event j
 * (0: PHASE_START, 1..N: ticks N..1, N+1: PHASE_END, N+2..N+5: the done
 * events, each only where it applies). */
struct cursor {
    bool in_lead;
    unsigned lead_j;
    size_t i;
    unsigned j;
};

struct engine {
    const struct routine *r;
    struct engine_options opt;
    struct timeline tl;
    enum engine_state state;
    struct cursor cur;
    int64_t base;        /* caller time of session time 0 */
    uint64_t held;       /* session time while paused, stopped or in a resume lead-in */
    bool lead_frozen;    /* the lead-in holds session time at `held` (not the timeline's own) */
    uint64_t lead_start, lead_end;
    unsigned lead_secs;  /* whole seconds of a lead-in (routine seconds) */
    uint64_t grace_ms;   /* back_grace_ms, scaled */
    uint64_t last_now;   /* the latest time seen: a clock that steps back cannot reorder events */
    struct engine_event *q;
    size_t q_head, q_len, q_cap;
};

/* PHASE_END is sub-event N + 1 of a step with N ticks. */
enum { J_END_OFFSET = 1 };

/* ---- step relations ---- */

/* Does step i close its position / strip pass / side / session? */
static bool closes(const struct engine *e, size_t i, enum engine_event_type what)
{
    const struct timeline_step *s = &e->tl.steps[i];
    if (i + 1 >= e->tl.n_steps)
        return true;
    const struct timeline_step *n = s + 1;
    switch (what) {
    case ENGINE_EV_POSITION_DONE: return !timeline_same_position(s, n);
    case ENGINE_EV_STRIP_DONE: return !timeline_same_pass(s, n);
    case ENGINE_EV_SIDE_DONE: return s->side_index != n->side_index;
    default: return false;
    }
}

static size_t position_first(const struct engine *e, size_t i)
{
    while (i > 0 && timeline_same_position(&e->tl.steps[i - 1], &e->tl.steps[i]))
        i--;
    return i;
}

/* A step's whole seconds as the routine says them (what PHASE_START carries). */
static unsigned step_seconds(const struct engine *e, size_t i)
{
    return (unsigned)(((uint64_t)e->tl.steps[i].routine_ms + 999) / 1000);
}

/* Countdown ticks a step can have: never more than its whole seconds. */
static unsigned step_countdown(const struct engine *e, size_t i)
{
    unsigned n = e->tl.steps[i].countdown, secs = step_seconds(e, i);
    return n < secs ? n : secs;
}

static uint64_t step_time(const struct engine *e, uint64_t session_ms)
{
    return (uint64_t)(e->base + (int64_t)session_ms);
}

/* ---- the walk ---- */

static struct engine_event make_ev(enum engine_event_type type, uint64_t t, size_t step, int value)
{
    return (struct engine_event){.type = type, .time_ms = t, .step = step, .value = value};
}

/* One lead-in event at c (advancing it), false when the lead-in has none left. */
static bool gen_lead(const struct engine *e, struct cursor *c, struct engine_event *ev)
{
    while (c->lead_j <= e->lead_secs) {
        unsigned j = c->lead_j++;
        if (j == 0) {
            *ev = make_ev(ENGINE_EV_LEAD_IN, e->lead_start, c->i, (int)e->lead_secs);
            ev->lead_in = true;
            return true;
        }
        unsigned k = e->lead_secs - (j - 1);
        uint64_t off = timeline_scale(e->opt.speed, (uint64_t)k * 1000);
        if (off > e->lead_end - e->lead_start)
            continue;
        *ev = make_ev(ENGINE_EV_TICK, e->lead_end - off, c->i, (int)k);
        ev->lead_in = true;
        return true;
    }
    return false;
}

/* One step event at c (advancing it), false after the session's last. */
static bool gen_step(const struct engine *e, struct cursor *c, struct engine_event *ev)
{
    while (c->i < e->tl.n_steps) {
        const struct timeline_step *s = &e->tl.steps[c->i];
        unsigned n = step_countdown(e, c->i);
        uint64_t start = step_time(e, s->start_ms), end = start + s->duration_ms;
        unsigned j = c->j++;
        if (j == 0) {
            *ev = make_ev(ENGINE_EV_PHASE_START, start, c->i, (int)step_seconds(e, c->i));
            return true;
        }
        if (j <= n) {
            unsigned k = n - (j - 1);
            uint64_t off = timeline_scale(e->opt.speed, (uint64_t)k * 1000);
            if (off > s->duration_ms)
                continue;
            *ev = make_ev(ENGINE_EV_TICK, end - off, c->i, (int)k);
            return true;
        }
        static const enum engine_event_type done[] = {
            ENGINE_EV_PHASE_END, ENGINE_EV_POSITION_DONE, ENGINE_EV_STRIP_DONE,
            ENGINE_EV_SIDE_DONE, ENGINE_EV_SESSION_DONE,
        };
        unsigned d = j - n - J_END_OFFSET;
        if (d < sizeof done / sizeof done[0]) {
            enum engine_event_type t = done[d];
            if (t != ENGINE_EV_PHASE_END && !closes(e, c->i, t))
                continue;
            *ev = make_ev(t, end, c->i, 0);
            return true;
        }
        c->i++;
        c->j = 0;
    }
    return false;
}

static bool gen(const struct engine *e, struct cursor *c, struct engine_event *ev)
{
    if (c->in_lead && gen_lead(e, c, ev))
        return true;
    c->in_lead = false;
    return gen_step(e, c, ev);
}

static bool tick_too_late(const struct engine *e, const struct engine_event *ev, uint64_t now)
{
    return ev->type == ENGINE_EV_TICK && now > ev->time_ms &&
           now - ev->time_ms > e->opt.tick_late_ms;
}

static void push(struct engine *e, const struct engine_event *ev)
{
    if (e->q_len == e->q_cap) {
        size_t cap = e->q_cap ? e->q_cap * 2 : 64;
        struct engine_event *q = xcalloc(cap, sizeof *q);
        for (size_t k = 0; k < e->q_len; k++)
            q[k] = e->q[(e->q_head + k) % e->q_cap];
        free(e->q);
        e->q = q;
        e->q_cap = cap;
        e->q_head = 0;
    }
    e->q[(e->q_head + e->q_len++) % e->q_cap] = *ev;
}

static bool active(const struct engine *e)
{
    return e->state == ENGINE_LEAD_IN || e->state == ENGINE_RUNNING;
}

/* ---- lifecycle ---- */

void engine_default_options(struct engine_options *o)
{
    *o = (struct engine_options){
        .speed = 1.0, .lead_in_ms = 3000, .back_grace_ms = 3000, .tick_late_ms = 150,
    };
}

struct engine *engine_create(const struct routine *r, const struct engine_options *opt)
{
    struct engine_options o;
    if (opt)
        o = *opt;
    else
        engine_default_options(&o);
    struct timeline tl;
    if (!timeline_init(r, o.speed, o.lead_in_ms, &tl)) {
        log_error("engine: cannot build a timeline (speed %g)", o.speed);
        return NULL;
    }
    struct engine *e = xcalloc(1, sizeof *e);
    e->r = r;
    e->opt = o;
    e->tl = tl;
    e->state = ENGINE_IDLE;
    e->lead_secs = (o.lead_in_ms + 999) / 1000;
    e->grace_ms = timeline_scale(o.speed, o.back_grace_ms);
    return e;
}

void engine_destroy(struct engine *e)
{
    if (!e)
        return;
    timeline_finish(&e->tl);
    free(e->q);
    free(e);
}

const struct timeline *engine_timeline(const struct engine *e) { return &e->tl; }
const struct routine *engine_routine(const struct engine *e) { return e->r; }

const char *engine_event_type_name(enum engine_event_type t)
{
    switch (t) {
    case ENGINE_EV_LEAD_IN: return "lead_in";
    case ENGINE_EV_PHASE_START: return "phase_start";
    case ENGINE_EV_TICK: return "tick";
    case ENGINE_EV_PHASE_END: return "phase_end";
    case ENGINE_EV_POSITION_DONE: return "position_done";
    case ENGINE_EV_STRIP_DONE: return "strip_done";
    case ENGINE_EV_SIDE_DONE: return "side_done";
    case ENGINE_EV_SESSION_DONE: return "session_done";
    }
    return "unknown";
}

/* ---- playing ---- */

static uint64_t not_before(struct engine *e, uint64_t now)
{
    if (now < e->last_now)
        return e->last_now;
    e->last_now = now;
    return now;
}

void engine_update(struct engine *e, uint64_t now)
{
    now = not_before(e, now);
    if (!active(e))
        return;
    struct cursor c = e->cur, next = c;
    struct engine_event ev;
    while (gen(e, &next, &ev) && ev.time_ms <= now) {
        e->cur = c = next;
        if (!tick_too_late(e, &ev, now))
            push(e, &ev);
        if (ev.type == ENGINE_EV_SESSION_DONE) {
            e->state = ENGINE_DONE;
            e->held = e->tl.total_ms;
            return;
        }
    }
    if (e->state == ENGINE_LEAD_IN && (!e->cur.in_lead || now >= e->lead_end)) {
        e->cur.in_lead = false;
        e->state = ENGINE_RUNNING;
    }
}

bool engine_poll_event(struct engine *e, struct engine_event *ev)
{
    if (e->q_len == 0)
        return false;
    *ev = e->q[e->q_head];
    e->q_head = (e->q_head + 1) % e->q_cap;
    e->q_len--;
    return true;
}

/* A lead-in from now that leads into session time `into`; frozen: session
 * time stands still meanwhile (a resume), else it is the timeline's own. */
static void begin_lead(struct engine *e, uint64_t now, uint64_t into, bool frozen)
{
    e->held = into;
    e->lead_frozen = frozen;
    e->lead_start = now;
    e->lead_end = now + e->tl.lead_in_ms;
    e->base = (int64_t)e->lead_end - (int64_t)into;
    e->cur.in_lead = e->tl.lead_in_ms > 0;
    e->cur.lead_j = 0;
    e->state = e->cur.in_lead ? ENGINE_LEAD_IN : ENGINE_RUNNING;
}

void engine_start(struct engine *e, uint64_t now)
{
    if (e->state != ENGINE_IDLE)
        return;
    now = not_before(e, now);
    e->cur = (struct cursor){0};
    begin_lead(e, now, e->tl.steps[0].start_ms, false);
}

static uint64_t session_time(const struct engine *e, uint64_t now)
{
    int64_t t;
    switch (e->state) {
    case ENGINE_IDLE: return 0;
    case ENGINE_DONE: return e->tl.total_ms;
    case ENGINE_PAUSED:
    case ENGINE_STOPPED: return e->held;
    case ENGINE_LEAD_IN:
        if (e->lead_frozen)
            return e->held;
        t = (int64_t)now - e->base;
        return t < 0 ? 0 : (uint64_t)t < e->held ? (uint64_t)t : e->held;
    case ENGINE_RUNNING:
        t = (int64_t)now - e->base;
        return t < 0 ? 0 : (uint64_t)t < e->tl.total_ms ? (uint64_t)t : e->tl.total_ms;
    }
    return 0;
}

void engine_pause(struct engine *e, uint64_t now)
{
    now = not_before(e, now);
    engine_update(e, now);
    if (!active(e))
        return;
    /* In a lead-in, `held` already is where it leads; the rest of it is
     * dropped and resume brings a fresh one. */
    if (e->state == ENGINE_RUNNING)
        e->held = session_time(e, now);
    e->cur.in_lead = false;
    e->state = ENGINE_PAUSED;
}

void engine_resume(struct engine *e, uint64_t now)
{
    if (e->state != ENGINE_PAUSED)
        return;
    now = not_before(e, now);
    begin_lead(e, now, e->held, true);
}

void engine_stop(struct engine *e, uint64_t now)
{
    now = not_before(e, now);
    engine_update(e, now);
    if (e->state == ENGINE_IDLE || e->state == ENGINE_DONE || e->state == ENGINE_STOPPED)
        return;
    e->held = session_time(e, now);
    e->cur.in_lead = false;
    e->state = ENGINE_STOPPED;
}

static void push_now(struct engine *e, enum engine_event_type t, size_t step, uint64_t now)
{
    struct engine_event ev = make_ev(t, now, step, 0);
    ev.skipped = true;
    push(e, &ev);
}

/* Ends the current step at `now` for an operation and moves to the start of
 * `target` (n_steps: past the end). with_done: the step's done events (skip);
 * otherwise only POSITION_DONE when the target lies elsewhere. */
static void cut_to(struct engine *e, size_t target, bool with_done, uint64_t now)
{
    size_t i = e->cur.i;
    unsigned n = step_countdown(e, i);
    bool started = e->cur.j >= 1 && e->cur.j <= n + J_END_OFFSET;
    if (started)
        push_now(e, ENGINE_EV_PHASE_END, i, now);
    if (with_done) {
        static const enum engine_event_type done[] = {
            ENGINE_EV_POSITION_DONE, ENGINE_EV_STRIP_DONE, ENGINE_EV_SIDE_DONE,
        };
        for (size_t k = 0; k < sizeof done / sizeof done[0]; k++)
            if (closes(e, i, done[k]))
                push_now(e, done[k], i, now);
        if (i + 1 >= e->tl.n_steps)
            push_now(e, ENGINE_EV_SESSION_DONE, i, now);
    } else if (started && !timeline_same_position(&e->tl.steps[i], &e->tl.steps[target])) {
        push_now(e, ENGINE_EV_POSITION_DONE, i, now);
    }
    bool in_lead = e->state == ENGINE_LEAD_IN;
    unsigned lead_j = e->cur.lead_j;
    e->cur = (struct cursor){.i = target};
    if (target >= e->tl.n_steps) {
        e->state = ENGINE_DONE;
        e->held = e->tl.total_ms;
        return;
    }
    uint64_t into = e->tl.steps[target].start_ms;
    if (e->state == ENGINE_PAUSED) {
        e->held = into;
    } else if (in_lead) {
        /* The lead-in under way now leads into the target. */
        e->cur.in_lead = true;
        e->cur.lead_j = lead_j;
        e->lead_frozen = e->lead_frozen || target != 0;
        e->held = into;
        e->base = (int64_t)e->lead_end - (int64_t)into;
    } else {
        e->base = (int64_t)now - (int64_t)into;
    }
}

/* Operations act on a session under way (lead-in, running or paused). */
static bool ready_for_op(struct engine *e, uint64_t *now)
{
    *now = not_before(e, *now);
    engine_update(e, *now);
    return active(e) || e->state == ENGINE_PAUSED;
}

void engine_skip(struct engine *e, uint64_t now)
{
    if (!ready_for_op(e, &now))
        return;
    if (e->state == ENGINE_LEAD_IN) {
        /* Skip the get-ready, not a phase: go on now with what it leads into. */
        e->base = (int64_t)now - (int64_t)e->held;
        e->cur.in_lead = false;
        e->lead_frozen = false;
        e->state = ENGINE_RUNNING;
        return;
    }
    cut_to(e, e->cur.i + 1, true, now);
}

void engine_back(struct engine *e, uint64_t now)
{
    if (!ready_for_op(e, &now))
        return;
    size_t p0 = position_first(e, e->cur.i);
    uint64_t st = session_time(e, now), p0_start = e->tl.steps[p0].start_ms;
    uint64_t into = st > p0_start ? st - p0_start : 0;
    size_t target = p0;
    if (p0 > 0 && into < e->grace_ms)
        target = position_first(e, p0 - 1);
    cut_to(e, target, false, now);
}

void engine_restart_strip(struct engine *e, uint64_t now)
{
    if (!ready_for_op(e, &now))
        return;
    size_t i = e->cur.i;
    while (i > 0 && timeline_same_pass(&e->tl.steps[i - 1], &e->tl.steps[e->cur.i]))
        i--;
    cut_to(e, i, false, now);
}

void engine_jump_strip(struct engine *e, size_t strip, uint64_t now)
{
    if (strip >= e->r->n_strips) {
        log_warn("engine: no strip %zu to jump to", strip);
        return;
    }
    if (!ready_for_op(e, &now))
        return;
    size_t side = e->tl.steps[e->cur.i].side_index;
    for (size_t k = 0; k < e->tl.n_steps; k++) {
        const struct timeline_step *s = &e->tl.steps[k];
        if (s->side_index == side && s->strip == strip && s->pass == 0) {
            cut_to(e, k, false, now);
            return;
        }
    }
}

void engine_predict(const struct engine *e, uint64_t now, engine_predict_fn fn, void *user)
{
    if (!active(e))
        return;
    struct cursor c = e->cur;
    struct engine_event ev;
    while (gen(e, &c, &ev)) {
        if (tick_too_late(e, &ev, now))
            continue;
        if (!fn(&ev, user))
            return;
    }
}

/* ---- queries ---- */

/* Whole routine seconds shown for `rem` scaled ms: the smallest k with
 * timeline_scale(k s) >= rem, so the number changes exactly at
 * end - timeline_scale(k s). */
static unsigned shown_seconds(const struct engine *e, uint64_t rem)
{
    if (rem == 0)
        return 0;
    double est = ceil((double)rem * e->opt.speed / 1000.0);
    uint64_t k = est < 1 ? 1 : (uint64_t)est;
    while (k > 1 && timeline_scale(e->opt.speed, (k - 1) * 1000) >= rem)
        k--;
    while (timeline_scale(e->opt.speed, k * 1000) < rem)
        k++;
    return (unsigned)k;
}

static uint64_t lead_remaining(const struct engine *e, uint64_t now)
{
    return now < e->lead_end ? e->lead_end - now : 0;
}

uint32_t engine_lead_in_remaining_ms(const struct engine *e, uint64_t now)
{
    return e->state == ENGINE_LEAD_IN ? (uint32_t)lead_remaining(e, now) : 0;
}

unsigned engine_lead_in_seconds(const struct engine *e)
{
    return e->lead_secs;
}

size_t engine_step_index(const struct engine *e)
{
    return e->cur.i < e->tl.n_steps ? e->cur.i : e->tl.n_steps - 1;
}

const struct timeline_step *engine_step(const struct engine *e)
{
    return &e->tl.steps[engine_step_index(e)];
}

uint32_t engine_phase_remaining_ms(const struct engine *e, uint64_t now)
{
    if (e->state == ENGINE_DONE)
        return 0;
    const struct timeline_step *s = engine_step(e);
    uint64_t st = session_time(e, now), end = s->start_ms + s->duration_ms;
    if (st <= s->start_ms)
        return s->duration_ms;
    return st < end ? (uint32_t)(end - st) : 0;
}

unsigned engine_display_seconds(const struct engine *e, uint64_t now)
{
    if (e->state == ENGINE_LEAD_IN)
        return shown_seconds(e, lead_remaining(e, now));
    if (e->state == ENGINE_DONE || e->state == ENGINE_STOPPED)
        return 0;
    return shown_seconds(e, engine_phase_remaining_ms(e, now));
}

uint64_t engine_next_deadline(const struct engine *e, uint64_t now)
{
    if (!active(e))
        return UINT64_MAX;
    uint64_t best = UINT64_MAX;
    struct cursor c = e->cur;
    struct engine_event ev;
    if (gen(e, &c, &ev))
        best = ev.time_ms;
    uint64_t end, rem;
    if (e->state == ENGINE_LEAD_IN) {
        end = e->lead_end;
        rem = lead_remaining(e, now);
    } else {
        const struct timeline_step *s = engine_step(e);
        end = step_time(e, s->start_ms) + s->duration_ms;
        rem = engine_phase_remaining_ms(e, now);
    }
    unsigned k = shown_seconds(e, rem);
    if (k >= 1) {
        uint64_t change = end - timeline_scale(e->opt.speed, (uint64_t)(k - 1) * 1000);
        if (change > now && change < best)
            best = change;
    }
    return best;
}

enum engine_state engine_state(const struct engine *e) { return e->state; }

uint64_t engine_elapsed_ms(const struct engine *e, uint64_t now) { return session_time(e, now); }

uint64_t engine_remaining_ms(const struct engine *e, uint64_t now)
{
    return e->tl.total_ms - session_time(e, now);
}

void engine_progress(const struct engine *e, struct engine_progress *p)
{
    const struct timeline_step *s = engine_step(e);
    const struct routine_strip *st = &e->r->strips[s->strip];
    *p = (struct engine_progress){
        .side = s->side_index,
        .n_sides = e->r->n_sides,
        .strip = s->strip,
        .n_strips = e->r->n_strips,
        .pass = s->pass,
        .n_passes = st->passes,
        .position = s->position,
        .n_positions = st->n_positions,
        .phase = s->phase,
        .n_phases = e->r->n_phases,
    };
}
