/* stream_clock.c - the session clock across streams (see stream_clock.h for
 * the model and why it has no step at a seam). */
#include "audio/stream_clock.h"

enum { NS = 1000000000 };

uint64_t stream_clock_frames(uint32_t rate, int64_t ns)
{
    if (ns <= 0)
        return 0;
    uint64_t u = (uint64_t)ns;
    return u / NS * rate + u % NS * rate / NS; /* split: no overflow for days */
}

int64_t stream_clock_ns(uint32_t rate, uint64_t frames)
{
    return (int64_t)(frames / rate * NS + frames % rate * NS / rate);
}

void stream_clock_init(struct stream_clock *c, uint32_t rate, uint64_t start, int64_t now_ns,
                       uint32_t lead_ms, uint32_t max_back_ms)
{
    *c = (struct stream_clock){
        .rate = rate,
        .lead = (uint32_t)((uint64_t)lead_ms * rate / 1000),
        .max_back = (uint64_t)max_back_ms * rate / 1000,
        .floor = start,
        .line = start,
        .line_ns = now_ns,
    };
}

static uint64_t on_line(const struct stream_clock *c, int64_t now_ns)
{
    return c->line + stream_clock_frames(c->rate, now_ns - c->line_ns);
}

/* The line, held inside a stream's [two buffers before the end of what is
 * mixed, that end]; the reading before the floor. */
static uint64_t model(const struct stream_clock *c, int64_t now_ns)
{
    uint64_t t = on_line(c, now_ns);
    if (!c->streaming)
        return t;
    uint64_t hi = c->base + c->mixed;
    uint64_t back = 2 * (uint64_t)c->last_frames;
    uint64_t lo = hi - (back < c->mixed ? back : c->mixed);
    return t > hi ? hi : t < lo ? lo : t;
}

uint64_t stream_clock_read(struct stream_clock *c, int64_t now_ns, bool at_mixed)
{
    uint64_t t = model(c, now_ns);
    if (at_mixed && c->streaming && t < c->base + c->mixed)
        t = c->base + c->mixed;
    if (t < c->floor)
        t = c->floor;
    c->floor = t;
    return t;
}

uint64_t stream_clock_begin(struct stream_clock *c, int64_t now_ns, uint64_t due)
{
    /* The present: the line, or a reading past it (a control read the end of
     * what a stream had mixed, and placed its sound there). */
    uint64_t line = on_line(c, now_ns);
    uint64_t now = line > c->floor ? line : c->floor;
    uint64_t base = now;
    if (due != UINT64_MAX && due < now + c->lead) {
        uint64_t want = due > c->lead ? due - c->lead : 0;
        uint64_t limit = now > c->max_back ? now - c->max_back : 0;
        base = want > limit ? want : limit;
    }
    if (base != line) {
        /* the clock waits for the sound: the line starts again from frame 0 */
        c->line = base;
        c->line_ns = now_ns;
    }
    c->streaming = true;
    c->base = base;
    c->mixed = 0;
    c->last_frames = 0;
    return base;
}

void stream_clock_mixed(struct stream_clock *c, uint32_t frames)
{
    c->mixed += frames;
    c->last_frames = frames;
}

void stream_clock_end(struct stream_clock *c, int64_t now_ns)
{
    if (!c->streaming)
        return;
    /* From the model, not the floor: a reading pushed ahead of the sound by a
     * control is held until the wall reaches it, not carried on from. */
    uint64_t t = model(c, now_ns);
    if (t != on_line(c, now_ns)) {
        c->line = t; /* the stream held or dragged the clock: go on from where it was */
        c->line_ns = now_ns;
    }
    c->streaming = false;
}
