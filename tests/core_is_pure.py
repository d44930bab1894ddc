#!/usr/bin/env python3
"""The architecture as a test: nothing under src/core includes an SDL header
(unit tests link the core without a display), and only routine.c includes
cJSON (the routine file is parsed in one place)."""
import pathlib
import re
import sys

core = pathlib.Path(sys.argv[1])
bad = []
for f in sorted(core.glob("*.[ch]")):
    for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
        m = re.match(r'\s*#\s*include\s*[<"]([^>"]+)[>"]', line)
        if not m:
            continue
        header = m.group(1)
        if header.startswith("SDL"):
            bad.append(f"{f}:{n}: includes {header}; the core must build without SDL")
        if header.startswith("cjson") or header.startswith("cJSON"):
            if f.name != "routine.c":
                bad.append(f"{f}:{n}: includes {header}; only routine.c parses JSON")
for b in bad:
    print(b)
sources = list(core.glob("*.c"))
print(f"{len(sources)} core sources checked")
if not sources:
    sys.exit(1)
sys.exit(1 if bad else 0)
