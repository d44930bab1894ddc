/* rules.c - the third stage: what a routine must say. Reads the top-level
 * fields, the cycle of phases, the sides and the checklist into the model
 * (the strips are in rules_strips.c, the transitions in rules_transitions.c),
 * comparing against limits.h.
 *
 * Each root cause is reported once: a field that is wrong is not looked at
 * further, and rules that combine several fields (one hold per cycle,
 * positions in all, session length) only run when those fields are valid. */
#include "routine/rules_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "routine/limits.h"
#include "routine/routine.h"
#include "routine/timeline.h"
#include "util/i18n.h"
#include "util/util.h"

bool rules_unique_ids(struct parse_ctx *c, const char *list, const char *const *ids, size_t n)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < i && ids[i]; k++) {
            if (ids[k] && strcmp(ids[k], ids[i]) == 0) {
                char *p = xasprintf("%s[%zu].id", list, i);
                char hint[64];
                snprintf(hint, sizeof hint, _("%s[%zu] has it already"), list, k);
                parse_report(c, DIAG_ERROR, p, hint, _("duplicate id \"%s\""), ids[i]);
                free(p);
                ok = false;
                break;
            }
        }
    }
    return ok;
}

/* ---- the cycle ---------------------------------------------------------- */

static const char *const phase_fields[] = {"kind", "title", "instruction", "duration_s",
                                           "countdown"};

/* False when the kind is missing or unknown (the cycle rules need every kind). */
static bool parse_kind(struct parse_ctx *c, const struct fields *f, struct routine_phase *ph)
{
    const cJSON *kj = field_get(f, "kind");
    if (!kj) {
        field_missing(c, f, "kind", _("use place, stretch, hold, relax or move"));
        return false;
    }
    const char *kinds[PHASE_MOVE + 1];
    for (int k = 0; k <= PHASE_MOVE; k++)
        kinds[k] = phase_kind_name((enum phase_kind)k);
    char *p = parse_path_key(f->path, "kind");
    int k = field_check_enum(c, kj, p, kinds, PHASE_MOVE + 1, _("phase kind"));
    free(p);
    if (k < 0)
        return false;
    ph->kind = (enum phase_kind)k;
    return true;
}

/* duration_s into ph->duration_ms and *secs; false when it is missing or wrong.
 * A hold has its own range (kind_ok: ph->kind could be read). */
static bool parse_duration(struct parse_ctx *c, const struct fields *f, bool kind_ok,
                           struct routine_phase *ph, double *secs)
{
    const cJSON *dj = field_get(f, "duration_s");
    if (!dj) {
        field_missing(c, f, "duration_s", _("give the phase's length in seconds"));
        return false;
    }
    char *dp = parse_path_key(f->path, "duration_s");
    bool ok = false;
    if (!field_check_number(c, dj, dp, secs))
        goto done;
    double s = *secs;
    bool hold = kind_ok && ph->kind == PHASE_HOLD;
    const struct limit *phase = &limit_table[LIMIT_PHASE_S], *holds = &limit_table[LIMIT_HOLD_S],
                       *usual = &limit_table[LIMIT_HOLD_USUAL_S];
    char hint[96];
    if (hold && !limit_contains(holds, s)) {
        parse_report(c, DIAG_ERROR, dp, limit_advice(usual, hint, sizeof hint),
                     _("a hold of %g s is outside %g-%g s"), s, holds->min, holds->max);
    } else if (s <= 0) {
        parse_report(c, DIAG_ERROR, dp, _("give the phase's length in seconds, such as 5"),
                     _("%g s is not a duration"), s);
    } else if (s < phase->min) {
        snprintf(hint, sizeof hint, _("give a phase at least %g s"), phase->min);
        parse_report(c, DIAG_ERROR, dp, hint, _("%g s is too short for a phase"), s);
    } else if (s > phase->max) {
        snprintf(hint, sizeof hint, _("keep a phase to %g s or less"), phase->max);
        parse_report(c, DIAG_ERROR, dp, hint, _("%g s is too long for one phase"), s);
    } else {
        ok = true;
        ph->duration_ms = (uint32_t)llround(s * 1000.0);
        if (hold && !limit_contains(usual, s))
            parse_report(c, DIAG_WARNING, dp, limit_usual(usual, hint, sizeof hint),
                         _("a hold of %g s is outside %g-%g s"), s, usual->min, usual->max);
    }
done:
    free(dp);
    return ok;
}

/* The optional countdown, which cannot be longer than the phase (secs, when
 * secs_ok). */
