/* cues.c - the sound and the words for each engine event, the schedule of
 * cues the engine predicts (events on one instant merged into one sound), and
 * the table of every phrase a routine may speak (so speech is synthesized
 * ahead of time). Pure: the audio backends place what this returns. */
#include "engine/cues.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/position_words.h"
#include "engine/steps.h"
#include "util/i18n.h"
#include "util/util.h"

static const char *const sound_names[CUE_SOUND_COUNT] = {
    [CUE_SOUND_NONE] = "none",
    [CUE_SOUND_PHASE_START] = "phase-start",
    [CUE_SOUND_TICK] = "tick",
    [CUE_SOUND_TICK_LAST] = "tick-last",
    [CUE_SOUND_HOLD_START] = "hold-start",
    [CUE_SOUND_RELEASE] = "release",
    [CUE_SOUND_MOVE] = "move",
    [CUE_SOUND_GET_READY] = "get-ready",
    [CUE_SOUND_STRIP_DONE] = "strip-done",
    [CUE_SOUND_SESSION_DONE] = "session-done",
    [CUE_SOUND_TRANSITION] = "transition",
};

const char *cue_sound_name(enum cue_sound s)
{
    if ((int)s < 0 || s >= CUE_SOUND_COUNT)
        return "?";
    return sound_names[s];
}

int cue_sound_priority(enum cue_sound s)
{
    /* Rare, summarizing sounds win over routine ones; a tick never hides a
     * change of phase. A transition starts where a strip or a side is done
     * and says more: what to do now. */
    switch (s) {
    case CUE_SOUND_SESSION_DONE: return 10;
    case CUE_SOUND_TRANSITION: return 9;
    case CUE_SOUND_STRIP_DONE: return 8;
    case CUE_SOUND_GET_READY: return 7;
    case CUE_SOUND_HOLD_START:
    case CUE_SOUND_RELEASE:
    case CUE_SOUND_MOVE:
    case CUE_SOUND_PHASE_START: return 5;
    case CUE_SOUND_TICK_LAST: return 3;
    case CUE_SOUND_TICK: return 2;
    case CUE_SOUND_NONE:
    case CUE_SOUND_COUNT: break;
    }
    return 0;
}

static enum cue_sound phase_sound(enum phase_kind k)
{
    switch (k) {
    case PHASE_HOLD: return CUE_SOUND_HOLD_START;
    case PHASE_RELAX: return CUE_SOUND_RELEASE;
    case PHASE_MOVE: return CUE_SOUND_MOVE;
    case PHASE_PLACE:
    case PHASE_STRETCH: break;
    }
    return CUE_SOUND_PHASE_START;
}

/* Whole centimetres without a decimal point, halves with one. */
static void format_cm(double cm, char *buf, size_t size)
{
    long tenths = (long)(cm * 10.0 + (cm < 0 ? -0.5 : 0.5));
    if (tenths % 10 == 0)
        snprintf(buf, size, "%ld", tenths / 10);
    else
        snprintf(buf, size, "%ld.%ld", tenths / 10, labs(tenths % 10));
}

char *cue_next_up_text(const struct routine *r, const struct timeline *t, size_t step)
{
    if (!r || !t || step + 1 >= t->n_steps)
        return NULL;
    const struct timeline_step *cur = &t->steps[step];
    const struct timeline_step *next = &t->steps[step + 1];
    if (timeline_same_position(cur, next))
        return NULL;
    if (next->side_index != cur->side_index)
        return xstrdup(next->side == ROUTINE_SIDE_LEFT ? _("Next: the left leg")
                                                       : _("Next: the right leg"));
    if (next->strip != cur->strip || next->pass != cur->pass) {
        char *label = step_strip_in_sentence(r, next->strip);
        char *text = next->strip != cur->strip ? xasprintf(_("Next: the %s"), label)
                                               : xasprintf(_("Next: the %s once more"), label);
        free(label);
        return text;
    }
    char cm[32];
    double d = next->cm - cur->cm;
    format_cm(d < 0 ? -d : d, cm, sizeof cm);
    return position_next_move_spoken(r->diagram, cur->cm, next->cm, cm);
}

