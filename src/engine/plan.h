/* plan.h - what a plan is: a routine expanded into the steps a session plays
 * (speed 1, the engine's get-ready countdown first), and its two written
 * forms, text for a person and JSON for tools and tests. Every number is read
 * from the engine's timeline_init() and event walk, so plan and a session can
 * never disagree. The command that prints it is src/cli/plan_cmd.c. */
#pragma once

#include <stdbool.h>
#include <stdio.h>

#include "engine/engine.h"
#include "util/util.h"

struct plan {
    const struct routine *routine; /* borrowed: must outlive the plan */
    struct timeline timeline;
};

/* False when the routine has no steps to play. plan_finish() is safe after
 * either outcome and on a zeroed struct. */
bool plan_init(struct plan *p, const struct routine *r);
void plan_finish(struct plan *p);

/* Appended to `out`: the plan as text, or as a JSON document ("smr-plan/1"). */
void plan_write_text(const struct plan *p, struct strbuf *out);
void plan_write_json(const struct plan *p, struct strbuf *out);
/* The same written to `out`; false when writing failed. */
bool plan_print_text(FILE *out, const struct plan *p);
bool plan_print_json(FILE *out, const struct plan *p);
