/* fuzz_routine.c - libFuzzer target over the routine loader: parsing,
 * validation, the diag lines and freeing. Besides the sanitizers it checks the
 * loader's promises: a routine comes back exactly when there is no error,
 * every line is one line of valid UTF-8 without control characters (user text
 * is escaped), and a returned routine keeps every ball position inside the
 * diagram's working area, ascending, within the position limit. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "routine/routine.h"
#include "routine/timeline.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_line(const char *line)
{
    size_t n = strlen(line);
    if (!utf8_valid(line, n))
        abort();
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)line[i] < 0x20 || line[i] == 0x7F)
            abort();
}

static void check_routine(const struct routine *r)
{
    if (!r->diagram || r->n_sides < 1 || r->n_sides > 2 || r->n_phases < 1 || r->n_strips < 1)
        abort();
    if (routine_total_positions(r) > ROUTINE_MAX_POSITIONS)
        abort();
    for (size_t i = 0; i < r->n_strips; i++) {
        const struct routine_strip *s = &r->strips[i];
        if (!s->line || s->n_positions < 1 || s->passes < 1 || s->passes > 2)
            abort();
        for (size_t k = 0; k < s->n_positions; k++) {
            double cm = s->positions_cm[k];
            if (cm < r->diagram->work_min_cm || cm > r->diagram->work_max_cm + 0.01)
                abort();
            if (k > 0 && cm <= s->positions_cm[k - 1])
                abort();
        }
    }
    size_t holds = 0;
    for (size_t i = 0; i < r->n_phases; i++) {
        const struct routine_phase *p = &r->phases[i];
        holds += p->kind == PHASE_HOLD;
        if (p->duration_ms == 0 || p->countdown * 1000u > p->duration_ms || !p->title)
            abort();
    }
    if (holds != 1)
        abort();
    const struct limit *tr = &limit_table[LIMIT_TRANSITION_S];
    if (r->transitions.strip_ms < tr->min * 1000 || r->transitions.strip_ms > tr->max * 1000 ||
        r->transitions.side_ms < tr->min * 1000 || r->transitions.side_ms > tr->max * 1000)
        abort();
    (void)routine_total_ms(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag_list d = {0};
    struct routine *r = NULL;
    bool ok = routine_create_from_buffer("fuzz.json", (const char *)data, size, &r, &d);
    size_t errors = diag_count(&d, DIAG_ERROR);
    if (ok != (r != NULL) || ok != (errors == 0))
        abort();
    for (size_t i = 0; i < d.n; i++) {
        char *line = diag_format("fuzz.json", &d.items[i]);
        check_line(line);
        free(line);
    }
    if (r)
        check_routine(r);
    routine_destroy(r);
    diag_list_finish(&d);
    return 0;
}
