# The two commands: `make run` and `make test`. Everything else is a helper for them.
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 30

.PHONY: run test deps build test-asan build-asan build-tsan test-tsan fuzz bench clean format format-check lint lint-changed lint-functions

run: build
	./build/bin/statecraft forecast

test: build
	ctest --test-dir build --output-on-failure -j $(JOBS)
	$(MAKE) fuzz

deps:
	@bash scripts/install-deps.sh

build: deps
	cmake --preset release >/dev/null
	cmake --build build -j $(JOBS)
	@bash scripts/install-python-path.sh build

build-asan: deps
	cmake --preset asan-ubsan >/dev/null
	cmake --build build-asan -j $(JOBS)

test-asan: build-asan
	ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure -j $(JOBS)

# ThreadSanitizer over the tests that run on several threads (tests/tsan/), built against only the
# areas they need. Debian's TBB is not instrumented: src/core/parallel.hpp states its hand-offs to
# TSan, tests/tsan/tsan.supp lists TBB's own bookkeeping, and a deliberate race must be reported.
# Fails on any report. Not in CI: the build alone takes longer than CI can spare (README).
TSAN_TESTS = society_threads_tests ensemble_threads_tests games_threads_tests bargaining_threads_tests deliberate_race
build-tsan: deps
	cmake --preset tsan >/dev/null
	cmake --build build-tsan -j $(JOBS) --target $(TSAN_TESTS)

test-tsan: build-tsan
	ctest --test-dir build-tsan --output-on-failure

fuzz: deps
	cmake --preset fuzz >/dev/null
	cmake --build build-fuzz -j $(JOBS)
	bash scripts/run-fuzzers.sh build-fuzz $(FUZZ_SECONDS)

bench: build
	bash bench/run_all.sh

format:
	clang-format -i $$(git ls-files '*.hpp' '*.cpp')

# Fails when a tracked C++ file differs from what `make format` would make of it (run by CI).
format-check:
	clang-format --dry-run --Werror $$(git ls-files '*.hpp' '*.cpp')

# clang-tidy over the library and the CLI (the checks in .clang-tidy), with the compile commands
# of the release build; fails on any finding (.clang-tidy: WarningsAsErrors '*'). `lint` checks
# every file (about 40 minutes of CPU); `lint-changed` (run by CI) only the files whose source or
# included headers differ from the last clean run, recorded in scripts/lint-clean.sha256.
lint: build
	python3 scripts/lint.py build --all -j $(JOBS)

lint-changed: build
	python3 scripts/lint.py build --changed -j $(JOBS)

# The functions over 80 lines (the house rule), listed, not failing.
lint-functions: build
	run-clang-tidy -p build -j $(JOBS) -quiet -checks='-*,readability-function-size' \
	  -config='{CheckOptions: [{key: readability-function-size.LineThreshold, value: 80}]}' \
	  '$(CURDIR)/(src|apps)/.*\.cpp$$' 2>/dev/null | grep -E 'exceeds recommended size' || true

clean:
	rm -rf build build-dev build-asan build-tsan build-fuzz
