#!/usr/bin/env python3
"""plan_e2e.py - runs the real binary's `plan` on the default routine and
checks what a tool and a person get: phase order per position, positions,
sides, strips, the transitions between strips and legs, the total and the
cues of `--json`, the text layout, and the exit codes for an invalid file and
for misuse. Python stdlib only."""
import json
import os
import subprocess
import sys
import tempfile

BIN = os.environ["SMR_BINARY"]
ROOT = os.environ["SMR_SOURCE_ROOT"]
ROUTINE = os.path.join(ROOT, "routines", "hamstrings-spiky-ball.json")
CYCLE = ["place", "stretch", "hold", "relax", "move"]
POSITIONS = [10, 17, 24, 31]
STRIPS = ["outer", "middle", "inner"]

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=60)


def check_json():
    p = run("plan", "--json", ROUTINE)
    check(p.returncode == 0, f"plan --json exits 0, got {p.returncode}: {p.stderr}")
    check(p.stderr == "", f"plan --json says nothing on stderr: {p.stderr!r}")
    doc = json.loads(p.stdout)
    check(doc["routine"] == "hamstrings-spiky-ball", "routine id")
    steps = doc["steps"]
    check_transitions(steps)

    # Group the phase steps by (side, strip, pass, position) in timeline order.
    groups = []
    for s in steps:
        if s["type"] != "phase":
            continue
        key = (s["side"], s["strip_id"], s["pass"], s["position"])
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(s)
    check(len(groups) == 2 * 3 * 4, f"24 ball positions, got {len(groups)}")
    for n, (key, phases) in enumerate(groups):
        side, strip, _, pos = key
        check(side == ("left" if n < 12 else "right"), f"position {n}: side {side}")
        check(strip == STRIPS[(n // 4) % 3], f"position {n}: strip {strip}")
        check(phases[0]["line"] == strip, f"position {n}: diagram line {phases[0]['line']}")
        check(pos == n % 4 and phases[0]["cm"] == POSITIONS[n % 4],
              f"position {n}: at {phases[0]['cm']} cm")
        last = pos == 3
        kinds = [s["kind"] for s in phases]
        want = CYCLE[:-1] if last else CYCLE
        check(kinds == want, f"position {n}: phases {kinds}, want {want}")
        for s in phases:
            nxt = None if last else POSITIONS[pos + 1]
            check(s["next_cm"] == nxt, f"step {s['index']}: next_cm {s['next_cm']}")

    # Times: back to back after the lead-in; total = lead-in + every duration.
    t = doc["lead_in_ms"]
    check(t == 3000, f"lead-in 3000 ms, got {t}")
    for i, s in enumerate(steps):
        check(s["index"] == i, f"step index {s['index']} at {i}")
        check(s["start_ms"] == t, f"step {i} starts at {s['start_ms']}, want {t}")
        t += s["duration_ms"]
    check(doc["total_ms"] == t, f"total {doc['total_ms']} == lead-in + durations {t}")
    # 12:12 of phases, 4 changes of strip (10 s) and one of legs (20 s), the lead-in
    check(doc["total_ms"] == 795000, f"default routine lasts 13:15, got {doc['total_ms']} ms")

    # Cues: in time order, one phase_start per step at its start, one session_done at the end.
    cues = doc["cues"]
    times = [c["t_ms"] for c in cues]
    check(times == sorted(times), "cues in time order")
    starts = [c for c in cues if c["type"] == "phase_start"]
    check([c["step"] for c in starts] == list(range(len(steps))), "one phase_start per step")
    check(all(c["t_ms"] == steps[c["step"]]["start_ms"] for c in starts), "phase_start at step start")
    done = [c for c in cues if c["type"] == "session_done"]
    check(len(done) == 1 and done[0]["t_ms"] == doc["total_ms"], "session_done at the total")
    for c in cues:
        if c["type"] == "tick" and not c["lead_in"]:
            s = steps[c["step"]]
            check(c["t_ms"] == s["start_ms"] + s["duration_ms"] - 1000 * c["value"],
                  f"tick {c} lands on a whole second before its phase ends")
    check(sum(1 for c in cues if c["type"] == "side_done") == 2, "two side_done cues")
    return doc


def check_transitions(steps):
    """A change before every strip but the first, at the first position of the
    strip it leads to, right before that position's first phase."""
    trans = [s for s in steps if s["type"] == "transition"]
    want = [("left", "middle", "change-strip"), ("left", "inner", "change-strip"),
            ("right", "outer", "change-side"), ("right", "middle", "change-strip"),
            ("right", "inner", "change-strip")]
    got = [(s["side"], s["strip_id"], s["kind"]) for s in trans]
    check(got == want, f"transitions {got}, want {want}")
    check(all(s["type"] in ("phase", "transition") for s in steps), "every step has a type")
    for s in trans:
        i = s["index"]
        nxt = steps[i + 1]
        check(nxt["type"] == "phase" and nxt["kind"] == CYCLE[0], f"step {i}: a phase follows")
        check((s["side"], s["strip_id"], s["pass"], s["position"], s["cm"], s["next_cm"]) ==
              (nxt["side"], nxt["strip_id"], nxt["pass"], nxt["position"], nxt["cm"], nxt["next_cm"]),
              f"step {i}: at the position it leads to")
        check(s["position"] == 0 and s["cm"] == POSITIONS[0], f"step {i}: to the strip's first position")
        check(s["phase"] is None and s["countdown"] == 3, f"step {i}: no phase, a 3 s countdown")
        side = s["kind"] == "change-side"
        check(s["duration_ms"] == (20000 if side else 10000), f"step {i}: lasts {s['duration_ms']}")
        check(s["title"] == ("Change legs" if side else "Change strip"), f"step {i}: title {s['title']}")
        where = f"{s['strip_id']} strip, {POSITIONS[0]} cm above the knee crease."
        check(s["instruction"].endswith(where), f"step {i}: says where: {s['instruction']!r}")
    check(all(s["instruction"] for s in steps), "every step has an instruction")


def check_text(doc):
    p = run("plan", ROUTINE)
    check(p.returncode == 0, f"plan exits 0, got {p.returncode}")
    out = p.stdout
    lines = out.splitlines()
    check(lines[0] == "Hamstrings: pin and stretch with a spiky ball", f"title first: {lines[0]!r}")
    check("Total: 13:15" in out, "the total as m:ss")
    check("Ball positions: 24" in out, "the number of ball positions")
    # Sides, strips and positions appear in order as headings.
    order = [ln.strip() for ln in lines if ln.strip() in ("Left leg", "Right leg")]
    check(order == ["Left leg", "Right leg"], f"side headings {order}")
    strips = [ln.strip().split(" (")[0] for ln in lines if ln.startswith("  ") and "pass 1 of 1" in ln]
    check(strips == ["Outer strip", "Middle strip", "Inner strip"] * 2, f"strip headings {strips}")
    # each in the diagram's landmarks, as the session screen says it
    balls = [ln.strip().split(" (")[0] for ln in lines if ln.strip().startswith("Ball at ")]
    check(balls == [f"Ball at {cm} cm above the knee crease" for cm in POSITIONS] * 6,
          f"ball position headings {balls[:3]}")
    # One line per step with its m:ss start and duration, agreeing with --json.
    step_lines = [ln for ln in lines if ln.startswith("      ") and " s  " in ln]
    check(len(step_lines) == len(doc["steps"]), f"{len(step_lines)} step lines")
    for ln, s in zip(step_lines, doc["steps"]):
        start = s["start_ms"] // 1000
        want = f"{start // 60}:{start % 60:02d}"
        fields = ln.split()
        check(fields[0] == want and fields[1] == str(s["duration_ms"] // 1000) and fields[2] == "s",
              f"step line {ln!r} vs {want} {s['duration_ms']}")
        check(s["title"] in ln, f"title {s['title']} in {ln!r}")
        if s["type"] == "transition":
            check(ln.endswith("  " + s["instruction"]), f"transition line says where: {ln!r}")
    # A change is listed under the strip and position it leads to.
    for k, ln in enumerate(lines):
        if "Change strip" in ln or "Change legs" in ln:
            check(lines[k - 1].strip().startswith(f"Ball at {POSITIONS[0]} cm above"),
                  f"heading before {ln!r}")


def check_other_diagrams():
    """The calf's and the front of the thigh's plans say their own landmarks:
    the calf counts down from the knee crease, the front of the thigh up
    from the bottom of the kneecap; never the back of the thigh's words."""
    for name, first, move in (
            ("calves-spiky-ball", "Ball at 8 cm below the knee crease (about a hand's width)",
             "Move the ball to the outer strip, 8 cm below the knee crease."),
            ("quadriceps-spiky-ball",
             "Ball at 11 cm above the bottom of the kneecap (about a hand's width above its top edge)",
             "Move the ball to the middle strip, 11 cm above the bottom of the kneecap.")):
        p = run("plan", os.path.join(ROOT, "routines", name + ".json"))
        check(p.returncode == 0, f"plan {name} exits 0")
        balls = [ln.strip() for ln in p.stdout.splitlines() if ln.strip().startswith("Ball at ")]
        check(balls and balls[0] == first, f"{name}: first heading {balls[:1]}")
        check(move in p.stdout, f"{name}: the change of strip says {move!r}")
        check("above the knee crease" not in p.stdout, f"{name}: not the back of the thigh's words")


def check_errors():
    with tempfile.TemporaryDirectory() as d:
        src = json.load(open(ROUTINE, encoding="utf-8"))
        src["strips"][0]["start_cm"] = 4
        bad = os.path.join(d, "bad.json")
        with open(bad, "w", encoding="utf-8") as f:
            json.dump(src, f)
        p = run("plan", bad)
        check(p.returncode == 1, f"invalid routine exits 1, got {p.returncode}")
        check(p.stdout == "", "no plan for an invalid routine")
        check("strips[0].start_cm" in p.stderr, f"the problem named: {p.stderr!r}")
        c = run("check", bad)
        check(c.stderr == p.stderr, "plan prints the same lines as check")
        p = run("plan", os.path.join(d, "missing.json"))
        check(p.returncode == 1, f"missing file exits 1, got {p.returncode}")
    p = run("plan")
    check(p.returncode == 2, f"plan without a file exits 2, got {p.returncode}")
    p = run("plan", ROUTINE, ROUTINE)
    check(p.returncode == 2, f"two files exit 2, got {p.returncode}")
    p = run("plan", "--bogus", ROUTINE)
    check(p.returncode == 2 and "--bogus" in p.stderr, f"unknown option exits 2: {p.stderr!r}")
    p = run("plan", "--help")
    check(p.returncode == 0 and "--json" in p.stdout, "plan --help")
    p = run("plan", ROUTINE, "--json")
    check(p.returncode == 0 and p.stdout.startswith("{"), "options after the file")


doc = check_json()
check_text(doc)
check_other_diagrams()
check_errors()
if failures:
    print(f"{len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
print("plan e2e: all checks passed")
