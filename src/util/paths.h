/* paths.h - where the bundled data (routines/, assets/) lives: $SMR_DATA_DIR,
 * else the source tree when running uninstalled, else the installed datadir. */
#pragma once

/* Caller frees each result. */
char *paths_data_dir(void);
char *paths_assets_dir(void);
char *paths_default_routine(void);
