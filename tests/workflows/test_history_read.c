/* test_history_read.c - the history read back: every field of a line as
 * written, lines from before issue 14 (no session, title, sides, ratings),
 * damaged lines passed over with one warning and kept in the file by the
 * next write, a stale temp file cleared, a file too large to be ours left
 * alone, a writer that holds the lock, and the figures (week, counts, last
 * done, the before/after means per routine). */
#define _GNU_SOURCE /* timegm */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "session/history.h"
#include "session/history_private.h"
#include "util/log.h"
#include "util/util.h"
#include "wf_fixture.h"

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

struct fx {
    char *dir;
    char *path; /* dir/history.jsonl */
};

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    f->dir = wf_tempdir();
    f->path = xasprintf("%s/history.jsonl", f->dir);
    warnings = 0;
    log_set_sink(capture, NULL);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    log_set_sink(NULL, NULL);
    wf_rmdir(f->dir);
    free(f->dir);
    free(f->path);
    free(f);
    return 0;
}

static struct history_entry entry(const char *session, const char *routine, int64_t started,
                                  int before, int after)
{
    struct history_entry e = {
        .session = session,
        .routine_id = routine,
        .routine_file = "/home/u/anna.smr.json",
        .title = "Hamstrings, \"for Anna\"",
        .target = "hamstrings",
        .sides = {"right", "left"},
        .n_sides = 2,
        .started_unix = started,
        .elapsed_ms = 123456,
        .positions_done = 5,
        .positions_skipped = 1,
        .positions_total = 6,
        .ended_by = "done",
    };
    if (before >= 0)
        e.before = (struct history_rating){true, (unsigned char)before};
    if (after >= 0)
        e.after = (struct history_rating){true, (unsigned char)after};
    return e;
}

static void write_ok(const struct fx *f, const struct history_entry *e)
{
    struct history_error why;
    if (!history_write(f->path, e, &why))
        fail_msg("history_write: %s: %s", why.what, strerror(why.err));
}

static void test_round_trip(void **state)
{
    struct fx *f = *state;
    struct history_entry e = entry("s1", "wf-anna", 1714558500, 7, 3); /* 2024-05-01T10:15:00Z */
    write_ok(f, &e);
    e = entry("s2", "wf-anna", 1714644900, -1, -1);
    e.ended_by = NULL; /* killed: the line of a session under way */
    e.n_sides = 1;
    write_ok(f, &e);
    struct history h;
    assert_true(history_init(&h, f->path));
    assert_int_equal(h.n, 2);
    assert_int_equal(h.damaged, 0);
    const struct history_entry *a = &h.entries[0], *b = &h.entries[1];
    assert_string_equal(a->session, "s1");
    assert_string_equal(a->routine_id, "wf-anna");
    assert_string_equal(a->routine_file, "/home/u/anna.smr.json");
    assert_string_equal(a->title, "Hamstrings, \"for Anna\"");
    assert_string_equal(a->target, "hamstrings");
    assert_int_equal(a->n_sides, 2);
    assert_string_equal(a->sides[0], "right");
    assert_string_equal(a->sides[1], "left");
    assert_true(a->started_unix == 1714558500);
    assert_true(a->elapsed_ms == 123456);
    assert_int_equal(a->positions_done, 5);
    assert_int_equal(a->positions_skipped, 1);
    assert_int_equal(a->positions_total, 6);
    assert_string_equal(a->ended_by, "done");
    assert_true(a->before.given && a->before.value == 7);
    assert_true(a->after.given && a->after.value == 3);
    assert_null(b->ended_by);
    assert_false(b->before.given || b->after.given);
    assert_int_equal(b->n_sides, 1);
    assert_int_equal(warnings, 0);
    history_finish(&h);
    history_finish(&h); /* twice is fine */
}

