/* diagram_view.c - see diagram_view.h. The picture is an SVG rasterized by
 * SDL2_image (nanosvg) at exactly the size it is shown, so it stays crisp from
 * 800x600 to 4K; it is re-rasterized only when that size changes. The marks
 * on top are triangles for SDL_RenderGeometry. SDL geometry has no
 * anti-aliasing, so every shape gets a feather: a one-pixel ring of triangles
 * whose alpha falls to 0, which smooths the edge the way a coverage
 * rasterizer would. Every mark is placed through diagram_view_map(), the one
 * mapping from cm along a strip to window pixels. */
#include "app/diagram_view.h"

#include <SDL_image.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/log.h"

/* Colours. The ball's core fill is used nowhere else, so tests can find it.
 * Ball, ring and arrow are white on a dark edge (or the reverse), so each
 * stands out on red muscle, pale tendon and the dark plate alike. */
static const SDL_Color ball_fill = {22, 112, 232, 255};
static const SDL_Color ball_body = {48, 150, 255, 255};
static const SDL_Color ball_spikes = {10, 40, 110, 255};
static const SDL_Color ball_shine = {170, 215, 255, 255};
static const SDL_Color next_ring = {10, 30, 80, 255};
static const SDL_Color next_core = {255, 255, 255, 255};
static const SDL_Color halo = {255, 255, 255, 245};
static const SDL_Color done_fill = {20, 120, 60, 255};
static const SDL_Color strip_idle = {255, 255, 255, 170};
static const SDL_Color strip_glow = {255, 255, 255, 80};
static const SDL_Color strip_core = {255, 250, 225, 255};
static const SDL_Color strip_edge = {60, 40, 20, 200};
static const SDL_Color nogo_shade = {255, 196, 0, 120};
static const SDL_Color nogo_hatch = {25, 25, 25, 190};
static const SDL_Color nogo_edge = {25, 25, 25, 230};
static const SDL_Color plate = {255, 255, 255, 225};
static const SDL_Color plate_edge = {60, 60, 60, 200};
static const SDL_Color text_ink = {25, 25, 25, 255};

enum label_id { LABEL_OUTER, LABEL_INNER, LABEL_NOGO, LABEL_HIP, LABEL_KNEE, N_LABELS };

struct label {
    SDL_Texture *tex;
    TTF_Font *font; /* what it was rendered with; re-render when it changes */
    int font_h;
    int w, h;
};

struct diagram_view {
    const struct diagram *d;
    void *svg; /* the asset's bytes, kept to re-rasterize on resize */
    size_t svg_len;
    SDL_Texture *pic;
    int pic_w, pic_h; /* rasterized size, 0 when none */
    struct label labels[N_LABELS];
    SDL_Vertex *verts; /* geometry scratch, reused across frames */
    int *idx;
    int n_verts, n_idx, cap_verts, cap_idx;
};

/* ---- fitting the picture into an area ---------------------------------- */

/* The picture's rectangle in window pixels: as large as fits, centred. */
static SDL_FRect fit_rect(const struct diagram *d, SDL_Rect area)
{
    double s = fmin(area.w / d->view_w, area.h / d->view_h);
    SDL_FRect r;
    r.w = (float)(d->view_w * s);
    r.h = (float)(d->view_h * s);
    r.x = (float)area.x + ((float)area.w - r.w) / 2;
    r.y = (float)area.y + ((float)area.h - r.h) / 2;
    return r;
}

static double fit_scale(const struct diagram *d, SDL_Rect area)
{
    return fmin(area.w / d->view_w, area.h / d->view_h);
}

SDL_FPoint diagram_view_map(const struct diagram *d, SDL_Rect area, enum routine_side side,
                            const struct diagram_line *line, double cm)
{
    double x, y;
    diagram_map(d, line, cm, side == ROUTINE_SIDE_RIGHT, &x, &y);
    SDL_FRect r = fit_rect(d, area);
    double s = fit_scale(d, area);
    SDL_FPoint p = {r.x + (float)(x * s), r.y + (float)(y * s)};
    return p;
}

