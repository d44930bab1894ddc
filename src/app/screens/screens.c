/* screens.c - see screens.h. The table of screens (one file each in this
 * folder), the dispatch of input to the current one, screen changes, the
 * global keys and the layout pieces every screen shares. */
#include "app/screens/screens_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/fonts.h"
#include "app/platform.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

static const struct screen_ops *const table[SCREEN_COUNT] = {
    [SCREEN_CHECKLIST] = &checklist_screen,
    [SCREEN_CAUTION] = &caution_screen,
    [SCREEN_STOP] = &stop_screen,
    [SCREEN_OVERVIEW] = &overview_screen,
    [SCREEN_SESSION] = &session_screen,
    [SCREEN_SUMMARY] = &summary_screen,
    [SCREEN_QUIT_CONFIRM] = &confirm_screen,
    [SCREEN_REDFLAG] = &redflag_screen,
    [SCREEN_ERRORS] = &errors_screen,
    [SCREEN_HISTORY] = &history_screen,
    [SCREEN_LIBRARY] = &library_screen,
};

static const char *const names[SCREEN_COUNT] = {
    [SCREEN_CHECKLIST] = "checklist",
    [SCREEN_CAUTION] = "caution",
    [SCREEN_STOP] = "stop",
    [SCREEN_OVERVIEW] = "overview",
    [SCREEN_SESSION] = "session",
    [SCREEN_SUMMARY] = "summary",
    [SCREEN_QUIT_CONFIRM] = "quit-confirm",
    [SCREEN_REDFLAG] = "red-flag",
    [SCREEN_ERRORS] = "errors",
    [SCREEN_HISTORY] = "history",
    [SCREEN_LIBRARY] = "library",
};

const char *screen_name(enum screen_id s) { return s < SCREEN_COUNT ? names[s] : "?"; }

enum screen_id screen_from_name(const char *name)
{
    for (int i = 0; i < SCREEN_COUNT; i++)
        if (strcmp(names[i], name) == 0)
            return (enum screen_id)i;
    return SCREEN_COUNT;
}

static const struct screen_ops *ops(const struct screens *s) { return table[s->screen]; }

/* ---- life ------------------------------------------------------------------ */

struct screens *screens_create(const struct screens_options *o)
{
    struct screens *s = xcalloc(1, sizeof *s);
    s->ui = o->ui;
    s->win = o->win;
    s->session = o->session;
    s->diags = o->diags;
    s->library = o->library;
    s->from_library = o->from_library;
    s->dirty = true;
    s->damage.stale = true;
    for (int i = 0; i < RATING_COUNT; i++)
        s->ratings[i].value = -1;
    ui_forget_buttons(s->ui); /* the screens before these drew others */
    if (!o->session) {
        if (s->win) /* no routine open: nothing but the program's name */
            SDL_SetWindowTitle(s->win, "smr-timer");
        s->errors_file = o->errors_file;
        s->screen = o->errors_file ? SCREEN_ERRORS : SCREEN_LIBRARY;
        if (!o->errors_file)
            library_screen_init(s, o->last_routine);
        return s;
    }
    s->routine = session_routine(o->session);
    checklist_init(&s->checklist, s->routine);
    if (o->area_only)
        checklist_screen_area_only(s);
    s->screen = SCREEN_CHECKLIST;
    return s;
}

void screens_destroy(struct screens *s)
{
    if (!s)
        return;
    checklist_finish(&s->checklist);
    history_finish(&s->hist.file);
    free(s->hist.sums);
    free(s->request.path);
    free(s->lib.lines);
    if (s->layer.texture)
        SDL_DestroyTexture(s->layer.texture);
    free(s);
}

void screens_set_library(struct screens *s, const struct library *lib)
{
    s->library = lib;
    s->dirty = true; /* the summary's Next buttons may come with it */
}

void screens_set_diagram(struct screens *s, struct diagram_view *dv)
{
    s->dview = dv; /* shown from the session screen's next static layer on */
    s->diagram_missing = dv == NULL;
    if (!dv)
        log_error("%s", _("without its diagram the session cannot show where the ball goes: "
                          "it will not start"));
}

/* ---- what screens do ------------------------------------------------------ */

