/* history_private.h - test seams for history.c, not for the app. A unit test
 * swaps the write and fsync calls to prove that a full disk (ENOSPC on write
 * or on fsync) leaves the old history file whole and no temp file behind. */
#pragma once

#include <stddef.h>
#include <sys/types.h>

/* At most this many lines are kept; older ones are dropped on append. */
#define HISTORY_MAX_LINES 1000
/* Only this much of an old file's tail is read back (a history line is about
 * 250 bytes; a file far larger than the cap was not written by us). */
#define HISTORY_MAX_READ ((size_t)4 << 20)

typedef ssize_t (*history_write_fn)(int fd, const void *buf, size_t n);
typedef int (*history_fsync_fn)(int fd);

/* NULL restores the real write(2) / fsync(2). */
void history_set_io_hooks(history_write_fn write_fn, history_fsync_fn fsync_fn);
