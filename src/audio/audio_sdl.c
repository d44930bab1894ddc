/* audio_sdl.c - the live backend (audio_sdl_backend, its only export): SDL's
 * audio device, opened only around sounds (on a sound server: around a
 * session's sounds).
 *
 * An open SDL2 device wakes its thread for every buffer even when it is
 * paused or silent; only a closed one sleeps. So the device is a series of
 * streams: one opens a little before a sound (a buffer and LEAD_MS), and
 * closes when nothing sounds and the next sound is far. Through open and
 * close the session clock goes on without a step (stream_clock.h), and every
 * cue is placed by its session frame (mix.h), so it lands on its frame
 * whichever stream plays it. On a device heard as it plays, a stream stays
 * open from a session's first sound until none is to come (stream_idle):
 * where a new stream sits is estimated, and the estimate strays under load.
 * A stream has large buffers (it wakes 16 times
 * a second, the voice included), but one opened while a control hushes a
 * sound (a pause's fade) has small ones, so that it is heard within 50 ms,
 * and a control that places a sound at "now" while a large stream plays
 * replaces that stream by a new one (quicken). What a large stream has already
 * queued still plays: a sound server holds about a buffer of it (PulseAudio
 * asks for one buffer ahead), so the voice goes on that long after a pause:
 * at 4096 frames 35-46 ms of the 50 ms a key's sound may take, at 2048
 * 6-22 ms (measured, tests/audio/pulse_e2e.py). But what the server holds is
 * also the margin for SDL's thread: at 2048, under a loaded machine's
 * scheduling, one stream in ten ran dry (the server waits, and every later
 * cue of that stream came 5 ms late). 3072 is between. A driver that runs faster than the wall (SDL's disk driver,
 * unpaced) keeps its stream open: there is no real time to save.
 *
 * Threads: SDL's, one per stream, calls callback(), which takes `lock` for
 * the buffer; the app takes it to read the clock, to replace the schedule and
 * around a control (audio_lock); the keeper thread opens streams at their
 * time and closes them when idle, and the closer thread closes them, since
 * SDL_CloseAudioDevice waits two buffers for the sound to drain. Nothing
 * wakes without a deadline: the keeper waits for the next stream's opening
 * time or for a signal (new cues, a stream gone idle), the closer for work.
 *
 * Each stream closed logs (info) its number, buffer size, the session frame
 * of its frame 0, the frames it gave SDL and where its first sound is: with
 * the disk driver the file holds those frames (after whatever silence SDL
 * wrote for the device while it was still paused), so tests/audio/analyse.py
 * finds each stream in the file and maps its frames to session time. */
#include <SDL.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "audio/audio_backend.h"
#include "audio/audio_voice.h"
#include "audio/mix.h"
#include "audio/stream_clock.h"
#include "audio/synth.h"
#include "engine/cues.h"
#include "util/log.h"
#include "util/util.h"

enum {
    RATE = 48000,          /* a whole number of frames per ms: ms <-> frame is exact */
    BUF_LARGE = 3072,      /* 64 ms: a stream opened for sounds to come */
    BUF_QUICK = 1024,      /* 21 ms: one a control opened, to be heard at once */
    /* A stream opens one buffer and this long before its first sound: SDL
     * may write a buffer for the device while it is still paused, and only
     * then ask for the first, so that buffer's time is not lead. */
    LEAD_MS = 40,
    /* A sound already due starts this far into a new stream, about when
     * the frame that shows it is up: since the session screen's picture is
     * drawn before the start key (session_screen_warm), 15 ms put the
     * lead-in +10 to +15 ms after its frame on the gcc build (pulse-e2e,
     * limit 20) and +0.3 to +6.9 ms under the sanitizers. */
    START_MS = 10,
    LATE_START_MS = CUE_LATE_MS, /* ...if it is not later than this */
    /* A stream closes when nothing sounds and the next sound is further than
     * this: about where closing and opening again (~0.5 ms of CPU) costs
     * less than the buffers of staying open. */
    CLOSE_QUICK_MS = 500,
    CLOSE_LARGE_MS = 1000,
    /* The first stream a process opens on a sound server may start late
     * (measured on PulseAudio 16: up to 0.8 s from its first buffer to its
     * second): one silent stream this long at start-up takes that, and tells
     * at once whether a device opens at all. */
    WARM_MS = 200,
    MAX_CLOSING = 8,
};

