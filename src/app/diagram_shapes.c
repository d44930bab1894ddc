/* diagram_shapes.c - see diagram_shapes.h. SDL geometry has no
 * anti-aliasing, so every shape gets a feather: a one-pixel ring of triangles
 * whose alpha falls to 0, which smooths the edge the way a coverage
 * rasterizer would. */
#include "app/diagram_shapes.h"

#include <math.h>
#include <stdlib.h>

#include "util/log.h"

static bool reserve(struct shape_batch *sb, int more_verts, int more_idx)
{
    if (sb->n_verts + more_verts > sb->cap_verts) {
        int cap = (sb->n_verts + more_verts) * 2;
        SDL_Vertex *nv = realloc(sb->verts, (size_t)cap * sizeof *nv);
        if (!nv)
            return false;
        sb->verts = nv;
        sb->cap_verts = cap;
    }
    if (sb->n_idx + more_idx > sb->cap_idx) {
        int cap = (sb->n_idx + more_idx) * 2;
        int *ni = realloc(sb->idx, (size_t)cap * sizeof *ni);
        if (!ni)
            return false;
        sb->idx = ni;
        sb->cap_idx = cap;
    }
    return true;
}

static int vert(struct shape_batch *sb, float x, float y, SDL_Color c)
{
    SDL_Vertex *p = &sb->verts[sb->n_verts];
    p->position.x = x;
    p->position.y = y;
    p->color = c;
    p->tex_coord.x = 0;
    p->tex_coord.y = 0;
    return sb->n_verts++;
}

static void tri(struct shape_batch *sb, int a, int b, int c)
{
    sb->idx[sb->n_idx++] = a;
    sb->idx[sb->n_idx++] = b;
    sb->idx[sb->n_idx++] = c;
}

void shape_flush(struct shape_batch *sb, SDL_Renderer *ren)
{
    if (sb->n_idx > 0 &&
        SDL_RenderGeometry(ren, NULL, sb->verts, sb->n_verts, sb->idx, sb->n_idx) != 0)
        log_debug("diagram: SDL_RenderGeometry: %s", SDL_GetError());
    sb->n_verts = 0;
    sb->n_idx = 0;
}

static SDL_Color transparent(SDL_Color c)
{
    c.a = 0;
    return c;
}

/* Fills a polygon that is star-shaped around its centroid (convex shapes,
 * the spiky ball), with a feather of `f` pixels straddling the edge. Each
 * vertex moves by its miter vector, which is exact along straight edges. */
void shape_poly(struct shape_batch *sb, const SDL_FPoint *p, int n, SDL_Color c, float f)
{
    if (n < 3 || !reserve(sb, 2 * n + 1, 9 * n))
        return;
    float area2 = 0, cx = 0, cy = 0;
    for (int i = 0; i < n; i++) {
        const SDL_FPoint *a = &p[i], *b = &p[(i + 1) % n];
        area2 += a->x * b->y - b->x * a->y;
        cx += a->x;
        cy += a->y;
    }
    float orient = area2 >= 0 ? 1.0f : -1.0f; /* which side is outside */
    int centre = vert(sb, cx / (float)n, cy / (float)n, c);
    int first = sb->n_verts;
    for (int i = 0; i < n; i++) {
        const SDL_FPoint *a = &p[(i + n - 1) % n], *b = &p[i], *e = &p[(i + 1) % n];
        /* outward normals of the edges a->b and b->e */
        float n1x = (b->y - a->y) * orient, n1y = -(b->x - a->x) * orient;
        float n2x = (e->y - b->y) * orient, n2y = -(e->x - b->x) * orient;
        float l1 = hypotf(n1x, n1y), l2 = hypotf(n2x, n2y);
        if (l1 > 0) {
            n1x /= l1;
            n1y /= l1;
        }
        if (l2 > 0) {
            n2x /= l2;
            n2y /= l2;
        }
        float k = 1.0f / fmaxf(1.0f + n1x * n2x + n1y * n2y, 0.5f); /* caps sharp tips */
        float mx = (n1x + n2x) * k * f / 2, my = (n1y + n2y) * k * f / 2;
        vert(sb, b->x - mx, b->y - my, c);
        vert(sb, b->x + mx, b->y + my, transparent(c));
    }
    for (int i = 0; i < n; i++) {
        int in0 = first + 2 * i, out0 = in0 + 1;
        int in1 = first + 2 * ((i + 1) % n), out1 = in1 + 1;
        tri(sb, centre, in0, in1);
        tri(sb, in0, out0, out1);
        tri(sb, in0, out1, in1);
    }
}

void shape_disc(struct shape_batch *sb, SDL_FPoint c, float r, SDL_Color col, float f)
{
    enum { N = 48 };
    SDL_FPoint p[N];
    for (int i = 0; i < N; i++) {
        float a = SHAPE_TAU * (float)i / N;
        p[i].x = c.x + r * cosf(a);
        p[i].y = c.y + r * sinf(a);
    }
    shape_poly(sb, p, N, col, f);
}

