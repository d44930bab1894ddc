/* audio_sdl.c - the live backend (audio_sdl_backend, its only export).
 * SDL_mixer opens the device; the cues are cues_from_prediction()'s, and all
 * mixing is ours, in the music hook, which counts the stream in frames and
 * starts every scheduled cue at its exact frame. Nothing is started from the
 * frame loop, so a cue lands where it was placed whatever the driver's pacing
 * (the disk driver may run fast or unpaced), and the stream position is the
 * session clock while the device plays.
 *
 * The device opens only when the first cues are placed (the session starts):
 * an open device wakes its thread for every buffer even when paused or silent,
 * and on the checklist and the overview no sound can play. Until then the
 * clock is the monotonic clock, and the stream continues from it.
 *
 * Threads: the hook runs on SDL's audio thread and takes `lock` for the whole
 * buffer; the app thread takes it to read the clock's base, to replace the
 * schedule, and around a control (audio_lock) so the stream cannot move
 * between reading the clock and placing the cues. */
#include <SDL.h>
#include <SDL_mixer.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "audio/audio_backend.h"
#include "audio/speech.h"
#include "audio/synth.h"
#include "engine/cues.h"
#include "util/log.h"
#include "util/util.h"

enum {
    RATE = 48000, /* a whole number of frames per ms: ms <-> frame is exact */
    CHANNELS = 2,
    /* ~85 ms: 12 wake-ups a second. The clock interpolates within a buffer
     * (live_clock_ms), so screen/sound agreement does not depend on it; a cue
     * placed by a control at "now" is at most one buffer late (< LATE_MS). */
    BUFFER_FRAMES = 4096,
    MAX_TONES = 16,
    MAX_SAYS = 32,
    MAX_STARTED = 256,
    SAY_WAIT_MS = 1000,    /* an instruction waits this long for the voice to be free */
    SAY_FADE_MS = 15,      /* then the phrase still speaking fades out */
    SAY_OVERRUN_MS = 300,  /* an optional phrase may end this far into the next phase */
};

/* A cue at its frames in the stream. */
struct pending {
    uint64_t frame;
    uint64_t end_frame; /* the cue's end_ms */
    struct cue cue;
};

struct tone {
    const int16_t *pcm;
    size_t frames, pos;
};

struct say {
    uint64_t due, latest, must_end; /* must_end 0: no limit */
    int phrase;
};

struct live {
    SDL_mutex *lock;
    int rate;
    uint32_t buffer_frames;
    uint64_t perf_freq;
    struct synth_pcm sounds[CUE_SOUND_COUNT];
    bool dev_open;   /* the device is playing our hook (app thread only) */

    /* the stream */
    uint64_t mixed_end;  /* frames the hook has produced */
    uint64_t cb_counter; /* performance counter at the last hook; 0: none yet */
    uint64_t last_clock_ms;
    unsigned app_locks; /* audio_lock depth (app thread only) */
    uint64_t base_ms; /* the clock at stream frame 0: SDL's ticks when the device opened,
                         so the clock never steps back from the silent one it replaces */

    /* the schedule, sorted by frame; [next, n) not started yet */
    struct pending *pend;
    size_t n_pend, next;
    struct engine_event started[MAX_STARTED]; /* a ring of the events of recently started cues */
    size_t n_started;
    struct tone tones[MAX_TONES];

    /* the voice */
    struct speech *speech;
    struct cue_phrases phrases;
    bool have_phrases;
    struct say says[MAX_SAYS];
    size_t n_says;
    const int16_t *sp_pcm;
    size_t sp_frames, sp_pos;
    uint32_t sp_fade, sp_fade_len; /* frames of fade left; 0: not fading */

    int gain_q15; /* volume as a Q15 factor */
};

static struct live *L(struct audio *a)
{
    return a->impl;
}

static uint64_t ms_to_frame(uint64_t ms, int rate)
{
    return ms * (uint64_t)rate / 1000;
}

