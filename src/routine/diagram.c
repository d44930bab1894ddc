/* diagram.c - the diagram table: one block per diagram. The numbers describe
 * the drawings in assets/diagrams/ (each generator writes them into its SVG
 * as metadata, and tests/diagram/svg_table.py compares the two) and the safe
 * areas from the domain brief: the ball never goes on the hollow behind the
 * knee, the kneecap and the tendon above it, the groin crease and upper
 * inner thigh, the Achilles tendon or the shin bone. The zones are drawn a
 * little larger than the anatomy, on the safe side. */
#include "routine/diagram.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- hamstrings-back ------------------------------------------------------
 * The back of the thigh seen from behind: outer side on the viewer's left,
 * knee crease y=640, buttock fold 36 cm up at y=100. */
static const struct diagram_line hamstring_lines[] = {
    {"outer", N_("outer"), 142.0, 205.0, 0.0, 0.0},
    {"middle", N_("middle"), 212.0, 236.0, 0.0, 0.0},
    {"inner", N_("inner"), 272.0, 266.0, 0.0, 0.0},
};

static const struct diagram_zone hamstring_zones[] = {
    {N_("the hollow behind the knee"), 0.0, 8.0, 116.0, 298.0, 116.0, 298.0, 0},
};

static const struct diagram hamstrings_back = {
    .name = "hamstrings-back",
    .asset = "diagrams/hamstrings-back.svg",
    .area = BODY_AREA_BACK_OF_THIGH,
    .view_w = 400.0,
    .view_h = 800.0,
    .knee_y = 640.0,
    .units_per_cm = 15.0,
    .far_cm = 36.0,
    .origin = N_("the knee crease"),
    .toward = N_("up toward the hip"),
    .far_end = N_("the buttock fold"),
    .near_label = N_("knee"),
    .far_label = N_("hip"),
    .near_label_y = 666.0,
    .far_label_y = 78.0,
    .words_y = 320.0,
    .outline_left = 80.0,
    .outline_right = 320.0,
    .work_min_cm = 8.0,
    .work_max_cm = 33.0,
    .lines = hamstring_lines,
    .n_lines = COUNT(hamstring_lines),
    .zones = hamstring_zones,
    .n_zones = COUNT(hamstring_zones),
};

/* ---- quadriceps-front -----------------------------------------------------
 * The front of the thigh seen from the front: outer side on the viewer's
 * right, inner (the groin) on the left; cm from the bottom of the kneecap
 * (y=700) up to the groin crease, 40 cm up at y=100. */
static const struct diagram_line quadriceps_lines[] = {
    {"outer", N_("outer"), 262.0, 300.0, 0.0, 0.0},
    {"middle", N_("middle"), 200.0, 232.0, 0.0, 0.0},
    {"inner", N_("inner"), 150.0, 160.0, 0.0, 0.0},
};

static const struct diagram_zone quadriceps_zones[] = {
    {N_("the kneecap and the tendon above it"), 0.0, 9.0, 118.0, 292.0, 118.0, 292.0, 0},
    /* the femoral triangle inside sartorius, from where it ends up to the
     * groin crease, widening */
    {N_("the groin crease and upper inner thigh"), 26.0, 40.0, 110.0, 186.0, 40.0, 200.0, 0},
};

static const struct diagram quadriceps_front = {
    .name = "quadriceps-front",
    .asset = "diagrams/quadriceps-front.svg",
    .area = BODY_AREA_FRONT_OF_THIGH,
    .view_w = 400.0,
    .view_h = 800.0,
    .knee_y = 700.0,
    .units_per_cm = 15.0,
    .far_cm = 40.0,
    .origin = N_("the bottom of the kneecap"),
    .toward = N_("up toward the hip"),
    .far_end = N_("the groin crease"),
    .near_label = N_("knee"),
    .far_label = N_("hip"),
    .near_label_y = 760.0,
    .far_label_y = 60.0,
    .words_y = 430.0,
    .outline_left = 92.0,
    .outline_right = 322.0,
    .work_min_cm = 9.0,
    .work_max_cm = 36.0,
    .lines = quadriceps_lines,
    .n_lines = COUNT(quadriceps_lines),
    .zones = quadriceps_zones,
    .n_zones = COUNT(quadriceps_zones),
};

