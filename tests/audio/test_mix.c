/* test_mix.c - the live backend's mixer (src/audio/mix.c), sample by sample,
 * with flat stand-in sounds and phrases so that every sample says what made
 * it: a cue starts on its exact frame wherever the buffers fall; the output
 * is the same whatever the buffer size (down to one frame a buffer, which is
 * mixing sample by sample); a late cue plays at once, a much later one never;
 * the voice speaks right after the tone, fades when a newer instruction has
 * waited, and a next-up goes first; a cue already started is not started
 * again by a new schedule; a pause hushes the voice; muted is silent; what
 * the device keeper asks (busy, the next sound) is right; and a mix rendered
 * far ahead and taken back to a mark plays what one rendered just in time
 * would have. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/mix.h"

enum { RATE = 48000, MS = 48, TONE = 100 * MS, PHRASE = 500 * MS, LONG = 3000 * MS,
       TOTAL = 6000 * MS };

/* sound k: TONE frames of value 1000 * k; phrase p: PHRASE frames of 100 + p,
 * phrase 0 LONG ones */
static int16_t tone_pcm[CUE_SOUND_COUNT][TONE];
static int16_t phrase_pcm[4][LONG];
static struct synth_pcm sounds[CUE_SOUND_COUNT];
static bool phrases_ready = true;

static bool fake_length(void *user, int i, size_t *frames)
{
    (void)user;
    if (!phrases_ready || i < 0 || i >= 4)
        return false;
    *frames = i == 0 ? LONG : PHRASE;
    return true;
}

/* As speech_render(): the span asked for, silence past the end. */
static void fake_render(void *user, int i, size_t from, size_t n, int16_t *out)
{
    size_t len = 0;
    assert_true(fake_length(user, i, &len));
    for (size_t j = 0; j < n; j++)
        out[j] = from + j < len ? phrase_pcm[i][from + j] : 0;
}

static const struct mix_voice fake_voice = {fake_length, fake_render, NULL};

static int setup(void **state)
{
    (void)state;
    for (int k = 0; k < CUE_SOUND_COUNT; k++) {
        for (int i = 0; i < TONE; i++)
            tone_pcm[k][i] = (int16_t)(1000 * k);
        sounds[k] = (struct synth_pcm){k ? tone_pcm[k] : NULL, k ? TONE : 0};
    }
    for (int p = 0; p < 4; p++)
        for (int i = 0; i < LONG; i++)
            phrase_pcm[p][i] = (int16_t)(100 + p);
    phrases_ready = true;
    return 0;
}

static struct cue cue_at(uint64_t ms, enum cue_sound s, int phrase, int next_phrase, uint64_t end_ms)
{
    return (struct cue){
        .sound = s, .time_ms = ms, .step = (size_t)ms, .phrase = phrase,
        .next_phrase = next_phrase, .end_ms = end_ms,
        .event = {.type = ENGINE_EV_PHASE_START, .time_ms = ms, .step = (size_t)ms},
    };
}

static struct cue tone_at(uint64_t ms, enum cue_sound s)
{
    return cue_at(ms, s, CUE_NO_PHRASE, CUE_NO_PHRASE, ms + 5000);
}

/* A mixer at full volume (gain 1.0), with the voice. */
static void init(struct mix *m)
{
    mix_init(m, RATE, sounds, 100);
    mix_set_voice(m, &fake_voice);
}

/* Session frames [from, from + n) in buffers of `buf` frames. */
static void render(struct mix *m, int16_t *out, uint64_t from, size_t n, size_t buf)
{
    for (size_t i = 0; i < n; i += buf)
        mix_render(m, from + i, out + i, n - i < buf ? n - i : buf, false);
}

static size_t first_nonzero(const int16_t *x, size_t from, size_t n)
{
    for (size_t i = from; i < n; i++)
        if (x[i])
            return i;
    return n;
}

static void test_cue_on_its_frame(void **state)
{
    (void)state;
    static int16_t out[TOTAL];
    static struct mix m;
    for (size_t buf = 1000; buf <= 4096; buf += 1031) {
        init(&m);
        struct cue c[] = {tone_at(1000, CUE_SOUND_TICK), tone_at(2500, CUE_SOUND_TICK_LAST)};
        mix_schedule(&m, c, 2);
        render(&m, out, 0, TOTAL, buf);
        assert_int_equal(first_nonzero(out, 0, TOTAL), 1000 * MS);
        assert_int_equal(out[1000 * MS], 1000 * CUE_SOUND_TICK);
        assert_int_equal(out[1000 * MS + TONE - 1], 1000 * CUE_SOUND_TICK);
        assert_int_equal(out[1000 * MS + TONE], 0);
        assert_int_equal(first_nonzero(out, 1000 * MS + TONE, TOTAL), 2500 * MS);
        assert_int_equal(first_nonzero(out, 2500 * MS + TONE, TOTAL), TOTAL);
        mix_finish(&m);
    }
}

