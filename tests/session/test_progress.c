/* test_progress.c - the progress record fed by a real engine on a fake clock
 * over the bundled routines: whole sessions with 1, 2 and 3 passes and one
 * side, skips (in any pass), backs within and past the grace time, the
 * counts, and the history entry they add up to. No clock but the number we
 * pass in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "session/progress.h"

struct fx {
    struct routine *r;
    struct engine *e;
    struct progress p;
    uint64_t now;
};

/* One case: a bundled routine, the passes to give every strip, the sides kept. */
struct pcase {
    const char *file;
    unsigned passes;
    size_t sides;
};

static struct fx *fx_new(const char *file, unsigned passes, size_t sides)
{
    struct fx *f = calloc(1, sizeof *f);
    f->r = fixture_routine(file, passes);
    if (sides)
        f->r->n_sides = sides;
    f->e = engine_create(f->r, NULL);
    assert_non_null(f->e);
    progress_init(&f->p, f->r);
    f->now = 5000; /* not 0: nothing may assume the clock starts there */
    return f;
}

static int setup(void **state)
{
    const struct pcase *c = *state ? *state : &(struct pcase){"hamstrings-post-run.json", 0, 0};
    *state = fx_new(c->file, c->passes, c->sides);
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    progress_finish(&f->p);
    engine_destroy(f->e);
    routine_destroy(f->r);
    free(f);
    return 0;
}

/* What the controller does with each event: every one goes to the record. */
static void take(struct fx *f)
{
    struct engine_event ev;
    while (engine_poll_event(f->e, &ev))
        progress_note(&f->p, engine_timeline(f->e), &ev);
}

/* To the engine's next deadline, as the app's loop sleeps; false when none. */
static bool next(struct fx *f)
{
    uint64_t d = engine_next_deadline(f->e, f->now);
    if (d == UINT64_MAX)
        return false;
    f->now = d;
    engine_update(f->e, f->now);
    take(f);
    return true;
}

static void start(struct fx *f)
{
    engine_start(f->e, f->now);
    engine_update(f->e, f->now);
    take(f);
}

static void run_to_end(struct fx *f)
{
    while (next(f))
        continue;
    assert_int_equal(engine_state(f->e), ENGINE_DONE);
}

/* Until `step` has begun (its PHASE_START taken in). */
static void run_to_step(struct fx *f, size_t step)
{
    while (engine_step_index(f->e) < step || engine_state(f->e) != ENGINE_RUNNING)
        assert_true(next(f));
}

typedef void (*op_fn)(struct engine *e, uint64_t now);

static void op(struct fx *f, op_fn fn)
{
    fn(f->e, f->now);
    take(f);
    engine_update(f->e, f->now); /* what the operation set off at now */
    take(f);
}

static size_t positions_of(const struct fx *f, size_t strip)
{
    return f->r->strips[strip].n_positions;
}

/* Every slot of the routine has status `want`, except (side, strip, pass, pos) = `odd`. */
static void assert_all(const struct fx *f, enum pos_status want, const size_t *odd,
                       enum pos_status odd_want)
{
    const struct routine *r = f->r;
    for (size_t sd = 0; sd < r->n_sides; sd++)
        for (size_t k = 0; k < r->n_strips; k++)
            for (unsigned pass = 0; pass < r->strips[k].passes; pass++)
                for (size_t pos = 0; pos < positions_of(f, k); pos++) {
                    bool is_odd = odd && odd[0] == sd && odd[1] == k && odd[2] == pass &&
                                  odd[3] == pos;
                    if (progress_status(&f->p, sd, k, pass, pos) != (is_odd ? odd_want : want))
                        fail_msg("side %zu strip %zu pass %u position %zu: %d", sd, k, pass, pos,
                                 progress_status(&f->p, sd, k, pass, pos));
                }
}

/* ---- tests ---- */

static void test_fresh_record(void **state)
{
    struct fx *f = *state;
    assert_int_equal(f->p.n_slots, routine_total_positions(f->r));
    assert_all(f, POS_NONE, NULL, POS_NONE);
    size_t done = 9, skipped = 9;
    progress_count(&f->p, &done, &skipped);
    assert_int_equal(done, 0);
    assert_int_equal(skipped, 0);
    assert_int_equal(f->p.steps_done, 0);
}

