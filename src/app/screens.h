/* screens.h - the front end's screens: library, checklist, caution, stop,
 * overview, session, quit-confirm, summary, red-flag, errors, history. Input
 * (keys, clicks, the wheel) and the
 * session's changes update them; drawing reads them and changes nothing.
 * app.c runs the loop
 *     screens_update -> input -> if screens_redraw_due: screens_prepare, screens_draw,
 *     present what screens_damage names
 * and script.c drives the same entry points as real input. The screens
 * never open or close a routine themselves: they ask (screens_take_request)
 * and app.c does it between frames. */
#pragma once

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

struct session;
struct diagram_view;
struct diag_list;
struct library;
struct screens;
struct ui;

enum screen_id {
    SCREEN_CHECKLIST,
    SCREEN_CAUTION,
    SCREEN_STOP,
    SCREEN_OVERVIEW,
    SCREEN_SESSION,
    SCREEN_SUMMARY,
    SCREEN_QUIT_CONFIRM,
    SCREEN_REDFLAG,
    SCREEN_ERRORS, /* the only screen of the window of a routine that failed check */
    SCREEN_HISTORY, /* the sessions done (screens_private.h: screens_show_history) */
    SCREEN_LIBRARY, /* the routines to choose from: the first screen without a routine */
    SCREEN_COUNT
};

/* The names the log ("screen: NAME") and scripts (wait-screen) use. */
const char *screen_name(enum screen_id s);
/* SCREEN_COUNT when unknown. */
enum screen_id screen_from_name(const char *name);

struct screens_options {
    struct ui *ui;            /* where they draw, and its size */
    SDL_Window *win;          /* for full screen */
    struct session *session;  /* the session they show and drive */
    /* What `check` says of the routine: its warnings, listed on the
     * overview; NULL or empty when it has nothing to say. Without a session,
     * the errors of the routine in `errors_file`, which failed. */
    const struct diag_list *diags;
    const char *errors_file;
    /* The routines to choose from (the library screen) and to follow this
     * one (the summary's Next buttons); NULL: not known (yet). */
    const struct library *library;
    const char *last_routine; /* library: the path to preselect (the one played last), or NULL */
    /* checklist: only the questions about the body area, and the routine's
     * own: a next routine in the same sitting, the rest was just answered. */
    bool area_only;
    bool from_library; /* errors: offer the way back to the library */
};

/* Everything in `o` must outlive the screens. Starts on the checklist; with
 * no session on the errors screen when errors_file is set, else on the
 * library. */
struct screens *screens_create(const struct screens_options *o);
void screens_destroy(struct screens *s); /* NULL is fine */
/* The library, when it is read after the first frame (for the summary). */
void screens_set_library(struct screens *s, const struct library *lib);
/* The diagram comes after the first frame. NULL: it could not be loaded, and
 * the overview refuses to start the session (it never plays blind). */
void screens_set_diagram(struct screens *s, struct diagram_view *dv);

/* A key press (SDL keycode; not its repeats) and its release, a left button
 * press at drawable pixel (x, y) and its release, a wheel turn (dy > 0 away
 * from the user). Most screens act on the press; a hold (the checklist's
 * "nothing to report") needs the release too. */
void screens_key(struct screens *s, SDL_Keycode key);
void screens_key_up(struct screens *s, SDL_Keycode key);
void screens_click(struct screens *s, int x, int y);
void screens_release(struct screens *s, int x, int y);
void screens_wheel(struct screens *s, int dy);
/* The pointer moved to drawable pixel (x, y), or left the window (inside
 * false): a button under it is drawn hovered. */
void screens_motion(struct screens *s, int x, int y, bool inside);
/* A file dropped on the window: opened as if chosen in the library, except
 * while a session goes on (it is ignored, with a log line). */
void screens_drop(struct screens *s, const char *path);
/* The window's close button. During a session it asks first (quit-confirm,
 * as Escape does); a second close while it asks, or a close on any other
 * screen, ends the app as "window-closed". */
void screens_window_close(struct screens *s);
/* Takes in what the session did by now (session_last_now() after it) and notices a
 * new window size or a new countdown second. */
void screens_update(struct screens *s);
/* After a frame is on the screen (`now` the clock it was drawn for): idle
 * work for the frames to come (the session's picture, drawn ahead while the
 * checklist and overview wait; in a session, the next position's diagram in
 * the last second before it). */
void screens_frame_shown(struct screens *s, uint64_t now);
/* Ends the app: a started session is stopped and recorded once, as ended by
 * `ended_by` ("done", "quit", "window-closed", "signal", "red-flag"). */
void screens_quit(struct screens *s, const char *ended_by);

/* The session-clock time at which a screen needs its next update and redraw
 * of its own (a hold filling up), or UINT64_MAX: the app sleeps no longer. */
uint64_t screens_next_deadline(const struct screens *s);

enum screen_id screen_current(const struct screens *s);
bool screens_want_quit(const struct screens *s);
/* Something visible changed since the last screens_prepare(). */
bool screens_redraw_due(const struct screens *s);
/* Before every draw: builds what the draw only copies (the session screen's
 * static layer) and writes the log lines that describe it. */
void screens_prepare(struct screens *s, uint64_t now);
/* Draws the current screen into the renderer's target (no present). */
void screens_draw(const struct screens *s, uint64_t now);
/* What the frame just drawn changed on top of the one before: *rects and
 * the count, or -1 when it was drawn whole (then present all of it). */
int screens_damage(const struct screens *s, const SDL_Rect **rects);
/* The window no longer holds the last frame (exposed, resized, or a
 * renderer that keeps nothing between frames): the next one is drawn whole. */
void screens_invalidate(struct screens *s);
/* The renderer lost its textures (SDL_RENDER_TARGETS_RESET): rebuild them. */
void screens_forget_textures(struct screens *s);

/* What the screens ask app.c to do between frames: open a routine (its
 * checklist, or the errors screen when it does not load) or go back to the
 * library, in both cases leaving the routine open now. */
enum screens_want { SCREENS_WANT_NOTHING, SCREENS_WANT_OPEN, SCREENS_WANT_LIBRARY };

struct screens_request {
    enum screens_want want;
    char *path;       /* SCREENS_WANT_OPEN: the file; the caller frees it */
    const char *from; /* "library", "drop" or "next": for the log */
    bool area_only;   /* a next routine in the same sitting (screens_options) */
};

bool screens_request_pending(const struct screens *s);
/* False when nothing is asked; else fills *r and forgets the request. */
bool screens_take_request(struct screens *s, struct screens_request *r);
