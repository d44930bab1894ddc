#!/usr/bin/env python3
"""The malformed-routine suite: every file here (and a few made at run time:
100 000-deep nesting, a 10 MB string, a million list items, a directory, a
FIFO with no writer, /dev/zero, a missing file) must make `smr-timer check`
exit 1 with exactly one line on stderr that names the file and the place
(expected.tsv says what the line must contain), within 1 s and 100 MB.
Environment (from tests/meson.build): SMR_BINARY, SMR_SOURCE_ROOT."""
import os
import subprocess
import sys
import tempfile
import time

BINARY = os.environ["SMR_BINARY"]
HERE = os.path.join(os.environ["SMR_SOURCE_ROOT"], "tests", "malformed")
MAX_SECONDS = 1.0
MAX_RSS_KB = 100 * 1024


def run_one(path, cwd):
    """Runs check on path; returns exit code, stdout, stderr, seconds, peak RSS in KB."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        p = subprocess.Popen([BINARY, "check", path], cwd=cwd, stdin=subprocess.DEVNULL,
                             stdout=out, stderr=err)
        deadline = start + 20
        while True:  # wait4 gives this child's own rusage; poll so a hang cannot hang us
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                p.kill()
                pid, status, usage = os.wait4(p.pid, 0)
                break
            time.sleep(0.002)
        seconds = time.monotonic() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (p.returncode, out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"), seconds, usage.ru_maxrss)


def main():
    cases = []  # (path as given, cwd, what the line must contain)
    with open(os.path.join(HERE, "expected.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, fragment = line.rstrip("\n").split("\t")
            cases.append((name, HERE, fragment))
    listed = {c[0] for c in cases}
    on_disk = {n for n in os.listdir(HERE) if n.endswith(".json")}
    failures = []
    if listed != on_disk:
        failures.append(f"expected.tsv and the files differ: {sorted(listed ^ on_disk)}")
    if len(on_disk) < 40:
        failures.append(f"only {len(on_disk)} files")

    with tempfile.TemporaryDirectory(prefix="smr-malformed-") as tmp:
        with open(os.path.join(tmp, "deep.json"), "w") as f:
            f.write("[" * 100000 + "]" * 100000)
        cases.append(("deep.json", tmp, "line 1, column 33: nested more than 32 levels deep"))
        with open(os.path.join(tmp, "string-10mb.json"), "w") as f:
            f.write('{"title": "' + "x" * (10 * 1000 * 1000) + '"}')
        cases.append(("string-10mb.json", tmp, "the file is 10000013 bytes long"))
        with open(os.path.join(tmp, "million-items.json"), "w") as f:
            f.write('{"sides": [' + ",".join(["0"] * 1000000) + "]}")
        cases.append(("million-items.json", tmp, "the file is 2000012 bytes long"))
        os.mkdir(os.path.join(tmp, "a-directory.json"))
        cases.append(("a-directory.json", tmp, "it is a directory"))
        os.mkfifo(os.path.join(tmp, "fifo.json"))  # nobody ever writes to it
        cases.append(("fifo.json", tmp, "it is a FIFO"))
        cases.append(("/dev/zero", tmp, "it is a device"))
        cases.append(("missing.json", tmp, "cannot open it: No such file or directory"))

        worst_s, worst_kb = 0.0, 0
        for name, cwd, fragment in cases:
            rc, out, err, seconds, rss_kb = run_one(name, cwd)
            worst_s, worst_kb = max(worst_s, seconds), max(worst_kb, rss_kb)
            lines = err.splitlines()
            problems = []
            if rc != 1:
                problems.append(f"exit {rc}")
            if len(lines) != 1:
                problems.append(f"{len(lines)} lines on stderr")
            elif not lines[0].startswith(name + ": ") or fragment not in lines[0][len(name) + 2:]:
                problems.append(f"the line lacks '{name}: ...{fragment}'")
            if out:
                problems.append(f"stdout {out!r}")
            if seconds > MAX_SECONDS:
                problems.append(f"took {seconds:.2f} s")
            if rss_kb > MAX_RSS_KB:
                problems.append(f"peak RSS {rss_kb // 1024} MB")
            if problems:
                failures.append(f"{name}: {', '.join(problems)}\n    stderr: {err[:600]!r}")
    print(f"{len(cases)} cases, slowest {worst_s:.3f} s, largest peak RSS {worst_kb // 1024} MB")
    if failures:
        print("\n".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