/* ---- the mixing thread ---- */

static void push_say(struct live *s, const struct say *say)
{
    if (s->n_says < MAX_SAYS)
        s->says[s->n_says++] = *say;
}

static void start_cue(struct live *s, const struct pending *p, uint64_t f)
{
    const struct cue *c = &p->cue;
    s->started[s->n_started++ % MAX_STARTED] = c->event;
    const struct synth_pcm *snd = &s->sounds[c->sound];
    if (snd->frames) {
        size_t slot = 0, oldest = 0;
        for (slot = 0; slot < MAX_TONES && s->tones[slot].pcm; slot++)
            if (s->tones[slot].pos > s->tones[oldest].pos)
                oldest = slot;
        if (slot == MAX_TONES)
            slot = oldest; /* never happens with real routines; the oldest is nearly done */
        s->tones[slot] = (struct tone){snd->samples, snd->frames, 0};
    }
    /* The voice speaks right after the tone, so both are heard clearly. In
     * the last phase at a position what comes next is the news: it is said
     * first, and the instruction (on screen, and heard at every earlier
     * position) follows only if it ends within the phase. */
    uint64_t due = f + snd->frames;
    uint64_t latest = due + ms_to_frame(SAY_WAIT_MS + SAY_FADE_MS + 5, s->rate);
    if (c->next_phrase != CUE_NO_PHRASE)
        push_say(s, &(struct say){due, latest, 0, c->next_phrase});
    if (c->phrase != CUE_NO_PHRASE) {
        uint64_t must_end = c->next_phrase != CUE_NO_PHRASE
                                ? p->end_frame + ms_to_frame(SAY_OVERRUN_MS, s->rate) : 0;
        push_say(s, &(struct say){due, must_end ? must_end : latest, must_end, c->phrase});
    }
}

static void pop_say(struct live *s)
{
    memmove(s->says, s->says + 1, (s->n_says - 1) * sizeof *s->says);
    s->n_says--;
}

/* At frame f: start the next phrase when the voice is free, or fade out the
 * one speaking when a newer instruction has waited long enough. */
static void run_voice(struct live *s, uint64_t f)
{
    if (s->sp_pcm) {
        if (!s->sp_fade && s->n_says && !s->says[0].must_end &&
            f >= s->says[0].due + ms_to_frame(SAY_WAIT_MS, s->rate)) {
            s->sp_fade_len = s->sp_fade = (uint32_t)ms_to_frame(SAY_FADE_MS, s->rate);
        }
        return;
    }
    while (s->n_says && s->says[0].due <= f) {
        struct say say = s->says[0];
        pop_say(s);
        const int16_t *pcm;
        size_t frames;
        if (!speech_get(s->speech, say.phrase, &pcm, &frames))
            continue; /* not ready when due: skipped */
        if (f > say.latest || (say.must_end && f + frames > say.must_end))
            continue; /* too late, or would not fit in its phase */
        s->sp_pcm = pcm;
        s->sp_frames = frames;
        s->sp_pos = 0;
        s->sp_fade = 0;
        return;
    }
}

static int32_t next_sample(struct live *s)
{
    int32_t acc = 0;
    for (size_t i = 0; i < MAX_TONES; i++) {
        struct tone *t = &s->tones[i];
        if (!t->pcm)
            continue;
        acc += t->pcm[t->pos++];
        if (t->pos >= t->frames)
            t->pcm = NULL;
    }
    if (s->sp_pcm) {
        int32_t v = s->sp_pcm[s->sp_pos++];
        if (s->sp_fade) {
            v = (int32_t)((int64_t)v * s->sp_fade / s->sp_fade_len);
            if (--s->sp_fade == 0)
                s->sp_pos = s->sp_frames;
        }
        acc += v;
        if (s->sp_pos >= s->sp_frames)
            s->sp_pcm = NULL;
    }
    return acc;
}