struct live;

/* One opening of the device. */
struct stream {
    struct live *owner;
    SDL_AudioDeviceID dev;
    unsigned id;         /* 1, 2, ... for the log */
    uint32_t buffer;     /* frames per buffer */
    bool begun;          /* its first buffer was asked for */
    bool opening;        /* open_stream is not done with it: nobody retires it */
    bool retired;        /* closing: its buffers are silence */
    bool warm;           /* the silent one at start-up */
    bool idle;           /* its last buffer found nothing to play for a while */
    uint64_t base;       /* the session frame of its frame 0 */
    uint64_t mixed;      /* frames of it mixed */
    uint64_t given;      /* frames it gave SDL (the mixed ones and the silence after) */
    uint64_t first_sound; /* its first frame that is not silence; UINT64_MAX: none yet */
    int64_t opened_ns;   /* SDL_OpenAudioDevice returned (SDL's thread had started) */
    int64_t first_ns;
    int64_t second_ns;   /* its second buffer was asked for (0: not yet) */
    int64_t third_ns;    /* and its third */
    uint32_t hidden;     /* buffers of SDL's own silence before its frame 0 */
};

struct live {
    struct audio *a;       /* muted is read here, under lock */
    SDL_mutex *lock;
    SDL_cond *keeper_wake, *closer_wake, *closed;
    SDL_Thread *keeper, *closer;
    bool quit;             /* the keeper ends */
    bool quit_closer;      /* the closer ends, once it has closed every stream */
    bool serial;           /* the disk driver: one stream at a time (they share a file) */
    bool fast;             /* a stream ran far faster than the wall: it stays open */
    bool held;             /* a device heard as it plays (not disk, not dummy) */
    bool audio_up;         /* SDL's audio subsystem was started */
    bool open_failed;      /* a later open failed: why */
    char why[256];
    unsigned app_locks;    /* audio_lock depth (app thread only) */
    unsigned n_streams;
    int64_t warm_end_ns;   /* the silent stream at start-up stays open until then */
    struct stream *cur;    /* the stream playing, or NULL */
    struct stream *closing[MAX_CLOSING];
    size_t n_closing;
    bool closer_busy;
    struct stream_clock clock;
    struct mix mix;
    struct synth_pcm sounds[CUE_SOUND_COUNT];
    struct audio_voice voice;
    uint64_t perf_freq;
    int64_t gap_ns[2];     /* the shortest first-to-second call seen, small and large */
};

static struct live *L(struct audio *a)
{
    return a->impl;
}

static int64_t mono_ns(const struct live *s)
{
    uint64_t c = SDL_GetPerformanceCounter();
    return (int64_t)(c / s->perf_freq * 1000000000u + c % s->perf_freq * 1000000000u / s->perf_freq);
}

static uint64_t ms_frames(uint64_t ms)
{
    return ms * RATE / 1000;
}

/* ---- SDL's audio thread ---- */

static uint64_t lead_frames(uint32_t buffer)
{
    return buffer + ms_frames(LEAD_MS);
}

/* Nothing sounds and the next sound is far enough: the keeper may close it.
 *
 * On a device heard as it plays (SDL's pulseaudio, pipewire, alsa drivers)
 * a stream of large buffers stays open while sounds are to come, and closes
 * only when none is (a pause, the session's end): SDL does not say when a
 * server starts to play a stream, so where each new stream sits is
 * estimated from when SDL's thread asks for its buffers, and under a loaded
 * machine's scheduling that estimate strayed by 2 ms (pulse-e2e beside two
 * busy loops) and once by 52 ms (CI), while the cues of one stream are
 * exact relative to each other. The CPU this costs is the fallback's:
 * where the server is PulseAudio the app's own backend (audio_pulse.c)
 * plays instead and opens its stream around sounds without guessing. */