static void parse_countdown(struct parse_ctx *c, const struct fields *f, bool secs_ok, double secs,
                            struct routine_phase *ph)
{
    const cJSON *cj = field_get(f, "countdown");
    if (!cj)
        return;
    char *p = parse_path_key(f->path, "countdown");
    double n;
    if (field_check_whole(c, cj, p, &n)) {
        if (n < 0) {
            parse_report(c, DIAG_ERROR, p, _("give 0 for no countdown"), _("%g is negative"), n);
        } else if (secs_ok && n > floor(secs)) {
            char hint[64];
            snprintf(hint, sizeof hint, _("count %g seconds at most"), floor(secs));
            parse_report(c, DIAG_ERROR, p, hint, _("counts down %g s but the phase lasts %g s"), n,
                         secs);
        } else if (secs_ok) {
            ph->countdown = (unsigned)n;
        }
    }
    free(p);
}

/* Fills *ph; false when anything about it is wrong. *kind_ok says whether its
 * kind could be read. */
static bool parse_phase(struct parse_ctx *c, const cJSON *j, const char *path,
                        struct routine_phase *ph, bool *kind_ok)
{
    *kind_ok = false;
    if (!cJSON_IsObject(j)) {
        field_wrong_type(c, path, j, _("an object"));
        return false;
    }
    struct fields f = {j, path, phase_fields, sizeof phase_fields / sizeof *phase_fields, 0};
    field_check_keys(c, &f);
    size_t before = c->n_errors;
    *kind_ok = parse_kind(c, &f, ph);
    ph->title = field_want_string(c, &f, "title", true);
    ph->instruction = field_want_string(c, &f, "instruction", true);
    double secs = 0;
    bool secs_ok = parse_duration(c, &f, *kind_ok, ph, &secs);
    parse_countdown(c, &f, secs_ok, secs, ph);
    return c->n_errors == before;
}

/* The hold keeps a stretch: the phase right before it is a stretch. Run
 * when the cycle has exactly one hold, at index `hold`. */
static bool check_stretch_before_hold(struct parse_ctx *c, const struct routine *r, size_t hold)
{
    size_t stretches = 0;
    for (size_t i = 0; i < r->n_phases; i++)
        stretches += r->phases[i].kind == PHASE_STRETCH;
    if (stretches == 0) {
        parse_report(c, DIAG_ERROR, "cycle",
                     _("add a phase with \"kind\": \"stretch\" right before the hold: the "
                       "stretch is what is held"),
                     "%s", _("has no stretch phase"));
        return false;
    }
    if (hold > 0 && r->phases[hold - 1].kind == PHASE_STRETCH)
        return true;
    char *p = xasprintf("cycle[%zu].kind", hold);
    char hint[128];
    if (hold == 0)
        snprintf(hint, sizeof hint, "%s", _("put the stretch right before it"));
    else
        snprintf(hint, sizeof hint, _("put the stretch right before it, not a %s"),
                 phase_kind_name(r->phases[hold - 1].kind));
    parse_report(c, DIAG_ERROR, p, hint, "%s",
                 _("the hold must come right after a stretch: the stretch is what is held"));
    free(p);
    return false;
}

/* One hold, right after a stretch, and the move (if any) last. */
static bool check_cycle_order(struct parse_ctx *c, const struct routine *r)
{
    bool ok = true;
    size_t holds = 0, hold = 0, n = r->n_phases;
    for (size_t i = 0; i < n; i++) {
        char *p = xasprintf("cycle[%zu].kind", i);
        if (r->phases[i].kind == PHASE_HOLD && ++holds == 1)
            hold = i;
        if (r->phases[i].kind == PHASE_HOLD && holds == 2) {
            parse_report(c, DIAG_ERROR, p, _("a cycle holds once; merge the two holds"), "%s",
                         _("a second hold phase"));
            ok = false;
        }
        if (r->phases[i].kind == PHASE_MOVE && i + 1 < n) {
            parse_report(c, DIAG_ERROR, p, _("put it at the end of the cycle"), "%s",
                         _("the move phase must be the last phase"));
            ok = false;
        }
        free(p);
    }
    if (holds == 0) {
        char range[32], hint[96];
        limit_range(&limit_table[LIMIT_HOLD_USUAL_S], range, sizeof range);
        snprintf(hint, sizeof hint, _("add a phase with \"kind\": \"hold\" (%s)"), range);
        parse_report(c, DIAG_ERROR, "cycle", hint, "%s", _("has no hold phase"));
        ok = false;
    } else if (holds == 1) {
        ok &= check_stretch_before_hold(c, r, hold);
    }
    return ok;
}

