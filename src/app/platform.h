/* platform.h - the window, the renderer and the few OS facts the front end
 * needs (pixel sizes, fullscreen, PNG screenshots, the monotonic clock for
 * log lines). Everything SDL-video-specific that is not drawing lives here. */
#pragma once

#include <SDL.h>
#include <stdbool.h>

struct platform {
    SDL_Window *win;
    SDL_Renderer *ren;
};

struct platform_window {
    const char *title;
    int w, h; /* window points */
    bool fullscreen;
    /* Without a display say nothing (the caller has printed what matters). */
    bool quiet_without_display;
};

/* Initialises SDL video, opens a resizable HiDPI-aware window and a renderer
 * (software by default, see platform.c). SDL's invisible drivers (offscreen,
 * dummy) count as no display unless SDL_VIDEODRIVER asks for them. On failure
 * logs one line for the user, leaves *p zeroed and returns false. */
bool platform_init(struct platform *p, const struct platform_window *pw);
void platform_finish(struct platform *p); /* a zeroed struct is fine */

/* The drawable size in pixels (not window points). */
void platform_output_size(SDL_Renderer *ren, int *w, int *h);
/* Window point coordinates (mouse events) to drawable pixels. */
void platform_to_pixels(SDL_Window *win, SDL_Renderer *ren, int x, int y, int *px, int *py);
bool platform_toggle_fullscreen(SDL_Window *win); /* returns the new state */
bool platform_fullscreen(SDL_Window *win);

/* Reads what the renderer holds now (call before SDL_RenderPresent) and
 * writes it as PNG. False (and a logged warning) on failure. */
bool platform_save_png(SDL_Renderer *ren, const char *path);

/* True when the window keeps the frame last presented and parts of it can be
 * presented alone: SDL's software renderer draws straight into the window's
 * surface. Other renderers (and SMR_REDRAW=whole, to rule partial frames out
 * when something looks stale) draw and present every frame whole. */
bool platform_keeps_frame(const struct platform *p);
/* Shows what was drawn: only `rects` (n of them) when n >= 0 and the window
 * keeps its frame, else all of it. */
void platform_present(const struct platform *p, const SDL_Rect *rects, int n);

/* CLOCK_MONOTONIC in ms, for log lines benchmarks compare with other processes. */
double platform_monotonic_ms(void);
