/* mix.c - the schedule, the tones and the voice as samples (see mix.h).
 * A buffer is mixed span by span between the frames where something changes
 * (a cue starts, a phrase starts, ends or begins to fade), each source added
 * over its whole span, so the cost is per sound and per change, not per
 * sample and per voice slot; an idle buffer is one memset. */
#include "audio/mix.h"

#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/util.h"

enum {
    SAY_WAIT_MS = 1000,   /* an instruction waits this long for the voice to be free */
    SAY_FADE_MS = 15,     /* then the phrase still speaking fades out */
    SAY_OVERRUN_MS = 300, /* an optional phrase may end this far into the next phase */
};

static uint64_t ms_frames(const struct mix *m, uint64_t ms)
{
    return ms * m->rate / 1000;
}

static int gain_for(int volume)
{
    volume = volume < 0 ? 0 : volume > 100 ? 100 : volume;
    /* squared: the steps sound even to the ear */
    return (int)((int64_t)volume * volume * 32768 / 10000);
}

void mix_init(struct mix *m, uint32_t rate, const struct synth_pcm *sounds, int volume)
{
    memset(m, 0, offsetof(struct mix, acc));
    m->rate = rate;
    m->sounds = sounds;
    m->gain_q15 = gain_for(volume);
}

void mix_finish(struct mix *m)
{
    free(m->pend);
    m->pend = NULL;
    m->n_pend = m->next = 0;
}

void mix_set_voice(struct mix *m, const struct mix_voice *voice)
{
    m->voice = voice ? *voice : (struct mix_voice){0};
    m->n_says = 0;
    m->speaking = false;
}

void mix_mark(const struct mix *m, struct mix_mark *mark)
{
    memcpy(mark->state, m, sizeof mark->state);
}

void mix_rewind(struct mix *m, const struct mix_mark *mark)
{
    memcpy(m, mark->state, sizeof mark->state);
}

static void hush(struct mix *m)
{
    m->n_says = 0;
    if (m->speaking && !m->sp_fade)
        m->sp_fade_len = m->sp_fade = (uint32_t)ms_frames(m, SAY_FADE_MS);
}

static bool was_started(const struct mix *m, const struct cue *c)
{
    size_t n = m->n_started < MIX_STARTED ? m->n_started : MIX_STARTED;
    for (size_t i = 0; i < n; i++)
        if (cue_same_event(&m->started[i], &c->event))
            return true;
    return false;
}

void mix_schedule(struct mix *m, const struct cue *cues, size_t n)
{
    hush(m);
    struct mix_pending *pend = xmalloc((n ? n : 1) * sizeof *pend);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!was_started(m, &cues[i]) && /* playing or played: never twice */
            (m->voice.length || m->sounds[cues[i].sound].frames)) /* words without a voice: nothing */
            pend[kept++] = (struct mix_pending){ms_frames(m, cues[i].time_ms),
                                                ms_frames(m, cues[i].end_ms), cues[i]};
    free(m->pend);
    m->pend = pend;
    m->n_pend = kept;
    m->next = 0;
}

void mix_clear(struct mix *m)
{
    m->n_pend = m->next = 0;
    hush(m);
}

static void push_say(struct mix *m, const struct mix_say *say)
{
    if (m->n_says < MIX_SAYS)
        m->says[m->n_says++] = *say;
}

static void pop_say(struct mix *m)
{
    memmove(m->says, m->says + 1, (m->n_says - 1) * sizeof *m->says);
    m->n_says--;
}

/* The cue's tone from frame f, and its phrases queued right after it. */
static void start_cue(struct mix *m, const struct mix_pending *p, uint64_t f)
{
    const struct cue *c = &p->cue;
    m->started[m->n_started++ % MIX_STARTED] = c->event;
    const struct synth_pcm *snd = &m->sounds[c->sound];
    if (snd->frames) {
        size_t slot = 0, oldest = 0;
        for (slot = 0; slot < MIX_TONES && m->tones[slot].pcm; slot++)
            if (m->tones[slot].pos > m->tones[oldest].pos)
                oldest = slot;
        if (slot == MIX_TONES)
            slot = oldest; /* never happens with real routines; the oldest is nearly done */
        m->tones[slot] = (struct mix_tone){snd->samples, snd->frames, 0};
    }
    uint64_t due = f + snd->frames;
    uint64_t latest = due + ms_frames(m, SAY_WAIT_MS + SAY_FADE_MS + 5);
    if (c->next_phrase != CUE_NO_PHRASE)
        push_say(m, &(struct mix_say){due, latest, 0, c->next_phrase});
    if (c->phrase != CUE_NO_PHRASE) {
        uint64_t must_end = c->next_phrase != CUE_NO_PHRASE
                                ? p->end + ms_frames(m, SAY_OVERRUN_MS) : 0;
        push_say(m, &(struct mix_say){due, must_end ? must_end : latest, must_end, c->phrase});
    }
}

