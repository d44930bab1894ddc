/* steps.c - see steps.h. Each sentence is one translatable string with the
 * strip and the place (engine/position_words.h: the diagram's landmarks) as
 * its only parts, so a translation can order them. */
#include "engine/steps.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "engine/position_words.h"
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
    /* TRANSLATORS: not shown. How your sentences take a strip's name (the
     * routine's "Outer strip", "Äußere Bahn"): leave it as is where they put
     * it in with a small first letter, as English does ("to the outer
     * strip"); translate it as "strip-name:as-written" where they keep the
     * name as the routine writes it (quoted: "auf „Äußere Bahn“"). */
    bool as_written = strcmp(_("strip-name:lowercase"), "strip-name:as-written") == 0;
    if (!as_written && isupper((unsigned char)out[0]) && !isupper((unsigned char)out[1]))
        out[0] = (char)tolower((unsigned char)out[0]);
    return out;
}

/* Where the ball goes, `at` in the diagram's landmarks ("10 cm above the
 * knee crease", "8 cm below the knee crease"), in one sentence per step. */
static char *shown(const struct timeline_step *s, const char *strip, const char *at)
{
    switch (s->kind) {
    case STEP_CHANGE_STRIP:
        /* TRANSLATORS: the strip, then the place ("10 cm above the knee crease"). */
        return xasprintf(_("Move the ball to the %s, %s."), strip, at);
    case STEP_REPEAT_STRIP:
        return xasprintf(_("Move the ball back to the knee end of the %s, %s."), strip, at);
    case STEP_CHANGE_SIDE:
        if (s->side == ROUTINE_SIDE_LEFT)
            return xasprintf(_("Left leg now: the ball under the %s, %s."), strip, at);
        return xasprintf(_("Right leg now: the ball under the %s, %s."), strip, at);
    case STEP_PHASE: break;
    }
    return xstrdup("");
}

static char *spoken(const struct timeline_step *s, const char *strip, const char *at)
{
    switch (s->kind) {
    case STEP_CHANGE_STRIP:
        /* TRANSLATORS: the strip, then the place ("10 centimetres above the knee crease"). */
        return xasprintf(_("Change strip: move the ball to the %s, %s"), strip, at);
    case STEP_REPEAT_STRIP: return xasprintf(_("Back to the knee end of the %s, %s"), strip, at);
    case STEP_CHANGE_SIDE:
        if (s->side == ROUTINE_SIDE_LEFT)
            return xasprintf(_("Change legs: left leg now, the ball under the %s, %s"), strip, at);
        return xasprintf(_("Change legs: right leg now, the ball under the %s, %s"), strip, at);
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
    char *at = position_place_words(r->diagram, s->cm, form == STEP_SPOKEN);
    char *text = form == STEP_SPOKEN ? spoken(s, strip, at) : shown(s, strip, at);
    free(at);
    free(strip);
    return text;
}
