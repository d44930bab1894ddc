"""Screenshots of every screen in one language, checked for clipped text.

  python3 tests/i18n/shots.py LOCALE OUTDIR [WxH]      (a tool: leaves the PNGs)
  python3 tests/i18n/shots.py --test LOCALE... [WxH]   (the i18n-screens test)

runs the real binary (SMR_BINARY) headless under LANG=LOCALE on the
bundled routines of that language (routines/ID-LANG.json; English for a
locale without them) through the checklist, the caution and stop screens,
the overview of every routine, the session (get ready, running, muted and
paused, a change of strip), the red-flag stop, the quit confirmation (early
and late), the summary with its Next button and the next routine's short
checklist, the errors window of a broken routine, and the library (without
a routine: its headings, "last done" of each kind, a file that cannot be
used and its errors window, the end of the list, and the empty library), and
leaves NAME.png files in OUTDIR. The window is 800x600 unless given.

Every run logs at debug level; ui.c says "ui: text cut to fit" whenever a
text had to be cut (an ellipsis, a word broken between letters, a block left
out). Each such line is a failure, named with the screen's text, so a
translation too long for its box is found here, not by a user; shorter
wording in po/LANG.po is the fix. Locales the system lacks are compiled into a
temporary LOCPATH as i18n.py does; the test skips (77) only when it cannot.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "app"))
sys.path.insert(0, HERE)
import smrapp  # noqa: E402
import e2e_library  # noqa: E402  (its broken file and history lines)

SKIP = 77
N_BUILTIN = 13   # the built-in checklist: 9 global items, then 4 local ones
N_GLOBAL = 9
ROUTINE_IDS = ["hamstrings-spiky-ball", "hamstrings-post-run", "quadriceps-spiky-ball",
               "quadriceps-post-run", "calves-spiky-ball", "calves-post-run"]
CUT = re.compile(r"ui: text cut to fit .*")
LIBRARY = ""      # a script's routine: none, the app opens on the library
EMPTY = "empty"   # none, and a data dir without routines: the empty library


def keys(*names):
    return "".join(f"key {k}\n" for k in names)


START = smrapp.answer_all_no() + "key return\nwait-screen overview\n"
SESSION = START + "key return\nwait-screen session\n"

# name: (script, routine id or None for the broken one)
SCRIPTS = {
    "main": ("screenshot checklist\n" + smrapp.answer_all_no()
             + "screenshot checklist-answered\nkey return\nwait-screen overview\n"
             "screenshot overview\nkey return\nwait-screen session\nscreenshot get-ready\n"
             "wait-step 1\nscreenshot session\nkey m\nkey space\nscreenshot paused\nkey space\n"
             "wait-step 4\nscreenshot next-position\nwait-step 19\nscreenshot change-strip\n"
             "key escape\nwait-screen quit-confirm\nscreenshot quit-confirm\nkey n\n"
             "wait-done\nscreenshot summary\nkey n\nwait-screen checklist\n"
             "screenshot checklist-next\nquit\n", ROUTINE_IDS[0]),
    "caution": (keys(*["n"] * N_GLOBAL, *["y"] * (N_BUILTIN - N_GLOBAL)) + smrapp.answer_all_no()
                + "key return\nwait-screen caution\nscreenshot caution\nquit\n", ROUTINE_IDS[0]),
    "stop": (keys("y") + smrapp.answer_all_no() + "key return\nwait-screen stop\n"
             "screenshot stop\nquit\n", ROUTINE_IDS[0]),
    "redflag": (SESSION + "wait-step 1\nkey s\nwait-screen red-flag\nscreenshot red-flag\nquit\n",
                ROUTINE_IDS[0]),
    "early": ("key escape\nwait-screen quit-confirm\nscreenshot quit-early\nquit\n", ROUTINE_IDS[0]),
    "errors": ("wait-screen errors\nscreenshot errors\nkey Return\n", None),
    # The language's routines come first (one per ROUTINE_IDS), then the
    # broken file of the user's own (user_data).
    "library": ("wait-screen library\nscreenshot library\nkey End\nwait 50\n"
                "screenshot library-end\nkey Home\n" + keys(*["Down"] * len(ROUTINE_IDS))
                + "wait 50\nscreenshot library-broken\nkey Return\nwait-screen errors\n"
                "screenshot library-errors\nkey l\nwait-screen library\nquit\n", LIBRARY),
    "library-empty": ("wait-screen library\nscreenshot library-empty\nquit\n", EMPTY),
}
# The overview and a step of each other routine: their own texts.
for rid in ROUTINE_IDS[1:]:
    SCRIPTS[rid] = (smrapp.answer_all_no() + f"screenshot {rid}-checklist\nkey return\n"
                    f"wait-screen overview\nscreenshot {rid}-overview\nkey return\n"
                    f"wait-screen session\nwait-step 2\nscreenshot {rid}-session\nquit\n", rid)


def lang_of(loc):
    return re.split(r"[_.@]", loc, maxsplit=1)[0]


def routine_path(rid, loc):
    root = os.path.join(smrapp.SOURCE_ROOT, "routines")
    path = os.path.join(root, f"{rid}-{lang_of(loc)}.json")
    return path if os.path.exists(path) else os.path.join(root, rid + ".json")


def broken_routine(loc, work):
    """The language's routine with a hold of 0 s and a ball in the no-go zone:
    the errors window, with the lines in that language."""
    with open(routine_path(ROUTINE_IDS[0], loc), encoding="utf-8") as f:
        r = json.load(f)
    next(p for p in r["cycle"] if p["kind"] == "hold")["duration_s"] = 0
    r["strips"][0]["start_cm"] = 1
    path = os.path.join(work, "broken.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(r, f, ensure_ascii=False)
    return path


def user_data(loc, work):
    """The user's routines (a broken file) and a history where the first
    three routines of the language were done today, yesterday and 12 days
    ago: every kind of "last done" on the library screen."""
    folder = os.path.join(work, "data", "smr-timer", "routines")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "broken.json"), "w", encoding="utf-8") as f:
        f.write(e2e_library.BROKEN)
    state = os.path.join(work, "state", "smr-timer")
    os.makedirs(state, exist_ok=True)
    with open(os.path.join(state, "history.jsonl"), "w", encoding="utf-8") as f:
        for n, (rid, days) in enumerate(zip(ROUTINE_IDS, (0, 1, 12))):
            with open(routine_path(rid, loc), encoding="utf-8") as r:
                rid = json.load(r)["id"]
            f.write(json.dumps(e2e_library.history_line(rid, days, n)) + "\n")


def empty_data(work):
    """A data dir with the assets but no routines: the empty library."""
    data = os.path.join(work, "empty")
    os.makedirs(os.path.join(data, "routines"), exist_ok=True)
    if not os.path.exists(os.path.join(data, "assets")):
        os.symlink(os.path.join(smrapp.SOURCE_ROOT, "assets"), os.path.join(data, "assets"))
    return data


def run_app(script, routine, loc, work, window, locpath=None):
    """smrapp.run with the locale set and the debug log (for the cut lines).
    The user's routines and history are the work dir's, never the caller's."""
    script_path = os.path.join(work, "script.txt")
    with open(script_path, "w") as f:
        f.write(script)
    shots = os.path.join(work, "shots")
    os.makedirs(shots, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update({"LANG": loc, "LANGUAGE": "", "SDL_VIDEODRIVER": env.get("SDL_VIDEODRIVER", "offscreen"),
                "SDL_RENDER_DRIVER": "software", "SDL_FRAMEBUFFER_ACCELERATION": "0",
                "SDL_AUDIODRIVER": "dummy", "DBUS_SESSION_BUS_ADDRESS": "disabled:",
                "SMR_LOG": "debug", "SMR_SETTINGS": "", "XDG_STATE_HOME": os.path.join(work, "state"),
                "XDG_DATA_HOME": os.path.join(work, "data")})
    if locpath:
        env["LOCPATH"] = locpath
    if routine == EMPTY:
        env["SMR_DATA_DIR"] = empty_data(work)
    cmd = [smrapp.BINARY, "--script", script_path, "--screenshot-dir", shots, "--window", window,
           "--no-voice", "--speed", "200"] + ([routine] if routine not in (LIBRARY, EMPTY) else [])
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       timeout=180)
    return p.returncode, p.stdout, shots


