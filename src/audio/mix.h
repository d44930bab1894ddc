/* mix.h - what the live backend plays, as samples: the schedule of cues, the
 * tones sounding and the voice, rendered into any span of session frames.
 * Pure (no SDL, no clock, no lock: the caller holds its own), so that where a
 * cue lands, what the voice says when, and whether anything is sounding can
 * be unit-tested sample by sample (tests/audio/test_mix.c). Times are session
 * frames (1/rate s); a cue's ms is an exact frame at 48 kHz.
 *
 * The voice speaks right after a cue's tone. In the last phase at a position
 * the next-up announcement is said first, and the instruction (on screen, and
 * heard at every earlier position) follows only if it ends within the phase;
 * an instruction waits up to a second for the voice to be free, then the
 * phrase still speaking fades out. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audio/synth.h"
#include "engine/cues.h"

enum { MIX_TONES = 16, MIX_SAYS = 32, MIX_STARTED = 256, MIX_MAX_BUFFER = 8192 };

/* The voice (speech.h): a phrase's length in frames once synthesized (false
 * while it is not ready), and its frames [from, from + n). */
struct mix_voice {
    bool (*length)(void *user, int phrase, size_t *frames);
    void (*render)(void *user, int phrase, size_t from, size_t n, int16_t *out);
    void *user;
};

struct mix_pending {
    uint64_t at, end; /* the cue's time and its phase's planned end */
    struct cue cue;
};

struct mix_tone {
    const int16_t *pcm;
    size_t frames, pos;
};

struct mix_say {
    uint64_t due, latest, must_end; /* must_end 0: no limit */
    int phrase;
};

struct mix {
    uint32_t rate;
    const struct synth_pcm *sounds; /* CUE_SOUND_COUNT of them */
    struct mix_voice voice;         /* length NULL: no voice */
    int gain_q15;
    /* the schedule, in time order; [next, n_pend) not started yet */
    struct mix_pending *pend;
    size_t n_pend, next;
    struct engine_event started[MIX_STARTED]; /* a ring: the events of recent cues */
    size_t n_started;
    size_t dropped; /* cues reached too late to play */
    struct mix_tone tones[MIX_TONES];
    struct mix_say says[MIX_SAYS];
    size_t n_says;
    bool speaking;
    int sp_phrase; /* the phrase speaking */
    size_t sp_frames, sp_pos;
    uint32_t sp_fade, sp_fade_len; /* frames of fade left; 0: not fading */
    int32_t acc[MIX_MAX_BUFFER];
    int16_t voice_buf[MIX_MAX_BUFFER]; /* the voice's span being added */
};

/* `sounds` stays the caller's. `volume` 0-100. */
void mix_init(struct mix *m, uint32_t rate, const struct synth_pcm *sounds, int volume);
void mix_finish(struct mix *m); /* zeroed is fine */
/* The voice (NULL: none; copied). Drops whatever is said or waits to be. */
void mix_set_voice(struct mix *m, const struct mix_voice *voice);

/* Replaces every cue not yet started with `cues` (time order, ms on the
 * session clock); one whose event already started is left out. A control or
 * a pause makes what the voice says stale: it fades out, and nothing queued
 * is said. */
void mix_schedule(struct mix *m, const struct cue *cues, size_t n);
/* Drops every cue not yet started, and hushes the voice. */
void mix_clear(struct mix *m);

/* Session frames [start, start + n) into `out` (mono; n <= MIX_MAX_BUFFER).
 * A cue whose time is before `start` plays at once, or, later than
 * CUE_LATE_MS, never. Muted: silence, but time goes on. True when a tone
 * or the voice was mixed in and not muted: false, `out` is all silence
 * (true says nothing of the samples: a tone may end in zeros). */
bool mix_render(struct mix *m, uint64_t start, int16_t *out, size_t n, bool muted);
/* out[i] = acc[i] * gain_q15 / 32768 (rounded down), clamped to 16 bits: what
 * mix_render() makes of its sum. gain_q15 0-32768. */
void mix_gain(const int32_t *acc, int16_t *out, size_t n, int32_t gain_q15);

/* Where a mix is, to go back to: a backend that writes far ahead of what is
 * heard (audio_pulse.c) marks the mix as it renders and, when a control
 * changes the schedule, goes back to the last mark before the frame it
 * rewrites from. All of struct mix but its scratch buffers. A mark is good
 * until the next mix_schedule() or mix_set_voice() (they free or replace what
 * it points to); mix_clear() keeps it good. */
struct mix_mark {
    unsigned char state[offsetof(struct mix, acc)];
};
void mix_mark(const struct mix *m, struct mix_mark *mark);
void mix_rewind(struct mix *m, const struct mix_mark *mark);

/* Something is sounding now (a tone, the voice). */
bool mix_busy(const struct mix *m);
/* The session frame of the next sound waiting (a cue, or a phrase due);
 * UINT64_MAX: none. */
uint64_t mix_next_at(const struct mix *m);
