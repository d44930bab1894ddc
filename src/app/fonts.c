/* fonts.c - see fonts.h. We ship no font: fontconfig picks the system's
 * sans-serif, the same one the desktop uses, and its bold face. Sizes are
 * opened lazily and kept in a small least-recently-used table, because the
 * layout asks for sizes derived from the window and shrinks text to fit. */
#include "app/fonts.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

#define CACHE_SLOTS 48

struct slot {
    TTF_Font *font;
    int px;
    bool bold;
    unsigned long used;
};

struct fonts {
    char *regular_path;
    char *bold_path; /* NULL: regular with a synthetic bold style */
    struct slot slots[CACHE_SLOTS];
    unsigned long clock;
};

/* The file fontconfig matches for sans-serif at `weight`, or NULL. A match is
 * accepted only when SDL2_ttf can open it. */
static char *match_file(int weight, bool *exact_weight)
{
    FcPattern *pat = FcPatternCreate();
    if (!pat)
        return NULL;
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)"sans-serif");
    FcPatternAddInteger(pat, FC_WEIGHT, weight);
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, pat, &res);
    FcPatternDestroy(pat);
    char *path = NULL;
    FcChar8 *file = NULL;
    int got_weight = -1;
    if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch && file) {
        TTF_Font *probe = TTF_OpenFont((const char *)file, 16);
        if (probe) {
            TTF_CloseFont(probe);
            path = xstrdup((const char *)file);
            FcPatternGetInteger(m, FC_WEIGHT, 0, &got_weight);
        }
    }
    if (exact_weight)
        *exact_weight = got_weight >= weight - 20 && got_weight <= weight + 20;
    if (m)
        FcPatternDestroy(m);
    return path;
}

struct fonts *fonts_open(void)
{
    if (!TTF_WasInit() && TTF_Init() != 0) {
        fprintf(stderr, "smr-timer: %s: %s\n", _("cannot start the font renderer"), TTF_GetError());
        return NULL;
    }
    if (!FcInit()) {
        fprintf(stderr, "smr-timer: %s\n", _("cannot read the fontconfig configuration"));
        TTF_Quit();
        return NULL;
    }
    struct fonts *f = xcalloc(1, sizeof *f);
    f->regular_path = match_file(FC_WEIGHT_REGULAR, NULL);
    if (!f->regular_path) {
        fprintf(stderr, "smr-timer: %s\n",
                _("no sans-serif font found through fontconfig; install one (for example "
                  "the Debian package fonts-dejavu-core) and try again"));
        free(f);
        TTF_Quit();
        return NULL;
    }
    bool exact = false;
    f->bold_path = match_file(FC_WEIGHT_BOLD, &exact);
    if (f->bold_path && !exact) {
        free(f->bold_path);
        f->bold_path = NULL;
    }
    log_debug("fonts: %s, bold %s", f->regular_path,
              f->bold_path ? f->bold_path : "(synthetic)");
    return f;
}

void fonts_close(struct fonts *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        if (f->slots[i].font)
            TTF_CloseFont(f->slots[i].font);
    free(f->regular_path);
    free(f->bold_path);
    free(f);
    TTF_Quit();
}

TTF_Font *fonts_get(struct fonts *f, int px, bool bold)
{
    if (px < 4)
        px = 4;
    if (px > 2000)
        px = 2000;
    size_t victim = 0;
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        struct slot *s = &f->slots[i];
        if (s->font && s->px == px && s->bold == bold) {
            s->used = ++f->clock;
            return s->font;
        }
        if (!s->font || (f->slots[victim].font && s->used < f->slots[victim].used))
            victim = i;
    }
    const char *path = bold && f->bold_path ? f->bold_path : f->regular_path;
    TTF_Font *font = TTF_OpenFont(path, px);
    if (!font) {
        log_warn("%s %s: %s", _("cannot open font"), path, TTF_GetError());
        return NULL;
    }
    if (bold && !f->bold_path)
        TTF_SetFontStyle(font, TTF_STYLE_BOLD);
    struct slot *s = &f->slots[victim];
    if (s->font)
        TTF_CloseFont(s->font);
    *s = (struct slot){.font = font, .px = px, .bold = bold, .used = ++f->clock};
    return font;
}
