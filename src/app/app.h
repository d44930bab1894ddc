/* app.h - the SDL front end: window, screens, input, the quiet main loop;
 * and the window that shows why a routine was refused. */
#pragma once

#include <stdbool.h>

struct diag_list;
struct routine;

struct app_options {
    struct routine *routine; /* loaded and validated by main; the app takes it over */
    /* What loading it said (warnings: it loaded), shown on the overview
     * before the session starts; NULL for nothing. The caller keeps it. */
    const struct diag_list *diags;
    double speed;             /* 1.0; >1 for demos and tests */
    int volume;               /* 0-100 */
    bool mute;
    bool voice;
    bool fullscreen;
    int window_w, window_h;    /* 0: default */
    const char *script_path;    /* scripted input for tests and docs, or NULL */
    const char *screenshot_dir; /* where the script's screenshots go, or NULL */
};

/* Runs the whole session UI and frees o->routine. Returns the process exit status. */
int app_run(const struct app_options *o);
/* For a routine that failed validation (o->routine NULL, o->diags its
 * problems, already printed): a window that lists them with one Quit button,
 * when there is a display; nothing more without one. Returns the exit
 * status, 1: the routine was refused. */
int app_show_errors(const struct app_options *o, const char *file);
