/* test_tailor.c - the prepared_* fields (dates that exist, and only those)
 * and routine_tailor(): each option changes what it says and nothing else,
 * a problem an option causes is reported once as the option's, in the
 * validator's words, the base's own problems as the base's, and the text it
 * writes reads back as the same routine (and tailors again to itself). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "routine/routine.h"
#include "routine/tailor.h"
#include "util/util.h"
#include "wf_fixture.h"

struct fx {
    char *dir;
    char *base; /* dir/base.json, wf_routine_text() */
};

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    f->dir = wf_tempdir();
    char *text = wf_routine_text(NULL, "");
    f->base = wf_write(f->dir, "base.json", text);
    free(text);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    wf_rmdir(f->dir);
    free(f->dir);
    free(f->base);
    free(f);
    return 0;
}

/* Loads text; NULL when refused, with the first error's "path: message" in why. */
static struct routine *load(const char *text, char *why, size_t size)
{
    struct diag_list d = {0};
    struct routine *r = NULL;
    routine_create_from_buffer("t.json", text, strlen(text), &r, &d);
    why[0] = '\0';
    for (size_t i = 0; i < d.n; i++) {
        if (d.items[i].severity == DIAG_ERROR) {
            snprintf(why, size, "%s: %s", d.items[i].path, d.items[i].message);
            break;
        }
    }
    diag_list_finish(&d);
    return r;
}

/* ---- prepared_* --------------------------------------------------------- */

static void test_prepared_fields(void **state)
{
    (void)state;
    char why[256];
    char *text = wf_routine_text(NULL, "\"prepared_for\": \"Zoë K.\", \"prepared_by\": \"M. Weber\", "
                                       "\"prepared_on\": \"2024-02-29\"");
    struct routine *r = load(text, why, sizeof why);
    assert_non_null(r);
    assert_string_equal(r->prepared_for, "Zoë K.");
    assert_string_equal(r->prepared_by, "M. Weber");
    assert_string_equal(r->prepared_on, "2024-02-29");
    routine_destroy(r);
    free(text);

    text = wf_routine_text(NULL, "");
    r = load(text, why, sizeof why);
    assert_null(r->prepared_for);
    assert_null(r->prepared_by);
    assert_null(r->prepared_on);
    routine_destroy(r);
    free(text);
}

static void test_prepared_on_dates(void **state)
{
    (void)state;
    static const char *const good[] = {"2024-02-29", "2000-02-29", "1999-12-31", "2030-01-01"};
    static const char *const bad[] = {"2023-02-29", "1900-02-29", "2024-02-30", "2024-04-31",
                                      "2024-13-01", "2024-00-10", "2024-05-00", "24-05-01",
                                      "2024-5-1",   "2024/05/01", "2024-05-01x", "+024-05-01",
                                      "1899-12-31", "01.05.2024"};
    char why[256];
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        char *extra = xasprintf("\"prepared_on\": \"%s\"", good[i]);
        char *text = wf_routine_text(NULL, extra);
        struct routine *r = load(text, why, sizeof why);
        if (!r)
            fail_msg("%s refused: %s", good[i], why);
        routine_destroy(r);
        free(text);
        free(extra);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *extra = xasprintf("\"prepared_on\": \"%s\"", bad[i]);
        char *text = wf_routine_text(NULL, extra);
        struct routine *r = load(text, why, sizeof why);
        if (r)
            fail_msg("%s accepted", bad[i]);
        char *want = xasprintf("prepared_on: \"%s\" is not a date", bad[i]);
        assert_string_equal(why, want);
        free(want);
        free(text);
        free(extra);
    }
    char *text = wf_routine_text(NULL, "\"prepared_for\": 7");
    assert_null(load(text, why, sizeof why));
    assert_string_equal(why, "prepared_for: must be a string, not a number");
    free(text);
}

/* ---- tailoring ----------------------------------------------------------- */

/* Tailors f->base with o: the text (NULL when refused) and the report. */
static char *tailor(const struct fx *f, const struct tailor_options *o, struct tailor_report *rep)
{
    char *json = NULL;
    *rep = (struct tailor_report){0};
    bool ok = routine_tailor(f->base, o, &json, NULL, rep);
    assert_true(ok == (json != NULL));
    assert_true(ok == !tailor_report_failed(rep));
    return json;
}