static void test_whole_session(void **state)
{
    struct fx *f = *state;
    const struct routine *r = f->r;
    const struct timeline *t = engine_timeline(f->e);
    assert_int_equal(f->p.n_slots, routine_total_positions(r));
    start(f);
    run_to_end(f);
    assert_all(f, POS_DONE, NULL, POS_NONE);
    size_t done, skipped;
    progress_count(&f->p, &done, &skipped);
    assert_int_equal(done, routine_total_positions(r));
    assert_int_equal(skipped, 0);
    assert_int_equal(f->p.steps_done, t->n_steps);
    for (size_t sd = 0; sd < r->n_sides; sd++)
        for (size_t k = 0; k < r->n_strips; k++) {
            progress_strip_count(&f->p, sd, k, &done, &skipped);
            assert_int_equal(done, r->strips[k].passes * positions_of(f, k));
            assert_int_equal(skipped, 0);
        }
    /* One past each end is nobody's slot. */
    assert_int_equal(progress_status(&f->p, 0, 0, r->strips[0].passes, 0), POS_NONE);
    assert_int_equal(progress_status(&f->p, 0, 0, 0, positions_of(f, 0)), POS_NONE);
    assert_int_equal(progress_status(&f->p, 0, r->n_strips, 0, 0), POS_NONE);
    assert_int_equal(progress_status(&f->p, r->n_sides, 0, 0, 0), POS_NONE);
}

/* Skips every phase of one position: that position alone is skipped. */
static void skip_position(struct fx *f, const size_t where[4])
{
    const struct timeline *t = engine_timeline(f->e);
    size_t first = fixture_step_at(t, where[0], where[1], (unsigned)where[2], where[3]);
    run_to_step(f, first);
    size_t phases = 0;
    const struct timeline_step *at = engine_step(f->e);
    while (engine_state(f->e) != ENGINE_DONE && at->side_index == where[0] &&
           at->strip == where[1] && at->pass == where[2] && at->position == where[3]) {
        op(f, engine_skip);
        phases++;
        at = engine_step(f->e);
    }
    assert_int_equal(progress_status(&f->p, where[0], where[1], (unsigned)where[2], where[3]),
                     POS_SKIPPED);
    size_t n_phases = f->r->n_phases;
    bool last_of_pass = where[3] + 1 == positions_of(f, where[1]);
    /* a pass's first position but the session's first is led into by a
     * transition, skipped like a phase */
    size_t led_in = t->steps[first].kind != STEP_PHASE;
    assert_int_equal(phases, (last_of_pass ? n_phases - 1 : n_phases) + led_in); /* no move after the last */
}

static void test_skip_one_position(void **state)
{
    struct fx *f = *state;
    const struct timeline *t = engine_timeline(f->e);
    const struct routine *r = f->r;
    /* The last pass of the second strip on the last side, in its middle. */
    const size_t where[4] = {r->n_sides - 1, 1, r->strips[1].passes - 1, 1};
    start(f);
    skip_position(f, where);
    run_to_end(f);
    assert_all(f, POS_DONE, where, POS_SKIPPED);
    size_t done, skipped;
    progress_count(&f->p, &done, &skipped);
    assert_int_equal(done, routine_total_positions(r) - 1);
    assert_int_equal(skipped, 1);
    assert_int_equal(f->p.steps_done, t->n_steps - r->n_phases); /* a middle position: every phase */
    progress_strip_count(&f->p, where[0], 1, &done, &skipped);
    assert_int_equal(done, r->strips[1].passes * positions_of(f, 1) - 1);
    assert_int_equal(skipped, 1);
    progress_strip_count(&f->p, where[0], 0, &done, &skipped);
    assert_int_equal(skipped, 0);
}

/* A skip over the last phase alone still skips the position: the last word counts. */
static void test_skip_last_phase_only(void **state)
{
    struct fx *f = *state;
    const struct timeline *t = engine_timeline(f->e);
    size_t first = fixture_step_at(t, 0, 0, 0, 0);
    size_t second = fixture_step_at(t, 0, 0, 0, 1);
    start(f);
    run_to_step(f, second - 1);
    op(f, engine_skip);
    assert_int_equal(engine_step_index(f->e), second);
    assert_int_equal(progress_status(&f->p, 0, 0, 0, 0), POS_SKIPPED);
    assert_int_equal(f->p.steps_done, second - 1 - first);
}

/* Back within the grace time goes to the previous position: the one left is
 * marked skipped, then both are done again. */
static void test_back_to_previous_position(void **state)
{
    struct fx *f = *state;
    const struct timeline *t = engine_timeline(f->e);
    size_t p0 = fixture_step_at(t, 0, 0, 0, 0), p1 = fixture_step_at(t, 0, 0, 0, 1);
    start(f);
    run_to_step(f, p1);
    assert_int_equal(progress_status(&f->p, 0, 0, 0, 0), POS_DONE);
    op(f, engine_back);
    assert_int_equal(engine_step_index(f->e), p0);
    assert_int_equal(progress_status(&f->p, 0, 0, 0, 0), POS_DONE);
    assert_int_equal(progress_status(&f->p, 0, 0, 0, 1), POS_SKIPPED);
    run_to_step(f, p1 + 1);
    assert_int_equal(progress_status(&f->p, 0, 0, 0, 1), POS_SKIPPED);
    run_to_end(f);
    assert_all(f, POS_DONE, NULL, POS_NONE);
    assert_int_equal(f->p.steps_done, t->n_steps + (p1 - p0)); /* position 0 twice */
}

