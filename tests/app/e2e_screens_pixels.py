"""Screenshots of the session screen at 800x600 and 1920x1080, checked by
their pixels: the countdown digits are there and at least a fifth of the
window tall, the paused state shows its banner colour, and the ball marker
sits where the plan's cm position maps to through the documented mapping
(src/routine/diagram.h: left-leg viewBox, y = knee_y - cm * units_per_cm,
x along a straight line from x_knee to x_hip, mirrored for the right leg;
the picture is fitted, centred, into the diagram area the app logs).
Shrunk to a sixth (a look from about 3 m), the ball is still a blue dot,
the ring of the next position still a light ring with no ball in it, and
the no-go zone still its yellow; the paused banner never covers the
diagram."""
import json
import re
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import smrapp  # noqa: E402

N_ITEMS = 14


def diagram_table():
    """The numbers of the "hamstrings-back" diagram, read from the table in
    src/routine/diagram.c (the one place they live), not copied here."""
    import re
    with open(os.path.join(smrapp.SOURCE_ROOT, "src", "routine", "diagram.c")) as f:
        src = f.read()
    src = src[src.index("---- hamstrings-back"):src.index("---- quadriceps-front")]
    nums = {}
    for key in ("view_w", "view_h", "knee_y", "units_per_cm", "far_cm"):
        nums[key] = float(re.search(r"\.%s\s*=\s*([0-9.]+)" % key, src).group(1))
    lines = {m.group(1): (float(m.group(2)), float(m.group(3)))
             for m in re.finditer(r'\{"(\w+)",\s*(?:N_\()?"[^"]*"\)?,\s*([0-9.]+),\s*([0-9.]+)[,}]', src)}
    return nums, lines


TABLE, LINES = diagram_table()
VIEW_W, VIEW_H = TABLE["view_w"], TABLE["view_h"]
KNEE_Y, UNITS_PER_CM, HIP_CM = TABLE["knee_y"], TABLE["units_per_cm"], TABLE["far_cm"]
# The hamstring diagram's first zone (the hollow behind the knee), read from
# its row in the zones table: {name, from_cm, to_cm, ...}.
with open(os.path.join(smrapp.SOURCE_ROOT, "src", "routine", "diagram.c")) as _f:
    NOGO_MAX_CM = float(re.search(r'N_\("the hollow behind the knee"\), [0-9.]+, ([0-9.]+),', _f.read()).group(1))
BALL_FILL = (22, 112, 232)   # diagram_view.c: used nowhere else
PAUSED = (255, 194, 26)      # ui.c UI_PAUSED: the banner


def expected_ball(area, line, cm, right):
    ax, ay, aw, ah = area
    s = min(aw / VIEW_W, ah / VIEW_H)
    rx = ax + (aw - VIEW_W * s) / 2
    ry = ay + (ah - VIEW_H * s) / 2
    x_knee, x_hip = LINES[line]
    x = x_knee + (x_hip - x_knee) * cm / HIP_CM
    if right:
        x = VIEW_W - x
    y = KNEE_Y - cm * UNITS_PER_CM
    return rx + x * s, ry + y * s


def view_to_px(area, x, y, right):
    """A point of the picture (left-leg viewBox units) in window pixels."""
    ax, ay, aw, ah = area
    s = min(aw / VIEW_W, ah / VIEW_H)
    if right:
        x = VIEW_W - x
    return ax + (aw - VIEW_W * s) / 2 + x * s, ay + (ah - VIEW_H * s) / 2 + y * s


SIXTH = 6


def shrink(img, area, k=SIXTH):
    """The part of img inside area, each k x k block averaged into one pixel
    (what the eye gets from k times as far). Returns (image, x0, y0): the
    window pixel (x, y) is at ((x - x0) // k, (y - y0) // k)."""
    x0, y0, aw, ah = area
    w, h = aw // k, ah // k
    rows = []
    for by in range(h):
        out = bytearray(3 * w)
        src = img.rows[y0 + by * k:y0 + by * k + k]
        for bx in range(w):
            i0, i1 = 3 * (x0 + bx * k), 3 * (x0 + bx * k + k)
            for c in range(3):
                out[3 * bx + c] = sum(sum(r[i0 + c:i1:3]) for r in src) // (k * k)
        rows.append(bytes(out))
    return smrapp.Image(w, h, rows), x0, y0


