/* history.c - the history screen: every recorded session, newest first
 * (when, routine, legs, positions done, time, how it ended, tightness
 * before and after), under this week's count and each routine's mean
 * change; the same figures as `smr-timer history` (src/session/
 * history_read.c computes them for both). It scrolls by the arrow keys,
 * Page Up/Down, Home/End and the wheel; Escape or Backspace goes back to
 * the screen it was opened from. Also the history file as the screens read
 * it (screens_read_history). */
#include "app/screens/screens_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

void screens_read_history(struct screens *s, bool say_damage)
{
    history_finish(&s->hist.file);
    char *path = history_default_path();
    if (path) {
        if (say_damage && !s->hist.warned)
            history_init(&s->hist.file, path);
        else
            history_init_quiet(&s->hist.file, path); /* the damage was said once */
    }
    s->hist.warned |= say_damage;
    free(s->hist.sums);
    s->hist.n_sums = history_summarize(&s->hist.file, 0, &s->hist.sums);
    free(path);
}

void screens_show_history(struct screens *s) { screens_go(s, SCREEN_HISTORY); }

const char *screens_ended_words(const char *ended_by)
{
    static const struct {
        const char *key, *words;
    } table[] = {
        {"done", N_("Finished")},
        {"quit", N_("Stopped early")},
        {"red-flag", N_("Red-flag stop")},
        {"window-closed", N_("Window closed")},
        {"signal", N_("Ended by the system")},
    };
    if (!ended_by) /* killed or a power cut: it kept what it had done */
        return _("Cut off");
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].key, ended_by) == 0)
            return _(table[i].words);
    return ended_by;
}

/* ---- layout ------------------------------------------------------------- */

static SDL_Rect back_rect(const struct ui *u) { return screens_bottom_button(u, false, 0, 1, 260); }

/* The figures at the top: the week and one line per routine (at most this many). */
enum { MAX_ROUTINES_SHOWN = 4 };

static int header_h(const struct screens *s, const struct ui *u)
{
    size_t n = s->hist.n_sums < MAX_ROUTINES_SHOWN ? s->hist.n_sums : MAX_ROUTINES_SHOWN;
    return ui_px(u, 36 + 28 * (double)n + 12);
}

static SDL_Rect list_rect(const struct screens *s, const struct ui *u)
{
    SDL_Rect b = screens_body_rect(u, screens_title_rect(u), back_rect(u));
    int h = header_h(s, u);
    return (SDL_Rect){b.x, b.y + h, b.w, b.h - h};
}

static int row_h(const struct ui *u) { return ui_px(u, 72); }

static size_t rows_fit(const struct screens *s, const struct ui *u)
{
    int n = list_rect(s, u).h / row_h(u);
    return n > 0 ? (size_t)n : 1;
}

static size_t max_scroll(const struct screens *s)
{
    size_t fit = rows_fit(s, s->ui), n = s->hist.file.n;
    return n > fit ? n - fit : 0;
}

/* ---- input -------------------------------------------------------------- */

static void log_view(struct screens *s);

static void scroll_by(struct screens *s, long d)
{
    long to = (long)s->hist.scroll + d, max = (long)max_scroll(s);
    to = to < 0 ? 0 : (to > max ? max : to);
    if ((size_t)to != s->hist.scroll) {
        s->hist.scroll = (size_t)to;
        s->dirty = true;
        log_view(s);
    }
}

static void back(struct screens *s) { screens_go(s, s->hist.back_to); }

static void key(struct screens *s, SDL_Keycode k)
{
    long page = (long)rows_fit(s, s->ui);
    if (k == SDLK_ESCAPE || k == SDLK_BACKSPACE || k == SDLK_b)
        back(s);
    else if (k == SDLK_DOWN)
        scroll_by(s, 1);
    else if (k == SDLK_UP)
        scroll_by(s, -1);
    else if (k == SDLK_PAGEDOWN || k == SDLK_SPACE)
        scroll_by(s, page);
    else if (k == SDLK_PAGEUP)
        scroll_by(s, -page);
    else if (k == SDLK_HOME)
        scroll_by(s, -(long)s->hist.file.n);
    else if (k == SDLK_END)
        scroll_by(s, (long)s->hist.file.n);
}

static void click(struct screens *s, int x, int y)
{
    if (ui_hit(back_rect(s->ui), x, y))
        back(s);
}

static void wheel(struct screens *s, int dy) { scroll_by(s, dy > 0 ? -1 : 1); }

