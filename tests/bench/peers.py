#!/usr/bin/env python3
"""peers.py - `bench.py --peers`: smr-timer beside two break timers people
actually run, measured the same way in the same run, so that "quiet" is a
comparison and not an adjective.

The same for each program, in one Xvfb (bench.py's), three rounds, the
programs taking turns within a round so that whatever else the machine does
falls on all of them alike:
- exec to visible window: CLOCK_MONOTONIC just before the exec, against the
  arrival of the X server's MapNotify for the program's first top-level
  window (xev on the root window, the window's _NET_WM_PID in the program's
  process tree). Safe Eyes opens no window when it starts: "-".
- CPU while its countdown runs: the scheduler's runtime of every thread of
  the process tree (each process's CPU clock, which counts the threads that
  ended meanwhile too) over a 12 s window that
  starts 1 s after the countdown's window is mapped; smr-timer: the session
  from 1 s after its first frame. As % of one core.
- resident memory: VmRSS summed over the process tree, the highest of the
  readings every 0.5 s in that window.

Workrave's countdown is its exercise screen (D-Bus: org.workrave.
ControlInterface.Exercises on /org/workrave/Workrave/UI), Safe Eyes' its
break screen (`safeeyes -t`). Both need a session bus: we start one of our
own (what dbus-run-session does) and end it afterwards. Safe Eyes also
connects to the system bus; where the machine has none, a private bus
stands in for it. Each peer runs with a HOME of its own in the work dir.
What the buses start on their behalf (dconf, the accessibility bus) is not
in the program's process tree and is not counted.
Python 3 standard library only.
"""
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import threading
import time
from pathlib import Path

from harness import (BenchError, end_process, log, monotonic_ms, process_tree,
                     growth_between, tree_clocks, tree_rss_kb, tree_wakes)

ROUNDS = 3  # measured, after one warm-up round (see run())
WINDOW_S = 12.0
SETTLE_S = 1.0       # from the countdown's window to the start of the sample
SAFEEYES_PORT = 7200  # Safe Eyes' RPC port (its default configuration)
INSTALL = "apt-get install workrave safeeyes"

# The targets for the ratios (smr-timer / peer), issue 16.
RATIO_TARGETS = {"safeeyes": 1.0, "workrave": 0.3}


class Unavailable(Exception):
    """A peer that cannot be measured here (not installed, already running)."""


# ---------------------------------------------------------------- X and D-Bus


class MapWatcher:
    """xev on the root window: every top-level window mapped, stamped on arrival."""

    MAP_RE = re.compile(r"event 0x[0-9a-f]+, window (0x[0-9a-f]+), override (YES|NO)")

    def __init__(self, env):
        self.env = env
        self.maps = []  # (arrival ms, window id), not override-redirect
        self.proc = subprocess.Popen(["xev", "-root", "-event", "substructure"], env=env,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, bufsize=1)
        self._pids = {}  # map event index -> pid (a window id is reused once freed)
        threading.Thread(target=self._read, daemon=True).start()
        time.sleep(0.3)  # xev selects its events before anything we start maps

    def _read(self):
        mapping = False
        for line in self.proc.stdout:
            t = monotonic_ms()
            if line.startswith("MapNotify event"):
                mapping = True
                continue
            m = self.MAP_RE.search(line) if mapping else None
            mapping = False
            if m and m.group(2) == "NO":
                self.maps.append((t, m.group(1)))

    def window_pid(self, i):
        """The pid owning the window of map event i (None once it is gone)."""
        if i not in self._pids:
            out = subprocess.run(["xprop", "-id", self.maps[i][1], "_NET_WM_PID"], env=self.env,
                                 capture_output=True, text=True, timeout=10).stdout
            m = re.search(r"= (\d+)", out)
            self._pids[i] = int(m.group(1)) if m else None
        return self._pids[i]

    def first_map(self, root_pid, after_ms, timeout_s, alive):
        """The arrival of the first window mapped after `after_ms` that belongs
        to root_pid's process tree."""
        deadline = time.monotonic() + timeout_s
        seen = 0
        while time.monotonic() < deadline:
            n = len(self.maps)
            if n > seen:
                tree = set(process_tree(root_pid))
                for i in range(seen, n):
                    if self.maps[i][0] >= after_ms and self.window_pid(i) in tree:
                        return self.maps[i][0]
                seen = n
            if not alive():
                raise BenchError("exited before opening a window")
            time.sleep(0.005)
        raise BenchError(f"no window within {timeout_s:.0f} s")

    def close(self):
        end_process(self.proc)


