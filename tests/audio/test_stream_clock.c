/* test_stream_clock.c - the session clock across the device's streams
 * (src/audio/stream_clock.c) on a fake monotonic clock: between streams it is
 * the monotonic clock; a stream's frame 0 is the present when it begins (or
 * just before a sound already due); through close and reopen it goes on
 * without a step, and a thousand streams with jittery callbacks leave it
 * exactly where the monotonic clock is; a stalled device holds it, a fast
 * driver drags it along; a control's reading is never in mixed frames; a
 * stream that follows SDL's own silence is placed where it is heard, with
 * no step; and no reading is ever below an earlier one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "audio/stream_clock.h"

enum { RATE = 48000, MS = 48, LEAD_MS = 10, MAX_BACK_MS = 150 };

static const int64_t NS_PER_MS = 1000000;

static struct stream_clock fresh(uint64_t start_ms, int64_t now_ms)
{
    struct stream_clock c;
    stream_clock_init(&c, RATE, start_ms * MS, now_ms * NS_PER_MS, LEAD_MS, MAX_BACK_MS);
    return c;
}

static uint64_t at(struct stream_clock *c, double ms)
{
    return stream_clock_read(c, (int64_t)(ms * (double)NS_PER_MS), false);
}

static void test_conversions(void **state)
{
    (void)state;
    assert_int_equal(stream_clock_frames(RATE, 1000 * NS_PER_MS), 48000);
    assert_int_equal(stream_clock_frames(RATE, NS_PER_MS), 48);
    assert_int_equal(stream_clock_frames(RATE, -5), 0);
    assert_int_equal(stream_clock_ns(RATE, 48), NS_PER_MS);
    /* a week of ns in frames does not overflow */
    int64_t week = (int64_t)7 * 24 * 3600 * 1000 * NS_PER_MS;
    assert_int_equal(stream_clock_frames(RATE, week), (uint64_t)7 * 24 * 3600 * 48000);
    assert_int_equal(stream_clock_ns(RATE, (uint64_t)7 * 24 * 3600 * 48000), week);
}

static void test_closed_is_monotonic(void **state)
{
    (void)state;
    struct stream_clock c = fresh(500, 2000);
    assert_int_equal(at(&c, 2000), 500 * MS);
    assert_int_equal(at(&c, 2250.5), 750 * MS + 24);
    /* never back, even if asked about an earlier moment */
    assert_int_equal(at(&c, 2100), 750 * MS + 24);
}

/* A device that asks for a buffer of n frames every n frames of wall time,
 * some calls up to `late_ns` after their time (its thread woke late), from
 * `t0_ns`. Returns the wall time after `count` buffers. */
static int64_t play(struct stream_clock *c, int64_t t0_ns, uint32_t n, int count, int64_t late_ns)
{
    int64_t period = stream_clock_ns(RATE, n);
    for (int k = 0; k < count; k++) {
        int64_t t = t0_ns + k * period + (k ? late_ns * ((k * 7) % 5) / 4 : 0);
        if (k == 0)
            stream_clock_begin(c, t, UINT64_MAX);
        else
            assert_true(stream_clock_read(c, t, false) <= c->base + c->mixed);
        stream_clock_mixed(c, n);
    }
    return t0_ns + count * period;
}

static void test_seam_without_step(void **state)
{
    (void)state;
    struct stream_clock c = fresh(0, 0);
    /* a stream begins at 1000 ms: frame 0 is the present */
    uint64_t base = stream_clock_begin(&c, 1000 * NS_PER_MS, UINT64_MAX);
    assert_int_equal(base, 1000 * MS);
    stream_clock_mixed(&c, 1024);
    /* within it the clock is the wall from its first buffer, */
    assert_int_equal(at(&c, 1010), 1010 * MS);
    stream_clock_mixed(&c, 1024); /* the next buffer, on time */
    assert_int_equal(at(&c, 1030), 1030 * MS);
    /* and the close hands over without a step */
    stream_clock_end(&c, 1040 * NS_PER_MS);
    assert_int_equal(at(&c, 1040), 1040 * MS);
    assert_int_equal(at(&c, 3040), 3040 * MS);
    /* the next stream continues from there */
    base = stream_clock_begin(&c, 5000 * NS_PER_MS, 5060 * MS);
    assert_int_equal(base, 5000 * MS);
}

