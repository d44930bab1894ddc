/* list_cmd.c - `smr-timer list`: the routine library (routine/library.h) on
 * stdout, one routine a line, for people and scripts alike. A line is six
 * fields separated by a tab:
 *     AREA  ID  TIME  POSITIONS  TITLE  PATH
 * AREA is back-of-thigh, front-of-thigh or calf, and the lines come grouped
 * in that order (the order the areas are worked in), within an area the
 * user's language first, then English, bundled routines before the user's
 * own; the bundled routines in other languages (and the English ones
 * translated into the user's) only with --all, after the rest of their
 * area. TIME is the session's length as `check` and `plan`
 * say it (M:SS, the get-ready countdown included). A file that does not
 * load is listed last as
 *     invalid  NAME  -  -  ITS FIRST ERROR  PATH
 * so that a typo in one's own routine is seen, not hidden. Texts in a
 * routine cannot hold a tab, so the fields never run into each other. */
#include "cli/list_cmd.h"

#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "engine/plan.h"
#include "routine/library.h"
#include "util/i18n.h"
#include "util/util.h"

static void usage(FILE *out)
{
    fprintf(out, "%s",
            _("Usage: smr-timer list\n"
              "\n"
              "List the bundled routines and your own (the .json files in\n"
              "$XDG_DATA_HOME/smr-timer/routines, or ~/.local/share/smr-timer/routines),\n"
              "one a line, grouped by body area, with tab-separated fields:\n"
              "  AREA ID TIME POSITIONS TITLE PATH\n"
              "Routines in your language come first, then English ones.\n"
              "A file that does not load is listed last as\n"
              "  invalid NAME - - FIRST-ERROR PATH\n"
              "Start one by its id: smr-timer ID, smr-timer plan ID.\n"
              "\n"
              "  -a, --all   also the bundled routines in other languages\n"
              "  -h, --help  show this help and exit\n"));
}

static void print_entry(const struct library_entry *e)
{
    enum body_area area;
    if (!library_entry_area(e, &area)) {
        printf("invalid\t%s\t-\t-\t%s\t%s\n", e->id, e->error, e->path);
        return;
    }
    /* the length as the plan counts it, so list, check and plan agree */
    struct plan p;
    char total[32] = "-";
    if (plan_init(&p, e->routine))
        format_mss(p.timeline.total_ms, total, sizeof total);
    plan_finish(&p);
    printf("%s\t%s\t%s\t%zu\t%s\t%s\n", body_area_id(area), e->id, total,
           routine_total_positions(e->routine), e->routine->title, e->path);
}

int cmd_list(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"all", no_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    optind = 0;
    opterr = 0;
    int c;
    bool all = false;
    while ((c = getopt_long(argc, argv, ":ah", longopts, NULL)) != -1) {
        if (c == 'a') {
            all = true;
            continue;
        }
        if (c != 'h')
            return cli_misuse("list", _("unknown option '%s'"), argv[optind - 1]);
        usage(stdout);
        return 0;
    }
    if (optind < argc)
        return cli_misuse("list", _("takes no arguments, got '%s'"), argv[optind]);
    struct library lib;
    library_init_default(&lib);
    for (size_t i = 0; i < lib.n; i++)
        if (all || !lib.entries[i].other_language)
            print_entry(&lib.entries[i]);
    library_finish(&lib);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        log_error("list: %s", _("could not write the list"));
        return 1;
    }
    return 0;
}
