#!/usr/bin/env python3
"""gen_hamstrings_back.py - writes hamstrings-back.svg, the back of a LEFT
thigh seen from behind (outer side on the viewer's left), for smr-timer.

Original artwork of the project. Each muscle is a centre line (a cubic
Bezier) with a width profile; its outline is the centre line offset by the
width on both sides, smoothed into cubic Beziers (Catmull-Rom), so bellies
swell and taper into tendons like in an anatomy plate. Only what nanosvg
(SDL2_image) renders is used: paths, fills, strokes, linear and radial
gradients given in percent (nanosvg reads bare bounding-box numbers as user
units).

The numbers the program relies on live in src/routine/diagram.c and must agree
with these: knee crease y=640, buttock fold y=100 (36 cm at 15 units per cm),
and the three strip lines, which run along the three bellies drawn here:
    outer  (biceps femoris):  x 142 at the knee -> 205 at the hip
    middle (semitendinosus):  x 212 -> 236
    inner  (semimembranosus): x 272 -> 266
Run: python3 assets/diagrams/gen_hamstrings_back.py  (rewrites the SVG)."""

import math
import os

KNEE_Y = 640.0
HIP_Y = 100.0


def bez(p, t):
    """Point and unit tangent of a cubic Bezier p (4 points) at t."""
    u = 1 - t
    x = u**3 * p[0][0] + 3 * u * u * t * p[1][0] + 3 * u * t * t * p[2][0] + t**3 * p[3][0]
    y = u**3 * p[0][1] + 3 * u * u * t * p[1][1] + 3 * u * t * t * p[2][1] + t**3 * p[3][1]
    dx = 3 * u * u * (p[1][0] - p[0][0]) + 6 * u * t * (p[2][0] - p[1][0]) + 3 * t * t * (p[3][0] - p[2][0])
    dy = 3 * u * u * (p[1][1] - p[0][1]) + 6 * u * t * (p[2][1] - p[1][1]) + 3 * t * t * (p[3][1] - p[2][1])
    n = math.hypot(dx, dy) or 1.0
    return (x, y), (dx / n, dy / n)


def profile(table, t):
    """Width at t from (t, w) pairs, eased between them."""
    if t <= table[0][0]:
        return table[0][1]
    for (t0, w0), (t1, w1) in zip(table, table[1:]):
        if t <= t1:
            s = (t - t0) / (t1 - t0)
            s = s * s * (3 - 2 * s)
            return w0 + (w1 - w0) * s
    return table[-1][1]


def smooth_closed(points):
    """A closed path through the points, Catmull-Rom turned into cubics."""
    n = len(points)
    out = ["M %.1f,%.1f" % points[0]]
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        out.append("C %.1f,%.1f %.1f,%.1f %.1f,%.1f" % (c1 + c2 + p2))
    return " ".join(out) + " Z"


