#!/usr/bin/env python3
"""profile.py - where the time goes when bench.py reports a missed target.

Runs the real binary in bench.py's setup (own Xvfb, x11, disk audio, the
renderer the app picks) and profiles one situation:

  profile.py startup    callgrind from exec to the first frame presented
                        (a dump after the first SDL_RenderPresent): the
                        functions with the most instructions, inclusive.
  profile.py checklist  the app idle on the checklist, and
  profile.py hold       the app during holds (steps 2 and 7): syscalls per
                        second per kind (strace -f -c), CPU per thread, and
                        perf's hottest symbols where perf works.

    python3 tests/bench/profile.py [--binary build/smr-timer] MODE [--seconds N]

Python 3 standard library; needs valgrind, strace and (optionally) perf.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402


def threads(pid):
    out = []
    for t in sorted(os.listdir(f"/proc/{pid}/task"), key=int):
        try:
            name = Path(f"/proc/{pid}/task/{t}/comm").read_text().strip()
            st = Path(f"/proc/{pid}/task/{t}/stat").read_text()
            run_ns = int(Path(f"/proc/{pid}/task/{t}/schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            continue
        f = st[st.rindex(")") + 2:].split()
        out.append((t, name, run_ns / 1e9, int(f[11]) + int(f[12])))
    return out


def idle(b, mode, seconds):
    if mode == "checklist":
        app = bench.App(b, "profile", "wait-screen checklist\nscreenshot ready\n", routine=b.routine)
        app.wait_marker("ready", 60)
        time.sleep(0.5)
    else:
        app = bench.App(b, "profile", bench.preamble(b.checklist_items()) + "wait 900000\n",
                        routine=b.routine)
        app.wait_log(r"session: step=2 ", 90)
        time.sleep(0.3)
    pid = app.pid
    # CPU per thread first, over a clean window: strace slows every syscall.
    before = {t[0]: t for t in threads(pid)}
    time.sleep(seconds)
    after = threads(pid)
    print(f"== CPU per thread over {seconds} s (schedstat), undisturbed")
    for t, name, run_s, _ in after:
        if t in before:
            used = run_s - before[t][2]
            print(f"  {name:16s} tid {t}: {used * 1000:8.2f} ms = {used / seconds * 60:.3f} s/min")
    if shutil.which("strace"):
        r = subprocess.run(["timeout", "-s", "INT", str(seconds), "strace", "-f", "-c", "-p", str(pid)],
                           capture_output=True, text=True)
        print(f"== syscalls over {seconds} s (strace -f -c; divide calls by {seconds} for per second)")
        print("\n".join(ln for ln in r.stderr.splitlines() if not ln.startswith("strace:")))
    if mode == "hold":
        app.wait_log(r"session: step=7 ", 90)
        time.sleep(0.3)
    if shutil.which("perf"):
        data = Path(b.tmp) / "perf.data"
        window = min(seconds, 9)
        r = subprocess.run(["perf", "record", "-e", "cpu-clock", "-F", "4999", "-g", "-o", str(data),
                            "-p", str(pid), "--", "sleep", str(window)], capture_output=True, text=True)
        if r.returncode == 0:
            rep = subprocess.run(["perf", "report", "-i", str(data), "--no-children", "--sort",
                                  "comm,dso,sym", "--stdio", "-g", "none"],
                                 capture_output=True, text=True)
            lines = [ln for ln in rep.stdout.splitlines() if ln.strip() and not ln.startswith("#")]
            print(f"== perf, {window} s at 4999 Hz: hottest symbols (a sample = 0.2 ms)")
            print("\n".join(lines[:25]))
        else:
            print("perf record failed: " + r.stderr.strip()[-200:])
    app.stop()


def startup(b):
    if not shutil.which("valgrind"):
        raise bench.BenchError("valgrind is not installed")
    script = Path(b.tmp) / "quit.txt"
    script.write_text("wait-screen checklist\nquit\n")
    out = Path(b.tmp) / "callgrind.out"
    env = b.app_env(Path(b.tmp) / "audio.raw")
    # A dump after each SDL_RenderPresent: the first part is exec to the
    # first frame presented, nothing after.
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
           "--dump-after=SDL_RenderPresent", b.binary, "--no-voice",
           f"--script={script}", f"--window={bench.WINDOW[0]}x{bench.WINDOW[1]}", str(b.routine)]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        raise bench.BenchError("callgrind run failed:\n" + r.stderr[-800:])
    first = Path(f"{out}.1")
    if not first.exists():
        raise bench.BenchError("callgrind wrote no part up to the first SDL_RenderPresent")
    out = first
    rep = subprocess.run(["callgrind_annotate", "--inclusive=yes", str(out)],
                         capture_output=True, text=True)
    rows = [ln for ln in rep.stdout.splitlines() if "(" in ln and "%)" in ln]
    print("== instructions, inclusive, from exec to the first frame presented")
    print("\n".join(ln[:170] for ln in rows[:45]))
    calls = subprocess.run(["callgrind_annotate", "--tree=caller", str(out)],
                           capture_output=True, text=True)
    for ln in calls.stdout.splitlines():
        if "TTF_SizeUTF8 (" in ln or "IMG_LoadSizedSVG_RW (" in ln or "XOpenIM (" in ln:
            print("calls: " + ln.strip()[:160])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["startup", "checklist", "hold"])
    ap.add_argument("--binary", default=str(bench.ROOT / "build" / "smr-timer"))
    ap.add_argument("--routine", default=str(bench.DEFAULT_ROUTINE))
    ap.add_argument("--seconds", type=int, default=10)
    args = ap.parse_args()
    args.quick, args.keep, args.checklist_items = True, False, None
    b = bench.Bench(args)
    try:
        b.start()
        if args.mode == "startup":
            startup(b)
        else:
            idle(b, args.mode, args.seconds)
    except bench.BenchError as e:
        print(f"profile: {e}", file=sys.stderr)
        return 1
    finally:
        b.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
