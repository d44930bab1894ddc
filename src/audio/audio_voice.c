/* audio_voice.c - a session's phrases and its voice (see audio_voice.h). */
#include "audio/audio_voice.h"

#include <string.h>

#include "audio/speech.h"

void audio_voice_build(struct audio_voice *v, const struct audio_options *opt,
                       const struct routine *r, const struct timeline *t, int rate)
{
    memset(v, 0, sizeof *v);
    v->have_phrases = cue_phrases_init(r, t, opt->repeat_instructions, &v->phrases);
    if (v->have_phrases && opt->voice && speech_available())
        v->speech = speech_create(opt->language ? opt->language : r->language, v->phrases.text,
                                  v->phrases.n, rate);
}

void audio_voice_finish(struct audio_voice *v)
{
    speech_destroy(v->speech);
    cue_phrases_finish(&v->phrases);
    memset(v, 0, sizeof *v);
}

static bool phrase_length(void *user, int i, size_t *frames)
{
    return speech_length(user, i, frames);
}

static void phrase_render(void *user, int i, size_t from, size_t n, int16_t *out)
{
    speech_render(user, i, from, n, out);
}

void audio_voice_replace(struct audio *a, struct audio_voice *slot, struct mix *mix,
                         const struct routine *r, const struct timeline *t, int rate)
{
    a->backend->lock(a);
    struct audio_voice old = *slot;
    *slot = (struct audio_voice){0};
    mix_set_voice(mix, NULL);
    a->backend->unlock(a);
    audio_voice_finish(&old);

    struct audio_voice v;
    audio_voice_build(&v, &a->opt, r, t, rate);
    a->backend->lock(a);
    *slot = v;
    mix_set_voice(mix, v.speech ? &(struct mix_voice){phrase_length, phrase_render, v.speech}
                                : NULL);
    a->backend->unlock(a);
}

bool audio_voice_ready(const struct audio_voice *v)
{
    return speech_done(v->speech);
}

size_t audio_voice_cues(const struct audio_voice *v, const struct engine *e, uint64_t now,
                        struct cue **cues)
{
    return cues_from_prediction(e, now, v->have_phrases ? &v->phrases : NULL, cues);
}
