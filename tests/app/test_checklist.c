/* test_checklist.c - the checklist model: every item needs an answer, a
 * global Yes stops, a local Yes only cautions, routine items are appended. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "session/checklist.h"

static char own_global_id[] = "own-global", own_global_q[] = "Own global?";
static char own_local_id[] = "own-local", own_local_q[] = "Own local?";
static char own_local_area[] = "the left calf";

static struct routine_check extra_checks[] = {
    {.id = own_global_id, .text = own_global_q, .scope = CHECK_SCOPE_GLOBAL},
    {.id = own_local_id, .text = own_local_q, .scope = CHECK_SCOPE_LOCAL, .area = own_local_area},
};

static struct routine fake_routine(void)
{
    struct routine r;
    memset(&r, 0, sizeof r);
    r.checks = extra_checks;
    r.n_checks = 2;
    return r;
}

static void answer_all(struct checklist *c, enum checklist_answer a)
{
    for (size_t i = 0; i < c->n_items; i++)
        checklist_answer(c, i, a);
}

static size_t find(const struct checklist *c, const char *id)
{
    for (size_t i = 0; i < c->n_items; i++)
        if (strcmp(c->items[i].id, id) == 0)
            return i;
    fail_msg("no item %s", id);
    return 0;
}

static void test_builtins_cover_the_brief(void **state)
{
    (void)state;
    struct checklist c;
    checklist_init(&c, NULL);
    assert_int_equal(c.n_items, checklist_builtin_count());
    size_t globals = 0, locals = 0;
    for (size_t i = 0; i < c.n_items; i++) {
        assert_non_null(checklist_question(&c.items[i]));
        if (c.items[i].scope == CHECK_SCOPE_GLOBAL) {
            globals++;
            assert_null(checklist_area(&c.items[i]));
        } else {
            locals++;
            assert_non_null(checklist_area(&c.items[i]));
        }
    }
    assert_true(globals >= 8);
    assert_true(locals >= 4);
    /* Nerve signs are a reason to stop, not to press harder. */
    assert_int_equal(c.items[find(&c, "nerve-signs")].scope, CHECK_SCOPE_GLOBAL);
    assert_int_equal(c.items[find(&c, "blood-clot")].scope, CHECK_SCOPE_GLOBAL);
    checklist_finish(&c);
}

static void test_incomplete_until_every_answer(void **state)
{
    (void)state;
    struct routine r = fake_routine();
    struct checklist c;
    checklist_init(&c, &r);
    assert_int_equal(c.n_items, checklist_builtin_count() + 2);
    assert_int_equal(checklist_outcome(&c), CHECKLIST_INCOMPLETE);
    answer_all(&c, CHECKLIST_NO);
    checklist_answer(&c, c.n_items - 1, CHECKLIST_UNANSWERED);
    assert_int_equal(checklist_outcome(&c), CHECKLIST_INCOMPLETE);
    assert_int_equal(checklist_unanswered(&c), 1);
    assert_int_equal(checklist_next_unanswered(&c, 0), c.n_items - 1);
    checklist_answer(&c, c.n_items - 1, CHECKLIST_NO);
    assert_int_equal(checklist_outcome(&c), CHECKLIST_CLEAR);
    assert_int_equal(checklist_next_unanswered(&c, 3), c.n_items);
    checklist_finish(&c);
}

static void test_global_yes_stops(void **state)
{
    (void)state;
    struct routine r = fake_routine();
    struct checklist c;
    checklist_init(&c, &r);
    answer_all(&c, CHECKLIST_NO);
    checklist_answer(&c, find(&c, "fever"), CHECKLIST_YES);
    assert_int_equal(checklist_outcome(&c), CHECKLIST_STOP);
    /* A local Yes as well does not soften a global one. */
    checklist_answer(&c, find(&c, "bruise"), CHECKLIST_YES);
    assert_int_equal(checklist_outcome(&c), CHECKLIST_STOP);
    checklist_answer(&c, find(&c, "fever"), CHECKLIST_NO);
    checklist_answer(&c, find(&c, "bruise"), CHECKLIST_NO);
    checklist_answer(&c, find(&c, "own-global"), CHECKLIST_YES);
    assert_int_equal(checklist_outcome(&c), CHECKLIST_STOP);
    checklist_finish(&c);
}

static void test_local_yes_cautions(void **state)
{
    (void)state;
    struct routine r = fake_routine();
    struct checklist c;
    checklist_init(&c, &r);
    answer_all(&c, CHECKLIST_NO);
    size_t own = find(&c, "own-local");
    checklist_answer(&c, own, CHECKLIST_YES);
    assert_int_equal(checklist_outcome(&c), CHECKLIST_CAUTION);
    assert_string_equal(checklist_area(&c.items[own]), "the left calf");
    assert_string_equal(checklist_question(&c.items[own]), "Own local?");
    checklist_answer(&c, 999, CHECKLIST_YES); /* ignored */
    assert_int_equal(checklist_outcome(&c), CHECKLIST_CAUTION);
    checklist_finish(&c);
    checklist_finish(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtins_cover_the_brief),
        cmocka_unit_test(test_incomplete_until_every_answer),
        cmocka_unit_test(test_global_yes_stops),
        cmocka_unit_test(test_local_yes_cautions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
