/* flow.c - see flow.h. Sizes are absolute (points, the PDF's own unit), so
 * Pango's screen resolution never enters; metrics are unhinted, so what is
 * measured is what is drawn. Long words break inside (a 500-byte id has no
 * spaces) rather than run past the column. */
#include "print/flow.h"

#include <glib.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/i18n.h"
#include "util/util.h"

#define FONT_FAMILY "Sans"

void flow_init(struct flow *f) { *f = (struct flow){0}; }

void flow_finish(struct flow *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        free(f->blocks[i].markup);
    free(f->blocks);
    *f = (struct flow){0};
}

static struct flow_block *add_markup(struct flow *f, enum flow_kind kind, char *markup)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 16;
        f->blocks = xrealloc(f->blocks, f->cap * sizeof *f->blocks);
    }
    struct flow_block *b = &f->blocks[f->n++];
    *b = (struct flow_block){.kind = kind, .markup = markup,
                             .keep = kind == FLOW_NOTICE || kind == FLOW_HEADING};
    return b;
}

/* g_markup_escape_text's copy as ours (freed with free()). */
static char *escape(const char *text)
{
    char *g = g_markup_escape_text(text ? text : "", -1);
    char *s = xstrdup(g);
    g_free(g);
    return s;
}

struct flow_block *flow_add(struct flow *f, enum flow_kind kind, const char *text)
{
    return add_markup(f, kind, escape(text));
}

struct flow_block *flow_add_bold(struct flow *f, enum flow_kind kind, const char *bold,
                                 const char *rest)
{
    char *b = escape(bold), *r = escape(rest);
    char *m = xasprintf("<b>%s</b>%s%s", b, rest ? " " : "", r);
    free(b);
    free(r);
    return add_markup(f, kind, m);
}

/* ---- sizes ----------------------------------------------------------------- */

static double base_size(enum flow_kind k)
{
    switch (k) {
    case FLOW_TITLE: return 19;
    case FLOW_HEADING: return 10.5;
    case FLOW_MUTED: return 8;
    case FLOW_CHECK: return 8.5;
    case FLOW_NOTICE: return 8.5;
    default: return 9;
    }
}

double flow_body_size(const struct flow_style *st) { return base_size(FLOW_TEXT) * st->scale; }

/* Space above a block, and the indent of its text (bullets, steps, boxes). */
static double space_above(const struct flow_block *b, size_t i, const struct flow_style *st)
{
    if (i == 0)
        return 0;
    double s = st->scale;
    return b->kind == FLOW_HEADING ? 7 * s : b->kind == FLOW_NOTE ? 5 * s : 2.2 * s;
}

static double box_side(double size) { return size * 0.8; }

/* Width of "[] Yes  [] No  " before a question. */
static double check_indent(cairo_t *cr, double size)
{
    double yes = 0, no = 0;
    flow_label(cr, _("Yes"), size, false, 0, 0, false, &yes, NULL);
    flow_label(cr, _("No"), size, false, 0, 0, false, &no, NULL);
    return 2 * (box_side(size) + size * 0.3) + yes + no + size * 1.4;
}

static double indent_of(cairo_t *cr, const struct flow_block *b, double size)
{
    switch (b->kind) {
    case FLOW_BULLET: return size * 1.0;
    case FLOW_STEP: return size * 1.9; /* room for "12." */
    case FLOW_CHECK: return check_indent(cr, size);
    case FLOW_NOTE: return size * 0.6;
    default: return 0;
    }
}

/* Lines a block may take at a summary level (0: no limit). */
static int max_lines(const struct flow_block *b, const struct flow_style *st)
{
    static const int limits[] = {0, 3, 2, 1};
    if (b->keep || st->level <= 0)
        return 0;
    int n = limits[st->level < 3 ? st->level : 3];
    return b->kind == FLOW_NOTE || b->kind == FLOW_TITLE ? n * 2 : n;
}

static void set_font(PangoLayout *l, double size, bool bold)
{
    PangoFontDescription *fd = pango_font_description_from_string(FONT_FAMILY);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
}

static PangoLayout *new_layout(cairo_t *cr)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_layout_get_context(l), fo);
    pango_layout_context_changed(l);
    cairo_font_options_destroy(fo);
    return l;
}

static PangoLayout *block_layout(cairo_t *cr, const struct flow_block *b, double width,
                                 const struct flow_style *st, double *indent)
{
    double size = base_size(b->kind) * st->scale;
    PangoLayout *l = new_layout(cr);
    set_font(l, size, b->kind == FLOW_TITLE || b->kind == FLOW_HEADING || b->kind == FLOW_NOTICE);
    *indent = indent_of(cr, b, size);
    double w = width - *indent - (b->kind == FLOW_NOTE ? *indent : 0);
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    int lines = max_lines(b, st);
    if (lines) {
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        pango_layout_set_height(l, -lines);
    }
    pango_layout_set_markup(l, b->markup, -1);
    return l;
}

static double layout_height(PangoLayout *l)
{
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    return (double)logical.height / PANGO_SCALE;
}

/* The frame of a note, around its text. */
static double note_pad(const struct flow_style *st) { return 4 * st->scale; }

