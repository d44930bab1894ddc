#!/usr/bin/env python3
"""kill_e2e.py app | session DRIVER - sessions killed with SIGKILL at random
moments, many times over (30 kills, a few sessions let run to their end,
well under a minute), each into the same history file. After every kill:

- the file reads back whole: every line a JSON object (a kill never leaves
  half a write), and the file before the session is, byte for byte, the
  start of the file after it (no earlier entry changed or lost);
- a session that ran to its end has its line, "done", every position;
- `smr-timer history --csv` reads it without a warning;
- no temp file is left once the next session has written.

`session` runs the session controller itself (session_driver.c), which
says on stdout what it has made durable: after "session ID" the line must
be there, after "done N" it must say at least N positions. `app` runs the
real binary headless (SMR_AUDIO=null, offscreen video, --speed, a script
that answers the checklist and starts): where the app keeps a line for a
session under way, it must hold every position the app said it recorded
("history: N of M positions recorded"), and all but at most the last the
app had moved past before the kill (from its log and `plan --json`): the
record of a new position is written once its frame is up, so a kill in
that frame finds the one before; and every killed session that got under
way (the app said it recorded its start, which it writes once the
session's first frame is up) must have one, not just some.

Exit status: 0 pass, 1 fail."""
import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "app"))
import smrapp  # noqa: E402  (the shared way to answer the checklist)
import wf_routines  # noqa: E402

BINARY = os.environ.get("SMR_BINARY", "smr-timer")
KILLS = 30
COMPLETE_EVERY = 8   # every 8th session runs to its end
SPEED = 60
BUDGET_S = 55


class Fail(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)


def short_routine(tmp):
    """One leg, one strip, three positions: about 1.5 s at SPEED."""
    r = wf_routines.bundled()
    r.pop("$schema", None)
    r["id"] = "kill-test"
    r["sides"] = ["left"]
    strip = dict(r["strips"][0], start_cm=10, end_cm=24, move_cm=7)
    r["strips"] = [strip]
    return wf_routines.write(os.path.join(tmp, "short.json"), r), r


