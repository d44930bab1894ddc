/* position_words.c - see position_words.h. Each sentence is one
 * translatable string with the numbers (and the measure) as its only parts,
 * so a translation can order them; a diagram's landmarks are a switch over
 * its landmark set, since a format string must be a literal. */
#include "engine/position_words.h"

#include <math.h>
#include <stddef.h>

#include "util/i18n.h"
#include "util/util.h"

/* The top edge of the kneecap above the diagram's 0 cm (its bottom): the
 * drawing's kneecap is 5.3 cm tall (gen_quadriceps_front.py, y 621-701),
 * an adult's 4.5-5.5 cm. A hand laid above the kneecap starts at its top
 * edge, so the front of the thigh measures from there. */
#define KNEECAP_CM 5.0

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

/* The measure from the nearer of two landmarks, `near_cm` and `far_cm`
 * away; *from_far says which. NULL when neither has one. */
static const char *nearer_measure(double near_cm, double far_cm, bool *from_far)
{
    const char *far = position_measure(far_cm);
    *from_far = far && far_cm < near_cm;
    return *from_far ? far : position_measure(near_cm);
}

char *position_place_words(const struct diagram *d, double cm, bool spoken)
{
    cm = tenth(cm);
    switch (diagram_landmark_words(d)) {
    case DIAGRAM_LANDMARKS_BACK_OF_THIGH:
        return spoken ? xasprintf(_("%g centimetres above the knee crease"), cm)
                      : xasprintf(_("%g cm above the knee crease"), cm);
    case DIAGRAM_LANDMARKS_FRONT_OF_THIGH:
        return spoken ? xasprintf(_("%g centimetres above the bottom of the kneecap"), cm)
                      : xasprintf(_("%g cm above the bottom of the kneecap"), cm);
    case DIAGRAM_LANDMARKS_CALF:
        return spoken ? xasprintf(_("%g centimetres below the knee crease"), cm)
                      : xasprintf(_("%g cm below the knee crease"), cm);
    case DIAGRAM_LANDMARKS_NONE: break;
    }
    return spoken ? xasprintf(_("%g centimetres along the strip"), cm)
                  : xasprintf(_("%g cm along the strip"), cm);
}

const char *position_cm_from(const struct diagram *d)
{
    switch (diagram_landmark_words(d)) {
    case DIAGRAM_LANDMARKS_BACK_OF_THIGH: return _("cm above the knee crease");
    case DIAGRAM_LANDMARKS_FRONT_OF_THIGH: return _("cm above the bottom of the kneecap");
    case DIAGRAM_LANDMARKS_CALF: return _("cm below the knee crease");
    case DIAGRAM_LANDMARKS_NONE: break;
    }
    return _("cm along the strip");
}

/* A place with its measure `m`, from the far landmark when `far`. */
static char *with_measure(enum diagram_landmarks set, double cm, const char *m, bool far)
{
    switch (set) {
    case DIAGRAM_LANDMARKS_BACK_OF_THIGH:
        /* TRANSLATORS: cm from the knee crease, then "about two fingers' widths". */
        return far ? xasprintf(_("%g cm above the knee crease (%s below the buttock fold)"), cm, m)
                   /* TRANSLATORS: cm from the knee crease, then "about two hands' widths". */
                   : xasprintf(_("%g cm above the knee crease (%s)"), cm, m);
    case DIAGRAM_LANDMARKS_FRONT_OF_THIGH:
        /* TRANSLATORS: cm from the bottom of the kneecap, then "about a hand's
         * width" (from the groin crease, or from the kneecap's top edge). */
        return far ? xasprintf(_("%g cm above the bottom of the kneecap (%s below the groin "
                                 "crease)"),
                               cm, m)
                   : xasprintf(_("%g cm above the bottom of the kneecap (%s above its top edge)"),
                               cm, m);
    case DIAGRAM_LANDMARKS_CALF:
        /* TRANSLATORS: cm from the knee crease, then "about two hands' widths". */
        return far ? xasprintf(_("%g cm below the knee crease (%s above the bottom of the heel)"),
                               cm, m)
                   : xasprintf(_("%g cm below the knee crease (%s)"), cm, m);
    case DIAGRAM_LANDMARKS_NONE: break;
    }
    return NULL;
}

char *position_words(const struct diagram *d, double cm)
{
    cm = tenth(cm);
    enum diagram_landmarks set = diagram_landmark_words(d);
    /* the hand measures from the kneecap's top edge, the cm from its bottom */
    double near_cm = set == DIAGRAM_LANDMARKS_FRONT_OF_THIGH ? cm - KNEECAP_CM : cm;
    bool far = false;
    const char *m = set == DIAGRAM_LANDMARKS_NONE ? NULL
                                                  : nearer_measure(near_cm, d->far_cm - cm, &far);
    char *out = m ? with_measure(set, cm, m, far) : NULL;
    return out ? out : position_place_words(d, cm, false);
}

char *position_move_words(const struct diagram *d, double from_cm, double to_cm)
{
    double by = tenth(to_cm - from_cm);
    if (fabs(by) < 0.05)
        return NULL;
    bool on = by > 0; /* toward the far end */
    by = fabs(by);
    switch (diagram_landmark_words(d)) {
    case DIAGRAM_LANDMARKS_BACK_OF_THIGH:
        return on ? xasprintf(_("Move the ball up %g cm"), by)
                  : xasprintf(_("Move the ball down %g cm"), by);
    case DIAGRAM_LANDMARKS_FRONT_OF_THIGH:
        return on ? xasprintf(_("Move the ball %g cm toward the hip"), by)
                  : xasprintf(_("Move the ball %g cm toward the knee"), by);
    case DIAGRAM_LANDMARKS_CALF:
        return on ? xasprintf(_("Move the ball %g cm toward the heel"), by)
                  : xasprintf(_("Move the ball %g cm toward the knee"), by);
    case DIAGRAM_LANDMARKS_NONE: break;
    }
    return on ? xasprintf(_("Move the ball %g cm along the strip"), by)
              : xasprintf(_("Move the ball %g cm back along the strip"), by);
}

char *position_next_move_spoken(const struct diagram *d, double from_cm, double to_cm,
                                const char *by)
{
    bool on = to_cm >= from_cm;
    switch (diagram_landmark_words(d)) {
    case DIAGRAM_LANDMARKS_BACK_OF_THIGH:
    case DIAGRAM_LANDMARKS_FRONT_OF_THIGH: break;
    case DIAGRAM_LANDMARKS_CALF:
        if (on)
            return xasprintf(_("Next: move the ball %s centimetres toward the heel"), by);
        break;
    case DIAGRAM_LANDMARKS_NONE:
        return on ? xasprintf(_("Next: move the ball %s centimetres along the strip"), by)
                  : xasprintf(_("Next: move the ball %s centimetres back along the strip"), by);
    }
    return on ? xasprintf(_("Next: move the ball %s centimetres toward the hip"), by)
              : xasprintf(_("Next: move the ball %s centimetres toward the knee"), by);
}
