/* platform.c - see platform.h. The software renderer is the default: in our
 * measurements (shared/notes/headless-sdl.md) a GL renderer costs about 90 MB
 * and 60 ms more at start, for a screen that changes once a second. The hints
 * are set at normal priority, so SDL_RENDER_DRIVER and
 * SDL_FRAMEBUFFER_ACCELERATION in the environment still win. */
#include "app/platform.h"

#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/i18n.h"
#include "util/log.h"

/* Unless SDL_VIDEODRIVER says otherwise, only the drivers that show a
 * window, in SDL's own order: never the offscreen or dummy fallback, and no
 * Wayland attempt without XDG_RUNTIME_DIR (libwayland prints a line of its
 * own there, and cannot connect anyway). */
static void set_video_drivers(void)
{
    const char *asked = getenv("SDL_VIDEODRIVER");
    if (asked && *asked)
        return;
    const char *runtime = getenv("XDG_RUNTIME_DIR");
    SDL_SetHint(SDL_HINT_VIDEODRIVER, runtime && *runtime ? "x11,wayland,kmsdrm" : "x11,kmsdrm");
}

/* SDL opens an X input method at start, and libX11 then parses the locale's
 * whole Compose table (measured: 50 M instructions, 6 ms of the first frame,
 * 0.5 MB kept) for composing characters from dead keys. The app reads keys,
 * never typed text, so unless the user names a Compose file it gets an empty
 * one. */
static void skip_compose_table(void)
{
    setenv("XCOMPOSEFILE", "/dev/null", 0);
}

/* The hints are set before SDL video starts: a software renderer without
 * framebuffer acceleration unless the environment asks for another. */
static void set_hints(void)
{
    set_video_drivers();
    skip_compose_table();
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    const char *driver = getenv("SDL_RENDER_DRIVER");
    if (!driver || strcmp(driver, "software") == 0)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    /* A session timer should keep the screen awake (SDL's default, stated). */
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
}

/* SDL falls back to its offscreen (or dummy) driver when no real one starts,
 * and then the program would run invisibly. Those drivers are for tests and
 * are used only when SDL_VIDEODRIVER names them. */
static bool invisible_driver_unasked(void)
{
    const char *cur = SDL_GetCurrentVideoDriver();
    if (!cur || (strcmp(cur, "offscreen") != 0 && strcmp(cur, "dummy") != 0))
        return false;
    const char *asked = getenv("SDL_VIDEODRIVER");
    return !asked || !strstr(asked, cur);
}

/* The one line a user without a display sees; the wording is part of the
 * interface (tests and the README quote it). */
static void no_display(const struct platform_window *pw, const char *why)
{
    log_debug("no display: %s", why);
    if (!pw->quiet_without_display)
        log_error("%s", _("no display: run it in a desktop session or under xvfb-run"));
}

bool platform_init(struct platform *p, const struct platform_window *pw)
{
    *p = (struct platform){0};
    set_hints();
    if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        no_display(pw, SDL_GetError());
        return false;
    }
    if (invisible_driver_unasked()) {
        no_display(pw, SDL_GetCurrentVideoDriver());
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        return false;
    }
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (pw->fullscreen)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    p->win = SDL_CreateWindow(pw->title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, pw->w,
                              pw->h, flags);
    if (!p->win) {
        log_error("%s: %s", _("cannot open a window"), SDL_GetError());
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        return false;
    }
    SDL_SetWindowMinimumSize(p->win, 320, 240);
    p->ren = SDL_CreateRenderer(p->win, -1, SDL_RENDERER_TARGETTEXTURE);
    if (!p->ren)
        p->ren = SDL_CreateRenderer(p->win, -1, 0);
    if (!p->ren) {
        log_error("%s: %s", _("cannot create a renderer"), SDL_GetError());
        SDL_DestroyWindow(p->win);
        p->win = NULL;
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        return false;
    }
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(p->ren, &info) == 0)
        log_debug("renderer: %s", info.name);
    return true;
}

void platform_finish(struct platform *p)
{
    if (!p->win && !p->ren)
        return;
    if (p->ren)
        SDL_DestroyRenderer(p->ren);
    if (p->win)
        SDL_DestroyWindow(p->win);
    *p = (struct platform){0};
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
}

void platform_output_size(SDL_Renderer *ren, int *w, int *h)
{
    if (SDL_GetRendererOutputSize(ren, w, h) != 0 || *w <= 0 || *h <= 0) {
        *w = 800;
        *h = 600;
    }
}

void platform_to_pixels(SDL_Window *win, SDL_Renderer *ren, int x, int y, int *px, int *py)
{
    int ww, wh, pw, ph;
    SDL_GetWindowSize(win, &ww, &wh);
    platform_output_size(ren, &pw, &ph);
    *px = ww > 0 ? (int)((long long)x * pw / ww) : x;
    *py = wh > 0 ? (int)((long long)y * ph / wh) : y;
}

bool platform_toggle_fullscreen(SDL_Window *win)
{
    bool on = !platform_fullscreen(win);
    if (SDL_SetWindowFullscreen(win, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) != 0) {
        log_warn("%s: %s", _("cannot switch full screen"), SDL_GetError());
        return !on;
    }
    return on;
}

bool platform_fullscreen(SDL_Window *win)
{
    return (SDL_GetWindowFlags(win) & SDL_WINDOW_FULLSCREEN_DESKTOP) != 0;
}

bool platform_save_png(SDL_Renderer *ren, const char *path)
{
    int w, h;
    platform_output_size(ren, &w, &h);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    if (!s) {
        log_warn("screenshot %s: %s", path, SDL_GetError());
        return false;
    }
    bool ok = SDL_RenderReadPixels(ren, NULL, s->format->format, s->pixels, s->pitch) == 0 &&
              IMG_SavePNG(s, path) == 0;
    if (!ok)
        log_warn("screenshot %s: %s", path, SDL_GetError());
    SDL_FreeSurface(s);
    return ok;
}

bool platform_keeps_frame(const struct platform *p)
{
    const char *redraw = getenv("SMR_REDRAW");
    if (redraw && strcmp(redraw, "whole") == 0)
        return false;
    SDL_RendererInfo info;
    return SDL_GetRendererInfo(p->ren, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE);
}

void platform_present(const struct platform *p, const SDL_Rect *rects, int n)
{
    if (n < 0 || !platform_keeps_frame(p)) {
        SDL_RenderPresent(p->ren);
        return;
    }
    /* What SDL_RenderPresent() does for the software renderer, for the rects
     * alone: run what is queued, then push just those parts to the window. */
    SDL_RenderFlush(p->ren);
    if (n > 0 && SDL_UpdateWindowSurfaceRects(p->win, rects, n) != 0) {
        log_debug("present of %d rects: %s; presenting all", n, SDL_GetError());
        SDL_RenderPresent(p->ren);
    }
}

double platform_monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}
