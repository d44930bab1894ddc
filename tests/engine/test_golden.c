/* test_golden.c - a whole post-run session, driven at a fixed 60 Hz frame
 * pattern with a pause, a skip, a back and a 5 s stall, written out as a
 * transcript and compared line by line with tests/golden/post-run-events.txt;
 * and the same session with the controls touched inside the transitions
 * (tests/golden/post-run-transitions.txt). Any change in what the engine
 * says, or when, shows up as a diff here. SMR_UPDATE_GOLDEN=1 rewrites the
 * golden files (then read them before committing). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "engine/engine.h"
#include "routine/routine.h"
#include "util/util.h"

#define GOLDEN SMR_SOURCE_ROOT "/tests/golden/post-run-events.txt"
#define GOLDEN_TRANSITIONS SMR_SOURCE_ROOT "/tests/golden/post-run-transitions.txt"

static void log_events(struct strbuf *sb, struct engine *e, const struct routine *r, uint64_t now)
{
    struct engine_event ev;
    const struct timeline *tl = engine_timeline(e);
    while (engine_poll_event(e, &ev)) {
        const struct timeline_step *s = &tl->steps[ev.step];
        const struct routine_phase *ph = timeline_step_phase(r, s);
        strbuf_appendf(sb, "%7llu %7llu %-13s step=%-3zu %-5s %-6s pass=%u %2gcm %-7s value=%d%s%s\n",
                       (unsigned long long)now, (unsigned long long)ev.time_ms,
                       engine_event_type_name(ev.type), ev.step, routine_side_name(s->side),
                       r->strips[s->strip].id, s->pass + 1, s->cm,
                       ph ? phase_kind_name(ph->kind) : step_kind_name(s->kind), ev.value,
                       ev.lead_in ? " lead-in" : "", ev.skipped ? " skipped" : "");
    }
}

static void op(struct strbuf *sb, uint64_t now, const char *what)
{
    strbuf_appendf(sb, "%7llu op %s\n", (unsigned long long)now, what);
}

/* A control touched at the first frame at or after `at`, once. */
enum golden_op_kind { G_PAUSE_7S, G_SKIP, G_BACK, G_STALL_5S };
struct golden_op {
    uint64_t at;
    enum golden_op_kind kind;
};

/* The first session: a pause in a hold, a skip in a place phase, a back in
 * a hold (beyond the grace), a stall in a hold. */
static const struct golden_op phases_ops[] = {
    {40000, G_PAUSE_7S}, {100000, G_SKIP}, {160000, G_BACK}, {205000, G_STALL_5S},
};
/* The second: every control inside a transition. A pause in the change to
 * the middle strip (77-87 s); in the change of legs (253-273 s, after the
 * pause) a back past the grace (to its own start), then a back within it
 * (to the left leg's last position); a skip of that change of legs when it
 * comes again; a stall in the change to the right leg's inner strip
 * (452-462 s), which drops a late tick. */
static const struct golden_op transitions_ops[] = {
    {80000, G_PAUSE_7S}, {268000, G_BACK}, {269500, G_BACK},
    {296000, G_SKIP},    {455000, G_STALL_5S},
};

/* Acts out o at now; returns the new now. */
static uint64_t act(struct strbuf *sb, struct engine *e, const struct routine *r, uint64_t now,
                    enum golden_op_kind o)
{
    switch (o) {
    case G_PAUSE_7S:
        engine_pause(e, now);
        op(sb, now, "pause");
        log_events(sb, e, r, now);
        now += 7000;
        engine_resume(e, now);
        engine_update(e, now); /* as the app's loop does at once */
        op(sb, now, "resume");
        break;
    case G_SKIP:
        engine_skip(e, now);
        engine_update(e, now);
        op(sb, now, "skip");
        break;
    case G_BACK:
        engine_back(e, now);
        engine_update(e, now);
        op(sb, now, "back");
        break;
    case G_STALL_5S: /* handled before the frame's update */
        break;
    }
    log_events(sb, e, r, now);
    return now;
}

/* The session: frames of 16, 17, 16 ms (they drift against whole seconds);
 * the controls touched at fixed times, at most one a frame. */
