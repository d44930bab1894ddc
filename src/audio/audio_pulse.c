/* audio_pulse.c - the live backend on a sound server (audio_pulse_backend,
 * its only export): PulseAudio's own client library, or PipeWire's Pulse
 * layer, with the sound written seconds ahead.
 *
 * SDL2's device is pulled: its thread wakes for every buffer, and a buffer
 * can be no longer than a key's sound may be late (50 ms), since SDL can
 * neither flush nor cork. A server's stream is pushed: what is written
 * stays queued in the server until it is played, and a write may go back
 * and replace what is queued but not yet heard (the server rewinds its
 * sink). So a stream here is written up to AHEAD_MS past what is heard, at
 * one wake-up, and topped up when less than LOW_MS is left: the voice and the
 * ticks of a whole hold cost one wake-up every few seconds instead of 16 a
 * second. A control (pause, skip, a new schedule, mute) goes back: the
 * mixer returns to where it was at the frame REWRITE_MS past what is heard
 * (it is marked as it renders, mix.h), the change is made there, and
 * everything from that frame on is written again over what was queued.
 *
 * A stream opens OPEN_BEFORE_MS before a sound and closes when nothing
 * sounds and the next sound is further than CLOSE_GAP_MS (a waiting screen,
 * a pause): between streams nothing wakes. Every frame of a stream is one
 * session frame (base + its index), so a cue is on its frame wherever the
 * writes and rewrites fall, and the session clock is the stream's own time
 * (pa_stream_get_time: what is heard now, the sink's latency taken off),
 * never read below an earlier reading; with no stream it runs on the
 * monotonic clock from where the last one left it.
 *
 * Threads: libpulse's main loop on a thread of its own (pulse_loop.h) runs
 * the server's callbacks and our one timer (top up, open, close), all under
 * the loop's lock, which the app takes too (audio_lock). Nothing else. While
 * a stream plays and nothing of the server is awaited the thread does not
 * listen to it (listen_as_needed): it wakes for the top-ups alone, once
 * every 4 s through a hold, not for each block the server hands back; those
 * are read as it wakes, before the top-up (deferred_look). */
#include <SDL.h>
#include <inttypes.h>
#include <pulse/pulseaudio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio/audio_backend.h"
#include "audio/audio_voice.h"
#include "audio/mix.h"
#include "audio/pulse_loop.h"
#include "audio/synth.h"
#include "engine/cues.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

enum {
    RATE = 48000,
    MS = RATE / 1000,
    CHUNK = 100 * MS,        /* frames rendered and written at a time */
    /* Chunks between marks of the mixer: a rewrite renders up to 1 s again
     * without writing it (0.1-0.2 ms), once a control; a mark is 9.6 kB,
     * copied as it renders (every 3 chunks, a ring of 48: 13 copies a top-up
     * and 460 kB resident). */
    MARK_EVERY = 10,
    N_MARKS = 16,            /* a ring: 16 s, more than AHEAD_MS */
    /* Written this far past what is heard, and topped up when less than
     * LOW_MS is left: one wake-up every 4 s while sounds are near. What is
     * written stays in our shared memory until it is played (the server
     * reads it there), so it is resident: 8 s is 750 kB. */
    AHEAD_MS = 8000,
    LOW_MS = 4000,
    /* While phrases are still being synthesized, only this far: a phrase not
     * ready when its frames are rendered would be skipped. */
    AHEAD_SHORT_MS = 300,
    SHORT_WAKE_MS = 100,
    REWRITE_MS = 10,         /* a control's change is heard this far past "now" */
    LEAD_MS = 10,            /* a new stream's first sound, if already due, this far into it */
    OPEN_BEFORE_MS = 500,    /* a stream opens this long before its first sound */
    CLOSE_GAP_MS = 10000,    /* it closes when nothing sounds for longer than this */
    /* The server's target: below what is always queued. PulseAudio 16 wakes
     * us about once a second with it (every 0.96 s, whatever plays); 3 s
     * woke us once a top-up but the stream's time then stalled for ~9 s in
     * some sessions (docs/performance.md, issue 16, session 13). */
    TLENGTH_MS = 1000,
    CONNECT_TIMEOUT_MS = 3000,
};

struct mark_at {
    uint64_t at; /* the session frame the mark is at */
    struct mix_mark mark;
};