/* Option diag i, printed as the command prints it. */
static void assert_option_line(const struct tailor_report *rep, size_t i, const char *option,
                               const char *line)
{
    assert_true(i < rep->options.n);
    assert_string_equal(rep->options.items[i].path, option);
    char *got = diag_format("smr-timer tailor", &rep->options.items[i]);
    char *want = xasprintf("smr-timer tailor: %s: %s", option, line);
    assert_string_equal(got, want);
    free(want);
    free(got);
}

static void test_no_options(void **state)
{
    struct fx *f = *state;
    struct tailor_options o = {0};
    struct tailor_report rep;
    char *json = tailor(f, &o, &rep);
    assert_non_null(json);
    assert_int_equal(rep.options.n + rep.result.n + rep.base.n, 0);
    /* The relative $schema is beside the base, not the copy. */
    assert_null(strstr(json, "$schema"));
    char why[256];
    struct routine *r = load(json, why, sizeof why);
    assert_non_null(r);
    assert_string_equal(r->id, "wf-base");
    assert_int_equal(r->n_strips, 2);
    assert_int_equal(r->strips[1].n_positions, 3); /* the list stays a list */
    assert_true(r->strips[1].move_cm == 0);
    routine_destroy(r);

    /* Its own output tailors to itself: the writing is stable. */
    char *again_path = wf_write(f->dir, "again.json", json);
    struct tailor_report rep2 = {0};
    char *again = NULL;
    assert_true(routine_tailor(again_path, &o, &again, NULL, &rep2));
    assert_string_equal(again, json);
    free(again);
    free(again_path);
    tailor_report_finish(&rep2);
    tailor_report_finish(&rep);
    free(json);
}

static void test_prepared_and_texts(void **state)
{
    struct fx *f = *state;
    struct tailor_options o = {.prepared_for = "Anna \"Annie\" K.", .prepared_by = "M. Weber",
                               .prepared_on = "2024-05-01", .note = "Gently, Anna.",
                               .id = "wf-anna", .title = "Hamstrings for Anna"};
    struct tailor_report rep;
    char *json = tailor(f, &o, &rep);
    assert_non_null(json);
    /* The new fields sit after the description, in their own order. */
    const char *d = strstr(json, "\"description\"");
    const char *pf = strstr(json, "\"prepared_for\": \"Anna \\\"Annie\\\" K.\"");
    const char *pb = strstr(json, "\"prepared_by\"");
    const char *po = strstr(json, "\"prepared_on\": \"2024-05-01\"");
    const char *lang = strstr(json, "\"language\"");
    assert_true(d && pf && pb && po && lang);
    assert_true(d < pf && pf < pb && pb < po && po < lang);
    char why[256];
    struct routine *r = load(json, why, sizeof why);
    assert_non_null(r);
    assert_string_equal(r->prepared_for, "Anna \"Annie\" K.");
    assert_string_equal(r->therapist_note, "Gently, Anna.");
    assert_string_equal(r->id, "wf-anna");
    assert_string_equal(r->title, "Hamstrings for Anna");
    routine_destroy(r);
    free(json);
    tailor_report_finish(&rep);

    /* A bad value is the option's, in the validator's words. */
    o = (struct tailor_options){.prepared_on = "2024-02-30", .id = "Anna"};
    json = tailor(f, &o, &rep);
    assert_null(json);
    assert_int_equal(rep.options.n, 2);
    assert_option_line(&rep, 0, "--id",
                       "\"Anna\" is not a valid id; use up to 64 lowercase letters, digits and "
                       "'-', starting with a letter");
    assert_option_line(&rep, 1, "--on",
                       "\"2024-02-30\" is not a date; write the date as YYYY-MM-DD, e.g. 2024-05-01");
    assert_int_equal(rep.result.n, 0);
    tailor_report_finish(&rep);
}

