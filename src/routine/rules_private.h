/* rules_private.h - the domain rules (rules.c, rules_strips.c,
 * rules_transitions.c, rules_checklist.c), private to src/routine: what a
 * routine must say, read into the model. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "routine/fields_private.h"

struct routine;
struct diagram_line;

/* Every field of the top-level object into r, then the rules that combine
 * fields (positions in all, session length), which only run when the fields
 * they combine are valid. r is complete when no error was reported. */
void rules_read_routine(struct parse_ctx *c, const cJSON *root, struct routine *r);

/* rules_strips.c: "strips", each with its ball positions checked against the
 * diagram's safe area (c->diagram; skipped while it is unknown). */
bool rules_read_strips(struct parse_ctx *c, const struct fields *top, struct routine *r);

/* rules_transitions.c: the optional "transitions" into r->transitions (the
 * defaults where it says nothing or is wrong); false after reporting. */
bool rules_read_transitions(struct parse_ctx *c, const struct fields *top, struct routine *r);
/* Every line worked at most twice a session over all its strips (r's strips
 * must all be valid). */
void rules_check_line_passes(struct parse_ctx *c, const struct routine *r);

/* rules_position.c: a ball position (cm along `line` of c->diagram) inside
 * the line's working area and off every no-go zone, with the ball's contact
 * patch. True when it is allowed, or when the diagram or line is unknown
 * (their own lines say so). The role picks the hint's words. */
enum position_role { POSITION_START, POSITION_END, POSITION_LISTED };
bool rules_check_position(struct parse_ctx *c, const struct diagram_line *line, const char *path,
                          double cm, enum position_role role);

/* rules_checklist.c: the routine's checklist items that repeat a built-in
 * question are merged into it (a warning; left out of r->checks) or refused
 * (an error, when the routine's item is the stricter one). */
void rules_merge_checklist(struct parse_ctx *c, struct routine *r);

/* Reports every ids[i] that repeats an earlier one, at "list[i].id"; NULL
 * entries (ids that were wrong already) are passed over. False if any. */
bool rules_unique_ids(struct parse_ctx *c, const char *list, const char *const *ids, size_t n);
