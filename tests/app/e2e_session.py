"""A whole session driven only with the keyboard, as a user would, at high
speed: checklist, overview, every step, summary; exit status 0, every step
played, the session recorded in the history."""
import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import smrapp  # noqa: E402

N_ITEMS = 14


class KeyboardSession(unittest.TestCase):
    def test_checklist_to_summary(self):
        plan = json.loads(subprocess.run([smrapp.BINARY, "plan", smrapp.ROUTINE, "--json"],
                                         stdout=subprocess.PIPE, check=True, text=True).stdout)
        script = ("key n\n" * N_ITEMS + "key Return\nwait-screen overview\nkey Return\n"
                  "wait-screen session\nwait-step 3\nkey space\nwait 20\nkey space\n"
                  "wait-done\nwait-screen summary\nscreenshot summary\nkey Return\n")
        r = smrapp.run(script, speed=100)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["overview", "session", "summary"], r.log)
        steps, elapsed = r.session_line()
        self.assertEqual(steps, len(plan["steps"]), r.log)
        self.assertGreaterEqual(elapsed, plan["total_ms"] // 100 - 5)
        hist = os.path.join(os.path.dirname(r.shots), "state", "smr-timer", "history.jsonl")
        with open(hist) as f:
            lines = [json.loads(x) for x in f if x.strip()]
        self.assertEqual(len(lines), 1)
        self.assertEqual(lines[0].get("ended_by"), "done")

    def test_escape_asks_then_quits_and_records(self):
        script = ("key n\n" * N_ITEMS + "key Return\nwait-screen overview\nkey Return\n"
                  "wait-step 2\nkey Escape\nwait-screen quit-confirm\nkey n\nwait-screen session\n"
                  "key Escape\nkey y\n")
        r = smrapp.run(script, speed=20)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["overview", "session", "quit-confirm", "session",
                                       "quit-confirm"], r.log)
        hist = os.path.join(os.path.dirname(r.shots), "state", "smr-timer", "history.jsonl")
        with open(hist) as f:
            lines = [json.loads(x) for x in f if x.strip()]
        self.assertEqual([x.get("ended_by") for x in lines], ["quit"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
