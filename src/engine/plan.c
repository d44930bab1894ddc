/* plan.c - `smr-timer plan FILE [--json]`: the expanded timeline of a routine,
 * for a person (text) or for tools and tests (JSON). Every number comes from
 * the engine (timeline_init() and the engine's own event walk), so plan and
 * a session can never disagree. JSON is written by a small printer here:
 * routine.c is the only file that touches cJSON. */
#include "engine/plan.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "util/i18n.h"
#include "util/util.h"

static void usage(FILE *out)
{
    fprintf(out, _("Usage: smr-timer plan ROUTINE.json [--json]\n"
                   "\n"
                   "Print every step of a routine: for each side, strip, pass and ball\n"
                   "position, each phase with its start time and duration, and the total.\n"
                   "\n"
                   "Options:\n"
                   "  -j, --json   a JSON document for tools and tests\n"
                   "  -h, --help   show this help and exit\n"));
}

/* Finishes a misuse line the caller began on stderr. */
static int misuse(void)
{
    fprintf(stderr, "; %s\n", _("try 'smr-timer plan --help'"));
    return 2;
}

/* "6 s", or "5.5 s" when a duration is not whole seconds. */
static char *format_secs(uint32_t ms, char *buf, size_t size)
{
    if (ms % 1000 == 0)
        snprintf(buf, size, _("%u s"), (unsigned)(ms / 1000));
    else
        snprintf(buf, size, _("%.1f s"), ms / 1000.0);
    return buf;
}

static bool new_position(const struct timeline *t, size_t i)
{
    const struct timeline_step *a = &t->steps[i - 1], *b = &t->steps[i];
    return a->side_index != b->side_index || a->strip != b->strip || a->pass != b->pass ||
           a->position != b->position;
}

static size_t count_positions(const struct timeline *t)
{
    size_t n = t->n_steps > 0;
    for (size_t i = 1; i < t->n_steps; i++)
        n += new_position(t, i);
    return n;
}

static const char *side_heading(enum routine_side s)
{
    return s == ROUTINE_SIDE_LEFT ? _("Left leg") : _("Right leg");
}

static void print_header(FILE *out, const struct routine *r, const struct timeline *t)
{
    char total[32], lead[32];
    fprintf(out, "%s\n", r->title);
    fprintf(out, "%s ", _("Sides:"));
    for (size_t s = 0; s < r->n_sides; s++)
        fprintf(out, "%s%s", s ? _(", then ") : "",
                r->sides[s] == ROUTINE_SIDE_LEFT ? _("left leg") : _("right leg"));
    fprintf(out, "\n%s %zu\n", _("Ball positions:"), count_positions(t));
    fprintf(out, _("Total: %s (a %s get-ready countdown, then %zu steps)\n"),
            format_mss(t->total_ms, total, sizeof total), format_mss(t->lead_in_ms, lead, sizeof lead),
            t->n_steps);
}

/* The headings that change at step i: side, strip and pass, ball position. */
static void print_headings(FILE *out, const struct routine *r, const struct timeline *t, size_t i)
{
    const struct timeline_step *s = &t->steps[i], *p = i ? &t->steps[i - 1] : NULL;
    const struct routine_strip *st = &r->strips[s->strip];
    if (!p || p->side_index != s->side_index)
        fprintf(out, "\n%s\n", side_heading(s->side));
    if (!p || p->side_index != s->side_index || p->strip != s->strip || p->pass != s->pass) {
        fprintf(out, "  %s (", st->label);
        for (size_t m = 0; m < st->n_muscles; m++)
            fprintf(out, "%s%s", m ? ", " : "", st->muscles[m]);
        fprintf(out, "), ");
        fprintf(out, _("pass %u of %u"), s->pass + 1, st->passes);
        fputc('\n', out);
    }
    if (!p || new_position(t, i)) {
        fprintf(out, "    ");
        fprintf(out, _("Ball at %g cm"), s->cm);
        fputc('\n', out);
    }
}

void plan_print_text(FILE *out, const struct routine *r, const struct timeline *t)
{
    char when[32], dur[32], total[32];
    print_header(out, r, t);
    for (size_t i = 0; i < t->n_steps; i++) {
        const struct timeline_step *s = &t->steps[i];
        const struct routine_phase *ph = &r->phases[s->phase];
        print_headings(out, r, t, i);
        fprintf(out, "      %7s  %6s  %s", format_mss(s->start_ms, when, sizeof when),
                format_secs(s->duration_ms, dur, sizeof dur), ph->title);
        if (ph->kind == PHASE_MOVE && s->next_cm >= 0) {
            fputs("  ", out);
            fprintf(out, _("(to %g cm)"), s->next_cm);
        }
        fputc('\n', out);
    }
    fprintf(out, "\n%s %s\n", _("Total:"), format_mss(t->total_ms, total, sizeof total));
}

/* ---- JSON ---- */

static void json_string(FILE *out, const char *s)
{
    struct strbuf sb = {0};
    strbuf_append_json_string(&sb, s);
    fputs(sb.data, out);
    strbuf_free(&sb);
}

