/* test_transitions.c - the changes between passes, strips and legs on a
 * small routine (one of each kind): where they stand in the timeline, that
 * they play as phases do with every control, and what each step is called
 * and says (engine/steps.h), in each diagram's landmarks. Against a fake
 * clock, like test_engine.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/cues.h"
#include "engine/engine.h"
#include "engine/steps.h"
#include "engine_fixture.h"
#include "routine/routine.h"

/* Two legs; the outer strip twice (10, 17), then the inner once (12, 19);
 * changes of 8 s (strip) and 15 s (legs). A pass: 22 s at its first position
 * (place 4, hold 10, relax 3, move 5), 17 s at its last (no move). */
static const char small_json[] =
    "{\"format\":\"smr-routine/1\",\"id\":\"t\",\"title\":\"T\",\"description\":\"d\","
    "\"language\":\"en\",\"target\":\"hamstrings\",\"diagram\":\"hamstrings-back\","
    "\"sides\":[\"left\",\"right\"],\"equipment\":[\"A ball\"],\"setup\":[\"Sit.\"],"
    "\"cycle\":["
    "{\"kind\":\"stretch\",\"title\":\"Settle\",\"instruction\":\"Rest.\",\"duration_s\":4},"
    "{\"kind\":\"hold\",\"title\":\"Hold\",\"instruction\":\"Hold.\",\"duration_s\":10,\"countdown\":3},"
    "{\"kind\":\"relax\",\"title\":\"Relax\",\"instruction\":\"Let go.\",\"duration_s\":3},"
    "{\"kind\":\"move\",\"title\":\"Move\",\"instruction\":\"Move.\",\"duration_s\":5}],"
    "\"strips\":["
    "{\"id\":\"outer\",\"label\":\"Outer strip\",\"muscles\":[\"biceps femoris\"],"
    "\"line\":\"outer\",\"positions_cm\":[10,17],\"passes\":2},"
    "{\"id\":\"inner\",\"label\":\"Inner strip\",\"muscles\":[\"semimembranosus\"],"
    "\"line\":\"inner\",\"positions_cm\":[12,19]}],"
    "\"transitions\":{\"strip_s\":8,\"side_s\":15}}";

enum { PASS_MS = 39000, STRIP_MS = 8000, SIDE_MS = 15000 };

static int setup_small(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    struct diag_list d = {0};
    bool ok = routine_create_from_buffer("small.json", small_json, sizeof small_json - 1, &f->r, &d);
    diag_list_finish(&d);
    assert_true(ok);
    f->e = engine_create(f->r, NULL);
    assert_non_null(f->e);
    *state = f;
    return 0;
}

/* The steps a kind at a time: back to the start for the second pass, to
 * the next strip, to the other leg; each at the position it leads to. */
