"""A countdown second redraws and presents only what it changes (the digits,
the bars, the time-left line: src/app/screens/session.c damage()), and what
the screen then shows must be exactly what a whole redraw shows.

Under a real X server (our own Xvfb, whose framebuffer it keeps in a file
with -fbdir, so the test reads what is on the screen, not what the app says
it drew), the same scripted session runs twice at the same moment of the
same step: once as the app runs by default, where the frame is a partial
one, and once with SMR_REDRAW=whole, where every frame is drawn and
presented whole. Checked:
- the default run's frame is partial and the other's whole (the app's
  debug line "frame: session at T, rects N" / "whole 1");
- both screenshots (read back from the renderer) are the same, pixel for
  pixel;
- in each run the X server's framebuffer, read while that frame is shown,
  is the screenshot, pixel for pixel: the window got every rect that
  changed, and a screenshot is what is on the screen.
The first frame of a new step in the same layout is partial too: its text
rows, and its diagram where that changed, over what the window keeps. Two
such frames are checked the same way: a new phase at the same position
(the rows alone), and the first new ball position, whose diagram was drawn
in the last second before it (session_screen_ahead): the same as drawing
it at its step. Skipped (77) without Xvfb."""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import smrapp  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import xvfb  # noqa: E402

W, H = 800, 600
# Step 2 is the first hold (11 s). At speed 2 a shown second lasts 0.5 s;
# 2.25 s of session clock into the step is the middle of one (7 left), after
# the frames of 11 (whole: a new step), 10, 9 and 8 (partial), so the digits
# have shrunk from two to one on the way.
STEP, SPEED, INTO_MS = 2, 2, 2250
# Step 5 is the first step at a new ball position (the second of the outer
# strip); the screenshot is of its first frame, at speed 4.
AHEAD_STEP, AHEAD_SPEED, AHEAD_INTO_MS = 5, 4, 0
# Step 3 (Relax) follows the hold at the same position: its first frame
# redraws the text rows and nothing of the diagram.
ROWS_STEP, ROWS_SPEED = 3, 4
FRAME_RE = re.compile(r"frame: (\S+) at (\d+), (whole|rects) (\d+)")


class Xvfb:
    """An Xvfb of our own on a free display, its screen kept in an XWD file."""

    def __init__(self, fbdir):
        self.proc, self.display = xvfb.start(W, H, fbdir)
        self.fb = os.path.join(fbdir, "Xvfb_screen0")

    def screen(self):
        """The screen now, as RGB rows (the XWD file Xvfb keeps mapped)."""
        with open(self.fb, "rb") as f:
            data = f.read()
        return read_xwd(data)

    def close(self):
        xvfb.stop(self.proc)


def read_xwd(data):
    """A 24-bit TrueColor XWD (as Xvfb -fbdir writes it) as an smrapp.Image."""
    fields = struct.unpack(">25I", data[:100])
    if fields[1] != 7:  # file_version; Xvfb writes the header big-endian
        raise ValueError("not an XWD file of version 7")
    header_size, width, height = fields[0], fields[4], fields[5]
    byte_order, bpp, stride = fields[7], fields[11], fields[12]
    masks, ncolors = fields[14:17], fields[19]
    if bpp != 32 or masks != (0xFF0000, 0xFF00, 0xFF):
        raise ValueError("unexpected XWD layout: %d bpp, masks %s" % (bpp, masks))
    order = "<" if byte_order == 0 else ">"
    pos = header_size + ncolors * 12
    rows = []
    for y in range(height):
        line = data[pos + y * stride:pos + y * stride + width * 4]
        px = struct.unpack("%s%dI" % (order, width), line)
        row = bytearray(width * 3)
        for x, v in enumerate(px):
            row[3 * x] = (v >> 16) & 255
            row[3 * x + 1] = (v >> 8) & 255
            row[3 * x + 2] = v & 255
        rows.append(bytes(row))
    return smrapp.Image(width, height, rows)


def first_difference(a, b, x0=0, y0=0):
    """None when b's (w x h) pixels equal a's at (x0, y0), else the first that differs."""
    for y in range(b.height):
        ra = a.rows[y0 + y][3 * x0:3 * (x0 + b.width)]
        if ra != b.rows[y]:
            for x in range(b.width):
                if ra[3 * x:3 * x + 3] != b.rows[y][3 * x:3 * x + 3]:
                    return (x, y, tuple(ra[3 * x:3 * x + 3]), b.px(x, y))
    return None


