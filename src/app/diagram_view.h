/* diagram_view.h - draws a routine's anatomical diagram (the SVG asset named
 * by the diagram table, rendered with SDL2_image) and the marks on it: the
 * current strip, done positions, the ball, the next position with an arrow
 * toward the hip, the hatched and labelled no-go zone, "outer"/"inner". */
#pragma once

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>

#include "routine/diagram.h"
#include "routine/routine.h"

struct diagram_dot {
    const struct diagram_line *line;
    double cm;
};

struct diagram_marks {
    enum routine_side side;                 /* mirrored for the right leg */
    const struct diagram_line *current;     /* highlighted strip, or NULL */
    const struct diagram_dot *done;         /* positions done on this side */
    size_t n_done;
    bool has_ball;
    struct diagram_dot ball;
    bool has_next;
    struct diagram_dot next;
};

struct diagram_view;

/* NULL (and a logged reason) when the asset cannot be loaded. */
struct diagram_view *diagram_view_create(SDL_Renderer *ren, const struct diagram *d,
                                         const char *assets_dir);
void diagram_view_destroy(struct diagram_view *v); /* NULL is fine */

/* Draws into `area` (window pixels), keeping the picture's aspect ratio.
 * label_font writes "outer", "inner" and "no-go zone" (never mirrored). */
void diagram_view_draw(struct diagram_view *v, SDL_Renderer *ren, SDL_Rect area,
                       const struct diagram_marks *m, TTF_Font *label_font);

/* Where `cm` along `line` lands in window pixels when drawn into `area`. */
SDL_FPoint diagram_view_map(const struct diagram *d, SDL_Rect area, enum routine_side side,
                            const struct diagram_line *line, double cm);