struct pulse {
    struct audio *a;
    struct pulse_loop *loop;
    pa_context *ctx;
    pa_time_event *timer;
    pa_defer_event *after_reads;
    bool timed_out;         /* the connection took too long */
    bool dead;              /* the context or a stream failed: why */
    char why[256];
    unsigned app_locks;
    /* the clock: with no stream, the line (session frame `line` at `line_ns`) */
    uint64_t line;
    int64_t line_ns;
    uint64_t floor;         /* the last reading: none is ever below it */
    /* the stream */
    pa_stream *st;          /* NULL: none */
    bool ready;             /* it can be written */
    bool started;           /* the server said it plays */
    /* Timing requests not answered yet. Counted: a stream asks as it becomes
     * ready and again after its first write, and an answer to the first
     * (the stream not playing yet) must not make the loop deaf to the
     * second, or the clock stands still on it until the next top-up. */
    unsigned timing_pending;
    unsigned n_streams;
    uint64_t base;          /* the session frame of its frame 0 */
    uint64_t written;       /* its frames written (its write index) */
    int64_t seek;           /* bytes the next write goes back first (a rewrite) */
    uint64_t sound_until;   /* session frame past the last one rendered with sound */
    uint64_t rewrites;      /* for the log */
    bool rendered_muted;    /* what is written was rendered muted */
    /* the mixer, and where it was (a ring, oldest first) */
    struct mix mix;
    struct mark_at *marks;
    size_t mark_head, n_marks;
    unsigned chunks_since_mark;
    int16_t buf[CHUNK];     /* what a rewind renders again without writing */
    struct synth_pcm sounds[CUE_SOUND_COUNT];
    struct audio_voice voice;
};

static struct pulse *P(struct audio *a)
{
    return a->impl;
}

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static uint64_t ms_frames(uint64_t ms)
{
    return ms * MS;
}

/* ---- the clock (under the lock) ---- */

/* What is heard now, in session frames, before the floor: the stream's time
 * once the server has told it, else the line. */
static uint64_t heard_raw(struct pulse *p, int64_t now_ns)
{
    pa_usec_t us;
    if (p->st && p->ready && pa_stream_get_time(p->st, &us) == 0)
        return p->base + us * RATE / 1000000;
    int64_t d = now_ns - p->line_ns;
    return p->line + (d > 0 ? (uint64_t)d * RATE / 1000000000 : 0);
}

static uint64_t clock_read(struct pulse *p)
{
    uint64_t f = heard_raw(p, mono_ns());
    if (f > p->floor)
        p->floor = f;
    return p->floor;
}

/* Where a change is made: REWRITE_MS past what is heard (the server needs
 * the write before it plays those frames), never before the last reading. */
static uint64_t change_point(struct pulse *p)
{
    uint64_t f = heard_raw(p, mono_ns()) + ms_frames(REWRITE_MS);
    if (f > p->floor)
        p->floor = f;
    return p->floor;
}

/* ---- writing ---- */

static uint64_t write_end(const struct pulse *p)
{
    return p->base + p->written;
}

static void drop_marks(struct pulse *p)
{
    p->mark_head = p->n_marks = 0;
    p->chunks_since_mark = 0;
}

static void add_mark(struct pulse *p, uint64_t at)
{
    struct mark_at *m = &p->marks[(p->mark_head + p->n_marks) % N_MARKS];
    if (p->n_marks == N_MARKS)
        p->mark_head = (p->mark_head + 1) % N_MARKS; /* the oldest goes */
    else
        p->n_marks++;
    m->at = at;
    mix_mark(&p->mix, &m->mark);
    p->chunks_since_mark = 0;
}

/* Frames [at, at + n) rendered into out, marked every MARK_EVERY chunks. */
static void render_chunk(struct pulse *p, uint64_t at, int16_t *out, size_t n)
{
    if (!p->n_marks || p->chunks_since_mark >= MARK_EVERY)
        add_mark(p, at);
    p->chunks_since_mark++;
    if (mix_render(&p->mix, at, out, n, p->a->muted))
        p->sound_until = at + n;
}

/* The server's last error ends the backend: sound stops, the session goes on. */
static void server_failed(struct pulse *p)
{
    p->dead = true;
    snprintf(p->why, sizeof p->why, "%s", pa_strerror(pa_context_errno(p->ctx)));
}

