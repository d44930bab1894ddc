/* check.c - `smr-timer check FILE...`: loads each routine with the same code
 * the app uses and prints every problem, one line each, on stderr; a valid
 * file gets one summary line on stdout. Only the front end lives here: the
 * loader is src/routine, the length is the plan's (src/engine/plan.h). */
#include "cli/check.h"

#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "engine/plan.h"
#include "util/i18n.h"
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

void check_print_ok(const char *file, const struct routine *r, size_t warnings)
{
    /* The session's length as plan and the app count it: from the engine's
     * timeline, get-ready countdown included. */
    struct plan p;
    /* Cannot fail for a routine that loaded (it has phases, sides, positions). */
    plan_init(&p, r);
    char total[32];
    format_mss(p.timeline.total_ms, total, sizeof total);
    plan_finish(&p);
    if (warnings)
        printf(_("%s: ok with %zu warning(s), %zu positions, %s\n"), file, warnings,
               routine_total_positions(r), total);
    else
        printf(_("%s: ok, %zu positions, %s\n"), file, routine_total_positions(r), total);
}

/* Prints the file's lines; true when it is valid. */
static bool check_one(const char *file)
{
    if (routine_is_json_schema(file)) {
        printf(_("%s: skipped, a JSON Schema, not a routine\n"), file);
        return true;
    }
    struct routine *r = NULL;
    size_t warnings = 0;
    bool ok = cli_load_routine(file, &r, &warnings);
    if (ok)
        check_print_ok(file, r, warnings);
    routine_destroy(r);
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
            return cli_misuse("check", _("unknown option '%s'"), argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_misuse("check", "%s", _("give at least one routine file"));
    bool all_ok = true;
    for (int i = optind; i < argc; i++)
        all_ok &= check_one(argv[i]);
    fflush(stdout);
    return all_ok ? 0 : 1;
}
