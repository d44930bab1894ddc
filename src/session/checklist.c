/* checklist.c - see checklist.h. The built-in items follow the domain briefs
 * (shared/domain/technique.md, quads-calves.md): global contraindications
 * stop the session, local ones name an area the ball must avoid. The items
 * about the body area (a recent tear there, the skin, veins and swelling
 * there, and for the calf the signs of a clot) are worded for the area the
 * routine's diagram shows; the others are the same for every routine.
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

#define GLOBAL(id, q) {id, CHECK_SCOPE_GLOBAL, q, NULL}
#define LOCAL(id, q, area) {id, CHECK_SCOPE_LOCAL, q, area}

/* Asked first, the same for every area. */
static const struct builtin common_first[] = {
    GLOBAL("fever", N_("Do you have a fever or feel acutely ill today?")),
    GLOBAL("blood-clot", N_("Have you ever had, or do you suspect, a blood clot in a leg (DVT)?")),
    GLOBAL("bleeding", N_("Do you have a bleeding disorder or take blood-thinning medicine?")),
    GLOBAL("cancer", N_("Are you being treated for cancer?")),
    GLOBAL("surgery-fracture",
           N_("Did you recently have surgery, a broken bone or a cast on this leg?")),
};

/* Then the area's own global items, then these. */
static const struct builtin common_then[] = {
    GLOBAL("lost-feeling", N_("Have you lost feeling in your legs, for example through diabetes?")),
    GLOBAL("nerve-signs",
           N_("Do you have numbness, tingling or shooting pain running down the leg?")),
    GLOBAL("pregnancy", N_("Are you pregnant and have swollen or painful legs?")),
};

static const struct builtin back_global[] = {
    GLOBAL("hamstring-tear",
           N_("Could you have torn a hamstring recently (sudden sharp pain, bruising)?")),
};
static const struct builtin back_local[] = {
    LOCAL("bruise", N_("Is there a bruise on the back of the thigh?"), N_("the bruise")),
    LOCAL("skin", N_("Is there an open wound, a skin infection or a rash on the back of the thigh?"),
          N_("the wound, infection or rash")),
    LOCAL("veins", N_("Are there varicose veins on the back of the thigh?"),
          N_("the varicose veins")),
    LOCAL("swelling",
          N_("Is the back of the thigh swollen, or did you have an injection there recently?"),
          N_("the swelling or injection site")),
};

static const struct builtin front_global[] = {
    GLOBAL("quadriceps-tear", N_("Could you have torn a muscle at the front of the thigh recently "
                                 "(sudden sharp pain, bruising)?")),
};
static const struct builtin front_local[] = {
    LOCAL("bruise", N_("Is there a bruise on the front of the thigh?"), N_("the bruise")),
    LOCAL("skin",
          N_("Is there an open wound, a skin infection or a rash on the front of the thigh?"),
          N_("the wound, infection or rash")),
    LOCAL("veins", N_("Are there varicose veins on the front or the inside of the thigh?"),
          N_("the varicose veins")),
    LOCAL("swelling",
          N_("Is the front of the thigh swollen, or did you have an injection there recently?"),
          N_("the swelling or injection site")),
};

static const struct builtin calf_global[] = {
    GLOBAL("calf-tear", N_("Could you have torn a calf muscle or the Achilles tendon recently "
                           "(a sudden sharp pain or a snap, bruising)?")),
    /* a clot in a deep vein of the calf shows like this: never press on it */
    GLOBAL("calf-clot-signs", N_("Do you have calf pain with swelling, warmth or redness? (It can "
                                 "be a blood clot: see a doctor today.)")),
};
static const struct builtin calf_local[] = {
    LOCAL("bruise", N_("Is there a bruise on the calf?"), N_("the bruise")),
    LOCAL("skin", N_("Is there an open wound, a skin infection or a rash on the calf?"),
          N_("the wound, infection or rash")),
    LOCAL("veins", N_("Are there varicose veins on the calf?"), N_("the varicose veins")),
    LOCAL("swelling", N_("Is the calf swollen, or did you have an injection there recently?"),
          N_("the swelling or injection site")),
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* What is asked about one body area. */
static const struct area_items {
    const struct builtin *global, *local;
    size_t n_global, n_local;
    const char *caution; /* the caution screen's first words */
} areas[BODY_AREA_COUNT] = {
    [BODY_AREA_BACK_OF_THIGH] = {back_global, back_local, COUNT(back_global), COUNT(back_local),
                                 N_("You answered Yes to a question about the back of the thigh. "
                                    "You may go on, but never put the ball on or next to:")},
    [BODY_AREA_FRONT_OF_THIGH] = {front_global, front_local, COUNT(front_global),
                                  COUNT(front_local),
                                  N_("You answered Yes to a question about the front of the thigh. "
                                     "You may go on, but never put the ball on or next to:")},
    [BODY_AREA_CALF] = {calf_global, calf_local, COUNT(calf_global), COUNT(calf_local),
                        N_("You answered Yes to a question about the calf. You may go on, but "
                           "never put the ball on or next to:")},
};

/* The area of the routine's diagram; the back of the thigh without one. */
static enum body_area area_of(const struct routine *r)
{
    return r && r->diagram ? r->diagram->area : BODY_AREA_BACK_OF_THIGH;
}

size_t checklist_builtin_count(const struct routine *r)
{
    const struct area_items *a = &areas[area_of(r)];
    return COUNT(common_first) + a->n_global + COUNT(common_then) + a->n_local;
}

/* Appends n built-in items; about_area marks the ones worded for the area. */
static void add_builtins(struct checklist *c, const struct builtin *b, size_t n, bool about_area)
{
    for (size_t i = 0; i < n; i++)
        c->items[c->n_items++] = (struct checklist_item){
            .id = b[i].id,
            .question = b[i].question,
            .area = b[i].area,
            .scope = b[i].scope,
            .builtin = true,
            .about_area = about_area,
        };
}

void checklist_init(struct checklist *c, const struct routine *r)
{
    size_t extra = r ? r->n_checks : 0;
    c->area = area_of(r);
    const struct area_items *a = &areas[c->area];
    c->items = xcalloc(checklist_builtin_count(r) + extra, sizeof c->items[0]);
    c->n_items = 0;
    add_builtins(c, common_first, COUNT(common_first), false);
    add_builtins(c, a->global, a->n_global, true);
    add_builtins(c, common_then, COUNT(common_then), false);
    add_builtins(c, a->local, a->n_local, true);
    for (size_t i = 0; i < extra; i++) {
        const struct routine_check *rc = &r->checks[i];
        c->items[c->n_items++] = (struct checklist_item){
            .id = rc->id,
            .question = rc->text,
            .area = rc->scope == CHECK_SCOPE_LOCAL ? rc->area : NULL,
            .scope = rc->scope,
        };
    }
}

const char *checklist_area_name(const struct checklist *c)
{
    return _(body_area_name(c->area));
}

const char *checklist_caution_intro(const struct checklist *c)
{
    return _(areas[c->area].caution);
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
