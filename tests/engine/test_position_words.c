/* test_position_words.c - the words for where the ball is, a table per
 * diagram: cm from the diagram's own landmark with a hand or finger measure
 * from the nearer one, the place alone (shown and spoken) for a transition,
 * the move phase's "Move the ball up 7 cm" / "toward the heel" and the
 * voice's "Next: move the ball ...", tenths of a cm (no 4.99999), and a
 * diagram without landmark words still saying the cm. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/position_words.h"

static const struct diagram *back(void) { return diagram_find("hamstrings-back"); }

static void expect(char *got, const char *want)
{
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void measures_count_hands_and_fingers(void **state)
{
    (void)state;
    assert_null(position_measure(0.5));
    assert_string_equal(position_measure(2), "about a finger's width");
    assert_string_equal(position_measure(4), "about two fingers' widths");
    assert_string_equal(position_measure(5), "about three fingers' widths");
    assert_string_equal(position_measure(8), "about a hand's width");
    assert_string_equal(position_measure(17), "about two hands' widths");
    assert_string_equal(position_measure(24), "about three hands' widths");
    assert_string_equal(position_measure(31), "about four hands' widths");
    assert_null(position_measure(40));
}

/* One row: a place on a diagram and what it reads as, in every form. */
struct place_row {
    const char *diagram;
    double cm;
    const char *words, *shown, *spoken;
};

/* Every diagram counts from its own landmarks, the way its cm run (diagram.c):
 * the back of the thigh up from the knee crease; the front of the thigh up
 * from the bottom of the kneecap, the hand measured from the kneecap's top
 * edge 5 cm higher; the calf down from the knee crease, near the heel from
 * the bottom of the heel (46 cm). */
static const struct place_row places[] = {
    {"hamstrings-back", 17, "17 cm above the knee crease (about two hands' widths)",
     "17 cm above the knee crease", "17 centimetres above the knee crease"},
    {"hamstrings-back", 10, "10 cm above the knee crease (about one and a half hands' widths)",
     "10 cm above the knee crease", "10 centimetres above the knee crease"},
    /* nearer the buttock fold (36 cm): measured from there */
    {"hamstrings-back", 31,
     "31 cm above the knee crease (about three fingers' widths below the buttock fold)",
     "31 cm above the knee crease", "31 centimetres above the knee crease"},
    {"hamstrings-back", 11.4, "11.4 cm above the knee crease (about one and a half hands' widths)",
     "11.4 cm above the knee crease", "11.4 centimetres above the knee crease"},
    {"quadriceps-front", 11,
     "11 cm above the bottom of the kneecap (about a hand's width above its top edge)",
     "11 cm above the bottom of the kneecap", "11 centimetres above the bottom of the kneecap"},
    {"quadriceps-front", 18,
     "18 cm above the bottom of the kneecap (about one and a half hands' widths above its top "
     "edge)",
     "18 cm above the bottom of the kneecap", "18 centimetres above the bottom of the kneecap"},
    /* nearer the groin crease (40 cm) than the kneecap's top edge */
    {"quadriceps-front", 25,
     "25 cm above the bottom of the kneecap (about two hands' widths below the groin crease)",
     "25 cm above the bottom of the kneecap", "25 centimetres above the bottom of the kneecap"},
    {"quadriceps-front", 32,
     "32 cm above the bottom of the kneecap (about a hand's width below the groin crease)",
     "32 cm above the bottom of the kneecap", "32 centimetres above the bottom of the kneecap"},
    {"calves-back", 8, "8 cm below the knee crease (about a hand's width)",
     "8 cm below the knee crease", "8 centimetres below the knee crease"},
    {"calves-back", 15, "15 cm below the knee crease (about two hands' widths)",
     "15 cm below the knee crease", "15 centimetres below the knee crease"},
    {"calves-back", 22, "22 cm below the knee crease (about three hands' widths)",
     "22 cm below the knee crease", "22 centimetres below the knee crease"},
    /* nearer the bottom of the heel (46 cm) */
    {"calves-back", 28,
     "28 cm below the knee crease (about two and a half hands' widths above the bottom of the "
     "heel)",
     "28 cm below the knee crease", "28 centimetres below the knee crease"},
};

static void positions_on_every_diagram(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        const struct place_row *p = &places[i];
        const struct diagram *d = diagram_find(p->diagram);
        assert_non_null(d);
        print_message("%s %g cm\n", p->diagram, p->cm);
        expect(position_words(d, p->cm), p->words);
        expect(position_place_words(d, p->cm, false), p->shown);
        expect(position_place_words(d, p->cm, true), p->spoken);
    }
}

/* One row: a move on a diagram, shown and as the voice says what is next. */
static const struct {
    const char *diagram;
    double from, to;
    const char *shown, *next;
} moves[] = {
    {"hamstrings-back", 10, 17, "Move the ball up 7 cm",
     "Next: move the ball 7 centimetres toward the hip"},
    {"hamstrings-back", 11.4, 16.4, "Move the ball up 5 cm",
     "Next: move the ball 5 centimetres toward the hip"},
    {"hamstrings-back", 31, 10, "Move the ball down 21 cm",
     "Next: move the ball 21 centimetres toward the knee"},
    /* lying face down "up" says nothing: toward the hip or the knee */
    {"quadriceps-front", 11, 18, "Move the ball 7 cm toward the hip",
     "Next: move the ball 7 centimetres toward the hip"},
    {"quadriceps-front", 25, 18, "Move the ball 7 cm toward the knee",
     "Next: move the ball 7 centimetres toward the knee"},
    /* the calf's cm run down the leg: more cm is toward the heel */
    {"calves-back", 8, 15, "Move the ball 7 cm toward the heel",
     "Next: move the ball 7 centimetres toward the heel"},
    {"calves-back", 22, 15, "Move the ball 7 cm toward the knee",
     "Next: move the ball 7 centimetres toward the knee"},
};

static void moves_say_which_way(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
        const struct diagram *d = diagram_find(moves[i].diagram);
        assert_non_null(d);
        char by[16];
        snprintf(by, sizeof by, "%g", fabs(round((moves[i].to - moves[i].from) * 10) / 10));
        print_message("%s %g -> %g\n", moves[i].diagram, moves[i].from, moves[i].to);
        expect(position_move_words(d, moves[i].from, moves[i].to), moves[i].shown);
        expect(position_next_move_spoken(d, moves[i].from, moves[i].to, by), moves[i].next);
        assert_null(position_move_words(d, moves[i].from, moves[i].from));
    }
}

static void unknown_diagrams_say_cm_along_the_strip(void **state)
{
    (void)state;
    struct diagram other = *back();
    other.name = "not-in-the-landmark-table";
    assert_int_equal(diagram_landmark_words(&other), DIAGRAM_LANDMARKS_NONE);
    assert_int_equal(diagram_landmark_words(back()), DIAGRAM_LANDMARKS_BACK_OF_THIGH);
    expect(position_words(&other, 17), "17 cm along the strip");
    expect(position_move_words(&other, 10, 17), "Move the ball 7 cm along the strip");
    expect(position_place_words(&other, 10, true), "10 centimetres along the strip");
    expect(position_next_move_spoken(&other, 17, 10, "7"),
           "Next: move the ball 7 centimetres back along the strip");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(measures_count_hands_and_fingers),
        cmocka_unit_test(positions_on_every_diagram),
        cmocka_unit_test(moves_say_which_way),
        cmocka_unit_test(unknown_diagrams_say_cm_along_the_strip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
