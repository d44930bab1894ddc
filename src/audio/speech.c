/* speech.c - phrases to PCM with libespeak-ng, ahead of time, in a thread.
 * espeak runs synchronously (AUDIO_OUTPUT_SYNCHRONOUS) and hands its 16-bit
 * samples (22050 Hz for its voices) to a callback; each phrase is collected,
 * trimmed of the leading silence espeak adds (so the voice starts when it is
 * scheduled) and published with an atomic flag the mixer reads without a
 * lock. Phrases are kept at espeak's rate (a session's voice is about a
 * minute: 2.4 MB instead of 5.3 at 48 kHz); speech_render() resamples the
 * span the mixer asks for as it plays (resample.h), so no phrase is ever held
 * at the device rate (the longest, 5 s, took 0.5 MB). */
#include "audio/speech.h"

#include "audio/resample.h"

#include <SDL.h>
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "util/log.h"
#include "util/util.h"

#if HAVE_ESPEAK
#include <espeak-ng/speak_lib.h>
#endif

struct phrase {
    char *text;
    int16_t *pcm;
    size_t frames;
    SDL_atomic_t ready; /* 1: pcm/frames may be read; 2: failed */
};

struct speech {
    char *language;
    struct phrase *phrases; /* at in_rate */
    size_t n;
    int rate, in_rate;      /* the device's; espeak's (set before a phrase is ready) */
    struct resampler *rs;   /* in_rate -> rate (set before a phrase is ready) */
    SDL_Thread *thread;
    SDL_atomic_t cancel;
};

/* Samples of one phrase as espeak produces them. */
struct collect {
    struct speech *s;
    int16_t *buf;
    size_t len, cap;
};

/* Drops near-silence at the start and most of it at the end, and brings the
 * peak to a level that sits well with the tones. */
