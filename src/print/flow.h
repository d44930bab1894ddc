/* flow.h - text for the printed page (private to src/print): blocks of real
 * text (headings, paragraphs, bullets, steps, check boxes) laid out with
 * Pango in a column of a given width, measured first and drawn after, so the
 * handout can try sizes until everything fits. Every size is a base size
 * times the page's scale; at a summary level above 0 long items are cut to a
 * few lines with an ellipsis (Pango's, so nothing is ever clipped). */
#pragma once

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

enum flow_kind {
    FLOW_TITLE,    /* the routine's title */
    FLOW_HEADING,  /* a section's name */
    FLOW_TEXT,     /* a paragraph */
    FLOW_MUTED,    /* a paragraph in grey, smaller */
    FLOW_BULLET,   /* "•" and a paragraph */
    FLOW_STEP,     /* "3." and a paragraph (number = the block's n) */
    FLOW_CHECK,    /* two boxes, "Yes" and "No", then the question */
    FLOW_NOTE,     /* a paragraph in a framed box */
    FLOW_NOTICE,   /* the "not medical advice" line: never shortened */
};

struct flow_block {
    enum flow_kind kind;
    char *markup;  /* Pango markup; user text escaped (flow_add() does it) */
    int n;         /* FLOW_STEP's number */
    bool keep;     /* never shortened, whatever the level */
};

struct flow {
    struct flow_block *blocks;
    size_t n, cap;
};

void flow_init(struct flow *f);
void flow_finish(struct flow *f); /* a zeroed flow is fine */
/* A block of plain text (escaped here); returns it for n or keep. */
struct flow_block *flow_add(struct flow *f, enum flow_kind kind, const char *text);
/* A block whose text is "<b>bold</b> rest" (both plain text, escaped here;
 * rest may be NULL). */
struct flow_block *flow_add_bold(struct flow *f, enum flow_kind kind, const char *bold,
                                 const char *rest);

/* How a flow is set: the page's scale (1: base sizes) and summary level
 * (0: every word; 1-3: long items cut to 3, 2, 1 lines). */
struct flow_style {
    double scale;
    int level;
};

/* Height the flow takes in a column `width` points wide. */
double flow_height(cairo_t *cr, const struct flow *f, double width, const struct flow_style *st);
/* Draws it with its top left at (x, y); returns the height drawn. */
double flow_draw(cairo_t *cr, const struct flow *f, double x, double y, double width,
                 const struct flow_style *st);
/* The same for blocks [from, to) alone, as if they were a flow of their own. */
double flow_draw_range(cairo_t *cr, const struct flow *f, size_t from, size_t to, double x,
                       double y, double width, const struct flow_style *st);
/* Where to break the flow into two columns of `width` so that the taller is
 * as short as it can be: blocks [0, *at) and [*at, n); returns the taller's
 * height. */
double flow_balance(cairo_t *cr, const struct flow *f, double width, const struct flow_style *st,
                    size_t *at);
/* The body text's size in points at this style (the diagram's labels use it). */
double flow_body_size(const struct flow_style *st);
/* One line of text (escaped here) at size pt, its left at (x, baseline y -
 * ascent...); measured in *w and *h when not NULL; drawn when draw is set. */
void flow_label(cairo_t *cr, const char *text, double size, bool bold, double x, double y,
                bool draw, double *w, double *h);