static double block_height(cairo_t *cr, const struct flow_block *b, double width,
                           const struct flow_style *st)
{
    double indent;
    PangoLayout *l = block_layout(cr, b, width, st, &indent);
    double h = layout_height(l);
    g_object_unref(l);
    return b->kind == FLOW_NOTE ? h + 2 * note_pad(st) : h;
}

double flow_height(cairo_t *cr, const struct flow *f, double width, const struct flow_style *st)
{
    double h = 0;
    for (size_t i = 0; i < f->n; i++)
        h += space_above(&f->blocks[i], i, st) + block_height(cr, &f->blocks[i], width, st);
    return h;
}

/* ---- drawing ---------------------------------------------------------------- */

static void ink(cairo_t *cr, double grey) { cairo_set_source_rgb(cr, grey, grey, grey); }

static void draw_box(cairo_t *cr, double x, double y, double side)
{
    cairo_rectangle(cr, x, y, side, side);
    cairo_set_line_width(cr, 0.6);
    ink(cr, 0.15);
    cairo_stroke(cr);
}

/* The marks before a block's text (bullet, number, check boxes). */
static void draw_marker(cairo_t *cr, const struct flow_block *b, double x, double y, double size)
{
    char num[16];
    switch (b->kind) {
    case FLOW_BULLET:
        flow_label(cr, "\u2022", size, false, x + size * 0.2, y, true, NULL, NULL);
        break;
    case FLOW_STEP:
        snprintf(num, sizeof num, "%d.", b->n);
        flow_label(cr, num, size, true, x, y, true, NULL, NULL);
        break;
    case FLOW_CHECK: {
        double side = box_side(size), gap = size * 0.3, w = 0, top = y + size * 0.22;
        draw_box(cr, x, top, side);
        ink(cr, 0.08);
        flow_label(cr, _("Yes"), size, false, x + side + gap, y, true, &w, NULL);
        double x2 = x + side + gap + w + size * 0.7;
        draw_box(cr, x2, top, side);
        ink(cr, 0.08);
        flow_label(cr, _("No"), size, false, x2 + side + gap, y, true, NULL, NULL);
        break;
    }
    default:
        break;
    }
}

static double draw_block(cairo_t *cr, const struct flow_block *b, double x, double y,
                         double width, const struct flow_style *st)
{
    double indent, size = base_size(b->kind) * st->scale;
    PangoLayout *l = block_layout(cr, b, width, st, &indent);
    double h = layout_height(l), pad = b->kind == FLOW_NOTE ? note_pad(st) : 0;
    if (b->kind == FLOW_NOTE) {
        cairo_rectangle(cr, x, y, width, h + 2 * pad);
        cairo_set_source_rgb(cr, 0.95, 0.96, 0.99);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.35, 0.45, 0.7);
        cairo_set_line_width(cr, 0.8);
        cairo_stroke(cr);
    }
    ink(cr, 0.08);
    draw_marker(cr, b, x, y, size);
    ink(cr, b->kind == FLOW_MUTED ? 0.35 : 0.08);
    cairo_move_to(cr, x + indent, y + pad);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
    return h + 2 * pad;
}

double flow_draw_range(cairo_t *cr, const struct flow *f, size_t from, size_t to, double x,
                       double y, double width, const struct flow_style *st)
{
    double top = y;
    for (size_t i = from; i < to && i < f->n; i++) {
        y += space_above(&f->blocks[i], i - from, st);
        y += draw_block(cr, &f->blocks[i], x, y, width, st);
    }
    return y - top;
}

double flow_draw(cairo_t *cr, const struct flow *f, double x, double y, double width,
                 const struct flow_style *st)
{
    return flow_draw_range(cr, f, 0, f->n, x, y, width, st);
}

double flow_balance(cairo_t *cr, const struct flow *f, double width, const struct flow_style *st,
                    size_t *at)
{
    /* Each block's height and the space above it when it is not first. */
    double *h = xcalloc(f->n + 1, sizeof *h), *gap = xcalloc(f->n + 1, sizeof *gap), all = 0;
    for (size_t i = 0; i < f->n; i++) {
        h[i] = block_height(cr, &f->blocks[i], width, st);
        gap[i] = space_above(&f->blocks[i], 1, st);
        all += h[i] + (i ? gap[i] : 0);
    }
    double first = 0, best = all;
    *at = f->n;
    for (size_t k = 1; k < f->n; k++) {
        first += h[k - 1] + (k > 1 ? gap[k - 1] : 0);
        double second = all - first - gap[k]; /* block k starts the second column */
        double taller = first > second ? first : second;
        if (taller < best) {
            best = taller;
            *at = k;
        }
    }
    free(h);
    free(gap);
    return best;
}

void flow_label(cairo_t *cr, const char *text, double size, bool bold, double x, double y,
                bool draw, double *w, double *h)
{
    PangoLayout *l = new_layout(cr);
    set_font(l, size, bold);
    pango_layout_set_text(l, text, -1);
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    if (w)
        *w = (double)logical.width / PANGO_SCALE;
    if (h)
        *h = (double)logical.height / PANGO_SCALE;
    if (draw) {
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout(cr, l);
    }
    g_object_unref(l);
}
