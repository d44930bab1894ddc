/* checklist.c - the safety checklist before every session: one row per
 * question with Yes and No, a keyboard focus that scrolls the list with it,
 * and Continue, which works only once every question has an answer. */
#include "app/screens/screens_private.h"

#include <stdio.h>

#include "util/i18n.h"

struct layout {
    SDL_Rect title, hint, list, status, cont;
    int row_h, rows;
};

static void layout(const struct ui *u, struct layout *l)
{
    int m = screens_margin(u);
    l->title = (SDL_Rect){m, m, u->w - 2 * m, ui_px(u, 46)};
    l->hint = (SDL_Rect){m, l->title.y + l->title.h + ui_px(u, 4), u->w - 2 * m, ui_px(u, 44)};
    l->cont = screens_bottom_button(u, true, 0, 1, 280);
    l->status = (SDL_Rect){m, l->cont.y, l->cont.x - 2 * m, l->cont.h};
    int top = l->hint.y + l->hint.h + ui_px(u, 10);
    l->list = (SDL_Rect){m, top, u->w - 2 * m, l->cont.y - ui_px(u, 12) - top};
    l->row_h = ui_px(u, 60);
    l->rows = l->list.h / l->row_h;
    if (l->rows < 1)
        l->rows = 1;
}

/* The first row shown so that the focused row is visible. */
static size_t first_row(const struct screens *s, size_t rows)
{
    size_t n = s->checklist.n_items, first = s->list.scroll;
    size_t f = s->list.focus < n ? s->list.focus : n - 1;
    if (f < first)
        first = f;
    if (f >= first + rows)
        first = f + 1 - rows;
    if (first + rows > n)
        first = n > rows ? n - rows : 0;
    return first;
}

struct row_rects {
    SDL_Rect row, num, text, yes, no;
};

static struct row_rects row(const struct ui *u, const struct layout *l, int k)
{
    struct row_rects r;
    int gap = ui_px(u, 10);
    r.row = (SDL_Rect){l->list.x, l->list.y + k * l->row_h, l->list.w, l->row_h - ui_px(u, 6)};
    int bw = ui_px(u, 92), bh = r.row.h - ui_px(u, 12);
    r.no = (SDL_Rect){r.row.x + r.row.w - gap - bw, r.row.y + (r.row.h - bh) / 2, bw, bh};
    r.yes = (SDL_Rect){r.no.x - gap - bw, r.no.y, bw, bh};
    r.num = (SDL_Rect){r.row.x + gap, r.row.y, ui_px(u, 40), r.row.h};
    int tx = r.num.x + r.num.w + gap;
    r.text = (SDL_Rect){tx, r.row.y + ui_px(u, 3), r.yes.x - gap - tx, r.row.h - ui_px(u, 6)};
    return r;
}

/* ---- update ----------------------------------------------------------------- */

static void set_focus(struct screens *s, size_t focus)
{
    struct layout l;
    layout(s->ui, &l);
    s->list.focus = focus > s->checklist.n_items ? s->checklist.n_items : focus;
    s->list.scroll = first_row(s, (size_t)l.rows);
    s->dirty = true;
}

static void go_on(struct screens *s)
{
    switch (checklist_outcome(&s->checklist)) {
    case CHECKLIST_CLEAR:
        screens_go(s, SCREEN_OVERVIEW);
        break;
    case CHECKLIST_CAUTION:
        screens_go(s, SCREEN_CAUTION);
        break;
    case CHECKLIST_STOP:
        screens_go(s, SCREEN_STOP);
        break;
    case CHECKLIST_INCOMPLETE:
        break; /* Continue is disabled: nothing happens */
    }
}

static void answer_focused(struct screens *s, enum checklist_answer a, bool advance)
{
    if (s->list.focus >= s->checklist.n_items)
        return;
    checklist_answer(&s->checklist, s->list.focus, a);
    size_t next = s->list.focus;
    if (advance) {
        /* The next question still open (wrapping), or Continue when none is. */
        next = checklist_next_unanswered(&s->checklist, s->list.focus + 1);
    }
    set_focus(s, next);
}

static void key(struct screens *s, SDL_Keycode k)
{
    size_t n = s->checklist.n_items, focus = s->list.focus;
    switch (k) {
    case SDLK_ESCAPE:
        screens_ask_quit(s);
        break;
    case SDLK_y:
    case SDLK_n:
        answer_focused(s, k == SDLK_y ? CHECKLIST_YES : CHECKLIST_NO, true);
        break;
    case SDLK_LEFT:
    case SDLK_RIGHT:
        answer_focused(s, k == SDLK_LEFT ? CHECKLIST_YES : CHECKLIST_NO, false);
        break;
    case SDLK_UP:
        set_focus(s, focus > 0 ? focus - 1 : 0);
        break;
    case SDLK_DOWN:
        set_focus(s, focus + 1);
        break;
    case SDLK_TAB:
        set_focus(s, focus >= n ? 0 : focus + 1);
        break;
    case SDLK_HOME:
    case SDLK_END:
        set_focus(s, k == SDLK_HOME ? 0 : n);
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        /* Only on the Continue button, and only when every item has an
         * answer: a stray Return never skips the checklist. */
        if (focus == n)
            go_on(s);
        break;
    default:
        break;
    }
}

