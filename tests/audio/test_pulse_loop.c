/* test_pulse_loop.c - the libpulse loop that can stop listening (pulse_loop.h),
 * on a pipe standing in for the server's socket: no server is needed.
 *
 * Deaf, a readable pipe must not wake it, while a timer still fires and then
 * what waited is read, after the timer's callback and before a defer event
 * it enabled; room to write still wakes it and so does a hang-up; listening
 * again reads what waited at once. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <pulse/timeval.h>
#include <pulse/rtclock.h>

#include "audio/pulse_loop.h"

struct seen {
    struct pulse_loop *loop;
    int io_calls;
    pa_io_event_flags_t last_flags;
    int timer_calls;
    int fd;
};

static void on_io(pa_mainloop_api *api, pa_io_event *e, int fd, pa_io_event_flags_t flags, void *user)
{
    (void)api;
    struct seen *s = user;
    char buf[64];
    s->io_calls++;
    s->last_flags = flags;
    if (flags & PA_IO_EVENT_HANGUP) {
        api->io_free(e);
        s->fd = -1;
    } else {
        while (read(fd, buf, sizeof buf) == (ssize_t)sizeof buf)
            ;
    }
    pulse_loop_signal(s->loop);
}

static void on_timer(pa_mainloop_api *api, pa_time_event *e, const struct timeval *tv, void *user)
{
    (void)api, (void)e, (void)tv;
    struct seen *s = user;
    s->timer_calls++;
    pulse_loop_signal(s->loop);
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Under the lock: wait until `*counter` passes `above`, at most ~2 s. */
static bool wait_for(struct seen *s, const int *counter, int above)
{
    for (int i = 0; i < 200 && *counter <= above; i++) {
        pulse_loop_unlock(s->loop);
        sleep_ms(10);
        pulse_loop_lock(s->loop);
    }
    return *counter > above;
}

static void test_deaf_skips_io_but_not_timers(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    struct seen s = {.fd = fds[0]};
    s.loop = pulse_loop_start("test-loop");
    assert_non_null(s.loop);
    pa_mainloop_api *api = pulse_loop_api(s.loop);

    pulse_loop_lock(s.loop);
    pa_io_event *io = api->io_new(api, fds[0], PA_IO_EVENT_INPUT, on_io, &s);
    assert_non_null(io);
    pulse_loop_listen(s.loop, false);
    pulse_loop_unlock(s.loop);

    /* readable, but nobody listens: no call in 200 ms */
    assert_int_equal(write(fds[1], "x", 1), 1);
    sleep_ms(200);
    pulse_loop_lock(s.loop);
    assert_int_equal(s.io_calls, 0);

    /* a timer still runs while deaf, and what waited is read as it wakes,
     * in the same iteration: already when its callback has run */
    struct timeval tv;
    pa_time_event *t = api->time_new(api, pa_timeval_add(pa_gettimeofday(&tv), 50 * 1000), on_timer, &s);
    assert_non_null(t);
    assert_true(wait_for(&s, &s.timer_calls, 0));
    assert_int_equal(s.io_calls, 1);
    assert_true(s.last_flags & PA_IO_EVENT_INPUT);

    /* what comes after that waits again, for the next timer or for
     * listening, which reads it at once */
    assert_int_equal(write(fds[1], "y", 1), 1);
    pulse_loop_unlock(s.loop);
    sleep_ms(200);
    pulse_loop_lock(s.loop);
    assert_int_equal(s.io_calls, 1);
    pulse_loop_listen(s.loop, true);
    assert_true(wait_for(&s, &s.io_calls, 1));
    assert_int_equal(s.io_calls, 2);
    assert_true(s.last_flags & PA_IO_EVENT_INPUT);

    /* deaf again: a hang-up (the server gone) still wakes it */
    pulse_loop_listen(s.loop, false);
    pulse_loop_unlock(s.loop);
    close(fds[1]);
    pulse_loop_lock(s.loop);
    assert_true(wait_for(&s, &s.io_calls, 2));
    assert_true(s.last_flags & PA_IO_EVENT_HANGUP);
    api->time_free(t);
    pulse_loop_unlock(s.loop);

    pulse_loop_free(s.loop);
    close(fds[0]);
}

/* Deaf, output libpulse still has to write is not held back: a descriptor
 * asked for room to write still wakes the loop. */