static void test_missing_file(void **state)
{
    struct fx *f = *state;
    struct history h;
    assert_true(history_init(&h, f->path));
    assert_int_equal(h.n, 0);
    assert_int_equal(warnings, 0);
    history_finish(&h);
    char *dir_path = xasprintf("%s/sub", f->dir);
    assert_int_equal(mkdir(dir_path, 0700), 0);
    assert_false(history_init(&h, dir_path)); /* a directory: cannot be read */
    assert_int_equal(warnings, 1);
    history_finish(&h);
    free(dir_path);
}

/* Lines as the history wrote them before issue 14, and damage by hand. */
static const char old_and_damaged[] =
    "{\"routine_id\":\"hamstrings-spiky-ball\",\"routine_file\":\"routines/h.json\","
    "\"started\":\"2023-11-14T22:13:20Z\",\"elapsed_ms\":754321,\"positions_done\":11,"
    "\"positions_skipped\":1,\"positions_total\":12,\"ended_by\":\"done\"}\n"
    "garbage, typed by hand\n"
    "\n"
    "{\"old\":1}\n"
    "{\"routine_id\":\"x\",\"started\":\"yesterday\"}\n"
    "{\"routine_id\":\"hamstrings-spiky-ball\",\"started\":\"2023-11-15T08:00:00Z\"} trailing\n"
    "{\"routine_id\":\"hamstrings-spiky-ball\",\"started\":\"2023-11-16T08:00:00Z\","
    "\"tightness_before\":11,\"tightness_after\":\"4\"}\n"
    "{\"routine_id\":\"hamstrings-spiky-ball\",\"routine_file\":\"/r.json\",\"star"; /* cut short */

static void test_damaged(void **state)
{
    struct fx *f = *state;
    free(wf_write(f->dir, "history.jsonl", old_and_damaged));
    struct history h;
    assert_true(history_init(&h, f->path));
    assert_int_equal(h.n, 2);
    assert_int_equal(h.damaged, 5); /* the empty line is not damage */
    assert_int_equal(h.first_damaged, 2);
    assert_int_equal(warnings, 1);
    assert_non_null(strstr(last_warning, f->path));
    assert_non_null(strstr(last_warning, "5 lines are not session records (the first is line 2)"));
    const struct history_entry *old = &h.entries[0];
    assert_null(old->session);
    assert_null(old->title);
    assert_int_equal(old->n_sides, 0);
    assert_string_equal(old->routine_file, "routines/h.json");
    assert_int_equal(old->positions_done, 11);
    /* Ratings out of range or of the wrong type are not ratings. */
    assert_false(h.entries[1].before.given || h.entries[1].after.given);
    history_finish(&h);

    /* The next write keeps every byte of it and ends the cut line first. */
    struct history_entry e = entry("s1", "wf-anna", 1714558500, 7, 3);
    write_ok(f, &e);
    char *text = wf_slurp(f->path);
    assert_memory_equal(text, old_and_damaged, strlen(old_and_damaged));
    assert_int_equal(text[strlen(old_and_damaged)], '\n');
    assert_memory_equal(text + strlen(old_and_damaged) + 1, "{\"session\":\"s1\",", 16);
    free(text);
    warnings = 0;
    assert_true(history_init(&h, f->path));
    assert_int_equal(h.n, 3);
    assert_int_equal(h.damaged, 5);
    assert_int_equal(warnings, 1); /* one warning for the file, however many lines */
    history_finish(&h);

    /* One damaged line says so in the singular. */
    free(wf_write(f->dir, "history.jsonl", "{\"x\":1}\n"));
    warnings = 0;
    assert_true(history_init(&h, f->path));
    assert_int_equal(warnings, 1);
    assert_non_null(strstr(last_warning, "line 1 is not a session record"));
    history_finish(&h);
}