/* Index of `s` in the table, adding it when new. Takes ownership of s. */
static int intern(struct cue_phrases *p, char *s)
{
    for (size_t i = 0; i < p->n; i++) {
        if (strcmp(p->text[i], s) == 0) {
            free(s);
            return (int)i;
        }
    }
    p->text = xrealloc(p->text, (p->n + 1) * sizeof *p->text);
    p->text[p->n] = s;
    return (int)p->n++;
}

bool cue_phrases_init(const struct routine *r, const struct timeline *t, bool every_time,
                      struct cue_phrases *out)
{
    memset(out, 0, sizeof *out);
    if (!r || !t)
        return false;
    out->every_time = every_time;
    out->n_phases = r->n_phases;
    out->instruction = xcalloc(r->n_phases ? r->n_phases : 1, sizeof *out->instruction);
    out->title = xcalloc(r->n_phases ? r->n_phases : 1, sizeof *out->title);
    for (size_t i = 0; i < r->n_phases; i++) {
        const char *s = r->phases[i].instruction;
        out->instruction[i] = s && *s ? intern(out, xstrdup(s)) : CUE_NO_PHRASE;
    }
    /* after the instructions: the phrase table lists them first, as before;
     * said as a sentence ("Hold."), unless the title ends like one */
    for (size_t i = 0; i < r->n_phases; i++) {
        const char *s = r->phases[i].title;
        size_t n = s ? strlen(s) : 0;
        bool ends = n && strchr(".!?", s[n - 1]);
        out->title[i] = n ? intern(out, xasprintf("%s%s", s, ends ? "" : "."))
                          : out->instruction[i];
    }
    out->n_steps = t->n_steps;
    out->next_up = xcalloc(t->n_steps ? t->n_steps : 1, sizeof *out->next_up);
    out->transition = xcalloc(t->n_steps ? t->n_steps : 1, sizeof *out->transition);
    for (size_t i = 0; i < t->n_steps; i++) {
        char *s = cue_next_up_text(r, t, i);
        out->next_up[i] = s ? intern(out, s) : CUE_NO_PHRASE;
        out->transition[i] = t->steps[i].kind == STEP_PHASE
                                 ? CUE_NO_PHRASE
                                 : intern(out, step_instruction(r, &t->steps[i], STEP_SPOKEN));
    }
    return true;
}

void cue_phrases_finish(struct cue_phrases *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        free(p->text[i]);
    free(p->text);
    free(p->instruction);
    free(p->title);
    free(p->next_up);
    free(p->transition);
    memset(p, 0, sizeof *p);
}

bool cue_from_event(const struct routine *r, const struct timeline *t, const struct cue_phrases *p,
                    const struct engine_event *ev, struct cue *out)
{
    memset(out, 0, sizeof *out);
    out->sound = CUE_SOUND_NONE;
    out->time_ms = ev->time_ms;
    out->step = ev->step;
    out->phrase = CUE_NO_PHRASE;
    out->next_phrase = CUE_NO_PHRASE;
    out->end_ms = ev->time_ms;
    out->event = *ev;
    const struct timeline_step *st = t && ev->step < t->n_steps ? &t->steps[ev->step] : NULL;

    switch (ev->type) {
    case ENGINE_EV_LEAD_IN:
        out->sound = CUE_SOUND_GET_READY;
        break;
    case ENGINE_EV_TICK:
        if (ev->value <= 0)
            return false;
        out->sound = ev->value == 1 ? CUE_SOUND_TICK_LAST : CUE_SOUND_TICK;
        break;
    case ENGINE_EV_PHASE_START:
        if (!st || !r || (st->kind == STEP_PHASE && st->phase >= r->n_phases))
            return false;
        out->sound = st->kind == STEP_PHASE ? phase_sound(r->phases[st->phase].kind)
                                            : CUE_SOUND_TRANSITION;
        out->end_ms = ev->time_ms + st->duration_ms;
        if (p && st->kind == STEP_PHASE && st->phase < p->n_phases)
            out->phrase = p->instruction[st->phase];
        if (p && ev->step < p->n_steps) {
            out->next_phrase = p->next_up[ev->step];
            if (st->kind != STEP_PHASE)
                out->phrase = p->transition[ev->step];
        }
        break;
    case ENGINE_EV_STRIP_DONE:
    case ENGINE_EV_SIDE_DONE:
        out->sound = CUE_SOUND_STRIP_DONE;
        break;
    case ENGINE_EV_SESSION_DONE:
        out->sound = CUE_SOUND_SESSION_DONE;
        break;
    case ENGINE_EV_PHASE_END:
    case ENGINE_EV_POSITION_DONE:
        return false;
    }
    return true;
}

