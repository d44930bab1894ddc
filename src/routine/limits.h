/* limits.h - every number a routine is checked against, in one table
 * (limits.c): the rules compare with it, their messages quote it, and
 * routines/schema.json must say the same numbers (tests/routine/test_schema.c
 * fails when the two differ). Where the ball may go is the diagram's own
 * (routine/diagram.h), as it differs from picture to picture. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* The three a caller may need at compile time (to size an array, to read a
 * file); the table's entries are these. */
#define ROUTINE_MAX_FILE_BYTES (1024 * 1024)
#define ROUTINE_MAX_STRING_BYTES 500
#define ROUTINE_MAX_POSITIONS 200

/* Distances in cm are compared with this slack, so that sums and
 * differences of decimals (16.4 - 11.4 = 4.999999999999998) count as what
 * they say. */
#define LIMIT_CM_TOLERANCE 1e-6

enum limit_id {
    LIMIT_FILE_BYTES,
    LIMIT_DEPTH,
    LIMIT_STRING_BYTES,
    LIMIT_ID_BYTES,
    LIMIT_LANGUAGE_LETTERS,
    LIMIT_LANGUAGE_SUBTAG,
    LIMIT_LIST_ITEMS,
    LIMIT_PHASES,
    LIMIT_PHASE_S,
    LIMIT_HOLD_S,
    LIMIT_HOLD_USUAL_S,
    LIMIT_COUNTDOWN,
    LIMIT_STRIPS,
    LIMIT_POSITIONS,
    LIMIT_MOVE_CM,
    LIMIT_MOVE_USUAL_CM,
    LIMIT_PASSES,
    LIMIT_PASSES_USUAL,
    LIMIT_TRANSITION_S,
    LIMIT_LINE_PASSES,
    LIMIT_LINE_PASSES_USUAL,
    LIMIT_BALL_PATCH_CM,
    LIMIT_SESSION_MIN,
    LIMIT_COUNT
};

/* A range, inclusive at both ends. A "usual" range lies inside a hard one:
 * outside the hard range is an error, outside the usual one a warning. */
struct limit {
    const char *name; /* stable, for tests and docs: "hold_usual_s" */
    double min, max;
    const char *unit; /* after the numbers: "s", "cm", "bytes" */
    /* Hint parts (translated where shown), around "min-max unit":
     * advice for a value outside the range ("hold for" ... "" gives
     * "hold for 10-12 s"), and the warning's "... is the usual hold".
     * NULL where the messages word their hints themselves. */
    const char *advice_before, *advice_after;
    const char *usual;
};

extern const struct limit limit_table[LIMIT_COUNT];

/* "10-12 s" into buf; returns buf. */
char *limit_range(const struct limit *l, char *buf, size_t size);
/* "hold for 10-12 s", "move the ball 5-10 cm each time". */
char *limit_advice(const struct limit *l, char *buf, size_t size);
/* "10-12 s is the usual hold". */
char *limit_usual(const struct limit *l, char *buf, size_t size);
/* min <= v <= max */
bool limit_contains(const struct limit *l, double v);
/* The same for a distance in cm, with LIMIT_CM_TOLERANCE either side. */
bool limit_contains_cm(const struct limit *l, double cm);
/* By name; NULL when there is none. */
const struct limit *limit_find(const char *name);