class Bus:
    """A D-Bus daemon of our own (session configuration)."""

    def __init__(self):
        out = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                              "--print-pid=1"], capture_output=True, text=True, timeout=10)
        lines = out.stdout.split()
        if out.returncode != 0 or len(lines) < 2:
            raise Unavailable(f"dbus-daemon would not start: {out.stderr.strip()}")
        self.address, self.pid = lines[0], int(lines[1])

    def close(self):
        # what the bus started for the programs (dconf, the accessibility bus) ends with it
        for pid in reversed(process_tree(self.pid)):
            try:
                os.kill(pid, 15)
            except ProcessLookupError:
                pass


def package_version(name):
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True,
                         text=True, timeout=10) if shutil.which("dpkg-query") else None
    return out.stdout.strip() if out and out.returncode == 0 else "?"


# ---------------------------------------------------------------- the programs


class Peer:
    """A break timer run the way its users run it: start, open the countdown, quit."""

    name = label = command = ""
    startup_window = True  # does it open a window when it starts?

    def __init__(self, ctx):
        self.ctx = ctx
        self.home = Path(ctx.tmp) / "peers" / self.name
        self.home.mkdir(parents=True, exist_ok=True)
        self.env = ctx.peer_env(self.home)
        self.proc = None

    def check(self):
        if not shutil.which(self.command):
            raise Unavailable(f"{self.command} is not installed ({INSTALL})")

    def start(self):
        self.log = open(self.home / f"{self.name}.log", "ab")
        t = monotonic_ms()
        self.proc = subprocess.Popen([self.command], env=self.env, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        return t

    def alive(self):
        return self.proc.poll() is None

    def finish(self):
        if self.proc:
            end_process(self.proc)
        self.log.close()


class Workrave(Peer):
    name, label, command = "workrave", "Workrave", "workrave"
    DEST = "org.workrave.Workrave"

    def dbus(self, *args):
        return subprocess.run(["dbus-send", "--session", "--print-reply", *args], env=self.env,
                              capture_output=True, text=True, timeout=10)

    def call(self, method):
        return self.dbus(f"--dest={self.DEST}", "/org/workrave/Workrave/UI",
                         f"org.workrave.ControlInterface.{method}")

    def on_bus(self):
        # Asked first: a call to a name nobody owns yet would make the bus
        # start a second Workrave from its .service file, outside our tree.
        out = self.dbus("--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                        "org.freedesktop.DBus.NameHasOwner", f"string:{self.DEST}")
        return "boolean true" in out.stdout

    def open_countdown(self):
        deadline = time.monotonic() + 20
        while not self.on_bus():
            if time.monotonic() > deadline or not self.alive():
                raise BenchError("Workrave never appeared on the session bus")
            time.sleep(0.05)
        t = monotonic_ms()
        out = self.call("Exercises")
        if out.returncode != 0:
            raise BenchError(f"Workrave's Exercises call failed: {out.stderr.strip()}")
        return t

    def finish(self):
        if self.proc and self.alive():
            self.call("Quit")
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                pass
        super().finish()


class SafeEyes(Peer):
    name, label, command = "safeeyes", "Safe Eyes", "safeeyes"
    startup_window = False  # a tray icon and nothing else until a break

    def check(self):
        super().check()
        # It is one per machine: it counts python processes named safeeyes
        # and answers on a fixed port; a user's own would take our calls.
        if any("safeeyes" in " ".join(cmd[:2]) for cmd in cmdlines()):
            raise Unavailable("a Safe Eyes is already running on this machine")
        if port_open(SAFEEYES_PORT):
            raise Unavailable(f"port {SAFEEYES_PORT} (Safe Eyes' RPC port) is in use")
        self.configure()

    def configure(self):
        """Its default configuration with two changes: no smart pause (under
        Xvfb nobody types, and it would pause itself as idle), and 30-s
        breaks, so a 12-s window fits well inside one."""
        mine = self.home / ".config" / "safeeyes"
        if (mine / "safeeyes.json").exists():
            return
        # What Safe Eyes copies on its first start: the configuration and its
        # style sheet (a configuration without the style stops it starting).
        system = system_config_dir()
        shutil.copytree(system / "style", mine / "style", dirs_exist_ok=True)
        cfg = json.loads((system / "safeeyes.json").read_text())
        for plugin in cfg.get("plugins", []):
            if plugin.get("id") == "smartpause":
                plugin["enabled"] = False
        cfg["short_break_duration"] = 30
        (mine / "safeeyes.json").write_text(json.dumps(cfg, indent=2))

    def open_countdown(self):
        deadline = time.monotonic() + 30
        while not port_open(SAFEEYES_PORT):
            if time.monotonic() > deadline or not self.alive():
                raise BenchError("Safe Eyes never opened its RPC port")
            time.sleep(0.05)
        t = monotonic_ms()
        out = subprocess.run([self.command, "-t"], env=self.env, capture_output=True, text=True,
                             timeout=30)
        if out.returncode != 0:
            raise BenchError(f"safeeyes -t failed: {out.stderr.strip()[-300:]}")
        return t

    def finish(self):
        if self.proc and self.alive():
            subprocess.run([self.command, "-q"], env=self.env, capture_output=True, timeout=30)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                pass
        super().finish()


def cmdlines():
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/cmdline", "rb") as f:
                    yield f.read().decode(errors="replace").split("\0")
            except OSError:
                continue


def port_open(port):
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def system_config_dir():
    """Safe Eyes' packaged configuration folder, found by its own interpreter."""
    with open(shutil.which("safeeyes")) as f:
        python = f.readline()[2:].strip().split()[0]
    code = ("import importlib.util, os; s = importlib.util.find_spec('safeeyes');"
            "print(os.path.join(s.submodule_search_locations[0], 'config'))")
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=30)
    if out.returncode != 0:
        raise Unavailable("cannot find Safe Eyes' default configuration")
    return Path(out.stdout.strip())


# ---------------------------------------------------------------- measuring


def sample(root_pid, seconds, beside_pid=None):
    """CPU seconds of the whole process tree over `seconds` of wall time, the
    wall time, the highest summed resident memory seen meanwhile (kB), and
    how many times its threads were put on a core (its wake-ups; read at
    every poll, so that a thread that ends in the window, such as one of
    smr-timer's audio streams, counts up to the last reading). With
    `beside_pid`, that process's CPU seconds over the same window too (the
    sound server's, for smr-timer's stream), else None."""
    b0 = tree_clocks([beside_pid]) if beside_pid else None
    k0 = tree_wakes(process_tree(root_pid))
    k1 = dict(k0)
    r0 = tree_clocks(process_tree(root_pid))
    w0 = time.monotonic()
    peak = tree_rss_kb(process_tree(root_pid))
    while (left := w0 + seconds - time.monotonic()) > 0:
        time.sleep(min(0.25, left))
        pids = process_tree(root_pid)
        peak = max(peak, tree_rss_kb(pids))
        k1.update(tree_wakes(pids))
    r1 = tree_clocks(process_tree(root_pid))
    wall = time.monotonic() - w0
    k1.update(tree_wakes(process_tree(root_pid)))
    beside = growth_between(b0, tree_clocks([beside_pid])) if beside_pid else None
    return growth_between(r0, r1), wall, peak, growth_between(k0, k1), beside


def settle_then_sample(pid, shown_ms, beside_pid=None):
    time.sleep(max(0.0, (shown_ms + SETTLE_S * 1000.0 - monotonic_ms()) / 1000.0))
    cpu, wall, peak, wakes, beside = sample(pid, WINDOW_S, beside_pid)
    out = {"cpu_pct": cpu / wall * 100.0, "cpu_s": cpu, "wall_s": wall, "rss_mb": peak / 1024.0,
           "wakes_per_s": wakes / wall}
    if beside is not None:
        out["server_cpu_pct"] = beside / wall * 100.0
    return out


class SideBySide:
    """One --peers run: a session bus, a map watcher, the programs in turn."""

    def __init__(self, tmp, display, launch_smr, server_pid=None):
        self.tmp, self.display, self.launch_smr = tmp, display, launch_smr
        self.server_pid = server_pid
        self.runtime = Path(tmp) / "peers-runtime"
        self.runtime.mkdir(mode=0o700, exist_ok=True)
        self.bus = self.system_bus = self.watcher = None

    def open(self):
        need = {"xev": "x11-utils", "xprop": "x11-utils", "dbus-daemon": "dbus",
                "dbus-send": "dbus"}
        missing = sorted({pkg for tool, pkg in need.items() if not shutil.which(tool)})
        if missing:
            raise BenchError(f"--peers needs {', '.join(missing)}"
                             f" (apt-get install {' '.join(missing)})")
        self.bus = Bus()
        if not (os.path.exists("/run/dbus/system_bus_socket")
                or os.environ.get("DBUS_SYSTEM_BUS_ADDRESS")):
            self.system_bus = Bus()  # Safe Eyes will not start without one
        self.watcher = MapWatcher(dict(os.environ, DISPLAY=self.display))

    def close(self):
        for part in (self.watcher, self.bus, self.system_bus):
            if part:
                part.close()

    def peer_env(self, home):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("XDG_", "DBUS_", "WAYLAND", "SESSION_MANAGER", "SDL_"))}
        env.update({
            "DISPLAY": self.display, "HOME": str(home), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "XDG_CONFIG_HOME": str(home / ".config"), "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "XDG_RUNTIME_DIR": str(self.runtime), "DBUS_SESSION_BUS_ADDRESS": self.bus.address,
        })
        if self.system_bus:
            env["DBUS_SYSTEM_BUS_ADDRESS"] = self.system_bus.address
        return env

    def measure_smr(self, round_no):
        app = self.launch_smr(f"peers-smr-{round_no}")
        try:
            shown = self.watcher.first_map(app.pid, app.t_exec_ms, 30, app.alive)
            _, t = app.wait_log(r"screen: session", 60)
            out = settle_then_sample(app.pid, t * 1000.0, self.server_pid)
        finally:
            app.stop()
        out["startup_ms"] = shown - app.t_exec_ms
        return out

    def measure_peer(self, peer):
        t_exec = peer.start()
        try:
            startup = None
            if peer.startup_window:
                startup = self.watcher.first_map(peer.proc.pid, t_exec, 30, peer.alive) - t_exec
            t_open = peer.open_countdown()
            shown = self.watcher.first_map(peer.proc.pid, t_open, 30, peer.alive)
            out = settle_then_sample(peer.proc.pid, shown)
        finally:
            peer.finish()
        out["startup_ms"] = startup
        return out


