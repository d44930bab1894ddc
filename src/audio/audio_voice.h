/* audio_voice.h - private to the backends that play (audio_sdl.c,
 * audio_pulse.c): what a session says, and the voice that says it, built the
 * same way for both, and swapped in by audio_voice_replace(). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audio/audio_backend.h"
#include "audio/audio_options.h"
#include "audio/mix.h"
#include "engine/cues.h"
#include "engine/engine.h"
#include "routine/routine.h"

struct speech;

struct audio_voice {
    struct cue_phrases phrases;
    bool have_phrases;
    struct speech *speech; /* NULL: tones only */
};

/* The phrases of `r` (its timeline `t`), and a voice synthesizing them at
 * `rate` when the options want one and speech is built in. */
void audio_voice_build(struct audio_voice *v, const struct audio_options *opt,
                       const struct routine *r, const struct timeline *t, int rate);
void audio_voice_finish(struct audio_voice *v); /* zeroed is fine; leaves it zeroed */

/* The voice of `r` into `*slot` and `mix`, in place of the one there. The
 * mixing thread may hold a pointer into the old one, so it is taken out
 * under the backend's lock (a->backend->lock); espeak is one per process, so
 * it is finished before the new one is built, outside the lock. */
void audio_voice_replace(struct audio *a, struct audio_voice *slot, struct mix *mix,
                         const struct routine *r, const struct timeline *t, int rate);
/* Every phrase is synthesized (or failed): a backend may render far ahead. */
bool audio_voice_ready(const struct audio_voice *v);

/* The cues the engine predicts from `now`, with these phrases
 * (cues_from_prediction); *cues is the caller's to free. */
size_t audio_voice_cues(const struct audio_voice *v, const struct engine *e, uint64_t now,
                        struct cue **cues);
