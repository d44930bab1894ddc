/* figure.c - see figure.h. Drawn in the picture's own units (its viewBox)
 * under one transform, like the app's view: the SVG, then the no-go band,
 * the strip lines and the dots; the numbers are set afterwards in page
 * units, so they keep their size however small the picture gets, and each
 * goes where it overlaps no other (outside its strip's line first). */
#include "print/figure.h"

#include <librsvg/rsvg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print/flow.h"
#include "routine/diagram.h"
#include "util/i18n.h"
#include "util/util.h"

#define MAX_KEYS 26

struct figure {
    const struct routine *r;
    const struct diagram *d;
    RsvgHandle *svg;
    bool right; /* the right leg, mirrored */
    char keys[MAX_KEYS][2];
    bool keyed; /* some line carries more than one strip */
};

struct figure *figure_create(const struct routine *r, const char *assets_dir, char **why)
{
    char *path = xasprintf("%s/%s", assets_dir, r->diagram->asset);
    GError *err = NULL;
    RsvgHandle *svg = rsvg_handle_new_from_file(path, &err);
    if (!svg) {
        *why = xasprintf(_("cannot read the diagram %s: %s"), path, err ? err->message : "?");
        g_clear_error(&err);
        free(path);
        return NULL;
    }
    free(path);
    struct figure *f = xcalloc(1, sizeof *f);
    f->r = r;
    f->d = r->diagram;
    f->svg = svg;
    f->right = r->n_sides == 1 && r->sides[0] == ROUTINE_SIDE_RIGHT;
    for (size_t i = 0; i < r->n_strips; i++)
        for (size_t k = 0; k < i; k++)
            f->keyed |= r->strips[i].line == r->strips[k].line;
    for (size_t i = 0; i < MAX_KEYS; i++)
        f->keys[i][0] = (char)('A' + i);
    return f;
}

void figure_destroy(struct figure *f)
{
    if (!f)
        return;
    g_object_unref(f->svg);
    free(f);
}

double figure_ratio(const struct figure *f) { return f->d->view_h / f->d->view_w; }

enum routine_side figure_side(const struct figure *f)
{
    return f->right ? ROUTINE_SIDE_RIGHT : ROUTINE_SIDE_LEFT;
}

const char *figure_strip_key(const struct figure *f, size_t strip)
{
    return f->keyed && strip < MAX_KEYS ? f->keys[strip] : "";
}

/* ---- in the picture's units ------------------------------------------------ */

struct box {
    double x, y, w, h;
};

/* The box around a zone's corners (diagram_zone_corners()). */
static struct box corners_box(const double c[8])
{
    double x0 = fmin(fmin(c[0], c[2]), fmin(c[4], c[6]));
    double x1 = fmax(fmax(c[0], c[2]), fmax(c[4], c[6]));
    double y0 = fmin(fmin(c[1], c[3]), fmin(c[5], c[7]));
    double y1 = fmax(fmax(c[1], c[3]), fmax(c[5], c[7]));
    return (struct box){x0, y0, x1 - x0, y1 - y0};
}

/* Every no-go zone of the diagram: shaded, hatched inside its outline and
 * outlined, as the app draws it. */
