/* checklist.c - the safety checklist before every session: one row per
 * question with Yes and No, a keyboard focus that scrolls the list with it,
 * and Continue, which works only once every question has an answer.
 *
 * It is a gate that a stray key never opens: Return only works on Continue
 * and only when everything is answered; letters other than Y, N and A do
 * nothing here. A returning user with nothing to report does not need
 * thirteen key presses: holding A (or the "None of these apply" button) for
 * HOLD_MS answers every open question No and goes on. A tap is not a hold,
 * any other key or a release cancels it, and it works only once every
 * question has been on screen. The rows shrink so that all of them fit down
 * to MIN_ROW design pixels; below that the list scrolls, with a cue above and
 * below saying how many are hidden and a scroll bar. */
#include "app/screens/screens_private.h"

#include <stdio.h>

#include "util/i18n.h"
#include "util/log.h"

enum {
    HOLD_MS = 1500,  /* long enough that no tap or brush passes, short enough to be quick */
    HOLD_FRAME = 40, /* the hold's bar is redrawn this often while it fills */
    MIN_ROW = 34,    /* design px: a row's question still reads at this height */
    MAX_ROW = 60,
    SCROLL_ROW = 44, /* design px of a row when the list scrolls anyway */
    CUE_H = 26,      /* design px of the "N more below" strips */
};

#define HOLD_KEY SDLK_a

struct layout {
    SDL_Rect title, hint, list, status, hold, cont;
    SDL_Rect cue_up, cue_down, bar; /* only when the list scrolls */
    int row_h, rows, rows_y;
    bool scrolls;
};

static void layout(const struct ui *u, size_t n_items, struct layout *l)
{
    int m = screens_margin(u);
    *l = (struct layout){0};
    l->title = (SDL_Rect){m, m, u->w - 2 * m, ui_px(u, 46)};
    l->hint = (SDL_Rect){m, l->title.y + l->title.h + ui_px(u, 2), u->w - 2 * m, ui_px(u, 26)};
    l->hold = screens_bottom_button(u, true, 0, 2, 300);
    l->cont = screens_bottom_button(u, true, 1, 2, 300);
    l->status = (SDL_Rect){m, l->cont.y, l->hold.x - 2 * m, l->cont.h};
    int top = l->hint.y + l->hint.h + ui_px(u, 8);
    l->list = (SDL_Rect){m, top, u->w - 2 * m, l->hold.y - ui_px(u, 10) - top};
    int n = n_items > 0 ? (int)n_items : 1;
    l->scrolls = l->list.h / n < ui_px(u, MIN_ROW);
    l->rows_y = l->list.y;
    if (!l->scrolls) {
        l->row_h = l->list.h / n < ui_px(u, MAX_ROW) ? l->list.h / n : ui_px(u, MAX_ROW);
        l->rows = n;
        return;
    }
    int cue = ui_px(u, CUE_H), bar_w = ui_px(u, 8);
    l->cue_up = (SDL_Rect){l->list.x, l->list.y, l->list.w - 2 * bar_w, cue};
    l->cue_down = (SDL_Rect){l->list.x, l->list.y + l->list.h - cue, l->cue_up.w, cue};
    l->bar = (SDL_Rect){l->list.x + l->list.w - bar_w, l->list.y, bar_w, l->list.h};
    l->list.w -= 2 * bar_w;
    l->rows_y = l->list.y + cue;
    l->row_h = ui_px(u, SCROLL_ROW);
    l->rows = (l->list.h - 2 * cue) / l->row_h;
    if (l->rows < 1)
        l->rows = 1;
}