/* A point given in viewBox units (left-leg coordinates) in window pixels. */
static SDL_FPoint view_point(const struct diagram *d, SDL_Rect area, bool right, double x,
                             double y)
{
    SDL_FRect r = fit_rect(d, area);
    double s = fit_scale(d, area);
    if (right)
        x = d->view_w - x;
    SDL_FPoint p = {r.x + (float)(x * s), r.y + (float)(y * s)};
    return p;
}

/* ---- lifecycle --------------------------------------------------------- */

struct diagram_view *diagram_view_create(SDL_Renderer *ren, const struct diagram *d,
                                         const char *assets_dir)
{
    (void)ren;
    if (!d || !assets_dir) {
        log_error("diagram: no diagram or assets folder given");
        return NULL;
    }
    size_t plen = strlen(assets_dir) + 1 + strlen(d->asset) + 1;
    char *path = malloc(plen);
    if (!path)
        return NULL;
    snprintf(path, plen, "%s/%s", assets_dir, d->asset);

    struct diagram_view *v = calloc(1, sizeof *v);
    SDL_RWops *rw = v ? SDL_RWFromFile(path, "rb") : NULL;
    if (!v || !rw) {
        log_error("diagram: cannot open %s: %s", path, SDL_GetError());
        goto fail;
    }
    v->svg = SDL_LoadFile_RW(rw, &v->svg_len, 1);
    if (!v->svg) {
        log_error("diagram: cannot read %s: %s", path, SDL_GetError());
        goto fail;
    }
    /* Parse and rasterize once, at a few pixels: a broken file fails here,
     * at start, and not silently at the first frame; the full size (most of
     * the cost) is rasterized only when the session screen shows it. */
    rw = SDL_RWFromConstMem(v->svg, (int)v->svg_len);
    SDL_Surface *probe = NULL;
    bool is_svg = rw && IMG_isSVG(rw);
    int probe_w = 16;
    int probe_h = d->view_w > 0 ? (int)(probe_w * d->view_h / d->view_w + 0.5) : probe_w;
    if (probe_h < 2)
        probe_h = 2;
    if (is_svg)
        probe = IMG_LoadSizedSVG_RW(rw, probe_w, probe_h);
    if (rw)
        SDL_RWclose(rw);
    if (!probe || probe->w < 2 || probe->h < 2) {
        log_error("diagram: %s is not a usable SVG picture: %s", path,
                  !is_svg ? "not SVG" : probe ? "empty" : SDL_GetError());
        SDL_FreeSurface(probe);
        goto fail;
    }
    SDL_FreeSurface(probe);
    v->d = d;
    free(path);
    return v;
fail:
    free(path);
    diagram_view_destroy(v);
    return NULL;
}

void diagram_view_destroy(struct diagram_view *v)
{
    if (!v)
        return;
    if (v->pic)
        SDL_DestroyTexture(v->pic);
    for (int i = 0; i < N_LABELS; i++)
        if (v->labels[i].tex)
            SDL_DestroyTexture(v->labels[i].tex);
    SDL_free(v->svg);
    free(v->verts);
    free(v->idx);
    free(v);
}

/* The rasterized picture at w x h output pixels, made again only when the
 * size changes. */
