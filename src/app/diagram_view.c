/* diagram_view.c - see diagram_view.h. The picture is an SVG rasterized by
 * SDL2_image (nanosvg) at exactly the size it is shown, so it stays crisp from
 * 800x600 to 4K; it is re-rasterized only when that size changes. The marks
 * on top, and the no-go zones from the diagram's table, are feathered shapes
 * (app/diagram_shapes.h). Every mark is placed through diagram_view_map(),
 * the one mapping from cm along a strip to window pixels. */
#include "app/diagram_view.h"

#include <SDL_image.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/diagram_shapes.h"
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
static const SDL_Color nogo_shade = {255, 196, 0, 150};
static const SDL_Color nogo_hatch = {25, 25, 25, 190};
static const SDL_Color nogo_edge = {25, 25, 25, 230};
static const SDL_Color plate = {255, 255, 255, 225};
static const SDL_Color plate_edge = {60, 60, 60, 200};
static const SDL_Color text_ink = {25, 25, 25, 255};

enum label_id { LABEL_OUTER, LABEL_INNER, LABEL_NOGO, LABEL_FAR, LABEL_NEAR, N_LABELS };

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
    struct shape_batch shapes; /* geometry scratch, reused across frames */
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
    shape_batch_finish(&v->shapes);
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

/* ---- labels ------------------------------------------------------------ */

