#!/usr/bin/env python3
"""End-to-end checks of the sound, on SDL's disk driver: the real binary plays
the default routine unpaced (minutes of stream in seconds: the stream is the
session clock) and analyse.py finds every cue's onset where `plan --json`
scheduled it; controls (pause, resume, skip, back) keep sound and screen
together; paced like a real device, the device opens only around sounds and
every cue of every stream still lands on its frame of session time; --mute
is silent; a driver that cannot open leaves one notice and a session that
still runs.

The driver's output is recorded through analyse.DiskRecorder (a FIFO: the
driver truncates its file at every open) and mapped to session time stream
by stream from the app's log (analyse.py --log).

    audio_e2e.py AUDIO_RENDER speech|nospeech   (env: SMR_BINARY, SMR_SOURCE_ROOT)
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import analyse  # noqa: E402

sys.path.insert(0, os.path.join(HERE, "..", "app"))
import smrapp  # noqa: E402  (the shared harness: answering the checklist)

SOURCE_ROOT = os.environ.get("SMR_SOURCE_ROOT", os.path.join(HERE, "..", ".."))
BINARY = os.environ.get("SMR_BINARY", "smr-timer")
ROUTINE = os.path.join(SOURCE_ROOT, "routines", "hamstrings-spiky-ball.json")
RENDER = None  # set from argv
SPEECH = False  # built with espeak-ng
MAX_ERROR_MS = 1.0

START = ("wait-screen checklist\n" + smrapp.answer_all_no() +
         "key Return\nwait-screen overview\nkey Return\nwait-screen session\n")


def headless_env(work, driver="disk", paced=False):
    env = dict(os.environ)
    env.update({
        "SDL_VIDEODRIVER": "offscreen",
        "SDL_RENDER_DRIVER": "software",
        "SDL_FRAMEBUFFER_ACCELERATION": "0",
        "DBUS_SESSION_BUS_ADDRESS": "disabled:",
        "SDL_AUDIODRIVER": driver,
        "XDG_STATE_HOME": os.path.join(work, "state"),
        "SMR_LOG": "info",
    })
    env.pop("SDL_DISKAUDIODELAY", None)
    if driver == "disk" and not paced:
        env["SDL_DISKAUDIODELAY"] = "0"  # unpaced
    return env


def recorded(work, cmd, name="out.raw", driver="disk", paced=False, timeout=180):
    """Runs cmd on the disk driver, recording what it plays. Returns the
    process, the recording's path and the log's (the app's stderr)."""
    env = headless_env(work, driver, paced)
    with analyse.DiskRecorder(work, name) as rec:
        env["SDL_DISKAUDIOFILE"] = rec.path
        p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=timeout)
    log = rec.out_path + ".log"
    with open(log, "w") as f:
        f.write(p.stderr)
    return p, rec.out_path, log


def run_app(work, script, *args, driver="disk", timeout=180):
    path = os.path.join(work, "script.txt")
    with open(path, "w") as f:
        f.write(script)
    shots = os.path.join(work, "shots")
    os.makedirs(shots, exist_ok=True)
    cmd = [BINARY, "--script", path, "--screenshot-dir", shots, "--window", "800x600"]
    cmd += list(args) + [ROUTINE]
    if driver != "disk":
        p = subprocess.run(cmd, env=headless_env(work, driver), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=timeout)
        return p, None, None
    return recorded(work, cmd, timeout=timeout)


def frame_bytes(log):
    """Bytes per frame of the app's device, from its log."""
    with open(log) as f:
        fmt = analyse.format_from_log(f.read())
    return 2 * (fmt[2] if fmt else 2)