static bool ensure_picture(struct diagram_view *v, SDL_Renderer *ren, int w, int h)
{
    if (v->pic && v->pic_w == w && v->pic_h == h)
        return true;
    SDL_RWops *rw = SDL_RWFromConstMem(v->svg, (int)v->svg_len);
    SDL_Surface *s = rw ? IMG_LoadSizedSVG_RW(rw, w, h) : NULL;
    if (rw)
        SDL_RWclose(rw);
    if (!s) {
        log_warn("diagram: cannot rasterize the picture at %dx%d: %s", w, h, SDL_GetError());
        return v->pic != NULL; /* keep showing the old size, scaled */
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(ren, s);
    SDL_FreeSurface(s);
    if (!t) {
        log_warn("diagram: cannot make a texture: %s", SDL_GetError());
        return v->pic != NULL;
    }
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    if (v->pic)
        SDL_DestroyTexture(v->pic);
    v->pic = t;
    v->pic_w = w;
    v->pic_h = h;
    return true;
}

/* ---- geometry with feathered edges ------------------------------------- */

static bool reserve(struct diagram_view *v, int more_verts, int more_idx)
{
    if (v->n_verts + more_verts > v->cap_verts) {
        int cap = (v->n_verts + more_verts) * 2;
        SDL_Vertex *nv = realloc(v->verts, (size_t)cap * sizeof *nv);
        if (!nv)
            return false;
        v->verts = nv;
        v->cap_verts = cap;
    }
    if (v->n_idx + more_idx > v->cap_idx) {
        int cap = (v->n_idx + more_idx) * 2;
        int *ni = realloc(v->idx, (size_t)cap * sizeof *ni);
        if (!ni)
            return false;
        v->idx = ni;
        v->cap_idx = cap;
    }
    return true;
}

static int vert(struct diagram_view *v, float x, float y, SDL_Color c)
{
    SDL_Vertex *p = &v->verts[v->n_verts];
    p->position.x = x;
    p->position.y = y;
    p->color = c;
    p->tex_coord.x = 0;
    p->tex_coord.y = 0;
    return v->n_verts++;
}

static void tri(struct diagram_view *v, int a, int b, int c)
{
    v->idx[v->n_idx++] = a;
    v->idx[v->n_idx++] = b;
    v->idx[v->n_idx++] = c;
}

static void flush(struct diagram_view *v, SDL_Renderer *ren)
{
    if (v->n_idx > 0 &&
        SDL_RenderGeometry(ren, NULL, v->verts, v->n_verts, v->idx, v->n_idx) != 0)
        log_debug("diagram: SDL_RenderGeometry: %s", SDL_GetError());
    v->n_verts = 0;
    v->n_idx = 0;
}

static SDL_Color transparent(SDL_Color c)
{
    c.a = 0;
    return c;
}

/* Fills a polygon that is star-shaped around its centroid (convex shapes,
 * the spiky ball), with a feather of `f` pixels straddling the edge. Each
 * vertex moves by its miter vector, which is exact along straight edges. */
static void fill_poly(struct diagram_view *v, const SDL_FPoint *p, int n, SDL_Color c, float f)
{
    if (n < 3 || !reserve(v, 2 * n + 1, 9 * n))
        return;
    float area2 = 0, cx = 0, cy = 0;
    for (int i = 0; i < n; i++) {
        const SDL_FPoint *a = &p[i], *b = &p[(i + 1) % n];
        area2 += a->x * b->y - b->x * a->y;
        cx += a->x;
        cy += a->y;
    }
    float orient = area2 >= 0 ? 1.0f : -1.0f; /* which side is outside */
    int centre = vert(v, cx / (float)n, cy / (float)n, c);
    int first = v->n_verts;
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
        vert(v, b->x - mx, b->y - my, c);
        vert(v, b->x + mx, b->y + my, transparent(c));
    }
    for (int i = 0; i < n; i++) {
        int in0 = first + 2 * i, out0 = in0 + 1;
        int in1 = first + 2 * ((i + 1) % n), out1 = in1 + 1;
        tri(v, centre, in0, in1);
        tri(v, in0, out0, out1);
        tri(v, in0, out1, in1);
    }
}

static const float tau = 6.28318531f;

