/* position_words.c - see position_words.h. Each sentence is one
 * translatable string with the numbers (and the measure) as its only parts,
 * so a translation can order them; a diagram's landmarks are a switch over
 * its landmark set, since a format string must be a literal. */
#include "engine/position_words.h"

#include <math.h>
#include <stddef.h>

#include "util/i18n.h"
#include "util/util.h"

/* To a tenth of a cm: 16.4 - 11.4 is a 5 cm move, not 4.99999. */
static double tenth(double cm) { return round(cm * 10.0) / 10.0; }

const char *position_measure(double cm)
{
    static const char *const fingers[] = {
        N_("about a finger's width"),
        N_("about two fingers' widths"),
        N_("about three fingers' widths"),
    };
    /* in half hands, from one hand (2) to four (8) */
    static const char *const hands[] = {
        N_("about a hand's width"),
        N_("about one and a half hands' widths"),
        N_("about two hands' widths"),
        N_("about two and a half hands' widths"),
        N_("about three hands' widths"),
        N_("about three and a half hands' widths"),
        N_("about four hands' widths"),
    };
    cm = tenth(cm);
    if (!(cm >= POSITION_FINGER_CM / 2) || cm > 4.25 * POSITION_HAND_CM)
        return NULL;
    if (cm < 0.75 * POSITION_HAND_CM) {
        long n = lround(cm / POSITION_FINGER_CM);
        n = n < 1 ? 1 : n > 3 ? 3 : n;
        return _(fingers[n - 1]);
    }
    long halves = lround(cm / (POSITION_HAND_CM / 2));
    halves = halves < 2 ? 2 : halves > 8 ? 8 : halves;
    return _(hands[halves - 2]);
}

static char *back_of_thigh(const struct diagram *d, double cm)
{
    double from_far = d->far_cm - cm;
    const char *near = position_measure(cm);
    const char *far = position_measure(from_far);
    if (far && from_far < cm) {
        /* TRANSLATORS: cm from the knee crease, then "about two fingers' widths". */
        return xasprintf(_("%g cm above the knee crease (%s below the buttock fold)"), cm, far);
    }
    if (near) {
        /* TRANSLATORS: cm from the knee crease, then "about two hands' widths". */
        return xasprintf(_("%g cm above the knee crease (%s)"), cm, near);
    }
    return xasprintf(_("%g cm above the knee crease"), cm);
}

char *position_words(const struct diagram *d, double cm)
{
    cm = tenth(cm);
    switch (diagram_landmark_words(d)) {
    case DIAGRAM_LANDMARKS_BACK_OF_THIGH: return back_of_thigh(d, cm);
    case DIAGRAM_LANDMARKS_NONE: break;
    }
    return xasprintf(_("%g cm along the strip"), cm);
}

char *position_move_words(const struct diagram *d, double from_cm, double to_cm)
{
    double by = tenth(to_cm - from_cm);
    if (fabs(by) < 0.05)
        return NULL;
    switch (diagram_landmark_words(d)) {
    case DIAGRAM_LANDMARKS_BACK_OF_THIGH:
        return by > 0 ? xasprintf(_("Move the ball up %g cm"), by)
                      : xasprintf(_("Move the ball down %g cm"), -by);
    case DIAGRAM_LANDMARKS_NONE: break;
    }
    return by > 0 ? xasprintf(_("Move the ball %g cm along the strip"), by)
                  : xasprintf(_("Move the ball %g cm back along the strip"), -by);
}
