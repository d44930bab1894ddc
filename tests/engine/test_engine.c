/* test_engine.c - the session engine against a fake clock: whole sessions with
 * random update gaps, pause/resume arithmetic, skip/back/restart/jump at the
 * edges, stalls, late ticks, the speed factor, deadlines, and predict ==
 * update (transitions on a small routine: test_transitions.c). No SDL, no
 * sleeps: time is whatever number we pass in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "engine/engine.h"
#include "engine_fixture.h"
#include "routine/routine.h"

/* ---- helpers ---- */

/* A small deterministic generator: the same gaps on every machine. */
static uint32_t rng_state;
static uint32_t rng_next(void)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return rng_state >> 8;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    f->r = load("hamstrings-spiky-ball.json");
    f->e = engine_create(f->r, NULL);
    assert_non_null(f->e);
    *state = f;
    return 0;
}

/* Step index where side `sd`, strip `st`, position `pos` begins (pass 0). */
static size_t step_at(const struct timeline *tl, size_t sd, size_t st, size_t pos)
{
    for (size_t i = 0; i < tl->n_steps; i++)
        if (tl->steps[i].side_index == sd && tl->steps[i].strip == st &&
            tl->steps[i].position == pos && tl->steps[i].pass == 0)
            return i;
    fail_msg("no step at %zu/%zu/%zu", sd, st, pos);
    return 0;
}

/* ---- the timeline ---- */

static void test_timeline_default(void **state)
{
    struct fx *f = *state;
    const struct timeline *tl = engine_timeline(f->e);
    /* 2 sides x 3 strips x (4 positions x 5 phases - 1 move), and a
     * transition before each strip but the first: 4 changes of strip, 1 of legs */
    assert_int_equal(tl->n_steps, 2 * 3 * 19 + 5);
    assert_int_equal(tl->lead_in_ms, 3000);
    assert_int_equal(engine_lead_in_seconds(f->e), 3);
    /* per strip 3 x 32 s + 26 s = 122 s; 6 strips; the transitions at their
     * defaults (10 s a strip, 20 s the legs); plus the lead-in */
    assert_int_equal(tl->total_ms, 3000 + 6 * 122000 + 4 * 10000 + 20000);
    assert_int_equal(tl->steps[0].start_ms, 3000);
    static const double cm[] = {10, 17, 24, 31};
    uint64_t t = tl->lead_in_ms;
    size_t transitions = 0;
    for (size_t i = 0; i < tl->n_steps; i++) {
        const struct timeline_step *s = &tl->steps[i];
        assert_int_equal(s->start_ms, t);
        t += s->duration_ms;
        assert_true(s->cm == cm[s->position]);
        assert_int_equal(s->side, s->side_index == 0 ? ROUTINE_SIDE_LEFT : ROUTINE_SIDE_RIGHT);
        if (s->kind != STEP_PHASE) {
            /* at the first position of the strip it leads to */
            transitions++;
            assert_int_equal(s->position, 0);
            assert_true(timeline_same_position(s, s + 1));
            assert_null(timeline_step_phase(f->r, s));
            assert_int_equal(s->phase, TIMELINE_NO_PHASE);
            bool side = s->side_index != s[-1].side_index;
            assert_int_equal(s->kind, side ? STEP_CHANGE_SIDE : STEP_CHANGE_STRIP);
            assert_int_equal(s->duration_ms, side ? 20000 : 10000);
            assert_int_equal(s->countdown, 3);
        } else {
            assert_ptr_equal(timeline_step_phase(f->r, s), &f->r->phases[s->phase]);
            assert_int_equal(s->countdown, f->r->phases[s->phase].countdown);
        }
        if (s->position == 3) {
            assert_int_not_equal(f->r->phases[s->phase].kind, PHASE_MOVE);
            assert_true(s->next_cm < 0);
        } else {
            assert_true(s->next_cm == cm[s->position + 1]);
        }
    }
    assert_int_equal(transitions, 5);
    assert_int_equal(tl->steps[0].kind, STEP_PHASE); /* none before the session's first */
    assert_int_equal(t, tl->total_ms);
    assert_int_equal(tl->steps[tl->n_steps - 1].strip, 2);
    assert_int_equal(tl->steps[tl->n_steps - 1].side_index, 1);
}

static void test_timeline_bad_input(void **state)
{
    struct fx *f = *state;
    struct timeline t;
    assert_false(timeline_init(f->r, 0.0, 3000, &t));
    assert_false(timeline_init(f->r, -1.0, 3000, &t));
    assert_false(timeline_init(NULL, 1.0, 3000, &t));
    struct engine_options o;
    engine_default_options(&o);
    o.speed = 0;
    assert_null(engine_create(f->r, &o));
    engine_destroy(NULL);
}

/* ---- whole sessions ---- */

