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
    /* what is heard runs `hidden` behind what is mixed */
    uint64_t back = 2 * (uint64_t)c->last_frames;
    back = (back < c->mixed ? back : c->mixed) + c->hidden;
    uint64_t lo = hi > back ? hi - back : 0;
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
    return stream_clock_begin_at(c, now_ns, now_ns, due);
}

uint64_t stream_clock_begin_at(struct stream_clock *c, int64_t now_ns, int64_t start_ns,
                               uint64_t due)
{
    if (start_ns < now_ns)
        start_ns = now_ns;
    /* The present where frame 0 is heard: the line, or a reading past it (a
     * control read the end of what a stream had mixed, and placed its sound
     * there). */
    uint64_t line = on_line(c, start_ns);
    uint64_t now = line > c->floor ? line : c->floor;
    uint64_t base = now;
    /* The lead is from the first call: frame 0 heard later already gives it */
    uint64_t wait = stream_clock_frames(c->rate, start_ns - now_ns);
    uint64_t lead = c->lead > wait ? c->lead - wait : 0;
    if (due != UINT64_MAX && due < now + lead) {
        uint64_t want = due > lead ? due - lead : 0;
        uint64_t limit = now > c->max_back ? now - c->max_back : 0;
        base = want > limit ? want : limit;
    }
    if (base != line) {
        /* the clock waits for the sound: the line starts again from frame 0 */
        c->line = base;
        c->line_ns = start_ns;
    }
    c->streaming = true;
    c->base = base;
    c->mixed = 0;
    c->last_frames = 0;
    c->hidden = wait;
    return base;
}

int64_t stream_clock_heard_from(uint32_t rate, uint32_t buffer, int64_t opened_ns,
                                int64_t first_ns, uint32_t *hidden)
{
    int64_t period = stream_clock_ns(rate, buffer);
    int64_t waited = first_ns - opened_ns;
    *hidden = 0;
    if (waited <= period / 8)
        return first_ns;
    *hidden = (uint32_t)(1 + (waited - period / 8) / period);
    return opened_ns + (int64_t)*hidden * period;
}

void stream_clock_wait(struct stream_clock *c, int64_t ns)
{
    if (ns > 0)
        c->line_ns += ns;
}

int64_t stream_clock_start_late(uint32_t rate, uint32_t buffer, int64_t usual_ns,
                                int64_t second_ns, int64_t third_ns)
{
    if (usual_ns <= 0)
        return 0;
    int64_t by_second = second_ns - usual_ns;
    int64_t by_third = third_ns - stream_clock_ns(rate, buffer) - usual_ns;
    int64_t late = by_second < by_third ? by_second : by_third;
    return late > 500000 && late < stream_clock_ns(rate, buffer) / 4 ? late : 0;
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