/* Written up to AHEAD_MS past what is heard (less while phrases are still
 * being synthesized), rendered straight into the memory libpulse shares
 * with the server (pa_stream_begin_write: a block of its pool, at most 64 KiB
 * each), so that nothing is copied on the way: a block of memory of our own
 * would be copied into the pool, 768 kB on every 4 s top-up. */
static void top_up(struct pulse *p)
{
    uint64_t ahead = ms_frames(audio_voice_ready(&p->voice) ? AHEAD_MS : AHEAD_SHORT_MS);
    uint64_t target = heard_raw(p, mono_ns()) + ahead;
    while (!p->dead && write_end(p) < target) {
        size_t bytes = (size_t)(target - write_end(p)) * sizeof(int16_t);
        void *buf = NULL;
        if (pa_stream_begin_write(p->st, &buf, &bytes) < 0 || !buf ||
            bytes < sizeof(int16_t)) {
            server_failed(p);
            break;
        }
        int16_t *pcm = buf;
        size_t n = bytes / sizeof *pcm;
        for (size_t done = 0; done < n;) {
            size_t k = n - done < CHUNK ? n - done : CHUNK;
            render_chunk(p, write_end(p) + done, pcm + done, k);
            done += k;
        }
        if (pa_stream_write(p->st, pcm, n * sizeof *pcm, NULL, p->seek, PA_SEEK_RELATIVE) < 0) {
            server_failed(p);
            break;
        }
        p->seek = 0;
        p->written += n;
    }
}

/* Back to frame f (>= the stream's base): the mixer returns to its last mark
 * at or before f and renders on to f without writing; the next write goes
 * back over what was queued from f. The caller then changes the schedule. */
static void rewind_to(struct pulse *p, uint64_t f)
{
    if (f >= write_end(p))
        return; /* nothing written there yet */
    size_t k = p->n_marks;
    while (k && p->marks[(p->mark_head + k - 1) % N_MARKS].at > f)
        k--;
    if (!k) { /* never with a working server: marks reach back past what is heard */
        log_warn("audio: no mark of the mixer before frame %" PRIu64 "; the change is late", f);
        return;
    }
    const struct mark_at *m = &p->marks[(p->mark_head + k - 1) % N_MARKS];
    mix_rewind(&p->mix, &m->mark);
    for (uint64_t at = m->at; at < f;) {
        size_t n = f - at < CHUNK ? (size_t)(f - at) : CHUNK;
        mix_render(&p->mix, at, p->buf, n, true);
        at += n;
    }
    p->seek -= (int64_t)((write_end(p) - f) * sizeof *p->buf);
    p->written = f - p->base;
    if (p->sound_until > f)
        p->sound_until = f;
    p->rewrites++;
    drop_marks(p); /* the change to come makes them stale */
}

/* ---- streams: opened and closed by keep() ---- */

static void keep(struct pulse *p);

/* The loop hears the server while something of it is awaited: the
 * connection, a stream's readiness, its start, the answer to a timing
 * request. libpulse times the last two as it reads them (the stream's clock
 * resumes when "started" is read, and a timing answer is placed at its
 * arrival), so they are read at once: read at the next look, "started"
 * held the session's clock back 77-535 ms (5 of 8 sessions). In between, the
 * played blocks the server hands back wait for the next look (pulse_loop.h). */
static void listen_as_needed(struct pulse *p)
{
    bool quiet = p->st && p->ready && p->started && p->timing_pending == 0 && !p->dead;
    pulse_loop_listen(p->loop, !quiet);
}

static void stream_started(pa_stream *st, void *user)
{
    struct pulse *p = user;
    if (st != p->st)
        return;
    p->started = true;
    listen_as_needed(p);
}

/* Never with a stream written seconds ahead, unless the machine stalls: it
 * starts again when written to, and that is listened for. */
static void stream_underflow(pa_stream *st, void *user)
{
    struct pulse *p = user;
    if (st != p->st)
        return;
    log_warn("audio: stream %u ran dry", p->n_streams);
    p->started = false;
    listen_as_needed(p);
}

static void timing_done(pa_stream *st, int success, void *user)
{
    (void)success;
    struct pulse *p = user;
    if (st != p->st)
        return;
    if (p->timing_pending > 0)
        p->timing_pending--;
    listen_as_needed(p);
}