def shoot(loc, out, window, locpath=None):
    """Every script under loc; the PNGs moved to out. Returns the failures."""
    failures = []
    for name, (script, rid) in SCRIPTS.items():
        work = os.path.join(out, "work-" + name)
        os.makedirs(work, exist_ok=True)
        if rid == LIBRARY:
            user_data(loc, work)
        routine = (rid if rid in (LIBRARY, EMPTY) else routine_path(rid, loc) if rid
                   else broken_routine(loc, work))
        status, log, shots = run_app(script, routine, loc, work, window, locpath)
        for png in sorted(os.listdir(shots)):
            os.replace(os.path.join(shots, png), os.path.join(out, png))
            print(os.path.join(out, png))
        want = 1 if rid is None else 0
        if status != want:
            failures.append(f"{loc} {name}: exit status {status}, not {want}\n{log[-3000:]}")
        if "screen: " not in log:
            failures.append(f"{loc} {name}: no screen was shown\n{log[-2000:]}")
        for cut in sorted(set(CUT.findall(log))):
            failures.append(f"{loc} {name} ({window}): {cut}")
    return failures


def test(locales, window):
    import i18n  # its locale helpers: the same LOCPATH fallback
    with tempfile.TemporaryDirectory(prefix="smr-shots-") as work:
        why = i18n.provide_locales(locales, work)
        if why:
            print(f"SKIP: the locales {', '.join(locales)} cannot be used here ({why})")
            return SKIP
        failures = []
        for loc in locales:
            out = os.path.join(work, loc)
            os.makedirs(out)
            failures += shoot(loc, out, window, i18n.LOCPATH)
            # The screens are in the language: the checklist's heading is not English.
        for f in failures:
            print("FAIL: " + f)
        return 1 if failures else 0


def main():
    args = sys.argv[1:]
    if args[:1] == ["--test"]:
        window = args[-1] if re.fullmatch(r"\d+x\d+", args[-1]) else "800x600"
        return test([a for a in args[1:] if a != window], window)
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    loc, out = args[0], os.path.abspath(args[1])
    window = args[2] if len(args) > 2 else "800x600"
    os.makedirs(out, exist_ok=True)
    failures = shoot(loc, out, window)
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
