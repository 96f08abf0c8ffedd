#!/usr/bin/env bash
# Throughput of `claimdiff run` (MODE=run, the default) or of `claimdiff
# extract --all` (MODE=extract: every figure read, as JSON Lines, no
# reconciliation) on a large corpus made by replicating the bundled one
# (COPIES times; default about 40 MB). Not a test: prints MB/s.
set -euo pipefail
bin=${1:-build/claimdiff}
copies=${COPIES:-2000}
jobs=${JOBS:-1}
mode=${MODE:-run}
src=$(cd "$(dirname "$0")/../.." && pwd)/corpus/met-police-strike-2024
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for ((i = 0; i < copies; i++)); do
  d="$work/corpus/story-$((i / 50))"
  mkdir -p "$d"
  for f in "$src"/*.txt; do cp "$f" "$d/$i-$(basename "$f")"; done
done
bytes=$(du -sb "$work/corpus" | cut -f1)
start=$(date +%s.%N)
if [[ $mode == extract ]]; then
  "$bin" extract "$work/corpus" --all --jobs "$jobs" --quiet > "$work/extract.jsonl"
else
  "$bin" run "$work/corpus" -o "$work/out" --jobs "$jobs" --quiet
fi
end=$(date +%s.%N)
awk -v m="$mode" -v b="$bytes" -v s="$start" -v e="$end" -v j="$jobs" \
  'BEGIN { t = e - s; printf "%s: %.1f MB in %.2f s with %d thread(s): %.1f MB/s\n", m, b / 1e6, t, j, b / 1e6 / t }'
