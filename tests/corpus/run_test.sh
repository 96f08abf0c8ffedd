#!/usr/bin/env bash
# The binary end to end: `claimdiff run` on the bundled corpus writes its five
# files, shows the findings the README promises, is byte-identical on a second
# run, says one clear line when the output folder cannot be written, and
# `--fail-on new-conflict` passes once editors have reviewed every conflict.
set -u
src=$1
out=$2
bin=${CLAIMDIFF:?}
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }

rm -rf "$out" && mkdir -p "$out"
"$bin" run "$src/corpus" -o "$out/a" > "$out/stdout" 2> "$out/stderr"
check "run exits 0" "[ $? -eq 0 ]"
conflict_ids() {  # ids of conflicts that are not low severity, from findings.json
  awk -F'"' '/^    "id"/ {id=$4} /^    "verdict"/ {v=$4}
             /^    "severity"/ && $4 != "low" && (v=="conflict" || v=="base-mismatch" || v=="speaker-disagreement") {print id}' "$1"
}
ids=$(conflict_ids "$out/a/findings.json")
n=$(echo "$ids" | grep -c .)
for f in claims.jsonl findings.json report.md report.html run.json; do
  check "writes $f" "[ -s '$out/a/$f' ]"
done
check "no temporary files left" "! ls '$out/a' | grep -q tmp"
md="$out/a/report.md"
check "report: strike yes-share is under Conflicts" \
  "sed -n '/^## Conflicts/,/^## /p' '$md' | grep -q 'share voting yes to strike action'"
check "report: the Mail Online quote" "grep -q 'Slightly more than 50 per cent' '$md'"
check "report: the 85% quote" "grep -q '\*\*85%\*\* of PCS members voting in favour' '$md'"
check "report: 2,400 agrees" "sed -n '/^## Agreements/,\$p' '$md' | grep -q '2,400'"
check "report: office attendance only looks different" \
  "sed -n '/^## Only look different/,/^## Agreements/p' '$md' | grep -q 'days a week in the office'"
check "summary on stdout" "grep -q 'base-mismatch: 1' '$out/stdout'"
check "summary: a table of conflicts, none reviewed yet" \
  "grep -q '^Conflicts: $n, 0 reviewed' '$out/stdout' && grep -q '^  base-mismatch .* new ' '$out/stdout'"
check "summary: no colour when stdout is not a terminal" "! grep -q \$'\\x1b' '$out/stdout'"
# On a terminal (script(1) gives it one) the summary is coloured, unless NO_COLOR is set.
if command -v script > /dev/null; then
  script -qec "'$bin' run '$src/corpus' -o '$out/tty'" /dev/null > "$out/tty.out" 2>&1
  check "colour on a terminal" "grep -q \$'\\x1b\\[31m' '$out/tty.out'"
  NO_COLOR=1 script -qec "'$bin' run '$src/corpus' -o '$out/tty'" /dev/null > "$out/tty-nocolor.out" 2>&1
  # A slow run (a sanitizer build) draws the progress bar, which clears its line
  # with ESC[K: that is not colour, so it is left out of the check.
  check "no colour with NO_COLOR" "grep -q 'Conflicts: $n' '$out/tty-nocolor.out' && ! sed 's/\\x1b\\[K//g' '$out/tty-nocolor.out' | grep -q \$'\\x1b\\['"
else
  echo "note: script(1) not found; colour on a terminal not checked"
fi
html="$out/a/report.html"
check "html: nothing fetched from elsewhere" "! grep -Eq '(src|href)=\"(https?:)?//' '$html'"
check "html: the base mismatch explained" "grep -q 'Both are true only if turnout was about 58.5-65.1%' '$html'"
check "html: office attendance under Only look different" \
  "sed -n '/id=\"look-different\"/,/id=\"agreements\"/p' '$html' | grep -q 'days a week in the office (new policy)'"

# Review decisions: every conflict reviewed, `--fail-on new-conflict` passes;
# one left out, or decided under another verdict, and it fails again.
check "the bundled stories' four conflicts at least, to review" "[ $n -ge 4 ]"
"$bin" run "$src/corpus" -o "$out/r" --fail-on new-conflict > /dev/null 2>&1
check "new-conflict fails with nothing reviewed" "[ $? -eq 1 ]"
{ echo "decisions:"; for id in $ids; do printf '  - finding: %s\n    decision: needs-check\n    by: test\n' "$id"; done; } > "$out/review-all.yaml"
"$bin" run "$src/corpus" -o "$out/r" --fail-on new-conflict --review "$out/review-all.yaml" > "$out/review.out" 2>&1
check "new-conflict passes with every conflict reviewed" "[ $? -eq 0 ]"
check "summary counts them reviewed" "grep -q '^Conflicts: $n, $n reviewed' '$out/review.out'"
check "report.md shows the decision" "grep -q 'review: needs-check by test' '$out/r/report.md'"
first=$(echo "$ids" | head -1)
{ echo "decisions:"; for id in $ids; do [ "$id" = "$first" ] && continue; printf '  - finding: %s\n    decision: confirmed\n' "$id"; done;
  printf '  - finding: %s\n    decision: dismissed\n    verdict: agree\n' "$first"; } > "$out/review-lapsed.yaml"
