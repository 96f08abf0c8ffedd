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
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$bin" "$work" "$dir"/*.tsv <<'PY'
import json, os, subprocess, sys
from collections import Counter, defaultdict
binary, work, files = sys.argv[1], sys.argv[2], sys.argv[3:]
passed, failed, by_family = 0, 0, Counter()

def close(want, got):
    if want == '-': return True
    if want == 'null': return got is None
    if got is None: return False
    if isinstance(got, str): return want == got
    try: return abs(float(want) - float(got)) <= 0.006 + 1e-9 * abs(float(want))
    except ValueError: return False

# One article per sentence; one `extract` per reference date and date order,
# so that the rules load a few times, not once a sentence.
cases, groups = [], defaultdict(list)
for path in files:
    for n, line in enumerate(open(path, encoding='utf-8'), 1):
        if not line.strip() or line.startswith('#'): continue
        cols = line.rstrip('\n').split('\t')
        if len(cols) != 8:
            print(f'{path}:{n}: want 8 tab-separated columns, got {len(cols)}'); failed += 1; continue
        case = dict(zip(['family', 'figure', 'kind', 'lo', 'hi', 'unit', 'ref', 'sentence'], cols),
                    where=f'{path}:{n}')
        key = (case['ref'], case['family'].endswith('+us'))
        folder = os.path.join(work, f'{key[0]}-{int(key[1])}')
        os.makedirs(folder, exist_ok=True)
        case['file'] = os.path.join(folder, f'{len(cases):04d}.txt')
        with open(case['file'], 'w', encoding='utf-8') as f: f.write(case['sentence'] + '\n')
        cases.append(case)
        groups[key].append(case)

mentions = defaultdict(list)
for (ref, us), group in groups.items():
    cmd = [binary, 'extract', os.path.dirname(group[0]['file']), '--all', '--quiet']
    if ref != '-': cmd += ['--ref-date', ref]
    if us: cmd.append('--us-dates')
    for line in subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines():
        m = json.loads(line)
        mentions[m['file']].append(m)

for case in cases:
    sentence, figure, kind = case['sentence'], case['figure'], case['kind']
    start = sentence.lower().find(figure.lower())
    if start < 0:
        print(f"{case['where']}: figure {figure!r} not in sentence"); failed += 1; continue
    # Only mentions inside the figure's text count.
    b0, b1 = len(sentence[:start].encode()), len(sentence[:start + len(figure)].encode())
    found = [m for m in mentions[case['file']] if m['span'][0] < b1 and m['span'][1] > b0]
    if kind == 'none':
        ok = not found
    else:
        ok = any(m['kind'] == kind and close(case['lo'], m['value']['lo'])
                 and close(case['hi'], m['value']['hi'])
                 and (case['unit'] == '-' or m['value']['unit'] == case['unit']) for m in found)
    by_family[case['family'].removesuffix('+us')] += 1
    if ok:
        passed += 1
        continue
    failed += 1
    got = '; '.join(f"{m['kind']} {m['value']} ({m['rule']})" for m in found) or 'nothing'
    print(f"{case['where']}: {case['family']} {figure!r}: expected {kind} "
          f"[{case['lo']}, {case['hi']}] {case['unit']}, got {got}")
print('by family: ' + ', '.join(f'{f} {c}' for f, c in sorted(by_family.items())))
print(f'{passed} passed, {failed} failed')
sys.exit(1 if failed else 0)
PY
