#!/usr/bin/env python3
"""pulse_e2e.py - the sound as a listener hears it, through a real sound server.

Every other timing figure comes from SDL's disk driver, where the file is the
stream and nothing stands between a mixed buffer and the "listener". Here the
real binary plays into a PulseAudio of our own (a null sink in a private
runtime dir, started and killed by this script), and the sink's monitor is
recorded with parec, the recording placed on CLOCK_MONOTONIC. Checked:

  (a) every cue of the stretch heard, each within 1 ms of its place relative
      to the others (the first cue too: the recording is aligned on the
      median cue, not on the first);
  (b) screen and sound agree within 20 ms at each phase change: the app's
      present of the step's first frame (SMR_LOG=debug "present: ... at MS",
      monotonic) against the onset of the step's sound;
  (c) a key's sound heard within 50 ms of the key: the count-in after resume
      (its first onset) and the pause's fade of the voice;
  (d) with SDL's driver, the session's sounds up to the pause in one device
      stream (what keeps (a) true on a loaded machine);
  (e) with the libpulse backend, the server killed in a hold, where the
      backend's loop listens to nothing of it: its end heard within 1 s and
      the session going on to its script's end.

Where the recording sits on the monotonic clock: each chunk parec hands us
at time T, holding frames up to n, says frame n was rendered by the sink no
later than T. The null sink renders at most its configured latency (asked
small, --latency-msec) ahead of playing, on CLOCK_MONOTONIC, so
min(T - n/rate) over all chunks is the recording's start to within that
latency; the midpoint is used and the bound printed.

The key's time: the app logs the script's key (debug) as it acts on it; the
line's arrival is stamped here and corrected by the pipe's delay, which the
"present" lines measure (they carry the app's own monotonic time).

    pulse_e2e.py speech|nospeech [pulse|sdl]
        pulse: the app's own PulseAudio backend (SMR_AUDIO=pulse, libpulse);
        sdl (the default): SDL's pulseaudio driver (SDL_AUDIODRIVER=pulseaudio)
        env: SMR_BINARY, SMR_SOURCE_ROOT; SMR_KEEP=1 keeps the work dir after a pass

Exit status: 0 all checks pass, 1 a check failed or a run went wrong,
77 (meson's skip) when no PulseAudio server can run here, with the reason.
Python 3 standard library; pulseaudio and pulseaudio-utils (parec, pactl).
"""
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import analyse  # noqa: E402  (the one onset detector)

sys.path.insert(0, os.path.join(HERE, "..", "app"))
import smrapp  # noqa: E402  (answering the checklist)

SKIP = 77
FINAL = 2  # attempt(): a check failed past excuse (Report.check's `final`)
# Which of the app's backends plays into the server, and the log line that
# says it did (src/audio/audio_pulse.c, SDL's driver in audio_sdl.c).
# Named outright (SMR_AUDIO) so that the caller's environment cannot pick
# another; the bench and server_cues.py play the same two ways.
BACKENDS = {
    "sdl": ({"SMR_AUDIO": "sdl", "SDL_AUDIODRIVER": "pulseaudio"}, "audio: pulseaudio,"),
    "pulse": ({"SMR_AUDIO": "pulse"}, "audio: pulse, server"),
}
BACKEND = "sdl"
SOURCE_ROOT = os.environ.get("SMR_SOURCE_ROOT", os.path.join(HERE, "..", ".."))
BINARY = os.environ.get("SMR_BINARY", "smr-timer")
ROUTINE = os.path.join(SOURCE_ROOT, "routines", "hamstrings-spiky-ball.json")
RATE, CHANNELS = 48000, 2
FRAME_BYTES = 2 * CHANNELS
REC_LATENCY_MS = 2  # how far ahead the null sink may render: the placement's bound

