/* synth.c - the cue sounds. Each is a handful of notes; a note is a sine
 * carrier, optionally frequency-modulated for a bell or wood colour, shaped by
 * a 3 ms raised-cosine attack (sharp enough to time an onset to a sample or
 * two, soft enough not to click), an exponential decay and a raised-cosine
 * release to exact zero at its end. Families are told apart by pitch contour:
 * rising = start / move, falling = release, one long low note = hold, two
 * slow low notes = a change of strip or leg (calm: time to move, not a cue to
 * act at once). */
#include "audio/synth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

struct note {
    double at_s;     /* onset within the sound */
    double freq;     /* carrier, Hz */
    double len_s;    /* to the end of the release */
    double amp;      /* peak, 0-1 of full scale */
    double decay_s;  /* exponential decay time constant; 0: none (flat) */
    double fm_ratio; /* modulator / carrier; 0: plain sine */
    double fm_index; /* modulation index at the onset, falls with the decay */
};

#define ATTACK_S 0.003
#define RELEASE_S 0.020

/* Notes by sound. Peaks stay well under full scale so that overlapping
 * notes and speech do not clip at full volume. */
static const struct note n_phase_start[] = {
    {0.000, 659.26, 0.20, 0.30, 0.12, 2.0, 0.8},
    {0.110, 987.77, 0.26, 0.28, 0.14, 2.0, 0.8},
};
static const struct note n_tick[] = {
    {0.000, 1046.5, 0.07, 0.32, 0.025, 3.5, 1.5},
};
static const struct note n_tick_last[] = {
    {0.000, 1567.98, 0.11, 0.34, 0.040, 3.5, 1.5},
};
static const struct note n_hold_start[] = {
    {0.000, 440.00, 0.45, 0.30, 0.50, 1.0, 0.6},
    {0.000, 880.00, 0.45, 0.08, 0.30, 0.0, 0.0},
};
static const struct note n_release[] = {
    {0.000, 783.99, 0.20, 0.30, 0.12, 1.0, 0.5},
    {0.120, 523.25, 0.32, 0.30, 0.18, 1.0, 0.5},
};
static const struct note n_move[] = {
    {0.000, 523.25, 0.10, 0.28, 0.06, 2.0, 0.6},
    {0.080, 659.26, 0.10, 0.28, 0.06, 2.0, 0.6},
    {0.160, 783.99, 0.24, 0.28, 0.10, 2.0, 0.6},
};
static const struct note n_get_ready[] = {
    {0.000, 880.00, 0.12, 0.30, 0.08, 0.0, 0.0},
    {0.180, 880.00, 0.12, 0.30, 0.08, 0.0, 0.0},
};
static const struct note n_strip_done[] = {
    {0.000, 523.25, 0.50, 0.22, 0.30, 3.5, 1.2},
    {0.090, 659.26, 0.45, 0.22, 0.30, 3.5, 1.2},
    {0.180, 783.99, 0.40, 0.22, 0.30, 3.5, 1.2},
    {0.270, 1046.5, 0.32, 0.22, 0.30, 3.5, 1.2},
};
static const struct note n_session_done[] = {
    {0.000, 523.25, 1.80, 0.18, 0.70, 3.5, 1.5},
    {0.000, 659.26, 1.80, 0.16, 0.70, 3.5, 1.5},
    {0.000, 783.99, 1.80, 0.16, 0.70, 3.5, 1.5},
    {0.350, 1046.5, 1.40, 0.16, 0.60, 3.5, 1.5},
};

static const struct note n_transition[] = {
    {0.000, 293.66, 0.30, 0.30, 0.22, 1.0, 0.3},
    {0.220, 392.00, 0.36, 0.28, 0.26, 1.0, 0.3},
};

struct sound_def {
    const struct note *notes;
    size_t n;
};

#define DEF(a) {a, sizeof a / sizeof a[0]}
static const struct sound_def defs[CUE_SOUND_COUNT] = {
    [CUE_SOUND_NONE] = {NULL, 0},
    [CUE_SOUND_PHASE_START] = DEF(n_phase_start),
    [CUE_SOUND_TICK] = DEF(n_tick),
    [CUE_SOUND_TICK_LAST] = DEF(n_tick_last),
    [CUE_SOUND_HOLD_START] = DEF(n_hold_start),
    [CUE_SOUND_RELEASE] = DEF(n_release),
    [CUE_SOUND_MOVE] = DEF(n_move),
    [CUE_SOUND_GET_READY] = DEF(n_get_ready),
    [CUE_SOUND_STRIP_DONE] = DEF(n_strip_done),
    [CUE_SOUND_SESSION_DONE] = DEF(n_session_done),
    [CUE_SOUND_TRANSITION] = DEF(n_transition),
};

