/* handout_cmd.c - see handout_cmd.h. The routine is loaded as `check` loads
 * it (its problems printed the same way); the page is src/print's; the file
 * is written like a tailored routine, whole and never over another file
 * without --force (output.c). */
#include "cli/handout_cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "print/handout.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/paths.h"

static void usage(FILE *out)
{
    fprintf(out, "%s",
            _("Usage: smr-timer handout ROUTINE.json -o FILE.pdf [--paper a4|letter]\n"
              "\n"
              "Write a one-page PDF to hand over with a routine: who it is for, the\n"
              "diagram with every ball position, what to have and do, the timings, the\n"
              "safety questions to tick, the therapist's note.\n"
              "\n"
              "Options:\n"
              "  -o, --output=FILE   the PDF to write\n"
              "      --paper=SIZE    a4 (the default) or letter\n"
              "      --force         replace FILE if it exists\n"
              "  -h, --help          show this help and exit\n"));
}

struct handout_args {
    const char *routine, *output;
    enum handout_paper paper;
    bool force;
};

/* -1 to go on, else the exit status. */
static int parse(int argc, char **argv, struct handout_args *a)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {"paper", required_argument, NULL, 'p'},
        {"force", no_argument, NULL, 'f'},        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return 0;
        }
        if (c == 'o')
            a->output = optarg;
        else if (c == 'f')
            a->force = true;
        else if (c == 'p' && !handout_paper_from_name(optarg, &a->paper))
            return cli_misuse("handout", _("--paper takes a4 or letter, not '%s'"), optarg);
        else if (c == ':')
            return cli_misuse("handout", _("option '%s' needs a value"), argv[optind - 1]);
        else if (c == '?')
            return cli_misuse("handout", _("unknown option '%s'"), argv[optind - 1]);
    }
    if (optind >= argc)
        return cli_misuse("handout", "%s", _("which routine? give a file"));
    if (argc - optind > 1)
        return cli_misuse("handout", _("one routine at a time, got '%s' as well"),
                          argv[optind + 1]);
    if (!a->output)
        return cli_misuse("handout", "%s", _("where to? give -o FILE.pdf"));
    a->routine = argv[optind];
    return -1;
}

int cmd_handout(int argc, char **argv)
{
    struct handout_args a = {.paper = HANDOUT_A4};
    int status = parse(argc, argv, &a);
    if (status >= 0)
        return status;
    if (!a.force && output_exists(a.output)) {
        log_error(_("%s: %s exists; give --force to replace it"), "handout", a.output);
        return 1;
    }
    struct routine *r = NULL;
    if (!cli_load_routine(a.routine, &r, NULL))
        return 1;
    char *assets = paths_assets_dir(), *why = NULL;
    struct handout_pdf pdf;
    status = 1;
    if (!handout_render(r, a.paper, assets, &pdf, NULL, &why))
        log_error("handout: %s", why);
    else if (output_write("handout", a.output, pdf.data, pdf.len, a.force))
        status = 0;
    handout_pdf_finish(&pdf);
    free(why);
    free(assets);
    routine_destroy(r);
    return status;
}
