/* ui_digits.c - the countdown's big digits (see ui.h). Each glyph (0-9 and
 * ':') is rendered once per size; what is kept is its inked part's coverage
 * (the blended render's alpha), and, drawn from it when the glyph is first
 * shown in a colour, an opaque texture of it in that colour on the
 * background the digits stand on, in the window's own pixel format. A
 * countdown second then copies one or two textures plainly, without
 * blending (blending a large glyph costs SDL's software renderer about 10
 * instructions a pixel; a plain copy is a copy of memory). Two colours are
 * kept, the count-in's and the countdown's, so that a session going from
 * one to the other draws no glyph twice. A texture is drawn through a table
 * of the 256 blends of the colour on the background: a lookup a pixel. The
 * box the digits stand in must be plain `bg` (the session screen's is). */
#include "app/ui.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static int glyph_index(char c) { return c == ':' ? 10 : (c >= '0' && c <= '9' ? c - '0' : -1); }

static bool same_color(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void drop_set(struct ui_digit_set *set)
{
    for (size_t i = 0; i < 11; i++) {
        if (set->glyph[i])
            SDL_DestroyTexture(set->glyph[i]);
        set->glyph[i] = NULL;
    }
    set->used = false;
}

void ui_digits_drop(struct ui *u)
{
    for (size_t k = 0; k < 2; k++)
        drop_set(&u->digits.set[k]);
    for (size_t i = 0; i < 11; i++) {
        free(u->digits.cover[i]);
        u->digits.cover[i] = NULL;
    }
    u->digits.px = 0;
}

/* The smallest rect of `surf` (ARGB8888) holding every pixel that is not
 * fully transparent: outside it a glyph's copy would change nothing. */
static SDL_Rect inked_box(const SDL_Surface *surf)
{
    int x0 = surf->w, y0 = surf->h, x1 = -1, y1 = -1;
    for (int y = 0; y < surf->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)surf->pixels + (size_t)y * surf->pitch);
        for (int x = 0; x < surf->w; x++) {
            if (!(row[x] >> 24))
                continue;
            x0 = x < x0 ? x : x0;
            x1 = x > x1 ? x : x1;
            y0 = y < y0 ? y : y0;
            y1 = y;
        }
    }
    return x1 < 0 ? (SDL_Rect){0, 0, 0, 0} : (SDL_Rect){x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

/* The alpha of `surf` (ARGB8888) inside `in`, a byte a pixel. */
static Uint8 *coverage(const SDL_Surface *surf, SDL_Rect in)
{
    Uint8 *out = xmalloc((size_t)in.w * (size_t)in.h);
    for (int y = 0; y < in.h; y++) {
        const Uint32 *row =
            (const Uint32 *)((const Uint8 *)surf->pixels + (size_t)(in.y + y) * surf->pitch) + in.x;
        for (int x = 0; x < in.w; x++)
            out[(size_t)y * in.w + x] = (Uint8)(row[x] >> 24);
    }
    return out;
}

/* The format the window's pixels are in, so that a copy is a plain one. */
static Uint32 output_format(const struct ui *u)
{
    SDL_Window *win = SDL_RenderGetWindow(u->ren);
    Uint32 f = win ? SDL_GetWindowPixelFormat(win) : SDL_PIXELFORMAT_UNKNOWN;
    return SDL_BYTESPERPIXEL(f) == 4 && SDL_BITSPERPIXEL(f) >= 24 ? f : SDL_PIXELFORMAT_ARGB8888;
}

/* fg over bg at coverage a (0-255), rounded. */
static Uint8 blend(Uint8 fg, Uint8 bg, unsigned a)
{
    return (Uint8)((fg * a + bg * (255u - a) + 127u) / 255u);
}

/* Glyph i's inked part in colour c on bg, opaque; NULL when SDL cannot. */
static SDL_Texture *bake(struct ui *u, int i, SDL_Color c, SDL_Color bg)
{
    SDL_Rect in = u->digits.inked[i];
    Uint32 format = output_format(u);
    SDL_Texture *t = SDL_CreateTexture(u->ren, format, SDL_TEXTUREACCESS_STREAMING, in.w, in.h);
    SDL_PixelFormat *fmt = SDL_AllocFormat(format);
    void *pixels = NULL;
    int pitch = 0;
    if (!t || !fmt || SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE) != 0 ||
        SDL_LockTexture(t, NULL, &pixels, &pitch) != 0) {
        if (t)
            SDL_DestroyTexture(t);
        SDL_FreeFormat(fmt);
        return NULL;
    }
    Uint32 lut[256];
    for (unsigned a = 0; a < 256; a++)
        lut[a] = SDL_MapRGB(fmt, blend(c.r, bg.r, a), blend(c.g, bg.g, a), blend(c.b, bg.b, a));
    const Uint8 *cover = u->digits.cover[i];
    for (int y = 0; y < in.h; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)pixels + (size_t)y * (size_t)pitch);
        const Uint8 *a = cover + (size_t)y * (size_t)in.w;
        for (int x = 0; x < in.w; x++)
            row[x] = lut[a[x]];
    }
    SDL_UnlockTexture(t);
    SDL_FreeFormat(fmt);
    return t;
}

