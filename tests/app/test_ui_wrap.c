/* test_ui_wrap.c - text wrapped to its box (ui_text, ui_text_height), by
 * SDL's software renderer into a surface (no display; the system's font,
 * as the app finds it):
 *   - the lines are those of a greedy wrap that measures every prefix
 *     whole (the way wrap() did before it added word widths), at widths
 *     from narrow to wide, for instructions as the routines word them in
 *     four languages;
 *   - drawn, no ink falls outside the box, also where a word is wider
 *     than the box and is cut between characters;
 *   - a text sized and then drawn (ui_text_height, ui_text; ui_flow) is
 *     wrapped once, drawn again it is not wrapped, and the pixels are the
 *     same; once the fonts are closed, it is wrapped anew, and right;
 *   - the memo goes by the text's bytes, not where they are, and keeps a
 *     position's texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui_surface.h"

enum { W = 800, H = 400, SIZE = 30 };
static const SDL_Color BG = {20, 22, 28, 255};

static const char *const TEXTS[] = {
    "Slowly straighten the knee with the front of the thigh, only until you feel a slight "
    "stretch.",
    "Ball: 10 cm above the knee crease (about one and a half hands' widths)",
    "Let the leg rest heavy on the ball and relax the back of the thigh.",
    "Strecken Sie das Knie langsam, nur bis Sie eine leichte Dehnung spüren. "
    "Oberschenkelrückseite entspannen.",
    "Estire la rodilla despacio, solo hasta notar un ligero estiramiento; no presione el "
    "hueco de la rodilla.",
    "Tendez lentement le genou jusqu'à la première sensation d'étirement, sans forcer.",
};

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

static int width_of(struct ui_surface *f, const char *s, size_t len)
{
    char buf[1024];
    memcpy(buf, s, len);
    buf[len] = '\0';
    return ui_text_width(&f->ui, buf, SIZE, false);
}

/* Lines of `text` at `width` by a greedy wrap that measures each candidate
 * line whole: a word goes on the line while the line with it fits. */
static int reference_lines(struct ui_surface *f, const char *text, int width)
{
    int n = 0;
    const char *p = text;
    while (*p) {
        const char *end = NULL, *q = p;
        for (;;) {
            const char *we = q;
            while (*we && *we != ' ')
                we++;
            if (width_of(f, p, (size_t)(we - p)) > width)
                break;
            end = we;
            if (!*we)
                break;
            q = we + 1;
        }
        if (!end)
            return -1; /* a word wider than the box: wrap() cuts it between characters */
        n++;
        p = end;
        while (*p == ' ')
            p++;
    }
    return n;
}

static void lines_are_greedy(void **state)
{
    struct ui_surface *f = *state;
    TTF_Font *font = fonts_get(f->ui.fonts, SIZE, false);
    assert_non_null(font);
    int skip = TTF_FontLineSkip(font);
    int compared = 0;
    for (size_t i = 0; i < sizeof TEXTS / sizeof TEXTS[0]; i++) {
        for (int width = 180; width <= 1400; width += 23) {
            int want = reference_lines(f, TEXTS[i], width);
            if (want < 0)
                continue; /* a word wider than the box */
            int got = ui_text_height(&f->ui, TEXTS[i], SIZE, false, width) / skip;
            if (got != want)
                print_message("%d px: %d lines, the reference %d: %s\n", width, got, want,
                              TEXTS[i]);
            assert_int_equal(got, want);
            compared++;
        }
    }
    assert_true(compared > 200);
}

static void drawn_inside_the_box(void **state)
{
    struct ui_surface *f = *state;
    static const char long_word[] = "Oberschenkelrückseitenmuskulaturentspannung jetzt";
    const struct ui_text st = {.size = SIZE, .min_size = SIZE, .color = {230, 232, 238, 255}};
    for (int width = 120; width <= 700; width += 97) {
        for (size_t i = 0; i <= sizeof TEXTS / sizeof TEXTS[0]; i++) {
            const char *text = i < sizeof TEXTS / sizeof TEXTS[0] ? TEXTS[i] : long_word;
            SDL_Rect box = {40, 10, width, H - 20};
            SDL_SetRenderDrawColor(f->ren, BG.r, BG.g, BG.b, 255);
            SDL_RenderClear(f->ren);
            ui_text(&f->ui, box, text, &st);
            Uint32 *px = ui_surface_pixels(f);
            int in = ui_surface_inked(f, px, box, BG);
            int out = ui_surface_inked(f, px, (SDL_Rect){0, 0, W, H}, BG) - in;
            if (out)
                print_message("%d px wide: %d pixels outside: %s\n", width, out, text);
            assert_int_equal(out, 0);
            assert_true(in > 0);
            free(px);
        }
    }
}

