/* session_words.c - what the session screen says, apart from how it is
 * laid out: where the session is, the step's title (the move phase says the
 * move: "Move the ball up 7 cm"), where the ball is and where it goes in cm
 * and in landmarks (engine/position_words.h), what comes next, and the
 * step as the window title gives it ("Hold, 8 s"). All read-only. */
#include "app/screens/screens_private.h"

#include <stdio.h>
#include <stdlib.h>

#include "engine/position_words.h"
#include "engine/steps.h"
#include "util/i18n.h"
#include "util/util.h"

static const struct engine *engine_of(const struct screens *s)
{
    return session_engine(s->session);
}

bool session_is_move(const struct screens *s)
{
    const struct routine_phase *ph = timeline_step_phase(s->routine, engine_step(engine_of(s)));
    return ph && ph->kind == PHASE_MOVE;
}

bool session_ball_comes_from_at(const struct screens *s, size_t idx,
                                const struct timeline_step **from)
{
    const struct timeline *tl = engine_timeline(engine_of(s));
    if (idx >= tl->n_steps)
        return false;
    const struct timeline_step *st = &tl->steps[idx];
    /* On the other leg the ball is picked up: the picture shows where it goes. */
    if (st->kind == STEP_PHASE || st->kind == STEP_CHANGE_SIDE || idx == 0)
        return false;
    *from = &tl->steps[idx - 1];
    return true;
}

bool session_ball_comes_from(const struct screens *s, const struct timeline_step **from)
{
    /* engine_step_index() stays on the last step once the session is done */
    return session_ball_comes_from_at(s, engine_step_index(engine_of(s)), from);
}

void session_progress_text(const struct screens *s, char *buf, size_t size)
{
    struct engine_progress p;
    engine_progress(engine_of(s), &p);
    const struct timeline_step *st = engine_step(engine_of(s));
    const struct routine_strip *strip = &s->routine->strips[st->strip];
    /* TRANSLATORS: leg ("Left leg"), strip label, then strip and position counts. */
    int n = snprintf(buf, size, _("%s · %s · strip %zu of %zu · position %zu of %zu"),
                     screens_side_label(st->side), strip->label, p.strip + 1, p.n_strips,
                     p.position + 1, p.n_positions);
    if (p.n_passes > 1 && n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, _(" · pass %u of %u"), p.pass + 1, p.n_passes);
}

const char *session_title_text(const struct screens *s, char *buf, size_t size)
{
    const struct timeline_step *st = engine_step(engine_of(s));
    if (session_is_move(s) && st->next_cm >= 0) {
        char *move = position_move_words(s->routine->diagram, st->cm, st->next_cm);
        if (move) {
            snprintf(buf, size, "%s", move);
            free(move);
            return buf;
        }
    }
    return step_title(s->routine, st);
}

/* A transition: "From the outer strip, 31 cm, to the middle strip, 10 cm
 * above the knee crease (...)"; to the other leg, which leg and where. */
static char *transition_text(const struct screens *s, const struct timeline_step *st,
                             const char *to)
{
    char *strip = step_strip_in_sentence(s->routine, st->strip);
    char *out;
    const struct timeline_step *from;
    if (session_ball_comes_from(s, &from)) {
        char *was = step_strip_in_sentence(s->routine, from->strip);
        /* TRANSLATORS: strip and cm the ball comes from, strip and place it goes to. */
        out = xasprintf(_("From the %s, %g cm, to the %s, %s"), was, from->cm, strip, to);
        free(was);
    } else if (st->side == ROUTINE_SIDE_LEFT) {
        /* TRANSLATORS: the strip, then its place ("10 cm above the knee crease (...)"). */
        out = xasprintf(_("To the left leg: the %s, %s"), strip, to);
    } else {
        out = xasprintf(_("To the right leg: the %s, %s"), strip, to);
    }
    free(strip);
    return out;
}

char *session_position_text(const struct screens *s)
{
    const struct timeline_step *st = engine_step(engine_of(s));
    const struct diagram *d = s->routine->diagram;
    bool moving = session_is_move(s) && st->next_cm >= 0;
    char *at = position_words(d, moving ? st->next_cm : st->cm);
    char *out;
    if (st->kind != STEP_PHASE)
        out = transition_text(s, st, at);
    else if (moving)
        /* TRANSLATORS: from cm, to a place ("17 cm above the knee crease (...)"). */
        out = xasprintf(_("From %g cm to %s"), st->cm, at);
    else
        /* TRANSLATORS: a place ("17 cm above the knee crease (about two hands' widths)"). */
        out = xasprintf(_("Ball: %s"), at);
    free(at);
    return out;
}

bool session_next_text(const struct screens *s, char *buf, size_t size)
{
    const struct timeline *tl = engine_timeline(engine_of(s));
    size_t i = engine_step_index(engine_of(s));
    if (i + 1 >= tl->n_steps)
        return false;
    const struct timeline_step *cur = &tl->steps[i], *nx = &tl->steps[i + 1];
    const char *strip = s->routine->strips[nx->strip].label;
    if (nx->side_index != cur->side_index)
        snprintf(buf, size, _("Next: %s, %s"), screens_side_label(nx->side), strip);
    else if (nx->strip != cur->strip || nx->pass != cur->pass)
        snprintf(buf, size, _("Next: %s, from the knee end"), strip);
    else
        snprintf(buf, size, _("Next: %s"), step_title(s->routine, nx));
    return true;
}

void session_window_step(const struct screens *s, uint64_t now, char *buf, size_t size)
{
    const struct engine *e = engine_of(s);
    enum engine_state st = engine_state(e);
    unsigned secs = engine_display_seconds(e, now);
    const char *name = st == ENGINE_LEAD_IN ? _("Get ready") : step_title(s->routine, engine_step(e));
    if (st == ENGINE_PAUSED)
        /* TRANSLATORS: the window title while paused: the step's title. */
        snprintf(buf, size, _("Paused - %s"), name);
    else
        /* TRANSLATORS: the window title: the step's title and its seconds left. */
        snprintf(buf, size, _("%s, %u s"), name, secs);
}