static void test_many_streams_no_drift(void **state)
{
    (void)state;
    /* A thousand streams with late callbacks (up to 3 ms), each 2-20
     * buffers of 20 or 80 ms, closed 0.5-2 s between, the first buffer at a
     * fraction of a frame: the clock ends exactly where the monotonic clock
     * does, since a stream at the wall's rate changes nothing and no
     * rounding is carried from one to the next. */
    struct stream_clock c = fresh(0, 0);
    int64_t t = 100 * NS_PER_MS + 7;
    for (int i = 0; i < 1000; i++) {
        uint64_t expect = stream_clock_frames(RATE, t);
        t = play(&c, t, i % 2 ? 960 : 3840, 2 + i % 19, 3 * NS_PER_MS);
        assert_int_equal(c.base, expect);
        stream_clock_end(&c, t);
        t += (500 + (i * 37) % 1500) * NS_PER_MS + 13;
    }
    assert_int_equal(stream_clock_read(&c, t, false), stream_clock_frames(RATE, t));
}

static void test_stalled_device_holds(void **state)
{
    (void)state;
    struct stream_clock c = fresh(0, 0);
    stream_clock_begin(&c, 1000 * NS_PER_MS, UINT64_MAX);
    stream_clock_mixed(&c, 4096); /* 85.33 ms mixed, then no more buffers */
    assert_int_equal(at(&c, 1050), 1050 * MS);
    /* the clock never passes what the stream has mixed */
    assert_int_equal(at(&c, 1500), 1000 * MS + 4096);
    /* and after the close it goes on from there: the session lost the stall */
    stream_clock_end(&c, 1500 * NS_PER_MS);
    assert_int_equal(at(&c, 1600), 1000 * MS + 4096 + 100 * MS);
}

static void test_fast_driver_drags_the_clock(void **state)
{
    (void)state;
    /* an unpaced driver: 100 buffers in 1 ms of wall */
    struct stream_clock c = fresh(0, 0);
    stream_clock_begin(&c, 1000 * NS_PER_MS, UINT64_MAX);
    for (int k = 0; k < 100; k++)
        stream_clock_mixed(&c, 1024);
    /* two buffers behind what is mixed, not the wall */
    assert_int_equal(at(&c, 1001), 1000 * MS + 98 * 1024);
    stream_clock_end(&c, 1001 * NS_PER_MS);
    assert_int_equal(at(&c, 1002), 1000 * MS + 98 * 1024 + MS);
}

static void test_due_sound_moves_frame_0(void **state)
{
    (void)state;
    /* a control placed a sound at "now" (2000 ms), the stream begins 3 ms later */
    struct stream_clock c = fresh(0, 0);
    assert_int_equal(at(&c, 2000), 2000 * MS);
    uint64_t base = stream_clock_begin(&c, 2003 * NS_PER_MS, 2000 * MS);
    /* the sound is LEAD_MS into the stream */
    assert_int_equal(base, (2000 - LEAD_MS) * MS);
    stream_clock_mixed(&c, 1024);
    /* the clock holds at the last reading until the stream catches up, */
    assert_int_equal(at(&c, 2003), 2000 * MS);
    assert_int_equal(at(&c, 2010), 2000 * MS);
    stream_clock_mixed(&c, 1024);
    assert_int_equal(at(&c, 2020), 2007 * MS);
    /* and the session goes on from the stream: it waited for the sound */
    stream_clock_end(&c, 2040 * NS_PER_MS);
    assert_int_equal(at(&c, 2040), 2027 * MS);
    assert_int_equal(at(&c, 3040), 3027 * MS);
}

static void test_late_sound_is_late(void **state)
{
    (void)state;
    /* the first sound was due 400 ms ago: frame 0 goes back MAX_BACK_MS only */
    struct stream_clock c = fresh(0, 0);
    uint64_t base = stream_clock_begin(&c, 3000 * NS_PER_MS, 2600 * MS);
    assert_int_equal(base, (3000 - MAX_BACK_MS) * MS);
    /* a sound far ahead does not move it */
    c = fresh(0, 0);
    base = stream_clock_begin(&c, 3000 * NS_PER_MS, 3060 * MS);
    assert_int_equal(base, 3000 * MS);
}

static void test_control_reads_past_mixed(void **state)
{
    (void)state;
    struct stream_clock c = fresh(0, 0);
    stream_clock_begin(&c, 1000 * NS_PER_MS, UINT64_MAX);
    stream_clock_mixed(&c, 4096);
    stream_clock_mixed(&c, 4096);
    /* under the audio lock a control reads the end of what is mixed */
    uint64_t r = stream_clock_read(&c, 1010 * NS_PER_MS, true);
    assert_int_equal(r, 1000 * MS + 8192);
    /* then the clock holds there: never back */
    assert_int_equal(at(&c, 1020), 1000 * MS + 8192);
    /* and the close carries on from the wall, not from the control's reading */
    stream_clock_end(&c, 1100 * NS_PER_MS);
    assert_int_equal(at(&c, 1100), 1000 * MS + 8192);
    assert_int_equal(at(&c, 1300), 1300 * MS);
}

