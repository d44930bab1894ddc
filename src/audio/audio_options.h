/* audio_options.h - what audio_create() (audio.h) is given. A header of its
 * own so that the backends' private header (audio_backend.h), which keeps a
 * copy, need not include the public interface: audio.c implements that and
 * includes the private one, and tests/arch.py allows no include circle. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

struct audio_options {
    int volume; /* 0-100, for the whole life of the object */
    bool mute;
    bool voice;            /* spoken instructions where speech is built in */
    bool repeat_instructions; /* in full at every position (cue_phrases.every_time) */
    const char *language;  /* the routine's language tag, picks the voice */
    const char *backend;   /* "pulse", "sdl", "null"; NULL: SMR_AUDIO, else the default (audio.h) */
    /* The null backend's clock (tests pass a fake one); NULL: the monotonic clock. */
    uint64_t (*clock_ms)(void *user);
    void *clock_user;
};
