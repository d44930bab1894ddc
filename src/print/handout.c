/* handout.c - see handout.h. The page is made of five parts: a header
 * (title, who it is for and from, the description), two columns (the
 * figure with the positions table; the how-to sections), the checklist in
 * two columns across the page, and the notice at the foot. The parts are
 * text flows (flow.h) whose heights are measured before anything is drawn:
 * the fitting tries every scale from full size down, first with every word,
 * then at rising summary levels, and draws the first that fits. The
 * timings come from the plan (engine/plan.h), the questions from the
 * checklist model (session/checklist.h), so the paper says what the app
 * and `plan` say. */
#include "print/handout.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "print/figure.h"
#include "print/flow.h"
#include "print/handout_text.h"
#include "util/i18n.h"
#include "util/util.h"

#define MARGIN 36.0    /* half an inch all round */
#define COLUMN_GAP 16.0
#define LEFT_SHARE 0.37 /* of the width, for the figure's column */
#define MAX_LEVEL 4

bool handout_paper_from_name(const char *name, enum handout_paper *out)
{
    if (strcasecmp(name, "a4") == 0)
        *out = HANDOUT_A4;
    else if (strcasecmp(name, "letter") == 0)
        *out = HANDOUT_LETTER;
    else
        return false;
    return true;
}

void handout_paper_size(enum handout_paper p, double *w, double *h)
{
    /* ISO 216 A4 is 210 x 297 mm; US Letter 8.5 x 11 in. */
    *w = p == HANDOUT_A4 ? 210 / 25.4 * 72 : 612;
    *h = p == HANDOUT_A4 ? 297 / 25.4 * 72 : 792;
}

void handout_pdf_finish(struct handout_pdf *pdf)
{
    free(pdf->data);
    *pdf = (struct handout_pdf){0};
}

/* ---- the page's parts ------------------------------------------------------- */

struct page {
    double w, h;         /* the paper */
    double cw, ch;       /* inside the margins */
    double left_w, right_w;
    struct figure *figure;
};

/* The heights of the parts at a style, and where the figure goes. */
struct measure {
    double header, figure_h, figure_w, left, right, check_head, check, notice, total;
    size_t check_at; /* the first question of the checklist's second column */
};

static double gap(const struct flow_style *st) { return 10 * st->scale; }

static void measure(cairo_t *cr, const struct page *pg, const struct handout_parts *p,
                    const struct flow_style *st, struct measure *m)
{
    m->header = flow_height(cr, &p->header, pg->cw, st);
    m->figure_h = fmin(pg->left_w * figure_ratio(pg->figure), 340 * st->scale);
    m->figure_w = m->figure_h / figure_ratio(pg->figure);
    m->left = m->figure_h + gap(st) / 2 + flow_height(cr, &p->left, pg->left_w, st);
    m->right = flow_height(cr, &p->right, pg->right_w, st);
    m->check_head = flow_height(cr, &p->check_head, pg->cw, st);
    m->check = flow_balance(cr, &p->check, (pg->cw - COLUMN_GAP) / 2, st, &m->check_at);
    m->notice = flow_height(cr, &p->notice, pg->cw, st);
    m->total = m->header + gap(st) + fmax(m->left, m->right) + gap(st) + m->check_head +
               gap(st) / 3 + m->check + gap(st) + m->notice;
}

static bool fits(cairo_t *cr, const struct page *pg, const struct handout_parts *p,
                 const struct flow_style *st)
{
    struct measure m;
    measure(cr, pg, p, st, &m);
    return m.total <= pg->ch;
}

/* Finds the largest style that fits, filling *p for it: at each summary
 * level in turn, the largest scale down to that level's floor (heights
 * shrink with the scale, so a bisection finds it). */
static void fit(cairo_t *cr, const struct page *pg, const struct routine *r,
                struct handout_parts *p, struct flow_style *st)
{
    for (int level = 0; level <= MAX_LEVEL; level++) {
        handout_text_build(r, pg->figure, level, p);
        /* Summarising starts only once the text is three quarters of its size. */
        double lo = level == 0 ? 0.75 : level < MAX_LEVEL ? 0.55 : 0.3, hi = 1.0;
        *st = (struct flow_style){hi, level};
        if (fits(cr, pg, p, st))
            return;
        *st = (struct flow_style){lo, level};
        if (!fits(cr, pg, p, st) && level < MAX_LEVEL) {
            handout_parts_finish(p);
            continue;
        }
        for (int i = 0; i < 10; i++) {
            struct flow_style mid = {(lo + hi) / 2, level};
            if (fits(cr, pg, p, &mid))
                lo = mid.scale;
            else
                hi = mid.scale;
        }
        *st = (struct flow_style){lo, level};
        return; /* at the last level, lo is the smallest tried (test_handout: it fits) */
    }
}