static bool idle_until(const struct live *s, uint64_t end)
{
    for (size_t i = 0; i < MAX_TONES; i++)
        if (s->tones[i].pcm)
            return false;
    if (s->sp_pcm || (s->n_says && s->says[0].due < end))
        return false;
    return s->next >= s->n_pend || s->pend[s->next].frame >= end;
}

static void hook(void *udata, Uint8 *stream, int len)
{
    struct audio *a = udata;
    struct live *s = L(a);
    uint64_t t0 = SDL_GetPerformanceCounter();
    int16_t *out = (int16_t *)(void *)stream;
    size_t n = (size_t)len / (CHANNELS * sizeof(int16_t));
    SDL_LockMutex(s->lock);
    uint64_t base = s->mixed_end;
    if (idle_until(s, base + n)) {
        memset(stream, 0, (size_t)len); /* the quiet common case */
    } else {
        bool muted = a->muted;
        for (size_t i = 0; i < n; i++) {
            uint64_t f = base + i;
            while (s->next < s->n_pend && s->pend[s->next].frame <= f)
                start_cue(s, &s->pend[s->next++], f);
            run_voice(s, f);
            int32_t v = (int32_t)(((int64_t)next_sample(s) * s->gain_q15) >> 15);
            v = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
            out[2 * i] = out[2 * i + 1] = muted ? 0 : (int16_t)v;
        }
    }
    s->mixed_end = base + n;
    s->cb_counter = t0 ? t0 : 1;
    s->buffer_frames = (uint32_t)n;
    SDL_UnlockMutex(s->lock);
}

/* ---- the app thread ---- */

/* The position being heard, in ms. The hook mixes a whole buffer at the
 * moment it is called, and that buffer goes out from then on (the disk driver
 * writes it at once; a sound card queues it behind the one playing). So the
 * frame heard at a moment is the start of the last buffer plus the time since
 * that callback, capped at one buffer: the clock moves smoothly with the
 * sound and its error is the callback's jitter, whatever the buffer size.
 * Under audio_lock, where controls place cues, the clock is never behind what
 * is already mixed, so a cue placed at its "now" lands exactly (at most one
 * buffer after the control); the clock then holds until the sound catches up
 * (it never steps back). Before the device opens: the monotonic clock. */
static uint64_t live_clock_ms(struct audio *a)
{
    struct live *s = L(a);
    SDL_LockMutex(s->lock);
    uint64_t ms;
    if (!s->dev_open) {
        ms = SDL_GetTicks64();
    } else {
        uint64_t frames = 0;
        if (s->cb_counter) {
            uint64_t el = SDL_GetPerformanceCounter() - s->cb_counter;
            uint64_t cap = s->perf_freq * s->buffer_frames / (uint64_t)s->rate;
            el = el < cap ? el : cap;
            frames = s->mixed_end - s->buffer_frames + el * (uint64_t)s->rate / s->perf_freq;
        }
        if (s->app_locks && frames < s->mixed_end)
            frames = s->mixed_end;
        /* rounded up: the frame of a cue placed at this ms is never one already mixed */
        ms = s->base_ms + (frames * 1000 + (uint64_t)s->rate - 1) / (uint64_t)s->rate;
    }
    if (ms < s->last_clock_ms)
        ms = s->last_clock_ms;
    s->last_clock_ms = ms;
    SDL_UnlockMutex(s->lock);
    return ms;
}

static void live_lock(struct audio *a)
{
    SDL_LockMutex(L(a)->lock);
    L(a)->app_locks++;
}

static void live_unlock(struct audio *a)
{
    L(a)->app_locks--;
    SDL_UnlockMutex(L(a)->lock);
}

