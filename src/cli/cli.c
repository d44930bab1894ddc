/* cli.c - see cli.h. */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/diagnostics.h"
#include "routine/library.h"
#include "util/i18n.h"
#include "util/util.h"

int cli_misuse(const char *command, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!command) {
        log_error("%s; %s", msg, _("try 'smr-timer --help'"));
        return CLI_MISUSE;
    }
    char *hint = xasprintf(_("try 'smr-timer %s --help'"), command);
    log_error("%s: %s; %s", command, msg, hint);
    free(hint);
    return CLI_MISUSE;
}

bool cli_load_routine_keep(const char *name, struct routine **out, struct diag_list *diags,
                           char **path_out)
{
    struct library lib;
    library_init_default(&lib);
    char *path = library_resolve(&lib, name, diags);
    bool ok = path && routine_create_from_file(path, out, diags);
    if (ok && !library_check_next(&lib, *out, diags)) {
        routine_destroy(*out);
        *out = NULL;
        ok = false;
    }
    library_finish(&lib);
    diagnostics_print(stderr, path ? path : name, diags);
    *path_out = path;
    return ok;
}

bool cli_load_routine(const char *name, struct routine **out, size_t *warnings)
{
    struct diag_list diags = {0};
    char *path = NULL;
    bool ok = cli_load_routine_keep(name, out, &diags, &path);
    free(path);
    if (warnings)
        *warnings = diag_count(&diags, DIAG_WARNING);
    diag_list_finish(&diags);
    return ok;
}
