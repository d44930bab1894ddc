/* library.c - see library.h. Built in passes, so that every rule that
 * combines files sees all of them: load each file, then refuse a user file
 * whose id is taken already, then check each routine's "next" against the
 * ids that are left, then sort for showing. */
#include "routine/library.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "routine/fields_private.h" /* field_suggest */
#include "util/i18n.h"
#include "util/paths.h"
#include "util/util.h"

char *library_user_dir(void)
{
    /* The XDG spec says a relative XDG_DATA_HOME is invalid and ignored. */
    const char *data = getenv("XDG_DATA_HOME");
    if (data && data[0] == '/')
        return xasprintf("%s/smr-timer/routines", data);
    const char *home = getenv("HOME");
    if (home && home[0])
        return xasprintf("%s/.local/share/smr-timer/routines", home);
    return NULL;
}

char *library_bundled_dir(void)
{
    char *d = paths_data_dir();
    char *p = xasprintf("%s/routines", d);
    free(d);
    return p;
}

/* ---- loading ---------------------------------------------------------------- */

static struct library_entry *add_entry(struct library *lib, size_t *cap)
{
    if (lib->n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        lib->entries = xrealloc(lib->entries, *cap * sizeof *lib->entries);
    }
    struct library_entry *e = &lib->entries[lib->n++];
    memset(e, 0, sizeof *e);
    return e;
}

/* "PATH: message; hint" of the first error in l. */
static char *first_error(const struct diag_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        const struct diag *d = &l->items[i];
        if (d->severity != DIAG_ERROR)
            continue;
        return xasprintf("%s%s%s%s%s", d->path, d->path[0] ? ": " : "", d->message,
                         d->hint ? "; " : "", d->hint ? d->hint : "");
    }
    return xstrdup(_("cannot be read"));
}

/* The entry no longer counts as a routine: it is listed with `error`. */
static void refuse(struct library_entry *e, char *error)
{
    routine_destroy(e->routine);
    e->routine = NULL;
    free(e->error);
    e->error = error;
}

static void load_file(struct library *lib, size_t *cap, const char *dir, const char *name,
                      bool bundled)
{
    char *path = xasprintf("%s/%s", dir, name);
    struct stat st;
    if (stat(path, &st) != 0 || S_ISDIR(st.st_mode) || routine_is_json_schema(path)) {
        free(path);
        return;
    }
    struct library_entry *e = add_entry(lib, cap);
    e->path = path;
    e->bundled = bundled;
    struct diag_list d = {0};
    if (routine_create_from_file(path, &e->routine, &d)) {
        e->id = xstrdup(e->routine->id);
    } else {
        e->id = xasprintf("%.*s", (int)(strlen(name) - 5), name);
        e->error = first_error(&d);
    }
    diag_list_finish(&d);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.json file of `dir` (not hidden ones), in name order. */
static void scan_dir(struct library *lib, size_t *cap, const char *dir, bool bundled)
{
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0, ncap = 0;
    for (struct dirent *de; (de = readdir(d));) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len <= 5 || strcmp(de->d_name + len - 5, ".json") != 0)
            continue;
        if (n == ncap) {
            ncap = ncap ? ncap * 2 : 16;
            names = xrealloc(names, ncap * sizeof *names);
        }
        names[n++] = xstrdup(de->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n; i++) {
        load_file(lib, cap, dir, names[i], bundled);
        free(names[i]);
    }
    free(names);
}

/* A second file with an id taken already: refused (bundled files come
 * first, so a user's copy of one must get an id of its own). */
static void refuse_taken_ids(struct library *lib)
{
    for (size_t i = 0; i < lib->n; i++) {
        struct library_entry *e = &lib->entries[i];
        for (size_t k = 0; k < i && e->routine; k++) {
            const struct library_entry *o = &lib->entries[k];
            if (o->routine && strcmp(o->id, e->id) == 0)
                refuse(e, xasprintf(_("id: \"%s\" is the id of %s already; give this routine an "
                                      "id of its own"),
                                    e->id, o->path));
        }
    }
}

static void refuse_unknown_next(struct library *lib)
{
    /* First find all the bad ones, then refuse them: a routine named by
     * another stays known while the others are checked. */
    char **errors = xcalloc(lib->n ? lib->n : 1, sizeof *errors);
    for (size_t i = 0; i < lib->n; i++) {
        struct diag_list d = {0};
        if (lib->entries[i].routine && !library_check_next(lib, lib->entries[i].routine, &d))
            errors[i] = first_error(&d);
        diag_list_finish(&d);
    }
    for (size_t i = 0; i < lib->n; i++)
        if (errors[i])
            refuse(&lib->entries[i], errors[i]);
    free(errors);
}

