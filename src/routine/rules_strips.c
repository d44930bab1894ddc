/* rules_strips.c - the domain rules for the strips: where the ball goes and
 * how often. Positions are cm from the diagram's 0 cm (the knee crease, the
 * bottom of the kneecap) along a line, given as a range (start_cm, end_cm,
 * move_cm) or a list (positions_cm); each must be allowed on its line
 * (rules_position.c) and move by a sensible distance (routine/limits.h).
 * Expanded into the model's ascending positions_cm. A line is worked at
 * most twice a session, over all strips that follow it. */
#include "routine/rules_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "routine/diagram.h"
#include "routine/limits.h"
#include "routine/routine.h"
#include "util/i18n.h"
#include "util/util.h"

static const char *const strip_fields[] = {"id",     "label",   "muscles",      "line",  "start_cm",
                                           "end_cm", "move_cm", "positions_cm", "passes"};

/* cm run up the picture (hamstrings, quadriceps) or down it (calves): the
 * words "above" and "below" in messages follow the picture. */
static bool cm_run_up(const struct parse_ctx *c)
{
    return !c->diagram || c->diagram->units_per_cm > 0;
}

/* "up toward the hip": the way positions go, for hints. */
static const char *cm_toward(const struct parse_ctx *c)
{
    return c->diagram ? _(c->diagram->toward) : "";
}

/* A move distance between two ball positions, from move_cm or a listed gap. */
static bool check_move(struct parse_ctx *c, const char *path, double cm, bool listed)
{
    const struct limit *move = &limit_table[LIMIT_MOVE_CM],
                       *usual = &limit_table[LIMIT_MOVE_USUAL_CM];
    char hint[96];
    if (!limit_contains_cm(move, cm)) {
        parse_report(c, DIAG_ERROR, path, limit_advice(usual, hint, sizeof hint),
                     listed ? _("%g cm from the previous position is outside %g-%g cm")
                            : _("a move of %g cm is outside %g-%g cm"),
                     cm, move->min, move->max);
        return false;
    }
    if (!limit_contains_cm(usual, cm))
        parse_report(c, DIAG_WARNING, path, limit_usual(usual, hint, sizeof hint),
                     listed ? _("%g cm from the previous position is outside %g-%g cm")
                            : _("a move of %g cm is outside %g-%g cm"),
                     cm, usual->min, usual->max);
    return true;
}

static bool parse_range(struct parse_ctx *c, struct fields *f, struct routine_strip *s)
{
    bool ok = true, start_ok = false, end_ok = false;
    const char *names[] = {"start_cm", "end_cm", "move_cm"};
    double v[3] = {0, 0, 0};
    for (size_t k = 0; k < 3; k++) {
        const cJSON *j = field_get(f, names[k]);
        if (!j) {
            field_missing(c, f, names[k],
                          k == 2 ? _("or list the positions in positions_cm") : NULL);
            ok = false;
            continue;
        }
        char *p = parse_path_key(f->path, names[k]);
        bool good = field_check_number(c, j, p, &v[k]);
        if (good && k < 2)
            good = rules_check_position(c, s->line, p, v[k], k == 0 ? POSITION_START : POSITION_END);
        if (good && k == 2)
            good = check_move(c, p, v[k], false);
        if (k == 0)
            start_ok = good;
        if (k == 1)
            end_ok = good;
        ok &= good;
        free(p);
    }
    if (start_ok && end_ok && v[1] < v[0] - LIMIT_CM_TOLERANCE) {
        char *p = parse_path_key(f->path, "end_cm");
        char hint[128];
        snprintf(hint, sizeof hint, _("the ball moves from start_cm %s to end_cm"),
                 cm_toward(c));
        parse_report(c, DIAG_ERROR, p, hint,
                     cm_run_up(c) ? _("%g cm is below start_cm (%g cm)")
                                  : _("%g cm is above start_cm (%g cm)"),
                     v[1], v[0]);
        free(p);
        ok = false;
    }
    if (!ok || !c->diagram || !s->line)
        return false;
    s->start_cm = v[0];
    s->end_cm = v[1];
    s->move_cm = v[2];
    /* Bounded: move >= 3 cm over a working area of a few tens of cm. */
    size_t n = 0;
    while (v[0] + (double)n * v[2] <= v[1] + LIMIT_CM_TOLERANCE)
        n++;
    s->positions_cm = xcalloc(n, sizeof *s->positions_cm);
    for (size_t i = 0; i < n; i++)
        s->positions_cm[i] = v[0] + (double)i * v[2];
    s->n_positions = n;
    return true;
}

