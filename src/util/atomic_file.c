/* atomic_file.c - see atomic_file.h. The temporary file is made where the
 * result goes: rename and link are atomic only within one file system. */
#include "util/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/util.h"

char *atomic_file_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    char *d = xstrdup(path);
    d[slash - path] = '\0';
    return d;
}

static bool write_all(const struct atomic_file_io *io, int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = io->write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = ENOSPC;
            return false;
        }
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* The temp file into place; errno set on failure. */
static bool put_in_place(const char *tmp, const char *path, bool replace)
{
    if (replace)
        return rename(tmp, path) == 0;
    if (link(tmp, path) == 0)
        return true;
    /* File systems without hard links (FAT, some network mounts): look, then
     * rename; the window is small and only there. */
    if (errno != EPERM && errno != ENOTSUP && errno != ENOSYS)
        return false;
    struct stat st;
    if (lstat(path, &st) == 0) {
        errno = EEXIST;
        return false;
    }
    return rename(tmp, path) == 0;
}

/* The rename is durable once the directory entry is on disk too; a failure
 * here loses nothing (the data is whole either way), so it is quiet. */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

/* Writes and flushes fd; false with why->what and errno set. */
static bool fill(const struct atomic_file_io *io, int fd, const void *data, size_t len,
                 mode_t mode, struct atomic_file_error *why)
{
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    (void)fchmod(fd, mode); /* mkstemp made it 0600 */
    why->what = _("cannot write");
    if (!write_all(io, fd, data, len))
        return false;
    why->what = _("cannot flush to disk");
    return io->fsync(fd) == 0;
}

bool atomic_file_write(const char *path, const void *data, size_t len, bool replace, mode_t mode,
                       const struct atomic_file_io *io, struct atomic_file_error *why)
{
    struct atomic_file_io real = {write, fsync};
    if (io) {
        real.write = io->write ? io->write : write;
        real.fsync = io->fsync ? io->fsync : fsync;
    }
    char *dir = atomic_file_dir(path);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char *tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
    why->what = _("cannot create a temporary file");
    int fd = mkstemp(tmp);
    bool ok = fd >= 0 && fill(&real, fd, data, len, mode, why);
    int err = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        err = errno;
        why->what = _("cannot close");
        ok = false;
    }
    if (ok) {
        why->what = replace ? _("cannot replace the old file") : _("cannot put it in place");
        ok = put_in_place(tmp, path, replace);
        err = errno;
    }
    if (fd >= 0 && (!ok || !replace))
        unlink(tmp); /* after link(2) the new name is the file's only one */
    if (ok)
        sync_dir(dir);
    why->err = ok ? 0 : err;
    free(tmp);
    free(dir);
    return ok;
}
