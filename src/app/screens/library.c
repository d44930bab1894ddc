/* library.c - the first screen without a routine on the command line: the
 * bundled routines and the user's own (routine/library.h), under a heading
 * per body area in the order they are worked, each row its title, its
 * length, its ball positions and when it was last done; files that do not
 * load are listed last with their first error, so a typo in one's own
 * routine is seen rather than hidden. Up/Down (Page, Home, End) or a click
 * choose, Return, a second click or Start open the routine's full safety
 * checklist (a file that does not load opens the list of its problems);
 * the wheel scrolls a list longer than the window. Opening is asked of app.c
 * (screens_request_open): this screen only chooses. */
#include "app/screens/screens_private.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

enum {
    ROW_H = 44, /* design px of a line, heading or routine */
    STATUS_H = 46, /* design px of the chosen routine's description */
    PAD = 14,   /* design px inside a row */
    TIME_W = 70, POSITIONS_W = 130, DONE_W = 200, /* the columns after the title */
    GAP = 16,
};

/* A heading of each body area, then the files that do not load, then the
 * bundled routines in other languages (library.h: other_language). */
enum { GROUP_INVALID = BODY_AREA_COUNT, GROUP_OTHER_LANGUAGES, GROUP_COUNT };
static const char *const headings[GROUP_COUNT] = {
    [BODY_AREA_BACK_OF_THIGH] = N_("Back of the thigh"),
    [BODY_AREA_FRONT_OF_THIGH] = N_("Front of the thigh"),
    [BODY_AREA_CALF] = N_("Calf"),
    [GROUP_INVALID] = N_("Files that cannot be used"),
    [GROUP_OTHER_LANGUAGES] = N_("Other languages"),
};

static int group_of(const struct library_entry *e)
{
    enum body_area a;
    if (e->other_language)
        return GROUP_OTHER_LANGUAGES;
    return library_entry_area(e, &a) ? (int)a : GROUP_INVALID;
}

/* ---- the lines: a heading before each group, then its routines ---------- */

static size_t n_lines(const struct screens *s) { return s->lib.n_lines; }

static const struct library_entry *entry_at(const struct screens *s, size_t line)
{
    const struct library_line *l = &s->lib.lines[line];
    return l->entry >= 0 ? &s->library->entries[l->entry] : NULL;
}

static size_t line_of_entry(const struct screens *s, size_t entry)
{
    for (size_t k = 0; k < s->lib.n_lines; k++)
        if (s->lib.lines[k].entry == (int)entry)
            return k;
    return 0;
}

static void build_lines(struct screens *s)
{
    const struct library *lib = s->library;
    s->lib.lines = xcalloc(lib->n * 2 + 1, sizeof s->lib.lines[0]);
    int group = -1;
    for (size_t i = 0; i < lib->n; i++) {
        int g = group_of(&lib->entries[i]);
        if (g != group) /* the entries come grouped (library.h) */
            s->lib.lines[s->lib.n_lines++] = (struct library_line){.entry = -1, .heading = g};
        group = g;
        s->lib.lines[s->lib.n_lines++] = (struct library_line){.entry = (int)i, .heading = g};
    }
}