static void draw_zone(const struct figure *f, cairo_t *cr, const struct diagram_zone *z)
{
    double c[8];
    diagram_zone_corners(f->d, z, f->right, c);
    struct box bb = corners_box(c);
    double x0 = bb.x, x1 = bb.x + bb.w, y0 = bb.y, y1 = bb.y + bb.h;
    cairo_save(cr);
    cairo_move_to(cr, c[0], c[1]);
    for (int i = 1; i < 4; i++)
        cairo_line_to(cr, c[2 * i], c[2 * i + 1]);
    cairo_close_path(cr);
    cairo_set_source_rgba(cr, 1.0, 0.77, 0.0, 0.55);
    cairo_fill_preserve(cr);
    cairo_save(cr);
    cairo_clip_preserve(cr);
    cairo_set_source_rgba(cr, 0.1, 0.1, 0.1, 0.75);
    cairo_set_line_width(cr, 3);
    cairo_new_path(cr);
    for (double x = x0 - (y1 - y0); x < x1; x += 12) {
        cairo_move_to(cr, x, y1);
        cairo_line_to(cr, x + (y1 - y0), y0);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_set_line_width(cr, 2);
    cairo_stroke(cr);
    cairo_restore(cr);
}

static void draw_nogo(const struct figure *f, cairo_t *cr)
{
    for (size_t i = 0; i < f->d->n_zones; i++)
        draw_zone(f, cr, &f->d->zones[i]);
}

static void line_points(const struct figure *f, const struct diagram_line *l, double cm, double *x,
                        double *y)
{
    diagram_map(f->d, l, cm, f->right, x, y);
}

static bool line_used(const struct figure *f, const struct diagram_line *l)
{
    for (size_t k = 0; k < f->r->n_strips; k++)
        if (f->r->strips[k].line == l)
            return true;
    return false;
}

static void draw_lines(const struct figure *f, cairo_t *cr)
{
    const struct diagram *d = f->d;
    static const double dash[] = {14, 8};
    for (size_t i = 0; i < d->n_lines; i++) {
        bool used = line_used(f, &d->lines[i]);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_dash(cr, used ? NULL : dash, used ? 0 : 2, 0);
        cairo_set_source_rgba(cr, 1, 1, 1, used ? 0.95 : 0.6);
        cairo_set_line_width(cr, used ? 6 : 3);
        double piece[16][2];
        size_t n = diagram_line_pieces(d, &d->lines[i], piece, 16);
        for (size_t k = 0; k < n; k++) { /* as the app draws it: never through a zone */
            double ax, ay, bx, by;
            line_points(f, &d->lines[i], piece[k][0], &ax, &ay);
            line_points(f, &d->lines[i], piece[k][1], &bx, &by);
            cairo_move_to(cr, ax, ay);
            cairo_line_to(cr, bx, by);
            cairo_stroke(cr);
        }
    }
    cairo_set_dash(cr, NULL, 0, 0);
}

/* ---- labels, in page units ---------------------------------------------------- */

#define DOT_R 0.42 /* a dot's radius, in label sizes */

struct placed {
    struct box *b;
    size_t n, cap;
};

static bool overlaps(const struct box *a, const struct box *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static bool is_free(const struct placed *p, const struct box *b);

/* Finds room for a w x h label left (side < 0) or right of (x, y) at
 * distance gap, the other side next; false when neither is free (or inside
 * `area`). */
static bool find_room(const struct placed *p, const struct box *area, double x, double y,
                      double w, double h, double gap, int side, struct box *out)
{
    for (int t = 0; t < 2; t++, side = -side) {
        struct box b = {side < 0 ? x - gap - w : x + gap, y - h / 2, w, h};
        if (b.x >= area->x && b.x + b.w <= area->x + area->w && is_free(p, &b)) {
            *out = b;
            return true;
        }
    }
    return false;
}

static void keep(struct placed *p, struct box b)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->b = xrealloc(p->b, p->cap * sizeof *p->b);
    }
    p->b[p->n++] = b;
}

/* The plate of a w x h label centred on (x, y). */
static struct box label_box(double x, double y, double w, double h, double size)
{
    return (struct box){x - w / 2 - size * 0.15, y - h / 2, w + size * 0.3, h};
}

/* A label on a light plate at box b. */
static void draw_label(cairo_t *cr, const char *text, double size, bool bold, struct box b)
{
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_rectangle(cr, b.x, b.y, b.w, b.h);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
    flow_label(cr, text, size, bold, b.x + size * 0.15, b.y, true, NULL, NULL);
}

static bool is_free(const struct placed *p, const struct box *b)
{
    for (size_t i = 0; i < p->n; i++)
        if (overlaps(b, &p->b[i]))
            return false;
    return true;
}

/* Where no-go zone i lies on the page: the box around its corners. */
static struct box zone_box(const struct figure *f, size_t i, double ox, double oy, double k)
{
    double c[8];
    diagram_zone_corners(f->d, &f->d->zones[i], f->right, c);
    struct box b = corners_box(c);
    return (struct box){ox + b.x * k, oy + b.y * k, b.w * k, b.h * k};
}

