/* test_position_words.c - the words for where the ball is: cm from the knee
 * crease with a hand or finger measure from the nearer landmark, the move
 * phase's "Move the ball up 7 cm", tenths of a cm (no 4.99999), and a
 * diagram without landmark words still saying the cm. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
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

static void positions_on_the_back_of_the_thigh(void **state)
{
    (void)state;
    expect(position_words(back(), 17), "17 cm above the knee crease (about two hands' widths)");
    expect(position_words(back(), 10),
           "10 cm above the knee crease (about one and a half hands' widths)");
    /* nearer the buttock fold (36 cm): measured from there */
    expect(position_words(back(), 31),
           "31 cm above the knee crease (about three fingers' widths below the buttock fold)");
    expect(position_words(back(), 11.4),
           "11.4 cm above the knee crease (about one and a half hands' widths)");
}

static void moves_say_up_or_down(void **state)
{
    (void)state;
    expect(position_move_words(back(), 10, 17), "Move the ball up 7 cm");
    expect(position_move_words(back(), 11.4, 16.4), "Move the ball up 5 cm");
    expect(position_move_words(back(), 31, 10), "Move the ball down 21 cm");
    assert_null(position_move_words(back(), 10, 10));
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
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(measures_count_hands_and_fingers),
        cmocka_unit_test(positions_on_the_back_of_the_thigh),
        cmocka_unit_test(moves_say_up_or_down),
        cmocka_unit_test(unknown_diagrams_say_cm_along_the_strip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
