/* i18n.h - every user-facing string goes through _() (or N_() where it must
 * be a constant and is translated where it is shown). */
#pragma once

#include "config.h"

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)