static bool stream_idle(const struct live *s, const struct stream *st, uint64_t at)
{
    if (s->fast || mix_busy(&s->mix))
        return false;
    uint64_t next = mix_next_at(&s->mix);
    if (next == UINT64_MAX)
        return true;
    if (s->held && st->buffer == BUF_LARGE)
        return false;
    uint64_t gap = next > at ? next - at : 0;
    bool quick = st->buffer == BUF_QUICK;
    return gap > lead_frames(BUF_LARGE) + ms_frames(quick ? CLOSE_QUICK_MS : CLOSE_LARGE_MS);
}

/* A stream that has mixed far more than the wall has run is not a device
 * anyone listens to in real time (SDL's disk driver, unpaced). */
static void check_pace(struct live *s, const struct stream *st, int64_t now, uint32_t n)
{
    uint64_t wall = stream_clock_frames(RATE, now - st->first_ns);
    if (!s->fast && st->mixed > 2 * wall + 4 * (uint64_t)n) {
        s->fast = true;
        log_info("audio: the stream runs faster than the wall: the device stays open");
    }
}

/* Where the stream's first sound is, for the log: SDL may write a paused
 * device's silence before the first buffer it asks for and after the last,
 * and with the disk driver a test finds the stream in the file by it. */
static uint64_t first_sound(const struct stream *st, const int16_t *out, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (out[i])
            return st->mixed + i;
    return UINT64_MAX;
}

/* A server asks for a stream's second buffer a set time after the first
 * (PulseAudio's null sink: 14.25-14.64 ms for 3072 frames) and each buffer
 * after it a buffer later; when it asks later, it started playing the
 * stream that much later. pulse-e2e: the session's first stream asked 2.5,
 * 3.1 and 3.6 ms late and was heard 2.4, 3.1 and 3.6 ms late relative to
 * every later cue. The clock then waits that long, so the streams after it
 * keep to what was heard. Told at the third call, which SDL's thread woken
 * late for the second does not move (stream_clock_start_late); not with the
 * disk driver, whose file is the clock. Under the lock. */
static void check_start(struct live *s, const struct stream *st)
{
    if (s->serial || s->fast)
        return;
    int64_t gap = st->second_ns - st->first_ns;
    int64_t *usual = &s->gap_ns[st->buffer == BUF_LARGE];
    int64_t late = stream_clock_start_late(RATE, st->buffer, *usual, gap,
                                           st->third_ns - st->first_ns);
    if (late) {
        stream_clock_wait(&s->clock, late);
        log_debug("audio: stream %u started %.3f ms late: the clock waits for it", st->id,
                  (double)late / 1e6);
    }
    if (!*usual || gap < *usual)
        *usual = gap;
}

static void callback(void *udata, Uint8 *bytes, int len)
{
    struct stream *st = udata;
    struct live *s = st->owner;
    int16_t *out = (int16_t *)(void *)bytes;
    uint32_t n = (uint32_t)len / sizeof(int16_t);
    int64_t now = mono_ns(s);
    SDL_LockMutex(s->lock);
    if (st->retired || n > MIX_MAX_BUFFER) {
        memset(bytes, 0, (size_t)len);
    } else {
        if (!st->begun) {
            int64_t heard = stream_clock_heard_from(RATE, st->buffer, st->opened_ns, now,
                                                    &st->hidden);
            st->base = stream_clock_begin_at(&s->clock, now, heard, mix_next_at(&s->mix));
            st->first_ns = now;
            st->begun = true;
            if (st->warm)
                SDL_CondSignal(s->keeper_wake); /* sounds may wait for it to go */
        }
        if (st->mixed && !st->second_ns) {
            st->second_ns = now;
        } else if (st->second_ns && !st->third_ns) {
            st->third_ns = now;
            check_start(s, st);
        }
        mix_render(&s->mix, st->base + st->mixed, out, n, s->a->muted);
        if (st->first_sound == UINT64_MAX)
            st->first_sound = first_sound(st, out, n);
        stream_clock_mixed(&s->clock, n);
        st->mixed += n;
        check_pace(s, st, now, n);
        bool idle = stream_idle(s, st, st->base + st->mixed);
        if (idle && !st->idle)
            SDL_CondSignal(s->keeper_wake);
        st->idle = idle;
    }
    st->given += n;
    SDL_UnlockMutex(s->lock);
}

