#!/usr/bin/env python3
"""analyse.py - checks where the cues landed in a recorded audio stream.

Reads the raw output of SDL's disk driver (signed 16-bit little-endian,
interleaved; or a .wav file), finds the onsets of sounds by a rise in
energy after quiet, and matches them with the cues a session schedules,
as printed by `smr-timer plan --json` (or tests/audio/audio_render --expect):
{"cues": [{"t_ms", "type", "step", "value"}, ...]}. The recording has no
time zero of its own, so the first onset is aligned on the first cue; every
other cue's error is its onset's distance from where it was scheduled.

The app opens its device only around sounds, so the disk driver's output is
a series of streams with silences between them that are in no file. Each
stream's frames are mapped to session time by what the app logged when it
closed it ("audio: stream N closed: B-frame buffers, frame 0 at session
frame F, G frames, first sound at frame S", at SMR_LOG=info): with --log,
each stream is found in the file by its first sound, and a frame's time is
the session time of its stream's frame 0 plus its place in that stream
(DiskRecorder below records the streams through a FIFO, since the driver
truncates its file at every open).
Without --log the file is one stream from the first onset.

    analyse.py RECORDING --plan PLAN.json [--log APP.LOG] [--rate 48000]
               [--channels 2] [--json] [--max-error-ms 1] [--tolerance-ms 300]
    analyse.py RECORDING --energy [--rate ...]   (RMS per second)
    analyse.py RECORDING --speech TONES_ONLY --plan PLAN.json
               (speech check: the same session recorded with and without the
               voice, aligned on their first onsets and subtracted, leaves the
               voice alone; each phase start is listed with when speech began)

Exit status: 0 when every expected cue inside the recording was found (and,
with --max-error-ms, each within it), 1 otherwise, 2 on misuse.
Python 3 standard library only.
"""

import argparse
import json
import math
import os
import re
import statistics
import sys
import threading
import wave
from array import array

# Engine event types that make a sound (see src/engine/cues.c); events on
# the same instant make one sound.
SOUNDING = {"lead_in", "tick", "phase_start", "strip_done", "side_done", "session_done"}

BLOCK_MS = 1          # energy is measured per millisecond
QUIET_MS = 30         # an onset needs this much quiet before it
RISE = 1000.0         # energy rise over the quiet before it (30 dB)
MIN_RMS = 150.0       # and at least this loudness (of 32767)
REFRACTORY_MS = 250   # the later notes of one sound are not new onsets