static void wrapped_once(void **state)
{
    struct ui_surface *f = *state;
    const struct ui_text st = {.size = SIZE, .min_size = SIZE, .color = {230, 232, 238, 255}};
    SDL_Rect box = {40, 10, 420, H - 20};
    struct ui_block b[2] = {
        {.text = TEXTS[1], .size = 28, .bold = true, .color = {90, 170, 250, 255}},
        {.text = TEXTS[0], .size = SIZE, .color = {230, 232, 238, 255}, .gap_before = 10},
    };
    unsigned long w0 = ui_text_wrapped(&f->ui);
    int h = ui_text_height(&f->ui, TEXTS[2], SIZE, false, box.w);
    assert_int_equal(ui_text_height(&f->ui, TEXTS[2], SIZE, false, box.w), h);
    SDL_SetRenderDrawColor(f->ren, BG.r, BG.g, BG.b, 255);
    SDL_RenderClear(f->ren);
    assert_int_equal(ui_text(&f->ui, box, TEXTS[2], &st), h);
    assert_int_equal(ui_text_wrapped(&f->ui), w0 + 1);

    SDL_RenderClear(f->ren);
    ui_flow(&f->ui, box, b, 2);
    Uint32 *first = ui_surface_pixels(f);
    unsigned long w1 = ui_text_wrapped(&f->ui);
    assert_int_equal(w1, w0 + 3); /* each block sized and drawn: two wraps, not four */
    SDL_RenderClear(f->ren);
    ui_flow(&f->ui, box, b, 2);
    Uint32 *again = ui_surface_pixels(f);
    assert_int_equal(ui_text_wrapped(&f->ui), w1);
    assert_memory_equal(first, again, (size_t)W * H * sizeof *first);
    free(first);
    free(again);

    /* A closed size's address may come back as another size's. */
    fonts_close_all(f->ui.fonts);
    TTF_Font *font = fonts_get(f->ui.fonts, 40, false);
    assert_non_null(font);
    int lines = ui_text_height(&f->ui, TEXTS[2], 40, false, box.w) / TTF_FontLineSkip(font);
    assert_int_equal(ui_text_wrapped(&f->ui), w1 + 1);
    fonts_close_all(f->ui.fonts);
    assert_int_equal(ui_text_height(&f->ui, TEXTS[2], SIZE, false, box.w), h);
    assert_int_equal(ui_text_wrapped(&f->ui), w1 + 2);
    font = fonts_get(f->ui.fonts, 40, false);
    assert_int_equal(ui_text_height(&f->ui, TEXTS[2], 40, false, box.w) / TTF_FontLineSkip(font),
                     lines);
}

/* The memo goes by the text's bytes, not its address: a screen builds its
 * texts afresh each frame. The same words in a new buffer are not wrapped
 * again and draw the same pixels, from lines that point into that buffer;
 * other words in the old buffer are wrapped anew. Many texts in turn (a
 * position's five steps) are all still kept. */
static void wrapped_by_content(void **state)
{
    struct ui_surface *f = *state;
    const struct ui_text st = {.size = SIZE, .min_size = SIZE, .color = {230, 232, 238, 255}};
    SDL_Rect box = {40, 10, 420, H - 20};
    size_t len = strlen(TEXTS[0]) + 1;
    char *a = malloc(len), *b = malloc(len);
    assert_non_null(a);
    assert_non_null(b);
    memcpy(a, TEXTS[0], len);
    memcpy(b, TEXTS[0], len);
    SDL_SetRenderDrawColor(f->ren, BG.r, BG.g, BG.b, 255);
    SDL_RenderClear(f->ren);
    unsigned long w0 = ui_text_wrapped(&f->ui);
    ui_text(&f->ui, box, a, &st);
    Uint32 *first = ui_surface_pixels(f);
    assert_int_equal(ui_text_wrapped(&f->ui), w0 + 1);
    memset(a, 'x', len - 1); /* the buffer now says something else */
    SDL_RenderClear(f->ren);
    ui_text(&f->ui, box, b, &st);
    Uint32 *again = ui_surface_pixels(f);
    assert_int_equal(ui_text_wrapped(&f->ui), w0 + 1);
    assert_memory_equal(first, again, (size_t)W * H * sizeof *first);
    ui_text(&f->ui, box, a, &st);
    assert_int_equal(ui_text_wrapped(&f->ui), w0 + 2);
    /* twenty texts, twice: the second time round, none is wrapped */
    char texts[20][160];
    for (int i = 0; i < 20; i++)
        snprintf(texts[i], sizeof texts[i], "Step %d: %s", i, TEXTS[i % 6]);
    unsigned long w1 = ui_text_wrapped(&f->ui);
    for (int i = 0; i < 20; i++)
        ui_text_height(&f->ui, texts[i], SIZE, false, box.w);
    assert_int_equal(ui_text_wrapped(&f->ui), w1 + 20);
    for (int i = 0; i < 20; i++)
        ui_text_height(&f->ui, texts[i], SIZE, false, box.w);
    assert_int_equal(ui_text_wrapped(&f->ui), w1 + 20);
    free(first);
    free(again);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lines_are_greedy),
        cmocka_unit_test(drawn_inside_the_box),
        cmocka_unit_test(wrapped_once),
        cmocka_unit_test(wrapped_by_content),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
