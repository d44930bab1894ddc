#!/usr/bin/env python3
"""server_cues.py - the cues through a sound server that is already running
(by hand): a desktop's PipeWire with its Pulse layer, or a PulseAudio.

pulse_e2e.py starts a PulseAudio of its own, which is what the suite can
rely on; this plays into whatever server the environment names instead
(XDG_RUNTIME_DIR, PULSE_SERVER), through a null sink it loads there for the
run ("smr_cues", unloaded after), so nothing is heard. The monitor is
recorded with parec and each cue's onset compared with its place relative
to the others (pulse_e2e's onset detector and alignment: on the median cue,
so the first counts too). Only the relative placement: on PipeWire, parec's
chunks arrive a quantum at a time and far from steadily (9-47 ms scatter
measured), so the recording cannot be placed on the monotonic clock and the
screen-sound and key checks of pulse_e2e.py are not made here.

    server_cues.py [pulse|sdl ...]   (default: both)
        pulse: the app's own backend (libpulse); sdl: SDL's pulseaudio driver
        env: SMR_BINARY, SMR_SOURCE_ROOT as for pulse_e2e.py

Measured on PipeWire 0.3.65 (Debian 12's pipewire-pulse, wireplumber, a
private dbus), 2026-12-02: 15/15 cues over 38 s in every run. With the
default quantum, relative max 0.021 ms in 4 runs of 5 with the libpulse
backend and 4 of 6 with SDL's driver; in the others the first seconds'
cues came 5.333 ms (256 frames) early relative to the rest. With the
quantum forced to 256 (pw-metadata -n settings 0 clock.force-quantum 256):
3 of 6 exact, the others off by whole quanta, up to 16 ms, and once a
steady slide from -149 to +21 ms over 35 s (0.5 %). Both backends alike,
and each writes its stream as contiguous frames (SDL's driver never goes
back), so what moves is the server's path to the recording: the null
sink's monitor there is not sample-exact (a stream in another driver
group, rate-matched by resampling, would do this), and this harness cannot
judge the placement on PipeWire to a millisecond. On PulseAudio it can
(pulse_e2e.py, 0.021 ms).

Exit status 0 when every cue of each way is heard within 1 ms of its place,
1 otherwise, 77 when no server answers. Python 3 standard library;
pulseaudio-utils (parec, pactl).
"""
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import pulse_e2e as pe  # noqa: E402  (the ways, the recorder, the onset rows, the limits)

SINK = "smr_cues"
STRETCH_S = 40


class Existing:
    """The server the environment names, with a null sink of ours on it."""

    def __init__(self):
        self.env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS="disabled:")
        info = self.pactl("info")
        if info.returncode != 0:
            raise pe.Skip("no sound server answers here: " + (info.stderr.strip() or "pactl info"))
        self.name = next((ln.split(":", 1)[1].strip() for ln in info.stdout.splitlines()
                          if ln.startswith("Server Name:")), "a sound server")
        load = self.pactl("load-module", "module-null-sink", f"sink_name={SINK}",
                          f"rate={pe.RATE}", f"channels={pe.CHANNELS}")
        if load.returncode != 0:
            raise pe.Skip(f"{self.name} would not load a null sink: {load.stderr.strip()}")
        self.module = load.stdout.strip()

    def pactl(self, *args):
        return subprocess.run(["pactl", *args], env=self.env, capture_output=True, text=True,
                              timeout=10)

    def stop(self):
        self.pactl("unload-module", self.module)


def play(server, way, work):
    """STRETCH_S of the routine into the sink, played `way` (a key of
    pulse_e2e.BACKENDS), recorded; (rows, extra onsets)."""
    raw = os.path.join(work, f"{way}.raw")
    env_extra, said = pe.BACKENDS[way]
    rec = pe.Recorder(server, raw, device=f"{SINK}.monitor")
    try:
        rec.wait_running(10)
        script = os.path.join(work, f"{way}.script")
        with open(script, "w") as f:
            f.write(pe.START + f"wait {STRETCH_S * 1000}\nquit\n")
        env = dict(server.env, **env_extra, PULSE_SINK=SINK, SMR_LOG="debug",
                   SDL_VIDEODRIVER="offscreen", XDG_STATE_HOME=work, LC_ALL="C.UTF-8",
                   SMR_SETTINGS="")
        app = subprocess.run([pe.BINARY, f"--script={script}", "--no-voice", pe.ROUTINE],
                             env=env, capture_output=True, text=True, timeout=STRETCH_S + 60)
        with open(os.path.join(work, f"{way}.log"), "w") as f:
            f.write(app.stderr)
        time.sleep(0.5)  # what the server still holds reaches the monitor
    finally:
        rec.stop()
    if app.returncode != 0:
        last = (app.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise pe.Broken(f"{way}: the app ended with status {app.returncode}: {last}")
    if said not in app.stderr:
        raise pe.Broken(f"{way}: the app did not play through the server (no {said!r} in its log)")
    x, _ = pe.analyse.read_mono(raw, pe.RATE, pe.CHANNELS)
    return pe.stretch_rows(pe.plan(), x, STRETCH_S)


def main():
    ways = sys.argv[1:] or list(pe.BACKENDS)
    bad = [w for w in ways if w not in pe.BACKENDS]
    if bad:
        print(f"ERROR: no way {bad[0]!r} (valid: {', '.join(pe.BACKENDS)})")
        return 1
    try:
        server = Existing()
    except pe.Skip as e:
        print(f"SKIP: {e}")
        return pe.SKIP
    work = tempfile.mkdtemp(prefix="smr-server-cues-")
    ok = True
    try:
        for way in ways:
            rows, extra = play(server, way, work)
            found = [r for r in rows if r["found"]]
            errs = [abs(r["rel_ms"]) for r in found]
            good = found and len(found) == len(rows) and not extra and max(errs) <= pe.CUE_REL_MAX_MS
            ok = ok and bool(good)
            worst = f"{max(errs):.3f} ms" if errs else "-"
            first = f"{found[0]['rel_ms']:+.3f} ms" if found else "missing"
            for r in rows:
                if not r["found"] or abs(r["rel_ms"]) > pe.CUE_REL_MAX_MS:
                    text = f"{r['rel_ms']:+.3f} ms" if r["found"] else "missing"
                    print(f"  cue {r['type']:12} step {r['step']:3} at {r['t_ms'] / 1000:6.2f} s:"
                          f" {text}")
            print(f"{'PASS' if good else 'FAIL'} {way} on {server.name}: {len(found)}/{len(rows)}"
                  f" cues heard, {extra} extra onsets; relative max {worst}"
                  f" (limit {pe.CUE_REL_MAX_MS:g}), first cue {first}")
    except pe.Broken as e:
        print(f"ERROR: {e}")
        ok = False
    finally:
        server.stop()
    print(f"recordings in {work}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