static void json_cm(FILE *out, double cm)
{
    if (cm < 0)
        fputs("null", out);
    else
        fprintf(out, "%.10g", cm);
}

static void json_step(FILE *out, const struct routine *r, const struct timeline *t, size_t i)
{
    const struct timeline_step *s = &t->steps[i];
    const struct routine_strip *st = &r->strips[s->strip];
    const struct routine_phase *ph = &r->phases[s->phase];
    fprintf(out, "    {\"index\": %zu, \"side\": ", i);
    json_string(out, routine_side_name(s->side));
    fprintf(out, ", \"strip\": %zu, \"strip_id\": ", s->strip);
    json_string(out, st->id);
    fputs(", \"line\": ", out);
    json_string(out, st->line ? st->line->id : "");
    fprintf(out, ", \"pass\": %u, \"position\": %zu, \"cm\": ", s->pass, s->position);
    json_cm(out, s->cm);
    fputs(", \"next_cm\": ", out);
    json_cm(out, s->next_cm);
    fprintf(out, ", \"phase\": %zu, \"kind\": ", s->phase);
    json_string(out, phase_kind_name(ph->kind));
    fputs(", \"title\": ", out);
    json_string(out, ph->title);
    fprintf(out, ", \"start_ms\": %llu, \"duration_ms\": %u, \"countdown\": %u}",
            (unsigned long long)s->start_ms, (unsigned)s->duration_ms, ph->countdown);
}

struct cue_printer {
    FILE *out;
    size_t n;
};

static void json_cue(struct cue_printer *cp, const struct engine_event *ev)
{
    fprintf(cp->out, "%s\n    {\"t_ms\": %llu, \"type\": \"%s\", \"step\": %zu, \"value\": %d, "
                     "\"lead_in\": %s}",
            cp->n++ ? "," : "", (unsigned long long)ev->time_ms, engine_event_type_name(ev->type),
            ev->step, ev->value, ev->lead_in ? "true" : "false");
}

static bool cue_cb(const struct engine_event *ev, void *user)
{
    json_cue(user, ev);
    return true;
}

/* The events of an uninterrupted session started at 0, from the engine itself. */
static void json_cues(FILE *out, const struct routine *r)
{
    struct cue_printer cp = {.out = out};
    struct engine *e = engine_create(r, NULL);
    if (!e)
        return;
    engine_start(e, 0);
    engine_predict(e, 0, cue_cb, &cp); /* from the lead-in at 0 to session_done */
    engine_destroy(e);
}

void plan_print_json(FILE *out, const struct routine *r, const struct timeline *t)
{
    fputs("{\n  \"routine\": ", out);
    json_string(out, r->id);
    fputs(",\n  \"format\": \"smr-plan/1\",\n  \"title\": ", out);
    json_string(out, r->title);
    fprintf(out, ",\n  \"lead_in_ms\": %u,\n  \"total_ms\": %llu,\n  \"steps\": [\n",
            (unsigned)t->lead_in_ms, (unsigned long long)t->total_ms);
    for (size_t i = 0; i < t->n_steps; i++) {
        json_step(out, r, t, i);
        fputs(i + 1 < t->n_steps ? ",\n" : "\n", out);
    }
    fputs("  ],\n  \"cues\": [", out);
    json_cues(out, r);
    fputs("\n  ]\n}\n", out);
}

/* ---- the command ---- */

static bool load(const char *path, struct routine **r)
{
    struct diag_list diags = {0};
    bool ok = routine_create_from_file(path, r, &diags);
    for (size_t i = 0; i < diags.n; i++) {
        char *line = diag_format(path, &diags.items[i]);
        fprintf(stderr, "%s\n", line);
        free(line);
    }
    diag_list_finish(&diags);
    return ok;
}

int cmd_plan(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bool json = false;
    optind = 0; /* glibc: start afresh (cmd_plan may run more than once in a test) */
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = true;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            fprintf(stderr, _("smr-timer plan: unknown option '%s'"), argv[optind - 1]);
            return misuse();
        }
    }
    /* glibc's getopt_long moves options behind the file forward: `plan FILE --json`. */
    if (optind >= argc) {
        fputs(_("smr-timer plan: which routine? give a file"), stderr);
        return misuse();
    }
    if (argc - optind > 1) {
        fprintf(stderr, _("smr-timer plan: one routine at a time, got '%s' as well"),
                argv[optind + 1]);
        return misuse();
    }
    const char *path = argv[optind];

    struct routine *r = NULL;
    if (!load(path, &r))
        return 1;
    struct engine_options o;
    engine_default_options(&o);
    struct timeline t;
    int status = 0;
    if (!timeline_init(r, 1.0, o.lead_in_ms, &t)) {
        fprintf(stderr, "%s: %s\n", path, _("the routine has no steps to play"));
        status = 1;
    } else {
        if (json)
            plan_print_json(stdout, r, &t);
        else
            plan_print_text(stdout, r, &t);
        timeline_finish(&t);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "smr-timer plan: %s\n", _("could not write the plan"));
            status = 1;
        }
    }
    routine_destroy(r);
    return status;
}
