/* history.h - a record of sessions done, one JSON object per line in
 * $XDG_STATE_HOME/smr-timer/history.jsonl (~/.local/state/... by default).
 * Written whole or not at all: a read-only or full disk costs the record, with
 * one warning, never the session and never a half-written file. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct history_entry {
    const char *routine_id;
    const char *routine_file;
    int64_t started_unix;     /* seconds since the epoch */
    uint64_t elapsed_ms;      /* session time played */
    size_t positions_done;    /* ball positions completed (not skipped) */
    size_t positions_skipped;
    size_t positions_total;
    const char *ended_by;     /* "done", "quit", "window-closed", "signal" */
};

/* Caller frees; NULL when neither XDG_STATE_HOME nor HOME is set. */
char *history_default_path(void);
/* Appends one line; false (and a logged warning) when it could not. */
bool history_append(const char *path, const struct history_entry *e);
