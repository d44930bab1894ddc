#!/usr/bin/env python3
"""The handout as a person gets it: `smr-timer handout` on a routine
tailored for a client and on the largest routines the format allows, on A4
and on Letter. pdfinfo says one page of the right size; pdftotext finds the
title, the client's name, every ball position (number and cm), every safety
question and the notice; every word lies inside the page's margins and no
two words overlap (nothing clipped, nothing drawn over); pdftoppm renders it.

Exit status: 0 pass, 1 fail, 77 skip (no poppler-utils)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wf_routines  # noqa: E402

BINARY = os.environ.get("SMR_BINARY", "smr-timer")
PAPERS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
MARGIN = 36.0
NOTICE = "This is not medical advice. If in doubt, ask a qualified professional."
# src/session/checklist.c's built-in questions, a few of them: the handout
# prints the checklist model's, not a copy of its own.
SOME_BUILTIN = ["Do you have a fever or feel acutely ill today?",
                "Are there varicose veins on the back of the thigh?"]


def run(*args, check=True):
    p = subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=60)
    if check and p.returncode != 0:
        raise AssertionError(f"{args}: exit {p.returncode}\n{p.stderr}")
    return p


def pdf_text(path):
    """The page's text without any white space: pdftotext breaks words in
    two where small type sets its letters a little apart."""
    out = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
    return "".join(out.split())


class Text(str):
    """pdf_text() and a needle compared without white space."""
    def __contains__(self, needle):
        return str.__contains__(self, "".join(needle.split()))


def words(path):
    """Every word's box, from pdftotext -bbox."""
    xml = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True, text=True,
                         check=True).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    root = ET.fromstring(xml)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    out = []
    for w in root.iter("{http://www.w3.org/1999/xhtml}word"):
        out.append((float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                    float(w.get("yMax")), w.text or ""))
    del ns
    return out


def overlapping(boxes):
    """Pairs of words whose boxes overlap, each box shrunk a little (font
    boxes stand above and below the letters)."""
    shrunk = []
    for x0, y0, x1, y1, t in boxes:
        dy = (y1 - y0) * 0.2
        shrunk.append((x0 + 0.3, y0 + dy, x1 - 0.3, y1 - dy, t))
    shrunk.sort(key=lambda b: b[1])
    bad = []
    for i, a in enumerate(shrunk):
        for b in shrunk[i + 1:]:
            if b[1] >= a[3]:
                break
            if a[0] < b[2] and b[0] < a[2]:
                bad.append((a[4], b[4]))
    return bad


