/* test_ui_digits.c - the countdown's big digits (ui_digits.c) drawn by SDL's
 * software renderer into a surface (no display; the system's font, as the
 * app finds it):
 *   - a glyph's pixels are its colour blended on the background by its
 *     coverage, rounded, and the background where it has no ink;
 *   - a colour drawn, another, then the first again: the same pixels, and
 *     the first colour's glyph is not drawn again (kept, not remade);
 *   - drawn ahead (ui_digits_warm) or as first shown: the same pixels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui_surface.h"

enum { W = 400, H = 300 };
static const SDL_Rect BOX = {20, 20, 360, 260};
static const int GLYPH_H = 150;
static const SDL_Color WHITE = {240, 240, 240, 255}, GOLD = {250, 190, 30, 255};
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

/* The surface after the background and `text` in colour c, a copy. */
static Uint32 *draw(struct ui_surface *f, const char *text, SDL_Color c)
{
    SDL_SetRenderDrawColor(f->ren, BG.r, BG.g, BG.b, 255);
    SDL_RenderClear(f->ren);
    ui_digits(&f->ui, BOX, text, GLYPH_H, c, BG);
    return ui_surface_pixels(f);
}

static int channel(Uint32 p, int shift)
{
    return (int)(p >> shift & 0xff);
}

static int expected(Uint8 fg, Uint8 bg, unsigned a)
{
    return (int)((fg * a + bg * (255u - a) + 127u) / 255u);
}

static void glyph_is_its_coverage_blended(void **state)
{
    struct ui_surface *f = *state;
    Uint32 *px = draw(f, "8", WHITE);
    const struct ui_digit_cache *d = &f->ui.digits;
    SDL_Rect ink = ui_digits_extent(&f->ui, BOX, "8", GLYPH_H);
    SDL_Rect in = d->inked[8];
    assert_true(in.w > 10 && in.h > GLYPH_H / 2);
    assert_int_equal(ink.w, in.w); /* drawn at scale 1 in this box */
    int full = 0, partial = 0;
    for (int y = 0; y < in.h; y++)
        for (int x = 0; x < in.w; x++) {
            unsigned a = d->cover[8][(size_t)y * in.w + x];
            Uint32 p = px[(size_t)(ink.y + y) * W + ink.x + x];
            assert_int_equal(channel(p, 16), expected(WHITE.r, BG.r, a));
            assert_int_equal(channel(p, 8), expected(WHITE.g, BG.g, a));
            assert_int_equal(channel(p, 0), expected(WHITE.b, BG.b, a));
            full += a == 255;
            partial += a > 0 && a < 255;
        }
    assert_true(full > 100 && partial > 20);
    /* outside the ink: the background */
    Uint32 corner = px[(size_t)BOX.y * W + BOX.x];
    assert_int_equal(channel(corner, 16), BG.r);
    free(px);
}

static void colours_come_back_without_drawing_again(void **state)
{
    struct ui_surface *f = *state;
    Uint32 *first = draw(f, "38", WHITE);
    int k = f->ui.digits.cur;
    SDL_Texture *kept = f->ui.digits.set[k].glyph[3];
    assert_non_null(kept);
    Uint32 *gold = draw(f, "38", GOLD);
    assert_int_not_equal(f->ui.digits.cur, k);
    assert_memory_not_equal(first, gold, (size_t)W * H * sizeof *first);
    Uint32 *again = draw(f, "38", WHITE);
    assert_int_equal(f->ui.digits.cur, k);
    assert_ptr_equal(f->ui.digits.set[k].glyph[3], kept);
    assert_memory_equal(first, again, (size_t)W * H * sizeof *first);
    free(first);
    free(gold);
    free(again);
}

static void warm_draws_what_showing_draws(void **state)
{
    struct ui_surface *f = *state;
    ui_digits_drop(&f->ui);
    Uint32 *shown = draw(f, "1:05", GOLD);
    ui_digits_drop(&f->ui);
    ui_digits_warm(&f->ui, BOX, GLYPH_H, "0123456789:", GOLD, BG);
    const struct ui_digit_set *set = &f->ui.digits.set[f->ui.digits.cur];
    for (int i = 0; i < 11; i++)
        assert_non_null(set->glyph[i]);
    Uint32 *warm = draw(f, "1:05", GOLD);
    assert_memory_equal(shown, warm, (size_t)W * H * sizeof *shown);
    free(shown);
    free(warm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(glyph_is_its_coverage_blended),
        cmocka_unit_test(colours_come_back_without_drawing_again),
        cmocka_unit_test(warm_draws_what_showing_draws),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
