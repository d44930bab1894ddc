/* checklist.h - the safety checklist shown before every session: the built-in
 * contraindications (global: do not do it at all; local: keep the ball away
 * from an area), worded for the body area the routine works, plus the
 * routine's own items. Each item needs an explicit Yes
 * or No; the outcome says whether the session may start. Pure model: no SDL,
 * no drawing; the checklist screen reads and answers it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "routine/routine.h"

enum checklist_answer { CHECKLIST_UNANSWERED, CHECKLIST_NO, CHECKLIST_YES };

enum checklist_outcome {
    CHECKLIST_INCOMPLETE, /* some item has no answer yet: no way on */
    CHECKLIST_CLEAR,      /* every answer No */
    CHECKLIST_CAUTION,    /* a local Yes, no global Yes: go on after confirming the areas */
    CHECKLIST_STOP,       /* a global Yes: the session must not start */
};

struct checklist_item {
    const char *id;
    const char *question; /* built-in items: untranslated (N_), see checklist_question() */
    const char *area;     /* local items: the area to keep the ball away from; else NULL */
    enum check_scope scope;
    bool builtin;
    /* A built-in item worded for the body area (a tear there, its skin,
     * veins, swelling; the calf's clot signs): what differs between two
     * routines on different areas, so what a routine that follows another
     * in the same sitting needs to ask again. */
    bool about_area;
    enum checklist_answer answer;
};

struct checklist {
    struct checklist_item *items;
    size_t n_items;
    enum body_area area; /* of the routine's diagram */
};

/* Built-in items first, then the routine's (r may be NULL: the back of the
 * thigh). Strings of the routine's items point into r, which must outlive
 * the checklist. */
void checklist_init(struct checklist *c, const struct routine *r);
void checklist_finish(struct checklist *c); /* NULL or a zeroed struct is fine */
/* How many built-in items checklist_init(r) makes (r may be NULL). */
size_t checklist_builtin_count(const struct routine *r);
/* "the back of the thigh", "the front of the thigh", "the calf", translated. */
const char *checklist_area_name(const struct checklist *c);
/* The caution screen's first sentence, for the area, translated: "You
 * answered Yes to a question about the calf. You may go on, but never put
 * the ball on or next to:" */
const char *checklist_caution_intro(const struct checklist *c);

/* Out-of-range indices are ignored. */
void checklist_answer(struct checklist *c, size_t i, enum checklist_answer a);
size_t checklist_unanswered(const struct checklist *c);
/* The first unanswered item at or after `from` (wrapping), or n_items when none. */
size_t checklist_next_unanswered(const struct checklist *c, size_t from);
enum checklist_outcome checklist_outcome(const struct checklist *c);

/* The question / area as shown to the user: translated for built-in items,
 * as written in the routine otherwise. */
const char *checklist_question(const struct checklist_item *it);
const char *checklist_area(const struct checklist_item *it);