/* A busy schedule: overlapping tones; a long instruction (3 s) that a newer
 * one, having waited a second, fades; a next-up, then an instruction that
 * does not fit its phase. */
static void busy_schedule(struct mix *m)
{
    struct cue c[] = {
        cue_at(100, CUE_SOUND_PHASE_START, 0, CUE_NO_PHRASE, 3000),
        tone_at(150, CUE_SOUND_TICK),
        cue_at(400, CUE_SOUND_HOLD_START, 1, CUE_NO_PHRASE, 4000),
        cue_at(2000, CUE_SOUND_MOVE, 2, 3, 2700),
        tone_at(4000, CUE_SOUND_TICK_LAST),
    };
    mix_schedule(m, c, sizeof c / sizeof c[0]);
}

static void test_same_in_any_buffer_size(void **state)
{
    (void)state;
    static int16_t one[TOTAL], other[TOTAL];
    static struct mix m;
    init(&m);
    busy_schedule(&m);
    render(&m, one, 0, TOTAL, 1); /* one frame a buffer: sample by sample */
    mix_finish(&m);
    const size_t sizes[] = {7, 1024, 4096, 8192};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        init(&m);
        busy_schedule(&m);
        render(&m, other, 0, TOTAL, sizes[k]);
        assert_memory_equal(one, other, sizeof one);
        mix_finish(&m);
    }
    /* tones add up; the voice starts right after the first tone */
    assert_int_equal(one[150 * MS], 1000 * CUE_SOUND_PHASE_START + 1000 * CUE_SOUND_TICK);
    assert_int_equal(one[200 * MS], 100 + 1000 * CUE_SOUND_TICK);
    assert_int_equal(one[300 * MS], 100);
    /* phrase 1, due at 500 ms, waits a second, then phrase 0 fades over
     * 15 ms and phrase 1 follows */
    assert_int_equal(one[1499 * MS], 100);
    assert_int_equal(one[1500 * MS], 100);
    assert_int_equal(one[1500 * MS + 360], 50);
    assert_int_equal(one[1515 * MS], 101);
    assert_int_equal(one[2014 * MS], 101 + 1000 * CUE_SOUND_MOVE);
    /* the move's next-up (3) right after its tone; its instruction (2) would
     * end at 3100, past the phase's end + 300 ms: not said */
    assert_int_equal(one[2015 * MS], 1000 * CUE_SOUND_MOVE);
    assert_int_equal(one[2100 * MS], 103);
    assert_int_equal(one[2599 * MS], 103);
    assert_int_equal(first_nonzero(one, 2600 * MS, TOTAL), 4000 * MS);
}

static void test_late_cues(void **state)
{
    (void)state;
    static int16_t out[2048];
    static struct mix m;
    init(&m);
    struct cue c[] = {tone_at(1000, CUE_SOUND_TICK), tone_at(1100, CUE_SOUND_TICK_LAST)};
    mix_schedule(&m, c, 2);
    /* the first buffer mixed starts at 1200 ms: the first cue is 200 ms late
     * (never), the second 100 ms (at once) */
    mix_render(&m, 1200 * MS, out, 2048, false);
    assert_int_equal(out[0], 1000 * CUE_SOUND_TICK_LAST);
    assert_int_equal(m.dropped, 1);
    mix_finish(&m);
}

static void test_started_not_twice(void **state)
{
    (void)state;
    static int16_t out[TOTAL];
    static struct mix m;
    init(&m);
    struct cue c[] = {tone_at(100, CUE_SOUND_TICK), tone_at(1000, CUE_SOUND_TICK_LAST)};
    mix_schedule(&m, c, 2);
    render(&m, out, 0, 200 * MS, 1024);
    /* a new schedule after the first started (a control): the same two */
    mix_schedule(&m, c, 2);
    render(&m, out + 200 * MS, 200 * MS, TOTAL - 200 * MS, 1024);
    assert_int_equal(first_nonzero(out, 100 * MS + TONE, TOTAL), 1000 * MS);
    assert_int_equal(first_nonzero(out, 1000 * MS + TONE, TOTAL), TOTAL);
    mix_finish(&m);
}