static void fill_disc(struct diagram_view *v, SDL_FPoint c, float r, SDL_Color col, float f)
{
    enum { N = 48 };
    SDL_FPoint p[N];
    for (int i = 0; i < N; i++) {
        float a = tau * (float)i / N;
        p[i].x = c.x + r * cosf(a);
        p[i].y = c.y + r * sinf(a);
    }
    fill_poly(v, p, N, col, f);
}

/* A circle outline of width w, both edges feathered. */
static void ring(struct diagram_view *v, SDL_FPoint c, float r, float w, SDL_Color col, float f)
{
    enum { N = 48 };
    if (!reserve(v, 4 * N, 18 * N))
        return;
    float radii[4] = {r - w / 2 - f / 2, r - w / 2 + f / 2, r + w / 2 - f / 2, r + w / 2 + f / 2};
    if (radii[1] > radii[2])
        radii[1] = radii[2] = r;
    int first = v->n_verts;
    for (int i = 0; i < N; i++) {
        float a = tau * (float)i / N;
        for (int k = 0; k < 4; k++)
            vert(v, c.x + fmaxf(radii[k], 0) * cosf(a), c.y + fmaxf(radii[k], 0) * sinf(a),
                 (k == 0 || k == 3) ? transparent(col) : col);
    }
    for (int i = 0; i < N; i++) {
        int a = first + 4 * i, b = first + 4 * ((i + 1) % N);
        for (int k = 0; k < 3; k++) {
            tri(v, a + k, a + k + 1, b + k + 1);
            tri(v, a + k, b + k + 1, b + k);
        }
    }
}

/* A straight stroke of width w with square ends, feathered all round. */
static void line(struct diagram_view *v, SDL_FPoint a, SDL_FPoint b, float w, SDL_Color c,
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
    fill_poly(v, p, 4, c, f);
}

/* A stroke with round ends: one convex outline, so translucent colours do
 * not blend twice where pieces would overlap. */
static void capsule(struct diagram_view *v, SDL_FPoint a, SDL_FPoint b, float w, SDL_Color c,
                    float f)
{
    enum { HALF = 12 };
    float dx = b.x - a.x, dy = b.y - a.y, len = hypotf(dx, dy);
    float base = len > 0 ? atan2f(dy, dx) : 0, r = w / 2;
    SDL_FPoint p[2 * (HALF + 1)];
    for (int i = 0; i <= HALF; i++) {
        float t = base - tau / 4 + tau / 2 * (float)i / HALF;
        p[i].x = b.x + r * cosf(t);
        p[i].y = b.y + r * sinf(t);
        p[HALF + 1 + i].x = a.x - r * cosf(t);
        p[HALF + 1 + i].y = a.y - r * sinf(t);
    }
    fill_poly(v, p, 2 * (HALF + 1), c, f);
}

/* ---- labels ------------------------------------------------------------ */

static const char *label_text(enum label_id id)
{
    switch (id) {
    case LABEL_OUTER: return _("outer");
    case LABEL_INNER: return _("inner");
    case LABEL_NOGO: return _("no-go zone");
    case LABEL_HIP: return _("hip");
    case LABEL_KNEE: return _("knee");
    case N_LABELS: break;
    }
    return "";
}

static struct label *get_label(struct diagram_view *v, SDL_Renderer *ren, TTF_Font *font,
                               enum label_id id)
{
    struct label *l = &v->labels[id];
    if (!font)
        return NULL;
    if (l->tex && l->font == font && l->font_h == TTF_FontHeight(font))
        return l;
    if (l->tex)
        SDL_DestroyTexture(l->tex);
    l->tex = NULL;
    SDL_Surface *s = TTF_RenderUTF8_Blended(font, label_text(id), text_ink);
    if (!s) {
        log_warn("diagram: cannot render a label: %s", TTF_GetError());
        return NULL;
    }
    l->tex = SDL_CreateTextureFromSurface(ren, s);
    l->w = s->w;
    l->h = s->h;
    SDL_FreeSurface(s);
    if (!l->tex)
        return NULL;
    l->font = font;
    l->font_h = TTF_FontHeight(font);
    return l;
}

