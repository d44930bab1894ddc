/* ui_surface.c - see ui_surface.h. */
#include "ui_surface.h"

#include <stdlib.h>
#include <string.h>

struct ui_surface *ui_surface_create(int w, int h)
{
    struct ui_surface *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->fonts = fonts_create(fonts_lookup_start());
    f->surf = f->fonts ? SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888) : NULL;
    f->ren = f->surf ? SDL_CreateSoftwareRenderer(f->surf) : NULL;
    if (!f->ren) {
        if (f->surf)
            SDL_FreeSurface(f->surf);
        if (f->fonts)
            fonts_destroy(f->fonts);
        free(f);
        return NULL;
    }
    ui_init(&f->ui, f->ren, f->fonts);
    return f;
}

void ui_surface_destroy(struct ui_surface *f)
{
    if (!f)
        return;
    ui_finish(&f->ui);
    SDL_DestroyRenderer(f->ren);
    SDL_FreeSurface(f->surf);
    fonts_destroy(f->fonts);
    free(f);
}

Uint32 *ui_surface_pixels(struct ui_surface *f)
{
    SDL_RenderFlush(f->ren);
    int w = f->surf->w, h = f->surf->h;
    Uint32 *px = malloc((size_t)w * (size_t)h * sizeof *px);
    if (!px)
        return NULL;
    for (int y = 0; y < h; y++)
        memcpy(px + (size_t)y * (size_t)w, (Uint8 *)f->surf->pixels + (size_t)y * (size_t)f->surf->pitch,
               (size_t)w * sizeof *px);
    return px;
}

int ui_surface_inked(const struct ui_surface *f, const Uint32 *px, SDL_Rect r, SDL_Color bg)
{
    Uint32 b = (Uint32)bg.r << 16 | (Uint32)bg.g << 8 | bg.b;
    int n = 0;
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            n += (px[(size_t)y * (size_t)f->surf->w + (size_t)x] & 0xffffff) != b;
    return n;
}