class Handout(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="smr-handout-")
        base = wf_routines.write(os.path.join(cls.tmp, "base.json"), wf_routines.bundled())
        cls.client = os.path.join(cls.tmp, "zoe.smr.json")
        run("tailor", base, "-o", cls.client, "--for", "Zoë Berger", "--by", "M. Weber",
            "--on", "2024-05-01", "--note", "Gently: a few degrees of knee movement.")
        cls.largest = [wf_routines.write(os.path.join(cls.tmp, "largest-both.json"), wf_routines.largest()),
                       wf_routines.write(os.path.join(cls.tmp, "largest-right.json"),
                                         wf_routines.largest(sides=("right",), same_line=True))]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def make(self, routine, paper):
        out = os.path.join(self.tmp, f"{os.path.basename(routine)}.{paper}.pdf")
        run("handout", routine, "-o", out, "--paper", paper, "--force")
        return out

    def check_page(self, pdf, paper):
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
        self.assertRegex(info, r"Pages:\s+1\n")
        m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
        w, h = PAPERS[paper]
        self.assertAlmostEqual(float(m.group(1)), w, delta=0.01)
        self.assertAlmostEqual(float(m.group(2)), h, delta=0.01)
        boxes = words(pdf)
        self.assertGreater(len(boxes), 100)
        for x0, y0, x1, y1, t in boxes:
            self.assertTrue(x0 >= MARGIN - 1 and x1 <= w - MARGIN + 1, f"{t!r} at x {x0:.1f}-{x1:.1f}")
            self.assertTrue(y0 >= MARGIN - 2 and y1 <= h - MARGIN + 2, f"{t!r} at y {y0:.1f}-{y1:.1f}")
        self.assertEqual(overlapping(boxes), [], "words drawn over each other")
        png = os.path.join(self.tmp, "page")
        subprocess.run(["pdftoppm", "-r", "30", "-png", "-singlefile", pdf, png], check=True)
        self.assertGreater(os.path.getsize(png + ".png"), 2000)

    def check_positions(self, routine, text):
        import json
        with open(routine, encoding="utf-8") as f:
            r = json.load(f)
        for s in r["strips"]:
            cms = s.get("positions_cm") or []
            if not cms:
                cm = s["start_cm"]
                while cm <= s["end_cm"] + 0.001:
                    cms.append(cm)
                    cm += s["move_cm"]
            for k, cm in enumerate(cms, 1):
                self.assertIn(f"{k} at {cm:g}", text, f"position {k} of {s['id']}")

    def test_client_routine(self):
        for paper in PAPERS:
            with self.subTest(paper=paper):
                pdf = self.make(self.client, paper)
                self.check_page(pdf, paper)
                text = Text(pdf_text(pdf))
                self.assertIn("Hamstrings: pin and stretch with a spiky ball", text)
                self.assertIn("For Zoë Berger", text)
                self.assertIn("prepared by M. Weber", text)
                self.assertIn("2024-05-01", text)
                self.assertIn("Gently: a few degrees of knee movement.", text)
                self.assertIn("Total 13:15", text)  # as `check` and `plan` count it
                for q in SOME_BUILTIN:
                    self.assertIn(q, text)
                self.assertIn(NOTICE, text)
                self.check_positions(self.client, text)
                # The diagram's own numbers: 1-4 beside the dots of each strip.
                self.assertIn("no-go zone", text)

    def test_largest_routines(self):
        for routine in self.largest:
            for paper in PAPERS:
                with self.subTest(routine=os.path.basename(routine), paper=paper):
                    pdf = self.make(routine, paper)
                    self.check_page(pdf, paper)
                    text = Text(pdf_text(pdf))
                    self.assertIn(NOTICE, text)
                    self.assertIn("Title: Zoë stretches", text)
                    self.assertRegex(str(text), r"Total\d+:\d\d")
                    self.check_positions(routine, text)
                    for q in SOME_BUILTIN:
                        self.assertIn(q, text)
                    for i in range(wf_routines.LIST_ITEMS):  # the routine's own questions
                        self.assertIn(f"Question {i}?", text)

    def test_other_diagrams(self):
        """The words around the figure follow the diagram: its view, which
        way the dots count, its own no-go zones by name (the SVG's metadata,
        which tests/diagram/svg_table.py holds to src/routine/diagram.c), the
        heading's landmark; never the back of the thigh's words."""
        cases = [
            ("calves-spiky-ball", "calves-back", "The left leg seen from behind, knee at the top.",
             "numbered from the knee down", "Ball positions, cm below the knee crease",
             ["hamstring", "thigh", "buttock", "knee at the bottom", "from the knee up",
              "cm above the knee"]),
            ("quadriceps-spiky-ball", "quadriceps-front",
             "The left leg seen from the front, knee at the bottom.", "numbered from the knee up",
             "Ball positions, cm above the bottom of the kneecap",
             ["hamstring", "behind the knee", "buttock fold", "seen from behind", "back of the thigh",
              "cm above the knee crease"]),
        ]
        for routine_id, diagram, view, dots, heading, never in cases:
            routine = os.path.join(wf_routines.SOURCE_ROOT, "routines", routine_id + ".json")
            svg = os.path.join(wf_routines.SOURCE_ROOT, "assets", "diagrams", diagram + ".svg")
            zones = [z.get("name") for z in ET.parse(svg).getroot().iter(
                "{https://smr-timer.example/diagram-table}zone")]
            self.assertGreater(len(zones), 1, diagram)
            for paper in PAPERS:
                with self.subTest(routine=routine_id, paper=paper):
                    pdf = self.make(routine, paper)
                    self.check_page(pdf, paper)
                    raw = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True,
                                         check=True).stdout
                    text = Text(pdf_text(pdf))
                    for want in (view, dots, heading):
                        self.assertIn(want, text)
                    self.assertIn("Hatched, where the ball never goes: " + "; ".join(zones) + ".",
                                  text)
                    if routine_id.startswith("quadriceps"):  # its next, by title and id
                        self.assertIn("Calves: pin and stretch with a spiky ball "
                                      "(calves-spiky-ball)", text)
                    flat = " ".join(raw.split()).lower()
                    for word in never:
                        self.assertNotIn(word, flat, f"{word!r} on the {routine_id} handout")

    def test_refusals(self):
        out = os.path.join(self.tmp, "x.pdf")
        p = run("handout", self.client, "-o", out, "--paper", "a5", check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("--paper takes a4 or letter, not 'a5'", p.stderr)
        bad = os.path.join(self.tmp, "bad.json")
        with open(bad, "w") as f:
            f.write("{}")
        p = run("handout", bad, "-o", out, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn(f"{bad}: format: missing required field", p.stderr)
        self.assertFalse(os.path.exists(out))
        with open(out, "w") as f:
            f.write("mine")
        p = run("handout", self.client, "-o", out, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("exists; give --force to replace it", p.stderr)
        with open(out) as f:
            self.assertEqual(f.read(), "mine")
        self.assertEqual([n for n in os.listdir(self.tmp) if n.startswith(".")], [])


if __name__ == "__main__":
    if not all(shutil.which(t) for t in ("pdfinfo", "pdftotext", "pdftoppm")):
        print("SKIP: poppler-utils (pdfinfo, pdftotext, pdftoppm) is not installed")
        sys.exit(77)
    unittest.main(verbosity=2)
