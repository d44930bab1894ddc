/* dump_table.c - prints the diagram table (src/routine/diagram.c) as JSON on
 * stdout, for scripts: tests/diagram/svg_table.py compares it with what each
 * SVG says it was drawn for, library_e2e.py maps positions with it. */
#include <stdio.h>

#include "routine/diagram.h"

static void dump_diagram(const struct diagram *d, const char *sep)
{
    printf("%s{\"name\": \"%s\", \"asset\": \"%s\", \"knee_y\": %.17g, \"units_per_cm\": %.17g, "
           "\"far_cm\": %.17g, \"work_min_cm\": %.17g, \"work_max_cm\": %.17g,\n \"lines\": [",
           sep, d->name, d->asset, d->knee_y, d->units_per_cm, d->far_cm, d->work_min_cm,
           d->work_max_cm);
    for (size_t i = 0; i < d->n_lines; i++) {
        const struct diagram_line *l = &d->lines[i];
        printf("%s{\"id\": \"%s\", \"x_knee\": %.17g, \"x_far\": %.17g, \"min_cm\": %.17g, "
               "\"max_cm\": %.17g}",
               i ? ", " : "", l->id, l->x_knee, l->x_far, l->min_cm, l->max_cm);
    }
    printf("],\n \"zones\": [");
    for (size_t i = 0; i < d->n_zones; i++) {
        const struct diagram_zone *z = &d->zones[i];
        printf("%s{\"name\": \"%s\", \"from_cm\": %.17g, \"to_cm\": %.17g, \"x_left\": %.17g, "
               "\"x_right\": %.17g, \"x_left_to\": %.17g, \"x_right_to\": %.17g}",
               i ? ", " : "", z->name, z->from_cm, z->to_cm, z->x_left, z->x_right, z->x_left_to,
               z->x_right_to);
    }
    printf("]}");
}

int main(void)
{
    printf("[");
    for (size_t i = 0; diagram_at(i); i++)
        dump_diagram(diagram_at(i), i ? ",\n" : "");
    printf("]\n");
    return 0;
}
