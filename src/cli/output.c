/* output.c - see output.h. The writing is util/atomic_file.c's; here only
 * the permissions an ordinary file gets and the one error line. */
#include "cli/output.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "util/atomic_file.h"
#include "util/i18n.h"
#include "util/log.h"

bool output_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

bool output_write(const char *command, const char *path, const void *data, size_t len,
                  bool replace)
{
    mode_t mask = umask(0); /* read it: the file gets what the user's umask allows */
    umask(mask);
    struct atomic_file_error why;
    if (atomic_file_write(path, data, len, replace, 0666 & ~mask, NULL, &why))
        return true;
    if (why.err == EEXIST)
        log_error(_("%s: %s exists; give --force to replace it"), command, path);
    else
        log_error("%s: %s: %s: %s", command, path, why.what, strerror(why.err));
    return false;
}
