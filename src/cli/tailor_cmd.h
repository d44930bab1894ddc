/* tailor_cmd.h - `smr-timer tailor BASE -o CLIENT.smr.json [OPTIONS]`: a
 * routine made for one person (src/routine/tailor.h), written whole; and the
 * overrides a session start shares with it (`smr-timer --hold 12 ROUTINE`). */
#pragma once

#include <stdbool.h>

#include "routine/routine.h"
#include "routine/tailor.h"

/* argv[0] is "tailor". Exit status: 0 written, 1 the base or the result does
 * not pass (nothing written) or it could not be written, 2 misuse (a bad
 * option value among them). */
int cmd_tailor(int argc, char **argv);

/* A number option's value into *out; false after the misuse line
 * ("COMMAND: OPTION takes ..., not 'x'"; command NULL at the top level). */
bool tailor_cmd_number(const char *command, const char *option, const char *arg,
                       struct tailor_number *out);

/* Loads `path` with the overrides in o applied, printing every problem the
 * way `check` does (an option's own as "PROGRAM: --hold: problem; hint").
 * Returns 0 and sets *out, or the exit status: 1 for a routine that does not
 * pass, 2 when an option's value was the cause. */
int tailor_cmd_load(const char *path, const struct tailor_options *o, struct routine **out);
