/* test_cues.c - what each engine event sounds like and says (src/engine/cues.c):
 * the sound per event and phase kind, the phrase table of a routine, the
 * next-up announcements at the end of a position, a pass, a strip and a side,
 * the transitions' sound and lines, and the schedule of cues from the
 * engine's prediction (one sound per instant). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "engine/cues.h"
#include "engine/engine.h"
#include "routine/routine.h"
#include "util/util.h"

/* Two sides (right first), one strip listed by positions with a half
 * centimetre and two passes, then a second strip. */
static const char small_json[] =
    "{\"format\":\"smr-routine/1\",\"id\":\"t\",\"title\":\"T\",\"description\":\"d\","
    "\"language\":\"en\",\"target\":\"hamstrings\",\"diagram\":\"hamstrings-back\","
    "\"sides\":[\"right\",\"left\"],\"equipment\":[\"A ball\"],\"setup\":[\"Sit.\"],"
    "\"cycle\":["
    "{\"kind\":\"stretch\",\"title\":\"Settle\",\"instruction\":\"Rest on the ball.\",\"duration_s\":4},"
    "{\"kind\":\"hold\",\"title\":\"Hold\",\"instruction\":\"Hold still.\",\"duration_s\":10,\"countdown\":3},"
    "{\"kind\":\"relax\",\"title\":\"Relax\",\"instruction\":\"Let go.\",\"duration_s\":3},"
    "{\"kind\":\"move\",\"title\":\"Move\",\"instruction\":\"Move the ball.\",\"duration_s\":5}],"
    "\"strips\":["
    "{\"id\":\"outer\",\"label\":\"Outer strip\",\"muscles\":[\"biceps femoris\"],\"line\":\"outer\","
    "\"positions_cm\":[10,15.5,20],\"passes\":2},"
    "{\"id\":\"inner\",\"label\":\"Inner strip\",\"muscles\":[\"semimembranosus\"],\"line\":\"inner\","
    "\"start_cm\":10,\"end_cm\":17,\"move_cm\":7,\"passes\":1}]}";

struct fixture {
    struct routine *r;
    struct timeline t;
    struct cue_phrases p;
};

static int setup_from(void **state, struct routine *r)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->r = r;
    assert_true(timeline_init(r, 1.0, 3000, &f->t));
    assert_true(cue_phrases_init(r, &f->t, false, &f->p));
    *state = f;
    return 0;
}

static int setup_small(void **state)
{
    struct diag_list d = {0};
    struct routine *r = NULL;
    bool ok = routine_create_from_buffer("small.json", small_json, sizeof small_json - 1, &r, &d);
    for (size_t i = 0; i < d.n; i++) {
        char *line = diag_format("small.json", &d.items[i]);
        print_message("%s\n", line);
        free(line);
    }
    diag_list_finish(&d);
    assert_true(ok);
    return setup_from(state, r);
}

static int setup_bundled(void **state)
{
    struct diag_list d = {0};
    struct routine *r = NULL;
    bool ok = routine_create_from_file(SMR_SOURCE_ROOT "/routines/hamstrings-spiky-ball.json", &r, &d);
    diag_list_finish(&d);
    assert_true(ok);
    return setup_from(state, r);
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    cue_phrases_finish(&f->p);
    timeline_finish(&f->t);
    routine_destroy(f->r);
    free(f);
    return 0;
}

/* The first step at (side, strip, pass, position) with phase `phase`. */
static size_t find_step(const struct timeline *t, size_t side, size_t strip, unsigned pass,
                        size_t position, size_t phase)
{
    for (size_t i = 0; i < t->n_steps; i++) {
        const struct timeline_step *s = &t->steps[i];
        if (s->side_index == side && s->strip == strip && s->pass == pass &&
            s->position == position && s->phase == phase)
            return i;
    }
    fail_msg("no such step");
    return 0;
}

static struct cue cue_of(const struct fixture *f, enum engine_event_type type, size_t step,
                         int value, bool *sounds)
{
    struct engine_event ev = {.type = type, .time_ms = 5000, .step = step, .value = value};
    struct cue c;
    *sounds = cue_from_event(f->r, &f->t, &f->p, &ev, &c);
    return c;
}

