/* main.c - the command line: `smr-timer [OPTIONS] [ROUTINE]` runs a session
 * (without ROUTINE the app opens on its library of routines),
 * the subcommands (check, plan, list, tailor, handout, history) work without
 * a display. A routine is named by file or by id (routine/library.h) and
 * validated before any window opens, with the --hold, --move, --sides and
 * --strips overrides applied (tailor_cmd.h). */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "cli/check.h"
#include "cli/diagnostics.h"
#include "cli/cli.h"
#include "cli/handout_cmd.h"
#include "cli/history_cmd.h"
#include "cli/list_cmd.h"
#include "cli/plan_cmd.h"
#include "cli/tailor_cmd.h"
#include "config.h"
#include "routine/library.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/settings.h"
#include "util/util.h"

/* The subcommands: argv[1] names one, and it gets argv from there on. */
static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"check", cmd_check},
    {"plan", cmd_plan},
    {"tailor", cmd_tailor},
    {"handout", cmd_handout},
    {"history", cmd_history},
    {"list", cmd_list},
};

/* parse_options() returns this to run the app, or an exit status. */
#define RUN_APP (-1)

static void usage(FILE *out)
{
    fprintf(out, _("Usage: smr-timer [OPTIONS] [ROUTINE]\n"
                   "       smr-timer check ROUTINE...\n"
                   "       smr-timer plan ROUTINE [--json]\n"
                   "       smr-timer list\n"
                   "       smr-timer tailor BASE -o CLIENT.smr.json [--for NAME] [--hold S]...\n"
                   "       smr-timer handout ROUTINE -o FILE.pdf [--paper a4|letter]\n"
                   "       smr-timer history [--csv] [--since DATE]\n"
                   "\n"
                   "Guided self-myofascial release: a safety checklist, then each step with a\n"
                   "diagram, a large countdown and sound cues. ROUTINE is a routine file or\n"
                   "the id of one that 'smr-timer list' shows. Without ROUTINE, the window\n"
                   "opens on the list of routines to choose from.\n"
                   "\n"
                   "Options:\n"
                   "  -h, --help              show this help and exit\n"
                   "  -V, --version           show the version and exit\n"
                   "  -f, --fullscreen        start in fullscreen (F or F11 toggles)\n"
                   "  -m, --mute              start muted (M toggles)\n"
                   "      --no-voice          tones only, no spoken instructions\n"
                   "      --repeat-instructions\n"
                   "                          speak each instruction in full at every ball\n"
                   "                          position (by default: at a strip's first, then\n"
                   "                          only the step's name)\n"
                   "      --volume=N          sound volume, 0-100 (default 80)\n"
                   "      --window=WxH        initial window size (default 1280x720)\n"
                   "      --speed=X           play X times as fast (demos and tests)\n"
                   "      --script=FILE       scripted input, for tests and docs\n"
                   "      --screenshot-dir=D  where the script's screenshots go\n"
                   "\n"
                   "Changes for this session only (as `smr-timer tailor` makes them):\n"
                   "      --hold=S            the hold, in seconds (10-12 is usual)\n"
                   "      --move=CM           how far the ball moves each time (5-10 is usual)\n"
                   "      --sides=SIDES       left, right or both\n"
                   "      --strips=IDS        the strips to work, in order: outer,middle,...\n"
                   "\n"
                   "Each command has its own --help: smr-timer tailor --help.\n"
                   "\n"
                   "This program is not medical advice. If in doubt, ask a qualified professional.\n"));
}

enum {
    OPT_NO_VOICE = 256, OPT_REPEAT, OPT_VOLUME, OPT_WINDOW, OPT_SPEED, OPT_SCRIPT, OPT_SHOTS,
    OPT_HOLD, OPT_MOVE, OPT_SIDES, OPT_STRIPS
};

/* The session's overrides (tailor_options) and whether any was given. */
struct start_overrides {
    struct tailor_options o;
    bool any;
};