/* Draws a label on a light plate at height cy: centred on x (align 0), or
 * ending at x (align -1) or starting at x (align 1). It shrinks when wider
 * than max_w and is pushed inside `area`, so it never overflows. */
static void draw_label(struct diagram_view *v, SDL_Renderer *ren, TTF_Font *font,
                       enum label_id id, float x_anchor, int align, float cy, float max_w,
                       SDL_Rect area)
{
    struct label *l = get_label(v, ren, font, id);
    if (!l)
        return;
    float pad = (float)l->h * 0.25f;
    float scale = 1.0f;
    float nat_w = (float)l->w + 2 * pad, nat_h = (float)l->h + pad;
    if (nat_w * scale > max_w)
        scale = max_w / nat_w;
    if (nat_w * scale > (float)area.w)
        scale = (float)area.w / nat_w;
    if (nat_h * scale > (float)area.h)
        scale = (float)area.h / nat_h;
    float w = (float)l->w * scale, h = (float)l->h * scale;
    float pw = nat_w * scale, ph = nat_h * scale;
    float x = align == 0 ? x_anchor - pw / 2 : align < 0 ? x_anchor - pw : x_anchor;
    float y = cy - ph / 2;
    if (x + pw > (float)(area.x + area.w))
        x = (float)(area.x + area.w) - pw;
    if (x < (float)area.x)
        x = (float)area.x;
    if (y + ph > (float)(area.y + area.h))
        y = (float)(area.y + area.h) - ph;
    if (y < (float)area.y)
        y = (float)area.y;
    /* plate: a rounded rectangle from two rectangles and four corner discs */
    float rr = ph * 0.3f, f = 1.0f;
    SDL_FPoint r1[4] = {{x + rr, y}, {x + pw - rr, y}, {x + pw - rr, y + ph}, {x + rr, y + ph}};
    SDL_FPoint r2[4] = {{x, y + rr}, {x + pw, y + rr}, {x + pw, y + ph - rr}, {x, y + ph - rr}};
    SDL_Color pc = plate;
    pc.a = 255; /* overlapping pieces must not double-blend */
    (void)plate_edge;
    fill_poly(v, r1, 4, pc, f);
    fill_poly(v, r2, 4, pc, f);
    SDL_FPoint cs[4] = {{x + rr, y + rr}, {x + pw - rr, y + rr}, {x + pw - rr, y + ph - rr},
                        {x + rr, y + ph - rr}};
    for (int i = 0; i < 4; i++)
        fill_disc(v, cs[i], rr, pc, f);
    flush(v, ren);
    SDL_FRect dst = {x + pad * scale, y + pad * scale * 0.5f, w, h};
    SDL_RenderCopyF(ren, l->tex, NULL, &dst);
}

/* ---- the marks --------------------------------------------------------- */

/* Sizes of the marks in viewBox units (15 to a cm), large enough to find
 * from across a room. The ball with its halo and the ring with its edge stay
 * within 2 cm (30 units) of their centre, the ball's contact patch, so a
 * position allowed next to a no-go zone never draws over its hatching. The
 * core fill keeps its old size (0.68 of 19 units): the pixel tests find the
 * ball by it. */
#define BALL_R 26.0
#define BALL_CORE_R (0.68 * 19.0)
#define RING_R 21.0
#define RING_W 8.0
#define RING_EDGE 2.0