static void click(struct screens *s, int x, int y)
{
    struct layout l;
    layout(s->ui, &l);
    if (ui_hit(l.cont, x, y)) {
        /* Disabled: show the first open question instead. */
        set_focus(s, checklist_next_unanswered(&s->checklist, 0));
        go_on(s);
        return;
    }
    size_t first = first_row(s, (size_t)l.rows);
    for (int k = 0; k < l.rows && first + (size_t)k < s->checklist.n_items; k++) {
        struct row_rects r = row(s->ui, &l, k);
        size_t i = first + (size_t)k;
        if (ui_hit(r.yes, x, y) || ui_hit(r.no, x, y)) {
            s->list.focus = i;
            answer_focused(s, ui_hit(r.yes, x, y) ? CHECKLIST_YES : CHECKLIST_NO, false);
            return;
        }
        if (ui_hit(r.row, x, y)) {
            set_focus(s, i);
            return;
        }
    }
}

static void wheel(struct screens *s, int dy)
{
    /* The wheel walks the focus, which scrolls the list with it. */
    size_t focus = s->list.focus;
    if (dy > 0)
        set_focus(s, focus > (size_t)dy ? focus - (size_t)dy : 0);
    else
        set_focus(s, focus + (size_t)-dy);
}

/* ---- draw ------------------------------------------------------------------- */

static void draw_row(const struct screens *s, struct ui *u, const struct layout *l, int k,
                     int qsize)
{
    size_t i = first_row(s, (size_t)l->rows) + (size_t)k;
    const struct checklist_item *it = &s->checklist.items[i];
    struct row_rects r = row(u, l, k);
    bool focused = s->list.focus == i;
    ui_fill(u, r.row, focused ? UI_PANEL_HI : UI_PANEL);
    if (focused)
        ui_frame(u, r.row, UI_ACCENT, ui_px(u, 3));
    char num[24];
    snprintf(num, sizeof num, "%zu.", i + 1);
    struct ui_text ns = {.size = ui_px(u, 20), .min_size = ui_px(u, 9), .color = UI_MUTED,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, r.num, num, &ns);
    struct ui_text qs = {.size = qsize, .min_size = ui_px(u, 8), .color = UI_TEXT,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 2};
    ui_text(u, r.text, checklist_question(it), &qs);
    struct ui_button yes = {.r = r.yes, .label = _("Yes"), .enabled = true,
                            .selected = it->answer == CHECKLIST_YES, .accent = UI_CAUTION};
    struct ui_button no = {.r = r.no, .label = _("No"), .enabled = true,
                           .selected = it->answer == CHECKLIST_NO, .accent = UI_GOOD};
    ui_button_draw(u, &yes);
    ui_button_draw(u, &no);
}

/* One text size for every question, the largest at which all fit. */
static int question_size(const struct screens *s, struct ui *u, const struct layout *l)
{
    const struct checklist *c = &s->checklist;
    const char *texts[64];
    size_t nt = 0;
    for (size_t i = 0; i < c->n_items && nt < 64; i++)
        texts[nt++] = checklist_question(&c->items[i]);
    struct row_rects r0 = row(u, l, 0);
    return ui_common_size(u, texts, nt, r0.text.w, r0.text.h, ui_px(u, 21), ui_px(u, 10), false);
}

static void draw_status(const struct screens *s, struct ui *u, const struct layout *l)
{
    const struct checklist *c = &s->checklist;
    size_t first = first_row(s, (size_t)l->rows);
    size_t left = checklist_unanswered(c);
    char status[160];
    size_t last = first + (size_t)l->rows < c->n_items ? first + (size_t)l->rows : c->n_items;
    if (left > 0)
        snprintf(status, sizeof status, _("%zu of %zu still to answer · showing %zu-%zu"), left,
                 c->n_items, first + 1, last);
    else
        snprintf(status, sizeof status, _("All %zu answered · showing %zu-%zu"), c->n_items,
                 first + 1, last);
    struct ui_text ss = {.size = ui_px(u, 20), .min_size = ui_px(u, 10), .color = UI_MUTED,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 2};
    ui_text(u, l->status, status, &ss);
    struct ui_button cont = {.r = l->cont, .label = _("Continue (Return)"), .enabled = left == 0,
                             .selected = left == 0, .focused = s->list.focus == c->n_items,
                             .accent = UI_ACCENT};
    ui_button_draw(u, &cont);
}

static void draw(const struct screens *s, struct ui *u, uint64_t now)
{
    (void)now;
    struct layout l;
    layout(u, &l);
    ui_clear(u, UI_BG);
    screens_draw_title(u, l.title, _("Before you start: a short safety check"), UI_TEXT);
    struct ui_text hint = {.size = ui_px(u, 19), .min_size = ui_px(u, 11), .color = UI_MUTED,
                           .max_lines = 2};
    ui_text(u, l.hint,
            _("Answer every question: Y for yes, N for no (or click). Up and Down move, Left "
              "and Right change an answer. Continue works once all are answered."),
            &hint);
    int qsize = question_size(s, u, &l);
    size_t first = first_row(s, (size_t)l.rows);
    for (int k = 0; k < l.rows && first + (size_t)k < s->checklist.n_items; k++)
        draw_row(s, u, &l, k, qsize);
    draw_status(s, u, &l);
    screens_draw_disclaimer(u, true);
}

const struct screen_ops checklist_screen = {
    .key = key, .click = click, .wheel = wheel, .draw = draw,
};
