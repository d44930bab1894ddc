/* main.c - the command line: `smr-timer [OPTIONS] [ROUTINE]` runs a session,
 * `smr-timer check FILE...` and `smr-timer plan FILE [--json]` work without a
 * display. A routine is validated before any window opens. */
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "cli/check.h"
#include "config.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/util.h"
#include "engine/plan.h"
#include "routine/routine.h"

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

static int misuse(const char *fmt, ...) SMR_PRINTF(1, 2);

/* One line on stderr, exit status 2. */
static int misuse(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("smr-timer: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "; %s\n", _("try 'smr-timer --help'"));
    return 2;
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

#if ENABLE_NLS
/* The translations of a binary in its meson build tree are the build tree's
 * (i18n.gettext builds po/<lang>/LC_MESSAGES/ next to it; the tree is known
 * by its meson-private folder), so `build/smr-timer` speaks the languages
 * before anything is installed; an installed binary uses the prefix's. */
static char *locale_dir(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash = n > 0 ? (exe[n] = '\0', strrchr(exe, '/')) : NULL;
    if (slash) {
        *slash = '\0';
        char *marker = xasprintf("%s/meson-private", exe);
        struct stat st;
        bool build_tree = stat(marker, &st) == 0 && S_ISDIR(st.st_mode);
        free(marker);
        if (build_tree)
            return xasprintf("%s/po", exe);
    }
    return xstrdup(SMR_LOCALEDIR);
}
#endif

int main(int argc, char **argv)
{
    log_init_from_env();
#if ENABLE_NLS
    setlocale(LC_ALL, "");
    /* Numbers stay in C notation whatever the language: --speed=0.5, the
     * routine's numbers, plan --json and the logs all mean a dot. */
    setlocale(LC_NUMERIC, "C");
    char *dir = locale_dir();
    bindtextdomain(GETTEXT_PACKAGE, dir); /* keeps its own copy */
    free(dir);
    textdomain(GETTEXT_PACKAGE);
#endif
    if (argc > 1 && strcmp(argv[1], "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "plan") == 0)
        return cmd_plan(argc - 1, argv + 1);

    enum { OPT_NO_VOICE = 256, OPT_VOLUME, OPT_WINDOW, OPT_SPEED, OPT_SCRIPT, OPT_SHOTS };
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
    struct app_options o = {.speed = 1.0, .volume = 80, .voice = true};
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":hVfm", longopts, NULL)) != -1) {
        double v;
        switch (c) {
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("smr-timer %s\n", SMR_VERSION);
            return 0;
        case 'f':
            o.fullscreen = true;
            break;
        case 'm':
            o.mute = true;
            break;
        case OPT_NO_VOICE:
            o.voice = false;
            break;
        case OPT_VOLUME:
            if (!parse_number(optarg, 0, 100, &v))
                return misuse(_("--volume takes a whole number from 0 to 100, not '%s'"), optarg);
            o.volume = (int)v;
            break;
        case OPT_WINDOW:
            if (sscanf(optarg, "%dx%d", &o.window_w, &o.window_h) != 2 || o.window_w < 320 ||
                o.window_h < 240 || o.window_w > 16384 || o.window_h > 16384)
                return misuse(_("--window takes a size such as 1280x720 (at least 320x240), not '%s'"),
                              optarg);
            break;
        case OPT_SPEED:
            if (!parse_number(optarg, 0.01, 1000, &v))
                return misuse(_("--speed takes a factor from 0.01 to 1000, not '%s'"), optarg);
            o.speed = v;
            break;
        case OPT_SCRIPT:
            o.script_path = optarg;
            break;
        case OPT_SHOTS:
            o.screenshot_dir = optarg;
            break;
        case ':':
            return misuse(_("option '%s' needs a value"), argv[optind - 1]);
        default:
            return misuse(_("unknown option '%s'"), argv[optind - 1]);
        }
    }
    if (argc - optind > 1)
        return misuse(_("one routine at a time, got '%s' as well"), argv[optind + 1]);

    char *default_path = optind < argc ? NULL : paths_default_routine();
    const char *path = default_path ? default_path : argv[optind];

    /* Loaded once, here: an invalid routine is refused with the same lines as
     * `check`, before any window; a valid one is handed to the app. */
    struct diag_list diags = {0};
    bool ok = routine_load(path, &o.routine, &diags);
    for (size_t i = 0; i < diags.n; i++) {
        char *line = diag_format(path, &diags.items[i]);
        fprintf(stderr, "%s\n", line);
        free(line);
    }
    diag_list_free(&diags);
    free(default_path);
    return ok ? app_run(&o) : 1;
}
