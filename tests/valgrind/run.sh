#!/bin/sh
# run.sh - memcheck over the paths a user takes: `check` and `plan` on every
# bundled routine, and two short scripted app sessions (one quit on the
# session screen, one run to the summary), headless. Prints valgrind's ERROR
# SUMMARY and "definitely lost" for each run; exits 1 if any run has an error
# (definite leaks count as errors) or the program itself failed.
#
# Uses a plain (non-sanitized) debug build in $BUILD (default build-valgrind),
# set up on first use. Logs stay in $BUILD/valgrind/. Suppressions cover
# system libraries only; see smr-timer.supp for why each is there.
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
BUILD=${BUILD:-build-valgrind}
SUPP=$ROOT/tests/valgrind/smr-timer.supp

command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 1; }
if [ ! -f "$BUILD/build.ninja" ]; then
    meson setup "$BUILD" -Dbuildtype=debug -Db_sanitize=none >/dev/null || exit 1
fi
meson compile -C "$BUILD" smr-timer >/dev/null || { echo "build failed"; exit 1; }
BIN=$ROOT/$BUILD/smr-timer
LOGS=$ROOT/$BUILD/valgrind
rm -rf "$LOGS"
mkdir -p "$LOGS"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# A short routine (one side, two positions) and the scripts, made the way the
# fault tests make them so the checklist answers always match.
python3 - "$TMP" <<'PY' || exit 1
import os, sys
sys.path.insert(0, os.path.join(os.getcwd(), "tests", "faults"))
os.environ["SMR_SOURCE_ROOT"] = os.getcwd()
import faults
tmp = sys.argv[1]
path, r = faults.short_routine(tmp)
with open(os.path.join(tmp, "to-session.txt"), "w") as f:
    f.write(faults.session_script(r, end=("screenshot session", "quit")))
with open(os.path.join(tmp, "to-summary.txt"), "w") as f:
    f.write(faults.session_script(r))
PY

export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0
export SDL_AUDIODRIVER=dummy DBUS_SESSION_BUS_ADDRESS=disabled:
export XDG_STATE_HOME="$TMP/state" HOME="$TMP"
unset DISPLAY WAYLAND_DISPLAY

failed=0
run() { # NAME EXPECTED_STATUS ARGS...
    name=$1 want=$2
    shift 2
    valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
        --error-exitcode=99 --suppressions="$SUPP" --num-callers=40 --gen-suppressions=all \
        --log-file="$LOGS/$name.log" "$BIN" "$@" >"$LOGS/$name.out" 2>&1
    status=$?
    summary=$(grep -o 'ERROR SUMMARY: .*' "$LOGS/$name.log" | tail -1)
    lost=$(grep -o 'definitely lost: [0-9,]* bytes in [0-9,]* blocks' "$LOGS/$name.log" | tail -1)
    [ -n "$lost" ] || lost="definitely lost: 0 bytes in 0 blocks"
    printf '%-26s exit %-3s %s; %s\n' "$name" "$status" "${summary:-no summary}" "$lost"
    if [ "$status" != "$want" ]; then
        failed=1
        [ "$status" = 99 ] && echo "    errors: see $LOGS/$name.log" ||
            echo "    wanted exit $want: see $LOGS/$name.out"
    fi
}

run check 0 check "$ROOT"/routines/*.json
run check-bad 1 check "$TMP/no-such-routine.json"
for r in "$ROOT"/routines/*.json; do
    want=0
    [ "$(basename "$r")" = schema.json ] && want=1 # not a routine: refused, an error path
    run "plan-$(basename "$r" .json | cut -c1-20)" $want plan "$r"
done
run plan-json 0 plan "$ROOT/routines/hamstrings-spiky-ball.json" --json
run app-session 0 --script "$TMP/to-session.txt" --screenshot-dir "$TMP" --speed 50 "$TMP/short.json"
run app-summary 0 --script "$TMP/to-summary.txt" --screenshot-dir "$TMP" --speed 50 "$TMP/short.json"
[ -f "$TMP/summary.png" ] || { echo "the scripted session did not reach its summary"; failed=1; }

[ $failed = 0 ] && echo "valgrind: all clean" || echo "valgrind: FAILED (logs in $LOGS)"
exit $failed
