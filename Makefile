# Entry points: `make run`, `make test` (see README.md). Each target installs what is
# missing first (scripts/bootstrap is idempotent and silent when nothing is missing).
JOBS  ?= $(shell nproc)
CMAKE_FLAGS ?=
FUZZ_SECONDS ?= 60

.PHONY: all bootstrap configure build run test bench sanitize sanitize-thread sanitize-address fuzz clean

all: build

bootstrap:
	@scripts/bootstrap

build/build.ninja: | bootstrap
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

configure: build/build.ninja

build: bootstrap build/build.ninja
	cmake --build build -j $(JOBS)

run: build
	build/relay examples/test_p2p_registry.rl -server -host 127.0.0.1 -port 8080

test: build
	@scripts/run_tests build

bench: build
	bench/run_all.sh

# ThreadSanitizer and ASan+UBSan builds of the whole suite, each in its own build tree.
sanitize: sanitize-thread sanitize-address

sanitize-thread: bootstrap
	cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DRELAY_SANITIZE=thread
	cmake --build build-tsan -j $(JOBS)
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" scripts/run_tests build-tsan

sanitize-address: bootstrap
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DRELAY_SANITIZE=address
	cmake --build build-asan -j $(JOBS)
	ASAN_OPTIONS="detect_leaks=1:exitcode=86" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" scripts/run_tests build-asan

# libFuzzer on the lexer+parser+resolver; FUZZ_SECONDS=600 for a long run.
fuzz: bootstrap
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DRELAY_FUZZ=ON -DRELAY_SANITIZE=address -DRELAY_BENCH=OFF
	cmake --build build-fuzz -j $(JOBS) --target fuzz_parser
	mkdir -p build-fuzz/corpus build-fuzz/seeds && find tests/lang examples -name '*.rl' -exec cp {} build-fuzz/seeds/ \;
	build-fuzz/tests/fuzz_parser build-fuzz/corpus build-fuzz/seeds -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=4096 -artifact_prefix=build-fuzz/

clean:
	rm -rf build build-tsan build-asan build-fuzz