static bool parse_cycle(struct parse_ctx *c, const struct fields *top, struct routine *r)
{
    const cJSON *j = field_top_array(c, top, "cycle", _("list the phases at each ball position"),
                                     _("a list of phases"));
    if (!j)
        return false;
    size_t n = (size_t)cJSON_GetArraySize(j);
    const struct limit *phases = &limit_table[LIMIT_PHASES];
    if (!limit_contains(phases, (double)n)) {
        parse_report(c, DIAG_ERROR, "cycle", NULL, _("has %zu phases; give %d to %d"), n,
                     (int)phases->min, (int)phases->max);
        return false;
    }
    r->phases = xcalloc(n, sizeof *r->phases);
    r->n_phases = n;
    bool ok = true, kinds_ok = true;
    size_t i = 0;
    for (const cJSON *it = j->child; it; it = it->next, i++) {
        char *p = parse_path_index("cycle", i);
        bool kind_ok;
        ok &= parse_phase(c, it, p, &r->phases[i], &kind_ok);
        kinds_ok &= kind_ok;
        free(p);
    }
    return kinds_ok && check_cycle_order(c, r) && ok;
}

/* ---- checklist and sides ------------------------------------------------- */

static const char *const check_fields[] = {"id", "scope", "question", "area"};
static const char *const scope_names[] = {"global", "local"};

static void parse_check(struct parse_ctx *c, const cJSON *j, const char *path,
                        struct routine_check *k)
{
    if (!cJSON_IsObject(j)) {
        field_wrong_type(c, path, j, _("an object"));
        return;
    }
    struct fields f = {j, path, check_fields, sizeof check_fields / sizeof *check_fields, 0};
    field_check_keys(c, &f);
    k->id = field_want_id(c, &f, "id");
    k->text = field_want_string(c, &f, "question", true);
    const cJSON *sj = field_get(&f, "scope");
    int scope = -1;
    if (!sj) {
        field_missing(c, &f, "scope",
                      _("use global (no session at all) or local (not on one area)"));
    } else {
        char *p = parse_path_key(path, "scope");
        scope = field_check_enum(c, sj, p, scope_names, 2, _("scope"));
        free(p);
    }
    if (scope >= 0)
        k->scope = (enum check_scope)scope;
    const cJSON *aj = field_get(&f, "area");
    if (scope == CHECK_SCOPE_LOCAL && !aj) {
        field_missing(c, &f, "area", _("say which area the ball must keep away from"));
    } else if (aj && scope == CHECK_SCOPE_GLOBAL) {
        char *p = parse_path_key(path, "area");
        parse_report(c, DIAG_ERROR, p, _("leave it out, or make the item local"), "%s",
                     _("only local items name an area"));
        free(p);
    } else if (aj) {
        k->area = field_want_string(c, &f, "area", true);
    }
}

static void parse_checklist(struct parse_ctx *c, const struct fields *top, struct routine *r)
{
    const cJSON *j = field_top_array(c, top, "checklist", NULL, _("a list of checklist items"));
    if (!j)
        return;
    size_t n = (size_t)cJSON_GetArraySize(j);
    int max = (int)limit_table[LIMIT_LIST_ITEMS].max;
    if (n > (size_t)max) {
        parse_report(c, DIAG_ERROR, "checklist", NULL, _("has %zu items; give at most %d"), n, max);
        return;
    }
    r->checks = xcalloc(n, sizeof *r->checks);
    r->n_checks = n;
    const char **ids = xcalloc(n, sizeof *ids);
    size_t i = 0;
    for (const cJSON *it = j->child; it; it = it->next, i++) {
        char *p = parse_path_index("checklist", i);
        parse_check(c, it, p, &r->checks[i]);
        ids[i] = r->checks[i].id;
        free(p);
    }
    rules_unique_ids(c, "checklist", ids, n);
    free(ids);
    rules_merge_checklist(c, r);
}

