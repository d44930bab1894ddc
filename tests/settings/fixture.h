/* fixture.h - what the settings tests share: a fresh directory per test with
 * the settings file two levels below it, captured warnings, reading a file
 * into the lines the app would print, and running a check as an
 * unprivileged user (permissions mean nothing to root, and the tests may run
 * as root: such a check runs in a child that first becomes "nobody"). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "util/settings.h"
#include "util/util.h"

struct fixture {
    char root[64];
    char *dir;  /* root/smr-timer (not created) */
    char *path; /* dir/settings.ini */
};

/* Warnings logged since setup, and the last one's text. */
extern int warnings;
extern char last_warning[1024];

/* cmocka setup and teardown: a fixture in *state, the log captured. */
int setup(void **state);
int teardown(void **state);

/* Writes the settings file (making its directory). */
void put(const struct fixture *fx, const char *data, size_t len);
void put_text(const struct fixture *fx, const char *text);
/* A file's text (NULL when it cannot be read). Caller frees. */
char *slurp(const char *path);
/* Entries of dir besides settings.ini: temp files left over. */
int count_others(const char *dir);

/* Reads path into *s (from the defaults); the diagnostics as the app prints
 * them, one a line, with "settings.ini" for the file. Caller frees. */
char *read_lines(const char *path, struct settings *s, bool *ok);
/* The same for a file that must read back without a word. */
void read_clean(const char *path, struct settings *s);
void assert_defaults(const struct settings *s);
/* Writes text, reads it into *s: the lines reported and the result must be these. */
void expect_read(const struct fixture *fx, const char *text, const char *lines, bool ok_want,
                 struct settings *s);

/* Runs fn in a child (as "nobody" when we are root) and returns what it wrote
 * into out; NULL when the child could not drop its privileges (skip then). */
typedef void (*child_fn)(const struct fixture *fx, struct strbuf *out);
char *as_unprivileged(const struct fixture *fx, child_fn fn);
