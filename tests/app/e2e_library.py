"""The app without a routine on the command line: the library screen lists
the bundled routines and the user's own (an invalid one with its first
error), a routine is started from it by keyboard and by mouse and runs to
its summary, a file dropped on the window opens (an invalid one shows its
errors, then leads back), a drop during a session is ignored, and a Next
button on the summary opens the next routine asking only the questions
about its body area. Each case runs in its own temp XDG_DATA_HOME and
XDG_STATE_HOME (smrapp.run)."""
import json
import os
import re
import shutil
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import smrapp  # noqa: E402


def run(script, **kw):
    """smrapp.run with the user's routines of the work dir, never the caller's."""
    return smrapp.run(script, own_data=True, **kw)


ROUTINES = os.path.join(smrapp.SOURCE_ROOT, "routines")
BUNDLED_ALL = sorted(f[:-5] for f in os.listdir(ROUTINES)
                     if f.endswith(".json") and f != "schema.json")
# The tests run in the C locale: the English routines first, the
# translations (ID-LANG) under "Other languages" after the rest.
BUNDLED = [i for i in BUNDLED_ALL if not re.search(r"-(de|fr|es)$", i)]
ANSWER = smrapp.answer_all_no() + "key Return\nwait-screen overview\nkey Return\n"
# The questions of the checklist that are not about the body area.
NOT_AREA = {"fever", "blood-clot", "bleeding", "cancer", "surgery-fracture", "lost-feeling",
            "nerve-signs", "pregnancy"}


def workdir(user_files=None, history=None):
    """A temp dir for smrapp.run with the user's routines (name -> text) and
    history lines (dicts) in place."""
    work = tempfile.mkdtemp(prefix="smr-library-test-")
    folder = os.path.join(work, "data", "smr-timer", "routines")
    os.makedirs(folder)
    for name, text in (user_files or {}).items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)
    if history:
        state = os.path.join(work, "state", "smr-timer")
        os.makedirs(state)
        with open(os.path.join(state, "history.jsonl"), "w", encoding="utf-8") as f:
            f.writelines(json.dumps(h) + "\n" for h in history)
    return work


def history_line(routine_id, days_ago, n=0):
    t = time.gmtime(time.time() - days_ago * 86400)
    return {"session": f"2026{n:04d}T000000Z-1-abc{n}", "routine_id": routine_id,
            "routine_file": os.path.join(ROUTINES, routine_id + ".json"), "title": "x",
            "target": "x", "sides": ["left"], "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", t),
            "elapsed_ms": 1000, "positions_done": 1, "positions_skipped": 0,
            "positions_total": 1, "ended_by": "done", "tightness_before": None,
            "tightness_after": None}


def rows(run):
    """The library rows last logged: id -> (x, y, w, h, days_since)."""
    out = {}
    for m in re.finditer(r"library: row (\S+) at (\d+),(\d+),(\d+),(\d+) days_since=(-?\d+)",
                         run.log):
        out[m.group(1)] = tuple(int(m.group(i)) for i in range(2, 7))
    return out


def centre(rect):
    return f"{rect[0] + rect[2] // 2} {rect[1] + rect[3] // 2}"


def opened(run):
    """[(path, from)] of every routine the app opened."""
    return re.findall(r"open: (\S+) \(from (\w+)\)", run.log)


def history(work):
    path = os.path.join(work, "state", "smr-timer", "history.jsonl")
    with open(path, encoding="utf-8") as f:
        return [json.loads(x) for x in f if x.strip()]


def checklist_ids(log):
    """The ids answered in each checklist, in order: a list per checklist."""
    out = []
    for line in log.splitlines():
        if " screen: checklist" in line:
            out.append([])
        m = re.search(r"checklist: (\S+) (?:yes|no) \(key\)", line)
        if m:
            if not out:
                out.append([])
            out[-1].append(m.group(1))
    return out


BROKEN = '{"format": "smr-routine/1", "id": "broken", "title": "Broken"}\n'