/* ---- calves-back ----------------------------------------------------------
 * The back of the lower leg seen from behind: outer side on the viewer's
 * left, knee crease at the top (y=90); cm run DOWN from the knee crease to
 * the sole under the heel, 46 cm down at y=780. */
static const struct diagram_line calf_lines[] = {
    {"outer", N_("outer"), 160.0, 180.0, 0.0, 0.0},
    /* between the two heads the hollow behind the knee runs on down: the
     * middle line is worked lower down only */
    {"middle", N_("middle"), 200.0, 200.0, 16.0, 30.0},
    {"inner", N_("inner"), 242.0, 246.0, 0.0, 0.0},
};

static const struct diagram_zone calf_zones[] = {
    {N_("the hollow behind the knee"), 0.0, 6.0, 120.0, 280.0, 120.0, 280.0, 0},
    {N_("the Achilles tendon"), 30.0, 44.0, 184.0, 216.0, 184.0, 216.0, -1},
    /* the bare inner edge of the shin bone, where the inner line runs onto it */
    {N_("the shin bone"), 26.0, 42.0, 232.0, 270.0, 226.0, 252.0, 1},
};

static const struct diagram calves_back = {
    .name = "calves-back",
    .asset = "diagrams/calves-back.svg",
    .area = BODY_AREA_CALF,
    .view_w = 400.0,
    .view_h = 800.0,
    .knee_y = 90.0,
    .units_per_cm = -15.0,
    .far_cm = 46.0,
    .origin = N_("the knee crease"),
    .toward = N_("down toward the heel"),
    .far_end = N_("the ankle"),
    .near_label = N_("knee"),
    .far_label = N_("heel"),
    .near_label_y = 40.0,
    .far_label_y = 790.0,
    .words_y = 260.0,
    .outline_left = 104.0,
    .outline_right = 300.0,
    .work_min_cm = 6.0,
    .work_max_cm = 30.0,
    .lines = calf_lines,
    .n_lines = COUNT(calf_lines),
    .zones = calf_zones,
    .n_zones = COUNT(calf_zones),
};

/* ---- lookups and the mapping ---------------------------------------------- */

static const struct diagram *const diagrams[] = {&hamstrings_back, &quadriceps_front,
                                                 &calves_back};

const struct diagram *diagram_find(const char *name)
{
    for (size_t i = 0; i < COUNT(diagrams); i++)
        if (strcmp(diagrams[i]->name, name) == 0)
            return diagrams[i];
    return NULL;
}

const struct diagram *diagram_at(size_t i)
{
    return i < COUNT(diagrams) ? diagrams[i] : NULL;
}

const char *diagram_known_names(void)
{
    static char names[256];
    if (!names[0])
        for (size_t i = 0; i < COUNT(diagrams); i++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
                     diagrams[i]->name);
    return names;
}

const struct diagram_line *diagram_find_line(const struct diagram *d, const char *id)
{
    for (size_t i = 0; i < d->n_lines; i++)
        if (strcmp(d->lines[i].id, id) == 0)
            return &d->lines[i];
    return NULL;
}

void diagram_map(const struct diagram *d, const struct diagram_line *line, double cm,
                 bool right_leg, double *x, double *y)
{
    double px = line->x_knee + (line->x_far - line->x_knee) * cm / d->far_cm;
    *x = right_leg ? d->view_w - px : px;
    *y = d->knee_y - cm * d->units_per_cm;
}

void diagram_line_area(const struct diagram *d, const struct diagram_line *line, double *min_cm,
                       double *max_cm)
{
    bool own = line->min_cm != 0 || line->max_cm != 0;
    *min_cm = own ? line->min_cm : d->work_min_cm;
    *max_cm = own ? line->max_cm : d->work_max_cm;
}

/* Narrows [*lo, *hi] to where p + q * cm >= 0. */
static void keep_nonnegative(double p, double q, double *lo, double *hi)
{
    if (q == 0) {
        if (p < 0)
            *hi = *lo - 1; /* nowhere */
    } else if (q > 0) {
        *lo = fmax(*lo, -p / q);
    } else {
        *hi = fmin(*hi, -p / q);
    }
}

