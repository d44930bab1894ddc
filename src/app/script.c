/* script.c - see script.h. One command per line, '#' starts a comment:
 *   key NAME        an SDL key name (y, n, Return, space, Right, Escape, F11...),
 *                   pressed and let go
 *   keydown NAME    pressed and held ...
 *   keyup NAME      ... until let go (a hold: `keydown a`, `wait 1600`, `keyup a`)
 *   click X Y       a left click at drawable pixel (X, Y), as in screenshots
 *   motion X Y      the pointer moves to drawable pixel (X, Y) (hover)
 *   wheel DY        the mouse wheel turned DY notches (> 0 away from the user)
 *   mousedown X Y   the left button pressed and held at (X, Y) ...
 *   mouseup X Y     ... and let go at (X, Y)
 *   close           the window's close button (through SDL's event queue, as
 *                   a window manager's close arrives)
 *   drop PATH       a file dropped on the window (SDL_DROPFILE through the
 *                   event queue, as a file manager's drop arrives); PATH is
 *                   the rest of the line and may hold spaces
 *   wait MS         let MS ms of session clock pass (the app runs normally)
 *   wait-screen S   until screen S is shown (library, checklist, caution, stop,
 *                   overview, session, summary, quit-confirm, red-flag, errors)
 *   wait-step N     until timeline step N has started
 *   wait-done       until the session is done
 *   screenshot NAME writes DIR/NAME.png of the next presented frame
 *   resize W H      sets the window size and waits until it took effect
 *   quit            ends the app (exit status 0), recording history
 * When the script ends without quit the app goes on as usual. Commands run
 * at the top of the loop, after the session's due events are taken in, so
 * a wait sees every change before the app sleeps; after a command that asks
 * to open or close a routine the rest waits until the app has done it. */
#include "app/script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/platform.h"
#include "app/screens.h"
#include "session/session.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

enum cmd_type { CMD_KEY, CMD_KEY_DOWN, CMD_KEY_UP, CMD_CLICK, CMD_MOUSE_DOWN, CMD_MOUSE_UP,
                CMD_CLOSE, CMD_MOTION, CMD_WAIT, CMD_WAIT_SCREEN, CMD_WAIT_STEP, CMD_WAIT_DONE, CMD_SHOT,
                CMD_RESIZE, CMD_QUIT, CMD_DROP, CMD_WHEEL };

static const struct {
    const char *word;
    enum cmd_type type;
} key_words[] = {{"key", CMD_KEY}, {"keydown", CMD_KEY_DOWN}, {"keyup", CMD_KEY_UP}},
  point_words[] = {{"click", CMD_CLICK}, {"mousedown", CMD_MOUSE_DOWN}, {"mouseup", CMD_MOUSE_UP}};

/* The command of `word` in one of the tables above, or -1. */
static int lookup(const char *word, bool keys)
{
    for (size_t i = 0; i < sizeof key_words / sizeof key_words[0]; i++) /* both three long */
        if (strcmp(word, keys ? key_words[i].word : point_words[i].word) == 0)
            return (int)(keys ? key_words[i].type : point_words[i].type);
    return -1;
}

struct cmd {
    enum cmd_type type;
    long a, b;
    char *path; /* the screenshot file, the file dropped */
    int line;
};

struct script {
    struct cmd *cmds;
    size_t n, pc;
    bool waiting;
    uint64_t until;
    bool shot_pending;
};

