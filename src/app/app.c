/* app.c - app_run: opens the window, wires routine, session, audio and the
 * screens together and runs the quiet main loop. The loop sleeps in
 * SDL_WaitEventTimeout until the session's next deadline (a phase boundary, a
 * countdown second, a tick) or input, and redraws only when something visible
 * changed; nothing polls at a fixed rate. The session clock is the audio
 * stream's (session_now()). */
#include "app/app.h"

#include <SDL.h>
#include <limits.h>
#include <stdlib.h>

#include "app/diagram_view.h"
#include "app/fonts.h"
#include "app/platform.h"
#include "session/session.h"
#include "app/screens.h"
#include "app/script.h"
#include "app/ui.h"
#include "audio/audio.h"
#include "routine/routine.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/paths.h"

struct app {
    const struct app_options *opt;
    struct routine *routine;
    struct platform plat;
    struct fonts *fonts;
    struct ui ui;
    struct audio *audio;
    struct diagram_view *dview;
    struct session *session;
    struct screens *screens;
    struct script *script;
    bool dirty;          /* the window needs a redraw (exposed, resized) */
    int windowed_w, windowed_h; /* the last size outside full screen */
    bool window_closing; /* a window close came before SDL_QUIT */
};

static void resized(struct app *a)
{
    if (!platform_fullscreen(a->plat.win)) /* the size to come back to next time */
        SDL_GetWindowSize(a->plat.win, &a->windowed_w, &a->windowed_h);
    int w, h;
    platform_output_size(a->plat.ren, &w, &h);
    if (w != a->ui.w || h != a->ui.h)
        ui_set_size(&a->ui, w, h);
    a->dirty = true;
}

static void window_event(struct app *a, const SDL_WindowEvent *ev)
{
    switch (ev->event) {
    case SDL_WINDOWEVENT_CLOSE:
        a->window_closing = true;
        break;
    case SDL_WINDOWEVENT_SIZE_CHANGED:
    case SDL_WINDOWEVENT_RESIZED:
        resized(a);
        break;
    case SDL_WINDOWEVENT_LEAVE:
        screens_motion(a->screens, -1, -1, false); /* no hover outside */
        break;
    case SDL_WINDOWEVENT_EXPOSED:
    case SDL_WINDOWEVENT_RESTORED:
    case SDL_WINDOWEVENT_SHOWN:
        a->dirty = true;
        break;
    default:
        break;
    }
}

static void handle_event(struct app *a, const SDL_Event *ev)
{
    switch (ev->type) {
    case SDL_QUIT:
        /* A closed window or SIGINT/SIGTERM (SDL turns both into SDL_QUIT).
         * A close during a session asks first; a signal does not wait. */
        if (a->window_closing)
            screens_window_close(a->screens);
        else
            screens_quit(a->screens, "signal");
        a->window_closing = false;
        break;
    case SDL_WINDOWEVENT:
        window_event(a, &ev->window);
        break;
    case SDL_KEYDOWN:
        if (!ev->key.repeat) /* holding Right must not skip through the session */
            screens_key(a->screens, ev->key.keysym.sym);
        break;
    case SDL_KEYUP:
        screens_key_up(a->screens, ev->key.keysym.sym);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (ev->button.button == SDL_BUTTON_LEFT) {
            int x, y;
            platform_to_pixels(a->plat.win, a->plat.ren, ev->button.x, ev->button.y, &x, &y);
            if (ev->type == SDL_MOUSEBUTTONDOWN)
                screens_click(a->screens, x, y);
            else
                screens_release(a->screens, x, y);
        }
        break;
    case SDL_MOUSEMOTION: {
        int x, y;
        platform_to_pixels(a->plat.win, a->plat.ren, ev->motion.x, ev->motion.y, &x, &y);
        screens_motion(a->screens, x, y, true);
        break;
    }
    case SDL_MOUSEWHEEL:
        screens_wheel(a->screens, ev->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -ev->wheel.y
                                                                                : ev->wheel.y);
        break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        screens_forget_textures(a->screens);
        ui_drop_textures(&a->ui);
        break;
    default:
        break;
    }
}

