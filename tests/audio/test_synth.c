/* test_synth.c - the cue sounds (src/audio/synth.c): each one exists, is short,
 * starts sharply (so its onset can be timed) yet without a click, ends in
 * silence, leaves headroom, and differs from every other; the transition's is
 * two calm, low notes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "audio/synth.h"

enum { RATE = 48000 };

static int peak_of(const struct synth_pcm *p)
{
    int peak = 0;
    for (size_t i = 0; i < p->frames; i++)
        peak = abs(p->samples[i]) > peak ? abs(p->samples[i]) : peak;
    return peak;
}

static void test_each_sound(void **state)
{
    (void)state;
    for (int s = CUE_SOUND_NONE + 1; s < CUE_SOUND_COUNT; s++) {
        struct synth_pcm p;
        synth_pcm_init((enum cue_sound)s, RATE, &p);
        print_message("%-13s %4zu ms, peak %5d\n", cue_sound_name((enum cue_sound)s),
                      p.frames * 1000 / RATE, peak_of(&p));
        assert_non_null(p.samples);
        /* short, except the end of the session */
        if (s != CUE_SOUND_SESSION_DONE)
            assert_true(p.frames < (size_t)RATE * 600 / 1000);
        else
            assert_true(p.frames < (size_t)RATE * 2500 / 1000);
        int peak = peak_of(&p);
        assert_true(peak > 3000);          /* audible */
        assert_true(peak < 32767 * 6 / 10); /* headroom for overlaps and the voice */
        /* no click: the first samples are tiny, the last is silence */
        assert_true(abs(p.samples[0]) < 50);
        assert_int_equal(p.samples[p.frames - 1], 0);
        /* a ramp, not a step, in the first and the last millisecond */
        for (size_t i = 0; i < RATE / 1000; i++) {
            assert_true(abs(p.samples[i]) < peak / 2);
            assert_true(abs(p.samples[p.frames - 1 - i]) < peak / 10);
        }
        /* a sharp onset: a tenth of the peak within 5 ms */
        size_t i = 0;
        while (i < p.frames && abs(p.samples[i]) < peak / 10)
            i++;
        assert_true(i < (size_t)RATE * 5 / 1000);
        synth_pcm_finish(&p);
        synth_pcm_finish(&p); /* twice is fine */
    }
}

static void test_distinct(void **state)
{
    (void)state;
    struct synth_pcm p[CUE_SOUND_COUNT];
    for (int s = 0; s < CUE_SOUND_COUNT; s++)
        synth_pcm_init((enum cue_sound)s, RATE, &p[s]);
    assert_int_equal(p[CUE_SOUND_NONE].frames, 0);
    for (int a = 1; a < CUE_SOUND_COUNT; a++) {
        for (int b = a + 1; b < CUE_SOUND_COUNT; b++) {
            /* normalized correlation of the first 100 ms: far from identical */
            size_t n = RATE / 10;
            double xy = 0, xx = 0, yy = 0;
            for (size_t i = 0; i < n; i++) {
                double x = i < p[a].frames ? p[a].samples[i] : 0;
                double y = i < p[b].frames ? p[b].samples[i] : 0;
                xy += x * y, xx += x * x, yy += y * y;
            }
            double c = xy / (1e-9 + __builtin_sqrt(xx * yy));
            assert_true(c < 0.9);
        }
    }
    /* the last tick is higher than the others: more zero crossings */
    size_t zc[2] = {0, 0};
    const struct synth_pcm *t[2] = {&p[CUE_SOUND_TICK], &p[CUE_SOUND_TICK_LAST]};
    for (int k = 0; k < 2; k++)
        for (size_t i = 1; i < (size_t)RATE / 20 && i < t[k]->frames; i++)
            zc[k] += (t[k]->samples[i - 1] < 0) != (t[k]->samples[i] < 0);
    assert_true(zc[1] > zc[0]);
    for (int s = 0; s < CUE_SOUND_COUNT; s++)
        synth_pcm_finish(&p[s]);
}

/* Zero crossings in the first `ms` of a sound: its pitch, roughly. */
static size_t crossings(const struct synth_pcm *p, size_t ms)
{
    size_t n = 0;
    for (size_t i = 1; i < (size_t)RATE * ms / 1000 && i < p->frames; i++)
        n += (p->samples[i - 1] < 0) != (p->samples[i] < 0);
    return n;
}

/* The change of strip or leg: two notes, calm (low, below every phase's
 * sound), the second starting a little later. */
static void test_transition_sound(void **state)
{
    (void)state;
    struct synth_pcm tr, start, hold;
    synth_pcm_init(CUE_SOUND_TRANSITION, RATE, &tr);
    synth_pcm_init(CUE_SOUND_PHASE_START, RATE, &start);
    synth_pcm_init(CUE_SOUND_HOLD_START, RATE, &hold);
    assert_true(tr.frames > (size_t)RATE * 300 / 1000);
    assert_true(crossings(&tr, 100) < crossings(&hold, 100));
    assert_true(crossings(&tr, 100) < crossings(&start, 100));
    /* a second onset: the energy rises again after the first note has decayed */
    double e1 = 0, e2 = 0;
    for (size_t i = RATE * 180 / 1000; i < (size_t)RATE * 210 / 1000; i++)
        e1 += (double)tr.samples[i] * tr.samples[i];
    for (size_t i = RATE * 230 / 1000; i < (size_t)RATE * 260 / 1000; i++)
        e2 += (double)tr.samples[i] * tr.samples[i];
    assert_true(e2 > 1.5 * e1);
    synth_pcm_finish(&tr);
    synth_pcm_finish(&start);
    synth_pcm_finish(&hold);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_sound),
        cmocka_unit_test(test_distinct),
        cmocka_unit_test(test_transition_sound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
