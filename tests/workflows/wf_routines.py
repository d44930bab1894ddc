"""Routines the workflow tests make: the bundled one cut to size, and the
largest routines the format allows (every list at its longest, every text at
its byte limit, as many ball positions as the safety rules let a diagram
hold), built from the numbers in src/routine/limits.c and diagram.c so that
they stay the largest."""
import json
import os

SOURCE_ROOT = os.environ.get("SMR_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))

# From src/routine/limits.c and diagram.c (test_schema keeps schema.json and
# the table agreeing; these are the table's numbers).
STRING_BYTES = 500
LIST_ITEMS = 20
PHASES = 12
STRIPS = 20
POSITIONS = 200
WORK_MIN_CM, WORK_MAX_CM = 8, 33
BALL_PATCH_CM = 2     # the ball's centre keeps this far inside the area, off the zone
LINE_PASSES = 2       # a line of the diagram is worked at most twice a session
MOVE_MIN_CM = 3
# `next` names routine ids that exist: the other bundled routines.
BUNDLED_IDS = ["calves-post-run", "calves-spiky-ball", "hamstrings-post-run",
               "quadriceps-post-run", "quadriceps-spiky-ball"]


def bundled():
    with open(os.path.join(SOURCE_ROOT, "routines", "hamstrings-spiky-ball.json"), encoding="utf-8") as f:
        return json.load(f)


def text(label, n=STRING_BYTES, words=True):
    """Exactly n bytes of UTF-8 text starting with `label`: words of mixed
    length with accented letters, or (words=False) one unbroken word."""
    filler = " Zoë stretches gently, längere Wörter und überall Umlaute" if words else "x"
    s = label
    while len(s.encode()) < n:
        s += filler
    b = s.encode()[:n]
    while True:
        try:
            return b.decode()
        except UnicodeDecodeError:
            b = b[:-1] + b" "


def largest(sides=("left", "right"), same_line=False):
    """The largest routine: every line worked twice (two strips each, or two
    strips on the one line), positions 3 cm apart over the whole working
    area less the ball's patch, every text 500 bytes."""
    r = bundled()
    r.pop("$schema", None)
    r["id"] = "l" + "a" * 63
    for key in ("title", "description", "target", "therapist_note", "prepared_for", "prepared_by"):
        r[key] = text(key.capitalize() + ":", words=key != "target")
    r["prepared_on"] = "2024-02-29"
    r["sides"] = list(sides)
    r["equipment"] = [text(f"Equipment {i}:") for i in range(LIST_ITEMS)]
    r["setup"] = [text(f"Setup {i}:") for i in range(LIST_ITEMS)]
    kinds = ["place", "stretch", "hold"] + ["relax"] * (PHASES - 4) + ["move"]
    r["cycle"] = [{"kind": k, "title": text(f"Phase {i}"), "instruction": text(f"Do {i}:"),
                   "duration_s": 11 if k == "hold" else 1, "countdown": 1}
                  for i, k in enumerate(kinds)]
    lines = ["outer", "middle", "inner"]
    r["strips"] = []
    n_strips = LINE_PASSES * (1 if same_line else len(lines))
    for i in range(n_strips):
        start = WORK_MIN_CM + BALL_PATCH_CM
        fits = (WORK_MAX_CM - BALL_PATCH_CM - start) // MOVE_MIN_CM + 1
        per_strip = min(fits, POSITIONS // len(sides) // n_strips)
        positions = [start + MOVE_MIN_CM * k for k in range(per_strip)]
        r["strips"].append({"id": f"s{i}", "label": text(f"Strip {i}:"),
                            "muscles": [text(f"Muscle {i}.{m}") for m in range(LIST_ITEMS)],
                            "line": "outer" if same_line else lines[i % 3],
                            "positions_cm": positions})
    r["checklist"] = [{"id": f"c{i}", "scope": "global" if i % 2 else "local",
                       "question": text(f"Question {i}?"), **({} if i % 2 else {"area": text(f"Area {i}")})}
                      for i in range(LIST_ITEMS)]
    r["next"] = list(BUNDLED_IDS)
    return r


def write(path, r):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(r, f, indent=1, ensure_ascii=False)
    return path


if __name__ == "__main__":
    # wf_routines.py BOTH.json RIGHT.json: the largest routines as files
    # (meson makes them for test_handout): both legs on three lines, and the
    # right leg alone with every strip on one line.
    import sys
    write(sys.argv[1], largest())
    write(sys.argv[2], largest(sides=("right",), same_line=True))
