/* speech.h - spoken phrases synthesized ahead of time (libespeak-ng, when
 * built with the 'speech' feature) into PCM at the device rate, in a
 * background thread so that the first frame is never delayed. The mixer takes
 * a phrase only once it is ready; one not ready when due is skipped. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct speech;

/* True when speech is built in. */
bool speech_available(void);

/* Starts synthesizing `n` phrases (copied) in the voice that `language` (a
 * BCP 47 tag; NULL: English) picks, resampled to `rate` Hz mono. NULL when
 * speech is not built in or there is nothing to say. One at a time: espeak
 * keeps global state. */
struct speech *speech_create(const char *language, char *const *phrases, size_t n, int rate);

/* Phrase i's length in frames at `rate` if it is ready (false while it is
 * not, or when it failed). Safe from the mixing thread (no lock). */
bool speech_length(struct speech *s, int i, size_t *frames);
/* Its frames [from, from + n) at `rate`, resampled from espeak's rate as
 * they are asked for; silence past its end, or when it is not ready. Safe
 * from the mixing thread, one caller at a time. */
void speech_render(struct speech *s, int i, size_t from, size_t n, int16_t *out);

/* Every phrase is done or failed (a backend that renders seconds ahead waits
 * for it: a phrase not ready when its frames are rendered is skipped). NULL: true. */
bool speech_done(struct speech *s);

/* Blocks until every phrase is done or failed (tests, tools). */
void speech_wait(struct speech *s);

/* Stops the synthesis early if it still runs and frees everything. NULL is fine. */
void speech_destroy(struct speech *s);