/* ---- streams: opened by the keeper (the first by the app), closed by the closer ---- */

/* Whether the closer has a stream to close or is closing one. Under the lock. */
static bool closing_any(const struct live *s)
{
    return s->n_closing || s->closer_busy;
}

/* SDL opens the device for `st` (now the current stream), without the lock:
 * the stream's thread may ask for its first buffer at once, and waits for it.
 * Called with the lock held once. */
static SDL_AudioDeviceID open_device(struct live *s, struct stream *st)
{
    SDL_AudioSpec want = {.freq = RATE, .format = AUDIO_S16SYS, .channels = 1,
                          .samples = (Uint16)st->buffer, .callback = callback, .userdata = st};
    SDL_AudioSpec got;
    s->cur = st;
    SDL_UnlockMutex(s->lock);
    SDL_AudioDeviceID dev = SDL_OpenAudioDevice(NULL, 0, &want, &got, 0);
    st->opened_ns = mono_ns(s); /* before the unpause: the callback reads it */
    if (dev)
        SDL_PauseAudioDevice(dev, 0);
    SDL_LockMutex(s->lock);
    if (!dev)
        s->cur = NULL;
    return dev;
}

/* The closer has closed every stream it was given. Under the lock. */
static void wait_closed(struct live *s)
{
    while (closing_any(s) && !s->quit)
        SDL_CondWait(s->closed, s->lock);
}

/* A new stream of `buffer` frames becomes the current one. Some drivers
 * (disk, dummy) have one device at a time: with them the last stream must
 * be closed first, which is learnt from the first refusal (the disk driver
 * is known: its streams share a file). Under the lock, held once. */
static bool open_stream(struct live *s, uint32_t buffer, char *why, size_t why_size)
{
    if (s->serial)
        wait_closed(s);
    struct stream *st = xcalloc(1, sizeof *st);
    *st = (struct stream){.owner = s, .buffer = buffer, .first_sound = UINT64_MAX,
                          .opening = true};
    SDL_AudioDeviceID dev = s->quit ? 0 : open_device(s, st);
    if (!dev && !s->quit && closing_any(s)) {
        s->serial = true;
        wait_closed(s);
        dev = s->quit ? 0 : open_device(s, st);
    }
    if (!dev) {
        snprintf(why, why_size, "%s", s->quit ? "closing" : SDL_GetError());
        free(st);
        return false;
    }
    st->dev = dev;
    st->opening = false; /* its first buffers may have come already: the keeper looks again */
    st->id = ++s->n_streams;
    if (st->id == 1)
        log_info("audio: %s, %d Hz, mono, %d- and %d-frame buffers",
                 SDL_GetCurrentAudioDriver(), RATE, BUF_QUICK, BUF_LARGE);
    log_debug("audio: stream %u opens (%" PRIu32 "-frame buffers)", st->id, buffer);
    return true;
}

/* The current stream goes to the closer; the clock goes on without it. Under
 * the lock. */
static void retire(struct live *s, int64_t now)
{
    struct stream *st = s->cur;
    s->cur = NULL;
    st->retired = true;
    stream_clock_end(&s->clock, now);
    if (s->n_closing == MAX_CLOSING) { /* never with a working device: wait for room */
        while (s->n_closing == MAX_CLOSING)
            SDL_CondWait(s->closed, s->lock);
    }
    s->closing[s->n_closing++] = st;
    SDL_CondSignal(s->closer_wake);
}