# The limits (issue 16); not to be loosened to make a run pass.
CUE_REL_MAX_MS = 1.0
SCREEN_SOUND_MAX_MS = 20.0
# The session's clock is the stream's time on the server: each phase must
# come up on time by the monotonic clock too (a sound card's clock strays
# from it by 0.01 %, 4 ms over this run). A stream the server stops playing
# (it ran dry) stops the session with it: seen with a 3 s target length on
# the null sink, phases 2-48 s off (docs/performance.md, issue 16).
PACE_MAX_MS = 50.0
# ...counted from the first phase: before it the session's first stream may
# wait for the server, and the lead-in's screen waits with it (it is the
# stream's time). Unrecorded, the libpulse backend's lead-in ran 231-484 ms
# long in 6 of 10 sessions (docs/performance.md, issue 16, session 14).
LEAD_IN_LATE_MAX_MS = 1000.0
# A starved thread (ATTEMPTS) delays a frame by up to ~170 ms; a phase this
# far off is the clock, and fails without a second attempt.
PACE_FINAL_MS = 500.0
KEY_SOUND_MAX_MS = 50.0
# The app fades the voice over SAY_FADE_MS (src/audio/audio_sdl.c) when paused:
# the fade is heard from its start, its end is where the recording goes silent.
PAUSE_FADE_MS = 15.0
# The cue sounds (src/audio/synth.c) rise from 0 over their first samples: an
# onset whose first sample is this loud is a sound whose start is missing.
ABRUPT = 300

# Start as a person would, not within the 200 ms the app's first (silent)
# stream takes the server's first-stream delay (audio_sdl.c, WARM_MS): a
# session begun at once had its lead-in 1.6 ms off the other cues.
START = ("wait-screen checklist\n" + smrapp.answer_all_no() +
         "key Return\nwait-screen overview\nwait 400\nkey Return\nwait-screen session\n")
# Tones only, through the first position (steps 0-5, 13 cues, 7 phase changes
# with the lead-in), then pause in a quiet stretch and resume into the count-in.
TONES_STEPS = 6
TONES_SCRIPT = START + f"wait-step {TONES_STEPS}\nwait 1500\nkey space\nwait 2500\nkey space\n" \
    "wait 4500\nquit\n"
# Nothing recorded: the lead-in and the first three phases (to 16 s).
PACE_SCRIPT = START + "wait-step 2\nwait 2000\nquit\n"
# With the voice: pause while the first instruction is being spoken (phase 0
# starts at 3 s, its phrase about 0.4 s later and lasting over a second).
VOICE_SCRIPT = START + "wait 4200\nkey space\nwait 1500\nquit\n"

KEY_RE = re.compile(r"script:\d+: key (\S+)(?: at ([0-9.]+))?")
PRESENT_RE = re.compile(r"present: (\S+) at ([0-9.]+)")
STEP_RE = re.compile(r"session: step=(\d+) ")


class Skip(Exception):
    """This machine cannot run the server: the test is skipped, with why."""


class Broken(Exception):
    """A run went wrong (not a missed limit): the test fails, with why."""


def mono_ms():
    return time.clock_gettime(time.CLOCK_MONOTONIC) * 1000.0


# ---------------------------------------------------------------- the server