static void test_hold(void **state)
{
    struct fx *f = *state;
    struct tailor_options o = {.hold_s = {true, 12}};
    struct tailor_report rep;
    char *json = tailor(f, &o, &rep);
    char why[256];
    struct routine *r = load(json, why, sizeof why);
    assert_int_equal(r->phases[1].duration_ms, 12000);
    assert_int_equal(r->phases[1].countdown, 3);
    assert_int_equal(r->phases[0].duration_ms, 4000); /* only the hold */
    routine_destroy(r);
    free(json);
    tailor_report_finish(&rep);

    o.hold_s.value = 40;
    assert_null(tailor(f, &o, &rep));
    assert_int_equal(rep.options.n, 1);
    assert_option_line(&rep, 0, "--hold", "a hold of 40 s is outside 5-30 s; hold for 10-12 s");
    tailor_report_finish(&rep);

    /* A short hold: allowed with the usual hold's warning, its count cut. */
    char *text = wf_routine_text(NULL, "");
    char *p = strstr(text, "\"countdown\": 3");
    p[13] = '9';
    free(f->base);
    f->base = wf_write(f->dir, "base.json", text);
    free(text);
    o.hold_s.value = 6;
    json = tailor(f, &o, &rep);
    assert_non_null(json);
    assert_int_equal(rep.options.n, 1);
    assert_int_equal(rep.options.items[0].severity, DIAG_WARNING);
    assert_option_line(&rep, 0, "--hold",
                       "warning: a hold of 6 s is outside 10-12 s; 10-12 s is the usual hold");
    r = load(json, why, sizeof why);
    assert_int_equal(r->phases[1].countdown, 6);
    routine_destroy(r);
    free(json);
    tailor_report_finish(&rep);
}

static void test_strip_numbers(void **state)
{
    struct fx *f = *state;
    struct tailor_options o = {.move_cm = {true, 5}, .start_cm = {true, 12},
                               .end_cm = {true, 27}, .passes = {true, 1}};
    struct tailor_report rep;
    char *json = tailor(f, &o, &rep);
    assert_non_null(json);
    assert_null(strstr(json, "positions_cm")); /* the listed strip became a range */
    char why[256];
    struct routine *r = load(json, why, sizeof why);
    for (size_t i = 0; i < 2; i++) {
        const struct routine_strip *s = &r->strips[i];
        assert_int_equal(s->n_positions, 4); /* 12, 17, 22, 27 */
        assert_true(s->positions_cm[0] == 12 && s->positions_cm[3] == 27);
        assert_true(s->move_cm == 5);
    }
    routine_destroy(r);
    free(json);
    tailor_report_finish(&rep);

    /* Only a move on the list: its first and last position stay. */
    o = (struct tailor_options){.move_cm = {true, 6.5}};
    json = tailor(f, &o, &rep);
    r = load(json, why, sizeof why);
    assert_true(r->strips[1].start_cm == 10 && r->strips[1].end_cm == 23);
    assert_int_equal(r->strips[1].n_positions, 3); /* 10, 16.5, 23 */
    routine_destroy(r);
    free(json);
    tailor_report_finish(&rep);

    /* A wrong move on two strips: one line, not two. */
    o = (struct tailor_options){.move_cm = {true, 20}, .start_cm = {true, 4}};
    assert_null(tailor(f, &o, &rep));
    assert_int_equal(rep.options.n, 2);
    assert_option_line(&rep, 0, "--start",
                       "4 cm is inside the no-go zone at the hollow behind the knee (0-8 cm); "
                       "start at 10 cm or more");
    assert_option_line(&rep, 1, "--move",
                       "a move of 20 cm is outside 3-15 cm; move the ball 5-10 cm each time");
    tailor_report_finish(&rep);

    o = (struct tailor_options){.passes = {true, 3}};
    assert_null(tailor(f, &o, &rep));
    assert_option_line(&rep, 0, "--passes",
                       "3 passes is more than 2; 1 pass is usual, 2 at most: more overworks the "
                       "tissue");
    tailor_report_finish(&rep);

    /* A start above the file's end is the routine's problem, not one value's. */
    o = (struct tailor_options){.start_cm = {true, 30}};
    assert_null(tailor(f, &o, &rep));
    assert_int_equal(rep.options.n, 0);
    assert_int_equal(rep.result.n, 2);
    assert_string_equal(rep.result.items[0].path, "strips[0].end_cm");
    tailor_report_finish(&rep);
}

/* One --start that each strip judges by its own limits (the calf's middle
 * strip starts lower down): a line per hint, naming the strips it is for. */
static void test_strips_named_when_limits_differ(void **state)
{
    (void)state;
    const char *root = getenv("SMR_SOURCE_ROOT");
    char *calves = xasprintf("%s/routines/calves-spiky-ball.json", root ? root : ".");
    struct tailor_options o = {.start_cm = {true, 3}};
    struct tailor_report rep = {0};
    char *json = NULL;
    assert_false(routine_tailor(calves, &o, &json, NULL, &rep));
    assert_null(json);
    assert_int_equal(rep.options.n, 2);
    assert_option_line(&rep, 0, "--start (inner, outer)",
                       "3 cm is inside the no-go zone at the hollow behind the knee (0-6 cm); "
                       "start at 8 cm or more");
    assert_option_line(&rep, 1, "--start (middle)",
                       "3 cm is inside the no-go zone at the hollow behind the knee (0-6 cm); "
                       "start at 18 cm or more");
    tailor_report_finish(&rep);
    free(calves);
}

