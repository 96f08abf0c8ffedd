# The README's two commands: `make run` and `make test`. Each installs what is
# missing (scripts/install-deps), builds, then runs.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
OUT ?= out
SANITIZE_BUILD ?= build-sanitize
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := ingest text extract rules manifest_review reconcile

.PHONY: all deps build run test sanitize fuzz bench golden format clean

all: build

deps:
	@bash scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/claimdiff run corpus -o $(OUT)

# Chromium is for the browser test of report.html; without it that test is
# reported as skipped, so a failed install does not stop the rest.
test: build
	@bash scripts/install-deps browser || echo "make test: Chromium could not be installed; the browser test will be SKIPPED" >&2
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite built with AddressSanitizer and UndefinedBehaviorSanitizer
# (g++), in a build folder of its own; any report fails the test it is in.
sanitize: deps
	@# -O1 with line tables only: the sanitizers' usual setting, and about half the
	@# compile time of -O2 -g on these 2 cores.
	@cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=Sanitize -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -g1" \
	  -DCLAIMDIFF_SANITIZE=ON >/dev/null
	@cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	cd $(SANITIZE_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

# Each libFuzzer target of tests/fuzz for FUZZ_SECONDS, built with clang in a
# build folder of its own; fails on any crash, leak or UB (tests/fuzz/run.sh).
fuzz: deps
	@bash scripts/install-deps fuzz
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCLAIMDIFF_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_TARGETS)

# Rewrites the expected outputs of the golden test (tests/golden/); see the README.
golden: build
	CLAIMDIFF=$(BUILD)/claimdiff bash scripts/update-golden

bench: build
	bash tests/bench/run.sh $(BUILD)/claimdiff
	bash tests/bench/reconcile.sh $(BUILD)/claimdiff

format:
	clang-format -i $$(git ls-files 'extractor/*.cpp' 'extractor/*.h' 'tests/*.cpp' 'tests/*.h')

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(FUZZ_BUILD)
