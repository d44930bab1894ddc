/* script.h - headless driving of the real app for tests and docs: a text
 * file of commands (key, keydown, keyup, click, mousedown, mouseup, close,
 * drop, wheel, wait, wait-screen, wait-step, wait-done, screenshot, resize, quit) run in
 * order against the session clock, through the same entry points as real
 * input. The format is described in script.c and in README's "Hacking"
 * section. */
#pragma once

#include <SDL.h>
#include <stdint.h>

struct session;
struct screens;
struct script;

/* What a script drives and watches: input goes to the screens as the user's
 * would, wait-step and wait-done read the session, resize the window. */
struct script_target {
    struct screens *screens;
    const struct session *session; /* NULL in the errors window: wait-step, wait-done never end */
    SDL_Window *win;
};

/* NULL (and one logged line naming file:line) when the file cannot be read
 * or a command is malformed. shot_dir may be NULL when no line says screenshot. */
struct script *script_create(const char *path, const char *shot_dir);
void script_destroy(struct script *sc); /* NULL is fine */

/* Runs every command that can run at `now`. Returns the session-clock time
 * at which it wants to run again (UINT64_MAX: only when the state changes). */
uint64_t script_run(struct script *sc, const struct script_target *t, uint64_t now);
/* The PNG path the next drawn frame must be saved to, or NULL (also for sc NULL). */
const char *script_pending_shot(const struct script *sc);
void script_shot_taken(struct script *sc);
