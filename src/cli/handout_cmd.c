/* handout_cmd.c - see handout_cmd.h. The routine is loaded as `check` loads
 * it (its problems printed the same way); the page is src/print's, opened as
 * a module for this command only (print/print_module.h: the other commands
 * and the app never map cairo, Pango or librsvg); the file is written like a
 * tailored routine, whole and never over another file without --force
 * (output.c). */
#include "cli/handout_cmd.h"

#include <dlfcn.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "config.h"
#include "print/print_module.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/util.h"

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
    const char *routine, *output, *paper; /* paper: checked once the module is open */
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
        else if (c == 'p')
            a->paper = optarg;
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

/* The handout's module, or NULL with why in one line. It stays open: the
 * command ends soon after, and a module closed before exit would leave the
 * leak checker's stacks in it without names. */
static const struct print_module *open_print(void)
{
    char *dir = paths_module_dir();
    char *path = xasprintf("%s/%s", dir, PRINT_MODULE_FILE);
    free(dir);
    const struct print_module *m = NULL;
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    void *sym = lib ? dlsym(lib, PRINT_MODULE_ENTRY) : NULL;
    print_module_entry_fn entry = NULL;
    memcpy(&entry, &sym, sizeof entry); /* POSIX: a function's address as void * */
    if (!entry)
        log_error(_("handout: cannot open the handout's module: %s"), dlerror());
    else if ((m = entry())->abi != PRINT_MODULE_ABI || strcmp(m->version, SMR_VERSION) != 0) {
        log_error(_("handout: %s is from smr-timer %s (interface %d), not from this %s (interface %d)"),
                  path, m->version, m->abi, SMR_VERSION, PRINT_MODULE_ABI);
        m = NULL;
    } else
        log_debug("handout: module %s", path);
    free(path);
    return m;
}

/* The page into a.output; the exit status. */
static int write_handout(const struct print_module *m, const struct handout_args *a,
                         enum handout_paper paper)
{
    if (!a->force && output_exists(a->output)) {
        log_error(_("%s: %s exists; give --force to replace it"), "handout", a->output);
        return 1;
    }
    struct routine *r = NULL;
    if (!cli_load_routine(a->routine, &r, NULL))
        return 1;
    char *assets = paths_assets_dir(), *why = NULL;
    struct handout_pdf pdf = {0};
    int status = 1;
    if (!m->render(r, paper, assets, &pdf, NULL, &why))
        log_error("handout: %s", why);
    else if (output_write("handout", a->output, pdf.data, pdf.len, a->force))
        status = 0;
    m->pdf_finish(&pdf);
    free(why);
    free(assets);
    routine_destroy(r);
    return status;
}

int cmd_handout(int argc, char **argv)
{
    struct handout_args a = {.paper = "a4"};
    int status = parse(argc, argv, &a);
    if (status >= 0)
        return status;
    const struct print_module *m = open_print();
    if (!m)
        return 1;
    enum handout_paper paper;
    if (!m->paper_from_name(a.paper, &paper))
        return cli_misuse("handout", _("--paper takes a4 or letter, not '%s'"), a.paper);
    return write_handout(m, &a, paper);
}
