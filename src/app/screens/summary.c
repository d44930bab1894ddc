/* summary.c - after the last step: time taken against the plan, each strip's
 * positions done and skipped per leg, the tightness before and after (asked
 * here, rating.c) with a chart of this routine's last sessions from the
 * history, what to do next. The buttons along the bottom are a list built
 * when needed (buttons()): add one there and drawing, clicks and keys
 * follow. */
#include "app/screens/screens_private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

/* Lines the blocks point into, alive while they are drawn. */
typedef char line_buf[256];

/* One strip's line; true when every position of it was done. */
static bool strip_line(const struct screens *s, size_t side, size_t k, char *buf, size_t size)
{
    const struct routine_strip *st = &s->routine->strips[k];
    const struct progress *p = session_progress(s->session);
    size_t done, skipped, total = st->n_positions * st->passes;
    progress_strip_count(p, side, k, &done, &skipped);
    if (skipped)
        snprintf(buf, size, _("%s: %zu of %zu positions done, %zu skipped"), st->label, done,
                 total, skipped);
    else
        snprintf(buf, size, _("%s: %zu of %zu positions done"), st->label, done, total);
    return done == total;
}

static void time_line(const struct screens *s, char *buf, size_t size)
{
    char taken[32], planned[32];
    /* Time taken on the clock, pauses included; skips make it shorter. */
    uint64_t clock = session_clock_taken_ms(s->session);
    format_mss(session_to_routine_ms(s->session, clock), taken, sizeof taken);
    format_mss(session_to_routine_ms(s->session,
                                     engine_timeline(session_engine(s->session))->total_ms),
               planned, sizeof planned);
    snprintf(buf, size, _("Time taken %s (planned %s)"), taken, planned);
}

/* "Tightness 7 → 3"; "" when neither was given. */
static void tightness_line(const struct screens *s, char *buf, size_t size)
{
    int before = s->ratings[RATING_BEFORE].value, after = s->ratings[RATING_AFTER].value;
    if (before >= 0 && after >= 0)
        snprintf(buf, size, _("Tightness %d \xe2\x86\x92 %d"), before, after);
    else if (before >= 0)
        snprintf(buf, size, _("Tightness before: %d"), before);
    else if (after >= 0)
        snprintf(buf, size, _("Tightness after: %d"), after);
    else
        buf[0] = '\0';
}

/* ---- layout: pure functions of the window size ----------------------------- */

/* The buttons along the bottom, left to right. */
struct summary_button {
    const char *label; /* N_() */
    const SDL_Color *accent;
    bool chosen;
    SDL_Keycode keys[4]; /* 0 ends a shorter list */
    void (*press)(struct screens *s);
};

enum { MAX_BUTTONS = 6, BUTTON_W = 300 };

static void finish(struct screens *s) { screens_quit(s, "done"); }

static size_t buttons(const struct screens *s, struct summary_button *out)
{
    (void)s; /* buttons that depend on the routine go here */
    size_t n = 0;
    out[n++] = (struct summary_button){N_("History (H)"), &UI_ACCENT, false, {SDLK_h},
                                       screens_show_history};
    out[n++] = (struct summary_button){N_("Library (L)"), &UI_ACCENT, false, {SDLK_l},
                                       screens_request_library};
    out[n++] = (struct summary_button){N_("Finish (Return)"), &UI_GOOD, true,
                                       {SDLK_RETURN, SDLK_KP_ENTER, SDLK_ESCAPE, SDLK_q}, finish};
    return n;
}

static SDL_Rect button_rect(const struct ui *u, size_t i, size_t n)
{
    return screens_bottom_button(u, false, (int)i, (int)n, BUTTON_W);
}

/* Above the bottom row, and above the Next buttons' row when there is one. */
static SDL_Rect body_rect(const struct screens *s, const struct ui *u)
{
    SDL_Rect b = screens_body_rect(u, screens_title_rect(u), button_rect(u, 0, 1));
    b.h -= next_buttons_height(s, u);
    return b;
}

static SDL_Rect rating_row(const struct screens *s, struct ui *u)
{
    SDL_Rect b = body_rect(s, u);
    int h = rating_height(u, b.w);
    return (SDL_Rect){b.x, b.y + b.h - h, b.w, h};
}

/* The columns above the rating row: left the session, right the chart and what next. */
static void columns(const struct screens *s, struct ui *u, SDL_Rect *left, SDL_Rect *right)
{
    SDL_Rect b = body_rect(s, u);
    b.h -= rating_height(u, b.w) + ui_px(u, 18);
    int gap = ui_px(u, 36), cw = (b.w - gap) / 2;
    *left = (SDL_Rect){b.x, b.y, cw, b.h};
    *right = (SDL_Rect){b.x + cw + gap, b.y, b.w - cw - gap, b.h};
}

static int heading_h(const struct ui *u) { return ui_px(u, 34); }

