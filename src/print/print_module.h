/* print_module.h - the handout as a loadable module (smr-timer-print.so).
 * The handout needs cairo, Pango and librsvg (and through them libstdc++,
 * ICU, image codecs: some 6 MB resident); only `smr-timer handout` uses
 * them, so the main binary does not link them and src/cli/handout_cmd.c
 * opens the module when it is asked for a handout. One entry point, which
 * returns this table; the caller checks both versions before using it,
 * since the table and struct routine must be the ones it was built with. */
#pragma once

#include "print/handout.h"

/* Bumped whenever this table, or any struct it passes (struct routine and
 * what it holds, struct handout_pdf, struct handout_fit), changes. */
#define PRINT_MODULE_ABI 1
/* The module's file name (meson.build), in paths_module_dir(). */
#define PRINT_MODULE_FILE "smr-timer-print.so"
/* The entry point's name, for dlsym(). */
#define PRINT_MODULE_ENTRY "smr_print_module"

struct print_module {
    int abi;               /* PRINT_MODULE_ABI of the module */
    const char *version;   /* the program version it was built with */
    bool (*paper_from_name)(const char *name, enum handout_paper *out);
    bool (*render)(const struct routine *r, enum handout_paper paper, const char *assets_dir,
                   struct handout_pdf *out, struct handout_fit *fit, char **why);
    void (*pdf_finish)(struct handout_pdf *pdf);
};

typedef const struct print_module *(*print_module_entry_fn)(void);
/* The one exported symbol (the rest of the module is hidden). */
const struct print_module *smr_print_module(void);