/* An override; RUN_APP or the misuse status. */
static int apply_override(int opt, const char *arg, struct start_overrides *t)
{
    t->any = true;
    bool ok = true;
    if (opt == OPT_HOLD)
        ok = tailor_cmd_number(NULL, "--hold", arg, &t->o.hold_s);
    else if (opt == OPT_MOVE)
        ok = tailor_cmd_number(NULL, "--move", arg, &t->o.move_cm);
    else if (opt == OPT_SIDES)
        t->o.sides = arg;
    else
        t->o.strips = arg;
    return ok ? RUN_APP : CLI_MISUSE;
}

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

static const struct option app_longopts[] = {
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {"fullscreen", no_argument, NULL, 'f'},
    {"mute", no_argument, NULL, 'm'},
    {"no-voice", no_argument, NULL, OPT_NO_VOICE},
    {"repeat-instructions", no_argument, NULL, OPT_REPEAT},
    {"volume", required_argument, NULL, OPT_VOLUME},
    {"window", required_argument, NULL, OPT_WINDOW},
    {"speed", required_argument, NULL, OPT_SPEED},
    {"script", required_argument, NULL, OPT_SCRIPT},
    {"screenshot-dir", required_argument, NULL, OPT_SHOTS},
    {"hold", required_argument, NULL, OPT_HOLD},
    {"move", required_argument, NULL, OPT_MOVE},
    {"sides", required_argument, NULL, OPT_SIDES},
    {"strips", required_argument, NULL, OPT_STRIPS},
    {NULL, 0, NULL, 0},
};

/* Fills *o, *t and *routine (NULL: the bundled one) from argv; RUN_APP, or
 * the exit status: 0 after --help or --version, 2 for misuse. */
static int parse_options(int argc, char **argv, const struct settings *st, struct app_options *o,
                         struct start_overrides *t, const char **routine)
{
    /* The remembered settings first; an option given wins for this run. */
    *o = (struct app_options){.speed = 1.0, .volume = st->volume, .mute = st->mute,
                              .voice = st->voice, .repeat_instructions = st->repeat_instructions,
                              .fullscreen = st->fullscreen,
                              .window_w = st->window_w, .window_h = st->window_h};
    *t = (struct start_overrides){0};
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":hVfm", app_longopts, NULL)) != -1) {
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
        else if (c == OPT_REPEAT)
            o->repeat_instructions = true;
        else if (c == ':')
            return cli_misuse(NULL, _("option '%s' needs a value"), argv[optind - 1]);
        else if (c >= OPT_HOLD && c <= OPT_STRIPS) {
            if (apply_override(c, optarg, t) != RUN_APP)
                return CLI_MISUSE;
        } else if (c < OPT_VOLUME || c > OPT_SHOTS)
            return cli_misuse(NULL, _("unknown option '%s'"), argv[optind - 1]);
        else if (apply_value(c, optarg, o) != RUN_APP)
            return CLI_MISUSE;
    }
    if (argc - optind > 1)
        return cli_misuse(NULL, _("one routine at a time, got '%s' as well"), argv[optind + 1]);
    *routine = optind < argc ? argv[optind] : NULL;
    return RUN_APP;
}

/* The settings file: read before argv, so that an option given wins for
 * that run; a broken file is one line per mistake and the defaults. */
static char *settings_load(struct settings *st)
{
    settings_init(st);
    char *path = settings_default_path();
    if (path) {
        struct diag_list d = {0};
        settings_read(path, st, &d);
        diagnostics_print(stderr, path, &d);
        diag_list_finish(&d);
    }
    return path;
}

/* Without ROUTINE but with --hold and the like, which need a routine to
 * change: the one played last while it is still there and valid (quietly
 * passed over when not), else the bundled one. Caller frees. */
/* The bundled default routine in the user's language when it is translated
 * (hamstrings-spiky-ball-de.json for a German user), else the English one. */
static char *bundled_default(void)
{
    char *path = paths_default_routine();
    const char *base = strrchr(path, '/');
    char *id = xstrdup(base ? base + 1 : path);
    char *dot = strrchr(id, '.');
    if (dot)
        *dot = '\0';
    struct library lib;
    library_init_default(&lib);
    const struct library_entry *e = library_find_localized(&lib, id);
    if (e && e->routine && e->bundled && strcmp(e->path, path) != 0) {
        free(path);
        path = xstrdup(e->path);
    }
    library_finish(&lib);
    free(id);
    return path;
}