static void draw_nogo(struct diagram_view *v, SDL_Renderer *ren, SDL_Rect area, bool right,
                      TTF_Font *font, double s)
{
    const struct diagram *d = v->d;
    double xmin = d->view_w, xmax = 0;
    for (size_t i = 0; i < d->n_lines; i++) {
        xmin = fmin(xmin, d->lines[i].x_knee);
        xmax = fmax(xmax, d->lines[i].x_knee);
    }
    /* the band spans the back of the knee: a little beyond the outer lines,
     * inside the outline of the thigh */
    double margin = 0.065 * d->view_w;
    SDL_FPoint a = view_point(d, area, right, xmin - margin, d->knee_y - d->nogo_max_cm * d->units_per_cm);
    SDL_FPoint b = view_point(d, area, right, xmax + margin, d->knee_y);
    float x0 = fminf(a.x, b.x), x1 = fmaxf(a.x, b.x), y0 = a.y, y1 = b.y;
    float f = 1.0f;
    SDL_FPoint band[4] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
    fill_poly(v, band, 4, nogo_shade, f);
    flush(v, ren);

    /* hatching, clipped to the band */
    SDL_Rect old_clip;
    SDL_bool had_clip = SDL_RenderIsClipEnabled(ren);
    SDL_RenderGetClipRect(ren, &old_clip);
    SDL_Rect clip = {(int)ceilf(x0), (int)ceilf(y0), (int)(floorf(x1) - ceilf(x0)),
                     (int)(floorf(y1) - ceilf(y0))};
    SDL_RenderSetClipRect(ren, &clip);
    float gap = (float)fmax(10.0 * s, 5.0), w = (float)fmax(3.0 * s, 1.5);
    float hgt = y1 - y0;
    for (float x = x0 - hgt; x < x1 + gap; x += gap) {
        SDL_FPoint p = {x, y1}, q = {x + hgt, y0};
        line(v, p, q, w, nogo_hatch, f);
    }
    flush(v, ren);
    SDL_RenderSetClipRect(ren, had_clip ? &old_clip : NULL);

    /* its upper edge, the limit the ball must stay above */
    float ew = (float)fmax(2.0 * s, 1.5);
    line(v, (SDL_FPoint){x0, y0}, (SDL_FPoint){x1, y0}, ew, nogo_edge, f);
    flush(v, ren);
    draw_label(v, ren, font, LABEL_NOGO, (x0 + x1) / 2, 0, (y0 + y1) / 2, (x1 - x0) * 0.92f, area);
}

static void draw_strips(struct diagram_view *v, SDL_Renderer *ren, SDL_Rect area,
                        const struct diagram_marks *m, double s)
{
    const struct diagram *d = v->d;
    float f = 1.0f;
    for (size_t i = 0; i < d->n_lines; i++) {
        const struct diagram_line *l = &d->lines[i];
        SDL_FPoint a = diagram_view_map(d, area, m->side, l, d->work_min_cm);
        SDL_FPoint b = diagram_view_map(d, area, m->side, l, d->work_max_cm);
        if (m->current == l) {
            capsule(v, a, b, (float)(24 * s), strip_glow, f);
            flush(v, ren);
            capsule(v, a, b, (float)fmax(6 * s, 3), strip_edge, f);
            flush(v, ren);
            capsule(v, a, b, (float)fmax(3.5 * s, 1.5), strip_core, f);
        } else {
            /* the other strips dashed: visible paths, clearly not the current one */
            float dx = b.x - a.x, dy = b.y - a.y, len = hypotf(dx, dy);
            float dash = (float)fmax(9 * s, 4), gap = (float)fmax(6 * s, 3);
            for (float t = 0; t < len; t += dash + gap) {
                float t1 = fminf(t + dash, len);
                SDL_FPoint p = {a.x + dx * t / len, a.y + dy * t / len};
                SDL_FPoint q = {a.x + dx * t1 / len, a.y + dy * t1 / len};
                line(v, p, q, (float)fmax(2.5 * s, 1.5), strip_idle, f);
            }
        }
        flush(v, ren);
    }
}

