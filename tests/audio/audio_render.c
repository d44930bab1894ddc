/* audio_render.c - a test tool: plays a routine through the real audio
 * backend without a window, so the placement of cues can be checked on the
 * output of SDL's disk driver by analyse.py. It drives the engine on the
 * audio clock exactly as the app does (lock, read the clock, start, schedule,
 * unlock) and prints the cues it expects, in the shape of `plan --json`.
 *
 *   audio_render [--speed X] [--seconds N] [--no-voice] [--start-delay MS]
 *                [--expect FILE] [--ops LIST] [--events FILE] ROUTINE
 *
 * --ops "pause:20000,resume:26000,skip:40000,back:50000" runs controls when
 * the session clock reaches each time (ms after the start), as the app does;
 * --events writes every event the engine delivered (what the screen shows),
 * in the same JSON shape, so the sound can be checked against the screen;
 * each with the CLOCK_MONOTONIC time at which it was delivered; each control
 * is logged (info) with its session time and its CLOCK_MONOTONIC time.
 *
 * Stops when the session is done (plus 2.5 s for the last sound) or after N
 * seconds of stream. Exit 0, or 1 when the routine does not load. */
#include <SDL.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio/audio.h"
#include "engine/engine.h"
#include "routine/routine.h"
#include "util/diag.h"
#include "util/log.h"

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

static double monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

struct op {
    uint64_t at;
    void (*fn)(struct engine *e, uint64_t now);
    const char *name;
};

static size_t parse_ops(const char *spec, struct op *ops, size_t max)
{
    static const struct {
        const char *name;
        void (*fn)(struct engine *e, uint64_t now);
    } names[] = {{"pause", engine_pause}, {"resume", engine_resume}, {"skip", engine_skip},
                 {"back", engine_back}, {"restart", engine_restart_strip}};
    size_t n = 0;
    char *copy = strdup(spec), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok && n < max; tok = strtok_r(NULL, ",", &save)) {
        char *colon = strchr(tok, ':');
        if (!colon)
            continue;
        *colon = '\0';
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (strcmp(tok, names[i].name) == 0)
                ops[n++] = (struct op){strtoull(colon + 1, NULL, 10), names[i].fn, names[i].name};
    }
    free(copy);
    return n;
}

struct args {
    double speed, seconds;
    unsigned start_delay;
    const char *expect_path, *events_path, *routine;
    struct op ops[32];
    size_t n_ops;
    struct audio_options ao;
};

static bool parse_args(int argc, char **argv, struct args *g)
{
    *g = (struct args){.speed = 1.0, .ao = {.volume = 80, .voice = true}};
    static const struct option longopts[] = {
        {"speed", required_argument, NULL, 's'},   {"seconds", required_argument, NULL, 'n'},
        {"no-voice", no_argument, NULL, 'v'},      {"start-delay", required_argument, NULL, 'd'},
        {"expect", required_argument, NULL, 'e'},  {"ops", required_argument, NULL, 'o'},
        {"events", required_argument, NULL, 'E'},  {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 's': g->speed = atof(optarg); break;
        case 'n': g->seconds = atof(optarg); break;
        case 'v': g->ao.voice = false; break;
        case 'd': g->start_delay = (unsigned)atoi(optarg); break;
        case 'e': g->expect_path = optarg; break;
        case 'o': g->n_ops = parse_ops(optarg, g->ops, sizeof g->ops / sizeof g->ops[0]); break;
        case 'E': g->events_path = optarg; break;
        default: return false;
        }
    }
    if (optind != argc - 1 || g->speed <= 0)
        return false;
    g->routine = argv[optind];
    return true;
}

/* Every event delivered, as JSON, to f (NULL: nowhere). */
static void write_delivered(FILE *f, struct engine *e, uint64_t t0, bool *first)
{
    struct engine_event ev;
    while (engine_poll_event(e, &ev)) {
        if (f)
            fprintf(f, "%s\n    {\"t_ms\": %llu, \"type\": \"%s\", \"step\": %zu, "
                    "\"value\": %d, \"shown_monotonic_ms\": %.3f}",
                    *first ? "" : ",", (unsigned long long)(ev.time_ms - t0),
                    engine_event_type_name(ev.type), ev.step, ev.value, monotonic_ms());
        *first = false;
    }
}

/* The session on the audio clock, exactly as the app drives it. Returns the
 * clock at its start. */
static uint64_t play(const struct args *g, struct audio *a, struct engine *e, FILE *evf)
{
    audio_lock(a);
    uint64_t t0 = audio_clock_ms(a);
    engine_start(e, t0);
    audio_schedule_from_engine(a, e, t0);
    audio_unlock(a);

    bool first_ev = true;
    size_t next_op = 0;
    uint64_t done_at = 0, limit = g->seconds > 0 ? t0 + (uint64_t)(g->seconds * 1000) : UINT64_MAX;
    for (;;) {
        uint64_t now = audio_clock_ms(a);
        if (next_op < g->n_ops && now >= t0 + g->ops[next_op].at) {
            /* a control, exactly as the app runs one */
            audio_lock(a);
            now = audio_clock_ms(a);
            const struct op *op = &g->ops[next_op++];
            op->fn(e, now);
            log_info("audio_render: %s at %llu ms, monotonic_ms=%.3f", op->name,
                     (unsigned long long)(now - t0), monotonic_ms());
            if (engine_state(e) == ENGINE_PAUSED)
                audio_clear(a);
            else
                audio_schedule_from_engine(a, e, now);
            audio_unlock(a);
        }
        engine_update(e, now);
        write_delivered(evf, e, t0, &first_ev);
        if (!done_at && engine_state(e) == ENGINE_DONE)
            done_at = now;
        if ((done_at && now >= done_at + 2500) || now >= limit)
            break;
        /* often: an unpaced driver runs the stream far faster than the wall */
        SDL_Delay(audio_is_live(a) && !g->n_ops ? 2 : 0);
    }
    return t0;
}

int main(int argc, char **argv)
{
    log_init_from_env();
    struct args g;
    if (!parse_args(argc, argv, &g)) {
        log_error("usage: audio_render [--speed X] [--seconds N] [--no-voice] [--start-delay MS] "
                  "[--expect FILE] [--ops LIST] [--events FILE] ROUTINE");
        return 2;
    }
    struct diag_list diags = {0};
    struct routine *r = NULL;
    if (!routine_create_from_file(g.routine, &r, &diags)) {
        log_error("audio_render: %s does not load", g.routine);
        diag_list_finish(&diags);
        return 1;
    }
    diag_list_finish(&diags);
    SDL_Init(0);
    g.ao.language = r->language;
    struct audio *a = audio_create(&g.ao);
    struct engine_options eo;
    engine_default_options(&eo);
    eo.speed = g.speed;
    struct engine *e = engine_create(r, &eo);
    audio_prepare(a, r, engine_timeline(e));
    if (g.expect_path)
        write_expect(g.expect_path, r, &eo);
    if (g.start_delay)
        SDL_Delay(g.start_delay); /* wall time: lets speech finish for a recording */

    FILE *evf = g.events_path ? fopen(g.events_path, "w") : NULL;
    if (evf)
        fprintf(evf, "{\"cues\": [");
    uint64_t t0 = play(&g, a, e, evf);
    if (evf) {
        fprintf(evf, "\n]}\n");
        fclose(evf);
    }
    log_info("audio_render: live=%d stream_ms=%llu", audio_is_live(a),
             (unsigned long long)(audio_clock_ms(a) - t0));
    engine_destroy(e);
    audio_destroy(a);
    routine_destroy(r);
    SDL_Quit();
    return 0;
}
