/* history.h - the record of sessions: one JSON object per line, one line
 * per session, in $XDG_STATE_HOME/smr-timer/history.jsonl
 * (~/.local/state/... by default).
 *
 * A session's line is written when it starts and brought up to date as it
 * goes (each ball position, the end, a rating given afterwards): the file is
 * rewritten whole through a temp file that is fsynced and renamed over it,
 * with this session's line replaced (found by its "session" id) and every
 * other line copied byte for byte. So a kill or a power cut at any moment
 * leaves the file as it was before or after one update, never half of one;
 * the session keeps what it had done up to its last finished position, and
 * no other entry ever changes or goes. A line that is not a session record
 * (a hand edit, a line cut short) is passed over when reading, with one
 * warning for the file, and kept as it is when writing. Writers take turns
 * (flock on the directory), so two sessions at once both keep their lines.
 * A read-only or full disk costs the update, never the file. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Enough for a session id ("20240501T101500Z-12345-a1b2c3") and its NUL. */
#define HISTORY_ID_SIZE 48

/* How tight the muscle felt, 0 (not at all) to 10; asked before and after. */
struct history_rating {
    bool given; /* false: not asked, or skipped */
    unsigned char value;
};

struct history_entry {
    const char *session;      /* unique per session; NULL to history_append(): one is made */
    const char *routine_id;
    const char *routine_file; /* written as an absolute path */
    const char *title;        /* NULL when unknown (lines from before titles were kept) */
    const char *target;
    const char *sides[2];     /* "left", "right", in the order worked */
    size_t n_sides;
    int64_t started_unix;     /* seconds since the epoch */
    uint64_t elapsed_ms;      /* session time played */
    size_t positions_done;    /* ball positions completed (not skipped) */
    size_t positions_skipped;
    size_t positions_total;
    /* "done", "quit", "red-flag", "window-closed", "signal"; NULL while the
     * session goes on, which a line keeps when the program was killed. */
    const char *ended_by;
    struct history_rating before, after;
};

/* Why a write failed: what was being done and errno. */
struct history_error {
    const char *what; /* "cannot write", ...; translated */
    int err;
};

/* Caller frees; NULL when neither XDG_STATE_HOME nor HOME is set. */
char *history_default_path(void);
/* A fresh session id for a session started at `started_unix`. */
void history_new_session_id(int64_t started_unix, char id[HISTORY_ID_SIZE]);
/* An absolute form of a routine's path (resolved now, while it exists;
 * joined to the working directory when it cannot be). Caller frees. */
char *history_absolute_path(const char *file);

/* Writes e's line: replaces the line of the same session, or adds it at the
 * end. e->session must be set. Quiet: false with *why filled, for the
 * caller to say once. */
bool history_write(const char *path, const struct history_entry *e, struct history_error *why);
/* A whole session at once (a new id when e->session is NULL); false and one
 * logged warning when it could not be recorded. */
bool history_append(const char *path, const struct history_entry *e);
/* "this session was not recorded in PATH: what: why", as a warning. */
void history_warn(const char *path, const struct history_error *why);

/* ---- reading it back ----------------------------------------------------- */

/* The sessions in a history file, oldest first as written. Strings are
 * owned by the history. */
struct history {
    struct history_entry *entries;
    size_t n;
    size_t damaged;       /* lines that are not session records, passed over */
    size_t first_damaged; /* the first one's line number (1-based); 0 when none */
    /* private */
    size_t cap;
    char **strings;
    size_t n_strings, cap_strings;
};

/* Reads path (a missing file is an empty history). Damaged lines are
 * counted and passed over with one warning naming the file; false (and a
 * warning) only when the file exists but cannot be read. */
bool history_init(struct history *h, const char *path);
/* The same, saying nothing of damaged lines (only counted): for a screen
 * that reads the file again after it said so once. */
bool history_init_quiet(struct history *h, const char *path);
void history_finish(struct history *h); /* a zeroed struct is fine */

/* Monday 00:00, local time, of the week that holds `now`. */
int64_t history_week_start(int64_t now_unix);
/* Sessions started at or after `since` (0: all). */
size_t history_count_since(const struct history *h, int64_t since_unix);
/* The last session of a routine, or NULL (for "last done"). */
const struct history_entry *history_last_of(const struct history *h, const char *routine_id);

/* Per routine (by id), over the sessions started at or after `since`. */
struct history_summary {
    const char *routine_id;
    const char *title; /* the latest session's; may be NULL */
    size_t sessions;
    size_t rated;           /* sessions with both ratings given */
    double before, after;   /* their means (0 when rated is 0) */
    int64_t last_unix;      /* the latest session's start */
};
/* One summary per routine, in the order each routine was first done in the
 * range; *out is the caller's to free (its strings are h's). */
size_t history_summarize(const struct history *h, int64_t since_unix,
                         struct history_summary **out);

/* The last (at most `max`) sessions of a routine with a rating before or
 * after, oldest first into out (pointers into h); the session whose id is
 * `except` is left out (NULL: none), for a screen that adds its own session
 * as it stands. Returns how many. */
size_t history_last_rated(const struct history *h, const char *routine_id, const char *except,
                          const struct history_entry **out, size_t max);