def analyse_file(raw, plan_path, log):
    """analyse.py's JSON report for a recording and a plan."""
    p = subprocess.run([sys.executable, os.path.join(HERE, "analyse.py"), raw, "--plan", plan_path,
                        "--log", log, "--json", "--max-error-ms", str(MAX_ERROR_MS)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    if not p.stdout:
        raise AssertionError(p.stderr)
    return p.returncode, json.loads(p.stdout)


def render_cmd(*args):
    return [RENDER, *args, ROUTINE]


class Audio(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="smr-audio-test-")

    def test_session_cues_on_time(self):
        """The default routine, start to end: every cue `plan --json` lists is
        heard within 1 ms of its place in the stream."""
        plan_path = os.path.join(self.work, "plan.json")
        with open(plan_path, "w") as f:
            subprocess.run([BINARY, "plan", ROUTINE, "--json"], stdout=f, check=True, timeout=30)
        with open(plan_path) as f:
            expected, _ = analyse.expected_cues(json.load(f))
        self.assertGreater(len(expected), 200)
        p, raw, log = run_app(self.work, START + "wait-done\nwait 3000\nquit\n", "--no-voice")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("no sound", p.stderr)
        status, rep = analyse_file(raw, plan_path, log)
        print(f"\nsession: {rep['found']}/{rep['expected']} cues found, error ms "
              f"median {rep['error_ms']['median']} p95 {rep['error_ms']['p95']} "
              f"max {rep['error_ms']['max']}", file=sys.stderr)
        self.assertEqual(rep["after_recording"], 0, "the recording stops before the session ends")
        self.assertEqual(rep["expected"], len(expected))
        self.assertEqual(rep["missing"], 0, rep["missing_cues"])
        self.assertLessEqual(rep["error_ms"]["max"], MAX_ERROR_MS)
        self.assertEqual(rep["extra_onsets"], 0)
        self.assertEqual(status, 0)

    def test_controls_keep_sound_with_screen(self):
        """Pause, resume (with its get-ready), skip, back and restart: every
        sound the engine delivered to the screen is in the stream at its time."""
        events = os.path.join(self.work, "events.json")
        ops = "pause:20500,resume:26500,skip:40500,back:50500,skip:55500,back:61500,restart:70500"
        p, raw, log = recorded(self.work, render_cmd("--no-voice", "--seconds", "150", "--ops", ops,
                                                     "--events", events), "ops.raw", timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(events) as f:
            delivered = json.load(f)["cues"]
        self.assertTrue(any(c["type"] == "lead_in" and c["t_ms"] > 20000 for c in delivered),
                        "the resume has no get-ready")
        status, rep = analyse_file(raw, events, log)
        self.assertEqual(rep["missing"], 0, rep["missing_cues"])
        self.assertLessEqual(rep["error_ms"]["max"], MAX_ERROR_MS)
        self.assertEqual(status, 0)

    def test_paced_streams_on_time(self):
        """Paced like a real device, 32 s with a pause and a resume: the device
        opens only around sounds (many streams, closed through the silences,
        one reopened by the resume's count-in), and every sound the engine
        delivered is on its frame of session time, stream after stream."""
        events = os.path.join(self.work, "events.json")
        p, raw, log = recorded(self.work, render_cmd("--no-voice", "--seconds", "32", "--ops",
                                                     "pause:16000,resume:19500", "--events", events),
                               "paced.raw", paced=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(log) as f:
            streams = analyse.streams_from_log(f.read())
        self.assertGreaterEqual(len(streams), 5, "the device did not close through the silences")
        self.assertIn(1024, [st["buffer"] for st in streams])  # the count-in's, opened by a control
        self.assertIn(3072, [st["buffer"] for st in streams])  # tones only
        status, rep = analyse_file(raw, events, log)
        print(f"\npaced: {rep['found']}/{rep['expected']} cues in {rep['streams']} streams, error ms "
              f"median {rep['error_ms']['median']} p95 {rep['error_ms']['p95']} "
              f"max {rep['error_ms']['max']}", file=sys.stderr)
        self.assertEqual(rep["missing"], 0, rep["missing_cues"])
        self.assertGreaterEqual(rep["expected"], 12)
        self.assertLessEqual(rep["error_ms"]["max"], MAX_ERROR_MS)
        self.assertEqual(rep["extra_onsets"], 0)
        self.assertEqual(status, 0)

    def test_speech_follows_phase_starts(self):
        """The first minute with and without the voice: their difference is the
        voice alone, and it starts right after every phase's tone."""
        if not SPEECH:
            self.skipTest("built without speech")
        plan_path = os.path.join(self.work, "plan.json")
        with open(plan_path, "w") as f:
            subprocess.run([BINARY, "plan", ROUTINE, "--json"], stdout=f, check=True, timeout=30)
        raws = []
        for name, extra in (("voice.raw", ["--start-delay", "2000"]), ("tones.raw", ["--no-voice"])):
            p, raw, log = recorded(self.work, render_cmd("--seconds", "65", *extra), name, timeout=120)
            self.assertEqual(p.returncode, 0, p.stderr)
            raws.append(raw)
        channels = str(frame_bytes(log) // 2)
        p = subprocess.run([sys.executable, os.path.join(HERE, "analyse.py"), raws[0], "--speech", raws[1],
                            "--plan", plan_path, "--channels", channels, "--json"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
        rep = json.loads(p.stdout)
        self.assertGreaterEqual(rep["phase_starts"], 10)
        self.assertEqual(rep["with_speech"], rep["phase_starts"], rep["rows"])
        for r in rep["rows"]:  # right after the phase's tone (each under 600 ms)
            self.assertTrue(300 <= r["delay_ms"] <= 600, r)
        self.assertEqual(p.returncode, 0)

    def test_mute_is_silent(self):
        p, raw, log = run_app(self.work, START + "wait-step 4\nquit\n", "--no-voice", "--mute",
                              "--speed", "5")
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(raw, "rb") as f:
            data = f.read()
        self.assertGreater(len(data), 48000 * frame_bytes(log) * 5, "the stream did not run")
        self.assertEqual(data.count(0), len(data), "sound while muted")
        # and the same run unmuted is not silent (the check above can bite)
        p, raw, log = run_app(self.work, START + "wait-step 4\nquit\n", "--no-voice", "--speed", "5")
        with open(raw, "rb") as f:
            data = f.read()
        self.assertLess(data.count(0), len(data))

    def test_no_device(self):
        """A driver that cannot open: one clear notice, the session runs."""
        p, _, _ = run_app(self.work, START + "wait-step 3\nquit\n", "--speed", "20",
                          driver="nonexistent", timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        notices = [l for l in p.stderr.splitlines() if "no sound:" in l]
        self.assertEqual(len(notices), 1, p.stderr)
        self.assertIn("visual cues only", notices[0])
        self.assertIn("session: steps_done=", p.stderr)


if __name__ == "__main__":
    RENDER = sys.argv.pop(1) if len(sys.argv) > 1 else os.environ.get("AUDIO_RENDER")
    if len(sys.argv) > 1 and sys.argv[1] in ("speech", "nospeech"):
        SPEECH = sys.argv.pop(1) == "speech"
    unittest.main(verbosity=2)
