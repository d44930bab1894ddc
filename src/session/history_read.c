/* history_read.c - reading the session record back (see history.h), and the
 * figures the `history` command and the screens show: this week's count,
 * the last session of a routine, the before/after means per routine. A line
 * is a session when it is a JSON object with a routine id and a start time;
 * lines from before a field existed read with it missing. Anything else is
 * damage: counted, passed over with one warning, never dropped from the
 * file (history.c copies it as it is). */
#include "session/history.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "routine/jsonline.h"
#include "session/history_private.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

/* A copy owned by h (NULL stays NULL). */
static const char *keep(struct history *h, const char *s)
{
    if (!s)
        return NULL;
    if (h->n_strings == h->cap_strings) {
        h->cap_strings = h->cap_strings ? h->cap_strings * 2 : 64;
        h->strings = xrealloc(h->strings, h->cap_strings * sizeof *h->strings);
    }
    return h->strings[h->n_strings++] = xstrdup(s);
}

/* "2024-05-01T10:15:00Z" (as history.c writes it) into seconds. */
static bool parse_started(const char *s, int64_t *out)
{
    struct tm tm = {0};
    int n = 0;
    if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                     &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 ||
        s[n] != '\0')
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    if (t == (time_t)-1)
        return false;
    *out = (int64_t)t;
    return true;
}

static size_t count_of(const struct jsonline *j, const char *key)
{
    double v;
    return jsonline_number(j, key, &v) && v >= 0 && v < 1e15 ? (size_t)v : 0;
}

static struct history_rating rating_of(const struct jsonline *j, const char *key)
{
    double v;
    if (jsonline_number(j, key, &v) && v >= 0 && v <= 10 && v == floor(v))
        return (struct history_rating){true, (unsigned char)v};
    return (struct history_rating){0};
}

/* One line into *e; false when it is not a session record. */
static bool read_entry(struct history *h, const char *line, size_t len, struct history_entry *e)
{
    struct jsonline *j = jsonline_create(line, len);
    int64_t started = 0;
    bool ok = j && jsonline_string(j, "routine_id") &&
              parse_started(jsonline_string(j, "started"), &started);
    if (ok) {
        double ms;
        *e = (struct history_entry){
            .session = keep(h, jsonline_string(j, "session")),
            .routine_id = keep(h, jsonline_string(j, "routine_id")),
            .routine_file = keep(h, jsonline_string(j, "routine_file")),
            .title = keep(h, jsonline_string(j, "title")),
            .target = keep(h, jsonline_string(j, "target")),
            .started_unix = started,
            .elapsed_ms = jsonline_number(j, "elapsed_ms", &ms) && ms >= 0 ? (uint64_t)ms : 0,
            .positions_done = count_of(j, "positions_done"),
            .positions_skipped = count_of(j, "positions_skipped"),
            .positions_total = count_of(j, "positions_total"),
            .ended_by = keep(h, jsonline_string(j, "ended_by")),
            .before = rating_of(j, "tightness_before"),
            .after = rating_of(j, "tightness_after"),
        };
        size_t n = jsonline_list_size(j, "sides");
        for (size_t i = 0; i < n && e->n_sides < 2; i++) {
            const char *side = jsonline_list_string(j, "sides", i);
            if (side)
                e->sides[e->n_sides++] = keep(h, side);
        }
    }
    jsonline_destroy(j);
    return ok;
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

static void read_lines(struct history *h, const char *text)
{
    size_t number = 0;
    for (const char *line = text; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        number++;
        if (h->n == h->cap) {
            h->cap = h->cap ? h->cap * 2 : 64;
            h->entries = xrealloc(h->entries, h->cap * sizeof *h->entries);
        }
        if (read_entry(h, line, len, &h->entries[h->n])) {
            h->n++;
        } else if (!blank(line, len)) {
            h->damaged++;
            if (!h->first_damaged)
                h->first_damaged = number;
        }
        line += len + (nl != NULL);
    }
}

/* In the order the sessions started. The file is in that order but for a
 * clock that was set back meanwhile or lines put together by hand; every
 * reader (the list newest first, "last done", the chart's last sessions)
 * takes it so. Stable, and one pass when already sorted. */
static void sort_by_start(struct history *h)
{
    for (size_t i = 1; i < h->n; i++) {
        struct history_entry e = h->entries[i];
        size_t j = i;
        for (; j > 0 && h->entries[j - 1].started_unix > e.started_unix; j--)
            h->entries[j] = h->entries[j - 1];
        h->entries[j] = e;
    }
}

static bool load(struct history *h, const char *path, bool say_damage)
{
    *h = (struct history){0};
    struct strbuf text = {0};
    bool ok = history_read_file(path, &text);
    if (!ok) {
        log_warn(_("cannot read the history %s: %s"), path, strerror(errno));
    } else {
        read_lines(h, text.data);
        sort_by_start(h);
        if (say_damage && h->damaged == 1)
            log_warn(_("%s: line %zu is not a session record; passed over and left as it is"),
                     path, h->first_damaged);
        else if (say_damage && h->damaged)
            log_warn(_("%s: %zu lines are not session records (the first is line %zu); passed "
                       "over and left as they are"),
                     path, h->damaged, h->first_damaged);
    }
    strbuf_free(&text);
    return ok;
}

bool history_init(struct history *h, const char *path) { return load(h, path, true); }

bool history_init_quiet(struct history *h, const char *path) { return load(h, path, false); }

void history_finish(struct history *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n_strings; i++)
        free(h->strings[i]);
    free(h->strings);
    free(h->entries);
    *h = (struct history){0};
}

