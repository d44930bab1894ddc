/* test_check_topics.c - the validator's picture of the built-in checklist
 * (src/routine/check_topics.c) agrees with the checklist itself
 * (src/session/checklist.c): the same ids and scopes, and every built-in
 * question, asked again by a routine in its own words, is taken for the
 * built-in one. And routine questions about something else are not. Then
 * the validator's rule on whole routines: a repeat is merged with a warning
 * of the usual shape, a global repeat of a local built-in is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "routine/check_topics.h"
#include "session/checklist.h"
#include "util/util.h"

static void test_every_builtin_has_its_topic(void **state)
{
    (void)state;
    struct checklist c;
    checklist_init(&c, NULL);
    assert_int_equal(c.n_items, check_topic_count());
    for (size_t i = 0; i < c.n_items; i++) {
        const struct checklist_item *it = &c.items[i];
        const struct check_topic *by_id = check_topic_repeated(it->id, NULL);
        assert_non_null(by_id);
        assert_string_equal(by_id->id, it->id);
        assert_int_equal(by_id->scope, it->scope);
        /* The built-in question itself, under another id, repeats itself. */
        const struct check_topic *by_words = check_topic_repeated("other-id", it->question);
        if (!by_words || strcmp(by_words->id, it->id) != 0)
            fail_msg("\"%s\" is taken for %s, not %s", it->question,
                     by_words ? by_words->id : "nothing", it->id);
    }
    checklist_finish(&c);
}

static const struct {
    const char *question, *repeats; /* NULL: nothing */
} rows[] = {
    {"Did you feel a sudden sharp pain at the back of the thigh in the last few weeks, perhaps "
     "with bruising?", "hamstring-tear"},
    {"Have you been told you had a DVT?", "blood-clot"},
    {"Do you take warfarin or another anticoagulant?", "bleeding"},
    {"Is there any BRUISING on the thigh?", "bruise"},
    {"Do you get pins and needles in the foot?", "nerve-signs"},
    {"Are you pregnant?", "pregnancy"},
    {"Did you pull or strain a muscle there lately?", "hamstring-tear"},
    {"Do you feel unwell or sick today?", "fever"},
    /* About something else: no built-in question asks it. */
    {"Does bending your knee hurt today, at the kneecap or around it?", NULL},
    {"Is there a tattoo less than a month old on the back of your thigh?", NULL},
    {"Did a doctor tell you not to stretch your legs?", NULL},
    {"Is your sitting bone sore from a fall?", NULL},
    {"Schmerzt dein Knie heute beim Beugen?", NULL},
    /* Words that begin like a sign without being one. */
    {"Are you wearing thin clothing, number 3 on the list?", NULL},
    {"Extra question number 4: is anything else worrying you today?", NULL},
    {"", NULL},
};

static void test_questions_in_other_words(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct check_topic *t = check_topic_repeated("own-id", rows[i].question);
        const char *got = t ? t->id : NULL;
        if ((got == NULL) != (rows[i].repeats == NULL) ||
            (got && strcmp(got, rows[i].repeats) != 0))
            fail_msg("\"%s\": %s, wanted %s", rows[i].question, got ? got : "nothing",
                     rows[i].repeats ? rows[i].repeats : "nothing");
    }
}

static void test_long_and_odd_text(void **state)
{
    (void)state;
    char long_text[3000];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    assert_null(check_topic_repeated(NULL, long_text)); /* one word, cut to size */
    assert_null(check_topic_repeated(NULL, NULL));
    assert_non_null(check_topic_repeated(NULL, "\xc3\xa9 clot \xe2\x80\x94 ?"));
    assert_null(check_topic_at(check_topic_count()));
}

/* The bundled routine with `items` as its checklist. */
static char *routine_with_checklist(const char *items)
{
    const char *root = getenv("SMR_SOURCE_ROOT");
    assert_non_null(root);
    char *path = xasprintf("%s/routines/hamstrings-spiky-ball.json", root);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[65536];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    free(path);
    text[n] = '\0';
    char *at = strstr(text, "\"therapist_note\"");
    assert_non_null(at);
    return xasprintf("%.*s\"checklist\": [%s],\n  %s", (int)(at - text), text, items, at);
}

static void expect_lines(const char *items, bool ok, size_t n_checks, const char *const *want,
                         size_t n_want)
{
    char *text = routine_with_checklist(items);
    struct diag_list d = {0};
    struct routine *r = NULL;
    assert_int_equal(routine_create_from_buffer("r.json", text, strlen(text), &r, &d), ok);
    for (size_t i = 0; i < d.n; i++) {
        char *line = diag_format("r.json", &d.items[i]);
        if (i >= n_want || strcmp(line, want[i]) != 0)
            fail_msg("line %zu: %s", i, line);
        free(line);
    }
    assert_int_equal(d.n, n_want);
    if (ok)
        assert_int_equal(r->n_checks, n_checks);
    routine_destroy(r);
    diag_list_finish(&d);
    free(text);
}

static void test_repeat_is_merged(void **state)
{
    (void)state;
    const char *want[] = {
        "r.json: checklist[0]: warning: repeats the built-in question \"hamstring-tear\" (a "
        "recent muscle tear): it is asked once, as the built-in one; leave this item out, or "
        "ask about something the built-in list does not",
        "r.json: checklist[2]: warning: repeats the built-in question \"bruise\" (a bruise): it "
        "is asked once, as the built-in one; leave this item out, or ask about something the "
        "built-in list does not",
    };
    expect_lines("{\"id\": \"hamstring-pain-now\", \"scope\": \"global\", \"question\": "
                 "\"Did you feel a sudden sharp pain at the back of the thigh in the last few "
                 "weeks, perhaps with bruising?\"},"
                 "{\"id\": \"knee\", \"scope\": \"global\", \"question\": \"Does your knee "
                 "hurt today?\"},"
                 "{\"id\": \"bruise\", \"scope\": \"local\", \"question\": \"A new mark?\", "
                 "\"area\": \"the mark\"}",
                 true, 1, want, 2);
}

static void test_stricter_repeat_is_refused(void **state)
{
    (void)state;
    const char *want[] = {
        "r.json: checklist[0]: asks what the built-in question \"veins\" (varicose veins) asks, "
        "but stops the session where the built-in one only avoids the area; leave it out (the "
        "built-in question keeps the ball away from the area), or ask about something the "
        "built-in list does not",
    };
    expect_lines("{\"id\": \"v\", \"scope\": \"global\", \"question\": \"Do you have "
                 "varicose veins?\"}",
                 false, 0, want, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_builtin_has_its_topic),
        cmocka_unit_test(test_questions_in_other_words),
        cmocka_unit_test(test_long_and_odd_text),
        cmocka_unit_test(test_repeat_is_merged),
        cmocka_unit_test(test_stricter_repeat_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