def smooth_open(points):
    out = ["M %.1f,%.1f" % points[0]]
    n = len(points)
    for i in range(n - 1):
        p0, p1, p2 = points[max(i - 1, 0)], points[i], points[i + 1]
        p3 = points[min(i + 2, n - 1)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        out.append("C %.1f,%.1f %.1f,%.1f %.1f,%.1f" % (c1 + c2 + p2))
    return " ".join(out)


def spindle(centre, widths, t0=0.0, t1=1.0, samples=22):
    """Outline of a muscle (or tendon) along `centre` from t0 to t1."""
    left, right = [], []
    for i in range(samples + 1):
        t = t0 + (t1 - t0) * i / samples
        (x, y), (tx, ty) = bez(centre, t)
        w = profile(widths, t)
        nx, ny = -ty, tx
        left.append((x + nx * w, y + ny * w))
        right.append((x - nx * w, y - ny * w))
    (ex, ey), (etx, ety) = bez(centre, t1)
    (sx, sy), (stx, sty) = bez(centre, t0)
    we, ws = profile(widths, t1), profile(widths, t0)
    end = (ex + etx * we * 0.7, ey + ety * we * 0.7)
    start = (sx - stx * ws * 0.7, sy - sty * ws * 0.7)
    return smooth_closed(left + [end] + right[::-1] + [start])


def fibres(centre, widths, offsets, t0, t1, samples=12):
    """Thin lines along the belly at fractions of its half-width."""
    paths = []
    for k in offsets:
        pts = []
        for i in range(samples + 1):
            t = t0 + (t1 - t0) * i / samples
            (x, y), (tx, ty) = bez(centre, t)
            w = profile(widths, t) * k
            pts.append((x - ty * w, y + tx * w))
        paths.append(smooth_open(pts))
    return paths


# ---- the muscles (left leg, viewBox units) --------------------------------

# biceps femoris, long head: from the sitting bone (under the gluteus) down
# and outward to the head of the fibula, outer side of the knee
BF = [(240, 104), (196, 160), (160, 320), (140, 692)]
BF_W = [(0, 4), (0.08, 12), (0.28, 34), (0.5, 37), (0.7, 30), (0.84, 13), (1, 6)]
# its short head, deep and outer, seen beside the long head lower down
BFS = [(128, 326), (112, 420), (124, 520), (148, 610)]
BFS_W = [(0, 3), (0.25, 13), (0.6, 15), (1, 4)]
# semitendinosus: fleshy above, then a long cord to the inner side of the shin
ST = [(250, 104), (224, 230), (196, 420), (222, 520)]
ST_W = [(0, 5), (0.15, 16), (0.45, 30), (0.75, 20), (1, 6)]
ST_TENDON = [(222, 520), (236, 580), (256, 640), (276, 712)]
# semimembranosus: a flat sheet of tendon above, its belly low and inner
SM = [(258, 104), (262, 260), (276, 430), (282, 694)]
SM_W = [(0, 6), (0.25, 12), (0.45, 28), (0.62, 33), (0.8, 22), (0.93, 9), (1, 7)]

# the top is the rounded buttock; the straight edge at x=400 is the midline
TOP = "M 400,26 C 360,8 300,2 232,2 C 150,2 84,16 62,52 C 50,80 50,124 58,170 "
SKIN_OUTLINE = (
    TOP + "C 70,280 88,430 106,566 "
    "C 112,610 113,640 108,674 C 100,716 92,760 96,800 L 310,800 "
    "C 314,760 308,716 298,678 C 291,648 290,618 294,588 "
    "C 306,470 322,300 336,182 C 340,150 358,124 400,118")
SKIN = SKIN_OUTLINE + " Z"


def svg():
    out = []
    w = out.append
    w('<?xml version="1.0" encoding="UTF-8"?>')
    w('<!-- hamstrings-back.svg - generated by gen_hamstrings_back.py (edit that, not this).')
    w('     Back of a LEFT thigh seen from behind: outer side on the viewer\'s left,')
    w('     knee crease y=640, buttock fold y=100, 15 units per cm. Original artwork')
    w('     of smr-timer. -->')
    w('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="800" viewBox="0 0 400 800">')
    w('<defs>')

    def lin(name, stops, vertical=False):
        x2, y2 = ("0%", "100%") if vertical else ("100%", "0%")
        w('<linearGradient id="%s" x1="0%%" y1="0%%" x2="%s" y2="%s">' % (name, x2, y2))
        for off, col in stops:
            w('  <stop offset="%s" stop-color="%s"/>' % (off, col))
        w('</linearGradient>')

    lin("skin", [(0, "#e2b89d"), (0.45, "#f6dcc9"), (1, "#e6bea4")])
    lin("deep", [(0, "#b36f66"), (0.5, "#cf9b91"), (1, "#b7736a")])
    lin("ham", [(0, "#8f2a31"), (0.4, "#d0666b"), (0.62, "#c45257"), (1, "#922c33")])
    lin("hamdeep", [(0, "#7f252c"), (0.5, "#b84f54"), (1, "#84272e")])
    lin("tendon", [(0, "#d8c3ae"), (0.5, "#f8f0e6"), (1, "#d6bfa9")])
    lin("calf", [(0, "#c07d74"), (1, "#d9a39a")], vertical=True)
    lin("calfside", [(0, "#a9615a"), (0.5, "#d39b92"), (1, "#ad655e")])
    w('<radialGradient id="glute" cx="55%" cy="30%" r="70%">')
    w('  <stop offset="0" stop-color="#d59a90"/>')
    w('  <stop offset="0.7" stop-color="#b8756c"/>')
    w('  <stop offset="1" stop-color="#9f5c55"/>')
    w('</radialGradient>')
    w('<radialGradient id="fossa" cx="50%" cy="45%" r="55%">')
    w('  <stop offset="0" stop-color="#e9c9a6"/>')
    w('  <stop offset="1" stop-color="#d9ae8e"/>')
    w('</radialGradient>')
    w('</defs>')

    edge = 'stroke="#5e1a20" stroke-width="1.3" stroke-linejoin="round"'
    # the leg, with the skin as a thin rim around what lies beneath
    w('<path d="%s" fill="url(#skin)"/>' % SKIN)
    # deep layer between the hamstrings: vastus lateralis (outer), adductor
    # magnus and gracilis (inner)
    w('<path d="M 60,110 C 66,280 92,430 112,566 C 150,540 250,540 290,580 '
      'C 302,460 318,300 336,128 C 250,96 140,96 60,110 Z" fill="url(#deep)"/>')
    # iliotibial band along the outer edge
    w('<path d="%s" fill="url(#tendon)" opacity="0.9"/>'
      % spindle([(64, 120), (70, 300), (90, 450), (116, 640)],
                [(0, 8), (0.3, 10), (0.8, 8), (1, 5)]))
    # popliteal fossa, the hollow behind the knee
    w('<path d="M 206,478 C 186,530 158,580 146,640 C 168,680 190,720 206,748 '
      'C 222,720 244,680 268,640 C 254,580 226,530 206,478 Z" fill="url(#fossa)"/>')
    # the two heads of gastrocnemius, the top of the calf
    w('<path d="M 150,604 C 116,640 96,720 100,800 L 202,800 C 200,740 188,672 162,612 Z" '
      'fill="url(#calfside)" %s/>' % edge)
    w('<path d="M 262,600 C 296,636 312,716 306,800 L 208,800 C 210,740 224,672 250,610 Z" '
      'fill="url(#calfside)" %s/>' % edge)

    # semimembranosus: tendon sheet, then belly
    w('<path d="%s" fill="url(#tendon)" %s/>' % (spindle(SM, [(0, 6), (0.3, 13), (1, 6)], 0, 1), edge))
    w('<path d="%s" fill="url(#hamdeep)" %s/>' % (spindle(SM, SM_W, 0.3, 0.94), edge))
    # biceps short head, under the long head
    w('<path d="%s" fill="url(#hamdeep)" %s/>' % (spindle(BFS, BFS_W), edge))
    # semitendinosus: its cord lies on semimembranosus
    w('<path d="%s" fill="url(#tendon)" %s/>' % (spindle(ST_TENDON, [(0, 5), (1, 4)]), edge))
    w('<path d="%s" fill="url(#ham)" %s/>' % (spindle(ST, ST_W, 0.04, 1), edge))
    # biceps femoris long head: tendons, then belly
    w('<path d="%s" fill="url(#tendon)" %s/>' % (spindle(BF, [(0, 5), (0.2, 8), (0.8, 8), (1, 6)]), edge))
    w('<path d="%s" fill="url(#ham)" %s/>' % (spindle(BF, BF_W, 0.08, 0.88), edge))

    # fibres
    w('<g fill="none" stroke="#5e1a20" stroke-opacity="0.28" stroke-width="1" stroke-linecap="round">')
    for p in fibres(BF, BF_W, (-0.6, -0.2, 0.2, 0.6), 0.16, 0.78):
        w('  <path d="%s"/>' % p)
    for p in fibres(ST, ST_W, (-0.5, 0, 0.5), 0.14, 0.9):
        w('  <path d="%s"/>' % p)
    for p in fibres(SM, SM_W, (-0.55, -0.1, 0.4), 0.38, 0.88):
        w('  <path d="%s"/>' % p)
    for p in fibres(BFS, BFS_W, (0,), 0.15, 0.85):
        w('  <path d="%s"/>' % p)
    w('</g>')
    # a light sheen down the middle of each belly, for volume
    w('<g fill="none" stroke="#ffffff" stroke-opacity="0.16" stroke-width="5" stroke-linecap="round">')
    for c, wd, a, b in ((BF, BF_W, 0.22, 0.66), (ST, ST_W, 0.2, 0.8), (SM, SM_W, 0.45, 0.82)):
        w('  <path d="%s"/>' % fibres(c, wd, (-0.15,), a, b)[0])
    w('</g>')

    # gluteus maximus over the top of the hamstrings; its lower edge medially
    # is the buttock fold
    w('<path d="M 400,26 C 360,8 300,2 232,2 C 150,2 84,16 62,52 C 50,80 50,124 58,176 '
      'C 96,168 136,150 176,134 C 250,112 330,104 400,104 Z" fill="url(#glute)" %s/>' % edge)
    # its fibres run from the sacrum (inner top) down and out; they end
    # inside its outline (no clip paths in nanosvg)
    w('<g fill="none" stroke="#5e1a20" stroke-opacity="0.22" stroke-width="1.1" stroke-linecap="round">')
    for k in range(6):
        y0, y1 = 36 + k * 11, 66 + k * 14
        w('  <path d="M %.1f,%.1f C %.1f,%.1f %.1f,%.1f %.1f,%.1f"/>' % (
            396, y0, 286, y0 + (y1 - y0) / 3 - 6, 176, y0 + 2 * (y1 - y0) / 3 - 6, 66, y1))
    w('</g>')
    # natal cleft at the inner top corner
    w('<path d="M 398,24 C 396,50 396,80 398,100" fill="none" stroke="#5e1a20" '
      'stroke-opacity="0.35" stroke-width="1.5"/>')
    # the knee crease, a skin line
    w('<path d="M 112,640 C 170,648 240,648 292,636" fill="none" stroke="#6a3b2c" '
      'stroke-opacity="0.45" stroke-width="1.6" stroke-linecap="round"/>')
    # the outline last, so the edge stays crisp
    w('<path d="%s" fill="none" stroke="#7c4f3b" stroke-width="2.6" stroke-linecap="round" '
      'stroke-linejoin="round"/>' % SKIN_OUTLINE.replace("L 310,800", "M 310,800"))
    w('</svg>')
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "hamstrings-back.svg"), "w", encoding="utf-8") as f:
        f.write(svg())
