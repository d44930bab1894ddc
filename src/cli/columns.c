/* columns.c - see columns.h. The characters come from util's utf8_next, so
 * a byte that starts none still counts, and the locale only decides how
 * wide a character is. */
/* wcwidth() is X/Open's, beyond the POSIX the project asks for */
#define _XOPEN_SOURCE 700
#include "cli/columns.h"

#include <string.h>
#include <wchar.h>

#include "util/util.h"

size_t columns_width(const char *s)
{
    size_t n = strlen(s), at = 0, width = 0;
    while (at < n) {
        uint32_t cp;
        size_t k = utf8_next(s + at, n - at, &cp);
        if (k == 0) {
            width++; /* a stray byte: a terminal shows a replacement character */
            at++;
            continue;
        }
        int w = wcwidth((wchar_t)cp);
        width += w >= 0 ? (size_t)w : 1;
        at += k;
    }
    return width;
}

void columns_put(FILE *out, const char *s, size_t width, int right)
{
    size_t w = columns_width(s);
    size_t pad = w < width ? width - w : 0;
    if (!right)
        fputs(s, out);
    for (size_t i = 0; i < pad; i++)
        fputc(' ', out);
    if (right)
        fputs(s, out);
}