static void layout_of(const struct screens *s, const struct ui *u, struct layout *l)
{
    layout(u, s->checklist.n_items, l);
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

static size_t rows_shown(const struct screens *s, const struct layout *l, size_t first)
{
    size_t n = s->checklist.n_items;
    return first + (size_t)l->rows < n ? (size_t)l->rows : n - first;
}

struct row_rects {
    SDL_Rect row, num, text, yes, no;
};

static struct row_rects row(const struct ui *u, const struct layout *l, int k)
{
    struct row_rects r;
    int gap = ui_px(u, 10);
    int inner = l->row_h - ui_px(u, 4);
    r.row = (SDL_Rect){l->list.x, l->rows_y + k * l->row_h, l->list.w, inner};
    int bw = ui_px(u, 76), bh = inner - ui_px(u, 2);
    r.no = (SDL_Rect){r.row.x + r.row.w - gap / 2 - bw, r.row.y + (inner - bh) / 2, bw, bh};
    r.yes = (SDL_Rect){r.no.x - gap / 2 - bw, r.no.y, bw, bh};
    r.num = (SDL_Rect){r.row.x + gap, r.row.y, ui_px(u, 34), inner};
    int tx = r.num.x + r.num.w + gap / 2;
    r.text = (SDL_Rect){tx, r.row.y + 1, r.yes.x - gap - tx, inner - 2};
    return r;
}

static bool all_seen(const struct screens *s) { return s->list.seen >= s->checklist.n_items; }

/* ---- update ----------------------------------------------------------------- */

static void set_focus(struct screens *s, size_t focus)
{
    struct layout l;
    layout_of(s, s->ui, &l);
    s->list.focus = focus > s->checklist.n_items ? s->checklist.n_items : focus;
    s->list.scroll = first_row(s, (size_t)l.rows);
    s->dirty = true;
}

static void go_on(struct screens *s)
{
    enum checklist_outcome out = checklist_outcome(&s->checklist);
    if (out == CHECKLIST_INCOMPLETE)
        return; /* Continue is disabled: nothing happens */
    uint64_t now = session_now(s->session);
    log_info("checklist: done in %llu ms",
             (unsigned long long)(s->list.shown_at && now > s->list.shown_at
                                      ? now - s->list.shown_at : 0));
    screens_note_caution(s);
    screens_go(s, out == CHECKLIST_CLEAR     ? SCREEN_OVERVIEW
                  : out == CHECKLIST_CAUTION ? SCREEN_CAUTION
                                             : SCREEN_STOP);
}

/* Answers item i, then highlights the next open question after it (or
 * Continue), as the Y and N keys do: whatever answered it, the next Y or N
 * goes to the next question, never back to this one. */
static void answer(struct screens *s, size_t i, enum checklist_answer a, const char *how)
{
    if (i >= s->checklist.n_items)
        return;
    checklist_answer(&s->checklist, i, a);
    log_info("checklist: %s %s (%s)", s->checklist.items[i].id,
             a == CHECKLIST_YES ? "yes" : "no", how);
    set_focus(s, checklist_next_unanswered(&s->checklist, i + 1));
}

static void hold_start(struct screens *s, bool by_mouse)
{
    /* Nobody can say "none of these" of questions they have not seen (the
     * status line says to scroll first). */
    if (!all_seen(s) || checklist_unanswered(&s->checklist) == 0)
        return;
    s->list.holding = true;
    s->list.hold_by_mouse = by_mouse;
    s->list.hold_from = session_now(s->session);
    s->dirty = true;
}

static void hold_cancel(struct screens *s)
{
    if (s->list.holding)
        log_info("checklist: hold let go early");
    s->list.holding = false;
    s->dirty = true;
}

static void hold_done(struct screens *s, uint64_t now)
{
    s->list.holding = false;
    size_t n = 0;
    for (size_t i = 0; i < s->checklist.n_items; i++)
        if (s->checklist.items[i].answer == CHECKLIST_UNANSWERED) {
            checklist_answer(&s->checklist, i, CHECKLIST_NO);
            n++;
        }
    log_info("checklist: nothing to report, held %llu ms: %zu answered no",
             (unsigned long long)(now - s->list.hold_from), n);
    set_focus(s, s->checklist.n_items);
    go_on(s);
}

static void update(struct screens *s, enum session_change ch, uint64_t now)
{
    (void)ch;
    if (!s->list.holding)
        return;
    if (now < s->list.hold_from) /* the clock changed hands: start again */
        s->list.hold_from = now;
    if (now - s->list.hold_from >= HOLD_MS)
        hold_done(s, now);
    else
        s->dirty = true; /* the bar fills */
}

static uint64_t deadline(const struct screens *s)
{
    if (!s->list.holding)
        return UINT64_MAX;
    uint64_t done = s->list.hold_from + HOLD_MS;
    uint64_t frame = session_last_now(s->session) + HOLD_FRAME;
    return frame < done ? frame : done;
}

static void enter(struct screens *s, enum screen_id from)
{
    (void)from;
    s->list.holding = false;
    s->list.shown_at = 0; /* the next frame starts the clock again */
}

/* The line tests read instead of copying the layout: which rows are on
 * screen and where the parts of the first one and the buttons are. Logged
 * when any of it changes. */
static void log_layout(struct screens *s, const struct layout *l, size_t first)
{
    size_t shown = rows_shown(s, l, first);
    uint64_t key = ((uint64_t)s->ui->w << 40) ^ ((uint64_t)s->ui->h << 24) ^ (first << 12) ^ shown;
    if (key == s->list.logged)
        return;
    s->list.logged = key;
    struct row_rects r = row(s->ui, l, 0);
    log_info("checklist: rows %zu-%zu of %zu on screen%s row_h=%d first_row=%d,%d,%d,%d "
             "yes=%d,%d no=%d,%d hold=%d,%d,%d,%d continue=%d,%d,%d,%d",
             first + 1, first + shown, s->checklist.n_items, l->scrolls ? " (scrolls)" : "",
             l->row_h, r.row.x, r.row.y, r.row.w, r.row.h, r.yes.x, r.yes.w, r.no.x, r.no.w,
             l->hold.x, l->hold.y, l->hold.w, l->hold.h, l->cont.x, l->cont.y, l->cont.w,
             l->cont.h);
}

static void prepare(struct screens *s, uint64_t now)
{
    struct layout l;
    layout_of(s, s->ui, &l);
    size_t first = first_row(s, (size_t)l.rows);
    size_t end = first + rows_shown(s, &l, first);
    if (end > s->list.seen)
        s->list.seen = end;
    if (!s->list.shown_at)
        s->list.shown_at = now ? now : 1;
    log_layout(s, &l, first);
}

static void key(struct screens *s, SDL_Keycode k)
{
    size_t n = s->checklist.n_items, focus = s->list.focus;
    if (s->list.holding) {
        hold_cancel(s); /* another key while holding: neither counts */
        return;
    }
    switch (k) {
    case SDLK_ESCAPE:
        screens_ask_quit(s);
        break;
    case SDLK_y:
    case SDLK_n:
        answer(s, focus, k == SDLK_y ? CHECKLIST_YES : CHECKLIST_NO, "key");
        break;
    case SDLK_LEFT:
    case SDLK_RIGHT:
        /* Changes the highlighted answer and stays on it. */
        if (focus < n) {
            checklist_answer(&s->checklist, focus, k == SDLK_LEFT ? CHECKLIST_YES : CHECKLIST_NO);
            s->dirty = true;
        }
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
    case HOLD_KEY:
        hold_start(s, false);
        break;
    default:
        break;
    }
}

static void key_up(struct screens *s, SDL_Keycode k)
{
    if (k == HOLD_KEY && s->list.holding && !s->list.hold_by_mouse)
        hold_cancel(s);
}

static bool click_row(struct screens *s, const struct layout *l, int x, int y)
{
    size_t first = first_row(s, (size_t)l->rows);
    size_t shown = rows_shown(s, l, first);
    for (size_t k = 0; k < shown; k++) {
        struct row_rects r = row(s->ui, l, (int)k);
        if (ui_hit(r.yes, x, y) || ui_hit(r.no, x, y)) {
            answer(s, first + k, ui_hit(r.yes, x, y) ? CHECKLIST_YES : CHECKLIST_NO, "click");
            return true;
        }
        if (ui_hit(r.row, x, y)) {
            set_focus(s, first + k);
            return true;
        }
    }
    return false;
}

static void click(struct screens *s, int x, int y)
{
    struct layout l;
    layout_of(s, s->ui, &l);
    if (s->list.holding) {
        hold_cancel(s);
        return;
    }
    if (ui_hit(l.hold, x, y)) {
        hold_start(s, true);
    } else if (ui_hit(l.cont, x, y)) {
        /* Disabled: show the first open question instead. */
        set_focus(s, checklist_next_unanswered(&s->checklist, 0));
        go_on(s);
    } else if (!click_row(s, &l, x, y) && l.scrolls) {
        size_t first = first_row(s, (size_t)l.rows);
        if (ui_hit(l.cue_up, x, y) && first > 0)
            set_focus(s, first - 1);
        else if (ui_hit(l.cue_down, x, y))
            set_focus(s, first + (size_t)l.rows);
    }
}

static void release(struct screens *s, int x, int y)
{
    (void)x;
    (void)y;
    if (s->list.holding && s->list.hold_by_mouse)
        hold_cancel(s);
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
    struct ui_text ns = {.size = qsize < ui_px(u, 17) ? qsize : ui_px(u, 17),
                         .min_size = ui_px(u, 8), .color = UI_MUTED,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, r.num, num, &ns);
    struct ui_text qs = {.size = qsize, .min_size = qsize, .color = UI_TEXT,
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

/* "▲ 2 more above", "▼ 5 more below", and a bar showing where the rows are. */
static void draw_scroll(const struct screens *s, struct ui *u, const struct layout *l)
{
    size_t n = s->checklist.n_items, first = first_row(s, (size_t)l->rows);
    size_t below = n - first - rows_shown(s, l, first);
    char text[160];
    struct ui_text cs = {.size = l->cue_up.h * 7 / 10, .min_size = 6, .bold = true,
                         .color = UI_ACCENT, .align = UI_ALIGN_CENTER,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    if (first > 0) {
        snprintf(text, sizeof text, _("\xe2\x96\xb2 %zu more above"), first);
        ui_text(u, l->cue_up, text, &cs);
    }
    if (below > 0) {
        snprintf(text, sizeof text, _("\xe2\x96\xbc %zu more below: scroll or press Down"), below);
        ui_fill(u, l->cue_down, UI_PANEL_HI);
        ui_text(u, l->cue_down, text, &cs);
    }
    ui_fill(u, l->bar, UI_PANEL);
    int h = (int)((long long)l->bar.h * l->rows / (long long)n);
    int y = l->bar.y + (int)((long long)l->bar.h * (long long)first / (long long)n);
    ui_fill(u, (SDL_Rect){l->bar.x, y, l->bar.w, h}, UI_ACCENT);
}

static void status_text(const struct screens *s, const struct layout *l, char *buf, size_t size)
{
    const struct checklist *c = &s->checklist;
    size_t left = checklist_unanswered(c), first = first_row(s, (size_t)l->rows);
    int n = 0;
    if (s->list.holding)
        n = snprintf(buf, size, "%s", _("Keep holding: every open question is answered No"));
    else if (!all_seen(s))
        n = snprintf(buf, size, "%s", _("Scroll down to see every question first"));
    else if (left > 0)
        n = snprintf(buf, size, _("%zu of %zu still to answer"), left, c->n_items);
    else
        n = snprintf(buf, size, _("All %zu answered"), c->n_items);
    if (l->scrolls && !s->list.holding && n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, _(" · showing %zu-%zu"), first + 1,
                 first + rows_shown(s, l, first));
}

static void draw_bottom(const struct screens *s, struct ui *u, const struct layout *l,
                        uint64_t now)
{
    const struct checklist *c = &s->checklist;
    size_t left = checklist_unanswered(c);
    char status[200];
    status_text(s, l, status, sizeof status);
    struct ui_text ss = {.size = ui_px(u, 20), .min_size = ui_px(u, 10),
                         .color = s->list.holding ? UI_GOOD : UI_MUTED,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 2};
    ui_text(u, l->status, status, &ss);

    bool can_hold = left > 0 && all_seen(s);
    const char *label = left < c->n_items ? _("None of the rest apply\n(hold A)")
                                          : _("None of these apply\n(hold A)");
    struct ui_button hold = {.r = l->hold, .label = label, .enabled = can_hold,
                             .selected = s->list.holding, .accent = UI_GOOD};
    ui_button_draw(u, &hold);
    if (s->list.holding) {
        /* Just above the button: how long it still has to be held. */
        uint64_t held = now > s->list.hold_from ? now - s->list.hold_from : 0;
        SDL_Rect bar = {l->hold.x, l->hold.y - ui_px(u, 8), l->hold.w, ui_px(u, 6)};
        ui_bar(u, bar, held >= HOLD_MS ? 1.0 : (double)held / HOLD_MS, UI_GOOD, UI_PANEL_HI);
    }
    struct ui_button cont = {.r = l->cont, .label = _("Continue (Return)"), .enabled = left == 0,
                             .selected = left == 0, .focused = s->list.focus == c->n_items,
                             .accent = UI_ACCENT};
    ui_button_draw(u, &cont);
}

static void draw(const struct screens *s, struct ui *u, uint64_t now)
{
    struct layout l;
    layout_of(s, u, &l);
    ui_clear(u, UI_BG);
    char title[256];
    if (s->list.area_only)
        /* TRANSLATORS: %s is the body area, "the front of the thigh". */
        snprintf(title, sizeof title, _("Before the next routine: %s"),
                 checklist_area_name(&s->checklist));
    else
        snprintf(title, sizeof title, "%s", _("Before you start: a short safety check"));
    screens_draw_title(u, l.title, title, UI_TEXT);
    struct ui_text hint = {.size = ui_px(u, 19), .min_size = ui_px(u, 10), .color = UI_MUTED,
                           .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, l.hint,
            _("Y for yes, N for no, or click. Nothing to report? Hold A, or hold the button."),
            &hint);
    int qsize = question_size(s, u, &l);
    size_t first = first_row(s, (size_t)l.rows);
    size_t shown = rows_shown(s, &l, first);
    for (size_t k = 0; k < shown; k++)
        draw_row(s, u, &l, (int)k, qsize);
    if (l.scrolls)
        draw_scroll(s, u, &l);
    draw_bottom(s, u, &l, now);
    screens_draw_disclaimer(u, true);
}

/* A routine that follows another in the same sitting: the questions not
 * about the body area (fever, a clot ever, medicine...) were just answered
 * and are not asked again; those about its area, and its own, are. */
void checklist_screen_area_only(struct screens *s)
{
    struct checklist *c = &s->checklist;
    size_t n = 0;
    for (size_t i = 0; i < c->n_items; i++)
        if (c->items[i].about_area || !c->items[i].builtin)
            c->items[n++] = c->items[i];
    log_info("checklist: area-only %zu questions of %zu", n, c->n_items);
    c->n_items = n;
    s->list.area_only = true;
}

const struct screen_ops checklist_screen = {
    .enter = enter, .key = key, .key_up = key_up, .click = click, .release = release,
    .wheel = wheel, .update = update, .prepare = prepare, .deadline = deadline, .draw = draw,
};