static void test_whole_session_random_gaps(void **state)
{
    struct fx *f = *state;
    const uint64_t t0 = 123456;
    const struct timeline *tl = engine_timeline(f->e);
    struct evlist predicted = {0};
    assert_int_equal(engine_state(f->e), ENGINE_IDLE);
    engine_start(f->e, t0);
    predict_all(f->e, t0, &predicted); /* everything, the lead-in at t0 included */
    engine_update(f->e, t0);
    drain(f->e, &f->got);
    rng_state = 42;
    uint64_t now = t0, prev = t0;
    while (engine_state(f->e) != ENGINE_DONE) {
        assert_true(now < t0 + tl->total_ms + 100);
        prev = now;
        now += 1 + rng_next() % 50;
        size_t before = f->got.n;
        engine_update(f->e, now);
        drain(f->e, &f->got);
        /* each event arrives at the first update at or after its time */
        for (size_t i = before; i < f->got.n; i++) {
            assert_true(f->got.v[i].time_ms > prev);
            assert_true(f->got.v[i].time_ms <= now);
        }
    }
    const struct engine_event *done = last_of(&f->got, ENGINE_EV_SESSION_DONE);
    assert_int_equal(done->time_ms - t0, tl->total_ms); /* within 1 ms: exactly */
    assert_true(now - done->time_ms < 50);
    assert_int_equal(engine_elapsed_ms(f->e, now), tl->total_ms);
    assert_int_equal(engine_remaining_ms(f->e, now), 0);
    assert_int_equal(engine_next_deadline(f->e, now), UINT64_MAX);

    /* predict from the start == what update delivered, event for event */
    assert_int_equal(f->got.v[0].type, ENGINE_EV_LEAD_IN);
    assert_int_equal(f->got.v[0].time_ms, t0);
    assert_int_equal(f->got.v[1].type, ENGINE_EV_TICK);
    assert_same_events(&predicted, &f->got);
    free(predicted.v);
}

static void test_every_event_once_in_order(void **state)
{
    struct fx *f = *state;
    const struct timeline *tl = engine_timeline(f->e);
    engine_start(f->e, 0);
    run_to(f, 0, tl->total_ms + 10, 20);
    struct evlist *l = &f->got;
    assert_int_equal(count_type(l, ENGINE_EV_LEAD_IN), 1);
    assert_int_equal(count_type(l, ENGINE_EV_PHASE_START), tl->n_steps);
    assert_int_equal(count_type(l, ENGINE_EV_PHASE_END), tl->n_steps);
    assert_int_equal(count_type(l, ENGINE_EV_POSITION_DONE), 24);
    assert_int_equal(count_type(l, ENGINE_EV_STRIP_DONE), 6);
    assert_int_equal(count_type(l, ENGINE_EV_SIDE_DONE), 2);
    assert_int_equal(count_type(l, ENGINE_EV_SESSION_DONE), 1);
    /* lead-in 3 + hold 3 x 24 + move 3 x 18 + transition 3 x 5 */
    assert_int_equal(count_type(l, ENGINE_EV_TICK), 3 + 72 + 54 + 15);
    /* per step: start, its ticks 3-2-1 one second apart before the end, end */
    size_t i = 0;
    while (l->v[i].lead_in)
        i++;
    assert_int_equal(i, 4);
    for (size_t s = 0; s < tl->n_steps; s++) {
        const struct timeline_step *st = &tl->steps[s];
        uint64_t end = st->start_ms + st->duration_ms;
        assert_int_equal(l->v[i].type, ENGINE_EV_PHASE_START);
        assert_int_equal(l->v[i].step, s);
        assert_int_equal(l->v[i++].time_ms, st->start_ms);
        for (int k = (int)st->countdown; k >= 1; k--) {
            assert_int_equal(l->v[i].type, ENGINE_EV_TICK);
            assert_int_equal(l->v[i].value, k);
            assert_false(l->v[i].lead_in);
            assert_int_equal(l->v[i++].time_ms, end - 1000 * (uint64_t)k);
        }
        assert_int_equal(l->v[i].type, ENGINE_EV_PHASE_END);
        assert_int_equal(l->v[i++].time_ms, end);
        bool last = s + 1 == tl->n_steps;
        const struct timeline_step *nx = last ? NULL : st + 1;
        if (last || nx->position != st->position || nx->strip != st->strip ||
            nx->side_index != st->side_index)
            assert_int_equal(l->v[i++].type, ENGINE_EV_POSITION_DONE);
        if (last || nx->strip != st->strip || nx->side_index != st->side_index)
            assert_int_equal(l->v[i++].type, ENGINE_EV_STRIP_DONE);
        if (last || nx->side_index != st->side_index)
            assert_int_equal(l->v[i++].type, ENGINE_EV_SIDE_DONE);
        if (last)
            assert_int_equal(l->v[i++].type, ENGINE_EV_SESSION_DONE);
    }
    assert_int_equal(i, l->n);
    for (size_t k = 1; k < l->n; k++)
        assert_true(l->v[k].time_ms >= l->v[k - 1].time_ms);
}