static bool parse_positions(struct parse_ctx *c, const struct fields *f, const cJSON *j,
                            struct routine_strip *s)
{
    char *p = parse_path_key(f->path, "positions_cm");
    bool ok = false;
    if (!cJSON_IsArray(j)) {
        field_wrong_type(c, p, j, _("a list of numbers"));
        goto done;
    }
    size_t n = (size_t)cJSON_GetArraySize(j);
    const struct limit *positions = &limit_table[LIMIT_POSITIONS];
    if (!limit_contains(positions, (double)n)) {
        parse_report(c, DIAG_ERROR, p, NULL, _("has %zu positions; give %d to %d"), n,
                     (int)positions->min, (int)positions->max);
        goto done;
    }
    double *v = xcalloc(n, sizeof *v);
    bool *good = xcalloc(n, sizeof *good);
    ok = true;
    size_t i = 0;
    for (const cJSON *it = j->child; it; it = it->next, i++) {
        char *ip = parse_path_index(p, i);
        good[i] = field_check_number(c, it, ip, &v[i]) &&
                  rules_check_position(c, s->line, ip, v[i], i == 0 ? POSITION_START : POSITION_LISTED);
        if (good[i] && i > 0 && good[i - 1]) {
            if (v[i] <= v[i - 1] + LIMIT_CM_TOLERANCE) {
                char hint[128];
                snprintf(hint, sizeof hint, _("list the positions in order, %s"),
                         cm_toward(c));
                parse_report(c, DIAG_ERROR, ip, hint,
                             cm_run_up(c) ? _("%g cm is not above the previous position (%g cm)")
                                          : _("%g cm is not below the previous position (%g cm)"),
                             v[i], v[i - 1]);
                good[i] = false;
            } else {
                good[i] = check_move(c, ip, v[i] - v[i - 1], true);
            }
        }
        ok &= good[i];
        free(ip);
    }
    free(good);
    if (ok && c->diagram && s->line) {
        s->positions_cm = v;
        s->n_positions = n;
        s->start_cm = v[0];
        s->end_cm = v[n - 1];
        s->move_cm = 0;
    } else {
        free(v);
        ok = false;
    }
done:
    free(p);
    return ok;
}

static void parse_line(struct parse_ctx *c, const struct fields *f, struct routine_strip *s)
{
    const cJSON *lj = field_get(f, "line");
    if (!lj) {
        field_missing(c, f, "line", _("name a line of the diagram, such as \"outer\""));
        return;
    }
    const struct diagram *d = c->diagram;
    if (!d)
        return; /* the diagram's own line says what is wrong */
    const char *names[16];
    size_t n = d->n_lines < 16 ? d->n_lines : 16;
    for (size_t i = 0; i < n; i++)
        names[i] = d->lines[i].id;
    char *p = parse_path_key(f->path, "line");
    int k = field_check_enum(c, lj, p, names, n, _("diagram line"));
    free(p);
    if (k >= 0)
        s->line = &d->lines[k];
}

static void check_passes(struct parse_ctx *c, const char *p, double n, struct routine_strip *s)
{
    const struct limit *passes = &limit_table[LIMIT_PASSES],
                       *usual = &limit_table[LIMIT_PASSES_USUAL];
    char hint[96];
    if (n < passes->min) {
        snprintf(hint, sizeof hint, _("give %g (or %g)"), passes->min, passes->max);
        parse_report(c, DIAG_ERROR, p, hint, _("%g passes"), n);
    } else if (n > passes->max) {
        snprintf(hint, sizeof hint, _("%g pass is usual, %g at most: more overworks the tissue"),
                 usual->max, passes->max);
        parse_report(c, DIAG_ERROR, p, hint, _("%g passes is more than %g"), n, passes->max);
    } else {
        s->passes = (unsigned)n;
        if (n > usual->max)
            parse_report(c, DIAG_WARNING, p, _("one pass per strip is usually enough"),
                         _("%g passes"), n);
    }
}

static void parse_passes(struct parse_ctx *c, const struct fields *f, struct routine_strip *s)
{
    s->passes = 1; /* the default: once */
    const cJSON *pj = field_get(f, "passes");
    if (!pj)
        return;
    char *p = parse_path_key(f->path, "passes");
    double n;
    if (field_check_whole(c, pj, p, &n))
        check_passes(c, p, n, s);
    free(p);
}

