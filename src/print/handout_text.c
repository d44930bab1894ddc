/* handout_text.c - see handout_text.h. Every number is the routine's or
 * the plan's (engine/plan.h: the same timeline `plan`, `check` and the app
 * count with); the questions are the checklist model's (session/checklist.h),
 * built-in ones and the routine's own, never a copy. The questions and the
 * timings are never left out at any level; only equipment, setup and the
 * suggestions for afterwards are shortened. */
#include "print/handout_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/plan.h"
#include "engine/position_words.h"
#include "routine/library.h"
#include "session/checklist.h"
#include "util/i18n.h"
#include "util/util.h"

void handout_parts_finish(struct handout_parts *p)
{
    flow_finish(&p->header);
    flow_finish(&p->left);
    flow_finish(&p->right);
    flow_finish(&p->check_head);
    flow_finish(&p->check);
    flow_finish(&p->notice);
}

/* How many items of a long list a level shows (0: all). */
static size_t list_cap(int level)
{
    return level <= 1 ? 0 : level == 2 ? 10 : level == 3 ? 6 : 4;
}

static void add_list(struct flow *f, enum flow_kind kind, char *const *items, size_t n, int level)
{
    size_t cap = list_cap(level), shown = cap && n > cap ? cap : n;
    for (size_t i = 0; i < shown; i++)
        flow_add(f, kind, items[i])->n = (int)i + 1;
    if (shown < n) {
        char *more = xasprintf(_("... and %zu more in the routine file."), n - shown);
        flow_add(f, FLOW_MUTED, more);
        free(more);
    }
}

/* s cut to at most `chars` characters, with "..." when cut; a summarised
 * page names things, it does not quote them. Caller frees. */
static char *shorten(const char *s, size_t chars)
{
    size_t at = 0, n = strlen(s), count = 0;
    uint32_t cp;
    while (at < n && count < chars) {
        size_t k = utf8_next(s + at, n - at, &cp);
        at += k ? k : 1;
        count++;
    }
    if (at >= n)
        return xstrdup(s);
    return xasprintf("%.*s\u2026", (int)at, s);
}

/* How long names may be at a level (0: as written). */
static size_t name_chars(int level) { return level == 0 ? 0 : level == 1 ? 60 : 32; }

static char *name_at(const char *s, int level)
{
    return name_chars(level) ? shorten(s, name_chars(level)) : xstrdup(s);
}

static char *mss(uint64_t ms)
{
    char buf[32];
    return xstrdup(format_mss(ms, buf, sizeof buf));
}

/* ---- the header ----------------------------------------------------------------- */

static void build_header(const struct routine *r, struct flow *f)
{
    flow_add(f, FLOW_TITLE, r->title);
    /* "For Anna K." in bold, then "prepared by M. Weber · 2024-05-01". */
    struct strbuf rest = {0};
    strbuf_append(&rest, "");
    if (r->prepared_by)
        strbuf_appendf(&rest, r->prepared_for ? _("prepared by %s") : _("Prepared by %s"),
                       r->prepared_by);
    if (r->prepared_on)
        strbuf_appendf(&rest, "%s%s", rest.len ? " \u00b7 " : "", r->prepared_on);
    if (r->prepared_for) {
        char *who = xasprintf(_("For %s"), r->prepared_for);
        flow_add_bold(f, FLOW_TEXT, who, rest.len ? rest.data : NULL);
        free(who);
    } else if (rest.len) {
        flow_add(f, FLOW_TEXT, rest.data);
    }
    strbuf_free(&rest);
    flow_add(f, FLOW_MUTED, r->description);
}

/* ---- beside the figure ---------------------------------------------------------- */

/* "(biceps femoris), outer line:" for a strip's row; fewer muscles, and
 * shorter, as the level rises (none from 2). */
