/* diagram.h - the anatomical diagrams a routine can name, their safe areas,
 * and the one mapping from "cm along a strip" to the picture.
 *
 * The mapping (documented in routines/README.md): every diagram is an SVG with
 * a fixed viewBox (view_w x view_h units), drawn for a LEFT leg seen from
 * behind, knee at the bottom. A ball position is measured in cm from the knee
 * crease toward the hip. On a strip line it lands at
 *     y = knee_y - cm * units_per_cm
 *     x = x_knee + (x_hip - x_knee) * cm / hip_cm      (a straight line)
 * and for a RIGHT leg at x' = view_w - x (the picture is mirrored). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct diagram_line {
    const char *id;    /* "outer", "middle", "inner": what routines name */
    const char *label; /* shown on the picture (translated where shown) */
    double x_knee;     /* x at the knee crease (0 cm), left leg */
    double x_hip;      /* x at hip_cm, left leg */
};

struct diagram {
    const char *name;  /* what a routine's "diagram" field says */
    const char *asset; /* SVG path relative to the assets folder */
    double view_w, view_h;
    double knee_y;       /* y of the knee crease */
    double units_per_cm; /* picture units per cm along the thigh */
    double hip_cm;       /* the buttock fold, cm from the knee crease */
    double nogo_max_cm;  /* the no-go zone behind the knee: 0 .. nogo_max_cm */
    double work_min_cm;  /* working area for ball positions */
    double work_max_cm;
    const struct diagram_line *lines;
    size_t n_lines;
};

/* NULL when no diagram has that name. */
const struct diagram *diagram_find(const char *name);
/* The known names, comma separated, for messages. */
const char *diagram_known_names(void);
const struct diagram_line *diagram_find_line(const struct diagram *d, const char *id);
/* Picture coordinates (viewBox units) of `cm` along `line`. */
void diagram_map(const struct diagram *d, const struct diagram_line *line, double cm,
                 bool right_leg, double *x, double *y);

/* Which words say where a ball position is on a diagram, in landmarks a
 * person can feel (src/engine/position_words.c words each set): what 0 cm
 * is, what the far end (hip_cm) is, which way "up" goes. A new diagram
 * gets its row in diagram.c's landmark table, and a new set its words. */
enum diagram_landmarks {
    DIAGRAM_LANDMARKS_NONE,          /* unknown: cm along the strip only */
    DIAGRAM_LANDMARKS_BACK_OF_THIGH, /* up from the knee crease to the buttock fold */
};
enum diagram_landmarks diagram_landmark_words(const struct diagram *d);
