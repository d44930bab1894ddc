/* test_ui_ticking.c - the line that changes every second ("0:12 left · 4 %
 * done", ui_text_ticking) and what of it a new second redraws
 * (ui_text_ticking_change), by SDL's software renderer into a surface (no
 * display; the system's font, as the app finds it):
 *   - a second's new digit: the rect is that digit's run alone, narrower
 *     than the line; two digits changed (0:10 -> 0:09): both runs;
 *   - the same text: an empty rect;
 *   - a line laid out otherwise (9:59 -> 10:00: one more run): the columns
 *     of both lines, at least each one's extent;
 *   - the old line drawn whole, the rect cleared, the new line drawn clipped
 *     to it: the pixels of the new line drawn whole;
 *   - once warmed (ui_text_ticking_warm), a line of other digits renders
 *     nothing; not warmed, it does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui_surface.h"

enum { W = 480, H = 80 };
static const SDL_Rect BOX = {10, 20, 460, 40};
static const SDL_Color BG = {20, 22, 28, 255};

static int setup(void **state)
{
    *state = ui_surface_create(W, H);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    ui_surface_destroy(*state);
    return 0;
}

static const struct ui_text STYLE = {.size = 24, .min_size = 6, .color = {170, 176, 190, 255},
                                     .valign = UI_VALIGN_MIDDLE, .max_lines = 1};

static SDL_Rect change(struct ui_surface *f, const char *was, const char *now)
{
    return ui_text_ticking_change(&f->ui, BOX, was, now, &STYLE);
}

static SDL_Rect extent(struct ui_surface *f, const char *text)
{
    return ui_text_ticking_extent(&f->ui, BOX, text, &STYLE);
}

static void clear(struct ui_surface *f, const SDL_Rect *r)
{
    SDL_SetRenderDrawColor(f->ren, BG.r, BG.g, BG.b, 255);
    SDL_SetRenderDrawBlendMode(f->ren, SDL_BLENDMODE_NONE);
    if (r)
        SDL_RenderFillRect(f->ren, r);
    else
        SDL_RenderClear(f->ren);
}

static void one_digit(void **state)
{
    struct ui_surface *f = *state;
    SDL_Rect line = extent(f, "0:12 left · 4 % done");
    SDL_Rect r = change(f, "0:12 left · 4 % done", "0:11 left · 4 % done");
    assert_true(r.w > 0 && r.h > 0);
    assert_true(r.w * 5 < line.w); /* one digit of some twenty characters */
    assert_int_equal(r.y, BOX.y);
    assert_int_equal(r.h, BOX.h);
    /* the last digit of the m:ss: right of the line's start, left of its middle */
    assert_true(r.x > line.x && r.x + r.w < line.x + line.w / 2);

    SDL_Rect two = change(f, "0:10 left · 4 % done", "0:09 left · 4 % done");
    assert_true(two.w > r.w * 3 / 2 && two.w < r.w * 5 / 2);
    assert_int_equal(two.x + two.w, r.x + r.w);
}

static void same_text(void **state)
{
    struct ui_surface *f = *state;
    SDL_Rect r = change(f, "0:12 left · 4 % done", "0:12 left · 4 % done");
    assert_true(r.w <= 0 || r.h <= 0);
}

static void other_layout(void **state)
{
    struct ui_surface *f = *state;
    SDL_Rect was = extent(f, "9:59 left · 4 % done"), now = extent(f, "10:00 left · 4 % done");
    SDL_Rect r = change(f, "9:59 left · 4 % done", "10:00 left · 4 % done");
    SDL_Rect both;
    SDL_UnionRect(&was, &now, &both);
    assert_memory_equal(&r, &both, sizeof r);
    SDL_Rect first = change(f, "", "0:12 left · 4 % done");
    SDL_Rect whole = extent(f, "0:12 left · 4 % done");
    assert_memory_equal(&first, &whole, sizeof first);
}

static void clipped_redraw_is_whole_redraw(void **state)
{
    struct ui_surface *f = *state;
    static const char *const pairs[][2] = {
        {"0:12 left · 4 % done", "0:11 left · 4 % done"},
        {"0:10 left · 4 % done", "0:09 left · 4 % done"},
        {"3:00 left · 19 % done", "2:59 left · 20 % done"},
        {"9:59 left · 4 % done", "10:00 left · 4 % done"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        clear(f, NULL);
        ui_text_ticking(&f->ui, BOX, pairs[i][1], &STYLE);
        Uint32 *whole = ui_surface_pixels(f);

        clear(f, NULL);
        ui_text_ticking(&f->ui, BOX, pairs[i][0], &STYLE);
        SDL_Rect r = change(f, pairs[i][0], pairs[i][1]);
        assert_true(r.w > 0);
        clear(f, &r);
        SDL_RenderSetClipRect(f->ren, &r);
        ui_text_ticking(&f->ui, BOX, pairs[i][1], &STYLE);
        SDL_RenderSetClipRect(f->ren, NULL);
        Uint32 *part = ui_surface_pixels(f);

        assert_true(ui_surface_inked(f, whole, r, BG) > 0); /* the new digit is in the rect */
        assert_memory_equal(part, whole, (size_t)W * H * sizeof *whole);
        free(whole);
        free(part);
    }
}

static void warmed_digits_render_nothing(void **state)
{
    struct ui_surface *f = *state;
    static const char *const later[] = {"7:58 left · 93 % done", "6:29 left · 10 % done"};
    ui_text_cache_clear(&f->ui);
    ui_text_ticking(&f->ui, BOX, "0:12 left · 4 % done", &STYLE);
    unsigned long cold = ui_text_rendered(&f->ui);
    ui_text_ticking(&f->ui, BOX, later[0], &STYLE);
    assert_true(ui_text_rendered(&f->ui) > cold); /* 7, 5, 8, 9, 3: not drawn before */

    ui_text_cache_clear(&f->ui);
    ui_text_ticking_warm(&f->ui, BOX, "0:12 left · 4 % done", &STYLE);
    unsigned long warm = ui_text_rendered(&f->ui);
    for (size_t i = 0; i < sizeof later / sizeof later[0]; i++) {
        clear(f, NULL);
        ui_text_ticking(&f->ui, BOX, later[i], &STYLE);
        assert_int_equal(ui_text_rendered(&f->ui), warm);
        Uint32 *px = ui_surface_pixels(f);
        SDL_Rect all = {0, 0, W, H};
        assert_true(ui_surface_inked(f, px, all, BG) > 0); /* and it is drawn */
        free(px);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_digit),
        cmocka_unit_test(same_text),
        cmocka_unit_test(other_layout),
        cmocka_unit_test(clipped_redraw_is_whole_redraw),
        cmocka_unit_test(warmed_digits_render_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
