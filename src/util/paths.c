/* paths.c - see paths.h. The order matters: an explicit $SMR_DATA_DIR wins;
 * the binary that sits in the build tree uses the source tree, so a developer
 * edits routines without installing; an installed binary never looks at the
 * source tree (it may exist, stale, on the same machine) but at the data
 * installed beside it, so a prefix moved elsewhere keeps working. */
#include "util/paths.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "util/log.h"
#include "util/util.h"

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A data dir is one that holds the bundled routines. */
static bool has_data(const char *dir)
{
    char *routines = xasprintf("%s/routines", dir);
    bool ok = is_dir(routines);
    free(routines);
    return ok;
}

/* The directory of the running executable, resolved; NULL where the system
 * does not say (no /proc). */
static char *exe_dir(void)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return xstrdup(buf[0] ? buf : "/");
}

static bool same_dir(const char *a, const char *b)
{
    char ra[PATH_MAX], rb[PATH_MAX];
    return realpath(a, ra) && realpath(b, rb) && strcmp(ra, rb) == 0;
}

/* <exe_dir>/<as many ".." as bindir has parts>/<rel>, when both are
 * relative to the prefix (meson's default: bin, share/...). */
static char *beside_exe(const char *dir, const char *rel)
{
    if (SMR_BINDIR_REL[0] == '/' || rel[0] == '/')
        return NULL;
    char *p = xstrdup(dir);
    for (const char *s = SMR_BINDIR_REL; *s;) {
        char *up = xasprintf("%s/..", p);
        free(p);
        p = up;
        s += strcspn(s, "/");
        s += strspn(s, "/");
    }
    char *data = xasprintf("%s/%s", p, rel);
    free(p);
    return data;
}

/* The source tree for the binary in the build tree, else the data installed
 * relative to the binary; NULL if neither applies. */
static char *found_from_exe(const char **why)
{
    char *dir = exe_dir();
    if (!dir)
        return NULL;
    char *found = NULL;
    if (same_dir(dir, SMR_BUILD_ROOT) && has_data(SMR_SOURCE_ROOT)) {
        found = xstrdup(SMR_SOURCE_ROOT);
        *why = "the source tree (the binary is in the build tree)";
    } else if ((found = beside_exe(dir, SMR_DATADIR_REL "/" SMR_PACKAGE)) && has_data(found)) {
        *why = "beside the executable";
        char real[PATH_MAX];
        if (realpath(found, real)) { /* for messages: no "bin/.." in them */
            free(found);
            found = xstrdup(real);
        }
    } else {
        free(found);
        found = NULL;
    }
    free(dir);
    return found;
}

char *paths_data_dir(void)
{
    const char *why = "SMR_DATA_DIR";
    const char *env = getenv("SMR_DATA_DIR");
    char *dir = env && env[0] ? xstrdup(env) : found_from_exe(&why);
    if (!dir) {
        dir = xstrdup(SMR_DATADIR);
        why = "the configured prefix";
    }
    log_debug("data from %s: %s", why, dir);
    return dir;
}

/* `build` for the binary in the build tree, else <bin>/../`rel` when it is
 * a directory; NULL if neither. */
static char *build_or_beside(const char *build, const char *rel)
{
    char *dir = exe_dir();
    char *found = NULL;
    if (dir && same_dir(dir, SMR_BUILD_ROOT))
        found = xstrdup(build);
    else if (dir && (found = beside_exe(dir, rel)) && !is_dir(found)) {
        free(found);
        found = NULL;
    }
    free(dir);
    return found;
}

char *paths_locale_dir(void)
{
    char *found = build_or_beside(SMR_BUILD_ROOT "/po", SMR_LOCALEDIR_REL);
    return found ? found : xstrdup(SMR_LOCALEDIR);
}

char *paths_module_dir(void)
{
    char *found = build_or_beside(SMR_MODULE_BUILD_DIR, SMR_MODULEDIR_REL);
    return found ? found : xstrdup(SMR_MODULEDIR);
}

char *paths_assets_dir(void)
{
    char *d = paths_data_dir();
    char *p = xasprintf("%s/assets", d);
    free(d);
    return p;
}

char *paths_default_routine(void)
{
    char *d = paths_data_dir();
    char *p = xasprintf("%s/routines/hamstrings-spiky-ball.json", d);
    free(d);
    return p;
}
