#!/usr/bin/env python3
"""`smr-timer list` and routines named by id, on the real binary.

- list: one line a routine, six tab-separated fields, grouped by body area
  (back of the thigh, front, calf), bundled before the user's own, files
  that do not load last with their first error; its times and positions
  are what `check` says.
- by id: check, plan and the app itself take an id (bundled or the user's
  own) as they take a path; an unknown id is refused with "did you mean"
  before any window opens.
- a session on each new diagram, left and right leg, 800x600 and 1920x1080:
  the ball is drawn where the table maps the position.
Environment (from tests/meson.build): SMR_BINARY, SMR_SOURCE_ROOT, SMR_DUMP_TABLE."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.environ["SMR_SOURCE_ROOT"]
sys.path.insert(0, os.path.join(ROOT, "tests", "app"))
import smrapp  # noqa: E402

BINARY = os.environ["SMR_BINARY"]
BUNDLED = ["hamstrings-post-run", "hamstrings-spiky-ball", "quadriceps-post-run",
           "quadriceps-spiky-ball", "calves-post-run", "calves-spiky-ball"]
AREAS = ["back-of-thigh", "front-of-thigh", "calf"]
BALL_FILL = (22, 112, 232)  # diagram_view.c's ball, drawn nowhere else


def own_routine(id_, diagram="calves-back", line="outer", cm=12, sides=("left",), **extra):
    """A small valid routine, as a dict."""
    r = {"format": "smr-routine/1", "id": id_, "title": "Own " + id_, "description": "D",
         "language": "en", "target": "t", "diagram": diagram, "sides": list(sides),
         "equipment": ["Ball"], "setup": ["Sit."],
         "cycle": [{"kind": "stretch", "title": "S", "instruction": "S.", "duration_s": 4},
                   {"kind": "hold", "title": "H", "instruction": "H.", "duration_s": 11}],
         "strips": [{"id": "s", "label": "S", "muscles": ["m"], "line": line,
                     "positions_cm": [cm]}]}
    r.update(extra)
    return r


class Library(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="smr-library-e2e-")
        self.data = os.path.join(self.tmp, "data")
        self.own = os.path.join(self.data, "smr-timer", "routines")
        os.makedirs(self.own)
        self.env = dict(os.environ, XDG_DATA_HOME=self.data)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_cli(self, *args):
        p = subprocess.run([BINARY] + list(args), env=self.env, capture_output=True, text=True,
                           timeout=30, stdin=subprocess.DEVNULL)
        return p.returncode, p.stdout, p.stderr

    def write(self, name, routine):
        with open(os.path.join(self.own, name), "w") as f:
            f.write(routine if isinstance(routine, str) else json.dumps(routine))

    def listed(self):
        rc, out, err = self.run_cli("list")
        self.assertEqual((rc, err), (0, ""), out)
        rows = [line.split("\t") for line in out.splitlines()]
        for row in rows:
            self.assertEqual(len(row), 6, row)
        return rows

    def test_bundled_list_agrees_with_check(self):
        rows = self.listed()
        self.assertEqual([r[1] for r in rows], BUNDLED)
        self.assertEqual([r[0] for r in rows], [a for a in AREAS for _ in range(2)])
        for area, id_, time, positions, title, path in rows:
            self.assertEqual(path, os.path.join(ROOT, "routines", id_ + ".json"))
            rc, out, err = self.run_cli("check", path)
            self.assertEqual(out.strip(), "%s: ok, %s positions, %s" % (path, positions, time))
            with open(path) as f:
                self.assertEqual(json.load(f)["title"], title)

    def test_own_routines_grouped_and_invalid_ones_shown(self):
        self.write("mine.json", own_routine("my-calves", next=["quadriceps-post-run"]))
        self.write("thigh.json", own_routine("my-hamstrings", "hamstrings-back", "middle", 20))
        self.write("bad.json", own_routine("bad", "hamstrings-back", "outer", 4))
        self.write("typo.json", own_routine("typo", next=["calves-spiky-bal"]))
        self.write("broken.json", "{\"format\": ")
        self.write("README.txt", "not a routine")
        rows = self.listed()
        ids = [r[1] for r in rows]
        self.assertEqual(ids[:7], BUNDLED[:2] + ["my-hamstrings"] + BUNDLED[2:4] + BUNDLED[4:6])
        self.assertEqual(ids[7], "my-calves")
        self.assertEqual(rows[7][:4], ["calf", "my-calves", "0:18", "1"])
        self.assertEqual(rows[7][5], os.path.join(self.own, "mine.json"))
        invalid = {r[1]: r for r in rows[8:]}
        self.assertEqual(sorted(invalid), ["bad", "broken", "typo"])
        for r in rows[8:]:
            self.assertEqual((r[0], r[2], r[3]), ("invalid", "-", "-"))
        self.assertIn("4 cm is inside the no-go zone at the hollow behind the knee", invalid["bad"][4])
        self.assertIn('did you mean "calves-spiky-ball"?', invalid["typo"][4])
        self.assertIn("the file ends too early", invalid["broken"][4])

    def test_list_misuse_and_help(self):
        rc, out, err = self.run_cli("list", "extra")
        self.assertEqual(rc, 2)
        self.assertIn("--help", err)
        rc, out, err = self.run_cli("list", "--help")
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("AREA ID TIME POSITIONS TITLE PATH", out)

    def test_ids_on_the_command_line(self):
        path = os.path.join(ROOT, "routines", "quadriceps-spiky-ball.json")
        by_id = self.run_cli("plan", "quadriceps-spiky-ball", "--json")
        by_path = self.run_cli("plan", path, "--json")
        self.assertEqual(by_id[0], 0, by_id[2])
        self.assertEqual(by_id, by_path)
        self.write("x.json", own_routine("my-calves"))
        rc, out, err = self.run_cli("check", "my-calves", "calves-spiky-ball")
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual([line.split(":")[0] for line in out.splitlines()],
                         ["my-calves", "calves-spiky-ball"])
        # an unknown id: one line, a suggestion, no window
        for args in (["calves-spiky-bal"], ["plan", "calves-spiky-bal"]):
            rc, out, err = self.run_cli(*args)
            self.assertEqual((rc, out), (1, ""), err)
            self.assertEqual(err.splitlines(), [
                'calves-spiky-bal: no routine has the id "calves-spiky-bal", and there is no '
                'such file; did you mean "calves-spiky-ball"?'])
        # a next that names no routine refuses the routine, wherever it is
        self.write("y.json", own_routine("lost", next=["hamstring-post-run"]))
        rc, out, err = self.run_cli("check", os.path.join(self.own, "y.json"))
        self.assertEqual(rc, 1)
        self.assertIn('next[0]: no routine has the id "hamstring-post-run"; did you mean '
                      '"hamstrings-post-run"?', err)

    def test_app_starts_by_id(self):
        self.write("z.json", own_routine("my-quads", "quadriceps-front", "middle", 20))
        os.environ["XDG_DATA_HOME"] = self.data
        for routine, first_cm in (("quadriceps-spiky-ball", "11.00"), ("my-quads", "20.00")):
            script = ("wait-screen checklist\n" + smrapp.answer_all_no() +
                      "key Return\nwait-screen overview\nkey Return\nwait-screen session\n"
                      "wait-step 1\nquit\n")
            r = smrapp.run(script, routine=routine, speed=20, workdir=tempfile.mkdtemp(dir=self.tmp))
            self.assertEqual(r.status, 0, r.log)
            self.assertIn("session", r.screens(), r.log)
            balls = r.ball_lines()
            self.assertTrue(balls, r.log)
            self.assertEqual(balls[0]["cm"], first_cm, r.log)


def diagram_table():
    """The program's diagram table, as tests/diagram/dump_table prints it."""
    dump = os.environ["SMR_DUMP_TABLE"]
    return {d["name"]: d for d in json.loads(subprocess.run([dump], capture_output=True, text=True,
                                                            check=True).stdout)}


