/* diagram.h - the anatomical diagrams a routine can name. Each diagram owns,
 * in one table (diagram.c), everything about where the ball may go: the
 * mapping from "cm along a strip" to its picture, its strip lines, its
 * working area and its no-go zones, each zone with a name the user
 * understands. The validator, the picture and the tests read this table and
 * nothing else.
 *
 * The mapping (documented in routines/README.md): every diagram is an SVG with
 * a fixed viewBox (view_w x view_h units), drawn for a LEFT leg. A ball
 * position is measured in cm from the knee (the diagram says from which line
 * of it, and in which direction). On a strip line it lands at
 *     y = knee_y - cm * units_per_cm      (units_per_cm < 0: cm run down)
 *     x = x_knee + (x_far - x_knee) * cm / far_cm      (a straight line)
 * and for a RIGHT leg at x' = view_w - x (the picture is mirrored). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* The body areas the diagrams show; the checklist asks about the area. */
enum body_area { BODY_AREA_BACK_OF_THIGH, BODY_AREA_FRONT_OF_THIGH, BODY_AREA_CALF };
#define BODY_AREA_COUNT 3

struct diagram_line {
    const char *id;    /* "outer", "middle", "inner": what routines name */
    const char *label; /* shown on the picture (translated where shown) */
    double x_knee;     /* x at 0 cm, left leg */
    double x_far;      /* x at far_cm, left leg */
    /* The line's own working area where it is shorter than the diagram's
     * (the middle of the calf is worked lower down only); both 0: the
     * diagram's. */
    double min_cm, max_cm;
};

/* A no-go zone: a four-sided patch of the picture, from_cm to to_cm along
 * the limb; across it from x_left to x_right (left leg, viewBox units) at
 * from_cm, and from x_left_to to x_right_to at to_cm, straight between (so
 * it can follow a limb that narrows). It forbids the part of every line
 * that runs through it. */
struct diagram_zone {
    const char *name; /* "the hollow behind the knee" (translated where shown) */
    double from_cm, to_cm;
    double x_left, x_right;       /* at from_cm */
    double x_left_to, x_right_to; /* at to_cm */
    /* Where its "no-go zone" label goes: 0 inside; -1 / +1 beside it, on the
     * viewer's left / right for a left leg (for zones too narrow to hold it). */
    int label_side;
};

struct diagram {
    const char *name;  /* what a routine's "diagram" field says */
    const char *asset; /* SVG path relative to the assets folder */
    enum body_area area;
    double view_w, view_h;
    double knee_y;       /* y of 0 cm */
    double units_per_cm; /* picture units per cm up the picture (negative: down) */
    double far_cm;       /* the far landmark (far_end), cm from 0 */
    /* Words for messages (translated where shown): where 0 cm is, which way
     * cm count, what lies beyond the working area's end. */
    const char *origin;  /* "the knee crease" */
    const char *toward;  /* "up toward the hip" */
    const char *far_end; /* "the buttock fold" */
    /* Words drawn on the picture near 0 cm and near far_cm ("knee", "hip"),
     * and the heights they are drawn at. */
    const char *near_label, *far_label;
    double near_label_y, far_label_y;
    /* Where "outer" and "inner" are written: the height, and the x of the
     * limb's outline there on the viewer's left and right (left leg). */
    double words_y, outline_left, outline_right;
    double work_min_cm; /* the working area: the ball's contact patch stays inside */
    double work_max_cm;
    const struct diagram_line *lines;
    size_t n_lines;
    const struct diagram_zone *zones;
    size_t n_zones;
};

/* NULL when no diagram has that name. */
const struct diagram *diagram_find(const char *name);
/* All diagrams, for tables and tests: the i-th, or NULL past the last. */
const struct diagram *diagram_at(size_t i);
/* The known names, comma separated, for messages. */
const char *diagram_known_names(void);
const struct diagram_line *diagram_find_line(const struct diagram *d, const char *id);
/* Picture coordinates (viewBox units) of `cm` along `line`. */
void diagram_map(const struct diagram *d, const struct diagram_line *line, double cm,
                 bool right_leg, double *x, double *y);
/* The line's working area: its own, or the diagram's. */
void diagram_line_area(const struct diagram *d, const struct diagram_line *line, double *min_cm,
                       double *max_cm);
/* The stretches of `line` drawn as its strip: its working area less where
 * a no-go zone crosses it, nearest the knee first, as [from, to] cm; how
 * many (at most cap). The app's view and the printed figure both draw these. */
size_t diagram_line_pieces(const struct diagram *d, const struct diagram_line *line,
                           double (*pieces)[2], size_t cap);
/* The stretch of `line` that runs through zone `z`, in cm; false when it
 * does not cross the zone. */
bool diagram_zone_span(const struct diagram *d, const struct diagram_zone *z,
                       const struct diagram_line *line, double *from_cm, double *to_cm);
/* A zone's four corners in picture units (x, y pairs): at from_cm left and
 * right, then at to_cm right and left; mirrored for the right leg. The app's
 * view and the printed handout draw zones from this one place. */
void diagram_zone_corners(const struct diagram *d, const struct diagram_zone *z, bool right_leg,
                          double xy[8]);
/* "back-of-thigh", "front-of-thigh", "calf": stable, for `smr-timer list`. */
const char *body_area_id(enum body_area a);
/* "the back of the thigh", "the front of the thigh", "the calf" (untranslated). */
const char *body_area_name(enum body_area a);

/* Which words say where a ball position is on a diagram, in landmarks a
 * person can feel (src/engine/position_words.c words each set): what 0 cm
 * is, what the far end (hip_cm) is, which way "up" goes. A new diagram
 * gets its row in diagram.c's landmark table, and a new set its words. */
enum diagram_landmarks {
    DIAGRAM_LANDMARKS_NONE,          /* unknown: cm along the strip only */
    DIAGRAM_LANDMARKS_BACK_OF_THIGH, /* up from the knee crease to the buttock fold */
    /* up from the bottom of the kneecap to the groin crease */
    DIAGRAM_LANDMARKS_FRONT_OF_THIGH,
    DIAGRAM_LANDMARKS_CALF, /* down from the knee crease to the bottom of the heel */
};
enum diagram_landmarks diagram_landmark_words(const struct diagram *d);
