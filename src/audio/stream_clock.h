/* stream_clock.h - the session clock of a device that is open only around
 * sounds. Pure (no SDL, no clock of its own): the monotonic time is passed
 * in, in ns, so the seams are tested on a fake clock (tests/audio/
 * test_stream_clock.c). Session time is counted in frames of the stream
 * (1/rate s; at 48 kHz a ms is 48 of them, so a cue's ms is an exact frame).
 *
 * The clock runs on the monotonic clock, along a line (a session frame at a
 * monotonic time). A stream starts on its first buffer: its frame 0 is the
 * session's present then (or a little before a sound that a control placed
 * at "now"), and while it plays the clock keeps to its line but is held
 * inside what the stream has mixed: never past its end, never more than two
 * buffers behind it. A real device plays at the rate of the wall, so the
 * line goes through open and close unchanged and no error builds up over a
 * session of many streams; a stalled device holds the clock, and a driver
 * that runs faster (SDL's disk driver, unpaced) drags it along, so minutes of
 * session still take seconds there: when such a stream ends, the line starts
 * again from where it left the clock. No reading is ever below an earlier one. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

struct stream_clock {
    uint32_t rate;
    uint32_t lead;     /* frames of a stream before a sound already due (begin) */
    uint64_t max_back; /* how far back a stream's frame 0 may go for one */
    uint64_t floor;    /* the last reading: none is ever below it */
    /* The clock's line: session frame `line` at monotonic `line_ns`, from
     * where it runs with the wall. A seam changes it only when a stream held
     * or dragged the clock, so rounding never builds up. */
    uint64_t line;
    int64_t line_ns;
    /* the stream, while `streaming` */
    bool streaming;
    uint64_t base;        /* the session frame of stream frame 0 */
    uint64_t mixed;       /* frames mixed into it */
    uint32_t last_frames; /* the last buffer's size */
    uint64_t hidden;      /* frames heard before its frame 0 (begin_at) */
};

/* The clock reads `start` (session frames) at `now_ns`, with no stream.
 * `lead_ms`, `max_back_ms`: see stream_clock_begin. */
void stream_clock_init(struct stream_clock *c, uint32_t rate, uint64_t start, int64_t now_ns,
                       uint32_t lead_ms, uint32_t max_back_ms);

/* The session frame at `now_ns`. `at_mixed`: the caller is about to place
 * sounds at the reading (a control, under the audio lock): it is then never
 * inside what the stream has already mixed, so a sound placed there plays. */
uint64_t stream_clock_read(struct stream_clock *c, int64_t now_ns, bool at_mixed);

/* A stream's first buffer is asked for at `now_ns`. `due`: the session frame
 * of the first sound waiting to play (UINT64_MAX: none). Frame 0 is the
 * present (the line, or the last reading if that is later: a control read
 * the end of what a stream had mixed), unless that sound is due sooner than
 * `lead` from then (a control placed it at "now", or the device opened
 * late): then frame 0 goes back so
 * that the sound starts `lead` into the stream, on its frame (a real server
 * may lose a stream's first frames), and the clock holds until the stream
 * catches up. Never further back than `max_back` from the present: a sound
 * later than that is late. Returns the base. */
uint64_t stream_clock_begin(struct stream_clock *c, int64_t now_ns, uint64_t due);

/* The same, for a stream whose frame 0 is heard only at `start_ns` (>=
 * `now_ns`): the driver played silence of its own before it (SDL writes a
 * buffer of silence for a device it opened paused, if its thread gets there
 * before the unpause). Frame 0 is the line's frame at `start_ns`, and the
 * line goes on unchanged: what was mixed runs that far ahead of the clock.
 * A sound already due starts `lead` after `now_ns`, or at frame 0 if that
 * is later: the wait for frame 0 is lead enough. */
uint64_t stream_clock_begin_at(struct stream_clock *c, int64_t now_ns, int64_t start_ns,
                               uint64_t due);

/* When frame 0 of a stream of `buffer`-frame buffers is heard, its first
 * buffer asked for at `first_ns`, the device opened (SDL_OpenAudioDevice
 * returned) at `opened_ns`. SDL opens a device paused, and its thread, if it
 * gets there before the unpause, gives the device a buffer of silence first
 * (measured on PulseAudio 16, about 1 stream in 8: the thread wrote part of
 * it at once and asked for ours only when the server took the rest, 38 ms
 * later for 4096 frames, 4 ms for 1024). Our frame 0 then follows that
 * silence: it is heard a buffer after the device started, not as soon as it
 * is written (placing it at `first_ns` put every cue of such a stream 47 ms
 * late). Told by the wait: without that buffer the first call comes at once
 * (under a millisecond measured), so a first call later than an eighth of a
 * buffer after the open followed `*hidden` buffers of silence (else 0). */
int64_t stream_clock_heard_from(uint32_t rate, uint32_t buffer, int64_t opened_ns,
                                int64_t first_ns, uint32_t *hidden);

/* What plays was found to be heard `ns` later than the clock had it: the
 * clock waits that long (its line moves later; no reading goes back). */
void stream_clock_wait(struct stream_clock *c, int64_t ns);

/* How late a sound server started a stream of `buffer`-frame buffers, told
 * by when it asked for the stream's second and third buffers (`second_ns`,
 * `third_ns`, each after the first call), against the shortest first-to-second
 * gap seen (`usual_ns`). A server that starts a stream late asks for every
 * buffer after the first that much later; SDL's thread woken late answers
 * one call late and the next on time (the server asks at its own pace). So
 * the lesser of the two delays is the start's: pulse-e2e saw a second call
 * 1.6 ms late in a stream heard on time, and the clock that waited for it
 * put every later cue 1.6 ms late. 0 when not more than 0.5 ms, or not less
 * than a quarter of a buffer (SDL's silence before a stream, a starved
 * thread: other stories). */
int64_t stream_clock_start_late(uint32_t rate, uint32_t buffer, int64_t usual_ns,
                                int64_t second_ns, int64_t third_ns);

/* Each buffer, once mixed: `frames` more of the stream. */
void stream_clock_mixed(struct stream_clock *c, uint32_t frames);

/* The stream ends at `now_ns` (nothing more of it will be heard): the clock
 * goes on from its reading. */
void stream_clock_end(struct stream_clock *c, int64_t now_ns);

/* Monotonic ns to frames, and back (rounded down). */
uint64_t stream_clock_frames(uint32_t rate, int64_t ns);
int64_t stream_clock_ns(uint32_t rate, uint64_t frames);
