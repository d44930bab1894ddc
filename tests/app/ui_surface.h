/* ui_surface.h - for the ui unit tests: struct ui on SDL's software renderer
 * drawing into a surface (no display), with the system's font as the app
 * finds it, and the surface's pixels read back. */
#ifndef SMR_TESTS_UI_SURFACE_H
#define SMR_TESTS_UI_SURFACE_H

#include <SDL.h>

#include "app/fonts.h"
#include "app/ui.h"

struct ui_surface {
    struct fonts *fonts;
    SDL_Surface *surf;
    SDL_Renderer *ren;
    struct ui ui;
};

/* A w x h surface (RGB888) and its ui; NULL when no font or renderer. */
struct ui_surface *ui_surface_create(int w, int h);
void ui_surface_destroy(struct ui_surface *f);
/* What is queued drawn, then a malloc'd copy of the pixels, row by row. */
Uint32 *ui_surface_pixels(struct ui_surface *f);
/* Of those pixels, how many in `r` are not `bg`: where something drew. */
int ui_surface_inked(const struct ui_surface *f, const Uint32 *px, SDL_Rect r, SDL_Color bg);

#endif
