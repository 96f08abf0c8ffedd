#!/usr/bin/env bash
# The bad-input matrix of the README's "Reliability" section, one row at a
# time, through the binary: each row checks the exit code, the message, and
# what was still written (the whole new set, nothing, or the previous set kept).
# Usage: run_test.sh SOURCE_DIR WORK_DIR, with CLAIMDIFF set to the binary.
set -u
src=$1
work=$2
bin=${CLAIMDIFF:?}
fail=0
rm -rf "$work" && mkdir -p "$work"
cd "$work" || exit 1

ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# One story of our own words, and a second outlet, in folder $1.
story() {
  mkdir -p "$1"
  printf 'Ferry crews vote to strike\nHarbour staff at Westmouth Ferries voted 81%% in favour of strike action, the union said on Tuesday.\nAbout 600 crew members were balloted.\n' > "$1/a.txt"
  printf 'Ferry strike looms\nCrews at Westmouth Ferries backed a walkout, with 81%% of those voting in favour.\n' > "$1/b.txt"
}

# A previous run's set in $1, to see whether a failed run kept it.
seed_old() {
  rm -rf "$1" && mkdir -p "$1"
  for f in claims.jsonl findings.json report.md report.html run.json; do echo "old $f" > "$1/$f"; done
}
old_kept() {
  for f in claims.jsonl findings.json report.md report.html run.json; do
    [ "$(cat "$1/$f" 2> /dev/null)" = "old $f" ] || return 1
  done
}
new_set() {
  for f in claims.jsonl findings.json report.md report.html run.json; do
    [ -s "$1/$f" ] && ! grep -q '^old ' "$1/$f" || return 1
  done
}
# Every output file is valid UTF-8: no raw bad byte reached a report.
all_utf8() {
  for f in "$1"/*; do iconv -f UTF-8 -t UTF-8 "$f" > /dev/null 2>&1 || return 1; done
}

# run NAME ARGS...: runs `claimdiff run ARGS`, keeps stdout, stderr and exit code.
run() {
  local name=$1
  shift
  timeout 60 "$bin" run "$@" > "$name.stdout" 2> "$name.stderr"
  echo $? > "$name.rc"
}
rc() { cat "$1.rc"; }
said() { grep -qE -- "$2" "$1.stderr"; }

# 1-3. binary, empty and over-size files: named and skipped, the rest is read.
story s1
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\0' > s1/logo.txt
: > s1/empty.txt
head -c 5000 /dev/zero | tr '\0' 'x' > s1/big.txt
run r1 s1 -o o1 --max-bytes 4000
check "binary: exit 3" "[ $(rc r1) -eq 3 ]"
check "binary: named" "said r1 'logo.txt: binary file'"
check "empty: named" "said r1 'empty.txt: empty file; skipped'"
check "over-size: named" "said r1 'big.txt: file is 5000 bytes, over the limit of 4000'"
check "bad files: the rest still written" "new_set o1 && grep -q '\"a.txt\"' o1/run.json"

# 4-6. UTF-16 with a BOM (both orders) and without one.
story s4
printf 'Harbour staff voted 81%% in favour of strike action.\n' | iconv -f UTF-8 -t UTF-16LE > s4/le.txt
{ printf '\xff\xfe'; cat s4/le.txt; } > s4/le-bom.txt
{ printf '\xfe\xff'; printf 'Harbour staff voted 81%% in favour of strike action.\n' | iconv -f UTF-8 -t UTF-16BE; } > s4/be-bom.txt
run r4 s4 -o o4
check "UTF-16: exit 0" "[ $(rc r4) -eq 0 ]"
check "UTF-16 without BOM: named, not called binary" \
  "said r4 'le.txt: no byte-order mark; read as UTF-16LE' && ! said r4 binary"
check "UTF-16 LE/BE with BOM: decoded" \
  "[ \$(grep -c '\"encoding\": \"UTF-16' o4/run.json) -eq 3 ] && [ \$(grep -c '81%' o4/claims.jsonl) -ge 3 ]"

# 7-9. Windows-1252, a few bad bytes in UTF-8, NUL bytes.
story s7
printf 'The union said \x93pay \xa3300\x94 was offered; 81%% voted for strike action.\n' > s7/w1252.txt
printf 'Crews \xe2\x80\x94 81%% of them \xff voted for strike action.\n' > s7/mixed.txt
printf 'Crews voted 81%% in favour\0 of strike action.\n' > s7/nul.txt
run r7 s7 -o o7
check "legacy/bad bytes/NUL: exit 0" "[ $(rc r7) -eq 0 ]"
check "Windows-1252: decoded and said" "said r7 'w1252.txt: not UTF-8 \\(first non-UTF-8 byte at 15\\); decoded as windows-1252'"
check "bad bytes in UTF-8: replaced, warned with byte offset" \
  "said r7 'mixed.txt: invalid UTF-8: 1 byte sequence\\(s\\) replaced with U\\+FFFD, first at byte 22'"
check "NUL bytes: replaced and warned" "said r7 'nul.txt: 1 NUL byte\\(s\\) replaced with U\\+FFFD, first at byte 25'"
check "legacy/bad bytes/NUL: reports are valid UTF-8" "new_set o7 && all_utf8 o7"

# 10. a 1 MB single line.
story s10
{ printf 'Crews voted 81%% in favour of strike action. '; head -c 1048576 /dev/zero | tr '\0' 'a'; } > s10/long.txt
run r10 s10 -o o10
check "1 MB single line: exit 0, written" "[ $(rc r10) -eq 0 ] && new_set o10"

# 11-13. symlink loop, dangling symlink, FIFO (must not hang: timeout 60 above).
story s11
ln -s ../s11 s11/loop
ln -s /nonexistent/gone.txt s11/dangling.txt
mkfifo s11/pipe.txt
run r11 s11 -o o11
check "links and FIFO: exit 3" "[ $(rc r11) -eq 3 ]"
check "symlink loop: named" "said r11 'loop: folder already visited \\(symlink loop\\?\\); skipped'"
check "dangling symlink: named" "said r11 'dangling.txt: cannot read: No such file'"
check "FIFO: named, not read" "said r11 'pipe.txt: not a regular file'"
check "links and FIFO: the rest written" "new_set o11"

# 14. a manifest that is not YAML; 15. one with invalid UTF-8 in a field.
story s14
printf 'articles:\n  a.txt: [unclosed\n' > s14/sources.yaml
run r14 s14 -o o14
check "bad manifest: exit 0, named with its line" \
  "[ $(rc r14) -eq 0 ] && said r14 'sources.yaml: manifest unreadable \\(line [0-9]+\\)' && new_set o14"
story s15
printf 'story: Ferry\xff strike\narticles:\n  a.txt:\n    outlet: Westmouth Gaz\xffette\n  b.txt: {}\n' > s15/sources.yaml
run r15 s15 -o o15
check "manifest with bad UTF-8: no abort, exit 0" "[ $(rc r15) -eq 0 ]"
check "manifest with bad UTF-8: warned" "said r15 \"a.txt: field 'outlet' is not valid UTF-8; bad bytes replaced with U\\+FFFD\""
check "manifest with bad UTF-8: U+FFFD in reports, never raw" \
  "all_utf8 o15 && grep -q 'Westmouth Gaz�ette' o15/report.md"

# 16. a file whose name is not UTF-8.
story s16
printf 'Crews voted 81%% in favour of strike action.\n' > "$(printf 's16/\xff.txt')"
run r16 s16 -o o16
check "non-UTF-8 file name: no abort, exit 0" "[ $(rc r16) -eq 0 ]"
check "non-UTF-8 file name: shown escaped" "said r16 's16/\\\\xff.txt: file name is not valid UTF-8'"
check "non-UTF-8 file name: U+FFFD in reports" "all_utf8 o16 && grep -q '�.txt' o16/run.json"

# 17. review entries with bad UTF-8; 18. a review file that is not YAML.
story s17
printf 'decisions:\n  - finding: "z\xff"\n    decision: confirmed\n    note: "checked \xfe with the union"\n' > s17/review.yaml
run r17 s17 -o o17
check "review with bad UTF-8: no abort, exit 0" "[ $(rc r17) -eq 0 ]"
check "review with bad UTF-8: warned" "said r17 \"review.yaml:2: 'finding' is not valid UTF-8\""
check "review with bad UTF-8: reports valid UTF-8" "new_set o17 && all_utf8 o17"
story s18
printf 'decisions: [ {finding: x\n' > bad-review.yaml
run r18 s18 -o o18 --review bad-review.yaml
check "bad review file: exit 3, named with line, reports written" \
  "[ $(rc r18) -eq 3 ] && [ \$(grep -c '^claimdiff: ' r18.stderr) -eq 1 ] && said r18 '^claimdiff: bad-review.yaml:[0-9]+: review file is not YAML' && new_set o18"

# 19-20. a rule pack that is not YAML, a rule with a bad regex: exit 2, nothing written.
story s19
mkdir -p pack-yaml pack-re
printf 'rules:\n  - id: x\n    kind: count\n   pattern: [\n' > pack-yaml/broken.yaml
printf "rules:\n  - id: ferry.bad\n    kind: count\n    pattern: '(?P<value>\\\\d+'\n    examples:\n      - text: '12 crews'\n        none: true\n" > pack-re/bad.yaml
seed_old o19
run r19 s19 -o o19 --rules pack-yaml
check "bad YAML rule pack: exit 2, file and line named, nothing written" \
  "[ $(rc r19) -eq 2 ] && said r19 'broken.yaml:[0-9]+' && old_kept o19"
run r20 s19 -o o19 --rules pack-re
check "bad regex: exit 2, rule and RE2's error named, nothing written" \
  "[ $(rc r20) -eq 2 ] && said r20 'ferry.bad' && said r20 'missing \\)' && old_kept o19"

# 21. a rule example with a stray byte: a rule error at its line, no abort.
mkdir -p pack-byte
printf "rules:\n  - id: ferry.byte\n    kind: count\n    pattern: '(?P<value>\\\\d+) crews'\n    examples:\n      - text: \"12 crews\"\n        value: {lo: 12, unit: \"cr\\xffew\"}\n" > pack-byte/byte.yaml
timeout 60 "$bin" rules test --no-default-rules --rules pack-byte > r21.stdout 2> r21.stderr
echo $? > r21.rc
check "rule example with a stray byte: no abort (exit 2, the rule and field named)" \
  "[ $(rc r21) -eq 2 ] && grep -q \"byte.yaml:7: rule 'ferry.byte': 'unit' is not valid UTF-8\" r21.stderr && iconv -f UTF-8 -t UTF-8 r21.stdout > /dev/null && iconv -f UTF-8 -t UTF-8 r21.stderr > /dev/null"

# 21b. rule-pack strings that reach the reports (id, attribute, version) with bad bytes.
mkdir -p pack-meta
printf "version: \"1\xff\"\nrules:\n  - id: ferry.crew\n    kind: count\n    attribute: crew\xfe.count\n    pattern: '(?P<value>\\\\d+) crews'\n    examples:\n      - text: '12 crews'\n        value: {lo: 12}\n" > pack-meta/meta.yaml
seed_old o21
run r21b s19 -o o21 --rules pack-meta
check "rule pack strings with bad UTF-8: exit 2, field named, no abort, nothing written" \
  "[ $(rc r21b) -eq 2 ] && said r21b \"rule 'ferry.crew': 'attribute' is not valid UTF-8\" && said r21b \"'version' is not valid UTF-8\" && old_kept o21"

# 22-23. a mistyped path, and `-`: nothing readable, nothing written, old set kept.
seed_old o22
run r22 /nonexistent -o o22
check "run /nonexistent: exit 3, reason, old set kept" \
  "[ $(rc r22) -eq 3 ] && said r22 '/nonexistent: cannot read' && said r22 'nothing written' && old_kept o22"
run r23 - -o o22
check "run -: exit 3, old set kept" "[ $(rc r23) -eq 3 ] && said r23 'nothing written' && old_kept o22"
mkdir -p s23 && printf '\0\0\0\0\0\0\0\0' > s23/only.txt
run r23b s23 -o o22
check "only unreadable files: exit 3, old set kept" "[ $(rc r23b) -eq 3 ] && old_kept o22"

# 24. a full disk: the third of six files fails (CLAIMDIFF_TEST_FAIL_WRITE), and on a
# real 64 KB tmpfs when this runs as root and may mount.
story s24
seed_old o24
CLAIMDIFF_TEST_FAIL_WRITE=3 run r24 s24 -o o24
check "full disk (simulated): exit 4, one line, previous set whole" \
  "[ $(rc r24) -eq 4 ] && [ \$(grep -c '^claimdiff: ' r24.stderr) -eq 1 ] && said r24 'No space left on device; o24 left as it was' && old_kept o24 && [ \$(ls -A . | grep -c claimdiff-) -eq 0 ]"
mkdir -p tmpfs
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k tmpfs tmpfs 2> /dev/null; then
  seed_old tmpfs/out
  head -c 40000 /dev/urandom > tmpfs/filler
  run r24b s24 -o tmpfs/out
  check "full disk (64 KB tmpfs): exit 4, one line, previous set whole" \
    "[ $(rc r24b) -eq 4 ] && [ \$(grep -c '^claimdiff: ' r24b.stderr) -eq 1 ] && old_kept tmpfs/out"
  umount tmpfs
else
  echo "note: cannot mount a tmpfs here; the full disk is checked with CLAIMDIFF_TEST_FAIL_WRITE only"
fi

# 25. the output folder inside the input: never read back; nor a copied report.
story s25
run r25a s25 -o s25/out
cp s25/out/claims.jsonl r25a.claims
run r25b s25 -o s25/out
check "output inside the input: skipped with a note, same claims" \
  "[ $(rc r25b) -eq 0 ] && said r25b 'note: s25/out: claimdiff.s output folder' && cmp -s r25a.claims s25/out/claims.jsonl"
mkdir -p s25b && cp s25/a.txt s25/out/report.md s25/out/report.html s25b/
run r25c s25b -o o25c
check "a report claimdiff wrote, copied among articles: skipped with a note" \
  "[ $(rc r25c) -eq 0 ] && said r25c 'report.md: a report claimdiff wrote' && said r25c 'report.html: a report claimdiff wrote'"

# 26. a folder named like an article file.
story s26
mkdir -p s26/x.txt
run r26 s26 -o o26
check "folder named x.txt: exit 3, named" "[ $(rc r26) -eq 3 ] && said r26 'x.txt: a folder, not an article file' && new_set o26"

# 27. a manifest lists the articles: other files are skipped (not errors); notes without one.
story s27
printf 'articles:\n  a.txt:\n    outlet: Westmouth Gazette\n' > s27/sources.yaml
printf 'Where these came from.\n' > s27/SOURCE.md
run r27 s27 -o o27
check "manifest lists the articles: others noted, exit 0" \
  "[ $(rc r27) -eq 0 ] && said r27 'note: s27/b.txt: not listed in the story.s manifest' && ! grep -q '\"file\": \"b.txt\"' o27/run.json"
story s27b
printf 'x\n' > s27b/SOURCE.md && printf 'x\n' > s27b/NOTES.txt && printf 'x\n' > s27b/LICENSE && printf 'x\n' > s27b/README.html
run r27b s27b -o o27b
check "README/SOURCE/NOTES/LICENSE: notes, not articles, exit 0" \
  "[ $(rc r27b) -eq 0 ] && [ \$(grep -c 'own notes, not an article' r27b.stderr) -eq 4 ] && grep -q '\"a.txt\"' o27b/run.json && ! grep -q '\"file\": \"NOTES.txt\"' o27b/run.json"

# 28. --quiet keeps errors.
run r28 s1 -o o28 --quiet
check "--quiet: errors still printed, no summary" \
  "[ $(rc r28) -eq 3 ] && said r28 'logo.txt: binary file' && [ ! -s r28.stdout ]"

# 29-30. output folder is a file; output on a read-only place: one line each, exit 4.
story s29
printf 'not a folder\n' > ofile
run r29 s29 -o ofile
check "output folder is a file: exit 4, said once" \
  "[ $(rc r29) -eq 4 ] && [ \$(grep -c '^claimdiff: ' r29.stderr) -eq 1 ] && said r29 'ofile: exists and is not a folder' && [ \"\$(cat ofile)\" = 'not a folder' ]"
run r30 s29 -o /proc/claimdiff-out
check "output on a read-only place: exit 4, said once" \
  "[ $(rc r30) -eq 4 ] && [ \$(grep -c '^claimdiff: ' r30.stderr) -eq 1 ]"

# 31. a 3 GB sparse file under --max-bytes 4 GB: found binary from its first bytes, quickly.
story s31
if truncate -s 3G s31/huge.txt 2> /dev/null; then
  start=$(date +%s)
  run r31 s31 -o o31 --max-bytes 4294967296
  took=$(($(date +%s) - start))
  check "3 GB sparse file: binary from its first bytes, in ${took}s (< 10 s)" \
    "[ $(rc r31) -eq 3 ] && said r31 'huge.txt: binary file' && [ $took -lt 10 ]"
  rm -f s31/huge.txt
else
  bad "3 GB sparse file: cannot make one here"
fi

exit $fail
