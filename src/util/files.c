/* files.c - see files.h. */
#include "util/files.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/util.h"

static files_write_fn write_hook = write;
static files_fsync_fn fsync_hook = fsync;

void files_set_io_hooks(files_write_fn write_fn, files_fsync_fn fsync_fn)
{
    write_hook = write_fn ? write_fn : write;
    fsync_hook = fsync_fn ? fsync_fn : fsync;
}

/* mkdir -p: each missing directory on the way is made with mode 0700. */
static bool make_dirs(const char *dir)
{
    char *p = xstrdup(dir);
    bool ok = true;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST) {
            ok = false;
            break;
        }
        *s = c;
        if (!c)
            break;
    }
    free(p);
    return ok;
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

/* The file a symbolic link points at, so that the rename replaces the target
 * and not the link; the path itself otherwise (also for a dangling link). */
static char *resolve(const char *path)
{
    struct stat st;
    char real[PATH_MAX];
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && realpath(path, real))
        return xstrdup(real);
    return xstrdup(path);
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write_hook(fd, data, len);
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

/* The rename lasts only once the directory entry is on disk too; failing here
 * loses nothing (the data is whole either way), so it is quiet. */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

bool files_replace(const char *path, const char *data, size_t len, const char **what)
{
    const char *step = _("cannot create the directory");
    char *target = resolve(path);
    char *dir = dir_of(target);
    const char *base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
    char *tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
    int fd = -1;
    bool made_tmp = false, ok = false;

    if (!make_dirs(dir))
        goto out;
    step = _("cannot create a temporary file");
    fd = mkstemp(tmp); /* mode 0600: what we keep for one person is theirs alone */
    if (fd < 0)
        goto out;
    made_tmp = true;
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    step = _("cannot write");
    if (!write_all(fd, data, len))
        goto out;
    step = _("cannot flush to disk");
    if (fsync_hook(fd) != 0)
        goto out;
    int rc = close(fd);
    fd = -1;
    step = _("cannot close");
    if (rc != 0)
        goto out;
    step = _("cannot replace the old file");
    if (rename(tmp, target) != 0)
        goto out;
    sync_dir(dir);
    ok = true;
out:
    if (!ok) {
        int err = errno;
        if (fd >= 0)
            close(fd);
        if (made_tmp)
            unlink(tmp);
        if (what)
            *what = step;
        errno = err;
    }
    free(tmp);
    free(dir);
    free(target);
    return ok;
}
