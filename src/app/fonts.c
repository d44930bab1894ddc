/* fonts.c - see fonts.h. We ship no font: fontconfig picks the system's
 * sans-serif, the same one the desktop uses, and its bold face. Each face's
 * file is mapped once; sizes are opened from that memory lazily and
 * kept in a small least-recently-used table per face, because the layout asks
 * for sizes derived from the window and shrinks text to fit. */
#include "app/fonts.h"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

#define FACE_SLOTS 24

struct slot {
    TTF_Font *font;
    int px;
    unsigned long used;
};

struct face {
    char *path;        /* for messages */
    const void *data;  /* the whole font file */
    size_t size;
    void *owned;       /* data when this face mapped it (munmap) */
    int style;         /* TTF_STYLE_BOLD: bold synthesized from the regular face */
    struct slot slots[FACE_SLOTS];
    unsigned long clock;
};

struct fonts {
    struct face regular, bold;
    unsigned long closed; /* sizes closed so far (fonts_closed()) */
};

/* The file fontconfig matches for sans-serif at `weight`, or NULL; *got is the
 * matched file's weight. */
static char *match_file(int weight, int *got)
{
    *got = -1;
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
    if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch && file) {
        path = xstrdup((const char *)file);
        FcPatternGetInteger(m, FC_WEIGHT, 0, got);
    }
    if (m)
        FcPatternDestroy(m);
    return path;
}

static TTF_Font *open_size(const struct face *fc, int px)
{
    SDL_RWops *rw = SDL_RWFromConstMem(fc->data, (int)fc->size);
    TTF_Font *font = rw ? TTF_OpenFontRW(rw, 1, px) : NULL; /* closes rw, also on failure */
    if (font && fc->style)
        TTF_SetFontStyle(font, fc->style);
    return font;
}

/* The font file mapped read-only: only the pages FreeType reads (the tables
 * and the glyphs drawn, a fraction of a 700 KB face) become resident, and
 * they are the page cache's, shared with every other program using the font.
 * NULL on failure. */
static void *map_file(const char *path, size_t *size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    void *p = MAP_FAILED;
    if (fstat(fd, &st) == 0 && st.st_size > 0 && (uintmax_t)st.st_size <= INT_MAX)
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return NULL;
    *size = (size_t)st.st_size;
    return p;
}

/* What fontconfig finds for the two faces, looked up in a thread of its own
 * (fonts_lookup_start). */
enum { REGULAR, BOLD };

struct fonts_lookup {
    SDL_Thread *thread; /* NULL once joined (or when none could start) */
    bool config;        /* FcInit read the configuration */
    char *path[2];      /* the matched files, REGULAR and BOLD; NULL: none */
    int weight[2];      /* and their weights */
};

static int lookup_main(void *data)
{
    struct fonts_lookup *l = data;
    l->config = FcInit();
    if (l->config) {
        l->path[REGULAR] = match_file(FC_WEIGHT_REGULAR, &l->weight[REGULAR]);
        l->path[BOLD] = match_file(FC_WEIGHT_BOLD, &l->weight[BOLD]);
    }
    return 0;
}

struct fonts_lookup *fonts_lookup_start(void)
{
    struct fonts_lookup *l = xcalloc(1, sizeof *l);
    l->thread = SDL_CreateThread(lookup_main, "smr-fonts", l);
    if (!l->thread)
        lookup_main(l); /* no thread to be had: here and now */
    return l;
}

static void lookup_wait(struct fonts_lookup *l)
{
    if (l->thread)
        SDL_WaitThread(l->thread, NULL);
    l->thread = NULL;
}

void fonts_lookup_finish(struct fonts_lookup *l)
{
    if (!l)
        return;
    lookup_wait(l);
    free(l->path[REGULAR]);
    free(l->path[BOLD]);
    free(l);
}

/* Maps the file fontconfig matched for `weight` (`path`, taken; its weight
 * `got`); false unless SDL2_ttf can open it (and, when `exact`, its weight
 * is the one asked for). */
