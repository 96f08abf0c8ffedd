# The README's two commands: `make run` and `make test`. Each installs what is
# missing (scripts/install-deps), builds, then runs.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
OUT ?= out

.PHONY: all deps build run test bench golden format clean

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

# Rewrites the expected outputs of the golden test (tests/golden/); see the README.
golden: build
	CLAIMDIFF=$(BUILD)/claimdiff bash scripts/update-golden

bench: build
	bash tests/bench/run.sh $(BUILD)/claimdiff

format:
	clang-format -i $$(git ls-files 'extractor/*.cpp' 'extractor/*.h' 'tests/*.cpp' 'tests/*.h')

clean:
	rm -rf $(BUILD)