bool cue_same_event(const struct engine_event *a, const struct engine_event *b)
{
    /* `skipped` is left out: it marks only silent events */
    return a->type == b->type && a->time_ms == b->time_ms && a->step == b->step &&
           a->value == b->value && a->lead_in == b->lead_in;
}

struct prediction {
    const struct routine *r;
    const struct timeline *t;
    const struct cue_phrases *p;
    bool phase_heard; /* a phase's start is in it already */
    struct cue *cues;
    size_t n, cap;
};

/* The phrase of a phase's start: its instruction, or at a strip's later
 * positions (once a phase of the prediction has been heard in full) its
 * title (cue_phrases). */
static void brief_if_heard(struct prediction *pr, struct cue *c)
{
    const struct timeline_step *st = &pr->t->steps[c->step];
    if (c->event.type != ENGINE_EV_PHASE_START || st->kind != STEP_PHASE)
        return;
    bool first = !pr->phase_heard;
    pr->phase_heard = true;
    if (!pr->p || pr->p->every_time || first || st->position == 0 ||
        st->phase >= pr->p->n_phases)
        return;
    if (c->phrase == pr->p->instruction[st->phase])
        c->phrase = pr->p->title[st->phase];
}

/* Two events on one instant are heard as one sound, the one that says more
 * (cue_sound_priority), which keeps the phrases of both. */
static void merge_into(struct cue *prev, const struct cue *c)
{
    if (cue_sound_priority(c->sound) > cue_sound_priority(prev->sound)) {
        prev->sound = c->sound;
        prev->step = c->step;
        prev->event = c->event;
    }
    if (c->phrase != CUE_NO_PHRASE)
        prev->phrase = c->phrase;
    if (c->next_phrase != CUE_NO_PHRASE) {
        prev->next_phrase = c->next_phrase;
        prev->end_ms = c->end_ms;
    }
}

static bool add_predicted(const struct engine_event *ev, void *user)
{
    struct prediction *pr = user;
    struct cue c;
    if (!cue_from_event(pr->r, pr->t, pr->p, ev, &c))
        return true;
    brief_if_heard(pr, &c);
    if (pr->n && pr->cues[pr->n - 1].time_ms == c.time_ms) {
        merge_into(&pr->cues[pr->n - 1], &c);
        return true;
    }
    if (pr->n == pr->cap) {
        pr->cap = pr->cap ? pr->cap * 2 : 256;
        pr->cues = xrealloc(pr->cues, pr->cap * sizeof *pr->cues);
    }
    pr->cues[pr->n++] = c;
    return true;
}

size_t cues_from_prediction(const struct engine *e, uint64_t now, const struct cue_phrases *p,
                            struct cue **out)
{
    const struct timeline *t = engine_timeline(e);
    struct prediction pr = {
        .r = engine_routine(e),
        .t = t,
        .p = p && p->n_steps == t->n_steps ? p : NULL,
    };
    engine_predict(e, now, add_predicted, &pr);
    *out = pr.cues;
    return pr.n;
}
