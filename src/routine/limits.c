/* limits.c - the limits table (see limits.h). Changing a number here changes
 * the rule, its messages and, through test_schema, routines/schema.json. */
#include "routine/limits.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

const struct limit limit_table[LIMIT_COUNT] = {
    /* A routine is a few kB; anything near this is not one. */
    [LIMIT_FILE_BYTES] = {"file_bytes", 0, ROUTINE_MAX_FILE_BYTES, "bytes", NULL, NULL, NULL},
    /* A routine needs 4 levels of nesting; refusing much deeper text before
     * cJSON runs keeps its recursion shallow. */
    [LIMIT_DEPTH] = {"depth", 1, 32, "levels", NULL, NULL, NULL},
    [LIMIT_STRING_BYTES] = {"string_bytes", 1, ROUTINE_MAX_STRING_BYTES, "bytes", NULL, NULL, NULL},
    [LIMIT_ID_BYTES] = {"id_bytes", 1, 64, "bytes", NULL, NULL, NULL},
    /* BCP 47: a language of 2-3 letters, then subtags such as "CH". */
    [LIMIT_LANGUAGE_LETTERS] = {"language_letters", 2, 3, "letters", NULL, NULL, NULL},
    [LIMIT_LANGUAGE_SUBTAG] = {"language_subtag", 1, 8, "characters", NULL, NULL, NULL},
    /* equipment, setup, muscles (optional lists: next, checklist, from 0) */
    [LIMIT_LIST_ITEMS] = {"list_items", 1, 20, "items", NULL, NULL, NULL},
    [LIMIT_PHASES] = {"phases", 1, 12, "phases", NULL, NULL, NULL},
    /* Shorter than 1 s is nothing a person can follow. */
    [LIMIT_PHASE_S] = {"phase_s", 1, 300, "s", NULL, NULL, NULL},
    [LIMIT_HOLD_S] = {"hold_s", 5, 30, "s", NULL, NULL, NULL},
    [LIMIT_HOLD_USUAL_S] = {"hold_usual_s", 10, 12, "s", N_("hold for"), NULL,
                            N_("is the usual hold")},
    /* At most its own phase's whole seconds, which each phase checks. */
    [LIMIT_COUNTDOWN] = {"countdown", 0, HUGE_VAL, "s", NULL, NULL, NULL},
    [LIMIT_STRIPS] = {"strips", 1, 20, "strips", NULL, NULL, NULL},
    /* Listed in a strip, and in all (sides x passes x positions). */
    [LIMIT_POSITIONS] = {"positions", 1, ROUTINE_MAX_POSITIONS, "positions", NULL, NULL, NULL},
    [LIMIT_MOVE_CM] = {"move_cm", 3, 15, "cm", NULL, NULL, NULL},
    [LIMIT_MOVE_USUAL_CM] = {"move_usual_cm", 5, 10, "cm", N_("move the ball"), N_("each time"),
                             N_("is the usual move")},
    /* More than 2 overworks the tissue. */
    [LIMIT_PASSES] = {"passes", 1, 2, "passes", NULL, NULL, NULL},
    [LIMIT_PASSES_USUAL] = {"passes_usual", 1, 1, "passes", NULL, NULL, NULL},
    /* Time to move the ball to another strip or to change legs: under 3 s
     * nobody lifts a leg and moves a ball; over a minute is a break, not a
     * change (pause is for that). */
    [LIMIT_TRANSITION_S] = {"transition_s", 3, 60, "s", NULL, NULL, NULL},
    /* The same dose for a line of the diagram, summed over the strips that
     * follow it (every strip is worked on every side, so per side). */
    [LIMIT_LINE_PASSES] = {"line_passes", 1, 2, "passes", NULL, NULL, NULL},
    [LIMIT_LINE_PASSES_USUAL] = {"line_passes_usual", 1, 1, "passes", NULL, NULL, NULL},
    /* How far the ball presses on either side of its centre, along the
     * line: this much stays inside the working area and off every no-go
     * zone. */
    [LIMIT_BALL_PATCH_CM] = {"ball_patch_cm", 2, 2, "cm", NULL, NULL, NULL},
    /* Longer is allowed, with a warning. */
    [LIMIT_SESSION_MIN] = {"session_min", 0, 30, "minutes", NULL, NULL, NULL},
};

char *limit_range(const struct limit *l, char *buf, size_t size)
{
    snprintf(buf, size, "%g-%g %s", l->min, l->max, l->unit);
    return buf;
}

char *limit_advice(const struct limit *l, char *buf, size_t size)
{
    char range[64];
    limit_range(l, range, sizeof range);
    const char *before = l->advice_before, *after = l->advice_after;
    snprintf(buf, size, "%s%s%s%s%s", before ? _(before) : "", before ? " " : "", range,
             after ? " " : "", after ? _(after) : "");
    return buf;
}

char *limit_usual(const struct limit *l, char *buf, size_t size)
{
    char range[64];
    limit_range(l, range, sizeof range);
    snprintf(buf, size, "%s%s%s", range, l->usual ? " " : "", l->usual ? _(l->usual) : "");
    return buf;
}

bool limit_contains(const struct limit *l, double v)
{
    return v >= l->min && v <= l->max;
}

bool limit_contains_cm(const struct limit *l, double cm)
{
    return cm >= l->min - LIMIT_CM_TOLERANCE && cm <= l->max + LIMIT_CM_TOLERANCE;
}

const struct limit *limit_find(const char *name)
{
    for (size_t i = 0; i < LIMIT_COUNT; i++)
        if (limit_table[i].name && strcmp(limit_table[i].name, name) == 0)
            return &limit_table[i];
    return NULL;
}
