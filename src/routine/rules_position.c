/* rules_position.c - one ball position against its diagram (routine/diagram.h):
 * where the ball may go. The ball presses on its line from centre - patch to
 * centre + patch (the ball_patch_cm limit); all of that stays inside the
 * line's working area and off every no-go zone the line runs through. Each
 * refusal names what it hits (the zone by the name the user knows) and
 * suggests the nearest position that is allowed. Distances are compared
 * with LIMIT_CM_TOLERANCE. */
#include "routine/rules_private.h"

#include <math.h>
#include <stdio.h>

#include "routine/diagram.h"
#include "routine/limits.h"
#include "util/i18n.h"

#define TOL LIMIT_CM_TOLERANCE

/* What a position on one line is judged against. */
struct place {
    const struct diagram *d;
    const struct diagram_line *line;
    double lo, hi; /* the line's working area */
    double patch;
    bool up; /* cm run up the picture (the words "below"/"above" follow it) */
    bool own_area;
};

static void place_init(struct place *p, const struct diagram *d, const struct diagram_line *line)
{
    p->d = d;
    p->line = line;
    diagram_line_area(d, line, &p->lo, &p->hi);
    p->own_area = line->min_cm != 0 || line->max_cm != 0;
    p->patch = limit_table[LIMIT_BALL_PATCH_CM].max;
    p->up = d->units_per_cm > 0;
}

/* The zone whose stretch on the line holds cm (ends included) or, with
 * `patch`, the first whose stretch the ball's patch around cm reaches into.
 * NULL when none; *from, *to get the stretch. */
static const struct diagram_zone *zone_hit(const struct place *p, double cm, double patch,
                                           double *from, double *to)
{
    for (size_t i = 0; i < p->d->n_zones; i++) {
        const struct diagram_zone *z = &p->d->zones[i];
        if (!diagram_zone_span(p->d, z, p->line, from, to))
            continue;
        bool hit = patch > 0 ? cm + patch > *from + TOL && cm - patch < *to - TOL
                             : cm >= *from - TOL && cm <= *to + TOL;
        if (hit)
            return z;
    }
    return NULL;
}

static bool allowed(const struct place *p, double cm)
{
    double f, t;
    return cm >= p->lo + p->patch - TOL && cm <= p->hi - p->patch + TOL &&
           !zone_hit(p, cm, p->patch, &f, &t);
}

/* The allowed position nearest to cm: at an end of the working area or
 * beside a zone. False when the line has none (a fault of the table). */
static bool nearest_allowed(const struct place *p, double cm, double *best)
{
    double cand[2 + 2 * 16];
    size_t n = 0;
    cand[n++] = p->lo + p->patch;
    cand[n++] = p->hi - p->patch;
    for (size_t i = 0; i < p->d->n_zones && n + 2 <= sizeof cand / sizeof cand[0]; i++) {
        double f, t;
        if (diagram_zone_span(p->d, &p->d->zones[i], p->line, &f, &t)) {
            cand[n++] = f - p->patch;
            cand[n++] = t + p->patch;
        }
    }
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        if (allowed(p, cand[i]) && (!found || fabs(cand[i] - cm) < fabs(*best - cm))) {
            *best = cand[i];
            found = true;
        }
    }
    return found;
}

/* "start at 10 cm or more", "keep the ball at 28 cm or less", ...; with the
 * patch note when the patch is what refused it. NULL when there is no
 * allowed position to suggest. */
static const char *hint_for(const struct place *p, double cm, enum position_role role,
                            bool patch_note, char *buf, size_t size)
{
    double best = 0;
    if (!nearest_allowed(p, cm, &best))
        return NULL;
    bool more = best > cm;
    char base[96];
    if (role == POSITION_START && more)
        snprintf(base, sizeof base, _("start at %g cm or more"), best);
    else if (role == POSITION_END && !more)
        snprintf(base, sizeof base, _("end at %g cm or less"), best);
    else
        snprintf(base, sizeof base,
                 more ? _("keep the ball at %g cm or more") : _("keep the ball at %g cm or less"),
                 best);
    if (patch_note)
        snprintf(buf, size, _("%s (the ball covers %g cm either side of its centre)"), base,
                 p->patch);
    else
        snprintf(buf, size, "%s", base);
    return buf;
}

static const char *area_words(const struct place *p)
{
    return p->own_area ? _("this line's working area") : _("the working area");
}

/* The centre before 0 cm, in a zone, or outside the working area. */
static bool check_centre(struct parse_ctx *c, const struct place *p, const char *path, double v,
                         enum position_role role)
{
    const struct diagram *d = p->d;
    char hint[160];
    const char *h = hint_for(p, v, role, false, hint, sizeof hint);
    double f, t;
    const struct diagram_zone *z;
    if (v < -TOL) {
        parse_report(c, DIAG_ERROR, path, h,
                     p->up ? _("%g cm is below %s (positions count from %s %s)")
                           : _("%g cm is above %s (positions count from %s %s)"),
                     v, _(d->origin), _(d->origin), _(d->toward));
    } else if ((z = zone_hit(p, v, 0, &f, &t))) {
        parse_report(c, DIAG_ERROR, path, h, _("%g cm is inside the no-go zone at %s (%g-%g cm)"),
                     v, _(z->name), f, t);
    } else if (v < p->lo - TOL) {
        parse_report(c, DIAG_ERROR, path, h,
                     p->up ? _("%g cm is below %s (%g-%g cm)") : _("%g cm is above %s (%g-%g cm)"),
                     v, area_words(p), p->lo, p->hi);
    } else if (v > p->hi + TOL) {
        parse_report(c, DIAG_ERROR, path, h,
                     p->up ? _("%g cm is above %s (%g-%g cm), too close to %s")
                           : _("%g cm is below %s (%g-%g cm), too close to %s"),
                     v, area_words(p), p->lo, p->hi, _(d->far_end));
    } else {
        return true;
    }
    return false;
}

/* The patch around a good centre: off the zones, inside the working area. */
static bool check_patch(struct parse_ctx *c, const struct place *p, const char *path, double v,
                        enum position_role role)
{
    char hint[160];
    double f, t;
    const struct diagram_zone *z = zone_hit(p, v, p->patch, &f, &t);
    if (z) {
        parse_report(c, DIAG_ERROR, path, hint_for(p, v, role, true, hint, sizeof hint),
                     _("%g cm is too close to the no-go zone at %s (%g-%g cm)"), v, _(z->name), f,
                     t);
        return false;
    }
    if (v - p->patch < p->lo - TOL || v + p->patch > p->hi + TOL) {
        parse_report(c, DIAG_ERROR, path, hint_for(p, v, role, true, hint, sizeof hint),
                     _("%g cm is too close to the edge of %s (%g-%g cm)"), v, area_words(p), p->lo,
                     p->hi);
        return false;
    }
    return true;
}

bool rules_check_position(struct parse_ctx *c, const struct diagram_line *line, const char *path,
                          double cm, enum position_role role)
{
    if (!c->diagram || !line)
        return true; /* the diagram's or the line's own message says what is wrong */
    struct place p;
    place_init(&p, c->diagram, line);
    return check_centre(c, &p, path, cm, role) && check_patch(c, &p, path, cm, role);
}