def run(tmp, display, smr_version, launch_smr, server_pid=None, smr_sound="disk audio"):
    """Three rounds of smr-timer and every peer that can run here, after a
    round that is not counted: the first GTK program on a new session bus
    holds some 55 MB more than the next (measured: Safe Eyes 134 MB first,
    77 MB after Workrave; Workrave 95 MB first, 43 MB after), and the first
    start in a new HOME builds caches (Workrave's GStreamer registry). A
    desktop has its bus and caches warm. Returns the figures per program
    (median and range over the rounds, the warm-up's apart), the ratios and
    what could not be measured, and why."""
    side = SideBySide(tmp, display, launch_smr, server_pid)
    programs = {"smr-timer": {"label": smr_version, "rounds": [], "warm_up": [], "errors": []}}
    missing = {}
    try:
        side.open()
        peers = []
        for cls in (Workrave, SafeEyes):
            peer = cls(side)
            try:
                peer.check()
            except Unavailable as e:
                missing[peer.name] = str(e)
                continue
            peers.append(peer)
            programs[peer.name] = {"label": f"{peer.label} {package_version(peer.command)}",
                                   "rounds": [], "warm_up": [], "errors": []}
        for r in range(ROUNDS + 1):
            log(f"peers: round {r} of {ROUNDS}" + (" (warm-up, not counted)" if r == 0 else ""))
            jobs = [("smr-timer", lambda r=r: side.measure_smr(r))]
            jobs += [(p.name, lambda p=p: side.measure_peer(p)) for p in peers]
            for name, job in jobs:
                try:
                    out = job()
                except BenchError as e:
                    log(f"peers: {name}: {e}")
                    programs[name]["errors"].append(str(e))
                    continue
                programs[name]["warm_up" if r == 0 else "rounds"].append(out)
    finally:
        side.close()
    for prog in programs.values():
        prog.update(summary(prog["rounds"]))
    return {"programs": programs, "ratios": ratios(programs), "missing": missing,
            "rounds": ROUNDS, "window_s": WINDOW_S, "smr_sound": smr_sound}


