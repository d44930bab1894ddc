"""Calm exits and the validator's voice on screen, on the real binary:
- the quit dialog goes on with Return and Esc (and N); only Y quits;
- the window's close button asks during a session (a second close while it
  asks quits) and quits at once anywhere else;
- the overview lists every warning `check` gives the routine;
- a routine that fails `check` opens a window with its errors and one Quit
  button, exit status 1; with no display it only prints them.
The close button is pressed by the script's `close` (SDL_WINDOWEVENT_CLOSE
and SDL_QUIT through SDL's queue, as a window manager's close arrives);
tests/faults window-closed does it with a real WM_DELETE_WINDOW."""
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import smrapp  # noqa: E402

STOP = (240, 84, 84)       # ui.c UI_STOP
CAUTION = (255, 154, 60)   # ui.c UI_CAUTION
TO_SESSION = smrapp.answer_all_no() + "key Return\nwait-screen overview\nkey Return\n" \
    "wait-screen session\nwait-step 1\n"


def history(r):
    path = os.path.join(os.path.dirname(r.shots), "state", "smr-timer", "history.jsonl")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def changed_routine(change):
    with open(smrapp.ROUTINE, encoding="utf-8") as f:
        r = json.load(f)
    change(r)
    path = os.path.join(tempfile.mkdtemp(prefix="smr-exits-"), "routine.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(r, f, indent=1)
    return path


class QuitDialog(unittest.TestCase):
    def test_return_and_esc_go_on_y_quits(self):
        script = (TO_SESSION +
                  "key Escape\nwait-screen quit-confirm\nscreenshot confirm\n"
                  "key Return\nwait-screen session\n"
                  "key Escape\nwait-screen quit-confirm\nkey Escape\nwait-screen session\n"
                  "key Escape\nwait-screen quit-confirm\nkey n\nwait-screen session\n"
                  "key Escape\nwait-screen quit-confirm\nkey space\nkey q\nkey Right\nwait 50\n"
                  "key y\n")
        r = smrapp.run(script, speed=20)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["overview", "session"] + ["quit-confirm", "session"] * 3
                         + ["quit-confirm"], r.log)
        h = history(r)
        self.assertEqual(len(h), 1, h)
        self.assertEqual(h[0]["ended_by"], "quit")

    def test_before_the_session_too(self):
        r = smrapp.run("key Escape\nwait-screen quit-confirm\nkey Return\nwait-screen checklist\n"
                       "key Escape\nwait-screen quit-confirm\nkey y\n")
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["quit-confirm", "checklist", "quit-confirm"], r.log)
        self.assertEqual(history(r), [])


class WindowClose(unittest.TestCase):
    def test_close_during_a_session_asks(self):
        script = (TO_SESSION +
                  "close\nwait-screen quit-confirm\nscreenshot asked\nkey Return\n"
                  "wait-screen session\nclose\nwait-screen quit-confirm\nclose\n")
        r = smrapp.run(script, speed=20)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["overview", "session", "quit-confirm", "session",
                                       "quit-confirm"], r.log)
        self.assertEqual(r.log.count("window: closing asked during the session"), 2, r.log)
        h = history(r)
        self.assertEqual(len(h), 1, h)
        self.assertEqual(h[0]["ended_by"], "window-closed")

    def test_close_elsewhere_quits(self):
        for where, script in (("checklist", "wait 50\nclose\nwait 2000\nscreenshot late\n"),
                              ("overview", smrapp.answer_all_no() +
                               "key Return\nwait-screen overview\nclose\nwait 2000\n"
                               "screenshot late\n")):
            r = smrapp.run(script)
            self.assertEqual(r.status, 0, (where, r.log))
            self.assertNotIn("closing asked", r.log, where)
            self.assertFalse(os.path.exists(os.path.join(r.shots, "late.png")),
                             f"{where}: the app went on after the close")
            self.assertEqual(history(r), [], where)


class Validator(unittest.TestCase):
    def test_overview_lists_the_warnings(self):
        def long_hold(r):
            next(p for p in r["cycle"] if p["kind"] == "hold")["duration_s"] = 15
        path = changed_routine(long_hold)
        r = smrapp.run(smrapp.answer_all_no() + "key Return\nwait-screen overview\n"
                       "screenshot overview\nquit\n", routine=path)
        self.assertEqual(r.status, 0, r.log)
        self.assertIn("warning: a hold of 15 s is outside", r.log)  # printed too
        img = smrapp.read_png(os.path.join(r.shots, "overview.png"))
        # The heading and the warning in the caution colour, below the facts.
        orange = smrapp.count_in(img, (0, img.height // 5, img.width, img.height // 3),
                                 lambda p: smrapp.close(p, CAUTION, 30))
        self.assertGreater(orange, 150)

    def test_broken_routine_opens_its_errors_window(self):
        def broken(r):
            next(p for p in r["cycle"] if p["kind"] == "hold")["duration_s"] = 0
            r["strips"][0]["start_cm"] = 1
        path = changed_routine(broken)
        r = smrapp.run("wait-screen errors\nscreenshot errors\nkey Return\n", routine=path)
        self.assertEqual(r.status, 1, r.log)
        self.assertIn("routine.json: cycle[2].duration_s: a hold of 0 s", r.log)  # printed
        self.assertIn("screen: errors", r.log)
        img = smrapp.read_png(os.path.join(r.shots, "errors.png"))
        # The title and both problems in the stop colour, the Quit button too.
        red_top = smrapp.count_in(img, (0, 0, img.width, img.height // 2),
                                  lambda p: smrapp.close(p, STOP, 30))
        self.assertGreater(red_top, 1500)
        red_button = smrapp.count_in(img, (img.width // 2, img.height * 3 // 4, img.width // 2,
                                           img.height // 4),
                                     lambda p: smrapp.close(p, STOP, 30), 2)
        self.assertGreater(red_button, 1000)

    def test_broken_routine_without_a_display_only_prints(self):
        path = changed_routine(lambda r: r.update(title=5))
        env = dict(os.environ)
        for var in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "XDG_RUNTIME_DIR"):
            env.pop(var, None)
        t0 = time.monotonic()
        p = subprocess.run([smrapp.BINARY, path], env=env, capture_output=True, text=True,
                           timeout=20)
        took = time.monotonic() - t0
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertEqual(p.stderr.splitlines(),
                         [f"{path}: title: must be a string, not a number"])
        self.assertLess(took, 2.0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