static void test_stale_temp_and_busy(void **state)
{
    struct fx *f = *state;
    /* A writer killed between its temp file and its rename left this. */
    char *stale = wf_write(f->dir, ".history.jsonl.Ab12Cd", "half a fi");
    char *other = wf_write(f->dir, ".history.jsonl.keep-me", "not a temp of ours");
    struct history_entry e = entry("s1", "wf-anna", 1714558500, -1, -1);
    write_ok(f, &e);
    struct stat st;
    assert_int_equal(stat(stale, &st), -1);
    assert_int_equal(stat(other, &st), 0);

    /* Another writer holds the lock and does not let go: this update is
     * given up after a while, the file stays as it was. */
    int fd = open(f->dir, O_RDONLY | O_DIRECTORY);
    assert_int_equal(flock(fd, LOCK_EX), 0);
    char *before = wf_slurp(f->path);
    e.ended_by = "quit";
    struct history_error why;
    assert_false(history_write(f->path, &e, &why));
    assert_int_equal(why.err, EBUSY);
    char *after = wf_slurp(f->path);
    assert_string_equal(before, after);
    close(fd);
    assert_true(history_write(f->path, &e, &why));
    free(before);
    free(after);
    free(stale);
    free(other);
}

static void test_too_large(void **state)
{
    struct fx *f = *state;
    /* Sparse: HISTORY_MAX_BYTES + 1 bytes of zeros cost no disk. */
    int fd = open(f->path, O_WRONLY | O_CREAT, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)HISTORY_MAX_BYTES + 1), 0);
    close(fd);
    struct history_entry e = entry("s1", "wf-anna", 1714558500, -1, -1);
    struct history_error why;
    assert_false(history_write(f->path, &e, &why));
    assert_int_equal(why.err, EFBIG);
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    assert_true((size_t)st.st_size == HISTORY_MAX_BYTES + 1); /* untouched */
    struct history h;
    assert_false(history_init(&h, f->path));
    assert_int_equal(warnings, 1);
    history_finish(&h);
}

static void test_figures(void **state)
{
    struct fx *f = *state;
    setenv("TZ", "UTC", 1);
    tzset();
    /* Wednesday 2024-05-01 10:15 UTC: its week began Monday 2024-04-29. */
    int64_t wed = 1714558500;
    assert_true(history_week_start(wed) == 1714348800);
    assert_true(history_week_start(1714348800) == 1714348800);   /* Monday 00:00 itself */
    assert_true(history_week_start(1714348799) == 1714348800 - 7 * 86400); /* Sunday night */

    struct history_entry list[] = {
        entry("a", "wf-anna", wed - 10 * 86400, 8, 5),
        entry("b", "wf-base", wed - 9 * 86400, 6, -1), /* only before: not counted as rated */
        entry("c", "wf-anna", wed - 1 * 86400, 6, 2),
        entry("d", "wf-anna", wed, -1, -1),
    };
    list[3].title = "Hamstrings for Anna, v2";
    for (size_t i = 0; i < sizeof list / sizeof *list; i++)
        write_ok(f, &list[i]);
    struct history h;
    assert_true(history_init(&h, f->path));
    assert_int_equal(history_count_since(&h, 0), 4);
    assert_int_equal(history_count_since(&h, history_week_start(wed)), 2);
    assert_string_equal(history_last_of(&h, "wf-anna")->session, "d");
    assert_string_equal(history_last_of(&h, "wf-base")->session, "b");
    assert_null(history_last_of(&h, "nope"));

    struct history_summary *sum;
    size_t n = history_summarize(&h, 0, &sum);
    assert_int_equal(n, 2);
    assert_string_equal(sum[0].routine_id, "wf-anna");
    assert_string_equal(sum[0].title, "Hamstrings for Anna, v2");
    assert_int_equal(sum[0].sessions, 3);
    assert_int_equal(sum[0].rated, 2);
    assert_true(sum[0].before == 7.0 && sum[0].after == 3.5);
    assert_true(sum[0].last_unix == wed);
    assert_string_equal(sum[1].routine_id, "wf-base");
    assert_int_equal(sum[1].rated, 0);
    free(sum);
    n = history_summarize(&h, wed - 2 * 86400, &sum);
    assert_int_equal(n, 1);
    assert_int_equal(sum[0].sessions, 2);
    assert_int_equal(sum[0].rated, 1);
    free(sum);
    history_finish(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_temp_and_busy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_too_large, setup, teardown),
        cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