/* The ball positions of the strips on `line`: the first and last, in cm. */
static bool line_span(const struct figure *f, const struct diagram_line *line, double *lo,
                      double *hi)
{
    bool any = false;
    for (size_t i = 0; i < f->r->n_strips; i++) {
        const struct routine_strip *st = &f->r->strips[i];
        for (size_t j = 0; st->line == line && j < st->n_positions; j++) {
            double cm = st->positions_cm[j];
            *lo = any ? fmin(*lo, cm) : cm;
            *hi = any ? fmax(*hi, cm) : cm;
            any = true;
        }
    }
    return any;
}

/* The name of each line ("outer") on the line, clear of the no-go zones
 * and of what is placed (the dots, their numbers, the names before it):
 * past its last ball position (away from the knee), else before its first,
 * as near to it as is free; where nothing is, past the diagram's working
 * area, moved a line at a time away from the knee while it would cover
 * another name. And the zone's name beside its band. */
static void draw_names(const struct figure *f, cairo_t *cr, double ox, double oy, double k,
                       double size, struct placed *p)
{
    const struct diagram *d = f->d;
    struct placed clear = {0}; /* what a line's name keeps off besides */
    for (size_t i = 0; i < d->n_zones; i++)
        keep(&clear, zone_box(f, i, ox, oy, k));
    double dot_r = size * DOT_R, per_cm = fabs(d->units_per_cm) * k;
    for (size_t i = 0; i < d->n_lines; i++) {
        const struct diagram_line *line = &d->lines[i];
        double x, y, w, h, lo, hi;
        if (!line_used(f, line) || !line_span(f, line, &lo, &hi))
            continue; /* drawn dashed and faint, unnamed: no strip follows it */
        const char *text = _(line->label);
        flow_label(cr, text, size, true, 0, 0, false, &w, &h);
        double gap = (dot_r + h / 2 + size * 0.25) / per_cm, step = h * 0.5 / per_cm;
        struct box b;
        bool found = false;
        for (int dir = 1; dir >= -1 && !found; dir -= 2) {
            double from = dir > 0 ? hi + gap : lo - gap;
            for (double cm = from; !found && cm >= 0 && cm <= d->work_max_cm + 1.6;
                 cm += dir * step) {
                line_points(f, line, cm, &x, &y);
                b = label_box(ox + x * k, oy + y * k, w, h, size);
                found = is_free(p, &b) && is_free(&clear, &b);
            }
        }
        if (!found) {
            line_points(f, line, d->work_max_cm + 1.6, &x, &y);
            b = label_box(ox + x * k, oy + y * k, w, h, size);
            double away = d->units_per_cm > 0 ? -1 : 1; /* from the knee; page y grows down */
            for (int n = 0; n < 4 && !is_free(p, &b); n++)
                b.y += away * h * 1.05;
        }
        draw_label(cr, text, size, true, b);
        keep(p, b);
    }
    free(clear.b);
    const char *zone = _("no-go zone");
    for (size_t i = 0; i < d->n_zones; i++) {
        const struct diagram_zone *z = &d->zones[i];
        double c[8], w, h;
        diagram_zone_corners(d, z, f->right, c);
        double zx = (c[0] + c[2] + c[4] + c[6]) / 4, zy = (c[1] + c[5]) / 2;
        double zw = fmax(fabs(c[2] - c[0]), fabs(c[4] - c[6]));
        flow_label(cr, zone, size, true, 0, 0, false, &w, &h);
        int away = z->label_side * (f->right ? -1 : 1); /* mirrored with the leg */
        double x = ox + zx * k + away * (zw * k / 2 + w / 2 + size * 0.4);
        struct box b = label_box(x, oy + zy * k, w, h, size);
        for (int up = 0; up < 4 && !is_free(p, &b); up++)
            b.y -= h * 1.05;
        draw_label(cr, zone, size, true, b);
        keep(p, b);
    }
}

/* Which side of its dot a strip's numbers go first: away from the middle
 * of the leg, so that neighbouring lines keep apart. */
