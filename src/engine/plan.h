/* plan.h - `smr-timer plan FILE [--json]`: the expanded timeline, read from the
 * engine's timeline_init() so plan and the app can never disagree. */
#pragma once

#include <stdio.h>

#include "engine/engine.h"

/* argv[0] is "plan". Exit status: 0 ok, 1 invalid routine, 2 misuse. */
int cmd_plan(int argc, char **argv);
/* The same output for a loaded routine (used by tests and the benchmark). */
void plan_print_text(FILE *out, const struct routine *r, const struct timeline *t);
void plan_print_json(FILE *out, const struct routine *r, const struct timeline *t);
