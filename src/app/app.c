/* app.c - app_run: opens the window, wires routine, engine, audio and the
 * screens together and runs the quiet main loop. The loop sleeps in
 * SDL_WaitEventTimeout until the engine's next deadline (a phase boundary, a
 * countdown second, a tick) or input, and redraws only when something visible
 * changed; nothing polls at a fixed rate. The session clock is audio_clock_ms(). */
#include "app/app.h"

#include <SDL.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "audio/audio.h"
#include "app/fonts.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/paths.h"
#include "app/platform.h"
#include "app/screens.h"
#include "app/script.h"

static void resized(struct app_state *s)
{
    int w, h;
    platform_output_size(s->ui.ren, &w, &h);
    if (w != s->ui.w || h != s->ui.h) {
        ui_set_size(&s->ui, w, h);
        s->log_ball = true; /* the diagram moved: say where the ball is drawn now */
    }
    s->dirty = true;
}

static void handle_event(struct app_state *s, const SDL_Event *ev, uint64_t now)
{
    switch (ev->type) {
    case SDL_QUIT:
        /* A closed window or SIGINT/SIGTERM (SDL turns both into SDL_QUIT). */
        screens_finish(s, s->window_closing ? "window-closed" : "signal", now);
        break;
    case SDL_WINDOWEVENT:
        switch (ev->window.event) {
        case SDL_WINDOWEVENT_CLOSE:
            s->window_closing = true;
            break;
        case SDL_WINDOWEVENT_SIZE_CHANGED:
        case SDL_WINDOWEVENT_RESIZED:
            resized(s);
            break;
        case SDL_WINDOWEVENT_EXPOSED:
        case SDL_WINDOWEVENT_RESTORED:
        case SDL_WINDOWEVENT_SHOWN:
            s->dirty = true;
            break;
        default:
            break;
        }
        break;
    case SDL_KEYDOWN:
        if (!ev->key.repeat) /* holding Right must not skip through the session */
            screens_key(s, ev->key.keysym.sym, now);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.button == SDL_BUTTON_LEFT) {
            int x, y;
            platform_to_pixels(s->win, s->ui.ren, ev->button.x, ev->button.y, &x, &y);
            screens_click(s, x, y, now);
        }
        break;
    case SDL_MOUSEWHEEL:
        screens_wheel(s, ev->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -ev->wheel.y : ev->wheel.y);
        break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        s->cache_key = 0;
        ui_release(&s->ui);
        s->dirty = true;
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
static void after_first_frame(struct app_state *s, const struct app_options *o)
{
    char *assets = paths_assets_dir();
    s->dview = diagram_view_create(s->ui.ren, s->routine->diagram, assets);
    free(assets);

    struct audio_options ao = {
        .volume = o->volume,
        .mute = o->mute,
        .voice = o->voice,
        .language = s->routine->language,
    };
    struct audio *a = audio_open(&ao);
    audio_close(s->audio);
    s->audio = a;
    audio_prepare(s->audio, s->routine, engine_timeline(s->engine));
    log_debug("start: diagram and audio ready at %.3f", platform_monotonic_ms());
}

static void run_loop(struct app_state *s, const struct app_options *o, struct script *sc)
{
    bool first = true;
    uint64_t drawn_key = 0;
    while (!s->quit) {
        uint64_t now = audio_clock_ms(s->audio);
        engine_update(s->engine, now);
        screens_engine_events(s, now);
        uint64_t script_wake = UINT64_MAX;
        if (sc && !first)
            script_wake = script_run(sc, s, now);
        if (s->quit)
            break;

        const char *shot = script_pending_shot(sc);
        uint64_t key = screens_dynamic_key(s, now);
        if (s->dirty || key != drawn_key || shot) {
            s->dirty = false;
            drawn_key = key;
            screens_draw(s, now);
            log_debug("frame: %s at %llu", screen_name(s->screen), (unsigned long long)now);
            if (shot) {
                platform_save_png(s->ui.ren, shot);
                log_info("script: screenshot %s of %s", shot, screen_name(s->screen));
                script_shot_taken(sc);
            }
            SDL_RenderPresent(s->ui.ren);
            log_debug("present: %s at %.3f", screen_name(s->screen), platform_monotonic_ms());
            if (first) {
                first = false;
                log_info("first frame presented at monotonic_ms=%.3f", platform_monotonic_ms());
                after_first_frame(s, o);
                continue;
            }
            if (shot)
                continue;
        }
        if (script_wake <= now)
            continue;

        uint64_t deadline = engine_next_deadline(s->engine, now);
        if (script_wake < deadline)
            deadline = script_wake;
        SDL_Event ev;
        if (SDL_WaitEventTimeout(&ev, timeout_until(deadline, audio_clock_ms(s->audio)))) {
            now = audio_clock_ms(s->audio);
            handle_event(s, &ev, now);
            while (!s->quit && SDL_PollEvent(&ev))
                handle_event(s, &ev, now);
        }
    }
}

int app_run(const struct app_options *o)
{
    struct app_state s = {.exit_status = 0};
    struct script *sc = NULL;
    struct fonts *fonts = NULL;
    SDL_Renderer *ren = NULL;
    int status = 1;

    s.routine = o->routine;
    log_debug("start: app_run at %.3f", platform_monotonic_ms());
    if (o->script_path) {
        sc = script_load(o->script_path, o->screenshot_dir);
        if (!sc) {
            status = 2;
            goto out;
        }
    }
    struct engine_options eo;
    engine_default_options(&eo);
    eo.speed = o->speed > 0 ? o->speed : 1.0;
    s.speed = eo.speed;
    s.engine = engine_create(s.routine, &eo);
    if (!s.engine) {
        fprintf(stderr, "smr-timer: %s\n", _("cannot build the session from this routine"));
        goto out;
    }
    if (!platform_open("smr-timer", o->window_w > 0 ? o->window_w : 1280,
                       o->window_h > 0 ? o->window_h : 720, o->fullscreen, &s.win, &ren))
        goto out;
    log_debug("start: window open at %.3f", platform_monotonic_ms());
    fonts = fonts_open();
    if (!fonts)
        goto out;
    log_debug("start: fonts found at %.3f", platform_monotonic_ms());
    ui_init(&s.ui, ren, fonts);
    resized(&s);
    s.audio = audio_open_null();
    screens_init(&s);

    run_loop(&s, o, sc);

    uint64_t elapsed = s.ended_by ? s.elapsed_ms : 0;
    log_info("session: steps_done=%zu elapsed_ms=%llu", s.steps_done,
             (unsigned long long)elapsed);
    status = s.exit_status;

out:
    screens_free(&s);
    audio_close(s.audio);
    diagram_view_destroy(s.dview);
    ui_release(&s.ui);
    fonts_close(fonts);
    if (s.win)
        platform_close(s.win, ren);
    engine_destroy(s.engine);
    routine_free(s.routine);
    script_free(sc);
    SDL_Quit();
    return status;
}
