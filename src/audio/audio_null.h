/* audio_null.h - what the null backend played, for tests. The null backend
 * (audio_options.backend = "null", SMR_AUDIO=null, or no device) makes no
 * sound but keeps the schedule it is given, as the live one would: a cue
 * plays when the backend's clock (audio_options.clock_ms) reaches its time,
 * which it sees whenever the clock is read or cues are placed or cleared; a
 * new schedule replaces every cue not yet played, audio_clear drops them. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "audio/audio.h"
#include "engine/cues.h"
#include "engine/engine.h"

/* One cue as it was heard (or would have been). */
struct audio_played {
    enum cue_sound sound;
    uint64_t time_ms;          /* in the stream: its time, or when it was placed if a little late */
    int phrase;                /* index into the routine's cue_phrases, or CUE_NO_PHRASE */
    int next_phrase;           /* the next-up announcement, or CUE_NO_PHRASE */
    struct engine_event event; /* the event it sounds (merged: the louder one's) */
};

/* Every cue played so far, in order, valid until the next audio_* call on
 * `a`. 0 (and *out NULL) for a backend that is not the null one. */
size_t audio_null_record(const struct audio *a, const struct audio_played **out);
/* The cues placed and not yet played, in order (times as in the stream). */
size_t audio_null_pending(const struct audio *a, const struct cue **out);
