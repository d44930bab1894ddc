/* test_diagram_view.c - pixel tests of the diagram view, rendered headless
 * with the software renderer and read back with SDL_RenderReadPixels, for
 * every diagram of the table: the ball lands where diagram_view_map() says
 * and nowhere else, the right leg is mirrored, every no-go zone is hatched
 * and holds the stretch of each line through it, the ball and the next
 * ring at any allowed position never touch a zone's hatching,
 * "outer"/"inner" sit on the right sides, the picture is rasterized again
 * (not stretched) when the area grows, and a missing or broken SVG gives
 * NULL. Runs at two window sizes. */
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
static const char *diagram_name;

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

/* A zone's two colours: the yellow shade between stripes, the dark hatch,
 * over whatever the picture has there (muscle, white tendon, skin). */
static bool is_shade(SDL_Color c)
{
    return c.r > 150 && c.g > 110 && c.b < 140 && c.g - c.b > 35;
}
static bool is_hatch(SDL_Color c) { return c.r * 3 + c.g * 6 + c.b < 900; }

static int setup(void **state)
{
    struct harness *h = calloc(1, sizeof *h);
    if (!h || !harness_open(h, diagram_name, win_w, win_h, 0)) {
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
    if (!*state)
        return 0;
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

/* The ball's centre range on a line: its working area less the patch. */
static void centre_range(const struct diagram *d, const struct diagram_line *l, double *lo,
                         double *hi)
{
    diagram_line_area(d, l, lo, hi);
    *lo += 2;
    *hi -= 2;
}

static void ball_at_mapped_point(void **state)
{
    struct harness *h = *state;
    SDL_Rect area = full();
    double s = fmin(area.w / h->d->view_w, area.h / h->d->view_h);
    double r = fmax(19 * s, 8) + 2; /* the ball's radius and its feather */
    for (int side = 0; side < 2; side++)
        for (size_t li = 0; li < h->d->n_lines; li++) {
            const struct diagram_line *line = &h->d->lines[li];
            double lo, hi;
            centre_range(h->d, line, &lo, &hi);
            const double cms[] = {lo, (lo + hi) / 2, hi};
            for (size_t ci = 0; ci < sizeof cms / sizeof cms[0]; ci++) {
                struct diagram_marks m = {.side = (enum routine_side)side, .current = line,
                                          .has_ball = true, .ball = {line, cms[ci]}};
                SDL_Surface *img = render(h, area, &m);
                SDL_FPoint p = diagram_view_map(h->d, area, m.side, line, cms[ci]);
                SDL_Color at = pixel(img, (int)lroundf(p.x), (int)lroundf(p.y));
                if (!near(at, ball_fill, 3))
                    fail_msg("%s, %s leg, %s %.1f cm: (%d,%d,%d) at (%.1f,%.1f), not the ball",
                             h->d->name, side ? "right" : "left", line->id, cms[ci], at.r, at.g,
                             at.b, (double)p.x, (double)p.y);
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
}

static bool is_background(SDL_Color c)
{
    static const SDL_Color bg = {36, 40, 48, 255};
    return near(c, bg, 4);
}

/* The mapping mirrors about the area's centre, and so does the picture:
 * where the left leg shows background, the right leg shows it at the
 * mirrored point (but for the words, which are not mirrored), and the
 * picture is not symmetric itself, so the mirroring shows. */
static void right_leg_is_mirrored(void **state)
{
    struct harness *h = *state;
    SDL_Rect area = full();
    const struct diagram *d = h->d;
    const struct diagram_line *outer = diagram_find_line(d, "outer");
    assert_non_null(outer);
    float cx = (float)area.x + (float)area.w / 2;
    SDL_FPoint l = diagram_view_map(d, area, ROUTINE_SIDE_LEFT, outer, 20);
    SDL_FPoint r = diagram_view_map(d, area, ROUTINE_SIDE_RIGHT, outer, 20);
    assert_true(fabsf(l.x + r.x - 2 * cx) < 0.01f);
    assert_true(fabsf(l.y - r.y) < 0.01f);

    struct diagram_marks ml = {.side = ROUTINE_SIDE_LEFT}, mr = {.side = ROUTINE_SIDE_RIGHT};
    SDL_Surface *left = render(h, area, &ml), *right = render(h, area, &mr);
    int same = 0, asym = 0, n = 0;
    for (int y = 4; y < area.h; y += 7)
        for (int x = 4; x < area.w; x += 7) {
            int mx = (int)(2 * cx) - x - 1;
            bool bl = is_background(pixel(left, x, y));
            same += bl == is_background(pixel(right, mx, y));
            asym += bl != is_background(pixel(left, mx, y));
            n++;
        }
    if (same < n * 97 / 100 || asym < n / 100)
        fail_msg("%s: %d of %d points mirrored, %d asymmetric", d->name, same, n, asym);
    SDL_FreeSurface(left);
    SDL_FreeSurface(right);
}

/* A zone's corners in window pixels (at from_cm, then at to_cm), by the
 * documented fit. */
static void zone_quad(const struct diagram *d, SDL_Rect area, enum routine_side side,
                      const struct diagram_zone *z, SDL_FPoint c[4])
{
    double s = fmin(area.w / d->view_w, area.h / d->view_h);
    double ox = area.x + (area.w - d->view_w * s) / 2, oy = area.y + (area.h - d->view_h * s) / 2;
    const double xs[4] = {z->x_left, z->x_right, z->x_right_to, z->x_left_to};
    const double cms[4] = {z->from_cm, z->from_cm, z->to_cm, z->to_cm};
    for (int i = 0; i < 4; i++) {
        double x = side == ROUTINE_SIDE_RIGHT ? d->view_w - xs[i] : xs[i];
        c[i].x = (float)(ox + x * s);
        c[i].y = (float)(oy + (d->knee_y - cms[i] * d->units_per_cm) * s);
    }
}

/* The quad's left and right x at height y (its top and bottom are level). */
static void quad_row(const SDL_FPoint c[4], float y, float *xl, float *xr)
{
    float t = (y - c[0].y) / (c[3].y - c[0].y);
    float a = c[0].x + (c[3].x - c[0].x) * t, b = c[1].x + (c[2].x - c[1].x) * t;
    *xl = fminf(a, b);
    *xr = fmaxf(a, b);
}

/* Within `grow` pixels of the quad (or inside it). */
static bool near_quad(const SDL_FPoint c[4], float x, float y, float grow)
{
    float top = fminf(c[0].y, c[3].y), bottom = fmaxf(c[0].y, c[3].y);
    if (y < top - grow || y > bottom + grow)
        return false;
    float xl, xr;
    quad_row(c, fminf(fmaxf(y, top), bottom), &xl, &xr);
    return x >= xl - grow && x <= xr + grow;
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

/* Every zone is shaded and striped across, near both of its ends (the
 * label sits in the middle). */
static void zones_are_hatched(void **state)
{
    struct harness *h = *state;
    SDL_Rect area = full();
    const struct diagram *d = h->d;
    double s = fmin(area.w / d->view_w, area.h / d->view_h);
    double gap = fmax(10.0 * s, 5.0);
    for (int side = 0; side < 2; side++) {
        struct diagram_marks m = {.side = (enum routine_side)side};
        SDL_Surface *img = render(h, area, &m);
        for (size_t k = 0; k < d->n_zones; k++) {
            SDL_FPoint c[4];
            zone_quad(d, area, m.side, &d->zones[k], c);
            const float rows[] = {c[0].y + (c[3].y - c[0].y) * 0.1f,
                                  c[0].y + (c[3].y - c[0].y) * 0.9f};
            for (size_t i = 0; i < 2; i++) {
                float xl, xr;
                quad_row(c, rows[i], &xl, &xr);
                /* each stripe across the row gives a change or two */
                int want = (int)fmax(1, floor((double)(xr - xl - 6) / gap));
                int shade;
                int changes = hatch_changes(img, (int)rows[i], (int)xl + 3, (int)xr - 3, &shade);
                if (changes < want || shade == 0)
                    fail_msg("%s, %s: row %.0f px: %d shade/hatch changes (want %d)", d->name,
                             d->zones[k].name, (double)rows[i], changes, want);
            }
        }
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

/* In any zone, by the table (for a point just outside one). */
static bool in_some_zone(const struct diagram *d, const struct diagram_line *l, double cm)
{
    for (size_t k = 0; k < d->n_zones; k++) {
        double f, t;
        if (diagram_zone_span(d, &d->zones[k], l, &f, &t) && cm >= f - 0.5 && cm <= t + 0.5)
            return true;
    }
    return false;
}

/* The stretch of each line through a zone maps into the zone's shade (near
 * its ends, clear of the label), and just beyond it there is none. */
static void zone_positions_map_into_zones(void **state)
{
    struct harness *h = *state;
    SDL_Rect area = full();
    const struct diagram *d = h->d;
    struct diagram_marks m = {.side = ROUTINE_SIDE_LEFT};
    SDL_Surface *img = render(h, area, &m);
    for (size_t k = 0; k < d->n_zones; k++)
        for (size_t i = 0; i < d->n_lines; i++) {
            const struct diagram_line *l = &d->lines[i];
            double f, t;
            if (!diagram_zone_span(d, &d->zones[k], l, &f, &t))
                continue;
            const double in[] = {f + 0.5, f + 1.5, t - 1.5, t - 0.5};
            for (size_t j = 0; j < 4; j++) {
                SDL_FPoint p = diagram_view_map(d, area, m.side, l, in[j]);
                if (!shade_near(img, p, 4))
                    fail_msg("%s: %s at %.1f cm is not in %s", d->name, l->id, in[j],
                             d->zones[k].name);
            }
            const double out[] = {f - 1.5, t + 1.5};
            for (size_t j = 0; j < 2; j++) {
                if (out[j] < 0 || out[j] > d->far_cm || in_some_zone(d, l, out[j]))
                    continue;
                SDL_FPoint p = diagram_view_map(d, area, m.side, l, out[j]);
                if (shade_near(img, p, 4))
                    fail_msg("%s: %s at %.1f cm is shaded", d->name, l->id, out[j]);
            }
        }
    SDL_FreeSurface(img);
}

/* Whether the ball is allowed at cm on l, as the validator judges it. */
static bool allowed_at(const struct diagram *d, const struct diagram_line *l, double cm)
{
    double lo, hi;
    centre_range(d, l, &lo, &hi);
    if (cm < lo - 1e-9 || cm > hi + 1e-9)
        return false;
    for (size_t k = 0; k < d->n_zones; k++) {
        double f, t;
        if (diagram_zone_span(d, &d->zones[k], l, &f, &t) && cm + 2 > f + 1e-9 && cm - 2 < t - 1e-9)
            return false;
    }
    return true;
}

/* Pixels of `with` that differ from `without` inside a zone, grown by its
 * outline; 0 when the marks left every zone alone. */
static int marks_in_zones(const struct diagram *d, SDL_Rect area, enum routine_side side,
                          SDL_Surface *with, SDL_Surface *without)
{
    double s = fmin(area.w / d->view_w, area.h / d->view_h);
    float grow = (float)fmax(2.0 * s, 1.5) / 2 + 1.5f;
    int bad = 0;
    for (size_t k = 0; k < d->n_zones; k++) {
        SDL_FPoint c[4];
        zone_quad(d, area, side, &d->zones[k], c);
        float x0 = c[0].x, x1 = c[0].x, y0 = fminf(c[0].y, c[3].y), y1 = fmaxf(c[0].y, c[3].y);
        for (int i = 1; i < 4; i++) {
            x0 = fminf(x0, c[i].x);
            x1 = fmaxf(x1, c[i].x);
        }
        for (int y = (int)(y0 - grow); y <= (int)(y1 + grow); y++)
            for (int x = (int)(x0 - grow); x <= (int)(x1 + grow); x++)
                if (near_quad(c, (float)x + 0.5f, (float)y + 0.5f, grow))
                    bad += !near(pixel(with, x, y), pixel(without, x, y), 0);
    }
    return bad;
}

/* The ball and the next ring, at every allowed position (each cm, and the
 * ends of each allowed stretch), never touch a zone or its outline. */
static void marks_never_overlap_zones(void **state)
{
    struct harness *h = *state;
    SDL_Rect area = full();
    const struct diagram *d = h->d;
    size_t checked = 0;
    for (int side = 0; side < 2; side++)
        for (size_t i = 0; i < d->n_lines; i++) {
            const struct diagram_line *l = &d->lines[i];
            struct diagram_marks none = {.side = (enum routine_side)side, .current = l};
            SDL_Surface *without = render(h, area, &none);
            double lo, hi;
            centre_range(d, l, &lo, &hi);
            double cands[64];
            size_t n = 0;
            cands[n++] = lo;
            cands[n++] = hi;
            for (size_t k = 0; k < d->n_zones; k++) {
                double f, t;
                if (diagram_zone_span(d, &d->zones[k], l, &f, &t)) {
                    cands[n++] = f - 2;
                    cands[n++] = t + 2;
                }
            }
            for (double cm = ceil(lo); cm <= hi && n < 64; cm += 1)
                cands[n++] = cm;
            for (size_t c = 0; c < n; c++) {
                if (!allowed_at(d, l, cands[c]))
                    continue;
                struct diagram_marks m = none;
                m.has_ball = true;
                m.ball = (struct diagram_dot){l, cands[c]};
                SDL_Surface *with = render(h, area, &m);
                int bad = marks_in_zones(d, area, m.side, with, without);
                SDL_FreeSurface(with);
                m.has_ball = false;
                m.has_next = true;
                m.next = m.ball;
                with = render(h, area, &m);
                bad += marks_in_zones(d, area, m.side, with, without);
                SDL_FreeSurface(with);
                if (bad)
                    fail_msg("%s, %s leg, %s at %.1f cm: %d marked pixels in a zone", d->name,
                             side ? "right" : "left", l->id, cands[c], bad);
                checked++;
            }
            SDL_FreeSurface(without);
        }
    assert_true(checked >= 2 * d->n_lines * 5);
}

/* Where the word, as the font writes it in black on the white plate, best
 * matches the picture inside `r`; returns the mean difference per pixel.
 * The band's green channel and the word's expected levels are read into
 * arrays first: the search compares every placement in the band. */
static double find_word(struct harness *h, SDL_Surface *img, const char *word, SDL_Rect r,
                        int *bx)
{
    SDL_Color ink = {25, 25, 25, 255};
    SDL_Surface *t0 = TTF_RenderUTF8_Blended(h->font, word, ink);
    assert_non_null(t0);
    SDL_Surface *t = SDL_ConvertSurfaceFormat(t0, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(t0);
    assert_non_null(t);
    int tw = t->w, th = t->h;
    int *expect = malloc(sizeof *expect * (size_t)(tw * th));
    assert_non_null(expect);
    for (int ty = 0; ty < th; ty++)
        for (int tx = 0; tx < tw; tx++) {
            Uint32 v = ((const Uint32 *)((const Uint8 *)t->pixels + ty * t->pitch))[tx];
            int a = (int)(v >> 24);
            expect[ty * tw + tx] = (25 * a + 255 * (255 - a)) / 255;
        }
    SDL_FreeSurface(t);
    int bw = r.w, bh = r.h;
    int *green = malloc(sizeof *green * (size_t)(bw * bh));
    assert_non_null(green);
    for (int y = 0; y < bh; y++)
        for (int x = 0; x < bw; x++)
            green[y * bw + x] = pixel(img, r.x + x, r.y + y).g;
    double best = 1e9;
    for (int y = 0; y + th <= bh && r.y + y + th <= img->h; y++)
        for (int x = 0; x + tw <= bw && r.x + x + tw <= img->w; x++) {
            long sum = 0;
            double limit = best * tw * th;
            for (int ty = 0; ty < th && sum < limit; ty++) {
                const int *g = green + (y + ty) * bw + x, *e = expect + ty * tw;
                for (int tx = 0; tx < tw; tx++)
                    sum += abs(g[tx] - e[tx]);
            }
            double mean = (double)sum / (tw * th);
            if (mean < best) {
                best = mean;
                *bx = r.x + x;
            }
        }
    free(green);
    free(expect);
    return best;
}

/* "outer" on the side of the outer line (the viewer's left on a left leg
 * seen from behind, the right seen from the front), "inner" opposite. */
static void words_on_their_sides(void **state)
{
    struct harness *h = *state;
    SDL_Rect area = full();
    const struct diagram *d = h->d;
    double s = fmin(area.w / d->view_w, area.h / d->view_h);
    int ph = (int)(d->view_h * s), top = area.y + (area.h - ph) / 2;
    int wy = top + (int)(d->words_y * s);
    SDL_Rect band = {area.x, wy - ph / 10, area.w, ph / 5};
    bool outer_left = diagram_find_line(d, "outer")->x_knee < diagram_find_line(d, "inner")->x_knee;
    for (int side = 0; side < 2; side++) {
        struct diagram_marks m = {.side = (enum routine_side)side};
        SDL_Surface *img = render(h, area, &m);
        int x_outer = 0, x_inner = 0;
        double e_outer = find_word(h, img, "outer", band, &x_outer);
        double e_inner = find_word(h, img, "inner", band, &x_inner);
        if (e_outer > 8 || e_inner > 8)
            fail_msg("words not found: outer %.1f, inner %.1f", e_outer, e_inner);
        if ((side == ROUTINE_SIDE_LEFT) == outer_left)
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
                for (double cm = 0; cm <= d->far_cm; cm += 4.5) {
                    SDL_Rect r = areas[a];
                    double s = fmin(r.w / d->view_w, r.h / d->view_h);
                    double ox = r.x + (r.w - d->view_w * s) / 2, oy = r.y + (r.h - d->view_h * s) / 2;
                    const struct diagram_line *l = &d->lines[i];
                    double x = l->x_knee + (l->x_far - l->x_knee) * cm / d->far_cm;
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
    double lo, hi;
    centre_range(h->d, mid, &lo, &hi);
    double cm = (lo + hi) / 2;
    for (int side = 0; side < 2; side++) {
        struct diagram_marks m = {.side = (enum routine_side)side, .current = mid,
                                  .has_ball = true, .ball = {mid, cm}};
        SDL_Surface *img = render(h, area, &m);
        SDL_FPoint p = diagram_view_map(h->d, area, m.side, mid, cm);
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
        cmocka_unit_test(zones_are_hatched),
        cmocka_unit_test(zone_positions_map_into_zones),
        cmocka_unit_test(marks_never_overlap_zones),
        cmocka_unit_test(words_on_their_sides),
        cmocka_unit_test(rasterized_again_when_area_grows),
        cmocka_unit_test(mapping_is_the_documented_fit),
        cmocka_unit_test(ball_in_offset_area),
        cmocka_unit_test(bad_assets_give_null),
    };
    static const int sizes[][2] = {{800, 600}, {1920, 1080}};
    int failed = 0;
    for (size_t k = 0; diagram_at(k); k++)
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            diagram_name = diagram_at(k)->name;
            win_w = sizes[i][0];
            win_h = sizes[i][1];
            char name[96];
            snprintf(name, sizeof name, "%s %dx%d", diagram_name, win_w, win_h);
            failed += _cmocka_run_group_tests(name, tests, sizeof tests / sizeof tests[0], setup,
                                              teardown);
        }
    return failed ? 1 : 0;
}
