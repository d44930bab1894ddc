/* check.h - `smr-timer check FILE...`: validate routines, print every problem. */
#pragma once

#include <stddef.h>

struct routine;

/* check's line for a valid routine on stdout: "FILE: ok, N positions, M:SS"
 * (with the warnings counted when there are any); tailor says the same. */
void check_print_ok(const char *file, const struct routine *r, size_t warnings);

/* argv[0] is "check". Exit status: 0 all valid, 1 any invalid, 2 misuse. */
int cmd_check(int argc, char **argv);
