/* app.h - the SDL front end: window, screens, input, the quiet main loop. */
#pragma once

#include <stdbool.h>

struct routine;

struct app_options {
    struct routine *routine; /* loaded and validated by main; the app takes it over */
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