def summary(rounds):
    out = {}
    for key in ("cpu_pct", "wakes_per_s", "rss_mb", "startup_ms", "server_cpu_pct"):
        vals = [r[key] for r in rounds if r.get(key) is not None]
        if vals:
            out[key] = statistics.median(vals)
            out[key + "_range"] = [min(vals), max(vals)]
    return out


def ratios(programs):
    smr = programs["smr-timer"]
    out = {}
    for name, prog in programs.items():
        if name == "smr-timer":
            continue
        out[name] = {key: smr[key] / prog[key] for key in ("cpu_pct", "rss_mb", "startup_ms")
                     if smr.get(key) and prog.get(key)}
    return out


def missed(result):
    """The ratio targets missed (or not measurable for a peer that ran)."""
    out = []
    for name, limit in RATIO_TARGETS.items():
        if name in result["ratios"]:
            cpu = result["ratios"][name].get("cpu_pct")
            if cpu is None or cpu > limit:
                out.append(f"cpu_ratio_{name}")
    return out


def table(result):
    """The side-by-side table and the ratios, as Markdown."""
    fmt = {"cpu_pct": "{:.3f} %", "wakes_per_s": "{:.1f}", "rss_mb": "{:.1f} MB",
           "startup_ms": "{:.0f} ms"}
    what = {"smr-timer": f"session, voice on, {result.get('smr_sound', 'disk audio')}",
            "workrave": "exercise screen",
            "safeeyes": "break screen"}
    lines = [f"Side by side: {result['rounds']} rounds (after a warm-up round) in one Xvfb, a"
             f" {result['window_s']:g} s window while each countdown runs; median (range)", "",
             "| | CPU while counting down | wake-ups a second | resident memory |"
             " exec to visible window |",
             "|---|---|---|---|---|"]
    for name, prog in result["programs"].items():
        cells = []
        for key in ("cpu_pct", "wakes_per_s", "rss_mb", "startup_ms"):
            if key in prog:
                lo, hi = prog[key + "_range"]
                cells.append(fmt[key].format(prog[key]) + f" ({fmt[key].format(lo).split()[0]}"
                             f"-{fmt[key].format(hi).split()[0]})")
            else:
                cells.append("-")
        errs = f"; {len(prog['errors'])} round(s) failed" if prog["errors"] else ""
        lines.append(f"| {prog['label']}, {what[name]}{errs} | " + " | ".join(cells) + " |")
    smr = result["programs"]["smr-timer"]
    if "server_cpu_pct" in smr:
        lo, hi = smr["server_cpu_pct_range"]
        lines += ["", f"The sound server meanwhile, for smr-timer's stream: {smr['server_cpu_pct']:.3f} %"
                  f" of a core ({lo:.3f}-{hi:.3f}), not counted above (the peers play no sound)."]
    if result["ratios"]:
        lines += ["", "| smr-timer / | CPU | target | result | memory | start-up |",
                  "|---|---|---|---|---|---|"]
    for name, r in result["ratios"].items():
        limit = RATIO_TARGETS[name]
        cpu = r.get("cpu_pct")
        verdict = "pass" if cpu is not None and cpu <= limit else "FAIL"
        cells = [f"{r[k]:.2f}" if k in r else "-" for k in ("cpu_pct", "rss_mb", "startup_ms")]
        lines.append(f"| {result['programs'][name]['label']} | {cells[0]} | <= {limit:g} |"
                     f" {verdict} | {cells[1]} | {cells[2]} |")
    warm = []
    for prog in result["programs"].values():
        for w in prog.get("warm_up", []):
            start = f", {w['startup_ms']:.0f} ms to a window" if w.get("startup_ms") else ""
            warm.append(f"{prog['label']} {w['cpu_pct']:.3f} %, {w['rss_mb']:.1f} MB{start}")
    if warm:
        lines.append("\nwarm-up round (not counted): " + "; ".join(warm))
    for name, why in result["missing"].items():
        lines.append(f"\n{name}: not measured: {why}")
    return "\n".join(lines)
