/* resample.c - the voice from espeak's rate to the device's (resample.h). */
#include "audio/resample.h"

#include <math.h>
#include <stdlib.h>

#include "util/util.h"

enum {
    ONE = 1 << 16,      /* Q16: a weight of 1.0 */
    MAX_PERIOD = 4096,  /* output phases worth a table (22050 -> 48000: 320) */
};

size_t resample_frames(size_t n, int in_rate, int out_rate)
{
    return (size_t)((double)n * out_rate / in_rate);
}

static const int64_t BIAS = (int64_t)65536 * ONE;

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

void resample_reference(const int16_t *in, size_t n, int in_rate, int out_rate, int16_t *out)
{
    size_t m = resample_frames(n, in_rate, out_rate);
    double step = (double)in_rate / out_rate;
    for (size_t i = 0; i < m; i++) {
        double x = (double)i * step;
        ptrdiff_t k = (ptrdiff_t)x;
        double w[4];
        weights(x - (double)k, w);
        double v = 0;
        for (int j = 0; j < 4; j++)
            v += w[j] * at(in, n, k - 1 + j);
        out[i] = clamp16(lrint(v));
    }
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

/* A period of output frames at a time: each phase's weights and input frame
 * from the table, with no branch but at the ends. */
void resample(const int16_t *in, size_t n, int in_rate, int out_rate, int16_t *out)
{
    int g = gcd(in_rate, out_rate);
    int period = out_rate / g, advance = in_rate / g; /* per output frame: advance/period */
    if (n == 0 || period > MAX_PERIOD) {
        resample_reference(in, n, in_rate, out_rate, out);
        return;
    }
    struct phase { int32_t w[4]; size_t k; } *ph = xcalloc((size_t)period, sizeof *ph);
    for (int p = 0; p < period; p++) {
        uint64_t num = (uint64_t)p * (uint64_t)advance; /* output p lies num/period input frames on */
        double d[4];
        weights((double)(num % (uint64_t)period) / period, d);
        for (int j = 0; j < 4; j++)
            ph[p].w[j] = (int32_t)lrint(d[j] * ONE);
        ph[p].k = (size_t)(num / (uint64_t)period);
    }
    size_t m = resample_frames(n, in_rate, out_rate);
    for (size_t i0 = 0, k0 = 0; i0 < m; i0 += (size_t)period, k0 += (size_t)advance) {
        size_t len = m - i0 < (size_t)period ? m - i0 : (size_t)period;
        for (size_t p = 0; p < len; p++) {
            const struct phase *c = &ph[p];
            size_t k = k0 + c->k;
            int64_t v;
            if (k >= 1 && k + 2 < n)
                v = (int64_t)c->w[0] * in[k - 1] + (int64_t)c->w[1] * in[k] + (int64_t)c->w[2] * in[k + 1] +
                    (int64_t)c->w[3] * in[k + 2];
            else
                v = (int64_t)c->w[0] * at(in, n, (ptrdiff_t)k - 1) + (int64_t)c->w[1] * at(in, n, (ptrdiff_t)k) +
                    (int64_t)c->w[2] * at(in, n, (ptrdiff_t)k + 1) +
                    (int64_t)c->w[3] * at(in, n, (ptrdiff_t)k + 2);
            /* to nearest: made positive first (|v| < 2 * 32768 * ONE), so the
             * shift is of an unsigned number */
            uint64_t u = (uint64_t)(v + BIAS + ONE / 2) >> 16;
            out[i0 + p] = clamp16((long)u - 65536);
        }
    }
    free(ph);
}