void screens_go(struct screens *s, enum screen_id to)
{
    if (table[to]->enter)
        table[to]->enter(s, s->screen);
    s->screen = to;
    s->dirty = true;
    s->damage.stale = true;
    /* The screen before's sizes go now. Closed once the new screen's first
     * frame was drawn (keeping the sizes it used), both screens' sizes were
     * open together: the peak with speech was 0.8 MB higher (28.5-28.9 MB
     * against 27.8-28.0, bench.py --only memory), and reopening a size that
     * both screens use costs 0.02-0.09 ms. */
    fonts_close_all(s->ui->fonts);
    s->give_back = true; /* once the new screen is drawn */
    ui_text_cache_clear(s->ui);
    s->layer.key = 0;
    s->layer.label_warm = false;
    ui_forget_buttons(s->ui); /* the new screen notes its own as it draws them */
    log_info("screen: %s", screen_name(to));
}

/* ---- the window title ----------------------------------------------------
 * The routine, and during the session the step and how long it lasts:
 * "Hold, 11 s - Hamstrings: ... - smr-timer". Set from the update, not the
 * draw, when the screen, step or state changes; not every second (a title
 * is an X property every window manager and task bar re-reads: counting it
 * down cost a quarter of a countdown second's work). */

static uint64_t title_key(const struct screens *s)
{
    const struct engine *e = session_engine(s->session);
    return (uint64_t)s->screen << 48 ^ (uint64_t)engine_state(e) << 40 ^ engine_step_index(e);
}

static void refresh_title(struct screens *s, uint64_t now)
{
    uint64_t key = title_key(s);
    if (key == s->title.key && s->title.text[0])
        return; /* before the words: looking them up was 7% of a countdown's work */
    char step[256] = "", title[sizeof s->title.text];
    if (s->screen == SCREEN_SESSION && session_started(s->session))
        session_window_step(s, now, step, sizeof step);
    else if (s->screen == SCREEN_REDFLAG)
        snprintf(step, sizeof step, "%s", _("Stopped"));
    else if (s->screen == SCREEN_SUMMARY)
        snprintf(step, sizeof step, "%s", _("Session complete"));
    else if (s->screen == SCREEN_HISTORY)
        snprintf(step, sizeof step, "%s", _("History"));
    if (step[0])
        snprintf(title, sizeof title, "%s - %s - smr-timer", step, s->routine->title);
    else
        snprintf(title, sizeof title, "%s - smr-timer", s->routine->title);
    s->title.key = key;
    if (strcmp(title, s->title.text) == 0)
        return;
    snprintf(s->title.text, sizeof s->title.text, "%s", title);
    if (s->win)
        SDL_SetWindowTitle(s->win, title);
    log_info("title: %s", s->win ? SDL_GetWindowTitle(s->win) : title);
}

void screens_absorb(struct screens *s)
{
    if (!s->session)
        return; /* the errors screen: nothing happens by itself */
    enum session_change ch = session_update(s->session);
    uint64_t now = session_last_now(s->session);
    if (ch & SESSION_CHANGED_PICTURE)
        s->dirty = true;
    if (ch & SESSION_CHANGED_PHASE)
        s->layer.log_ball = true; /* the ball moved: say where it is drawn now */
    if (ops(s)->update)
        ops(s)->update(s, ch, now);
    refresh_title(s, now);
}

void screens_act(struct screens *s, enum session_change (*op)(struct session *c))
{
    op(s->session); /* what it brought about comes with the update */
    screens_absorb(s);
    s->dirty = true;
}

void screens_ask_quit(struct screens *s) { screens_go(s, SCREEN_QUIT_CONFIRM); }

void screens_request_open(struct screens *s, const char *path, const char *from, bool area_only)
{
    free(s->request.path);
    s->request = (struct screens_request){.want = SCREENS_WANT_OPEN, .path = xstrdup(path),
                                          .from = from, .area_only = area_only};
}

void screens_request_library(struct screens *s)
{
    free(s->request.path);
    s->request = (struct screens_request){.want = SCREENS_WANT_LIBRARY};
}

bool screens_request_pending(const struct screens *s)
{
    return s->request.want != SCREENS_WANT_NOTHING;
}

bool screens_take_request(struct screens *s, struct screens_request *r)
{
    if (s->request.want == SCREENS_WANT_NOTHING)
        return false;
    *r = s->request; /* the path goes with it */
    s->request = (struct screens_request){0};
    return true;
}