/* ---- figures -------------------------------------------------------------- */

int64_t history_week_start(int64_t now_unix)
{
    time_t t = (time_t)now_unix;
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return now_unix;
    tm.tm_mday -= (tm.tm_wday + 6) % 7; /* back to Monday */
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

size_t history_count_since(const struct history *h, int64_t since_unix)
{
    size_t n = 0;
    for (size_t i = 0; i < h->n; i++)
        n += h->entries[i].started_unix >= since_unix;
    return n;
}

const struct history_entry *history_last_of(const struct history *h, const char *routine_id)
{
    for (size_t i = h->n; i-- > 0;)
        if (strcmp(h->entries[i].routine_id, routine_id) == 0)
            return &h->entries[i];
    return NULL;
}

size_t history_summarize(const struct history *h, int64_t since_unix,
                         struct history_summary **out)
{
    struct history_summary *sum = NULL;
    size_t n = 0;
    for (size_t i = 0; i < h->n; i++) {
        const struct history_entry *e = &h->entries[i];
        if (e->started_unix < since_unix)
            continue;
        size_t k = 0;
        while (k < n && strcmp(sum[k].routine_id, e->routine_id) != 0)
            k++;
        if (k == n) {
            sum = xrealloc(sum, (n + 1) * sizeof *sum);
            sum[n++] = (struct history_summary){.routine_id = e->routine_id};
        }
        struct history_summary *s = &sum[k];
        s->sessions++;
        s->title = e->title ? e->title : s->title;
        s->last_unix = e->started_unix;
        if (e->before.given && e->after.given) {
            s->rated++;
            s->before += e->before.value; /* sums until the end */
            s->after += e->after.value;
        }
    }
    for (size_t k = 0; k < n; k++) {
        if (sum[k].rated) {
            sum[k].before /= (double)sum[k].rated;
            sum[k].after /= (double)sum[k].rated;
        }
    }
    *out = sum;
    return n;
}

size_t history_last_rated(const struct history *h, const char *routine_id, const char *except,
                          const struct history_entry **out, size_t max)
{
    size_t n = 0;
    for (size_t i = h->n; i-- > 0 && n < max;) {
        const struct history_entry *e = &h->entries[i];
        if (strcmp(e->routine_id, routine_id) != 0 || (!e->before.given && !e->after.given))
            continue;
        if (except && e->session && strcmp(e->session, except) == 0)
            continue;
        out[n++] = e;
    }
    for (size_t i = 0; i < n / 2; i++) { /* newest first so far: oldest first */
        const struct history_entry *t = out[i];
        out[i] = out[n - 1 - i];
        out[n - 1 - i] = t;
    }
    return n;
}
