"""The mouse does what the keys do: Yes/No buttons answer, Continue and Start
go on, the session's Pause button pauses. At 1024x720 one design pixel is
one pixel (ui.c), so the coordinates below follow the layouts in src/app/screens/:
checklist rows from y=128, 60 px apart, No buttons centred at x=944;
Continue centred at (860, 646); overview Start at (850, 646); the session's
six buttons along y=646..700, Pause first (centre (97, 673))."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import smrapp  # noqa: E402

N_ITEMS = 14
VISIBLE_ROWS = 7
PAUSED = (255, 194, 26)


class Mouse(unittest.TestCase):
    def test_click_through_to_a_paused_session(self):
        clicks = "".join("click 944 %d\n" % (128 + 60 * k + 27) for k in range(VISIBLE_ROWS))
        # A click on the disabled Continue moves the focus to the first open
        # question (item 8, scrolled into view); N answers the rest.
        script = (clicks + "click 860 646\nwait 20\n"
                  + "key n\n" * (N_ITEMS - VISIBLE_ROWS)
                  + "click 860 646\nwait-screen overview\nclick 850 646\nwait-screen session\n"
                  "wait-step 0\nclick 97 673\nscreenshot paused\nquit\n")
        r = smrapp.run(script, window="1024x720", speed=5)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["overview", "session"], r.log)
        img = smrapp.read_png(os.path.join(r.shots, "paused.png"))
        banner = smrapp.count_in(img, (0, 0, img.width, img.height),
                                 lambda p: smrapp.close(p, PAUSED, 8), 4)
        self.assertGreater(banner, (img.width // 4) * (img.height // 4) * 0.15)

    def test_yes_click_on_a_global_item_stops(self):
        script = ("click 850 155\nkey Down\n"              # Yes on item 1 (x=796..888)
                  + "key n\n" * (N_ITEMS - 1) + "key Return\nwait-screen stop\nquit\n")
        r = smrapp.run(script, window="1024x720")
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["stop"], r.log)


if __name__ == "__main__":
    unittest.main(verbosity=2)
