/* test_history_rated.c - the history figures the summary's chart and the
 * history screen read: the last sessions of one routine that carry a
 * rating (oldest first, at most N, this session left out, other routines
 * and unrated sessions passed over), the sessions in the order they
 * started whatever the file's, and the quiet read a screen does the second
 * time (damage counted, not said again). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "session/history.h"
#include "util/log.h"
#include "util/util.h"

static int warnings;

static void capture(enum log_level level, const char *file, int line, const char *msg, void *user)
{
    (void)file;
    (void)line;
    (void)msg;
    (void)user;
    warnings += level >= LOG_WARN;
}

/* A history file in a fresh temp dir holding `text`; caller frees. */
static char *history_file(const char *text)
{
    char tmpl[] = "/tmp/smr-hist-rated-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    char *path = xasprintf("%s/history.jsonl", tmpl);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void remove_file(char *path)
{
    unlink(path);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    rmdir(path);
    free(path);
}

#define LINE(id, routine, day, before, after)                                                    \
    "{\"session\":\"" id "\",\"routine_id\":\"" routine "\",\"started\":\"2024-05-" day            \
    "T10:00:00Z\"" before after "}\n"
#define B(v) ",\"tightness_before\":" #v
#define A(v) ",\"tightness_after\":" #v

static const char *const FILE_TEXT =
    LINE("s1", "ham", "01", B(8), A(4))
    LINE("s2", "calf", "02", B(5), A(2))
    LINE("s3", "ham", "03", "", "")          /* no rating: not in the chart */
    LINE("s4", "ham", "04", B(7), "")        /* one of them is enough */
    "{\"routine_id\":\"ham\",\"started\":\"2024-05-0\n" /* cut short */
    LINE("s5", "ham", "05", "", A(2))
    LINE("s6", "ham", "06", B(6), A(3));

/* FILE_TEXT read into *h (quietly or not); returns the warnings said. */
static int read_fixture(struct history *h, bool quiet)
{
    char *path = history_file(FILE_TEXT);
    warnings = 0;
    assert_true(quiet ? history_init_quiet(h, path) : history_init(h, path));
    remove_file(path);
    return warnings;
}

static void test_last_rated(void **state)
{
    (void)state;
    struct history h;
    assert_int_equal(read_fixture(&h, false), 1);
    const struct history_entry *out[10];
    size_t n = history_last_rated(&h, "ham", NULL, out, 10);
    assert_int_equal(n, 4);
    const char *want[] = {"s1", "s4", "s5", "s6"};
    for (size_t i = 0; i < n; i++)
        assert_string_equal(out[i]->session, want[i]);
    assert_false(out[1]->after.given);
    assert_int_equal(out[1]->before.value, 7);

    /* At most N: the newest ones, still oldest first. */
    n = history_last_rated(&h, "ham", NULL, out, 2);
    assert_int_equal(n, 2);
    assert_string_equal(out[0]->session, "s5");
    assert_string_equal(out[1]->session, "s6");

    /* This session left out (the screen adds it as it stands). */
    n = history_last_rated(&h, "ham", "s6", out, 10);
    assert_int_equal(n, 3);
    assert_string_equal(out[2]->session, "s5");

    assert_int_equal(history_last_rated(&h, "calf", "s2", out, 10), 0);
    assert_int_equal(history_last_rated(&h, "nope", NULL, out, 10), 0);
    assert_int_equal(history_last_rated(&h, "ham", NULL, out, 0), 0);
    history_finish(&h);
}

/* Lines out of order (a clock set back, files put together by hand): read
 * in the order the sessions started, equal times in the file's order. */
static void test_in_order_of_start(void **state)
{
    (void)state;
    char *path = history_file(LINE("late", "ham", "09", B(9), A(1))
                              LINE("early", "ham", "02", B(8), A(2))
                              LINE("same-a", "ham", "05", B(7), A(3))
                              LINE("same-b", "ham", "05", B(6), A(4)));
    struct history h;
    assert_true(history_init_quiet(&h, path));
    remove_file(path);
    assert_int_equal(h.n, 4);
    const char *want[] = {"early", "same-a", "same-b", "late"};
    for (size_t i = 0; i < h.n; i++)
        assert_string_equal(h.entries[i].session, want[i]);
    const struct history_entry *out[10];
    assert_int_equal(history_last_rated(&h, "ham", NULL, out, 1), 1);
    assert_string_equal(out[0]->session, "late"); /* the newest is the one begun last */
    history_finish(&h);
}

static void test_quiet_read(void **state)
{
    (void)state;
    struct history h;
    assert_int_equal(read_fixture(&h, true), 0);
    assert_int_equal(h.damaged, 1);
    assert_int_equal(h.first_damaged, 5);
    assert_int_equal(h.n, 6);
    history_finish(&h);
}

int main(void)
{
    log_set_sink(capture, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_last_rated),
        cmocka_unit_test(test_in_order_of_start),
        cmocka_unit_test(test_quiet_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
