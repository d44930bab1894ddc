/* paths.h - where the bundled data (routines/, assets/) lives, first found of:
 * $SMR_DATA_DIR; the source tree, for the binary in the build tree; the data
 * installed relative to the executable (<bin>/../share/smr-timer, so an
 * installed tree can be moved); the configured prefix's datadir. */
#pragma once

/* Caller frees each result. */
char *paths_data_dir(void);
/* Where the message catalogues are, by the same rules: the build tree's po/
 * (i18n.gettext builds <lang>/LC_MESSAGES there) for the binary in the build
 * tree, <bin>/../share/locale beside an installed one, else the prefix's. */
char *paths_locale_dir(void);
/* Where the program's loadable modules are (the handout's,
 * src/print/print_module.h), by the same rules: the build tree's src/print
 * for the binary in the build tree, <bin>/../<libdir>/smr-timer beside an
 * installed one, else the prefix's. */
char *paths_module_dir(void);
char *paths_assets_dir(void);
char *paths_default_routine(void);
