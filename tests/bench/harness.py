#!/usr/bin/env python3
"""harness.py - what bench.py, peers.py and profile.py share: reading a
process's CPU time, threads and memory from /proc (one process or a whole
process tree), an Xvfb of our own, and the machine's state (idle cores,
load, model). Python 3 standard library only."""
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
import xvfb  # noqa: E402  (tests/xvfb.py)

CLK_TCK = os.sysconf("SC_CLK_TCK")


class BenchError(Exception):
    """A measurement that could not be made (not a missed target)."""


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def monotonic_ms():
    return time.clock_gettime(time.CLOCK_MONOTONIC) * 1000.0


# ---------------------------------------------------------------- /proc


def proc_cpu_s(pid):
    """User + system CPU seconds of the whole process (all threads)."""
    with open(f"/proc/{pid}/stat", "rb") as f:
        data = f.read().decode("ascii", "replace")
    fields = data[data.rindex(")") + 2:].split()
    # fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def process_clock_s(pid):
    """The process's own CPU clock (clock_getcpuclockid's, CPUCLOCK_SCHED):
    the scheduler's runtime of all its threads in ns, those that have ended
    included, so a thread that lives only around a sound is counted whole.
    None once the process is gone."""
    try:
        return time.clock_gettime((~pid << 3) | 2)
    except OSError:
        return None


