"""Screenshots of every screen in one language, for looking at (clipped,
ellipsized or overflowing text): not a test, a tool.

  python3 tests/i18n/shots.py de_DE.UTF-8 OUTDIR [WxH]

runs build/smr-timer headless (SMR_BINARY to change it) through the
checklist, the caution and stop screens, the overview, the session (get
ready, running, muted and paused), the quit confirmation and the summary,
and leaves NAME.png files in OUTDIR. The window is 800x600 unless given.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "app"))
import smrapp  # noqa: E402

N_BUILTIN = 13   # the built-in checklist: 9 global items, then 4 local ones
N_GLOBAL = 9


def keys(*names):
    return "".join(f"key {k}\n" for k in names)


SCRIPTS = {
    "main": "screenshot checklist\n" + smrapp.answer_all_no()
    + "screenshot checklist-answered\nkey return\nwait-screen overview\nscreenshot overview\n"
    "key return\nwait-screen session\nscreenshot get-ready\nwait-step 1\nscreenshot session\n"
    "key m\nkey space\nscreenshot paused\nkey escape\nwait-screen quit-confirm\n"
    "screenshot quit-confirm\nkey n\nkey space\nwait-done\nscreenshot summary\nquit\n",
    "caution": keys(*["n"] * N_GLOBAL, *["y"] * (N_BUILTIN - N_GLOBAL))
    + smrapp.answer_all_no() + "key return\nwait-screen caution\nscreenshot caution\nquit\n",
    "stop": keys("y") + smrapp.answer_all_no() + "key return\nwait-screen stop\nscreenshot stop\nquit\n",
    "early": "key escape\nwait-screen quit-confirm\nscreenshot quit-early\nquit\n",
}


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    loc, out = sys.argv[1], os.path.abspath(sys.argv[2])
    window = sys.argv[3] if len(sys.argv) > 3 else "800x600"
    os.environ["LANG"] = loc
    os.environ["LANGUAGE"] = ""
    for k in [k for k in os.environ if k.startswith("LC_")]:
        del os.environ[k]
    status = 0
    for name, script in SCRIPTS.items():
        work = os.path.join(out, "work-" + name)
        os.makedirs(work, exist_ok=True)
        r = smrapp.run(script, window=window, speed=200, workdir=work, timeout=120)
        for png in sorted(os.listdir(r.shots)):
            os.replace(os.path.join(r.shots, png), os.path.join(out, png))
            print(os.path.join(out, png))
        if r.status != 0:
            print(f"{name}: exit status {r.status}\n{r.log}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
