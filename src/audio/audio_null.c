/* audio_null.c - the silent backend (no device, a device that failed to open,
 * tests) and the public audio_* entry points, which dispatch to whichever
 * backend audio_open() chose. Silent means: the clock is SDL's monotonic
 * clock and every cue call does nothing. */
#include <SDL.h>
#include <stdlib.h>

#include "audio/audio_backend.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

static uint64_t null_clock_ms(struct audio *a)
{
    (void)a;
    return SDL_GetTicks64();
}

static void null_close(struct audio *a)
{
    free(a);
}

static const struct audio_ops null_ops = {
    .close = null_close,
    .clock_ms = null_clock_ms,
};

struct audio *audio_open_null(void)
{
    struct audio *a = xcalloc(1, sizeof *a);
    a->ops = &null_ops;
    a->opt.volume = 0;
    return a;
}

void audio_notice_no_sound(const char *why)
{
    /* The one notice: everything else goes on silently. */
    log_warn(_("no sound: %s; the session runs with visual cues only"), why);
}

struct audio *audio_open(const struct audio_options *opt)
{
    char why[256] = "";
    struct audio *a = audio_open_sdl(opt, why, sizeof why);
    if (a)
        return a;
    audio_notice_no_sound(why);
    a = audio_open_null();
    if (opt)
        a->opt = *opt;
    a->muted = opt && opt->mute;
    return a;
}

void audio_close(struct audio *a)
{
    if (a)
        a->ops->close(a);
}

bool audio_is_live(const struct audio *a)
{
    return a && a->live;
}

uint64_t audio_clock_ms(struct audio *a)
{
    return a ? a->ops->clock_ms(a) : SDL_GetTicks64();
}

void audio_prepare(struct audio *a, const struct routine *r, const struct timeline *t)
{
    if (a && a->ops->prepare)
        a->ops->prepare(a, r, t);
}

void audio_schedule_from_engine(struct audio *a, const struct engine *e, uint64_t now)
{
    if (a && a->ops->schedule)
        a->ops->schedule(a, e, now);
}

void audio_clear(struct audio *a)
{
    if (a && a->ops->clear)
        a->ops->clear(a);
}

void audio_lock(struct audio *a)
{
    if (a && a->ops->lock)
        a->ops->lock(a);
}

void audio_unlock(struct audio *a)
{
    if (a && a->ops->unlock)
        a->ops->unlock(a);
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
