/* test_record.c - the session controller keeps its history line: written at
 * the start (nothing done yet, a rating given before it), brought up to
 * date at every ball position (so a kill keeps it), and at the end; a
 * rating after the end updates the same line; a second session adds its own
 * line and leaves the first one's bytes alone. The null audio backend on a
 * fake clock, no device, no sleep. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/audio.h"
#include "session/history.h"
#include "session/session.h"
#include "util/util.h"
#include "wf_fixture.h"

struct fx {
    char *dir, *history;
    struct routine *r;
    uint64_t now;
    struct audio *a;
};

static uint64_t fake_clock(void *user) { return ((struct fx *)user)->now; }

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    f->dir = wf_tempdir();
    f->history = xasprintf("%s/smr-timer/history.jsonl", f->dir);
    setenv("XDG_STATE_HOME", f->dir, 1);
    char *text = wf_routine_text(NULL, "");
    char *path = wf_write(f->dir, "base.json", text);
    struct diag_list d = {0};
    assert_true(routine_create_from_file(path, &f->r, &d));
    diag_list_finish(&d);
    free(path);
    free(text);
    f->now = 5000;
    struct audio_options o = {.volume = 0, .backend = "null", .clock_ms = fake_clock,
                              .clock_user = f};
    f->a = audio_create(&o);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    audio_destroy(f->a);
    routine_destroy(f->r);
    wf_rmdir(f->dir);
    free(f->dir);
    free(f->history);
    free(f);
    return 0;
}

/* The history read back; fails unless it has n sessions and no damage. */
static void read_back(const struct fx *f, struct history *h, size_t n)
{
    assert_true(history_init(h, f->history));
    assert_int_equal(h->damaged, 0);
    assert_int_equal(h->n, n);
}

static void test_line_follows_the_session(void **state)
{
    struct fx *f = *state;
    struct session *s = session_create(f->r, f->a, NULL);
    session_rate_before(s, 7);
    assert_string_equal(session_history_id(s), "");
    session_start(s);
    assert_true(strlen(session_history_id(s)) > 10);
    session_flush(s); /* as the app does once the session's first frame is up */

    struct history h;
    read_back(f, &h, 1);
    assert_string_equal(h.entries[0].session, session_history_id(s));
    assert_null(h.entries[0].ended_by); /* under way */
    assert_int_equal(h.entries[0].positions_done, 0);
    assert_int_equal(h.entries[0].positions_total, routine_total_positions(f->r));
    assert_true(h.entries[0].before.given && h.entries[0].before.value == 7);
    assert_false(h.entries[0].after.given);
    assert_string_equal(h.entries[0].title, f->r->title);
    assert_int_equal(h.entries[0].n_sides, 1);
    assert_string_equal(h.entries[0].sides[0], "left");
    assert_int_equal(h.entries[0].routine_file[0], '/');
    history_finish(&h);

    /* Every position, as it ends, is in the file once the frame that shows
     * the next is up (session_flush), not in the update before that frame. */
    size_t seen = 0;
    enum session_change ch;
    do {
        f->now = session_next_deadline(s);
        ch = session_update(s);
        size_t done, skipped;
        progress_count(session_progress(s), &done, &skipped);
        if (done != seen && !(ch & SESSION_CHANGED_DONE)) {
            read_back(f, &h, 1);
            assert_int_equal(h.entries[0].positions_done, seen);
            history_finish(&h);
            session_flush(s);
            seen = done;
            read_back(f, &h, 1);
            assert_int_equal(h.entries[0].positions_done, done);
            assert_null(h.entries[0].ended_by);
            assert_true(h.entries[0].elapsed_ms > 0);
            history_finish(&h);
        }
    } while (!(ch & SESSION_CHANGED_DONE));
    assert_int_equal(seen, routine_total_positions(f->r) - 1);

    read_back(f, &h, 1);
    assert_string_equal(h.entries[0].ended_by, "done");
    assert_int_equal(h.entries[0].positions_done, routine_total_positions(f->r));
    history_finish(&h);

    /* The rating after: the same line. */
    session_rate_after(s, 3);
    read_back(f, &h, 1);
    assert_true(h.entries[0].after.given && h.entries[0].after.value == 3);
    assert_true(h.entries[0].before.given && h.entries[0].before.value == 7);
    history_finish(&h);
    session_rate_after(s, -1); /* taken back */
    read_back(f, &h, 1);
    assert_false(h.entries[0].after.given);
    history_finish(&h);
    session_destroy(s);
}

static void test_second_session(void **state)
{
    struct fx *f = *state;
    struct session *s = session_create(f->r, f->a, NULL);
    session_start(s);
    f->now += 100000;
    session_update(s);
    session_end(s, "red-flag");
    session_destroy(s);
    char *first = wf_slurp(f->history);

    s = session_create(f->r, f->a, NULL);
    session_start(s);
    for (int i = 0; i < 3; i++) {
        f->now = session_next_deadline(s);
        session_update(s);
    }
    session_end(s, "quit");
    char *both = wf_slurp(f->history);
    assert_memory_equal(both, first, strlen(first)); /* the first line, byte for byte */
    struct history h;
    read_back(f, &h, 2);
    assert_string_equal(h.entries[0].ended_by, "red-flag");
    assert_string_equal(h.entries[1].ended_by, "quit");
    assert_string_equal(h.entries[1].session, session_history_id(s));
    assert_string_not_equal(h.entries[0].session, h.entries[1].session);
    history_finish(&h);
    session_destroy(s);
    free(first);
    free(both);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_line_follows_the_session, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_session, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
