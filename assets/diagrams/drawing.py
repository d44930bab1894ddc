"""drawing.py - what the diagram generators (gen_*.py) share: muscles drawn
as a centre line (a cubic Bezier) with a width profile, outlines smoothed
into cubic Beziers (Catmull-Rom), the SVG's gradients, and the metadata block
that says which numbers of src/routine/diagram.c the picture was drawn for.

Only what nanosvg (SDL2_image) renders is used: paths, fills, strokes,
linear and radial gradients given in percent (nanosvg reads bare
bounding-box numbers as user units). The metadata is in elements of their
own namespace, which renderers pass over; tests/diagram/svg_table.py reads
it and compares it with the program's table."""

import math
import os
import sys
from xml.sax.saxutils import quoteattr

NS = "https://smr-timer.example/diagram-table"

# The outline every muscle and bone gets.
EDGE = 'stroke="#5e1a20" stroke-width="1.3" stroke-linejoin="round"'


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


def linear_gradient(w, name, stops, vertical=False):
    """A gradient across (or, vertical, down) the shape it fills; w appends
    a line."""
    x2, y2 = ("0%", "100%") if vertical else ("100%", "0%")
    w('<linearGradient id="%s" x1="0%%" y1="0%%" x2="%s" y2="%s">' % (name, x2, y2))
    for off, col in stops:
        w('  <stop offset="%s" stop-color="%s"/>' % (off, col))
    w('</linearGradient>')


def radial_gradient(w, name, cx, cy, r, stops):
    w('<radialGradient id="%s" cx="%s" cy="%s" r="%s">' % (name, cx, cy, r))
    for off, col in stops:
        w('  <stop offset="%s" stop-color="%s"/>' % (off, col))
    w('</radialGradient>')


def base_gradients(w):
    """The fills all diagrams share: skin, the deep layer, muscle, deep
    muscle and tendon."""
    linear_gradient(w, "skin", [(0, "#e2b89d"), (0.45, "#f6dcc9"), (1, "#e6bea4")])
    linear_gradient(w, "deep", [(0, "#b36f66"), (0.5, "#cf9b91"), (1, "#b7736a")])
    linear_gradient(w, "ham", [(0, "#8f2a31"), (0.4, "#d0666b"), (0.62, "#c45257"), (1, "#922c33")])
    linear_gradient(w, "hamdeep", [(0, "#7f252c"), (0.5, "#b84f54"), (1, "#84272e")])
    linear_gradient(w, "tendon", [(0, "#d8c3ae"), (0.5, "#f8f0e6"), (1, "#d6bfa9")])


def fibre_group(w, muscles):
    """Fibres along each (centre, widths, offsets, t0, t1) in `muscles`."""
    w('<g fill="none" stroke="#5e1a20" stroke-opacity="0.28" stroke-width="1" stroke-linecap="round">')
    for centre, widths, offsets, t0, t1 in muscles:
        for p in fibres(centre, widths, offsets, t0, t1):
            w('  <path d="%s"/>' % p)
    w('</g>')


def sheen_group(w, bellies):
    """A light sheen down each (centre, widths, t0, t1) belly, for volume."""
    w('<g fill="none" stroke="#ffffff" stroke-opacity="0.16" stroke-width="5" stroke-linecap="round">')
    for c, wd, a, b in bellies:
        w('  <path d="%s"/>' % fibres(c, wd, (-0.15,), a, b)[0])
    w('</g>')


def line_point(table, line, cm):
    """Where `cm` along a strip line lands, by the mapping of diagram.h
    (left leg): the one the program uses."""
    x = line["x_knee"] + (line["x_far"] - line["x_knee"]) * cm / table["far_cm"]
    y = table["knee_y"] - cm * table["units_per_cm"]
    return x, y


def metadata(w, table):
    """The numbers the picture was drawn for, as src/routine/diagram.c must
    have them: the mapping, the lines and the no-go zones."""
    w('<metadata>')
    w('  <smr:diagram xmlns:smr="%s" name="%s" knee_y="%g" units_per_cm="%g" far_cm="%g"'
      ' work_min_cm="%g" work_max_cm="%g">'
      % (NS, table["name"], table["knee_y"], table["units_per_cm"], table["far_cm"],
         table["work_min_cm"], table["work_max_cm"]))
    for ln in table["lines"]:
        w('    <smr:line id="%s" x_knee="%g" x_far="%g" min_cm="%g" max_cm="%g"/>'
          % (ln["id"], ln["x_knee"], ln["x_far"], ln.get("min_cm", 0), ln.get("max_cm", 0)))
    for z in table["zones"]:
        w('    <smr:zone name=%s from_cm="%g" to_cm="%g" x_left="%g" x_right="%g"'
          ' x_left_to="%g" x_right_to="%g"/>'
          % (quoteattr(z["name"]), z["from_cm"], z["to_cm"], z["x_left"], z["x_right"],
             z.get("x_left_to", z["x_left"]), z.get("x_right_to", z["x_right"])))
    w('  </smr:diagram>')
    w('</metadata>')


def save(script, name, text):
    """Writes `name` beside the generator `script`, or into the folder given
    as its first argument (the tests' check that the SVG is up to date)."""
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(script))
    with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
        f.write(text)