bool diagram_zone_span(const struct diagram *d, const struct diagram_zone *z,
                       const struct diagram_line *line, double *from_cm, double *to_cm)
{
    /* Along the zone, the line's x and both edges are linear in cm: the line
     * is inside where x - left >= 0 and right - x >= 0. */
    double len = z->to_cm - z->from_cm;
    double slope = (line->x_far - line->x_knee) / d->far_cm;
    double dl = (z->x_left_to - z->x_left) / len, dr = (z->x_right_to - z->x_right) / len;
    double lo = z->from_cm, hi = z->to_cm;
    /* x(cm) = x_knee + slope cm; left(cm) = x_left + dl (cm - from) */
    keep_nonnegative(line->x_knee - z->x_left + dl * z->from_cm, slope - dl, &lo, &hi);
    keep_nonnegative(z->x_right - dr * z->from_cm - line->x_knee, dr - slope, &lo, &hi);
    if (lo > hi)
        return false;
    *from_cm = lo;
    *to_cm = hi;
    return true;
}

static const char *const area_ids[BODY_AREA_COUNT] = {"back-of-thigh", "front-of-thigh", "calf"};
static const char *const area_names[BODY_AREA_COUNT] = {
    N_("the back of the thigh"), N_("the front of the thigh"), N_("the calf")};

const char *body_area_id(enum body_area a)
{
    return (unsigned)a < BODY_AREA_COUNT ? area_ids[a] : "?";
}

const char *body_area_name(enum body_area a)
{
    return (unsigned)a < BODY_AREA_COUNT ? area_names[a] : "?";
}

void diagram_zone_corners(const struct diagram *d, const struct diagram_zone *z, bool right_leg,
                          double xy[8])
{
    double y0 = d->knee_y - z->from_cm * d->units_per_cm;
    double y1 = d->knee_y - z->to_cm * d->units_per_cm;
    const double x[4] = {z->x_left, z->x_right, z->x_right_to, z->x_left_to};
    const double y[4] = {y0, y0, y1, y1};
    for (int i = 0; i < 4; i++) {
        xy[2 * i] = right_leg ? d->view_w - x[i] : x[i];
        xy[2 * i + 1] = y[i];
    }
}

/* ---- landmarks: a table of its own, by diagram name ---------------------- */

static const struct {
    const char *diagram;
    enum diagram_landmarks words;
} landmarks[] = {
    {"hamstrings-back", DIAGRAM_LANDMARKS_BACK_OF_THIGH},
    {"quadriceps-front", DIAGRAM_LANDMARKS_FRONT_OF_THIGH},
    {"calves-back", DIAGRAM_LANDMARKS_CALF},
};

enum diagram_landmarks diagram_landmark_words(const struct diagram *d)
{
    for (size_t i = 0; d && i < sizeof landmarks / sizeof landmarks[0]; i++)
        if (strcmp(landmarks[i].diagram, d->name) == 0)
            return landmarks[i].words;
    return DIAGRAM_LANDMARKS_NONE;
}

size_t diagram_line_pieces(const struct diagram *d, const struct diagram_line *line,
                           double (*pieces)[2], size_t cap)
{
    double cut[16][2];
    size_t n = 0;
    for (size_t k = 0; k < d->n_zones && n < 16; k++)
        if (diagram_zone_span(d, &d->zones[k], line, &cut[n][0], &cut[n][1]))
            n++;
    for (size_t k = 1; k < n; k++) /* by where they start */
        for (size_t j = k; j > 0 && cut[j][0] < cut[j - 1][0]; j--) {
            double t0 = cut[j][0], t1 = cut[j][1];
            cut[j][0] = cut[j - 1][0];
            cut[j][1] = cut[j - 1][1];
            cut[j - 1][0] = t0;
            cut[j - 1][1] = t1;
        }
    double at, to;
    diagram_line_area(d, line, &at, &to);
    size_t out = 0;
    for (size_t k = 0; k < n && out < cap; k++) {
        if (cut[k][0] > at && fmin(cut[k][0], to) > at) {
            pieces[out][0] = at;
            pieces[out][1] = fmin(cut[k][0], to);
            out++;
        }
        at = fmax(at, cut[k][1]);
    }
    if (at < to && out < cap) {
        pieces[out][0] = at;
        pieces[out][1] = to;
        out++;
    }
    return out;
}
