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
