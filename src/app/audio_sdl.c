/* audio_sdl.c - the SDL_mixer backend (being written). Until it lands,
 * audio_open() falls back to the silent backend. */
#include <SDL.h>
#include <stdio.h>

#include "audio_backend.h"

struct audio *audio_open_sdl(const struct audio_options *opt, char *why, size_t why_size)
{
    (void)opt;
    snprintf(why, why_size, "%s", "the sound backend is not built yet");
    return NULL;
}