static void test_control_then_new_stream(void **state)
{
    (void)state;
    /* A control reads the end of what a large stream mixed (170 ms past the
     * wall) and places its sound there; that stream goes and a new one
     * begins 2 ms later: the sound is `lead` into it, not 170 ms. */
    struct stream_clock c = fresh(0, 0);
    stream_clock_begin(&c, 1000 * NS_PER_MS, UINT64_MAX);
    stream_clock_mixed(&c, 4096);
    stream_clock_mixed(&c, 4096);
    uint64_t now = stream_clock_read(&c, 1010 * NS_PER_MS, true);
    assert_int_equal(now, 1000 * MS + 8192);
    stream_clock_end(&c, 1010 * NS_PER_MS);
    uint64_t base = stream_clock_begin(&c, 1012 * NS_PER_MS, now);
    assert_int_equal(base, now - LEAD_MS * MS);
    stream_clock_mixed(&c, 1024);
    /* the clock holds at the control's reading, then goes on from frame 0 */
    assert_int_equal(at(&c, 1013), now);
    stream_clock_mixed(&c, 1024);
    assert_int_equal(at(&c, 1042), base + 30 * MS);
}

static void test_hidden_silence_no_step(void **state)
{
    (void)state;
    /* SDL's thread wrote a buffer of silence before ours: opened at 5000 ms,
     * our first 4096-frame buffer asked for 38 ms later, so our frame 0 is
     * heard a buffer after the open, at 5085.33 ms. */
    uint32_t hidden = 9;
    int64_t opened = 5000 * NS_PER_MS, first = 5038 * NS_PER_MS;
    int64_t heard = stream_clock_heard_from(RATE, 4096, opened, first, &hidden);
    assert_int_equal(hidden, 1);
    assert_int_equal(heard, opened + stream_clock_ns(RATE, 4096));
    struct stream_clock c = fresh(0, 0);
    stream_clock_begin(&c, 1000 * NS_PER_MS, UINT64_MAX);
    stream_clock_mixed(&c, 4096);
    stream_clock_end(&c, 1080 * NS_PER_MS);
    uint64_t base = stream_clock_begin_at(&c, first, heard, UINT64_MAX);
    /* frame 0 is the line's frame where it is heard, so a cue at session
     * 5200 ms is (5200 - 5085.33) ms into the stream; */
    assert_int_equal(base, 5000 * MS + 4096 - 1); /* the buffer's ns rounded down: a frame */
    stream_clock_mixed(&c, 4096);
    /* the clock has no step: it is the line, not held at frame 0, */
    assert_int_equal(at(&c, 5038), 5038 * MS);
    stream_clock_mixed(&c, 4096);
    assert_int_equal(at(&c, 5150), 5150 * MS);
    stream_clock_mixed(&c, 4096); /* at 5203 and 5289 ms */
    stream_clock_mixed(&c, 4096);
    /* nor at the close */
    stream_clock_end(&c, 5300 * NS_PER_MS);
    assert_int_equal(at(&c, 5300), 5300 * MS);
    assert_int_equal(at(&c, 9000), 9000 * MS);
}

static void test_hidden_silence_due_sound(void **state)
{
    (void)state;
    /* a control placed a sound at "now" (2000 ms); the stream's first call
     * 3 ms later followed a 1024-frame buffer of SDL's silence, opened at
     * 2002 ms: the sound is frame 0, heard at 2023.33 ms (not LEAD_MS after
     * that: the wait was lead enough) */
    struct stream_clock c = fresh(0, 0);
    assert_int_equal(at(&c, 2000), 2000 * MS);
    int64_t heard = 2002 * NS_PER_MS + stream_clock_ns(RATE, 1024);
    uint64_t base = stream_clock_begin_at(&c, 2003 * NS_PER_MS, heard, 2000 * MS);
    assert_int_equal(base, 2000 * MS);
    stream_clock_mixed(&c, 1024);
    /* the clock holds until frame 0 is heard, then runs from it */
    assert_int_equal(at(&c, 2010), 2000 * MS);
    stream_clock_mixed(&c, 1024);
    assert_int_equal(stream_clock_read(&c, heard + 10 * NS_PER_MS, false), 2010 * MS);
}

/* A stream found to be heard 3 ms late: the clock waits 3 ms (held, never
 * back), and the next stream keeps to it. */