static void test_deaf_still_writes(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    struct seen s = {.fd = fds[1]};
    s.loop = pulse_loop_start("test-loop");
    assert_non_null(s.loop);
    pa_mainloop_api *api = pulse_loop_api(s.loop);
    pulse_loop_lock(s.loop);
    pulse_loop_listen(s.loop, false);
    pa_io_event *io = api->io_new(api, fds[1], PA_IO_EVENT_OUTPUT, on_io, &s);
    assert_non_null(io);
    assert_true(wait_for(&s, &s.io_calls, 0));
    assert_true(s.last_flags & PA_IO_EVENT_OUTPUT);
    api->io_free(io);
    pulse_loop_unlock(s.loop);
    pulse_loop_free(s.loop);
    close(fds[0]);
    close(fds[1]);
}

/* audio_pulse.c's way: a deaf timer's callback defers its work, which then
 * finds what the server sent meanwhile read (the blocks it handed back free
 * again before a top-up takes new ones). */
struct ordered {
    struct seen s;
    pa_defer_event *later;
    int io_before_later; /* -1: not run yet */
};

static void on_later(pa_mainloop_api *api, pa_defer_event *e, void *user)
{
    struct ordered *o = user;
    api->defer_enable(e, 0);
    o->io_before_later = o->s.io_calls;
    pulse_loop_signal(o->s.loop);
}

static void on_timer_defers(pa_mainloop_api *api, pa_time_event *e, const struct timeval *tv,
                            void *user)
{
    (void)e, (void)tv;
    struct ordered *o = user;
    o->s.timer_calls++;
    api->defer_enable(o->later, 1);
}

static void test_deaf_timer_work_after_reads(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    struct ordered o = {.s = {.fd = fds[0]}, .io_before_later = -1};
    o.s.loop = pulse_loop_start("test-loop");
    assert_non_null(o.s.loop);
    pa_mainloop_api *api = pulse_loop_api(o.s.loop);
    pulse_loop_lock(o.s.loop);
    pa_io_event *io = api->io_new(api, fds[0], PA_IO_EVENT_INPUT, on_io, &o.s);
    o.later = api->defer_new(api, on_later, &o);
    assert_non_null(io);
    assert_non_null(o.later);
    api->defer_enable(o.later, 0);
    pulse_loop_listen(o.s.loop, false);
    assert_int_equal(write(fds[1], "x", 1), 1);
    struct timeval tv;
    pa_time_event *t = api->time_new(api, pa_timeval_add(pa_gettimeofday(&tv), 50 * 1000),
                                     on_timer_defers, &o);
    assert_non_null(t);
    for (int i = 0; i < 200 && o.io_before_later < 0; i++) {
        pulse_loop_unlock(o.s.loop);
        sleep_ms(10);
        pulse_loop_lock(o.s.loop);
    }
    assert_int_equal(o.s.timer_calls, 1);
    assert_int_equal(o.io_before_later, 1);
    api->time_free(t);
    api->defer_free(o.later);
    api->io_free(io);
    pulse_loop_unlock(o.s.loop);
    pulse_loop_free(o.s.loop);
    close(fds[0]);
    close(fds[1]);
}

static void test_wait_and_signal(void **state)
{
    (void)state;
    struct seen s = {.fd = -1};
    s.loop = pulse_loop_start("test-loop");
    assert_non_null(s.loop);
    pa_mainloop_api *api = pulse_loop_api(s.loop);
    pulse_loop_lock(s.loop);
    pulse_loop_listen(s.loop, false);
    struct timeval tv;
    pa_time_event *t = api->time_new(api, pa_timeval_add(pa_gettimeofday(&tv), 20 * 1000), on_timer, &s);
    while (s.timer_calls == 0)
        pulse_loop_wait(s.loop); /* released while waiting: the loop's callback runs */
    assert_int_equal(s.timer_calls, 1);
    api->time_free(t);
    pulse_loop_unlock(s.loop);
    pulse_loop_free(s.loop);
    pulse_loop_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deaf_skips_io_but_not_timers),
        cmocka_unit_test(test_deaf_still_writes),
        cmocka_unit_test(test_deaf_timer_work_after_reads),
        cmocka_unit_test(test_wait_and_signal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
