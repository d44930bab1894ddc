/* plan.c - see plan.h. The text and JSON forms are built into a strbuf, so a
 * test or a tool can have them as a string and the command as a FILE *. JSON
 * is written by a small printer here: routine.c is the only file that touches
 * cJSON. */
#include "engine/plan.h"

#include <stdlib.h>

#include "engine/position_words.h"
#include "engine/steps.h"
#include "util/i18n.h"

bool plan_init(struct plan *p, const struct routine *r)
{
    struct engine_options o;
    engine_default_options(&o);
    p->routine = r;
    return timeline_init(r, 1.0, o.lead_in_ms, &p->timeline);
}

void plan_finish(struct plan *p)
{
    timeline_finish(&p->timeline);
    p->routine = NULL;
}

/* ---- text ---- */

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
    return !timeline_same_position(&t->steps[i - 1], &t->steps[i]);
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

static void text_header(struct strbuf *out, const struct routine *r, const struct timeline *t)
{
    char total[32], lead[32];
    strbuf_appendf(out, "%s\n", r->title);
    strbuf_appendf(out, "%s ", _("Sides:"));
    for (size_t s = 0; s < r->n_sides; s++)
        strbuf_appendf(out, "%s%s", s ? _(", then ") : "",
                       r->sides[s] == ROUTINE_SIDE_LEFT ? _("left leg") : _("right leg"));
    strbuf_appendf(out, "\n%s %zu\n", _("Ball positions:"), count_positions(t));
    strbuf_appendf(out, _("Total: %s (a %s get-ready countdown, then %zu steps)\n"),
                   format_mss(t->total_ms, total, sizeof total),
                   format_mss(t->lead_in_ms, lead, sizeof lead), t->n_steps);
}

/* The headings that change at step i: side, strip and pass, ball position. */
static void text_headings(struct strbuf *out, const struct routine *r, const struct timeline *t,
                          size_t i)
{
    const struct timeline_step *s = &t->steps[i], *p = i ? &t->steps[i - 1] : NULL;
    const struct routine_strip *st = &r->strips[s->strip];
    if (!p || p->side_index != s->side_index)
        strbuf_appendf(out, "\n%s\n", side_heading(s->side));
    if (!p || !timeline_same_pass(p, s)) {
        strbuf_appendf(out, "  %s (", st->label);
        for (size_t m = 0; m < st->n_muscles; m++)
            strbuf_appendf(out, "%s%s", m ? ", " : "", st->muscles[m]);
        strbuf_append(out, "), ");
        strbuf_appendf(out, _("pass %u of %u"), s->pass + 1, st->passes);
        strbuf_append(out, "\n");
    }
    if (!p || new_position(t, i)) {
        char *at = position_words(r->diagram, s->cm);
        strbuf_append(out, "    ");
        /* TRANSLATORS: a place ("10 cm above the knee crease (about ...)"). */
        strbuf_appendf(out, _("Ball at %s"), at);
        strbuf_append(out, "\n");
        free(at);
    }
}

void plan_write_text(const struct plan *p, struct strbuf *out)
{
    const struct routine *r = p->routine;
    const struct timeline *t = &p->timeline;
    char when[32], dur[32], total[32];
    text_header(out, r, t);
    for (size_t i = 0; i < t->n_steps; i++) {
        const struct timeline_step *s = &t->steps[i];
        const struct routine_phase *ph = timeline_step_phase(r, s);
        text_headings(out, r, t, i);
        strbuf_appendf(out, "      %7s  %6s  %s", format_mss(s->start_ms, when, sizeof when),
                       format_secs(s->duration_ms, dur, sizeof dur), step_title(r, s));
        if (ph && ph->kind == PHASE_MOVE && s->next_cm >= 0) {
            strbuf_append(out, "  ");
            strbuf_appendf(out, _("(to %g cm)"), s->next_cm);
        } else if (!ph) { /* a transition says where the ball goes */
            char *what = step_instruction(r, s, STEP_SHOWN);
            strbuf_appendf(out, "  %s", what);
            free(what);
        }
        strbuf_append(out, "\n");
    }
    strbuf_appendf(out, "\n%s %s\n", _("Total:"), format_mss(t->total_ms, total, sizeof total));
}

/* ---- JSON ---- */

static void json_cm(struct strbuf *out, double cm)
{
    if (cm < 0)
        strbuf_append(out, "null");
    else
        strbuf_appendf(out, "%.10g", cm);
}

