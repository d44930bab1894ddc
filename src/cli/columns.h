/* columns.h - text set in columns for a terminal. A column is as wide as
 * the terminal shows its text, not as many bytes as it has: "Tensión" and
 * "arrêté" are 7 and 6 columns (printf's widths count 8 and 8), a CJK
 * character two. */
#pragma once

#include <stddef.h>
#include <stdio.h>

/* The columns a terminal gives `s` (UTF-8): a character one, a wide one two,
 * a combining mark none, as the C library's wcwidth() says under the user's
 * locale; where it cannot say (a "C" locale, a stray byte), one. */
size_t columns_width(const char *s);
/* `s` padded with spaces to `width` columns, on the right (left-aligned
 * text) or, with `right`, before it; never cut. */
void columns_put(FILE *out, const char *s, size_t width, int right);
