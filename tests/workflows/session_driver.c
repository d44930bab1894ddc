/* session_driver.c ROUTINE SPEED - a session run by the real session
 * controller (src/session/session.c) on the null audio backend and the
 * monotonic clock, with no window, for kill_e2e.py to kill. It says what it
 * has made durable, on stdout, one line each, flushed:
 *     session ID     the start's history line is written
 *     done N         the line says N positions are done
 *     end            the session ran to its end
 * Every line is printed after the write it reports has returned, so a kill
 * after a line must find at least that much in the history. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "audio/audio.h"
#include "session/session.h"

static void sleep_ms(uint64_t ms)
{
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: session_driver ROUTINE SPEED\n");
        return 2;
    }
    struct diag_list d = {0};
    struct routine *r = NULL;
    bool ok = routine_create_from_file(argv[1], &r, &d);
    diag_list_finish(&d);
    if (!ok) {
        fprintf(stderr, "session_driver: %s does not load\n", argv[1]);
        return 1;
    }
    struct audio_options ao = {.volume = 0, .backend = "null"};
    struct audio *a = audio_create(&ao);
    struct engine_options eo;
    engine_default_options(&eo);
    eo.speed = atof(argv[2]);
    struct session *s = session_create(r, a, &eo);
    session_start(s);
    session_flush(s); /* as the app does after each frame */
    printf("session %s\n", session_history_id(s));
    fflush(stdout);
    size_t seen = 0;
    enum session_change ch = SESSION_CHANGED_NOTHING;
    while (!(ch & SESSION_CHANGED_DONE)) {
        uint64_t next = session_next_deadline(s), now = session_now(s);
        if (next > now)
            sleep_ms(next - now);
        ch = session_update(s);
        session_flush(s);
        size_t done, skipped;
        progress_count(session_progress(s), &done, &skipped);
        if (done != seen) {
            seen = done;
            printf("done %zu\n", done);
            fflush(stdout);
        }
    }
    printf("end\n");
    fflush(stdout);
    session_destroy(s);
    audio_destroy(a);
    routine_destroy(r);
    return 0;
}