/* Back past the grace time restarts the position it is in: nothing is left. */
static void test_back_within_position(void **state)
{
    struct fx *f = *state;
    const struct timeline *t = engine_timeline(f->e);
    size_t p1 = fixture_step_at(t, 0, 0, 0, 1);
    start(f);
    run_to_step(f, p1 + 2);
    size_t before = f->p.steps_done;
    op(f, engine_back);
    assert_int_equal(engine_step_index(f->e), p1);
    assert_int_equal(progress_status(&f->p, 0, 0, 0, 1), POS_NONE);
    assert_int_equal(f->p.steps_done, before); /* the phase cut short is not done */
    run_to_end(f);
    assert_all(f, POS_DONE, NULL, POS_NONE);
}

static void test_history_entry(void **state)
{
    struct fx *f = *state;
    const struct routine *r = f->r;
    const size_t where[4] = {0, 2, 0, 0};
    start(f);
    skip_position(f, where);
    /* Quit right there: half the session is not done. */
    struct history_entry e;
    progress_history_entry(&f->p, 1700000000, 123456, "quit", &e);
    assert_string_equal(e.routine_id, r->id);
    assert_string_equal(e.routine_file, r->file);
    assert_true(e.started_unix == 1700000000);
    assert_true(e.elapsed_ms == 123456);
    assert_int_equal(e.positions_total, routine_total_positions(r));
    assert_int_equal(e.positions_done, r->strips[0].passes * positions_of(f, 0) +
                                           r->strips[1].passes * positions_of(f, 1));
    assert_int_equal(e.positions_skipped, 1);
    assert_string_equal(e.ended_by, "quit");
}

/* Lead-in, ticks, starts and the strip/side/session events leave no mark. */
static void test_other_events_ignored(void **state)
{
    struct fx *f = *state;
    const struct timeline *t = engine_timeline(f->e);
    static const enum engine_event_type ignored[] = {
        ENGINE_EV_LEAD_IN,    ENGINE_EV_PHASE_START, ENGINE_EV_TICK,
        ENGINE_EV_STRIP_DONE, ENGINE_EV_SIDE_DONE,   ENGINE_EV_SESSION_DONE,
    };
    for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
        progress_note(&f->p, t, &(struct engine_event){.type = ignored[i], .step = 0});
    /* A step the timeline does not have is nobody's. */
    progress_note(&f->p, t, &(struct engine_event){.type = ENGINE_EV_POSITION_DONE,
                                                   .step = t->n_steps});
    size_t done, skipped;
    progress_count(&f->p, &done, &skipped);
    assert_int_equal(done + skipped, 0);
    assert_int_equal(f->p.steps_done, 0);
}

static void test_zeroed_record(void **state)
{
    (void)state;
    struct progress p = {0};
    size_t done = 1, skipped = 1;
    progress_count(&p, &done, &skipped);
    assert_int_equal(done + skipped, 0);
    progress_finish(&p);
    progress_finish(&p);
    progress_finish(NULL);
}

static struct pcase cases[] = { /* not const: cmocka passes a void * */
    {"hamstrings-post-run.json", 1, 0},   {"hamstrings-post-run.json", 2, 0},
    {"hamstrings-spiky-ball.json", 1, 0}, {"hamstrings-spiky-ball.json", 2, 0},
    {"hamstrings-spiky-ball.json", 3, 0}, {"hamstrings-post-run.json", 2, 1},
};

/* Each test over every case, named after it. */
#define CASE(fn, i, what) {#fn " (" what ")", fn, setup, teardown, &cases[i]}
#define EACH_CASE(fn)                                                                          \
    CASE(fn, 0, "post-run"), CASE(fn, 1, "post-run, 2 passes"), CASE(fn, 2, "spiky"),          \
        CASE(fn, 3, "spiky, 2 passes"), CASE(fn, 4, "spiky, 3 passes"),                        \
        CASE(fn, 5, "post-run, 2 passes, one side")

int main(void)
{
    const struct CMUnitTest tests[] = {
        EACH_CASE(test_fresh_record),
        EACH_CASE(test_whole_session),
        EACH_CASE(test_skip_one_position),
        EACH_CASE(test_skip_last_phase_only),
        EACH_CASE(test_back_to_previous_position),
        EACH_CASE(test_back_within_position),
        EACH_CASE(test_history_entry),
        cmocka_unit_test_setup_teardown(test_other_events_ignored, setup, teardown),
        cmocka_unit_test(test_zeroed_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