static bool parse_sides(struct parse_ctx *c, const struct fields *top, struct routine *r)
{
    const char *use = _("use [\"left\", \"right\"], [\"left\"] or [\"right\"]");
    const cJSON *j =
        field_top_array(c, top, "sides", use, _("a list such as [\"left\", \"right\"]"));
    if (!j)
        return false;
    size_t n = (size_t)cJSON_GetArraySize(j);
    if (n == 0 || n > 2) {
        parse_report(c, DIAG_ERROR, "sides", use, _("has %zu sides"), n);
        return false;
    }
    const char *names[] = {routine_side_name(ROUTINE_SIDE_LEFT),
                           routine_side_name(ROUTINE_SIDE_RIGHT)};
    bool ok = true;
    size_t i = 0;
    for (const cJSON *it = j->child; it; it = it->next, i++) {
        char *p = parse_path_index("sides", i);
        int s = field_check_enum(c, it, p, names, 2, _("side"));
        if (s < 0) {
            ok = false;
        } else if (i == 1 && r->n_sides == 1 && r->sides[0] == (enum routine_side)s) {
            parse_report(c, DIAG_ERROR, p, _("name each side once"), _("\"%s\" is there twice"),
                         names[s]);
            ok = false;
        } else {
            r->sides[r->n_sides++] = (enum routine_side)s;
        }
        free(p);
    }
    return ok;
}

/* ---- what comes next ------------------------------------------------------ */

/* "next": ids of routines to do afterwards. Only their form is checked here;
 * whether such routines exist is the library's question (routine/library.h). */
static void parse_next(struct parse_ctx *c, const struct fields *top, struct routine *r)
{
    const cJSON *j = field_top_array(c, top, "next", NULL, _("a list of routine ids"));
    if (!j)
        return;
    size_t n = (size_t)cJSON_GetArraySize(j);
    int max = (int)limit_table[LIMIT_LIST_ITEMS].max;
    if (n > (size_t)max) {
        parse_report(c, DIAG_ERROR, "next", NULL, _("has %zu items; give at most %d"), n, max);
        return;
    }
    r->next = xcalloc(n, sizeof *r->next);
    size_t i = 0;
    for (const cJSON *it = j->child; it; it = it->next, i++) {
        char *p = parse_path_index("next", i);
        const char *id = field_check_id(c, it, p);
        for (size_t k = 0; id && k < r->n_next; k++) {
            if (strcmp(r->next[k], id) == 0) {
                parse_report(c, DIAG_ERROR, p, _("name each routine once"),
                             _("\"%s\" is there twice"), id);
                id = NULL;
            }
        }
        if (id && r->id && strcmp(id, r->id) == 0) {
            parse_report(c, DIAG_ERROR, p, _("name the routines to do after this one"),
                         _("\"%s\" is this routine itself"), id);
            id = NULL;
        }
        if (id)
            r->next[r->n_next++] = xstrdup(id);
        free(p);
    }
}

/* ---- the whole file ------------------------------------------------------ */

static const char *const top_fields[] = {
    "$schema",        "format", "id",        "title", "description", "language", "target",
    "diagram",        "sides",  "equipment", "setup", "cycle",       "strips",   "checklist",
    "therapist_note", "next", "transitions", "prepared_for", "prepared_by", "prepared_on",
};

static void parse_format(struct parse_ctx *c, const struct fields *top)
{
    const cJSON *j = field_get(top, "format");
    if (!j) {
        field_missing(c, top, "format", _("add \"format\": \"smr-routine/1\""));
        return;
    }
    const char *s = field_check_string(c, j, "format");
    if (!s || strcmp(s, ROUTINE_FORMAT) == 0)
        return;
    char safe[128];
    parse_sanitize(s, safe, sizeof safe);
    parse_report(c, DIAG_ERROR, "format", _("this program reads \"smr-routine/1\""),
                 strncmp(s, "smr-routine/", 12) == 0 ? _("unknown format version \"%s\"")
                                                     : _("\"%s\" is not a routine format"),
                 safe);
}