/* ---- pause and resume ---- */

static void test_pause_resume_arithmetic(void **state)
{
    struct fx *f = *state;
    const struct timeline *tl = engine_timeline(f->e);
    engine_start(f->e, 0);
    run_to(f, 0, 20000, 10); /* in the first hold: 14000 .. 25000 */
    assert_int_equal(engine_step_index(f->e), 2);
    engine_pause(f->e, 20000);
    assert_int_equal(engine_state(f->e), ENGINE_PAUSED);
    assert_int_equal(engine_phase_remaining_ms(f->e, 20000), 5000);
    assert_int_equal(engine_phase_remaining_ms(f->e, 50000), 5000);
    assert_int_equal(engine_elapsed_ms(f->e, 55000), 20000);
    assert_int_equal(engine_next_deadline(f->e, 30000), UINT64_MAX);
    size_t before = f->got.n;
    engine_update(f->e, 60000);
    assert_int_equal(engine_poll_event(f->e, &(struct engine_event){0}), false);
    struct evlist pred = {0};
    predict_all(f->e, 59000, &pred);
    assert_int_equal(pred.n, 0); /* nothing happens while paused */

    engine_resume(f->e, 60000); /* 40 s paused, then a 3 s lead-in */
    predict_all(f->e, 60000, &pred); /* from the resume's own LEAD_IN on */
    engine_update(f->e, 60000);
    drain(f->e, &f->got);
    assert_int_equal(engine_state(f->e), ENGINE_LEAD_IN);
    assert_int_equal(f->got.v[before].type, ENGINE_EV_LEAD_IN);
    assert_int_equal(f->got.v[before].time_ms, 60000);
    assert_int_equal(engine_lead_in_remaining_ms(f->e, 61500), 1500);
    assert_int_equal(engine_phase_remaining_ms(f->e, 61500), 5000);
    assert_int_equal(engine_elapsed_ms(f->e, 61500), 20000);
    run_to(f, 60000, 62999, 7);
    assert_int_equal(engine_state(f->e), ENGINE_LEAD_IN);
    run_to(f, 62999, 63000, 1);
    assert_int_equal(engine_state(f->e), ENGINE_RUNNING);
    assert_int_equal(engine_phase_remaining_ms(f->e, 64000), 4000);
    run_to(f, 63000, tl->total_ms + 43000 + 5, 33);
    struct evlist after = {.v = f->got.v + before, .n = f->got.n - before};
    assert_same_events(&pred, &after);
    /* lead-in ticks 3-2-1, then the hold's 3-2-1 and its end 5 s after the lead-in */
    const struct engine_event *v = f->got.v + before;
    assert_true(v[1].type == ENGINE_EV_TICK && v[1].lead_in && v[1].value == 3 && v[1].time_ms == 60000);
    assert_true(v[3].type == ENGINE_EV_TICK && v[3].lead_in && v[3].value == 1 && v[3].time_ms == 62000);
    assert_true(v[4].type == ENGINE_EV_TICK && !v[4].lead_in && v[4].value == 3 && v[4].time_ms == 65000);
    assert_true(v[7].type == ENGINE_EV_PHASE_END && v[7].step == 2 && v[7].time_ms == 68000);
    /* no phase start twice: step 2 started once, before the pause */
    size_t starts2 = 0;
    for (size_t i = 0; i < f->got.n; i++)
        starts2 += f->got.v[i].type == ENGINE_EV_PHASE_START && f->got.v[i].step == 2;
    assert_int_equal(starts2, 1);
    const struct engine_event *done = last_of(&f->got, ENGINE_EV_SESSION_DONE);
    assert_int_equal(done->time_ms, tl->total_ms + 40000 + 3000);
    free(pred.v);
}

static void test_pause_in_lead_in(void **state)
{
    struct fx *f = *state;
    engine_start(f->e, 1000);
    run_to(f, 1000, 2500, 10);
    engine_pause(f->e, 2500);
    assert_int_equal(engine_state(f->e), ENGINE_PAUSED);
    engine_resume(f->e, 10000);
    run_to(f, 10000, 13000, 10);
    const struct engine_event *ps = last_of(&f->got, ENGINE_EV_PHASE_START);
    assert_int_equal(ps->step, 0);
    assert_int_equal(ps->time_ms, 13000);
    assert_int_equal(count_type(&f->got, ENGINE_EV_LEAD_IN), 2);
    /* the first lead-in's tick 1 (due at 3000) was dropped with its lead-in */
    size_t ones = 0;
    for (size_t i = 0; i < f->got.n; i++)
        ones += f->got.v[i].type == ENGINE_EV_TICK && f->got.v[i].value == 1;
    assert_int_equal(ones, 1);
}

