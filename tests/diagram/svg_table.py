#!/usr/bin/env python3
"""The pictures and the table agree. For every diagram of src/routine/diagram.c
(printed by dump_table): its SVG exists, was made by its generator as it is
now (the generator run into a temporary folder writes the same bytes), and
the numbers the generator drew it for (the SVG's metadata) are the table's:
the mapping, every line and every no-go zone. Also each line runs inside the
limb and the zones lie on the picture.
Arguments: DUMP_TABLE; environment: SMR_SOURCE_ROOT."""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.environ["SMR_SOURCE_ROOT"]
NS = "{https://smr-timer.example/diagram-table}"
failures = []


def expect(cond, what):
    if not cond:
        failures.append(what)


def close(a, b):
    return abs(float(a) - float(b)) < 1e-9


def check_metadata(d, svg_path):
    root = ET.parse(svg_path).getroot()
    meta = root.find(".//%sdiagram" % NS)
    if meta is None:
        failures.append("%s: no smr:diagram metadata" % svg_path)
        return
    name = d["name"]
    expect(meta.get("name") == name, "%s: metadata names %s" % (name, meta.get("name")))
    for key in ("knee_y", "units_per_cm", "far_cm", "work_min_cm", "work_max_cm"):
        expect(close(meta.get(key), d[key]), "%s: %s is %s in the SVG, %s in the table"
               % (name, key, meta.get(key), d[key]))
    lines = meta.findall("%sline" % NS)
    expect([ln.get("id") for ln in lines] == [ln["id"] for ln in d["lines"]],
           "%s: lines %s in the SVG" % (name, [ln.get("id") for ln in lines]))
    for svg_line, line in zip(lines, d["lines"]):
        for key in ("x_knee", "x_far", "min_cm", "max_cm"):
            expect(close(svg_line.get(key), line[key]), "%s: line %s %s is %s in the SVG, %s in "
                   "the table" % (name, line["id"], key, svg_line.get(key), line[key]))
    zones = meta.findall("%szone" % NS)
    expect([z.get("name") for z in zones] == [z["name"] for z in d["zones"]],
           "%s: zones %s in the SVG" % (name, [z.get("name") for z in zones]))
    for svg_zone, zone in zip(zones, d["zones"]):
        for key in ("from_cm", "to_cm", "x_left", "x_right", "x_left_to", "x_right_to"):
            expect(close(svg_zone.get(key), zone[key]), "%s: zone %s %s is %s in the SVG, %s in "
                   "the table" % (name, zone["name"], key, svg_zone.get(key), zone[key]))
    w, h = (float(v) for v in root.get("viewBox").split()[2:])
    for zone in d["zones"]:
        for key in ("x_left", "x_right", "x_left_to", "x_right_to"):
            expect(0 <= zone[key] <= w, "%s: zone %s is off the picture" % (name, zone["name"]))
        for cm in (zone["from_cm"], zone["to_cm"]):
            y = d["knee_y"] - cm * d["units_per_cm"]
            expect(0 <= y <= h, "%s: zone %s is off the picture" % (name, zone["name"]))


def check_generated(d, svg_path):
    stem = d["name"].replace("-", "_")
    gen = os.path.join(ROOT, "assets", "diagrams", "gen_%s.py" % stem)
    if not os.path.exists(gen):
        failures.append("%s: no generator %s" % (d["name"], gen))
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")  # no __pycache__ in the tree
        subprocess.run([sys.executable, gen, tmp], check=True, env=env)
        with open(os.path.join(tmp, os.path.basename(svg_path)), "rb") as f:
            fresh = f.read()
    with open(svg_path, "rb") as f:
        expect(f.read() == fresh, "%s: the SVG is not what %s writes now (run it)"
               % (d["name"], os.path.basename(gen)))


def main():
    table = json.loads(subprocess.run([sys.argv[1]], check=True, capture_output=True,
                                      text=True).stdout)
    expect(len(table) >= 3, "only %d diagrams" % len(table))
    for d in table:
        svg_path = os.path.join(ROOT, "assets", d["asset"])
        if not os.path.exists(svg_path):
            failures.append("%s: no %s" % (d["name"], svg_path))
            continue
        check_metadata(d, svg_path)
        check_generated(d, svg_path)
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print("svg table: %d diagrams agree with their pictures" % len(table))


main()
