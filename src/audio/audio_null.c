/* audio_null.c - the silent backend (audio_null_backend; audio_null_record
 * and audio_null_pending for tests): no device, a device that failed to open,
 * SMR_AUDIO=null, tests. Its stream is its clock (the monotonic clock, or the
 * one the options pass in), and it plays the same cues the live backend would
 * (cues_from_prediction, each once, a little late at once, much later never),
 * writing each into a record instead of into samples. */
#include <SDL.h>
#include <stdlib.h>

#include "audio/audio_backend.h"
#include "audio/audio_null.h"
#include "engine/cues.h"
#include "util/util.h"

struct null_state {
    struct cue_phrases phrases;
    bool have_phrases;
    struct cue *pend; /* the schedule, in time order; [next, n_pend) not played yet */
    size_t n_pend, next;
    struct audio_played *played;
    size_t n_played, cap_played;
};

static struct null_state *N(const struct audio *a)
{
    return a->impl;
}

/* Every scheduled cue the stream has reached is played. */
static void play_until(struct null_state *s, uint64_t now)
{
    for (; s->next < s->n_pend && s->pend[s->next].time_ms <= now; s->next++) {
        const struct cue *c = &s->pend[s->next];
        if (s->n_played == s->cap_played) {
            s->cap_played = s->cap_played ? s->cap_played * 2 : 256;
            s->played = xrealloc(s->played, s->cap_played * sizeof *s->played);
        }
        s->played[s->n_played++] = (struct audio_played){
            c->sound, c->time_ms, c->phrase, c->next_phrase, c->event,
        };
    }
}

static uint64_t null_clock_ms(struct audio *a)
{
    uint64_t now = a->opt.clock_ms ? a->opt.clock_ms(a->opt.clock_user) : SDL_GetTicks64();
    play_until(N(a), now);
    return now;
}

/* A cue of this event already played: never twice. One played at or after
 * its event's time, so only the end of the record needs a look. */
static bool was_played(const struct null_state *s, const struct engine_event *ev)
{
    for (size_t i = s->n_played; i-- > 0 && s->played[i].time_ms >= ev->time_ms;)
        if (cue_same_event(&s->played[i].event, ev))
            return true;
    return false;
}

static bool null_schedule(struct audio *a, const struct engine *e, uint64_t now, char *why,
                          size_t why_size)
{
    (void)why, (void)why_size;
    struct null_state *s = N(a);
    uint64_t at = null_clock_ms(a); /* what is due is played before it is replaced */
    struct cue *cues = NULL;
    size_t n = cues_from_prediction(e, now, s->have_phrases ? &s->phrases : NULL, &cues), kept = 0;
    for (size_t i = 0; i < n; i++) {
        struct cue c = cues[i];
        if (was_played(s, &c.event))
            continue;
        if (c.time_ms < at) {
            if (at - c.time_ms > CUE_LATE_MS)
                continue;
            c.time_ms = at; /* at once */
        }
        cues[kept++] = c;
    }
    free(s->pend);
    s->pend = cues;
    s->n_pend = kept;
    s->next = 0;
    return true;
}

static void null_clear(struct audio *a)
{
    struct null_state *s = N(a);
    null_clock_ms(a);
    s->n_pend = s->next = 0;
}

static void null_prepare(struct audio *a, const struct routine *r, const struct timeline *t)
{
    struct null_state *s = N(a);
    cue_phrases_finish(&s->phrases);
    s->have_phrases = cue_phrases_init(r, t, a->opt.repeat_instructions, &s->phrases);
}

static void null_lock(struct audio *a)
{
    (void)a; /* no other thread */
}

static void *null_create(struct audio *a, char *why, size_t why_size)
{
    (void)a, (void)why, (void)why_size;
    return xcalloc(1, sizeof(struct null_state));
}

static void null_destroy(struct audio *a)
{
    struct null_state *s = N(a);
    cue_phrases_finish(&s->phrases);
    free(s->pend);
    free(s->played);
    free(s);
}

const struct audio_backend audio_null_backend = {
    .live = false,
    .create = null_create,
    .destroy = null_destroy,
    .clock_ms = null_clock_ms,
    .prepare = null_prepare,
    .schedule = null_schedule,
    .clear = null_clear,
    .lock = null_lock,
    .unlock = null_lock,
};

/* The state of `a` if it is a null backend's (for the test queries). */
static const struct null_state *null_of(const struct audio *a)
{
    return a && a->backend == &audio_null_backend ? a->impl : NULL;
}

size_t audio_null_record(const struct audio *a, const struct audio_played **out)
{
    const struct null_state *s = null_of(a);
    *out = s && s->n_played ? s->played : NULL;
    return s ? s->n_played : 0;
}

size_t audio_null_pending(const struct audio *a, const struct cue **out)
{
    const struct null_state *s = null_of(a);
    *out = s && s->next < s->n_pend ? s->pend + s->next : NULL;
    return s ? s->n_pend - s->next : 0;
}