class Library(unittest.TestCase):
    def test_no_argument_opens_the_library(self):
        work = workdir({"broken.json": BROKEN})
        r = run("wait-screen library\nscreenshot library\nkey Escape\n", routine=None,
                workdir=work, window="1024x900")
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["library"], r.log)
        self.assertIn(f"library: {len(BUNDLED_ALL)} routines, 1 invalid", r.log)
        # listed, with its first error, not hidden
        self.assertRegex(r.log, r"library: invalid broken: \S+: missing required field")
        on_screen = set(rows(r))
        self.assertTrue(set(BUNDLED) | {"broken"} <= on_screen, r.log)
        self.assertFalse(on_screen & {"hamstrings-spiky-ball-de", "calves-post-run-fr"}, r.log)
        self.assertNotIn("session: steps_done", r.log)  # no session was made
        img = smrapp.read_png(os.path.join(r.shots, "library.png"))
        first = rows(r)["hamstrings-post-run"]
        self.assertGreater(smrapp.count_in(img, first[:4], lambda p: p[2] > 200 and p[0] < 120),
                           50, "the chosen row's accent frame is drawn")

    def test_start_by_keyboard(self):
        work = workdir()
        r = run("wait-screen library\nkey Down\nkey Return\nwait-screen checklist\n" + ANSWER
                       + "wait-done\nwait-screen summary\nkey Return\n", routine=None, speed=500,
                       workdir=work, timeout=60)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["library", "checklist", "overview", "session", "summary"])
        self.assertEqual([os.path.basename(p) for p, _ in opened(r)], ["hamstrings-spiky-ball.json"])
        self.assertEqual(len(checklist_ids(r.log)[0]), 13, "the full checklist, never skipped")
        h = history(work)
        self.assertEqual([(e["routine_id"], e["ended_by"]) for e in h],
                         [("hamstrings-spiky-ball", "done")])
        self.assertEqual(h[0]["positions_done"], h[0]["positions_total"], h)
        self.assertIn("title: Hamstrings: pin and stretch with a spiky ball", r.log)

    def test_start_by_mouse(self):
        work = workdir()
        probe = run("wait-screen library\nquit\n", routine=None, workdir=workdir())
        target = rows(probe)["calves-post-run"]
        start = re.search(r"start=(\d+),(\d+),(\d+),(\d+)", probe.log).groups()
        start = tuple(int(v) for v in start)
        # a click chooses, a second click on the same row starts
        r = run(f"wait-screen library\nclick {centre(target)}\nwait 50\n"
                       f"click {centre(target)}\nwait-screen checklist\n"
                       + smrapp.answer_all_no() + "quit\n", routine=None, workdir=work)
        self.assertEqual(r.status, 0, r.log)
        self.assertIn("library: selected calves-post-run", r.log)
        self.assertEqual([os.path.basename(p) for p, _ in opened(r)], ["calves-post-run.json"])
        self.assertIn("checklist: calf-clot-signs no (key)", r.log, "the calf's own checklist")
        # the Start button starts what is chosen
        other = rows(probe)["quadriceps-spiky-ball"]
        r = run(f"wait-screen library\nclick {centre(other)}\nclick {centre(start)}\n"
                       "wait-screen checklist\nquit\n", routine=None, workdir=workdir())
        self.assertEqual([os.path.basename(p) for p, _ in opened(r)], ["quadriceps-spiky-ball.json"])

    def test_last_done_and_the_last_played_chosen(self):
        work = workdir(history=[history_line("calves-spiky-ball", 3, 1),
                                history_line("hamstrings-post-run", 0, 2)])
        r = run("wait-screen library\nquit\n", routine=None, workdir=work)
        days = {k: v[4] for k, v in rows(r).items()}
        self.assertEqual(days["calves-spiky-ball"], 3, r.log)
        self.assertEqual(days["hamstrings-post-run"], 0, r.log)
        self.assertEqual(days["quadriceps-spiky-ball"], -1, r.log)

    def test_a_long_list_scrolls(self):
        with open(os.path.join(ROUTINES, "calves-post-run.json"), encoding="utf-8") as f:
            base = f.read()
        mine = {f"mine-{i}.json": base.replace('"id": "calves-post-run"', f'"id": "mine-{i:02d}"', 1)
                for i in range(8)}
        r = run("wait-screen library\nwait 50\nwheel -3\nwait 50\nwheel 1\nwait 50\n"
                "key End\nwait 50\nquit\n", routine=None, workdir=workdir(mine))
        self.assertEqual(r.status, 0, r.log)
        shown = [tuple(map(int, m)) for m in
                 re.findall(r"library: lines (\d+)-(\d+) of (\d+) on screen", r.log)]
        # 14 routines and 3 headings, then "Other languages" and 18 translations
        self.assertEqual(shown[0][2], 36, r.log)
        self.assertEqual([s[0] for s in shown[:3]], [1, 4, 3], shown)
        self.assertEqual(shown[-1][1], shown[-1][2], "End shows the last line")
        self.assertIn("library: selected calves-spiky-ball-fr", r.log)  # the last line

    def test_invalid_file_shows_errors_then_back(self):
        work = workdir({"broken.json": BROKEN})
        # The file that does not load is just above the other languages.
        up = "key Up\n" * (len(BUNDLED_ALL) - len(BUNDLED))
        r = run("wait-screen library\nkey End\n" + up + "key Return\nwait-screen errors\n"
                "key Return\nwait-screen library\nquit\n", routine=None, workdir=work)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["library", "errors", "library"], r.log)
        self.assertNotIn("session: steps_done", r.log, "no session for a file that does not load")