/* ---- skip ---- */

static void test_skip_at_phase_edge(void **state)
{
    struct fx *f = *state;
    engine_start(f->e, 0);
    run_to(f, 0, 9000, 10); /* step 1 starts exactly at 9000 */
    assert_int_equal(engine_step_index(f->e), 1);
    size_t before = f->got.n;
    engine_skip(f->e, 9000);
    engine_update(f->e, 9000);
    drain(f->e, &f->got);
    assert_int_equal(f->got.n - before, 2);
    assert_true(f->got.v[before].type == ENGINE_EV_PHASE_END && f->got.v[before].step == 1 &&
                f->got.v[before].skipped && f->got.v[before].time_ms == 9000);
    assert_true(f->got.v[before + 1].type == ENGINE_EV_PHASE_START && f->got.v[before + 1].step == 2 &&
                !f->got.v[before + 1].skipped && f->got.v[before + 1].time_ms == 9000);
    assert_int_equal(engine_phase_remaining_ms(f->e, 9000), 11000);
    /* the timeline position moved on to step 2's planned start */
    assert_int_equal(engine_elapsed_ms(f->e, 9000), 14000);
    /* 1 ms before an edge: the hold ends now, relax runs its full 4 s */
    run_to(f, 9000, 19999, 10);
    engine_skip(f->e, 19999);
    engine_update(f->e, 19999);
    drain(f->e, &f->got);
    const struct engine_event *pe = last_of(&f->got, ENGINE_EV_PHASE_END);
    assert_true(pe->step == 2 && pe->skipped && pe->time_ms == 19999);
    run_to(f, 19999, 24000, 10);
    pe = last_of(&f->got, ENGINE_EV_PHASE_END);
    assert_true(pe->step == 3 && !pe->skipped && pe->time_ms == 23999);
}

static void test_skip_in_lead_in_and_first_position(void **state)
{
    struct fx *f = *state;
    engine_start(f->e, 0);
    run_to(f, 0, 1200, 10);
    engine_skip(f->e, 1200); /* ends the get-ready, step 0 begins now */
    engine_update(f->e, 1200);
    drain(f->e, &f->got);
    assert_int_equal(engine_state(f->e), ENGINE_RUNNING);
    assert_int_equal(count_type(&f->got, ENGINE_EV_PHASE_END), 0);
    const struct engine_event *ps = last_of(&f->got, ENGINE_EV_PHASE_START);
    assert_true(ps && ps->step == 0 && ps->time_ms == 1200);
    run_to(f, 1200, 20000, 10);
    /* no lead-in tick after the skip */
    for (size_t i = 0; i < f->got.n; i++)
        if (f->got.v[i].lead_in)
            assert_true(f->got.v[i].time_ms <= 1200);
    ps = last_of(&f->got, ENGINE_EV_PHASE_START);
    assert_true(ps->step == 2 && ps->time_ms == 1200 + 11000);
}

static void test_skip_last_step_ends_session(void **state)
{
    struct fx *f = *state;
    const struct timeline *tl = engine_timeline(f->e);
    engine_start(f->e, 0);
    engine_skip(f->e, 0);
    for (size_t i = 0; i + 1 < tl->n_steps; i++)
        engine_skip(f->e, 100 + i);
    engine_update(f->e, 250);
    drain(f->e, &f->got);
    assert_int_equal(engine_step_index(f->e), tl->n_steps - 1);
    size_t before = f->got.n;
    engine_skip(f->e, 300); /* the last step (4 s) began at 217 */
    engine_update(f->e, 300);
    drain(f->e, &f->got);
    assert_int_equal(engine_state(f->e), ENGINE_DONE);
    static const enum engine_event_type want[] = {
        ENGINE_EV_PHASE_END, ENGINE_EV_POSITION_DONE, ENGINE_EV_STRIP_DONE,
        ENGINE_EV_SIDE_DONE, ENGINE_EV_SESSION_DONE,
    };
    assert_int_equal(f->got.n - before, 5);
    for (size_t k = 0; k < 5; k++) {
        assert_int_equal(f->got.v[before + k].type, want[k]);
        assert_true(f->got.v[before + k].skipped);
        assert_int_equal(f->got.v[before + k].time_ms, 300);
    }
    /* skipping through everything still gave every done event once */
    assert_int_equal(count_type(&f->got, ENGINE_EV_POSITION_DONE), 24);
    assert_int_equal(count_type(&f->got, ENGINE_EV_STRIP_DONE), 6);
    assert_int_equal(count_type(&f->got, ENGINE_EV_SIDE_DONE), 2);
    assert_int_equal(count_type(&f->got, ENGINE_EV_PHASE_START), tl->n_steps);
    assert_int_equal(count_type(&f->got, ENGINE_EV_PHASE_END), tl->n_steps);
    engine_skip(f->e, 6000); /* done: nothing more */
    assert_false(engine_poll_event(f->e, &(struct engine_event){0}));
}

