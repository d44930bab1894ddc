/* position_words.h - where the ball is and where it goes, in words a person
 * can act on without looking at the picture: cm from a landmark they can
 * feel and about how many hands' or fingers' widths that is ("17 cm above
 * the knee crease (about two hands' widths)"), and how far the move phase
 * moves it ("Move the ball up 7 cm"). Which landmarks: the diagram's
 * (diagram_landmark_words): the back of the thigh counts up from the knee
 * crease, the front of the thigh up from the bottom of the kneecap (its
 * measure from the kneecap's top edge, which a hand finds), the calf down
 * from the knee crease (near the heel, its measure from the bottom of the
 * heel). Pure; every text is translated. */
#pragma once

#include <stdbool.h>

#include "routine/diagram.h"

/* A hand's width (the palm across the knuckles) and a finger's, in cm: what
 * the measures count. */
#define POSITION_HAND_CM 8.0
#define POSITION_FINGER_CM 2.0

/* "about two hands' widths" for a distance in cm; NULL under one finger's
 * width or beyond four hands (then the cm alone say it). Not to be freed. */
const char *position_measure(double cm);
/* Where `cm` is on `d`: "17 cm above the knee crease (about two hands'
 * widths)"; nearer the far end the measure is from there ("31 cm above the
 * knee crease (about three fingers' widths below the buttock fold)"); on a
 * diagram without landmark words "17 cm along the strip". Caller frees. */
char *position_words(const struct diagram *d, double cm);
/* The place alone, for a sentence that also names the strip: "10 cm above
 * the knee crease", spoken "10 centimetres above the knee crease". Caller
 * frees. */
char *position_place_words(const struct diagram *d, double cm, bool spoken);
/* What a bare number of cm counts on `d`, for a heading over a list of
 * them: "cm above the knee crease", "cm below the knee crease". Not to be
 * freed. */
const char *position_cm_from(const struct diagram *d);
/* "Move the ball up 7 cm" on the back of the thigh ("down" toward 0 cm);
 * "Move the ball 7 cm toward the hip" / "toward the heel" / "toward the
 * knee" where "up" would not say it (lying face down, sitting with the leg
 * out); NULL when the ball stays. Caller frees. */
char *position_move_words(const struct diagram *d, double from_cm, double to_cm);
/* The voice's "Next: move the ball 7 centimetres toward the hip" for a move
 * from `from_cm` to `to_cm` ("toward the heel" on the calf); `by` is the
 * distance as it is spoken ("5.5"). Caller frees. */
char *position_next_move_spoken(const struct diagram *d, double from_cm, double to_cm,
                                const char *by);
