"""Tightness before and after, 0-10, through the real binary:
- on the overview by a digit key, by a click on its button, by Left/Right,
  and skipped by S (the session starts without it; digits never start it);
- on the summary the same for after; both land in the session's history
  line (tightness_before/after), a skip takes an answer back;
- the summary's chart: the last rated sessions of this routine from the
  history (others and unrated ones left out) plus this one, its marks
  drawn where the layout says (before a hollow square in UI_CAUTION, after
  a filled one in UI_ACCENT), and words instead of a chart when there is no
  earlier session.
The buttons' places come from the program's own log (hist_fixture.layout)."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import hist_fixture  # noqa: E402
import smrapp  # noqa: E402

TO_OVERVIEW = smrapp.answer_all_no() + "key Return\nwait-screen overview\n"
TO_SUMMARY = "key Return\nwait-done\nwait-screen summary\n"
SPEED = 400
ACCENT = (79, 179, 255)   # ui_palette.c UI_ACCENT
CAUTION = (255, 154, 60)  # UI_CAUTION
BG = (21, 24, 29)         # UI_BG


def value_button(i, summary=False):
    x0, y, step, _ = hist_fixture.layout()["after" if summary else "before"]
    return (x0 + step * i, y)


def skip_button(summary=False):
    return hist_fixture.layout()["after" if summary else "before"][3]


def shots_dir(default):
    return os.environ.get("SMR_SHOTS_DIR", default)


class Rate(unittest.TestCase):
    def run_app(self, script, lines=(), window="1024x720"):
        self.work = tempfile.mkdtemp(prefix="smr-ratings-")
        hist_fixture.write(self.work, list(lines))
        r = smrapp.run(script, window=window, speed=SPEED, workdir=self.work, timeout=60)
        self.assertEqual(r.status, 0, r.log)
        return r

    def this_session(self):
        mine = [e for e in hist_fixture.read(self.work) if not e["session"].startswith("prep-")]
        self.assertEqual(len(mine), 1, mine)
        return mine[0]

    def test_keys_before_and_after(self):
        r = self.run_app(TO_OVERVIEW + "key 7\n" + TO_SUMMARY + "key 3\nkey Return\n")
        self.assertIn("rating: before=7", r.log)
        self.assertIn("rating: after=3", r.log)
        e = self.this_session()
        self.assertEqual((e.get("tightness_before"), e.get("tightness_after")), (7, 3), e)
        self.assertEqual(e["ended_by"], "done")

    def test_mouse_plus_and_arrows(self):
        script = (TO_OVERVIEW + "click %d %d\n" % value_button(4) + "key Right\nkey Right\n" +
                  TO_SUMMARY + "key +\nkey Left\nclick %d %d\n" % value_button(9, True) +
                  "key Left\nkey Return\n")
        r = self.run_app(script)
        self.assertEqual(r.log.count("rating: before="), 3, r.log)
        self.assertIn("rating: before=4", r.log)
        self.assertIn("rating: before=6", r.log)
        self.assertIn("rating: after=10", r.log)
        self.assertIn("rating: after=9", r.log)
        e = self.this_session()
        self.assertEqual((e.get("tightness_before"), e.get("tightness_after")), (6, 8), e)

    def test_skipped_and_taken_back(self):
        # A digit then S: no rating before; the session starts all the same.
        script = (TO_OVERVIEW + "key 5\nkey s\n" + TO_SUMMARY + "key 2\nclick %d %d\n" %
                  skip_button(True) + "key Return\n")
        r = self.run_app(script)
        self.assertIn("rating: before skipped", r.log)
        self.assertIn("rating: after skipped", r.log)
        self.assertEqual(r.screens(), ["overview", "session", "summary"], r.log)
        e = self.this_session()
        # Not given: written as null (history.c).
        self.assertIsNone(e.get("tightness_before"), e)
        self.assertIsNone(e.get("tightness_after"), e)

    def test_digits_do_not_start(self):
        script = TO_OVERVIEW + "".join("key %d\n" % i for i in range(10)) + "wait 200\nkey Escape\nkey y\n"
        r = self.run_app(script)
        self.assertNotIn("session", r.screens(), r.log)
        self.assertIn("rating: before=9", r.log)

    def test_skip_by_mouse_before(self):
        r = self.run_app(TO_OVERVIEW + "key 8\nclick %d %d\n" % skip_button() + TO_SUMMARY +
                         "key Return\n")
        self.assertIn("rating: before skipped", r.log)
        self.assertIsNone(self.this_session().get("tightness_before"))


def chart_lines(log):
    """The last chart the summary logged: (plot, mark, [(x, before, yb, after, ya)])."""
    plot, mark, cols = None, None, []
    for line in log.splitlines():
        if " chart: " not in line:
            continue
        words = dict(w.split("=", 1) for w in line.split(" chart: ", 1)[1].split() if "=" in w)
        if "plot" in words:
            plot = tuple(int(v) for v in words["plot"].split(","))
            mark = int(words["mark"])
            cols = []
        elif "x" in words:
            parts = line.split(" chart: ", 1)[1].split()
            ys = [int(p.split("=")[1]) for p in parts if p.startswith("y=")]
            cols.append((int(words["x"]), int(words["before"]), ys[0], int(words["after"]), ys[1]))
    return plot, mark, cols


class Chart(unittest.TestCase):
    def test_marks_where_the_ratings_are(self):
        lines = [
            hist_fixture.entry(1, 9, before=8, after=4),
            hist_fixture.entry(2, 7, routine_id="calves-post-run", title="Calves", before=9, after=1),
            hist_fixture.entry(3, 5),  # no rating: not in the chart
            hist_fixture.entry(4, 3, before=6, after=5),
            hist_fixture.entry(5, 1, before=7),  # before only
        ]
        work = tempfile.mkdtemp(prefix="smr-chart-")
        hist_fixture.write(work, lines)
        script = TO_OVERVIEW + "key 9\n" + TO_SUMMARY + "key 2\nscreenshot summary-chart\nkey Return\n"
        r = smrapp.run(script, window="1024x720", speed=SPEED, workdir=work, timeout=60)
        self.assertEqual(r.status, 0, r.log)
        self.assertIn("chart: 4 sessions", r.log)
        plot, mark, cols = chart_lines(r.log)
        self.assertEqual([(c[1], c[3]) for c in cols], [(8, 4), (6, 5), (7, -1), (9, 2)])
        px, py, pw, ph = plot
        img = smrapp.read_png(os.path.join(r.shots, "summary-chart.png"))
        cw = pw // 4
        for i, (x, before, yb, after, ya) in enumerate(cols):
            self.assertEqual(x, px + cw * i + cw // 2)
            self.assertEqual(yb, py + (ph * (10 - before) + 5) // 10)
            # before: a hollow square (its edge in the caution colour, inside dark)
            edge = img.px(x - mark // 2 + 1, yb)
            self.assertTrue(smrapp.close(edge, CAUTION, 30), (i, edge))
            self.assertTrue(smrapp.close(img.px(x, yb), BG, 30), (i, img.px(x, yb)))
            if after >= 0:
                self.assertEqual(ya, py + (ph * (10 - after) + 5) // 10)
                self.assertTrue(smrapp.close(img.px(x, ya), ACCENT, 30), (i, img.px(x, ya)))
            else:  # nothing where an after mark would be
                self.assertFalse(smrapp.close(img.px(x, py + ph), ACCENT, 30))

    def test_no_earlier_session_says_so(self):
        work = tempfile.mkdtemp(prefix="smr-chart-")
        hist_fixture.write(work, [hist_fixture.entry(1, 2, routine_id="calves-post-run",
                                                     title="Calves", before=9, after=1)])
        script = TO_OVERVIEW + "key 6\n" + TO_SUMMARY + "key 2\nscreenshot summary-first\nkey Return\n"
        r = smrapp.run(script, window="1024x720", speed=SPEED, workdir=work, timeout=60)
        self.assertEqual(r.status, 0, r.log)
        self.assertIn("chart: no earlier session", r.log)
        self.assertNotIn("sessions plot=", r.log)
        img = smrapp.read_png(os.path.join(r.shots, "summary-first.png"))
        # The right column's upper part has words, no marks.
        marks = smrapp.count_in(img, (540, 100, 460, 260), lambda p: smrapp.close(p, CAUTION, 30))
        self.assertEqual(marks, 0)


if __name__ == "__main__":
    unittest.main()
