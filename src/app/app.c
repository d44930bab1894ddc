/* app.c - app_run: opens the window, wires routine, session, audio and the
 * screens together and runs the quiet main loop. It starts on the routine
 * main gives it, or without one on the library screen; a routine chosen
 * there, dropped on the window or followed from the summary ("next") is
 * opened here between frames, on the screens' request (screens_take_request),
 * after what was open is ended and freed. The loop sleeps in
 * SDL_WaitEventTimeout until the session's next deadline (a phase boundary, a
 * countdown second, a tick) or input, and redraws only when something visible
 * changed; nothing polls at a fixed rate. The session clock is the audio
 * stream's (session_now()). */
#include "app/app.h"

#include <SDL.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "app/diagram_view.h"
#include "app/fonts.h"
#include "app/platform.h"
#include "session/session.h"
#include "app/screens.h"
#include "app/script.h"
#include "app/ui.h"
#include "audio/audio.h"
#include "routine/library.h"
#include "routine/routine.h"
#include "session/history.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/util.h"

struct app {
    const struct app_options *opt;
    struct platform plat;
    struct fonts *fonts;
    struct ui ui;
    struct screens *screens;
    struct script *script;
    bool dirty;          /* the window needs a redraw (exposed, resized) */
    int windowed_w, windowed_h; /* the last size outside full screen */
    bool window_closing; /* a window close came before SDL_QUIT */
    bool muted;          /* M, carried from one routine's session to the next */
    struct library library; /* read when first needed (have_library) */
    bool have_library;
    char *played; /* the absolute path of the routine opened last, or NULL */

    /* The routine open now and what is made of it: all NULL on the library
     * screen; on the errors screen only errors_file and diags. */
    struct routine *routine;
    struct diag_list diags; /* what loading a routine the app opened said */
    char *errors_file;
    struct audio *audio;
    struct diagram_view *dview;
    struct session *session;
    bool media_due; /* its diagram and sound device wait for its first frame */
};

/* The time the state is as of: the session's clock, or SDL's without one
 * (the session clock starts from SDL's too, audio.h). */
static uint64_t app_now(const struct app *a)
{
    return a->session ? session_last_now(a->session) : SDL_GetTicks64();
}

static uint64_t clock_now(const struct app *a)
{
    return a->session ? session_now(a->session) : SDL_GetTicks64();
}

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

/* A file dropped on the window opens (screens_drop says when); text
 * dragged from another program is nothing to open. SDL gives us the name. */