static int closer_main(void *data)
{
    struct live *s = data;
    SDL_LockMutex(s->lock);
    for (;;) {
        while (!s->n_closing && !s->quit_closer)
            SDL_CondWait(s->closer_wake, s->lock);
        if (!s->n_closing)
            break;
        struct stream *st = s->closing[0];
        memmove(s->closing, s->closing + 1, --s->n_closing * sizeof *s->closing);
        s->closer_busy = true;
        SDL_UnlockMutex(s->lock);
        SDL_CloseAudioDevice(st->dev); /* its thread may wait for the lock: not held */
        char first[48] = "no sound";
        if (st->first_sound != UINT64_MAX)
            snprintf(first, sizeof first, "first sound at frame %" PRIu64, st->first_sound);
        if (st->begun)
            log_debug("audio: stream %u: first buffer asked for %.3f ms after the open, the "
                      "second %.3f ms and the third %.3f ms after the first (-1: none); %" PRIu32
                      " buffer(s) of SDL's silence taken to come first", st->id,
                      (double)(st->first_ns - st->opened_ns) / 1e6,
                      st->second_ns ? (double)(st->second_ns - st->first_ns) / 1e6 : -1.0,
                      st->third_ns ? (double)(st->third_ns - st->first_ns) / 1e6 : -1.0,
                      st->hidden);
        log_info("audio: stream %u closed: %" PRIu32 "-frame buffers, frame 0 at session frame %"
                 PRIu64 ", %" PRIu64 " frames, %s", st->id, st->buffer, st->base, st->given, first);
        free(st);
        SDL_LockMutex(s->lock);
        s->closer_busy = false;
        SDL_CondBroadcast(s->closed);
    }
    SDL_UnlockMutex(s->lock);
    return 0;
}

/* ---- the keeper: when a stream opens and closes ---- */

/* Small buffers only while a control hushes a sound that is still playing
 * (the voice fading on a pause: what the large stream before it queued
 * plays on beside it); large ones otherwise, a sound placed at "now" too
 * (the session's start, the count-in after a resume). A fresh stream is
 * heard as soon with either: the count-in 15.4 ms after the key in small
 * buffers, 15.9-16.7 in large (pulse-e2e). And the small stream's first
 * call could not be told apart: under load it came 3.9 ms after the open
 * without SDL's silence before it, past the eighth of a buffer (2.7 ms)
 * that says there was some (stream_clock_heard_from), so the lead-in went
 * 21 ms early into the stream's first frames, which the server then lost
 * (pulse-e2e, first cue -16.1 ms; CI -16.4). Large buffers leave 8 ms.
 * They are also cheaper: a stream of 1024-frame buffers wakes 47 times a
 * second, and each wake-up of SDL's thread costs about as much CPU
 * whatever its size. */
static uint32_t buffer_for(const struct live *s)
{
    return mix_busy(&s->mix) ? BUF_QUICK : BUF_LARGE;
}

/* The silent stream at start-up plays nothing: its clock is the one a
 * server may start late (WARM_MS), the cost it is there to take. When sounds
 * come while it is still open, it goes, and they get a stream of their own
 * (measured on PulseAudio: the lead-in of a session begun at once, played in
 * it, came 2.7 ms after its place relative to every later cue). Not with a
 * driver that must close one stream before it opens the next (disk): its
 * file is the clock, and the sound would wait for the close. Under the lock. */
static bool warm_must_go(const struct live *s)
{
    return s->cur && s->cur->warm && !s->serial && !s->fast &&
           (mix_busy(&s->mix) || mix_next_at(&s->mix) != UINT64_MAX);
}

/* One decision, under the lock: open, close, or the ms to wait (-1: until
 * signalled). */