static void strip_muscles(const struct routine_strip *s, int level, struct strbuf *row)
{
    size_t shown = level == 0 ? s->n_muscles : level == 1 ? 3 : 0;
    if (shown > s->n_muscles)
        shown = s->n_muscles;
    strbuf_append(row, shown ? "(" : "");
    for (size_t k = 0; k < shown; k++) {
        char *m = name_at(s->muscles[k], level);
        strbuf_appendf(row, "%s%s", k ? ", " : "", m);
        free(m);
    }
    if (shown < s->n_muscles && shown)
        strbuf_append(row, ", ...");
    strbuf_append(row, shown ? "), " : "");
}

/* How the figure shows the leg: from behind or the front, the knee at the
 * bottom or (cm running down) the top. */
static const char *view_words(const struct diagram *d, bool right)
{
    bool knee_on_top = d->units_per_cm < 0;
    if (d->area == BODY_AREA_FRONT_OF_THIGH)
        return right ? _("The right leg seen from the front, knee at the bottom.")
                     : _("The left leg seen from the front, knee at the bottom.");
    if (knee_on_top)
        return right ? _("The right leg seen from behind, knee at the top.")
                     : _("The left leg seen from behind, knee at the top.");
    return right ? _("The right leg seen from behind, knee at the bottom.")
                 : _("The left leg seen from behind, knee at the bottom.");
}

/* What the figure shows, in words: the view, the dots, the diagram's own
 * no-go zones by name. */
static void figure_words(const struct routine *r, bool right, struct strbuf *sb)
{
    const struct diagram *d = r->diagram;
    strbuf_append(sb, view_words(d, right));
    strbuf_append(sb, d->units_per_cm < 0
                          ? _(" Blue dots: the ball positions, numbered from the knee down.")
                          : _(" Blue dots: the ball positions, numbered from the knee up."));
    struct strbuf zones = {0};
    strbuf_append(&zones, "");
    /* a semicolon between: a zone's own name may hold an "and" */
    for (size_t i = 0; i < d->n_zones; i++)
        strbuf_appendf(&zones, "%s%s", i ? "; " : "", _(d->zones[i].name));
    if (d->n_zones)
        /* TRANSLATORS: the diagram's no-go zones ("the hollow behind the knee; the
         * Achilles tendon; the shin bone"). */
        strbuf_appendf(sb, _(" Hatched, where the ball never goes: %s."), zones.data);
    strbuf_free(&zones);
    if (r->n_sides == 2)
        strbuf_append(sb, _(" The other leg is the mirror image."));
}

static void build_left(const struct routine *r, const struct figure *fig, int level,
                       struct flow *f)
{
    struct strbuf sb = {0};
    figure_words(r, figure_side(fig) == ROUTINE_SIDE_RIGHT, &sb);
    flow_add(f, FLOW_MUTED, sb.data);
    strbuf_free(&sb);
    char *head = xasprintf(_("Ball positions, %s"), position_cm_from(r->diagram));
    flow_add(f, FLOW_HEADING, head);
    free(head);
    for (size_t i = 0; i < r->n_strips; i++) {
        const struct routine_strip *s = &r->strips[i];
        struct strbuf row = {0};
        strbuf_append(&row, "");
        strip_muscles(s, level, &row);
        strbuf_appendf(&row, _("%s line%s:"), _(s->line->label), s->passes > 1 ? _(", twice") : "");
        for (size_t k = 0; k < s->n_positions; k++)
            strbuf_appendf(&row, _(" %zu at %g%s"), k + 1, s->positions_cm[k],
                           k + 1 < s->n_positions ? "," : " cm");
        const char *key = figure_strip_key(fig, i);
        char *label = name_at(s->label, level);
        char *bold = xasprintf("%s%s%s", key, key[0] ? " " : "", label);
        /* Never cut: every position's number is on the page. */
        flow_add_bold(f, FLOW_TEXT, bold, row.data)->keep = true;
        free(bold);
        free(label);
        strbuf_free(&row);
    }
}

/* ---- the how-to column ------------------------------------------------------------ */