static void test_sound_per_event(void **state)
{
    struct fixture *f = *state;
    bool s;
    /* each phase kind of the bundled cycle: place, stretch, hold, relax, move */
    static const enum cue_sound by_phase[] = {CUE_SOUND_PHASE_START, CUE_SOUND_PHASE_START,
                                              CUE_SOUND_HOLD_START, CUE_SOUND_RELEASE,
                                              CUE_SOUND_MOVE};
    for (size_t ph = 0; ph < 5; ph++) {
        struct cue c = cue_of(f, ENGINE_EV_PHASE_START, find_step(&f->t, 0, 0, 0, 0, ph), 5, &s);
        assert_true(s);
        assert_int_equal(c.sound, by_phase[ph]);
        assert_int_equal(c.time_ms, 5000);
    }
    assert_int_equal(cue_of(f, ENGINE_EV_TICK, 2, 3, &s).sound, CUE_SOUND_TICK);
    assert_int_equal(cue_of(f, ENGINE_EV_TICK, 2, 2, &s).sound, CUE_SOUND_TICK);
    assert_int_equal(cue_of(f, ENGINE_EV_TICK, 2, 1, &s).sound, CUE_SOUND_TICK_LAST);
    assert_int_equal(cue_of(f, ENGINE_EV_LEAD_IN, 0, 3, &s).sound, CUE_SOUND_GET_READY);
    assert_int_equal(cue_of(f, ENGINE_EV_STRIP_DONE, 9, 0, &s).sound, CUE_SOUND_STRIP_DONE);
    assert_int_equal(cue_of(f, ENGINE_EV_SIDE_DONE, 9, 0, &s).sound, CUE_SOUND_STRIP_DONE);
    assert_int_equal(cue_of(f, ENGINE_EV_SESSION_DONE, 9, 0, &s).sound, CUE_SOUND_SESSION_DONE);
    cue_of(f, ENGINE_EV_PHASE_END, 2, 0, &s);
    assert_false(s);
    cue_of(f, ENGINE_EV_POSITION_DONE, 2, 0, &s);
    assert_false(s);
}

static void test_sounds_are_distinct(void **state)
{
    (void)state;
    for (int a = CUE_SOUND_NONE; a < CUE_SOUND_COUNT; a++)
        for (int b = a + 1; b < CUE_SOUND_COUNT; b++)
            assert_string_not_equal(cue_sound_name((enum cue_sound)a), cue_sound_name((enum cue_sound)b));
    assert_string_equal(cue_sound_name(CUE_SOUND_TICK_LAST), "tick-last");
    assert_true(cue_sound_priority(CUE_SOUND_STRIP_DONE) > cue_sound_priority(CUE_SOUND_PHASE_START));
    assert_true(cue_sound_priority(CUE_SOUND_SESSION_DONE) > cue_sound_priority(CUE_SOUND_STRIP_DONE));
    assert_true(cue_sound_priority(CUE_SOUND_GET_READY) > cue_sound_priority(CUE_SOUND_TICK));
    assert_true(cue_sound_priority(CUE_SOUND_MOVE) > cue_sound_priority(CUE_SOUND_TICK_LAST));
    /* a transition starts where a strip or a side ends, and is heard */
    assert_string_equal(cue_sound_name(CUE_SOUND_TRANSITION), "transition");
    assert_true(cue_sound_priority(CUE_SOUND_TRANSITION) > cue_sound_priority(CUE_SOUND_STRIP_DONE));
    assert_true(cue_sound_priority(CUE_SOUND_SESSION_DONE) > cue_sound_priority(CUE_SOUND_TRANSITION));
}

static void test_instruction_phrases(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(f->p.n_phases, f->r->n_phases);
    for (size_t ph = 0; ph < f->r->n_phases; ph++) {
        int i = f->p.instruction[ph];
        assert_true(i >= 0 && (size_t)i < f->p.n);
        assert_string_equal(f->p.text[i], f->r->phases[ph].instruction);
    }
    /* distinct texts only */
    for (size_t a = 0; a < f->p.n; a++)
        for (size_t b = a + 1; b < f->p.n; b++)
            assert_string_not_equal(f->p.text[a], f->p.text[b]);
    /* a phase start carries its instruction */
    bool s;
    size_t hold = find_step(&f->t, 1, 2, 0, 1, 2);
    struct cue c = cue_of(f, ENGINE_EV_PHASE_START, hold, 11, &s);
    assert_string_equal(f->p.text[c.phrase], f->r->phases[2].instruction);
    assert_int_equal(c.next_phrase, CUE_NO_PHRASE);
    assert_int_equal(c.end_ms, 5000 + f->t.steps[hold].duration_ms);
}