def read_history(path):
    if not os.path.exists(path):
        return b"", []
    with open(path, "rb") as f:
        raw = f.read()
    lines = []
    for n, line in enumerate(raw.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            raise Fail(f"line {n} is not JSON after a kill: {line[:120]!r}")
        check(isinstance(obj, dict), f"line {n} is not an object")
        lines.append(obj)
    check(raw == b"" or raw.endswith(b"\n"), "the file does not end with a newline")
    return raw, lines


def read_until(proc, deadline, on_line):
    """Feeds proc's stdout lines to on_line until the deadline or its end."""
    buf = b""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if not ready:
            return
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            return
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            on_line(line.decode("utf-8", "replace"))


def stop(proc, complete):
    if complete:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise Fail("a session that should run to its end did not end")
    else:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    proc.stdout.close()


# ---- the session controller -------------------------------------------------

def run_session(driver, routine, env, complete, delay):
    proc = subprocess.Popen([driver, routine, str(SPEED)], env=env, stdout=subprocess.PIPE)
    said = {"session": None, "done": 0, "end": False}

    def on_line(line):
        word, _, rest = line.partition(" ")
        if word == "session":
            said["session"] = rest
        elif word == "done":
            said["done"] = int(rest)
        elif word == "end":
            said["end"] = True
    read_until(proc, time.monotonic() + (30 if complete else delay), on_line)
    stop(proc, complete)
    return said


def check_session_line(lines, said, total, complete):
    if not said["session"]:
        return False  # killed before the start's write was reported
    mine = [x for x in lines if x.get("session") == said["session"]]
    check(len(mine) == 1, f"session {said['session']}: {len(mine)} lines, wanted 1")
    e = mine[0]
    check(e["positions_done"] >= said["done"],
          f"the line says {e['positions_done']} done, the session had made {said['done']} durable")
    check(e["positions_done"] <= total, "more positions done than there are")
    if complete:
        check(said["end"] and e["ended_by"] == "done" and e["positions_done"] == total,
              f"a finished session's line: {e}")
    elif not said["end"]:
        check(e["ended_by"] is None, f"a killed session's line says it ended: {e}")
    return True


# ---- the app ------------------------------------------------------------------

def app_script(complete):
    lines = ["wait-screen checklist"] + smrapp.answer_all_no().splitlines()
    lines += ["key Return", "wait-screen overview", "key Return", "wait-screen session"]
    if complete:
        lines += ["wait-done", "quit"]
    return "\n".join(lines) + "\n"


def position_order(routine):
    """Timeline step -> the ordinal of its ball position, from plan --json."""
    plan = json.loads(subprocess.run([BINARY, "plan", routine, "--json"], capture_output=True,
                                     text=True, check=True).stdout)
    order, seen = [], {}
    for s in plan["steps"]:
        key = (s["side"], s["strip"], s["pass"], s["position"])
        seen.setdefault(key, len(seen))
        order.append(seen[key])
    return order


def run_app(tmp, routine, env, complete, delay, n):
    script = os.path.join(tmp, f"script{n}.txt")
    with open(script, "w") as f:
        f.write(app_script(complete))
    cmd = [BINARY, "--script", script, "--window", "640x480", "--no-voice", "--speed", str(SPEED),
           routine]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    said = {"session": False, "last_step": None, "recorded": 0, "started": False}

    def on_line(line):
        if " screen: session" in line:
            said["session"] = True
        if " session: step=" in line:
            said["last_step"] = int(line.split(" session: step=", 1)[1].split()[0])
        if " history: " in line and " positions recorded" in line:
            said["recorded"] = int(line.split(" history: ", 1)[1].split()[0])
            said["started"] = True
    read_until(proc, time.monotonic() + (30 if complete else delay), on_line)
    stop(proc, complete)
    return said


# ---- the loop -----------------------------------------------------------------

def main():
    mode = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="smr-kill-")
    routine, _ = short_routine(tmp)
    total = 3
    env = dict(os.environ, XDG_STATE_HOME=os.path.join(tmp, "state"), HOME=tmp, SMR_AUDIO="null",
               SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software", SMR_LOG="info",
               DBUS_SESSION_BUS_ADDRESS="disabled:")
    env.pop("DISPLAY", None)
    history = os.path.join(tmp, "state", "smr-timer", "history.jsonl")
    order = position_order(routine) if mode == "app" else None
    rng = random.Random(int(os.environ.get("SMR_KILL_SEED", time.time())))
    start = time.monotonic()
    kills = done = under_way = recorded = 0
    n = 0
    last_complete = False
    try:
        while kills < KILLS or not last_complete:
            check(time.monotonic() - start < BUDGET_S, f"over {BUDGET_S} s after {kills} kills")
            n += 1
            # The last run ends the session, so that its write finds any
            # temp file a kill left and clears it.
            complete = n % COMPLETE_EVERY == 0 or kills == KILLS
            last_complete = complete
            before, _ = read_history(history)
            delay = rng.uniform(0.05, 1.5)
            if mode == "session":
                said = run_session(sys.argv[2], routine, env, complete, delay)
            else:
                said = run_app(tmp, routine, env, complete, delay, n)
            after, lines = read_history(history)
            check(after.startswith(before), f"run {n}: an earlier entry changed or went")
            if mode == "session":
                recorded += check_session_line(lines, said, total, complete) and not complete
            else:
                new = after[len(before):].strip().split(b"\n") if after != before else []
                check(len(new) <= 1, f"run {n}: {len(new)} new lines")
                entry = json.loads(new[0]) if new else None
                finished = entry is not None and entry["ended_by"] == "done"
                if finished:
                    check(entry["positions_done"] == total, f"run {n}: a finished session's line: {entry}")
                check(finished or not complete, f"run {n}: a finished session's line: {entry}")
                if not finished and said["last_step"] is not None:
                    # Under way once the start's record is reported: it is
                    # written after the session's first frame is up, so a
                    # kill during that frame (which logs "step=") has none.
                    under_way += said["started"]
                    if entry:
                        recorded += said["started"]
                        check(entry["ended_by"] is None, f"run {n}: a killed session ended: {entry}")
                        check(entry["positions_done"] >= said["recorded"],
                              f"run {n}: {entry['positions_done']} done in the line, the app had "
                              f"recorded {said['recorded']}")
                        check(entry["positions_done"] >= order[said["last_step"]] - 1,
                              f"run {n}: {entry['positions_done']} done in the line, the app had "
                              f"moved past {order[said['last_step']]}")
            done += complete
            kills += not complete
        csv = subprocess.run([BINARY, "history", "--csv"], env=env, capture_output=True)
        check(csv.returncode == 0 and csv.stderr == b"", f"history --csv: {csv.stderr}")
        rows = csv.stdout.strip().split(b"\r\n")
        check(len(rows) == 1 + len(read_history(history)[1]),
              f"history --csv has {len(rows) - 1} sessions, the file {len(read_history(history)[1])}")
        if mode == "app":
            # Either the app keeps a line for a session under way or it does not
            # (it writes once at the end): never for some kills and not others.
            check(recorded in (0, under_way),
                  f"{recorded} of {under_way} killed sessions under way left a line")
        temps = [x for x in os.listdir(os.path.dirname(history)) if x.startswith(".history.jsonl.")]
        check(temps == [], f"temp files left: {temps}")
        print(f"{kills} kills, {done} sessions to their end, {recorded} killed sessions kept "
              f"their line{'' if mode == 'session' else f' (of {under_way} under way)'}, "
              f"{time.monotonic() - start:.1f} s")
        if mode == "app" and recorded == 0:
            print("NOTE: this app writes a session's line only at its end (the screens do not "
                  "use the session controller yet); kill_e2e.py session covers the rest")
    except Fail as e:
        print(f"FAIL: {e}")
        print(f"history kept in {tmp}")
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