static bool face_read(struct face *fc, char *path, int got, int weight, bool exact)
{
    if (!path || (exact && (got < weight - 20 || got > weight + 20))) {
        free(path);
        return false;
    }
    size_t size = 0;
    void *data = map_file(path, &size);
    if (!data) {
        free(path);
        return false;
    }
    *fc = (struct face){.path = path, .data = data, .size = size, .owned = data};
    TTF_Font *probe = open_size(fc, 16);
    if (!probe) {
        munmap(data, size);
        free(path);
        *fc = (struct face){0};
        return false;
    }
    TTF_CloseFont(probe);
    return true;
}

static void face_finish(struct face *fc)
{
    for (size_t i = 0; i < FACE_SLOTS; i++)
        if (fc->slots[i].font)
            TTF_CloseFont(fc->slots[i].font);
    if (fc->owned)
        munmap(fc->owned, fc->size);
    free(fc->path);
    *fc = (struct face){0};
}

/* The file found for face `i`, handed over. */
static char *take_path(struct fonts_lookup *l, int i)
{
    char *path = l->path[i];
    l->path[i] = NULL;
    return path;
}

struct fonts *fonts_create(struct fonts_lookup *l)
{
    lookup_wait(l);
    struct fonts *f = NULL;
    if (!TTF_WasInit() && TTF_Init() != 0) {
        log_error("%s: %s", _("cannot start the font renderer"), TTF_GetError());
        goto out;
    }
    if (!l->config) {
        log_error("%s", _("cannot read the fontconfig configuration"));
        TTF_Quit();
        goto out;
    }
    f = xcalloc(1, sizeof *f);
    if (!face_read(&f->regular, take_path(l, REGULAR), l->weight[REGULAR], FC_WEIGHT_REGULAR,
                   false)) {
        log_error("%s", _("no sans-serif font found through fontconfig; install one (for example "
                          "the Debian package fonts-dejavu-core) and try again"));
        free(f);
        f = NULL;
        TTF_Quit();
        goto out;
    }
    if (!face_read(&f->bold, take_path(l, BOLD), l->weight[BOLD], FC_WEIGHT_BOLD, true)) {
        /* No real bold: the regular face's bytes with a synthetic bold style. */
        f->bold = (struct face){.path = xstrdup(f->regular.path), .data = f->regular.data,
                                .size = f->regular.size, .style = TTF_STYLE_BOLD};
    }
    log_debug("fonts: %s, bold %s", f->regular.path,
              f->bold.style ? "(synthetic)" : f->bold.path);
out:
    fonts_lookup_finish(l);
    return f;
}

void fonts_destroy(struct fonts *f)
{
    if (!f)
        return;
    face_finish(&f->bold); /* may borrow the regular face's bytes: first */
    face_finish(&f->regular);
    free(f);
    TTF_Quit();
}

TTF_Font *fonts_get(struct fonts *f, int px, bool bold)
{
    if (px < 4)
        px = 4;
    if (px > 2000)
        px = 2000;
    struct face *fc = bold ? &f->bold : &f->regular;
    size_t victim = 0;
    for (size_t i = 0; i < FACE_SLOTS; i++) {
        struct slot *s = &fc->slots[i];
        if (s->font && s->px == px) {
            s->used = ++fc->clock;
            return s->font;
        }
        if (!s->font || (fc->slots[victim].font && s->used < fc->slots[victim].used))
            victim = i;
    }
    TTF_Font *font = open_size(fc, px);
    if (!font) {
        log_warn("%s %s: %s", _("cannot open font"), fc->path, TTF_GetError());
        return NULL;
    }
    struct slot *s = &fc->slots[victim];
    if (s->font) {
        TTF_CloseFont(s->font);
        f->closed++;
    }
    *s = (struct slot){.font = font, .px = px, .used = ++fc->clock};
    return font;
}

unsigned long fonts_closed(const struct fonts *f) { return f->closed; }

void fonts_close_all(struct fonts *f)
{
    struct face *faces[2] = {&f->regular, &f->bold};
    for (size_t k = 0; k < 2; k++)
        for (size_t i = 0; i < FACE_SLOTS; i++) {
            struct slot *s = &faces[k]->slots[i];
            if (s->font) {
                TTF_CloseFont(s->font);
                f->closed++;
                *s = (struct slot){0};
            }
        }
}
