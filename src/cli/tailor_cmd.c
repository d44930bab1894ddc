/* tailor_cmd.c - see tailor_cmd.h. The command line only: the editing and
 * the judging are src/routine/tailor.c's, the writing output.c's. A tailored
 * file that would not pass `check` is never written, and its problems are
 * printed as `check` prints them. */
#include "cli/tailor_cmd.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/check.h"
#include "cli/cli.h"
#include "cli/diagnostics.h"
#include "cli/output.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

/* The desktop file registers this glob for routines. */
#define ROUTINE_EXTENSION ".smr.json"

static void usage(FILE *out)
{
    fprintf(out, "%s",
            _("Usage: smr-timer tailor BASE.json -o CLIENT.smr.json [OPTIONS]\n"
              "\n"
              "Make a routine for one person out of BASE: the same routine with the\n"
              "changes below, checked like `smr-timer check` does. A routine that would\n"
              "not pass is not written; an existing file is not replaced without --force.\n"
              "\n"
              "Options:\n"
              "  -o, --output=FILE   where to write it (.smr.json is added to a\n"
              "                      name that does not end in .json)\n"
              "      --for=NAME      who it is for (prepared_for)\n"
              "      --by=NAME       who prepared it (prepared_by)\n"
              "      --on=DATE       when, YYYY-MM-DD (prepared_on; default today)\n"
              "      --note=TEXT     the therapist's note\n"
              "      --hold=S        the hold, in seconds (10-12 is usual)\n"
              "      --move=CM       how far the ball moves each time (5-10 is usual)\n"
              "      --start=CM      the first ball position, cm from the knee end\n"
              "      --end=CM        the last possible ball position\n"
              "      --sides=SIDES   left, right or both\n"
              "      --strips=IDS    the strips to keep, in order: outer,middle,...\n"
              "      --passes=N      1 or 2 passes over each strip\n"
              "      --id=ID         the routine's id\n"
              "      --title=TEXT    the routine's title\n"
              "      --force         replace FILE if it exists\n"
              "  -h, --help          show this help and exit\n"
              "\n"
              "Exit status: 0 written, 1 not written (the problems are listed), 2 misuse.\n"));
}

bool tailor_cmd_number(const char *command, const char *option, const char *arg,
                       struct tailor_number *out)
{
    char *end;
    double v = strtod(arg, &end);
    if (end == arg || *end || !isfinite(v)) {
        cli_misuse(command, _("%s takes a number, not '%s'"), option, arg);
        return false;
    }
    *out = (struct tailor_number){true, v};
    return true;
}

int tailor_cmd_load(const char *path, const struct tailor_options *o, struct routine **out)
{
    struct tailor_report rep = {0};
    bool ok = routine_tailor(path, o, NULL, out, &rep);
    diagnostics_print(stderr, path, &rep.base);
    diagnostics_print(stderr, "smr-timer", &rep.options);
    diagnostics_print(stderr, path, &rep.result);
    int status = ok ? 0 : diag_count(&rep.options, DIAG_ERROR) ? CLI_MISUSE : 1;
    tailor_report_finish(&rep);
    return status;
}

/* Today, local time, as prepared_on wants it. */
static void today(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm) || strftime(buf, size, "%Y-%m-%d", &tm) == 0)
        snprintf(buf, size, "%s", "1970-01-01");
}

struct tailor_args {
    struct tailor_options o;
    const char *output;
    bool force;
};

enum {
    OPT_FOR = 256, OPT_BY, OPT_ON, OPT_NOTE, OPT_HOLD, OPT_MOVE, OPT_START, OPT_END, OPT_SIDES,
    OPT_STRIPS, OPT_PASSES, OPT_ID, OPT_TITLE, OPT_FORCE
};

