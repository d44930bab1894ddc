/* test_zones.c - where the ball may go, on every diagram of the table: a
 * position in each named zone of each diagram is refused with the zone's
 * name, one beside a zone or an end of the working area by the ball's 2 cm
 * patch, the first allowed ones are accepted (table-driven rows); and over the
 * whole table, every zone refuses the middle of each line through it, and
 * the stretches of each line drawn as its strip (in the app and on the
 * handout) are its working area less every zone it crosses, no more. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "routine/diagram.h"
#include "routine/routine.h"
#include "util/util.h"

static void print_diags(const struct diag_list *d)
{
    for (size_t i = 0; i < d->n; i++) {
        char *line = diag_format("z.json", &d->items[i]);
        print_message("  got: %s\n", line);
        free(line);
    }
}

/* A valid one-strip routine on `diagram`, its only position at `cm` on `line`. */
static char *one_position(const char *diagram, const char *line, double cm)
{
    return xasprintf(
        "{\"format\": \"smr-routine/1\", \"id\": \"z\", \"title\": \"T\", \"description\": \"D\","
        " \"language\": \"en\", \"target\": \"t\", \"diagram\": \"%s\", \"sides\": [\"left\"],"
        " \"equipment\": [\"Ball\"], \"setup\": [\"Sit.\"],"
        " \"cycle\": [{\"kind\": \"stretch\", \"title\": \"S\", \"instruction\": \"S.\", \"duration_s\": 4},"
        " {\"kind\": \"hold\", \"title\": \"H\", \"instruction\": \"H.\", \"duration_s\": 11}],"
        " \"strips\": [{\"id\": \"s\", \"label\": \"S\", \"muscles\": [\"m\"], \"line\": \"%s\","
        " \"positions_cm\": [%.17g]}]}",
        diagram, line, cm);
}

/* The one error at strips[0].positions_cm[0] contains `fragment`; NULL
 * fragment: no problem at all. */
static bool position_says(const char *diagram, const char *line, double cm, const char *fragment)
{
    char *text = one_position(diagram, line, cm);
    struct diag_list d = {0};
    struct routine *r = NULL;
    bool ok = routine_create_from_buffer("z.json", text, strlen(text), &r, &d);
    bool good = fragment ? !ok && d.n == 1 && strcmp(d.items[0].path, "strips[0].positions_cm[0]") == 0
                         : ok && d.n == 0;
    char *line0 = d.n ? diag_format("z.json", &d.items[0]) : NULL;
    if (good && fragment)
        good = strstr(line0, fragment) != NULL;
    if (!good) {
        print_message("%s %s %g cm: want %s\n", diagram, line, cm, fragment ? fragment : "no problem");
        print_diags(&d);
    }
    free(line0);
    routine_destroy(r);
    diag_list_finish(&d);
    free(text);
    return good;
}

struct zone_row {
    const char *diagram, *line;
    double cm;
    const char *fragment;
};

/* A position in each named zone of each diagram, and beside it. */
static const struct zone_row zone_rows[] = {
    {"hamstrings-back", "outer", 4, "4 cm is inside the no-go zone at the hollow behind the knee (0-8 cm); start at 10 cm or more"},
    {"hamstrings-back", "middle", 9, "9 cm is too close to the no-go zone at the hollow behind the knee (0-8 cm)"},
    {"hamstrings-back", "inner", 10, NULL},
    {"hamstrings-back", "inner", 31, NULL},
    {"hamstrings-back", "outer", 34, "34 cm is above the working area (8-33 cm), too close to the buttock fold; keep the ball at 31 cm or less"},
    {"quadriceps-front", "middle", 5, "5 cm is inside the no-go zone at the kneecap and the tendon above it (0-9 cm); start at 11 cm or more"},
    {"quadriceps-front", "outer", 10, "10 cm is too close to the no-go zone at the kneecap and the tendon above it (0-9 cm)"},
    {"quadriceps-front", "inner", 11, NULL},
    {"quadriceps-front", "inner", 30, "30 cm is inside the no-go zone at the groin crease and upper inner thigh (26-40 cm); keep the ball at 24 cm or less"},
    {"quadriceps-front", "inner", 25, "25 cm is too close to the no-go zone at the groin crease and upper inner thigh (26-40 cm)"},
    {"quadriceps-front", "inner", 24, NULL},
    {"quadriceps-front", "middle", 34, NULL},
    {"quadriceps-front", "middle", 38, "38 cm is above the working area (9-36 cm), too close to the groin crease"},
    {"quadriceps-front", "middle", -1, "-1 cm is below the bottom of the kneecap (positions count from the bottom of the kneecap up toward the hip)"},
    {"calves-back", "outer", 3, "3 cm is inside the no-go zone at the hollow behind the knee (0-6 cm); start at 8 cm or more"},
    {"calves-back", "inner", 7, "7 cm is too close to the no-go zone at the hollow behind the knee (0-6 cm)"},
    {"calves-back", "outer", 8, NULL},
    {"calves-back", "middle", 35, "35 cm is inside the no-go zone at the Achilles tendon (30-44 cm); keep the ball at 28 cm or less"},
    {"calves-back", "middle", 29, "29 cm is too close to the no-go zone at the Achilles tendon (30-44 cm)"},
    {"calves-back", "middle", 28, NULL},
    {"calves-back", "middle", 12, "12 cm is above this line's working area (16-30 cm); start at 18 cm or more"},
    {"calves-back", "inner", 30, "30 cm is inside the no-go zone at the shin bone (26-42 cm); keep the ball at 24 cm or less"},
    {"calves-back", "inner", 25, "25 cm is too close to the no-go zone at the shin bone (26-42 cm)"},
    {"calves-back", "inner", 24, NULL},
    {"calves-back", "outer", 29, "29 cm is too close to the edge of the working area (6-30 cm); keep the ball at 28 cm or less"},
    {"calves-back", "outer", 31, "31 cm is below the working area (6-30 cm), too close to the ankle"},
    {"calves-back", "outer", -2, "-2 cm is above the knee crease (positions count from the knee crease down toward the heel)"},
};