static void test_clear_hushes(void **state)
{
    (void)state;
    static int16_t out[TOTAL];
    static struct mix m;
    init(&m);
    struct cue c[] = {cue_at(0, CUE_SOUND_NONE, 0, CUE_NO_PHRASE, 9000),
                      tone_at(1000, CUE_SOUND_TICK)};
    mix_schedule(&m, c, 2);
    render(&m, out, 0, 200 * MS, 1024);
    assert_true(mix_busy(&m));
    mix_clear(&m); /* a pause at 200 ms */
    render(&m, out + 200 * MS, 200 * MS, TOTAL - 200 * MS, 1024);
    /* the voice fades out over 15 ms, then nothing, the tick included */
    assert_true(out[200 * MS] > 0 && out[200 * MS] <= 100);
    assert_true(out[200 * MS + 14 * MS] < out[200 * MS]);
    assert_int_equal(first_nonzero(out, 215 * MS, TOTAL), TOTAL);
    assert_false(mix_busy(&m));
    assert_int_equal(mix_next_at(&m), UINT64_MAX);
    mix_finish(&m);
}

/* What a backend that writes seconds ahead does on a control (audio_pulse.c):
 * mark every 100 ms while rendering to 5 s, go back to the last mark before
 * the control's frame, render up to it again, then change the schedule. The
 * result is what a mixer rendered just in time, changed at that frame, plays:
 * for a pause inside the long phrase and for a new schedule that keeps the
 * one running; and going back without a change plays the same as not going. */
static void test_rewind_to_mark(void **state)
{
    (void)state;
    static int16_t want[TOTAL], got[TOTAL], scratch[TOTAL];
    static struct mix m;
    static struct mix_mark marks[TOTAL / (100 * MS)];
    const uint64_t at = 1234 * MS; /* the control's frame */
    for (int change = 0; change < 3; change++) {
        init(&m);
        busy_schedule(&m);
        render(&m, want, 0, at, 1024);
        if (change == 1)
            mix_clear(&m);
        else if (change == 2)
            busy_schedule(&m); /* the same cues again: the running ones stay started */
        render(&m, want + at, at, TOTAL - at, 1024);
        mix_finish(&m);

        init(&m);
        busy_schedule(&m);
        size_t n_marks = 0;
        for (uint64_t f = 0; f < 5000 * MS; f += 100 * MS) {
            mix_mark(&m, &marks[n_marks++]);
            render(&m, got + f, f, 100 * MS, 1024);
        }
        size_t k = (size_t)(at / (100 * MS));
        mix_rewind(&m, &marks[k]);
        render(&m, scratch, k * 100 * MS, (size_t)(at - k * 100 * MS), 1024);
        if (change == 1)
            mix_clear(&m);
        else if (change == 2)
            busy_schedule(&m);
        render(&m, got + at, at, TOTAL - at, 1024);
        assert_memory_equal(want, got, sizeof want);
        mix_finish(&m);
    }
}

static void test_muted(void **state)
{
    (void)state;
    static int16_t out[4096];
    static struct mix m;
    init(&m);
    struct cue c[] = {tone_at(10, CUE_SOUND_TICK), tone_at(60, CUE_SOUND_TICK)};
    mix_schedule(&m, c, 2);
    assert_false(mix_render(&m, 0, out, 4096, true)); /* "nothing sounded" */
    assert_int_equal(first_nonzero(out, 0, 4096), 4096);
    /* time went on: at 85 ms both ticks are where they would be, and they
     * end on time */
    assert_true(mix_render(&m, 4096, out, 4096, false));
    assert_int_equal(out[0], 2 * 1000 * CUE_SOUND_TICK);
    assert_int_equal(out[110 * MS - 4096], 1000 * CUE_SOUND_TICK);
    assert_int_equal(first_nonzero(out, 160 * MS - 4096, 4096), 4096);
    mix_finish(&m);
}

/* mix_render() says whether anything sounded, so the backend need not scan
 * what it rendered: the span before a tone, the tone's, and after it. */
static void test_says_when_it_sounded(void **state)
{
    (void)state;
    static int16_t out[TOTAL];
    static struct mix m;
    init(&m);
    struct cue c[] = {tone_at(100, CUE_SOUND_TICK)};
    mix_schedule(&m, c, 1);
    assert_false(mix_render(&m, 0, out, 100 * MS, false));
    assert_int_equal(first_nonzero(out, 0, 100 * MS), 100 * MS);
    assert_true(mix_render(&m, 100 * MS, out, 10 * MS, false));
    assert_int_equal(out[0], 1000 * CUE_SOUND_TICK);
    /* a span the tone starts in the middle of */
    mix_finish(&m);
    init(&m);
    mix_schedule(&m, c, 1);
    assert_true(mix_render(&m, 95 * MS, out, 10 * MS, false));
    assert_int_equal(first_nonzero(out, 0, 10 * MS), 5 * MS);
    /* its end, then quiet again */
    assert_true(mix_render(&m, 105 * MS, out, 100 * MS, false));
    assert_int_equal(first_nonzero(out, 95 * MS, 100 * MS), 100 * MS);
    assert_false(mix_render(&m, 205 * MS, out, 100 * MS, false));
    assert_int_equal(first_nonzero(out, 0, 100 * MS), 100 * MS);
    mix_finish(&m);
}