/* ---- order ------------------------------------------------------------------ */

/* The primary subtag of a language tag or locale name, lowercase:
 * "de-CH", "de_DE.UTF-8" and "DE" are all "de". */
static void primary_tag(const char *s, size_t len, char *out, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < len && s[i] && n + 1 < size; i++) {
        char c = s[i];
        if (c == '-' || c == '_' || c == '.' || c == '@')
            break;
        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    out[n] = '\0';
}

static bool is_c_locale(const char *loc)
{
    return !loc || !loc[0] || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0 ||
           strncmp(loc, "C.", 2) == 0;
}

char *library_user_languages(void)
{
    const char *loc = NULL;
    const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof names / sizeof *names && !(loc && loc[0]); i++)
        loc = getenv(names[i]);
    if (is_c_locale(loc))
        return xstrdup(""); /* gettext ignores LANGUAGE then, and so do we */
    const char *list = getenv("LANGUAGE");
    if (!list || !list[0])
        list = loc;
    struct strbuf sb = {0};
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ":");
        char tag[16];
        primary_tag(p, len, tag, sizeof tag);
        if (tag[0] && strcmp(tag, "c") != 0 && strcmp(tag, "posix") != 0)
            strbuf_appendf(&sb, "%s%s", sb.len ? ":" : "", tag);
        p += len + (p[len] == ':');
    }
    return sb.data ? sb.data : xstrdup("");
}

static void entry_language(const struct library_entry *e, char *out, size_t size)
{
    primary_tag(e->routine ? e->routine->language : "", SIZE_MAX, out, size);
}

/* The first of `languages` that some routine here is written in, else "en". */
static void choose_language(const struct library *lib, const char *languages, char *out,
                            size_t size)
{
    for (const char *p = languages ? languages : ""; *p;) {
        size_t len = strcspn(p, ":");
        primary_tag(p, len, out, size);
        for (size_t i = 0; i < lib->n && out[0]; i++) {
            char tag[16];
            entry_language(&lib->entries[i], tag, sizeof tag);
            if (strcmp(tag, out) == 0)
                return;
        }
        p += len + (p[len] == ':');
    }
    snprintf(out, size, "en");
}

/* Whether a bundled routine "ID-LANG" in the library's language is there. */
static bool translated(const struct library *lib, const struct library_entry *e)
{
    char *id = xasprintf("%s-%s", e->id, lib->language);
    const struct library_entry *t = library_find(lib, id);
    free(id);
    return t && t->bundled && t->language_rank == LIBRARY_LANG_USER;
}

static void rank_entries(struct library *lib)
{
    for (size_t i = 0; i < lib->n; i++) {
        struct library_entry *e = &lib->entries[i];
        char tag[16];
        entry_language(e, tag, sizeof tag);
        e->language_rank = !e->routine || strcmp(tag, lib->language) == 0 ? LIBRARY_LANG_USER
                           : strcmp(tag, "en") == 0                       ? LIBRARY_LANG_ENGLISH
                                                                          : LIBRARY_LANG_OTHER;
    }
    /* after all ranks are known: translated() reads the translation's */
    for (size_t i = 0; i < lib->n; i++) {
        struct library_entry *e = &lib->entries[i];
        e->other_language = e->bundled && e->routine &&
                            (e->language_rank == LIBRARY_LANG_OTHER ||
                             (e->language_rank == LIBRARY_LANG_ENGLISH && translated(lib, e)));
    }
}

static int group_of(const struct library_entry *e)
{
    enum body_area a;
    return library_entry_area(e, &a) ? (int)a : BODY_AREA_COUNT;
}

static int compare_entries(const void *pa, const void *pb)
{
    const struct library_entry *a = pa, *b = pb;
    /* The other languages after all the rest, so that a list can show them
     * under a heading of their own, area by area there too. */
    if (a->other_language != b->other_language)
        return a->other_language ? 1 : -1;
    int ga = group_of(a), gb = group_of(b);
    if (ga != gb)
        return ga < gb ? -1 : 1;
    if (a->language_rank != b->language_rank)
        return a->language_rank < b->language_rank ? -1 : 1;
    if (a->bundled != b->bundled)
        return a->bundled ? -1 : 1;
    int c = strcmp(a->id, b->id);
    return c ? c : strcmp(a->path, b->path);
}

void library_order(struct library *lib, const char *languages)
{
    choose_language(lib, languages, lib->language, sizeof lib->language);
    rank_entries(lib);
    if (lib->n > 1)
        qsort(lib->entries, lib->n, sizeof *lib->entries, compare_entries);
}