"$bin" run "$src/corpus" -o "$out/r" --fail-on new-conflict --review "$out/review-lapsed.yaml" > /dev/null 2>&1
check "a decision made under another verdict does not count" "[ $? -eq 1 ]"
# review.yaml beside the story is read without being named.
mkdir -p "$out/stories" && cp -r "$src/corpus/met-police-strike-2024" "$out/stories/"
{ echo "decisions:"; for id in $(conflict_ids "$out/a/findings.json"); do printf '  - finding: %s\n    decision: confirmed\n' "$id"; done;
  printf '  - finding: 0000000000000000\n    decision: confirmed\n'; } > "$out/stories/met-police-strike-2024/review.yaml"
"$bin" run "$out/stories/met-police-strike-2024" -o "$out/s" --fail-on new-conflict > /dev/null 2> "$out/stale.err"
check "review.yaml beside the story is read" "[ $? -eq 0 ]"
check "a stale finding id is named with its line" "grep -q 'review.yaml:[0-9]*: finding 0000000000000000 is not in this run' '$out/stale.err'"
"$bin" run "$src/corpus" -o "$out/r" --review "$out/no-such-review.yaml" > /dev/null 2> "$out/missing.err"
check "a review file that cannot be read exits 3" "[ $? -eq 3 ] && grep -q 'no-such-review.yaml: cannot read review file' '$out/missing.err'"

"$bin" run "$src/corpus" -o "$out/b" > /dev/null 2>&1
for f in claims.jsonl findings.json report.md report.html run.json; do
  check "deterministic $f" "cmp -s '$out/a/$f' '$out/b/$f'"
done

# An output folder that is a file: one clear line naming it, exit 4, nothing half-written.
touch "$out/blocked"
"$bin" run "$src/corpus" -o "$out/blocked" > /dev/null 2> "$out/blocked.err"
code=$?
check "unwritable output exits 4" "[ $code -eq 4 ]"
check "unwritable output named" "grep -q 'blocked' '$out/blocked.err'"

# A broken rule pack: file, line and rule id, exit 2.
mkdir -p "$out/badrules"
printf "rules:\n  - id: broken.one\n    kind: count\n    pattern: '(unclosed'\n    examples: [{text: x, none: true}]\n" > "$out/badrules/bad.yaml"
"$bin" run "$src/corpus" -o "$out/c" --rules "$out/badrules" > /dev/null 2> "$out/rules.err"
code=$?
check "rule error exits 2" "[ $code -eq 2 ]"
check "rule error names file, line, id and RE2's message" "grep -q 'bad.yaml:4: rule .broken.one.: RE2: missing )' '$out/rules.err'"

# A repeatable option takes one value: the path after it stays a path.
"$bin" run --rules "$src/rules/labour" --review "$out/review-all.yaml" "$src/tests/data/hostile-page" -o "$out/opts" > /dev/null 2>&1
code=$?
check "--rules DIR and --review FILE before a path" "[ $code -eq 0 ] && grep -q 'harbour-echo.txt' '$out/opts/claims.jsonl'"

# Bad inputs beside good ones: named, the rest still processed, exit 3.
mkdir -p "$out/story"
cp "$src/corpus/met-police-strike-2024/002_585f63b46becee0b.txt" "$out/story/"
: > "$out/story/empty.txt"
printf 'PK\003\004\000\000binary' > "$out/story/zip.txt"
"$bin" run "$out/story" -o "$out/d" > /dev/null 2> "$out/inputs.err"
code=$?
check "unreadable inputs exit 3" "[ $code -eq 3 ]"
check "empty file named" "grep -q 'empty.txt: empty file' '$out/inputs.err'"
check "binary file named" "grep -q 'zip.txt: binary file' '$out/inputs.err'"
check "the good file still gives claims" "[ -s '$out/d/claims.jsonl' ]"
check "run.json lists the problems" "grep -q 'empty.txt' '$out/d/run.json'"

# `explain` on every bundled article and on our own pages: encoding, metadata, regions, rules.
for f in "$src"/corpus/*/*.txt "$src"/corpus/*/*.html "$src"/tests/data/*/*.txt "$src"/tests/data/*/*.html; do
  name=$(basename "$f")
  "$bin" explain "$f" > "$out/explain.out" 2>&1
  code=$?
  check "explain $name exits 0" "[ $code -eq 0 ]"
  check "explain $name shows encoding, outlet and regions" \
    "grep -q '^encoding: ' '$out/explain.out' && grep -q '^outlet: ' '$out/explain.out' && grep -Eq '^\[(body|standfirst)' '$out/explain.out'"
done
printf '<!doctype html><h1>Tram strike</h1><p>Some 300 drivers walked out, the union said.</p>' |
  "$bin" explain --stdin > "$out/explain.out" 2>&1
check "explain --stdin reads an HTML page" \
  "grep -q '^format: html' '$out/explain.out' && grep -q 'headline by html <h1>' '$out/explain.out' && grep -q 'count.people' '$out/explain.out'"

[ $fail -eq 0 ] && echo "corpus run: all checks passed"
exit $fail
