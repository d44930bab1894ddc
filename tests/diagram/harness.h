/* harness.h - what the diagram tool and tests share: a headless SDL window
 * with the software renderer, a system font found through fontconfig, and
 * marks described in a compact text form ("outer:20" = 20 cm on the outer
 * line). */
#pragma once

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>

#include "app/diagram_view.h"

struct harness {
    SDL_Window *win;
    SDL_Renderer *ren;
    TTF_Font *font;
    const struct diagram *d;
    struct diagram_view *view;
};

/* Opens a w x h window showing the diagram named `diagram`; font_px 0 picks
 * a size from the height. */
bool harness_open(struct harness *h, const char *diagram, int w, int h_px, int font_px);
void harness_close(struct harness *h);
/* "outer:20" -> line and cm; false when it does not parse. */
bool harness_parse_dot(const struct diagram *d, const char *spec, struct diagram_dot *out);
/* Clears to the background colour and draws the view into `area`. */
void harness_draw(struct harness *h, SDL_Rect area, const struct diagram_marks *m);
/* The whole window as ARGB8888 pixels (caller SDL_FreeSurface). */
SDL_Surface *harness_read(struct harness *h);
