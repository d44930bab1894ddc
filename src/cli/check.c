/* check.c - `smr-timer check FILE...`: loads each routine with the same code
 * the app uses and prints every problem, one line each, on stderr; a valid
 * file gets one summary line on stdout. */
#include "cli/check.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "engine/engine.h"
#include "util/i18n.h"
#include "routine/routine.h"
#include "util/util.h"

static void usage(FILE *out)
{
    fprintf(out, "%s", _("Usage: smr-timer check ROUTINE.json...\n"
                         "\n"
                         "Validate routine files: every error and warning is printed on one\n"
                         "line as FILE: PATH: problem; what would be right.\n"
                         "Exit status: 0 all valid, 1 any invalid, 2 misuse.\n"
                         "\n"
                         "  -h, --help  show this help and exit\n"));
}

static int misuse(const char *fmt, ...) SMR_PRINTF(1, 2);

static int misuse(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("smr-timer check: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "; %s\n", _("try 'smr-timer check --help'"));
    return 2;
}

/* Prints the file's lines; true when it is valid. */
static bool check_one(const char *file)
{
    if (routine_is_json_schema(file)) {
        printf(_("%s: skipped, a JSON Schema, not a routine\n"), file);
        return true;
    }
    struct diag_list diags = {0};
    struct routine *r = NULL;
    bool ok = routine_create_from_file(file, &r, &diags);
    for (size_t i = 0; i < diags.n; i++) {
        char *line = diag_format(file, &diags.items[i]);
        fprintf(stderr, "%s\n", line);
        free(line);
    }
    if (ok) {
        /* The session's length as plan and the app count it: from the engine's
         * timeline, get-ready countdown included. */
        struct engine_options eo;
        engine_default_options(&eo);
        struct timeline t = {0};
        /* Cannot fail for a routine that loaded (it has phases, sides, positions). */
        timeline_init(r, 1.0, eo.lead_in_ms, &t);
        char total[32];
        format_mss(t.total_ms, total, sizeof total);
        timeline_finish(&t);
        size_t warnings = diag_count(&diags, DIAG_WARNING);
        if (warnings)
            printf(_("%s: ok with %zu warning(s), %zu positions, %s\n"), file, warnings,
                   routine_total_positions(r), total);
        else
            printf(_("%s: ok, %zu positions, %s\n"), file, routine_total_positions(r), total);
    }
    routine_destroy(r);
    diag_list_finish(&diags);
    return ok;
}

int cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return 0;
        default:
            return misuse(_("unknown option '%s'"), argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return misuse("%s", _("give at least one routine file"));
    bool all_ok = true;
    for (int i = optind; i < argc; i++)
        all_ok &= check_one(argv[i]);
    fflush(stdout);
    return all_ok ? 0 : 1;
}
