/* synth.h - the cue sounds, synthesized in code at start-up (no audio files):
 * enveloped sine and FM tones, each with a sharp onset for timing and a
 * click-free attack and release. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "engine/cues.h"

struct synth_pcm {
    int16_t *samples; /* mono, at the rate asked for */
    size_t frames;
};

/* Renders one sound at `rate` Hz into out (released by synth_pcm_finish).
 * CUE_SOUND_NONE gives an empty buffer. */
void synth_pcm_init(enum cue_sound s, int rate, struct synth_pcm *out);
void synth_pcm_finish(struct synth_pcm *p); /* NULL and empty are fine */
