# A thin wrapper: the build is meson's. `make run` and `make test` install what
# is missing (Debian/Ubuntu), configure once, build, then run or test. In
# either order: `make test` reconfigures a build dir that `make run` set up
# without the tests, and fails if no test ran (scripts/test.sh).
BUILDDIR ?= build
MESON_SETUP_ARGS ?=
ROUTINE ?=
ARGS ?=
TESTARGS ?=

.PHONY: all deps test-deps build run test bench fuzz valgrind clean

all: build

deps:
	@scripts/deps.sh run

test-deps:
	@scripts/deps.sh test

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR) $(MESON_SETUP_ARGS)

build: deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR)

run: build
	@scripts/run.sh $(BUILDDIR)/smr-timer $(ARGS) $(ROUTINE)

test: test-deps
	@scripts/test.sh $(BUILDDIR) "$(MESON_SETUP_ARGS)" $(TESTARGS)

bench: test
	@scripts/deps.sh bench
	python3 tests/bench/bench.py --binary $(BUILDDIR)/smr-timer $(ARGS)

fuzz: test-deps
	CC=clang meson setup build-fuzz -Db_sanitize=address,undefined -Db_lundef=false 2>/dev/null || true
	meson compile -C build-fuzz fuzz_routine
	build-fuzz/tests/fuzz/fuzz_routine -max_total_time=$${SECONDS_TO_FUZZ:-600} -dict=tests/fuzz/routine.dict \
	    build-fuzz/fuzz-corpus tests/fuzz/corpus

# memcheck over check, plan and two scripted sessions, in a plain build-valgrind.
valgrind:
	@scripts/deps.sh valgrind
	tests/valgrind/run.sh

clean:
	rm -rf $(BUILDDIR)