class Run:
    """The app under the Xvfb, its stderr read as it comes, the X screen read
    while the frame of the screenshot `shot` is the one shown."""

    def __init__(self, x, work, shot, extra_env, step=STEP, speed=SPEED, into_ms=INTO_MS):
        self.lines = []
        self.screen = None
        self.shots = os.path.join(work, "shots")
        os.makedirs(self.shots, exist_ok=True)
        script = os.path.join(work, "script.txt")
        with open(script, "w") as f:
            f.write(smrapp.answer_all_no() + "key End\nkey Return\nwait-screen overview\n"
                    "key Return\nwait-step %d\nwait %d\nscreenshot %s\nwait 1500\nquit\n"
                    % (step, into_ms, shot))
        env = dict(os.environ)
        for k in ("SDL_RENDER_DRIVER", "SDL_FRAMEBUFFER_ACCELERATION", "SMR_REDRAW",
                  "WAYLAND_DISPLAY"):
            env.pop(k, None)
        env.update({"DISPLAY": x.display, "SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "dummy",
                    "DBUS_SESSION_BUS_ADDRESS": "disabled:", "SMR_LOG": "debug",
                    "XDG_STATE_HOME": os.path.join(work, "state")})
        env.update(extra_env)
        self.proc = subprocess.Popen(
            [smrapp.BINARY, "--script", script, "--screenshot-dir", self.shots,
             "--window", "%dx%d" % (W, H), "--no-voice", "--speed", str(speed), smrapp.ROUTINE],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True)
        self.shot_line = None
        reader = threading.Thread(target=self._read, daemon=True)
        reader.start()
        self._watch(x, shot)
        self.status = self.proc.wait(60)
        reader.join(10)
        self.proc.stderr.close()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    def _watch(self, x, shot):
        """Waits for the screenshot's line (written before that frame is
        presented), then reads the screen once the present is through; the
        reading counts only if no other frame came meanwhile."""
        deadline = time.monotonic() + 60
        mark = "script: screenshot %s/%s.png" % (self.shots, shot)
        while time.monotonic() < deadline and self.proc.poll() is None:
            for i, line in enumerate(list(self.lines)):
                if mark in line:
                    time.sleep(0.1)
                    screen = x.screen()
                    later = [ln for ln in self.lines[i + 1:] if FRAME_RE.search(ln)]
                    self.shot_line = i
                    self.screen = None if later else screen
                    return
            time.sleep(0.005)

    def log(self):
        return "\n".join(self.lines[-40:])

    def shot_frame(self):
        """(screen, session clock, kind, n) of the frame the screenshot was of."""
        for line in reversed(self.lines[:self.shot_line]):
            m = FRAME_RE.search(line)
            if m:
                return m.group(1), int(m.group(2)), m.group(3), int(m.group(4))
        return None