/* A circle outline of width w, both edges feathered. */
void shape_ring(struct shape_batch *sb, SDL_FPoint c, float r, float w, SDL_Color col, float f)
{
    enum { N = 48 };
    if (!reserve(sb, 4 * N, 18 * N))
        return;
    float radii[4] = {r - w / 2 - f / 2, r - w / 2 + f / 2, r + w / 2 - f / 2, r + w / 2 + f / 2};
    if (radii[1] > radii[2])
        radii[1] = radii[2] = r;
    int first = sb->n_verts;
    for (int i = 0; i < N; i++) {
        float a = SHAPE_TAU * (float)i / N;
        for (int k = 0; k < 4; k++)
            vert(sb, c.x + fmaxf(radii[k], 0) * cosf(a), c.y + fmaxf(radii[k], 0) * sinf(a),
                 (k == 0 || k == 3) ? transparent(col) : col);
    }
    for (int i = 0; i < N; i++) {
        int a = first + 4 * i, b = first + 4 * ((i + 1) % N);
        for (int k = 0; k < 3; k++) {
            tri(sb, a + k, a + k + 1, b + k + 1);
            tri(sb, a + k, b + k + 1, b + k);
        }
    }
}

/* A straight stroke of width w with square ends, feathered all round. */
void shape_line(struct shape_batch *sb, SDL_FPoint a, SDL_FPoint b, float w, SDL_Color c,
                 float f)
{
    float dx = b.x - a.x, dy = b.y - a.y, len = hypotf(dx, dy);
    if (len <= 0)
        return;
    float nx = -dy / len * w / 2, ny = dx / len * w / 2;
    SDL_FPoint p[4] = {
        {a.x + nx, a.y + ny},
        {b.x + nx, b.y + ny},
        {b.x - nx, b.y - ny},
        {a.x - nx, a.y - ny},
    };
    shape_poly(sb, p, 4, c, f);
}

/* A stroke with round ends: one convex outline, so translucent colours do
 * not blend twice where pieces would overlap. */
void shape_capsule(struct shape_batch *sb, SDL_FPoint a, SDL_FPoint b, float w, SDL_Color c,
                    float f)
{
    enum { HALF = 12 };
    float dx = b.x - a.x, dy = b.y - a.y, len = hypotf(dx, dy);
    float base = len > 0 ? atan2f(dy, dx) : 0, r = w / 2;
    SDL_FPoint p[2 * (HALF + 1)];
    for (int i = 0; i <= HALF; i++) {
        float t = base - SHAPE_TAU / 4 + SHAPE_TAU / 2 * (float)i / HALF;
        p[i].x = b.x + r * cosf(t);
        p[i].y = b.y + r * sinf(t);
        p[HALF + 1 + i].x = a.x - r * cosf(t);
        p[HALF + 1 + i].y = a.y - r * sinf(t);
    }
    shape_poly(sb, p, 2 * (HALF + 1), c, f);
}

/* The part of segment p-q inside the convex polygon c[0..n) (Cyrus-Beck);
 * false when none. */
bool shape_clip_to_convex(const SDL_FPoint *c, int n, SDL_FPoint *p, SDL_FPoint *q)
{
    float area2 = 0;
    for (int i = 0; i < n; i++)
        area2 += c[i].x * c[(i + 1) % n].y - c[(i + 1) % n].x * c[i].y;
    float orient = area2 >= 0 ? 1.0f : -1.0f;
    float t0 = 0, t1 = 1, dx = q->x - p->x, dy = q->y - p->y;
    for (int i = 0; i < n; i++) {
        const SDL_FPoint *a = &c[i], *b = &c[(i + 1) % n];
        /* inside: the cross product of the edge and (point - a) has the sign of orient */
        float ex = b->x - a->x, ey = b->y - a->y;
        float num = orient * (ex * (p->y - a->y) - ey * (p->x - a->x));
        float den = orient * (ex * dy - ey * dx);
        if (den == 0) {
            if (num < 0)
                return false;
            continue;
        }
        float t = -num / den;
        if (den > 0)
            t0 = fmaxf(t0, t);
        else
            t1 = fminf(t1, t);
        if (t0 > t1)
            return false;
    }
    SDL_FPoint a = {p->x + dx * t0, p->y + dy * t0}, b = {p->x + dx * t1, p->y + dy * t1};
    *p = a;
    *q = b;
    return true;
}

/* The convex polygon c[0..n) (n <= 8) with every edge moved inward by dist. */
void shape_inset_convex(const SDL_FPoint *c, int n, float dist, SDL_FPoint *out)
{
    float area2 = 0;
    for (int i = 0; i < n; i++)
        area2 += c[i].x * c[(i + 1) % n].y - c[(i + 1) % n].x * c[i].y;
    float orient = area2 >= 0 ? 1.0f : -1.0f;
    for (int i = 0; i < n; i++) {
        const SDL_FPoint *a = &c[(i + n - 1) % n], *b = &c[i], *e = &c[(i + 1) % n];
        /* inward normals of the edges a->b and b->e */
        float n1x = -(b->y - a->y) * orient, n1y = (b->x - a->x) * orient;
        float n2x = -(e->y - b->y) * orient, n2y = (e->x - b->x) * orient;
        float l1 = hypotf(n1x, n1y), l2 = hypotf(n2x, n2y);
        n1x /= l1 > 0 ? l1 : 1;
        n1y /= l1 > 0 ? l1 : 1;
        n2x /= l2 > 0 ? l2 : 1;
        n2y /= l2 > 0 ? l2 : 1;
        float k = dist / fmaxf(1.0f + n1x * n2x + n1y * n2y, 0.1f);
        out[i].x = b->x + (n1x + n2x) * k;
        out[i].y = b->y + (n1y + n2y) * k;
    }
}

void shape_batch_finish(struct shape_batch *sb)
{
    if (!sb)
        return;
    free(sb->verts);
    free(sb->idx);
    *sb = (struct shape_batch){0};
}