/* The server's time for the stream, fresh: the clock between follows it from
 * there (a sound card's clock drifts from the monotonic one by up to
 * 0.01 %). */
static void ask_timing(struct pulse *p)
{
    pa_operation *op = pa_stream_update_timing_info(p->st, timing_done, p);
    if (!op)
        return;
    p->timing_pending++;
    pa_operation_unref(op);
}

static void stream_state(pa_stream *st, void *user)
{
    struct pulse *p = user;
    if (st != p->st)
        return;
    switch (pa_stream_get_state(st)) {
    case PA_STREAM_READY: {
        /* Frame 0 is the present, or earlier, so that a sound already due
         * (a control placed it at "now") starts LEAD_MS into the stream; the
         * clock holds until the stream reaches the present. */
        uint64_t now = clock_read(p);
        uint64_t due = mix_busy(&p->mix) ? now : mix_next_at(&p->mix);
        uint64_t lead = ms_frames(LEAD_MS), back = ms_frames(CUE_LATE_MS);
        p->base = now;
        if (due != UINT64_MAX && due < now + lead) {
            uint64_t b = due > lead ? due - lead : 0;
            uint64_t lowest = now > back ? now - back : 0;
            p->base = b > lowest ? b : lowest;
        }
        p->written = 0;
        p->seek = 0;
        p->sound_until = 0;
        p->rendered_muted = p->a->muted;
        p->ready = true;
        drop_marks(p);
        ask_timing(p);
        const pa_buffer_attr *ba = pa_stream_get_buffer_attr(st);
        log_debug("audio: stream %u ready, frame 0 at session frame %" PRIu64
                  " (now %" PRIu64 "); tlength %" PRIu32 ", prebuf %" PRIu32 ", minreq %" PRIu32,
                  p->n_streams, p->base, now, ba ? ba->tlength : 0, ba ? ba->prebuf : 0,
                  ba ? ba->minreq : 0);
        keep(p);
        break;
    }
    case PA_STREAM_FAILED:
        p->dead = true;
        snprintf(p->why, sizeof p->why, _("the sound server's stream failed: %s"),
                 pa_strerror(pa_context_errno(p->ctx)));
        log_warn("audio: %s", p->why);
        pulse_loop_signal(p->loop);
        break;
    default:
        break;
    }
}

static void open_stream(struct pulse *p)
{
    const pa_sample_spec ss = {.format = PA_SAMPLE_S16NE, .rate = RATE, .channels = 1};
    pa_proplist *pl = pa_proplist_new();
    pa_proplist_sets(pl, PA_PROP_MEDIA_ROLE, "event");
    pa_stream *st = pa_stream_new_with_proplist(p->ctx, "session cues", &ss, NULL, pl);
    pa_proplist_free(pl);
    if (!st) {
        server_failed(p);
        return;
    }
    /* The server's target length is what it asks to have queued; more is
     * always queued here (LOW_MS), so it never asks. Playback starts with
     * the first frame written. */
    const uint32_t fb = sizeof(int16_t);
    pa_buffer_attr attr = {.maxlength = (uint32_t)-1,
                           .tlength = (uint32_t)ms_frames(TLENGTH_MS) * fb,
                           .prebuf = fb, .minreq = (uint32_t)-1, .fragsize = (uint32_t)-1};
    p->st = st;
    p->ready = false;
    p->n_streams++;
    p->started = false;
    pa_stream_set_state_callback(st, stream_state, p);
    pa_stream_set_started_callback(st, stream_started, p);
    pa_stream_set_underflow_callback(st, stream_underflow, p);
    if (pa_stream_connect_playback(st, NULL, &attr, PA_STREAM_INTERPOLATE_TIMING, NULL, NULL) < 0) {
        server_failed(p);
        pa_stream_unref(st);
        p->st = NULL;
        return;
    }
    log_debug("audio: stream %u opens", p->n_streams);
}