static void test_skip_while_paused(void **state)
{
    struct fx *f = *state;
    engine_start(f->e, 0);
    run_to(f, 0, 5000, 10);
    engine_pause(f->e, 5000);
    engine_skip(f->e, 6000);
    engine_skip(f->e, 6500);
    engine_update(f->e, 6500);
    drain(f->e, &f->got);
    assert_int_equal(engine_state(f->e), ENGINE_PAUSED);
    assert_int_equal(engine_step_index(f->e), 2);
    /* step 0 was cut; step 1 never started, so it has no PHASE_END */
    assert_int_equal(count_type(&f->got, ENGINE_EV_PHASE_END), 1);
    assert_int_equal(engine_phase_remaining_ms(f->e, 7000), 11000);
    engine_resume(f->e, 10000);
    run_to(f, 10000, 13000, 10);
    const struct engine_event *ps = last_of(&f->got, ENGINE_EV_PHASE_START);
    assert_true(ps->step == 2 && ps->time_ms == 13000);
}

/* ---- back ---- */

static void test_back(void **state)
{
    struct fx *f = *state;
    const struct timeline *tl = engine_timeline(f->e);
    size_t p1 = step_at(tl, 0, 0, 1);
    assert_int_equal(p1, 5);
    engine_start(f->e, 0);
    run_to(f, 0, 47000, 10); /* position 1 began at 35000; its hold at 46000 */
    size_t before = f->got.n;
    engine_back(f->e, 47000); /* beyond the grace: the start of this position */
    engine_update(f->e, 47000);
    drain(f->e, &f->got);
    assert_int_equal(engine_step_index(f->e), p1);
    assert_int_equal(f->got.n - before, 2);
    assert_true(f->got.v[before].type == ENGINE_EV_PHASE_END && f->got.v[before].skipped);
    assert_true(f->got.v[before + 1].type == ENGINE_EV_PHASE_START &&
                f->got.v[before + 1].step == p1 && f->got.v[before + 1].time_ms == 47000);
    assert_int_equal(engine_elapsed_ms(f->e, 47000), tl->steps[p1].start_ms);

    /* again within the grace (2999 ms later): the previous position */
    run_to(f, 47000, 49999, 10);
    before = f->got.n;
    engine_back(f->e, 49999);
    engine_update(f->e, 49999);
    drain(f->e, &f->got);
    assert_int_equal(engine_step_index(f->e), 0);
    assert_int_equal(f->got.n - before, 3);
    assert_true(f->got.v[before].type == ENGINE_EV_PHASE_END && f->got.v[before].skipped);
    assert_true(f->got.v[before + 1].type == ENGINE_EV_POSITION_DONE && f->got.v[before + 1].skipped);
    assert_true(f->got.v[before + 2].type == ENGINE_EV_PHASE_START && f->got.v[before + 2].step == 0);

    /* at the first position, within the grace: the first position again */
    run_to(f, 49999, 51000, 10);
    engine_back(f->e, 51000);
    engine_update(f->e, 51000);
    drain(f->e, &f->got);
    assert_int_equal(engine_step_index(f->e), 0);
    assert_int_equal(last_of(&f->got, ENGINE_EV_PHASE_START)->time_ms, 51000);

    /* exactly 3000 ms into a position is no longer within the grace */
    run_to(f, 51000, 51000 + 32000 + 3000, 10); /* position 1 again, 3 s in */
    assert_int_equal(engine_step_index(f->e), p1);
    engine_back(f->e, 51000 + 35000);
    assert_int_equal(engine_step_index(f->e), p1);
}

static void test_back_at_last_position(void **state)
{
    struct fx *f = *state;
    const struct timeline *tl = engine_timeline(f->e);
    size_t last = step_at(tl, 1, 2, 3), prev = step_at(tl, 1, 2, 2);
    engine_start(f->e, 0);
    engine_skip(f->e, 0);
    while (engine_step_index(f->e) < last + 2)
        engine_skip(f->e, 10);
    run_to(f, 10, 5000, 10);
    engine_back(f->e, 5000);
    assert_int_equal(engine_step_index(f->e), last);
    engine_back(f->e, 5100);
    assert_int_equal(engine_step_index(f->e), prev);
    /* back while paused stays paused at the position's start */
    engine_pause(f->e, 9000);
    engine_back(f->e, 9500);
    assert_int_equal(engine_state(f->e), ENGINE_PAUSED);
    assert_int_equal(engine_step_index(f->e), prev);
    assert_int_equal(engine_elapsed_ms(f->e, 9500), tl->steps[prev].start_ms);
}