static bool parse_long(const char *s, long lo, long hi, long *out)
{
    if (!s)
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* "drop PATH": the path is the rest of the line, spaces and all. */
static bool parse_drop(char *text, struct cmd *c)
{
    char *p = text + 5, *end = p + strlen(p);
    while (*p == ' ' || *p == '\t')
        p++;
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        *--end = '\0';
    c->type = CMD_DROP;
    c->path = xstrdup(p);
    return *p != '\0';
}

static bool parse_line(char *text, const char *shot_dir, struct cmd *c)
{
    if (strncmp(text, "drop", 4) == 0 && (text[4] == ' ' || text[4] == '\t'))
        return parse_drop(text, c);
    char *save = NULL;
    char *word = strtok_r(text, " \t\r", &save);
    char *arg1 = strtok_r(NULL, " \t\r", &save);
    char *arg2 = strtok_r(NULL, " \t\r", &save);
    char *extra = strtok_r(NULL, " \t\r", &save);
    if (extra)
        return false;
    int keys = lookup(word, true), point = lookup(word, false);
    if (keys >= 0 && arg1 && !arg2) {
        SDL_Keycode k = SDL_GetKeyFromName(arg1);
        if (k == SDLK_UNKNOWN)
            return false;
        c->type = (enum cmd_type)keys;
        c->a = k;
    } else if (point >= 0 || strcmp(word, "motion") == 0) {
        c->type = point >= 0 ? (enum cmd_type)point : CMD_MOTION;
        return parse_long(arg1, 0, 100000, &c->a) && parse_long(arg2, 0, 100000, &c->b);
    } else if (strcmp(word, "close") == 0 && !arg1) {
        c->type = CMD_CLOSE;
    } else if (strcmp(word, "wheel") == 0 && !arg2) {
        c->type = CMD_WHEEL;
        return parse_long(arg1, -100, 100, &c->a);
    } else if (strcmp(word, "wait") == 0 && !arg2) {
        c->type = CMD_WAIT;
        return parse_long(arg1, 0, 86400000, &c->a);
    } else if (strcmp(word, "wait-screen") == 0 && arg1 && !arg2) {
        c->type = CMD_WAIT_SCREEN;
        c->a = screen_from_name(arg1);
        return c->a != SCREEN_COUNT;
    } else if (strcmp(word, "wait-step") == 0 && !arg2) {
        c->type = CMD_WAIT_STEP;
        return parse_long(arg1, 0, 10000000, &c->a);
    } else if (strcmp(word, "wait-done") == 0 && !arg1) {
        c->type = CMD_WAIT_DONE;
    } else if (strcmp(word, "screenshot") == 0 && arg1 && !arg2 && shot_dir &&
               !strchr(arg1, '/')) {
        c->type = CMD_SHOT;
        c->path = xasprintf("%s/%s.png", shot_dir, arg1);
    } else if (strcmp(word, "resize") == 0) {
        c->type = CMD_RESIZE;
        return parse_long(arg1, 320, 16384, &c->a) && parse_long(arg2, 240, 16384, &c->b);
    } else if (strcmp(word, "quit") == 0 && !arg1) {
        c->type = CMD_QUIT;
    } else {
        return false;
    }
    return true;
}

struct script *script_create(const char *path, const char *shot_dir)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        log_error("%s: %s", path, strerror(errno));
        return NULL;
    }
    struct script *sc = xcalloc(1, sizeof *sc);
    size_t cap = 0;
    char buf[1024];
    int line = 0;
    while (fgets(buf, sizeof buf, f)) {
        line++;
        char *hash = strchr(buf, '#');
        if (hash)
            *hash = '\0';
        buf[strcspn(buf, "\n")] = '\0';
        char *p = buf;
        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;
        if (!*p)
            continue;
        if (sc->n == cap) {
            cap = cap ? cap * 2 : 32;
            sc->cmds = xrealloc(sc->cmds, cap * sizeof sc->cmds[0]);
        }
        struct cmd c = {.line = line};
        if (!parse_line(p, shot_dir, &c)) {
            log_error("%s:%d: %s", path, line,
                      shot_dir || !strstr(p, "screenshot")
                          ? _("not a script command (see --help and README, 'Hacking')")
                          : _("screenshot needs --screenshot-dir"));
            free(c.path);
            fclose(f);
            script_destroy(sc);
            return NULL;
        }
        sc->cmds[sc->n++] = c;
    }
    fclose(f);
    return sc;
}

void script_destroy(struct script *sc)
{
    if (!sc)
        return;
    for (size_t i = 0; i < sc->n; i++)
        free(sc->cmds[i].path);
    free(sc->cmds);
    free(sc);
}

static bool step_started(const struct session *session, size_t n)
{
    if (!session || !session_started(session)) /* no session: the errors window */
        return false;
    const struct engine *e = session_engine(session);
    size_t i = engine_step_index(e);
    enum engine_state st = engine_state(e);
    if (i > n)
        return true;
    return i == n && (st == ENGINE_RUNNING || st == ENGINE_PAUSED || st == ENGINE_DONE);
}

static bool session_done(const struct session *session)
{
    return session && session_started(session) &&
           engine_state(session_engine(session)) == ENGINE_DONE;
}

/* Waits `ms` of session clock from the first time it is asked. */
static bool waited(struct script *sc, uint64_t ms, uint64_t now, uint64_t *wake)
{
    if (!sc->waiting) {
        sc->waiting = true;
        sc->until = now + ms;
    }
    if (now < sc->until) {
        *wake = sc->until;
        return false;
    }
    sc->waiting = false;
    return true;
}

/* Sets the window size, then waits (up to 3 s) until it took effect: the
 * window system answers asynchronously. */
