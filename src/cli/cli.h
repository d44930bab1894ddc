/* cli.h - what the subcommands of the command line share: a misuse line and
 * loading a routine the way the app does, with its problems printed. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "routine/routine.h"
#include "util/diag.h"
#include "util/log.h"

/* The exit status of a misused command line. */
#define CLI_MISUSE 2

/* Logs "COMMAND: message; try 'smr-timer COMMAND --help'" as an error (NULL
 * command: the top level, "message; try 'smr-timer --help'") and returns
 * CLI_MISUSE. */
int cli_misuse(const char *command, const char *fmt, ...) SMR_PRINTF(2, 3);

/* Loads the routine `name` (a path, or an id from the library: see
 * routine/library.h) with the app's loader, checks that its next routines
 * exist, and prints every diagnostic on stderr. False (and *out NULL) for an
 * invalid routine. `warnings` may be NULL. */
bool cli_load_routine(const char *name, struct routine **out, size_t *warnings);
/* The same, keeping the diagnostics in *diags (the caller finishes it) and
 * the file the name resolved to in *path (caller frees; NULL when none). */
bool cli_load_routine_keep(const char *name, struct routine **out, struct diag_list *diags,
                           char **path);
