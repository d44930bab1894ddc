"""The checklist is a gate: stray keys never pass it, a global Yes leads to
the stop screen and never to a session, a local Yes needs an explicit
confirmation on the caution screen."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import smrapp  # noqa: E402

N_ITEMS = 14  # 13 built-in items + the bundled routine's own one


class ChecklistGate(unittest.TestCase):
    def test_stray_keys_do_not_continue(self):
        r = smrapp.run("key space\nkey Return\nkey Right\nkey Return\nkey space\nkey Right\n"
                       "key Return\nkey Right\nkey Return\nwait 50\n"
                       "screenshot stray\nquit\n")
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), [], r.log)  # never left the checklist
        self.assertTrue(os.path.exists(os.path.join(r.shots, "stray.png")))

    def test_all_no_then_return_continues(self):
        # The positive twin of the test above: the same Return does continue
        # once every item has an answer (so the gate is not simply dead).
        r = smrapp.run("key n\n" * N_ITEMS + "key Return\nwait-screen overview\nquit\n")
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["overview"], r.log)

    def test_global_yes_blocks_the_session(self):
        script = ("key y\n" + "key n\n" * (N_ITEMS - 1) + "key Return\nwait-screen stop\n"
                  "screenshot stop\nkey space\nkey s\nkey Right\nkey c\nkey Return\n")
        r = smrapp.run(script)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["stop"], r.log)
        self.assertNotIn("session", r.screens())
        self.assertEqual(r.session_line(), (0, 0), r.log)
        state = os.path.join(os.path.dirname(r.shots), "state", "smr-timer", "history.jsonl")
        self.assertFalse(os.path.exists(state), "a session that never started was recorded")
        img = smrapp.read_png(os.path.join(r.shots, "stop.png"))
        # The stop title is drawn in the stop colour.
        red = smrapp.count_in(img, (0, 0, img.width, img.height // 8),
                              lambda p: smrapp.close(p, (240, 84, 84), 30))
        self.assertGreater(red, 200)

    def test_local_yes_needs_confirmation(self):
        # Item 10 is the first local one (a bruise on the back of the thigh).
        script = ("key n\n" * 9 + "key y\n" + "key n\n" * (N_ITEMS - 10) +
                  "key Return\nwait-screen caution\nkey Return\nkey space\nkey Right\nwait 50\n"
                  "screenshot caution\nkey c\nwait-screen overview\nquit\n")
        r = smrapp.run(script)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["caution", "overview"], r.log)


if __name__ == "__main__":
    unittest.main(verbosity=2)
