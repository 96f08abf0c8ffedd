#!/usr/bin/env bash
# Wrongly typed rule fields (issue 18): each must be one error line naming the
# file, line, rule id and field, with exit 2, never yaml-cpp's bad conversion
# escaping the loader. The crash inputs the fuzzer found for the same cause
# are in tests/fuzz/regressions/rules/ and replay clean.
# Usage: rules_bad_types.sh WORK_DIR, with CLAIMDIFF set to the binary.
set -u
work=$1
bin=${CLAIMDIFF:?}
fail=0
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

# case_of NAME FIELD KIND PATTERN RULE_LINE EXAMPLE_LINE: a rule whose only
# fault is FIELD's type.
case_of() {
  local name=$1 field=$2 kind=$3 pattern=$4 rule_line=$5 example_line=$6
  mkdir -p "$name"
  {
    printf "rules:\n  - id: ferry.%s\n    kind: %s\n    pattern: %s\n" "$name" "$kind" "$pattern"
    [ -n "$rule_line" ] && printf "    %s\n" "$rule_line"
    printf "    examples:\n      - text: '12 crews'\n        value: {lo: 12}\n"
    [ -n "$example_line" ] && printf "      - text: 'no figure here'\n        %s\n" "$example_line"
  } > "$name/pack.yaml"
  timeout 60 "$bin" rules test --no-default-rules --rules "$name" > "$name.out" 2> "$name.err"
  local rc=$?
  if [ $rc -eq 2 ] && grep -q "pack.yaml:[0-9]" "$name.err" && grep -q "ferry.$name" "$name.err" &&
    grep -qw "$field" "$name.err" && ! grep -q "could not be loaded" "$name.err"; then
    echo "ok: $name ($field) is one error naming file, line, rule and field"
  else
    echo "FAIL: $name, exit $rc: $(head -c 300 "$name.err")"
    fail=1
  fi
}

good="'(?P<value>\\d+) crews'"
# Case names hold no field name, so that a path in a message cannot pass for one.
case_of c1 none count "$good" "" "none: maybe"
case_of c2 text count "$good" "" "text: [a, b]"
case_of c3 kind "{a: 1}" "$good" "" ""
case_of c4 pattern count "[a, b]" "" ""
case_of c5 attribute count "$good" "attribute: {a: 1}" ""
exit $fail
