/* resample.c - the voice from espeak's rate to the device's (resample.h). */
#include "audio/resample.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

enum {
    ONE = 1 << 16,      /* Q16: a weight of 1.0 */
    MAX_PERIOD = 4096,  /* output phases worth a table (22050 -> 48000: 320) */
};

/* |sum| < 2 * 32768 * ONE: added, it makes the sum positive, so rounding is
 * a shift of an unsigned number. */
static const int64_t BIAS = (int64_t)65536 * ONE;

struct phase {
    int32_t w[4]; /* of input frames k-1 .. k+2 */
    size_t k;     /* the input frame before it, from the period's first */
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
            r->phases[p].w[j] = (int32_t)lrint(d[j] * ONE);
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
        if (k0 + c[0].k >= 1 && k0 + c[run - 1].k + 2 < n) {
            for (size_t j = 0; j < run; j++) {
                const int16_t *q = in + (k0 + c[j].k - 1);
                int64_t v = (int64_t)c[j].w[0] * q[0] + (int64_t)c[j].w[1] * q[1] +
                            (int64_t)c[j].w[2] * q[2] + (int64_t)c[j].w[3] * q[3];
                out[i + j] = clamp16((long)((uint64_t)(v + BIAS + ONE / 2) >> 16) - 65536);
            }
        } else {
            for (size_t j = 0; j < run; j++) {
                ptrdiff_t k = (ptrdiff_t)(k0 + c[j].k);
                int64_t v = (int64_t)c[j].w[0] * at(in, n, k - 1) +
                            (int64_t)c[j].w[1] * at(in, n, k) +
                            (int64_t)c[j].w[2] * at(in, n, k + 1) +
                            (int64_t)c[j].w[3] * at(in, n, k + 2);
                out[i + j] = clamp16((long)((uint64_t)(v + BIAS + ONE / 2) >> 16) - 65536);
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
