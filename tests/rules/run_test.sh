#!/usr/bin/env bash
# A rule pack tested alone with `claimdiff rules test --rules DIR`, and a broken
# pack stopping a run before any article is read.
set -uo pipefail
src="$1"; work="$2"
bin="${CLAIMDIFF:?}"
packs="$src/tests/data/rule-packs"
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; fail=1; fi; }
rm -rf "$work"; mkdir -p "$work"

out=$("$bin" rules test --rules "$packs/fares" 2>"$work/fares.err"); code=$?
echo "$out"
check "a pack alone passes, using the core macros and its own lexicon" '[ $code -eq 0 ]'
check "only the pack's own four examples are run" 'echo "$out" | tail -1 | grep -qx "4 passed, 0 failed"'

out=$("$bin" rules test --rules "$packs/broken" 2>"$work/broken.err"); code=$?
cat "$work/broken.err"
check "a broken pack fails rules test with exit 2" '[ $code -eq 2 ]'
check "its pass/fail line reports the load error" 'echo "$out" | tail -1 | grep -q "0 passed, 0 failed; 1 rule errors"'
check "the error names file, line, rule and the bad kind" \
  'grep -q "broken.yaml:6: rule .fares.typo.: .kind. unknown kind .percent." "$work/broken.err"'

"$bin" run "$src/tests/data/bus-drivers-ballot" --rules "$packs/broken" -o "$work/out" >/dev/null 2>&1; code=$?
check "a run with a broken pack exits 2" '[ $code -eq 2 ]'
check "and writes no output" '[ ! -e "$work/out" ]'
echo '{"id":"x","attribute":"a","value":{"lo":1,"hi":1,"unit":"count"}}' | \
  "$bin" reconcile --rules "$packs/broken" - >/dev/null 2>&1; code=$?
check "reconcile with a broken pack exits 2 (its findings use the packs' words)" '[ $code -eq 2 ]'
exit $fail
