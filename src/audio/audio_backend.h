/* audio_backend.h - private to the audio files: what a backend is. Each
 * backend file exports one table of functions (audio_pulse_backend in
 * audio_pulse.c, audio_sdl_backend in audio_sdl.c, audio_null_backend in
 * audio_null.c) and nothing else; audio.c
 * lists them, picks one and dispatches the public audio_* calls through it,
 * so the app never knows which it got. A backend never calls up into audio.c:
 * what it cannot do it reports in a return value, and audio.c tells the user. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audio/audio_options.h"
#include "engine/engine.h"
#include "routine/routine.h"

struct audio;

struct audio_backend {
    bool live;        /* plays through a device (audio_is_live) */
    /* The backend's state for `a` (a->opt is filled in), or NULL with `why`
     * saying why it cannot run here. */
    void *(*create)(struct audio *a, char *why, size_t why_size);
    void (*destroy)(struct audio *a); /* its state only: audio.c frees `a` */
    uint64_t (*clock_ms)(struct audio *a);
    void (*prepare)(struct audio *a, const struct routine *r, const struct timeline *t);
    /* False, with `why`, when the device would not open after all (the live
     * one opens it around sounds, and once at create): the backend is silent
     * from then on and is not asked to schedule again. */
    bool (*schedule)(struct audio *a, const struct engine *e, uint64_t now, char *why,
                     size_t why_size);
    void (*clear)(struct audio *a);
    void (*lock)(struct audio *a);
    void (*unlock)(struct audio *a);
};

struct audio {
    const struct audio_backend *backend;
    struct audio_options opt;
    bool failed; /* its device would not open: silent from then on */
    bool muted;  /* read by the mixing thread: changed under lock */
    void *impl;  /* the backend's own state */
};

extern const struct audio_backend audio_pulse_backend; /* when built with libpulse */
extern const struct audio_backend audio_sdl_backend;
extern const struct audio_backend audio_null_backend;