/* Where the chart (or the words instead) goes: under its heading. */
static SDL_Rect chart_box(const struct screens *s, struct ui *u)
{
    SDL_Rect l, r;
    columns(s, u, &l, &r);
    int h = r.h * 6 / 10 - heading_h(u);
    return (SDL_Rect){r.x, r.y + heading_h(u), r.w, h > ui_px(u, 260) ? ui_px(u, 260) : h};
}

/* ---- the chart's data, from the history and this session ------------------- */

/* This session as it stands, when it has a rating. */
static bool current_point(const struct screens *s, struct chart_point *p)
{
    int before = s->ratings[RATING_BEFORE].value, after = s->ratings[RATING_AFTER].value;
    if (before < 0 && after < 0)
        return false;
    *p = (struct chart_point){(int64_t)time(NULL), before, after};
    const char *id = session_history_id(s->session);
    for (size_t i = 0; i < s->hist.file.n; i++)
        if (s->hist.file.entries[i].session && strcmp(s->hist.file.entries[i].session, id) == 0)
            p->when = s->hist.file.entries[i].started_unix;
    return true;
}

/* The points, oldest first; *earlier: how many are from before this session. */
static size_t chart_points(const struct screens *s, struct chart_point *p, size_t *earlier)
{
    const struct history_entry *e[CHART_MAX];
    struct chart_point now;
    bool rated = current_point(s, &now);
    size_t n = history_last_rated(&s->hist.file, s->routine->id, session_history_id(s->session),
                                  e, rated ? CHART_MAX - 1 : CHART_MAX);
    for (size_t i = 0; i < n; i++)
        p[i] = (struct chart_point){e[i]->started_unix,
                                    e[i]->before.given ? e[i]->before.value : -1,
                                    e[i]->after.given ? e[i]->after.value : -1};
    *earlier = n;
    if (rated)
        p[n++] = now;
    return n;
}

static void log_chart(struct screens *s, size_t earlier)
{
    const struct chart_layout *l = &s->hist.chart;
    if (earlier == 0) {
        log_info("chart: no earlier session");
        return;
    }
    log_info("chart: %zu sessions plot=%d,%d,%d,%d mark=%d", l->n, l->plot.x, l->plot.y,
             l->plot.w, l->plot.h, l->mark);
    for (size_t i = 0; i < l->n; i++)
        log_info("chart: session %zu x=%d before=%d y=%d after=%d y=%d date=%s", i + 1,
                 l->cols[i].x, l->points[i].before, l->cols[i].y_before, l->points[i].after,
                 l->cols[i].y_after, l->cols[i].label ? l->cols[i].date : "-");
}

static void prepare(struct screens *s, uint64_t now)
{
    (void)now;
    struct chart_point p[CHART_MAX];
    size_t earlier, n = chart_points(s, p, &earlier);
    struct ui *u = s->ui;
    int size = ui_px(u, 17), date_w = 0;
    struct chart_layout *l = &s->hist.chart;
    chart_layout_make(l, p, earlier ? n : 0, chart_box(s, u), size, 0);
    for (size_t i = 0; i < l->n; i++) {
        int w = ui_text_width(u, l->cols[i].date, size, false);
        date_w = w > date_w ? w : date_w;
    }
    chart_layout_make(l, p, earlier ? n : 0, chart_box(s, u), size, date_w);
    /* Logged when what it shows changes (a new rating, a new size). */
    size_t key = (l->n + 1) ^ (size_t)l->plot.w << 8 ^ (size_t)l->plot.h << 20;
    for (size_t i = 0; i < n; i++)
        key = key * 131 + (size_t)(p[i].before + 1) * 12 + (size_t)(p[i].after + 1);
    if (key != s->hist.chart_logged) {
        s->hist.chart_logged = key;
        log_chart(s, earlier);
    }
    rating_log(s, RATING_AFTER, rating_row(s, u));
}

/* ---- drawing ------------------------------------------------------------- */

static void left_column(const struct screens *s, struct ui *u, SDL_Rect box)
{
    const struct routine *r = s->routine;
    struct ui_block b[MAX_BLOCKS];
    line_buf lines[MAX_BLOCKS];
    size_t n = 0;
    time_line(s, lines[n], sizeof lines[n]);
    b[n] = (struct ui_block){.text = lines[n], .size = ui_px(u, 26), .bold = true,
                             .color = UI_ACCENT};
    n++;
    tightness_line(s, lines[n], sizeof lines[n]);
    if (lines[n][0]) {
        b[n] = (struct ui_block){.text = lines[n], .size = ui_px(u, 26), .bold = true,
                                 .color = UI_TEXT, .gap_before = ui_px(u, 8)};
        n++;
    }
    for (size_t side = 0; side < r->n_sides; side++) {
        b[n++] = (struct ui_block){.text = screens_side_label(r->sides[side]),
                                   .size = ui_px(u, 24), .bold = true, .color = UI_TEXT,
                                   .gap_before = ui_px(u, 18)};
        for (size_t k = 0; k < r->n_strips && n < MAX_BLOCKS - 8; k++) {
            bool complete = strip_line(s, side, k, lines[n], sizeof lines[n]);
            b[n] = (struct ui_block){.text = lines[n], .size = ui_px(u, 21),
                                     .color = complete ? UI_TEXT : UI_CAUTION,
                                     .gap_before = ui_px(u, 4), .bullet = "\xe2\x80\xa2"};
            n++;
        }
    }
    ui_flow(u, box, b, n);
}