def read_mono(path, rate, channels):
    """The first channel as an array of ints, and the sample rate."""
    if path.endswith(".wav"):
        with wave.open(path, "rb") as w:
            if w.getsampwidth() != 2:
                raise SystemExit("analyse.py: only 16-bit WAV files")
            rate, channels = w.getframerate(), w.getnchannels()
            data = w.readframes(w.getnframes())
    else:
        with open(path, "rb") as f:
            data = f.read()
    samples = array("h")
    samples.frombytes(data[: len(data) - len(data) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples[0::channels] if channels > 1 else samples, rate


def block_energy(x, bs):
    """Mean square per block; exact digital silence is skipped quickly."""
    n = len(x) // bs
    zero = array("h", [0]) * bs
    out = [0.0] * n
    for b in range(n):
        blk = x[b * bs:(b + 1) * bs]
        if blk != zero:
            out[b] = sum(v * v for v in blk) / bs
    return out


def onsets(x, rate):
    """Sample indices where a sound starts after quiet."""
    bs = rate * BLOCK_MS // 1000
    e = block_energy(x, bs)
    quiet = QUIET_MS // BLOCK_MS
    found = []
    last = -10**9
    run = 0.0  # sum of energy over the `quiet` blocks before b
    for b in range(len(e)):
        if b >= quiet + 1:
            run += e[b - 1] - e[b - 1 - quiet]
        elif b >= 1:
            run += e[b - 1]
        bg = max(run, 0.0) / quiet
        if e[b] < MIN_RMS * MIN_RMS or e[b] < bg * RISE:
            continue
        if (b - last) * BLOCK_MS < REFRACTORY_MS:
            continue
        last = b
        found.append(refine(x, b, bs, quiet))
    return found


def refine(x, b, bs, quiet):
    """The first sample that stands above the quiet before the block that
    crossed the threshold: a few blocks back, as a soft attack starts low."""
    lo = max(0, (b - 4) * bs)
    bg_lo = max(0, lo - quiet * bs)
    floor = max([abs(v) for v in x[bg_lo:lo]] or [0])
    floor = max(2, 4 * floor)
    for i in range(lo, min(len(x), (b + 1) * bs)):
        if abs(x[i]) > floor:
            return i
    return b * bs


def expected_cues(plan):
    """The sounds a plan schedules, one per instant. Two sounds closer than
    REFRACTORY_MS (a tick just before a skip, say) overlap and make one onset:
    they count as one, the earlier. Returns (cues, merged count)."""
    times = {}
    for c in plan.get("cues", []):
        if c.get("type") in SOUNDING and (c.get("type") != "tick" or c.get("value", 1) > 0):
            times.setdefault(int(c["t_ms"]), c)
    out, merged = [], 0
    for t in sorted(times):
        if out and t - out[-1]["t_ms"] < REFRACTORY_MS:
            merged += 1
            continue
        out.append(times[t])
    return out, merged


def percentile(values, p):
    if not values:
        return 0.0
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100.0 * len(s)) - 1))
    return s[k]


def match(cues, found, rate, length_ms, tolerance_ms):
    """Pairs every expected cue with the nearest unused onset near it; onsets
    as sample indices of one continuous stream."""
    return match_ms(cues, [i * 1000.0 / rate for i in found], length_ms, tolerance_ms)


def match_ms(cues, onset_ms, end_ms, tolerance_ms):
    """match() on onsets in ms of session time; a cue later than end_ms (the
    end of what was recorded) is counted as beyond."""
    if not cues or not onset_ms:
        return None
    offset = onset_ms[0] - cues[0]["t_ms"]
    used = set()
    rows, beyond = [], 0
    j = 0
    for c in cues:
        want = c["t_ms"] + offset
        if want > end_ms - 50:
            beyond += 1
            continue
        while j < len(onset_ms) and onset_ms[j] < want - tolerance_ms:
            j += 1
        best = None
        k = j
        while k < len(onset_ms) and onset_ms[k] <= want + tolerance_ms:
            if k not in used and (best is None or abs(onset_ms[k] - want) < abs(onset_ms[best] - want)):
                best = k
            k += 1
        if best is None:
            rows.append({"t_ms": c["t_ms"], "type": c["type"], "step": c.get("step"), "found": False})
        else:
            used.add(best)
            rows.append({"t_ms": c["t_ms"], "type": c["type"], "step": c.get("step"), "found": True,
                         "error_ms": round(onset_ms[best] - want, 4)})
    return {"offset_ms": offset, "rows": rows, "beyond": beyond,
            "extra": len(onset_ms) - len(used)}


# ---------------------------------------------------------------- streams

STREAM_RE = re.compile(r"audio: stream (\d+) closed: (\d+)-frame buffers, frame 0 at session "
                       r"frame (\d+), (\d+) frames, (?:first sound at frame (\d+)|no sound)")
FORMAT_RE = re.compile(r"audio: (\S+), (\d+) Hz, (mono|stereo)")
MAX_PAD_BUFFERS = 64  # paused-device silence SDL may write around a stream


def streams_from_log(text):
    """The streams the app closed, in order: id, buffer, base (the session
    frame of the stream's frame 0), frames (what it gave the driver) and
    first (its first frame that is not silence, or None)."""
    out = [{"id": int(m[1]), "buffer": int(m[2]), "base": int(m[3]), "frames": int(m[4]),
            "first": int(m[5]) if m[5] is not None else None}
           for m in STREAM_RE.finditer(text)]
    return sorted(out, key=lambda st: st["id"])