static const char *next_up_of(const struct fixture *f, size_t step)
{
    int i = f->p.next_up[step];
    return i == CUE_NO_PHRASE ? NULL : f->p.text[i];
}

static void test_next_up_bundled(void **state)
{
    struct fixture *f = *state;
    /* positions 10, 17, 24, 31: the move at the first announces the next */
    size_t move0 = find_step(&f->t, 0, 0, 0, 0, 4);
    assert_string_equal(next_up_of(f, move0), "Next: move the ball 7 centimetres toward the hip");
    /* only the last phase at a position announces */
    for (size_t ph = 0; ph < 4; ph++)
        assert_null(next_up_of(f, find_step(&f->t, 0, 0, 0, 0, ph)));
    /* the last position of a strip has no move: its relax announces the next strip */
    assert_string_equal(next_up_of(f, find_step(&f->t, 0, 0, 0, 3, 3)), "Next: the middle strip");
    assert_string_equal(next_up_of(f, find_step(&f->t, 0, 1, 0, 3, 3)), "Next: the inner strip");
    assert_string_equal(next_up_of(f, find_step(&f->t, 0, 2, 0, 3, 3)), "Next: the right leg");
    assert_null(next_up_of(f, f->t.n_steps - 1)); /* the end says nothing more */
    /* the phase start of an announcing step carries both phrases */
    bool s;
    struct cue c = cue_of(f, ENGINE_EV_PHASE_START, move0, 6, &s);
    assert_string_equal(f->p.text[c.phrase], f->r->phases[4].instruction);
    assert_string_equal(f->p.text[c.next_phrase], "Next: move the ball 7 centimetres toward the hip");
}

static void test_next_up_small(void **state)
{
    struct fixture *f = *state;
    /* side 0 is the right leg; outer strip positions 10, 15.5, 20, two passes */
    char *s = cue_next_up_text(f->r, &f->t, find_step(&f->t, 0, 0, 0, 0, 3));
    assert_string_equal(s, "Next: move the ball 5.5 centimetres toward the hip");
    free(s);
    s = cue_next_up_text(f->r, &f->t, find_step(&f->t, 0, 0, 0, 1, 3));
    assert_string_equal(s, "Next: move the ball 4.5 centimetres toward the hip");
    free(s);
    s = cue_next_up_text(f->r, &f->t, find_step(&f->t, 0, 0, 0, 2, 2));
    assert_string_equal(s, "Next: the outer strip once more");
    free(s);
    s = cue_next_up_text(f->r, &f->t, find_step(&f->t, 0, 0, 1, 2, 2));
    assert_string_equal(s, "Next: the inner strip");
    free(s);
    s = cue_next_up_text(f->r, &f->t, find_step(&f->t, 0, 1, 0, 1, 2));
    assert_string_equal(s, "Next: the left leg");
    free(s);
    assert_null(cue_next_up_text(f->r, &f->t, find_step(&f->t, 0, 0, 0, 0, 2)));
    assert_null(cue_next_up_text(f->r, &f->t, f->t.n_steps - 1));
    assert_null(cue_next_up_text(f->r, &f->t, f->t.n_steps));
}

static void test_without_phrases(void **state)
{
    struct fixture *f = *state;
    struct engine_event ev = {.type = ENGINE_EV_PHASE_START, .time_ms = 1, .step = 0};
    struct cue c;
    assert_true(cue_from_event(f->r, &f->t, NULL, &ev, &c));
    assert_int_equal(c.phrase, CUE_NO_PHRASE);
    assert_int_equal(c.next_phrase, CUE_NO_PHRASE);
    cue_phrases_finish(NULL);
    struct cue_phrases empty = {0};
    cue_phrases_finish(&empty);
}

/* The small routine's engine started at 1000 (a 3 s lead-in), and every cue
 * it predicts from there. */