/* Local midnight of the day that holds t. */
static int64_t day_start(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

static bool same_file(const char *a, const char *b)
{
    char *ra = realpath(a, NULL), *rb = realpath(b, NULL);
    bool same = ra && rb && strcmp(ra, rb) == 0;
    free(ra);
    free(rb);
    return same;
}

void library_screen_init(struct screens *s, const char *last_routine)
{
    static const struct library none = {0};
    if (!s->library)
        s->library = &none;
    const struct library *lib = s->library;
    build_lines(s);
    s->lib.today = day_start((int64_t)time(NULL));
    size_t invalid = 0, sel = lib->n;
    for (size_t i = 0; i < lib->n; i++) {
        const struct library_entry *e = &lib->entries[i];
        if (!e->routine) {
            invalid++;
            log_info("library: invalid %s: %s", e->id, e->error);
        }
        if (sel == lib->n && last_routine && same_file(e->path, last_routine))
            sel = i;
    }
    s->lib.sel = sel < lib->n ? sel : 0;
    log_info("library: %zu routines, %zu invalid", lib->n - invalid, invalid);
    if (lib->n)
        log_info("library: selected %s%s", lib->entries[s->lib.sel].id,
                 sel < lib->n ? " (played last)" : "");
}

/* Whole days from the day it was last done to today (0: today), or -1 for never. */
static int64_t days_since(const struct screens *s, const struct library_entry *e)
{
    if (e->last_done <= 0)
        return -1;
    int64_t days = (s->lib.today - day_start(e->last_done) + 43200) / 86400; /* DST: +-1 h */
    return days > 0 ? days : 0;
}

/* ---- layout ------------------------------------------------------------------ */

struct layout {
    SDL_Rect title, hint, list, bar, cue, status, quit, start;
    int row_h, rows;
    bool scrolls; /* more lines than fit: a scroll bar at the right */
};

static void layout(const struct ui *u, size_t lines, struct layout *l)
{
    int m = screens_margin(u);
    l->title = screens_title_rect(u);
    l->hint = (SDL_Rect){m, l->title.y + l->title.h, u->w - 2 * m, ui_px(u, 26)};
    l->quit = screens_bottom_button(u, false, 0, 2, 240);
    l->start = screens_bottom_button(u, false, 1, 2, 240);
    l->status = (SDL_Rect){m, l->quit.y - ui_px(u, 8 + STATUS_H), u->w - 2 * m,
                           ui_px(u, STATUS_H)};
    int top = l->hint.y + l->hint.h + ui_px(u, 10);
    l->list = (SDL_Rect){m, top, u->w - 2 * m, l->status.y - ui_px(u, 6) - top};
    l->row_h = ui_px(u, ROW_H);
    l->rows = l->list.h / l->row_h > 0 ? l->list.h / l->row_h : 1;
    l->scrolls = lines > (size_t)l->rows;
    if (l->scrolls) { /* the last slot says how many more there are */
        int bw = ui_px(u, 8);
        l->bar = (SDL_Rect){l->list.x + l->list.w - bw, l->list.y, bw, l->rows * l->row_h};
        l->list.w -= 2 * bw;
        l->rows = l->rows > 1 ? l->rows - 1 : 1;
        l->cue = (SDL_Rect){l->list.x, l->list.y + l->rows * l->row_h, l->list.w,
                            l->row_h - l->row_h / 10};
    }
}

/* The first line shown: the wheel's choice, held to the list's ends. */
static size_t first_line(const struct screens *s, const struct layout *l)
{
    size_t n = n_lines(s), rows = (size_t)l->rows;
    size_t max = n > rows ? n - rows : 0;
    return s->lib.first < max ? s->lib.first : max;
}

static SDL_Rect line_rect(const struct layout *l, size_t k, size_t first)
{
    return (SDL_Rect){l->list.x, l->list.y + (int)(k - first) * l->row_h, l->list.w,
                      l->row_h - l->row_h / 10};
}

static bool line_shown(const struct layout *l, size_t k, size_t first)
{
    return k >= first && k < first + (size_t)l->rows;
}

/* ---- choosing ----------------------------------------------------------------- */

static const struct library_entry *chosen(const struct screens *s)
{
    return s->library->n ? &s->library->entries[s->lib.sel] : NULL;
}

/* Chooses entry i and scrolls it into view (with its heading when it is
 * the first of its group). */
static void choose(struct screens *s, size_t i, bool by_click)
{
    if (i >= s->library->n)
        return;
    bool changed = i != s->lib.sel;
    s->lib.sel = i;
    s->lib.armed = by_click;
    struct layout l;
    layout(s->ui, n_lines(s), &l);
    size_t k = line_of_entry(s, i), first = first_line(s, &l), rows = (size_t)l.rows;
    size_t top = k > 0 && entry_at(s, k - 1) == NULL ? k - 1 : k;
    if (top < first)
        first = top;
    if (k >= first + rows)
        first = k + 1 - rows;
    s->lib.first = first;
    s->dirty = true;
    if (changed)
        log_info("library: selected %s", s->library->entries[i].id);
}

static void start(struct screens *s)
{
    const struct library_entry *e = chosen(s);
    if (e) /* one that does not load opens the list of its problems */
        screens_request_open(s, e->path, "library", false);
}

static void key(struct screens *s, SDL_Keycode k)
{
    size_t n = s->library->n, sel = s->lib.sel;
    struct layout l;
    layout(s->ui, n_lines(s), &l);
    size_t page = l.rows > 2 ? (size_t)l.rows - 2 : 1; /* less the headings it may hold */
    switch (k) {
    case SDLK_ESCAPE:
    case SDLK_q:
        screens_quit(s, "quit");
        break;
    case SDLK_UP:
        choose(s, sel > 0 ? sel - 1 : 0, false);
        break;
    case SDLK_DOWN:
        choose(s, sel + 1 < n ? sel + 1 : sel, false);
        break;
    case SDLK_PAGEUP:
        choose(s, sel > page ? sel - page : 0, false);
        break;
    case SDLK_PAGEDOWN:
        choose(s, sel + page < n ? sel + page : (n ? n - 1 : 0), false);
        break;
    case SDLK_HOME:
    case SDLK_END:
        choose(s, k == SDLK_HOME || !n ? 0 : n - 1, false);
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        start(s);
        break;
    default:
        break;
    }
}

static void click(struct screens *s, int x, int y)
{
    struct layout l;
    layout(s->ui, n_lines(s), &l);
    if (ui_hit(l.quit, x, y)) {
        screens_quit(s, "quit");
        return;
    }
    if (ui_hit(l.start, x, y)) {
        start(s);
        return;
    }
    size_t first = first_line(s, &l);
    for (size_t k = first; k < n_lines(s) && line_shown(&l, k, first); k++) {
        if (!ui_hit(line_rect(&l, k, first), x, y) || s->lib.lines[k].entry < 0)
            continue;
        size_t i = (size_t)s->lib.lines[k].entry;
        if (i == s->lib.sel && s->lib.armed)
            start(s); /* the second click on the row it chose */
        else
            choose(s, i, true);
        return;
    }
}

static void wheel(struct screens *s, int dy)
{
    struct layout l;
    layout(s->ui, n_lines(s), &l);
    size_t first = first_line(s, &l), step = (size_t)(dy > 0 ? dy : -dy);
    if (dy > 0)
        s->lib.first = first > step ? first - step : 0;
    else
        s->lib.first = first + step;
    s->lib.first = first_line(s, &l);
    s->dirty = true;
}

/* The line tests read instead of copying the layout: the rows on screen,
 * each routine's row, and the buttons. Logged when any of it changes. */
static void prepare(struct screens *s, uint64_t now)
{
    (void)now;
    struct layout l;
    layout(s->ui, n_lines(s), &l);
    size_t first = first_line(s, &l);
    size_t last = first + (size_t)l.rows < n_lines(s) ? first + (size_t)l.rows : n_lines(s);
    uint64_t key = ((uint64_t)s->ui->w << 40) ^ ((uint64_t)s->ui->h << 24) ^ (first << 12) ^ last;
    if (key == s->lib.logged)
        return;
    s->lib.logged = key;
    log_info("library: lines %zu-%zu of %zu on screen start=%d,%d,%d,%d quit=%d,%d,%d,%d",
             first + 1, last, n_lines(s), l.start.x, l.start.y, l.start.w, l.start.h, l.quit.x,
             l.quit.y, l.quit.w, l.quit.h);
    for (size_t k = first; k < last; k++) {
        const struct library_entry *e = entry_at(s, k);
        SDL_Rect r = line_rect(&l, k, first);
        if (e)
            log_info("library: row %s at %d,%d,%d,%d days_since=%lld", e->id, r.x, r.y, r.w,
                     r.h, (long long)days_since(s, e));
    }
}

/* ---- draw ---------------------------------------------------------------------- */

/* "last done today", "last done 3 days ago", "never done". */
static void done_text(const struct screens *s, const struct library_entry *e, char *buf,
                      size_t size)
{
    int64_t days = days_since(s, e);
    if (days < 0)
        snprintf(buf, size, "%s", _("never done"));
    else if (days == 0)
        snprintf(buf, size, "%s", _("last done today"));
    else if (days == 1)
        snprintf(buf, size, "%s", _("last done yesterday"));
    else
        snprintf(buf, size, _("last done %lld days ago"), (long long)days);
}

static void cell(struct ui *u, SDL_Rect r, const char *text, int size, SDL_Color c,
                 enum ui_align align, bool bold)
{
    struct ui_text st = {.size = size, .min_size = size * 2 / 3, .bold = bold, .color = c,
                         .align = align, .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, r, text, &st);
}

/* The error without the file's place when it starts with it: the row says
 * which file already. */
static const char *error_text(const struct library_entry *e)
{
    size_t n = strlen(e->path);
    if (strncmp(e->error, e->path, n) == 0 && strncmp(e->error + n, ": ", 2) == 0)
        return e->error + n + 2;
    return e->error;
}

static void draw_entry(const struct screens *s, struct ui *u, SDL_Rect row,
                       const struct library_entry *e, int size)
{
    bool sel = e == chosen(s);
    ui_fill(u, row, sel ? UI_PANEL_HI : UI_PANEL);
    if (sel)
        ui_frame(u, row, UI_ACCENT, ui_px(u, 3));
    int pad = ui_px(u, PAD), gap = ui_px(u, GAP);
    SDL_Rect in = {row.x + pad, row.y, row.w - 2 * pad, row.h};
    if (!e->routine) {
        int name_w = in.w / 3 < ui_px(u, 260) ? in.w / 3 : ui_px(u, 260);
        cell(u, (SDL_Rect){in.x, in.y, name_w, in.h}, e->id, size, UI_TEXT, UI_ALIGN_LEFT, true);
        struct ui_text st = {.size = size * 5 / 6, .min_size = size / 2, .color = UI_CAUTION,
                             .valign = UI_VALIGN_MIDDLE, .max_lines = 2};
        ui_text(u, (SDL_Rect){in.x + name_w + gap, in.y, in.w - name_w - gap, in.h},
                error_text(e), &st);
        return;
    }
    char total[32], positions[64], done[96];
    format_mss(routine_total_ms(e->routine), total, sizeof total);
    snprintf(positions, sizeof positions, _("%zu positions"), routine_total_positions(e->routine));
    done_text(s, e, done, sizeof done);
    int done_w = ui_px(u, DONE_W), pos_w = ui_px(u, POSITIONS_W), time_w = ui_px(u, TIME_W);
    int x = in.x + in.w - done_w;
    cell(u, (SDL_Rect){x, in.y, done_w, in.h}, done, size * 5 / 6,
         e->last_done > 0 ? UI_TEXT : UI_MUTED, UI_ALIGN_RIGHT, false);
    x -= gap + pos_w;
    cell(u, (SDL_Rect){x, in.y, pos_w, in.h}, positions, size * 5 / 6, UI_MUTED, UI_ALIGN_RIGHT,
         false);
    x -= gap + time_w;
    cell(u, (SDL_Rect){x, in.y, time_w, in.h}, total, size, UI_TEXT, UI_ALIGN_RIGHT, true);
    cell(u, (SDL_Rect){in.x, in.y, x - gap - in.x, in.h}, e->routine->title, size, UI_TEXT,
         UI_ALIGN_LEFT, false);
}

static void draw_heading(struct ui *u, SDL_Rect r, int group)
{
    SDL_Rect t = {r.x, r.y + r.h / 4, r.w, r.h * 3 / 4};
    SDL_Color c = group == GROUP_INVALID ? UI_CAUTION : UI_ACCENT;
    cell(u, t, _(headings[group]), ui_px(u, 21), c, UI_ALIGN_LEFT, true);
}

/* "▼ 2 more below: scroll or press Down", "▲ 3 more above": routines, not lines. */
static void draw_cue(const struct screens *s, struct ui *u, const struct layout *l, size_t first)
{
    size_t above = 0, below = 0, end = first + (size_t)l->rows;
    for (size_t k = 0; k < n_lines(s); k++)
        if (s->lib.lines[k].entry >= 0 && (k < first || k >= end))
            *(k < first ? &above : &below) += 1;
    char text[160];
    if (below)
        snprintf(text, sizeof text, _("\xe2\x96\xbc %zu more below: scroll or press Down"), below);
    else
        snprintf(text, sizeof text, _("\xe2\x96\xb2 %zu more above: scroll or press Up"), above);
    ui_fill(u, l->cue, UI_PANEL_HI);
    cell(u, l->cue, text, ui_px(u, 17), UI_ACCENT, UI_ALIGN_CENTER, true);
}

/* Under the list: what the chosen routine is, or why it cannot be used. */
static void draw_status(const struct screens *s, struct ui *u, const struct layout *l)
{
    const struct library_entry *e = chosen(s);
    const char *text = !e ? _("No routines found. Put routine files in the folder "
                              "~/.local/share/smr-timer/routines, or drop one on this window.")
                       : e->routine ? e->routine->description
                                    : _("This file cannot be used: Return shows why.");
    struct ui_text st = {.size = ui_px(u, 18), .min_size = ui_px(u, 13), .color = UI_MUTED,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 2};
    ui_text(u, l->status, text ? text : "", &st);
}

static void draw(const struct screens *s, struct ui *u, uint64_t now)
{
    (void)now;
    struct layout l;
    layout(u, n_lines(s), &l);
    ui_clear(u, UI_BG);
    screens_draw_title(u, l.title, _("Choose a routine"), UI_TEXT);
    cell(u, l.hint,
         _("Up and Down choose, Return starts with the safety check. Or drop a routine file "
           "here."),
         ui_px(u, 18), UI_MUTED, UI_ALIGN_LEFT, false);
    size_t first = first_line(s, &l);
    int size = ui_px(u, 20);
    for (size_t k = first; k < n_lines(s) && line_shown(&l, k, first); k++) {
        const struct library_entry *e = entry_at(s, k);
        if (e)
            draw_entry(s, u, line_rect(&l, k, first), e, size);
        else
            draw_heading(u, line_rect(&l, k, first), s->lib.lines[k].heading);
    }
    if (l.scrolls)
        draw_cue(s, u, &l, first);
    if (l.scrolls) { /* where the rows shown are in the whole list */
        ui_fill(u, l.bar, UI_PANEL);
        long long n = (long long)n_lines(s);
        int h = (int)(l.bar.h * (long long)l.rows / n);
        int y = l.bar.y + (int)(l.bar.h * (long long)first / n);
        ui_fill(u, (SDL_Rect){l.bar.x, y, l.bar.w, h}, UI_ACCENT);
    }
    draw_status(s, u, &l);
    const struct library_entry *e = chosen(s);
    struct ui_button quit = {.r = l.quit, .label = _("Quit (Q)"), .enabled = true,
                             .accent = UI_ACCENT};
    struct ui_button go = {.r = l.start,
                           .label = e && !e->routine ? _("See why (Return)") : _("Start (Return)"),
                           .enabled = e != NULL, .selected = e && e->routine,
                           .accent = UI_ACCENT};
    ui_button_draw(u, &quit);
    ui_button_draw(u, &go);
    screens_draw_disclaimer(u, false);
}

const struct screen_ops library_screen = {
    .key = key, .click = click, .wheel = wheel, .prepare = prepare, .draw = draw,
};
