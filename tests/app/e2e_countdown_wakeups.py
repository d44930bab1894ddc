"""A countdown costs one wake-up and one frame per shown second, and a
waiting screen none: the floor for CPU while a session runs (issue 16).

The real binary under our own Xvfb with SDL's x11 driver (under the
offscreen driver SDL_WaitEventTimeout polls every millisecond, so wake-ups
would measure SDL), SMR_LOG=debug, no sound device (dummy). Counted from
outside, while the app runs:
- frames: the app's "frame: SCREEN at T, ..." debug lines (one per frame
  drawn and presented, T its session clock);
- wake-ups: the main thread's voluntary context switches
  (/proc/PID/task/PID/status), each a return from a sleep.
Checked:
- on the checklist, 3 s after it is up and prepared: no frame, at most one
  wake-up;
- in a hold at speed 1 (step 2, 11 s), over 8 s from 1 s after its first
  frame: one frame per shown second (7 to 9 frames, each at least 0.9 s of
  session clock after the one before), and at most 2.5 wake-ups a second
  (one for the second, the rest for the X server's replies).
Skipped (77) without Xvfb."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import smrapp  # noqa: E402
from e2e_partial_present import Xvfb  # noqa: E402

FRAME_RE = re.compile(r"frame: (\S+) at (\d+), ")
HOLD_STEP, WINDOW_S = 2, 8.0


def switches(pid):
    with open(f"/proc/{pid}/task/{pid}/status") as f:
        for line in f:
            if line.startswith("voluntary_ctxt_switches:"):
                return int(line.split()[1])
    raise AssertionError("no voluntary_ctxt_switches in the main thread's status")


class App:
    def __init__(self, display, work):
        self.lines = []
        script = os.path.join(work, "script.txt")
        with open(script, "w") as f:
            f.write("wait-screen checklist\nscreenshot ready\nwait 4000\n" + smrapp.answer_all_no() +
                    "key End\nkey Return\nwait-screen overview\nkey Return\n"
                    f"wait-step {HOLD_STEP}\nwait 9500\nquit\n")
        env = dict(os.environ)
        for k in ("SDL_RENDER_DRIVER", "SDL_FRAMEBUFFER_ACCELERATION", "SMR_REDRAW",
                  "WAYLAND_DISPLAY"):
            env.pop(k, None)
        env.update({"DISPLAY": display, "SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "dummy",
                    "DBUS_SESSION_BUS_ADDRESS": "disabled:", "SMR_LOG": "debug",
                    "XDG_STATE_HOME": os.path.join(work, "state")})
        shots = os.path.join(work, "shots")
        os.makedirs(shots, exist_ok=True)
        self.proc = subprocess.Popen(
            [smrapp.BINARY, "--script", script, "--screenshot-dir", shots, "--window", "800x600",
             "--no-voice", smrapp.ROUTINE],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, needle, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(needle in ln for ln in self.lines):
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.01)
        raise AssertionError(f"no line with {needle!r}:\n" + "\n".join(self.lines[-10:]))

    def frames(self):
        return [(m[1], int(m[2])) for m in map(FRAME_RE.search, list(self.lines)) if m]

    def window(self, seconds):
        """(frames drawn, main-thread wake-ups) over the next `seconds`."""
        f0, w0 = self.frames(), switches(self.proc.pid)
        time.sleep(seconds)
        f1, w1 = self.frames(), switches(self.proc.pid)
        return f1[len(f0):], w1 - w0


@unittest.skipUnless(shutil.which("Xvfb"), "needs Xvfb")
class CountdownWakeups(unittest.TestCase):
    def test_one_frame_and_wakeup_per_second(self):
        work = tempfile.mkdtemp(prefix="smr-wakeups-")
        x = Xvfb(work)
        app = App(x.display, work)
        try:
            app.wait_for("script: screenshot")
            time.sleep(0.5)
            frames, wakes = app.window(3.0)
            self.assertEqual(frames, [], "the checklist drew while waiting")
            self.assertLessEqual(wakes, 1, "the checklist woke up while waiting")

            app.wait_for(f"session: step={HOLD_STEP} ")
            time.sleep(1.0)
            frames, wakes = app.window(WINDOW_S)
            times = [t for name, t in frames if name == "session"]
            self.assertEqual(len(times), len(frames), frames)
            self.assertTrue(7 <= len(times) <= 9, f"{len(times)} frames in {WINDOW_S} s: {times}")
            gaps = [b - a for a, b in zip(times, times[1:])]
            self.assertTrue(all(g >= 900 for g in gaps), f"frames closer than a second: {gaps}")
            self.assertLessEqual(wakes, 2.5 * WINDOW_S, f"{wakes} wake-ups in {WINDOW_S} s")
            print(f"hold: {len(times)} frames, {wakes} main-thread wake-ups in {WINDOW_S} s")
            self.assertEqual(app.proc.wait(30), 0)
        finally:
            if app.proc.poll() is None:
                app.proc.kill()
                app.proc.wait()
            x.close()
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
