/* steps.c - see steps.h. Each sentence is one translatable string with the
 * strip and the cm as its only parts, so a translation can order them. */
#include "engine/steps.h"

#include <ctype.h>
#include <stdlib.h>

#include "util/i18n.h"
#include "util/util.h"

const char *step_title(const struct routine *r, const struct timeline_step *s)
{
    switch (s->kind) {
    case STEP_PHASE: break;
    case STEP_CHANGE_STRIP: return _("Change strip");
    case STEP_REPEAT_STRIP: return _("Back to the start");
    case STEP_CHANGE_SIDE: return _("Change legs");
    }
    const struct routine_phase *ph = timeline_step_phase(r, s);
    return ph ? ph->title : "";
}

char *step_strip_in_sentence(const struct routine *r, size_t strip)
{
    char *out = xstrdup(strip < r->n_strips ? r->strips[strip].label : "");
    if (isupper((unsigned char)out[0]) && !isupper((unsigned char)out[1]))
        out[0] = (char)tolower((unsigned char)out[0]);
    return out;
}

static char *shown(const struct timeline_step *s, const char *strip)
{
    switch (s->kind) {
    case STEP_CHANGE_STRIP:
        return xasprintf(_("Move the ball to the %s, %g cm above the knee crease."), strip, s->cm);
    case STEP_REPEAT_STRIP:
        return xasprintf(_("Move the ball back to the knee end of the %s, %g cm above the knee "
                           "crease."),
                         strip, s->cm);
    case STEP_CHANGE_SIDE:
        if (s->side == ROUTINE_SIDE_LEFT)
            return xasprintf(_("Left leg now: the ball under the %s, %g cm above the knee crease."),
                             strip, s->cm);
        return xasprintf(_("Right leg now: the ball under the %s, %g cm above the knee crease."),
                         strip, s->cm);
    case STEP_PHASE: break;
    }
    return xstrdup("");
}

static char *spoken(const struct timeline_step *s, const char *strip)
{
    switch (s->kind) {
    case STEP_CHANGE_STRIP:
        return xasprintf(_("Change strip: move the ball to the %s, %g centimetres above the knee "
                           "crease"),
                         strip, s->cm);
    case STEP_REPEAT_STRIP:
        return xasprintf(_("Back to the knee end of the %s, %g centimetres above the knee crease"),
                         strip, s->cm);
    case STEP_CHANGE_SIDE:
        if (s->side == ROUTINE_SIDE_LEFT)
            return xasprintf(_("Change legs: left leg now, the ball under the %s, %g centimetres "
                               "above the knee crease"),
                             strip, s->cm);
        return xasprintf(_("Change legs: right leg now, the ball under the %s, %g centimetres "
                           "above the knee crease"),
                         strip, s->cm);
    case STEP_PHASE: break;
    }
    return xstrdup("");
}

char *step_instruction(const struct routine *r, const struct timeline_step *s,
                       enum step_form form)
{
    if (s->kind == STEP_PHASE) {
        const struct routine_phase *ph = timeline_step_phase(r, s);
        return xstrdup(ph && ph->instruction ? ph->instruction : "");
    }
    char *strip = step_strip_in_sentence(r, s->strip);
    char *text = form == STEP_SPOKEN ? spoken(s, strip) : shown(s, strip);
    free(strip);
    return text;
}
