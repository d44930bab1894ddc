/* test_audio_null.c - the null audio backend (src/audio/audio_null.c) as a
 * recorder: an engine on a fake clock drives it exactly as the app does (lock,
 * read the clock, control, schedule or clear, unlock) and the record says what
 * was played when: the get-ready, the ticks 3-2-1, each phase's sound and
 * words, a pause dropping what was to come, a skip placing it anew. Then the
 * choice of backend: the program's, SMR_AUDIO, an unknown name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/audio.h"
#include "audio/audio_null.h"
#include "config.h"
#include "engine/cues.h"
#include "engine/engine.h"
#include "routine/routine.h"
#include "util/log.h"

/* The bundled routine from T0 on the fake clock: a 3 s get-ready, then at
 * 8000 settle (6 s), 14000 stretch (5 s), 19000 hold (11 s, ticks at 27000,
 * 28000, 29000), 30000 relax (4 s), 34000 move (6 s)... */
enum { T0 = 5000 };

struct fixture {
    struct routine *r;
    struct engine *e;
    struct audio *a;
    struct cue_phrases p; /* the same table as the backend's */
    uint64_t clock;
};

static uint64_t fake_clock(void *user)
{
    return ((struct fixture *)user)->clock;
}

static struct routine *load_bundled(void)
{
    struct diag_list d = {0};
    struct routine *r = NULL;
    assert_true(routine_create_from_file(SMR_SOURCE_ROOT "/routines/hamstrings-spiky-ball.json", &r, &d));
    diag_list_finish(&d);
    return r;
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->r = load_bundled();
    f->e = engine_create(f->r, NULL);
    assert_non_null(f->e);
    f->a = audio_create(&(struct audio_options){
        .volume = 80, .backend = "null", .clock_ms = fake_clock, .clock_user = f});
    assert_false(audio_is_live(f->a));
    audio_prepare(f->a, f->r, engine_timeline(f->e));
    assert_true(cue_phrases_init(f->r, engine_timeline(f->e), false, &f->p));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    audio_destroy(f->a);
    cue_phrases_finish(&f->p);
    engine_destroy(f->e);
    routine_destroy(f->r);
    free(f);
    return 0;
}

/* The app's frame loop at `t`: read the clock, deliver what is due. */
static void run_to(struct fixture *f, uint64_t t)
{
    f->clock = t;
    uint64_t now = audio_clock_ms(f->a);
    assert_int_equal(now, t);
    engine_update(f->e, now);
    struct engine_event ev;
    while (engine_poll_event(f->e, &ev))
        ;
}

/* A control at `t`, as the app runs one. */
static void control(struct fixture *f, void (*op)(struct engine *e, uint64_t now), uint64_t t)
{
    run_to(f, t);
    audio_lock(f->a);
    uint64_t now = audio_clock_ms(f->a);
    op(f->e, now);
    if (engine_state(f->e) == ENGINE_PAUSED)
        audio_clear(f->a);
    else
        audio_schedule_from_engine(f->a, f->e, now);
    audio_unlock(f->a);
}

static const struct audio_played *record(const struct fixture *f, size_t *n)
{
    const struct audio_played *rec;
    *n = audio_null_record(f->a, &rec);
    return rec;
}

/* The one cue played at `t`. */
static const struct audio_played *played_at(const struct fixture *f, uint64_t t)
{
    size_t n;
    const struct audio_played *rec = record(f, &n);
    for (size_t i = 0; i < n; i++)
        if (rec[i].time_ms == t)
            return &rec[i];
    fail_msg("nothing played at %llu", (unsigned long long)t);
    return NULL;
}

static void assert_played(const struct fixture *f, uint64_t t, enum cue_sound s)
{
    const struct audio_played *p = played_at(f, t);
    if (p->sound != s)
        fail_msg("at %llu: %s, wanted %s", (unsigned long long)t, cue_sound_name(p->sound),
                 cue_sound_name(s));
}

static void assert_says(const struct fixture *f, uint64_t t, size_t phase)
{
    const struct audio_played *p = played_at(f, t);
    assert_true(p->phrase >= 0 && (size_t)p->phrase < f->p.n);
    assert_string_equal(f->p.text[p->phrase], f->r->phases[phase].instruction);
}

/* Nothing played in [from, to). */
static void assert_silent(const struct fixture *f, uint64_t from, uint64_t to)
{
    size_t n;
    const struct audio_played *rec = record(f, &n);
    for (size_t i = 0; i < n; i++)
        if (rec[i].time_ms >= from && rec[i].time_ms < to)
            fail_msg("%s played at %llu", cue_sound_name(rec[i].sound),
                     (unsigned long long)rec[i].time_ms);
}