/* Controls pressed during a get-ready countdown let it run out, then play the target. */
static void test_controls_in_lead_in(void **state)
{
    struct fx *f = *state;
    const struct timeline *tl = engine_timeline(f->e);
    engine_start(f->e, 0);
    run_to(f, 0, 500, 10);
    engine_back(f->e, 500);
    assert_int_equal(engine_state(f->e), ENGINE_LEAD_IN);
    assert_int_equal(engine_step_index(f->e), 0);
    size_t jump_to = step_at(tl, 0, 2, 0);
    run_to(f, 500, 1500, 10);
    engine_jump_strip(f->e, 2, 1500);
    assert_int_equal(engine_state(f->e), ENGINE_LEAD_IN);
    assert_int_equal(engine_step_index(f->e), jump_to);
    run_to(f, 1500, 3000, 10);
    /* the lead-in went on unbroken: LEAD_IN once, ticks 3-2-1 once each */
    assert_int_equal(count_type(&f->got, ENGINE_EV_LEAD_IN), 1);
    assert_int_equal(count_type(&f->got, ENGINE_EV_TICK), 3);
    assert_int_equal(count_type(&f->got, ENGINE_EV_PHASE_END), 0); /* nothing had started */
    const struct engine_event *ps = last_of(&f->got, ENGINE_EV_PHASE_START);
    assert_true(ps->step == jump_to && ps->time_ms == 3000);
    assert_int_equal(count_type(&f->got, ENGINE_EV_PHASE_START), 1);
    assert_int_equal(engine_elapsed_ms(f->e, 3000), tl->steps[jump_to].start_ms);
}

/* ---- restart and jump ---- */

static void test_restart_strip(void **state)
{
    struct fx *f = *state;
    const struct timeline *tl = engine_timeline(f->e);
    size_t first = step_at(tl, 0, 1, 0);
    engine_start(f->e, 0);
    uint64_t at = tl->steps[step_at(tl, 0, 1, 2)].start_ms + 7000;
    run_to(f, 0, at, 25);
    size_t before = f->got.n;
    engine_restart_strip(f->e, at);
    engine_update(f->e, at);
    drain(f->e, &f->got);
    assert_int_equal(engine_step_index(f->e), first);
    assert_int_equal(engine_step(f->e)->kind, STEP_CHANGE_STRIP); /* the ball back to the start */
    assert_true(f->got.v[before].type == ENGINE_EV_PHASE_END && f->got.v[before].skipped);
    assert_true(f->got.v[before + 1].type == ENGINE_EV_POSITION_DONE && f->got.v[before + 1].skipped);
    assert_true(f->got.v[before + 2].type == ENGINE_EV_PHASE_START && f->got.v[before + 2].step == first);
    assert_int_equal(count_type(&f->got, ENGINE_EV_STRIP_DONE), 1); /* only the outer strip's */
    struct engine_progress p;
    engine_progress(f->e, &p);
    assert_int_equal(p.strip, 1);
    assert_int_equal(p.position, 0);
    assert_int_equal(p.n_positions, 4);
    assert_int_equal(p.n_sides, 2);
}

static void test_jump_strip(void **state)
{
    struct fx *f = *state;
    const struct timeline *tl = engine_timeline(f->e);
    engine_start(f->e, 0);
    size_t s = step_at(tl, 1, 0, 1);
    uint64_t at = tl->steps[s].start_ms + 2000;
    run_to(f, 0, at, 25);
    engine_jump_strip(f->e, 2, at);
    engine_update(f->e, at);
    drain(f->e, &f->got);
    assert_int_equal(engine_step_index(f->e), step_at(tl, 1, 2, 0));
    const struct engine_event *pd = last_of(&f->got, ENGINE_EV_POSITION_DONE);
    assert_true(pd->skipped && pd->step == s && pd->time_ms == at);
    engine_jump_strip(f->e, 7, at + 10); /* no such strip: nothing happens */
    assert_int_equal(engine_step_index(f->e), step_at(tl, 1, 2, 0));
    /* a jump lands on the change of strip into it: time to move the ball */
    assert_int_equal(engine_step(f->e)->kind, STEP_CHANGE_STRIP);
    /* the rest plays on from there to the end: the change, then the strip */
    run_to(f, at, at + 140000, 40);
    assert_int_equal(engine_state(f->e), ENGINE_DONE);
    assert_int_equal(last_of(&f->got, ENGINE_EV_SESSION_DONE)->time_ms, at + 10000 + 122000);
}