static const char *label_text(const struct diagram *d, enum label_id id)
{
    switch (id) {
    case LABEL_OUTER: return _("outer");
    case LABEL_INNER: return _("inner");
    case LABEL_NOGO: return _("no-go zone");
    case LABEL_FAR: return _(d->far_label);
    case LABEL_NEAR: return _(d->near_label);
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
    SDL_Surface *s = TTF_RenderUTF8_Blended(font, label_text(v->d, id), text_ink);
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
    shape_poly(&v->shapes, r1, 4, pc, f);
    shape_poly(&v->shapes, r2, 4, pc, f);
    SDL_FPoint cs[4] = {{x + rr, y + rr}, {x + pw - rr, y + rr}, {x + pw - rr, y + ph - rr},
                        {x + rr, y + ph - rr}};
    for (int i = 0; i < 4; i++)
        shape_disc(&v->shapes, cs[i], rr, pc, f);
    shape_flush(&v->shapes, ren);
    SDL_FRect dst = {x + pad * scale, y + pad * scale * 0.5f, w, h};
    SDL_RenderCopyF(ren, l->tex, NULL, &dst);
}

/* ---- the marks --------------------------------------------------------- */


/* A zone's corners in window pixels: at from_cm, then at to_cm. */
static void zone_corners(const struct diagram *d, SDL_Rect area, bool right,
                         const struct diagram_zone *z, SDL_FPoint c[4])
{
    double xy[8];
    diagram_zone_corners(d, z, false, xy); /* view_point mirrors for the right leg */
    for (int i = 0; i < 4; i++)
        c[i] = view_point(d, area, right, xy[2 * i], xy[2 * i + 1]);
}

/* A no-go zone: shaded, hatched (inside its outline) and outlined, with
 * its label inside or, for a narrow zone, beside it. */
static void draw_zone(struct diagram_view *v, SDL_Renderer *ren, SDL_Rect area, bool right,
                      TTF_Font *font, double s, const struct diagram_zone *z)
{
    const struct diagram *d = v->d;
    SDL_FPoint c[4];
    zone_corners(d, area, right, z, c);
    float x0 = c[0].x, x1 = c[0].x, y0 = c[0].y, y1 = c[0].y;
    for (int i = 1; i < 4; i++) {
        x0 = fminf(x0, c[i].x);
        x1 = fmaxf(x1, c[i].x);
        y0 = fminf(y0, c[i].y);
        y1 = fmaxf(y1, c[i].y);
    }
    float f = 1.0f;
    shape_poly(&v->shapes, c, 4, nogo_shade, f);
    shape_flush(&v->shapes, ren);
    float gap = (float)fmax(10.0 * s, 5.0), w = (float)fmax(3.0 * s, 1.5);
    float hgt = y1 - y0;
    /* stripes end half their width inside the outline, so none pokes out */
    SDL_FPoint inner[4];
    shape_inset_convex(c, 4, w / 2, inner);
    for (float x = x0 - hgt; x < x1 + gap; x += gap) {
        SDL_FPoint p = {x, y1}, q = {x + hgt, y0};
        if (shape_clip_to_convex(inner, 4, &p, &q) && hypotf(q.x - p.x, q.y - p.y) > 0.5f)
            shape_line(&v->shapes, p, q, w, nogo_hatch, f);
    }
    shape_flush(&v->shapes, ren);

    /* its outline: the limit the ball stays off */
    float ew = (float)fmax(2.0 * s, 1.5);
    for (int i = 0; i < 4; i++)
        shape_line(&v->shapes, c[i], c[(i + 1) % 4], ew, nogo_edge, f);
    shape_flush(&v->shapes, ren);
    int side = right ? -z->label_side : z->label_side;
    float gap_px = (float)(8 * s), cy = (y0 + y1) / 2;
    float mid_l = (c[0].x + c[3].x) / 2, mid_r = (c[1].x + c[2].x) / 2;
    float lx = fminf(mid_l, mid_r), rx = fmaxf(mid_l, mid_r);
    if (side == 0)
        draw_label(v, ren, font, LABEL_NOGO, (lx + rx) / 2, 0, cy, (rx - lx) * 0.92f, area);
    else
        draw_label(v, ren, font, LABEL_NOGO, side < 0 ? x0 - gap_px : x1 + gap_px, side, cy,
                   (float)area.w, area);
}

/* One piece of a strip line, from cm a to cm b: the current strip glows,
 * the others are dashed. */
static void draw_strip_piece(struct diagram_view *v, SDL_Renderer *ren, SDL_Rect area,
                             const struct diagram_marks *m, const struct diagram_line *l, double a_cm,
                             double b_cm, double s)
{
    const struct diagram *d = v->d;
    float f = 1.0f;
    SDL_FPoint a = diagram_view_map(d, area, m->side, l, a_cm);
    SDL_FPoint b = diagram_view_map(d, area, m->side, l, b_cm);
    if (m->current == l) {
        /* round ends inside the piece, so the glow stays off the zones */
        const float widths[3] = {(float)(24 * s), (float)fmax(6 * s, 3), (float)fmax(3.5 * s, 1.5)};
        const SDL_Color colours[3] = {strip_glow, strip_edge, strip_core};
        float dx = b.x - a.x, dy = b.y - a.y, len = hypotf(dx, dy);
        for (int i = 0; i < 3; i++) {
            float k = len > widths[i] ? widths[i] / 2 / len : 0.5f;
            SDL_FPoint p = {a.x + dx * k, a.y + dy * k}, q = {b.x - dx * k, b.y - dy * k};
            shape_capsule(&v->shapes, p, q, widths[i], colours[i], f);
            shape_flush(&v->shapes, ren);
        }
    } else {
        float dx = b.x - a.x, dy = b.y - a.y, len = hypotf(dx, dy);
        float dash = (float)fmax(9 * s, 4), gap = (float)fmax(6 * s, 3);
        for (float t = 0; t < len; t += dash + gap) {
            float t1 = fminf(t + dash, len);
            SDL_FPoint p = {a.x + dx * t / len, a.y + dy * t / len};
            SDL_FPoint q = {a.x + dx * t1 / len, a.y + dy * t1 / len};
            shape_line(&v->shapes, p, q, (float)fmax(2.5 * s, 1.5), strip_idle, f);
        }
    }
    shape_flush(&v->shapes, ren);
}

/* Each line over its working area, leaving out the stretches that run
 * through a no-go zone. */
static void draw_strips(struct diagram_view *v, SDL_Renderer *ren, SDL_Rect area,
                        const struct diagram_marks *m, double s)
{
    const struct diagram *d = v->d;
    for (size_t i = 0; i < d->n_lines; i++) {
        const struct diagram_line *l = &d->lines[i];
        double piece[16][2];
        size_t n = diagram_line_pieces(d, l, piece, 16);
        for (size_t k = 0; k < n; k++)
            draw_strip_piece(v, ren, area, m, l, piece[k][0], piece[k][1], s);
    }
}

/* Sizes of the marks in viewBox units (15 to a cm), large enough to find
 * from across a room. The ball with its halo and the ring with its edge stay
 * within 2 cm (30 units) of their centre, the ball's contact patch, so a
 * position allowed next to a no-go zone never draws over its hatching. The
 * core fill keeps its old size (0.68 of 19 units): the pixel tests find the
 * ball by it. */
#define BALL_R 22.0
#define BALL_CORE_R (0.68 * 19.0)
#define RING_R 18.0
#define RING_W 7.0
#define RING_EDGE 2.0

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
            shape_line(&v->shapes, a, base, w, c, f);
        SDL_FPoint h[3] = {
            tip,
            {base.x - uy * head * 0.6f, base.y + ux * head * 0.6f},
            {base.x + uy * head * 0.6f, base.y - ux * head * 0.6f},
        };
        shape_poly(&v->shapes, h, 3, c, f);
        shape_flush(&v->shapes, ren);
    }
}

