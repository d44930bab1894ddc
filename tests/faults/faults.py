#!/usr/bin/env python3
"""faults.py CASE [--wm-close PATH] - runs the real smr-timer ($SMR_BINARY)
under one hostile condition and checks it fails clearly or carries on, as
issue 7 asks. Each case runs on its own Xvfb (started with -displayfd, which
picks a free display atomically, so parallel tests never collide) or on the
offscreen video driver, and a temp XDG_STATE_HOME, so the user's history is
never touched.

Cases: no-display, no-audio, no-font, routine-deleted, routine-changed,
window-closed, sigint, sigterm, readonly-state, full-state.

Exit status: 0 pass, 1 fail, 77 skip (meson's convention)."""

import argparse
import calendar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77
SOURCE_ROOT = os.environ.get("SMR_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "app"))
import smrapp  # noqa: E402  (the shared harness: answering the checklist)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import xvfb  # noqa: E402  (tests/xvfb.py)
BINARY = os.environ.get("SMR_BINARY", "")
RUN_TIMEOUT = 20  # seconds for any one run of the app


class Fail(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)


# ---- fixtures -------------------------------------------------------------

def short_routine(tmp, name="short.json"):
    """The bundled routine cut to one side and one strip of two positions:
    about 58 s of session time, 3 s at --speed 20."""
    with open(os.path.join(SOURCE_ROOT, "routines", "hamstrings-spiky-ball.json"), encoding="utf-8") as f:
        r = json.load(f)
    r.pop("$schema", None)
    r["id"] = "fault-test-short"
    r["sides"] = ["left"]
    strip = dict(r["strips"][0])
    strip.pop("positions_cm", None)
    strip.update(start_cm=10, end_cm=17, move_cm=7, passes=1)
    r["strips"] = [strip]
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(r, f, indent=1)
    return path, r


def session_script(routine, middle=(), end=("wait-done", "wait-screen summary", "screenshot summary", "quit"),
                   marker_step=1):
    """Answers No to every question, starts the session, marks timeline step
    `marker_step` (0-based) with a screenshot the test waits for, then
    `middle` and `end`."""
    lines = ["wait-screen checklist"]
    lines += smrapp.answer_all_no().splitlines()
    lines += ["key Return", "wait-screen overview", "key Return", "wait-screen session",
              f"wait-step {marker_step}", "screenshot running"]
    lines += list(middle) + list(end)
    return "\n".join(lines) + "\n"


def base_env(tmp):
    env = dict(os.environ)
    env["XDG_STATE_HOME"] = os.path.join(tmp, "state")
    env["HOME"] = tmp
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    env.setdefault("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    env["SDL_RENDER_DRIVER"] = "software"
    env["SDL_FRAMEBUFFER_ACCELERATION"] = "0"
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("SMR_LOG", None)
    return env


class Xvfb:
    """An Xvfb of our own (tests/xvfb.py) for one case."""

    def __enter__(self):
        if not shutil.which("Xvfb"):
            raise Fail("Xvfb is not installed (apt-get install xvfb)")
        try:
            self.proc, self.display = xvfb.start(1280, 720)
        except xvfb.XvfbError as e:
            raise Fail(str(e)) from None
        return self

    def __exit__(self, *exc):
        xvfb.stop(self.proc)


def script_args(tmp, script, speed=20):
    """Writes the script; returns the options that run it at `speed`."""
    spath = os.path.join(tmp, "script.txt")
    with open(spath, "w", encoding="utf-8") as f:
        f.write(script)
    shots = os.path.join(tmp, "shots")
    os.makedirs(shots, exist_ok=True)
    return ["--script", spath, "--screenshot-dir", shots, "--speed", str(speed)]


def start(args, env, tmp, script=None, prefix=(), speed=20):
    """Starts [prefix...] BINARY [script options] ARGS..."""
    opts = script_args(tmp, script, speed) if script is not None else []
    cmd = list(prefix) + [args[0]] + opts + list(args[1:])
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc, timeout=RUN_TIMEOUT):
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise Fail(f"the app did not exit within {timeout} s; stderr:\n{err}")
    sys.stderr.write(err)
    return proc.returncode, out, err


def wait_for_file(path, proc, timeout=RUN_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.path.exists(path):
            return
        if proc.poll() is not None:
            _, err = proc.communicate()
            raise Fail(f"the app exited ({proc.returncode}) before {os.path.basename(path)}; stderr:\n{err}")
        time.sleep(0.02)
    proc.kill()
    raise Fail(f"{os.path.basename(path)} did not appear within {timeout} s")


def history(tmp):
    path = os.path.join(tmp, "state", "smr-timer", "history.jsonl")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def stderr_lines(err):
    return [l for l in err.splitlines() if l.strip()]


def no_sanitizer_report(err):
    for marker in ("AddressSanitizer", "LeakSanitizer", "runtime error:", "Segmentation", "Aborted"):
        check(marker not in err, f"stderr carries a crash or sanitizer report ({marker})")


# ---- cases ----------------------------------------------------------------

NO_DISPLAY_LINE = "smr-timer: error: no display: run it in a desktop session or under xvfb-run"


def case_no_display(tmp, opts):
    """No display at all, a DISPLAY nobody answers, and x11 asked for
    explicitly: each time the one line and a non-zero status within 2 s.
    SDL's offscreen driver, its fallback when X fails, must not be taken
    unless SDL_VIDEODRIVER asks for it (the app would run invisibly)."""
    path, _ = short_routine(tmp)
    variants = {
        "nothing": {},
        "dead DISPLAY": {"DISPLAY": ":4077"},
        "SDL_VIDEODRIVER=x11": {"SDL_VIDEODRIVER": "x11"},
        "XDG_RUNTIME_DIR set": {"XDG_RUNTIME_DIR": tmp},
    }
    for what, extra in variants.items():
        env = base_env(tmp)
        for var in ("DISPLAY", "SDL_VIDEODRIVER", "XDG_RUNTIME_DIR"):
            env.pop(var, None)
        env.update(extra)
        t0 = time.monotonic()
        rc, _, err = finish(start([BINARY, path], env, tmp))
        took = time.monotonic() - t0
        no_sanitizer_report(err)
        check(rc != 0, f"{what}: exit status 0 without a display")
        check(took < 2.0, f"{what}: took {took:.2f} s to give up, wanted under 2 s")
        lines = stderr_lines(err)
        check(lines == [NO_DISPLAY_LINE], f"{what}: wanted the one no-display line, got {lines}")
        check(history(tmp) == [], f"{what}: a history line without a session")


def case_no_audio(tmp, opts):
    path, r = short_routine(tmp)
    with Xvfb() as x:
        env = base_env(tmp)
        env["DISPLAY"] = x.display
        env["SDL_AUDIODRIVER"] = "nonexistent"
        rc, _, err = finish(start([BINARY, path], env, tmp, session_script(r)))
    no_sanitizer_report(err)
    check(rc == 0, f"exit status {rc}, wanted 0")
    check(os.path.exists(os.path.join(tmp, "shots", "summary.png")), "the session did not reach its summary")
    lines = stderr_lines(err)
    check(len(lines) == 1, f"wanted one notice on stderr, got {len(lines)}")
    check(re.search(r"sound|audio", lines[0], re.I), "the notice does not mention sound")
    h = history(tmp)
    check(len(h) == 1 and h[0]["ended_by"] == "done", f"history: {h}")


def case_no_font(tmp, opts):
    path, r = short_routine(tmp)
    conf = os.path.join(tmp, "fonts.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                f"<fontconfig><cachedir>{tmp}/fc-cache</cachedir></fontconfig>\n")
    with Xvfb() as x:
        env = base_env(tmp)
        env["DISPLAY"] = x.display
        env["FONTCONFIG_FILE"] = conf
        env.pop("FONTCONFIG_PATH", None)
        rc, _, err = finish(start([BINARY, path], env, tmp, session_script(r)))
    no_sanitizer_report(err)
    check(rc == 1, f"exit status {rc}, wanted 1")
    lines = stderr_lines(err)
    check(len(lines) == 1, f"wanted one line on stderr, got {len(lines)}")
    check(re.search(r"font", lines[0], re.I), "the line does not mention fonts")


def routine_mutated(tmp, mutate):
    path, r = short_routine(tmp)
    with Xvfb() as x:
        env = base_env(tmp)
        env["DISPLAY"] = x.display
        proc = start([BINARY, path], env, tmp, session_script(r))
        wait_for_file(os.path.join(tmp, "shots", "running.png"), proc)
        mutate(path)
        check(proc.poll() is None, "the session ended before the file changed: the test proves nothing")
        check(not os.path.exists(os.path.join(tmp, "shots", "summary.png")), "changed too late")
        rc, _, err = finish(proc)
    no_sanitizer_report(err)
    check(rc == 0, f"exit status {rc}, wanted 0")
    check(os.path.exists(os.path.join(tmp, "shots", "summary.png")), "the session did not reach its summary")
    h = history(tmp)
    check(len(h) == 1, f"wanted one history line, got {h}")
    check(h[0]["ended_by"] == "done", f"ended_by {h[0]['ended_by']}")
    check(h[0]["positions_total"] == 2 and h[0]["positions_done"] == 2,
          f"positions {h[0]['positions_done']}/{h[0]['positions_total']}, wanted 2/2 as loaded")
    check(h[0]["routine_id"] == "fault-test-short", "routine id")


def case_routine_deleted(tmp, opts):
    routine_mutated(tmp, os.unlink)


def case_routine_changed(tmp, opts):
    def overwrite(path):
        # Truncated in place (the same inode, as an editor saving over it
        # might), then garbage: nothing of the old content is left to read.
        with open(path, "w", encoding="utf-8") as f:
            f.write('{"format": "smr-routine/1", "sides": ["left", "right", "left"], "cycle": [')
    routine_mutated(tmp, overwrite)


def interrupted(tmp, how, ended_by, opts, log_info=False):
    """Returns stderr for the caller's own checks (with the info lines when
    `log_info`)."""
    path, r = short_routine(tmp)
    with Xvfb() as x:
        env = base_env(tmp)
        env["DISPLAY"] = x.display
        if log_info:
            env["SMR_LOG"] = "info"
        # The marker is step 5, the first of the second position: the first
        # position is done and must be recorded as done. No end: after the
        # marker the script is over and the app runs on. At --speed 10 the
        # session has 2.6 s left when the marker appears.
        proc = start([BINARY, path], env, tmp, session_script(r, end=(), marker_step=5), speed=10)
        wait_for_file(os.path.join(tmp, "shots", "running.png"), proc)
        how(proc, x)
        rc, _, err = finish(proc, timeout=10)
    no_sanitizer_report(err)
    check(rc == 0, f"exit status {rc}, wanted 0")
    check(not os.path.exists(os.path.join(tmp, "shots", "summary.png")), "the session ran to its end anyway")
    h = history(tmp)
    check(len(h) == 1, f"wanted one history line, got {h}")
    check(h[0]["ended_by"] == ended_by, f"ended_by {h[0]['ended_by']!r}, wanted {ended_by!r}")
    check(h[0]["positions_total"] == 2, f"positions_total {h[0]['positions_total']}")
    check(h[0]["positions_done"] == 1 and h[0]["positions_skipped"] == 0,
          f"positions done/skipped {h[0]['positions_done']}/{h[0]['positions_skipped']}, wanted 1/0")
    check(h[0]["elapsed_ms"] > 0, "no session time recorded")
    started = calendar.timegm(time.strptime(h[0]["started"], "%Y-%m-%dT%H:%M:%SZ"))
    check(abs(time.time() - started) < 120, f"started {h[0]['started']} is not about now (UTC)")
    return err


def case_sigint(tmp, opts):
    interrupted(tmp, lambda p, x: p.send_signal(signal.SIGINT), "signal", opts)


def case_sigterm(tmp, opts):
    interrupted(tmp, lambda p, x: p.send_signal(signal.SIGTERM), "signal", opts)


def case_window_closed(tmp, opts):
    if not opts.wm_close:
        raise Fail("no wm_close helper (libx11-dev missing at build time?)")

    def wm_close(proc, x):
        env = dict(os.environ, DISPLAY=x.display)
        res = subprocess.run([opts.wm_close, str(proc.pid), "5000"], env=env,
                             capture_output=True, text=True, timeout=10)
        check(res.returncode == 0, f"wm_close: {res.stderr.strip()}")

    # Issue 12: closing the window during a session asks first, as Escape
    # does (the session pauses), so one close no longer ends it; a second
    # close while it asks does, recorded as window-closed. (Before, the
    # first close ended the session at once.)
    def close_twice(proc, x):
        wm_close(proc, x)
        time.sleep(1.0)
        check(proc.poll() is None, "the first close ended the session without asking")
        wm_close(proc, x)
    err = interrupted(tmp, close_twice, "window-closed", opts, log_info=True)
    check(err.count("window: closing asked during the session") == 1,
          "the first close did not ask (or the second asked again)")
    check("screen: quit-confirm" in err, "the question was not shown")


# Where the app writes is made hostile inside a private mount namespace
# (unshare -rm: a user namespace, so no root needed): a tmpfs over
# XDG_STATE_HOME holding an old history, then made read-only or filled up.
# What is left there is copied out before the namespace goes away.
STATE_WRAPPER = r'''
set -e
state="$1"; out="$2"; mode="$3"; shift 3
mount -t tmpfs -o size=64k tmpfs "$state"
mkdir -p "$state/smr-timer"
printf '{"old":1}\n{"old":2}\n' > "$state/smr-timer/history.jsonl"
if [ "$mode" = ro ]; then
    mount -o remount,ro "$state"
else
    dd if=/dev/zero of="$state/smr-timer/filler" bs=4k 2>/dev/null || true
    dd if=/dev/zero of="$state/smr-timer/filler2" bs=1 2>/dev/null || true
fi
set +e
"$@"
rc=$?
ls -a "$state/smr-timer" > "$out/listing"
cp "$state/smr-timer/history.jsonl" "$out/history.jsonl"
exit $rc
'''


def unshare_works():
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0


def hostile_state(tmp, mode):
    if not unshare_works():
        print("SKIP: no user and mount namespaces here (unshare -rm)")
        return SKIP
    path, r = short_routine(tmp)
    state = os.path.join(tmp, "state")
    out = os.path.join(tmp, "out")
    os.makedirs(state)
    os.makedirs(out)
    env = base_env(tmp)
    env["SDL_VIDEODRIVER"] = "offscreen"  # no X inside the namespace needed
    wrapper = ["unshare", "-rm", "sh", "-c", STATE_WRAPPER, "sh", state, out, mode]
    rc, _, err = finish(start([BINARY, path], env, tmp, session_script(r), prefix=wrapper))
    no_sanitizer_report(err)
    check(rc == 0, f"exit status {rc}, wanted 0")
    check(os.path.exists(os.path.join(tmp, "shots", "summary.png")), "the session did not reach its summary")
    warnings = [l for l in stderr_lines(err) if "warning" in l]
    check(len(warnings) == 1, f"wanted one warning, got {len(warnings)}")
    check("history.jsonl" in warnings[0], "the warning does not name the history file")
    with open(os.path.join(out, "history.jsonl"), encoding="utf-8") as f:
        check(f.read() == '{"old":1}\n{"old":2}\n', "the old history was changed")
    with open(os.path.join(out, "listing"), encoding="utf-8") as f:
        names = [n for n in f.read().split() if n not in (".", "..", "history.jsonl", "filler", "filler2")]
    check(names == [], f"left behind: {names}")
    return 0


def case_readonly_state(tmp, opts):
    return hostile_state(tmp, "ro")


def case_full_state(tmp, opts):
    return hostile_state(tmp, "full")


CASES = {
    "no-display": case_no_display,
    "no-audio": case_no_audio,
    "no-font": case_no_font,
    "routine-deleted": case_routine_deleted,
    "routine-changed": case_routine_changed,
    "window-closed": case_window_closed,
    "sigint": case_sigint,
    "sigterm": case_sigterm,
    "readonly-state": case_readonly_state,
    "full-state": case_full_state,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("case", choices=sorted(CASES))
    ap.add_argument("--wm-close", help="path of the wm_close helper")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir")
    opts = ap.parse_args()
    if not BINARY or not os.access(BINARY, os.X_OK):
        print("SMR_BINARY is not set to the smr-timer binary", file=sys.stderr)
        return 1
    tmp = tempfile.mkdtemp(prefix=f"smr-fault-{opts.case}-")
    t0 = time.monotonic()
    try:
        rc = CASES[opts.case](tmp, opts) or 0
    except Fail as e:
        print(f"FAIL {opts.case}: {e} (files in {tmp})", file=sys.stderr)
        return 1
    if rc == 0:
        print(f"ok {opts.case} ({time.monotonic() - t0:.1f} s)")
    if not opts.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
