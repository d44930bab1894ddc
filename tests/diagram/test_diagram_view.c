/* test_diagram_view.c - pixel tests of the diagram view, rendered headless
 * with the software renderer and read back with SDL_RenderReadPixels: the
 * ball lands where diagram_view_map() says and nowhere else, the right leg is
 * mirrored, the no-go band is hatched and holds every position below
 * nogo_max_cm, "outer"/"inner" sit on the right sides, the picture is
 * rasterized again (not stretched) when the area grows, and a missing or
 * broken SVG gives NULL. Runs at two window sizes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "harness.h"

/* diagram_view.c's ball fill; drawn nowhere else on purpose */
static const SDL_Color ball_fill = {22, 112, 232, 255};

static int win_w, win_h;

static SDL_Color pixel(SDL_Surface *s, int x, int y)
{
    SDL_Color c = {0, 0, 0, 0};
    if (x < 0 || y < 0 || x >= s->w || y >= s->h)
        return c;
    Uint32 v = ((const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch))[x];
    c.r = (Uint8)(v >> 16);
    c.g = (Uint8)(v >> 8);
    c.b = (Uint8)v;
    c.a = 255;
    return c;
}

static bool near(SDL_Color a, SDL_Color b, int tol)
{
    return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

/* The band's two colours: the yellow shade between stripes, the dark hatch. */
static bool is_shade(SDL_Color c)
{
    return c.r > 150 && c.g > 110 && c.b < 120 && c.g - c.b > 35;
}
static bool is_hatch(SDL_Color c) { return c.r * 3 + c.g * 6 + c.b < 700; }

static int setup(void **state)
{
    struct harness *h = calloc(1, sizeof *h);
    if (!h || !harness_open(h, win_w, win_h, 0)) {
        if (h)
            harness_close(h);
        free(h);
        return -1;
    }
    *state = h;
    return 0;
}

static int teardown(void **state)
{
    harness_close(*state);
    free(*state);
    return 0;
}

static SDL_Rect full(void) { return (SDL_Rect){0, 0, win_w, win_h}; }

static SDL_Surface *render(struct harness *h, SDL_Rect area, const struct diagram_marks *m)
{
    harness_draw(h, area, m);
    SDL_Surface *s = harness_read(h);
    assert_non_null(s);
    return s;
}

static void ball_at_mapped_point(void **state)
{
    struct harness *h = *state;
    SDL_Rect area = full();
    double s = fmin(area.w / h->d->view_w, area.h / h->d->view_h);
    double r = fmax(19 * s, 8) + 2; /* the ball's radius and its feather */
    const double cms[] = {h->d->work_min_cm + 1, 20.0, h->d->work_max_cm};
    for (int side = 0; side < 2; side++)
        for (size_t li = 0; li < h->d->n_lines; li++)
            for (size_t ci = 0; ci < sizeof cms / sizeof cms[0]; ci++) {
                const struct diagram_line *line = &h->d->lines[li];
                struct diagram_marks m = {.side = (enum routine_side)side, .current = line,
                                          .has_ball = true, .ball = {line, cms[ci]}};
                SDL_Surface *img = render(h, area, &m);
                SDL_FPoint p = diagram_view_map(h->d, area, m.side, line, cms[ci]);
                SDL_Color at = pixel(img, (int)lroundf(p.x), (int)lroundf(p.y));
                if (!near(at, ball_fill, 3))
                    fail_msg("%s leg, %s %.0f cm: (%d,%d,%d) at (%.1f,%.1f), not the ball",
                             side ? "right" : "left", line->id, cms[ci], at.r, at.g, at.b,
                             (double)p.x, (double)p.y);
                int inside = 0, outside = 0;
                for (int y = 0; y < img->h; y++)
                    for (int x = 0; x < img->w; x++)
                        if (near(pixel(img, x, y), ball_fill, 3)) {
                            if (hypotf((float)x - p.x, (float)y - p.y) <= (float)r)
                                inside++;
                            else
                                outside++;
                        }
                /* the core disc is 0.68 r wide: most of it must be there */
                assert_true(inside > 0.5 * M_PI * pow(0.68 * (r - 2), 2) * 0.5);
                assert_int_equal(outside, 0);
                SDL_FreeSurface(img);
            }
}

static void right_leg_is_mirrored(void **state)
{
    struct harness *h = *state;
    SDL_Rect area = full();
    const struct diagram *d = h->d;
    const struct diagram_line *outer = diagram_find_line(d, "outer");
    assert_non_null(outer);
    double s = fmin(area.w / d->view_w, area.h / d->view_h);
    float cx = (float)area.x + (float)area.w / 2;
    SDL_FPoint l = diagram_view_map(d, area, ROUTINE_SIDE_LEFT, outer, 20);
    SDL_FPoint r = diagram_view_map(d, area, ROUTINE_SIDE_RIGHT, outer, 20);
    assert_true(l.x < cx && r.x > cx); /* outer: viewer's left on a left leg */
    assert_true(fabsf(l.x + r.x - 2 * cx) < 0.01f);
    assert_true(fabsf(l.y - r.y) < 0.01f);

    /* the picture too: the buttock reaches the inner top corner, the outer
     * top corner is empty (left leg) */
    double px = (double)cx - d->view_w * s / 2, py = area.y + (area.h - d->view_h * s) / 2;
    int y = (int)(py + 50 * s);
    int x_in = (int)(px + 392 * s), x_out = (int)(px + 8 * s);
    for (int side = 0; side < 2; side++) {
        struct diagram_marks m = {.side = (enum routine_side)side};
        SDL_Surface *img = render(h, area, &m);
        SDL_Color bg = {36, 40, 48, 255};
        int a = side ? (int)(2 * cx) - x_in - 1 : x_in, b = side ? (int)(2 * cx) - x_out - 1 : x_out;
        assert_false(near(pixel(img, a, y), bg, 4));
        assert_true(near(pixel(img, b, y), bg, 4));
        SDL_FreeSurface(img);
    }
}

/* Counts changes between shade and hatch along a row from x0 to x1. */
static int hatch_changes(SDL_Surface *img, int y, int x0, int x1, int *n_shade)
{
    int last = 0, changes = 0;
    *n_shade = 0;
    for (int x = x0; x <= x1; x++) {
        SDL_Color c = pixel(img, x, y);
        int k = is_shade(c) ? 1 : is_hatch(c) ? 2 : 0;
        *n_shade += k == 1;
        if (k && last && k != last)
            changes++;
        if (k)
            last = k;
    }
    return changes;
}

static void nogo_band_is_hatched(void **state)
{
    struct harness *h = *state;
    SDL_Rect area = full();
    const struct diagram *d = h->d;
    const struct diagram_line *outer = diagram_find_line(d, "outer");
    const struct diagram_line *inner = diagram_find_line(d, "inner");
    for (int side = 0; side < 2; side++) {
        struct diagram_marks m = {.side = (enum routine_side)side};
        SDL_Surface *img = render(h, area, &m);
        const double rows[] = {d->nogo_max_cm - 1, 1.0};
        for (size_t i = 0; i < 2; i++) {
            SDL_FPoint a = diagram_view_map(d, area, m.side, outer, rows[i]);
            SDL_FPoint b = diagram_view_map(d, area, m.side, inner, rows[i]);
            int x0 = (int)fminf(a.x, b.x), x1 = (int)fmaxf(a.x, b.x), shade;
            int changes = hatch_changes(img, (int)a.y, x0, x1, &shade);
            if (changes < 6)
                fail_msg("row at %.0f cm: %d shade/hatch changes", rows[i], changes);
        }
        /* above the band: no shade at all */
        SDL_FPoint a = diagram_view_map(d, area, m.side, outer, d->nogo_max_cm + 2);
        SDL_FPoint b = diagram_view_map(d, area, m.side, inner, d->nogo_max_cm + 2);
        int shade;
        hatch_changes(img, (int)a.y, (int)fminf(a.x, b.x), (int)fmaxf(a.x, b.x), &shade);
        assert_int_equal(shade, 0);
        SDL_FreeSurface(img);
    }
}

/* Some shade pixel within `r` of p. */
static bool shade_near(SDL_Surface *img, SDL_FPoint p, int r)
{
    for (int y = (int)p.y - r; y <= (int)p.y + r; y++)
        for (int x = (int)p.x - r; x <= (int)p.x + r; x++)
            if (is_shade(pixel(img, x, y)))
                return true;
    return false;
}

static void nogo_positions_map_into_band(void **state)
{
    struct harness *h = *state;
    SDL_Rect area = full();
    const struct diagram *d = h->d;
    struct diagram_marks m = {.side = ROUTINE_SIDE_LEFT};
    SDL_Surface *img = render(h, area, &m);
    for (size_t i = 0; i < d->n_lines; i++) {
        /* clear of the label plate in the middle of the band */
        const double below[] = {0.5, 1.5, d->nogo_max_cm - 1.5, d->nogo_max_cm - 0.5};
        for (size_t k = 0; k < 4; k++) {
            SDL_FPoint p = diagram_view_map(d, area, m.side, &d->lines[i], below[k]);
            if (!shade_near(img, p, 4))
                fail_msg("%s at %.1f cm is not in the band", d->lines[i].id, below[k]);
        }
        SDL_FPoint p = diagram_view_map(d, area, m.side, &d->lines[i], d->nogo_max_cm + 1.5);
        assert_false(shade_near(img, p, 4));
        assert_true(d->work_min_cm >= d->nogo_max_cm);
    }
    SDL_FreeSurface(img);
}

/* Where the word, as the font writes it in black on the white plate, best
 * matches the picture inside `r`; returns the mean difference per pixel. */
static double find_word(struct harness *h, SDL_Surface *img, const char *word, SDL_Rect r,
                        int *bx)
{
    SDL_Color ink = {25, 25, 25, 255};
    SDL_Surface *t0 = TTF_RenderUTF8_Blended(h->font, word, ink);
    assert_non_null(t0);
    SDL_Surface *t = SDL_ConvertSurfaceFormat(t0, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(t0);
    assert_non_null(t);
    double best = 1e9;
    for (int y = r.y; y + t->h <= r.y + r.h && y + t->h <= img->h; y++)
        for (int x = r.x; x + t->w <= r.x + r.w && x + t->w <= img->w; x++) {
            double sum = 0, limit = best * t->w * t->h;
            for (int ty = 0; ty < t->h && sum < limit; ty++)
                for (int tx = 0; tx < t->w; tx++) {
                    Uint32 v = ((const Uint32 *)((const Uint8 *)t->pixels + ty * t->pitch))[tx];
                    int a = (int)(v >> 24);
                    int expect = (25 * a + 255 * (255 - a)) / 255;
                    sum += abs(pixel(img, x + tx, y + ty).g - expect);
                }
            double mean = sum / (t->w * t->h);
            if (mean < best) {
                best = mean;
                *bx = x;
            }
        }
    SDL_FreeSurface(t);
    return best;
}

static void words_on_their_sides(void **state)
{
    struct harness *h = *state;
    SDL_Rect area = full();
    const struct diagram *d = h->d;
    double s = fmin(area.w / d->view_w, area.h / d->view_h);
    int ph = (int)(d->view_h * s), top = area.y + (area.h - ph) / 2;
    SDL_Rect band = {area.x, top + ph * 30 / 100, area.w, ph * 20 / 100};
    for (int side = 0; side < 2; side++) {
        struct diagram_marks m = {.side = (enum routine_side)side};
        SDL_Surface *img = render(h, area, &m);
        int x_outer = 0, x_inner = 0;
        double e_outer = find_word(h, img, "outer", band, &x_outer);
        double e_inner = find_word(h, img, "inner", band, &x_inner);
        if (e_outer > 8 || e_inner > 8)
            fail_msg("words not found: outer %.1f, inner %.1f", e_outer, e_inner);
        if (side == ROUTINE_SIDE_LEFT)
            assert_true(x_outer < area.w / 2 && x_inner > area.w / 2);
        else
            assert_true(x_outer > area.w / 2 && x_inner < area.w / 2);
        SDL_FreeSurface(img);
    }
}

static struct diagram_view *new_view(struct harness *h)
{
    const char *root = getenv("SMR_SOURCE_ROOT");
    char assets[4096];
    snprintf(assets, sizeof assets, "%s/assets", root ? root : SMR_SOURCE_ROOT);
    struct diagram_view *v = diagram_view_create(h->ren, h->d, assets);
    assert_non_null(v);
    return v;
}

/* A view first drawn small, then large, shows the same pixels as one drawn
 * large at once: the picture was rasterized again, not stretched. */
static void rasterized_again_when_area_grows(void **state)
{
    struct harness *h = *state;
    SDL_Rect small = {0, 0, win_w / 4, win_h / 4}, big = full();
    struct diagram_marks m = {.side = ROUTINE_SIDE_LEFT};
    struct diagram_view *keep = h->view, *grown_view = new_view(h), *direct_view = new_view(h);
    h->view = grown_view;
    harness_draw(h, small, &m);
    SDL_Surface *grown = render(h, big, &m);
    h->view = direct_view;
    SDL_Surface *direct = render(h, big, &m);
    h->view = keep;
    diagram_view_destroy(grown_view);
    diagram_view_destroy(direct_view);
    assert_int_equal(grown->pitch, direct->pitch);
    assert_memory_equal(grown->pixels, direct->pixels, (size_t)(grown->pitch * grown->h));
    SDL_FreeSurface(grown);
    SDL_FreeSurface(direct);
}

/* diagram_view_map() is diagram_map() fitted into the area: scaled by the
 * smaller ratio, centred, mirrored about the centre for the right leg. */
static void mapping_is_the_documented_fit(void **state)
{
    struct harness *h = *state;
    const struct diagram *d = h->d;
    const SDL_Rect areas[] = {full(), {37, 21, win_w / 2, win_h - 40}, {5, 9, win_w - 10, win_h / 3}};
    for (size_t a = 0; a < sizeof areas / sizeof areas[0]; a++)
        for (int side = 0; side < 2; side++)
            for (size_t i = 0; i < d->n_lines; i++)
                for (double cm = 0; cm <= d->hip_cm; cm += 4.5) {
                    SDL_Rect r = areas[a];
                    double s = fmin(r.w / d->view_w, r.h / d->view_h);
                    double ox = r.x + (r.w - d->view_w * s) / 2, oy = r.y + (r.h - d->view_h * s) / 2;
                    const struct diagram_line *l = &d->lines[i];
                    double x = l->x_knee + (l->x_hip - l->x_knee) * cm / d->hip_cm;
                    if (side)
                        x = d->view_w - x;
                    double y = d->knee_y - cm * d->units_per_cm;
                    SDL_FPoint p = diagram_view_map(d, r, (enum routine_side)side, l, cm);
                    assert_true(fabs((double)p.x - (ox + x * s)) < 0.01);
                    assert_true(fabs((double)p.y - (oy + y * s)) < 0.01);
                }
}

/* The ball also lands on its mapped point in an area that is offset and
 * not the window's shape. */
static void ball_in_offset_area(void **state)
{
    struct harness *h = *state;
    SDL_Rect area = {win_w / 3, win_h / 10, win_w / 2, win_h * 8 / 10};
    const struct diagram_line *mid = diagram_find_line(h->d, "middle");
    for (int side = 0; side < 2; side++) {
        struct diagram_marks m = {.side = (enum routine_side)side, .current = mid,
                                  .has_ball = true, .ball = {mid, 25}};
        SDL_Surface *img = render(h, area, &m);
        SDL_FPoint p = diagram_view_map(h->d, area, m.side, mid, 25);
        assert_true(near(pixel(img, (int)lroundf(p.x), (int)lroundf(p.y)), ball_fill, 3));
        SDL_FreeSurface(img);
    }
}

static void bad_assets_give_null(void **state)
{
    struct harness *h = *state;
    assert_null(diagram_view_create(h->ren, h->d, "/nonexistent-smr-assets"));
    char dir[] = "/tmp/smr-diagram-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[4096], file[4096];
    snprintf(sub, sizeof sub, "%s/diagrams", dir);
    snprintf(file, sizeof file, "%s/%s", dir, h->d->asset);
    assert_int_equal(mkdir(sub, 0700), 0);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("this is not a picture\n", f);
    fclose(f);
    assert_null(diagram_view_create(h->ren, h->d, dir));
    unlink(file);
    rmdir(sub);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ball_at_mapped_point),
        cmocka_unit_test(right_leg_is_mirrored),
        cmocka_unit_test(nogo_band_is_hatched),
        cmocka_unit_test(nogo_positions_map_into_band),
        cmocka_unit_test(words_on_their_sides),
        cmocka_unit_test(rasterized_again_when_area_grows),
        cmocka_unit_test(mapping_is_the_documented_fit),
        cmocka_unit_test(ball_in_offset_area),
        cmocka_unit_test(bad_assets_give_null),
    };
    static const int sizes[][2] = {{800, 600}, {1920, 1080}};
    int failed = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        win_w = sizes[i][0];
        win_h = sizes[i][1];
        char name[64];
        snprintf(name, sizeof name, "diagram view %dx%d", win_w, win_h);
        failed += _cmocka_run_group_tests(name, tests, sizeof tests / sizeof tests[0], setup,
                                          teardown);
    }
    return failed ? 1 : 0;
}