@unittest.skipUnless(shutil.which("Xvfb"), "needs Xvfb (Debian: xvfb)")
class PartialPresent(unittest.TestCase):
    def run_once(self, name, extra_env, **when):
        work = tempfile.mkdtemp(prefix="smr-partial-")
        fbdir = os.path.join(work, "fb")
        os.makedirs(fbdir)
        x = Xvfb(fbdir)
        try:
            r = Run(x, work, name, extra_env, **when)
        finally:
            x.close()
        self.assertEqual(r.status, 0, r.log())
        self.assertIsNotNone(r.shot_line, r.log())
        return r

    def test_partial_frame_is_the_whole_frame_on_the_screen(self):
        part = self.run_once("partial", {})
        whole = self.run_once("whole", {"SMR_REDRAW": "whole"})
        fp, fw = part.shot_frame(), whole.shot_frame()
        self.assertEqual(fp[0], "session", part.log())
        self.assertEqual((fp[2], fp[3] > 0), ("rects", True), "not a partial frame: %s" % (fp,))
        self.assertEqual(fw[2], "whole", "SMR_REDRAW=whole drew a partial frame: %s" % (fw,))

        a = smrapp.read_png(os.path.join(part.shots, "partial.png"))
        b = smrapp.read_png(os.path.join(whole.shots, "whole.png"))
        self.assertEqual((a.width, a.height), (W, H))
        self.assertIsNone(first_difference(a, b),
                          "the partial frame differs from the whole one (x, y, partial, whole)")
        for r, img in ((part, a), (whole, b)):
            if r.screen is None:
                self.skipTest("another frame came before the X screen was read")
            self.assertIsNone(first_difference(r.screen, img),
                              "the X screen is not the screenshot (x, y, screen, shot)")

    def assert_rows_frame(self, r, step, diagram):
        """r's screenshot is of step's first frame, partial, redrawing its
        text rows, and its diagram if `diagram`."""
        said = "session: step %d's frame redraws its text rows" % step
        lines = [ln for ln in r.lines[:r.shot_line] if said in ln]
        self.assertTrue(lines, "step %d's first frame was not a text rows frame:\n%s"
                        % (step, r.log()))
        self.assertEqual(lines[-1].endswith(" and the diagram"), diagram, lines[-1])
        later = [ln for ln in r.lines[r.lines.index(lines[-1]):r.shot_line] if FRAME_RE.search(ln)]
        self.assertEqual(len(later), 1, "the screenshot is not of the step's first frame:\n%s"
                         % "\n".join(later))
        fp = r.shot_frame()
        self.assertEqual((fp[2], fp[3] > 0), ("rects", True), "not a partial frame: %s" % (fp,))

    def test_new_phase_redraws_its_rows_as_a_whole_frame_would(self):
        when = {"step": ROWS_STEP, "speed": ROWS_SPEED, "into_ms": 0}
        rows = self.run_once("rows", {}, **when)
        whole = self.run_once("whole", {"SMR_REDRAW": "whole"}, **when)
        self.assert_rows_frame(rows, ROWS_STEP, diagram=False)
        self.assertEqual(whole.shot_frame()[2], "whole", whole.log())
        a = smrapp.read_png(os.path.join(rows.shots, "rows.png"))
        b = smrapp.read_png(os.path.join(whole.shots, "whole.png"))
        self.assertIsNone(first_difference(a, b),
                          "the new phase's rows frame differs from a whole one"
                          " (x, y, rows, whole)")
        if rows.screen is None:
            self.skipTest("another frame came before the X screen was read")
        self.assertIsNone(first_difference(rows.screen, a),
                          "the X screen is not the screenshot (x, y, screen, shot)")

    def test_diagram_drawn_ahead_is_the_diagram_drawn_at_its_step(self):
        """The first new ball position (step 5) has its diagram drawn in the
        last second of step 4 (session_screen_ahead), with position 1 counted
        done before the engine says so. Its first frame must be what drawing
        it at its own deadline gives (SMR_REDRAW=whole never draws ahead)."""
        when = {"step": AHEAD_STEP, "speed": AHEAD_SPEED, "into_ms": AHEAD_INTO_MS}
        ahead = self.run_once("ahead", {}, **when)
        whole = self.run_once("whole", {"SMR_REDRAW": "whole"}, **when)
        drawn = "session: step %d's diagram drawn" % AHEAD_STEP
        self.assertTrue(any(drawn + " ahead" in ln for ln in ahead.lines),
                        "step %d's diagram was not drawn ahead:\n%s" % (AHEAD_STEP, ahead.log()))
        self.assertFalse(any(ln.endswith(drawn) for ln in ahead.lines),
                         "step %d's diagram was drawn again at its deadline" % AHEAD_STEP)
        self.assertTrue(any(ln.endswith(drawn) for ln in whole.lines), whole.log())
        self.assertFalse(any(drawn + " ahead" in ln for ln in whole.lines), whole.log())
        self.assert_rows_frame(ahead, AHEAD_STEP, diagram=True)
        a = smrapp.read_png(os.path.join(ahead.shots, "ahead.png"))
        b = smrapp.read_png(os.path.join(whole.shots, "whole.png"))
        self.assertIsNone(first_difference(a, b),
                          "the diagram drawn ahead differs from the one drawn at its step"
                          " (x, y, ahead, whole)")
        if ahead.screen is not None:
            self.assertIsNone(first_difference(ahead.screen, a),
                              "the X screen is not the screenshot (x, y, screen, shot)")


if __name__ == "__main__":
    if not shutil.which("Xvfb"):
        print("SKIP: needs Xvfb (Debian: xvfb)")
        sys.exit(77)
    unittest.main(verbosity=2)
