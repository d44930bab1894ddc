/* audio_backend.h - private to the audio files: the small table of functions
 * each backend fills in (the SDL_mixer one in audio_sdl.c, the silent one in
 * audio_null.c). The public audio_* calls in audio_null.c dispatch through it,
 * so the app never knows which backend it got. */
#pragma once

#include "audio/audio.h"

struct audio_ops {
    void (*close)(struct audio *a);
    uint64_t (*clock_ms)(struct audio *a);
    void (*prepare)(struct audio *a, const struct routine *r, const struct timeline *t);
    void (*schedule)(struct audio *a, const struct engine *e, uint64_t now);
    void (*clear)(struct audio *a);
    void (*lock)(struct audio *a);
    void (*unlock)(struct audio *a);
};

struct audio {
    const struct audio_ops *ops;
    bool live;
    bool muted; /* read by the mixing thread: changed under lock */
    struct audio_options opt;
    void *impl; /* the backend's own state */
};

/* audio_null.c: the one notice that there is no sound (logged once, whether
 * the driver fails at start-up or the device when the session starts). */
void audio_notice_no_sound(const char *why);

/* audio_sdl.c: the live backend, or NULL (with the reason logged by the caller). */
struct audio *audio_open_sdl(const struct audio_options *opt, char *why, size_t why_size);
