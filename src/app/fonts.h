/* fonts.h - the system's sans-serif font (regular and bold) found through
 * fontconfig. Each face's file is mapped once, at fonts_create(); every pixel
 * size is opened from that memory and kept, so drawing never opens a file,
 * until the screens say that a size is no longer drawn. */
#pragma once

#include <SDL_ttf.h>
#include <stdbool.h>

struct fonts;
struct fonts_lookup;

/* Starts asking fontconfig for the two faces in a thread of its own: reading
 * its configuration and cache is 3-5 ms that can pass while the window
 * opens. Never NULL (without a thread it looks them up at once). */
struct fonts_lookup *fonts_lookup_start(void);
/* Waits for the lookup and frees it, when it is not to be used; NULL is fine. */
void fonts_lookup_finish(struct fonts_lookup *l);

/* The faces `l` (from fonts_lookup_start) found, waited for; `l` is taken.
 * NULL when no usable font is found; the reason is logged for the user. */
struct fonts *fonts_create(struct fonts_lookup *l);
void fonts_destroy(struct fonts *f); /* NULL is fine */

/* A font whose em is `px` pixels (clamped to 4-2000); NULL only when SDL2_ttf
 * cannot open the face at that size. */
TTF_Font *fonts_get(struct fonts *f, int px, bool bold);
/* How many sizes have been closed so far. While it stays the same, a font
 * pointer fonts_get() gave is still that font at that size (one closed may
 * be freed and its address given to another): what a cache keyed by the
 * pointer checks (ui.c's wraps). */
unsigned long fonts_closed(const struct fonts *f);

/* An open size costs some 150 KB (FreeType's face, HarfBuzz's copies of the
 * font's tables, SDL2_ttf's glyphs), and each screen has sizes of its own:
 * at a change of screen they all go, before the new one opens its own. A
 * later fonts_get() opens a size again, in 0.02-0.09 ms (1280x720, gcc). */
void fonts_close_all(struct fonts *f);