static void test_stop(void **state)
{
    struct fx *f = *state;
    engine_start(f->e, 0);
    run_to(f, 0, 10000, 10);
    engine_stop(f->e, 10000);
    assert_int_equal(engine_state(f->e), ENGINE_STOPPED);
    size_t n = f->got.n;
    run_to(f, 10000, 100000, 1000);
    engine_resume(f->e, 100000);
    engine_skip(f->e, 100000);
    engine_update(f->e, 100000);
    drain(f->e, &f->got);
    assert_int_equal(f->got.n, n);
    assert_int_equal(engine_elapsed_ms(f->e, 100000), 10000);
    assert_int_equal(engine_next_deadline(f->e, 100000), UINT64_MAX);
}

/* A clock read that steps back (another source, a bug) never reorders events. */
static void test_clock_steps_back(void **state)
{
    struct fx *f = *state;
    engine_start(f->e, 0);
    run_to(f, 0, 10000, 10);
    engine_skip(f->e, 5000);
    engine_pause(f->e, 4000);
    engine_resume(f->e, 3000);
    run_to(f, 3000, 30000, 10);
    for (size_t k = 1; k < f->got.n; k++)
        assert_true(f->got.v[k].time_ms >= f->got.v[k - 1].time_ms);
    const struct engine_event *pe = last_of(&f->got, ENGINE_EV_LEAD_IN);
    assert_int_equal(pe->time_ms, 10000);
}

/* ---- stalls and late ticks ---- */

static void test_stall_5s(void **state)
{
    struct fx *f = *state;
    struct evlist pred = {0};
    engine_start(f->e, 0);
    predict_all(f->e, 0, &pred);
    run_to(f, 0, 21000, 16);
    size_t before = f->got.n;
    engine_update(f->e, 26000); /* the process stood still for 5 s */
    drain(f->e, &f->got);
    /* the hold's ticks (22, 23, 24 s) are dropped; its end and the relax start are not */
    assert_int_equal(f->got.n - before, 2);
    assert_true(f->got.v[before].type == ENGINE_EV_PHASE_END && f->got.v[before].time_ms == 25000);
    assert_true(f->got.v[before + 1].type == ENGINE_EV_PHASE_START && f->got.v[before + 1].time_ms == 25000);
    run_to(f, 26000, 800000, 16);
    /* every state event of the prediction arrived once, in order */
    struct evlist states = {0}, got_states = {0};
    for (size_t i = 0; i < pred.n; i++)
        if (pred.v[i].type != ENGINE_EV_TICK)
            ev_add(&states, &pred.v[i]);
    for (size_t i = 0; i < f->got.n; i++)
        if (f->got.v[i].type != ENGINE_EV_TICK)
            ev_add(&got_states, &f->got.v[i]);
    assert_same_events(&states, &got_states);
    assert_int_equal(count_type(&f->got, ENGINE_EV_TICK), count_type(&pred, ENGINE_EV_TICK) - 3);
    free(pred.v);
    free(states.v);
    free(got_states.v);
}

static void test_tick_late_threshold(void **state)
{
    struct fx *f = *state;
    engine_start(f->e, 0);
    run_to(f, 0, 21900, 20);
    engine_update(f->e, 22150); /* tick 3 due at 22000: 150 ms late is still played */
    drain(f->e, &f->got);
    const struct engine_event *t = last_of(&f->got, ENGINE_EV_TICK);
    assert_true(t->value == 3 && t->time_ms == 22000);
    engine_update(f->e, 23151); /* tick 2 due at 23000: 151 ms late is dropped */
    size_t n = f->got.n;
    drain(f->e, &f->got);
    assert_int_equal(f->got.n, n);
    engine_update(f->e, 24000);
    drain(f->e, &f->got);
    t = last_of(&f->got, ENGINE_EV_TICK);
    assert_true(t->value == 1 && t->time_ms == 24000);
}

/* ---- speed ---- */

static void test_speed_20x(void **state)
{
    struct fx *f = *state;
    struct engine_options o;
    engine_default_options(&o);
    o.speed = 20;
    struct engine *e = engine_create(f->r, &o);
    const struct timeline *tl = engine_timeline(e);
    assert_int_equal(tl->total_ms, (3000 + 6 * 122000 + 4 * 10000 + 20000) / 20);
    assert_int_equal(tl->lead_in_ms, 150);
    assert_int_equal(engine_lead_in_seconds(e), 3); /* the count shown is the routine's */
    assert_int_equal(tl->steps[2].duration_ms, 550);
    struct evlist pred = {0}, got = {0};
    engine_start(e, 500);
    predict_all(e, 500, &pred);
    struct engine_event ev;
    rng_state = 7;
    uint64_t now = 500;
    while (engine_state(e) != ENGINE_DONE) {
        now += 1 + rng_next() % 50;
        engine_update(e, now);
        while (engine_poll_event(e, &ev))
            ev_add(&got, &ev);
    }
    assert_int_equal(last_of(&got, ENGINE_EV_SESSION_DONE)->time_ms, 500 + tl->total_ms);
    assert_same_events(&pred, &got);
    /* ticks are routine seconds: 50 ms apart, 3-2-1 before each hold's end */
    const struct timeline_step *h = &tl->steps[2];
    uint64_t end = 500 + h->start_ms + h->duration_ms;
    size_t k = 0;
    for (size_t i = 0; i < got.n; i++)
        if (got.v[i].type == ENGINE_EV_TICK && got.v[i].step == 2) {
            assert_int_equal(got.v[i].time_ms, end - 50 * (uint64_t)(3 - k));
            k++;
        }
    assert_int_equal(k, 3);
    /* the hold shows 11 at its start and changes every 50 ms */
    uint64_t hs = h->start_ms;
    engine_destroy(e);
    e = engine_create(f->r, &o);
    engine_start(e, 0);
    engine_update(e, hs);
    assert_int_equal(engine_display_seconds(e, hs), 11);
    assert_int_equal(engine_next_deadline(e, hs), hs + 50);
    assert_int_equal(engine_display_seconds(e, hs + 50), 10);
    free(pred.v);
    free(got.v);
    engine_destroy(e);
}