struct predicted {
    struct engine *e;
    struct cue *cues;
    size_t n;
};

static struct predicted predict_from_start(const struct fixture *f, const struct cue_phrases *p)
{
    struct predicted pr = {.e = engine_create(f->r, NULL)};
    assert_non_null(pr.e);
    engine_start(pr.e, 1000);
    pr.n = cues_from_prediction(pr.e, 1000, p, &pr.cues);
    return pr;
}

static void predicted_free(struct predicted *pr)
{
    free(pr->cues);
    engine_destroy(pr->e);
}

/* The first cue at or after `t` with sound `s`. */
static const struct cue *find_cue(const struct predicted *pr, uint64_t t, enum cue_sound s)
{
    for (size_t i = 0; i < pr->n; i++)
        if (pr->cues[i].time_ms >= t && pr->cues[i].sound == s)
            return &pr->cues[i];
    fail_msg("no %s cue from %llu", cue_sound_name(s), (unsigned long long)t);
    return NULL;
}

static void test_prediction_one_sound_per_instant(void **state)
{
    struct fixture *f = *state;
    struct predicted pr = predict_from_start(f, &f->p);
    assert_true(pr.n > 20);
    /* the lead-in and its first tick are one get-ready */
    assert_int_equal(pr.cues[0].sound, CUE_SOUND_GET_READY);
    assert_int_equal(pr.cues[0].time_ms, 1000);
    assert_int_equal(pr.cues[0].event.type, ENGINE_EV_LEAD_IN);
    assert_int_equal(pr.cues[1].sound, CUE_SOUND_TICK);
    assert_int_equal(pr.cues[1].time_ms, 2000);
    assert_int_equal(pr.cues[2].sound, CUE_SOUND_TICK_LAST);
    assert_int_equal(pr.cues[2].time_ms, 3000);
    /* the first phase after the lead-in, with its instruction */
    assert_int_equal(pr.cues[3].sound, CUE_SOUND_PHASE_START);
    assert_int_equal(pr.cues[3].time_ms, 4000);
    assert_string_equal(f->p.text[pr.cues[3].phrase], "Rest on the ball.");
    for (size_t i = 1; i < pr.n; i++)
        assert_true(pr.cues[i].time_ms > pr.cues[i - 1].time_ms);
    assert_int_equal(pr.cues[pr.n - 1].sound, CUE_SOUND_SESSION_DONE);
    /* every cue is what its event sounds like on its own, but for merging */
    for (size_t i = 0; i < pr.n; i++) {
        struct cue alone;
        assert_true(cue_from_event(f->r, &f->t, &f->p, &pr.cues[i].event, &alone));
        assert_int_equal(alone.sound, pr.cues[i].sound);
        assert_true(cue_same_event(&alone.event, &pr.cues[i].event));
    }
    predicted_free(&pr);
}

/* A phase's instruction in full at a strip's first position, its title at
 * the others; in full again at the first phase after a control; in full
 * everywhere with every_time. */
static void check_instructions(const struct fixture *f, const struct predicted *pr,
                               bool every_time, size_t full_step)
{
    size_t n_full = 0, n_brief = 0;
    for (size_t i = 0; i < pr->n; i++) {
        const struct cue *c = &pr->cues[i];
        const struct timeline_step *st = &f->t.steps[c->step];
        if (c->event.type != ENGINE_EV_PHASE_START || st->kind != STEP_PHASE)
            continue;
        const struct routine_phase *ph = &f->r->phases[st->phase];
        bool full = every_time || st->position == 0 || c->step == full_step;
        char *title = full ? NULL : xasprintf("%s.", ph->title);
        assert_string_equal(f->p.text[c->phrase], full ? ph->instruction : title);
        free(title);
        full ? n_full++ : n_brief++;
    }
    assert_true(n_full >= 8);
    assert_true(every_time ? n_brief == 0 : n_brief >= 8);
}