static void build_cycle(const struct routine *r, int level, struct flow *f)
{
    uint64_t cycle = 0;
    bool has_move = false;
    for (size_t i = 0; i < r->n_phases; i++) {
        cycle += r->phases[i].duration_ms;
        has_move |= r->phases[i].kind == PHASE_MOVE;
    }
    char *len = mss(cycle);
    char *head = xasprintf(_("At every ball position (%s)"), len);
    flow_add(f, FLOW_HEADING, head);
    for (size_t i = 0; i < r->n_phases; i++) {
        const struct routine_phase *ph = &r->phases[i];
        char *title = name_at(ph->title, level);
        char *bold = xasprintf(_("%s, %g s:"), title, ph->duration_ms / 1000.0);
        free(title);
        char *rest = ph->countdown
                         ? xasprintf(_("%s The last %u s are counted aloud."), ph->instruction,
                                     ph->countdown)
                         : xstrdup(ph->instruction);
        flow_add_bold(f, FLOW_STEP, bold, rest)->n = (int)i + 1;
        free(bold);
        free(rest);
    }
    if (has_move)
        flow_add(f, FLOW_MUTED, _("After the last position of a strip there is no move."));
    free(head);
    free(len);
}

/* Time of the steps of one side (strip SIZE_MAX: all strips). */
static uint64_t time_of(const struct timeline *t, size_t side, size_t strip)
{
    uint64_t ms = 0;
    for (size_t i = 0; i < t->n_steps; i++)
        if (t->steps[i].side_index == side && (strip == SIZE_MAX || t->steps[i].strip == strip))
            ms += t->steps[i].duration_ms;
    return ms;
}

static void build_order(const struct routine *r, const struct plan *p, int level,
                        struct flow *f)
{
    flow_add(f, FLOW_HEADING, _("Strips and legs, in order"));
    const char *legs[] = {_("Left leg"), _("Right leg")};
    for (size_t side = 0; side < r->n_sides; side++) {
        struct strbuf sb = {0};
        strbuf_append(&sb, "");
        /* Many strips, summarised: the table beside the figure has them in order. */
        bool summary = level >= 2 && r->n_strips > 4;
        for (size_t i = 0; i < r->n_strips && !summary; i++) {
            const struct routine_strip *s = &r->strips[i];
            char *took = mss(time_of(&p->timeline, side, i)), *label = name_at(s->label, level);
            strbuf_appendf(&sb, _("%s%s%s (%zu positions, %s)"), i ? _(", then ") : "", label,
                           s->passes > 1 ? _(" twice") : "", s->n_positions * s->passes, took);
            free(took);
            free(label);
        }
        if (summary)
            strbuf_appendf(&sb, _("the %zu strips in the order of the positions table"),
                           r->n_strips);
        strbuf_append(&sb, ".");
        char *took = mss(time_of(&p->timeline, side, SIZE_MAX));
        char *bold = xasprintf("%s, %s:", legs[r->sides[side]], took);
        flow_add_bold(f, FLOW_TEXT, bold, sb.data);
        free(bold);
        free(took);
        strbuf_free(&sb);
    }
    if (r->n_strips > 1)
        flow_add(f, FLOW_TEXT, _("From one strip to the next: after its last position, relax, "
                                 "lift the leg and set the ball at the first position of the "
                                 "next strip."));
    if (r->n_sides == 2)
        flow_add(f, FLOW_TEXT, _("After the last strip, change legs and begin again with the "
                                 "first strip."));
    char *total = mss(p->timeline.total_ms), *lead = mss(p->timeline.lead_in_ms);
    char *bold = xasprintf(_("Total %s"), total);
    char *rest = xasprintf(_("for %zu ball positions, with a %s get-ready countdown."),
                           routine_total_positions(r), lead);
    flow_add_bold(f, FLOW_TEXT, bold, rest);
    free(bold);
    free(rest);
    free(total);
    free(lead);
}

