/* pulse_loop.h - libpulse's main loop on a thread of its own, like
 * pa_threaded_mainloop, that can stop listening to the server between the
 * times anything of it is awaited.
 *
 * A stream written seconds ahead hears from the server about once a second
 * whatever it plays: the server hands back each block of shared memory it
 * has played (64 KiB, 0.68 s of our stream), one wake-up of the thread each
 * time (PulseAudio 16, a null sink: one every 0.96 s, its render cycle).
 * Nothing is late for those: they free memory. So while the owner says it
 * awaits nothing (pulse_loop_listen(false)) the thread sleeps through them,
 * waking for its own timers and for the owner's calls only; what the server
 * sent meanwhile is read when a timer wakes it, in the same iteration, after
 * the timers' callbacks (a callback that wants it read first defers its work:
 * a defer event runs at the next iteration, which does not sleep). A closed
 * or broken connection still wakes it (poll reports a hang-up whatever is
 * asked).
 *
 * libpulse supports this through pa_mainloop_set_poll_func(); the threaded
 * main loop it ships keeps that hook for itself. */
#ifndef SMR_AUDIO_PULSE_LOOP_H
#define SMR_AUDIO_PULSE_LOOP_H

#include <pulse/mainloop-api.h>
#include <stdbool.h>

struct pulse_loop;

/* A loop and its thread, named `name`, running; NULL when either fails. */
struct pulse_loop *pulse_loop_start(const char *name);
/* The thread stopped and joined (again: nothing). Not under the lock. What
 * uses the loop (a context) may then be freed, and then the loop. */
void pulse_loop_stop(struct pulse_loop *l);
/* Stopped and freed (NULL: nothing). */
void pulse_loop_free(struct pulse_loop *l);

pa_mainloop_api *pulse_loop_api(struct pulse_loop *l);

/* The loop's lock (recursive): every libpulse call outside the loop's
 * callbacks is made under it; the callbacks run under it. */
void pulse_loop_lock(struct pulse_loop *l);
void pulse_loop_unlock(struct pulse_loop *l);
/* Under the lock: wait for pulse_loop_signal (the lock released meanwhile). */
void pulse_loop_wait(struct pulse_loop *l);
void pulse_loop_signal(struct pulse_loop *l);

/* Under the lock: whether the thread wakes for what the server sends
 * (true at start). Turning it on wakes the thread to listen at once. */
void pulse_loop_listen(struct pulse_loop *l, bool on);

#endif
