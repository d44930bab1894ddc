#!/usr/bin/env bash
# `make test` after the test dependencies are installed: configure BUILDDIR
# with the tests, build, run the whole suite, and fail when no test ran.
# A BUILDDIR that `make run` configured first (before cmocka was there, so
# without tests) is reconfigured with -Dtests=enabled: meson caches only the
# dependencies it found, so a reconfigure finds cmocka now, and "enabled"
# makes it fail loudly if it still cannot.
# Usage: scripts/test.sh BUILDDIR "MESON_SETUP_ARGS" [meson test args...]
set -euo pipefail
build=$1
setup_args=$2
shift 2

tests_option() {
  meson introspect "$build" --buildoptions |
    python3 -c 'import json, sys; print(next((o["value"] for o in json.load(sys.stdin) if o["name"] == "tests"), ""))'
}

# shellcheck disable=SC2086  # MESON_SETUP_ARGS is a list of words
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" $setup_args -Dtests=enabled
elif [ "$(tests_option)" != enabled ]; then
  echo "smr-timer: $build is not configured with -Dtests=enabled (make run may have set it up before cmocka was there); reconfiguring it" >&2
  meson setup --reconfigure "$build" $setup_args -Dtests=enabled
fi
meson compile -C "$build"

log=$build/meson-logs/testlog.json
rm -f "$log"
status=0
# The whole suite (the real sound server's test included: it skips itself
# where no PulseAudio can run), unless test arguments say otherwise.
meson test -C "$build" --print-errorlogs "$@" || status=$?
if [ ! -s "$log" ]; then
  echo "smr-timer: no test ran (meson test $*); the suite counts as failed" >&2
  exit 1
fi
exit "$status"
