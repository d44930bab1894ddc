/* screens.h - the state the front end keeps between frames and the screens
 * that read and change it: checklist, caution, stop, overview, session,
 * quit-confirm, summary. Each screen has an update side (input and engine
 * events change the state) and a draw side (state to pixels, changing
 * nothing). app.c owns the loop; script.c drives the same entry points. */
#pragma once

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audio/audio.h"
#include "session/checklist.h"
#include "app/diagram_view.h"
#include "engine/engine.h"
#include "routine/routine.h"
#include "app/ui.h"

enum screen_id {
    SCREEN_CHECKLIST,
    SCREEN_CAUTION,
    SCREEN_STOP,
    SCREEN_OVERVIEW,
    SCREEN_SESSION,
    SCREEN_SUMMARY,
    SCREEN_QUIT_CONFIRM,
    SCREEN_COUNT
};

/* What happened to one ball position (per side, strip, pass). */
enum pos_status { POS_NONE, POS_DONE, POS_SKIPPED };

struct app_state {
    SDL_Window *win;
    struct ui ui;
    struct routine *routine;
    struct engine *engine;
    struct audio *audio;
    struct diagram_view *dview;
    struct checklist checklist;
    double speed; /* the --speed factor: timeline ms * speed = routine ms */

    enum screen_id screen;
    enum screen_id before_confirm; /* where quit-confirm returns to */
    bool paused_for_confirm;       /* quit-confirm paused a running session */
    size_t focus;                  /* checklist: item index, n_items = Continue */
    size_t scroll;                 /* checklist: first row shown */

    /* Session record. */
    bool session_started;
    int64_t started_unix;
    unsigned char *pos_status; /* enum pos_status by pos_index() */
    size_t max_positions;
    size_t steps_done;
    uint64_t elapsed_ms; /* session time played when it ended (done or quit) */
    uint64_t clock_start, clock_end; /* session clock at start and end, for time taken */

    /* Ending. */
    bool quit;
    int exit_status;
    const char *ended_by; /* history's "done", "quit", "window-closed", "signal" */
    bool window_closing;  /* a window close came before SDL_QUIT */

    /* Drawing. */
    bool dirty;               /* something visible changed: redraw */
    SDL_Texture *cache;       /* the session screen's static layer */
    uint64_t cache_key;       /* what the cache shows; 0 when stale */
    uint64_t drawn_dynamic;   /* the per-second part last drawn */
    bool log_ball;            /* log the ball's pixel position on the next static rebuild */
};

const char *screen_name(enum screen_id s);
/* SCREEN_COUNT when unknown. */
enum screen_id screen_from_name(const char *name);

void screens_init(struct app_state *s);
void screens_free(struct app_state *s);

/* A key press (SDL keycode) or a click at drawable pixel (x, y). */
void screens_key(struct app_state *s, SDL_Keycode key, uint64_t now);
void screens_click(struct app_state *s, int x, int y, uint64_t now);
/* A mouse wheel turn: dy > 0 away from the user (up). */
void screens_wheel(struct app_state *s, int dy);
/* Drains the engine's events into the state (records, screen changes). */
void screens_engine_events(struct app_state *s, uint64_t now);
/* A value that changes whenever the picture would (the per-second parts). */
uint64_t screens_dynamic_key(const struct app_state *s, uint64_t now);
/* Draws the current screen into the renderer's target (no present). */
void screens_draw(struct app_state *s, uint64_t now);

/* Ends the app: records history once if a session ran, sets quit. */
void screens_finish(struct app_state *s, const char *ended_by, uint64_t now);
