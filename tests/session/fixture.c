/* fixture.c - see fixture.h. */
#include "fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "config.h"

struct routine *fixture_routine(const char *name, unsigned passes)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/routines/%s", SMR_SOURCE_ROOT, name);
    struct diag_list d = {0};
    struct routine *r = NULL;
    bool ok = routine_create_from_file(path, &r, &d);
    diag_list_finish(&d);
    if (!ok)
        fail_msg("cannot load %s", path);
    for (size_t i = 0; passes && i < r->n_strips; i++)
        r->strips[i].passes = passes;
    return r;
}

size_t fixture_step_at(const struct timeline *t, size_t side, size_t strip, unsigned pass,
                       size_t position)
{
    for (size_t i = 0; i < t->n_steps; i++) {
        const struct timeline_step *s = &t->steps[i];
        if (s->side_index == side && s->strip == strip && s->pass == pass &&
            s->position == position)
            return i;
    }
    fail_msg("no step at side %zu strip %zu pass %u position %zu", side, strip, pass, position);
    return 0;
}
