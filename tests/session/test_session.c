/* test_session.c - the session controller over a fake audio backend whose
 * clock is a number the test sets: start, updates to the end with the events
 * landing in the progress record, pause and resume, skip and back, the
 * history written once (on done, or by session_end) in its exact line format,
 * a missing or unwritable history as a warning only, and next_deadline. The
 * fake backend checks that every control reads the clock and places or drops
 * the sound with the stream held (audio_lock). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audio/audio_backend.h"
#include "fixture.h"
#include "session/session.h"
#include "util/log.h"
#include "util/util.h"

/* ---- the fake backend ---- */

struct fake {
    uint64_t now;       /* the session clock */
    int depth;          /* audio_lock nesting */
    size_t locks, schedules, clears, clock_reads_locked;
    uint64_t scheduled_at; /* `now` of the last schedule */
};

static struct fake *fake_of(struct audio *a) { return a->impl; }

static uint64_t fake_clock(struct audio *a)
{
    struct fake *f = fake_of(a);
    f->clock_reads_locked += f->depth > 0;
    return f->now;
}

static bool fake_schedule(struct audio *a, const struct engine *e, uint64_t now, char *why,
                          size_t why_size)
{
    (void)e;
    (void)why;
    (void)why_size;
    struct fake *f = fake_of(a);
    assert_true(f->depth > 0); /* placed at the stream position the clock was read at */
    f->schedules++;
    f->scheduled_at = now;
    return true;
}

static void fake_clear(struct audio *a)
{
    assert_true(fake_of(a)->depth > 0);
    fake_of(a)->clears++;
}

static void fake_lock(struct audio *a)
{
    fake_of(a)->depth++;
    fake_of(a)->locks++;
}

static void fake_unlock(struct audio *a)
{
    assert_true(fake_of(a)->depth > 0);
    fake_of(a)->depth--;
}

static const struct audio_backend fake_ops = {
    .clock_ms = fake_clock,
    .schedule = fake_schedule,
    .clear = fake_clear,
    .lock = fake_lock,
    .unlock = fake_unlock,
};

/* ---- log capture ---- */

static int warnings;
static char last_warning[1024];

static void capture(enum log_level level, const char *file, int line, const char *msg, void *user)
{
    (void)file;
    (void)line;
    (void)user;
    if (level >= LOG_WARN) {
        warnings++;
        snprintf(last_warning, sizeof last_warning, "%s", msg);
    }
}

/* ---- fixture ---- */

struct fx {
    struct routine *r;
    struct fake fake;
    struct audio audio;
    struct session *s;
    char state_dir[64]; /* XDG_STATE_HOME */
    char history[128];
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    f->r = fixture_routine("hamstrings-post-run.json", 0);
    f->fake.now = 10000;
    f->audio = (struct audio){.backend = &fake_ops, .impl = &f->fake};
    f->s = session_create(f->r, &f->audio, NULL);
    assert_non_null(f->s);
    snprintf(f->state_dir, sizeof f->state_dir, "/tmp/smr-session-test.XXXXXX");
    assert_non_null(mkdtemp(f->state_dir));
    snprintf(f->history, sizeof f->history, "%s/smr-timer/history.jsonl", f->state_dir);
    setenv("XDG_STATE_HOME", f->state_dir, 1);
    warnings = 0;
    log_set_sink(capture, NULL);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    log_set_sink(NULL, NULL);
    session_destroy(f->s);
    routine_destroy(f->r);
    unlink(f->history);
    char *dir = xasprintf("%s/smr-timer", f->state_dir);
    rmdir(dir);
    free(dir);
    rmdir(f->state_dir);
    free(f);
    return 0;
}

/* The history's lines; *n set to their count (0 when there is no file). */
static char *history_text(const struct fx *f, size_t *n)
{
    FILE *in = fopen(f->history, "rb");
    *n = 0;
    if (!in)
        return NULL;
    char *buf = calloc(1, 65536);
    size_t len = fread(buf, 1, 65535, in);
    fclose(in);
    for (size_t i = 0; i < len; i++)
        *n += buf[i] == '\n';
    return buf;
}

/* The clock to the next deadline and one update, as the app's loop does. */
static enum session_change next(struct fx *f)
{
    uint64_t d = session_next_deadline(f->s);
    assert_true(d != UINT64_MAX);
    assert_true(d >= session_last_now(f->s));
    f->fake.now = d;
    return session_update(f->s);
}

