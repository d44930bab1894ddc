/* pulse_loop.c - see pulse_loop.h.
 *
 * The thread runs pa_mainloop_iterate() under the lock; the poll function
 * releases it around poll(), as pa_threaded_mainloop's does. Not listening,
 * it polls the loop's own wake-up pipe alone (the first of the loop's
 * descriptors, the only one before its I/O events: pa_mainloop builds its
 * array so) with the loop's own timeout, and asks the other descriptors for
 * nothing but the room to write what libpulse still has to, so that only
 * that, a hang-up or an error on them ends the sleep. When the sleep ends
 * for a timer, one more poll() that does not wait asks the descriptors for
 * everything, so that what the server sent meanwhile is dispatched in the
 * same iteration, after the timers (pa_mainloop runs those first). */
#define _GNU_SOURCE /* pthread_setname_np, PTHREAD_MUTEX_RECURSIVE */
#include "audio/pulse_loop.h"

#include <poll.h>
#include <pthread.h>
#include <pulse/mainloop.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

enum { MAX_FDS = 32 }; /* more than a context with a stream uses (3-4) */

struct pulse_loop {
    pa_mainloop *ml;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool listening;
    bool quit;
    bool joined;
    char name[16];
};

static int poll_func(struct pollfd *fds, unsigned long n, int timeout, void *user)
{
    struct pulse_loop *l = user;
    bool deaf = !l->listening && n > 1 && n <= MAX_FDS && fds[0].events == POLLIN;
    pthread_mutex_unlock(&l->lock);
    int r;
    if (!deaf) {
        r = poll(fds, n, timeout);
    } else {
        struct pollfd own[MAX_FDS];
        memcpy(own, fds, n * sizeof *fds);
        for (unsigned long i = 1; i < n; i++)
            own[i].events &= POLLOUT; /* output libpulse still has to write goes on */
        r = poll(own, n, timeout);
        int waited = r == 0 && timeout != 0 ? poll(fds, n, 0) : -1;
        if (waited >= 0) {
            r = waited; /* woken for a timer: what came meanwhile is read too */
        } else {
            for (unsigned long i = 0; i < n; i++)
                fds[i].revents = own[i].revents;
        }
    }
    pthread_mutex_lock(&l->lock);
    return r;
}

static void *run(void *user)
{
    struct pulse_loop *l = user;
    pthread_setname_np(pthread_self(), l->name);
    pthread_mutex_lock(&l->lock);
    while (!l->quit && pa_mainloop_iterate(l->ml, 1, NULL) >= 0)
        ;
    pthread_mutex_unlock(&l->lock);
    return NULL;
}

struct pulse_loop *pulse_loop_start(const char *name)
{
    struct pulse_loop *l = xcalloc(1, sizeof *l);
    snprintf(l->name, sizeof l->name, "%s", name);
    l->listening = true;
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&l->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    pthread_cond_init(&l->cond, NULL);
    l->ml = pa_mainloop_new();
    if (!l->ml)
        goto fail;
    pa_mainloop_set_poll_func(l->ml, poll_func, l);
    if (pthread_create(&l->thread, NULL, run, l) != 0) {
        pa_mainloop_free(l->ml);
        goto fail;
    }
    return l;
fail:
    pthread_cond_destroy(&l->cond);
    pthread_mutex_destroy(&l->lock);
    free(l);
    return NULL;
}

void pulse_loop_stop(struct pulse_loop *l)
{
    if (!l || l->joined)
        return;
    pthread_mutex_lock(&l->lock);
    l->quit = true;
    pa_mainloop_quit(l->ml, 0); /* wakes it */
    pthread_mutex_unlock(&l->lock);
    pthread_join(l->thread, NULL);
    l->joined = true;
}

void pulse_loop_free(struct pulse_loop *l)
{
    if (!l)
        return;
    pulse_loop_stop(l);
    pa_mainloop_free(l->ml);
    pthread_cond_destroy(&l->cond);
    pthread_mutex_destroy(&l->lock);
    free(l);
}

pa_mainloop_api *pulse_loop_api(struct pulse_loop *l)
{
    return pa_mainloop_get_api(l->ml);
}

void pulse_loop_lock(struct pulse_loop *l)
{
    pthread_mutex_lock(&l->lock);
}

void pulse_loop_unlock(struct pulse_loop *l)
{
    pthread_mutex_unlock(&l->lock);
}

void pulse_loop_wait(struct pulse_loop *l)
{
    pthread_cond_wait(&l->cond, &l->lock);
}

void pulse_loop_signal(struct pulse_loop *l)
{
    pthread_cond_broadcast(&l->cond);
}

void pulse_loop_listen(struct pulse_loop *l, bool on)
{
    if (on && !l->listening)
        pa_mainloop_wakeup(l->ml);
    l->listening = on;
}