static void enter(struct screens *s, enum screen_id from)
{
    if (from != SCREEN_HISTORY)
        s->hist.back_to = from;
    screens_read_history(s, true);
    s->hist.scroll = 0;
    s->hist.logged = 0;
    log_info("history: %zu sessions shown, %zu routines, %zu this week", s->hist.file.n,
             s->hist.n_sums,
             history_count_since(&s->hist.file, history_week_start((int64_t)time(NULL))));
    log_view(s);
}

/* The rows shown, logged when they change: on entering, on a scroll, and
 * when a new window size shows more or fewer (prepare). */
static void log_view(struct screens *s)
{
    if (s->hist.scroll > max_scroll(s)) /* a larger window shows more */
        s->hist.scroll = max_scroll(s);
    size_t fit = rows_fit(s, s->ui), n = s->hist.file.n;
    size_t last = s->hist.scroll + fit < n ? s->hist.scroll + fit : n;
    size_t key = (s->hist.scroll << 16 ^ last) + 1;
    if (key == s->hist.logged)
        return;
    s->hist.logged = key;
    log_info("history: rows %zu-%zu of %zu", n ? s->hist.scroll + 1 : 0, last, n);
}

static void prepare(struct screens *s, uint64_t now)
{
    (void)now;
    log_view(s);
}

/* ---- drawing ------------------------------------------------------------ */

static void when_text(int64_t unix_s, char *buf, size_t size)
{
    time_t t = (time_t)unix_s;
    struct tm tm;
    /* TRANSLATORS: strftime(3) format of a session's start on the history screen. */
    if (!localtime_r(&t, &tm) || strftime(buf, size, _("%a %Y-%m-%d %H:%M"), &tm) == 0)
        snprintf(buf, size, "?");
}

static const char *sides_text(const struct history_entry *e)
{
    if (e->n_sides == 2)
        return strcmp(e->sides[0], "left") == 0 ? _("left, then right leg")
                                                : _("right, then left leg");
    if (e->n_sides == 1)
        return strcmp(e->sides[0], "left") == 0 ? _("left leg") : _("right leg");
    return "";
}

static void tightness_text(const struct history_entry *e, char *buf, size_t size)
{
    char b[4] = "-", a[4] = "-";
    if (!e->before.given && !e->after.given) {
        snprintf(buf, size, "%s", _("not rated"));
        return;
    }
    if (e->before.given)
        snprintf(b, sizeof b, "%u", (unsigned)e->before.value);
    if (e->after.given)
        snprintf(a, sizeof a, "%u", (unsigned)e->after.value);
    snprintf(buf, size, _("tightness %s \xe2\x86\x92 %s"), b, a);
}

