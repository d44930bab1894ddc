/* main.c - the command line: `smr-timer [OPTIONS] [ROUTINE]` runs a session,
 * `smr-timer check FILE...` and `smr-timer plan FILE [--json]` work without a
 * display. A routine is validated before any window opens. */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/check.h"
#include "cli/cli.h"
#include "cli/diagnostics.h"
#include "cli/plan_cmd.h"
#include "config.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/paths.h"

/* The subcommands: argv[1] names one, and it gets argv from there on. */
static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"check", cmd_check},
    {"plan", cmd_plan},
};

/* parse_options() returns this to run the app, or an exit status. */
#define RUN_APP (-1)

static void usage(FILE *out)
{
    fprintf(out, _("Usage: smr-timer [OPTIONS] [ROUTINE.json]\n"
                   "       smr-timer check ROUTINE.json...\n"
                   "       smr-timer plan ROUTINE.json [--json]\n"
                   "\n"
                   "Guided self-myofascial release: a safety checklist, then each step with a\n"
                   "diagram, a large countdown and sound cues. Without ROUTINE, plays the\n"
                   "bundled hamstring routine.\n"
                   "\n"
                   "Options:\n"
                   "  -h, --help              show this help and exit\n"
                   "  -V, --version           show the version and exit\n"
                   "  -f, --fullscreen        start in fullscreen (F or F11 toggles)\n"
                   "  -m, --mute              start muted (M toggles)\n"
                   "      --no-voice          tones only, no spoken instructions\n"
                   "      --volume=N          sound volume, 0-100 (default 80)\n"
                   "      --window=WxH        initial window size (default 1280x720)\n"
                   "      --speed=X           play X times as fast (demos and tests)\n"
                   "      --script=FILE       scripted input, for tests and docs\n"
                   "      --screenshot-dir=D  where the script's screenshots go\n"
                   "\n"
                   "This program is not medical advice. If in doubt, ask a qualified professional.\n"));
}

enum { OPT_NO_VOICE = 256, OPT_VOLUME, OPT_WINDOW, OPT_SPEED, OPT_SCRIPT, OPT_SHOTS };

static bool parse_number(const char *s, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= lo && v <= hi))
        return false;
    *out = v;
    return true;
}

/* An option that takes a value; RUN_APP or the misuse status. */
static int apply_value(int opt, const char *arg, struct app_options *o)
{
    double v;
    switch (opt) {
    case OPT_VOLUME:
        if (!parse_number(arg, 0, 100, &v))
            return cli_misuse(NULL, _("--volume takes a whole number from 0 to 100, not '%s'"), arg);
        o->volume = (int)v;
        return RUN_APP;
    case OPT_WINDOW:
        if (sscanf(arg, "%dx%d", &o->window_w, &o->window_h) != 2 || o->window_w < 320 ||
            o->window_h < 240 || o->window_w > 16384 || o->window_h > 16384)
            return cli_misuse(
                NULL, _("--window takes a size such as 1280x720 (at least 320x240), not '%s'"), arg);
        return RUN_APP;
    case OPT_SPEED:
        if (!parse_number(arg, 0.01, 1000, &v))
            return cli_misuse(NULL, _("--speed takes a factor from 0.01 to 1000, not '%s'"), arg);
        o->speed = v;
        return RUN_APP;
    case OPT_SCRIPT:
        o->script_path = arg;
        return RUN_APP;
    default: /* OPT_SHOTS */
        o->screenshot_dir = arg;
        return RUN_APP;
    }
}

/* Fills *o and *routine (NULL: the bundled one) from argv; RUN_APP, or the
 * exit status: 0 after --help or --version, 2 for misuse. */
static int parse_options(int argc, char **argv, struct app_options *o, const char **routine)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"fullscreen", no_argument, NULL, 'f'},
        {"mute", no_argument, NULL, 'm'},
        {"no-voice", no_argument, NULL, OPT_NO_VOICE},
        {"volume", required_argument, NULL, OPT_VOLUME},
        {"window", required_argument, NULL, OPT_WINDOW},
        {"speed", required_argument, NULL, OPT_SPEED},
        {"script", required_argument, NULL, OPT_SCRIPT},
        {"screenshot-dir", required_argument, NULL, OPT_SHOTS},
        {NULL, 0, NULL, 0},
    };
    *o = (struct app_options){.speed = 1.0, .volume = 80, .voice = true};
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":hVfm", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return 0;
        }
        if (c == 'V') {
            printf("smr-timer %s\n", SMR_VERSION);
            return 0;
        }
        if (c == 'f')
            o->fullscreen = true;
        else if (c == 'm')
            o->mute = true;
        else if (c == OPT_NO_VOICE)
            o->voice = false;
        else if (c == ':')
            return cli_misuse(NULL, _("option '%s' needs a value"), argv[optind - 1]);
        else if (c < OPT_VOLUME || c > OPT_SHOTS)
            return cli_misuse(NULL, _("unknown option '%s'"), argv[optind - 1]);
        else if (apply_value(c, optarg, o) != RUN_APP)
            return CLI_MISUSE;
    }
    if (argc - optind > 1)
        return cli_misuse(NULL, _("one routine at a time, got '%s' as well"), argv[optind + 1]);
    *routine = optind < argc ? argv[optind] : NULL;
    return RUN_APP;
}

/* Loaded once, here, and its problems printed with the same lines as
 * `check`. A valid routine is handed to the app with its warnings (the
 * overview lists them); an invalid one is refused, and its errors are shown
 * in a window too, for whoever started it from a file manager. */
static int run_app(struct app_options *o, const char *routine)
{
    char *default_path = routine ? NULL : paths_default_routine();
    const char *path = default_path ? default_path : routine;
    struct diag_list diags = {0};
    bool ok = routine_create_from_file(path, &o->routine, &diags);
    diagnostics_print(stderr, path, &diags);
    o->diags = &diags;
    int status = ok ? app_run(o) : app_show_errors(o, path);
    diag_list_finish(&diags);
    free(default_path);
    return status;
}

int main(int argc, char **argv)
{
    log_init_from_env();
#if ENABLE_NLS
    setlocale(LC_ALL, "");
    /* Numbers stay in C notation whatever the language: --speed=0.5, the
     * routine's numbers, plan --json and the logs all mean a dot. */
    setlocale(LC_NUMERIC, "C");
    char *dir = paths_locale_dir();
    bindtextdomain(GETTEXT_PACKAGE, dir); /* keeps its own copy */
    free(dir);
    textdomain(GETTEXT_PACKAGE);
#endif
    for (size_t i = 0; argc > 1 && i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);

    struct app_options o;
    const char *routine = NULL;
    int status = parse_options(argc, argv, &o, &routine);
    return status == RUN_APP ? run_app(&o, routine) : status;
}
