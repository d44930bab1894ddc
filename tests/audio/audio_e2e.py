#!/usr/bin/env python3
"""End-to-end checks of the sound, on SDL's disk driver: the real binary plays
the default routine unpaced (minutes of stream in seconds: the stream is the
session clock) and analyse.py finds every cue's onset where `plan --json`
scheduled it; controls (pause, resume, skip, back) keep sound and screen
together; --mute is silent; a driver that cannot open leaves one notice and a
session that still runs.

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


def headless_env(work, driver="disk", raw=None):
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
    if raw:
        env["SDL_DISKAUDIOFILE"] = raw
        env["SDL_DISKAUDIODELAY"] = "0"  # unpaced
    return env


def run_app(work, script, *args, driver="disk", timeout=180):
    raw = os.path.join(work, "out.raw")
    path = os.path.join(work, "script.txt")
    with open(path, "w") as f:
        f.write(script)
    shots = os.path.join(work, "shots")
    os.makedirs(shots, exist_ok=True)
    cmd = [BINARY, "--script", path, "--screenshot-dir", shots, "--window", "800x600"]
    cmd += list(args) + [ROUTINE]
    p = subprocess.run(cmd, env=headless_env(work, driver, raw if driver == "disk" else None),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
    return p, raw


def analyse_file(raw, plan_path):
    """analyse.py's JSON report for a recording and a plan."""
    p = subprocess.run([sys.executable, os.path.join(HERE, "analyse.py"), raw, "--plan", plan_path,
                        "--json", "--max-error-ms", str(MAX_ERROR_MS)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    return p.returncode, json.loads(p.stdout)


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
        p, raw = run_app(self.work, START + "wait-done\nwait 3000\nquit\n", "--no-voice")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("no sound", p.stderr)
        status, rep = analyse_file(raw, plan_path)
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
        raw = os.path.join(self.work, "ops.raw")
        events = os.path.join(self.work, "events.json")
        env = headless_env(self.work, "disk", raw)
        ops = "pause:20500,resume:26500,skip:40500,back:50500,skip:55500,back:61500,restart:70500"
        p = subprocess.run([RENDER, "--no-voice", "--seconds", "150", "--ops", ops,
                            "--events", events, ROUTINE],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(events) as f:
            delivered = json.load(f)["cues"]
        self.assertTrue(any(c["type"] == "lead_in" and c["t_ms"] > 20000 for c in delivered),
                        "the resume has no get-ready")
        status, rep = analyse_file(raw, events)
        self.assertEqual(rep["missing"], 0, rep["missing_cues"])
        self.assertLessEqual(rep["error_ms"]["max"], MAX_ERROR_MS)
        self.assertEqual(status, 0)

    def test_speech_follows_phase_starts(self):
        """The first minute with and without the voice: their difference is the
        voice alone, and it starts right after every phase's tone."""
        if not SPEECH:
            self.skipTest("built without speech")
        plan_path = os.path.join(self.work, "plan.json")
        with open(plan_path, "w") as f:
            subprocess.run([BINARY, "plan", ROUTINE, "--json"], stdout=f, check=True, timeout=30)
        voice, tones = os.path.join(self.work, "voice.raw"), os.path.join(self.work, "tones.raw")
        for raw, extra in ((voice, ["--start-delay", "2000"]), (tones, ["--no-voice"])):
            p = subprocess.run([RENDER, "--seconds", "65", *extra, ROUTINE],
                               env=headless_env(self.work, "disk", raw), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, timeout=120)
            self.assertEqual(p.returncode, 0, p.stderr)
        p = subprocess.run([sys.executable, os.path.join(HERE, "analyse.py"), voice, "--speech", tones,
                            "--plan", plan_path, "--json"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
        rep = json.loads(p.stdout)
        self.assertGreaterEqual(rep["phase_starts"], 10)
        self.assertEqual(rep["with_speech"], rep["phase_starts"], rep["rows"])
        for r in rep["rows"]:  # right after the phase's tone (each under 600 ms)
            self.assertTrue(300 <= r["delay_ms"] <= 600, r)
        self.assertEqual(p.returncode, 0)

    def test_mute_is_silent(self):
        p, raw = run_app(self.work, START + "wait-step 4\nquit\n", "--no-voice", "--mute",
                         "--speed", "5")
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(raw, "rb") as f:
            data = f.read()
        self.assertGreater(len(data), 48000 * 4 * 5, "the stream did not run")
        self.assertEqual(data.count(0), len(data), "sound while muted")
        # and the same run unmuted is not silent (the check above can bite)
        p, raw = run_app(self.work, START + "wait-step 4\nquit\n", "--no-voice", "--speed", "5")
        with open(raw, "rb") as f:
            data = f.read()
        self.assertLess(data.count(0), len(data))

    def test_no_device(self):
        """A driver that cannot open: one clear notice, the session runs."""
        p, _ = run_app(self.work, START + "wait-step 3\nquit\n", "--speed", "20",
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
