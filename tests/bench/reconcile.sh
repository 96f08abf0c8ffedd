#!/usr/bin/env bash
# Time of `claimdiff reconcile` on one story of 500 and of 5,000 articles
# (copies of the bundled stories' articles, each copy its own outlet), to show
# that grouping claims by key grows with the claims, not with their pairs.
# Not a test: prints seconds.
set -euo pipefail
bin=${1:-build/claimdiff}
root=$(cd "$(dirname "$0")/../.." && pwd)/corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t sources < <(find "$root" -maxdepth 2 -name '*.txt' | sort)
for n in ${ARTICLES:-500 5000}; do
  d="$work/story-$n/big-story"
  mkdir -p "$d"
  echo "articles:" > "$d/sources.yaml"
  for ((i = 0; i < n; i++)); do
    f=${sources[$((i % ${#sources[@]}))]}
    cp "$f" "$d/$i.txt"
    printf '  %s.txt: {outlet: Outlet %d}\n' "$i" "$i" >> "$d/sources.yaml"
  done
  "$bin" extract "$d" --quiet > "$work/claims-$n.jsonl"
  claims=$(wc -l < "$work/claims-$n.jsonl")
  start=$(date +%s.%N)
  "$bin" reconcile "$work/claims-$n.jsonl" --quiet > "$work/findings-$n.jsonl"
  end=$(date +%s.%N)
  findings=$(wc -l < "$work/findings-$n.jsonl")
  awk -v n="$n" -v c="$claims" -v f="$findings" -v s="$start" -v e="$end" \
    'BEGIN { printf "reconcile: %d articles, %d claims, %d findings in %.2f s\n", n, c, f, e - s }'
done
