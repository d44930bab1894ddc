/* screens.h - the front end's screens: checklist, caution, stop, overview,
 * session, quit-confirm, summary. Input (keys, clicks, the wheel) and the
 * session's changes update them; drawing reads them and changes nothing.
 * app.c runs the loop
 *     screens_update -> input -> if screens_redraw_due: screens_prepare, screens_draw,
 *     present what screens_damage names
 * and script.c drives the same entry points as real input. */
#pragma once

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

struct session;
struct diagram_view;
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
};

/* Everything in `o` must outlive the screens. Starts on the checklist. */
struct screens *screens_create(const struct screens_options *o);
void screens_destroy(struct screens *s); /* NULL is fine */
/* The diagram comes after the first frame (NULL: "diagram unavailable"). */
void screens_set_diagram(struct screens *s, struct diagram_view *dv);

/* A key press (SDL keycode), a left click at drawable pixel (x, y), a wheel
 * turn (dy > 0 away from the user). */
void screens_key(struct screens *s, SDL_Keycode key);
void screens_click(struct screens *s, int x, int y);
void screens_wheel(struct screens *s, int dy);
/* Takes in what the session did by now (session_last_now() after it) and notices a
 * new window size or a new countdown second. */
void screens_update(struct screens *s);
/* Ends the app: a started session is stopped and recorded once, as ended by
 * `ended_by` ("done", "quit", "window-closed", "signal"). */
void screens_quit(struct screens *s, const char *ended_by);

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
