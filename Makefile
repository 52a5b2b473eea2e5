# The two commands: `make run` and `make test`. Everything else is a helper for them.
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 30

.PHONY: run test deps build test-asan build-asan fuzz bench clean format

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

fuzz: deps
	cmake --preset fuzz >/dev/null
	cmake --build build-fuzz -j $(JOBS)
	bash scripts/run-fuzzers.sh build-fuzz $(FUZZ_SECONDS)

bench: build
	bash bench/run_all.sh

format:
	clang-format -i $$(git ls-files '*.hpp' '*.cpp')

clean:
	rm -rf build build-dev build-asan build-fuzz