/* The stream goes; the clock goes on from its reading. */
static void close_stream(struct pulse *p)
{
    if (!p->st)
        return;
    uint64_t now = clock_read(p);
    p->line = now;
    p->line_ns = mono_ns();
    if (p->ready)
        log_info("audio: stream %u closed: frame 0 at session frame %" PRIu64 ", written to its"
                 " frame %" PRIu64 ", %" PRIu64 " rewrites, heard to session frame %" PRIu64,
                 p->n_streams, p->base, p->written, p->rewrites, now);
    pa_stream_set_state_callback(p->st, NULL, NULL);
    pa_stream_set_started_callback(p->st, NULL, NULL);
    pa_stream_set_underflow_callback(p->st, NULL, NULL);
    pa_stream_disconnect(p->st);
    pa_stream_unref(p->st);
    p->st = NULL;
    p->ready = false;
    p->timing_pending = 0;
    p->rewrites = 0;
    drop_marks(p);
    listen_as_needed(p);
}

/* The timer's look comes after what the server sent while the loop was
 * deaf has been read (pulse_loop.h): among it, the blocks of the pool the
 * server has played and handed back, which the top-up then writes into
 * again. Looked at first, a top-up found none free and took new slots of the
 * pool, whose pages the kernel fills with zeros on first touch: 270 of them
 * in a session's first 12 s, 0.5 ms of this thread, and 0.4 MB more
 * resident for good (docs/performance.md, issue 16, session 18). */
static void deferred_look(pa_mainloop_api *api, pa_defer_event *e, void *user)
{
    api->defer_enable(e, 0);
    keep(user);
}

static void timer_fired(pa_mainloop_api *api, pa_time_event *e, const struct timeval *tv, void *user)
{
    (void)e, (void)tv;
    struct pulse *p = user;
    if (p->after_reads)
        api->defer_enable(p->after_reads, 1);
    else
        keep(p);
}

static void arm(struct pulse *p, int64_t ms)
{
    if (!p->timer)
        return;
    if (ms < 0) {
        pa_context_rttime_restart(p->ctx, p->timer, PA_USEC_INVALID);
        return;
    }
    pa_context_rttime_restart(p->ctx, p->timer, pa_rtclock_now() + (pa_usec_t)ms * 1000);
}

/* One look, under the lock: top up, open, close, and when to look again. */
static void look(struct pulse *p)
{
    if (p->dead) {
        if (p->st)
            close_stream(p);
        arm(p, -1);
        return;
    }
    uint64_t heard = clock_read(p);
    uint64_t next = mix_next_at(&p->mix); /* after what is written */
    bool busy = mix_busy(&p->mix);
    if (p->st && !p->ready)
        return; /* stream_state() looks again when it is */
    if (p->st) {
        bool idle = p->sound_until <= heard && !busy &&
                    (next == UINT64_MAX || next > heard + ms_frames(CLOSE_GAP_MS));
        if (idle) {
            close_stream(p);
        } else {
            /* at every look, after the write: the answer comes after the
             * server has the write, so the loop listens until it has gone */
            top_up(p);
            ask_timing(p);
            int64_t left = (int64_t)(write_end(p) - heard) / MS;
            int64_t ms = audio_voice_ready(&p->voice) ? left - LOW_MS : SHORT_WAKE_MS;
            bool may_idle = next == UINT64_MAX || next > p->sound_until + ms_frames(CLOSE_GAP_MS);
            if (may_idle && p->sound_until > heard) { /* when it goes idle */
                int64_t quiet = (int64_t)((p->sound_until - heard) / MS) + 1;
                ms = ms < quiet ? ms : quiet;
            }
            arm(p, ms > 1 ? ms : 1);
            return;
        }
    }
    if (!busy && next == UINT64_MAX) {
        arm(p, -1);
        return;
    }
    uint64_t open_at = busy ? 0 : next > ms_frames(OPEN_BEFORE_MS) ? next - ms_frames(OPEN_BEFORE_MS) : 0;
    if (heard >= open_at) {
        open_stream(p);
        arm(p, -1); /* stream_state() looks again when it is ready */
    } else {
        uint64_t ms = (open_at - heard + MS - 1) / MS;
        arm(p, ms > 60000 ? 60000 : (int64_t)ms);
    }
}

static void keep(struct pulse *p)
{
    look(p);
    listen_as_needed(p);
}

/* ---- the context ---- */

