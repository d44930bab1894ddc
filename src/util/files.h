/* files.h - replacing a small file whole or not at all. The new content goes
 * to a temp file in the same directory, is fsynced and renamed over the old
 * file; rename(2) is atomic, so a reader, a crash, a killed process or a full
 * disk sees the old file or the new one, never half of either. The settings'
 * way of using util/atomic_file.h: missing directories made, a link kept. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Writes data[0..len) to path, creating missing directories (mode 0700, as the
 * XDG base directory spec asks) first. A symbolic link at path is followed, so
 * a settings file kept elsewhere by a dotfile manager stays a link. On failure:
 * false, errno set, *what (when what is not NULL) a translated phrase naming the
 * step ("cannot write"...), no temp file left and path as it was. */
bool files_replace(const char *path, const char *data, size_t len, const char **what);

/* mkdir -p: each missing directory on the way is made with mode 0700 (as the
 * XDG base directory spec asks); false, errno set, when one cannot be. */
bool files_make_dirs(const char *dir);

/* Test seam: swap write(2) and fsync(2) to fake a full disk. NULL restores. */
typedef ssize_t (*files_write_fn)(int fd, const void *buf, size_t n);
typedef int (*files_fsync_fn)(int fd);
void files_set_io_hooks(files_write_fn write_fn, files_fsync_fn fsync_fn);