static void test_wait_for_a_late_start(void **state)
{
    (void)state;
    struct stream_clock c = fresh(0, 0);
    stream_clock_begin(&c, 1000 * NS_PER_MS, UINT64_MAX);
    stream_clock_mixed(&c, 3072);
    assert_int_equal(at(&c, 1014), 1014 * MS);
    stream_clock_wait(&c, 3 * NS_PER_MS);
    stream_clock_mixed(&c, 3072);
    assert_int_equal(at(&c, 1015), 1014 * MS); /* held at the reading before */
    assert_int_equal(at(&c, 1017), 1014 * MS);
    assert_int_equal(at(&c, 1050), 1047 * MS);
    stream_clock_end(&c, 1100 * NS_PER_MS);
    assert_int_equal(at(&c, 2000), 1997 * MS);
    uint64_t base = stream_clock_begin(&c, 3000 * NS_PER_MS, UINT64_MAX);
    assert_int_equal(base, 2997 * MS);
    stream_clock_mixed(&c, 3072);
    stream_clock_wait(&c, -5 * NS_PER_MS); /* not earlier */
    assert_int_equal(at(&c, 3001), 2998 * MS);
}

static void test_start_late(void **state)
{
    (void)state;
    const int64_t usual = 14300000, buf = stream_clock_ns(RATE, 3072); /* 64 ms */
    /* on time, and with a little jitter */
    assert_int_equal(stream_clock_start_late(RATE, 3072, usual, usual, usual + buf), 0);
    assert_int_equal(stream_clock_start_late(RATE, 3072, usual, usual + 400000,
                                             usual + buf + 400000), 0);
    /* started 3.1 ms late: every call after the first is */
    assert_int_equal(stream_clock_start_late(RATE, 3072, usual, usual + 3100000,
                                             usual + buf + 3100000), 3100000);
    /* ...and the third later still (a slow wake on top): the start's delay */
    assert_int_equal(stream_clock_start_late(RATE, 3072, usual, usual + 2500000,
                                             usual + buf + 4000000), 2500000);
    /* SDL's thread late for the second call alone: the third is on time */
    assert_int_equal(stream_clock_start_late(RATE, 3072, usual, usual + 1617000,
                                             usual + buf + 20000), 0);
    /* a quarter of a buffer or more is not a late start; nothing seen yet is not either */
    assert_int_equal(stream_clock_start_late(RATE, 3072, usual, usual + buf / 4,
                                             usual + buf + buf / 4), 0);
    assert_int_equal(stream_clock_start_late(RATE, 3072, 0, usual + 3100000,
                                             usual + buf + 3100000), 0);
}

static void test_heard_from(void **state)
{
    (void)state;
    uint32_t hidden = 9;
    int64_t opened = 1000 * NS_PER_MS;
    /* asked for at once (a thread woken 0.4 ms late): heard when written */
    int64_t first = opened + 400000;
    assert_int_equal(stream_clock_heard_from(RATE, 4096, opened, first, &hidden), first);
    assert_int_equal(hidden, 0);
    /* a quick stream that waited 4.2 ms for the server: one buffer of silence */
    first = opened + 4200000;
    assert_int_equal(stream_clock_heard_from(RATE, 1024, opened, first, &hidden),
                     opened + stream_clock_ns(RATE, 1024));
    assert_int_equal(hidden, 1);
    /* two of them (the unpause came after the server took the first) */
    first = opened + 38 * NS_PER_MS + stream_clock_ns(RATE, 4096);
    assert_int_equal(stream_clock_heard_from(RATE, 4096, opened, first, &hidden),
                     opened + 2 * stream_clock_ns(RATE, 4096));
    assert_int_equal(hidden, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conversions),
        cmocka_unit_test(test_closed_is_monotonic),
        cmocka_unit_test(test_seam_without_step),
        cmocka_unit_test(test_many_streams_no_drift),
        cmocka_unit_test(test_stalled_device_holds),
        cmocka_unit_test(test_fast_driver_drags_the_clock),
        cmocka_unit_test(test_due_sound_moves_frame_0),
        cmocka_unit_test(test_late_sound_is_late),
        cmocka_unit_test(test_control_reads_past_mixed),
        cmocka_unit_test(test_control_then_new_stream),
        cmocka_unit_test(test_hidden_silence_no_step),
        cmocka_unit_test(test_hidden_silence_due_sound),
        cmocka_unit_test(test_wait_for_a_late_start),
        cmocka_unit_test(test_start_late),
        cmocka_unit_test(test_heard_from),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
