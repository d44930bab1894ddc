/* tailor.h - a routine made for one person out of a base routine: the base
 * file's JSON with a few fields set (who it is for, the hold, the moves, the
 * sides, the strips...), then judged by the same rules as any routine file.
 * `smr-timer tailor` writes the result; starting a session with --hold and
 * the like plays it without writing it. The JSON is edited here because
 * src/routine is the only place that touches it. */
#pragma once

#include <stdbool.h>

#include "routine/routine.h"
#include "util/diag.h"

/* A number given on the command line, or not given (zeroed: not given). */
struct tailor_number {
    bool set;
    double value;
};

/* What to change; every field zeroed (NULL, not set) keeps the base's. */
struct tailor_options {
    const char *prepared_for, *prepared_by;
    const char *prepared_on; /* YYYY-MM-DD; the caller passes today's date */
    const char *note;        /* therapist_note */
    const char *id, *title;
    struct tailor_number hold_s;   /* the cycle's hold phase (its countdown is cut to fit) */
    struct tailor_number move_cm;  /* every strip; a strip with listed positions becomes a range */
    struct tailor_number start_cm; /* the same */
    struct tailor_number end_cm;   /* the same */
    struct tailor_number passes;   /* every strip */
    const char *sides;             /* "left", "right" or "both" */
    const char *strips;            /* "outer,middle": the strips kept, in this order */
};

/* Why a tailoring failed (or what it warns of), in three lists, as each is
 * printed differently. */
struct tailor_report {
    struct diag_list base;    /* the base file's own problems: nothing was tailored */
    struct diag_list options; /* a problem that one option's value caused: the diag's path
                               * is the option ("--hold"); each said once */
    struct diag_list result;  /* the tailored routine's other problems, paths in it */
};

void tailor_report_finish(struct tailor_report *rep); /* a zeroed one is fine */
/* Errors in any list: the tailoring failed. */
bool tailor_report_failed(const struct tailor_report *rep);

/* Applies o to the routine at base_path. True when the result passes every
 * rule (warnings allowed): then *json_out is its text (two-space indent,
 * the base's field order, a final newline; the caller frees) and, when out is
 * not NULL, *out the routine itself, named base_path. False otherwise, with
 * *json_out and *out NULL and the reasons in rep. Either out pointer may be
 * NULL when not wanted. */
bool routine_tailor(const char *base_path, const struct tailor_options *o, char **json_out,
                    struct routine **out, struct tailor_report *rep);
