#!/usr/bin/env python3
"""The workflow commands on the real binary, as a person types them:
`tailor` (a bad value refused with one line and exit 2, a routine that does
not pass refused like `check` with exit 1, nothing written either way, no
file replaced without --force, the .smr.json name), the same overrides when
starting a session, and `history` (the list, this week, the means per
routine, --since, --csv quoted as RFC 4180 says, a damaged file read past
with one warning and left as it was)."""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "app"))
import smrapp  # noqa: E402
import wf_routines  # noqa: E402

BINARY = os.environ.get("SMR_BINARY", "smr-timer")


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="smr-cli-")
        self.env = dict(os.environ, XDG_STATE_HOME=os.path.join(self.tmp, "state"), TZ="UTC",
                        HOME=self.tmp)
        self.base = wf_routines.write(os.path.join(self.tmp, "base.json"), wf_routines.bundled())

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_cli(self, *args, cwd=None):
        return subprocess.run([BINARY, *args], capture_output=True, text=True, env=self.env,
                              cwd=cwd or self.tmp, timeout=60)

    def listing(self):
        return sorted(os.listdir(self.tmp))


class Tailor(Base):
    def test_bad_value_is_one_line(self):
        before = self.listing()
        p = self.run_cli("tailor", self.base, "-o", "anna", "--for", "Anna", "--hold", "40",
                         "--move", "20")
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertEqual(p.stderr.splitlines(), [
            "smr-timer tailor: --hold: a hold of 40 s is outside 5-30 s; hold for 10-12 s",
            "smr-timer tailor: --move: a move of 20 cm is outside 3-15 cm; move the ball 5-10 cm each time",
        ])
        self.assertEqual(p.stdout, "")
        self.assertEqual(self.listing(), before)  # nothing written, no temp file
        p = self.run_cli("tailor", self.base, "-o", "anna", "--hold", "ten")
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr, "smr-timer: error: tailor: --hold takes a number, not 'ten'; "
                                   "try 'smr-timer tailor --help'\n")
        p = self.run_cli("tailor", self.base, "--hold", "12")
        self.assertEqual(p.returncode, 2)
        self.assertIn("give -o CLIENT.smr.json", p.stderr)

    def test_routine_that_fails_is_not_written(self):
        # 32 cm is a start the format allows, but with the ball's 2 cm patch
        # it reaches past the working area: the option's own line, nothing written.
        p = self.run_cli("tailor", self.base, "-o", "anna", "--start", "32")
        self.assertEqual(p.returncode, 2)
        self.assertTrue(p.stderr.startswith("smr-timer tailor: --start: 32 cm is too close to the edge "
                                            "of the working area (8-33 cm)"), p.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "anna.smr.json")))
        bad = os.path.join(self.tmp, "bad.json")
        with open(bad, "w") as f:
            f.write('{"format": "smr-routine/2"}')
        p = self.run_cli("tailor", bad, "-o", "anna")
        self.assertEqual(p.returncode, 1)
        self.assertIn(f'{bad}: format: unknown format version "smr-routine/2"', p.stderr)

    def test_written_checked_and_kept(self):
        p = self.run_cli("tailor", self.base, "-o", "anna", "--for", "Anna K.", "--by", "M. Weber",
                         "--hold", "12", "--strips", "inner,outer", "--sides", "right")
        self.assertEqual(p.returncode, 0, p.stderr)
        out = os.path.join(self.tmp, "anna.smr.json")
        self.assertEqual(p.stdout, "anna.smr.json: ok, 8 positions, 4:25\n")
        with open(out, encoding="utf-8") as f:
            r = json.load(f)
        self.assertEqual(r["prepared_for"], "Anna K.")
        self.assertEqual(r["prepared_on"], time.strftime("%Y-%m-%d", time.gmtime()))  # today (TZ=UTC)
        self.assertEqual([s["id"] for s in r["strips"]], ["inner", "outer"])
        self.assertEqual(os.stat(out).st_mode & 0o777, 0o666 & ~current_umask())
        c = self.run_cli("check", out)
        self.assertEqual(c.returncode, 0, c.stderr)
        self.assertEqual(c.stdout, f"{out}: ok, 8 positions, 4:25\n")
        # Not replaced without --force; replaced with it.
        p = self.run_cli("tailor", self.base, "-o", "anna.smr.json", "--for", "Someone else")
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stderr, "smr-timer: error: tailor: anna.smr.json exists; give --force to replace it\n")
        with open(out, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["prepared_for"], "Anna K.")
        p = self.run_cli("tailor", self.base, "-o", "anna.smr.json", "--for", "Someone else", "--force")
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(out, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["prepared_for"], "Someone else")
        # A name ending in .json is kept as given.
        p = self.run_cli("tailor", self.base, "-o", "plain.json")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(os.path.exists(os.path.join(self.tmp, "plain.json")))
        self.assertEqual([n for n in self.listing() if n.startswith(".")], [])

    def test_unwritable_place(self):
        p = self.run_cli("tailor", self.base, "-o", os.path.join(self.tmp, "no", "such", "dir", "x"))
        self.assertEqual(p.returncode, 1)
        self.assertIn("cannot create a temporary file: No such file or directory", p.stderr)


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


