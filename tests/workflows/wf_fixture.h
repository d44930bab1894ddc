/* wf_fixture.h - what the workflow tests share: a small routine written as
 * text with one part swapped in, temp files and directories, reading a file
 * back. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* A valid routine (one side, two strips of positions, a hold with a
 * countdown of 3) as JSON text; `strips` replaces its "strips" list and
 * `extra` is added as more top-level fields ("" for none). Caller frees. */
char *wf_routine_text(const char *strips, const char *extra);
/* The two strips wf_routine_text() has by default: outer as a range
 * (10-24 by 7), inner as a list (10, 16, 23). */
extern const char wf_default_strips[];

/* A fresh directory under /tmp; caller frees (wf_rmdir removes it). */
char *wf_tempdir(void);
void wf_rmdir(const char *dir);
/* dir/name with text in it; caller frees the path. */
char *wf_write(const char *dir, const char *name, const char *text);
/* The whole file, or NULL. Caller frees. */
char *wf_slurp(const char *path);