class Drop(unittest.TestCase):
    def test_drop_opens_the_routine(self):
        path = os.path.join(ROUTINES, "quadriceps-post-run.json")
        r = run(f"wait-screen library\ndrop {path}\nwait-screen checklist\nquit\n",
                       routine=None)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(opened(r), [(path, "drop")], r.log)
        self.assertEqual(r.screens(), ["library", "checklist"], r.log)

    def test_drop_on_a_checklist_replaces_the_routine(self):
        path = os.path.join(ROUTINES, "calves-spiky-ball.json")
        r = run(f"wait 100\ndrop {path}\nwait 300\nquit\n")
        self.assertEqual(opened(r), [(path, "drop")], r.log)
        self.assertIn("title: Calves: pin and stretch", r.log)

    def test_drop_of_an_invalid_file(self):
        work = tempfile.mkdtemp(prefix="smr-library-test-")
        bad = os.path.join(work, "bad routine.json")
        with open(bad, "w") as f:
            f.write(BROKEN)
        r = run(f"wait-screen library\ndrop {bad}\nwait-screen errors\nscreenshot errors\n"
                       "key l\nwait-screen library\nkey q\n", routine=None, workdir=work)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["library", "errors", "library"], r.log)
        self.assertIn(f"open: {bad} (from drop)", r.log)

    def test_drop_during_a_session_is_ignored(self):
        path = os.path.join(ROUTINES, "calves-spiky-ball.json")
        r = run(smrapp.answer_all_no(14) + "key Return\nwait-screen overview\nkey Return\n"
                       f"wait-step 2\ndrop {path}\nwait 300\nwait-step 4\nquit\n", speed=20)
        self.assertEqual(r.status, 0, r.log)
        self.assertIn(f"drop: {path} ignored during the session", r.log)
        self.assertEqual(opened(r), [])
        self.assertEqual(r.screens(), ["overview", "session"], r.log)


class Next(unittest.TestCase):
    def test_next_asks_only_the_area_questions(self):
        """hamstrings -> quadriceps -> calves, each by its Next button (N,
        then a click), each checklist after the first only the area's."""
        work = workdir()
        first = ("wait-screen checklist\n" + ANSWER + "wait-done\nwait-screen summary\n"
                 "screenshot summary\nkey n\nwait-screen checklist\n" + ANSWER
                 + "wait-done\nwait-screen summary\n")
        probe = run(first + "quit\n", routine=os.path.join(ROUTINES, "hamstrings-post-run.json"),
                           speed=500, workdir=work, timeout=60)
        self.assertEqual(probe.status, 0, probe.log)
        button = re.findall(r"next: button calves-post-run at (\d+),(\d+),(\d+),(\d+)", probe.log)
        self.assertTrue(button, probe.log)
        rect = tuple(int(v) for v in button[-1])
        work = workdir()
        r = run(first + f"click {centre(rect)}\nwait-screen checklist\n"
                       "screenshot calf_checklist\nquit\n",
                       routine=os.path.join(ROUTINES, "hamstrings-post-run.json"), speed=500,
                       workdir=work, timeout=60)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual([(os.path.basename(p), f) for p, f in opened(r)],
                         [("quadriceps-post-run.json", "next"), ("calves-post-run.json", "next")])
        asked = checklist_ids(r.log)
        self.assertEqual(len(asked[0]), 13, asked)
        counts = [int(n) for n in re.findall(r"checklist: area-only (\d+) questions", r.log)]
        self.assertEqual(len(counts), 2, r.log)
        self.assertEqual(len(asked[1]), counts[0], asked)
        self.assertFalse(NOT_AREA & set(asked[1]), asked[1])
        self.assertIn("quadriceps-tear", asked[1])
        self.assertIn(f"checklist: rows 1-{counts[1]} of {counts[1]}", r.log)
        self.assertEqual(counts[1], 6, "the calf: a tear, the clot signs, four local questions")
        self.assertEqual([e["routine_id"] for e in history(work)],
                         ["hamstrings-post-run", "quadriceps-post-run"])

    def test_a_clot_sign_still_stops(self):
        script = ("wait-screen checklist\n" + ANSWER + "wait-done\nwait-screen summary\n"
                  "key n\nwait-screen checklist\nkey n\nkey y\n" + smrapp.answer_all_no(8)
                  + "key Return\nwait-screen stop\nquit\n")
        r = run(script, routine=os.path.join(ROUTINES, "quadriceps-post-run.json"),
                       speed=500, timeout=60)
        self.assertEqual(r.status, 0, r.log)
        self.assertIn("checklist: calf-clot-signs yes (key)", r.log)
        self.assertEqual(r.screens()[-1], "stop", r.log)

    def test_library_from_the_summary(self):
        work = workdir()
        r = run("wait-screen checklist\n" + ANSWER + "wait-done\nwait-screen summary\n"
                       "key l\nwait-screen library\nwait 100\nquit\n",
                       routine=os.path.join(ROUTINES, "calves-post-run.json"), speed=500,
                       workdir=work, timeout=60)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens()[-2:], ["summary", "library"], r.log)
        self.assertEqual(rows(r)["calves-post-run"][4], 0, "done today")
        self.assertIn("library: selected calves-post-run (played last)", r.log)


if __name__ == "__main__":
    unittest.main()
