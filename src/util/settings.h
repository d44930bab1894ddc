/* settings.h - what the app remembers between runs, in a small key = value
 * file a person can edit: $XDG_CONFIG_HOME/smr-timer/settings.ini. Reading
 * never fails the program: a missing file is the defaults, and every problem
 * in a present one is one diagnostic ("line 3: volume: ...") while the value
 * falls back to its default and the rest is kept. Writing replaces the file
 * whole (util/files.h), so a broken file is replaced by a clean one. */
#pragma once

#include <stdbool.h>

#include "util/diag.h"

#define SETTINGS_VOLUME_DEFAULT 80
#define SETTINGS_WINDOW_W_DEFAULT 1280
#define SETTINGS_WINDOW_H_DEFAULT 720
#define SETTINGS_WINDOW_MIN_W 320
#define SETTINGS_WINDOW_MIN_H 240
#define SETTINGS_WINDOW_MAX 16384
/* A settings file is a few hundred bytes; a larger one than this was not
 * written by us and is not read (the read is bounded by it). */
#define SETTINGS_MAX_BYTES (64 * 1024)
/* The longest value (a path); PATH_MAX less its terminator. */
#define SETTINGS_MAX_VALUE 4095

struct settings {
    int volume; /* 0-100 */
    bool mute;
    bool voice;
    bool fullscreen;
    bool repeat_instructions; /* each instruction spoken in full at every position */
    int window_w, window_h; /* the last size in a window (not full screen) */
    char *last_routine;     /* absolute path of the routine last played, or NULL */
};

/* The defaults: volume 80, sound and voice on, a 1280x720 window, no routine. */
void settings_init(struct settings *s);
/* Frees last_routine; safe on a zeroed struct. */
void settings_finish(struct settings *s);

/* Reads path into s (which settings_init has set up). Returns false when an
 * error was reported: s then holds the defaults for what was broken, the file's
 * values for the rest. A missing file is silently the defaults (true); unknown
 * keys are warnings (still true). Pass each diag to diag_format with path. */
bool settings_read(const char *path, struct settings *s, struct diag_list *diags);

/* Replaces path with s, creating its directory. false, with one logged
 * warning, when it could not; the old file is then untouched. */
bool settings_write(const char *path, const struct settings *s);

/* $SMR_SETTINGS when set (empty: NULL, no settings read or written: for tests
 * and one-off runs), else $XDG_CONFIG_HOME/smr-timer/settings.ini (a relative
 * XDG_CONFIG_HOME is ignored, as the spec says), else
 * $HOME/.config/smr-timer/settings.ini; NULL when neither. Caller frees. */
char *settings_default_path(void);
