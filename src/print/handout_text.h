/* handout_text.h - what the handout says (private to src/print): the
 * routine made into text flows for each part of the page, at a summary
 * level (0: everything; above: long lists shortened, items cut to fewer
 * lines by flow.c). handout.c measures and places them. */
#pragma once

#include "print/figure.h"
#include "print/flow.h"
#include "routine/routine.h"

struct handout_parts {
    struct flow header;     /* title, who it is for and from, the description */
    struct flow left;       /* under the figure: its key and the positions table */
    struct flow right;      /* equipment, setup, the cycle, the order, the total, the note */
    struct flow check_head; /* the checklist's heading and how to read it */
    struct flow check;      /* its questions (set in two columns) */
    struct flow notice;     /* "not medical advice" */
};

/* Fills p for r at `level` (fig names the strips' keys and the leg drawn). */
void handout_text_build(const struct routine *r, const struct figure *fig, int level,
                        struct handout_parts *p);
void handout_parts_finish(struct handout_parts *p); /* a zeroed one is fine */