/* Sines come from a table with linear interpolation: its error (under 3e-7
 * of full scale) is a hundred times below one 16-bit step, and it spares two
 * sin() calls per sample, which were most of the start-up cost of rendering. */
enum { SINE_N = 4096 };

static void sine_table_fill(double *tab)
{
    for (int i = 0; i <= SINE_N; i++)
        tab[i] = sin(2 * M_PI * i / SINE_N);
}

/* sin(2 pi x) for x in cycles */
static double table_sin(const double *tab, double x)
{
    x = (x - floor(x)) * SINE_N;
    size_t i = (size_t)x;
    if (i >= SINE_N) /* x just under a whole cycle rounds up */
        i = SINE_N - 1;
    double f = x - (double)i;
    return tab[i] + (tab[i + 1] - tab[i]) * f;
}

/* The attack and release shapes at t s into the note (only near its ends). */
static double edges(const struct note *n, double t)
{
    double e = 1.0;
    if (t < ATTACK_S)
        e *= 0.5 - 0.5 * cos(M_PI * t / ATTACK_S);
    double to_end = n->len_s - t;
    if (to_end < RELEASE_S)
        e *= 0.5 - 0.5 * cos(M_PI * to_end / RELEASE_S);
    return e;
}

static void add_note(float *buf, size_t frames, int rate, const struct note *n, const double *tab)
{
    size_t first = (size_t)llround(n->at_s * rate);
    size_t count = (size_t)llround(n->len_s * rate);
    size_t attack = (size_t)ceil(ATTACK_S * rate) + 1;
    size_t release = count > (size_t)(RELEASE_S * rate) + 2 ? count - (size_t)(RELEASE_S * rate) - 2 : 0;
    /* exp(-t / decay) by one multiplication a sample, phases (in cycles) by one addition */
    double decay = 1.0, step = n->decay_s > 0 ? exp(-1.0 / (n->decay_s * rate)) : 1.0;
    double ph = 0, ph_step = n->freq / rate;
    double ph_mod = 0, ph_mod_step = n->freq * n->fm_ratio / rate;
    double index = n->fm_index / (2 * M_PI);
    for (size_t i = 0; i < count && first + i < frames; i++) {
        double e = decay;
        if (i < attack || i >= release) {
            double t = (double)i / rate;
            if (t >= n->len_s)
                break;
            e *= edges(n, t);
        }
        double mod = 0; /* in cycles */
        if (n->fm_ratio > 0) /* the brightness dies away with the note */
            mod = index * e * table_sin(tab, ph_mod);
        buf[first + i] += (float)(n->amp * e * table_sin(tab, ph + mod));
        decay *= step;
        ph += ph_step;
        ph -= ph >= 1.0 ? 1.0 : 0.0;
        ph_mod += ph_mod_step;
        ph_mod -= ph_mod >= 1.0 ? 1.0 : 0.0;
    }
}

void synth_pcm_init(enum cue_sound s, int rate, struct synth_pcm *out)
{
    memset(out, 0, sizeof *out);
    if ((int)s < 0 || s >= CUE_SOUND_COUNT || !defs[s].n || rate <= 0)
        return;
    const struct sound_def *d = &defs[s];
    double len = 0;
    for (size_t i = 0; i < d->n; i++)
        len = fmax(len, d->notes[i].at_s + d->notes[i].len_s);
    size_t frames = (size_t)ceil(len * rate) + 1;
    float *buf = xcalloc(frames, sizeof *buf);
    double *tab = xmalloc((SINE_N + 1) * sizeof *tab);
    sine_table_fill(tab);
    for (size_t i = 0; i < d->n; i++)
        add_note(buf, frames, rate, &d->notes[i], tab);
    free(tab);
    out->samples = xmalloc(frames * sizeof *out->samples);
    for (size_t i = 0; i < frames; i++) {
        float v = buf[i] * 32767.0f;
        out->samples[i] = (int16_t)(v > 32767.0f ? 32767 : v < -32768.0f ? -32768 : lrintf(v));
    }
    out->frames = frames;
    free(buf);
}

void synth_pcm_finish(struct synth_pcm *p)
{
    if (!p)
        return;
    free(p->samples);
    p->samples = NULL;
    p->frames = 0;
}
