/* history_cmd.c - see history_cmd.h. The reading and the figures are
 * src/session/history_read.c's (the screens show the same ones); here only
 * the command line and how they are printed. Dates are local time, as the
 * person doing the sessions lives them; the file keeps UTC. */
#include "cli/history_cmd.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/columns.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

static void usage(FILE *out)
{
    fprintf(out, "%s",
            _("Usage: smr-timer history [--csv] [--since DATE]\n"
              "\n"
              "List the sessions recorded in $XDG_STATE_HOME/smr-timer/history.jsonl:\n"
              "each session, this week's count, and per routine the mean tightness\n"
              "before and after (0-10, where both were given) and its change.\n"
              "\n"
              "Options:\n"
              "      --csv         the sessions as CSV (RFC 4180, a header line) for a\n"
              "                    spreadsheet; text that starts like a formula gets a '\n"
              "      --since=DATE  only sessions from DATE on (YYYY-MM-DD, local time)\n"
              "  -h, --help        show this help and exit\n"));
}

/* Local midnight at the start of "YYYY-MM-DD"; false when it is no date. */
static bool parse_since(const char *s, int64_t *out)
{
    struct tm tm = {0};
    int n = 0;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &n) != 3 ||
        n != 10 || s[4] != '-' || s[7] != '-')
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    struct tm want = tm;
    time_t t = mktime(&tm);
    /* mktime moves 2024-02-30 to March: such a date does not exist. */
    if (t == (time_t)-1 || tm.tm_year != want.tm_year || tm.tm_mon != want.tm_mon ||
        tm.tm_mday != want.tm_mday)
        return false;
    *out = (int64_t)t;
    return true;
}

enum when { WHEN_DATE, WHEN_CLOCK, WHEN_BOTH };

static void local_time(int64_t unix_s, enum when what, char *buf, size_t size)
{
    time_t t = (time_t)unix_s;
    struct tm tm;
    size_t n = 0;
    if (localtime_r(&t, &tm))
        n = what == WHEN_DATE    ? strftime(buf, size, "%Y-%m-%d", &tm)
            : what == WHEN_CLOCK ? strftime(buf, size, "%H:%M", &tm)
                                 : strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
    if (n == 0)
        snprintf(buf, size, "?");
}

/* A line still "under way" is one whose program was killed or lost its
 * power: it ended, unrecorded. The CSV says so in a stable word, as it says
 * "done" or "quit"; the listing says every way a session ends in the
 * reader's language (a word it does not know, as the file has it). */
static const char *ended(const struct history_entry *e, bool for_csv)
{
    static const char *const words[][2] = {
        {"done", N_("done")},
        {"quit", N_("quit")},
        {"red-flag", N_("red flag")},
        {"signal", N_("stopped")},
        {"window-closed", N_("window closed")},
    };
    if (!e->ended_by)
        return for_csv ? "unfinished" : _("unfinished");
    for (size_t i = 0; !for_csv && i < sizeof words / sizeof words[0]; i++)
        if (strcmp(e->ended_by, words[i][0]) == 0)
            return _(words[i][1]);
    return e->ended_by;
}

static void rating(char *buf, size_t size, struct history_rating r)
{
    if (r.given)
        snprintf(buf, size, "%u", (unsigned)r.value);
    else
        snprintf(buf, size, "-");
}

/* ---- CSV --------------------------------------------------------------- */

void history_cmd_csv_field(FILE *out, const char *s, bool text)
{
    if (!s)
        return;
    bool formula = text && s[0] && strchr("=+-@\t\r", s[0]);
    bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    if (quote)
        fputc('"', out);
}

static void csv_number(FILE *out, struct history_rating r)
{
    if (r.given)
        fprintf(out, "%u", (unsigned)r.value);
}