static void draw_row(struct ui *u, SDL_Rect r, const struct history_entry *e)
{
    char when[64], took[16], rating[64], line1[512], line2[512];
    when_text(e->started_unix, when, sizeof when);
    format_mss(e->elapsed_ms, took, sizeof took);
    tightness_text(e, rating, sizeof rating);
    snprintf(line1, sizeof line1, "%s  \xc2\xb7  %s", when, e->title ? e->title : e->routine_id);
    /* TRANSLATORS: legs, positions done of all, time taken, how it ended, tightness. */
    snprintf(line2, sizeof line2, _("%s · %zu/%zu positions · %s · %s · %s"), sides_text(e),
             e->positions_done, e->positions_total, took, screens_ended_words(e->ended_by),
             rating);
    ui_fill(u, r, UI_PANEL);
    int pad = ui_px(u, 12), lh = (r.h - pad) / 2;
    struct ui_text t1 = {.size = ui_px(u, 22), .min_size = ui_px(u, 13), .bold = true,
                         .color = UI_TEXT, .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    struct ui_text t2 = {.size = ui_px(u, 19), .min_size = ui_px(u, 12), .color = UI_MUTED,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, (SDL_Rect){r.x + pad, r.y + pad / 2, r.w - 2 * pad, lh}, line1, &t1);
    ui_text(u, (SDL_Rect){r.x + pad, r.y + pad / 2 + lh, r.w - 2 * pad, lh}, line2, &t2);
}

/* "Hamstrings: 12 in all · tightness 6.5 → 3.2 (-3.3), 10 rated" */
static void routine_text(const struct history_summary *m, char *buf, size_t size)
{
    const char *name = m->title ? m->title : m->routine_id;
    char before[32], after[32], change[32];
    if (m->rated)
        snprintf(buf, size, _("%s: %zu in all · tightness %s \xe2\x86\x92 %s (%s), %zu rated"),
                 name, m->sessions, format_decimal(m->before, 1, false, before, sizeof before),
                 format_decimal(m->after, 1, false, after, sizeof after),
                 format_decimal(m->after - m->before, 1, true, change, sizeof change), m->rated);
    else
        snprintf(buf, size, _("%s: %zu in all · no before/after ratings yet"), name, m->sessions);
}

static void header(const struct screens *s, struct ui *u, SDL_Rect box)
{
    struct ui_block b[MAX_ROUTINES_SHOWN + 2];
    char texts[MAX_ROUTINES_SHOWN + 1][512];
    size_t n = 0;
    snprintf(texts[0], sizeof texts[0], _("Sessions this week: %zu · in all: %zu"),
             history_count_since(&s->hist.file, history_week_start((int64_t)time(NULL))),
             s->hist.file.n);
    b[n++] = (struct ui_block){.text = texts[0], .size = ui_px(u, 24), .bold = true,
                               .color = UI_ACCENT};
    /* The routines done last first: the one of today is the one wanted. */
    for (size_t i = s->hist.n_sums; i-- > 0 && n <= MAX_ROUTINES_SHOWN;) {
        routine_text(&s->hist.sums[i], texts[n], sizeof texts[n]);
        b[n] = (struct ui_block){.text = texts[n], .size = ui_px(u, 20), .color = UI_TEXT,
                                 .gap_before = ui_px(u, 4), .bullet = "\xe2\x80\xa2"};
        n++;
    }
    ui_flow(u, box, b, n);
}

/* The scroll bar right of the rows and a line saying which rows show. */
static void scroll_bar(const struct screens *s, struct ui *u, SDL_Rect list, size_t fit)
{
    size_t n = s->hist.file.n;
    if (n <= fit)
        return;
    int w = ui_px(u, 8);
    SDL_Rect track = {list.x + list.w - w, list.y, w, (int)fit * row_h(u) - ui_px(u, 8)};
    ui_fill(u, track, UI_PANEL);
    int h = (int)((double)track.h * (double)fit / (double)n);
    int y = track.y + (int)((double)(track.h - h) * (double)s->hist.scroll / (double)(n - fit));
    ui_fill(u, (SDL_Rect){track.x, y, w, h}, UI_MUTED);
    /* Beside Back: where the list is and how to move it. */
    char where[256];
    size_t last = s->hist.scroll + fit < n ? s->hist.scroll + fit : n;
    /* TRANSLATORS: first and last row shown, of all; the keys that scroll. */
    snprintf(where, sizeof where,
             _("%zu-%zu of %zu · \xe2\x86\x91 \xe2\x86\x93 Page Up/Down scroll"),
             s->hist.scroll + 1, last, n);
    SDL_Rect br = back_rect(u);
    struct ui_text st = {.size = ui_px(u, 20), .min_size = ui_px(u, 12), .color = UI_MUTED,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, (SDL_Rect){list.x, br.y, br.x - list.x - ui_px(u, 16), br.h}, where, &st);
}

static void draw(const struct screens *s, struct ui *u, uint64_t now)
{
    (void)now;
    ui_clear(u, UI_BG);
    SDL_Rect t = screens_title_rect(u);
    screens_draw_title(u, t, _("History"), UI_TEXT);
    SDL_Rect list = list_rect(s, u);
    int top = t.y + t.h + ui_px(u, 16);
    header(s, u, (SDL_Rect){list.x, top, list.w, header_h(s, u) - ui_px(u, 12)});
    size_t fit = rows_fit(s, u), n = s->hist.file.n;
    if (n == 0) {
        struct ui_text st = {.size = ui_px(u, 22), .min_size = ui_px(u, 12), .color = UI_MUTED};
        ui_text(u, list, _("No sessions recorded yet. Each session you do is kept here."), &st);
    }
    int bar = n > fit ? ui_px(u, 20) : 0;
    for (size_t i = 0; i < fit && s->hist.scroll + i < n; i++) {
        const struct history_entry *e = &s->hist.file.entries[n - 1 - s->hist.scroll - i];
        SDL_Rect r = {list.x, list.y + (int)i * row_h(u), list.w - bar, row_h(u) - ui_px(u, 8)};
        draw_row(u, r, e);
    }
    scroll_bar(s, u, list, fit);
    struct ui_button b = {.r = back_rect(u), .label = _("Back (Esc)"), .enabled = true,
                          .focused = true, .selected = true, .accent = UI_ACCENT};
    ui_button_draw(u, &b);
    screens_draw_disclaimer(u, false);
}

const struct screen_ops history_screen = {.enter = enter, .key = key, .click = click,
                                          .wheel = wheel, .prepare = prepare, .draw = draw};
