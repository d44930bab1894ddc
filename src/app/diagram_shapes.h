/* diagram_shapes.h - the shapes the diagram view draws its marks with
 * (discs, rings, strokes, polygons), as triangles for SDL_RenderGeometry
 * batched in a scratch buffer that is reused across frames, each with a
 * feathered edge; and the convex-polygon helpers that keep a zone's hatching
 * inside its outline. */
#pragma once

#include <SDL.h>
#include <stdbool.h>

#define SHAPE_TAU 6.28318531f

/* Triangles waiting to be drawn. Zeroed is empty; shape_batch_finish()
 * frees it (a zeroed one is fine). */
struct shape_batch {
    SDL_Vertex *verts;
    int *idx;
    int n_verts, n_idx, cap_verts, cap_idx;
};

void shape_batch_finish(struct shape_batch *sb);
/* Draws what is batched and empties the batch. */
void shape_flush(struct shape_batch *sb, SDL_Renderer *ren);

/* A polygon star-shaped around its centroid (convex shapes, the spiky ball),
 * feathered by f pixels straddling the edge. */
void shape_poly(struct shape_batch *sb, const SDL_FPoint *p, int n, SDL_Color c, float f);
void shape_disc(struct shape_batch *sb, SDL_FPoint c, float r, SDL_Color col, float f);
/* A circle outline of width w, both edges feathered. */
void shape_ring(struct shape_batch *sb, SDL_FPoint c, float r, float w, SDL_Color col, float f);
/* A straight stroke of width w with square ends. */
void shape_line(struct shape_batch *sb, SDL_FPoint a, SDL_FPoint b, float w, SDL_Color c, float f);
/* A stroke with round ends, one convex outline (translucent colours do not
 * blend twice where pieces would overlap). */
void shape_capsule(struct shape_batch *sb, SDL_FPoint a, SDL_FPoint b, float w, SDL_Color c,
                   float f);

/* The part of segment p-q inside the convex polygon c[0..n) (Cyrus-Beck);
 * false when none. */
bool shape_clip_to_convex(const SDL_FPoint *c, int n, SDL_FPoint *p, SDL_FPoint *q);
/* The convex polygon c[0..n) with every edge moved inward by dist, into out. */
void shape_inset_convex(const SDL_FPoint *c, int n, float dist, SDL_FPoint *out);