static void draw(cairo_t *cr, const struct page *pg, const struct handout_parts *p,
                 const struct flow_style *st)
{
    struct measure m;
    measure(cr, pg, p, st, &m);
    double x = MARGIN, y = MARGIN;
    y += flow_draw(cr, &p->header, x, y, pg->cw, st) + gap(st);
    double fx = x + (pg->left_w - m.figure_w) / 2;
    figure_draw(pg->figure, cr, fx, y, m.figure_w, m.figure_h, flow_body_size(st) * 0.85);
    flow_draw(cr, &p->left, x, y + m.figure_h + gap(st) / 2, pg->left_w, st);
    flow_draw(cr, &p->right, x + pg->left_w + COLUMN_GAP, y, pg->right_w, st);
    y += fmax(m.left, m.right) + gap(st);
    /* a rule above the checklist */
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, x, y - gap(st) / 2);
    cairo_line_to(cr, x + pg->cw, y - gap(st) / 2);
    cairo_stroke(cr);
    y += flow_draw(cr, &p->check_head, x, y, pg->cw, st) + gap(st) / 3;
    double half = (pg->cw - COLUMN_GAP) / 2;
    flow_draw_range(cr, &p->check, 0, m.check_at, x, y, half, st);
    flow_draw_range(cr, &p->check, m.check_at, p->check.n, x + half + COLUMN_GAP, y, half, st);
    /* the notice sits at the foot of the page, whatever is above it */
    flow_draw(cr, &p->notice, x, pg->h - MARGIN - m.notice, pg->cw, st);
}

/* ---- the PDF ------------------------------------------------------------------ */

static cairo_status_t collect(void *closure, const unsigned char *data, unsigned int len)
{
    struct handout_pdf *pdf = closure;
    if (pdf->len + len > pdf->cap) {
        size_t cap = pdf->cap ? pdf->cap * 2 : 65536;
        while (cap < pdf->len + len)
            cap *= 2;
        pdf->data = xrealloc(pdf->data, cap);
        pdf->cap = cap;
    }
    memcpy(pdf->data + pdf->len, data, len);
    pdf->len += len;
    return CAIRO_STATUS_SUCCESS;
}

static void set_metadata(cairo_surface_t *s, const struct routine *r)
{
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, r->title);
    if (r->prepared_by)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, r->prepared_by);
    if (r->prepared_for) {
        char *subject = xasprintf(_("For %s"), r->prepared_for);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, subject);
        free(subject);
    }
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "smr-timer " SMR_VERSION);
}

bool handout_render(const struct routine *r, enum handout_paper paper, const char *assets_dir,
                    struct handout_pdf *out, struct handout_fit *fitted, char **why)
{
    *out = (struct handout_pdf){0};
    *why = NULL;
    struct page pg = {0};
    pg.figure = figure_create(r, assets_dir, why);
    if (!pg.figure)
        return false;
    handout_paper_size(paper, &pg.w, &pg.h);
    pg.cw = pg.w - 2 * MARGIN;
    pg.ch = pg.h - 2 * MARGIN;
    pg.left_w = floor((pg.cw - COLUMN_GAP) * LEFT_SHARE);
    pg.right_w = pg.cw - COLUMN_GAP - pg.left_w;

    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(collect, out, pg.w, pg.h);
    cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
    set_metadata(s, r);
    cairo_t *cr = cairo_create(s);
    struct handout_parts p = {0};
    struct flow_style st;
    fit(cr, &pg, r, &p, &st);
    draw(cr, &pg, &p, &st);
    cairo_show_page(cr);
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(s);
    cairo_surface_destroy(s);
    handout_parts_finish(&p);
    figure_destroy(pg.figure);
    if (status != CAIRO_STATUS_SUCCESS) {
        *why = xasprintf(_("cairo: %s"), cairo_status_to_string(status));
        handout_pdf_finish(out);
        return false;
    }
    if (fitted)
        *fitted = (struct handout_fit){st.scale, st.level};
    return true;
}