/* Updates until `step` has begun; the changes seen on the way, or-ed. */
static enum session_change run_to_step(struct fx *f, size_t step)
{
    enum session_change ch = SESSION_CHANGED_NOTHING;
    const struct engine *e = session_engine(f->s);
    while (engine_step_index(e) < step || engine_state(e) != ENGINE_RUNNING)
        ch |= next(f);
    return ch;
}

/* Updates until the session is done; counts the updates that started a phase. */
static size_t run_to_done(struct fx *f)
{
    size_t phases = 0;
    enum session_change ch;
    do {
        ch = next(f);
        phases += (ch & SESSION_CHANGED_PHASE) != 0;
        if (ch != SESSION_CHANGED_NOTHING)
            assert_true(ch & SESSION_CHANGED_PICTURE);
    } while (!(ch & SESSION_CHANGED_DONE));
    return phases;
}

static void assert_counts(const struct fx *f, size_t want_done, size_t want_skipped)
{
    size_t done, skipped;
    progress_count(session_progress(f->s), &done, &skipped);
    assert_int_equal(done, want_done);
    assert_int_equal(skipped, want_skipped);
}

/* ---- tests ---- */

static void test_create(void **state)
{
    struct fx *f = *state;
    struct engine_options o;
    engine_default_options(&o);
    o.speed = 0;
    warnings = 0;
    assert_null(session_create(f->r, &f->audio, &o));
    assert_int_equal(warnings, 1); /* the engine's own error */
    session_destroy(NULL);
    assert_ptr_equal(session_routine(f->s), f->r);
    assert_true(session_speed(f->s) == 1.0);
}

static void test_before_start(void **state)
{
    struct fx *f = *state;
    assert_false(session_started(f->s));
    assert_false(session_running(f->s));
    assert_int_equal(session_update(f->s), SESSION_CHANGED_NOTHING);
    assert_int_equal(session_skip(f->s), SESSION_CHANGED_NOTHING);
    assert_int_equal(session_back(f->s), SESSION_CHANGED_NOTHING);
    assert_int_equal(session_pause(f->s), SESSION_CHANGED_NOTHING);
    assert_int_equal(session_resume(f->s), SESSION_CHANGED_NOTHING);
    assert_int_equal(session_toggle_pause(f->s), SESSION_CHANGED_NOTHING);
    assert_true(session_next_deadline(f->s) == UINT64_MAX);
    assert_int_equal(f->fake.locks, 0);
    session_end(f->s, "quit"); /* nothing to record */
    assert_null(session_ended_by(f->s));
    assert_int_equal(f->fake.locks, 0);
    size_t n;
    free(history_text(f, &n));
    assert_int_equal(n, 0);
    assert_true(session_elapsed_ms(f->s) == 0);
    assert_true(session_clock_taken_ms(f->s) == 0);
    assert_int_equal(engine_state(session_engine(f->s)), ENGINE_IDLE);
}

static void test_start_runs_to_done(void **state)
{
    struct fx *f = *state;
    const struct timeline *t = engine_timeline(session_engine(f->s));
    enum session_change ch = session_start(f->s);
    assert_true(ch & SESSION_CHANGED_PICTURE);
    assert_true(ch & SESSION_CHANGED_PHASE);
    assert_true(session_started(f->s));
    assert_true(session_running(f->s));
    assert_int_equal(f->fake.locks, 1);
    assert_int_equal(f->fake.schedules, 1);
    assert_true(f->fake.scheduled_at == 10000);
    assert_int_equal(f->fake.clock_reads_locked, 1);
    assert_int_equal(session_start(f->s), SESSION_CHANGED_NOTHING); /* once */
    assert_int_equal(f->fake.locks, 1);
    /* A control's changes come again with the next update (the screens take
     * them there), then not again. */
    assert_true(session_update(f->s) & SESSION_CHANGED_PHASE);

    assert_int_equal(run_to_done(f), t->n_steps);
    assert_int_equal(f->fake.schedules, 1); /* updates leave the placed sound alone */
    assert_string_equal(session_ended_by(f->s), "done");
    assert_false(session_running(f->s));
    assert_counts(f, routine_total_positions(f->r), 0);
    assert_int_equal(session_progress(f->s)->steps_done, t->n_steps);
    assert_true(session_elapsed_ms(f->s) == t->total_ms);
    assert_true(session_clock_taken_ms(f->s) == t->total_ms);
    assert_true(session_next_deadline(f->s) == UINT64_MAX);
    size_t n;
    char *text = history_text(f, &n);
    assert_int_equal(n, 1);
    assert_non_null(strstr(text, "\"ended_by\":\"done\""));
    free(text);

    /* Return on the summary: the sound is dropped, nothing recorded again. */
    size_t clears = f->fake.clears;
    f->fake.now += 5000;
    session_end(f->s, "done");
    session_end(f->s, "quit");
    assert_int_equal(f->fake.clears, clears + 2);
    assert_string_equal(session_ended_by(f->s), "done");
    assert_true(session_clock_taken_ms(f->s) == t->total_ms); /* frozen at the end */
    free(history_text(f, &n));
    assert_int_equal(n, 1);
    assert_int_equal(warnings, 0);
}

