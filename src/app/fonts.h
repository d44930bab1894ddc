/* fonts.h - the system's sans-serif font (regular and bold) found through
 * fontconfig, opened with SDL2_ttf once per pixel size and kept. */
#pragma once

#include <SDL_ttf.h>
#include <stdbool.h>

struct fonts;

/* NULL when no usable font is found; the reason is printed for the user. */
struct fonts *fonts_open(void);
void fonts_close(struct fonts *f); /* NULL is fine */

/* A font whose em is `px` pixels; NULL only if the file became unreadable. */
TTF_Font *fonts_get(struct fonts *f, int px, bool bold);
