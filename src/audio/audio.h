/* audio.h - the sound backend: a small interface with the SDL_mixer backend
 * (audio_sdl.c) and a silent twin (audio_null.c) used when no device opens and
 * by tests. Cues are placed by sample position in the audio stream, never
 * started from the frame loop, and the stream's position is the session clock
 * while a device plays. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "engine/cues.h"
#include "engine/engine.h"
#include "routine/routine.h"

struct audio;

struct audio_options {
    int volume; /* 0-100 */
    bool mute;
    bool voice;            /* spoken instructions where speech is built in */
    const char *language;  /* the routine's language tag, picks the voice */
};

/* Opens the default device through SDL_mixer. When that fails it logs one
 * clear notice and returns the silent backend: never NULL. */
struct audio *audio_open(const struct audio_options *opt);
struct audio *audio_open_null(void);
void audio_close(struct audio *a); /* NULL is fine */
bool audio_is_live(const struct audio *a);

/* The session clock in ms: the audio stream's position while a device plays,
 * the monotonic clock otherwise. The only clock the app reads. */
uint64_t audio_clock_ms(struct audio *a);

/* Synthesizes every phrase the session will speak, ahead of time. */
void audio_prepare(struct audio *a, const struct routine *r, const struct timeline *t);
/* Replaces every cue not yet started with the ones the engine predicts from
 * `now`. Call after start and after every control (pause, skip, back...). */
void audio_schedule_from_engine(struct audio *a, const struct engine *e, uint64_t now);
/* Drops every cue not yet started (pause, stop). */
void audio_clear(struct audio *a);
/* Holds the stream still (the mixing thread waits) so that reading the clock,
 * driving the engine and scheduling happen at one stream position:
 *   audio_lock(a); now = audio_clock_ms(a); engine_start(e, now);
 *   audio_schedule_from_engine(a, e, now); audio_unlock(a);
 * Without it an unpaced driver (disk, SDL_DISKAUDIODELAY=0) can mix past
 * `now` before the cues are placed. Keep it short; recursive; no-op when silent. */
void audio_lock(struct audio *a);
void audio_unlock(struct audio *a);
void audio_set_muted(struct audio *a, bool muted);
bool audio_muted(const struct audio *a);
/* 0-100; applies to what is mixed from now on. */
void audio_set_volume(struct audio *a, int volume);