static void trim_and_level(int16_t **pcm, size_t *n, int rate)
{
    size_t a = 0, b = *n;
    while (a < b && abs((*pcm)[a]) < 200)
        a++;
    while (b > a && abs((*pcm)[b - 1]) < 200)
        b--;
    size_t tail = (size_t)rate / 20; /* keep 50 ms of the natural fade */
    b = b + tail < *n ? b + tail : *n;
    int peak = 1;
    for (size_t i = a; i < b; i++)
        peak = abs((*pcm)[i]) > peak ? abs((*pcm)[i]) : peak;
    double gain = 0.45 * 32767.0 / peak;
    size_t m = b - a;
    for (size_t i = 0; i < m; i++) {
        long v = lrint((*pcm)[a + i] * gain);
        (*pcm)[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
    }
    /* a 2 ms fade in: trimming may have cut into a waveform */
    size_t fade = (size_t)rate / 500;
    for (size_t i = 0; i < fade && i < m; i++)
        (*pcm)[i] = (int16_t)((*pcm)[i] * (double)i / (double)fade);
    *n = m;
}

#if HAVE_ESPEAK

bool speech_available(void)
{
    return true;
}

static int on_samples(short *wav, int count, espeak_EVENT *events)
{
    struct collect *c = events ? events->user_data : NULL;
    if (!c)
        return 0;
    if (SDL_AtomicGet(&c->s->cancel))
        return 1; /* abort */
    if (wav && count > 0) {
        if (c->len + (size_t)count > c->cap) {
            c->cap = (c->len + (size_t)count) * 2;
            c->buf = xrealloc(c->buf, c->cap * sizeof *c->buf);
        }
        memcpy(c->buf + c->len, wav, (size_t)count * sizeof *wav);
        c->len += (size_t)count;
    }
    return 0;
}

/* The routine's tag as espeak names languages ("en-GB" -> "en-gb"), then
 * its primary subtag, then English. */
static bool pick_voice(const char *tag)
{
    char name[32];
    snprintf(name, sizeof name, "%s", tag && *tag ? tag : "en");
    for (char *p = name; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    for (int attempt = 0; attempt < 3; attempt++) {
        if (attempt == 1) {
            char *dash = strchr(name, '-');
            if (!dash)
                continue;
            *dash = '\0';
        }
        if (attempt == 2)
            snprintf(name, sizeof name, "en");
        espeak_VOICE spec;
        memset(&spec, 0, sizeof spec);
        spec.languages = name;
        if (espeak_SetVoiceByProperties(&spec) == EE_OK) {
            log_debug("speech: voice for '%s': %s", tag ? tag : "", name);
            return true;
        }
    }
    return false;
}

static int synth_thread(void *data)
{
    struct speech *s = data;
    int in_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
    if (in_rate <= 0 || !pick_voice(s->language)) {
        log_warn("speech: espeak-ng did not start; tones only");
        for (size_t i = 0; i < s->n; i++)
            SDL_AtomicSet(&s->phrases[i].ready, 2);
        if (in_rate > 0)
            espeak_Terminate();
        return 0;
    }
    espeak_SetSynthCallback(on_samples);
    espeak_SetParameter(espeakRATE, 185, 0);
    for (size_t i = 0; i < s->n && !SDL_AtomicGet(&s->cancel); i++) {
        struct phrase *ph = &s->phrases[i];
        struct collect c = {.s = s};
        espeak_ERROR err = espeak_Synth(ph->text, strlen(ph->text) + 1, 0, POS_CHARACTER, 0,
                                        espeakCHARS_UTF8, NULL, &c);
        if (err != EE_OK || c.len == 0 || SDL_AtomicGet(&s->cancel)) {
            free(c.buf);
            SDL_AtomicSet(&ph->ready, 2);
            continue;
        }
        size_t n = c.len;
        trim_and_level(&c.buf, &n, in_rate);
        ph->pcm = n ? xrealloc(c.buf, n * sizeof *c.buf) : c.buf; /* gives back the spare */
        ph->frames = n;
        if (!s->rs) {
            s->in_rate = in_rate;
            s->rs = resampler_create(in_rate, s->rate);
        }
        SDL_AtomicSet(&ph->ready, n ? 1 : 2); /* a full barrier: pcm is visible first */
    }
    espeak_Terminate();
    return 0;
}

struct speech *speech_create(const char *language, char *const *phrases, size_t n, int rate)
{
    if (!phrases || n == 0 || rate <= 0)
        return NULL;
    struct speech *s = xcalloc(1, sizeof *s);
    s->language = xstrdup(language ? language : "en");
    s->phrases = xcalloc(n, sizeof *s->phrases);
    s->n = n;
    s->rate = rate;
    for (size_t i = 0; i < n; i++)
        s->phrases[i].text = xstrdup(phrases[i] ? phrases[i] : "");
    s->thread = SDL_CreateThread(synth_thread, "smr-speech", s);
    if (!s->thread) {
        log_warn("speech: no thread (%s); tones only", SDL_GetError());
        speech_destroy(s);
        return NULL;
    }
    return s;
}

#else /* !HAVE_ESPEAK */

bool speech_available(void)
{
    return false;
}

struct speech *speech_create(const char *language, char *const *phrases, size_t n, int rate)
{
    (void)language, (void)phrases, (void)n, (void)rate;
    (void)trim_and_level;
    return NULL;
}

#endif

static const struct phrase *ready_phrase(const struct speech *s, int i)
{
    if (!s || i < 0 || (size_t)i >= s->n || SDL_AtomicGet(&s->phrases[i].ready) != 1)
        return NULL;
    return &s->phrases[i];
}

bool speech_length(struct speech *s, int i, size_t *frames)
{
    const struct phrase *ph = ready_phrase(s, i);
    if (!ph)
        return false;
    *frames = resample_frames(ph->frames, s->in_rate, s->rate);
    return *frames > 0;
}

void speech_render(struct speech *s, int i, size_t from, size_t n, int16_t *out)
{
    const struct phrase *ph = ready_phrase(s, i);
    if (ph)
        resampler_run(s->rs, ph->pcm, ph->frames, from, n, out);
    else
        memset(out, 0, n * sizeof *out);
}

bool speech_done(struct speech *s)
{
    for (size_t i = 0; s && i < s->n; i++)
        if (!SDL_AtomicGet(&s->phrases[i].ready))
            return false;
    return true;
}

void speech_wait(struct speech *s)
{
    if (s && s->thread) {
        SDL_WaitThread(s->thread, NULL);
        s->thread = NULL;
    }
}

void speech_destroy(struct speech *s)
{
    if (!s)
        return;
    SDL_AtomicSet(&s->cancel, 1);
    speech_wait(s);
    for (size_t i = 0; i < s->n; i++) {
        free(s->phrases[i].text);
        free(s->phrases[i].pcm);
    }
    free(s->phrases);
    resampler_destroy(s->rs);
    free(s->language);
    free(s);
}