class CpuWatch:
    """CPU of one process over a window, whole and per thread: the process
    clock (every thread, ended ones too) for the total, and each thread's
    schedstat polled every `poll_s` for where it went. A thread that starts
    in the window counts from 0; the part of the total that no poll saw
    (a thread that lived between two polls, the last slice of one that
    ended) is reported as "(unseen threads)". Beside the time, each thread's
    count of times it was put on a core (schedstat's third field): for a
    thread that sleeps between short pieces of work, its wake-ups."""

    def __init__(self, pid, poll_s=0.05):
        self.pid, self.poll_s, self.names = pid, poll_s, {}
        self.first = proc_runtimes(pid, self.names)
        self.last = dict(self.first)
        self.clock0, self.ticks0, self.t0 = process_clock_s(pid), proc_cpu_s(pid), time.monotonic()

    def poll(self):
        self.last.update(proc_runtimes(self.pid, self.names))

    def run(self, seconds):
        """Polls for `seconds` of wall time; returns the result (see end())."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            time.sleep(min(self.poll_s, left))
            self.poll()
        return self.end()

    def end(self):
        """{"cpu_s": process clock, "ticks_s": /proc stat's 10 ms ticks,
        "wall_s", "threads_s": {name: s}, "threads_started", "threads_ended"}."""
        self.poll()
        clock1, ticks1, t1 = process_clock_s(self.pid), proc_cpu_s(self.pid), time.monotonic()
        if clock1 is None or self.clock0 is None:
            raise BenchError(f"pid {self.pid} ended while its CPU was sampled")
        alive = set(proc_runtimes(self.pid))
        per, wakes = {}, {}
        for tid, (run, slices) in self.last.items():
            name = self.names.get(tid, f"tid {tid}")
            run0, slices0 = self.first.get(tid, (0.0, 0))
            per[name] = per.get(name, 0.0) + run - run0
            wakes[name] = wakes.get(name, 0) + slices - slices0
        cpu = clock1 - self.clock0
        unseen = cpu - sum(per.values())
        if unseen > 1e-6:
            per["(unseen threads)"] = unseen
        return {"cpu_s": cpu, "ticks_s": ticks1 - self.ticks0, "wall_s": t1 - self.t0,
                "threads_s": per, "threads_wakes": wakes,
                "threads_started": len(set(self.last) - set(self.first)),
                "threads_ended": len(set(self.last) - alive)}


def proc_runtimes(pid, names=None):
    """{tid: (scheduler runtime s, times put on a core)} of a process's
    threads; their names go into `names` (tid: comm) when given."""
    out = {}
    for tid, (name, run, slices) in proc_threads(pid).items():
        out[int(tid)] = (run, slices)
        if names is not None:
            names[int(tid)] = name
    return out


def proc_threads(pid):
    """{tid: (name, runtime s, times put on a core)} from the scheduler's own
    per-thread figures (/proc/<pid>/task/*/schedstat: runtime in ns, time
    waiting for a core, and the count of timeslices): a cross-check of the
    10 ms ticks of /proc/<pid>/stat, and which thread the time went to."""
    out = {}
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return out
    for t in tasks:
        try:
            with open(f"/proc/{pid}/task/{t}/schedstat") as f:
                fields = f.read().split()
                ns, slices = int(fields[0]), int(fields[2])
            with open(f"/proc/{pid}/task/{t}/comm") as f:
                name = f.read().strip()
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue
        out[t] = (name, ns / 1e9, slices)
    return out


def proc_status(pid):
    """/proc/<pid>/status as a dict of its 'kB' figures (VmHWM, VmRSS...), in kB."""
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, rest = line.partition(":")
                parts = rest.split()
                if len(parts) == 2 and parts[1] == "kB":
                    out[key] = int(parts[0])
                elif key == "Threads":
                    out[key] = int(parts[0])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return out


def process_tree(root):
    """root and every process descended from it (pids), from /proc/*/stat."""
    children = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                data = f.read().decode("ascii", "replace")
        except OSError:
            continue
        ppid = int(data[data.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(d))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def tree_clocks(pids):
    """{pid: process CPU clock s} for the given processes (see process_clock_s)."""
    out = {}
    for pid in pids:
        c = process_clock_s(pid)
        if c is not None:
            out[pid] = c
    return out


def growth_between(before, after):
    """What a set of counters grew by between two readings (tree_clocks():
    CPU seconds per process; tree_wakes(): times on a core per thread): one
    that began in between counts from 0; one that ended in between is lost
    (all it grew since the first reading)."""
    return sum(n - before.get(k, 0) for k, n in after.items())


def tree_wakes(pids):
    """{(pid, tid): times put on a core} of every thread of the given
    processes (schedstat's third field; see proc_threads)."""
    out = {}
    for pid in pids:
        for tid, (_, _, slices) in proc_threads(pid).items():
            out[(pid, tid)] = slices
    return out


def tree_rss_kb(pids):
    """Resident memory of the given processes, summed (VmRSS, kB)."""
    return sum(proc_status(pid).get("VmRSS", 0) for pid in pids)


def load_module(name, path):
    """A Python file of the tree (tests/audio/analyse.py...) as a module."""
    if not path.exists():
        raise BenchError(f"{path.relative_to(ROOT)} is missing")
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------- X server


class Xvfb:
    """An Xvfb of our own on a free display (-displayfd picks it)."""

    def __init__(self, width, height):
        if not shutil.which("Xvfb"):
            raise BenchError("Xvfb not found (Debian: apt-get install xvfb)")
        try:
            self.proc, self.display = xvfb.start(width, height)
        except xvfb.XvfbError as e:
            raise BenchError(str(e)) from None

    def close(self):
        end_process(self.proc)


# Ends a child we started: SIGTERM, then SIGKILL after `timeout` s.
end_process = xvfb.stop


def percentile(values, p):
    """Nearest-rank percentile: a value that was actually measured."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-p * len(s) // 100)) - 1))
    return s[k]


def cpu_idle_fraction(window_s):
    """The machine's idle share of all cores over the next window_s (/proc/stat)."""
    def read():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[3] + v[4]  # idle + iowait
    t0, i0 = read()
    time.sleep(window_s)
    t1, i1 = read()
    return (i1 - i0) / max(1, t1 - t0)


def wait_quiet(max_s):
    """Start-up time is wall time: other work on the machine inflates it.
    Waits (at most max_s) for a quarter second in which at least one core
    was idle; returns the last idle share seen, for the record."""
    ncpu = os.cpu_count() or 1
    deadline = time.monotonic() + max_s
    while True:
        idle = cpu_idle_fraction(0.25)
        if idle * ncpu >= 1.0 or time.monotonic() > deadline:
            return idle


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return [float(v) for v in f.read().split()[:3]]
    except (OSError, ValueError):
        return None


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    os_name = platform.system()
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "os": os_name,
            "kernel": platform.release()}


def git_commit():
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None