static char *transcript(const struct golden_op *ops, size_t n_ops)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/routines/hamstrings-post-run.json", SMR_SOURCE_ROOT);
    struct diag_list d = {0};
    struct routine *r = NULL;
    if (!routine_create_from_file(path, &r, &d))
        fail_msg("cannot load %s", path);
    diag_list_finish(&d);
    struct engine *e = engine_create(r, NULL);
    assert_non_null(e);
    struct strbuf sb = {0};
    strbuf_appendf(&sb, "# now     sched   event         step  side  strip  pass  cm  kind    value\n");
    static const unsigned frame[] = {16, 17, 16};
    uint64_t now = 1000;
    engine_start(e, now);
    engine_update(e, now); /* as the app's loop does at once */
    op(&sb, now, "start");
    log_events(&sb, e, r, now);
    size_t next = 0;
    for (size_t f = 0; engine_state(e) != ENGINE_DONE && f < 100000; f++) {
        now += frame[f % 3];
        if (next < n_ops && ops[next].kind == G_STALL_5S && now >= ops[next].at) {
            now += 5000; /* the process stood still */
            next++;
            op(&sb, now, "stall 5000 ms");
        }
        engine_update(e, now);
        log_events(&sb, e, r, now);
        if (next < n_ops && ops[next].kind != G_STALL_5S && now >= ops[next].at)
            now = act(&sb, e, r, now, ops[next++].kind);
    }
    if (next != n_ops)
        fail_msg("only %zu of %zu controls were touched", next, n_ops);
    strbuf_appendf(&sb, "# done: elapsed_ms=%llu state=%d\n",
                   (unsigned long long)engine_elapsed_ms(e, now), (int)engine_state(e));
    engine_destroy(e);
    routine_destroy(r);
    return sb.data;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct strbuf sb = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf - 1, f)) > 0) {
        buf[n] = '\0';
        strbuf_append(&sb, buf);
    }
    fclose(f);
    return sb.data ? sb.data : xstrdup("");
}

/* The transcript against its golden file (rewritten first with
 * SMR_UPDATE_GOLDEN=1); the first line that differs is reported. */
static void compare_golden(const char *golden, char *got)
{
    const char *update = getenv("SMR_UPDATE_GOLDEN");
    if (update && *update == '1') {
        FILE *f = fopen(golden, "wb");
        assert_non_null(f);
        fputs(got, f);
        fclose(f);
    }
    char *want = read_all(golden);
    if (!want)
        fail_msg("missing %s (SMR_UPDATE_GOLDEN=1 writes it)", golden);
    size_t line = 1;
    const char *a = got, *b = want;
    while (*a && *a == *b) {
        line += *a == '\n';
        a++;
        b++;
    }
    if (*a || *b) {
        const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
        fail_msg("%s line %zu differs:\n  got:  %.*s\n  want: %.*s", golden, line,
                 (int)(ea ? ea - a : (ptrdiff_t)strlen(a)), a,
                 (int)(eb ? eb - b : (ptrdiff_t)strlen(b)), b);
    }
    free(got);
    free(want);
}

static void test_post_run_transcript(void **state)
{
    (void)state;
    compare_golden(GOLDEN, transcript(phases_ops, sizeof phases_ops / sizeof phases_ops[0]));
}

static void test_transitions_transcript(void **state)
{
    (void)state;
    compare_golden(GOLDEN_TRANSITIONS,
                   transcript(transitions_ops, sizeof transitions_ops / sizeof transitions_ops[0]));
}

/* The same pattern twice gives the same transcript: nothing depends on the
 * real clock or on memory addresses. */
static void test_transcript_deterministic(void **state)
{
    (void)state;
    size_t n = sizeof transitions_ops / sizeof transitions_ops[0];
    char *a = transcript(transitions_ops, n), *b = transcript(transitions_ops, n);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_post_run_transcript),
        cmocka_unit_test(test_transitions_transcript),
        cmocka_unit_test(test_transcript_deterministic),
    };
    return cmocka_run_group_tests_name("golden", tests, NULL, NULL);
}
