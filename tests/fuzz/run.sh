#!/usr/bin/env bash
# `make fuzz`: runs each libFuzzer target for FUZZ_SECONDS (default 60) from
# its seeds, then prints executions and coverage per target. Fails on any
# crash, leak or UB report; the input that caused it is copied into
# tests/fuzz/regressions/<target>/, which `make test` replays.
# Usage: run.sh BUILD_DIR TARGET...
set -uo pipefail
build=$(cd "$1" && pwd)
shift
src=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${FUZZ_SECONDS:-60}
# Inputs longer than this are cut: a news article's worth of bytes, and short
# enough that each target runs hundreds of inputs a second under the sanitizers.
max_len=${FUZZ_MAX_LEN:-4096}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# Seed folders of each target: our corpora, test data and rule packs.
seeds() {
  case $1 in
    ingest | text | extract) echo "$src/corpus $src/tests/data" ;;
    rules) echo "$src/rules" ;;
    manifest_review) echo "$src/corpus $src/tests/data/hostile-page" ;;
    reconcile) echo "$src/tests/golden" ;;
  esac
}

# The seed files themselves (libFuzzer reads folders one level deep only).
seed_files() {
  # shellcheck disable=SC2046
  find $(seeds "$1") -type f \( -name '*.txt' -o -name '*.html' -o -name '*.md' -o -name '*.yaml' \
    -o -name '*.json' -o -name '*.jsonl' \) 2> /dev/null
}

failed=0
total=0
printf '%-16s %12s %8s %8s %s\n' target executions cov ft result > "$build/fuzz-summary.txt"
for t in "$@"; do
  corpus="$build/fuzz-corpus/$t"
  artifacts="$build/fuzz-artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  seed_files "$t" | while read -r f; do cp -n "$f" "$corpus/seed-$(echo "$f" | md5sum | cut -c1-8)-$(basename "$f")"; done
  cp -n "$src/tests/fuzz/regressions/$t"/* "$corpus/" 2> /dev/null
  log="$build/fuzz-$t.log"
  echo "fuzz: $t for ${seconds}s" >&2
  (cd "$build" && "./tests/fuzz/fuzz_$t" -max_total_time="$seconds" -seed="${FUZZ_SEED:-0}" -print_final_stats=1 \
    -rss_limit_mb=2048 -timeout=25 -max_len="$max_len" -artifact_prefix="$artifacts/" "$corpus") > "$log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  result=ok
  if [ $rc -ne 0 ]; then
    result="FAILED (exit $rc, see $log)"
    failed=1
    mkdir -p "$src/tests/fuzz/regressions/$t"
    for a in "$artifacts"/*; do
      [ -f "$a" ] && cp "$a" "$src/tests/fuzz/regressions/$t/" && echo "fuzz: kept $(basename "$a") in tests/fuzz/regressions/$t/" >&2
    done
    grep -m5 -E 'ERROR|runtime error|check failed|terminate' "$log" >&2
  fi
  total=$((total + ${execs:-0}))
  printf '%-16s %12s %8s %8s %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$result" >> "$build/fuzz-summary.txt"
done
printf '%-16s %12s\n' total "$total" >> "$build/fuzz-summary.txt"
cat "$build/fuzz-summary.txt"
exit $failed