static void test_prediction_brief_after_first_position(void **state)
{
    struct fixture *f = *state;
    struct predicted pr = predict_from_start(f, &f->p);
    check_instructions(f, &pr, false, 0);
    predicted_free(&pr);

    /* skipped into the hold of the second position: that one in full */
    pr = (struct predicted){.e = engine_create(f->r, NULL)};
    engine_start(pr.e, 1000);
    size_t hold = find_step(&f->t, 0, 0, 0, 1, 1);
    assert_int_equal(f->t.steps[hold].position, 1);
    uint64_t now = 1000 + f->t.steps[hold].start_ms - 500;
    engine_update(pr.e, now);
    engine_skip(pr.e, now);
    pr.n = cues_from_prediction(pr.e, now, &f->p, &pr.cues);
    assert_int_equal(pr.cues[0].step, hold);
    assert_string_equal(f->p.text[pr.cues[0].phrase], "Hold still.");
    check_instructions(f, &pr, false, hold);
    predicted_free(&pr);

    struct cue_phrases every = f->p;
    every.every_time = true;
    pr = predict_from_start(f, &every);
    check_instructions(f, &pr, true, 0);
    predicted_free(&pr);
}

static void test_prediction_merges_phrases(void **state)
{
    struct fixture *f = *state;
    struct predicted pr = predict_from_start(f, &f->p);
    /* The end of the first pass and the change back to the knee end on one
     * instant: the transition's sound (it says what to do now, which a
     * strip-done does not), the transition's line. */
    size_t back = find_step(&f->t, 0, 0, 1, 0, TIMELINE_NO_PHASE);
    const struct cue *done = find_cue(&pr, 0, CUE_SOUND_TRANSITION);
    assert_int_equal(done->event.type, ENGINE_EV_PHASE_START);
    assert_int_equal(done->step, back);
    assert_int_equal(done->time_ms, 1000 + f->t.steps[back].start_ms);
    /* every strip done here is followed by a transition or the end: it is
     * never heard alone */
    for (size_t i = 0; i < pr.n; i++)
        assert_int_not_equal(pr.cues[i].sound, CUE_SOUND_STRIP_DONE);
    assert_string_equal(f->p.text[done->phrase],
                        "Back to the knee end of the outer strip, 10 centimetres above the knee "
                        "crease");
    assert_int_equal(done->next_phrase, CUE_NO_PHRASE);
    /* the move at the first position announces the next, to end with it */
    size_t move0 = find_step(&f->t, 0, 0, 0, 0, 3);
    const struct cue *move = find_cue(&pr, 1000 + f->t.steps[move0].start_ms, CUE_SOUND_MOVE);
    assert_int_equal(move->step, move0);
    assert_string_equal(f->p.text[move->phrase], "Move the ball.");
    assert_string_equal(f->p.text[move->next_phrase], "Next: move the ball 5.5 centimetres toward the hip");
    assert_int_equal(move->end_ms, move->time_ms + f->t.steps[move0].duration_ms);
    predicted_free(&pr);
}

/* Each kind of transition: its own sound and its own line, said as it
 * starts; the step before announces where the session goes. */
static void test_transition_cues(void **state)
{
    struct fixture *f = *state;
    static const struct {
        size_t side, strip;
        unsigned pass;
        const char *line, *announced;
    } want[] = {
        {0, 0, 1, "Back to the knee end of the outer strip, 10 centimetres above the knee crease",
         "Next: the outer strip once more"},
        {0, 1, 0,
         "Change strip: move the ball to the inner strip, 10 centimetres above the knee crease",
         "Next: the inner strip"},
        {1, 0, 0,
         "Change legs: left leg now, the ball under the outer strip, 10 centimetres above the "
         "knee crease",
         "Next: the left leg"},
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        size_t i = find_step(&f->t, want[k].side, want[k].strip, want[k].pass, 0, TIMELINE_NO_PHASE);
        bool s;
        struct cue c = cue_of(f, ENGINE_EV_PHASE_START, i, 10, &s);
        assert_true(s);
        assert_int_equal(c.sound, CUE_SOUND_TRANSITION);
        assert_true(c.phrase >= 0 && (size_t)c.phrase < f->p.n);
        assert_string_equal(f->p.text[c.phrase], want[k].line);
        assert_int_equal(f->p.transition[i], c.phrase);
        assert_int_equal(c.next_phrase, CUE_NO_PHRASE); /* nothing more to announce */
        assert_int_equal(c.end_ms, 5000 + f->t.steps[i].duration_ms);
        assert_string_equal(next_up_of(f, i - 1), want[k].announced);
        /* its ticks and end sound as a phase's do */
        assert_int_equal(cue_of(f, ENGINE_EV_TICK, i, 1, &s).sound, CUE_SOUND_TICK_LAST);
        cue_of(f, ENGINE_EV_PHASE_END, i, 0, &s);
        assert_false(s);
        /* without a phrase table: the sound alone */
        struct engine_event ev = {.type = ENGINE_EV_PHASE_START, .time_ms = 1, .step = i};
        assert_true(cue_from_event(f->r, &f->t, NULL, &ev, &c));
        assert_int_equal(c.sound, CUE_SOUND_TRANSITION);
        assert_int_equal(c.phrase, CUE_NO_PHRASE);
    }
    /* phases have no transition line */
    assert_int_equal(f->p.transition[0], CUE_NO_PHRASE);
}

