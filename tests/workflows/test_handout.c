/* test_handout.c - the handout's fitting: a bundled routine fits at full
 * size with every word; the largest routines the limits allow (every text at
 * its byte limit, 200 positions, every list full; made by wf_routines.py,
 * whose paths the test is given) fit too, smaller and summarised, on both
 * papers; the paper names and sizes; a missing picture is an error, not a
 * crash. What the PDF says is checked by handout_e2e.py. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "print/handout.h"
#include "util/util.h"

static char **largest; /* argv: the largest routines' paths */
static int n_largest;

static struct routine *load(const char *path)
{
    struct diag_list d = {0};
    struct routine *r = NULL;
    bool ok = routine_create_from_file(path, &r, &d);
    diag_list_finish(&d);
    if (!ok)
        fail_msg("cannot load %s", path);
    return r;
}

static void render(const struct routine *r, enum handout_paper paper, struct handout_fit *fit)
{
    struct handout_pdf pdf;
    char *why = NULL;
    if (!handout_render(r, paper, SMR_SOURCE_ROOT "/assets", &pdf, fit, &why))
        fail_msg("handout_render: %s", why);
    assert_true(pdf.len > 1000);
    assert_memory_equal(pdf.data, "%PDF-1.5", 8);
    handout_pdf_finish(&pdf);
    handout_pdf_finish(&pdf); /* twice is fine */
}

static void test_papers(void **state)
{
    (void)state;
    enum handout_paper p;
    assert_true(handout_paper_from_name("a4", &p) && p == HANDOUT_A4);
    assert_true(handout_paper_from_name("Letter", &p) && p == HANDOUT_LETTER);
    assert_false(handout_paper_from_name("a5", &p));
    double w, h;
    handout_paper_size(HANDOUT_A4, &w, &h);
    assert_true(fabs(w - 595.276) < 0.01 && fabs(h - 841.890) < 0.01);
    handout_paper_size(HANDOUT_LETTER, &w, &h);
    assert_true(w == 612 && h == 792);
}

static void test_bundled_fits_whole(void **state)
{
    (void)state;
    struct routine *r = load(SMR_SOURCE_ROOT "/routines/hamstrings-spiky-ball.json");
    for (int paper = HANDOUT_A4; paper <= HANDOUT_LETTER; paper++) {
        struct handout_fit fit;
        render(r, (enum handout_paper)paper, &fit);
        assert_int_equal(fit.level, 0); /* every word */
        assert_true(fit.scale >= 0.9);
    }
    routine_destroy(r);
}

static void test_largest_fit(void **state)
{
    (void)state;
    assert_true(n_largest > 0);
    for (int i = 0; i < n_largest; i++) {
        struct routine *r = load(largest[i]);
        /* every line worked twice, 3 cm apart: 8 positions a strip */
        assert_true(routine_total_positions(r) >= 16);
        for (int paper = HANDOUT_A4; paper <= HANDOUT_LETTER; paper++) {
            struct handout_fit fit;
            render(r, (enum handout_paper)paper, &fit);
            /* Summarised, but not set smaller than print stays readable. */
            assert_true(fit.level > 0);
            assert_true(fit.scale >= 0.5);
        }
        routine_destroy(r);
    }
}

static void test_missing_picture(void **state)
{
    (void)state;
    struct routine *r = load(SMR_SOURCE_ROOT "/routines/hamstrings-post-run.json");
    struct handout_pdf pdf;
    char *why = NULL;
    assert_false(handout_render(r, HANDOUT_A4, "/nonexistent", &pdf, NULL, &why));
    assert_non_null(strstr(why, "/nonexistent/diagrams/hamstrings-back.svg"));
    assert_null(pdf.data);
    free(why);
    routine_destroy(r);
}

int main(int argc, char **argv)
{
    largest = argv + 1;
    n_largest = argc - 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_papers),
        cmocka_unit_test(test_bundled_fits_whole),
        cmocka_unit_test(test_largest_fit),
        cmocka_unit_test(test_missing_picture),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
