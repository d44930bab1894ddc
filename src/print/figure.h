/* figure.h - the diagram on the printed page (private to src/print): the
 * same SVG the app shows (assets/diagrams/, drawn by librsvg), the strips'
 * lines on it, every ball position as a numbered dot, and the no-go zone
 * hatched. Positions go through diagram_map() (routine/diagram.h), the one
 * mapping src/app/diagram_view.c uses too. */
#pragma once

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

#include "routine/routine.h"

struct figure;

/* NULL when the picture cannot be read; *why then says why (caller frees). */
struct figure *figure_create(const struct routine *r, const char *assets_dir, char **why);
void figure_destroy(struct figure *f); /* NULL is fine */

/* Height / width of the picture. */
double figure_ratio(const struct figure *f);
/* The leg drawn (the first side the routine works: the left leg when it has
 * both, the right one mirrored when it has only that). */
enum routine_side figure_side(const struct figure *f);
/* What a dot of strip i is called before its number: "" when every strip
 * has a line of its own (the line says which strip), else "A", "B"... */
const char *figure_strip_key(const struct figure *f, size_t strip);

/* Draws it fitted and centred in the box, labels at label_size points.
 * Returns how many position numbers found no room beside their dot (the
 * positions table beside the figure lists every one). */
size_t figure_draw(const struct figure *f, cairo_t *cr, double x, double y, double w, double h,
                   double label_size);