static char *default_routine(const struct settings *st)
{
    if (st->last_routine && access(st->last_routine, R_OK) == 0) {
        struct diag_list d = {0};
        struct routine *r = NULL;
        bool ok = routine_create_from_file(st->last_routine, &r, &d);
        routine_destroy(r);
        diag_list_finish(&d);
        if (ok)
            return xstrdup(st->last_routine);
        log_info("the routine played last (%s) no longer loads", st->last_routine);
    }
    return bundled_default();
}

/* Remembers what the user changed in the window (not what the options
 * said for this run alone) and the routine played. */
static void settings_save(struct settings *st, const char *path, const struct app_options *o,
                          const struct app_result *res, const char *played)
{
    if (res->mute != o->mute)
        st->mute = res->mute;
    if (res->fullscreen != o->fullscreen)
        st->fullscreen = res->fullscreen;
    if (res->window_w > 0 && (res->window_w != o->window_w || res->window_h != o->window_h)) {
        st->window_w = res->window_w;
        st->window_h = res->window_h;
    }
    if (played) {
        free(st->last_routine);
        st->last_routine = xstrdup(played);
    }
    settings_write(path, st);
}

/* Without a routine: the library screen, with the one played last chosen. */
static int run_library(struct app_options *o, struct settings *st, const char *settings_path)
{
    o->last_routine = st->last_routine;
    log_info("run: library volume=%d mute=%s voice=%s fullscreen=%s window=%dx%d", o->volume,
             o->mute ? "true" : "false", o->voice ? "true" : "false",
             o->fullscreen ? "true" : "false", o->window_w, o->window_h);
    struct app_result res;
    int status = app_run(o, &res);
    if (settings_path)
        settings_save(st, settings_path, o, &res, res.played);
    free(res.played);
    return status;
}

/* Loaded once, here, and its problems printed with the same lines as
 * `check`. A valid routine is handed to the app with its warnings (the
 * overview lists them); an invalid one is refused, and its errors are shown
 * in a window too, for whoever started it from a file manager. A routine
 * changed by --hold and the like is judged as tailor judges it (its lines
 * printed, no window). */
static int run_app(struct app_options *o, const struct start_overrides *t, const char *routine,
                   struct settings *st, const char *settings_path)
{
    if (!routine && !t->any)
        return run_library(o, st, settings_path);
    char *default_path = routine ? NULL : default_routine(st);
    const char *path = default_path ? default_path : routine;
    struct diag_list diags = {0};
    char *found = NULL;
    int status;
    if (t->any)
        status = tailor_cmd_load(path, &t->o, &o->routine);
    else
        status = cli_load_routine_keep(path, &o->routine, &diags, &found) ? 0 : 1;
    o->diags = &diags;
    if (status != 0) {
        if (!t->any)
            status = app_show_errors(o, found ? found : path);
        diag_list_finish(&diags);
        free(found);
        free(default_path);
        return status;
    }
    log_info("run: %s volume=%d mute=%s voice=%s fullscreen=%s window=%dx%d", o->routine->file,
             o->volume, o->mute ? "true" : "false", o->voice ? "true" : "false",
             o->fullscreen ? "true" : "false", o->window_w, o->window_h);
    struct app_result res;
    status = app_run(o, &res);
    if (settings_path)
        settings_save(st, settings_path, o, &res, res.played);
    free(res.played);
    diag_list_finish(&diags);
    free(found);
    free(default_path);
    return status;
}

int main(int argc, char **argv)
{
    one_heap();
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

    struct settings st;
    char *settings_path = settings_load(&st);
    struct app_options o;
    struct start_overrides t;
    const char *routine = NULL;
    int status = parse_options(argc, argv, &st, &o, &t, &routine);
    if (status == RUN_APP)
        status = run_app(&o, &t, routine, &st, settings_path);
    settings_finish(&st);
    free(settings_path);
    return status;
}
