"""A prepared history for the app's ratings and history tests: sessions
written as src/session/history.c writes them, into the state folder that
smrapp.run() gives the program (WORKDIR/state)."""
import datetime
import json
import os

ROUTINE_ID = "hamstrings-spiky-ball"
TITLE = "Hamstrings: pin and stretch with a spiky ball"
# What history.c writes for how a session ended; None: killed (no field).
ENDS = ["done", "quit", "done", "red-flag", None, "window-closed", "signal"]


def entry(i, days_ago, routine_id=ROUTINE_ID, title=TITLE, before=None, after=None, ended="done"):
    t = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days_ago)
    e = {"session": "prep-%02d" % i, "routine_id": routine_id,
         "routine_file": "/prepared/%s.json" % routine_id, "title": title,
         "target": "hamstrings", "sides": ["left", "right"],
         "started": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "elapsed_ms": 600000 + 1000 * i,
         "positions_done": 24, "positions_skipped": 0, "positions_total": 24}
    if ended:
        e["ended_by"] = ended
    if before is not None:
        e["tightness_before"] = before
    if after is not None:
        e["tightness_after"] = after
    return json.dumps(e)


def write(workdir, lines):
    """WORKDIR/state/smr-timer/history.jsonl holding `lines`; returns its path."""
    d = os.path.join(workdir, "state", "smr-timer")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "history.jsonl")
    with open(path, "w") as f:
        f.write("".join(line + "\n" for line in lines))
    return path


def read(workdir):
    """The history's session records (damaged lines left out)."""
    path = os.path.join(workdir, "state", "smr-timer", "history.jsonl")
    out = []
    with open(path) as f:
        for line in f:
            try:
                out.append(json.loads(line))
            except ValueError:
                pass
    return out


_layouts = {}


def layout(window="1024x720"):
    """Where the overview's and the summary's buttons are at this window
    size, read from what the program logs (rating: ... value0= step= skip=,
    summary: button LABEL at X,Y) in one run to the summary and back out.
    Returns {"before": (x0, y, step, skip), "after": ..., "History (H)": (x, y), ...}."""
    import re
    import tempfile
    import smrapp
    if window in _layouts:
        return _layouts[window]
    # The waits let each screen be drawn (prepared) before the next key.
    script = (smrapp.answer_all_no() + "key Return\nwait-screen overview\nwait 200\nkey Return\n"
              "wait-done\nwait-screen summary\nwait 200\nkey Return\n")
    r = smrapp.run(script, window=window, speed=400,
                   workdir=tempfile.mkdtemp(prefix="smr-layout-"), timeout=60)
    out = {}
    for when, x, y, step, sx, sy in re.findall(
            r"rating: (before|after) value0=(\d+),(\d+) step=(\d+) skip=(\d+),(\d+)", r.log):
        out[when] = (int(x), int(y), int(step), (int(sx), int(sy)))
    for label, x, y in re.findall(r"summary: button (.+?) at (\d+),(\d+)", r.log):
        out[label] = (int(x), int(y))
    if "before" not in out or "after" not in out:
        raise RuntimeError("no rating layout in the log:\n" + r.log)
    _layouts[window] = out
    return out