void screens_drop(struct screens *s, const char *path)
{
    /* A session under way is never interrupted: the user's hands are on
     * the ball, and a drop can be a slip of the mouse. */
    if (s->session && session_started(s->session) && !session_ended_by(s->session) &&
        engine_state(session_engine(s->session)) != ENGINE_DONE) {
        log_info("drop: %s ignored during the session", path);
        return;
    }
    screens_request_open(s, path, "drop", false);
}

void screens_note_caution(struct screens *s)
{
    char areas[400] = "";
    size_t len = 0;
    for (size_t i = 0; i < s->checklist.n_items; i++) {
        const struct checklist_item *it = &s->checklist.items[i];
        if (it->scope != CHECK_SCOPE_LOCAL || it->answer != CHECKLIST_YES || !checklist_area(it))
            continue;
        /* "; " between areas: an area may hold a comma of its own. */
        int n = snprintf(areas + len, sizeof areas - len, "%s%s", len ? "; " : "",
                         checklist_area(it));
        if (n < 0 || (size_t)n >= sizeof areas - len)
            break;
        len += (size_t)n;
    }
    s->caution[0] = '\0';
    if (!len)
        return;
    /* TRANSLATORS: %s is the list of areas, "the bruise; the varicose veins". */
    snprintf(s->caution, sizeof s->caution, _("Keep the ball away from %s"), areas);
    log_info("caution: %s", s->caution);
}

const char *screens_caution_text(const struct screens *s)
{
    return s->caution[0] ? s->caution : NULL;
}

void screens_quit(struct screens *s, const char *ended_by)
{
    if (s->session)
        session_end(s->session, ended_by);
    s->quit = true;
}

void screens_toggle_fullscreen(struct screens *s)
{
    platform_toggle_fullscreen(s->win);
    s->dirty = true;
}

void screens_toggle_mute(struct screens *s)
{
    if (!s->session)
        return; /* the library and the errors screen make no sound */
    session_set_muted(s->session, !session_muted(s->session));
    s->dirty = true;
}

bool screens_fullscreen(const struct screens *s) { return platform_fullscreen(s->win); }

double screens_speed(const struct screens *s) { return session_speed(s->session); }

/* ---- input and the frame ------------------------------------------------- */

void screens_key(struct screens *s, SDL_Keycode k)
{
    /* Keys that work everywhere. */
    if (k == SDLK_f || k == SDLK_F11)
        screens_toggle_fullscreen(s);
    else if (k == SDLK_m)
        screens_toggle_mute(s);
    else if (ops(s)->key)
        ops(s)->key(s, k);
}

void screens_key_up(struct screens *s, SDL_Keycode k)
{
    if (ops(s)->key_up)
        ops(s)->key_up(s, k);
}

void screens_click(struct screens *s, int x, int y)
{
    if (ops(s)->click)
        ops(s)->click(s, x, y);
}

void screens_release(struct screens *s, int x, int y)
{
    if (ops(s)->release)
        ops(s)->release(s, x, y);
}

void screens_window_close(struct screens *s)
{
    bool in_session = s->session && session_started(s->session) &&
                      !session_ended_by(s->session) &&
                      engine_state(session_engine(s->session)) != ENGINE_DONE;
    if (!in_session || s->screen == SCREEN_QUIT_CONFIRM) {
        screens_quit(s, "window-closed");
        return;
    }
    log_info("window: closing asked during the session");
    screens_ask_quit(s);
}

uint64_t screens_next_deadline(const struct screens *s)
{
    return ops(s)->deadline ? ops(s)->deadline(s) : UINT64_MAX;
}

void screens_wheel(struct screens *s, int dy)
{
    if (dy != 0 && ops(s)->wheel)
        ops(s)->wheel(s, dy);
}

void screens_motion(struct screens *s, int x, int y, bool inside)
{
    if (ui_pointer_move(s->ui, x, y, inside))
        s->dirty = true; /* it entered or left a button */
}

void screens_frame_shown(struct screens *s, uint64_t now)
{
    if (s->screen == SCREEN_CHECKLIST || s->screen == SCREEN_OVERVIEW)
        session_screen_warm(s); /* while the user reads: the start's frame comes sooner */
    else if (s->screen == SCREEN_SESSION)
        session_screen_ahead(s, now); /* the next position's diagram, before its deadline */
}