static void csv_row(FILE *out, const struct history_entry *e)
{
    char date[16], clock[8], sides[16] = "";
    local_time(e->started_unix, WHEN_DATE, date, sizeof date);
    local_time(e->started_unix, WHEN_CLOCK, clock, sizeof clock);
    for (size_t i = 0; i < e->n_sides; i++)
        snprintf(sides + strlen(sides), sizeof sides - strlen(sides), "%s%s", i ? "," : "",
                 e->sides[i]);
    const char *text[] = {e->routine_id, e->title, e->routine_file, e->target, sides};
    fprintf(out, "%s,%s", date, clock);
    for (size_t i = 0; i < sizeof text / sizeof *text; i++) {
        fputc(',', out);
        history_cmd_csv_field(out, text[i], true);
    }
    fprintf(out, ",%zu,%zu,%zu,%llu,", e->positions_done, e->positions_skipped,
            e->positions_total, (unsigned long long)((e->elapsed_ms + 500) / 1000));
    history_cmd_csv_field(out, ended(e, true), true);
    fputc(',', out);
    csv_number(out, e->before);
    fputc(',', out);
    csv_number(out, e->after);
    fputc(',', out);
    if (e->before.given && e->after.given)
        fprintf(out, "%d", (int)e->after.value - (int)e->before.value);
    fputc(',', out);
    history_cmd_csv_field(out, e->session, true);
    fputs("\r\n", out); /* RFC 4180 */
}

static void print_csv(FILE *out, const struct history *h, int64_t since)
{
    fputs("date,time,routine_id,title,routine_file,target,sides,positions_done,"
          "positions_skipped,positions_total,duration_s,ended_by,tightness_before,"
          "tightness_after,change,session\r\n",
          out);
    for (size_t i = 0; i < h->n; i++)
        if (h->entries[i].started_unix >= since)
            csv_row(out, &h->entries[i]);
}

/* ---- text -------------------------------------------------------------- */

/* The listing's columns, each as wide as its head or its widest cell (a
 * translated head or word may be wider than the English). */
struct widths {
    size_t when, ended, done, time, tightness;
};

/* One row: the cells, then the routine unpadded. */
static void print_row(FILE *out, const struct widths *w, const char *const cell[5],
                      const char *routine)
{
    columns_put(out, cell[0], w->when, 0);
    fputs("  ", out);
    columns_put(out, cell[1], w->ended, 0);
    fputc(' ', out);
    columns_put(out, cell[2], w->done, 1);
    fputc(' ', out);
    columns_put(out, cell[3], w->time, 1);
    fputs("  ", out);
    columns_put(out, cell[4], w->tightness, 0);
    fprintf(out, " %s\n", routine);
}

struct cells {
    char when[24], done[48], took[16], tightness[16];
};

static void session_cells(const struct history_entry *e, struct cells *c)
{
    char before[4], after[4];
    local_time(e->started_unix, WHEN_BOTH, c->when, sizeof c->when);
    format_mss(e->elapsed_ms, c->took, sizeof c->took);
    rating(before, sizeof before, e->before);
    rating(after, sizeof after, e->after);
    snprintf(c->done, sizeof c->done, "%zu/%zu", e->positions_done, e->positions_total);
    snprintf(c->tightness, sizeof c->tightness, "%2s -> %-3s", before, after);
}

static size_t wider(size_t w, const char *s)
{
    size_t n = columns_width(s);
    return n > w ? n : w;
}

static void print_sessions(FILE *out, const struct history *h, int64_t since)
{
    const char *head[5] = {_("When"), _("Ended"), _("Done"), _("Time"), _("Tightness")};
    /* the English widths at least, so the usual listing keeps its shape */
    struct widths w = {wider(16, head[0]), wider(13, head[1]), wider(7, head[2]),
                       wider(7, head[3]), wider(9, head[4])};
    struct cells c;
    for (size_t i = 0; i < h->n; i++) {
        const struct history_entry *e = &h->entries[i];
        if (e->started_unix < since)
            continue;
        session_cells(e, &c);
        w.when = wider(w.when, c.when);
        w.ended = wider(w.ended, ended(e, false));
        w.done = wider(w.done, c.done);
        w.time = wider(w.time, c.took);
    }
    print_row(out, &w, head, _("Routine"));
    for (size_t i = 0; i < h->n; i++) {
        const struct history_entry *e = &h->entries[i];
        if (e->started_unix < since)
            continue;
        session_cells(e, &c);
        const char *cell[5] = {c.when, ended(e, false), c.done, c.took, c.tightness};
        print_row(out, &w, cell, e->title ? e->title : e->routine_id);
    }
}

