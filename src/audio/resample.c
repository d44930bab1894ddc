/* resample.c - the voice from espeak's rate to the device's (resample.h). */
#include "audio/resample.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/util.h"

enum {
    MAX_PERIOD = 4096, /* output phases worth a table (22050 -> 48000: 320) */
};

struct phase {
    float w[4]; /* of input frames k-1 .. k+2 */
    size_t k;   /* the input frame before it, from the period's first */
};

struct resampler {
    int in_rate, out_rate;
    size_t period, advance; /* output frames per period; input frames per period */
    struct phase *phases;   /* NULL: no short period, the formula at every frame */
};

size_t resample_frames(size_t n, int in_rate, int out_rate)
{
    return (size_t)((double)n * out_rate / in_rate);
}

static int16_t clamp16(long v)
{
    return (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
}

/* Catmull-Rom's weights of p0..p3 at fraction f between p1 and p2. */
static void weights(double f, double w[4])
{
    double f2 = f * f, f3 = f2 * f;
    w[0] = 0.5 * (-f + 2 * f2 - f3);
    w[1] = 0.5 * (2 - 5 * f2 + 3 * f3);
    w[2] = 0.5 * (f + 4 * f2 - 3 * f3);
    w[3] = 0.5 * (-f2 + f3);
}

/* Input frame k, the ends repeated. */
static int at(const int16_t *in, size_t n, ptrdiff_t k)
{
    return in[k < 0 ? 0 : (size_t)k >= n ? n - 1 : (size_t)k];
}

/* Output frame i by the formula. */
static int16_t formula_frame(const int16_t *in, size_t n, double step, size_t i)
{
    double x = (double)i * step;
    ptrdiff_t k = (ptrdiff_t)x;
    double w[4];
    weights(x - (double)k, w);
    double v = 0;
    for (int j = 0; j < 4; j++)
        v += w[j] * at(in, n, k - 1 + j);
    return clamp16(lrint(v));
}

void resample_reference(const int16_t *in, size_t n, int in_rate, int out_rate, int16_t *out)
{
    size_t m = resample_frames(n, in_rate, out_rate);
    for (size_t i = 0; i < m; i++)
        out[i] = formula_frame(in, n, (double)in_rate / out_rate, i);
}

static int gcd(int a, int b)
{
    while (b) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

struct resampler *resampler_create(int in_rate, int out_rate)
{
    if (in_rate <= 0 || out_rate <= 0)
        return NULL;
    struct resampler *r = xcalloc(1, sizeof *r);
    int g = gcd(in_rate, out_rate);
    *r = (struct resampler){.in_rate = in_rate, .out_rate = out_rate,
                            .period = (size_t)(out_rate / g), .advance = (size_t)(in_rate / g)};
    if (r->period > MAX_PERIOD)
        return r;
    r->phases = xcalloc(r->period, sizeof *r->phases);
    for (size_t p = 0; p < r->period; p++) {
        uint64_t num = (uint64_t)p * r->advance; /* output p lies num/period input frames on */
        double d[4];
        weights((double)(num % r->period) / (double)r->period, d);
        for (int j = 0; j < 4; j++)
            r->phases[p].w[j] = (float)d[j];
        r->phases[p].k = (size_t)(num / r->period);
    }
    return r;
}

void resampler_destroy(struct resampler *r)
{
    if (r)
        free(r->phases);
    free(r);
}

/* One output frame of the table path from its four taps. In float, with
 * the operations of one lane of four_frames() in its order: whichever
 * computes a frame, it comes out the same, and a span may start anywhere.
 * Float's 24 bits hold a tap's product of a 16-bit sample to within 1/500
 * of the last bit, so the result is the double formula's but for a sum
 * that lands on a half (test_resample: to one step). */
static int16_t taps(const float w[4], float s0, float s1, float s2, float s3)
{
    float v = (w[0] * s0 + w[1] * s1) + (w[2] * s2 + w[3] * s3);
    return clamp16(lrintf(v));
}

#if defined(__SSE2__)
/* Four consecutive output frames (phases c[0..3], each frame's taps at
 * in + k0 + c[t].k - 1): a frame's four samples and weights multiplied in
 * one instruction, the four products of four frames transposed, added as
 * taps() adds them, rounded as lrintf() rounds (the default mode) and
 * saturated to 16 bits as clamp16() does. */
static void four_frames(const struct phase *c, const int16_t *in, size_t k0, int16_t *out)
{
    __m128 m[4];
    for (int t = 0; t < 4; t++) {
        __m128i s = _mm_loadl_epi64((const __m128i *)(const void *)(in + (k0 + c[t].k - 1)));
        s = _mm_srai_epi32(_mm_unpacklo_epi16(s, s), 16); /* sign-extended to 32 bits */
        m[t] = _mm_mul_ps(_mm_cvtepi32_ps(s), _mm_loadu_ps(c[t].w));
    }
    _MM_TRANSPOSE4_PS(m[0], m[1], m[2], m[3]);
    __m128 v = _mm_add_ps(_mm_add_ps(m[0], m[1]), _mm_add_ps(m[2], m[3]));
    __m128i q = _mm_cvtps_epi32(v);
    _mm_storel_epi64((__m128i *)(void *)out, _mm_packs_epi32(q, q));
}
#endif

void resampler_run(const struct resampler *r, const int16_t *in, size_t n, size_t from,
                   size_t count, int16_t *out)
{
    size_t m = n ? resample_frames(n, r->in_rate, r->out_rate) : 0;
    size_t have = from >= m ? 0 : m - from < count ? m - from : count;
    memset(out + have, 0, (count - have) * sizeof *out);
    if (!r->phases) {
        for (size_t i = 0; i < have; i++)
            out[i] = formula_frame(in, n, (double)r->in_rate / r->out_rate, from + i);
        return;
    }
    /* A period's stretch at a time: where all four taps of every frame in
     * it lie inside the input (all but a phrase's first and last frames),
     * the loop has no bounds to check and no phase to wrap. */
    size_t p = from % r->period;
    size_t k0 = from / r->period * r->advance; /* the input frame of the period's first */
    for (size_t i = 0; i < have;) {
        size_t run = r->period - p < have - i ? r->period - p : have - i;
        const struct phase *c = &r->phases[p];
        size_t j = 0;
        if (k0 + c[0].k >= 1 && k0 + c[run - 1].k + 2 < n) {
#if defined(__SSE2__)
            for (; j + 4 <= run; j += 4)
                four_frames(c + j, in, k0, out + i + j);
#endif
            for (; j < run; j++) {
                const int16_t *q = in + (k0 + c[j].k - 1);
                out[i + j] = taps(c[j].w, q[0], q[1], q[2], q[3]);
            }
        } else {
            for (; j < run; j++) {
                ptrdiff_t k = (ptrdiff_t)(k0 + c[j].k);
                out[i + j] = taps(c[j].w, (float)at(in, n, k - 1), (float)at(in, n, k),
                                  (float)at(in, n, k + 1), (float)at(in, n, k + 2));
            }
        }
        i += run;
        p += run;
        if (p == r->period) {
            p = 0;
            k0 += r->advance;
        }
    }
}
