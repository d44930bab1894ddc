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
threads, our keeper and closer, the rest), and the same for the stretch with
no sound due (14.3-21.5 s of the session: the device closed, counting down).

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
QUIET = (14.3, 21.5)  # session seconds with no sound of the default routine's, tones only


def kind(comm):
    if comm.startswith("SDLAudioP"):
        return "sdl-audio"
    if comm.startswith("smr-audio"):
        return comm
    if comm == "smr-timer":
        return "main"
    return "other"


def sample(pid, seen):
    """Every live thread's ns on a CPU into seen[tid] = (comm, ns)."""
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            with open(task + "/schedstat") as f:
                ns = int(f.read().split()[0])
            with open(task + "/comm") as f:
                comm = f.read().strip()
        except (OSError, ValueError, IndexError):
            continue
        seen[int(os.path.basename(task))] = (comm, ns)


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
               SDL_RENDER_DRIVER="software", SDL_FRAMEBUFFER_ACCELERATION="0", SMR_LOG="info",
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
                    if re.search(r"session: step=0 ", f.read()):
                        start = now
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
    rows.append((f"quiet {QUIET[0]}-{QUIET[1]} s", *share(marks, *QUIET)))
    keys = sorted({k for _, _, s in rows for k in s if k != "all"})
    print("% of a core, session window: all " + " ".join(keys))
    for name, _, s in rows:
        print(f"  {name:22} {s['all']:.4f} " + " ".join(f"{k}={s.get(k, 0):.4f}" for k in keys))


if __name__ == "__main__":
    main()