void screens_update(struct screens *s)
{
    if (s->give_back && !s->dirty) { /* the new screen's first frame is drawn */
        /* The screen before's lines and fonts, but not into a session: its
         * text cache grows back over the same heap within a minute (31.6 MB
         * resident 58 s in with the trim, 31.5 without), and every page the
         * trim gave back was faulted in again meanwhile, some 170 in the
         * session's first 12 s (0-46 without it). */
        if (s->screen != SCREEN_SESSION)
            give_back_memory();
        s->give_back = false;
    }
    if (s->ui->w != s->layer.seen_w || s->ui->h != s->layer.seen_h) {
        s->layer.seen_w = s->ui->w;
        s->layer.seen_h = s->ui->h;
        s->layer.log_ball = true; /* the diagram moved */
        s->layer.label_warm = false; /* its sizes too */
    }
    screens_absorb(s);
}

enum screen_id screen_current(const struct screens *s) { return s->screen; }
bool screens_want_quit(const struct screens *s) { return s->quit; }
bool screens_redraw_due(const struct screens *s) { return s->dirty; }

void screens_prepare(struct screens *s, uint64_t now)
{
    s->dirty = false;
    if (ops(s)->prepare)
        ops(s)->prepare(s, now);
    s->damage.n = -1;
    if (ops(s)->damage)
        s->damage.n = ops(s)->damage(s, now, s->damage.stale, s->damage.rects, SCREENS_MAX_DAMAGE);
    s->damage.stale = false;
}

int screens_damage(const struct screens *s, const SDL_Rect **rects)
{
    *rects = s->damage.rects;
    return s->damage.n;
}

void screens_invalidate(struct screens *s) { s->damage.stale = true; }

void screens_draw(const struct screens *s, uint64_t now) { ops(s)->draw(s, s->ui, now); }

void screens_forget_textures(struct screens *s)
{
    s->layer.key = 0;
    s->layer.diagram_key = 0;
    s->layer.ahead = false;
    s->layer.label_warm = false;
    s->dirty = true;
    s->damage.stale = true;
}

/* ---- shared layout ------------------------------------------------------- */

int screens_margin(const struct ui *u) { return ui_px(u, 24); }

SDL_Rect screens_title_rect(const struct ui *u)
{
    int m = screens_margin(u);
    return (SDL_Rect){m, m, u->w - 2 * m, ui_px(u, 52)};
}

SDL_Rect screens_body_rect(const struct ui *u, SDL_Rect title, SDL_Rect buttons)
{
    int y = title.y + title.h + ui_px(u, 16);
    return (SDL_Rect){title.x, y, title.w, buttons.y - ui_px(u, 16) - y};
}

static SDL_Rect disclaimer_rect(const struct ui *u, bool large)
{
    int h = ui_px(u, large ? 26 : 20);
    return (SDL_Rect){screens_margin(u), u->h - h - ui_px(u, 8), u->w - 2 * screens_margin(u), h};
}

SDL_Rect screens_bottom_button(const struct ui *u, bool large_disclaimer, int index, int count,
                               int width_design)
{
    SDL_Rect d = disclaimer_rect(u, large_disclaimer);
    int m = screens_margin(u);
    int h = ui_px(u, 56), gap = ui_px(u, 16);
    int w = ui_px(u, width_design);
    int total = count * w + (count - 1) * gap;
    int avail = u->w - 2 * m;
    if (total > avail) {
        w = (avail - (count - 1) * gap) / count;
        total = avail;
    }
    int x0 = u->w - m - total;
    return (SDL_Rect){x0 + index * (w + gap), d.y - ui_px(u, 12) - h, w, h};
}

void screens_draw_title(struct ui *u, SDL_Rect r, const char *text, SDL_Color c)
{
    struct ui_text st = {.size = r.h * 3 / 4, .min_size = r.h / 3, .bold = true, .color = c,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, r, text, &st);
}

void screens_draw_disclaimer(struct ui *u, bool large)
{
    SDL_Rect r = disclaimer_rect(u, large);
    struct ui_text st = {.size = r.h * 7 / 10, .min_size = r.h / 3, .color = UI_MUTED,
                         .align = large ? UI_ALIGN_LEFT : UI_ALIGN_CENTER,
                         .valign = UI_VALIGN_MIDDLE, .max_lines = 1};
    ui_text(u, r,
            large ? _("This is not medical advice. If in doubt, ask a qualified professional.")
                  : _("Not medical advice."),
            &st);
}

const char *screens_side_label(enum routine_side side)
{
    return side == ROUTINE_SIDE_LEFT ? _("Left leg") : _("Right leg");
}