/* One option into a; false after the misuse line. */
static bool take(struct tailor_args *a, int c, const char *arg)
{
    struct tailor_options *o = &a->o;
    switch (c) {
    case 'o': a->output = arg; return true;
    case OPT_FOR: o->prepared_for = arg; return true;
    case OPT_BY: o->prepared_by = arg; return true;
    case OPT_ON: o->prepared_on = arg; return true;
    case OPT_NOTE: o->note = arg; return true;
    case OPT_SIDES: o->sides = arg; return true;
    case OPT_STRIPS: o->strips = arg; return true;
    case OPT_ID: o->id = arg; return true;
    case OPT_TITLE: o->title = arg; return true;
    case OPT_FORCE: a->force = true; return true;
    case OPT_HOLD: return tailor_cmd_number("tailor", "--hold", arg, &o->hold_s);
    case OPT_MOVE: return tailor_cmd_number("tailor", "--move", arg, &o->move_cm);
    case OPT_START: return tailor_cmd_number("tailor", "--start", arg, &o->start_cm);
    case OPT_END: return tailor_cmd_number("tailor", "--end", arg, &o->end_cm);
    default: return tailor_cmd_number("tailor", "--passes", arg, &o->passes);
    }
}

/* argv into a and *base; -1 to go on, else the exit status. */
static int parse(int argc, char **argv, struct tailor_args *a, const char **base)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {"for", required_argument, NULL, OPT_FOR},
        {"by", required_argument, NULL, OPT_BY},  {"on", required_argument, NULL, OPT_ON},
        {"note", required_argument, NULL, OPT_NOTE}, {"hold", required_argument, NULL, OPT_HOLD},
        {"move", required_argument, NULL, OPT_MOVE}, {"start", required_argument, NULL, OPT_START},
        {"end", required_argument, NULL, OPT_END}, {"sides", required_argument, NULL, OPT_SIDES},
        {"strips", required_argument, NULL, OPT_STRIPS},
        {"passes", required_argument, NULL, OPT_PASSES}, {"id", required_argument, NULL, OPT_ID},
        {"title", required_argument, NULL, OPT_TITLE}, {"force", no_argument, NULL, OPT_FORCE},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
    };
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return 0;
        }
        if (c == ':')
            return cli_misuse("tailor", _("option '%s' needs a value"), argv[optind - 1]);
        if (c == '?')
            return cli_misuse("tailor", _("unknown option '%s'"), argv[optind - 1]);
        if (!take(a, c, optarg))
            return CLI_MISUSE;
    }
    if (optind >= argc)
        return cli_misuse("tailor", "%s", _("which routine is the base? give a file"));
    if (argc - optind > 1)
        return cli_misuse("tailor", _("one base routine at a time, got '%s' as well"),
                          argv[optind + 1]);
    if (!a->output)
        return cli_misuse("tailor", "%s", _("where to? give -o CLIENT.smr.json"));
    *base = argv[optind];
    return -1;
}

static char *output_name(const char *given)
{
    size_t n = strlen(given), k = strlen(".json");
    if (n >= k && strcmp(given + n - k, ".json") == 0)
        return xstrdup(given);
    return xasprintf("%s%s", given, ROUTINE_EXTENSION);
}

/* Tailors base into out; the exit status. */
static int tailor(const char *base, const char *out, const struct tailor_args *a)
{
    struct tailor_report rep = {0};
    char *json = NULL;
    struct routine *r = NULL;
    bool ok = routine_tailor(base, &a->o, &json, &r, &rep);
    diagnostics_print(stderr, base, &rep.base);
    diagnostics_print(stderr, "smr-timer tailor", &rep.options);
    diagnostics_print(stderr, out, &rep.result);
    int status = diag_count(&rep.options, DIAG_ERROR) ? CLI_MISUSE : 1;
    if (ok && output_write("tailor", out, json, strlen(json), a->force)) {
        check_print_ok(out, r, diag_count(&rep.options, DIAG_WARNING) +
                                   diag_count(&rep.result, DIAG_WARNING));
        status = fflush(stdout) == 0 ? 0 : 1;
    } else if (ok) {
        status = 1;
    }
    routine_destroy(r);
    free(json);
    tailor_report_finish(&rep);
    return status;
}

int cmd_tailor(int argc, char **argv)
{
    struct tailor_args a = {0};
    const char *base = NULL;
    int status = parse(argc, argv, &a, &base);
    if (status >= 0)
        return status;
    char date[16];
    if (!a.o.prepared_on) {
        today(date, sizeof date);
        a.o.prepared_on = date;
    }
    char *out = output_name(a.output);
    if (!a.force && output_exists(out)) {
        log_error(_("%s: %s exists; give --force to replace it"), "tailor", out);
        status = 1;
    } else {
        status = tailor(base, out, &a);
    }
    free(out);
    return status;
}
