#!/usr/bin/env python3
"""pulse_cpu.py - what each of the app's threads costs while a countdown runs,
the sound through a real PulseAudio (by hand, not a test: the numbers depend
on the machine; issue 16 asks for them).

The real binary under an Xvfb of our own (x11 driver: under offscreen SDL
polls every millisecond), software rendering, SDL's pulseaudio driver into a
null sink of a PulseAudio of our own (pulse_e2e.Server), tones only, through
the first position of the default routine. Every thread's time on a CPU is
sampled from /proc/PID/task/*/schedstat 20 times a second (SDL starts an
audio thread per stream and ends it at the close: the last sample of a thread
that ended counts). Printed: per 12 s window of the session, the share of a
core of the whole process and of each kind of thread (main, SDL's audio
threads, our keeper and closer, the rest), and the same for the longest
stretch with no SDL audio thread alive (the device closed, counting down).

    pulse_cpu.py [SECONDS]     (env: SMR_BINARY, SMR_SOURCE_ROOT)
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import pulse_e2e  # noqa: E402  (the server, the binary, the routine)

WINDOW_S = 12.0


def kind(comm):
    if comm.startswith("SDLAudioP"):
        return "sdl-audio"
    if comm.startswith("smr-audio"):
        return comm
    if comm == "smr-timer":
        return "main"
    return "other"


LIFE = {}  # tid -> (first seen, last seen) monotonic s


def sample(pid, seen):
    """Every live thread's ns on a CPU into seen[tid] = (comm, ns)."""
    now = time.monotonic()
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            with open(task + "/schedstat") as f:
                ns = int(f.read().split()[0])
            with open(task + "/comm") as f:
                comm = f.read().strip()
        except (OSError, ValueError, IndexError):
            continue
        tid = int(os.path.basename(task))
        seen[tid] = (comm, ns)
        if os.environ.get("PULSE_CPU_DEBUG") and tid not in LIFE:
            print(f"thread {tid} {comm} from {now:.2f}", flush=True)
        LIFE[tid] = (LIFE.get(tid, (now,))[0], now)


def totals(seen):
    out = {}
    for comm, ns in seen.values():
        k = kind(comm)
        out[k] = out.get(k, 0) + ns
    out["all"] = sum(ns for _, ns in seen.values())
    return out


def start_xvfb(work):
    for n in range(90, 120):
        if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock"):
            proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1280x720x24", "-nolisten",
                                     "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(100):
                if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                    return proc, f":{n}"
                time.sleep(0.05)
            pulse_e2e.end(proc, 15)
    raise SystemExit("no Xvfb display could be started")


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 48.0
    work = tempfile.mkdtemp(prefix="smr-pulse-cpu-")
    server = pulse_e2e.Server(work)
    xvfb, display = start_xvfb(work)
    script = os.path.join(work, "script.txt")
    with open(script, "w") as f:
        f.write(pulse_e2e.START + f"wait {int(seconds * 1000) + 1000}\nquit\n")
    env = dict(server.env, SDL_AUDIODRIVER="pulseaudio", SDL_VIDEODRIVER="x11", DISPLAY=display,
               SDL_RENDER_DRIVER="software", SDL_FRAMEBUFFER_ACCELERATION="0", SMR_LOG="debug",
               XDG_STATE_HOME=os.path.join(work, "state"))
    log = open(os.path.join(work, "app.log"), "w+")
    app = subprocess.Popen([pulse_e2e.BINARY, "--no-voice", "--script", script, "--window",
                            "1280x720", pulse_e2e.ROUTINE], env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=log)
    seen, marks = {}, []
    try:
        start = None
        while app.poll() is None:
            sample(app.pid, seen)
            now = time.monotonic()
            if start is None:
                log.flush()
                with open(log.name) as f:
                    m = re.search(r"present: session at ([0-9.]+)", f.read())
                    if m:  # the app's monotonic ms, the clock time.monotonic() reads
                        start = float(m.group(1)) / 1000.0
                        if os.environ.get("PULSE_CPU_DEBUG"):
                            print(f"session at {start:.2f}", flush=True)
            if start is not None:
                marks.append((now - start, totals(seen)))
                if now - start > seconds:
                    break
            time.sleep(0.05)
    finally:
        pulse_e2e.end(app, 15)
        pulse_e2e.end(xvfb, 15)
        server.stop()
    report(marks)
    if os.environ.get("PULSE_CPU_DEBUG"):
        with open(log.name) as f:
            for ln in f:
                if "audio: stream" in ln or "session: step=" in ln or "cues placed" in ln:
                    print(ln.rstrip()[:110])
    if os.environ.get("PULSE_CPU_DEBUG"):
        for t, (comm, ns) in sorted(seen.items()):
            print(f"  {t} {comm} {LIFE[t][0]:.2f}-{LIFE[t][1]:.2f} {ns / 1e6:.2f} ms")
    spans = sorted(LIFE[t] for t, (comm, _) in seen.items() if kind(comm) == "sdl-audio")
    gaps = [(b[0] - a[1], a[1], b[0]) for a, b in zip(spans, spans[1:])]
    if gaps and start is not None:
        _, g0, g1 = max(gaps)
        span, sh = share(marks, g0 - start + 0.1, g1 - start - 0.1)
        print(f"the longest stretch with the device closed, {span:.1f} s: all {sh['all']:.4f} "
              + " ".join(f"{k}={v:.4f}" for k, v in sorted(sh.items()) if k != "all"))
    streams = [(LIFE[t][1] - LIFE[t][0], ns) for t, (comm, ns) in seen.items()
               if kind(comm) == "sdl-audio"]
    if streams:
        life = sum(x for x, _ in streams)
        cpu = sum(ns for _, ns in streams) / 1e6
        print(f"SDL's audio threads: {len(streams)}, open {life:.1f} s in all, {cpu:.1f} ms of CPU"
              f" ({cpu / len(streams):.2f} ms a stream, {cpu / life:.2f} ms per second open)")
    shutil.rmtree(work, ignore_errors=True)


def share(marks, t0, t1):
    a = min(marks, key=lambda m: abs(m[0] - t0))
    b = min(marks, key=lambda m: abs(m[0] - t1))
    span = (b[0] - a[0]) * 1e9
    keys = sorted(set(a[1]) | set(b[1]))
    return b[0] - a[0], {k: 100.0 * (b[1].get(k, 0) - a[1].get(k, 0)) / span for k in keys}


def report(marks):
    if not marks:
        raise SystemExit("the session never started")
    end = marks[-1][0]
    rows = []
    t = 0.0
    while t + WINDOW_S <= end + 0.01:
        rows.append((f"{t:4.0f}-{t + WINDOW_S:.0f} s", *share(marks, t, t + WINDOW_S)))
        t += WINDOW_S
    keys = sorted({k for _, _, s in rows for k in s if k != "all"})
    print("% of a core, session window: all " + " ".join(keys))
    for name, _, s in rows:
        print(f"  {name:22} {s['all']:.4f} " + " ".join(f"{k}={s.get(k, 0):.4f}" for k in keys))


if __name__ == "__main__":
    main()