static void test_transitions_timeline(void **state)
{
    struct fx *f = *state;
    const struct timeline *tl = engine_timeline(f->e);
    /* a side: 3 passes of 7 steps and 2 transitions; then the legs */
    assert_int_equal(tl->n_steps, 2 * (3 * 7 + 2) + 1);
    assert_int_equal(tl->total_ms, 3000 + 6 * PASS_MS + 4 * STRIP_MS + SIDE_MS);
    assert_int_equal(routine_total_ms(f->r), tl->total_ms - 3000);
    static const struct {
        size_t step;
        enum step_kind kind;
        size_t side, strip;
        unsigned pass;
        double cm;
        uint32_t ms;
    } want[] = {
        {7, STEP_REPEAT_STRIP, 0, 0, 1, 10, STRIP_MS},
        {15, STEP_CHANGE_STRIP, 0, 1, 0, 12, STRIP_MS},
        {23, STEP_CHANGE_SIDE, 1, 0, 0, 10, SIDE_MS},
        {31, STEP_REPEAT_STRIP, 1, 0, 1, 10, STRIP_MS},
        {39, STEP_CHANGE_STRIP, 1, 1, 0, 12, STRIP_MS},
    };
    size_t n = 0;
    for (size_t i = 0; i < tl->n_steps; i++)
        n += tl->steps[i].kind != STEP_PHASE;
    assert_int_equal(n, sizeof want / sizeof want[0]);
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        const struct timeline_step *s = &tl->steps[want[k].step];
        assert_int_equal(s->kind, want[k].kind);
        assert_int_equal(s->side_index, want[k].side);
        assert_int_equal(s->side, want[k].side ? ROUTINE_SIDE_RIGHT : ROUTINE_SIDE_LEFT);
        assert_int_equal(s->strip, want[k].strip);
        assert_int_equal(s->pass, want[k].pass);
        assert_int_equal(s->position, 0);
        assert_true(s->cm == want[k].cm);
        assert_true(s->next_cm == s[1].cm + 7); /* the position after, like its phases */
        assert_int_equal(s->routine_ms, want[k].ms);
        assert_int_equal(s->duration_ms, want[k].ms);
        assert_int_equal(s->phase, TIMELINE_NO_PHASE);
        assert_true(timeline_same_position(s, s + 1) && timeline_same_pass(s, s + 1));
        assert_false(timeline_same_position(s - 1, s));
        assert_int_equal(s[1].kind, STEP_PHASE);
        assert_int_equal(s[1].phase, 0);
    }
    assert_string_equal(step_kind_name(STEP_PHASE), "phase");
    assert_string_equal(step_kind_name(STEP_CHANGE_STRIP), "change-strip");
    assert_string_equal(step_kind_name(STEP_REPEAT_STRIP), "repeat-strip");
    assert_string_equal(step_kind_name(STEP_CHANGE_SIDE), "change-side");
}

/* A transition plays as a phase: its start with its seconds, 3-2-1, its
 * end; the done events of the pass before it come first, none of its own. */
static void test_transition_plays_like_a_phase(void **state)
{
    struct fx *f = *state;
    const struct timeline *tl = engine_timeline(f->e);
    const size_t tr = 23; /* the change of legs */
    const struct timeline_step *s = &tl->steps[tr];
    engine_start(f->e, 0);
    run_to(f, 0, tl->total_ms, 10);
    struct evlist around = {0};
    for (size_t i = 0; i < f->got.n; i++)
        if (f->got.v[i].step == tr - 1 || f->got.v[i].step == tr)
            ev_add(&around, &f->got.v[i]);
    uint64_t end = s->start_ms + s->duration_ms;
    static const enum engine_event_type order[] = {
        ENGINE_EV_PHASE_START, ENGINE_EV_PHASE_END, ENGINE_EV_POSITION_DONE, ENGINE_EV_STRIP_DONE,
        ENGINE_EV_SIDE_DONE,   ENGINE_EV_PHASE_START, ENGINE_EV_TICK,      ENGINE_EV_TICK,
        ENGINE_EV_TICK,        ENGINE_EV_PHASE_END,
    };
    assert_int_equal(around.n, sizeof order / sizeof order[0]);
    for (size_t k = 0; k < around.n; k++)
        assert_int_equal(around.v[k].type, order[k]);
    assert_true(around.v[4].step == tr - 1 && around.v[4].time_ms == s->start_ms);
    assert_true(around.v[5].step == tr && around.v[5].time_ms == s->start_ms);
    assert_int_equal(around.v[5].value, 15);
    for (int k = 0; k < 3; k++) {
        assert_int_equal(around.v[6 + k].value, 3 - k);
        assert_int_equal(around.v[6 + k].time_ms, end - 1000 * (uint64_t)(3 - k));
    }
    assert_int_equal(around.v[9].time_ms, end);
    /* positions, passes and sides are counted as before */
    assert_int_equal(count_type(&f->got, ENGINE_EV_POSITION_DONE), routine_total_positions(f->r));
    assert_int_equal(count_type(&f->got, ENGINE_EV_STRIP_DONE), 6);
    assert_int_equal(count_type(&f->got, ENGINE_EV_SIDE_DONE), 2);
    assert_int_equal(count_type(&f->got, ENGINE_EV_PHASE_START), tl->n_steps);
    free(around.v);
}

