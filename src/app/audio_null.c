/* audio_null.c - being written */
typedef int smr_placeholder_audio_null;
