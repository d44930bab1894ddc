/* test_ui_contrast.c - every pair of colours the screens draw text with
 * (ui_text_pairs in src/app/ui.c) reaches WCAG AA, 4.5:1, also where the
 * paused session screen dims its texts; and the ratio itself is the WCAG 2
 * formula (black on white is 21:1, a colour on itself 1:1). Pure: no display. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>

#include "app/ui.h"

static void ratio_is_the_wcag_formula(void **state)
{
    (void)state;
    SDL_Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
    SDL_Color grey = {118, 118, 118, 255}; /* the well-known 4.54:1 grey on white */
    assert_float_equal(ui_contrast(black, white), 21.0, 1e-9);
    assert_float_equal(ui_contrast(white, black), 21.0, 1e-9);
    assert_float_equal(ui_contrast(UI_BG, UI_BG), 1.0, 1e-9);
    assert_float_equal(ui_contrast(grey, white), 4.54, 0.01);
}

static void blend_mixes_by_alpha(void **state)
{
    (void)state;
    SDL_Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
    SDL_Color half = ui_blend(white, black, 128);
    assert_int_equal(half.r, 127);
    assert_int_equal(ui_blend(white, black, 0).g, 255);
    assert_int_equal(ui_blend(white, black, 255).b, 0);
}

static void text_pairs_reach_aa(void **state)
{
    (void)state;
    assert_true(ui_n_text_pairs > 10);
    int bad = 0;
    for (size_t i = 0; i < ui_n_text_pairs; i++) {
        const struct ui_text_pair *p = &ui_text_pairs[i];
        SDL_Color fg = *p->fg, bg = *p->bg;
        if (p->dim) {
            fg = ui_blend(fg, UI_DARK, p->dim);
            bg = ui_blend(bg, UI_DARK, p->dim);
        }
        double r = ui_contrast(fg, bg);
        if (r * 10 < UI_MIN_CONTRAST_X10) {
            print_error("%s: %.2f:1, under 4.5:1\n", p->what, r);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ratio_is_the_wcag_formula),
        cmocka_unit_test(blend_mixes_by_alpha),
        cmocka_unit_test(text_pairs_reach_aa),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