static void test_pause_resume(void **state)
{
    struct fx *f = *state;
    const struct timeline *t = engine_timeline(session_engine(f->s));
    const struct engine *e = session_engine(f->s);
    session_start(f->s);
    run_to_step(f, 2);
    f->fake.now += 500;
    session_update(f->s);
    uint64_t played = session_elapsed_ms(f->s);

    assert_int_equal(session_toggle_pause(f->s), SESSION_CHANGED_NOTHING); /* no event */
    assert_int_equal(engine_state(e), ENGINE_PAUSED);
    assert_int_equal(f->fake.clears, 1);
    assert_int_equal(f->fake.schedules, 1); /* paused: dropped, not placed */
    assert_false(session_running(f->s));
    assert_int_equal(session_pause(f->s), SESSION_CHANGED_NOTHING);
    assert_int_equal(f->fake.clears, 1);
    assert_true(session_next_deadline(f->s) == UINT64_MAX);

    f->fake.now += 60000;
    assert_int_equal(session_update(f->s), SESSION_CHANGED_NOTHING);
    assert_true(session_elapsed_ms(f->s) == played);

    session_resume(f->s);
    assert_int_equal(engine_state(e), ENGINE_LEAD_IN);
    assert_int_equal(f->fake.schedules, 2);
    assert_true(f->fake.scheduled_at == f->fake.now);
    assert_int_equal(session_resume(f->s), SESSION_CHANGED_NOTHING);
    assert_int_equal(f->fake.schedules, 2);
    assert_true(session_elapsed_ms(f->s) == played); /* the lead-in holds session time */

    run_to_done(f);
    assert_counts(f, routine_total_positions(f->r), 0);
    /* The clock saw the pause and the resume's lead-in; the session time did not. */
    assert_true(session_elapsed_ms(f->s) == t->total_ms);
    assert_true(session_clock_taken_ms(f->s) == t->total_ms + 60000 + t->lead_in_ms);
    assert_int_equal(f->fake.depth, 0);
}

static void test_skip_and_back(void **state)
{
    struct fx *f = *state;
    const struct engine *e = session_engine(f->s);
    const struct timeline *t = engine_timeline(e);
    const struct progress *p = session_progress(f->s);
    size_t p1 = fixture_step_at(t, 0, 0, 0, 1);
    session_start(f->s);
    session_update(f->s);
    /* In the lead-in, skip ends the get-ready and re-places the sound. */
    assert_int_equal(engine_state(e), ENGINE_LEAD_IN);
    session_skip(f->s);
    assert_int_equal(engine_state(e), ENGINE_RUNNING);
    assert_int_equal(f->fake.schedules, 2);
    assert_true(session_update(f->s) & SESSION_CHANGED_PHASE);

    /* Skip through position 0: skipped, the ball moves on. */
    while (engine_step_index(e) < p1) {
        assert_true(session_skip(f->s) & SESSION_CHANGED_PICTURE);
        assert_true(session_update(f->s) & SESSION_CHANGED_PHASE); /* the next phase's start */
    }
    assert_int_equal(progress_status(p, 0, 0, 0, 0), POS_SKIPPED);
    assert_int_equal(p->steps_done, 0);

    /* Back at once (within the grace time): to position 0 again, 1 left. */
    session_back(f->s);
    assert_int_equal(engine_step_index(e), 0);
    assert_int_equal(progress_status(p, 0, 0, 0, 1), POS_SKIPPED);
    run_to_step(f, p1);
    assert_int_equal(progress_status(p, 0, 0, 0, 0), POS_DONE);
    assert_int_equal(f->fake.depth, 0);

    /* Skip to the end: the last skip ends the session and records it, once. */
    enum session_change ch;
    do
        ch = session_skip(f->s) | session_update(f->s);
    while (!(ch & SESSION_CHANGED_DONE));
    assert_string_equal(session_ended_by(f->s), "done");
    assert_counts(f, 1, routine_total_positions(f->r) - 1);
    assert_int_equal(session_skip(f->s), SESSION_CHANGED_NOTHING);
    assert_int_equal(session_back(f->s), SESSION_CHANGED_NOTHING);
    size_t n;
    free(history_text(f, &n));
    assert_int_equal(n, 1);
}

