/* routine.h - the routine model. A routine file is parsed and validated once
 * (src/routine is the only place that touches cJSON; the stages are listed in
 * parse_private.h) into these structs, which the engine, plan, checklist and
 * screens read. Everything here is owned by the struct routine and freed by
 * routine_destroy(). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "routine/diagram.h"
#include "routine/limits.h" /* ROUTINE_MAX_FILE_BYTES, _STRING_BYTES, _POSITIONS */

#define ROUTINE_FORMAT "smr-routine/1"

enum routine_side { ROUTINE_SIDE_LEFT, ROUTINE_SIDE_RIGHT };

/* What a phase asks of the user; picks its sound and how it is validated. */
enum phase_kind { PHASE_PLACE, PHASE_STRETCH, PHASE_HOLD, PHASE_RELAX, PHASE_MOVE };

struct routine_phase {
    enum phase_kind kind;
    char *title;          /* short, shown big ("Hold") */
    char *instruction;    /* one sentence, shown and spoken */
    uint32_t duration_ms; /* from "duration_s" */
    unsigned countdown;   /* the last N whole seconds are counted aloud; 0: none */
};

struct routine_strip {
    char *id;
    char *label;
    char **muscles;
    size_t n_muscles;
    const struct diagram_line *line; /* the diagram line it follows */
    double start_cm, end_cm;         /* from the knee crease toward the hip */
    double move_cm;                  /* 0 when positions were listed explicitly */
    double *positions_cm;            /* expanded, ascending, in cm */
    size_t n_positions;
    unsigned passes; /* 1 or 2 */
};

/* The time a session gives to move the ball between strips (or back to the
 * knee end for a second pass) and to change legs: "transitions" in the file,
 * these when it leaves them out. */
enum { ROUTINE_STRIP_CHANGE_DEFAULT_S = 10, ROUTINE_SIDE_CHANGE_DEFAULT_S = 20 };

struct routine_transitions {
    uint32_t strip_ms; /* "strip_s": to another strip, or back for the next pass */
    uint32_t side_ms;  /* "side_s": to the other leg */
};

enum check_scope { CHECK_SCOPE_GLOBAL, CHECK_SCOPE_LOCAL };

struct routine_check {
    char *id;
    char *text; /* a yes/no question */
    enum check_scope scope;
    char *area; /* local: where to keep the ball away from; NULL for global */
};

struct routine {
    char *file; /* path as given */
    char *id;
    char *title;
    char *description;
    char *language; /* BCP 47 tag, picks the speech voice */
    char *target;   /* muscle group, e.g. "hamstrings" */
    const struct diagram *diagram;
    enum routine_side sides[2];
    size_t n_sides;
    char **equipment;
    size_t n_equipment;
    char **setup;
    size_t n_setup;
    struct routine_phase *phases; /* the cycle at every ball position, in order */
    size_t n_phases;
    struct routine_strip *strips;
    size_t n_strips;
    struct routine_transitions transitions;
    struct routine_check *checks; /* extra checklist items */
    size_t n_checks;
    char *therapist_note; /* NULL when absent */
    /* Who a tailored routine is for and from, and when (YYYY-MM-DD, a real
     * date); each NULL when absent. Set by `smr-timer tailor`. */
    char *prepared_for;
    char *prepared_by;
    char *prepared_on;
    char **next;          /* suggested next routines */
    size_t n_next;
};

/* Reads, parses and validates `path`. Every problem goes into `diags`
 * (errors and warnings). Returns true and sets *out when there is no error;
 * warnings alone do not refuse a file. Never blocks on a FIFO or device and
 * never reads more than ROUTINE_MAX_FILE_BYTES + 1 bytes. */
bool routine_create_from_file(const char *path, struct routine **out, struct diag_list *diags);
/* The same over a buffer (for the fuzzer and tests); `name` stands for the file. */
bool routine_create_from_buffer(const char *name, const char *data, size_t len,
                                struct routine **out, struct diag_list *diags);
void routine_destroy(struct routine *r); /* NULL is fine */
/* True when `path` is a JSON Schema (such as routines/schema.json) rather than
 * a routine, so that `check` run on a whole folder passes over it. Silent. */
bool routine_is_json_schema(const char *path);

const char *phase_kind_name(enum phase_kind k);  /* "place", "stretch", ... */
const char *routine_side_name(enum routine_side s); /* "left", "right" */
size_t routine_total_positions(const struct routine *r); /* over sides and passes */
/* The planned session length is routine_total_ms() in routine/timeline.h:
 * it is the timeline's own total. */
