/* rules_checklist.c - a routine's own checklist items against the built-in
 * ones (check_topics.h): an item that asks what a built-in question already
 * asks is merged into it (a warning, and the item is left out of the model,
 * so the question is asked once), or refused when merging would weaken it
 * (an error: the routine's item stops the session, the built-in one only
 * keeps the ball away from an area). */
#include <stdlib.h>

#include "routine/check_topics.h"
#include "routine/routine.h"
#include "routine/rules_private.h"
#include "util/i18n.h"

static void free_check(struct routine_check *k)
{
    free(k->id);
    free(k->text);
    free(k->area);
}

/* Reports item i, which repeats `t`; true when it is merged (to be left out). */
static bool report_repeat(struct parse_ctx *c, const struct routine_check *k, size_t i,
                          const struct check_topic *t)
{
    char *path = parse_path_index("checklist", i);
    bool merged = !(k->scope == CHECK_SCOPE_GLOBAL && t->scope == CHECK_SCOPE_LOCAL);
    if (merged)
        parse_report(c, DIAG_WARNING, path,
                     _("leave this item out, or ask about something the built-in list does not"),
                     _("repeats the built-in question \"%s\" (%s): it is asked once, as the "
                       "built-in one"),
                     t->id, _(t->about));
    else
        parse_report(c, DIAG_ERROR, path,
                     _("leave it out (the built-in question keeps the ball away from the area), "
                       "or ask about something the built-in list does not"),
                     _("asks what the built-in question \"%s\" (%s) asks, but stops the session "
                       "where the built-in one only avoids the area"),
                     t->id, _(t->about));
    free(path);
    return merged;
}

void rules_merge_checklist(struct parse_ctx *c, struct routine *r)
{
    size_t kept = 0;
    for (size_t i = 0; i < r->n_checks; i++) {
        struct routine_check *k = &r->checks[i];
        const struct check_topic *t = k->text ? check_topic_repeated(k->id, k->text) : NULL;
        if (t && report_repeat(c, k, i, t)) {
            free_check(k);
            continue;
        }
        r->checks[kept++] = *k;
    }
    r->n_checks = kept;
}
