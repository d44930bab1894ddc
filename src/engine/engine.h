/* engine.h - the session engine: the only module that knows what happens when.
 * It plays a routine's timeline (routine/timeline.h) against a clock that is
 * passed in (monotonic ms): tests use a fake clock, the app the audio stream's
 * clock. Phase boundaries come from the absolute schedule (start +
 * planned durations + time paused), never from summed frame deltas.
 * No SDL, no I/O. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "routine/routine.h"
#include "routine/timeline.h"

enum engine_event_type {
    ENGINE_EV_LEAD_IN,       /* a get-ready countdown began; value: its whole seconds */
    ENGINE_EV_PHASE_START,
    ENGINE_EV_TICK,          /* value: whole seconds left (3, 2, 1); lead_in set in a lead-in */
    ENGINE_EV_PHASE_END,
    ENGINE_EV_POSITION_DONE,
    ENGINE_EV_STRIP_DONE,    /* one pass of a strip */
    ENGINE_EV_SIDE_DONE,
    ENGINE_EV_SESSION_DONE,
};

/* "lead_in", "phase_start", "tick", "phase_end", "position_done", "strip_done",
 * "side_done", "session_done": stable names for transcripts and plan --json. */
const char *engine_event_type_name(enum engine_event_type t);

/* Order at one instant: LEAD_IN, its ticks, then per step PHASE_START, TICKs,
 * PHASE_END, POSITION_DONE, STRIP_DONE, SIDE_DONE, SESSION_DONE. Countdown
 * seconds are routine seconds (at 20x a tick comes every 50 ms). value: LEAD_IN
 * and TICK as above, PHASE_START the step's whole seconds, 0 otherwise.
 *
 * A transition step (a change of strip or leg, routine/timeline.h) plays as
 * a phase does: PHASE_START, its ticks, PHASE_END, and every control acts on
 * it as on a phase. It is no ball position of its own: it belongs to the
 * position it leads to, so POSITION_DONE, STRIP_DONE and SIDE_DONE still
 * close the last phase before it, and progress counts positions only.
 *
 * Every operation first delivers what is due by `now`. What it then sets off
 * at `now` (a LEAD_IN and its first tick, a PHASE_START) is left for the next
 * engine_update(), so engine_predict(now) right after an operation includes
 * it and sound for it can be placed like any other.
 *
 * skip, back, restart and jump end the current step at `now` and queue at
 * once its PHASE_END (if it had started) with skipped set. skip also queues
 * the step's POSITION/STRIP/SIDE/SESSION_DONE (skipped);
 * back, restart and jump add POSITION_DONE (skipped) when they leave the
 * position. The target step then starts at `now` (running), stays put at its
 * start (paused; resume plays it after a lead-in) or is led into by the
 * lead-in under way. skip during a lead-in ends the lead-in instead. */
struct engine_event {
    enum engine_event_type type;
    uint64_t time_ms; /* when it was scheduled, on the caller's clock */
    size_t step;      /* the timeline step it belongs to */
    int value;
    bool lead_in;
    bool skipped;     /* PHASE_END / POSITION_DONE brought about by skip, back or a jump */
};

enum engine_state {
    ENGINE_IDLE,    /* created, not started */
    ENGINE_LEAD_IN, /* get-ready countdown (at the start and after every resume) */
    ENGINE_RUNNING,
    ENGINE_PAUSED,
    ENGINE_DONE,
    ENGINE_STOPPED,
};

struct engine_options {
    double speed;            /* 1.0 for real sessions */
    uint32_t lead_in_ms;     /* unscaled; 3000 by default, 0 for none */
    uint32_t back_grace_ms;  /* back within this of a position's start goes to the previous one (unscaled, 3000) */
    uint32_t tick_late_ms;   /* countdown ticks later than this are dropped (150; real ms, not scaled) */
};

void engine_default_options(struct engine_options *o);

/* r must outlive the engine. NULL options: defaults. */
struct engine *engine_create(const struct routine *r, const struct engine_options *opt);
void engine_destroy(struct engine *e); /* NULL is fine */
const struct timeline *engine_timeline(const struct engine *e);
const struct routine *engine_routine(const struct engine *e);

void engine_start(struct engine *e, uint64_t now);
void engine_pause(struct engine *e, uint64_t now);
void engine_resume(struct engine *e, uint64_t now); /* starts a lead-in, then goes on */
void engine_skip(struct engine *e, uint64_t now);   /* to the next step (phase or transition) */
void engine_back(struct engine *e, uint64_t now);
void engine_restart_strip(struct engine *e, uint64_t now);
void engine_jump_strip(struct engine *e, size_t strip, uint64_t now); /* on the current side */
void engine_stop(struct engine *e, uint64_t now);

/* Advances to `now`, queueing every event scheduled at or before it, in order,
 * each once. Late countdown ticks (> tick_late_ms) are dropped, state events never. */
void engine_update(struct engine *e, uint64_t now);
bool engine_poll_event(struct engine *e, struct engine_event *ev);

/* The events that will happen after `now` if nobody touches the controls, in
 * order, until fn returns false; for placing sound ahead in the audio stream. */
typedef bool (*engine_predict_fn)(const struct engine_event *ev, void *user);
void engine_predict(const struct engine *e, uint64_t now, engine_predict_fn fn, void *user);

/* The next absolute time at which something changes: an event, or the
 * countdown's displayed whole second. UINT64_MAX when nothing will (idle,
 * paused, done). The front end sleeps until then or until input. */
uint64_t engine_next_deadline(const struct engine *e, uint64_t now);
/* The whole seconds the big countdown shows now (the lead-in's during a
 * lead-in, else the phase's), in routine seconds: ceil(remaining / 1000) at
 * speed 1. engine_next_deadline() includes each change of this number. */
unsigned engine_display_seconds(const struct engine *e, uint64_t now);

enum engine_state engine_state(const struct engine *e);
size_t engine_step_index(const struct engine *e);
const struct timeline_step *engine_step(const struct engine *e);
uint32_t engine_phase_remaining_ms(const struct engine *e, uint64_t now);
uint32_t engine_lead_in_remaining_ms(const struct engine *e, uint64_t now);
/* The seconds a lead-in counts down from (3 by default, 0 for none). */
unsigned engine_lead_in_seconds(const struct engine *e);
uint64_t engine_elapsed_ms(const struct engine *e, uint64_t now);   /* session time played (the position on the timeline: a skip moves it on) */
uint64_t engine_remaining_ms(const struct engine *e, uint64_t now); /* planned time left */

struct engine_progress {
    size_t side, n_sides;         /* 0-based index, count */
    size_t strip, n_strips;
    unsigned pass, n_passes;
    size_t position, n_positions; /* within the current strip */
    size_t phase, n_phases;       /* phase: TIMELINE_NO_PHASE during a transition */
};
void engine_progress(const struct engine *e, struct engine_progress *p);
