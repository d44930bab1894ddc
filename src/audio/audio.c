/* audio.c - the public audio_* calls: the table of backends, the choice of
 * one (the program's, SMR_AUDIO, or the default) and the one notice that there
 * is no sound, then every call passed on to the backend chosen. */
#include <SDL.h>
#include <stdlib.h>
#include <string.h>

#include "audio/audio.h"
#include "audio/audio_backend.h"
#include "config.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

/* By default each is tried in turn, up to the last but one; the last is
 * silent and never fails to start, so it is where every failure ends. */
static const struct {
    const char *name; /* as SMR_AUDIO and audio_options.backend spell it */
    const struct audio_backend *backend;
} backends[] = {
#if HAVE_PULSE
    {"pulse", &audio_pulse_backend},
#endif
    {"sdl", &audio_sdl_backend},
    {"null", &audio_null_backend},
};
enum { N_BACKENDS = sizeof backends / sizeof backends[0], SILENT = N_BACKENDS - 1,
       SDL_ONE = SILENT - 1 };

/* The one notice: everything else goes on silently. Logged once, whether the
 * driver fails at start-up or the device when the session starts. */
static void notice_no_sound(const char *why)
{
    log_warn(_("no sound: %s; the session runs with visual cues only"), why);
}

/* The backend `name` (from `where`) asks for; an unknown name gets one warning
 * listing the valid ones, then the default (-1). */
static int backend_named(const char *name, const char *where)
{
    if (!name || !*name)
        return -1;
    char valid[64] = "";
    for (size_t i = 0; i < N_BACKENDS; i++) {
        if (strcmp(name, backends[i].name) == 0)
            return (int)i;
        size_t used = strlen(valid);
        snprintf(valid + used, sizeof valid - used, "%s%s", i ? ", " : "", backends[i].name);
    }
    log_warn(_("%s: no audio backend \"%s\" (valid: %s); using the default"), where, name,
             valid);
    return -1;
}

/* The program's choice, else the environment's, else -1: the default, which
 * is SDL's device when SDL_AUDIODRIVER picks one of its drivers, else each
 * backend in turn. */
static int choose(const struct audio_options *opt)
{
    if (opt->backend)
        return backend_named(opt->backend, "audio_options.backend");
    const char *env = getenv("SMR_AUDIO");
    int i = backend_named(env, "SMR_AUDIO");
    if (i == SILENT)
        log_info("audio: SMR_AUDIO=%s: no sound", env);
    const char *driver = getenv("SDL_AUDIODRIVER");
    if (i < 0 && driver && *driver)
        i = SDL_ONE;
    return i;
}

struct audio *audio_create(const struct audio_options *opt)
{
    struct audio *a = xcalloc(1, sizeof *a);
    a->opt = opt ? *opt : (struct audio_options){.volume = 80, .voice = true};
    a->muted = a->opt.mute;
    int chosen = choose(&a->opt);
    size_t i = chosen < 0 ? 0 : (size_t)chosen;
    char why[256] = "";
    for (;;) {
        a->backend = backends[i].backend;
        a->impl = a->backend->create(a, why, sizeof why);
        if (a->impl)
            break;
        if (chosen < 0 && i < SDL_ONE) { /* the default: the next one */
            log_info("audio: %s: %s; trying %s", backends[i].name, why, backends[i + 1].name);
            i++;
            continue;
        }
        notice_no_sound(why);
        i = SILENT;
    }
    a->opt.backend = backends[i].name; /* not the caller's string, which may go */
    return a;
}

void audio_destroy(struct audio *a)
{
    if (!a)
        return;
    a->backend->destroy(a);
    free(a);
}

bool audio_is_live(const struct audio *a)
{
    return a && a->backend->live && !a->failed;
}

uint64_t audio_clock_ms(struct audio *a)
{
    return a ? a->backend->clock_ms(a) : SDL_GetTicks64();
}

void audio_prepare(struct audio *a, const struct routine *r, const struct timeline *t)
{
    if (a)
        a->backend->prepare(a, r, t);
}

void audio_schedule_from_engine(struct audio *a, const struct engine *e, uint64_t now)
{
    if (!a || a->failed)
        return;
    char why[256] = "";
    if (!a->backend->schedule(a, e, now, why, sizeof why)) {
        a->failed = true;
        notice_no_sound(why);
    }
}

void audio_clear(struct audio *a)
{
    if (a)
        a->backend->clear(a);
}

void audio_lock(struct audio *a)
{
    if (a)
        a->backend->lock(a);
}

void audio_unlock(struct audio *a)
{
    if (a)
        a->backend->unlock(a);
}

void audio_set_muted(struct audio *a, bool muted)
{
    if (!a)
        return;
    audio_lock(a);
    a->muted = muted;
    audio_unlock(a);
}

bool audio_muted(const struct audio *a)
{
    return a && a->muted;
}
