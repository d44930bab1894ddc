/* history_private.h - test seams and limits of history.c, not for the app. A
 * unit test swaps the write and fsync calls to prove that a full disk
 * (ENOSPC on write or on fsync) leaves the old history file whole and no
 * temp file behind. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* A history file larger than this was not written by us (a session's line
 * is about 500 bytes: this is some 60 000 sessions): it is neither read nor
 * rewritten, only reported, so nothing in it can be lost. */
#define HISTORY_MAX_BYTES ((size_t)32 << 20)

struct strbuf;

/* The whole file into sb ("" when there is none); false (errno set) when it
 * cannot be read, is not a regular text file, or is over HISTORY_MAX_BYTES:
 * renaming over such a file would throw it away. */
bool history_read_file(const char *path, struct strbuf *sb);

typedef ssize_t (*history_write_fn)(int fd, const void *buf, size_t n);
typedef int (*history_fsync_fn)(int fd);

/* NULL restores the real write(2) / fsync(2). */
void history_set_io_hooks(history_write_fn write_fn, history_fsync_fn fsync_fn);
