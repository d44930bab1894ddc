/* engine_fixture.c - see engine_fixture.h. */
#include "engine_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "config.h"

void ev_add(struct evlist *l, const struct engine_event *ev)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        struct engine_event *v = realloc(l->v, l->cap * sizeof *l->v);
        if (!v)
            abort();
        l->v = v;
    }
    l->v[l->n++] = *ev;
}

void drain(struct engine *e, struct evlist *l)
{
    struct engine_event ev;
    while (engine_poll_event(e, &ev))
        ev_add(l, &ev);
}

static bool predict_cb(const struct engine_event *ev, void *user)
{
    ev_add(user, ev);
    return true;
}

void predict_all(const struct engine *e, uint64_t now, struct evlist *l)
{
    engine_predict(e, now, predict_cb, l);
}

size_t count_type(const struct evlist *l, enum engine_event_type t)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += l->v[i].type == t;
    return n;
}

void assert_same_events(const struct evlist *a, const struct evlist *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        if (a->v[i].type != b->v[i].type || a->v[i].time_ms != b->v[i].time_ms ||
            a->v[i].step != b->v[i].step || a->v[i].value != b->v[i].value ||
            a->v[i].lead_in != b->v[i].lead_in || a->v[i].skipped != b->v[i].skipped)
            fail_msg("event %zu differs: %s t=%llu step=%zu vs %s t=%llu step=%zu", i,
                     engine_event_type_name(a->v[i].type), (unsigned long long)a->v[i].time_ms,
                     a->v[i].step, engine_event_type_name(b->v[i].type),
                     (unsigned long long)b->v[i].time_ms, b->v[i].step);
    }
}

struct routine *load(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/routines/%s", SMR_SOURCE_ROOT, name);
    struct diag_list d = {0};
    struct routine *r = NULL;
    bool ok = routine_create_from_file(path, &r, &d);
    diag_list_finish(&d);
    if (!ok)
        fail_msg("cannot load %s", path);
    return r;
}

int fx_teardown(void **state)
{
    struct fx *f = *state;
    engine_destroy(f->e);
    routine_destroy(f->r);
    free(f->got.v);
    free(f);
    return 0;
}

/* Updates every `gap` ms from `from` to `to` inclusive, collecting events. */
void run_to(struct fx *f, uint64_t from, uint64_t to, uint64_t gap)
{
    for (uint64_t t = from; t < to; t += gap) {
        engine_update(f->e, t);
        drain(f->e, &f->got);
    }
    engine_update(f->e, to);
    drain(f->e, &f->got);
}

/* The last event of type t; fails the test when there is none. */
const struct engine_event *last_of(const struct evlist *l, enum engine_event_type t)
{
    static const struct engine_event none = {.type = ENGINE_EV_LEAD_IN};
    for (size_t i = l->n; i-- > 0;)
        if (l->v[i].type == t)
            return &l->v[i];
    fail_msg("no %s event", engine_event_type_name(t));
    return &none;
}
