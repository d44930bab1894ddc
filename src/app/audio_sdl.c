/* audio_sdl.c - being written */
typedef int smr_placeholder_audio_sdl;