static int timeout_until(uint64_t deadline, uint64_t now)
{
    if (deadline == UINT64_MAX)
        return -1; /* nothing scheduled: sleep until input */
    if (deadline <= now)
        return 1; /* never 0: a clock that moves in steps must not make us spin */
    uint64_t d = deadline - now;
    return d > INT_MAX ? INT_MAX : (int)d;
}

/* What the first screen (the checklist) does not need waits until it is
 * shown: the real audio device (a slow sound system must not delay the
 * window) and the diagram, which is rasterized from SVG. */
static void after_first_frame(struct app *a)
{
    char *assets = paths_assets_dir();
    a->dview = diagram_view_create(a->ui.ren, a->routine->diagram, assets);
    free(assets);
    screens_set_diagram(a->screens, a->dview);

    struct audio_options ao = {
        .volume = a->opt->volume,
        .mute = a->opt->mute,
        .voice = a->opt->voice,
        .language = a->routine->language,
    };
    struct audio *au = audio_create(&ao);
    session_set_audio(a->session, au);
    audio_destroy(a->audio);
    a->audio = au;
    audio_prepare(a->audio, a->routine, engine_timeline(session_engine(a->session)));
    log_debug("start: diagram and audio ready at %.3f", platform_monotonic_ms());
}

/* Draws and presents a frame, saving it first when the script asks: whole,
 * or where a countdown second changed only a few parts, just those (drawn
 * and presented). The screenshot reads the window's whole frame either way. */
static void draw_frame(struct app *a, uint64_t now, const char *shot)
{
    if (a->dirty || !platform_keeps_frame(&a->plat))
        screens_invalidate(a->screens); /* exposed, resized: nothing kept */
    a->dirty = false;
    screens_prepare(a->screens, now);
    screens_draw(a->screens, now);
    const SDL_Rect *rects;
    int n = screens_damage(a->screens, &rects);
    enum screen_id current = screen_current(a->screens);
    log_debug("frame: %s at %llu, %s %d", screen_name(current), (unsigned long long)now,
              n < 0 ? "whole" : "rects", n < 0 ? 1 : n);
    if (shot) {
        platform_save_png(a->plat.ren, shot);
        log_info("script: screenshot %s of %s", shot, screen_name(current));
        script_shot_taken(a->script);
    }
    platform_present(&a->plat, rects, n);
    log_debug("present: %s at %.3f", screen_name(current), platform_monotonic_ms());
    ui_end_frame(&a->ui);
}

/* Sleeps up to timeout_ms (-1: until input), then handles all that came. */
static void wait_events(struct app *a, int timeout_ms)
{
    SDL_Event ev;
    if (!SDL_WaitEventTimeout(&ev, timeout_ms))
        return;
    handle_event(a, &ev);
    while (!screens_want_quit(a->screens) && SDL_PollEvent(&ev))
        handle_event(a, &ev);
}

/* Sleeps until the next deadline or input, then handles what came. */
static void wait_and_handle(struct app *a, uint64_t script_wake)
{
    uint64_t deadline = session_next_deadline(a->session);
    uint64_t screen_wake = screens_next_deadline(a->screens);
    if (screen_wake < deadline)
        deadline = screen_wake;
    if (script_wake < deadline)
        deadline = script_wake;
    wait_events(a, timeout_until(deadline, session_now(a->session)));
}

static void run_loop(struct app *a)
{
    bool first = true;
    while (!screens_want_quit(a->screens)) {
        screens_update(a->screens);
        uint64_t now = session_last_now(a->session); /* what the state is as of */
        uint64_t script_wake = UINT64_MAX;
        if (a->script && !first)
            script_wake = script_run(a->script,
                                     &(struct script_target){a->screens, a->session, a->plat.win},
                                     now);
        if (screens_want_quit(a->screens))
            break;

        const char *shot = script_pending_shot(a->script);
        if (a->dirty || screens_redraw_due(a->screens) || shot) {
            draw_frame(a, now, shot);
            if (first) {
                first = false;
                log_info("first frame presented at monotonic_ms=%.3f", platform_monotonic_ms());
                after_first_frame(a);
                continue;
            }
            if (shot)
                continue;
        }
        if (script_wake > now)
            wait_and_handle(a, script_wake);
    }
}

/* The window, the fonts and the drawing state; false after one line for
 * the user (none for a missing display when `quiet`). */
