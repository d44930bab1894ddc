/* fixture.h - what the session tests share: the bundled routines, loaded the
 * way the app loads them, with the number of passes made what a test needs
 * (the files have one; the progress record must not care). */
#pragma once

#include <stddef.h>

#include "engine/engine.h"
#include "routine/routine.h"

/* routines/<name> from the source tree; passes > 0 replaces every strip's
 * count (before any timeline is built from it). Fails the test when it does
 * not load. */
struct routine *fixture_routine(const char *name, unsigned passes);
/* The first step of (side, strip, pass, position); fails the test when there is none. */
size_t fixture_step_at(const struct timeline *t, size_t side, size_t strip, unsigned pass,
                       size_t position);