static bool resized(struct script *sc, const struct cmd *c, SDL_Window *win, uint64_t now,
                    uint64_t *wake)
{
    int w, h;
    SDL_GetWindowSize(win, &w, &h);
    if (!sc->waiting) {
        SDL_SetWindowSize(win, (int)c->a, (int)c->b);
        sc->waiting = true;
        sc->until = now + 3000;
        *wake = now + 10;
        return false;
    }
    bool same = w == c->a && h == c->b;
    if (!same && now < sc->until) {
        *wake = now + 10;
        return false;
    }
    if (!same)
        log_warn("script:%d: the window stayed %dx%d", c->line, w, h);
    sc->waiting = false;
    return true;
}

/* What a window manager's close brings: SDL_WINDOWEVENT_CLOSE, then SDL_QUIT
 * (SDL's own order for the last window), handled by the app like real ones. */
static void push_close(SDL_Window *win)
{
    SDL_Event ev = {.type = SDL_WINDOWEVENT};
    ev.window.event = SDL_WINDOWEVENT_CLOSE;
    ev.window.windowID = SDL_GetWindowID(win);
    SDL_PushEvent(&ev);
    SDL_PushEvent(&(SDL_Event){.type = SDL_QUIT});
}

/* What a file manager's drop brings; SDL_free()d by whoever handles it. */
static void push_drop(SDL_Window *win, const char *path)
{
    SDL_Event ev = {.type = SDL_DROPFILE};
    ev.drop.file = SDL_strdup(path);
    ev.drop.windowID = SDL_GetWindowID(win);
    if (SDL_PushEvent(&ev) != 1)
        SDL_free(ev.drop.file);
}

/* Runs one command; false when the script must wait (until *wake). */
static bool run_one(struct script *sc, const struct script_target *t, const struct cmd *c,
                    uint64_t now, uint64_t *wake)
{
    *wake = UINT64_MAX;
    switch (c->type) {
    case CMD_KEY:
    case CMD_KEY_DOWN:
    case CMD_KEY_UP:
        log_debug("script:%d: key %s at %.3f", c->line, SDL_GetKeyName((SDL_Keycode)c->a),
                  platform_monotonic_ms());
        if (c->type != CMD_KEY_UP)
            screens_key(t->screens, (SDL_Keycode)c->a);
        if (c->type != CMD_KEY_DOWN)
            screens_key_up(t->screens, (SDL_Keycode)c->a);
        return true;
    case CMD_CLICK:
    case CMD_MOUSE_DOWN:
    case CMD_MOUSE_UP:
        if (c->type != CMD_MOUSE_UP)
            screens_click(t->screens, (int)c->a, (int)c->b);
        if (c->type != CMD_MOUSE_DOWN)
            screens_release(t->screens, (int)c->a, (int)c->b);
        return true;
    case CMD_CLOSE:
        push_close(t->win);
        return true;
    case CMD_DROP:
        push_drop(t->win, c->path);
        return true;
    case CMD_WHEEL:
        screens_wheel(t->screens, (int)c->a);
        return true;
    case CMD_MOTION:
        screens_motion(t->screens, (int)c->a, (int)c->b, true);
        return true;
    case CMD_WAIT:
        return waited(sc, (uint64_t)c->a, now, wake);
    case CMD_WAIT_SCREEN:
        return screen_current(t->screens) == (enum screen_id)c->a;
    case CMD_WAIT_STEP:
        return step_started(t->session, (size_t)c->a);
    case CMD_WAIT_DONE:
        return session_done(t->session);
    case CMD_SHOT:
        sc->shot_pending = true;
        *wake = now; /* the app draws, saves and calls script_shot_taken() */
        return false;
    case CMD_RESIZE:
        return resized(sc, c, t->win, now, wake);
    case CMD_QUIT:
        screens_quit(t->screens, "quit");
        return true;
    }
    return true;
}

uint64_t script_run(struct script *sc, const struct script_target *t, uint64_t now)
{
    while (sc->pc < sc->n && !screens_want_quit(t->screens)) {
        if (screens_request_pending(t->screens))
            return now; /* the rest is for the screens that come */
        uint64_t wake;
        if (!run_one(sc, t, &sc->cmds[sc->pc], now, &wake))
            return wake;
        sc->pc++;
    }
    return UINT64_MAX;
}

const char *script_pending_shot(const struct script *sc)
{
    return sc && sc->shot_pending && sc->pc < sc->n ? sc->cmds[sc->pc].path : NULL;
}

void script_shot_taken(struct script *sc)
{
    if (!sc || !sc->shot_pending)
        return;
    sc->shot_pending = false;
    sc->pc++;
}