/* The set in colour c on bg becomes the current one: one kept in c, else
 * the one not in use now, emptied (its glyphs are drawn as they are shown). */
static void select_set(struct ui *u, SDL_Color c, SDL_Color bg)
{
    struct ui_digit_cache *d = &u->digits;
    if (!same_color(d->bg, bg)) {
        drop_set(&d->set[0]);
        drop_set(&d->set[1]);
        d->bg = bg;
    }
    for (int k = 0; k < 2; k++)
        if (d->set[k].used && same_color(d->set[k].color, c)) {
            d->cur = k;
            return;
        }
    int k = !d->set[0].used ? 0 : !d->set[1].used ? 1 : 1 - d->cur;
    drop_set(&d->set[k]);
    d->set[k].used = true;
    d->set[k].color = c;
    d->cur = k;
}

/* Glyph i rendered at the font's size: its metrics, coverage and texture. */
static bool make_glyph(struct ui *u, TTF_Font *f, int i)
{
    static const char glyphs[] = "0123456789:";
    char s[2] = {glyphs[i], 0};
    SDL_Surface *r = TTF_RenderUTF8_Blended(f, s, (SDL_Color){255, 255, 255, 255});
    SDL_Surface *surf = r ? SDL_ConvertSurfaceFormat(r, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    SDL_FreeSurface(r);
    if (!surf)
        return false;
    u->digits.w[i] = surf->w;
    u->digits.h = surf->h;
    SDL_Rect in = inked_box(surf);
    u->digits.inked[i] = in;
    if (in.w > 0 && in.h > 0)
        u->digits.cover[i] = coverage(surf, in);
    SDL_FreeSurface(surf);
    return true;
}

static bool build_digits(struct ui *u, int px, SDL_Color c, SDL_Color bg)
{
    ui_digits_drop(u);
    TTF_Font *f = fonts_get(u->fonts, px, true);
    if (!f)
        return false;
    for (int i = 0; i < 11; i++)
        if (!make_glyph(u, f, i))
            return false;
    select_set(u, c, bg);
    int miny = 0, maxy = 0;
    TTF_GlyphMetrics(f, '0', NULL, NULL, &miny, &maxy, NULL);
    u->digits.ink_top = TTF_FontAscent(f) - maxy;
    u->digits.ink_h = maxy - miny;
    u->digits.px = px;
    return true;
}

/* Where ui_digits() puts `text` in `box`: the scale of the copies, the first
 * copy's top left corner and the digits' ink. False without glyphs. */
struct digits_place {
    double s;
    int x, y;
    SDL_Rect ink;
};

/* Where the digits go (the glyphs made at the size needed and, given c and
 * bg, in those colours; without, in any: the metrics are the same). */
static bool place_digits(struct ui *u, SDL_Rect box, const char *text, int glyph_h,
                         const SDL_Color *c, const SDL_Color *bg, struct digits_place *pl)
{
    /* Size the font so that every digit's ink (not the line box) is at least
     * glyph_h tall: flat digits (1, 4, 7) are a little shorter than round ones. */
    TTF_Font *probe = fonts_get(u->fonts, 100, true);
    int ink100 = 72;
    if (probe) {
        for (Uint16 ch = '0'; ch <= '9'; ch++) {
            int miny = 0, maxy = 0;
            if (TTF_GlyphMetrics(probe, ch, NULL, NULL, &miny, &maxy, NULL) == 0 &&
                maxy - miny > 0 && (ch == '0' || maxy - miny < ink100))
                ink100 = maxy - miny;
        }
    }
    int px = (int)ceil(glyph_h * 100.0 / ink100) + 2;
    struct ui_digit_set *cur = &u->digits.set[u->digits.cur];
    SDL_Color want = c ? *c : cur->color, on = bg ? *bg : u->digits.bg;
    if (u->digits.px != px) {
        if (!build_digits(u, px, want, on))
            return false;
    } else if (c) {
        select_set(u, want, on);
    }
    int width = 0;
    for (const char *p = text; *p; p++)
        if (glyph_index(*p) >= 0)
            width += u->digits.w[glyph_index(*p)];
    /* Too wide or too tall for the box: scale the copies down rather than
     * overflow (a box is always sized for the wanted height; this is a guard). */
    double s = 1.0;
    if (width > box.w && width > 0)
        s = (double)box.w / width;
    if (u->digits.ink_h * s > box.h && u->digits.ink_h > 0)
        s = (double)box.h / u->digits.ink_h;
    int total_w = (int)(width * s);
    int ink_h = (int)(u->digits.ink_h * s);
    int ink_y = box.y + (box.h - ink_h) / 2;
    *pl = (struct digits_place){.s = s, .x = box.x + (box.w - total_w) / 2,
                                .y = ink_y - (int)(u->digits.ink_top * s),
                                .ink = {box.x + (box.w - total_w) / 2, ink_y, total_w, ink_h}};
    return true;
}

/* The rect of one glyph's copy at x. */
static SDL_Rect glyph_rect(const struct ui *u, const struct digits_place *pl, int gi, int x)
{
    return (SDL_Rect){x, pl->y, (int)(u->digits.w[gi] * pl->s), (int)(u->digits.h * pl->s)};
}

/* Where the glyph's inked part (its texture) goes in that copy; false when
 * nothing is drawn. */
static bool glyph_part(const struct ui *u, const struct digits_place *pl, int gi, SDL_Rect r,
                       SDL_Rect *dst)
{
    SDL_Rect in = u->digits.inked[gi];
    double s = pl->s;
    *dst = (SDL_Rect){r.x + (int)(in.x * s), r.y + (int)(in.y * s), (int)(in.w * s),
                      (int)(in.h * s)};
    return in.w > 0 && in.h > 0 && dst->w > 0 && dst->h > 0;
}

/* Glyph gi in the current set's colour, drawn the first time it is asked
 * for; NULL for a glyph without ink or when SDL cannot draw it. */
static SDL_Texture *glyph_texture(struct ui *u, int gi)
{
    struct ui_digit_set *set = &u->digits.set[u->digits.cur];
    SDL_Rect in = u->digits.inked[gi];
    if (!set->glyph[gi] && in.w > 0 && in.h > 0)
        set->glyph[gi] = bake(u, gi, set->color, u->digits.bg);
    return set->glyph[gi];
}

SDL_Rect ui_digits(struct ui *u, SDL_Rect box, const char *text, int glyph_h, SDL_Color c,
                   SDL_Color bg)
{
    struct digits_place pl;
    if (!place_digits(u, box, text, glyph_h, &c, &bg, &pl))
        return (SDL_Rect){box.x, box.y, 0, 0};
    int x = pl.x;
    for (const char *p = text; *p; p++) {
        int gi = glyph_index(*p);
        if (gi < 0)
            continue;
        SDL_Rect r = glyph_rect(u, &pl, gi, x), dst;
        SDL_Texture *t = glyph_part(u, &pl, gi, r, &dst) ? glyph_texture(u, gi) : NULL;
        if (t)
            SDL_RenderCopy(u->ren, t, NULL, &dst);
        x += r.w;
    }
    return pl.ink;
}

void ui_digits_warm(struct ui *u, SDL_Rect box, int glyph_h, const char *text, SDL_Color c,
                    SDL_Color bg)
{
    struct digits_place pl;
    if (!place_digits(u, box, "0", glyph_h, &c, &bg, &pl))
        return;
    for (const char *p = text; *p; p++)
        if (glyph_index(*p) >= 0)
            glyph_texture(u, glyph_index(*p));
}

SDL_Rect ui_digits_extent(struct ui *u, SDL_Rect box, const char *text, int glyph_h)
{
    struct digits_place pl;
    SDL_Rect all = {box.x, box.y, 0, 0};
    if (!place_digits(u, box, text, glyph_h, NULL, NULL, &pl))
        return all;
    int x = pl.x;
    for (const char *p = text; *p; p++) {
        int gi = glyph_index(*p);
        if (gi < 0)
            continue;
        SDL_Rect r = glyph_rect(u, &pl, gi, x), dst;
        if (glyph_part(u, &pl, gi, r, &dst)) {
            if (all.w == 0)
                all = dst;
            else
                SDL_UnionRect(&all, &dst, &all);
        }
        x += r.w;
    }
    return all;
}

/* Replaces rects[i] by what of it lies outside `cut` (up to four rects:
 * the bands above and below, then left and right between them); how many
 * rects there are then. */
static int subtract(SDL_Rect *rects, int n, int i, int cap, SDL_Rect cut)
{
    SDL_Rect r = rects[i], in;
    if (!SDL_IntersectRect(&r, &cut, &in))
        return n;
    SDL_Rect parts[4] = {
        {r.x, r.y, r.w, in.y - r.y},
        {r.x, in.y + in.h, r.w, r.y + r.h - (in.y + in.h)},
        {r.x, in.y, in.x - r.x, in.h},
        {in.x + in.w, in.y, r.x + r.w - (in.x + in.w), in.h},
    };
    rects[i] = rects[--n];
    for (int k = 0; k < 4; k++)
        if (parts[k].w > 0 && parts[k].h > 0 && n < cap)
            rects[n++] = parts[k];
    return n;
}

void ui_digits_clear(struct ui *u, SDL_Rect area, SDL_Rect box, const char *text, int glyph_h,
                     SDL_Color bg)
{
    enum { CAP = 48 };
    SDL_Rect rects[CAP] = {area};
    int n = area.w > 0 && area.h > 0;
    struct digits_place pl;
    bool placed = place_digits(u, box, text, glyph_h, NULL, NULL, &pl) &&
                  same_color(u->digits.bg, bg);
    int x = placed ? pl.x : 0;
    for (const char *p = text; placed && *p; p++) {
        int gi = glyph_index(*p);
        if (gi < 0)
            continue;
        SDL_Rect r = glyph_rect(u, &pl, gi, x), dst;
        if (glyph_part(u, &pl, gi, r, &dst))
            for (int i = n - 1; i >= 0; i--) {
                if (n + 3 > CAP) { /* cannot split further: fill it all */
                    n = 1;
                    rects[0] = area;
                    placed = false;
                    break;
                }
                n = subtract(rects, n, i, CAP, dst);
            }
        x += r.w;
    }
    for (int i = 0; i < n; i++)
        ui_fill(u, rects[i], bg);
}