/* Every cue due by frame f starts (a late one at f); one later than
 * CUE_LATE_MS is dropped. */
static void start_due(struct mix *m, uint64_t f)
{
    uint64_t late_max = ms_frames(m, CUE_LATE_MS);
    while (m->next < m->n_pend && m->pend[m->next].at <= f) {
        const struct mix_pending *p = &m->pend[m->next++];
        if (f - p->at > late_max)
            m->dropped++;
        else
            start_cue(m, p, f);
    }
}

/* At frame f: the next phrase starts when the voice is free, or the one
 * speaking fades out when a newer instruction has waited long enough. */
static void run_voice(struct mix *m, uint64_t f)
{
    if (m->speaking) {
        if (!m->sp_fade && m->n_says && !m->says[0].must_end &&
            f >= m->says[0].due + ms_frames(m, SAY_WAIT_MS))
            m->sp_fade_len = m->sp_fade = (uint32_t)ms_frames(m, SAY_FADE_MS);
        return;
    }
    while (m->n_says && m->says[0].due <= f) {
        struct mix_say say = m->says[0];
        pop_say(m);
        size_t frames;
        if (!m->voice.length || !m->voice.length(m->voice.user, say.phrase, &frames))
            continue; /* not ready when due: skipped */
        if (f > say.latest || (say.must_end && f + frames > say.must_end))
            continue; /* too late, or would not fit in its phase */
        m->speaking = true;
        m->sp_phrase = say.phrase;
        m->sp_frames = frames;
        m->sp_pos = 0;
        m->sp_fade = 0;
        return;
    }
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

/* The first frame after f, before end, where run_voice or start_due has
 * something to do; the voice's own end counts, since a phrase may follow. */
static uint64_t next_change(const struct mix *m, uint64_t f, uint64_t end)
{
    uint64_t e = end;
    if (m->next < m->n_pend)
        e = min_u64(e, m->pend[m->next].at);
    if (!m->speaking) {
        if (m->n_says)
            e = min_u64(e, m->says[0].due);
    } else {
        size_t left = m->sp_frames - m->sp_pos;
        if (m->sp_fade && m->sp_fade < left)
            left = m->sp_fade;
        e = min_u64(e, f + left);
        if (!m->sp_fade && m->n_says && !m->says[0].must_end)
            e = min_u64(e, m->says[0].due + ms_frames(m, SAY_WAIT_MS));
    }
    return e > f ? e : f + 1;
}

/* The tones and the voice added into acc[0, n). */
static void add_span(struct mix *m, int32_t *acc, size_t n)
{
    for (size_t i = 0; i < MIX_TONES; i++) {
        struct mix_tone *t = &m->tones[i];
        if (!t->pcm)
            continue;
        size_t k = t->frames - t->pos < n ? t->frames - t->pos : n;
        const int16_t *src = t->pcm + t->pos;
        for (size_t j = 0; j < k; j++)
            acc[j] += src[j];
        t->pos += k;
        if (t->pos >= t->frames)
            t->pcm = NULL;
    }
    if (!m->speaking)
        return;
    size_t k = m->sp_frames - m->sp_pos < n ? m->sp_frames - m->sp_pos : n;
    const int16_t *src = m->voice_buf;
    m->voice.render(m->voice.user, m->sp_phrase, m->sp_pos, k, m->voice_buf);
    if (!m->sp_fade) {
        for (size_t j = 0; j < k; j++)
            acc[j] += src[j];
        m->sp_pos += k;
    } else {
        for (size_t j = 0; j < k && m->sp_fade; j++) {
            acc[j] += (int32_t)((int64_t)src[j] * m->sp_fade / m->sp_fade_len);
            m->sp_pos++;
            if (--m->sp_fade == 0)
                m->sp_pos = m->sp_frames;
        }
    }
    if (m->sp_pos >= m->sp_frames)
        m->speaking = false;
}

static bool tones_sounding(const struct mix *m)
{
    for (size_t i = 0; i < MIX_TONES; i++)
        if (m->tones[i].pcm)
            return true;
    return false;
}

bool mix_busy(const struct mix *m)
{
    return m->speaking || tones_sounding(m);
}

uint64_t mix_next_at(const struct mix *m)
{
    uint64_t e = m->next < m->n_pend ? m->pend[m->next].at : UINT64_MAX;
    /* without a voice a phrase is no sound: no stream opens for it */
    return m->n_says && m->voice.length ? min_u64(e, m->says[0].due) : e;
}

bool mix_render(struct mix *m, uint64_t start, int16_t *out, size_t n, bool muted)
{
    uint64_t end = start + n;
    if (!mix_busy(m) && mix_next_at(m) >= end) {
        memset(out, 0, n * sizeof *out); /* the quiet common case */
        return false;
    }
    int32_t *acc = m->acc;
    memset(acc, 0, n * sizeof *acc);
    bool sounded = false;
    for (uint64_t f = start; f < end;) {
        start_due(m, f);
        run_voice(m, f);
        uint64_t e = next_change(m, f, end);
        sounded |= mix_busy(m);
        add_span(m, acc + (f - start), (size_t)(e - f));
        f = e;
    }
    if (muted || !sounded) {
        memset(out, 0, n * sizeof *out);
        return false;
    }
    mix_gain(acc, out, n, m->gain_q15);
    return true;
}

static int16_t gained(int32_t a, int32_t gain)
{
    int32_t v = (int32_t)(((int64_t)a * gain) >> 15);
    return (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
}

void mix_gain(const int32_t *acc, int16_t *out, size_t n, int32_t gain_q15)
{
    size_t i = 0;
#if defined(__SSE2__)
    /* Eight frames at a time, exactly the scalar's result: with a = hi * 2^15
     * + lo (lo = a & 0x7fff, hi = a >> 15, both 16-bit here), (a * g) >> 15 is
     * hi * g + ((lo * g) >> 15), each product whole from 16-bit multiplies;
     * the saturating pack is the clamp. Where |a| >= 2^30, hi saturates too,
     * and so does the result, as the scalar's (gain 1-32767). */
    if (gain_q15 >= 32768) {
        for (; i + 8 <= n; i += 8) {
            __m128i a0 = _mm_loadu_si128((const __m128i *)(acc + i));
            __m128i a1 = _mm_loadu_si128((const __m128i *)(acc + i + 4));
            _mm_storeu_si128((__m128i *)(out + i), _mm_packs_epi32(a0, a1));
        }
    } else if (gain_q15 > 0) {
        const __m128i g = _mm_set1_epi16((short)gain_q15), low = _mm_set1_epi32(0x7fff);
        for (; i + 8 <= n; i += 8) {
            __m128i a0 = _mm_loadu_si128((const __m128i *)(acc + i));
            __m128i a1 = _mm_loadu_si128((const __m128i *)(acc + i + 4));
            __m128i hi = _mm_packs_epi32(_mm_srai_epi32(a0, 15), _mm_srai_epi32(a1, 15));
            __m128i lo = _mm_packs_epi32(_mm_and_si128(a0, low), _mm_and_si128(a1, low));
            __m128i hl = _mm_mullo_epi16(hi, g), hh = _mm_mulhi_epi16(hi, g);
            __m128i ll = _mm_mullo_epi16(lo, g), lh = _mm_mulhi_epi16(lo, g);
            __m128i v0 = _mm_add_epi32(_mm_unpacklo_epi16(hl, hh),
                                       _mm_srai_epi32(_mm_unpacklo_epi16(ll, lh), 15));
            __m128i v1 = _mm_add_epi32(_mm_unpackhi_epi16(hl, hh),
                                       _mm_srai_epi32(_mm_unpackhi_epi16(ll, lh), 15));
            _mm_storeu_si128((__m128i *)(out + i), _mm_packs_epi32(v0, v1));
        }
    }
#endif
    for (; i < n; i++)
        out[i] = gained(acc[i], gain_q15);
}
