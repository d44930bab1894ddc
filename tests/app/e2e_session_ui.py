"""The session screen as a person uses it, through the real binary:
- the red-flag stop (S, or its button) works in every state, ends the session
  at once, shows what to do and records it as ended by "red-flag";
- the window title names the step and the routine (SDL_GetWindowTitle, logged
  as "title: ...");
- a button under the pointer is drawn lighter (hover), and not once it left;
- a missing or broken diagram refuses to start the session, with a message.
At 1024x720 one design pixel is one pixel (ui.c), so the coordinates below
follow src/app/screens/session.c's layout: the six controls along
y=646..700, 155 px wide every 165 px from x=20 (Skip: x=350..505); the
red-flag button at the top right, x=727..1004, y=20..80."""
import json
import os
import re
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import smrapp  # noqa: E402

START = smrapp.answer_all_no() + "key Return\nwait-screen overview\nkey Return\n"
TITLE = "Hamstrings: pin and stretch with a spiky ball"
STOP = (240, 84, 84)          # ui.c UI_STOP
PANEL_HI = (52, 60, 72)       # ui.c UI_PANEL_HI: a button
HOVER = (70, 82, 100)         # ui.c UI_HOVER: a button under the pointer
RED_FLAG_BUTTON = (865, 50)
SKIP_INSIDE = (365, 662)      # inside Skip, clear of its frame and label


def history(run):
    path = os.path.join(os.path.dirname(run.shots), "state", "smr-timer", "history.jsonl")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(x) for x in f if x.strip()]


def titles(run):
    return re.findall(r"info: \S+ title: (.*)", run.log)


class RedFlag(unittest.TestCase):
    def check_stopped(self, r):
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens()[-1], "red-flag", r.log)
        self.assertIn("session: stopped by the red-flag stop", r.log)
        self.assertEqual([x.get("ended_by") for x in history(r)], ["red-flag"], r.log)
        self.assertEqual(titles(r)[-1], "Stopped - %s - smr-timer" % TITLE)
        img = smrapp.read_png(os.path.join(r.shots, "redflag.png"))
        red = smrapp.count_in(img, (0, 0, img.width, img.height // 8),
                              lambda p: smrapp.close(p, STOP, 30))
        self.assertGreater(red, 200, "the title is not in the stop colour")

    def test_key_s_while_paused(self):
        script = (START + "wait-step 2\nkey space\nkey s\nwait-screen red-flag\n"
                  "screenshot redflag\nkey q\n")
        r = smrapp.run(script, window="1024x720", speed=10)
        self.check_stopped(r)
        self.assertEqual(r.screens(), ["overview", "session", "red-flag"], r.log)
        # The session ended at once: nothing after step 2 was shown.
        self.assertLessEqual(max(int(x["step"]) for x in r.ball_lines()), 2)

    def test_key_s_in_the_lead_in(self):
        script = START + "key s\nwait-screen red-flag\nscreenshot redflag\nkey Return\n"
        r = smrapp.run(script, window="1024x720")
        self.check_stopped(r)

    def test_button_during_a_change_of_strip(self):
        # Step 19 is the first change of strip; it lasts 500 ms at this speed.
        script = (START + "wait-step 19\nwait 100\nclick %d %d\nwait-screen red-flag\n"
                  "screenshot redflag\nkey Escape\n" % RED_FLAG_BUTTON)
        r = smrapp.run(script, window="1024x720", speed=20)
        self.check_stopped(r)
        self.assertEqual(r.ball_lines()[-1]["kind"], "change-strip", r.log)


class Title(unittest.TestCase):
    def test_names_the_step_and_the_routine(self):
        r = smrapp.run(START + "wait-step 2\nwait 500\nkey space\nwait 50\nquit\n", speed=2)
        self.assertEqual(r.status, 0, r.log)
        t = titles(r)
        self.assertEqual(t[0], TITLE + " - smr-timer")
        self.assertIn("Hold, 11 s - %s - smr-timer" % TITLE, t)
        self.assertEqual(t[-1], "Paused - Hold - %s - smr-timer" % TITLE)
        # At twice the speed a displayed second lasts 500 ms: the title keeps
        # to about one change a second, so it skips some of them.
        holds = [x for x in t if x.startswith("Hold, ")]
        self.assertLessEqual(len(holds), 2, t)


class Hover(unittest.TestCase):
    def test_a_button_under_the_pointer_is_lighter(self):
        script = (START + "wait-step 0\nkey space\nscreenshot plain\nmotion %d %d\n"
                  "screenshot hover\nmotion 5 5\nscreenshot left\nquit\n" % SKIP_INSIDE)
        r = smrapp.run(script, window="1024x720", speed=4)
        self.assertEqual(r.status, 0, r.log)
        px = {name: smrapp.read_png(os.path.join(r.shots, name + ".png")).px(*SKIP_INSIDE)
              for name in ("plain", "hover", "left")}
        self.assertTrue(smrapp.close(px["plain"], PANEL_HI, 2), px)
        self.assertTrue(smrapp.close(px["hover"], HOVER, 2), px)
        self.assertTrue(smrapp.close(px["left"], PANEL_HI, 2), px)


class MissingDiagram(unittest.TestCase):
    def run_with_data(self, svg_text):
        data = tempfile.mkdtemp(prefix="smr-app-data-")
        os.makedirs(os.path.join(data, "assets", "diagrams"))
        # The routines beside it, so that the routine's `next` ids are known.
        shutil.copytree(os.path.join(smrapp.SOURCE_ROOT, "routines"), os.path.join(data, "routines"))
        if svg_text is not None:
            with open(os.path.join(data, "assets", "diagrams", "hamstrings-back.svg"), "w") as f:
                f.write(svg_text)
        old = os.environ.get("SMR_DATA_DIR")
        os.environ["SMR_DATA_DIR"] = data
        try:
            return smrapp.run(START + "wait 200\nkey Return\nwait 200\nscreenshot overview\nquit\n")
        finally:
            if old is None:
                del os.environ["SMR_DATA_DIR"]
            else:
                os.environ["SMR_DATA_DIR"] = old
            shutil.rmtree(data, ignore_errors=True)

    def check_refused(self, r):
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["overview"], r.log)
        self.assertIn("it will not start", r.log)
        self.assertEqual(history(r), [], "a session that never started was recorded")
        # the reason on screen, in the stop colour
        img = smrapp.read_png(os.path.join(r.shots, "overview.png"))
        red = smrapp.count_in(img, (0, 0, img.width, img.height // 2),
                              lambda p: smrapp.close(p, STOP, 30))
        self.assertGreater(red, 300)

    def test_broken(self):
        self.check_refused(self.run_with_data("<svg this is not"))

    def test_missing(self):
        self.check_refused(self.run_with_data(None))


if __name__ == "__main__":
    unittest.main(verbosity=2)