static void context_state(pa_context *c, void *user)
{
    struct pulse *p = user;
    switch (pa_context_get_state(c)) {
    case PA_CONTEXT_FAILED:
    case PA_CONTEXT_TERMINATED:
        if (!p->dead)
            snprintf(p->why, sizeof p->why, _("the sound server: %s"), pa_strerror(pa_context_errno(c)));
        p->dead = true;
        pulse_loop_signal(p->loop);
        break;
    case PA_CONTEXT_READY:
        pulse_loop_signal(p->loop);
        break;
    default:
        break;
    }
}

static void connect_timeout(pa_mainloop_api *api, pa_time_event *e, const struct timeval *tv,
                            void *user)
{
    (void)api, (void)e, (void)tv;
    struct pulse *p = user;
    p->timed_out = true;
    pulse_loop_signal(p->loop);
}

/* ---- the backend's table ---- */

static uint64_t pulse_clock_ms(struct audio *a)
{
    struct pulse *p = P(a);
    pulse_loop_lock(p->loop);
    /* under the app's lock a control is about to place sounds at the reading:
     * it is where the change is heard (change_point) */
    uint64_t f = p->app_locks && p->st && p->ready ? change_point(p) : clock_read(p);
    pulse_loop_unlock(p->loop);
    return (f * 1000 + RATE - 1) / RATE; /* rounded up, like the SDL backend's */
}

static void pulse_lock(struct audio *a)
{
    pulse_loop_lock(P(a)->loop);
    P(a)->app_locks++;
}

/* Muting changes what is written ahead: it is written again. */
static void pulse_unlock(struct audio *a)
{
    struct pulse *p = P(a);
    if (p->app_locks == 1 && a->muted != p->rendered_muted) {
        if (p->st && p->ready) {
            rewind_to(p, change_point(p));
            keep(p);
        }
        p->rendered_muted = a->muted;
    }
    p->app_locks--;
    pulse_loop_unlock(p->loop);
}

/* A change to the schedule, made where it is heard. */
static void change(struct pulse *p, const struct cue *cues, size_t n, bool clear)
{
    if (p->st && p->ready)
        rewind_to(p, change_point(p));
    if (clear)
        mix_clear(&p->mix);
    else
        mix_schedule(&p->mix, cues, n);
    drop_marks(p);
    keep(p);
}

static bool pulse_schedule(struct audio *a, const struct engine *e, uint64_t now, char *why,
                           size_t why_size)
{
    struct pulse *p = P(a);
    struct cue *cues = NULL;
    size_t n = audio_voice_cues(&p->voice, e, now, &cues);
    pulse_loop_lock(p->loop);
    change(p, cues, n, false);
    log_debug("audio: %zu cues placed from %" PRIu64 " ms", n, now);
    bool ok = !p->dead;
    if (!ok)
        snprintf(why, why_size, "%s", p->why);
    pulse_loop_unlock(p->loop);
    free(cues);
    return ok;
}

static void pulse_clear(struct audio *a)
{
    struct pulse *p = P(a);
    pulse_loop_lock(p->loop);
    change(p, NULL, 0, true);
    pulse_loop_unlock(p->loop);
}

static void pulse_prepare(struct audio *a, const struct routine *r, const struct timeline *t)
{
    struct pulse *p = P(a);
    /* a new voice makes what is written stale: the stream goes first */
    pulse_loop_lock(p->loop);
    close_stream(p);
    pulse_loop_unlock(p->loop);
    audio_voice_replace(a, &p->voice, &p->mix, r, t, RATE);
    pulse_loop_lock(p->loop);
    keep(p);
    pulse_loop_unlock(p->loop);
}

static void pulse_destroy(struct audio *a)
{
    struct pulse *p = P(a);
    if (p->loop) {
        pulse_loop_lock(p->loop);
        close_stream(p);
        if (p->timer) {
            pa_mainloop_api *api = pulse_loop_api(p->loop);
            api->time_free(p->timer);
            p->timer = NULL;
        }
        if (p->after_reads) {
            pulse_loop_api(p->loop)->defer_free(p->after_reads);
            p->after_reads = NULL;
        }
        if (p->ctx) {
            pa_context_set_state_callback(p->ctx, NULL, NULL);
            pa_context_disconnect(p->ctx);
        }
        pulse_loop_unlock(p->loop);
        pulse_loop_stop(p->loop);
        if (p->ctx)
            pa_context_unref(p->ctx);
        pulse_loop_free(p->loop);
    }
    audio_voice_finish(&p->voice);
    mix_finish(&p->mix);
    for (int i = 0; i < CUE_SOUND_COUNT; i++)
        synth_pcm_finish(&p->sounds[i]);
    free(p->marks);
    free(p);
}