static void test_prediction_ticks_of_a_hold(void **state)
{
    struct fixture *f = *state;
    struct predicted pr = predict_from_start(f, &f->p);
    size_t hold = find_step(&f->t, 0, 0, 0, 0, 1);
    uint64_t end = 1000 + f->t.steps[hold].start_ms + f->t.steps[hold].duration_ms;
    const struct cue *c = find_cue(&pr, 1000 + f->t.steps[hold].start_ms, CUE_SOUND_HOLD_START);
    assert_string_equal(f->p.text[c->phrase], "Hold still.");
    c = find_cue(&pr, c->time_ms + 1, CUE_SOUND_TICK);
    assert_int_equal(c->time_ms, end - 3000);
    assert_int_equal(c[1].sound, CUE_SOUND_TICK);
    assert_int_equal(c[1].time_ms, end - 2000);
    assert_int_equal(c[2].sound, CUE_SOUND_TICK_LAST);
    assert_int_equal(c[2].time_ms, end - 1000);
    assert_int_equal(c[3].sound, CUE_SOUND_RELEASE);
    assert_int_equal(c[3].time_ms, end);
    predicted_free(&pr);
}

static void test_prediction_without_phrases(void **state)
{
    struct fixture *f = *state;
    /* no table, and a table of another timeline: the same sounds, no words */
    struct cue_phrases other = f->p;
    other.n_steps = f->t.n_steps - 1;
    struct predicted with = predict_from_start(f, &f->p);
    const struct cue_phrases *tables[] = {NULL, &other};
    for (size_t k = 0; k < 2; k++) {
        struct predicted pr = predict_from_start(f, tables[k]);
        assert_int_equal(pr.n, with.n);
        for (size_t i = 0; i < pr.n; i++) {
            assert_int_equal(pr.cues[i].sound, with.cues[i].sound);
            assert_int_equal(pr.cues[i].time_ms, with.cues[i].time_ms);
            assert_int_equal(pr.cues[i].phrase, CUE_NO_PHRASE);
            assert_int_equal(pr.cues[i].next_phrase, CUE_NO_PHRASE);
        }
        predicted_free(&pr);
    }
    predicted_free(&with);
    /* an engine not started predicts nothing */
    struct engine *e = engine_create(f->r, NULL);
    struct cue *none = NULL;
    assert_int_equal(cues_from_prediction(e, 0, &f->p, &none), 0);
    assert_null(none);
    engine_destroy(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sound_per_event, setup_bundled, teardown),
        cmocka_unit_test(test_sounds_are_distinct),
        cmocka_unit_test_setup_teardown(test_instruction_phrases, setup_bundled, teardown),
        cmocka_unit_test_setup_teardown(test_next_up_bundled, setup_bundled, teardown),
        cmocka_unit_test_setup_teardown(test_next_up_small, setup_small, teardown),
        cmocka_unit_test_setup_teardown(test_without_phrases, setup_small, teardown),
        cmocka_unit_test_setup_teardown(test_prediction_one_sound_per_instant, setup_small, teardown),
        cmocka_unit_test_setup_teardown(test_prediction_merges_phrases, setup_small, teardown),
        cmocka_unit_test_setup_teardown(test_prediction_brief_after_first_position, setup_small,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_transition_cues, setup_small, teardown),
        cmocka_unit_test_setup_teardown(test_prediction_ticks_of_a_hold, setup_small, teardown),
        cmocka_unit_test_setup_teardown(test_prediction_without_phrases, setup_small, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
