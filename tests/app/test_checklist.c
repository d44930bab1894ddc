/* test_checklist.c - the checklist model: every item needs an answer, a
 * global Yes stops, a local Yes only cautions, routine items are appended;
 * the items about the body area follow the routine's diagram (the back of
 * the thigh as before, the front of the thigh, the calf with its clot
 * signs) and the others stay the same. */
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
    assert_int_equal(c.n_items, checklist_builtin_count(NULL));
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
    assert_int_equal(c.n_items, checklist_builtin_count(&r) + 2);
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

/* The routine's area, through its diagram. */
static struct routine on_diagram(const char *name)
{
    struct routine r;
    memset(&r, 0, sizeof r);
    r.diagram = diagram_find(name);
    assert_non_null(r.diagram);
    return r;
}

/* The back of the thigh asks what it always asked, in the same order (the
 * app's end-to-end tests answer by position). */
static void test_back_of_thigh_as_before(void **state)
{
    (void)state;
    static const char *const ids[] = {"fever",        "blood-clot",  "bleeding", "cancer",
                                      "surgery-fracture", "hamstring-tear", "lost-feeling",
                                      "nerve-signs",  "pregnancy",   "bruise",   "skin",
                                      "veins",        "swelling"};
    struct routine r = on_diagram("hamstrings-back");
    struct checklist c;
    checklist_init(&c, &r);
    assert_int_equal(c.n_items, 13);
    for (size_t i = 0; i < c.n_items; i++)
        assert_string_equal(c.items[i].id, ids[i]);
    assert_string_equal(checklist_question(&c.items[9]), "Is there a bruise on the back of the thigh?");
    assert_string_equal(checklist_area_name(&c), "the back of the thigh");
    assert_non_null(strstr(checklist_caution_intro(&c), "about the back of the thigh"));
    checklist_finish(&c);
}

static void test_front_of_thigh_and_calf(void **state)
{
    (void)state;
    struct routine front = on_diagram("quadriceps-front"), calf = on_diagram("calves-back");
    struct checklist f, k, b;
    checklist_init(&f, &front);
    checklist_init(&k, &calf);
    checklist_init(&b, NULL);
    assert_int_equal(f.n_items, 13);
    assert_int_equal(k.n_items, 14);
    assert_string_equal(checklist_question(&f.items[find(&f, "bruise")]),
                        "Is there a bruise on the front of the thigh?");
    assert_string_equal(checklist_question(&k.items[find(&k, "veins")]),
                        "Are there varicose veins on the calf?");
    assert_int_equal(f.items[find(&f, "quadriceps-tear")].scope, CHECK_SCOPE_GLOBAL);
    assert_int_equal(k.items[find(&k, "calf-tear")].scope, CHECK_SCOPE_GLOBAL);
    assert_non_null(strstr(checklist_caution_intro(&k), "about the calf"));
    assert_string_equal(checklist_area_name(&f), "the front of the thigh");
    /* the items not about an area are the same, word for word, in order */
    struct checklist *lists[] = {&f, &k};
    for (size_t l = 0; l < 2; l++) {
        size_t j = 0;
        for (size_t i = 0; i < b.n_items; i++) {
            if (b.items[i].about_area)
                continue;
            while (lists[l]->items[j].about_area)
                j++;
            assert_string_equal(lists[l]->items[j].id, b.items[i].id);
            assert_string_equal(lists[l]->items[j].question, b.items[i].question);
            j++;
        }
    }
    /* about the area: the tear, the calf's clot signs and every local item */
    for (size_t i = 0; i < k.n_items; i++)
        assert_int_equal(k.items[i].about_area,
                         k.items[i].scope == CHECK_SCOPE_LOCAL ||
                             strcmp(k.items[i].id, "calf-tear") == 0 ||
                             strcmp(k.items[i].id, "calf-clot-signs") == 0);
    checklist_finish(&f);
    checklist_finish(&k);
    checklist_finish(&b);
}

/* Calf pain with swelling, warmth or redness can be a clot: a stop. */
static void test_calf_clot_signs_stop(void **state)
{
    (void)state;
    struct routine r = on_diagram("calves-back");
    struct checklist c;
    checklist_init(&c, &r);
    size_t i = find(&c, "calf-clot-signs");
    assert_int_equal(c.items[i].scope, CHECK_SCOPE_GLOBAL);
    assert_null(checklist_area(&c.items[i]));
    const char *q = checklist_question(&c.items[i]);
    assert_non_null(strstr(q, "calf pain with swelling, warmth or redness"));
    assert_non_null(strstr(q, "blood clot: see a doctor today"));
    answer_all(&c, CHECKLIST_NO);
    checklist_answer(&c, i, CHECKLIST_YES);
    assert_int_equal(checklist_outcome(&c), CHECKLIST_STOP);
    checklist_finish(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtins_cover_the_brief),
        cmocka_unit_test(test_incomplete_until_every_answer),
        cmocka_unit_test(test_global_yes_stops),
        cmocka_unit_test(test_local_yes_cautions),
        cmocka_unit_test(test_back_of_thigh_as_before),
        cmocka_unit_test(test_front_of_thigh_and_calf),
        cmocka_unit_test(test_calf_clot_signs_stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