static bool parse_strip(struct parse_ctx *c, const cJSON *j, const char *path,
                        struct routine_strip *s)
{
    if (!cJSON_IsObject(j)) {
        field_wrong_type(c, path, j, _("an object"));
        return false;
    }
    struct fields f = {j, path, strip_fields, sizeof strip_fields / sizeof *strip_fields, 0};
    field_check_keys(c, &f);
    size_t before = c->n_errors;
    s->id = field_want_id(c, &f, "id");
    s->label = field_want_string(c, &f, "label", true);
    bool ok = true;
    size_t min = (size_t)limit_table[LIMIT_LIST_ITEMS].min;
    s->muscles = field_want_string_list(c, &f, "muscles", true, min, &s->n_muscles, &ok);
    parse_line(c, &f, s);
    parse_passes(c, &f, s);
    const cJSON *posj = field_get(&f, "positions_cm");
    if (posj &&
        (field_get(&f, "start_cm") || field_get(&f, "end_cm") || field_get(&f, "move_cm"))) {
        parse_report(c, DIAG_ERROR, path,
                     _("give either positions_cm or start_cm, end_cm and move_cm"), "%s",
                     _("has both positions_cm and a start/end/move range"));
        return false;
    }
    bool pos_ok = posj ? parse_positions(c, &f, posj, s) : parse_range(c, &f, s);
    return pos_ok && c->n_errors == before;
}

bool rules_read_strips(struct parse_ctx *c, const struct fields *top, struct routine *r)
{
    const cJSON *j = field_top_array(
        c, top, "strips", _("list the strips of the muscle to work along"), _("a list of strips"));
    if (!j)
        return false;
    size_t n = (size_t)cJSON_GetArraySize(j);
    const struct limit *strips = &limit_table[LIMIT_STRIPS];
    if (!limit_contains(strips, (double)n)) {
        parse_report(c, DIAG_ERROR, "strips", NULL, _("has %zu strips; give %d to %d"), n,
                     (int)strips->min, (int)strips->max);
        return false;
    }
    r->strips = xcalloc(n, sizeof *r->strips);
    r->n_strips = n;
    const char **ids = xcalloc(n, sizeof *ids);
    bool ok = true;
    size_t i = 0;
    for (const cJSON *it = j->child; it; it = it->next, i++) {
        char *p = parse_path_index("strips", i);
        ok &= parse_strip(c, it, p, &r->strips[i]);
        ids[i] = r->strips[i].id;
        free(p);
    }
    ok &= rules_unique_ids(c, "strips", ids, n);
    free(ids);
    return ok;
}

/* Passes of the strips on s's line: up to and including strips[i] (*upto),
 * in all (*total); *first is the first of them. */
static void line_sums(const struct routine *r, size_t i, unsigned *upto, unsigned *total,
                      size_t *first)
{
    *upto = *total = 0;
    *first = i;
    for (size_t k = 0; k < r->n_strips; k++) {
        if (r->strips[k].line != r->strips[i].line)
            continue;
        if (*total == 0)
            *first = k;
        *total += r->strips[k].passes;
        if (k <= i)
            *upto = *total;
    }
}

/* Passes summed over the strips on each line: over the limit is an error at
 * every strip that goes over it. Reaching more than the usual through two
 * strips is a warning at the second (one strip's own passes warn by
 * themselves), unless the line goes over anyway. */
void rules_check_line_passes(struct parse_ctx *c, const struct routine *r)
{
    const struct limit *max = &limit_table[LIMIT_LINE_PASSES],
                       *usual = &limit_table[LIMIT_LINE_PASSES_USUAL];
    for (size_t i = 0; i < r->n_strips; i++) {
        unsigned upto, total;
        size_t first;
        line_sums(r, i, &upto, &total, &first);
        bool over = upto > max->max;
        if (!over && (first == i || upto <= usual->max || total > max->max))
            continue;
        char *p = xasprintf("strips[%zu].line", i);
        char hint[128];
        if (over)
            snprintf(hint, sizeof hint,
                     _("work a line at most %g times a session: more overworks the tissue"),
                     max->max);
        else
            snprintf(hint, sizeof hint, "%s", _("once a session is usually enough for a line"));
        parse_report(c, over ? DIAG_ERROR : DIAG_WARNING, p, hint,
                     _("the %s line is worked %u times a session (strips[%zu] works it too)"),
                     r->strips[i].line->id, upto, first);
        free(p);
    }
}
