#!/usr/bin/env bash
# report.html in a real browser: runs claimdiff on the bundled corpus and on a
# test story with script in its text, opens the page in headless Chromium with
# checks.js appended, and reads the checks' results from the rendered DOM.
# Also saves a screenshot for people to look at. Without Chromium it says so
# loudly and exits 77, which CTest reports as skipped, never as passed.
set -u
src=$1
out=$2
screenshot=${3:-$out/report.png}
bin=${CLAIMDIFF:?}

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "SKIPPED: browser test not run: Chromium is not installed (scripts/install-deps browser installs Debian's chromium)"
  exit 77
fi

rm -rf "$out" && mkdir -p "$out"
if ! "$bin" run "$src/corpus" "$src/tests/data/hostile-page" -o "$out/report" -q; then
  echo "FAIL: claimdiff run failed"
  exit 1
fi

# The page under test: the report, then the expected data as inert JSON ("</"
# written "<\/" so no string can end the element), then the checks.
page="$out/report-under-test.html"
{
  cat "$out/report/report.html"
  printf '<script type="application/json" id="t-findings">'
  sed 's|</|<\\/|g' "$out/report/findings.json"
  printf '</script>\n<script type="application/json" id="t-claims">['
  sed -e 's|</|<\\/|g' -e '$!s/$/,/' "$out/report/claims.jsonl"
  printf ']</script>\n<script>'
  cat "$src/tests/browser/checks.js"
  printf '</script>\n'
} > "$page"

browse() {
  "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --no-first-run --disable-sync --disable-component-update --disable-default-apps \
    --user-data-dir="$(mktemp -d "$out/profile.XXXXXX")" --virtual-time-budget=5000 "$@" \
    2> "$out/chromium.log"
}

browse --dump-dom "file://$page" > "$out/dom.html"
# The results element, its entities back to characters.
sed -n '/<pre id="test-results">/,/end of checks/p' "$out/dom.html" |
  sed -e 's/<pre id="test-results">//' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' \
  > "$out/results.txt"
cat "$out/results.txt"
if ! grep -q 'end of checks' "$out/results.txt"; then
  echo "FAIL: the checks did not finish in the page (see $out/dom.html, $out/chromium.log)"
  exit 1
fi
if grep -q '^FAIL' "$out/results.txt"; then
  exit 1
fi
if ! grep -q '^ok: ' "$out/results.txt"; then
  echo "FAIL: no check ran"
  exit 1
fi

mkdir -p "$(dirname "$screenshot")"
browse --hide-scrollbars --window-size=1280,1800 --screenshot="$screenshot" \
  "file://$out/report/report.html" > /dev/null
[ -s "$screenshot" ] && echo "screenshot: $screenshot"
echo "browser: all checks passed"
exit 0
