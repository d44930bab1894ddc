/* speak.c - a test tool: says one phrase through src/audio/speech.c, the
 * module the app speaks with, and writes it as a WAV file, so a test can
 * hear what the program would say (tests/i18n/i18n.py speech).
 *
 *   speak LANGUAGE OUT.wav TEXT
 *
 * LANGUAGE is a routine's language tag ("de", "fr-CA"). Writes 16-bit mono
 * PCM at 22050 Hz. Exit 0; 1 when nothing was said (no speech built in, or
 * espeak-ng failed); 2 on misuse. */
#include <SDL.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "audio/speech.h"

enum { RATE = 22050 };

static void put_le(FILE *f, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        fputc((int)((v >> (8 * i)) & 0xff), f);
}

static int write_wav(const char *path, const int16_t *pcm, size_t frames)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return 1;
    uint32_t data = (uint32_t)(frames * 2);
    fputs("RIFF", f);
    put_le(f, 36 + data, 4);
    fputs("WAVEfmt ", f);
    put_le(f, 16, 4);
    put_le(f, 1, 2); /* PCM */
    put_le(f, 1, 2); /* mono */
    put_le(f, RATE, 4);
    put_le(f, RATE * 2, 4);
    put_le(f, 2, 2);
    put_le(f, 16, 2);
    fputs("data", f);
    put_le(f, data, 4);
    for (size_t i = 0; i < frames; i++)
        put_le(f, (uint16_t)pcm[i], 2);
    return fclose(f) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: speak LANGUAGE OUT.wav TEXT\n");
        return 2;
    }
    if (!speech_available()) {
        fprintf(stderr, "speak: built without speech\n");
        return 1;
    }
    char *phrases[] = {argv[3]};
    struct speech *s = speech_create(argv[1], phrases, 1, RATE);
    speech_wait(s);
    size_t frames = 0;
    int status = 1;
    if (s && speech_length(s, 0, &frames) && frames > 0) {
        int16_t *pcm = malloc(frames * sizeof *pcm);
        if (pcm) {
            speech_render(s, 0, 0, frames, pcm);
            status = write_wav(argv[2], pcm, frames);
        }
        free(pcm);
    } else {
        fprintf(stderr, "speak: nothing was said\n");
    }
    speech_destroy(s);
    return status;
}