static void chart_part(const struct screens *s, struct ui *u, SDL_Rect col)
{
    struct ui_text hs = {.size = ui_px(u, 24), .min_size = ui_px(u, 14), .bold = true,
                         .color = UI_TEXT, .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, (SDL_Rect){col.x, col.y, col.w, heading_h(u)}, _("Tightness, last sessions"), &hs);
    if (s->hist.chart.n) {
        chart_draw(u, &s->hist.chart);
        return;
    }
    struct ui_text ws = {.size = ui_px(u, 20), .min_size = ui_px(u, 12), .color = UI_MUTED,
                         .max_lines = 4};
    ui_text(u, chart_box(s, u),
            _("No earlier session of this routine with a rating yet. Rate how tight it feels "
              "before and after, and the next sessions show here."),
            &ws);
}

static void right_column(const struct screens *s, struct ui *u, SDL_Rect box)
{
    const struct routine *r = s->routine;
    chart_part(s, u, box);
    SDL_Rect cb = chart_box(s, u);
    int top = cb.y + cb.h + ui_px(u, 16);
    box.h -= top - box.y;
    box.y = top;
    struct ui_block b[MAX_BLOCKS];
    size_t n = 0;
    if (r->n_next > 0 && !next_buttons_height(s, u)) { /* else the Next buttons say it */
        b[n++] = (struct ui_block){.text = _("Suggested next"), .size = ui_px(u, 24),
                                   .bold = true, .color = UI_TEXT};
        for (size_t i = 0; i < r->n_next && n < MAX_BLOCKS - 2; i++)
            b[n++] = (struct ui_block){.text = r->next[i], .size = ui_px(u, 21), .color = UI_TEXT,
                                       .gap_before = ui_px(u, 6), .bullet = "\xe2\x80\xa2"};
    }
    int gap = ui_px(u, n ? 16 : 0);
    b[n++] = (struct ui_block){.text = _("Drink some water and move gently. Mild soreness can "
                                         "follow; sharp pain, numbness or tingling are reasons "
                                         "to see a professional."),
                               .size = ui_px(u, 20), .color = UI_MUTED,
                               .gap_before = gap};
    ui_flow(u, box, b, n);
}

static void draw(const struct screens *s, struct ui *u, uint64_t now)
{
    (void)now;
    ui_clear(u, UI_BG);
    screens_draw_title(u, screens_title_rect(u), _("Session complete"), UI_GOOD);
    SDL_Rect left, right;
    columns(s, u, &left, &right);
    left_column(s, u, left);
    right_column(s, u, right);
    rating_draw(s, u, RATING_AFTER, rating_row(s, u));
    struct summary_button bs[MAX_BUTTONS];
    size_t n = buttons(s, bs);
    for (size_t i = 0; i < n; i++) {
        struct ui_button ub = {.r = button_rect(u, i, n), .label = _(bs[i].label),
                               .enabled = true, .focused = bs[i].chosen,
                               .selected = bs[i].chosen, .accent = *bs[i].accent};
        ui_button_draw(u, &ub);
    }
    next_buttons_draw(s, u);
    screens_draw_disclaimer(u, false);
}

/* ---- input ----------------------------------------------------------------- */

static void key(struct screens *s, SDL_Keycode k)
{
    if (rating_key(s, RATING_AFTER, k) || next_buttons_key(s, k))
        return;
    struct summary_button bs[MAX_BUTTONS];
    size_t n = buttons(s, bs);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < sizeof bs[i].keys / sizeof bs[i].keys[0] && bs[i].keys[j]; j++)
            if (bs[i].keys[j] == k) {
                bs[i].press(s);
                return;
            }
}

static void click(struct screens *s, int x, int y)
{
    if (rating_click(s, RATING_AFTER, rating_row(s, s->ui), x, y) || next_buttons_click(s, x, y))
        return;
    struct summary_button bs[MAX_BUTTONS];
    size_t n = buttons(s, bs);
    for (size_t i = 0; i < n; i++)
        if (ui_hit(button_rect(s->ui, i, n), x, y)) {
            bs[i].press(s);
            return;
        }
}

static void enter(struct screens *s, enum screen_id from)
{
    (void)from;
    /* Quietly: a damaged line is the history screen's to tell (and a
     * history that could not be written is told of already). */
    screens_read_history(s, false);
    s->hist.chart_logged = 0;
    next_buttons_log(s);
    struct summary_button bs[MAX_BUTTONS];
    size_t n = buttons(s, bs);
    for (size_t i = 0; i < n; i++) {
        SDL_Rect r = button_rect(s->ui, i, n);
        log_info("summary: button %s at %d,%d", bs[i].label, r.x + r.w / 2, r.y + r.h / 2);
    }
}

const struct screen_ops summary_screen = {
    .enter = enter, .key = key, .click = click, .prepare = prepare, .draw = draw};
