/* diagnostics.c - see diagnostics.h. Diagnostics are the program's answer to a
 * file, not log messages: they carry no "smr-timer:" prefix and no level, so
 * an editor can jump to FILE: PATH. */
#include "cli/diagnostics.h"

#include <stdlib.h>

void diagnostics_print(FILE *to, const char *file, const struct diag_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        char *line = diag_format(file, &l->items[i]);
        fprintf(to, "%s\n", line);
        free(line);
    }
}