/* Connected to the server (the default one: PULSE_SERVER, the user's
 * runtime dir), never starting one; false with `why`. Under the lock. */
static bool connect_server(struct pulse *p, char *why, size_t why_size)
{
    pa_mainloop_api *api = pulse_loop_api(p->loop);
    pa_proplist *pl = pa_proplist_new();
    pa_proplist_sets(pl, PA_PROP_APPLICATION_NAME, "smr-timer");
    pa_proplist_sets(pl, PA_PROP_APPLICATION_ID, "smr-timer");
    pa_proplist_sets(pl, PA_PROP_APPLICATION_ICON_NAME, "smr-timer");
    p->ctx = pa_context_new_with_proplist(api, "smr-timer", pl);
    pa_proplist_free(pl);
    if (!p->ctx) {
        snprintf(why, why_size, "no PulseAudio context");
        return false;
    }
    pa_context_set_state_callback(p->ctx, context_state, p);
    if (pa_context_connect(p->ctx, NULL, PA_CONTEXT_NOAUTOSPAWN, NULL) < 0) {
        snprintf(why, why_size, _("no sound server: %s"), pa_strerror(pa_context_errno(p->ctx)));
        return false;
    }
    pa_time_event *t = pa_context_rttime_new(p->ctx, pa_rtclock_now() +
                                             (pa_usec_t)CONNECT_TIMEOUT_MS * 1000,
                                             connect_timeout, p);
    while (pa_context_get_state(p->ctx) != PA_CONTEXT_READY && !p->dead && !p->timed_out)
        pulse_loop_wait(p->loop);
    if (t)
        api->time_free(t);
    if (p->dead || p->timed_out) {
        snprintf(why, why_size, "%s", p->timed_out ? _("the sound server did not answer in 3 s")
                                                   : p->why);
        return false;
    }
    p->timer = pa_context_rttime_new(p->ctx, PA_USEC_INVALID, timer_fired, p);
    p->after_reads = api->defer_new(api, deferred_look, p);
    if (p->after_reads)
        api->defer_enable(p->after_reads, 0);
    return p->timer != NULL;
}

static void *pulse_create(struct audio *a, char *why, size_t why_size)
{
    struct pulse *p = xcalloc(1, sizeof *p);
    p->a = a;
    a->impl = p;
    p->marks = xcalloc(N_MARKS, sizeof *p->marks);
    for (int i = 0; i < CUE_SOUND_COUNT; i++)
        synth_pcm_init((enum cue_sound)i, RATE, &p->sounds[i]);
    mix_init(&p->mix, RATE, p->sounds, a->opt.volume);
    /* until the first stream, the session clock is SDL's ticks, like the
     * silent backend's that the app uses before this one */
    p->line = ms_frames(SDL_GetTicks64());
    p->line_ns = mono_ns();
    p->rendered_muted = a->muted;
    p->loop = pulse_loop_start("smr-pulse");
    bool ok = p->loop != NULL;
    if (!ok)
        snprintf(why, why_size, "no PulseAudio mainloop thread");
    if (ok) {
        pulse_loop_lock(p->loop);
        ok = connect_server(p, why, why_size);
        pulse_loop_unlock(p->loop);
    }
    if (!ok) {
        pulse_destroy(a);
        a->impl = NULL;
        return NULL;
    }
    log_info("audio: pulse, server %s (protocol %" PRIu32 "), %d Hz, mono; a stream opens "
             "around sounds and is written up to %d ms ahead", pa_context_get_server(p->ctx),
             pa_context_get_server_protocol_version(p->ctx), RATE, AHEAD_MS);
    return p;
}

const struct audio_backend audio_pulse_backend = {
    .live = true,
    .create = pulse_create,
    .destroy = pulse_destroy,
    .clock_ms = pulse_clock_ms,
    .prepare = pulse_prepare,
    .schedule = pulse_schedule,
    .clear = pulse_clear,
    .lock = pulse_lock,
    .unlock = pulse_unlock,
};
