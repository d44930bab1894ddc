/* checklist.c - see checklist.h. The built-in items follow the domain brief
 * (shared/domain/technique.md): global contraindications stop the session,
 * local ones on the back of the thigh name an area the ball must avoid.
 * Questions are phrased so that Yes always means "a reason for caution". */
#include "session/checklist.h"

#include <stdlib.h>

#include "util/i18n.h"
#include "util/util.h"

struct builtin {
    const char *id;
    enum check_scope scope;
    const char *question;
    const char *area;
};

static const struct builtin builtins[] = {
    {"fever", CHECK_SCOPE_GLOBAL, N_("Do you have a fever or feel acutely ill today?"), NULL},
    {"blood-clot", CHECK_SCOPE_GLOBAL,
     N_("Have you ever had, or do you suspect, a blood clot in a leg (DVT)?"), NULL},
    {"bleeding", CHECK_SCOPE_GLOBAL,
     N_("Do you have a bleeding disorder or take blood-thinning medicine?"), NULL},
    {"cancer", CHECK_SCOPE_GLOBAL, N_("Are you being treated for cancer?"), NULL},
    {"surgery-fracture", CHECK_SCOPE_GLOBAL,
     N_("Did you recently have surgery, a broken bone or a cast on this leg?"), NULL},
    {"hamstring-tear", CHECK_SCOPE_GLOBAL,
     N_("Could you have torn a hamstring recently (sudden sharp pain, bruising)?"), NULL},
    {"lost-feeling", CHECK_SCOPE_GLOBAL,
     N_("Have you lost feeling in your legs, for example through diabetes?"), NULL},
    {"nerve-signs", CHECK_SCOPE_GLOBAL,
     N_("Do you have numbness, tingling or shooting pain running down the leg?"), NULL},
    {"pregnancy", CHECK_SCOPE_GLOBAL, N_("Are you pregnant and have swollen or painful legs?"),
     NULL},
    {"bruise", CHECK_SCOPE_LOCAL, N_("Is there a bruise on the back of the thigh?"),
     N_("the bruise")},
    {"skin", CHECK_SCOPE_LOCAL,
     N_("Is there an open wound, a skin infection or a rash on the back of the thigh?"),
     N_("the wound, infection or rash")},
    {"veins", CHECK_SCOPE_LOCAL, N_("Are there varicose veins on the back of the thigh?"),
     N_("the varicose veins")},
    {"swelling", CHECK_SCOPE_LOCAL,
     N_("Is the back of the thigh swollen, or did you have an injection there recently?"),
     N_("the swelling or injection site")},
};

#define N_BUILTINS (sizeof builtins / sizeof builtins[0])

size_t checklist_builtin_count(void) { return N_BUILTINS; }

void checklist_init(struct checklist *c, const struct routine *r)
{
    size_t extra = r ? r->n_checks : 0;
    c->n_items = N_BUILTINS + extra;
    c->items = xcalloc(c->n_items, sizeof c->items[0]);
    for (size_t i = 0; i < N_BUILTINS; i++) {
        c->items[i] = (struct checklist_item){
            .id = builtins[i].id,
            .question = builtins[i].question,
            .area = builtins[i].area,
            .scope = builtins[i].scope,
            .builtin = true,
        };
    }
    for (size_t i = 0; i < extra; i++) {
        const struct routine_check *rc = &r->checks[i];
        c->items[N_BUILTINS + i] = (struct checklist_item){
            .id = rc->id,
            .question = rc->text,
            .area = rc->scope == CHECK_SCOPE_LOCAL ? rc->area : NULL,
            .scope = rc->scope,
        };
    }
}

void checklist_finish(struct checklist *c)
{
    if (!c)
        return;
    free(c->items);
    c->items = NULL;
    c->n_items = 0;
}

void checklist_answer(struct checklist *c, size_t i, enum checklist_answer a)
{
    if (i < c->n_items)
        c->items[i].answer = a;
}

size_t checklist_unanswered(const struct checklist *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n_items; i++)
        n += c->items[i].answer == CHECKLIST_UNANSWERED;
    return n;
}

size_t checklist_next_unanswered(const struct checklist *c, size_t from)
{
    for (size_t k = 0; k < c->n_items; k++) {
        size_t i = (from + k) % c->n_items;
        if (c->items[i].answer == CHECKLIST_UNANSWERED)
            return i;
    }
    return c->n_items;
}

enum checklist_outcome checklist_outcome(const struct checklist *c)
{
    if (checklist_unanswered(c) > 0)
        return CHECKLIST_INCOMPLETE;
    bool local = false;
    for (size_t i = 0; i < c->n_items; i++) {
        if (c->items[i].answer != CHECKLIST_YES)
            continue;
        if (c->items[i].scope == CHECK_SCOPE_GLOBAL)
            return CHECKLIST_STOP;
        local = true;
    }
    return local ? CHECKLIST_CAUTION : CHECKLIST_CLEAR;
}

const char *checklist_question(const struct checklist_item *it)
{
    return it->builtin ? _(it->question) : it->question;
}

const char *checklist_area(const struct checklist_item *it)
{
    if (!it->area)
        return NULL;
    return it->builtin ? _(it->area) : it->area;
}