static void live_prepare(struct audio *a, const struct routine *r, const struct timeline *t)
{
    struct live *s = L(a);
    /* Take the old voice out under the lock (the hook may hold a pointer into
     * it) and end it before a new one starts: espeak is one per process. */
    SDL_LockMutex(s->lock);
    struct speech *old = s->speech;
    struct cue_phrases old_ph = s->phrases;
    s->speech = NULL;
    memset(&s->phrases, 0, sizeof s->phrases);
    s->have_phrases = false;
    s->sp_pcm = NULL;
    s->n_says = 0;
    SDL_UnlockMutex(s->lock);
    speech_destroy(old);
    cue_phrases_finish(&old_ph);

    struct cue_phrases ph;
    bool have = cue_phrases_init(r, t, &ph);
    struct speech *sp = NULL;
    if (have && a->opt.voice && speech_available())
        sp = speech_create(a->opt.language ? a->opt.language : r->language, ph.text, ph.n, s->rate);
    SDL_LockMutex(s->lock);
    s->speech = sp;
    s->phrases = ph;
    s->have_phrases = have;
    SDL_UnlockMutex(s->lock);
}

/* A control or a pause makes what the voice is saying stale: it fades out at
 * once and nothing queued is said. Under the lock. */
static void hush(struct live *s)
{
    s->n_says = 0;
    if (s->sp_pcm && !s->sp_fade)
        s->sp_fade_len = s->sp_fade = (uint32_t)ms_to_frame(SAY_FADE_MS, s->rate);
}

/* The stream's frames of a time on the session clock; 0 before the stream began. */
static uint64_t frame_of(const struct live *s, uint64_t ms)
{
    return ms > s->base_ms ? ms_to_frame(ms - s->base_ms, s->rate) : 0;
}

static bool was_started(const struct live *s, const struct cue *c)
{
    size_t n = s->n_started < MAX_STARTED ? s->n_started : MAX_STARTED;
    for (size_t i = 0; i < n; i++)
        if (cue_same_event(&s->started[i], &c->event))
            return true;
    return false;
}

static bool open_device(char *why, size_t why_size)
{
    if (Mix_OpenAudioDevice(RATE, AUDIO_S16SYS, CHANNELS, BUFFER_FRAMES, NULL, 0) != 0) {
        snprintf(why, why_size, "%s", Mix_GetError());
        return false;
    }
    return true;
}

/* The first cues: the device starts now, its stream's frame 0 at the clock's
 * present reading, so the clock goes on from the monotonic one without a step.
 * Under the lock (the hook, once set, waits for it: our frame 0 is its first
 * call). A device that will not open leaves silence, and false for audio.c's
 * one notice. */
static bool start_device(struct audio *a, char *why, size_t why_size)
{
    struct live *s = L(a);
    if (!open_device(why, why_size))
        return false;
    Mix_AllocateChannels(0); /* every sample is ours, mixed in the hook */
    s->base_ms = s->last_clock_ms;
    s->mixed_end = 0;
    s->cb_counter = 0;
    s->dev_open = true;
    Mix_HookMusic(hook, a);
    log_info("audio: %s, %d Hz, %d-frame buffers, stream from %" PRIu64 " ms",
             SDL_GetCurrentAudioDriver(), s->rate, BUFFER_FRAMES, s->base_ms);
    return true;
}

/* The cues as pending frames, each at most once: one already started is left
 * out, one placed a little late plays at once, one much later is dropped.
 * Under the lock. Returns how many of `cues` it turned into `out`. */
static size_t place(const struct live *s, const struct cue *cues, size_t n, struct pending *out)
{
    uint64_t late_max = ms_to_frame(CUE_LATE_MS, s->rate);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        /* Before the stream began: placed at its start (a cue at the
         * session's "now" when the device opened), or long past. */
        if (cues[i].time_ms + CUE_LATE_MS < s->base_ms || was_started(s, &cues[i]))
            continue; /* a started one is playing or played: never twice */
        struct pending p = {frame_of(s, cues[i].time_ms), frame_of(s, cues[i].end_ms), cues[i]};
        if (p.frame < s->mixed_end) {
            if (s->mixed_end - p.frame > late_max) {
                log_debug("audio: dropped a %s cue %" PRIu64 " frames late",
                          cue_sound_name(p.cue.sound), s->mixed_end - p.frame);
                continue;
            }
            p.frame = s->mixed_end; /* at once */
        }
        out[kept++] = p;
    }
    return kept;
}

