/* diagram.c - the diagram table. The numbers describe the drawing in
 * assets/diagrams/ and the safe area from the domain brief: the hollow behind
 * the knee (0-8 cm) is never pressed; positions stop below the buttock fold. */
#include "routine/diagram.h"

#include <string.h>

static const struct diagram_line hamstring_lines[] = {
    {"outer", "outer", 142.0, 205.0},
    {"middle", "middle", 212.0, 236.0},
    {"inner", "inner", 272.0, 266.0},
};

static const struct diagram diagrams[] = {
    {
        .name = "hamstrings-back",
        .asset = "diagrams/hamstrings-back.svg",
        .view_w = 400.0,
        .view_h = 800.0,
        .knee_y = 640.0,
        .units_per_cm = 15.0,
        .hip_cm = 36.0,
        .nogo_max_cm = 8.0,
        .work_min_cm = 8.0,
        .work_max_cm = 33.0,
        .lines = hamstring_lines,
        .n_lines = sizeof hamstring_lines / sizeof hamstring_lines[0],
    },
};

const struct diagram *diagram_find(const char *name)
{
    for (size_t i = 0; i < sizeof diagrams / sizeof diagrams[0]; i++)
        if (strcmp(diagrams[i].name, name) == 0)
            return &diagrams[i];
    return NULL;
}

const char *diagram_known_names(void) { return "hamstrings-back"; }

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
    double px = line->x_knee + (line->x_hip - line->x_knee) * cm / d->hip_cm;
    *x = right_leg ? d->view_w - px : px;
    *y = d->knee_y - cm * d->units_per_cm;
}

/* ---- landmarks: a table of its own, by diagram name ---------------------- */

static const struct {
    const char *diagram;
    enum diagram_landmarks words;
} landmarks[] = {
    {"hamstrings-back", DIAGRAM_LANDMARKS_BACK_OF_THIGH},
};

enum diagram_landmarks diagram_landmark_words(const struct diagram *d)
{
    for (size_t i = 0; d && i < sizeof landmarks / sizeof landmarks[0]; i++)
        if (strcmp(landmarks[i].diagram, d->name) == 0)
            return landmarks[i].words;
    return DIAGRAM_LANDMARKS_NONE;
}
