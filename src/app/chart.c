/* chart.c - see chart.h. Marks and bars are rects only: before and after
 * share a column, so the line joining them is vertical. Before is a hollow
 * square and after a filled one, so the two differ in shape as well as in
 * colour. */
#include "app/chart.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/ui.h"
#include "util/i18n.h"

static void date_of(int64_t when, char *buf, size_t size)
{
    time_t t = (time_t)when;
    struct tm tm;
    if (!localtime_r(&t, &tm) || strftime(buf, size, "%e %b", &tm) == 0)
        snprintf(buf, size, "?");
    if (buf[0] == ' ') /* %e pads the day: "3 May", not " 3 May" */
        memmove(buf, buf + 1, strlen(buf));
}

int chart_y(const struct chart_layout *l, int value)
{
    if (value < 0)
        value = 0;
    if (value > 10)
        value = 10;
    return l->plot.y + (l->plot.h * (10 - value) + 5) / 10;
}

void chart_layout_make(struct chart_layout *l, const struct chart_point *p, size_t n,
                       SDL_Rect box, int text_size, int date_w)
{
    *l = (struct chart_layout){.box = box, .text_size = text_size};
    l->n = n < CHART_MAX ? n : CHART_MAX;
    int line = text_size * 3 / 2;
    l->axis_w = text_size * 2;
    l->legend = (SDL_Rect){box.x + l->axis_w, box.y, box.w - l->axis_w, line};
    /* Half a mark of room above 10 and below 0, so the marks stay inside. */
    int pad = text_size / 2;
    l->plot = (SDL_Rect){box.x + l->axis_w + pad, box.y + line + pad,
                         box.w - l->axis_w - 2 * pad, box.h - 2 * line - 2 * pad};
    if (l->plot.w < 1 || l->plot.h < 1 || l->n == 0) {
        l->n = 0;
        return;
    }
    int cw = l->plot.w / (int)l->n;
    l->mark = text_size < cw / 2 ? text_size : cw / 2;
    if (l->mark < 4)
        l->mark = 4;
    /* Every k-th date, counted back from the newest, so none overlap. */
    int k = cw > 0 ? (date_w + text_size / 2 + cw - 1) / cw : 1;
    if (k < 1)
        k = 1;
    for (size_t i = 0; i < l->n; i++) {
        struct chart_column *c = &l->cols[i];
        l->points[i] = p[i];
        c->x = l->plot.x + cw * (int)i + cw / 2;
        c->y_before = chart_y(l, p[i].before);
        c->y_after = chart_y(l, p[i].after);
        c->label = (l->n - 1 - i) % (size_t)k == 0;
        l->date_w = cw * k;
        date_of(p[i].when, c->date, sizeof c->date);
    }
}

static SDL_Rect square(int x, int y, int side)
{
    return (SDL_Rect){x - side / 2, y - side / 2, side, side};
}

static void axis(struct ui *u, const struct chart_layout *l)
{
    struct ui_text st = {.size = l->text_size, .min_size = l->text_size, .color = UI_MUTED,
                         .align = UI_ALIGN_RIGHT, .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    int line = l->text_size * 3 / 2;
    for (int v = 0; v <= 10; v += 5) {
        int y = chart_y(l, v);
        ui_fill(u, (SDL_Rect){l->plot.x - l->text_size / 2, y, l->plot.w + l->text_size, 1},
                UI_PANEL_HI);
        char num[4];
        snprintf(num, sizeof num, "%d", v);
        ui_text(u, (SDL_Rect){l->box.x, y - line / 2, l->axis_w - l->text_size / 4, line}, num,
                &st);
    }
}

static void legend(struct ui *u, const struct chart_layout *l)
{
    int m = l->text_size * 3 / 4, t = m / 4 > 1 ? m / 4 : 1;
    int y = l->legend.y + l->legend.h / 2;
    struct ui_text st = {.size = l->text_size, .min_size = l->text_size * 2 / 3,
                         .color = UI_TEXT, .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    int half = l->legend.w / 2;
    ui_frame(u, square(l->legend.x + m / 2, y, m), UI_CAUTION, t);
    ui_text(u, (SDL_Rect){l->legend.x + m * 2, l->legend.y, half - m * 2, l->legend.h},
            _("before"), &st);
    ui_fill(u, square(l->legend.x + half + m / 2, y, m), UI_ACCENT);
    ui_text(u, (SDL_Rect){l->legend.x + half + m * 2, l->legend.y, half - m * 2, l->legend.h},
            _("after"), &st);
}

static void column(struct ui *u, const struct chart_layout *l, size_t i)
{
    const struct chart_column *c = &l->cols[i];
    const struct chart_point *p = &l->points[i];
    int t = l->mark / 4 > 1 ? l->mark / 4 : 1;
    if (p->before >= 0 && p->after >= 0) {
        int top = c->y_before < c->y_after ? c->y_before : c->y_after;
        int bottom = c->y_before < c->y_after ? c->y_after : c->y_before;
        ui_fill(u, (SDL_Rect){c->x - t / 2, top, t, bottom - top}, UI_MUTED);
    }
    if (p->after >= 0)
        ui_fill(u, square(c->x, c->y_after, l->mark), UI_ACCENT);
    if (p->before >= 0) {
        SDL_Rect r = square(c->x, c->y_before, l->mark);
        ui_fill(u, r, UI_BG);
        ui_frame(u, r, UI_CAUTION, t);
    }
    if (c->label) {
        /* Centred under its column, moved in at the box's edges. */
        int line = l->text_size * 3 / 2, w = l->date_w;
        int x = c->x - w / 2;
        x = x + w > l->box.x + l->box.w ? l->box.x + l->box.w - w : x;
        x = x < l->box.x ? l->box.x : x;
        struct ui_text st = {.size = l->text_size, .min_size = l->text_size * 2 / 3,
                             .color = UI_MUTED, .align = UI_ALIGN_CENTER, .max_lines = 1};
        ui_text(u, (SDL_Rect){x, l->plot.y + l->plot.h + l->text_size / 2, w, line}, c->date,
                &st);
    }
}

void chart_draw(struct ui *u, const struct chart_layout *l)
{
    if (l->n == 0)
        return;
    legend(u, l);
    axis(u, l);
    for (size_t i = 0; i < l->n; i++)
        column(u, l, i);
}