static int keep(struct live *s)
{
    int64_t now_ns = mono_ns(s);
    uint64_t now = stream_clock_read(&s->clock, now_ns, false);
    if (s->cur) {
        if (!s->cur->begun || s->cur->opening)
            return -1; /* the stream signals when it begins */
        if (!warm_must_go(s)) {
            if (!stream_idle(s, s->cur, now))
                return -1; /* the stream signals when it goes idle */
            if (s->cur->warm && now_ns < s->warm_end_ns)
                return (int)((s->warm_end_ns - now_ns) / 1000000 + 1);
        }
        retire(s, now_ns);
    }
    uint64_t next = mix_next_at(&s->mix);
    bool busy = mix_busy(&s->mix); /* a stream was closed under a sound (a control) */
    if ((next == UINT64_MAX && !busy) || s->open_failed)
        return -1;
    uint32_t buffer = buffer_for(s);
    uint64_t lead = lead_frames(buffer);
    uint64_t open_at = busy ? 0 : next > lead ? next - lead : 0;
    if (now < open_at) {
        uint64_t ms = (open_at - now + RATE / 1000 - 1) / (RATE / 1000);
        return ms > 60000 ? 60000 : (int)ms;
    }
    if (!open_stream(s, buffer, s->why, sizeof s->why) && !s->quit) {
        s->open_failed = true;
        log_warn("audio: the device would not open again: %s", s->why);
    }
    return 0;
}

/* A control placed a sound at "now", or hushed the voice, while a stream of
 * large buffers plays: that one would be heard a buffer or two late, so it
 * goes, and the keeper opens a new one at once (buffer_for). Not with the disk
 * driver, which must close one stream before it opens the next: there is no
 * one to hear it late. Under the lock. */
static void quicken(struct live *s, uint64_t now)
{
    if (!s->cur || s->cur->buffer == BUF_QUICK || !s->cur->begun || s->cur->opening ||
        s->serial || s->fast)
        return;
    bool due_now = mix_next_at(&s->mix) <= now + ms_frames(START_MS);
    if (due_now || mix_busy(&s->mix))
        retire(s, mono_ns(s));
}

static int keeper_main(void *data)
{
    struct live *s = data;
    SDL_LockMutex(s->lock);
    while (!s->quit) {
        int wait = keep(s);
        if (wait > 0)
            SDL_CondWaitTimeout(s->keeper_wake, s->lock, (Uint32)wait);
        else if (wait < 0)
            SDL_CondWait(s->keeper_wake, s->lock);
    }
    SDL_UnlockMutex(s->lock);
    return 0;
}

/* ---- the app thread ---- */

static uint64_t live_clock_ms(struct audio *a)
{
    struct live *s = L(a);
    SDL_LockMutex(s->lock);
    uint64_t f = stream_clock_read(&s->clock, mono_ns(s), s->app_locks > 0);
    SDL_UnlockMutex(s->lock);
    /* rounded up: a cue placed at this ms is never in a frame already mixed */
    return (f * 1000 + RATE - 1) / RATE;
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
    audio_voice_replace(a, &s->voice, &s->mix, r, t, RATE);
}

static bool live_schedule(struct audio *a, const struct engine *e, uint64_t now, char *why,
                          size_t why_size)
{
    struct live *s = L(a);
    /* The phrases change only on this (the app) thread: read without the lock. */
    struct cue *cues = NULL;
    size_t n = audio_voice_cues(&s->voice, e, now, &cues);
    SDL_LockMutex(s->lock);
    bool ok = !s->open_failed;
    if (!ok)
        snprintf(why, why_size, "%s", s->why);
    mix_schedule(&s->mix, cues, n);
    log_debug("audio: %zu cues placed from %" PRIu64 " ms", n, now);
    quicken(s, ms_frames(now));
    if (warm_must_go(s) && s->cur->begun && !s->cur->opening)
        retire(s, mono_ns(s)); /* before its callback mixes them */
    SDL_CondSignal(s->keeper_wake);
    SDL_UnlockMutex(s->lock);
    free(cues);
    return ok;
}

static void live_clear(struct audio *a)
{
    struct live *s = L(a);
    SDL_LockMutex(s->lock);
    mix_clear(&s->mix);
    quicken(s, stream_clock_read(&s->clock, mono_ns(s), false));
    SDL_CondSignal(s->keeper_wake);
    SDL_UnlockMutex(s->lock);
}