static void print_summary(FILE *out, const struct history_summary *s)
{
    char last[16];
    local_time(s->last_unix, WHEN_DATE, last, sizeof last);
    if (s->title)
        fprintf(out, "  %s (%s):", s->title, s->routine_id);
    else
        fprintf(out, "  %s:", s->routine_id);
    fprintf(out, _(" %zu session(s), last %s"), s->sessions, last);
    if (s->rated) {
        char before[32], after[32], change[32];
        /* TRANSLATORS: the means of the tightness ratings (0-10, one decimal)
         * before and after, and the change. */
        fprintf(out, _("; tightness %s before, %s after (%s) over %zu rated\n"),
                format_decimal(s->before, 1, false, before, sizeof before),
                format_decimal(s->after, 1, false, after, sizeof after),
                format_decimal(s->after - s->before, 1, true, change, sizeof change), s->rated);
    }
    else
        fprintf(out, "%s", _("; no before/after ratings yet\n"));
}

static void print_text(FILE *out, const struct history *h, int64_t since, const char *path)
{
    size_t shown = history_count_since(h, since);
    if (shown == 0) {
        if (since)
            fprintf(out, _("No sessions since that day in %s.\n"), path);
        else
            fprintf(out, _("No sessions recorded yet in %s.\n"), path);
        return;
    }
    print_sessions(out, h, since);
    int64_t week = history_week_start((int64_t)time(NULL));
    char monday[16];
    local_time(week, WHEN_DATE, monday, sizeof monday);
    fprintf(out, _("\nThis week (from Monday %s): %zu session(s).\n"), monday,
            history_count_since(h, week));
    struct history_summary *sum;
    size_t n = history_summarize(h, since, &sum);
    fprintf(out, "%s", _("Per routine:\n"));
    for (size_t i = 0; i < n; i++)
        print_summary(out, &sum[i]);
    free(sum);
}

/* argv into *csv and *since; -1 to go on, else the exit status. */
static int parse(int argc, char **argv, bool *csv, int64_t *since)
{
    static const struct option longopts[] = {
        {"csv", no_argument, NULL, 'c'},
        {"since", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return 0;
        }
        if (c == 'c')
            *csv = true;
        else if (c == 's' && !parse_since(optarg, since))
            return cli_misuse("history", _("--since takes a date such as 2024-05-01, not '%s'"),
                              optarg);
        else if (c == ':')
            return cli_misuse("history", _("option '%s' needs a value"), argv[optind - 1]);
        else if (c != 's')
            return cli_misuse("history", _("unknown option '%s'"), argv[optind - 1]);
    }
    if (optind < argc)
        return cli_misuse("history", _("it takes no file: it reads %s"),
                          "$XDG_STATE_HOME/smr-timer/history.jsonl");
    return -1;
}

int cmd_history(int argc, char **argv)
{
    bool csv = false;
    int64_t since = 0;
    int status = parse(argc, argv, &csv, &since);
    if (status >= 0)
        return status;
    char *path = history_default_path();
    if (!path) {
        log_error("history: %s", _("no HOME or XDG_STATE_HOME: there is no history"));
        return 1;
    }
    struct history h;
    if (history_init(&h, path)) {
        if (csv)
            print_csv(stdout, &h, since);
        else
            print_text(stdout, &h, since, path);
        status = fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
        if (status)
            log_error("history: %s", _("could not write the list"));
    } else {
        status = 1;
    }
    history_finish(&h);
    free(path);
    return status;
}
