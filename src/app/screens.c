/* screens.c - see screens.h. Update functions (keys, clicks, engine events)
 * change struct app_state; draw functions only read it. Every layout is a
 * pure function of the window size and the state, shared by the drawing and
 * by the click hit tests, so what is clicked is what was drawn. */
#include "app/screens.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/platform.h"
#include "session/history.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

static const char *const screen_names[SCREEN_COUNT] = {
    "checklist", "caution", "stop", "overview", "session", "summary", "quit-confirm",
};

const char *screen_name(enum screen_id s) { return s < SCREEN_COUNT ? screen_names[s] : "?"; }

enum screen_id screen_from_name(const char *name)
{
    for (int i = 0; i < SCREEN_COUNT; i++)
        if (strcmp(screen_names[i], name) == 0)
            return (enum screen_id)i;
    return SCREEN_COUNT;
}

/* ---- state helpers ---------------------------------------------------- */

static size_t pos_index(const struct app_state *s, size_t side, size_t strip, unsigned pass,
                        size_t position)
{
    return ((side * s->routine->n_strips + strip) * 2 + pass) * s->max_positions + position;
}

static size_t n_pos_slots(const struct app_state *s)
{
    return s->routine->n_sides * s->routine->n_strips * 2 * s->max_positions;
}

void screens_init(struct app_state *s)
{
    checklist_init(&s->checklist, s->routine);
    s->max_positions = 1;
    for (size_t i = 0; i < s->routine->n_strips; i++)
        if (s->routine->strips[i].n_positions > s->max_positions)
            s->max_positions = s->routine->strips[i].n_positions;
    s->pos_status = xcalloc(n_pos_slots(s), 1);
    s->screen = SCREEN_CHECKLIST;
    s->dirty = true;
}

void screens_free(struct app_state *s)
{
    checklist_free(&s->checklist);
    free(s->pos_status);
    s->pos_status = NULL;
    if (s->cache)
        SDL_DestroyTexture(s->cache);
    s->cache = NULL;
}

static void go(struct app_state *s, enum screen_id to)
{
    s->screen = to;
    s->dirty = true;
    s->cache_key = 0;
    log_info("screen: %s", screen_name(to));
}

static double speed_of(const struct app_state *s) { return s->speed > 0 ? s->speed : 1.0; }

static void count_positions(const struct app_state *s, size_t *done, size_t *skipped)
{
    *done = *skipped = 0;
    for (size_t i = 0; i < n_pos_slots(s); i++) {
        *done += s->pos_status[i] == POS_DONE;
        *skipped += s->pos_status[i] == POS_SKIPPED;
    }
}

static void record_history(struct app_state *s, const char *ended_by, uint64_t now)
{
    if (!s->session_started || s->ended_by)
        return;
    s->ended_by = ended_by;
    s->elapsed_ms = engine_elapsed_ms(s->engine, now);
    s->clock_end = now;
    struct history_entry e = {
        .routine_id = s->routine->id,
        .routine_file = s->routine->file,
        .started_unix = s->started_unix,
        .elapsed_ms = s->elapsed_ms,
        .positions_total = routine_total_positions(s->routine),
        .ended_by = ended_by,
    };
    count_positions(s, &e.positions_done, &e.positions_skipped);
    char *path = history_default_path();
    if (path)
        history_append(path, &e); /* a failed write is its own warning, never fatal */
    else
        log_warn("%s", _("no HOME or XDG_STATE_HOME: the session is not recorded"));
    free(path);
}

void screens_finish(struct app_state *s, const char *ended_by, uint64_t now)
{
    if (s->session_started) {
        record_history(s, ended_by, now);
        audio_lock(s->audio);
        enum engine_state st = engine_state(s->engine);
        if (st != ENGINE_DONE && st != ENGINE_STOPPED)
            engine_stop(s->engine, now);
        audio_clear(s->audio);
        audio_unlock(s->audio);
    }
    s->quit = true;
}

/* Runs an engine control at one stream position and re-places the sound. */
typedef void (*engine_op_fn)(struct engine *e, uint64_t now);

static void control(struct app_state *s, engine_op_fn op)
{
    audio_lock(s->audio);
    uint64_t now = audio_clock_ms(s->audio);
    op(s->engine, now);
    if (engine_state(s->engine) == ENGINE_PAUSED)
        audio_clear(s->audio);
    else
        audio_schedule_from_engine(s->audio, s->engine, now);
    audio_unlock(s->audio);
    screens_engine_events(s, now);
    s->dirty = true;
}

static bool session_active(const struct app_state *s)
{
    enum engine_state st = engine_state(s->engine);
    return st == ENGINE_RUNNING || st == ENGINE_LEAD_IN;
}

void screens_engine_events(struct app_state *s, uint64_t now)
{
    struct engine_event ev;
    const struct timeline *t = engine_timeline(s->engine);
    while (engine_poll_event(s->engine, &ev)) {
        s->dirty = true;
        const struct timeline_step *st = ev.step < t->n_steps ? &t->steps[ev.step] : NULL;
        switch (ev.type) {
        case ENGINE_EV_PHASE_END:
            if (!ev.skipped)
                s->steps_done++;
            break;
        case ENGINE_EV_POSITION_DONE:
            if (st)
                s->pos_status[pos_index(s, st->side_index, st->strip, st->pass, st->position)] =
                    ev.skipped ? POS_SKIPPED : POS_DONE;
            break;
        case ENGINE_EV_PHASE_START:
            s->log_ball = true;
            break;
        case ENGINE_EV_SESSION_DONE:
            record_history(s, "done", now);
            if (s->screen == SCREEN_SESSION || s->screen == SCREEN_QUIT_CONFIRM)
                go(s, SCREEN_SUMMARY);
            break;
        default:
            break;
        }
    }
}

/* ---- layouts ---------------------------------------------------------- */

static int margin(const struct ui *u) { return ui_px(u, 24); }

/* The "not medical advice" line at the bottom of every screen. */
static SDL_Rect disclaimer_rect(const struct ui *u, bool large)
{
    int h = ui_px(u, large ? 26 : 20);
    return (SDL_Rect){margin(u), u->h - h - ui_px(u, 8), u->w - 2 * margin(u), h};
}

static void draw_disclaimer(struct app_state *s, bool large)
{
    struct ui *u = &s->ui;
    SDL_Rect r = disclaimer_rect(u, large);
    struct ui_text st = {.size = r.h * 7 / 10, .min_size = r.h / 3, .color = UI_MUTED,
                         .align = large ? UI_ALIGN_LEFT : UI_ALIGN_CENTER,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, r, large ? _("This is not medical advice. If in doubt, ask a qualified professional.")
                        : _("Not medical advice."),
            &st);
}

