#!/usr/bin/env bash
# Every sentence of tests/quantity/*.tsv through `claimdiff extract --all`:
# the figure named in its second column must be read with the kind and value
# the other columns give. Columns (tab-separated; `#` starts a comment line):
#   family  figure-text  kind  lo  hi  unit  ref-date  sentence
# `-` means "not checked" (a ref-date of `-` means none); `none` as the kind
# means nothing at all may be read from the figure text; `null` is unbounded.
# A family ending in `+us` runs with --us-dates.
set -uo pipefail
bin=${CLAIMDIFF:-build/claimdiff}
dir=$(cd "$(dirname "$0")" && pwd)
python3 - "$bin" "$dir"/*.tsv <<'PY'
import json, subprocess, sys
from collections import Counter
binary, files = sys.argv[1], sys.argv[2:]
passed, failed, by_family = 0, 0, Counter()

def close(want, got):
    if want == '-': return True
    if want == 'null': return got is None
    if got is None: return False
    if isinstance(got, str): return want == got
    try: return abs(float(want) - float(got)) <= 0.006 + 1e-9 * abs(float(want))
    except ValueError: return False

for path in files:
    for n, line in enumerate(open(path, encoding='utf-8'), 1):
        if not line.strip() or line.startswith('#'): continue
        cols = line.rstrip('\n').split('\t')
        if len(cols) != 8:
            print(f'{path}:{n}: want 8 tab-separated columns, got {len(cols)}'); failed += 1; continue
        family, figure, kind, lo, hi, unit, ref, sentence = cols
        cmd = [binary, 'extract', '--stdin', '--all']
        if ref != '-': cmd += ['--ref-date', ref]
        if family.endswith('+us'): cmd.append('--us-dates')
        out = subprocess.run(cmd, input=sentence, capture_output=True, text=True).stdout
        # Only mentions inside the figure's text count.
        start = sentence.lower().find(figure.lower())
        if start < 0:
            print(f'{path}:{n}: figure {figure!r} not in sentence'); failed += 1; continue
        b0, b1 = len(sentence[:start].encode()), len(sentence[:start + len(figure)].encode())
        found = [m for m in map(json.loads, out.splitlines()) if m['span'][0] < b1 and m['span'][1] > b0]
        if kind == 'none':
            ok = not found
        else:
            ok = any(m['kind'] == kind and close(lo, m['value']['lo']) and close(hi, m['value']['hi'])
                     and (unit == '-' or m['value']['unit'] == unit) for m in found)
        by_family[family.removesuffix('+us')] += 1
        if ok: passed += 1
        else:
            failed += 1
            got = '; '.join(f"{m['kind']} {m['value']} ({m['rule']})" for m in found) or 'nothing'
            print(f'{path}:{n}: {family} {figure!r}: expected {kind} [{lo}, {hi}] {unit}, got {got}')
print('by family: ' + ', '.join(f'{f} {c}' for f, c in sorted(by_family.items())))
print(f'{passed} passed, {failed} failed')
sys.exit(1 if failed else 0)
PY