/* A spiky ball: a white halo, a dark crown of spikes, a bright body with
 * the core colour at its centre and a highlight. */
static void draw_ball(struct diagram_view *v, SDL_FPoint c, float r, float core_r)
{
    enum { SPIKES = 14 };
    SDL_FPoint p[2 * SPIKES];
    for (int i = 0; i < 2 * SPIKES; i++) {
        float a = SHAPE_TAU * (float)i / (2 * SPIKES);
        float rr = (i % 2 == 0) ? r : r * 0.80f;
        p[i].x = c.x + rr * cosf(a);
        p[i].y = c.y + rr * sinf(a);
    }
    float f = 1.0f;
    shape_disc(&v->shapes, c, r + fmaxf(1.5f, r * 0.12f), halo, f);
    shape_poly(&v->shapes, p, 2 * SPIKES, ball_spikes, f);
    shape_disc(&v->shapes, c, r * 0.70f, ball_body, f);
    shape_disc(&v->shapes, c, fminf(core_r, r * 0.62f), ball_fill, f);
    SDL_FPoint sh = {c.x - r * 0.30f, c.y - r * 0.32f};
    shape_disc(&v->shapes, sh, r * 0.14f, ball_shine, f);
}

/* Where the ball goes: a white ring between two dark edges. */
static void draw_ring(struct diagram_view *v, SDL_Renderer *ren, SDL_FPoint n, double s)
{
    float f = 1.0f;
    float r = (float)fmax(RING_R * s, 7), w = (float)fmax(RING_W * s, 3);
    float edge = (float)fmax(RING_EDGE * s, 1);
    shape_ring(&v->shapes, n, r, w + 2 * edge, next_ring, f);
    shape_flush(&v->shapes, ren);
    shape_ring(&v->shapes, n, r, w, next_core, f);
    shape_flush(&v->shapes, ren);
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
        shape_disc(&v->shapes, p, dot_r + fmaxf(1.2f, dot_r * 0.3f), halo, f);
        shape_disc(&v->shapes, p, dot_r, done_fill, f);
    }
    shape_flush(&v->shapes, ren);

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
        shape_flush(&v->shapes, ren);
    }
}

/* "outer" and "inner" beside the limb's outline, each on the side its line
 * is on (seen from behind the outer side of a left leg is on the viewer's
 * left, seen from the front on the right); the table's words at both ends. */
static void draw_words(struct diagram_view *v, SDL_Renderer *ren, SDL_Rect area, bool right,
                       TTF_Font *font)
{
    const struct diagram *d = v->d;
    SDL_FRect pic = fit_rect(d, area);
    double kx = (double)pic.w / d->view_w;
    const struct diagram_line *outer = diagram_find_line(d, "outer");
    const struct diagram_line *inner = diagram_find_line(d, "inner");
    bool outer_left = outer && inner && outer->x_knee < inner->x_knee;
    if (right)
        outer_left = !outer_left;
    double ol = right ? d->view_w - d->outline_right : d->outline_left;
    double orr = right ? d->view_w - d->outline_left : d->outline_right;
    float mid_y = pic.y + (float)(d->words_y / d->view_h) * pic.h;
    float in = pic.w * 0.05f;
    float left_edge = pic.x + (float)(ol * kx) + in, right_edge = pic.x + (float)(orr * kx) - in;
    float left_w = fmaxf(left_edge - (float)area.x, pic.w * 0.3f);
    float right_w = fmaxf((float)(area.x + area.w) - right_edge, pic.w * 0.3f);
    draw_label(v, ren, font, outer_left ? LABEL_OUTER : LABEL_INNER, left_edge, -1, mid_y, left_w,
               area);
    draw_label(v, ren, font, outer_left ? LABEL_INNER : LABEL_OUTER, right_edge, 1, mid_y,
               right_w, area);
    SDL_FPoint far = view_point(d, area, false, d->view_w / 2, d->far_label_y);
    SDL_FPoint near = view_point(d, area, false, d->view_w / 2, d->near_label_y);
    draw_label(v, ren, font, LABEL_FAR, far.x, 0, far.y, pic.w * 0.5f, area);
    draw_label(v, ren, font, LABEL_NEAR, near.x, 0, near.y, pic.w * 0.5f, area);
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

    for (size_t i = 0; i < d->n_zones; i++)
        draw_zone(v, ren, area, right, label_font, s, &d->zones[i]);
    draw_strips(v, ren, area, m, s);

    draw_marks(v, ren, area, m, s);

    draw_words(v, ren, area, right, label_font);
    SDL_SetRenderDrawBlendMode(ren, old_mode);
}
