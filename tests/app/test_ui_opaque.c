/* test_ui_opaque.c - text on a solid background (ui_text's bg), by SDL's
 * software renderer into a surface (no display; the system's font, as the
 * app finds it):
 *   - its pixels are those of the same text blended over that background,
 *     one line and wrapped, in ui_text and in ui_flow, at three sizes;
 *   - its lines are copied, not blended: drawn twice, the pixels are those
 *     of once (blended twice, the edges of the glyphs darken);
 *   - a line's box is painted within the text's box only: in a box lower
 *     than the line, nothing outside the box changes;
 *   - a line kept opaque is not the blended one: the same text blended
 *     afterwards over another colour shows that colour between glyphs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui_surface.h"

enum { W = 640, H = 360 };
static const SDL_Color BG = {21, 24, 29, 255};
static const SDL_Color OTHER = {200, 40, 40, 255};
static const SDL_Color INK = {235, 237, 240, 255};
static const char TEXT[] =
    "Slowly straighten the knee with the front of the thigh, only until you feel a slight "
    "stretch. Ätzend: fjord, Wüste.";

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

static Uint32 *draw_text(struct ui_surface *f, SDL_Rect box, int size, bool opaque, int times)
{
    ui_fill(&f->ui, (SDL_Rect){0, 0, W, H}, BG);
    struct ui_text st = {.size = size, .min_size = size, .color = INK, .bg = opaque ? BG : (SDL_Color){0}};
    for (int i = 0; i < times; i++)
        ui_text(&f->ui, box, TEXT, &st);
    ui_end_frame(&f->ui);
    return ui_surface_pixels(f);
}

/* How many of the surface's pixels differ between a and b. */
static size_t differing(const Uint32 *a, const Uint32 *b)
{
    size_t n = 0;
    for (size_t i = 0; i < (size_t)W * H; i++)
        n += a[i] != b[i];
    return n;
}

static void assert_same(const Uint32 *a, const Uint32 *b)
{
    assert_int_equal(differing(a, b), 0);
}

static void test_same_pixels_as_blended(void **state)
{
    struct ui_surface *f = *state;
    static const int sizes[] = {14, 22, 34};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        SDL_Rect box = {17, 11, W - 40, H - 30};
        Uint32 *blended = draw_text(f, box, sizes[k], false, 1);
        Uint32 *opaque = draw_text(f, box, sizes[k], true, 1);
        assert_true(ui_surface_inked(f, blended, box, BG) > 500);
        assert_same(blended, opaque);
        free(blended);
        free(opaque);
    }
}

static void test_flow_same_pixels(void **state)
{
    struct ui_surface *f = *state;
    SDL_Rect box = {10, 10, W - 20, H - 20};
    Uint32 *px[2];
    for (int opaque = 0; opaque < 2; opaque++) {
        SDL_Color bg = opaque ? BG : (SDL_Color){0};
        struct ui_block b[2] = {
            {.text = "Ball: 10 cm above the knee crease", .size = 26, .bold = true, .color = OTHER, .bg = bg},
            {.text = TEXT, .size = 28, .color = INK, .gap_before = 8, .bullet = "1.", .bg = bg},
        };
        ui_fill(&f->ui, (SDL_Rect){0, 0, W, H}, BG);
        assert_true(ui_flow(&f->ui, box, b, 2) > 0);
        ui_end_frame(&f->ui);
        px[opaque] = ui_surface_pixels(f);
    }
    assert_same(px[0], px[1]);
    free(px[0]);
    free(px[1]);
}

static void test_copied_not_blended(void **state)
{
    struct ui_surface *f = *state;
    SDL_Rect box = {17, 11, W - 40, H - 30};
    Uint32 *once = draw_text(f, box, 24, true, 1);
    Uint32 *twice = draw_text(f, box, 24, true, 2);
    assert_same(once, twice);
    /* the check bites: blended, a second draw changes the glyphs' edges */
    Uint32 *b_once = draw_text(f, box, 24, false, 1);
    Uint32 *b_twice = draw_text(f, box, 24, false, 2);
    assert_true(differing(b_once, b_twice) > 100);
    free(once);
    free(twice);
    free(b_once);
    free(b_twice);
}

static void test_kept_in_box(void **state)
{
    struct ui_surface *f = *state;
    ui_fill(&f->ui, (SDL_Rect){0, 0, W, H}, OTHER);
    SDL_Rect box = {40, 100, 300, 12}; /* lower than a line at 30 px: one cut line */
    struct ui_text st = {.size = 30, .min_size = 30, .color = INK, .bg = BG, .max_lines = 1};
    ui_text(&f->ui, box, TEXT, &st);
    ui_end_frame(&f->ui);
    Uint32 *px = ui_surface_pixels(f);
    int inside = ui_surface_inked(f, px, box, OTHER);
    assert_true(inside > 100); /* drawn, and opaque: its background covers the red */
    int outside = ui_surface_inked(f, px, (SDL_Rect){0, 0, W, H}, OTHER) - inside;
    assert_int_equal(outside, 0);
    free(px);
}

static void test_opaque_and_blended_kept_apart(void **state)
{
    struct ui_surface *f = *state;
    SDL_Rect box = {17, 11, W - 40, H - 30};
    Uint32 *opaque = draw_text(f, box, 24, true, 1); /* cached, composed on BG */
    free(opaque);
    ui_fill(&f->ui, (SDL_Rect){0, 0, W, H}, OTHER);
    struct ui_text st = {.size = 24, .min_size = 24, .color = INK};
    ui_text(&f->ui, box, TEXT, &st);
    ui_end_frame(&f->ui);
    Uint32 *px = ui_surface_pixels(f);
    /* blended over red: red remains between the glyphs, no BG box */
    assert_int_equal(ui_surface_inked(f, px, box, BG), box.w * box.h);
    free(px);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_same_pixels_as_blended, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flow_same_pixels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copied_not_blended, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kept_in_box, setup, teardown),
        cmocka_unit_test_setup_teardown(test_opaque_and_blended_kept_apart, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