static bool live_schedule(struct audio *a, const struct engine *e, uint64_t now, char *why,
                          size_t why_size)
{
    struct live *s = L(a);
    if (!s->dev_open) {
        SDL_LockMutex(s->lock);
        bool opened = start_device(a, why, why_size);
        SDL_UnlockMutex(s->lock);
        if (!opened)
            return false;
    }
    /* The phrases change only on this (the app) thread: read without the lock. */
    struct cue *cues = NULL;
    size_t n = cues_from_prediction(e, now, s->have_phrases ? &s->phrases : NULL, &cues);
    struct pending *pend = xmalloc((n ? n : 1) * sizeof *pend);

    SDL_LockMutex(s->lock);
    hush(s);
    size_t kept = place(s, cues, n, pend);
    log_debug("audio: %zu cues placed from %" PRIu64 " ms (first at frame %" PRIu64
              ", %zu predicted, mixed to frame %" PRIu64 ")", kept, now, kept ? pend[0].frame : 0, n,
              s->mixed_end);
    free(s->pend);
    s->pend = pend;
    s->n_pend = kept;
    s->next = 0;
    SDL_UnlockMutex(s->lock);
    free(cues);
    return true;
}

static void live_clear(struct audio *a)
{
    struct live *s = L(a);
    SDL_LockMutex(s->lock);
    s->n_pend = s->next = 0;
    hush(s);
    SDL_UnlockMutex(s->lock);
}

static void live_destroy(struct audio *a)
{
    struct live *s = L(a);
    if (s->dev_open) {
        Mix_HookMusic(NULL, NULL);
        Mix_CloseAudio();
    }
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    speech_destroy(s->speech);
    cue_phrases_finish(&s->phrases);
    for (int i = 0; i < CUE_SOUND_COUNT; i++)
        synth_pcm_finish(&s->sounds[i]);
    free(s->pend);
    SDL_DestroyMutex(s->lock);
    free(s);
}

static int gain_for(int volume)
{
    volume = volume < 0 ? 0 : volume > 100 ? 100 : volume;
    /* squared: the steps sound even to the ear */
    return (int)((int64_t)volume * volume * 32768 / 10000);
}

static void *live_create(struct audio *a, char *why, size_t why_size)
{
    struct live *s = xcalloc(1, sizeof *s);
    s->lock = SDL_CreateMutex();
    if (!s->lock) {
        snprintf(why, why_size, "%s", SDL_GetError());
        free(s);
        return NULL;
    }
    s->rate = RATE;
    s->buffer_frames = BUFFER_FRAMES;
    s->perf_freq = SDL_GetPerformanceFrequency();
    /* The driver now (a driver that does not exist is known at once); the
     * device itself when the session starts (start_device). */
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        snprintf(why, why_size, "%s", SDL_GetError());
        SDL_DestroyMutex(s->lock);
        free(s);
        return NULL;
    }
    for (int i = 0; i < CUE_SOUND_COUNT; i++)
        synth_pcm_init((enum cue_sound)i, s->rate, &s->sounds[i]);
    s->gain_q15 = gain_for(a->opt.volume);
    s->last_clock_ms = SDL_GetTicks64();
    log_info("audio: %s driver; the device opens when the session starts",
             SDL_GetCurrentAudioDriver());
    return s;
}

const struct audio_backend audio_sdl_backend = {
    .live = true,
    .create = live_create,
    .destroy = live_destroy,
    .clock_ms = live_clock_ms,
    .prepare = live_prepare,
    .schedule = live_schedule,
    .clear = live_clear,
    .lock = live_lock,
    .unlock = live_unlock,
};