/* ---- deadlines and what the countdown shows ---- */

static void test_deadlines(void **state)
{
    struct fx *f = *state;
    const struct timeline *tl = engine_timeline(f->e);
    assert_int_equal(engine_next_deadline(f->e, 0), UINT64_MAX); /* idle */
    assert_int_equal(engine_display_seconds(f->e, 0), 6);
    engine_start(f->e, 0);
    assert_int_equal(engine_display_seconds(f->e, 0), 3);
    assert_int_equal(engine_display_seconds(f->e, 999), 3);
    assert_int_equal(engine_display_seconds(f->e, 1000), 2);
    assert_int_equal(engine_next_deadline(f->e, 0), 0); /* the lead-in's own events: now */
    engine_update(f->e, 0);
    drain(f->e, &f->got);
    assert_int_equal(engine_next_deadline(f->e, 0), 1000);
    engine_update(f->e, 3000);
    drain(f->e, &f->got);
    assert_int_equal(engine_display_seconds(f->e, 3000), 6);
    assert_int_equal(engine_next_deadline(f->e, 3000), 4000); /* 6 -> 5, no event before */
    assert_int_equal(engine_next_deadline(f->e, 3500), 4000);
    assert_int_equal(engine_display_seconds(f->e, 3001), 6);
    assert_int_equal(engine_display_seconds(f->e, 4000), 5);

    /* sleeping exactly until each deadline delivers every event on time and
     * sees every displayed second */
    uint64_t now = 3000;
    size_t wakes = 0;
    unsigned shown = engine_display_seconds(f->e, now);
    while (engine_state(f->e) != ENGINE_DONE) {
        uint64_t d = engine_next_deadline(f->e, now);
        assert_true(d > now && d != UINT64_MAX);
        now = d;
        wakes++;
        engine_update(f->e, now);
        struct engine_event ev;
        while (engine_poll_event(f->e, &ev))
            assert_int_equal(ev.time_ms, now);
        unsigned s = engine_display_seconds(f->e, now);
        assert_true(s != shown || engine_state(f->e) == ENGINE_DONE ||
                    engine_phase_remaining_ms(f->e, now) == engine_step(f->e)->duration_ms);
        shown = s;
    }
    /* one wake per second of the session, no more */
    assert_int_equal(wakes, (tl->total_ms - 3000) / 1000);
    assert_int_equal(engine_next_deadline(f->e, now), UINT64_MAX);
}

/* routine_total_ms() (the validator's "over 30 minutes" warning, `check`) is
 * the timeline's total at speed 1 with no lead-in: the same phases, the move
 * left out after each pass's last position. */
static void test_routine_total_matches_timeline(void **state)
{
    (void)state;
    static const char *const names[] = {"hamstrings-spiky-ball.json", "hamstrings-post-run.json"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        struct routine *r = load(names[i]);
        struct timeline t = {0};
        assert_true(timeline_init(r, 1.0, 0, &t));
        assert_int_equal(t.total_ms, routine_total_ms(r));
        timeline_finish(&t);
        routine_destroy(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_timeline_default, setup, fx_teardown),
        cmocka_unit_test(test_routine_total_matches_timeline),
        cmocka_unit_test_setup_teardown(test_timeline_bad_input, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_whole_session_random_gaps, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_every_event_once_in_order, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_pause_resume_arithmetic, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_pause_in_lead_in, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_skip_at_phase_edge, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_skip_in_lead_in_and_first_position, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_skip_last_step_ends_session, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_skip_while_paused, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_back, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_back_at_last_position, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_controls_in_lead_in, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_restart_strip, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_jump_strip, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_stop, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_clock_steps_back, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_stall_5s, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_tick_late_threshold, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_speed_20x, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_deadlines, setup, fx_teardown),
    };
    return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