static void parse_language(struct parse_ctx *c, const struct fields *top, struct routine *r)
{
    r->language = field_want_string(c, top, "language", true);
    if (!r->language)
        return;
    /* A BCP 47 shape: "en", "de-CH", "pt-BR". */
    const char *s = r->language;
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    bool ok = limit_contains(&limit_table[LIMIT_LANGUAGE_LETTERS], (double)n);
    for (s += n; ok && *s;) {
        size_t m = strspn(s + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
        ok = *s == '-' && limit_contains(&limit_table[LIMIT_LANGUAGE_SUBTAG], (double)m);
        s += 1 + m;
    }
    if (!ok) {
        char safe[128];
        parse_sanitize(r->language, safe, sizeof safe);
        parse_report(c, DIAG_ERROR, "language", _("use a language tag such as \"en\" or \"de-CH\""),
                     _("\"%s\" is not a language tag"), safe);
    }
}

static void parse_diagram(struct parse_ctx *c, const struct fields *top, struct routine *r)
{
    const cJSON *j = field_get(top, "diagram");
    if (!j) {
        field_missing(c, top, "diagram", _("add \"diagram\": \"hamstrings-back\""));
        return;
    }
    const char *s = field_check_string(c, j, "diagram");
    if (!s)
        return;
    r->diagram = c->diagram = diagram_find(s);
    if (!r->diagram) {
        char safe[128];
        parse_sanitize(s, safe, sizeof safe);
        char *hint = xasprintf(_("known diagrams: %s"), diagram_known_names());
        parse_report(c, DIAG_ERROR, "diagram", hint, _("unknown diagram \"%s\""), safe);
        free(hint);
    }
}

/* ---- who a tailored routine is for (smr-timer tailor) ------------------- */

static bool leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* "YYYY-MM-DD" naming a day that exists (no 2024-02-30), years 1900-9999. */
static bool valid_date(const char *s)
{
    int y, m, d, n = 0;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
        return false;
    for (int i = 0; i < 10; i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12 || d < 1)
        return false;
    return d <= days[m - 1] + (m == 2 && leap_year(y));
}

static void parse_prepared(struct parse_ctx *c, const struct fields *top, struct routine *r)
{
    r->prepared_for = field_want_string(c, top, "prepared_for", false);
    r->prepared_by = field_want_string(c, top, "prepared_by", false);
    r->prepared_on = field_want_string(c, top, "prepared_on", false);
    if (r->prepared_on && !valid_date(r->prepared_on)) {
        char safe[128];
        parse_sanitize(r->prepared_on, safe, sizeof safe);
        parse_report(c, DIAG_ERROR, "prepared_on", _("write the date as YYYY-MM-DD, e.g. 2024-05-01"),
                     _("\"%s\" is not a date"), safe);
    }
}

/* The rules over the whole routine, once its sides and strips are valid:
 * positions in all, then how often each line is worked (far too many
 * positions say that already), then (with a valid cycle and transitions too)
 * the session's length. */
static void check_totals(struct parse_ctx *c, const struct routine *r, bool cycle_ok)
{
    size_t positions = routine_total_positions(r);
    int max = (int)limit_table[LIMIT_POSITIONS].max;
    if (positions > (size_t)max) {
        char hint[96];
        snprintf(hint, sizeof hint, _("at most %d: use fewer strips, positions or passes"), max);
        parse_report(c, DIAG_ERROR, "strips", hint,
                     _("%zu ball positions in all (sides x passes x positions)"), positions);
        return;
    }
    rules_check_line_passes(c, r);
    if (!cycle_ok)
        return;
    uint64_t total = routine_total_ms(r);
    double minutes = limit_table[LIMIT_SESSION_MIN].max;
    if ((double)total > minutes * 60000.0) {
        char buf[32];
        parse_report(c, DIAG_WARNING, "", _("use fewer strips, positions or passes"),
                     _("the session lasts %s, over %g minutes"), format_mss(total, buf, sizeof buf),
                     minutes);
    }
}

void rules_read_routine(struct parse_ctx *c, const cJSON *root, struct routine *r)
{
    struct fields top = {root, "", top_fields, sizeof top_fields / sizeof *top_fields, 0};
    field_check_keys(c, &top);
    parse_format(c, &top);
    r->id = field_want_id(c, &top, "id");
    r->title = field_want_string(c, &top, "title", true);
    r->description = field_want_string(c, &top, "description", true);
    parse_language(c, &top, r);
    r->target = field_want_string(c, &top, "target", true);
    parse_diagram(c, &top, r);
    bool sides_ok = parse_sides(c, &top, r);
    bool lists_ok = true;
    size_t min = (size_t)limit_table[LIMIT_LIST_ITEMS].min;
    r->equipment =
        field_want_string_list(c, &top, "equipment", true, min, &r->n_equipment, &lists_ok);
    r->setup = field_want_string_list(c, &top, "setup", true, min, &r->n_setup, &lists_ok);
    bool cycle_ok = parse_cycle(c, &top, r);
    bool strips_ok = rules_read_strips(c, &top, r);
    bool transitions_ok = rules_read_transitions(c, &top, r);
    parse_checklist(c, &top, r);
    r->therapist_note = field_want_string(c, &top, "therapist_note", false);
    parse_next(c, &top, r);
    parse_prepared(c, &top, r);
    free(field_want_string(c, &top, "$schema", false));

    if (sides_ok && strips_ok)
        check_totals(c, r, cycle_ok && transitions_ok);
}