class SessionsOnTheNewDiagrams(unittest.TestCase):
    """A session on each new diagram, both legs, two window sizes: the ball
    is where the table maps the first position (screenshots kept in
    SMR_SHOTS_KEEP, if set, for looking at)."""

    def test_ball_where_the_table_says(self):
        table = diagram_table()
        keep = os.environ.get("SMR_SHOTS_KEEP")
        tmp = tempfile.mkdtemp(prefix="smr-diagram-sessions-")
        try:
            for diagram, line, cm in (("quadriceps-front", "inner", 11),
                                      ("calves-back", "middle", 18)):
                for side in ("left", "right"):
                    path = os.path.join(tmp, "%s-%s.json" % (diagram, side))
                    with open(path, "w") as f:
                        json.dump(own_routine("shot", diagram, line, cm, sides=(side,)), f)
                    for window in ("800x600", "1920x1080"):
                        self.one_session(table[diagram], path, line, cm, side, window, tmp, keep)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def one_session(self, d, path, line, cm, side, window, tmp, keep):
        script = ("wait-screen checklist\n" + smrapp.answer_all_no() +
                  "key Return\nwait-screen overview\nkey Return\nwait-screen session\n"
                  "wait-step 1\nscreenshot shot\nquit\n")
        r = smrapp.run(script, routine=path, window=window, speed=5,
                       workdir=tempfile.mkdtemp(dir=tmp))
        self.assertEqual(r.status, 0, r.log)
        ball = r.ball_lines()[-1]
        self.assertEqual(float(ball["cm"]), cm)
        ax, ay, aw, ah = (int(v) for v in ball["diagram_area"].split(","))
        s = min(aw / 400.0, ah / 800.0)
        ox, oy = ax + (aw - 400 * s) / 2, ay + (ah - 800 * s) / 2
        ln = next(x for x in d["lines"] if x["id"] == line)
        x = ln["x_knee"] + (ln["x_far"] - ln["x_knee"]) * cm / d["far_cm"]
        if side == "right":
            x = 400 - x
        y = d["knee_y"] - cm * d["units_per_cm"]
        want = (ox + x * s, oy + y * s)
        got = tuple(float(v) for v in ball["ball_px"].split(","))
        self.assertAlmostEqual(got[0], want[0], delta=0.6)
        self.assertAlmostEqual(got[1], want[1], delta=0.6)
        img = smrapp.read_png(os.path.join(r.shots, "shot.png"))
        px = img.px(int(round(got[0])), int(round(got[1])))
        self.assertTrue(all(abs(a - b) <= 6 for a, b in zip(px, BALL_FILL)), (px, d["name"], side))
        if keep:
            os.makedirs(keep, exist_ok=True)
            shutil.copy(os.path.join(r.shots, "shot.png"),
                        os.path.join(keep, "%s-%s-%s.png" % (d["name"], side, window)))


if __name__ == "__main__":
    unittest.main(verbosity=2)