static void json_step(struct strbuf *out, const struct routine *r, const struct timeline *t,
                      size_t i)
{
    const struct timeline_step *s = &t->steps[i];
    const struct routine_strip *st = &r->strips[s->strip];
    const struct routine_phase *ph = timeline_step_phase(r, s);
    strbuf_appendf(out, "    {\"index\": %zu, \"type\": \"%s\", \"side\": ", i,
                   ph ? "phase" : "transition");
    strbuf_append_json_string(out, routine_side_name(s->side));
    strbuf_appendf(out, ", \"strip\": %zu, \"strip_id\": ", s->strip);
    strbuf_append_json_string(out, st->id);
    strbuf_append(out, ", \"line\": ");
    strbuf_append_json_string(out, st->line ? st->line->id : "");
    strbuf_appendf(out, ", \"pass\": %u, \"position\": %zu, \"cm\": ", s->pass, s->position);
    json_cm(out, s->cm);
    strbuf_append(out, ", \"next_cm\": ");
    json_cm(out, s->next_cm);
    if (ph)
        strbuf_appendf(out, ", \"phase\": %zu, \"kind\": ", s->phase);
    else
        strbuf_append(out, ", \"phase\": null, \"kind\": ");
    strbuf_append_json_string(out, ph ? phase_kind_name(ph->kind) : step_kind_name(s->kind));
    strbuf_append(out, ", \"title\": ");
    strbuf_append_json_string(out, step_title(r, s));
    char *what = step_instruction(r, s, STEP_SHOWN);
    strbuf_append(out, ", \"instruction\": ");
    strbuf_append_json_string(out, what);
    free(what);
    strbuf_appendf(out, ", \"start_ms\": %llu, \"duration_ms\": %u, \"countdown\": %u}",
                   (unsigned long long)s->start_ms, (unsigned)s->duration_ms, s->countdown);
}

struct cue_writer {
    struct strbuf *out;
    size_t n;
};

static bool json_cue(const struct engine_event *ev, void *user)
{
    struct cue_writer *cw = user;
    strbuf_appendf(cw->out,
                   "%s\n    {\"t_ms\": %llu, \"type\": \"%s\", \"step\": %zu, \"value\": %d, "
                   "\"lead_in\": %s}",
                   cw->n++ ? "," : "", (unsigned long long)ev->time_ms,
                   engine_event_type_name(ev->type), ev->step, ev->value,
                   ev->lead_in ? "true" : "false");
    return true;
}

/* The events of an uninterrupted session started at 0, from the engine itself. */
static void json_cues(struct strbuf *out, const struct routine *r)
{
    struct cue_writer cw = {.out = out};
    struct engine *e = engine_create(r, NULL);
    if (!e)
        return;
    engine_start(e, 0);
    engine_predict(e, 0, json_cue, &cw); /* from the lead-in at 0 to session_done */
    engine_destroy(e);
}

void plan_write_json(const struct plan *p, struct strbuf *out)
{
    const struct routine *r = p->routine;
    const struct timeline *t = &p->timeline;
    strbuf_append(out, "{\n  \"routine\": ");
    strbuf_append_json_string(out, r->id);
    strbuf_append(out, ",\n  \"format\": \"smr-plan/1\",\n  \"title\": ");
    strbuf_append_json_string(out, r->title);
    strbuf_appendf(out, ",\n  \"lead_in_ms\": %u,\n  \"total_ms\": %llu,\n  \"steps\": [\n",
                   (unsigned)t->lead_in_ms, (unsigned long long)t->total_ms);
    for (size_t i = 0; i < t->n_steps; i++) {
        json_step(out, r, t, i);
        strbuf_append(out, i + 1 < t->n_steps ? ",\n" : "\n");
    }
    strbuf_append(out, "  ],\n  \"cues\": [");
    json_cues(out, r);
    strbuf_append(out, "\n  ]\n}\n");
}

/* ---- to a file ---- */

static bool print_with(FILE *out, const struct plan *p,
                       void (*write)(const struct plan *, struct strbuf *))
{
    struct strbuf sb = {0};
    write(p, &sb);
    bool ok = fwrite(sb.data, 1, sb.len, out) == sb.len;
    strbuf_free(&sb);
    return ok;
}

bool plan_print_text(FILE *out, const struct plan *p) { return print_with(out, p, plan_write_text); }

bool plan_print_json(FILE *out, const struct plan *p) { return print_with(out, p, plan_write_json); }
