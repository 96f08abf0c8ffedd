#!/usr/bin/env bash
# claimdiff eval on both bundled corpora against their hand-written gold:
#  - fact F1 at or above the floor (raise it as the tool improves; never lower
#    it to let a change pass), every gold conflict found, no furniture read as
#    a fact;
#  - every missed and false fact is one listed in known-misses.txt, so a rule
#    change that breaks a fact fails here naming it (and one that fixes a fact
#    asks for the list to be shortened);
#  - a gold quote that is not in its file is an error naming it.
set -u
src=$1
out=$2
bin=${CLAIMDIFF:?}
floor=0.95
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
rm -rf "$out" && mkdir -p "$out"
golds=(--gold "$src/corpus/met-police-strike-2024/gold.json"
       --gold "$src/corpus/eastvale-refuse-strike-2025/gold.json")

# The misses and false facts of an eval report, one line each.
misses() {
  awk '/^missed facts \(/ {keep = "missed: "; next}
       /^false facts \(/ {keep = "false: "; next}
       /^$/ {keep = ""}
       keep != "" && /^  [^ ]/ {sub(/^  /, ""); print keep $0}' "$1" | sort
}
# Lines in $1 (the run) that are not in $2 (known), and the other way round.
compare() {
  comm -23 "$1" "$2" | sed 's/^/new: /'
  comm -13 "$1" "$2" | sed 's/^/fixed (remove it from tests\/eval\/known-misses.txt): /'
}

"$bin" eval "${golds[@]}" --min-f1 "$floor" > "$out/eval.txt" 2> "$out/eval.err"
code=$?
cat "$out/eval.txt"
check "eval exits 0 with fact F1 at or above $floor" "[ $code -eq 0 ]"
check "every gold conflict found, none extra" "grep -q '^conflicts: precision 1.000, recall 1.000' '$out/eval.txt'"
check "no furniture read as a fact" "grep -q '^furniture false positives: 0 ' '$out/eval.txt'"
misses "$out/eval.txt" > "$out/misses.txt"
grep -v -e '^#' -e '^$' "$src/tests/eval/known-misses.txt" | sort > "$out/known.txt"
compare "$out/misses.txt" "$out/known.txt" > "$out/changes.txt"
cat "$out/changes.txt"
check "misses and false facts are the known ones" "[ ! -s '$out/changes.txt' ]"

"$bin" eval "${golds[@]}" --format json > "$out/eval.json"
check "--format json gives the scores" "grep -q '\"f1\"' '$out/eval.json' && grep -q '\"missed_facts\"' '$out/eval.json'"

# A rule change that loses a fact: the money rules removed.
cp -r "$src/rules" "$out/rules" && rm "$out/rules/core/money.yaml"
"$bin" eval "${golds[@]}" --no-default-rules --rules "$out/rules" > "$out/broken.txt" 2>&1
misses "$out/broken.txt" > "$out/broken-misses.txt"
compare "$out/broken-misses.txt" "$out/known.txt" > "$out/broken-changes.txt"
check "a broken rule shows as a named new miss" \
  "grep -q '^new: missed: .*001_0a1bd9a8e25c144f.txt:[0-9-]* \"£450million funding black hole\"' '$out/broken-changes.txt'"

# A gold quote that is not in its file.
mkdir -p "$out/story/bad-gold"
cp "$src/tests/data/bus-drivers-ballot/"*.txt "$out/story/bad-gold/"
printf '{"facts": [{"file": "a_courier.txt", "quote": "99%% of members", "kind": "percentage", "value": {"lo": 99, "hi": 99, "unit": "%%"}}]}\n' \
  > "$out/story/bad-gold/gold.json"
"$bin" eval --gold "$out/story/bad-gold/gold.json" > /dev/null 2> "$out/bad.err"
code=$?
check "a quote not in its file exits 2" "[ $code -eq 2 ]"
check "... naming the gold file, entry, quote and article" \
  "grep -q 'bad-gold/gold.json: facts\[0\]: quote \"99% of members\" does not occur in a_courier.txt' '$out/bad.err'"

# Every story of corpus/ with a gold: its fact F1 at or above its floor, and
# over all of them the conflicts and agreements found at or above theirs
# (tests/eval/floors.txt; raise a floor as the tool improves, never lower it
# to let a change pass).
floors="$src/tests/eval/floors.txt"
floor_of() { awk -v k="$1" '$1 == k {print $2}' "$floors"; }
# "facts: precision 0.791, recall 0.906, F1 0.845 (...)" -> the figure after $2 on line $1.
figure() { awk -v line="$1" -v word="$2" 'index($0, line) == 1 {for (i = 1; i < NF; i++) if ($i == word) {v = $(i + 1); sub(/,$/, "", v); print v; exit}}' "$3"; }
at_least() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a != "" && b != "" && a + 0 >= b - 1e-9)}'; }
all=()
for gold in "$src"/corpus/*/gold.json; do
  story=$(basename "$(dirname "$gold")")
  all+=(--gold "$gold")
  want=$(floor_of "$story")
  check "$story has a fact F1 floor in tests/eval/floors.txt" "[ -n '$want' ]"
  "$bin" eval --gold "$gold" > "$out/$story.txt" 2>&1
  got=$(figure "facts:" F1 "$out/$story.txt")
  echo "$story: fact F1 $got (floor $want)"
  check "$story: fact F1 $got at or above $want" "at_least '$got' '$want'"
done
"$bin" eval "${all[@]}" > "$out/all.txt" 2>&1
for what in conflicts agreements; do
  line="$what:"; [ $what = agreements ] && line="agreements after normalisation:"
  for score in precision recall; do
    got=$(figure "$line" $score "$out/all.txt")
    want=$(floor_of "$what-$score")
    echo "all stories: $what $score $got (floor $want)"
    check "all stories: $what $score $got at or above $want" "at_least '$got' '$want'"
  done
done

[ $fail -eq 0 ] && echo "eval: all checks passed"
exit $fail
