/* atomic_file.h - a file written whole or not at all: into a temporary file
 * beside it (".NAME.XXXXXX"), fsynced, then put in place by rename(2) or,
 * when nothing may be replaced, by link(2), which fails on an existing
 * name instead of a look that another writer could race; then the directory
 * is fsynced. A reader, a crash, a kill or a full disk sees the old file
 * (or none) or the whole new one. What the session history and the files
 * the commands write (a tailored routine, a handout) share. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Test seams: a full disk on write or on fsync. NULL fields: the real calls. */
struct atomic_file_io {
    ssize_t (*write)(int fd, const void *buf, size_t n);
    int (*fsync)(int fd);
};

/* Why it failed: what was being done (translated) and errno (EEXIST when
 * the name was taken and replace was not allowed). */
struct atomic_file_error {
    const char *what;
    int err;
};

/* Writes data to path with the given permissions; io may be NULL. On
 * failure the temporary file is gone and path is as it was. */
bool atomic_file_write(const char *path, const void *data, size_t len, bool replace, mode_t mode,
                       const struct atomic_file_io *io, struct atomic_file_error *why);
/* The directory part of path ("." when it has none). Caller frees. */
char *atomic_file_dir(const char *path);