/* The routines to do next by their titles, as a reader knows them, with the
 * id to start one by ("Calves: ... (calves-spiky-ball)"); an id the
 * library does not know (a copy made elsewhere) as it is. Caller frees. */
static char **next_names(const struct routine *r)
{
    struct library lib;
    library_init_default(&lib);
    char **out = xcalloc(r->n_next, sizeof *out);
    for (size_t i = 0; i < r->n_next; i++) {
        const struct library_entry *e = library_find(&lib, r->next[i]);
        out[i] = e && e->routine ? xasprintf("%s (%s)", e->routine->title, r->next[i])
                                 : xstrdup(r->next[i]);
    }
    library_finish(&lib);
    return out;
}

static void build_right(const struct routine *r, int level, struct flow *f)
{
    flow_add(f, FLOW_HEADING, _("What you need"));
    add_list(f, FLOW_BULLET, r->equipment, r->n_equipment, level);
    flow_add(f, FLOW_HEADING, _("Get ready"));
    add_list(f, FLOW_STEP, r->setup, r->n_setup, level);
    build_cycle(r, level, f);
    struct plan p;
    if (plan_init(&p, r)) /* a valid routine always has steps */
        build_order(r, &p, level, f);
    plan_finish(&p);
    if (r->therapist_note) {
        char *from = r->prepared_by ? xasprintf(_("A note from %s:"), r->prepared_by)
                                    : xstrdup(_("A note from your therapist:"));
        flow_add_bold(f, FLOW_NOTE, from, r->therapist_note);
        free(from);
    }
    if (r->n_next && level <= 1) {
        flow_add(f, FLOW_HEADING, _("Afterwards"));
        char **next = next_names(r);
        add_list(f, FLOW_BULLET, next, r->n_next, level);
        for (size_t i = 0; i < r->n_next; i++)
            free(next[i]);
        free(next);
    }
}

/* ---- the checklist and the notice ---------------------------------------------------- */

static void build_checklist(const struct routine *r, struct handout_parts *p)
{
    struct checklist c;
    checklist_init(&c, r);
    size_t globals = 0;
    for (size_t i = 0; i < c.n_items; i++)
        globals += c.items[i].scope == CHECK_SCOPE_GLOBAL;
    flow_add(&p->check_head, FLOW_HEADING, _("Before every session: the safety questions"));
    char *how = xasprintf(_("Tick Yes or No for each. A Yes to any of the first %zu: no session "
                            "today, ask a qualified professional first. A Yes to one of the "
                            "others: you may go on, but keep the ball away from that area."),
                          globals);
    flow_add(&p->check_head, FLOW_MUTED, how);
    free(how);
    /* Global questions first, then local ones. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < c.n_items; i++) {
            const struct checklist_item *it = &c.items[i];
            if ((it->scope == CHECK_SCOPE_GLOBAL) != (pass == 0))
                continue;
            if (it->scope == CHECK_SCOPE_LOCAL) {
                char *text = xasprintf(_("%s If Yes, keep the ball away from %s."),
                                       checklist_question(it), checklist_area(it));
                flow_add(&p->check, FLOW_CHECK, text);
                free(text);
            } else {
                flow_add(&p->check, FLOW_CHECK, checklist_question(it));
            }
        }
    }
    checklist_finish(&c);
}

void handout_text_build(const struct routine *r, const struct figure *fig, int level,
                        struct handout_parts *p)
{
    *p = (struct handout_parts){0};
    build_header(r, &p->header);
    build_left(r, fig, level, &p->left);
    build_right(r, level, &p->right);
    build_checklist(r, p);
    flow_add(&p->notice, FLOW_NOTICE,
             _("This is not medical advice. If in doubt, ask a qualified professional."));
    char *made = xasprintf(_("Made with smr-timer from the routine \"%s\"."), r->id);
    flow_add(&p->notice, FLOW_MUTED, made)->keep = true;
    free(made);
}