static void dropped(struct app *a, const SDL_DropEvent *ev)
{
    if (ev->type == SDL_DROPFILE) {
        log_info("drop: %s", ev->file);
        screens_drop(a->screens, ev->file);
    }
    SDL_free(ev->file);
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
    case SDL_DROPFILE:
    case SDL_DROPTEXT:
        dropped(a, &ev->drop);
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

/* Sleeps up to timeout_ms (-1: until input), then handles all that came,
 * up to a request to open or close a routine: what comes after it is for
 * the screens that follow. */
static void wait_events(struct app *a, int timeout_ms)
{
    SDL_Event ev;
    if (!SDL_WaitEventTimeout(&ev, timeout_ms))
        return;
    handle_event(a, &ev);
    while (!screens_want_quit(a->screens) && !screens_request_pending(a->screens) &&
           SDL_PollEvent(&ev))
        handle_event(a, &ev);
}

/* Sleeps until the next deadline or input, then handles what came. */
static void wait_and_handle(struct app *a, uint64_t script_wake)
{
    uint64_t deadline = a->session ? session_next_deadline(a->session) : UINT64_MAX;
    uint64_t screen_wake = screens_next_deadline(a->screens);
    if (screen_wake < deadline)
        deadline = screen_wake;
    if (script_wake < deadline)
        deadline = script_wake;
    wait_events(a, timeout_until(deadline, clock_now(a)));
}

/* ---- the routine open now -------------------------------------------------- */

/* The routines of both folders, read again. */
static void load_library(struct app *a)
{
    library_finish(&a->library);
    library_init_default(&a->library);
    a->have_library = true;
}

/* When each routine was last done, from the history: for the library
 * screen only (the history is not read for a routine named on the command
 * line, whose own line is all the session writes). */
static void note_last_done(struct app *a)
{
    char *path = history_default_path();
    struct history h = {0};
    if (path && history_init(&h, path))
        for (size_t i = 0; i < a->library.n; i++) {
            const char *id = a->library.entries[i].id;
            const struct history_entry *e = history_last_of(&h, id);
            if (e)
                library_set_last_done(&a->library, id, e->started_unix);
        }
    history_finish(&h);
    free(path);
}

/* Ends what is open (a session under way is recorded as quit; one that
 * ran to its end or never started is not recorded again) and frees it. */
static void close_routine(struct app *a)
{
    if (a->session) {
        a->muted = session_muted(a->session);
        session_end(a->session, "quit");
        log_info("session: steps_done=%zu elapsed_ms=%llu",
                 session_progress(a->session)->steps_done,
                 (unsigned long long)session_elapsed_ms(a->session));
    }
    session_destroy(a->session);
    audio_destroy(a->audio);
    diagram_view_destroy(a->dview);
    routine_destroy(a->routine);
    diag_list_finish(&a->diags);
    free(a->errors_file);
    a->session = NULL;
    a->audio = NULL;
    a->dview = NULL;
    a->routine = NULL;
    a->errors_file = NULL;
    a->media_due = false;
}

/* A session of r (which the app now owns), silent until its first frame is
 * shown; false after one line for the user. */
static bool open_session(struct app *a, struct routine *r)
{
    a->routine = r;
    if (r->file) { /* as found now: an absolute path that still means it later */
        free(a->played);
        a->played = realpath(r->file, NULL);
    }
    struct engine_options eo;
    engine_default_options(&eo);
    eo.speed = a->opt->speed > 0 ? a->opt->speed : 1.0;
    a->audio = audio_create(&(struct audio_options){.backend = "null"});
    a->session = session_create(r, a->audio, &eo);
    if (!a->session) {
        log_error("%s", _("cannot build the session from this routine"));
        return false;
    }
    session_set_muted(a->session, a->muted);
    a->media_due = true;
    return true;
}

/* What the checklist does not need waits until it is shown: the real audio
 * device (a slow sound system must not delay the window) and the diagram,
 * which is rasterized from SVG. The library (for the summary's Next
 * buttons) after them. */
static void after_frame(struct app *a)
{
    if (a->session)
        session_flush(a->session); /* the record of what the frame shows */
    if (a->media_due) {
        a->media_due = false;
        char *assets = paths_assets_dir();
        a->dview = diagram_view_create(a->ui.ren, a->routine->diagram, assets);
        free(assets);
        screens_set_diagram(a->screens, a->dview);
        struct audio_options ao = {
            .volume = a->opt->volume,
            .mute = session_muted(a->session),
            .voice = a->opt->voice,
            .repeat_instructions = a->opt->repeat_instructions,
            .language = a->routine->language,
        };
        struct audio *au = audio_create(&ao);
        session_set_audio(a->session, au);
        audio_destroy(a->audio);
        a->audio = au;
        audio_prepare(a->audio, a->routine, engine_timeline(session_engine(a->session)));
        log_debug("start: diagram and audio ready at %.3f", platform_monotonic_ms());
    }
    screens_frame_shown(a->screens, app_now(a));
    if (a->session && !a->have_library) {
        load_library(a);
        screens_set_library(a->screens, &a->library);
    }
}

static void show(struct app *a, const struct screens_options *o)
{
    a->screens = screens_create(o);
    a->dirty = true;
    log_info("screen: %s", screen_name(screen_current(a->screens)));
}

/* Back to the library, read again: a session just done is "today" now. */
static void show_library(struct app *a)
{
    close_routine(a);
    load_library(a);
    note_last_done(a);
    show(a, &(struct screens_options){
                .ui = &a->ui, .win = a->plat.win, .library = &a->library,
                .last_routine = a->played ? a->played : a->opt->last_routine});
}

/* Opens a routine file as main does (loaded, validated, its next ids
 * known), on its checklist; one that does not load opens on the errors
 * screen, which leads back to the library. */
static void open_file(struct app *a, const char *path, const char *from, bool area_only)
{
    log_info("open: %s (from %s)", path, from);
    if (!a->have_library)
        load_library(a);
    close_routine(a);
    struct routine *r = NULL;
    bool ok = routine_create_from_file(path, &r, &a->diags);
    if (ok && !library_check_next(&a->library, r, &a->diags)) {
        routine_destroy(r);
        ok = false;
    }
    for (size_t i = 0; i < a->diags.n; i++)
        log_warn("%s: %s%s%s", path, a->diags.items[i].path, a->diags.items[i].path[0] ? ": " : "",
                 a->diags.items[i].message);
    struct screens_options so = {.ui = &a->ui, .win = a->plat.win, .diags = &a->diags,
                                 .library = &a->library, .from_library = true,
                                 .area_only = area_only};
    if (!ok) {
        a->errors_file = xstrdup(path);
        so.errors_file = a->errors_file;
    } else if (open_session(a, r)) {
        so.session = a->session;
    } else {
        show_library(a);
        return;
    }
    show(a, &so);
}

/* Acts on what the screens asked, between frames; false when nothing was. */
static bool serve_request(struct app *a)
{
    struct screens_request req;
    if (!screens_take_request(a->screens, &req))
        return false;
    screens_destroy(a->screens); /* they point into what closes now */
    a->screens = NULL;
    if (req.want == SCREENS_WANT_LIBRARY)
        show_library(a);
    else
        open_file(a, req.path, req.from, req.area_only);
    free(req.path);
    return true;
}

static void run_loop(struct app *a)
{
    bool first = true;
    while (!screens_want_quit(a->screens)) {
        serve_request(a);
        screens_update(a->screens);
        uint64_t now = app_now(a); /* what the state is as of */
        uint64_t script_wake = UINT64_MAX;
        if (a->script && !first)
            script_wake = script_run(a->script,
                                     &(struct script_target){a->screens, a->session, a->plat.win},
                                     now);
        if (screens_want_quit(a->screens))
            break;
        if (screens_request_pending(a->screens))
            continue;

        const char *shot = script_pending_shot(a->script);
        if (a->dirty || screens_redraw_due(a->screens) || shot) {
            draw_frame(a, now, shot);
            if (first) /* on the screen now; what after_frame() loads comes after */
                log_info("first frame presented at monotonic_ms=%.3f", platform_monotonic_ms());
            after_frame(a);
            if (first) {
                first = false;
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
    struct fonts_lookup *fonts = fonts_lookup_start(); /* while the window opens */
    if (!platform_init(&a->plat, &(struct platform_window){
                                     .title = "smr-timer",
                                     .w = o->window_w > 0 ? o->window_w : 1280,
                                     .h = o->window_h > 0 ? o->window_h : 720,
                                     .fullscreen = o->fullscreen,
                                     .quiet_without_display = quiet})) {
        fonts_lookup_finish(fonts);
        return false;
    }
    SDL_EventState(SDL_DROPFILE, SDL_ENABLE); /* a routine file dropped on the window opens */
    log_debug("start: window open at %.3f", platform_monotonic_ms());
    a->fonts = fonts_create(fonts);
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
    if (o->routine && !open_session(a, o->routine))
        return 1;
    if (!open_window(a, false))
        return 1;
    if (a->session) {
        a->screens = screens_create(&(struct screens_options){
            .ui = &a->ui, .win = a->plat.win, .session = a->session, .diags = o->diags});
        return 0;
    }
    load_library(a);
    note_last_done(a);
    show(a, &(struct screens_options){.ui = &a->ui, .win = a->plat.win, .library = &a->library,
                                      .last_routine = o->last_routine});
    return 0;
}

static void stop(struct app *a)
{
    screens_destroy(a->screens);
    close_routine(a);
    library_finish(&a->library);
    ui_finish(&a->ui);
    fonts_destroy(a->fonts);
    platform_finish(&a->plat);
    script_destroy(a->script);
    free(a->played);
    SDL_Quit();
}

/* How the user left what they can change from the window. */
static void result_of(struct app *a, struct app_result *r)
{
    *r = (struct app_result){.mute = a->session ? session_muted(a->session) : a->muted,
                             .fullscreen = platform_fullscreen(a->plat.win),
                             .window_w = a->windowed_w,
                             .window_h = a->windowed_h,
                             .played = a->played};
    a->played = NULL; /* the caller's now */
}

int app_run(const struct app_options *o, struct app_result *result)
{
    struct app a = {.opt = o, .muted = o->mute};
    int status = start(&a);
    if (!a.routine && o->routine) /* taken over even when the session cannot be made */
        routine_destroy(o->routine);
    if (result)
        *result = (struct app_result){.mute = o->mute, .fullscreen = o->fullscreen};
    if (status == 0) {
        run_loop(&a);
        log_info("app: ended on the %s screen", screen_name(screen_current(a.screens)));
        if (result)
            result_of(&a, result);
    }
    stop(&a);
    return status;
}

int app_show_errors(const struct app_options *o, const char *file)
{
    struct app a = {.opt = o};
    if (o->script_path)
        a.script = script_create(o->script_path, o->screenshot_dir);
    /* Without a display the lines on stderr are all there is to say. */
    if ((a.script || !o->script_path) && open_window(&a, true)) {
        show(&a, &(struct screens_options){
                     .ui = &a.ui, .win = a.plat.win, .diags = o->diags, .errors_file = file});
        run_loop(&a);
    }
    stop(&a);
    return 1;
}
