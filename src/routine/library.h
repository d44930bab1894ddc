/* library.h - the routines a user can choose from: the bundled ones and the
 * user's own (the .json files in $XDG_DATA_HOME/smr-timer/routines), each
 * loaded and validated, grouped by body area. The one place that maps a routine id to a
 * file (the command line, `smr-timer list` and the library screen use it) and
 * that knows which ids a routine's "next" may name. Pure but for reading the
 * two folders and their files. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "routine/routine.h"
#include "util/diag.h"

/* How an entry's language stands to the user's (library_order). */
enum library_language {
    LIBRARY_LANG_USER,    /* the user's language (its primary subtag: "de-CH" is "de") */
    LIBRARY_LANG_ENGLISH, /* English, the fallback (when the user's is not English) */
    LIBRARY_LANG_OTHER,   /* any other */
};

struct library_entry {
    char *id;   /* the routine's id; for a file that does not load, its name less ".json" */
    char *path; /* the folder's path joined with the file name */
    bool bundled;
    struct routine *routine; /* owned; NULL when the file does not load */
    char *error;             /* then its first error, "PATH: message; hint"; else NULL */
    /* When the routine was last done, in seconds since the epoch, or 0: left
     * for the history to fill in (library_set_last_done). */
    int64_t last_done;
    enum library_language language_rank; /* set by library_order */
    /* A bundled routine the user need not see among the rest: in another
     * language, or English while its translation into the user's language
     * (id "ID-LANG") is bundled too. Sorted after all the others (then by
     * area); shown under a heading of their own, left out of `smr-timer
     * list` unless --all. The user's own files never are. */
    bool other_language;
};

/* Entries in the order they are shown: by body area (the back of the thigh,
 * the front of the thigh, the calf: the order they are worked in), then the
 * files that do not load, then the other_language ones (by area too).
 * Within an area: the user's language, then English, then others; bundled
 * before the user's own, then by id. */
struct library {
    struct library_entry *entries;
    size_t n;
    /* The language the entries are ranked for: the first of the user's
     * that has a routine here, else "en" (library_order). */
    char language[16];
};

/* $XDG_DATA_HOME/smr-timer/routines (or ~/.local/share/...); NULL when
 * neither is set. Caller frees. */
char *library_user_dir(void);
/* The bundled routines' folder (util/paths.h's data folder). Caller frees. */
char *library_bundled_dir(void);

/* Loads every *.json routine of both folders (either may be NULL or
 * missing; a JSON Schema among them is passed over). A user file that does
 * not load, names an unknown next routine or repeats an id already taken
 * is listed with that error. Never fails. */
void library_init(struct library *lib, const char *bundled_dir, const char *user_dir);
/* library_init() with the two folders above. */
void library_init_default(struct library *lib);
void library_finish(struct library *lib); /* a zeroed struct is fine */

/* The user's languages, as gettext reads them: LANGUAGE (a list, "de:fr")
 * unless the locale is C, else the first of LC_ALL, LC_MESSAGES and LANG
 * that is set ("de_DE.UTF-8"), as primary subtags joined by ':' ("de:fr");
 * "" for the C locale. Caller frees. */
char *library_user_languages(void);
/* Ranks every entry for a user of `languages` (as above; NULL or "" is
 * English), marks other_language, sets lib->language and sorts the entries
 * for showing. library_init does it with library_user_languages(). */
void library_order(struct library *lib, const char *languages);
/* The routine `id` in the library's language: the entry "ID-LANG" when
 * there is one, else the entry `id`, else NULL (e.g. the bundled default
 * routine for a German user). */
const struct library_entry *library_find_localized(const struct library *lib, const char *id);

/* The entry of the routine with this id (a loaded one), or NULL. */
const struct library_entry *library_find(const struct library *lib, const char *id);
/* The body area an entry is grouped under; entries that do not load have none (false). */
bool library_entry_area(const struct library_entry *e, enum body_area *area);
/* Hook for the history: sets last_done of the entry with this id. */
void library_set_last_done(struct library *lib, const char *id, int64_t when);

/* Every id in r's "next" must be a routine of the library: an error at
 * "next[i]" for each that is not, with "did you mean" when one is close.
 * False when any is unknown. */
bool library_check_next(const struct library *lib, const struct routine *r,
                        struct diag_list *diags);

/* A routine named on the command line: a path (it has a '/', ends in
 * ".json" or is an existing file) or the id of a routine of the library (or
 * the name, less ".json", of a file there). The path to load (caller frees),
 * or NULL after adding an error to diags. */
char *library_resolve(const struct library *lib, const char *name, struct diag_list *diags);