static void draw_arrow(struct diagram_view *v, SDL_Renderer *ren, SDL_FPoint from,
                       SDL_FPoint to, float r_from, float r_to, double s)
{
    float dx = to.x - from.x, dy = to.y - from.y, len = hypotf(dx, dy);
    if (len <= r_from + r_to + 2)
        return;
    float ux = dx / len, uy = dy / len;
    float f = 1.0f;
    /* a white arrow on a dark one a little larger: its outline */
    for (int pass = 0; pass < 2; pass++) {
        float grow = pass == 0 ? (float)fmax(RING_EDGE * s, 1.0) : 0;
        float head = (float)fmax(14 * s, 7) + grow * 2, w = (float)fmax(4.5 * s, 2) + grow * 2;
        SDL_FPoint a = {from.x + ux * r_from, from.y + uy * r_from};
        SDL_FPoint tip = {to.x - ux * (r_to - grow), to.y - uy * (r_to - grow)};
        SDL_FPoint base = {tip.x - ux * head, tip.y - uy * head};
        SDL_Color c = pass == 0 ? next_ring : next_core;
        if (hypotf(base.x - a.x, base.y - a.y) > 1)
            line(v, a, base, w, c, f);
        SDL_FPoint h[3] = {
            tip,
            {base.x - uy * head * 0.6f, base.y + ux * head * 0.6f},
            {base.x + uy * head * 0.6f, base.y - ux * head * 0.6f},
        };
        fill_poly(v, h, 3, c, f);
        flush(v, ren);
    }
}

/* A spiky ball: a white halo, a dark crown of spikes, a bright body with
 * the core colour at its centre and a highlight. */
static void draw_ball(struct diagram_view *v, SDL_FPoint c, float r, float core_r)
{
    enum { SPIKES = 14 };
    SDL_FPoint p[2 * SPIKES];
    for (int i = 0; i < 2 * SPIKES; i++) {
        float a = tau * (float)i / (2 * SPIKES);
        float rr = (i % 2 == 0) ? r : r * 0.80f;
        p[i].x = c.x + rr * cosf(a);
        p[i].y = c.y + rr * sinf(a);
    }
    float f = 1.0f;
    fill_disc(v, c, r + fmaxf(1.5f, r * 0.12f), halo, f);
    fill_poly(v, p, 2 * SPIKES, ball_spikes, f);
    fill_disc(v, c, r * 0.70f, ball_body, f);
    fill_disc(v, c, fminf(core_r, r * 0.62f), ball_fill, f);
    SDL_FPoint sh = {c.x - r * 0.30f, c.y - r * 0.32f};
    fill_disc(v, sh, r * 0.14f, ball_shine, f);
}

/* Where the ball goes: a white ring between two dark edges. */
static void draw_ring(struct diagram_view *v, SDL_Renderer *ren, SDL_FPoint n, double s)
{
    float f = 1.0f;
    float r = (float)fmax(RING_R * s, 7), w = (float)fmax(RING_W * s, 3);
    float edge = (float)fmax(RING_EDGE * s, 1);
    ring(v, n, r, w + 2 * edge, next_ring, f);
    flush(v, ren);
    ring(v, n, r, w, next_core, f);
    flush(v, ren);
}

/* Done positions, the ring where the ball goes with an arrow to it, the ball. */
static void draw_marks(struct diagram_view *v, SDL_Renderer *ren, SDL_Rect area,
                       const struct diagram_marks *m, double s)
{
    const struct diagram *d = v->d;
    float f = 1.0f;
    float dot_r = (float)fmax(6 * s, 3), ball_r = (float)fmax(BALL_R * s, 8);
    float core_r = (float)(0.68 * fmax(19 * s, 8));
    float ring_out = (float)(fmax(RING_R * s, 7) + fmax(RING_W * s, 3) / 2 + fmax(RING_EDGE * s, 1));
    for (size_t i = 0; i < m->n_done; i++) {
        if (!m->done[i].line)
            continue;
        SDL_FPoint p = diagram_view_map(d, area, m->side, m->done[i].line, m->done[i].cm);
        fill_disc(v, p, dot_r + fmaxf(1.2f, dot_r * 0.3f), halo, f);
        fill_disc(v, p, dot_r, done_fill, f);
    }
    flush(v, ren);

    SDL_FPoint ball = {0, 0};
    if (m->has_ball && m->ball.line)
        ball = diagram_view_map(d, area, m->side, m->ball.line, m->ball.cm);
    if (m->has_next && m->next.line) {
        SDL_FPoint n = diagram_view_map(d, area, m->side, m->next.line, m->next.cm);
        draw_ring(v, ren, n, s);
        if (m->has_ball && m->ball.line)
            draw_arrow(v, ren, ball, n, ball_r * 1.15f, ring_out, s);
    }
    if (m->has_ball && m->ball.line) {
        draw_ball(v, ball, ball_r, core_r);
        flush(v, ren);
    }
}

