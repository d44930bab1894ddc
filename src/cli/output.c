/* output.c - see output.h. The temporary file is made where the result goes
 * (rename and link are atomic only within one file system). Without replace,
 * link(2) puts it in place only if nothing is there: no window between a
 * look and the write in which another file could appear and be lost. */
#include "cli/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

bool output_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static char *dir_of(const char *path)
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

static bool write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
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
    if (output_exists(path)) {
        errno = EEXIST;
        return false;
    }
    return rename(tmp, path) == 0;
}

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

bool output_write(const char *command, const char *path, const void *data, size_t len,
                  bool replace)
{
    char *dir = dir_of(path);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char *tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
    const char *what = _("cannot create a temporary file beside it");
    bool ok = false, made = false;
    int fd = mkstemp(tmp);
    if (fd >= 0) {
        made = true;
        mode_t mask = umask(0); /* mkstemp makes 0600; the result is an ordinary file */
        umask(mask);
        (void)fchmod(fd, 0666 & ~mask);
        what = _("cannot write");
        if (write_all(fd, data, len)) {
            what = _("cannot flush to disk");
            ok = fsync(fd) == 0;
        }
        if (close(fd) != 0 && ok) {
            what = _("cannot write");
            ok = false;
        }
    }
    if (ok) {
        what = _("cannot put it in place");
        ok = put_in_place(tmp, path, replace);
    }
    int err = errno;
    if (made && (!ok || !replace))
        unlink(tmp); /* after link(2) the name is the only one left */
    if (ok)
        sync_dir(dir);
    else if (err == EEXIST)
        log_error(_("%s: %s exists; give --force to replace it"), command, path);
    else
        log_error("%s: %s: %s: %s", command, path, what, strerror(err));
    free(tmp);
    free(dir);
    return ok;
}
