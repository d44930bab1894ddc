/* diagnostics.h - the one printer of a routine's problems: `check`, `plan` and
 * the app's own start-up refusal print exactly the same lines. */
#pragma once

#include <stdio.h>

#include "util/diag.h"

/* One line per diagnostic, "FILE: PATH: problem; hint" (see diag_format()). */
void diagnostics_print(FILE *to, const char *file, const struct diag_list *l);
