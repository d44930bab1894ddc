/* audio_voice.h - private to the backends that play (audio_sdl.c,
 * audio_pulse.c): what a session says, and the voice that says it, built the
 * same way for both. A backend swaps one in under its own lock; espeak is
 * one per process, so the old one is finished before the next is built:
 *
 *   lock; old = s->voice; s->voice = (struct audio_voice){0}; mix_set_voice(&s->mix, NULL); unlock;
 *   audio_voice_finish(&old);
 *   audio_voice_build(&v, &a->opt, r, t, RATE);
 *   lock; s->voice = v; mix_set_voice(&s->mix, audio_voice_mix(&s->voice, &mv)); unlock; */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* The mixer's side of the voice, in `out`; NULL when there is no voice. */
const struct mix_voice *audio_voice_mix(struct audio_voice *v, struct mix_voice *out);
/* Every phrase is synthesized (or failed): a backend may render far ahead. */
bool audio_voice_ready(const struct audio_voice *v);

/* The cues the engine predicts from `now`, with these phrases
 * (cues_from_prediction); *cues is the caller's to free. */
size_t audio_voice_cues(const struct audio_voice *v, const struct engine *e, uint64_t now,
                        struct cue **cues);