void diagram_view_draw(struct diagram_view *v, SDL_Renderer *ren, SDL_Rect area,
                       const struct diagram_marks *m, TTF_Font *label_font)
{
    if (!v || !ren || area.w < 4 || area.h < 4)
        return;
    const struct diagram *d = v->d;
    static const struct diagram_marks none = {0};
    if (!m)
        m = &none;
    bool right = m->side == ROUTINE_SIDE_RIGHT;
    SDL_FRect pic = fit_rect(d, area);
    double s = fit_scale(d, area);

    /* rasterize in output pixels, so a scaled (HiDPI) renderer stays crisp */
    float sx = 1, sy = 1;
    SDL_RenderGetScale(ren, &sx, &sy);
    int tw = (int)lroundf(pic.w * sx), th = (int)lroundf(pic.h * sy);
    SDL_BlendMode old_mode;
    SDL_GetRenderDrawBlendMode(ren, &old_mode);
    SDL_SetRenderDrawBlendMode(ren, SDL_BLENDMODE_BLEND);
    if (tw > 0 && th > 0 && ensure_picture(v, ren, tw, th))
        SDL_RenderCopyExF(ren, v->pic, NULL, &pic, 0, NULL,
                          right ? SDL_FLIP_HORIZONTAL : SDL_FLIP_NONE);

    draw_nogo(v, ren, area, right, label_font, s);
    draw_strips(v, ren, area, m, s);

    draw_marks(v, ren, area, m, s);

    /* Words: "outer" on the lateral side (the viewer's left for a left leg).
     * The thigh's outline at 40 % of the height lies at about 20 % and 80 %
     * of the picture's width: each word ends a little inside the outline and
     * may use the free margin of `area` beyond it. */
    float mid_y = pic.y + pic.h * 0.40f;
    float in = pic.w * 0.05f;
    float left_edge = pic.x + pic.w * 0.20f + in, right_edge = pic.x + pic.w * 0.80f - in;
    float left_w = fmaxf(left_edge - (float)area.x, pic.w * 0.3f);
    float right_w = fmaxf((float)(area.x + area.w) - right_edge, pic.w * 0.3f);
    draw_label(v, ren, label_font, right ? LABEL_INNER : LABEL_OUTER, left_edge, -1, mid_y,
               left_w, area);
    draw_label(v, ren, label_font, right ? LABEL_OUTER : LABEL_INNER, right_edge, 1, mid_y,
               right_w, area);
    SDL_FPoint hip = view_point(d, area, false, d->view_w / 2,
                                d->knee_y - d->hip_cm * d->units_per_cm - 22);
    SDL_FPoint knee = view_point(d, area, false, d->view_w / 2, d->knee_y + 26);
    draw_label(v, ren, label_font, LABEL_HIP, hip.x, 0, hip.y, pic.w * 0.5f, area);
    draw_label(v, ren, label_font, LABEL_KNEE, knee.x, 0, knee.y, pic.w * 0.5f, area);
    SDL_SetRenderDrawBlendMode(ren, old_mode);
}
