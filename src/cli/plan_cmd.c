/* plan_cmd.c - `smr-timer plan FILE [--json]`: the front end of the plan
 * (src/engine/plan.h says what a plan holds and how it is written): options,
 * stdout, stderr and the exit status. */
#include "cli/plan_cmd.h"

#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/diagnostics.h"
#include "engine/plan.h"
#include "util/i18n.h"

static void usage(FILE *out)
{
    fprintf(out, _("Usage: smr-timer plan ROUTINE.json [--json]\n"
                   "\n"
                   "Print every step of a routine: for each side, strip, pass and ball\n"
                   "position, each phase with its start time and duration, and the total.\n"
                   "\n"
                   "Options:\n"
                   "  -j, --json   a JSON document for tools and tests\n"
                   "  -h, --help   show this help and exit\n"));
}

/* Loads and prints the plan of `path` on stdout; the exit status. */
static int print_plan(const char *path, bool json)
{
    struct routine *r = NULL;
    if (!cli_load_routine(path, &r, NULL))
        return 1;
    struct plan p;
    int status = 0;
    if (!plan_init(&p, r)) {
        /* A problem of the file, so a diagnostic line (unreachable for a
         * routine that loaded: it has phases, sides and positions). */
        struct diag_list d = {0};
        diag_add(&d, DIAG_ERROR, "", NULL, "%s", _("the routine has no steps to play"));
        diagnostics_print(stderr, path, &d);
        diag_list_finish(&d);
        status = 1;
    } else {
        bool wrote = json ? plan_print_json(stdout, &p) : plan_print_text(stdout, &p);
        if (!wrote || fflush(stdout) != 0 || ferror(stdout)) {
            log_error("plan: %s", _("could not write the plan"));
            status = 1;
        }
    }
    plan_finish(&p);
    routine_destroy(r);
    return status;
}

int cmd_plan(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bool json = false;
    optind = 0; /* glibc: start afresh (cmd_plan may run more than once in a test) */
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = true;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            return cli_misuse("plan", _("unknown option '%s'"), argv[optind - 1]);
        }
    }
    /* glibc's getopt_long moves options behind the file forward: `plan FILE --json`. */
    if (optind >= argc)
        return cli_misuse("plan", "%s", _("which routine? give a file"));
    if (argc - optind > 1)
        return cli_misuse("plan", _("one routine at a time, got '%s' as well"), argv[optind + 1]);
    return print_plan(argv[optind], json);
}