static bool open_window(struct app *a, bool quiet)
{
    const struct app_options *o = a->opt;
    if (!platform_init(&a->plat, &(struct platform_window){
                                     .title = "smr-timer",
                                     .w = o->window_w > 0 ? o->window_w : 1280,
                                     .h = o->window_h > 0 ? o->window_h : 720,
                                     .fullscreen = o->fullscreen,
                                     .quiet_without_display = quiet}))
        return false;
    log_debug("start: window open at %.3f", platform_monotonic_ms());
    a->fonts = fonts_create();
    if (!a->fonts)
        return false;
    log_debug("start: fonts found at %.3f", platform_monotonic_ms());
    ui_init(&a->ui, a->plat.ren, a->fonts);
    resized(a);
    return true;
}

/* Everything up to the loop, in the order a user without a display, a font
 * or a usable routine hears of it first. Returns the exit status on failure. */
static int start(struct app *a)
{
    log_debug("start: app_run at %.3f", platform_monotonic_ms());
    const struct app_options *o = a->opt;
    if (o->script_path) {
        a->script = script_create(o->script_path, o->screenshot_dir);
        if (!a->script)
            return 2;
    }
    struct engine_options eo;
    engine_default_options(&eo);
    eo.speed = o->speed > 0 ? o->speed : 1.0;
    a->audio = audio_create(&(struct audio_options){.backend = "null"});
    a->session = session_create(a->routine, a->audio, &eo);
    if (!a->session) {
        log_error("%s", _("cannot build the session from this routine"));
        return 1;
    }
    if (!open_window(a, false))
        return 1;
    a->screens = screens_create(&(struct screens_options){
        .ui = &a->ui, .win = a->plat.win, .session = a->session, .diags = o->diags});
    return 0;
}

static void stop(struct app *a)
{
    screens_destroy(a->screens);
    audio_destroy(a->audio);
    diagram_view_destroy(a->dview);
    ui_finish(&a->ui);
    fonts_destroy(a->fonts);
    platform_finish(&a->plat);
    session_destroy(a->session);
    routine_destroy(a->routine);
    script_destroy(a->script);
    SDL_Quit();
}

/* How the user left what they can change from the window. */
static void result_of(const struct app *a, struct app_result *r)
{
    *r = (struct app_result){.mute = session_muted(a->session),
                             .fullscreen = platform_fullscreen(a->plat.win),
                             .window_w = a->windowed_w,
                             .window_h = a->windowed_h};
}

int app_run(const struct app_options *o, struct app_result *result)
{
    struct app a = {.opt = o, .routine = o->routine};
    int status = start(&a);
    if (result)
        *result = (struct app_result){.mute = o->mute, .fullscreen = o->fullscreen};
    if (status == 0) {
        run_loop(&a);
        log_info("session: steps_done=%zu elapsed_ms=%llu", session_progress(a.session)->steps_done,
                 (unsigned long long)session_elapsed_ms(a.session));
        if (result)
            result_of(&a, result);
    }
    stop(&a);
    return status;
}

/* The errors window has no session and so no session clock: it waits for
 * input (or the script) and draws when something changed. */
static void errors_loop(struct app *a)
{
    while (!screens_want_quit(a->screens)) {
        uint64_t now = SDL_GetTicks64(), wake = UINT64_MAX;
        if (a->script)
            wake = script_run(a->script, &(struct script_target){a->screens, NULL, a->plat.win},
                              now);
        if (screens_want_quit(a->screens))
            break;
        const char *shot = script_pending_shot(a->script);
        if (a->dirty || screens_redraw_due(a->screens) || shot) {
            draw_frame(a, now, shot);
            if (shot)
                continue;
        }
        wait_events(a, timeout_until(wake, SDL_GetTicks64()));
    }
}

int app_show_errors(const struct app_options *o, const char *file)
{
    struct app a = {.opt = o};
    if (o->script_path)
        a.script = script_create(o->script_path, o->screenshot_dir);
    /* Without a display the lines on stderr are all there is to say. */
    if ((a.script || !o->script_path) && open_window(&a, true)) {
        a.screens = screens_create(&(struct screens_options){
            .ui = &a.ui, .win = a.plat.win, .diags = o->diags, .errors_file = file});
        log_info("screen: %s", screen_name(SCREEN_ERRORS));
        errors_loop(&a);
    }
    stop(&a);
    return 1;
}
