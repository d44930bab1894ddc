/* files.c - see files.h: the directories and the link are ours, the write
 * itself is atomic_file_write(). */
#include "util/files.h"

#include "util/atomic_file.h"

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

bool files_make_dirs(const char *dir)
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

bool files_replace(const char *path, const char *data, size_t len, const char **what)
{
    char *target = resolve(path);
    char *dir = dir_of(target);
    bool ok = files_make_dirs(dir);
    struct atomic_file_error why = {_("cannot create the directory"), errno};
    if (ok) {
        /* mode 0600: what we keep for one person is theirs alone */
        struct atomic_file_io io = {write_hook, fsync_hook};
        ok = atomic_file_write(target, data, len, true, 0600, &io, &why);
    }
    if (!ok && what)
        *what = why.what;
    free(dir);
    free(target);
    errno = ok ? errno : why.err;
    return ok;
}
