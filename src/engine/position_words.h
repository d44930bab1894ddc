/* position_words.h - where the ball is and where it goes, in words a person
 * can act on without looking at the picture: cm from a landmark they can
 * feel and about how many hands' or fingers' widths that is ("17 cm above
 * the knee crease (about two hands' widths)"), and how far the move phase
 * moves it ("Move the ball up 7 cm"). Which landmarks: the diagram's
 * (diagram_landmark_words). Pure; every text is translated. */
#pragma once

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
/* "Move the ball up 7 cm" (toward the far end; "down" toward 0 cm); NULL
 * when the ball stays. Caller frees. */
char *position_move_words(const struct diagram *d, double from_cm, double to_cm);
