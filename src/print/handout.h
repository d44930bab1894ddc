/* handout.h - the one-page handout of a routine, as PDF: who it is for and
 * from, the diagram with every ball position numbered and the no-go zone,
 * what to have, how to get ready, the cycle with its timings, the order of
 * strips and legs and how to go from one to the next, the total time, the
 * safety questions as a checklist to tick, the therapist's note, and the
 * "not medical advice" notice. Real text (Pango, fonts from fontconfig), so
 * it can be searched and copied. Always exactly one page: a long routine is
 * set smaller, then summarised (long items cut short with an ellipsis,
 * long lists shortened with a count of what was left out), never clipped
 * and never continued on a second page. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "routine/routine.h"

enum handout_paper { HANDOUT_A4, HANDOUT_LETTER };

/* "a4" or "letter" (any case); false for anything else. */
bool handout_paper_from_name(const char *name, enum handout_paper *out);
/* The page in points (1/72 inch). */
void handout_paper_size(enum handout_paper p, double *w, double *h);

/* What the fitting chose: the text scale (1: full size) and the summary
 * level (0: every word shown). */
struct handout_fit {
    double scale;
    int level;
};

/* The PDF, in memory. */
struct handout_pdf {
    unsigned char *data;
    size_t len, cap;
};
void handout_pdf_finish(struct handout_pdf *pdf); /* a zeroed one is fine */

/* Sets r's handout on `paper` into *out, the diagram read from assets_dir
 * (util/paths.h: paths_assets_dir()). False with *why (caller frees) when the
 * picture cannot be read or cairo fails. fit may be NULL. */
bool handout_render(const struct routine *r, enum handout_paper paper, const char *assets_dir,
                    struct handout_pdf *out, struct handout_fit *fit, char **why);