/* The exact line tests/faults/test_history.c and faults.py read. */
static void assert_line(const struct fx *f, const char *line, time_t before, time_t after,
                        size_t done, size_t skipped, uint64_t elapsed, const char *ended_by)
{
    char started[2][32];
    time_t when[2] = {before, after};
    for (int i = 0; i < 2; i++)
        strftime(started[i], sizeof started[i], "%Y-%m-%dT%H:%M:%SZ", gmtime(&when[i]));
    for (int i = 0; i < 2; i++) {
        /* Issue 14 added session (first), title, target, sides and the ratings. */
        char *want = xasprintf("{\"session\":\"%s\",\"routine_id\":\"%s\",\"routine_file\":\"%s\","
                               "\"title\":\"%s\",\"target\":\"%s\",\"sides\":[\"left\",\"right\"],"
                               "\"started\":\"%s\","
                               "\"elapsed_ms\":%llu,\"positions_done\":%zu,"
                               "\"positions_skipped\":%zu,\"positions_total\":%zu,"
                               "\"ended_by\":\"%s\",\"tightness_before\":null,"
                               "\"tightness_after\":null}\n",
                               session_history_id(f->s), f->r->id, f->r->file, f->r->title,
                               f->r->target, started[i], (unsigned long long)elapsed, done,
                               skipped, routine_total_positions(f->r), ended_by);
        bool same = strcmp(line, want) == 0;
        if (!same && i == 1)
            fail_msg("history line\n  %s  want\n  %s", line, want);
        free(want);
        if (same)
            return;
    }
}

static void test_end_records_once(void **state)
{
    struct fx *f = *state;
    const struct engine *e = session_engine(f->s);
    const struct timeline *t = engine_timeline(e);
    time_t before = time(NULL);
    session_start(f->s);
    time_t after = time(NULL);
    size_t p2 = fixture_step_at(t, 0, 0, 0, 2);
    run_to_step(f, p2 - 1); /* position 1's move: positions 0 done, 1 not yet */
    /* No update since: the end reads the clock itself, past position 1's end. */
    uint64_t elapsed = t->steps[p2].start_ms + 1234;
    f->fake.now = 10000 + elapsed; /* no pause: clock = start + session time */
    session_end(f->s, "quit");
    assert_int_equal(engine_state(e), ENGINE_STOPPED);
    assert_int_equal(f->fake.clears, 1);
    assert_int_equal(f->fake.depth, 0);
    assert_string_equal(session_ended_by(f->s), "quit");
    assert_true(session_elapsed_ms(f->s) == elapsed);
    assert_true(session_clock_taken_ms(f->s) == elapsed);

    /* As before the controller: the record is what the screens had taken
     * in; position 1's end, due meanwhile, did not reach them. */
    size_t n;
    char *text = history_text(f, &n);
    assert_int_equal(n, 1);
    assert_line(f, text, before, after, 1, 0, elapsed, "quit");
    free(text);
    assert_counts(f, 1, 0);

    f->fake.now += 1000;
    session_end(f->s, "signal");
    assert_string_equal(session_ended_by(f->s), "quit");
    f->fake.now += 1000;
    assert_int_equal(session_update(f->s), SESSION_CHANGED_NOTHING);
    assert_true(session_last_now(f->s) == f->fake.now); /* the clock goes on */
    assert_true(session_clock_taken_ms(f->s) == elapsed); /* the record does not */
    assert_int_equal(session_toggle_pause(f->s), SESSION_CHANGED_NOTHING);
    assert_true(session_elapsed_ms(f->s) == elapsed);
    assert_true(session_next_deadline(f->s) == UINT64_MAX);
    free(history_text(f, &n));
    assert_int_equal(n, 1);
    assert_counts(f, 1, 0); /* nothing is taken in after the record */
    assert_int_equal(warnings, 0);
}

static void test_no_home(void **state)
{
    struct fx *f = *state;
    char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
    unsetenv("HOME");
    unsetenv("XDG_STATE_HOME");
    session_start(f->s);
    run_to_step(f, 1);
    session_end(f->s, "window-closed");
    if (home)
        setenv("HOME", home, 1);
    free(home);
    assert_int_equal(warnings, 1);
    assert_string_equal(last_warning, "no HOME or XDG_STATE_HOME: the session is not recorded");
    assert_string_equal(session_ended_by(f->s), "window-closed"); /* not fatal */
}

