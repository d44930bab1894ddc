/* resample.h - one phrase of the voice from espeak's rate to the device's.
 *
 * Cubic (Catmull-Rom) interpolation, the same curve at every rate pair. When
 * the two rates have a short common period (22050 -> 48000 repeats every 320
 * output frames: 147 input frames per 320), the four weights of each output
 * phase are computed once, in Q16, and each frame is four integer
 * multiply-adds; otherwise each frame's weights are computed in double.
 * Pure: no SDL, no allocation beyond a table freed before it returns. */
#ifndef SMR_AUDIO_RESAMPLE_H
#define SMR_AUDIO_RESAMPLE_H

#include <stddef.h>
#include <stdint.h>

/* Frames that n input frames at in_rate become at out_rate. */
size_t resample_frames(size_t n, int in_rate, int out_rate);

/* in[0, n) at in_rate into out[0, resample_frames(n, ...)) at out_rate. */
void resample(const int16_t *in, size_t n, int in_rate, int out_rate, int16_t *out);

/* The same by the double formula at every frame: what resample() must match
 * (to one step of the last bit), for the tests. */
void resample_reference(const int16_t *in, size_t n, int in_rate, int out_rate, int16_t *out);

#endif