/* Also after a start() that failed part way. */
static void live_destroy(struct audio *a)
{
    struct live *s = L(a);
    if (s->lock) {
        SDL_LockMutex(s->lock);
        s->quit = true;
        if (s->keeper_wake)
            SDL_CondSignal(s->keeper_wake);
        if (s->closed)
            SDL_CondBroadcast(s->closed); /* a keeper waiting to open */
        SDL_UnlockMutex(s->lock);
    }
    SDL_WaitThread(s->keeper, NULL); /* NULL is fine */
    if (s->closer) {
        SDL_LockMutex(s->lock);
        if (s->cur)
            retire(s, mono_ns(s));
        s->quit_closer = true;
        SDL_CondSignal(s->closer_wake);
        SDL_UnlockMutex(s->lock);
        SDL_WaitThread(s->closer, NULL); /* it closes what is left first */
    }
    if (s->audio_up)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    audio_voice_finish(&s->voice);
    mix_finish(&s->mix);
    for (int i = 0; i < CUE_SOUND_COUNT; i++)
        synth_pcm_finish(&s->sounds[i]);
    SDL_DestroyCond(s->keeper_wake);
    SDL_DestroyCond(s->closer_wake);
    SDL_DestroyCond(s->closed);
    SDL_DestroyMutex(s->lock);
    free(s);
}

/* The lock, the conditions and the driver (a driver that does not exist is
 * known at once); the device itself opens with the first cues. False, with
 * `why`: live_destroy() undoes what was done. */
static bool start(struct live *s, char *why, size_t why_size)
{
    s->lock = SDL_CreateMutex();
    s->keeper_wake = SDL_CreateCond();
    s->closer_wake = SDL_CreateCond();
    s->closed = SDL_CreateCond();
    if (!s->lock || !s->keeper_wake || !s->closer_wake || !s->closed ||
        SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        snprintf(why, why_size, "%s", SDL_GetError());
        return false;
    }
    s->audio_up = true;
    s->serial = strcmp(SDL_GetCurrentAudioDriver(), "disk") == 0;
    s->held = !s->serial && strcmp(SDL_GetCurrentAudioDriver(), "dummy") != 0;
    s->keeper = SDL_CreateThread(keeper_main, "smr-audio-keep", s);
    s->closer = SDL_CreateThread(closer_main, "smr-audio-close", s);
    if (!s->keeper || !s->closer) {
        snprintf(why, why_size, "%s", SDL_GetError());
        return false;
    }
    return true;
}

static void *live_create(struct audio *a, char *why, size_t why_size)
{
    struct live *s = xcalloc(1, sizeof *s);
    s->a = a;
    a->impl = s;
    s->perf_freq = SDL_GetPerformanceFrequency();
    for (int i = 0; i < CUE_SOUND_COUNT; i++)
        synth_pcm_init((enum cue_sound)i, RATE, &s->sounds[i]);
    mix_init(&s->mix, RATE, s->sounds, a->opt.volume);
    /* Until the first stream, the session clock is SDL's ticks, like the
     * silent backend's that the app uses before this one. */
    stream_clock_init(&s->clock, RATE, ms_frames(SDL_GetTicks64()), mono_ns(s), START_MS,
                      LATE_START_MS);
    bool ok = start(s, why, why_size);
    if (ok) { /* the silent stream: a device that will not open is told here */
        SDL_LockMutex(s->lock);
        /* Large buffers where it may overlap the next stream: it also learns
         * how soon the server asks for a large stream's second buffer
         * (check_start). With the disk driver, small: a session begun at once
         * waits for its close. */
        ok = open_stream(s, s->serial ? BUF_QUICK : BUF_LARGE, why, why_size);
        if (ok) {
            s->cur->warm = true;
            s->warm_end_ns = mono_ns(s) + (int64_t)WARM_MS * 1000000;
            SDL_CondSignal(s->keeper_wake); /* it may have gone idle while opening */
        }
        SDL_UnlockMutex(s->lock);
    }
    if (!ok) {
        live_destroy(a);
        a->impl = NULL;
        return NULL;
    }
    log_info("audio: %s driver; the device opens %s", SDL_GetCurrentAudioDriver(),
             s->held ? "for a session's sounds and stays open until they end" : "around sounds");
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
