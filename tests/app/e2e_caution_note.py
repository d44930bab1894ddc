"""The session screen's caution (after a local Yes on the checklist: "Keep
the ball away from the bruise; ...") is what keeps the user safe, so it must
be readable on the smallest window and never cut: under the diagram, in its
own colour, at least 14 px lines, as many lines as the areas need.

With all four local items answered Yes (the longest caution the built-in
checklist makes) at 800x600 and 1920x1080, the screenshot's caution-coloured
rows under the diagram area (the app's `session: ... diagram_area=` line)
are split into text lines: there must be several (it wraps, it does not
shrink), each at least as tall as a 14 px font's capitals and descenders
(10 px of ink for "Keep", "g", "y"), all between the diagram and the buttons,
with a row of air above and below (nothing cut at the box's edge)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import smrapp  # noqa: E402

CAUTION = (255, 154, 60)  # ui.c UI_CAUTION
N_ITEMS = 13              # the built-in items; the bundled routine adds none
LOCAL = (10, 11, 12, 13)  # the local ones (an area to keep the ball away from)


def script():
    keys = "".join("key y\n" if i in LOCAL else "key n\n" for i in range(1, N_ITEMS + 1))
    return (keys + "key Return\nwait-screen caution\nkey c\nwait-screen overview\n"
            "key Return\nwait-screen session\nwait-step 2\nwait 100\nscreenshot note\nquit\n")


def ink_rows(img, x0, y0, w, h):
    """The rows of the rect holding caution-coloured pixels, as (first, last) runs."""
    runs, start = [], None
    for y in range(y0, y0 + h):
        hit = any(smrapp.close(img.px(x, y), CAUTION, 40) for x in range(x0, x0 + w))
        if hit and start is None:
            start = y
        if not hit and start is not None:
            runs.append((start, y - 1))
            start = None
    if start is not None:
        runs.append((start, y0 + h - 1))
    return runs


class CautionNote(unittest.TestCase):
    def check(self, window):
        r = smrapp.run(script(), window=window, speed=5)
        self.assertEqual(r.status, 0, r.log)
        self.assertIn("caution: Keep the ball away from the bruise; the wound", r.log)
        x, y, w, h = (int(v) for v in r.ball_lines()[-1]["diagram_area"].split(","))
        img = smrapp.read_png(os.path.join(r.shots, "note.png"))
        buttons_top = int(img.height * 0.89)  # above the row of controls
        note_top = y + h
        runs = ink_rows(img, x, note_top, w, buttons_top - note_top)
        self.assertGreaterEqual(len(runs), 2, f"{window}: the caution is not wrapped: {runs}")
        for first, last in runs:
            self.assertGreaterEqual(last - first + 1, 10,
                                    f"{window}: a caution line only {last - first + 1} px tall")
        self.assertGreater(runs[0][0], note_top, f"{window}: the caution touches the diagram")
        self.assertLess(runs[-1][1], buttons_top - 1, f"{window}: the caution runs into the buttons")

    def test_800x600(self):
        self.check("800x600")

    def test_1920x1080(self):
        self.check("1920x1080")


if __name__ == "__main__":
    unittest.main(verbosity=2)
