/* script.c - see script.h. One command per line, '#' starts a comment:
 *   key NAME        an SDL key name (y, n, Return, space, Right, Escape, F11...)
 *   click X Y       a left click at drawable pixel (X, Y), as in screenshots
 *   wait MS         let MS ms of session clock pass (the app runs normally)
 *   wait-screen S   until screen S is shown (checklist, caution, stop,
 *                   overview, session, summary, quit-confirm)
 *   wait-step N     until timeline step N has started
 *   wait-done       until the session is done
 *   screenshot NAME writes DIR/NAME.png of the next presented frame
 *   resize W H      sets the window size and waits until it took effect
 *   quit            ends the app (exit status 0), recording history
 * When the script ends without quit the app goes on as usual. */
#include "app/script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/log.h"
#include "app/screens.h"
#include "util/util.h"

enum cmd_type { CMD_KEY, CMD_CLICK, CMD_WAIT, CMD_WAIT_SCREEN, CMD_WAIT_STEP, CMD_WAIT_DONE,
                CMD_SHOT, CMD_RESIZE, CMD_QUIT };

struct cmd {
    enum cmd_type type;
    long a, b;
    char *path; /* screenshot file */
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

static bool parse_line(char *text, const char *shot_dir, struct cmd *c)
{
    char *save = NULL;
    char *word = strtok_r(text, " \t\r", &save);
    char *arg1 = strtok_r(NULL, " \t\r", &save);
    char *arg2 = strtok_r(NULL, " \t\r", &save);
    char *extra = strtok_r(NULL, " \t\r", &save);
    if (extra)
        return false;
    if (strcmp(word, "key") == 0 && arg1 && !arg2) {
        SDL_Keycode k = SDL_GetKeyFromName(arg1);
        if (k == SDLK_UNKNOWN)
            return false;
        c->type = CMD_KEY;
        c->a = k;
    } else if (strcmp(word, "click") == 0) {
        c->type = CMD_CLICK;
        return parse_long(arg1, 0, 100000, &c->a) && parse_long(arg2, 0, 100000, &c->b);
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

static bool step_started(const struct app_state *s, size_t n)
{
    if (!s->session_started)
        return false;
    size_t i = engine_step_index(s->engine);
    enum engine_state st = engine_state(s->engine);
    if (i > n)
        return true;
    return i == n && (st == ENGINE_RUNNING || st == ENGINE_PAUSED || st == ENGINE_DONE);
}

uint64_t script_run(struct script *sc, struct app_state *s, uint64_t now)
{
    while (sc->pc < sc->n && !s->quit) {
        struct cmd *c = &sc->cmds[sc->pc];
        switch (c->type) {
        case CMD_KEY:
            log_debug("script:%d: key %s", c->line, SDL_GetKeyName((SDL_Keycode)c->a));
            screens_key(s, (SDL_Keycode)c->a, now);
            break;
        case CMD_CLICK:
            screens_click(s, (int)c->a, (int)c->b, now);
            break;
        case CMD_WAIT:
            if (!sc->waiting) {
                sc->waiting = true;
                sc->until = now + (uint64_t)c->a;
            }
            if (now < sc->until)
                return sc->until;
            sc->waiting = false;
            break;
        case CMD_WAIT_SCREEN:
            if (s->screen != (enum screen_id)c->a)
                return UINT64_MAX;
            break;
        case CMD_WAIT_STEP:
            if (!step_started(s, (size_t)c->a))
                return UINT64_MAX;
            break;
        case CMD_WAIT_DONE:
            if (!s->session_started || engine_state(s->engine) != ENGINE_DONE)
                return UINT64_MAX;
            break;
        case CMD_SHOT:
            if (!sc->shot_pending) {
                sc->shot_pending = true;
                s->dirty = true;
            }
            return now; /* the app draws, saves and calls script_shot_taken() */
        case CMD_RESIZE: {
            int w, h;
            SDL_GetWindowSize(s->win, &w, &h);
            if (!sc->waiting) {
                SDL_SetWindowSize(s->win, (int)c->a, (int)c->b);
                sc->waiting = true;
                sc->until = now + 3000;
                return now + 10;
            }
            if ((w != c->a || h != c->b) && now < sc->until)
                return now + 10; /* the window system answers asynchronously */
            if (w != c->a || h != c->b)
                log_warn("script:%d: the window stayed %dx%d", c->line, w, h);
            sc->waiting = false;
            s->dirty = true;
            break;
        }
        case CMD_QUIT:
            screens_finish(s, "quit", now);
            s->exit_status = 0;
            sc->pc++;
            return UINT64_MAX;
        }
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
