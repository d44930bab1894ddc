#!/usr/bin/env python3
"""Runs the libFuzzer target for a while on a copy of the seed corpus (so the
repository stays clean) and fails on any finding. Usage:
run_fuzz.py FUZZER CORPUS_DIR DICT SECONDS"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

fuzzer, corpus, dictionary, seconds = sys.argv[1:5]
with tempfile.TemporaryDirectory(prefix="smr-fuzz-") as tmp:
    work = os.path.join(tmp, "corpus")
    shutil.copytree(corpus, work)
    cmd = [fuzzer, f"-max_total_time={seconds}", "-timeout=5", "-rss_limit_mb=1024",
           "-max_len=65536", f"-dict={dictionary}", "-print_final_stats=1",
           f"-artifact_prefix={tmp}/", work]
    p = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    stats = re.search(r"stat::number_of_executed_units:\s*(\d+)", p.stderr)
    print(f"exit {p.returncode}, executions: {stats.group(1) if stats else '?'}")
    if p.returncode != 0:
        print(p.stderr[-8000:])
        for name in os.listdir(tmp):
            if name != "corpus":
                path = os.path.join(tmp, name)
                print(f"finding {name}: {open(path, 'rb').read()[:2000]!r}")
    sys.exit(0 if p.returncode == 0 else 1)
