/* audio_render.c - a test tool: plays a routine through the real audio
 * backend without a window, so the placement of cues can be checked on the
 * output of SDL's disk driver by analyse.py. It drives the engine on the
 * audio clock exactly as the app does (lock, read the clock, start, schedule,
 * unlock) and prints the cues it expects, in the shape of `plan --json`.
 *
 *   audio_render [--speed X] [--seconds N] [--no-voice] [--start-delay MS]
 *                [--expect FILE] ROUTINE
 *
 * Stops when the session is done (plus 2.5 s for the last sound) or after N
 * seconds of stream. Exit 0, or 1 when the routine does not load. */
#include <SDL.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "diag.h"
#include "engine.h"
#include "log.h"
#include "routine.h"

/* Every event of an untouched session from time 0, delivered by a second
 * engine walked from deadline to deadline (the same walk `plan` prints). */
static void write_expect(const char *path, const struct routine *r, const struct engine_options *eo)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    struct engine *e = engine_create(r, eo);
    engine_start(e, 0);
    fprintf(f, "{\"cues\": [");
    bool first = true;
    uint64_t t = 0;
    for (;;) {
        struct engine_event ev;
        while (engine_poll_event(e, &ev)) {
            fprintf(f, "%s\n    {\"t_ms\": %llu, \"type\": \"%s\", \"step\": %zu, \"value\": %d}",
                    first ? "" : ",", (unsigned long long)ev.time_ms,
                    engine_event_type_name(ev.type), ev.step, ev.value);
            first = false;
        }
        uint64_t next = engine_next_deadline(e, t);
        if (next == UINT64_MAX || engine_state(e) == ENGINE_DONE)
            break;
        t = next > t ? next : t + 1;
        engine_update(e, t);
    }
    fprintf(f, "\n]}\n");
    fclose(f);
    engine_destroy(e);
}

int main(int argc, char **argv)
{
    double speed = 1.0, seconds = 0;
    unsigned start_delay = 0;
    const char *expect_path = NULL;
    struct audio_options ao = {.volume = 80, .voice = true};
    static const struct option longopts[] = {
        {"speed", required_argument, NULL, 's'},   {"seconds", required_argument, NULL, 'n'},
        {"no-voice", no_argument, NULL, 'v'},      {"start-delay", required_argument, NULL, 'd'},
        {"expect", required_argument, NULL, 'e'},  {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 's': speed = atof(optarg); break;
        case 'n': seconds = atof(optarg); break;
        case 'v': ao.voice = false; break;
        case 'd': start_delay = (unsigned)atoi(optarg); break;
        case 'e': expect_path = optarg; break;
        default: return 2;
        }
    }
    if (optind != argc - 1 || speed <= 0) {
        fprintf(stderr, "usage: audio_render [--speed X] [--seconds N] [--no-voice] "
                        "[--start-delay MS] [--expect FILE] ROUTINE\n");
        return 2;
    }
    log_init_from_env();
    struct diag_list diags = {0};
    struct routine *r = NULL;
    if (!routine_load(argv[optind], &r, &diags)) {
        fprintf(stderr, "audio_render: %s does not load\n", argv[optind]);
        diag_list_free(&diags);
        return 1;
    }
    diag_list_free(&diags);
    SDL_Init(0);
    ao.language = r->language;
    struct audio *a = audio_open(&ao);
    struct engine_options eo;
    engine_default_options(&eo);
    eo.speed = speed;
    struct engine *e = engine_create(r, &eo);
    audio_prepare(a, r, engine_timeline(e));
    if (expect_path)
        write_expect(expect_path, r, &eo);
    if (start_delay)
        SDL_Delay(start_delay); /* wall time: lets speech finish for a recording */

    audio_lock(a);
    uint64_t t0 = audio_clock_ms(a);
    engine_start(e, t0);
    audio_schedule_from_engine(a, e, t0);
    audio_unlock(a);

    uint64_t done_at = 0, limit = seconds > 0 ? t0 + (uint64_t)(seconds * 1000) : UINT64_MAX;
    for (;;) {
        uint64_t now = audio_clock_ms(a);
        engine_update(e, now);
        struct engine_event ev;
        while (engine_poll_event(e, &ev))
            log_debug("event %s step %zu at %llu", engine_event_type_name(ev.type), ev.step,
                      (unsigned long long)(ev.time_ms - t0));
        if (!done_at && engine_state(e) == ENGINE_DONE)
            done_at = now;
        if ((done_at && now >= done_at + 2500) || now >= limit)
            break;
        SDL_Delay(audio_is_live(a) ? 2 : 20);
    }
    fprintf(stderr, "audio_render: live=%d stream_ms=%llu\n", audio_is_live(a),
            (unsigned long long)(audio_clock_ms(a) - t0));
    engine_destroy(e);
    audio_close(a);
    routine_free(r);
    SDL_Quit();
    return 0;
}
