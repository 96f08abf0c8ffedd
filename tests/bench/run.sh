#!/usr/bin/env bash
# Throughput of `claimdiff run` on a large corpus made by replicating the
# bundled one (COPIES times; default about 40 MB). Not a test: prints MB/s.
set -euo pipefail
bin=${1:-build/claimdiff}
copies=${COPIES:-2000}
jobs=${JOBS:-1}
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
"$bin" run "$work/corpus" -o "$work/out" --jobs "$jobs" --quiet
end=$(date +%s.%N)
awk -v b="$bytes" -v s="$start" -v e="$end" -v j="$jobs" \
  'BEGIN { t = e - s; printf "%.1f MB in %.2f s with %d thread(s): %.1f MB/s\n", b / 1e6, t, j, b / 1e6 / t }'