static int first_side(const struct figure *f, const struct diagram_line *l)
{
    double mid = 0;
    for (size_t i = 0; i < f->d->n_lines; i++)
        mid += f->d->lines[i].x_knee / (double)f->d->n_lines;
    int side = l->x_knee < mid ? -1 : 1;
    return f->right ? -side : side;
}

/* Where the picture is on the page: its origin and units per page point. */
struct frame {
    double ox, oy, k;
};

/* Position j of strip i, in page units. */
static void dot_point(const struct figure *f, const struct frame *fr, size_t i, size_t j,
                      double *x, double *y)
{
    const struct routine_strip *s = &f->r->strips[i];
    line_points(f, s->line, s->positions_cm[j], x, y);
    *x = fr->ox + *x * fr->k;
    *y = fr->oy + *y * fr->k;
}

static void draw_dot(cairo_t *cr, double x, double y, double r)
{
    /* a label's text leaves a current point: cairo_arc() would join it to
     * the dot with a line, which the white stroke then drew across the leg */
    cairo_new_path(cr);
    cairo_arc(cr, x, y, r, 0, 2 * M_PI);
    cairo_set_source_rgb(cr, 22 / 255.0, 112 / 255.0, 232 / 255.0);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, r * 0.35);
    cairo_stroke(cr);
}

static size_t draw_dots(const struct figure *f, cairo_t *cr, const struct frame *fr, double size,
                        struct placed *p, const struct box *area)
{
    size_t missing = 0;
    double r = size * DOT_R, x, y;
    /* Every dot first, so that no number covers one. */
    for (size_t i = 0; i < f->r->n_strips; i++) {
        for (size_t j = 0; j < f->r->strips[i].n_positions; j++) {
            dot_point(f, fr, i, j, &x, &y);
            draw_dot(cr, x, y, r);
            keep(p, (struct box){x - r, y - r, 2 * r, 2 * r});
        }
    }
    for (size_t i = 0; i < f->r->n_strips; i++) {
        for (size_t j = 0; j < f->r->strips[i].n_positions; j++) {
            char text[32];
            snprintf(text, sizeof text, "%s%zu", figure_strip_key(f, i), j + 1);
            double w, h;
            flow_label(cr, text, size, true, 0, 0, false, &w, &h);
            dot_point(f, fr, i, j, &x, &y);
            struct box b;
            if (find_room(p, area, x, y, w + size * 0.3, h, r + size * 0.15,
                          first_side(f, f->r->strips[i].line), &b)) {
                draw_label(cr, text, size, true, b);
                keep(p, b);
            } else {
                missing++;
            }
        }
    }
    return missing;
}

size_t figure_draw(const struct figure *f, cairo_t *cr, double x, double y, double w, double h,
                   double label_size)
{
    const struct diagram *d = f->d;
    double k = fmin(w / d->view_w, h / d->view_h);
    double ox = x + (w - d->view_w * k) / 2, oy = y + (h - d->view_h * k) / 2;
    cairo_save(cr);
    cairo_translate(cr, ox, oy);
    cairo_scale(cr, k, k);
    /* The picture is of a left leg. librsvg will not draw under a mirrored
     * transform, so it draws into a group, and the group is mirrored. */
    cairo_push_group(cr);
    RsvgRectangle view = {0, 0, d->view_w, d->view_h};
    rsvg_handle_render_document(f->svg, cr, &view, NULL);
    cairo_pattern_t *pic = cairo_pop_group(cr);
    cairo_save(cr);
    if (f->right) {
        cairo_translate(cr, d->view_w, 0);
        cairo_scale(cr, -1, 1);
    }
    cairo_set_source(cr, pic);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_pattern_destroy(pic);
    draw_nogo(f, cr);
    draw_lines(f, cr);
    cairo_restore(cr);

    struct placed p = {0};
    struct box area = {x, y, w, h};
    struct frame fr = {ox, oy, k};
    /* the numbers first: each must find room; the names then go round them */
    size_t missing = draw_dots(f, cr, &fr, label_size, &p, &area);
    draw_names(f, cr, ox, oy, k, label_size, &p);
    free(p.b);
    return missing;
}