static void draw_title(struct app_state *s, SDL_Rect r, const char *text, SDL_Color c)
{
    struct ui_text st = {.size = r.h * 3 / 4, .min_size = r.h / 3, .bold = true, .color = c,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(&s->ui, r, text, &st);
}

/* A row of buttons along the bottom, above the disclaimer line. */
static SDL_Rect bottom_button(const struct ui *u, bool large_disclaimer, int index, int count,
                              int width_design)
{
    SDL_Rect d = disclaimer_rect(u, large_disclaimer);
    int h = ui_px(u, 56), gap = ui_px(u, 16);
    int w = ui_px(u, width_design);
    int total = count * w + (count - 1) * gap;
    int avail = u->w - 2 * margin(u);
    if (total > avail) {
        w = (avail - (count - 1) * gap) / count;
        total = avail;
    }
    int x0 = u->w - margin(u) - total;
    return (SDL_Rect){x0 + index * (w + gap), d.y - ui_px(u, 12) - h, w, h};
}

/* ---- checklist ---------------------------------------------------------- */

struct checklist_layout {
    SDL_Rect title, hint, list, status, cont;
    int row_h, rows;
};

static void checklist_layout(const struct ui *u, struct checklist_layout *l)
{
    int m = margin(u);
    l->title = (SDL_Rect){m, m, u->w - 2 * m, ui_px(u, 46)};
    l->hint = (SDL_Rect){m, l->title.y + l->title.h + ui_px(u, 4), u->w - 2 * m, ui_px(u, 44)};
    l->cont = bottom_button(u, true, 0, 1, 280);
    l->status = (SDL_Rect){m, l->cont.y, l->cont.x - 2 * m, l->cont.h};
    int top = l->hint.y + l->hint.h + ui_px(u, 10);
    l->list = (SDL_Rect){m, top, u->w - 2 * m, l->cont.y - ui_px(u, 12) - top};
    l->row_h = ui_px(u, 60);
    l->rows = l->list.h / l->row_h;
    if (l->rows < 1)
        l->rows = 1;
}

/* The first row shown so that the focused row is visible. */
static size_t checklist_first_row(const struct app_state *s, size_t rows)
{
    size_t n = s->checklist.n_items, first = s->scroll;
    size_t f = s->focus < n ? s->focus : n - 1;
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

static struct row_rects checklist_row(const struct ui *u, const struct checklist_layout *l,
                                      int k)
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

static void checklist_set_focus(struct app_state *s, size_t focus)
{
    struct checklist_layout l;
    checklist_layout(&s->ui, &l);
    s->focus = focus > s->checklist.n_items ? s->checklist.n_items : focus;
    s->scroll = checklist_first_row(s, (size_t)l.rows);
    s->dirty = true;
}

static void checklist_continue(struct app_state *s)
{
    switch (checklist_outcome(&s->checklist)) {
    case CHECKLIST_CLEAR:
        go(s, SCREEN_OVERVIEW);
        break;
    case CHECKLIST_CAUTION:
        go(s, SCREEN_CAUTION);
        break;
    case CHECKLIST_STOP:
        go(s, SCREEN_STOP);
        break;
    case CHECKLIST_INCOMPLETE:
        break; /* Continue is disabled: nothing happens */
    }
}

static void checklist_answer_focused(struct app_state *s, enum checklist_answer a, bool advance)
{
    size_t n = s->checklist.n_items;
    if (s->focus >= n)
        return;
    checklist_answer(&s->checklist, s->focus, a);
    size_t next = s->focus;
    if (advance) {
        /* The next question still open (wrapping), or Continue when none is. */
        next = checklist_next_unanswered(&s->checklist, s->focus + 1);
    }
    checklist_set_focus(s, next);
}

static void checklist_key(struct app_state *s, SDL_Keycode k)
{
    size_t n = s->checklist.n_items;
    switch (k) {
    case SDLK_y:
        checklist_answer_focused(s, CHECKLIST_YES, true);
        break;
    case SDLK_n:
        checklist_answer_focused(s, CHECKLIST_NO, true);
        break;
    case SDLK_LEFT:
        checklist_answer_focused(s, CHECKLIST_YES, false);
        break;
    case SDLK_RIGHT:
        checklist_answer_focused(s, CHECKLIST_NO, false);
        break;
    case SDLK_UP:
        checklist_set_focus(s, s->focus > 0 ? s->focus - 1 : 0);
        break;
    case SDLK_DOWN:
        checklist_set_focus(s, s->focus + 1);
        break;
    case SDLK_TAB:
        checklist_set_focus(s, s->focus >= n ? 0 : s->focus + 1);
        break;
    case SDLK_HOME:
        checklist_set_focus(s, 0);
        break;
    case SDLK_END:
        checklist_set_focus(s, n);
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        /* Only on the Continue button, and only when every item has an
         * answer: a stray Return never skips the checklist. */
        if (s->focus == n)
            checklist_continue(s);
        break;
    default:
        break;
    }
}

static void checklist_click(struct app_state *s, int x, int y)
{
    struct checklist_layout l;
    checklist_layout(&s->ui, &l);
    if (ui_hit(l.cont, x, y)) {
        /* Disabled: show the first open question instead. */
        checklist_set_focus(s, checklist_next_unanswered(&s->checklist, 0));
        checklist_continue(s);
        return;
    }
    size_t first = checklist_first_row(s, (size_t)l.rows);
    for (int k = 0; k < l.rows && first + (size_t)k < s->checklist.n_items; k++) {
        struct row_rects r = checklist_row(&s->ui, &l, k);
        size_t i = first + (size_t)k;
        if (ui_hit(r.yes, x, y) || ui_hit(r.no, x, y)) {
            s->focus = i;
            checklist_answer_focused(s, ui_hit(r.yes, x, y) ? CHECKLIST_YES : CHECKLIST_NO, false);
            return;
        }
        if (ui_hit(r.row, x, y)) {
            checklist_set_focus(s, i);
            return;
        }
    }
}

static void draw_checklist(struct app_state *s)
{
    struct ui *u = &s->ui;
    struct checklist_layout l;
    checklist_layout(u, &l);
    const struct checklist *c = &s->checklist;
    draw_title(s, l.title, _("Before you start: a short safety check"), UI_TEXT);
    struct ui_text hint = {.size = ui_px(u, 19), .min_size = ui_px(u, 11), .color = UI_MUTED,
                           .max_lines = 2};
    ui_text(u, l.hint,
            _("Answer every question: Y for yes, N for no (or click). Up and Down move, Left "
              "and Right change an answer. Continue works once all are answered."),
            &hint);

    size_t first = checklist_first_row(s, (size_t)l.rows);
    /* One text size for every question, the largest at which all fit. */
    const char *texts[64];
    size_t nt = 0;
    for (size_t i = 0; i < c->n_items && nt < 64; i++)
        texts[nt++] = checklist_question(&c->items[i]);
    struct row_rects r0 = checklist_row(u, &l, 0);
    int qsize = ui_common_size(u, texts, nt, r0.text.w, r0.text.h, ui_px(u, 21), ui_px(u, 10),
                               false);
    for (int k = 0; k < l.rows && first + (size_t)k < c->n_items; k++) {
        size_t i = first + (size_t)k;
        const struct checklist_item *it = &c->items[i];
        struct row_rects r = checklist_row(u, &l, k);
        bool focused = s->focus == i;
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

    size_t left = checklist_unanswered(c);
    char status[160];
    size_t last = first + (size_t)l.rows < c->n_items ? first + (size_t)l.rows : c->n_items;
    if (left > 0)
        snprintf(status, sizeof status, _("%zu of %zu still to answer · showing %zu-%zu"), left,
                 c->n_items, first + 1, last);
    else
        snprintf(status, sizeof status, _("All %zu answered · showing %zu-%zu"), c->n_items,
                 first + 1, last);
    struct ui_text ss = {.size = ui_px(u, 20), .min_size = ui_px(u, 10), .color = UI_MUTED,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 2};
    ui_text(u, l.status, status, &ss);
    struct ui_button cont = {.r = l.cont, .label = _("Continue (Return)"), .enabled = left == 0,
                             .selected = left == 0, .focused = s->focus == c->n_items,
                             .accent = UI_ACCENT};
    ui_button_draw(u, &cont);
    draw_disclaimer(s, true);
}

/* ---- caution and stop --------------------------------------------------- */

static SDL_Rect body_rect(const struct ui *u, SDL_Rect title, SDL_Rect buttons)
{
    int y = title.y + title.h + ui_px(u, 16);
    return (SDL_Rect){title.x, y, title.w, buttons.y - ui_px(u, 16) - y};
}

static SDL_Rect title_rect(const struct ui *u)
{
    return (SDL_Rect){margin(u), margin(u), u->w - 2 * margin(u), ui_px(u, 52)};
}

#define MAX_BLOCKS 64

static void caution_key(struct app_state *s, SDL_Keycode k)
{
    if (k == SDLK_c)
        go(s, SCREEN_OVERVIEW);
    else if (k == SDLK_b || k == SDLK_BACKSPACE)
        go(s, SCREEN_CHECKLIST);
}

static void caution_click(struct app_state *s, int x, int y)
{
    if (ui_hit(bottom_button(&s->ui, false, 1, 2, 400), x, y))
        go(s, SCREEN_OVERVIEW);
    else if (ui_hit(bottom_button(&s->ui, false, 0, 2, 400), x, y))
        go(s, SCREEN_CHECKLIST);
}

static void draw_caution(struct app_state *s)
{
    struct ui *u = &s->ui;
    SDL_Rect t = title_rect(u);
    SDL_Rect b0 = bottom_button(u, false, 0, 2, 400), b1 = bottom_button(u, false, 1, 2, 400);
    draw_title(s, t, _("Keep the ball away from these areas"), UI_CAUTION);
    struct ui_block b[MAX_BLOCKS];
    size_t n = 0;
    b[n++] = (struct ui_block){.text = _("You answered Yes to a question about the back of the "
                                         "thigh. You may go on, but never put the ball on or "
                                         "next to:"),
                               .size = ui_px(u, 26), .color = UI_TEXT};
    for (size_t i = 0; i < s->checklist.n_items && n < MAX_BLOCKS - 2; i++) {
        const struct checklist_item *it = &s->checklist.items[i];
        if (it->scope == CHECK_SCOPE_LOCAL && it->answer == CHECKLIST_YES)
            b[n++] = (struct ui_block){.text = checklist_area(it), .size = ui_px(u, 30),
                                       .bold = true, .color = UI_CAUTION,
                                       .gap_before = ui_px(u, 10), .bullet = "\xe2\x80\xa2"};
    }
    b[n++] = (struct ui_block){
        .text = _("Place the ball on healthy tissue only and skip any position that would touch "
                  "these areas (Right arrow skips). If you are unsure, ask a qualified "
                  "professional first."),
        .size = ui_px(u, 24), .color = UI_MUTED, .gap_before = ui_px(u, 24)};
    ui_flow(u, body_rect(u, t, b0), b, n);
    struct ui_button back = {.r = b0, .label = _("Back to the checklist (B)"), .enabled = true,
                             .accent = UI_MUTED};
    struct ui_button ok = {.r = b1, .label = _("I will keep the ball away (C)"), .enabled = true,
                           .focused = true, .selected = true, .accent = UI_CAUTION};
    ui_button_draw(u, &back);
    ui_button_draw(u, &ok);
    draw_disclaimer(s, false);
}

static void draw_stop(struct app_state *s)
{
    struct ui *u = &s->ui;
    SDL_Rect t = title_rect(u);
    SDL_Rect bq = bottom_button(u, false, 0, 1, 300);
    draw_title(s, t, _("Please do not do this session today"), UI_STOP);
    struct ui_block b[MAX_BLOCKS];
    size_t n = 0;
    b[n++] = (struct ui_block){.text = _("You answered Yes to:"), .size = ui_px(u, 26),
                               .color = UI_TEXT};
    for (size_t i = 0; i < s->checklist.n_items && n < MAX_BLOCKS - 3; i++) {
        const struct checklist_item *it = &s->checklist.items[i];
        if (it->scope == CHECK_SCOPE_GLOBAL && it->answer == CHECKLIST_YES)
            b[n++] = (struct ui_block){.text = checklist_question(it), .size = ui_px(u, 26),
                                       .bold = true, .color = UI_STOP,
                                       .gap_before = ui_px(u, 8), .bullet = "\xe2\x80\xa2"};
    }
    b[n++] = (struct ui_block){
        .text = _("With this, pressing on the muscles of the leg can do harm: it is a reason not "
                  "to use the ball at all, not only to be careful."),
        .size = ui_px(u, 24), .color = UI_TEXT, .gap_before = ui_px(u, 22)};
    b[n++] = (struct ui_block){
        .text = _("What to do instead: see a qualified professional, such as your doctor or a "
                  "physiotherapist, and ask whether self-massage is right for you."),
        .size = ui_px(u, 24), .bold = true, .color = UI_TEXT, .gap_before = ui_px(u, 16)};
    ui_flow(u, body_rect(u, t, bq), b, n);
    struct ui_button q = {.r = bq, .label = _("Quit (Q)"), .enabled = true, .focused = true, .selected = true,
                          .accent = UI_STOP};
    ui_button_draw(u, &q);
    draw_disclaimer(s, false);
}

/* ---- overview ----------------------------------------------------------- */

static void start_session(struct app_state *s)
{
    go(s, SCREEN_SESSION);
    s->session_started = true;
    s->started_unix = (int64_t)time(NULL);
    s->log_ball = true;
    s->clock_start = audio_clock_ms(s->audio);
    control(s, engine_start);
}

static void overview_key(struct app_state *s, SDL_Keycode k)
{
    if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_s)
        start_session(s);
    else if (k == SDLK_b || k == SDLK_BACKSPACE)
        go(s, SCREEN_CHECKLIST);
}

static void overview_click(struct app_state *s, int x, int y)
{
    if (ui_hit(bottom_button(&s->ui, true, 1, 2, 300), x, y))
        start_session(s);
    else if (ui_hit(bottom_button(&s->ui, true, 0, 2, 300), x, y))
        go(s, SCREEN_CHECKLIST);
}

static const char *side_label(enum routine_side side)
{
    return side == ROUTINE_SIDE_LEFT ? _("Left leg") : _("Right leg");
}

static void draw_overview(struct app_state *s)
{
    struct ui *u = &s->ui;
    const struct routine *r = s->routine;
    SDL_Rect t = title_rect(u);
    SDL_Rect b0 = bottom_button(u, true, 0, 2, 300), b1 = bottom_button(u, true, 1, 2, 300);
    draw_title(s, t, r->title, UI_TEXT);
    SDL_Rect body = body_rect(u, t, b0);

    char total[32], facts[256], sides[128];
    const struct timeline *tl = engine_timeline(s->engine);
    format_mss((uint64_t)llround((double)tl->total_ms * speed_of(s)) + 999, total, sizeof total);
    bool left_first = r->sides[0] == ROUTINE_SIDE_LEFT;
    if (r->n_sides == 2)
        snprintf(sides, sizeof sides, "%s",
                 left_first ? _("left leg, then right leg") : _("right leg, then left leg"));
    else
        snprintf(sides, sizeof sides, "%s", left_first ? _("left leg only") : _("right leg only"));
    /* TRANSLATORS: total time (m:ss), the legs ("left leg, then right leg"), counts. */
    snprintf(facts, sizeof facts, _("Total time %s · %s · %zu strips · %zu ball positions"),
             total, sides, r->n_strips, routine_total_positions(r));

    /* Description and facts across the top, then two columns. */
    struct ui_text ds = {.size = ui_px(u, 21), .min_size = ui_px(u, 11), .color = UI_MUTED,
                         .max_lines = 3};
    int dh = ui_text(u, (SDL_Rect){body.x, body.y, body.w, ui_px(u, 84)}, r->description, &ds);
    struct ui_text fs = {.size = ui_px(u, 23), .min_size = ui_px(u, 11), .bold = true,
                         .color = UI_ACCENT, .max_lines = 2};
    int fy = body.y + dh + ui_px(u, 10);
    int fh = ui_text(u, (SDL_Rect){body.x, fy, body.w, ui_px(u, 64)}, facts, &fs);
    int cy = fy + fh + ui_px(u, 18);
    int gap = ui_px(u, 36);
    int cw = (body.w - gap) / 2;
    SDL_Rect left = {body.x, cy, cw, body.y + body.h - cy};
    SDL_Rect right = {body.x + cw + gap, cy, body.w - cw - gap, left.h};

    struct ui_block b[MAX_BLOCKS];
    size_t n = 0;
    int hs = ui_px(u, 24), ts = ui_px(u, 20);
    b[n++] = (struct ui_block){.text = _("You need"), .size = hs, .bold = true, .color = UI_TEXT};
    for (size_t i = 0; i < r->n_equipment && n < MAX_BLOCKS / 2; i++)
        b[n++] = (struct ui_block){.text = r->equipment[i], .size = ts, .color = UI_TEXT,
                                   .gap_before = ui_px(u, 6), .bullet = "\xe2\x80\xa2"};
    if (r->therapist_note) {
        b[n++] = (struct ui_block){.text = _("Note"), .size = hs, .bold = true, .color = UI_TEXT,
                                   .gap_before = ui_px(u, 22)};
        b[n++] = (struct ui_block){.text = r->therapist_note, .size = ts, .color = UI_MUTED,
                                   .gap_before = ui_px(u, 6)};
    }
    ui_flow(u, left, b, n);

    n = 0;
    static char nums[MAX_BLOCKS][8];
    b[n++] = (struct ui_block){.text = _("Set up"), .size = hs, .bold = true, .color = UI_TEXT};
    for (size_t i = 0; i < r->n_setup && n < MAX_BLOCKS; i++) {
        snprintf(nums[n], sizeof nums[n], "%zu.", i + 1);
        b[n] = (struct ui_block){.text = r->setup[i], .size = ts, .color = UI_TEXT,
                                 .gap_before = ui_px(u, 6), .bullet = nums[n]};
        n++;
    }
    ui_flow(u, right, b, n);

    struct ui_button back = {.r = b0, .label = _("Back (B)"), .enabled = true, .accent = UI_MUTED};
    struct ui_button go_btn = {.r = b1, .label = _("Start (Return)"), .enabled = true,
                               .focused = true, .selected = true, .accent = UI_GOOD};
    ui_button_draw(u, &back);
    ui_button_draw(u, &go_btn);
    draw_disclaimer(s, true);
}

/* ---- session ------------------------------------------------------------- */

enum { BTN_PAUSE, BTN_BACK, BTN_SKIP, BTN_MUTE, BTN_FULL, BTN_QUIT, N_BTN };

struct session_layout {
    SDL_Rect diagram, note, progress, title, digits, phase_bar, instruction, next, overall,
        overall_label;
    SDL_Rect content; /* everything above the buttons (dimmed when paused) */
    SDL_Rect buttons[N_BTN];
    int glyph_h;
};

static void session_layout(const struct ui *u, struct session_layout *l)
{
    int m = ui_px(u, 20);
    int bh = ui_px(u, 54), gap = ui_px(u, 10);
    int by = u->h - m - bh;
    int bw = (u->w - 2 * m - (N_BTN - 1) * gap) / N_BTN;
    for (int i = 0; i < N_BTN; i++)
        l->buttons[i] = (SDL_Rect){m + i * (bw + gap), by, bw, bh};
    l->content = (SDL_Rect){0, 0, u->w, by - m / 2};
    int top = m, bottom = by - m;
    int ch = bottom - top;
    int note_h = ui_px(u, 22);
    int dw = (int)fmin(u->w * 0.38, (ch - note_h) * 0.56);
    l->diagram = (SDL_Rect){m, top, dw, ch - note_h};
    l->note = (SDL_Rect){m, top + ch - note_h, dw, note_h};
    int x = m + dw + 2 * m, w = u->w - x - m;
    /* The countdown's digits are at least a fifth of the window's height. */
    l->glyph_h = u->h / 5 + 2;
    int y = top;
    int vgap = (int)(ch * 0.02);
    l->progress = (SDL_Rect){x, y, w, (int)(ch * 0.075)};
    y += l->progress.h + vgap;
    l->title = (SDL_Rect){x, y, w, (int)(ch * 0.12)};
    y += l->title.h + vgap;
    int dh = (int)fmax(ch * 0.28, l->glyph_h + ui_px(u, 8));
    l->digits = (SDL_Rect){x, y, w, dh};
    y += dh + vgap;
    l->phase_bar = (SDL_Rect){x, y, w, (int)fmax(ch * 0.03, 4)};
    y += l->phase_bar.h + 2 * vgap;
    int rest = bottom - y;
    int ol_h = (int)(ch * 0.065), ob_h = (int)fmax(ch * 0.02, 3);
    int next_h = (int)(ch * 0.06);
    l->instruction = (SDL_Rect){x, y, w, rest - ol_h - ob_h - next_h - 3 * vgap};
    l->next = (SDL_Rect){x, l->instruction.y + l->instruction.h + vgap, w, next_h};
    l->overall = (SDL_Rect){x, bottom - ol_h - ob_h, w, ob_h};
    l->overall_label = (SDL_Rect){x, bottom - ol_h, w, ol_h};
}

static int min_int(int a, int b) { return a < b ? a : b; }

static uint64_t mix(uint64_t h, uint64_t v) { return (h ^ v) * 1099511628211ULL; }

static uint64_t static_key(const struct app_state *s)
{
    uint64_t h = 1469598103934665603ULL;
    size_t done, skipped;
    count_positions(s, &done, &skipped);
    h = mix(h, engine_step_index(s->engine));
    h = mix(h, (uint64_t)engine_state(s->engine));
    h = mix(h, audio_muted(s->audio));
    h = mix(h, platform_fullscreen(s->win));
    h = mix(h, (uint64_t)s->ui.w << 20 | (uint64_t)s->ui.h);
    h = mix(h, done << 16 | skipped);
    return h | 1; /* never 0, which means "stale" */
}

uint64_t screens_dynamic_key(const struct app_state *s, uint64_t now)
{
    uint64_t h = mix(1469598103934665603ULL, s->screen);
    if (s->screen == SCREEN_SESSION) {
        h = mix(h, static_key(s));
        h = mix(h, engine_display_seconds(s->engine, now));
    }
    return h;
}

static void toggle_pause(struct app_state *s)
{
    enum engine_state st = engine_state(s->engine);
    if (st == ENGINE_PAUSED)
        control(s, engine_resume);
    else if (st == ENGINE_RUNNING || st == ENGINE_LEAD_IN)
        control(s, engine_pause);
}

static void toggle_mute(struct app_state *s)
{
    audio_set_muted(s->audio, !audio_muted(s->audio));
    s->dirty = true;
}

static void toggle_fullscreen(struct app_state *s)
{
    platform_toggle_fullscreen(s->win);
    s->dirty = true;
}

static void ask_quit(struct app_state *s)
{
    s->before_confirm = s->screen;
    s->paused_for_confirm = false;
    if (s->screen == SCREEN_SESSION && session_active(s)) {
        control(s, engine_pause);
        s->paused_for_confirm = true;
    }
    go(s, SCREEN_QUIT_CONFIRM);
}

static void session_key(struct app_state *s, SDL_Keycode k)
{
    switch (k) {
    case SDLK_SPACE:
        toggle_pause(s);
        break;
    case SDLK_RIGHT:
        control(s, engine_skip);
        break;
    case SDLK_LEFT:
        control(s, engine_back);
        break;
    default:
        break;
    }
}

static void session_click(struct app_state *s, int x, int y, uint64_t now)
{
    struct session_layout l;
    session_layout(&s->ui, &l);
    int hit = -1;
    for (int i = 0; i < N_BTN; i++)
        if (ui_hit(l.buttons[i], x, y))
            hit = i;
    switch (hit) {
    case BTN_PAUSE:
        toggle_pause(s);
        break;
    case BTN_BACK:
        control(s, engine_back);
        break;
    case BTN_SKIP:
        control(s, engine_skip);
        break;
    case BTN_MUTE:
        toggle_mute(s);
        break;
    case BTN_FULL:
        toggle_fullscreen(s);
        break;
    case BTN_QUIT:
        ask_quit(s);
        break;
    default:
        break;
    }
    (void)now;
}

static void progress_text(const struct app_state *s, char *buf, size_t size)
{
    struct engine_progress p;
    engine_progress(s->engine, &p);
    const struct timeline_step *st = engine_step(s->engine);
    const struct routine_strip *strip = &s->routine->strips[st->strip];
    /* TRANSLATORS: leg ("Left leg"), strip label, then strip and position counts. */
    int n = snprintf(buf, size, _("%s · %s · strip %zu of %zu · position %zu of %zu"),
                     side_label(st->side), strip->label, p.strip + 1, p.n_strips, p.position + 1,
                     p.n_positions);
    if (p.n_passes > 1 && n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, _(" · pass %u of %u"), p.pass + 1, p.n_passes);
}

/* "Next: Relax", or where the session goes when the next step changes the
 * strip or the leg; false after the last step. */
static bool next_step_text(const struct app_state *s, char *buf, size_t size)
{
    const struct timeline *tl = engine_timeline(s->engine);
    size_t i = engine_step_index(s->engine);
    if (i + 1 >= tl->n_steps)
        return false;
    const struct timeline_step *cur = &tl->steps[i], *nx = &tl->steps[i + 1];
    const struct routine_phase *ph = &s->routine->phases[nx->phase];
    const char *strip = s->routine->strips[nx->strip].label;
    if (nx->side_index != cur->side_index)
        snprintf(buf, size, _("Next: %s, %s"), side_label(nx->side), strip);
    else if (nx->strip != cur->strip || nx->pass != cur->pass)
        snprintf(buf, size, _("Next: %s, from the knee end"), strip);
    else
        snprintf(buf, size, _("Next: %s"), ph->title);
    return true;
}

static void session_marks(const struct app_state *s, struct diagram_marks *mk,
                          struct diagram_dot *dots, size_t cap)
{
    const struct timeline_step *st = engine_step(s->engine);
    const struct routine *r = s->routine;
    size_t n = 0;
    for (size_t k = 0; k < r->n_strips; k++)
        for (unsigned pass = 0; pass < 2; pass++)
            for (size_t p = 0; p < r->strips[k].n_positions; p++)
                if (n < cap && s->pos_status[pos_index(s, st->side_index, k, pass, p)] == POS_DONE)
                    dots[n++] = (struct diagram_dot){r->strips[k].line, r->strips[k].positions_cm[p]};
    const struct diagram_line *line = r->strips[st->strip].line;
    *mk = (struct diagram_marks){
        .side = st->side,
        .current = line,
        .done = dots,
        .n_done = n,
        .has_ball = true,
        .ball = {line, st->cm},
        .has_next = st->next_cm >= 0,
        .next = {line, st->next_cm},
    };
}

static void draw_session_static(struct app_state *s, const struct session_layout *l)
{
    struct ui *u = &s->ui;
    ui_clear(u, UI_BG);
    enum engine_state est = engine_state(s->engine);
    const struct timeline_step *st = engine_step(s->engine);
    const struct routine_phase *ph = &s->routine->phases[st->phase];

    /* The diagram on a light plate so the anatomy reads as an illustration. */
    ui_fill(u, l->diagram, UI_PANEL);
    struct diagram_dot dots[ROUTINE_MAX_POSITIONS * 2];
    struct diagram_marks mk;
    session_marks(s, &mk, dots, sizeof dots / sizeof dots[0]);
    if (s->dview)
        diagram_view_draw(s->dview, u->ren, l->diagram, &mk, fonts_get(u->fonts, ui_px(u, 15), true));
    else {
        struct ui_text ns = {.size = ui_px(u, 18), .color = UI_MUTED, .align = UI_ALIGN_CENTER,
                             .valign = UI_VALIGN_MIDDLE};
        ui_text(u, l->diagram, _("(diagram unavailable)"), &ns);
    }
    if (s->log_ball) {
        SDL_FPoint p = diagram_view_map(s->routine->diagram, l->diagram, st->side,
                                        s->routine->strips[st->strip].line, st->cm);
        log_info("session: step=%zu side=%s strip=%s cm=%.2f ball_px=%.1f,%.1f "
                 "diagram_area=%d,%d,%d,%d digits_area=%d,%d,%d,%d glyph_h=%d",
                 engine_step_index(s->engine), routine_side_name(st->side),
                 s->routine->strips[st->strip].id, st->cm, (double)p.x, (double)p.y,
                 l->diagram.x, l->diagram.y, l->diagram.w, l->diagram.h, l->digits.x, l->digits.y,
                 l->digits.w, l->digits.h, l->glyph_h);
        s->log_ball = false;
    }
    struct ui_text note = {.size = l->note.h * 7 / 10, .min_size = 6, .color = UI_MUTED,
                           .align = UI_ALIGN_CENTER, .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, l->note, _("Not medical advice."), &note);

    char prog[256];
    progress_text(s, prog, sizeof prog);
    struct ui_text ps = {.size = min_int(l->progress.h * 6 / 10, ui_px(u, 28)),
                         .min_size = ui_px(u, 10),
                         .color = UI_MUTED, .valign = UI_VALIGN_MIDDLE, .max_lines = 2};
    ui_text(u, l->progress, prog, &ps);

    bool lead = est == ENGINE_LEAD_IN;
    const char *title = lead ? _("Get ready") : ph->title;
    struct ui_text ts = {.size = l->title.h * 8 / 10, .min_size = l->title.h / 3, .bold = true,
                         .color = lead ? UI_PAUSED : UI_TEXT, .valign = UI_VALIGN_MIDDLE,
                         .max_lines = 1};
    ui_text(u, l->title, title, &ts);

    char next[1200];
    const char *instruction = ph->instruction;
    if (lead) {
        snprintf(next, sizeof next, _("Next: %s. %s"), ph->title, ph->instruction);
        instruction = next;
    }
    struct ui_text is = {.size = ui_px(u, 34), .min_size = ui_px(u, 12), .color = UI_TEXT};
    ui_text(u, l->instruction, instruction, &is);

    char then[512];
    if (!lead && next_step_text(s, then, sizeof then)) {
        struct ui_text ns = {.size = min_int(l->next.h * 6 / 10, ui_px(u, 26)), .min_size = 6,
                             .color = UI_MUTED,
                             .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
        ui_text(u, l->next, then, &ns);
    }

    bool paused = est == ENGINE_PAUSED;
    const char *labels[N_BTN];
    labels[BTN_PAUSE] = paused ? _("Resume (Space)") : _("Pause (Space)");
    labels[BTN_BACK] = _("Back (\xe2\x86\x90)");
    labels[BTN_SKIP] = _("Skip (\xe2\x86\x92)");
    labels[BTN_MUTE] = audio_muted(s->audio) ? _("Unmute (M)") : _("Mute (M)");
    labels[BTN_FULL] = platform_fullscreen(s->win)
                           ? _("Window (F)")
                           : _("Full screen (F)");
    labels[BTN_QUIT] = _("Quit (Esc)");
    for (int i = 0; i < N_BTN; i++) {
        struct ui_button b = {.r = l->buttons[i], .label = labels[i], .enabled = true,
                              .selected = (i == BTN_PAUSE && paused) ||
                                          (i == BTN_MUTE && audio_muted(s->audio)),
                              .accent = i == BTN_PAUSE ? UI_PAUSED : UI_ACCENT};
        ui_button_draw(u, &b);
    }
}

static void draw_session_dynamic(struct app_state *s, const struct session_layout *l,
                                 uint64_t now)
{
    struct ui *u = &s->ui;
    enum engine_state est = engine_state(s->engine);
    bool lead = est == ENGINE_LEAD_IN;
    unsigned secs = engine_display_seconds(s->engine, now);
    char digits[16];
    if (secs >= 60)
        snprintf(digits, sizeof digits, "%u:%02u", secs / 60, secs % 60);
    else
        snprintf(digits, sizeof digits, "%u", secs);
    ui_digits(u, l->digits, digits, l->glyph_h, lead ? UI_PAUSED : UI_TEXT);

    /* Phase progress in whole displayed seconds, so it moves with the digits. */
    double speed = speed_of(s);
    const struct timeline_step *st = engine_step(s->engine);
    double frac;
    if (lead) {
        frac = 0;
    } else {
        double total_s = ceil(st->duration_ms * speed / 1000.0 - 1e-9);
        frac = total_s > 0 ? (total_s - secs) / total_s : 1;
    }
    ui_bar(u, l->phase_bar, frac, UI_ACCENT, UI_PANEL_HI);

    const struct timeline *tl = engine_timeline(s->engine);
    uint64_t rem = engine_remaining_ms(s->engine, now);
    double overall = tl->total_ms ? 1.0 - (double)rem / (double)tl->total_ms : 1;
    ui_bar(u, l->overall, overall, UI_GOOD, UI_PANEL_HI);
    char left[32], label[128];
    uint64_t rem_real = (uint64_t)ceil((double)rem * speed / 1000.0) * 1000;
    format_mss(rem_real, left, sizeof left);
    /* TRANSLATORS: time left (m:ss) and the share of the session done. */
    snprintf(label, sizeof label, _("%s left · %d %% done"), left, (int)floor(overall * 100));
    struct ui_text ls = {.size = min_int(l->overall_label.h * 6 / 10, ui_px(u, 26)), .min_size = 6,
                         .color = UI_MUTED,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, l->overall_label, label, &ls);
}

static void draw_paused(struct app_state *s, const struct session_layout *l)
{
    struct ui *u = &s->ui;
    ui_fill_alpha(u, l->content, UI_DARK, 170);
    int bh = (int)(l->content.h * 0.30);
    SDL_Rect banner = {0, l->content.y + (l->content.h - bh) / 2, u->w, bh};
    ui_fill(u, banner, UI_PAUSED);
    SDL_Rect big = {banner.x + ui_px(u, 20), banner.y + bh / 12, banner.w - ui_px(u, 40),
                    bh * 62 / 100};
    struct ui_text ts = {.size = big.h, .min_size = 8, .bold = true, .color = UI_DARK,
                         .align = UI_ALIGN_CENTER, .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, big, _("PAUSED"), &ts);
    SDL_Rect small = {big.x, big.y + big.h, big.w, banner.y + bh - (big.y + big.h) - bh / 16};
    struct ui_text ss = {.size = small.h * 7 / 10, .min_size = 6, .color = UI_DARK,
                         .align = UI_ALIGN_CENTER, .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, small, _("Press Space or click Resume to go on"), &ss);
}

static void draw_session(struct app_state *s, uint64_t now)
{
    struct ui *u = &s->ui;
    struct session_layout l;
    session_layout(u, &l);
    /* The static layer (diagram, texts, buttons) is drawn into a texture once
     * per step or state change; a countdown tick copies it and draws the
     * digits and bars only. */
    uint64_t key = static_key(s);
    if (s->cache) {
        int w, h;
        SDL_QueryTexture(s->cache, NULL, NULL, &w, &h);
        if (w != u->w || h != u->h) {
            SDL_DestroyTexture(s->cache);
            s->cache = NULL;
        }
    }
    if (!s->cache) {
        s->cache = SDL_CreateTexture(u->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                     u->w, u->h);
        s->cache_key = 0;
    }
    if (s->cache && s->cache_key != key) {
        SDL_SetRenderTarget(u->ren, s->cache);
        draw_session_static(s, &l);
        SDL_SetRenderTarget(u->ren, NULL);
        s->cache_key = key;
    }
    if (s->cache) {
        SDL_SetTextureBlendMode(s->cache, SDL_BLENDMODE_NONE);
        SDL_RenderCopy(u->ren, s->cache, NULL, NULL);
    } else {
        draw_session_static(s, &l); /* no target textures: draw it all */
    }
    draw_session_dynamic(s, &l, now);
    if (engine_state(s->engine) == ENGINE_PAUSED)
        draw_paused(s, &l);
}

/* ---- quit-confirm and summary ------------------------------------------ */

static void confirm_back(struct app_state *s)
{
    go(s, s->before_confirm);
    if (s->paused_for_confirm && engine_state(s->engine) == ENGINE_PAUSED)
        control(s, engine_resume);
    s->paused_for_confirm = false;
}

static void confirm_key(struct app_state *s, SDL_Keycode k, uint64_t now)
{
    if (k == SDLK_y || k == SDLK_RETURN || k == SDLK_KP_ENTER)
        screens_finish(s, "quit", now);
    else if (k == SDLK_n || k == SDLK_ESCAPE)
        confirm_back(s);
}

static void confirm_click(struct app_state *s, int x, int y, uint64_t now)
{
    if (ui_hit(bottom_button(&s->ui, false, 1, 2, 320), x, y))
        screens_finish(s, "quit", now);
    else if (ui_hit(bottom_button(&s->ui, false, 0, 2, 320), x, y))
        confirm_back(s);
}

static void draw_confirm(struct app_state *s)
{
    struct ui *u = &s->ui;
    SDL_Rect t = title_rect(u);
    SDL_Rect b0 = bottom_button(u, false, 0, 2, 320), b1 = bottom_button(u, false, 1, 2, 320);
    bool in_session = s->session_started;
    draw_title(s, t, in_session ? _("Quit the session?") : _("Quit smr-timer?"), UI_TEXT);
    struct ui_block b[3];
    size_t n = 0;
    char done_text[200];
    if (in_session) {
        size_t done, skipped;
        count_positions(s, &done, &skipped);
        snprintf(done_text, sizeof done_text, _("%zu of %zu ball positions done so far."), done,
                 routine_total_positions(s->routine));
        b[n++] = (struct ui_block){.text = done_text, .size = ui_px(u, 28), .color = UI_TEXT};
        b[n++] = (struct ui_block){.text = _("The session is paused. What you did is saved in "
                                             "your history when you quit."),
                                   .size = ui_px(u, 24), .color = UI_MUTED,
                                   .gap_before = ui_px(u, 12)};
    } else {
        b[n++] = (struct ui_block){.text = _("The session has not started yet."),
                                   .size = ui_px(u, 28), .color = UI_TEXT};
    }
    ui_flow(u, body_rect(u, t, b0), b, n);
    struct ui_button keep = {.r = b0, .label = _("Keep going (N or Esc)"), .enabled = true,
                             .accent = UI_GOOD};
    struct ui_button quit = {.r = b1, .label = _("Quit (Y or Return)"), .enabled = true,
                             .focused = true, .selected = true, .accent = UI_STOP};
    ui_button_draw(u, &keep);
    ui_button_draw(u, &quit);
    draw_disclaimer(s, false);
}

static void draw_summary(struct app_state *s)
{
    struct ui *u = &s->ui;
    const struct routine *r = s->routine;
    SDL_Rect t = title_rect(u);
    SDL_Rect bf = bottom_button(u, false, 0, 1, 300);
    draw_title(s, t, _("Session complete"), UI_GOOD);
    SDL_Rect body = body_rect(u, t, bf);
    int gap = ui_px(u, 36);
    int cw = (body.w - gap) * 55 / 100;
    SDL_Rect left = {body.x, body.y, cw, body.h};
    SDL_Rect right = {body.x + cw + gap, body.y, body.w - cw - gap, body.h};

    struct ui_block b[MAX_BLOCKS];
    static char lines[MAX_BLOCKS][256];
    size_t n = 0;
    char taken[32], planned[32];
    double speed = speed_of(s);
    /* Time taken on the clock, pauses included; skips make it shorter. */
    uint64_t clock = s->clock_end > s->clock_start ? s->clock_end - s->clock_start : 0;
    format_mss((uint64_t)llround((double)clock * speed), taken, sizeof taken);
    format_mss((uint64_t)llround((double)engine_timeline(s->engine)->total_ms * speed), planned,
               sizeof planned);
    snprintf(lines[n], sizeof lines[n], _("Time taken %s (planned %s)"), taken, planned);
    b[n] = (struct ui_block){.text = lines[n], .size = ui_px(u, 26), .bold = true,
                             .color = UI_ACCENT};
    n++;
    for (size_t side = 0; side < r->n_sides; side++) {
        b[n++] = (struct ui_block){.text = side_label(r->sides[side]), .size = ui_px(u, 24),
                                   .bold = true, .color = UI_TEXT, .gap_before = ui_px(u, 18)};
        for (size_t k = 0; k < r->n_strips && n < MAX_BLOCKS - 8; k++) {
            const struct routine_strip *st = &r->strips[k];
            size_t done = 0, skipped = 0, total = st->n_positions * st->passes;
            for (unsigned pass = 0; pass < st->passes; pass++)
                for (size_t p = 0; p < st->n_positions; p++) {
                    unsigned char v = s->pos_status[pos_index(s, side, k, pass, p)];
                    done += v == POS_DONE;
                    skipped += v == POS_SKIPPED;
                }
            if (skipped)
                snprintf(lines[n], sizeof lines[n], _("%s: %zu of %zu positions done, %zu skipped"),
                         st->label, done, total, skipped);
            else
                snprintf(lines[n], sizeof lines[n], _("%s: %zu of %zu positions done"), st->label,
                         done, total);
            b[n] = (struct ui_block){.text = lines[n], .size = ui_px(u, 21),
                                     .color = done == total ? UI_TEXT : UI_CAUTION,
                                     .gap_before = ui_px(u, 4), .bullet = "\xe2\x80\xa2"};
            n++;
        }
    }
    ui_flow(u, left, b, n);

    n = 0;
    if (r->n_next > 0) {
        b[n++] = (struct ui_block){.text = _("Suggested next"), .size = ui_px(u, 24),
                                   .bold = true, .color = UI_TEXT};
        for (size_t i = 0; i < r->n_next && n < MAX_BLOCKS - 2; i++)
            b[n++] = (struct ui_block){.text = r->next[i], .size = ui_px(u, 21), .color = UI_TEXT,
                                       .gap_before = ui_px(u, 6), .bullet = "\xe2\x80\xa2"};
    }
    b[n++] = (struct ui_block){.text = _("Drink some water and move gently. Mild soreness can "
                                         "follow; sharp pain, numbness or tingling are reasons "
                                         "to see a professional."),
                               .size = ui_px(u, 20), .color = UI_MUTED,
                               .gap_before = ui_px(u, 24)};
    ui_flow(u, right, b, n);

    struct ui_button fin = {.r = bf, .label = _("Finish (Return)"), .enabled = true,
                            .focused = true, .selected = true, .accent = UI_GOOD};
    ui_button_draw(u, &fin);
    draw_disclaimer(s, false);
}

/* ---- dispatch ------------------------------------------------------------ */

void screens_key(struct app_state *s, SDL_Keycode k, uint64_t now)
{
    /* Keys that work everywhere. */
    if (k == SDLK_f || k == SDLK_F11) {
        toggle_fullscreen(s);
        return;
    }
    if (k == SDLK_m) {
        toggle_mute(s);
        return;
    }
    switch (s->screen) {
    case SCREEN_CHECKLIST:
        if (k == SDLK_ESCAPE)
            ask_quit(s);
        else
            checklist_key(s, k);
        break;
    case SCREEN_CAUTION:
        if (k == SDLK_ESCAPE)
            ask_quit(s);
        else
            caution_key(s, k);
        break;
    case SCREEN_STOP:
        if (k == SDLK_q || k == SDLK_ESCAPE || k == SDLK_RETURN || k == SDLK_KP_ENTER)
            screens_finish(s, "quit", now);
        break;
    case SCREEN_OVERVIEW:
        if (k == SDLK_ESCAPE)
            ask_quit(s);
        else
            overview_key(s, k);
        break;
    case SCREEN_SESSION:
        if (k == SDLK_ESCAPE)
            ask_quit(s);
        else
            session_key(s, k);
        break;
    case SCREEN_QUIT_CONFIRM:
        confirm_key(s, k, now);
        break;
    case SCREEN_SUMMARY:
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_ESCAPE || k == SDLK_q)
            screens_finish(s, "done", now);
        break;
    case SCREEN_COUNT:
        break;
    }
}

void screens_click(struct app_state *s, int x, int y, uint64_t now)
{
    switch (s->screen) {
    case SCREEN_CHECKLIST:
        checklist_click(s, x, y);
        break;
    case SCREEN_CAUTION:
        caution_click(s, x, y);
        break;
    case SCREEN_STOP:
        if (ui_hit(bottom_button(&s->ui, false, 0, 1, 300), x, y))
            screens_finish(s, "quit", now);
        break;
    case SCREEN_OVERVIEW:
        overview_click(s, x, y);
        break;
    case SCREEN_SESSION:
        session_click(s, x, y, now);
        break;
    case SCREEN_QUIT_CONFIRM:
        confirm_click(s, x, y, now);
        break;
    case SCREEN_SUMMARY:
        if (ui_hit(bottom_button(&s->ui, false, 0, 1, 300), x, y))
            screens_finish(s, "done", now);
        break;
    case SCREEN_COUNT:
        break;
    }
}

void screens_wheel(struct app_state *s, int dy)
{
    if (s->screen != SCREEN_CHECKLIST || dy == 0)
        return;
    /* The wheel walks the focus, which scrolls the list with it. */
    if (dy > 0)
        checklist_set_focus(s, s->focus > (size_t)dy ? s->focus - (size_t)dy : 0);
    else
        checklist_set_focus(s, s->focus + (size_t)-dy);
}

void screens_draw(struct app_state *s, uint64_t now)
{
    if (s->screen != SCREEN_SESSION)
        ui_clear(&s->ui, UI_BG);
    switch (s->screen) {
    case SCREEN_CHECKLIST:
        draw_checklist(s);
        break;
    case SCREEN_CAUTION:
        draw_caution(s);
        break;
    case SCREEN_STOP:
        draw_stop(s);
        break;
    case SCREEN_OVERVIEW:
        draw_overview(s);
        break;
    case SCREEN_SESSION:
        draw_session(s, now);
        break;
    case SCREEN_QUIT_CONFIRM:
        draw_confirm(s);
        break;
    case SCREEN_SUMMARY:
        draw_summary(s);
        break;
    case SCREEN_COUNT:
        break;
    }
}