static void test_get_ready_and_first_phase(void **state)
{
    struct fixture *f = *state;
    control(f, engine_start, T0);
    /* placed; played when the stream (its clock) is next looked at */
    size_t n;
    record(f, &n);
    assert_int_equal(n, 0);
    const struct cue *next;
    assert_true(audio_null_pending(f->a, &next) > 100);
    assert_int_equal(next->sound, CUE_SOUND_GET_READY);
    assert_int_equal(next->time_ms, T0);
    run_to(f, T0);
    record(f, &n);
    assert_int_equal(n, 1);
    assert_played(f, T0, CUE_SOUND_GET_READY);
    run_to(f, T0 + 2999);
    assert_played(f, T0 + 1000, CUE_SOUND_TICK);
    assert_played(f, T0 + 2000, CUE_SOUND_TICK_LAST);
    record(f, &n);
    assert_int_equal(n, 3);
    assert_true(audio_null_pending(f->a, &next) > 100);
    assert_int_equal(next->time_ms, T0 + 3000); /* not played before its time */
    run_to(f, T0 + 3000);
    assert_played(f, T0 + 3000, CUE_SOUND_PHASE_START);
    assert_says(f, T0 + 3000, 0);
    assert_int_equal(played_at(f, T0 + 3000)->next_phrase, CUE_NO_PHRASE);
    run_to(f, 14000);
    assert_played(f, 14000, CUE_SOUND_PHASE_START);
    assert_says(f, 14000, 1);
}

static void test_hold_counts_down(void **state)
{
    struct fixture *f = *state;
    control(f, engine_start, T0);
    run_to(f, 40000);
    assert_played(f, 19000, CUE_SOUND_HOLD_START);
    assert_says(f, 19000, 2);
    assert_silent(f, 19001, 27000);
    assert_played(f, 27000, CUE_SOUND_TICK);
    assert_played(f, 28000, CUE_SOUND_TICK);
    assert_played(f, 29000, CUE_SOUND_TICK_LAST);
    assert_played(f, 30000, CUE_SOUND_RELEASE);
    assert_played(f, 34000, CUE_SOUND_MOVE);
    /* the last phase at a position also says what comes next */
    const struct audio_played *move = played_at(f, 34000);
    assert_string_equal(f->p.text[move->next_phrase], "Next: move the ball 7 centimetres toward the hip");
    assert_played(f, 37000, CUE_SOUND_TICK);
    assert_played(f, 39000, CUE_SOUND_TICK_LAST);
    assert_played(f, 40000, CUE_SOUND_PHASE_START);
}

static void test_pause_drops_what_was_to_come(void **state)
{
    struct fixture *f = *state;
    control(f, engine_start, T0);
    control(f, engine_pause, 20500); /* 1.5 s into the hold */
    const struct cue *next;
    assert_int_equal(audio_null_pending(f->a, &next), 0);
    run_to(f, 60000);
    assert_silent(f, 19001, 60000);
    /* resume: a get-ready, and the hold's 9.5 s left after it */
    control(f, engine_resume, 60000);
    run_to(f, 80000);
    assert_played(f, 60000, CUE_SOUND_GET_READY);
    assert_played(f, 61000, CUE_SOUND_TICK);
    assert_played(f, 62000, CUE_SOUND_TICK_LAST);
    assert_played(f, 63000 + 6500, CUE_SOUND_TICK);
    assert_played(f, 63000 + 8500, CUE_SOUND_TICK_LAST);
    assert_played(f, 63000 + 9500, CUE_SOUND_RELEASE);
    assert_says(f, 63000 + 9500, 3);
}

static void test_skip_places_anew(void **state)
{
    struct fixture *f = *state;
    control(f, engine_start, T0);
    control(f, engine_skip, 16000); /* 2 s into the stretch: the hold now */
    const struct cue *next;
    assert_true(audio_null_pending(f->a, &next) > 100);
    assert_int_equal(next->time_ms, 16000);
    assert_int_equal(next->sound, CUE_SOUND_HOLD_START);
    run_to(f, 30000);
    assert_played(f, 16000, CUE_SOUND_HOLD_START);
    assert_says(f, 16000, 2);
    assert_silent(f, 16001, 24000); /* the old hold-start at 19000 is gone */
    assert_played(f, 24000, CUE_SOUND_TICK);
    assert_played(f, 26000, CUE_SOUND_TICK_LAST);
    assert_played(f, 27000, CUE_SOUND_RELEASE);
    assert_silent(f, 27001, 30001);
}

/* Untouched, the whole session is played exactly as it was predicted at the
 * start (what the live backend places in its stream), each cue once. */
static void test_session_as_predicted(void **state)
{
    struct fixture *f = *state;
    control(f, engine_start, T0);
    struct cue *want = NULL;
    size_t n_want = cues_from_prediction(f->e, T0, &f->p, &want);
    /* placed again at once, twice: nothing is played twice */
    audio_schedule_from_engine(f->a, f->e, T0);
    audio_schedule_from_engine(f->a, f->e, T0);
    for (uint64_t t = T0; engine_state(f->e) != ENGINE_DONE;) {
        t = engine_next_deadline(f->e, t);
        run_to(f, t);
    }
    size_t n;
    const struct audio_played *rec = record(f, &n);
    assert_int_equal(n, n_want);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(rec[i].sound, want[i].sound);
        assert_int_equal(rec[i].time_ms, want[i].time_ms);
        assert_int_equal(rec[i].phrase, want[i].phrase);
        assert_int_equal(rec[i].next_phrase, want[i].next_phrase);
        assert_true(cue_same_event(&rec[i].event, &want[i].event));
    }
    assert_int_equal(rec[n - 1].sound, CUE_SOUND_SESSION_DONE);
    free(want);
}

