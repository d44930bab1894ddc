#!/usr/bin/env python3
"""`smr-timer check` on the real binary: the bundled routines pass silently,
the issue's three-mistake example gives exactly three lines, misuse exits 2.
Environment (from tests/meson.build): SMR_BINARY, SMR_SOURCE_ROOT."""
import glob
import os
import subprocess
import sys

BINARY = os.environ["SMR_BINARY"]
ROOT = os.environ["SMR_SOURCE_ROOT"]
HERE = os.path.join(ROOT, "tests", "routine")

THREE_MISTAKES = [
    "client.json: cycle[2].duration_s: a hold of 0 s is outside 5-30 s; hold for 10-12 s",
    'client.json: strips[1].mvoe_cm: unknown field; did you mean "move_cm"?',
    "client.json: strips[2].start_cm: 4 cm is inside the no-go zone at the hollow behind the knee "
    "(0-8 cm); start at 10 cm or more",
]

failures = []


def run(args, cwd=ROOT):
    p = subprocess.run([BINARY] + args, cwd=cwd, capture_output=True, text=True, timeout=20)
    return p.returncode, p.stdout, p.stderr


def expect(name, cond, detail):
    if not cond:
        failures.append(f"{name}: {detail}")


# The bundled routines: exit 0, nothing on stderr, one "ok" line each.
# Exactly `smr-timer check routines/*.json`: the schema there is passed over.
everything = sorted(os.path.relpath(f, ROOT)
                    for f in glob.glob(os.path.join(ROOT, "routines", "*.json")))
files = [f for f in everything if not f.endswith("schema.json")]
expect("bundled", len(files) >= 2, f"found {files}")
rc, out, err = run(["check"] + everything)
expect("bundled", rc == 0, f"exit {rc}")
expect("bundled", err == "", f"stderr {err!r}")
lines = out.splitlines()
expect("bundled", len(lines) == len(everything), f"stdout {out!r}")
for f, line in zip(everything, lines):
    want = ": skipped, a JSON Schema" if f.endswith("schema.json") else ": ok, "
    expect("bundled", line.startswith(f + want), f"line {line!r}")
# 12:12 of phases, 1:00 of changes between strips and legs, the lead-in
expect("bundled", "routines/hamstrings-spiky-ball.json: ok, 24 positions, 13:15" in lines,
       f"stdout {out!r}")

# Three mistakes, three precise lines, exit 1, nothing on stdout.
rc, out, err = run(["check", "client.json"], cwd=HERE)
expect("three-mistakes", rc == 1, f"exit {rc}")
expect("three-mistakes", err.splitlines() == THREE_MISTAKES, f"stderr {err!r}")
expect("three-mistakes", out == "", f"stdout {out!r}")

# A valid and an invalid file together: 1, and the valid one still says ok.
rc, out, err = run(["check", files[0], os.path.join(HERE, "client.json")])
expect("mixed", rc == 1, f"exit {rc}")
expect("mixed", out.startswith(files[0] + ": ok"), f"stdout {out!r}")
expect("mixed", len(err.splitlines()) == 3, f"stderr {err!r}")

# Misuse: 2 with one line on stderr; --help: 0 with usage on stdout.
for args in (["check"], ["check", "--bogus", files[0]], ["check", "-x"]):
    rc, out, err = run(args)
    expect(f"misuse {args}", rc == 2, f"exit {rc}")
    expect(f"misuse {args}", len(err.splitlines()) == 1 and "--help" in err, f"stderr {err!r}")
rc, out, err = run(["check", "--help"])
expect("help", rc == 0 and "Usage: smr-timer check" in out and err == "", f"{rc} {out!r} {err!r}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("check e2e: all cases passed")