class Server:
    """A PulseAudio of our own with one null sink, in a private runtime dir.
    In the foreground as our child, so that it dies with our process group
    even when we are killed (a daemon would outlive a timed-out test)."""

    def __init__(self, work):
        for tool in ("pulseaudio", "parec", "pactl"):
            if not shutil.which(tool):
                raise Skip(f"{tool} not found"
                           " (Debian: apt-get install pulseaudio pulseaudio-utils)")
        self.dir = os.path.join(work, "pulse-runtime")
        os.mkdir(self.dir, 0o700)
        os.chmod(self.dir, 0o700)  # whatever the umask: pulseaudio insists on 700
        client_conf = os.path.join(self.dir, "client.conf")
        with open(client_conf, "w") as f:
            f.write("autospawn = no\n")  # a client must never start a server of its own
        self.env = dict(os.environ, XDG_RUNTIME_DIR=self.dir, HOME=self.dir,
                        PULSE_SERVER="unix:" + os.path.join(self.dir, "pulse", "native"),
                        PULSE_CLIENTCONFIG=client_conf, DBUS_SESSION_BUS_ADDRESS="disabled:")
        self.log = os.path.join(work, "pulseaudio.log")
        cmd = ["pulseaudio", "-n", "--daemonize=no", "--system=no", "--exit-idle-time=-1",
               "--disallow-exit", "--realtime=no", "--high-priority=no", "--use-pid-file=no",
               "--log-target=file:" + self.log,
               "-L", f"module-null-sink sink_name=out rate={RATE} channels={CHANNELS}",
               "-L", "module-native-protocol-unix auth-anonymous=1"]
        self.proc = subprocess.Popen(cmd, env=self.env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._wait_ready(10)

    def _wait_ready(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise Skip(f"pulseaudio exited at start (status {self.proc.returncode}): "
                           + self.log_tail())
            if self.pactl("info").returncode == 0:
                return
            time.sleep(0.05)
        self.stop()
        raise Skip(f"pulseaudio did not answer within {seconds} s: " + self.log_tail())

    def pactl(self, *args):
        return subprocess.run(["pactl", *args], env=self.env, capture_output=True, text=True,
                              timeout=10)

    def sink_latency_ms(self):
        """The null sink's configured latency (how far ahead it renders)."""
        m = re.search(r"configured (\d+) usec", self.pactl("list", "sinks").stdout)
        return int(m.group(1)) / 1000.0 if m else None

    def stream_latency_ms(self):
        """What the server holds of the app's stream (pactl's Buffer Latency)."""
        m = re.search(r"Buffer Latency: (\d+) usec", self.pactl("list", "sink-inputs").stdout)
        return int(m.group(1)) / 1000.0 if m else None

    def log_tail(self):
        try:
            with open(self.log) as f:
                lines = [ln.strip() for ln in f if ln.startswith("E:")] or ["(no error logged)"]
            return lines[-1]
        except OSError:
            return "(no log)"

    def stop(self):
        end(self.proc, signal.SIGTERM)


def end(proc, sig):
    """Ends a child we started: `sig`, then SIGKILL after 5 s."""
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ---------------------------------------------------------------- recording


class Recorder:
    """parec on the sink's monitor; every chunk stamped on arrival."""

    def __init__(self, server, path, device="out.monitor"):
        self.path = path
        self.stamps = []  # (arrival ms, bytes received so far)
        cmd = ["parec", "-d", device, f"--rate={RATE}", f"--channels={CHANNELS}",
               "--format=s16le", f"--latency-msec={REC_LATENCY_MS}", "--raw"]
        self.proc = subprocess.Popen(cmd, env=server.env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        fd = self.proc.stdout.fileno()
        total = 0
        with open(self.path, "wb") as out:
            while True:
                chunk = os.read(fd, 1 << 16)
                t = mono_ms()
                if not chunk:
                    return
                total += len(chunk)
                self.stamps.append((t, total))
                out.write(chunk)

    def wait_running(self, seconds):
        deadline = time.monotonic() + seconds
        while len(self.stamps) < 10:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                err = self.proc.stderr.read().decode(errors="replace").strip() if \
                    self.proc.poll() is not None else "no data"
                raise Broken(f"parec is not recording: {err}")
            time.sleep(0.02)

    def stop(self):
        end(self.proc, signal.SIGINT)  # parec flushes what it has on SIGINT
        self._thread.join(5)
        with open(self.path + ".stamps", "w") as f:  # for a look when a check fails
            f.writelines(f"{t:.3f} {n}\n" for t, n in self.stamps)

    def placement(self):
        """Where the recording sits on the monotonic clock: (a, b, scatter) with
        frame n heard at a + n_ms * (1 + b), n_ms = n / RATE in ms. Each
        chunk (T, n) bounds frame n's rendering from above: T - n_ms >= start.
        The lowest bound of each second is the chunk that came soonest; a line
        through those follows the sink's own clock, which is not exactly the
        monotonic one (the null sink's runs a few tens of ppm off, as a card's
        crystal would). scatter: the largest distance of a second's lowest
        bound from the line; a lost stretch of data would show as a step."""
        lows = {}
        for t, n in self.stamps:
            n_ms = n / FRAME_BYTES * 1000.0 / RATE
            k = int(n_ms // 1000)
            if k not in lows or t - n_ms < lows[k][1]:
                lows[k] = (n_ms, t - n_ms)
        pts = list(lows.values())
        if len(pts) < 3:
            raise Broken("the recording is too short to be placed on the clock")
        mx = statistics.fmean(p[0] for p in pts)
        my = statistics.fmean(p[1] for p in pts)
        b = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)
        a = my - b * mx
        scatter = max(abs(y - (a + b * x)) for x, y in pts)
        return a, b, scatter


# ---------------------------------------------------------------- the app


class AppRun:
    """The real binary with a script, its stderr lines stamped on arrival."""

    def __init__(self, server, work, name, script, *args):
        self.dir = os.path.join(work, name)
        os.makedirs(self.dir, exist_ok=True)
        script_path = os.path.join(self.dir, "script.txt")
        with open(script_path, "w") as f:
            f.write(script)
        env = dict(server.env)
        env.pop("SDL_AUDIODRIVER", None)
        env.pop("SMR_AUDIO", None)
        env.update(BACKENDS[BACKEND][0])
        env.update({
            "SDL_VIDEODRIVER": "offscreen",
            "SDL_RENDER_DRIVER": "software",
            "SDL_FRAMEBUFFER_ACCELERATION": "0",
            "SMR_LOG": "debug",
            "XDG_STATE_HOME": os.path.join(self.dir, "state"),
        })
        env.pop("SDL_DISKAUDIOFILE", None)
        cmd = [BINARY, "--script", script_path, "--window", "800x600", *args, ROUTINE]
        self.lines = []  # (arrival ms, text)
        self.proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        with open(os.path.join(self.dir, "stderr.txt"), "w") as f:
            for raw in self.proc.stderr:
                t = mono_ms()
                line = raw.decode("utf-8", "replace").rstrip("\n")
                self.lines.append((t, line))
                f.write(f"{t:.3f} {line}\n")

    def wait(self, seconds, server, sample=True):
        """Waits for the script's quit, sampling the server meanwhile (unless
        not `sample`): how far ahead the sink renders, and how much of the
        app's stream it holds."""
        deadline = time.monotonic() + seconds
        sampled = {"sink": [], "buffered": []}
        while self.proc.poll() is None:
            if time.monotonic() > deadline:
                self.kill()
                raise Broken(f"the app did not quit within {seconds} s" + self.tail())
            if sample:
                for key, value in (("sink", server.sink_latency_ms()),
                                   ("buffered", server.stream_latency_ms())):
                    if value is not None:
                        sampled[key].append(value)
            time.sleep(0.5)
        self._thread.join(5)
        if self.proc.returncode != 0:
            raise Broken(f"the app exited with status {self.proc.returncode}" + self.tail())
        said = BACKENDS[BACKEND][1]
        if not any(said in ln for _, ln in self.lines):
            raise Broken(f"the app did not play through the {BACKEND} backend (no \"{said}\""
                         " in its log)" + self.tail())
        return sampled

    def kill(self):
        """Ends a run that is still going (a failure, or our own SIGTERM)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def tail(self, n=6):
        return "".join("\n  " + ln for _, ln in self.lines[-n:])

    def pipe_delay_ms(self):
        """How long a line takes from the app's log to us: the present lines
        carry the app's monotonic time. (median, max)"""
        d = [t - float(m.group(2)) for t, ln in self.lines for m in [PRESENT_RE.search(ln)] if m]
        if not d:
            raise Broken("no 'present:' debug lines in the app's log (SMR_LOG=debug)")
        return statistics.median(d), max(d)

    def keys(self, name):
        """Monotonic times of the script's keys called `name`."""
        delay, _ = self.pipe_delay_ms()
        out = []
        for t, ln in self.lines:
            m = KEY_RE.search(ln)
            if m and m.group(1).lower() == name:
                out.append(float(m.group(2)) if m.group(2) else t - delay)
        return out

    def phase_presents(self):
        """(step, monotonic ms of the present that first showed it), in order:
        the app logs "session: step=N" while drawing a phase's first frame
        (the session's start, in its lead-in, then every phase start)."""
        out, pending = [], None
        for _, ln in self.lines:
            m = STEP_RE.search(ln)
            if m:
                pending = int(m.group(1))
                continue
            m = PRESENT_RE.search(ln)
            if m and pending is not None:
                out.append((pending, float(m.group(2))))
                pending = None
        return out


# ---------------------------------------------------------------- analysis


def plan():
    out = subprocess.run([BINARY, "plan", ROUTINE, "--json"], capture_output=True, text=True,
                         timeout=30, check=True)
    return json.loads(out.stdout)


def stretch_rows(plan_, x, stretch_s):
    """cue_rows for the cues of the first stretch_s of a session that was
    quit then (the recording goes on after the app quit: only what it
    played), from `plan_` (plan())."""
    cues, _ = analyse.expected_cues(plan_)
    cues = [c for c in cues if c["t_ms"] < (stretch_s - 1) * 1000]
    return cue_rows(cues, x, len(x) * 1000.0 / RATE - 50)


def cue_rows(cues, x, until_ms):
    """Each expected cue before until_ms (recording time) with its onset, the
    errors taken relative to the median cue: (rows, extra onsets)."""
    found = analyse.onsets(x, RATE)
    m = analyse.match(cues, found, RATE, until_ms, 300.0)
    if not m:
        raise Broken("no cue onsets found in the recording")
    rows = m["rows"]
    errs = [r["error_ms"] for r in rows if r["found"]]
    centre = statistics.median(errs) if errs else 0.0
    for r in rows:
        if r["found"]:
            r["rel_ms"] = r["error_ms"] - centre
            r["onset_i"] = (r["t_ms"] + m["offset_ms"] + r["error_ms"]) * RATE / 1000.0
    extra = sum(1 for i in found if i * 1000.0 / RATE < until_ms) - len(errs)
    return rows, extra


def silent_from(x, start, min_quiet_ms=300, level=2):
    """The first sample at or after `start` from which the signal stays
    within +-level for min_quiet_ms (or to the end): where a fade ended."""
    need = RATE * min_quiet_ms // 1000
    run = 0
    for i in range(start, len(x)):
        if -level <= x[i] <= level:
            run += 1
            if run >= need:
                return i - run + 1
        else:
            run = 0
    return len(x) - run if run else None


class Report:
    def __init__(self):
        self.checks = []
        self.final = []  # failures no second attempt may excuse

    def figure(self, text):
        print(text, flush=True)

    def check(self, name, ok, text, final=False):
        """`final`: if it fails, by more than a starved thread explains: no
        second attempt."""
        self.checks.append((name, ok))
        if final and not ok:
            self.final.append(name)
        print(f"{'PASS' if ok else 'FAIL'} {name}: {text}", flush=True)


# ---------------------------------------------------------------- the checks


class Recording:
    """One app run as heard: the samples (first channel) and their placement."""

    def __init__(self, app, x, a, b, unc, scatter, sampled):
        self.app, self.x = app, x
        self.a, self.b = a, b
        self.unc, self.scatter, self.sampled = unc, scatter, sampled

    def mono(self, i):
        """Monotonic ms at which sample i was heard."""
        n_ms = i * 1000.0 / RATE
        return self.a + n_ms * (1.0 + self.b)

    def index(self, mono_ms):
        return int((mono_ms - self.a) / (1.0 + self.b) * RATE / 1000.0)

    def describe(self, name):
        delay, delay_max = self.app.pipe_delay_ms()
        text = (f"{name} run: {len(self.x) / RATE:.1f} s recorded, placed on the monotonic clock"
                f" to +-{self.unc:.2f} ms (the sink renders up to {2 * self.unc:.1f} ms ahead;"
                f" scatter {self.scatter:.2f} ms); the sink plays {-self.b * 1e6:+.0f} ppm fast"
                f" against that clock; log pipe delay median {delay:.2f} ms,"
                f" max {delay_max:.2f} ms")
        buf = self.sampled["buffered"]
        if buf:
            text += (f"\nserver's buffer of the app's stream (pactl Buffer Latency): median"
                     f" {statistics.median(buf):.1f} ms, {min(buf):.1f}-{max(buf):.1f} ms")
        return text


def record_session(server, work, name, script, *args, seconds=150):
    """One app run recorded from the sink's monitor."""
    raw = os.path.join(work, name + ".raw")
    rec = Recorder(server, raw)
    app = None
    try:
        rec.wait_running(10)
        app = AppRun(server, work, name, script, *args)
        sampled = app.wait(seconds, server)
        time.sleep(0.3)  # what the server still holds reaches the monitor
    finally:
        if app:
            app.kill()
        rec.stop()
    a, b, scatter = rec.placement()
    if scatter > 1.0:
        raise Broken(f"{name}: the recording strays {scatter:.2f} ms from a steady clock"
                     " (data lost?): its placement cannot be trusted")
    if not sampled["sink"]:
        raise Broken("pactl never reported the sink's latency")
    sink_ms = max(sampled["sink"])
    x, _ = analyse.read_mono(raw, RATE, CHANNELS)
    # Rendered up to sink_ms before being played: the midpoint, +- half.
    return Recording(app, x, a + sink_ms / 2, b, sink_ms / 2, scatter, sampled)


def tones_run(server, work, rep):
    rec = record_session(server, work, "tones", TONES_SCRIPT, "--no-voice")
    rep.figure(rec.describe("tones"))
    pauses = rec.app.keys("space")
    if len(pauses) != 2:
        raise Broken(f"expected 2 space keys in the log, found {len(pauses)}")
    plan_ = plan()
    cues, _ = analyse.expected_cues(plan_)
    # the stretch before the pause: after it every cue moves by the pause
    rows, extra = cue_rows(cues, rec.x, rec.index(pauses[0]) * 1000.0 / RATE - 100)
    check_cues(rep, rows, extra, rec.x)
    check_screen(rep, rec, rows)
    check_pace(rep, "pace", [p for p in rec.app.phase_presents() if p[1] < pauses[0]], plan_)
    check_resume(rep, rec, pauses[1])
    if BACKEND == "sdl":
        check_one_stream(rep, rec.app)


STREAM_OPENS_RE = re.compile(r"audio: stream (\d+) opens")


def check_one_stream(rep, app):
    """SDL's driver: the session's sounds up to the pause in one device
    stream (audio_sdl.c, stream_idle). Where a new stream sits is estimated
    from SDL's callbacks, and on a loaded machine the estimate strayed by
    2-52 ms: an unloaded run would pass the cue check with several streams,
    so this is what tells the design is kept."""
    opened, placed = [], False
    for _, ln in app.lines:
        if "cues placed" in ln:
            placed = True
        elif placed and KEY_RE.search(ln):
            break
        elif placed and (m := STREAM_OPENS_RE.search(ln)):
            opened.append(m.group(1))
    rep.check("one-stream", len(opened) == 1,
              f"{len(opened)} device stream(s) opened from the session's start to the pause"
              f" ({', '.join(opened) or 'none'}; 1 expected: SDL's driver keeps one open)")


def check_cues(rep, rows, extra, x):
    missing = [r for r in rows if not r["found"]]
    rel = [abs(r["rel_ms"]) for r in rows if r["found"]]
    for r in rows:
        text = f"{r['rel_ms']:+8.3f} ms" if r["found"] else "  MISSING"
        if r["found"] and abs(x[round(r["onset_i"])]) > ABRUPT:
            # every cue sound starts from 0 on a ramp: this one lost its start
            text += f"  starts abruptly ({x[round(r['onset_i'])]}): its first samples are missing"
        rep.figure(f"  cue {r['type']:12} step {r['step']:3} at {r['t_ms'] / 1000:6.2f} s: {text}")
    first = rows[0] if rows else None
    first_text = f"{first['rel_ms']:+.3f} ms" if first and first["found"] else "missing"
    rep.check("cues", bool(rel) and not missing and not extra and max(rel) <= CUE_REL_MAX_MS,
              f"{len(rel)}/{len(rows)} cues heard, {extra} extra onsets; relative to the others"
              f" max {max(rel) if rel else float('nan'):.3f} ms (limit {CUE_REL_MAX_MS:g}),"
              f" first cue {first_text}")


def check_screen(rep, rec, rows):
    """Each phase change: the sound's onset minus the present showing it."""
    sounds = [r for r in rows if r["found"] and (r["t_ms"] == 0 or r["type"] == "phase_start")]
    presents = rec.app.phase_presents()
    if len(presents) < len(sounds) or not sounds:
        raise Broken(f"{len(presents)} phase changes on screen, {len(sounds)} heard")
    diffs = []
    for (step, shown), r in zip(presents, sounds):
        if step != r["step"]:
            raise Broken(f"the screen's phase changes (step {step}) and the sounds"
                         f" (step {r['step']}) do not line up")
        diffs.append(rec.mono(r["onset_i"]) - shown)
        rep.figure(f"  step {step:3} ({r['type']}): sound {diffs[-1]:+7.1f} ms after the screen")
    worst = max(diffs, key=abs)
    rep.check("screen-sound", abs(worst) <= SCREEN_SOUND_MAX_MS,
              f"{len(diffs)} phase changes, sound minus screen median"
              f" {statistics.median(diffs):+.1f} ms, worst {worst:+.1f} ms"
              f" (limit +-{SCREEN_SOUND_MAX_MS:g}; placement +-{rec.unc:.2f} ms)")


def check_pace(rep, name, presents, plan_):
    """Each phase's first present (monotonic) against its start in the plan,
    counted from the first phase's; and the lead-in's length."""
    starts = {s["index"]: s["start_ms"] for s in plan_["steps"]}
    if len(presents) < 3:
        raise Broken(f"{name}: {len(presents)} phase changes on screen: too few to pace")
    # presents[0] is the lead-in's (step 0 too), presents[1] the first phase's
    step1, t1 = presents[1]
    offs = [(step, (t - t1) - (starts[step] - starts[step1])) for step, t in presents[1:]]
    worst = max(offs, key=lambda o: abs(o[1]))
    late = (t1 - presents[0][1]) - starts[step1]
    rep.check(name, abs(worst[1]) <= PACE_MAX_MS and -PACE_MAX_MS <= late <= LEAD_IN_LATE_MAX_MS,
              f"{len(offs)} phase changes over {(presents[-1][1] - t1) / 1000:.1f} s of the"
              f" monotonic clock after the lead-in, worst step {worst[0]} {worst[1]:+.1f} ms"
              f" from the plan (limit +-{PACE_MAX_MS:g}): "
              + " ".join(f"{st}:{o:+.1f}" for st, o in offs)
              + f"; the lead-in {late:+.1f} ms longer than planned"
              f" (limit {-PACE_MAX_MS:g} to {LEAD_IN_LATE_MAX_MS:g})",
              final=abs(worst[1]) > PACE_FINAL_MS or late > LEAD_IN_LATE_MAX_MS)


def check_resume(rep, rec, key_ms):
    """The count-in after resume: the first onset after the key."""
    key_i = rec.index(key_ms)
    after = [i for i in analyse.onsets(rec.x, RATE) if i >= key_i - RATE // 100]
    if not after:
        rep.check("resume-count-in", False, "no sound after the resume key")
        return
    late = rec.mono(after[0]) - key_ms
    rep.check("resume-count-in", 0 <= late <= KEY_SOUND_MAX_MS,
              f"count-in heard {late:.1f} ms after the key (limit {KEY_SOUND_MAX_MS:g};"
              f" placement +-{rec.unc:.2f} ms)")


def pace_run(server, work, rep):
    """The session's first 16 s with nothing recording, twice: a recorder on
    the sink's monitor keeps the null sink's latency low, and the stalls
    PACE_MAX_MS is there for were seen only without one (as in the bench):
    with a 3 s target length in 2 of 11 sessions."""
    plan_ = plan()
    for n in (1, 2):
        app = AppRun(server, work, f"pace{n}", PACE_SCRIPT, "--no-voice")
        app.wait(90, server, sample=False)
        check_pace(rep, f"pace-unrecorded-{n}", app.phase_presents(), plan_)


def voice_run(server, work, rep):
    """Pause while the voice speaks: how soon its fade is heard."""
    rec = record_session(server, work, "voice", VOICE_SCRIPT, seconds=90)
    rep.figure(rec.describe("voice"))
    keys = rec.app.keys("space")
    if len(keys) != 1:
        raise Broken(f"expected 1 space key in the voice run's log, found {len(keys)}")
    key_i = rec.index(keys[0])
    before = rec.x[max(0, key_i - RATE // 10):key_i]
    if not before or max(abs(v) for v in before) < 300:
        raise Broken("the voice was not speaking when the pause key came (nothing to fade):"
                     " the script's timing no longer fits the routine")
    end = silent_from(rec.x, key_i)
    if end is None:
        rep.check("pause-fade", False, "the voice never went quiet after the pause key")
        return
    gone = rec.mono(end) - keys[0]
    fade = gone - PAUSE_FADE_MS
    rep.check("pause-fade", fade <= KEY_SOUND_MAX_MS,
              f"fade heard from {fade:.1f} ms after the key, silent at {gone:.1f} ms"
              f" (limit {KEY_SOUND_MAX_MS:g} for the fade's start; placement +-{rec.unc:.2f} ms)")


GONE_SCRIPT = START + "wait-step 4\nquit\n"
GONE_MAX_MS = 1000  # the hang-up wakes even a loop that is not listening


def gone_run(server, work, rep):
    """The server killed in the middle of a hold (the libpulse backend's loop
    then listens to nothing of it, pulse_loop.h): the hang-up must still be
    heard at once, and the session go on without sound to its script's end.
    Last: the server is gone after it."""
    app = AppRun(server, work, "gone", GONE_SCRIPT, "--no-voice")
    deadline = time.monotonic() + 90
    while not any(step == 2 for step, _ in app.phase_presents()):
        if time.monotonic() > deadline or app.proc.poll() is not None:
            app.kill()
            raise Broken("the gone run never reached step 2" + app.tail())
        time.sleep(0.05)
    time.sleep(2.0)  # into the hold: nothing is awaited of the server there
    killed = mono_ms()
    server.proc.kill()
    server.proc.wait()
    app.wait(90, server, sample=False)
    heard = [t for t, ln in app.lines if t >= killed and "audio:" in ln and
             ("failed" in ln or "sound server" in ln)]
    steps = {step for step, _ in app.phase_presents()}
    late = heard[0] - killed if heard else None
    rep.check("server-gone", late is not None and late <= GONE_MAX_MS and max(steps, default=0) >= 3,
              ("the server's end heard " + (f"{late:.1f} ms after the kill" if late is not None
                                            else "never")
               + f" (limit {GONE_MAX_MS}); the session went on to step {max(steps, default=0)}"
               " (past the hold: step 3 at least) and ended with status 0"))


def attempt(speech):
    """One whole run on a fresh server: 0, 1 (a check failed) or SKIP."""
    work = tempfile.mkdtemp(prefix="smr-pulse-test-")
    server = None
    rep = Report()
    try:
        server = Server(work)
        tones_run(server, work, rep)
        if BACKEND == "pulse":
            pace_run(server, work, rep)
        else:
            print("pace-unrecorded: not checked with SDL's driver (the fallback): unrecorded,"
                  " its lead-in ran about 1 s long (docs/performance.md, issue 16, session 14)")
        if speech:
            voice_run(server, work, rep)
        else:
            print("pause-fade: not checked, built without speech (nothing to fade)")
        if BACKEND == "pulse":
            gone_run(server, work, rep)
    except Skip as e:
        print(f"SKIP: {e}")
        shutil.rmtree(work, ignore_errors=True)
        return SKIP
    except Broken as e:
        print(f"ERROR: {e}")
        return 1
    finally:
        if server:
            server.stop()
    failed = [n for n, ok in rep.checks if not ok]
    print(f"{len(rep.checks) - len(failed)} of {len(rep.checks)} checks pass"
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    if rep.final:
        print(f"no second attempt: {', '.join(rep.final)} missed by more than a starved"
              " thread can")
    if not failed and not os.environ.get("SMR_KEEP"):
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"logs and recordings kept in {work}")
    return FINAL if rep.final else 1 if failed else 0


# A second whole run when the first fails a check: on a machine so busy that
# the program's threads wait 30-170 ms for a core (measured while other test
# suites ran beside it), one run in a few misses a limit by a starved thread,
# not by its design. Both runs are printed; two failures in a row fail.
ATTEMPTS = 2


def main():
    global BACKEND
    speech = len(sys.argv) > 1 and sys.argv[1] == "speech"
    BACKEND = sys.argv[2] if len(sys.argv) > 2 else "sdl"
    if BACKEND not in BACKENDS:
        print(f"ERROR: no backend {BACKEND!r} (valid: {', '.join(BACKENDS)})")
        return 1
    print(f"backend: {BACKEND}")
    # meson's timeout sends SIGTERM: end the server and recorder on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    status = 1
    for n in range(1, ATTEMPTS + 1):
        print(f"--- attempt {n} of {ATTEMPTS}")
        status = attempt(speech)
        if status != 1:
            break
    return 1 if status == FINAL else status


if __name__ == "__main__":
    sys.exit(main())