const struct library_entry *library_find_localized(const struct library *lib, const char *id)
{
    char *own = xasprintf("%s-%s", id, lib->language);
    const struct library_entry *e = library_find(lib, own);
    free(own);
    return e ? e : library_find(lib, id);
}

void library_init(struct library *lib, const char *bundled_dir, const char *user_dir)
{
    memset(lib, 0, sizeof *lib);
    size_t cap = 0;
    scan_dir(lib, &cap, bundled_dir, true);
    /* the same folder twice (a user dir pointed at the bundled one) is one */
    if (user_dir && (!bundled_dir || strcmp(user_dir, bundled_dir) != 0))
        scan_dir(lib, &cap, user_dir, false);
    refuse_taken_ids(lib);
    refuse_unknown_next(lib);
    char *languages = library_user_languages();
    library_order(lib, languages);
    free(languages);
}

void library_init_default(struct library *lib)
{
    char *bundled = library_bundled_dir(), *user = library_user_dir();
    library_init(lib, bundled, user);
    free(bundled);
    free(user);
}

void library_finish(struct library *lib)
{
    if (!lib)
        return;
    for (size_t i = 0; i < lib->n; i++) {
        struct library_entry *e = &lib->entries[i];
        free(e->id);
        free(e->path);
        free(e->error);
        routine_destroy(e->routine);
    }
    free(lib->entries);
    lib->entries = NULL;
    lib->n = 0;
}

/* ---- lookups ---------------------------------------------------------------- */

const struct library_entry *library_find(const struct library *lib, const char *id)
{
    for (size_t i = 0; i < lib->n; i++)
        if (lib->entries[i].routine && strcmp(lib->entries[i].id, id) == 0)
            return &lib->entries[i];
    return NULL;
}

bool library_entry_area(const struct library_entry *e, enum body_area *area)
{
    if (!e->routine || !e->routine->diagram)
        return false;
    *area = e->routine->diagram->area;
    return true;
}

void library_set_last_done(struct library *lib, const char *id, int64_t when)
{
    for (size_t i = 0; i < lib->n; i++)
        if (lib->entries[i].routine && strcmp(lib->entries[i].id, id) == 0)
            lib->entries[i].last_done = when;
}

/* "did you mean \"x\"?" for the loaded id closest to `id`, or the way to
 * see them all. Caller frees. */
static char *unknown_id_hint(const struct library *lib, const char *id)
{
    const char **ids = xcalloc(lib->n ? lib->n : 1, sizeof *ids);
    size_t n = 0;
    for (size_t i = 0; i < lib->n; i++)
        if (lib->entries[i].routine)
            ids[n++] = lib->entries[i].id;
    size_t k = field_suggest(id, ids, n);
    char *hint = k < n ? xasprintf(_("did you mean \"%s\"?"), ids[k])
                       : xstrdup(_("'smr-timer list' shows the routines there are"));
    free(ids);
    return hint;
}

bool library_check_next(const struct library *lib, const struct routine *r,
                        struct diag_list *diags)
{
    bool ok = true;
    for (size_t i = 0; i < r->n_next; i++) {
        if (library_find(lib, r->next[i]))
            continue;
        char *path = xasprintf("next[%zu]", i);
        char *hint = unknown_id_hint(lib, r->next[i]);
        diag_add(diags, DIAG_ERROR, path, hint, _("no routine has the id \"%s\""), r->next[i]);
        free(hint);
        free(path);
        ok = false;
    }
    return ok;
}

static bool looks_like_id(const char *s)
{
    if (s[0] < 'a' || s[0] > 'z')
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return false;
    return true;
}

char *library_resolve(const struct library *lib, const char *name, struct diag_list *diags)
{
    size_t n = strlen(name);
    struct stat st;
    bool path = strchr(name, '/') || (n > 5 && strcmp(name + n - 5, ".json") == 0) ||
                stat(name, &st) == 0;
    if (path || !looks_like_id(name))
        return xstrdup(name); /* loading it says what is wrong with it */
    const struct library_entry *e = library_find(lib, name);
    for (size_t i = 0; !e && i < lib->n; i++)
        if (strcmp(lib->entries[i].id, name) == 0) /* a file there that does not load */
            e = &lib->entries[i];
    if (e)
        return xstrdup(e->path);
    char *hint = unknown_id_hint(lib, name);
    diag_add(diags, DIAG_ERROR, "", hint, _("no routine has the id \"%s\", and there is no such file"),
             name);
    free(hint);
    return NULL;
}
