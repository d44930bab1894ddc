/* rules_transitions.c - "transitions": how long a session gives to move the
 * ball to another strip (or back to the knee end for a second pass) and to
 * change legs. Both are optional, defaulting to routine.h's numbers, and are
 * checked against the transition_s limit the way a phase's duration is
 * checked against phase_s, with messages of the same shape. */
#include "routine/rules_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "routine/limits.h"
#include "routine/routine.h"
#include "util/i18n.h"
#include "util/util.h"

static const char *const transition_fields[] = {"strip_s", "side_s"};

/* One duration in seconds at `path` into *ms; false after reporting. */
static bool check_change(struct parse_ctx *c, const cJSON *j, const char *path, bool side,
                         uint32_t *ms)
{
    double s;
    if (!field_check_number(c, j, path, &s))
        return false;
    const struct limit *l = &limit_table[LIMIT_TRANSITION_S];
    char hint[96];
    if (s <= 0) {
        if (side)
            snprintf(hint, sizeof hint, _("give the time to change legs in seconds, such as %d"),
                     ROUTINE_SIDE_CHANGE_DEFAULT_S);
        else
            snprintf(hint, sizeof hint, _("give the time to change strip in seconds, such as %d"),
                     ROUTINE_STRIP_CHANGE_DEFAULT_S);
        parse_report(c, DIAG_ERROR, path, hint, _("%g s is not a duration"), s);
    } else if (s < l->min) {
        snprintf(hint, sizeof hint, _("give it at least %g s"), l->min);
        parse_report(c, DIAG_ERROR, path, hint,
                     side ? _("%g s is too short to change legs")
                          : _("%g s is too short to change strip"),
                     s);
    } else if (s > l->max) {
        snprintf(hint, sizeof hint, _("keep it to %g s or less"), l->max);
        parse_report(c, DIAG_ERROR, path, hint,
                     side ? _("%g s is too long to change legs")
                          : _("%g s is too long to change strip"),
                     s);
    } else {
        *ms = (uint32_t)llround(s * 1000.0);
        return true;
    }
    return false;
}

/* One optional field of the "transitions" object into *ms. */
static bool read_change(struct parse_ctx *c, const struct fields *f, const char *name, bool side,
                        uint32_t *ms)
{
    const cJSON *v = field_get(f, name);
    if (!v)
        return true;
    char *p = parse_path_key(f->path, name);
    bool ok = check_change(c, v, p, side, ms);
    free(p);
    return ok;
}

bool rules_read_transitions(struct parse_ctx *c, const struct fields *top, struct routine *r)
{
    r->transitions = (struct routine_transitions){
        .strip_ms = ROUTINE_STRIP_CHANGE_DEFAULT_S * 1000u,
        .side_ms = ROUTINE_SIDE_CHANGE_DEFAULT_S * 1000u,
    };
    const cJSON *j = field_get(top, "transitions");
    if (!j)
        return true;
    if (!cJSON_IsObject(j)) {
        field_wrong_type(c, "transitions", j, _("an object"));
        return false;
    }
    struct fields f = {j, "transitions", transition_fields,
                       sizeof transition_fields / sizeof *transition_fields, 0};
    size_t before = c->n_errors;
    field_check_keys(c, &f);
    bool ok = read_change(c, &f, "strip_s", false, &r->transitions.strip_ms);
    ok &= read_change(c, &f, "side_s", true, &r->transitions.side_ms);
    return ok && c->n_errors == before;
}
