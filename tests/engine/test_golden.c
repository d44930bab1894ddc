/* test_golden.c - a whole post-run session, driven at a fixed 60 Hz frame
 * pattern with a pause, a skip, a back and a 5 s stall, written out as a
 * transcript and compared line by line with tests/golden/post-run-events.txt.
 * Any change in what the engine says, or when, shows up as a diff here.
 * SMR_UPDATE_GOLDEN=1 rewrites the golden file (then read it before committing). */
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

static void log_events(struct strbuf *sb, struct engine *e, const struct routine *r, uint64_t now)
{
    struct engine_event ev;
    const struct timeline *tl = engine_timeline(e);
    while (engine_poll_event(e, &ev)) {
        const struct timeline_step *s = &tl->steps[ev.step];
        strbuf_appendf(sb, "%7llu %7llu %-13s step=%-3zu %-5s %-6s pass=%u %2gcm %-7s value=%d%s%s\n",
                       (unsigned long long)now, (unsigned long long)ev.time_ms,
                       engine_event_type_name(ev.type), ev.step, routine_side_name(s->side),
                       r->strips[s->strip].id, s->pass + 1, s->cm,
                       phase_kind_name(r->phases[s->phase].kind), ev.value,
                       ev.lead_in ? " lead-in" : "", ev.skipped ? " skipped" : "");
    }
}

static void op(struct strbuf *sb, uint64_t now, const char *what)
{
    strbuf_appendf(sb, "%7llu op %s\n", (unsigned long long)now, what);
}

/* The session: frames of 16, 17, 16 ms (they drift against whole seconds); the controls touched at fixed times. */
static char *transcript(void)
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
    bool paused = false, skipped = false, backed = false, stalled = false;
    for (size_t f = 0; engine_state(e) != ENGINE_DONE && f < 100000; f++) {
        now += frame[f % 3];
        if (!stalled && now >= 185000) {
            now += 5000; /* the process stood still */
            stalled = true;
            op(&sb, now, "stall 5000 ms");
        }
        engine_update(e, now);
        log_events(&sb, e, r, now);
        if (!paused && now >= 40000) {
            engine_pause(e, now);
            op(&sb, now, "pause");
            log_events(&sb, e, r, now);
            now += 7000;
            engine_resume(e, now);
            engine_update(e, now); /* as the app's loop does at once */
            op(&sb, now, "resume");
            log_events(&sb, e, r, now);
            paused = true;
        } else if (!skipped && now >= 90000) {
            engine_skip(e, now);
            engine_update(e, now); /* as the app's loop does at once */
            op(&sb, now, "skip");
            log_events(&sb, e, r, now);
            skipped = true;
        } else if (!backed && now >= 150000) {
            engine_back(e, now);
            engine_update(e, now); /* as the app's loop does at once */
            op(&sb, now, "back");
            log_events(&sb, e, r, now);
            backed = true;
        }
    }
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

static void test_post_run_transcript(void **state)
{
    (void)state;
    char *got = transcript();
    const char *update = getenv("SMR_UPDATE_GOLDEN");
    if (update && *update == '1') {
        FILE *f = fopen(GOLDEN, "wb");
        assert_non_null(f);
        fputs(got, f);
        fclose(f);
    }
    char *want = read_all(GOLDEN);
    if (!want)
        fail_msg("missing %s (SMR_UPDATE_GOLDEN=1 writes it)", GOLDEN);
    /* Report the first line that differs, not just "not equal". */
    size_t line = 1;
    const char *a = got, *b = want;
    while (*a && *a == *b) {
        line += *a == '\n';
        a++;
        b++;
    }
    if (*a || *b) {
        const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
        fail_msg("line %zu differs:\n  got:  %.*s\n  want: %.*s", line,
                 (int)(ea ? ea - a : (ptrdiff_t)strlen(a)), a,
                 (int)(eb ? eb - b : (ptrdiff_t)strlen(b)), b);
    }
    free(got);
    free(want);
}

/* The same pattern twice gives the same transcript: nothing depends on the
 * real clock or on memory addresses. */
static void test_transcript_deterministic(void **state)
{
    (void)state;
    char *a = transcript(), *b = transcript();
    assert_string_equal(a, b);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_post_run_transcript),
        cmocka_unit_test(test_transcript_deterministic),
    };
    return cmocka_run_group_tests_name("golden", tests, NULL, NULL);
}
