/* steps.h - what a timeline step is called and says, for every step alike:
 * a phase's title and instruction come from the routine, a transition's are
 * made from where the ball goes next (its strip and cm). The one place that
 * words transitions, so the screens, the plan and the voice agree. Pure. */
#pragma once

#include <stddef.h>

#include "routine/routine.h"
#include "routine/timeline.h"

/* An instruction as shown (cm) or as spoken (centimetres, and a transition
 * names itself first: "Change strip: move the ball to ..."). */
enum step_form { STEP_SHOWN, STEP_SPOKEN };

/* Short, shown big: the phase's title ("Hold") or the transition's ("Change
 * strip", "Back to the start", "Change legs"). Not to be freed. */
const char *step_title(const struct routine *r, const struct timeline_step *s);
/* One sentence: the phase's instruction, or for a transition where the ball
 * goes ("Move the ball to the inner strip, 10 cm above the knee crease.").
 * Caller frees. */
char *step_instruction(const struct routine *r, const struct timeline_step *s,
                       enum step_form form);
/* A strip's label as it reads inside a sentence: "Outer strip" -> "outer
 * strip" (a word in capitals, an acronym, is left alone); as written where
 * the translation says its sentences quote the name (German, French,
 * Spanish: "„Äußere Bahn“"). Caller frees. */
char *step_strip_in_sentence(const struct routine *r, size_t strip);
