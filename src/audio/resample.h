/* resample.h - the voice from espeak's rate to the device's, a span at a time.
 *
 * Cubic (Catmull-Rom) interpolation, the same curve at every rate pair. When
 * the two rates have a short common period (22050 -> 48000 repeats every 320
 * output frames: 147 input frames per 320), the four weights and the input
 * frame of each output phase are computed once (as floats), and each frame
 * is four multiply-adds, four frames at a time where SSE2 is there;
 * otherwise each frame's weights are computed in double. Any span of the output can be asked for, so the mixer resamples a
 * phrase as it plays it and no copy of it at the device rate is kept.
 * Pure: no SDL. */
#ifndef SMR_AUDIO_RESAMPLE_H
#define SMR_AUDIO_RESAMPLE_H

#include <stddef.h>
#include <stdint.h>

/* Frames that n input frames at in_rate become at out_rate. */
size_t resample_frames(size_t n, int in_rate, int out_rate);

struct resampler;

/* NULL when a rate is not positive. */
struct resampler *resampler_create(int in_rate, int out_rate);
void resampler_destroy(struct resampler *r); /* NULL is fine */

/* Output frames [from, from + count) of in[0, n) into out; frames past the
 * end (resample_frames()) are silence. */
void resampler_run(const struct resampler *r, const int16_t *in, size_t n, size_t from,
                   size_t count, int16_t *out);

/* The whole of in by the double formula at every frame: what the table path
 * must match (to one step of the last bit), for the tests. */
void resample_reference(const int16_t *in, size_t n, int in_rate, int out_rate, int16_t *out);

#endif
