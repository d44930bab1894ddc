/* wake_cost.c - what one wake-up from a timer costs a thread on this machine:
 * the floor under every figure of `make bench` that counts CPU while the app
 * waits. A thread sleeps PERIOD_MS at a time, COUNT times (nothing else: no
 * work between the sleeps); its own CPU clock over the loop, divided by the
 * wake-ups, is what the kernel (and, in a virtual machine, the hypervisor's
 * timer exits the guest is charged for) costs per sleep and wake. SDL's audio
 * thread wakes once per buffer like this, the app's main thread at least
 * once per countdown second.
 *
 * Usage: wake_cost [PERIOD_MS [COUNT]]; prints one line of JSON:
 * {"period_ms": P, "wakes": N, "us_per_wake": X, "late_us": Y}
 * (late_us: the mean of how much later than asked each sleep ended). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double seconds(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static long arg(const char *s, long lo, long hi, long fallback)
{
    if (!s)
        return fallback;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi) {
        fprintf(stderr, "wake_cost: '%s' is not a whole number from %ld to %ld\n", s, lo, hi);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    long period_ms = arg(argc > 1 ? argv[1] : NULL, 1, 999, 64);
    long count = arg(argc > 2 ? argv[2] : NULL, 1, 100000, 100);
    struct timespec d = {0, period_ms * 1000000L};
    double wall0 = seconds(CLOCK_MONOTONIC), cpu0 = seconds(CLOCK_THREAD_CPUTIME_ID);
    for (long i = 0; i < count; i++)
        while (nanosleep(&d, NULL) && errno == EINTR)
            ;
    double cpu1 = seconds(CLOCK_THREAD_CPUTIME_ID), wall1 = seconds(CLOCK_MONOTONIC);
    printf("{\"period_ms\": %ld, \"wakes\": %ld, \"us_per_wake\": %.2f, \"late_us\": %.1f}\n",
           period_ms, count, (cpu1 - cpu0) * 1e6 / (double)count,
           ((wall1 - wall0) / (double)count - (double)period_ms / 1000.0) * 1e6);
    return 0;
}
