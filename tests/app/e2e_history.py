"""The history screen through the real binary, opened from the summary (H,
or its button) over a prepared history of 15 sessions and a damaged line:
- it lists every session, this one too (log "history: N sessions shown"),
  with this week's count the same as `smr-timer history` says;
- the damaged line is passed over with one warning, however often the
  screens read the file, and stays in it;
- it scrolls (Down, Page Down, End, Home) and Escape or its Back button
  comes back to the summary;
- screenshots of the overview, summary and history at 800x600 and
  1920x1080 (kept in SMR_SHOTS_DIR when set), their rows drawn as panels.
At 1024x720 the history screen's Back button is x=740..1000, y=624..680; the
summary's History button is where the program logs it (hist_fixture.layout)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import hist_fixture  # noqa: E402
import smrapp  # noqa: E402

TO_SUMMARY = (smrapp.answer_all_no() + "key Return\nwait-screen overview\nkey 7\n"
              "key Return\nwait-done\nwait-screen summary\nkey 3\n")
PANEL = (35, 40, 48)  # ui_palette.c UI_PANEL: a row
DAMAGED = '{"routine_id": "hamstrings-spiky-ball", "started": "2024-0'
BACK_BUTTON = (870, 652)


def prepared(n=15):
    lines = []
    for i in range(n):
        other = i % 4 == 1
        rated = i % 3 != 2
        lines.append(hist_fixture.entry(
            i, 2 * (n - i) - 1, routine_id="calves-post-run" if other else hist_fixture.ROUTINE_ID,
            title="Calves after a run" if other else hist_fixture.TITLE,
            before=5 + i % 5 if rated else None, after=1 + i % 4 if rated else None,
            ended=hist_fixture.ENDS[i % len(hist_fixture.ENDS)]))
        if i == 6:
            lines.append(DAMAGED)
    return lines


def rows_logged(log):
    return [tuple(int(x) for x in m) for m in re.findall(r"history: rows (\d+)-(\d+) of (\d+)", log)]


class History(unittest.TestCase):
    def run_app(self, script, window="1024x720"):
        self.work = tempfile.mkdtemp(prefix="smr-history-")
        self.path = hist_fixture.write(self.work, prepared())
        r = smrapp.run(script, window=window, speed=400, workdir=self.work, timeout=60)
        self.assertEqual(r.status, 0, r.log)
        return r

    def cli_week(self):
        env = dict(os.environ, XDG_STATE_HOME=os.path.join(self.work, "state"))
        out = subprocess.run([smrapp.BINARY, "history"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, check=True).stdout
        return int(re.search(r"This week \(from Monday [^)]*\): (\d+) session", out).group(1))

    def test_lists_scrolls_and_goes_back(self):
        script = (TO_SUMMARY + "key h\nwait-screen history\nkey Down\nkey Down\nkey PageDown\n"
                  "key End\nkey Home\nkey Escape\nwait-screen summary\nclick %d %d\n"
                  "wait-screen history\nkey BackSpace\nwait-screen summary\nkey Return\n" %
                  hist_fixture.layout()["History (H)"])
        r = self.run_app(script)
        self.assertEqual(r.screens(), ["overview", "session", "summary", "history", "summary",
                                       "history", "summary"], r.log)
        m = re.search(r"history: (\d+) sessions shown, (\d+) routines, (\d+) this week", r.log)
        self.assertIsNotNone(m, r.log)
        self.assertEqual(int(m.group(1)), 16)  # 15 prepared and this one
        self.assertEqual(int(m.group(2)), 2)
        self.assertEqual(int(m.group(3)), self.cli_week())
        rows = rows_logged(r.log)
        first, fit = rows[0], rows[0][1]
        self.assertEqual(first, (1, fit, 16))
        self.assertLess(fit, 16, "the list should need scrolling at this size")
        self.assertEqual(rows[1][0], 2)
        self.assertEqual(rows[2][0], 3)
        self.assertEqual(rows[3][0], min(3 + fit, 16 - fit + 1))
        self.assertEqual(rows[4], (16 - fit + 1, 16, 16))  # End
        self.assertEqual(rows[5], (1, fit, 16))            # Home
        # One warning for the damaged line, however often it was read.
        self.assertEqual(r.log.count("is not a session record"), 1, r.log)
        with open(self.path) as f:
            self.assertIn(DAMAGED + "\n", f.read())
        # This session's line has its ratings.
        mine = [e for e in hist_fixture.read(self.work) if not e["session"].startswith("prep-")]
        self.assertEqual([(e.get("tightness_before"), e.get("tightness_after")) for e in mine],
                         [(7, 3)])

    def test_back_button(self):
        r = self.run_app(TO_SUMMARY + "key h\nwait-screen history\nclick %d %d\n"
                         "wait-screen summary\nkey Return\n" % BACK_BUTTON)
        self.assertEqual(r.screens()[-2:], ["history", "summary"], r.log)

    def test_screenshots(self):
        keep = os.environ.get("SMR_SHOTS_DIR")
        for size in ("800x600", "1920x1080"):
            script = (smrapp.answer_all_no() + "key Return\nwait-screen overview\nkey 7\n"
                      "screenshot overview-rating-%s\nkey Return\nwait-done\nwait-screen summary\n"
                      "key 3\nscreenshot summary-chart-%s\nkey h\nwait-screen history\n"
                      "screenshot history-%s\nkey PageDown\nscreenshot history-scrolled-%s\n"
                      "key Escape\nwait-screen summary\nkey Return\n" % ((size,) * 4))
            r = self.run_app(script, window=size)
            self.assertRegex(r.log, r"chart: \d+ sessions plot=")
            w, h = (int(v) for v in size.split("x"))
            img = smrapp.read_png(os.path.join(r.shots, "history-%s.png" % size))
            self.assertEqual((img.width, img.height), (w, h))
            panel = smrapp.count_in(img, (0, h // 3, w, h // 3),
                                    lambda p: smrapp.close(p, PANEL, 2), step=4)
            self.assertGreater(panel, (w // 4) * (h // 12) // 4, "no rows drawn")
            if keep:
                os.makedirs(keep, exist_ok=True)
                for name in os.listdir(r.shots):
                    shutil.copy(os.path.join(r.shots, name), keep)


if __name__ == "__main__":
    unittest.main()