/* Cues placed after their time: a little late they play at once, much later
 * never. */
static void test_late_cues(void **state)
{
    struct fixture *f = *state;
    engine_start(f->e, T0);
    f->clock = T0 + CUE_LATE_MS - 50;
    audio_schedule_from_engine(f->a, f->e, T0);
    run_to(f, T0 + 1000);
    assert_played(f, T0 + CUE_LATE_MS - 50, CUE_SOUND_GET_READY);
    assert_played(f, T0 + 1000, CUE_SOUND_TICK);

    audio_clear(f->a);
    engine_stop(f->e, f->clock);
    struct engine *e = engine_create(f->r, NULL);
    engine_start(e, 10000);
    f->clock = 10000 + CUE_LATE_MS + 1;
    audio_schedule_from_engine(f->a, e, 10000);
    f->clock = 11000;
    audio_clock_ms(f->a);
    assert_silent(f, 10000, 11000);
    assert_played(f, 11000, CUE_SOUND_TICK);
    engine_destroy(e);
}

struct captured {
    char lines[8][256];
    size_t n;
};

static void capture(enum log_level level, const char *file, int line, const char *message,
                    void *user)
{
    (void)file, (void)line;
    struct captured *c = user;
    if (level >= LOG_WARN && c->n < 8)
        snprintf(c->lines[c->n++], sizeof c->lines[0], "%s", message);
}

static bool is_null(struct audio *a)
{
    const struct audio_played *rec;
    /* only the null backend has a record; a schedule makes it non-empty */
    struct routine *r = load_bundled();
    struct engine *e = engine_create(r, NULL);
    uint64_t now = audio_clock_ms(a);
    engine_start(e, now);
    audio_schedule_from_engine(a, e, now);
    audio_clock_ms(a);
    bool null = audio_null_record(a, &rec) > 0;
    engine_destroy(e);
    routine_destroy(r);
    return null;
}

static void test_backend_choice(void **state)
{
    (void)state;
    struct captured c = {.n = 0};
    log_set_sink(capture, &c);
    setenv("SDL_AUDIODRIVER", "nonexistent", 1);

    setenv("SMR_AUDIO", "null", 1);
    struct audio *a = audio_create(NULL);
    assert_true(is_null(a));
    audio_destroy(a);
    assert_int_equal(c.n, 0); /* chosen: no notice */

    /* the program's choice comes first */
    setenv("SMR_AUDIO", "sdl", 1);
    a = audio_create(&(struct audio_options){.backend = "null"});
    assert_true(is_null(a));
    audio_destroy(a);
    assert_int_equal(c.n, 0);

    /* an unknown name: one warning naming the valid ones, then the default,
     * which (SDL_AUDIODRIVER names a driver: SDL's device) here has no
     * device: the one notice, and the null backend */
    setenv("SMR_AUDIO", "jack", 1);
    a = audio_create(NULL);
    assert_int_equal(c.n, 2);
    assert_non_null(strstr(c.lines[0], "\"jack\""));
    assert_non_null(strstr(c.lines[0], HAVE_PULSE ? "pulse, sdl, null" : "sdl, null"));
    assert_non_null(strstr(c.lines[1], "no sound: "));
    assert_false(audio_is_live(a));
    assert_true(is_null(a));
    audio_destroy(a);
    audio_destroy(NULL);

#if HAVE_PULSE
    /* the sound server asked for, and none there: the notice says why */
    setenv("PULSE_SERVER", "unix:/nonexistent/smr-test/native", 1);
    setenv("SMR_AUDIO", "pulse", 1);
    a = audio_create(NULL);
    assert_int_equal(c.n, 3);
    assert_non_null(strstr(c.lines[2], "no sound: no sound server: "));
    assert_true(is_null(a));
    audio_destroy(a);
    c.n = 2;
    unsetenv("PULSE_SERVER");
#endif

    /* the default with a device: live, and no record */
    unsetenv("SMR_AUDIO");
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    a = audio_create(NULL);
    assert_true(audio_is_live(a));
    assert_false(is_null(a));
    audio_destroy(a);
    assert_int_equal(c.n, 2);
    log_set_sink(NULL, NULL);
}

int main(void)
{
    log_init_from_env();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_get_ready_and_first_phase, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hold_counts_down, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pause_drops_what_was_to_come, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skip_places_anew, setup, teardown),
        cmocka_unit_test_setup_teardown(test_session_as_predicted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_late_cues, setup, teardown),
        cmocka_unit_test(test_backend_choice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