def format_from_log(text):
    """(driver, rate, channels) of the app's device, or None."""
    m = FORMAT_RE.search(text)
    return (m[1], int(m[2]), 1 if m[3] == "mono" else 2) if m else None


class StreamError(Exception):
    """The recording and the app's log of its streams do not agree."""


def first_nonzero(x, start):
    """The index of the first sample at or after start that is not 0, or None."""
    step = 4800
    zero = array("h", [0]) * step
    i = start
    while i < len(x):
        blk = x[i:i + step]
        if blk != zero[:len(blk)]:
            return i + next(k for k, v in enumerate(blk) if v)
        i += step
    return None


def stream_map(streams, x):
    """Where each stream is in the file: (file_frame, frames, base) per stream,
    in order. SDL writes a buffer of silence each time a device's thread runs
    while the device is still paused: before the first buffer it asks the
    app for, and at the close; the app's own frames are in between, unbroken.
    A stream is found by its first sound, which the app logged as a frame of
    the stream: it is the first sample after the one before that is not
    silence. Everything else must be silence, a few buffers at most."""
    if not streams:
        raise StreamError("the log names no closed stream (SMR_LOG=info?)")
    out, at = [], 0
    for st in streams:
        start = at
        if st["first"] is not None:
            i = first_nonzero(x, at)
            if i is None or i - st["first"] < at:
                raise StreamError(f"stream {st['id']}: its first sound (frame {st['first']}) is not "
                                  f"in the file after frame {at}")
            start = i - st["first"]
        if start - at > MAX_PAD_BUFFERS * st["buffer"]:
            raise StreamError(f"stream {st['id']}: {start - at} frames of silence before it")
        if start + st["frames"] > len(x):
            raise StreamError(f"stream {st['id']}: the file ends {start + st['frames'] - len(x)} "
                              f"frames before it does")
        out.append((start, st["frames"], st["base"]))
        at = start + st["frames"]
    if first_nonzero(x, at) is not None or len(x) - at > MAX_PAD_BUFFERS * streams[-1]["buffer"]:
        raise StreamError(f"{len(x) - at} frames after the last stream, not all silence")
    return out


def session_signal(x, smap):
    """What a listener heard on the session clock: each stream's samples at
    their session frames, silence where the device was closed (streams that
    touch add up). Returns (samples, the session frame of the first)."""
    origin = min(base for _start, _n, base in smap)
    end = max(base + n for _start, n, base in smap)
    y = array("h", bytes(2 * (end - origin)))
    for start, n, base in smap:
        at = base - origin
        seg = x[start:start + n]
        if any(y[at:at + n]):
            seg = array("h", (max(-32768, min(32767, a + b)) for a, b in zip(seg, y[at:at + n])))
        y[at:at + len(seg)] = seg
    return y, origin


