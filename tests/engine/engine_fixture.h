/* engine_fixture.h - what the engine tests share (test_engine.c,
 * test_transitions.c): an engine and a routine, the events it delivered, and
 * ways to drive it against a fake clock. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/engine.h"
#include "routine/routine.h"

struct evlist {
    struct engine_event *v;
    size_t n, cap;
};

void ev_add(struct evlist *l, const struct engine_event *ev);
/* Every queued event into l. */
void drain(struct engine *e, struct evlist *l);
/* Every event e predicts from now into l. */
void predict_all(const struct engine *e, uint64_t now, struct evlist *l);
size_t count_type(const struct evlist *l, enum engine_event_type t);
/* The same events in the same order, field for field; fails the test otherwise. */
void assert_same_events(const struct evlist *a, const struct evlist *b);
/* The last event of type t; fails the test when there is none. */
const struct engine_event *last_of(const struct evlist *l, enum engine_event_type t);

/* routines/<name> from the source tree; fails the test when it does not load. */
struct routine *load(const char *name);

struct fx {
    struct routine *r;
    struct engine *e;
    struct evlist got;
};

/* Frees f and what it holds (a cmocka teardown). */
int fx_teardown(void **state);
/* Updates every `gap` ms from `from` to `to` inclusive, collecting events. */
void run_to(struct fx *f, uint64_t from, uint64_t to, uint64_t gap);
