/* screens.c - see screens.h. The table of screens (one file each in this
 * folder), the dispatch of input to the current one, screen changes, the
 * global keys and the layout pieces every screen shares. */
#include "app/screens/screens_private.h"

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
};

static const char *const names[SCREEN_COUNT] = {
    [SCREEN_CHECKLIST] = "checklist",
    [SCREEN_CAUTION] = "caution",
    [SCREEN_STOP] = "stop",
    [SCREEN_OVERVIEW] = "overview",
    [SCREEN_SESSION] = "session",
    [SCREEN_SUMMARY] = "summary",
    [SCREEN_QUIT_CONFIRM] = "quit-confirm",
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
    s->routine = session_routine(o->session);
    checklist_init(&s->checklist, s->routine);
    s->screen = SCREEN_CHECKLIST;
    s->dirty = true;
    s->damage.stale = true;
    return s;
}

void screens_destroy(struct screens *s)
{
    if (!s)
        return;
    checklist_finish(&s->checklist);
    if (s->layer.texture)
        SDL_DestroyTexture(s->layer.texture);
    free(s);
}

void screens_set_diagram(struct screens *s, struct diagram_view *dv)
{
    s->dview = dv; /* shown from the session screen's next static layer on */
}

/* ---- what screens do ------------------------------------------------------ */

void screens_go(struct screens *s, enum screen_id to)
{
    if (table[to]->enter)
        table[to]->enter(s, s->screen);
    s->screen = to;
    s->dirty = true;
    s->damage.stale = true;
    fonts_unmark(s->ui->fonts);
    s->close_fonts = true; /* once the new screen is drawn: what it does not use goes */
    s->layer.key = 0;
    log_info("screen: %s", screen_name(to));
}

void screens_absorb(struct screens *s)
{
    enum session_change ch = session_update(s->session);
    uint64_t now = session_last_now(s->session);
    if (ch & SESSION_CHANGED_PICTURE)
        s->dirty = true;
    if (ch & SESSION_CHANGED_PHASE)
        s->layer.log_ball = true; /* the ball moved: say where it is drawn now */
    if (ops(s)->update)
        ops(s)->update(s, ch, now);
}

void screens_act(struct screens *s, enum session_change (*op)(struct session *c))
{
    op(s->session); /* what it brought about comes with the update */
    screens_absorb(s);
    s->dirty = true;
}

void screens_ask_quit(struct screens *s) { screens_go(s, SCREEN_QUIT_CONFIRM); }

void screens_quit(struct screens *s, const char *ended_by)
{
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

void screens_click(struct screens *s, int x, int y)
{
    if (ops(s)->click)
        ops(s)->click(s, x, y);
}

void screens_wheel(struct screens *s, int dy)
{
    if (dy != 0 && ops(s)->wheel)
        ops(s)->wheel(s, dy);
}

void screens_update(struct screens *s)
{
    if (s->close_fonts && !s->dirty) { /* the new screen's first frame is drawn */
        fonts_close_unmarked(s->ui->fonts);
        s->close_fonts = false;
    }
    if (s->ui->w != s->layer.seen_w || s->ui->h != s->layer.seen_h) {
        s->layer.seen_w = s->ui->w;
        s->layer.seen_h = s->ui->h;
        s->layer.log_ball = true; /* the diagram moved */
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
