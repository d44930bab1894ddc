/* harness.c - see harness.h. */
#include "harness.h"

#include "config.h"

#include <SDL_image.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The system's sans-serif font file, or NULL. Caller frees. */
static char *find_font(void)
{
    if (!FcInit())
        return NULL;
    FcPattern *pat = FcNameParse((const FcChar8 *)"sans-serif");
    char *path = NULL;
    if (pat) {
        FcConfigSubstitute(NULL, pat, FcMatchPattern);
        FcDefaultSubstitute(pat);
        FcResult res;
        FcPattern *match = FcFontMatch(NULL, pat, &res);
        FcChar8 *file = NULL;
        if (match && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch)
            path = strdup((const char *)file);
        if (match)
            FcPatternDestroy(match);
        FcPatternDestroy(pat);
    }
    return path;
}

static char *assets_dir(void)
{
    const char *root = getenv("SMR_SOURCE_ROOT");
    if (!root)
        root = SMR_SOURCE_ROOT;
    size_t n = strlen(root) + sizeof "/assets";
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/assets", root);
    return s;
}

bool harness_open(struct harness *h, const char *diagram, int w, int h_px, int font_px)
{
    memset(h, 0, sizeof *h);
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "SDL: %s\n", SDL_GetError());
        return false;
    }
    h->win = SDL_CreateWindow("diagram", 0, 0, w, h_px, SDL_WINDOW_HIDDEN);
    h->ren = h->win ? SDL_CreateRenderer(h->win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    if (!h->ren) {
        fprintf(stderr, "SDL window/renderer: %s\n", SDL_GetError());
        return false;
    }
    char *font = find_font();
    if (!font) {
        fprintf(stderr, "no sans-serif font found through fontconfig\n");
        return false;
    }
    h->font = TTF_OpenFont(font, font_px > 0 ? font_px : (h_px / 34 > 12 ? h_px / 34 : 12));
    free(font);
    if (!h->font) {
        fprintf(stderr, "TTF_OpenFont: %s\n", TTF_GetError());
        return false;
    }
    h->d = diagram_find(diagram);
    if (!h->d)
        fprintf(stderr, "no diagram %s\n", diagram);
    char *assets = assets_dir();
    h->view = h->d && assets ? diagram_view_create(h->ren, h->d, assets) : NULL;
    free(assets);
    return h->view != NULL;
}

void harness_close(struct harness *h)
{
    diagram_view_destroy(h->view);
    if (h->font)
        TTF_CloseFont(h->font);
    if (h->ren)
        SDL_DestroyRenderer(h->ren);
    if (h->win)
        SDL_DestroyWindow(h->win);
    TTF_Quit();
    SDL_Quit();
    memset(h, 0, sizeof *h);
}

bool harness_parse_dot(const struct diagram *d, const char *spec, struct diagram_dot *out)
{
    const char *colon = strchr(spec, ':');
    if (!colon || colon - spec >= 32)
        return false;
    char id[32];
    memcpy(id, spec, (size_t)(colon - spec));
    id[colon - spec] = '\0';
    char *end;
    double cm = strtod(colon + 1, &end);
    if (*end != '\0' || end == colon + 1)
        return false;
    out->line = diagram_find_line(d, id);
    out->cm = cm;
    return out->line != NULL;
}

void harness_draw(struct harness *h, SDL_Rect area, const struct diagram_marks *m)
{
    SDL_SetRenderDrawColor(h->ren, 36, 40, 48, 255);
    SDL_RenderClear(h->ren);
    diagram_view_draw(h->view, h->ren, area, m, h->font);
}

SDL_Surface *harness_read(struct harness *h)
{
    int w, hh;
    SDL_GetRendererOutputSize(h->ren, &w, &hh);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, hh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s && SDL_RenderReadPixels(h->ren, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0) {
        SDL_FreeSurface(s);
        return NULL;
    }
    return s;
}