static void test_keeper_questions(void **state)
{
    (void)state;
    static int16_t out[TOTAL];
    static struct mix m;
    init(&m);
    assert_false(mix_busy(&m));
    assert_int_equal(mix_next_at(&m), UINT64_MAX);
    struct cue c[] = {tone_at(1000, CUE_SOUND_TICK), cue_at(3000, CUE_SOUND_RELEASE, 2, CUE_NO_PHRASE, 9000)};
    mix_schedule(&m, c, 2);
    assert_int_equal(mix_next_at(&m), 1000 * MS);
    render(&m, out, 0, 1010 * MS, 1024);
    assert_true(mix_busy(&m)); /* the tick sounds */
    render(&m, out, 1010 * MS, 1000 * MS, 1024);
    assert_false(mix_busy(&m));
    assert_int_equal(mix_next_at(&m), 3000 * MS);
    render(&m, out, 2010 * MS, 1000 * MS, 1024); /* to 3010: the release sounds */
    /* its phrase waits for the tone: the next sound is the phrase */
    assert_int_equal(mix_next_at(&m), 3000 * MS + TONE);
    /* without the voice nothing is said, and nothing waits */
    mix_set_voice(&m, NULL);
    assert_int_equal(mix_next_at(&m), UINT64_MAX);
    /* nor does a phrase scheduled with no voice: no stream opens for it */
    struct cue say[] = {cue_at(5000, CUE_SOUND_NONE, 1, CUE_NO_PHRASE, 9000)};
    mix_schedule(&m, say, 1);
    assert_int_equal(mix_next_at(&m), UINT64_MAX);
    mix_finish(&m);
}

/* mix_gain() against the formula it states, for every gain a volume
 * gives and then some, at lengths around its eight-frame steps, over sums
 * from silence to far past 16 bits (clamped) and beyond any real sum. */
static int16_t gain_ref(int32_t a, int32_t g)
{
    int64_t v = ((int64_t)a * g) >> 15;
    return (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
}

static void test_gain_exact(void **state)
{
    (void)state;
    enum { N = 203 };
    int32_t acc[N];
    int16_t out[N];
    uint32_t seed = 12345;
    for (int32_t g = 0; g <= 32768; g = g < 40 ? g + 1 : g >= 32767 ? g + 1 : g + 97 > 32767 ? 32767 : g + 97) {
        for (int round = 0; round < 4; round++) {
            int32_t span = round == 0 ? 40000 : round == 1 ? 600000 : round == 2 ? 1 << 29 : INT32_MAX;
            for (int i = 0; i < N; i++) {
                seed = seed * 1664525u + 1013904223u;
                int64_t r = (int64_t)(seed % ((uint32_t)span * 2u + 1u)) - span;
                acc[i] = (int32_t)r;
            }
            acc[9] = -32768 * 17; /* the loudest a real sum gets */
            acc[17] = 32767 * 17;
            if (round == 3)
                acc[150] = INT32_MIN; /* and none is ever this */
            for (size_t n = 0; n <= N; n += n < 20 ? 1 : 61) {
                memset(out, 0x55, sizeof out);
                mix_gain(acc, out, n, g);
                for (size_t i = 0; i < n; i++)
                    if (out[i] != gain_ref(acc[i], g))
                        fail_msg("gain %d, n %zu: frame %zu of %d came to %d, not %d", g, n, i,
                                 acc[i], out[i], gain_ref(acc[i], g));
                if (n < N)
                    assert_int_equal(out[n], 0x5555); /* nothing past n written */
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_cue_on_its_frame, setup),
        cmocka_unit_test_setup(test_same_in_any_buffer_size, setup),
        cmocka_unit_test_setup(test_late_cues, setup),
        cmocka_unit_test_setup(test_started_not_twice, setup),
        cmocka_unit_test_setup(test_clear_hushes, setup),
        cmocka_unit_test_setup(test_rewind_to_mark, setup),
        cmocka_unit_test_setup(test_muted, setup),
        cmocka_unit_test_setup(test_says_when_it_sounded, setup),
        cmocka_unit_test_setup(test_keeper_questions, setup),
        cmocka_unit_test(test_gain_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
