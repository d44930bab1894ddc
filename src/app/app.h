/* app.h - the SDL front end: window, screens, input, the quiet main loop;
 * and the window that shows why a routine was refused. */
#pragma once

#include <stdbool.h>

struct diag_list;
struct routine;

struct app_options {
    /* Loaded and validated by main; the app takes it over. NULL: the app
     * starts on the library screen. */
    struct routine *routine;
    const char *last_routine; /* the library's choice to start on (the one played last), or NULL */
    /* What loading it said (warnings: it loaded), shown on the overview
     * before the session starts; NULL for nothing. The caller keeps it. */
    const struct diag_list *diags;
    double speed;             /* 1.0; >1 for demos and tests */
    int volume;               /* 0-100 */
    bool mute;
    bool voice;
    bool repeat_instructions; /* each instruction in full at every ball position */
    bool fullscreen;
    int window_w, window_h;    /* 0: default */
    const char *script_path;    /* scripted input for tests and docs, or NULL */
    const char *screenshot_dir; /* where the script's screenshots go, or NULL */
};

/* What the user changed while the app ran (M, F, resizing the window), for
 * main to remember in the settings; the options given are left as they were
 * for that run. */
struct app_result {
    bool mute, fullscreen;
    int window_w, window_h; /* the last size in a window; 0 when never known */
    char *played; /* the absolute path of the routine opened last, or NULL; the caller frees */
};

/* Runs the whole UI (the library, then as many routines as the user opens
 * one after the other) and frees o->routine. Returns the process exit
 * status; *result (may be NULL) says how the app was left. */
int app_run(const struct app_options *o, struct app_result *result);
/* For a routine that failed validation (o->routine NULL, o->diags its
 * problems, already printed): a window that lists them with one Quit button,
 * when there is a display; nothing more without one. Returns the exit
 * status, 1: the routine was refused. */
int app_show_errors(const struct app_options *o, const char *file);
