/* test_resample.c - the voice's resampler (src/audio/resample.c): the table
 * path gives what the double formula gives, to one step of the last bit, on
 * noise (every phase and both ends) and on a full-scale tone (clamped, not
 * wrapped); a tone comes out at its frequency and level; the lengths are
 * right; a ratio with no short period takes the formula; and the table path
 * is clearly cheaper, since it runs in SDL's audio thread while a hold
 * counts down. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <math.h>
#include <time.h>

#include <cmocka.h>

#include "audio/resample.h"

static int16_t *noise(size_t n, unsigned seed)
{
    int16_t *p = malloc(n * sizeof *p);
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (int16_t)((int)(seed >> 16 & 0xffff) - 32768);
    }
    return p;
}

static int16_t *tone(size_t n, int rate, double hz, double amp)
{
    int16_t *p = malloc(n * sizeof *p);
    for (size_t i = 0; i < n; i++)
        p[i] = (int16_t)lrint(amp * sin(2 * M_PI * hz * (double)i / rate));
    return p;
}

/* The whole output in one span. */
static void resample(const int16_t *in, size_t n, int from, int to, int16_t *out)
{
    struct resampler *r = resampler_create(from, to);
    resampler_run(r, in, n, 0, resample_frames(n, from, to), out);
    resampler_destroy(r);
}

static int max_diff(const int16_t *a, const int16_t *b, size_t n)
{
    int d = 0;
    for (size_t i = 0; i < n; i++)
        d = abs(a[i] - b[i]) > d ? abs(a[i] - b[i]) : d;
    return d;
}

static void matches(const int16_t *in, size_t n, int from, int to)
{
    size_t m = resample_frames(n, from, to);
    int16_t *got = malloc(m * sizeof *got), *want = malloc(m * sizeof *want);
    resample(in, n, from, to, got);
    resample_reference(in, n, from, to, want);
    int d = max_diff(got, want, m);
    print_message("%d -> %d, %zu -> %zu frames: max difference %d\n", from, to, n, m, d);
    assert_true(d <= 1);
    free(got);
    free(want);
}

static void test_table_matches_formula(void **state)
{
    (void)state;
    int16_t *n1 = noise(22050, 7);
    matches(n1, 22050, 22050, 48000); /* espeak's rate to the device's */
    matches(n1, 22050, 16000, 48000);
    matches(n1, 22050, 48000, 22050); /* down: several input frames per output one */
    matches(n1, 3, 22050, 48000);     /* shorter than the four taps */
    matches(n1, 1, 22050, 48000);
    free(n1);
    int16_t *loud = tone(22050, 22050, 5000, 32767); /* overshoots: clamped alike */
    matches(loud, 22050, 22050, 48000);
    free(loud);
}

/* Spans of 1, 7, 319, 320, 321 and 3000 frames in turn, and one reaching
 * past the end: the same frames as one span, then silence. */
static void test_spans_join(void **state)
{
    (void)state;
    size_t n = 20000, m = resample_frames(n, 22050, 48000);
    int16_t *in = noise(n, 5), *whole = malloc(m * sizeof *whole);
    int16_t *pieces = malloc((m + 100) * sizeof *pieces);
    resample(in, n, 22050, 48000, whole);
    struct resampler *r = resampler_create(22050, 48000);
    static const size_t sizes[] = {1, 7, 319, 320, 321, 3000};
    size_t at = 0;
    for (size_t i = 0; at < m; i++) {
        size_t len = sizes[i % 6];
        if (at + len > m)
            len = m + 100 - at; /* the last one past the end */
        resampler_run(r, in, n, at, len, pieces + at);
        at += len;
    }
    assert_int_equal(max_diff(whole, pieces, m), 0);
    for (size_t i = m; i < m + 100; i++)
        assert_int_equal(pieces[i], 0);
    resampler_run(r, in, n, m + 5, 10, pieces); /* wholly past the end */
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(pieces[i], 0);
    resampler_destroy(r);
    free(in);
    free(whole);
    free(pieces);
}

static void test_lengths(void **state)
{
    (void)state;
    assert_int_equal(resample_frames(22050, 22050, 48000), 48000);
    assert_int_equal(resample_frames(147, 22050, 48000), 320);
    assert_int_equal(resample_frames(0, 22050, 48000), 0);
    int16_t one = 1000, out[4] = {0};
    resample(&one, 1, 22050, 48000, out); /* one frame makes two: the same value */
    assert_int_equal(out[0], 1000);
    assert_int_equal(out[1], 1000);
    assert_int_equal(out[2], 0); /* nothing written past the end */
}

/* A 440 Hz tone at 22050 comes out at 48000 as the 440 Hz tone computed at
 * 48000, to a few steps: right pitch, right level, no phase drift. */
static void test_tone_survives(void **state)
{
    (void)state;
    size_t n = 22050;
    int16_t *in = tone(n, 22050, 440, 12000);
    size_t m = resample_frames(n, 22050, 48000);
    int16_t *out = malloc(m * sizeof *out), *ideal = tone(m, 48000, 440, 12000);
    resample(in, n, 22050, 48000, out);
    int d = max_diff(out + 4, ideal + 4, m - 8);
    print_message("440 Hz: max difference from the ideal %d of 12000\n", d);
    assert_true(d < 60);
    free(in);
    free(out);
    free(ideal);
}

/* 44101 and 48000 share no short period: the formula is used, and agrees
 * with itself exactly. */
static void test_long_period_uses_formula(void **state)
{
    (void)state;
    int16_t *in = noise(4000, 3);
    size_t m = resample_frames(4000, 44101, 48000);
    int16_t *a = malloc(m * sizeof *a), *b = malloc(m * sizeof *b);
    resample(in, 4000, 44101, 48000, a);
    resample_reference(in, 4000, 44101, 48000, b);
    assert_int_equal(max_diff(a, b, m), 0);
    free(in);
    free(a);
    free(b);
}

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Two seconds of voice: the table path clearly cheaper (about 3 times in an
 * optimized build; the sanitizers check every integer step, so less there). */
static void test_table_is_cheaper(void **state)
{
    (void)state;
    size_t n = 2 * 22050;
    int16_t *in = noise(n, 11);
    size_t m = resample_frames(n, 22050, 48000);
    int16_t *out = malloc(m * sizeof *out);
    double best_fast = 1e9, best_ref = 1e9;
    struct resampler *rs = resampler_create(22050, 48000);
    for (int r = 0; r < 5; r++) {
        double t0 = cpu_ms();
        resampler_run(rs, in, n, 0, m, out);
        double t1 = cpu_ms();
        resample_reference(in, n, 22050, 48000, out);
        double t2 = cpu_ms();
        best_fast = fmin(best_fast, t1 - t0);
        best_ref = fmin(best_ref, t2 - t1);
    }
    resampler_destroy(rs);
    print_message("2 s of voice: table %.3f ms, formula %.3f ms\n", best_fast, best_ref);
    assert_true(best_fast * 1.2 < best_ref); /* gcc -O2: 2.9x; clang ASan+UBSan: 1.5x */
    free(in);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_matches_formula),
        cmocka_unit_test(test_spans_join),
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_tone_survives),
        cmocka_unit_test(test_long_period_uses_formula),
        cmocka_unit_test(test_table_is_cheaper),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
