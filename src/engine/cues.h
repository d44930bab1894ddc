/* cues.h - what the user hears for each engine event: which synthesized sound
 * and which spoken phrase, and the whole schedule of cues the engine predicts.
 * Pure (no SDL, no I/O) so that the mapping, the merging and the texts are
 * unit-tested without a sound card; every audio backend (src/audio/) places
 * exactly these cues, the live one as samples in its stream. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/engine.h"
#include "routine/routine.h"

/* The distinct sounds; synthesized at start-up by src/audio/synth.c. */
enum cue_sound {
    CUE_SOUND_NONE,
    CUE_SOUND_PHASE_START,  /* place / stretch: a new phase begins */
    CUE_SOUND_TICK,         /* countdown 3, 2 */
    CUE_SOUND_TICK_LAST,    /* countdown 1: higher */
    CUE_SOUND_HOLD_START,
    CUE_SOUND_RELEASE,      /* relax */
    CUE_SOUND_MOVE,         /* move the ball */
    CUE_SOUND_GET_READY,    /* a lead-in begins */
    CUE_SOUND_STRIP_DONE,   /* one pass of a strip, or a side */
    CUE_SOUND_SESSION_DONE,
    CUE_SOUND_TRANSITION,   /* change strip or leg: calm, two notes */
    CUE_SOUND_COUNT,
};

/* "phase-start", "tick", ... (stable names for logs, tests and the analyser). */
const char *cue_sound_name(enum cue_sound s);
/* When two events fall on the same instant only one sound plays: the one with
 * the higher priority (strip done over the next phase's start, a transition
 * over the strip done it follows, ...). */
int cue_sound_priority(enum cue_sound s);

#define CUE_NO_PHRASE (-1)

/* One engine event as heard. Times are on the caller's clock (the event's). */
struct cue {
    enum cue_sound sound;    /* CUE_SOUND_NONE: no tone */
    uint64_t time_ms;        /* when the sound starts */
    size_t step;             /* the timeline step of the event */
    int phrase;              /* spoken right after the tone, or CUE_NO_PHRASE */
    int next_phrase;         /* a next-up announcement, or CUE_NO_PHRASE */
    uint64_t end_ms;         /* the phase's planned end: next_phrase must finish before it */
    struct engine_event event; /* the event it sounds (merged: the louder one's) */
};

/* A cue placed later than this after its time is dropped (a backend plays one
 * less late at once). */
enum { CUE_LATE_MS = 150 };

/* Whether two events are one (what makes a cue the same cue in two schedules:
 * a backend that is given a new one never plays a cue twice). */
bool cue_same_event(const struct engine_event *a, const struct engine_event *b);

/* Every distinct phrase a session may speak, built once per routine so that
 * speech can be synthesized ahead of time.
 *
 * A phase's instruction is spoken in full at the first ball position of each
 * strip and at the first phase a prediction holds (the start, and whatever a
 * control led to: a resume, a skip, a jump); at the strip's other positions
 * only its title ("Hold."): the 24 positions of a routine would otherwise say
 * each sentence 24 times. The screen shows it in full every time.
 * `every_time` speaks it in full at every position (--repeat-instructions). */
struct cue_phrases {
    char **text;        /* distinct phrases, in first-use order */
    size_t n;
    int *instruction;   /* per routine phase: its instruction's index, or CUE_NO_PHRASE */
    int *title;         /* per routine phase: its title's ("Hold."), or its instruction's */
    bool every_time;    /* the instruction in full at every position */
    size_t n_phases;
    int *next_up;       /* per timeline step: the announcement made while it runs, or CUE_NO_PHRASE */
    int *transition;    /* per timeline step: a transition's spoken line, or CUE_NO_PHRASE */
    size_t n_steps;
};

bool cue_phrases_init(const struct routine *r, const struct timeline *t, bool every_time,
                      struct cue_phrases *out);
void cue_phrases_finish(struct cue_phrases *p); /* NULL and zeroed are fine */

/* The announcement made while step `step` runs when it is the last phase at its
 * ball position ("Next: move the ball 7 centimetres toward the hip", "Next: the
 * middle strip", "Next: the right leg"); NULL when there is none (not the last
 * phase at its position, or the end of the session). Caller frees. */
char *cue_next_up_text(const struct routine *r, const struct timeline *t, size_t step);

/* Maps one engine event to what is heard. Returns false when the event is
 * silent (phase end, position done...). `p` may be NULL: no phrases. */
bool cue_from_event(const struct routine *r, const struct timeline *t, const struct cue_phrases *p,
                    const struct engine_event *ev, struct cue *out);

/* Every cue the engine predicts from `now` (engine_predict), in time order.
 * Events on one instant become one cue: the sound of the higher priority,
 * with every phrase of them (an instruction and a next-up). `p` NULL, or
 * built for another timeline: no phrases. Returns the count and sets *out to
 * an array the caller frees (NULL when there is none). */
size_t cues_from_prediction(const struct engine *e, uint64_t now, const struct cue_phrases *p,
                            struct cue **out);
