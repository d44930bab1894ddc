#!/usr/bin/env python3
"""The settings on the real binary, headless: what the user changes (M, a
resize) is remembered, an option given holds for that run alone, a broken
file is reported line by line and replaced at exit (never a failed start),
the last routine is the library's choice when none is named, and SMR_SETTINGS="" keeps a
run from reading or writing any settings (what every other test does).

Each case runs the binary with its own XDG_CONFIG_HOME in a fresh directory."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SOURCE_ROOT = os.environ.get("SMR_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("SMR_BINARY", "smr-timer")
ROUTINE = os.path.realpath(os.path.join(SOURCE_ROOT, "routines", "hamstrings-spiky-ball.json"))
QUIT = "quit\n"


class Case:
    def __init__(self):
        self.work = tempfile.mkdtemp(prefix="smr-settings-e2e-")
        self.config = os.path.join(self.work, "config")
        self.path = os.path.join(self.config, "smr-timer", "settings.ini")

    def put(self, data):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        with open(self.path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())

    def text(self):
        with open(self.path, encoding="utf-8") as f:
            return f.read()

    def values(self):
        """The key = value lines of the file, as a dict."""
        return dict(line.split(" = ", 1) for line in self.text().splitlines()
                    if line and not line.startswith("#"))

    def run(self, script, *args, routine=ROUTINE, settings_env=None):
        """Runs the binary; returns (status, stderr lines, the 'run:' line);
        every stderr line is kept in self.log."""
        script_path = os.path.join(self.work, "script.txt")
        with open(script_path, "w") as f:
            f.write(script)
        env = dict(os.environ)
        env.update({"SDL_VIDEODRIVER": "offscreen", "SDL_RENDER_DRIVER": "software",
                    "SDL_AUDIODRIVER": "dummy", "DBUS_SESSION_BUS_ADDRESS": "disabled:",
                    "SMR_LOG": "info", "XDG_CONFIG_HOME": self.config,
                    "XDG_DATA_HOME": os.path.join(self.work, "data"),
                    "XDG_STATE_HOME": os.path.join(self.work, "state")})
        env.pop("SMR_SETTINGS", None)
        if settings_env is not None:
            env["SMR_SETTINGS"] = settings_env
        cmd = [BINARY, "--script", script_path, "--no-voice"] + list(args)
        if routine:
            cmd.append(routine)
        p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=60, text=True)
        lines = p.stderr.splitlines()
        self.log = lines
        run_line = next((l.split(" run: ", 1)[1] for l in lines if " run: " in l), None)
        problems = [l for l in lines if " info: " not in l and " debug: " not in l]
        return p.returncode, problems, run_line

    def log_value(self, what):
        """What follows `what` on the first log line that has it, or None."""
        return next((l.split(what, 1)[1] for l in self.log if what in l), None)

    def done(self):
        shutil.rmtree(self.work, ignore_errors=True)


def check(what, cond, detail=""):
    if not cond:
        sys.exit(f"FAIL: {what}\n{detail}")


def remembers_what_the_user_changed():
    c = Case()
    status, problems, run = c.run("wait 200\nkey m\nresize 900 700\nwait 100\nquit\n",
                                  "--volume", "30", "--window", "800x600")
    check("exit 0", status == 0, problems)
    check("nothing to say on a first run", problems == [], problems)
    check("the options were used", run.endswith("volume=30 mute=false voice=false "
                                                "fullscreen=false window=800x600"), run)
    v = c.values()
    check("M and the resize remembered", v["mute"] == "true" and v["window"] == "900x700", v)
    check("--volume held for that run alone", v["volume"] == "80", v)
    check("the routine played, absolute", v["last_routine"] == ROUTINE, v)
    check("a private directory", os.stat(os.path.dirname(c.path)).st_mode & 0o777 == 0o700)
    check("a header says it may be edited", c.text().startswith("# smr-timer settings")
          and "You may edit" in c.text(), c.text())
    c.done()


def options_win_for_that_run():
    c = Case()
    c.put("volume = 20\nmute = true\nvoice = false\nwindow = 1000x650\n")
    status, problems, run = c.run(QUIT, "--volume", "60", "--window", "640x480")
    check("exit 0", status == 0, problems)
    check("options over the file, the file for the rest",
          run.endswith("volume=60 mute=true voice=false fullscreen=false window=640x480"), run)
    v = c.values()
    check("the file keeps its own values", v["volume"] == "20" and v["window"] == "1000x650", v)
    status, problems, run = c.run(QUIT)
    check("and they come back without options",
          run.endswith("volume=20 mute=true voice=false fullscreen=false window=1000x650"), run)
    c.done()


def broken_file_reported_and_replaced():
    c = Case()
    c.put("volume = 140\nmute = maybe\nwindow = 1000x650\nvolum = 3\n")
    status, problems, run = c.run(QUIT)
    check("a broken file is no reason not to start", status == 0, problems)
    check("one line a problem, the rest kept", problems == [
        f"{c.path}: line 1: volume: 140 is outside 0-100; use a whole number from 0 to 100",
        f"{c.path}: line 2: mute: 'maybe' is not true or false; use true or false",
        f"{c.path}: line 4: volum: warning: unknown setting, ignored (and left out when the "
        "settings are saved); did you mean 'volume'?",
    ], "\n".join(problems))
    check("defaults for the broken values", run.endswith("volume=80 mute=false voice=false "
                                                         "fullscreen=false window=1000x650"), run)
    status, problems, run = c.run(QUIT)
    check("replaced by a clean file at exit", problems == [], problems)

    c.put(b"volume = 30\n\x00\x01\x02\xff binary junk")
    status, problems, run = c.run(QUIT)
    check("binary junk: one line, a normal start", status == 0 and problems == [
        f"{c.path}: not a text file (a NUL byte on line 2); the defaults are used"], problems)
    check("and replaced", c.values()["volume"] == "80", c.text())
    c.done()


def directory_in_place():
    c = Case()
    os.makedirs(c.path)
    status, problems, run = c.run(QUIT)
    check("a directory in the way is no reason not to start", status == 0, problems)
    check("one line when read, one warning when it cannot be saved", problems == [
        f"{c.path}: is a directory, not a file; remove or rename it; the defaults are used",
        f"smr-timer: warning: settings not saved to {c.path}: cannot replace the old file: "
        "Is a directory"], "\n".join(problems))
    c.done()


def last_routine_played_when_none_named():
    """Without a routine the library opens with the one played last chosen;
    what is started from it becomes the last one."""
    c = Case()
    folder = os.path.join(c.work, "data", "smr-timer", "routines")
    os.makedirs(folder)
    mine = os.path.join(folder, "my routine \u00fc.json")
    with open(ROUTINE, encoding="utf-8") as f:
        text = f.read().replace('"id": "hamstrings-spiky-ball"', '"id": "my-routine"', 1)
    with open(mine, "w", encoding="utf-8") as f:
        f.write(text)
    c.put(f"last_routine = {mine}\n")
    status, problems, run = c.run("wait-screen library\nquit\n", routine=None)
    check("exit 0", status == 0, problems)
    check("the library, not a routine", run.startswith("library "), run)
    check("the last routine is chosen", any("library: selected my-routine (played last)" in l
                                            for l in c.log), "\n".join(c.log))
    status, problems, run = c.run("wait-screen library\nkey Home\nkey Return\n"
                                  "wait-screen checklist\nquit\n", routine=None)
    first = c.log_value("open: ")
    check("the first routine opened", first and first.endswith(" (from library)"), c.log)
    check("and remembered as the last", c.values()["last_routine"]
          == os.path.realpath(first.rsplit(" (from", 1)[0]), c.values())
    os.unlink(mine)
    c.put(f"last_routine = {mine}\n")
    status, problems, run = c.run("wait-screen library\nquit\n", routine=None)
    check("a routine gone: the first one chosen, and a normal start", status == 0 and problems == []
          and any("library: selected hamstrings-post-run" in l for l in c.log), (run, problems))
    c.done()


def no_settings_when_asked():
    c = Case()
    c.put("volume = 20\n")
    status, problems, run = c.run("key m\nquit\n", settings_env="")
    check("SMR_SETTINGS='': not read", status == 0 and " volume=80 " in run, run)
    check("SMR_SETTINGS='': not written", c.text() == "volume = 20\n", c.text())
    elsewhere = os.path.join(c.work, "elsewhere", "mine.ini")
    c.run(QUIT, settings_env=elsewhere)
    check("SMR_SETTINGS=PATH: that file", os.path.exists(elsewhere))
    c.done()


for case in [remembers_what_the_user_changed, options_win_for_that_run,
             broken_file_reported_and_replaced, directory_in_place,
             last_routine_played_when_none_named, no_settings_when_asked]:
    case()
    print(f"ok {case.__name__}")
