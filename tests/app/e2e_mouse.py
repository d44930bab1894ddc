"""The mouse does what the keys do: Yes/No buttons answer, a click moves the
highlight (and answers the clicked row only), holding "None of these apply"
answers the rest, Continue and Start go on, the stop screen's Back returns,
the session's Pause button pauses.

The checklist's coordinates are not copied here: the app logs its layout
("checklist: rows 1-13 of 13 on screen row_h=38 first_row=x,y,w,h yes=x,w
no=x,w hold=x,y,w,h continue=x,y,w,h"), and a first run at the same window
size reads it. The overview's Start and the session's buttons sit where
src/app/screens/ puts them at 1024x720, where one design pixel is one pixel
(ui.c): Start centred at (850, 646), the session's six buttons along
y=646..700, Pause first (centre (97, 673))."""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import smrapp  # noqa: E402

N_ITEMS = 13
PAUSED = (255, 194, 26)
WINDOW = "1024x720"


class Layout:
    def __init__(self, log):
        m = re.search(r"checklist: rows 1-(\d+) of (\d+) on screen row_h=(\d+) "
                      r"first_row=(\d+),(\d+),(\d+),(\d+) yes=(\d+),(\d+) no=(\d+),(\d+) "
                      r"hold=(\d+),(\d+),(\d+),(\d+) continue=(\d+),(\d+),(\d+),(\d+)", log)
        assert m, log
        v = [int(g) for g in m.groups()]
        self.shown, self.total, self.row_h = v[0], v[1], v[2]
        self.row_x, self.row_y, self.row_w, self.row_inner = v[3:7]
        self.yes_x, self.yes_w, self.no_x, self.no_w = v[7:11]
        self.hold = v[11:15]
        self.cont = v[15:19]

    def row_y_mid(self, i):
        return self.row_y + i * self.row_h + self.row_inner // 2

    def yes(self, i):
        return f"{self.yes_x + self.yes_w // 2} {self.row_y_mid(i)}"

    def no(self, i):
        return f"{self.no_x + self.no_w // 2} {self.row_y_mid(i)}"

    def text(self, i):
        return f"{self.row_x + self.row_w // 3} {self.row_y_mid(i)}"

    @staticmethod
    def mid(r):
        return f"{r[0] + r[2] // 2} {r[1] + r[3] // 2}"


def layout():
    r = smrapp.run("quit\n", window=WINDOW)
    return Layout(r.log)


def answers(log):
    return re.findall(r"checklist: (\S+) (yes|no) \((key|click)\)", log)


class Mouse(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.l = layout()

    def test_all_rows_fit(self):
        self.assertEqual((self.l.shown, self.l.total), (N_ITEMS, N_ITEMS))

    def test_click_through_to_a_paused_session(self):
        l = self.l
        clicks = "".join(f"click {l.no(k)}\n" for k in range(N_ITEMS))
        script = (clicks + f"click {l.mid(l.cont)}\nwait-screen overview\nclick 850 646\n"
                  "wait-screen session\nwait-step 0\nclick 97 673\nscreenshot paused\nquit\n")
        r = smrapp.run(script, window=WINDOW, speed=5)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["overview", "session"], r.log)
        self.assertEqual([a[2] for a in answers(r.log)], ["click"] * N_ITEMS)
        img = smrapp.read_png(os.path.join(r.shots, "paused.png"))
        banner = smrapp.count_in(img, (0, 0, img.width, img.height),
                                 lambda p: smrapp.close(p, PAUSED, 8), 4)
        self.assertGreater(banner, (img.width // 4) * (img.height // 4) * 0.15)

    def test_a_click_moves_the_highlight(self):
        # A click on row 3's No answers row 3 only and moves the highlight
        # past it: the Y that follows answers row 4, not row 3 again. A
        # click on row 7's text highlights row 7 without answering it.
        l = self.l
        script = (f"click {l.no(2)}\nkey y\nclick {l.text(6)}\nkey n\nwait 50\n"
                  "screenshot clicked\nquit\n")
        r = smrapp.run(script, window=WINDOW)
        self.assertEqual(r.status, 0, r.log)
        ids = [a[0] for a in answers(r.log)]
        got = answers(r.log)
        self.assertEqual(len(got), 3, r.log)
        self.assertEqual(got[0][1:], ("no", "click"))
        self.assertEqual(got[1][1:], ("yes", "key"))
        self.assertEqual(got[2][1:], ("no", "key"))
        self.assertEqual(len(set(ids)), 3, "a row was answered twice")
        # The rows in order of the built-in list (checklist.c): 3, 4, 7.
        self.assertEqual(ids, ["bleeding", "cancer", "lost-feeling"])

    def test_yes_click_on_a_global_item_stops_and_back_returns(self):
        l = self.l
        script = (f"click {l.yes(0)}\n" + "key n\n" * (N_ITEMS - 1) +
                  "key Return\nwait-screen stop\nscreenshot stop\n"
                  # The stop screen's two buttons: Back (left), Quit (right).
                  "click 500 646\nwait-screen checklist\nquit\n")
        r = smrapp.run(script, window=WINDOW)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["stop", "checklist"], r.log)

    def test_holding_the_button(self):
        l = self.l
        script = (f"mousedown {l.mid(l.hold)}\nwait 500\nmouseup {l.mid(l.hold)}\nwait 100\n"
                  f"mousedown {l.mid(l.hold)}\nwait 1600\nmouseup {l.mid(l.hold)}\n"
                  "wait-screen overview\nquit\n")
        r = smrapp.run(script, window=WINDOW)
        self.assertEqual(r.status, 0, r.log)
        self.assertEqual(r.screens(), ["overview"], r.log)
        self.assertEqual(r.log.count("hold let go early"), 1, r.log)
        held = re.search(rf"nothing to report, held (\d+) ms: {N_ITEMS} answered no", r.log)
        self.assertTrue(held and 1500 <= int(held.group(1)) < 1700, r.log)


if __name__ == "__main__":
    unittest.main(verbosity=2)
