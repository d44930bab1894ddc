/* audio.h - the sound: one small interface over a table of backends (audio.c):
 * two live ones, a sound server's stream written seconds ahead (audio_pulse.c)
 * and SDL's audio device (audio_sdl.c), and a silent one that records what it
 * would play (audio_null.c: no device, tests). Cues are placed by their time
 * in the audio stream, never started from the frame loop, and the session
 * clock goes with the stream while a device plays.
 *
 * Which backend: audio_options.backend when the program sets it, else the
 * environment variable SMR_AUDIO, else the default.
 *   (default)        SDL's device when SDL_AUDIODRIVER names a driver; else
 *                    the sound server, and SDL's device if none answers
 *   SMR_AUDIO=pulse  the PulseAudio (or PipeWire) server through libpulse
 *                    (when built with it)
 *   SMR_AUDIO=sdl    SDL's audio device and driver (pick that with
 *                    SDL_AUDIODRIVER)
 *   SMR_AUDIO=null   no sound at all, and no notice: the null backend
 * When the one chosen (or the last the default tries) cannot play: one notice
 * ("no sound: ...") and the session goes on silently. Any other name: one
 * warning naming the valid ones, then the default. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "audio/audio_options.h"
#include "engine/cues.h"
#include "engine/engine.h"
#include "routine/routine.h"

struct audio;

/* The backend the options (or SMR_AUDIO) name. When the SDL one cannot start
 * it logs one clear notice and returns the null one: never NULL. NULL options:
 * the defaults (volume 80, with the voice). */
struct audio *audio_create(const struct audio_options *opt);
void audio_destroy(struct audio *a); /* NULL is fine */
/* True while a device plays (or will play, once the session starts) the cues. */
bool audio_is_live(const struct audio *a);

/* The session clock in ms: the monotonic clock (or the null backend's
 * clock_ms), held by the audio stream while a device plays, so that it never
 * runs ahead of the sound, and dragged by a stream that runs faster than the
 * wall; through the device's closes and opens without a step (stream_clock.h).
 * The only clock the app reads. */
uint64_t audio_clock_ms(struct audio *a);

/* Synthesizes every phrase the session will speak, ahead of time. */
void audio_prepare(struct audio *a, const struct routine *r, const struct timeline *t);
/* Replaces every cue not yet started with the ones the engine predicts from
 * `now` (cues_from_prediction). Call after start and after every control
 * (pause, skip, back...). */
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