/* Skip, back, pause and progress during a transition. */
static void test_controls_in_a_transition(void **state)
{
    struct fx *f = *state;
    const struct timeline *tl = engine_timeline(f->e);
    const size_t tr = 15; /* to the inner strip */
    const struct timeline_step *s = &tl->steps[tr];
    engine_start(f->e, 0);
    uint64_t at = s->start_ms + 4000;
    run_to(f, 0, at, 10);
    struct engine_progress p;
    engine_progress(f->e, &p);
    assert_true(p.strip == 1 && p.position == 0 && p.pass == 0 && p.phase == TIMELINE_NO_PHASE);
    assert_int_equal(engine_display_seconds(f->e, at), 4);

    /* pause and resume: the rest of it after a lead-in */
    engine_pause(f->e, at);
    engine_resume(f->e, at + 20000);
    assert_int_equal(engine_phase_remaining_ms(f->e, at + 20000), 4000);
    run_to(f, at + 20000, at + 23000, 10);
    assert_int_equal(engine_step_index(f->e), tr);

    /* skip (before its countdown): it ends now, silent of done events; the
     * place phase starts */
    run_to(f, at + 23000, at + 23500, 10);
    size_t before = f->got.n;
    at += 23500;
    engine_skip(f->e, at);
    engine_update(f->e, at);
    drain(f->e, &f->got);
    assert_int_equal(f->got.n - before, 2);
    assert_true(f->got.v[before].type == ENGINE_EV_PHASE_END && f->got.v[before].step == tr &&
                f->got.v[before].skipped);
    assert_true(f->got.v[before + 1].type == ENGINE_EV_PHASE_START &&
                f->got.v[before + 1].step == tr + 1 && f->got.v[before + 1].time_ms == at);

    /* back from its place phase, past the grace: to the transition's start
     * (the same position: no POSITION_DONE) */
    at += 3500;
    run_to(f, at - 3500, at, 10);
    before = f->got.n;
    engine_back(f->e, at);
    engine_update(f->e, at);
    drain(f->e, &f->got);
    assert_int_equal(engine_step_index(f->e), tr);
    assert_int_equal(f->got.n - before, 2);
    assert_true(f->got.v[before].type == ENGINE_EV_PHASE_END && f->got.v[before].skipped);
    assert_true(f->got.v[before + 1].type == ENGINE_EV_PHASE_START &&
                f->got.v[before + 1].step == tr);

    /* back again within the grace: the last position of the pass before */
    run_to(f, at, at + 1000, 10);
    engine_back(f->e, at + 1000);
    drain(f->e, &f->got);
    assert_int_equal(engine_step_index(f->e), tr - 3); /* its place, hold, relax */
    assert_int_equal(tl->steps[tr - 3].position, 1);
    assert_int_equal(tl->steps[tr - 3].phase, 0);
    /* the position it led to was left, as a back from a phase leaves one */
    const struct engine_event *pd = last_of(&f->got, ENGINE_EV_POSITION_DONE);
    assert_true(pd->step == tr && pd->skipped);
}