def is_blue(p):
    return p[2] > p[0] + 80 and p[2] > p[1] + 40


def is_light(p):
    return min(p) > 165 and max(p) - min(p) < 60


def is_zone_yellow(p):
    return p[0] > 120 and p[1] > 90 and p[2] < 110 and p[0] - p[2] > 60 and p[1] - p[2] > 35


def around(small, cx, cy, r_min, r_max):
    """The pixels at a Chebyshev distance r_min..r_max from (cx, cy)."""
    out = []
    for y in range(cy - r_max, cy + r_max + 1):
        for x in range(cx - r_max, cx + r_max + 1):
            if r_min <= max(abs(x - cx), abs(y - cy)) and 0 <= x < small.width and \
                    0 <= y < small.height:
                out.append(small.px(x, y))
    return out


def rect(text):
    return tuple(int(v) for v in text.split(","))


class SessionPixels(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.plan = json.loads(subprocess.run([smrapp.BINARY, "plan", smrapp.ROUTINE, "--json"],
                                             stdout=subprocess.PIPE, check=True,
                                             text=True).stdout)

    def check_size(self, w, h, step, speed):
        script = ("key n\n" * N_ITEMS + "key Return\nwait-screen overview\nkey Return\n"
                  "wait-step %d\nscreenshot running\nkey space\nscreenshot paused\nquit\n" % step)
        r = smrapp.run(script, window="%dx%d" % (w, h), speed=speed)
        self.assertEqual(r.status, 0, r.log)
        # The static layer shown in the screenshot is the one logged last
        # before it (at high speed, under a sanitizer, that may be a later step).
        lines = r.ball_lines(before_shot="running")
        self.assertTrue(lines, r.log)
        info = lines[-1]
        self.assertGreaterEqual(int(info["step"]), step)
        step = int(info["step"])
        run = smrapp.read_png(os.path.join(r.shots, "running.png"))
        self.assertEqual((run.width, run.height), (w, h))

        # The ball: where the plan's cm maps, and drawn there in its colour.
        pstep = self.plan["steps"][step]
        self.assertEqual(pstep["side"], "left" if w == 800 else "right")
        self.assertAlmostEqual(float(info["cm"]), float(pstep["cm"]), places=2)
        ex, ey = expected_ball(rect(info["diagram_area"]), pstep["line"], float(pstep["cm"]),
                               pstep["side"] == "right")
        bx, by = (float(v) for v in info["ball_px"].split(","))
        self.assertLess(abs(bx - ex), 1.0, (bx, ex))
        self.assertLess(abs(by - ey), 1.0, (by, ey))
        rad = max(3, h // 200)
        near = smrapp.count_in(run, (int(ex) - rad, int(ey) - rad, 2 * rad + 1, 2 * rad + 1),
                               lambda p: smrapp.close(p, BALL_FILL, 40))
        self.assertGreater(near, (2 * rad + 1) ** 2 // 4, "no ball colour at the mapped point")

        # The countdown: bright digit pixels in its box, at least h/5 tall.
        dx, dy, dw, dh = rect(info["digits_area"])
        rows = [y for y in range(dy, dy + dh)
                if any(min(run.px(x, y)) > 200 for x in range(dx, dx + dw, 2))]
        self.assertTrue(rows, "no countdown pixels")
        self.assertGreaterEqual(rows[-1] - rows[0] + 1, h // 5)

        self.check_a_sixth(run, info, pstep["side"] == "right")

        # Paused: a large banner in its own colour; running: none.
        paused = smrapp.read_png(os.path.join(r.shots, "paused.png"))
        total = (w // 4) * (h // 4)
        in_pause = smrapp.count_in(paused, (0, 0, w, h), lambda p: smrapp.close(p, PAUSED, 8), 4)
        in_run = smrapp.count_in(run, (0, 0, w, h), lambda p: smrapp.close(p, PAUSED, 8), 4)
        self.assertGreater(in_pause, total * 0.15)
        self.assertLess(in_run, total * 0.02)
        # ... and beside the diagram, never over it: the diagram holds no
        # more of the banner's colour paused than running (its no-go zone is
        # amber of its own).
        diagram = rect(info["diagram_area"])
        amber = lambda p: smrapp.close(p, PAUSED, 30)
        self.assertLessEqual(smrapp.count_in(paused, diagram, amber),
                             smrapp.count_in(run, diagram, amber) + 8)

    def check_a_sixth(self, img, info, right):
        area = rect(info["diagram_area"])
        small, x0, y0 = shrink(img, area)

        def at(x, y):
            return int((x - x0) // SIXTH), int((y - y0) // SIXTH)

        bx, by = at(*(float(v) for v in info["ball_px"].split(",")))
        self.assertTrue(any(is_blue(p) for p in around(small, bx, by, 0, 0)),
                        ("no blue ball at a sixth", small.px(bx, by)))
        self.assertNotEqual(info["ring_px"], "none")
        rx, ry = at(*(float(v) for v in info["ring_px"].split(",")))
        ring = around(small, rx, ry, 1, 3)
        self.assertGreaterEqual(sum(is_light(p) for p in ring), 4,
                                ("no light ring at a sixth", ring))
        self.assertFalse(any(is_blue(p) for p in around(small, rx, ry, 0, 1)),
                         "the ring looks like a ball at a sixth")
        # The zone, away from its label (centred) and its hatching's edge.
        xs = [x for x, _ in LINES.values()]
        margin = 0.065 * VIEW_W
        zx = min(xs) - margin + 0.3 * (max(xs) - min(xs) + 2 * margin)
        zy = KNEE_Y - NOGO_MAX_CM * UNITS_PER_CM * 0.75
        cx, cy = at(*view_to_px(area, zx, zy, right))
        zone = around(small, cx, cy, 0, 1)
        self.assertGreaterEqual(sum(is_zone_yellow(p) for p in zone), 5,
                                ("no yellow zone at a sixth", zone))

    def test_resize_keeps_the_layout_whole(self):
        script = ("key n\n" * N_ITEMS + "key Return\nwait-screen overview\nkey Return\n"
                  "wait-step 0\nkey space\nresize 800 600\nscreenshot small\n"
                  "resize 1600 1000\nscreenshot large\nquit\n")
        r = smrapp.run(script, window="1280x720", speed=4)
        self.assertEqual(r.status, 0, r.log)
        for name, (w, h) in (("small", (800, 600)), ("large", (1600, 1000))):
            img = smrapp.read_png(os.path.join(r.shots, name + ".png"))
            self.assertEqual((img.width, img.height), (w, h))
            info = r.ball_lines(before_shot=name)[-1]
            ax, ay, aw, ah = rect(info["diagram_area"])
            self.assertTrue(0 <= ax and ax + aw <= w and 0 <= ay and ay + ah <= h, info)
            dx, dy, dw, dh = rect(info["digits_area"])
            self.assertTrue(dx + dw <= w and dy + dh <= h and dh >= h // 5, info)
            banner = smrapp.count_in(img, (0, 0, w, h), lambda p: smrapp.close(p, PAUSED, 8), 4)
            self.assertGreater(banner, (w // 4) * (h // 4) * 0.15)

    def test_800x600(self):
        self.check_size(800, 600, 0, 4)

    def test_1920x1080_right_leg(self):
        # The first step on the right leg: the ball is mirrored.
        first_right = next(s["index"] for s in self.plan["steps"] if s["side"] == "right")
        self.check_size(1920, 1080, first_right, 100)


if __name__ == "__main__":
    unittest.main(verbosity=2)