static void test_unwritable_history(void **state)
{
    struct fx *f = *state;
    setenv("XDG_STATE_HOME", "/dev/null/state", 1);
    session_start(f->s);
    run_to_done(f);
    assert_int_equal(warnings, 1);
    assert_non_null(strstr(last_warning, "this session was not recorded"));
    assert_string_equal(session_ended_by(f->s), "done");
}

static void test_next_deadline(void **state)
{
    struct fx *f = *state;
    const struct timeline *t = engine_timeline(session_engine(f->s));
    assert_true(session_next_deadline(f->s) == UINT64_MAX);
    session_start(f->s);
    /* The lead-in's first events are due at once. */
    assert_true(session_next_deadline(f->s) == 10000);
    assert_true(session_update(f->s) & SESSION_CHANGED_PICTURE);
    assert_true(session_next_deadline(f->s) == 11000); /* the countdown shows 2 */
    f->fake.now = 11000;
    session_update(f->s);
    assert_true(session_next_deadline(f->s) == 12000);

    /* Step 0 (Settle, 4 s) counts no seconds aloud: its next event is its
     * end, but the big number changes every second. */
    uint64_t s0 = 10000 + t->steps[0].start_ms;
    assert_int_equal(f->r->phases[t->steps[0].phase].countdown, 0);
    f->fake.now = s0;
    assert_true(session_update(f->s) & SESSION_CHANGED_PHASE);
    assert_true(session_next_deadline(f->s) == s0 + 1000);
    /* The clock moves past that change before the next update: the deadline
     * stays, so the loop wakes at once instead of sleeping over it. */
    f->fake.now = s0 + 1500;
    assert_true(session_now(f->s) == s0 + 1500);
    assert_true(session_last_now(f->s) == s0);
    assert_true(session_next_deadline(f->s) == s0 + 1000);
    assert_int_equal(session_update(f->s), SESSION_CHANGED_NOTHING);
    assert_true(session_next_deadline(f->s) == s0 + 2000);

    session_pause(f->s);
    assert_true(session_next_deadline(f->s) == UINT64_MAX);
    session_resume(f->s);
    assert_true(session_next_deadline(f->s) == f->fake.now); /* a fresh lead-in, due at once */
}

static void test_set_audio(void **state)
{
    struct fx *f = *state;
    struct fake other = {.now = 777000};
    struct audio a = {.backend = &fake_ops, .impl = &other};
    session_set_audio(f->s, &a);
    session_start(f->s);
    assert_int_equal(f->fake.locks, 0);
    assert_int_equal(other.schedules, 1);
    assert_true(other.scheduled_at == 777000);
    assert_true(session_now(f->s) == 777000);
    session_end(f->s, "quit");
    assert_int_equal(other.clears, 1);
}

static void test_speed(void **state)
{
    struct fx *f = *state;
    struct engine_options o;
    engine_default_options(&o);
    o.speed = 20;
    struct session *s = session_create(f->r, &f->audio, &o);
    assert_non_null(s);
    assert_true(session_speed(s) == 20.0);
    assert_true(session_to_routine_ms(s, 50) == 1000);
    assert_true(session_to_routine_ms(s, 0) == 0);
    const struct timeline *t = engine_timeline(session_engine(s));
    /* Every scaled duration rounds to whole ms: back in routine ms, within 10 ms a step. */
    uint64_t planned = routine_total_ms(f->r) + o.lead_in_ms;
    uint64_t back = session_to_routine_ms(s, t->total_ms);
    assert_true(back + 10 * (t->n_steps + 1) >= planned && back <= planned + 10 * (t->n_steps + 1));
    session_destroy(s);
}

/* A screen calls a control from an input handler and learns what it brought
 * about from its next update: a skip over the last phase ends the session
 * (DONE), and the next update says so once. */
static void test_control_changes_reach_update(void **state)
{
    struct fx *f = *state;
    session_start(f->s);
    session_update(f->s);
    enum session_change ch;
    size_t skips = 0;
    do {
        ch = session_skip(f->s);
        assert_true(++skips < 10000);
    } while (!(ch & SESSION_CHANGED_DONE));
    assert_string_equal(session_ended_by(f->s), "done");
    assert_true(session_update(f->s) & SESSION_CHANGED_DONE);
    assert_int_equal(session_update(f->s), SESSION_CHANGED_NOTHING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_before_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_start_runs_to_done, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pause_resume, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skip_and_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_end_records_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_home, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_next_deadline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_audio, setup, teardown),
        cmocka_unit_test_setup_teardown(test_speed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_control_changes_reach_update, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
