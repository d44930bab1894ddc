#!/usr/bin/env python3
"""analyse.py - checks where the cues landed in a recorded audio stream.

Reads the raw output of SDL's disk driver (signed 16-bit little-endian,
interleaved; or a .wav file), finds the onsets of sounds by a rise in
energy after quiet, and matches them with the cues a session schedules,
as printed by `smr-timer plan --json` (or tests/audio/audio_render --expect):
{"cues": [{"t_ms", "type", "step", "value"}, ...]}. The recording has no
time zero of its own, so the first onset is aligned on the first cue; every
other cue's error is its onset's distance from where it was scheduled.

    analyse.py RECORDING --plan PLAN.json [--rate 48000] [--channels 2]
               [--json] [--max-error-ms 1] [--tolerance-ms 300]
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
import statistics
import sys
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
    """Pairs every expected cue with the nearest unused onset near it."""
    if not cues or not found:
        return None
    onset_ms = [i * 1000.0 / rate for i in found]
    offset = onset_ms[0] - cues[0]["t_ms"]
    used = set()
    rows, beyond = [], 0
    j = 0
    for c in cues:
        want = c["t_ms"] + offset
        if want > length_ms - 50:
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
            "extra": len(found) - len(used)}


def report(args):
    x, rate = read_mono(args.recording, args.rate, args.channels)
    length_ms = len(x) * 1000.0 / rate
    with open(args.plan) as f:
        cues, merged = expected_cues(json.load(f))
    found = onsets(x, rate)
    m = match(cues, found, rate, length_ms, args.tolerance_ms)
    rows = m["rows"] if m else []
    errors = [abs(r["error_ms"]) for r in rows if r["found"]]
    missing = [r for r in rows if not r["found"]]
    out = {
        "recording_s": round(length_ms / 1000.0, 3),
        "onsets_detected": len(found),
        "expected": len(rows),
        "found": len(errors),
        "missing": len(missing),
        "extra_onsets": m["extra"] if m else len(found),
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
        print(f"recording: {out['recording_s']} s, {out['onsets_detected']} onsets detected")
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
