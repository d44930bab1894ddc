/* paths.c - see paths.h. */
#include "util/paths.h"

#include <stdlib.h>
#include <sys/stat.h>

#include "config.h"
#include "util/util.h"

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

char *paths_data_dir(void)
{
    const char *env = getenv("SMR_DATA_DIR");
    if (env && env[0])
        return xstrdup(env);
    char *src_routines = xasprintf("%s/routines", SMR_SOURCE_ROOT);
    int uninstalled = is_dir(src_routines);
    free(src_routines);
    return xstrdup(uninstalled ? SMR_SOURCE_ROOT : SMR_DATADIR);
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