static void test_sides_and_strips(void **state)
{
    struct fx *f = *state;
    struct tailor_options o = {.sides = "both", .strips = "inner,outer"};
    struct tailor_report rep;
    char *json = tailor(f, &o, &rep);
    char why[256];
    struct routine *r = load(json, why, sizeof why);
    assert_int_equal(r->n_sides, 2);
    assert_int_equal(r->sides[0], ROUTINE_SIDE_LEFT);
    assert_string_equal(r->strips[0].id, "inner");
    assert_string_equal(r->strips[1].id, "outer");
    routine_destroy(r);
    free(json);
    tailor_report_finish(&rep);

    o = (struct tailor_options){.sides = "right", .strips = "inner", .passes = {true, 2}};
    json = tailor(f, &o, &rep);
    r = load(json, why, sizeof why);
    assert_int_equal(r->n_sides, 1);
    assert_int_equal(r->sides[0], ROUTINE_SIDE_RIGHT);
    assert_int_equal(r->n_strips, 1);
    /* The warning is --passes's, though --strips made the list. */
    assert_int_equal(rep.options.n, 1);
    assert_option_line(&rep, 0, "--passes",
                       "warning: 2 passes; one pass per strip is usually enough");
    routine_destroy(r);
    free(json);
    tailor_report_finish(&rep);

    o = (struct tailor_options){.sides = "lft", .strips = "outer,,middle,outer"};
    assert_null(tailor(f, &o, &rep));
    assert_int_equal(rep.options.n, 4);
    assert_option_line(&rep, 0, "--sides", "unknown side \"lft\"; use left, right or both");
    assert_option_line(&rep, 1, "--strips",
                       "an empty strip name; name strips by id, separated by commas: outer, "
                       "inner");
    assert_option_line(&rep, 2, "--strips",
                       "no strip \"middle\"; the routine's strips are outer, inner");
    assert_option_line(&rep, 3, "--strips", "\"outer\" is there twice; name each strip once");
    tailor_report_finish(&rep);
}

static void test_bad_base(void **state)
{
    struct fx *f = *state;
    char *text = wf_routine_text(NULL, "\"therapist_note\": \"\"");
    char *bad = wf_write(f->dir, "bad.json", text);
    free(text);
    struct tailor_options o = {.hold_s = {true, 12}};
    struct tailor_report rep = {0};
    char *json = NULL;
    struct routine *r = NULL;
    assert_false(routine_tailor(bad, &o, &json, &r, &rep));
    assert_null(json);
    assert_null(r);
    assert_int_equal(rep.base.n, 1);
    assert_string_equal(rep.base.items[0].path, "therapist_note");
    assert_int_equal(rep.options.n + rep.result.n, 0);
    tailor_report_finish(&rep);

    char *missing = xasprintf("%s/none.json", f->dir);
    assert_false(routine_tailor(missing, &o, &json, NULL, &rep));
    assert_int_equal(rep.base.n, 1);
    tailor_report_finish(&rep);
    free(missing);
    free(bad);
}

static void test_routine_out(void **state)
{
    struct fx *f = *state;
    struct tailor_options o = {.strips = "outer"};
    struct tailor_report rep = {0};
    struct routine *r = NULL;
    assert_true(routine_tailor(f->base, &o, NULL, &r, &rep));
    assert_non_null(r);
    assert_string_equal(r->file, f->base); /* named as the file it came from */
    assert_int_equal(r->n_strips, 1);
    routine_destroy(r);
    tailor_report_finish(&rep);
    tailor_report_finish(&rep); /* twice, and on a zeroed one, is fine */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prepared_fields),
        cmocka_unit_test(test_prepared_on_dates),
        cmocka_unit_test_setup_teardown(test_no_options, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prepared_and_texts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hold, setup, teardown),
        cmocka_unit_test_setup_teardown(test_strip_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sides_and_strips, setup, teardown),
        cmocka_unit_test(test_strips_named_when_limits_differ),
        cmocka_unit_test_setup_teardown(test_bad_base, setup, teardown),
        cmocka_unit_test_setup_teardown(test_routine_out, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
