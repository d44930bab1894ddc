#!/usr/bin/env python3
"""A therapist's path, end to end, as a user runs it: tailor a routine for a
client with a mistake first (refused, nothing written), then right; check
it; print the handout on A4 and on Letter (read back with poppler: one page,
the title, the client's name, every ball position); the client runs the
tailored file (headless, as the app runs for tests); `history --csv` shows
that session. With SMR_SHOTS_DIR set, the two pages are left there as PNG.

Exit status: 0 pass, 1 fail, 77 skip (no poppler-utils)."""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "app"))
import smrapp  # noqa: E402
import wf_routines  # noqa: E402

BINARY = os.environ.get("SMR_BINARY", "smr-timer")
BASE = os.path.join(wf_routines.SOURCE_ROOT, "routines", "hamstrings-spiky-ball.json")


class TherapistPath(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="smr-therapist-")
        self.env = dict(os.environ, XDG_STATE_HOME=os.path.join(self.tmp, "state"), HOME=self.tmp,
                        SMR_AUDIO="null", SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def smr(self, *args):
        return subprocess.run([BINARY, *args], capture_output=True, text=True, env=self.env,
                              cwd=self.tmp, timeout=60)

    def test_tailor_check_handout_run_history(self):
        tailor = ["tailor", BASE, "-o", "zoe", "--for", "Zoë Berger", "--by", "M. Weber",
                  "--note", "Keep the stretch small.", "--strips", "outer,inner", "--sides", "left"]
        # 1. A mistake: the hold typed as 40 s. Refused in one line, nothing written.
        p = self.smr(*tailor, "--hold", "40")
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr, "smr-timer tailor: --hold: a hold of 40 s is outside 5-30 s; "
                                   "hold for 10-12 s\n")
        self.assertEqual(os.listdir(self.tmp), [])
        # 2. Right.
        p = self.smr(*tailor, "--hold", "12")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout, "zoe.smr.json: ok, 8 positions, 4:25\n")
        client = os.path.join(self.tmp, "zoe.smr.json")
        # 3. check agrees.
        p = self.smr("check", client)
        self.assertEqual((p.returncode, p.stderr), (0, ""))
        self.assertEqual(p.stdout, f"{client}: ok, 8 positions, 4:25\n")
        # 4. The handout on both papers.
        for paper, size in (("a4", "595.276 x 841.89 pts (A4)"), ("letter", "612 x 792 pts (letter)")):
            pdf = os.path.join(self.tmp, f"zoe-{paper}.pdf")
            p = self.smr("handout", client, "-o", pdf, "--paper", paper)
            self.assertEqual(p.returncode, 0, p.stderr)
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
            self.assertRegex(info, r"Pages:\s+1\n")
            self.assertIn(size, info)
            text = " ".join(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True,
                                           check=True).stdout.split())
            self.assertIn("Hamstrings: pin and stretch with a spiky ball", text)
            self.assertIn("For Zoë Berger", text)
            self.assertIn("Keep the stretch small.", text)
            for strip in ("Outer strip", "Inner strip"):
                self.assertIn(f"{strip} (", text)
            self.assertIn("1 at 10, 2 at 17, 3 at 24, 4 at 31 cm", text)
            self.assertNotIn("Middle strip", text)
            png = os.path.join(os.environ.get("SMR_SHOTS_DIR", self.tmp), f"handout-{paper}")
            subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", pdf, png], check=True)
            self.assertGreater(os.path.getsize(png + ".png"), 20000)
        # 5. The client runs it.
        script = os.path.join(self.tmp, "script.txt")
        with open(script, "w") as f:
            f.write("wait-screen checklist\n" + smrapp.answer_all_no() +
                    "key Return\nwait-screen overview\nkey Return\nwait-done\n"
                    "wait-screen summary\nquit\n")
        p = subprocess.run([BINARY, "--script", script, "--speed", "100", "--no-voice", client],
                           capture_output=True, text=True, env=self.env, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        # 6. The therapist's spreadsheet.
        p = subprocess.run([BINARY, "history", "--csv"], capture_output=True, env=self.env)
        self.assertEqual(p.returncode, 0)
        rows = list(csv.DictReader(io.StringIO(p.stdout.decode("utf-8"), newline="")))
        self.assertEqual(len(rows), 1)
        row = rows[0]
        with open(client, encoding="utf-8") as f:
            r = json.load(f)
        self.assertEqual(row["routine_id"], r["id"])
        self.assertEqual(row["routine_file"], client)
        # Title and sides come with the session controller's line; the
        # screens of this tree still write a line of their own without them.
        if row["title"]:
            self.assertEqual(row["title"], r["title"])
            self.assertEqual(row["sides"], "left")
        self.assertEqual((row["positions_done"], row["positions_total"]), ("8", "8"))
        self.assertEqual(row["ended_by"], "done")


if __name__ == "__main__":
    if not all(shutil.which(t) for t in ("pdfinfo", "pdftotext", "pdftoppm")):
        print("SKIP: poppler-utils (pdfinfo, pdftotext, pdftoppm) is not installed")
        sys.exit(77)
    unittest.main(verbosity=2)