class StartOverrides(Base):
    def test_bad_value_before_any_window(self):
        p = self.run_cli("--hold", "40", self.base)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr, "smr-timer: --hold: a hold of 40 s is outside 5-30 s; hold for 10-12 s\n")
        p = self.run_cli("--strips", "outer,nope", self.base)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr, 'smr-timer: --strips: no strip "nope"; the routine\'s strips '
                                   "are outer, middle, inner\n")
        p = self.run_cli("--move", "", self.base)
        self.assertEqual(p.returncode, 2)

    def test_session_with_overrides(self):
        script = ("wait-screen checklist\n" + smrapp.answer_all_no() +
                  "key Return\nwait-screen overview\nkey Return\nwait-done\nquit\n")
        path = os.path.join(self.tmp, "script.txt")
        with open(path, "w") as f:
            f.write(script)
        env = dict(self.env, SMR_AUDIO="null", SDL_VIDEODRIVER="offscreen",
                   SDL_RENDER_DRIVER="software")
        p = subprocess.run([BINARY, "--script", path, "--speed", "100", "--no-voice",
                            "--hold", "12", "--strips", "middle", "--sides", "left",
                            "--move", "7", self.base], env=env, capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(os.path.join(self.tmp, "state", "smr-timer", "history.jsonl")) as f:
            line = json.loads(f.readline())
        self.assertEqual(line["positions_total"], 4)  # one strip on one leg
        self.assertEqual(line["positions_done"], 4)
        self.assertEqual(line["routine_file"], self.base)  # the file named, as tailored here


def entry(session, routine, title, started, before=None, after=None, ended="done"):
    return json.dumps({"session": session, "routine_id": routine, "routine_file": f"/r/{routine}.json",
                       "title": title, "target": "hamstrings", "sides": ["left", "right"],
                       "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
                       "elapsed_ms": 732400, "positions_done": 24, "positions_skipped": 0,
                       "positions_total": 24, "ended_by": ended, "tightness_before": before,
                       "tightness_after": after}) + "\n"


class History(Base):
    def write_history(self, text):
        d = os.path.join(self.tmp, "state", "smr-timer")
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, "history.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_empty(self):
        p = self.run_cli("history")
        self.assertEqual(p.returncode, 0)
        self.assertIn("No sessions recorded yet", p.stdout)
        p = self.run_cli("history", "--csv")
        self.assertEqual(p.stdout.count("\n"), 1)  # the header only

    def test_list_week_and_means(self):
        now = int(time.time())
        self.write_history(
            entry("a", "anna", "Hamstrings for Anna", now - 20 * 86400, 8, 4) +
            entry("b", "anna", "Hamstrings for Anna", now - 60, 6, 3) +
            entry("c", "post-run", "After a run", now - 30, None, None, ended=None))
        p = self.run_cli("history")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, "")
        out = p.stdout
        self.assertIn("done", out)
        self.assertIn("unfinished", out)  # a line kept from a killed session
        self.assertIn(" 8 -> 4 ", out)
        self.assertIn("This week (from Monday ", out)
        self.assertRegex(out, r"This week \(from Monday [\d-]+\): 2 session\(s\)\.")
        self.assertIn("Hamstrings for Anna (anna): 2 session(s)", out)
        self.assertIn("tightness 7.0 before, 3.5 after (-3.5) over 2 rated", out)
        self.assertIn("After a run (post-run): 1 session(s)", out)
        self.assertIn("no before/after ratings yet", out)

        since = time.strftime("%Y-%m-%d", time.gmtime(now - 86400))
        p = self.run_cli("history", "--since", since)
        self.assertNotIn(" 8 -> 4 ", p.stdout)
        self.assertIn("Hamstrings for Anna (anna): 1 session(s)", p.stdout)
        p = self.run_cli("history", "--since", "2024-02-30")
        self.assertEqual(p.returncode, 2)
        self.assertIn("--since takes a date such as 2024-05-01, not '2024-02-30'", p.stderr)
        p = self.run_cli("history", "--csv", "--since", since)
        self.assertEqual(len(p.stdout.splitlines()), 3)

    def test_csv_quoting(self):
        title = 'Anna, "the runner" =1+1'
        self.write_history(entry("a", "anna", title, 1714558500, 7, 3) +
                           entry("b", "x", "=HYPERLINK(\"http://example.invalid\")", 1714558600) +
                           entry("c", "y", "-2 minutes", 1714558700))
        p = subprocess.run([BINARY, "history", "--csv"], capture_output=True, env=self.env)
        self.assertEqual(p.returncode, 0)
        raw = p.stdout.decode("utf-8")
        rows = raw.split("\r\n")
        self.assertEqual(rows[-1], "")  # every record ends with CRLF
        self.assertNotIn("\n", raw.replace("\r\n", ""))
        self.assertIn('"Anna, ""the runner"" =1+1"', rows[1])
        self.assertIn(',"left,right",', rows[1])
        parsed = list(csv.DictReader(io.StringIO(raw, newline="")))
        self.assertEqual(len(parsed), 3)
        a = parsed[0]
        self.assertEqual(a["title"], title)
        self.assertEqual(a["date"], "2024-05-01")
        self.assertEqual(a["time"], "10:15")
        self.assertEqual(a["sides"], "left,right")
        self.assertEqual(a["duration_s"], "732")
        self.assertEqual((a["tightness_before"], a["tightness_after"], a["change"]), ("7", "3", "-4"))
        self.assertEqual(parsed[1]["title"], "'=HYPERLINK(\"http://example.invalid\")")  # not a formula
        self.assertEqual(parsed[2]["title"], "'-2 minutes")
        self.assertEqual(parsed[1]["change"], "")

    def test_columns_by_display_width(self):
        """The listing's columns line up however many bytes a letter takes:
        titles and words with umlauts, accents, wide characters, and the
        translated heads ("Tensión" in Spanish)."""
        self.write_history(
            entry("a", "oberschenkel", "Oberschenkelrückseite, sanft", 1714558500, 7, 3) +
            entry("b", "etirement", "Étirement doux é", 1714558600, ended="arrêté") +
            entry("c", "wide", "Wide", 1714558700, 5, 4, ended="中止") +
            entry("d", "plain", "Plain", 1714558800, ended=None) +
            entry("e", "flag", "Flag", 1714558900, ended="red-flag"))

        def width(s):
            return sum(0 if unicodedata.combining(ch) else
                       2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)

        def check(env, routine_head, done_head):
            p = subprocess.run([BINARY, "history"], capture_output=True, encoding="utf-8",
                               env=env, timeout=60)
            self.assertEqual(p.returncode, 0, p.stderr)
            lines = p.stdout.splitlines()
            head, rows = lines[0], lines[1:6]
            title_at = width(head[:head.index(routine_head)])
            done_end = width(head[:head.index(done_head) + len(done_head)])
            titles = ["Oberschenkelrückseite, sanft", "Étirement doux é", "Wide", "Plain", "Flag"]
            for row, title in zip(rows, titles):
                self.assertEqual(width(row[:row.index(title)]), title_at, f"{row!r} under {head!r}")
                self.assertEqual(width(row[:row.index("24/24") + 5]), done_end, row)
            return rows

        rows = check(self.env, "Routine", "Done")
        self.assertIn(" red flag ", rows[4])  # the file's stable word, said in words
        self.assertIn(" arrêté ", rows[1])  # a word it does not know, as the file has it
        probe = subprocess.run([sys.executable, "-c", "import locale; locale.setlocale("
                                "locale.LC_ALL, 'es_ES.UTF-8')"], capture_output=True)
        if probe.returncode != 0:
            return  # no Spanish locale here: the English listing is checked
        env = {k: v for k, v in self.env.items() if not k.startswith("LC_")}
        env.update(LANG="es_ES.UTF-8", LANGUAGE="es")
        check(env, "Rutina", "Hechas")

    def test_damaged_file(self):
        good = entry("a", "anna", "Hamstrings for Anna", 1714558500, 7, 3)
        text = ("garbage typed by hand\n" + good + "{\"half\": \n" +
                entry("b", "anna", "Hamstrings for Anna", 1714558600)[:-40])  # cut short
        path = self.write_history(text)
        p = self.run_cli("history")
        self.assertEqual(p.returncode, 0)
        warnings = p.stderr.splitlines()
        self.assertEqual(len(warnings), 1, p.stderr)
        self.assertIn(f"{path}: 3 lines are not session records (the first is line 1)", warnings[0])
        self.assertIn("Hamstrings for Anna", p.stdout)
        p = self.run_cli("history", "--csv")
        self.assertEqual(len(p.stderr.splitlines()), 1)
        self.assertEqual(p.stdout.count("\n"), 2)
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.read(), text)  # reading never rewrites it


if __name__ == "__main__":
    unittest.main(verbosity=2)