class DiskRecorder:
    """Records SDL's disk driver across device openings: SDL_DISKAUDIOFILE
    is set to `path`, a FIFO read by a thread into `out_path` (the driver
    opens its file with "wb", so a plain file would keep only the last
    stream). Each time a writer closes, the reader sees the end of a run and
    notes its length (in `runs`, for information), then waits for the next.

        with DiskRecorder(work_dir) as rec:
            env["SDL_DISKAUDIOFILE"] = rec.path
            ...run the app...
        rec.out_path   # everything the driver wrote, in order
    """

    def __init__(self, work_dir, name="out.raw"):
        self.path = os.path.join(work_dir, name + ".fifo")
        self.out_path = os.path.join(work_dir, name)
        self.runs = []
        self._stop = False
        self._thread = None

    def __enter__(self):
        os.mkfifo(self.path)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        return self

    def _read(self):
        with open(self.out_path, "wb") as out:
            while not self._stop:
                fd = os.open(self.path, os.O_RDONLY)  # waits for a writer
                n = 0
                while True:
                    data = os.read(fd, 1 << 16)
                    if not data:
                        break
                    out.write(data)
                    n += len(data)
                os.close(fd)
                if n:
                    self.runs.append(n)

    def __exit__(self, *exc):
        self._stop = True
        # Wake a reader waiting for a writer (an empty run). It may not be
        # waiting: between the app's last close and its next open() it reads
        # _stop and ends, and a blocking open for writing would then wait
        # forever for a reader (audio-e2e hung so once, to its 300 s
        # timeout). Non-blocking, until the thread has ended.
        while self._thread.is_alive():
            try:
                os.close(os.open(self.path, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:  # ENXIO: no reader has the FIFO open right now
                pass
            self._thread.join(0.05)
        os.unlink(self.path)
        return False


def recording_onsets_ms(x, rate, log_text=None):
    """The onsets of a recording in ms and the end of what it holds: session
    time by the app's streams when its log is given, else from the file's
    start. Returns (onset_ms, end_ms, smap or None)."""
    if log_text is None:
        return [i * 1000.0 / rate for i in onsets(x, rate)], len(x) * 1000.0 / rate, None
    smap = stream_map(streams_from_log(log_text), x)
    y, origin = session_signal(x, smap)
    times = [(origin + i) * 1000.0 / rate for i in onsets(y, rate)]
    return times, (origin + len(y)) * 1000.0 / rate, smap


def report(args):
    log_text = None
    if args.log:
        with open(args.log, errors="replace") as f:
            log_text = f.read()
        fmt = format_from_log(log_text)
        if fmt:
            _driver, args.rate, args.channels = fmt
    x, rate = read_mono(args.recording, args.rate, args.channels)
    with open(args.plan) as f:
        cues, merged = expected_cues(json.load(f))
    try:
        onset_ms, end_ms, smap = recording_onsets_ms(x, rate, log_text)
    except StreamError as e:
        print(f"analyse.py: {e}", file=sys.stderr)
        return 1
    m = match_ms(cues, onset_ms, end_ms, args.tolerance_ms)
    rows = m["rows"] if m else []
    errors = [abs(r["error_ms"]) for r in rows if r["found"]]
    missing = [r for r in rows if not r["found"]]
    out = {
        "recording_s": round(len(x) / rate, 3),
        "streams": len(smap) if smap else None,
        "session_s": round(end_ms / 1000.0, 3),
        "onsets_detected": len(onset_ms),
        "expected": len(rows),
        "found": len(errors),
        "missing": len(missing),
        "extra_onsets": m["extra"] if m else len(onset_ms),
        "after_recording": m["beyond"] if m else 0,
        "merged_cues": merged,
        "error_ms": {
            "median": round(statistics.median(errors), 4) if errors else None,
            "p95": round(percentile(errors, 95), 4) if errors else None,
            "max": round(max(errors), 4) if errors else None,
        },
        "missing_cues": missing[:20],
    }
    ok = bool(rows) and not missing
    if args.max_error_ms is not None and errors and max(errors) > args.max_error_ms:
        ok = False
    out["ok"] = ok
    if args.json:
        json.dump(out, sys.stdout, indent=2)
        print()
    else:
        e = out["error_ms"]
        streams = f" in {out['streams']} streams over {out['session_s']} s of session" if smap else ""
        print(f"recording: {out['recording_s']} s{streams}, {out['onsets_detected']} onsets detected")
        print(f"cues: expected {out['expected']}, found {out['found']}, missing {out['missing']}, "
              f"extra onsets {out['extra_onsets']} ({out['after_recording']} cues after the recording's end, "
              f"{merged} merged with one just before)")
        print(f"error ms: median {e['median']}, p95 {e['p95']}, max {e['max']}")
        for r in missing[:10]:
            print(f"  missing: {r['type']} at {r['t_ms']} ms (step {r['step']})")
        print("ok" if ok else "FAIL")
    return 0 if ok else 1


def energy(args):
    x, rate = read_mono(args.recording, args.rate, args.channels)
    for s in range(len(x) // rate):
        blk = x[s * rate:(s + 1) * rate]
        print(f"{s:4d} s  rms {math.sqrt(sum(v * v for v in blk) / rate):8.1f}")
    return 0


def speech_segments(v, t, rate, gap_ms=250, level=300):
    """Where the voice speaks: (start, end) in ms from the first onset, found
    in the difference of a recording with voice `v` and one without `t`."""
    ov, ot = onsets(v, rate), onsets(t, rate)
    if not ov or not ot:
        return []
    v, t = v[ov[0]:], t[ot[0]:]
    n = min(len(v), len(t))
    bs = rate // 100  # 10 ms
    segs, start, quiet = [], None, 0
    for b in range(n // bs):
        lo = b * bs
        loud = max(abs(v[i] - t[i]) for i in range(lo, lo + bs)) > level
        if loud:
            if start is None:
                start = b
            quiet = 0
        elif start is not None:
            quiet += 1
            if quiet * 10 >= gap_ms:
                segs.append((start * 10, (b - quiet + 1) * 10))
                start, quiet = None, 0
    if start is not None:
        segs.append((start * 10, (n // bs) * 10))
    return segs


def speech(args):
    v, rate = read_mono(args.recording, args.rate, args.channels)
    t, _ = read_mono(args.speech, args.rate, args.channels)
    with open(args.plan) as f:
        plan = json.load(f)
    segs = speech_segments(v, t, rate)
    length = min(len(v), len(t)) * 1000 // rate
    starts = [c for c in plan.get("cues", []) if c["type"] == "phase_start" and c["t_ms"] < length - 2000]
    rows = []
    for c in starts:
        seg = next((s for s in segs if c["t_ms"] <= s[0] < c["t_ms"] + 1500), None)
        rows.append({"t_ms": c["t_ms"], "step": c["step"], "speech_ms": seg[0] if seg else None,
                     "delay_ms": seg[0] - c["t_ms"] if seg else None,
                     "length_ms": seg[1] - seg[0] if seg else None})
    spoken = [r for r in rows if r["delay_ms"] is not None]
    out = {"phase_starts": len(rows), "with_speech": len(spoken), "segments": segs, "rows": rows}
    if args.json:
        json.dump(out, sys.stdout, indent=2)
        print()
    else:
        for r in rows:
            said = (f"speech from {r['speech_ms'] / 1000:7.2f} s (+{r['delay_ms']} ms, "
                    f"{r['length_ms'] / 1000:.2f} s)") if r["delay_ms"] is not None else "no speech"
            print(f"phase start {r['t_ms'] / 1000:7.2f} s (step {r['step']:3}): {said}")
        print(f"{len(spoken)} of {len(rows)} phase starts are followed by speech within 1.5 s; "
              f"{len(segs)} speech segments in all")
    return 0 if rows and len(spoken) == len(rows) else 1


def main():
    p = argparse.ArgumentParser(description="Checks where cues landed in a recorded stream.")
    p.add_argument("recording")
    p.add_argument("--plan", help="cues as JSON ({\"cues\": [...]}), from plan --json")
    p.add_argument("--log", help="the app's stderr at SMR_LOG=info: its streams map the file to "
                   "session time, and it names the format")
    p.add_argument("--rate", type=int, default=48000)
    p.add_argument("--channels", type=int, default=2)
    p.add_argument("--json", action="store_true")
    p.add_argument("--max-error-ms", type=float)
    p.add_argument("--tolerance-ms", type=float, default=300.0)
    p.add_argument("--energy", action="store_true", help="print RMS per second and stop")
    p.add_argument("--speech", metavar="TONES_ONLY", help="the same session recorded without the voice")
    args = p.parse_args()
    if args.energy:
        return energy(args)
    if args.speech:
        if not args.plan:
            p.error("--speech needs --plan")
        return speech(args)
    if not args.plan:
        p.error("--plan is needed")
    return report(args)


if __name__ == "__main__":
    sys.exit(main())