/* What each step is called and says (steps.h), shown and spoken. */
static void test_step_texts(void **state)
{
    struct fx *f = *state;
    const struct timeline *tl = engine_timeline(f->e);
    static const struct {
        size_t step;
        const char *title, *shown, *spoken;
    } want[] = {
        {1, "Hold", "Hold.", "Hold."},
        {7, "Back to the start",
         "Move the ball back to the knee end of the outer strip, 10 cm above the knee crease.",
         "Back to the knee end of the outer strip, 10 centimetres above the knee crease"},
        {15, "Change strip", "Move the ball to the inner strip, 12 cm above the knee crease.",
         "Change strip: move the ball to the inner strip, 12 centimetres above the knee crease"},
        {23, "Change legs", "Right leg now: the ball under the outer strip, 10 cm above the knee crease.",
         "Change legs: right leg now, the ball under the outer strip, 10 centimetres above the "
         "knee crease"},
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        const struct timeline_step *s = &tl->steps[want[k].step];
        assert_string_equal(step_title(f->r, s), want[k].title);
        char *shown = step_instruction(f->r, s, STEP_SHOWN);
        char *spoken = step_instruction(f->r, s, STEP_SPOKEN);
        assert_string_equal(shown, want[k].shown);
        assert_string_equal(spoken, want[k].spoken);
        free(shown);
        free(spoken);
    }
    char *label = step_strip_in_sentence(f->r, 1);
    assert_string_equal(label, "inner strip");
    free(label);
}

/* The first step of `kind` in the timeline. */
static const struct timeline_step *first_of(const struct timeline *tl, enum step_kind kind)
{
    for (size_t i = 0; i < tl->n_steps; i++)
        if (tl->steps[i].kind == kind)
            return &tl->steps[i];
    fail_msg("no step of kind %d", (int)kind);
    return NULL;
}

/* On the other diagrams a transition says the place in their landmarks (the
 * calf's cm run down from the knee crease, the front of the thigh's up from
 * the kneecap), and the voice's next move goes toward the heel on the calf. */
static void test_step_texts_follow_the_diagram(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        const char *strip_shown, *strip_spoken, *side_shown, *next_move;
    } want[] = {
        {"calves-spiky-ball.json", "Move the ball to the outer strip, 8 cm below the knee crease.",
         "Change strip: move the ball to the outer strip, 8 centimetres below the knee crease",
         "Right leg now: the ball under the inner strip, 8 cm below the knee crease.",
         "Next: move the ball 7 centimetres toward the heel"},
        {"quadriceps-spiky-ball.json",
         "Move the ball to the middle strip, 11 cm above the bottom of the kneecap.",
         "Change strip: move the ball to the middle strip, 11 centimetres above the bottom of "
         "the kneecap",
         "Right leg now: the ball under the outer strip, 11 cm above the bottom of the kneecap.",
         "Next: move the ball 7 centimetres toward the hip"},
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        struct routine *r = load(want[k].file);
        struct engine *e = engine_create(r, NULL);
        const struct timeline *tl = engine_timeline(e);
        char *shown = step_instruction(r, first_of(tl, STEP_CHANGE_STRIP), STEP_SHOWN);
        char *spoken = step_instruction(r, first_of(tl, STEP_CHANGE_STRIP), STEP_SPOKEN);
        char *side = step_instruction(r, first_of(tl, STEP_CHANGE_SIDE), STEP_SHOWN);
        char *next = cue_next_up_text(r, tl, r->n_phases - 1); /* the first move */
        assert_string_equal(shown, want[k].strip_shown);
        assert_string_equal(spoken, want[k].strip_spoken);
        assert_string_equal(side, want[k].side_shown);
        assert_string_equal(next, want[k].next_move);
        free(shown);
        free(spoken);
        free(side);
        free(next);
        engine_destroy(e);
        routine_destroy(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_transitions_timeline, setup_small, fx_teardown),
        cmocka_unit_test_setup_teardown(test_transition_plays_like_a_phase, setup_small, fx_teardown),
        cmocka_unit_test_setup_teardown(test_controls_in_a_transition, setup_small, fx_teardown),
        cmocka_unit_test_setup_teardown(test_step_texts, setup_small, fx_teardown),
        cmocka_unit_test(test_step_texts_follow_the_diagram),
    };
    return cmocka_run_group_tests_name("transitions", tests, NULL, NULL);
}