static void test_zone_rows(void **state)
{
    (void)state;
    size_t failures = 0;
    for (size_t i = 0; i < sizeof zone_rows / sizeof zone_rows[0]; i++) {
        const struct zone_row *z = &zone_rows[i];
        failures += !position_says(z->diagram, z->line, z->cm, z->fragment);
    }
    assert_int_equal(failures, 0);
}

/* Over the whole table: every zone refuses the middle of each line's stretch
 * through it with the zone's name, and every line has room for the ball. */
static void test_every_zone(void **state)
{
    (void)state;
    size_t failures = 0, zones = 0;
    for (size_t i = 0; diagram_at(i); i++) {
        const struct diagram *d = diagram_at(i);
        assert_non_null(diagram_find(d->name));
        assert_true(d->n_zones > 0);
        for (size_t k = 0; k < d->n_zones; k++) {
            const struct diagram_zone *z = &d->zones[k];
            size_t crossed = 0;
            for (size_t l = 0; l < d->n_lines; l++) {
                double f, t;
                if (!diagram_zone_span(d, z, &d->lines[l], &f, &t))
                    continue;
                crossed++;
                char *want = xasprintf("inside the no-go zone at %s (", z->name);
                failures += !position_says(d->name, d->lines[l].id, (f + t) / 2, want);
                free(want);
            }
            if (crossed == 0)
                print_message("%s: no line runs through %s\n", d->name, z->name);
            failures += crossed == 0;
            zones++;
        }
        for (size_t l = 0; l < d->n_lines; l++) {
            double lo, hi;
            diagram_line_area(d, &d->lines[l], &lo, &hi);
            assert_true(hi - lo >= 8); /* at least two positions 4 cm apart */
        }
    }
    assert_int_equal(zones, 6);
    assert_int_equal(failures, 0);
}

/* Whether `cm` on line l lies in a stretch diagram_line_pieces() gave. */
static bool in_pieces(double (*piece)[2], size_t n, double cm)
{
    for (size_t k = 0; k < n; k++)
        if (cm >= piece[k][0] && cm <= piece[k][1])
            return true;
    return false;
}

/* Sampled every 0.05 cm along each line: a point is drawn exactly when it is
 * in the line's area and in no zone's span on it; the stretches come nearest
 * the knee first and do not touch. Calves: the inner line stops where the
 * shin bone's zone begins (it was drawn down through it on the handout). */
static void test_line_pieces(void **state)
{
    (void)state;
    size_t failures = 0;
    for (size_t i = 0; diagram_at(i); i++) {
        const struct diagram *d = diagram_at(i);
        for (size_t l = 0; l < d->n_lines; l++) {
            const struct diagram_line *line = &d->lines[l];
            double piece[16][2], lo, hi;
            size_t n = diagram_line_pieces(d, line, piece, 16);
            assert_true(n >= 1);
            for (size_t k = 0; k < n; k++) {
                assert_true(piece[k][0] < piece[k][1]);
                if (k)
                    assert_true(piece[k][0] > piece[k - 1][1]);
            }
            diagram_line_area(d, line, &lo, &hi);
            for (double cm = 0; cm <= d->far_cm; cm += 0.05) {
                bool free = cm >= lo && cm <= hi;
                for (size_t z = 0; z < d->n_zones && free; z++) {
                    double f, t;
                    if (diagram_zone_span(d, &d->zones[z], line, &f, &t) && cm > f && cm < t)
                        free = false;
                }
                if (free != in_pieces(piece, n, cm)) {
                    print_message("%s, %s line at %.2f cm: %s\n", d->name, line->id, cm,
                                  free ? "not drawn" : "drawn in a zone or out of its area");
                    failures++;
                }
            }
        }
    }
    const struct diagram *calves = diagram_find("calves-back");
    double piece[16][2];
    size_t n = diagram_line_pieces(calves, diagram_find_line(calves, "inner"), piece, 16);
    assert_int_equal(n, 1);
    assert_true(fabs(piece[0][0] - 6.0) < 1e-9 && piece[0][1] < 27.0);
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zone_rows),
        cmocka_unit_test(test_every_zone),
        cmocka_unit_test(test_line_pieces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
