#!/usr/bin/env bash
# Checks the HTML report the way a person reads it: headless Chromium loads a report produced from
# the fixtures (with the Content-Security-Policy and the inline script active), and the DOM it
# ends up with is compared with the JSON report of the same scan.
#
#   report-templates/check-html.sh        (needs: apt-get install -y chromium)
#
# Asserts: one finding row per JSON finding; the script ran (filter options were built, the
# "N of N" counter was written); exports named <img src=x onerror=alert(1)> and
# </script><script>alert(2)</script> (fixtures/hostile) are text, not elements. Also writes a
# screenshot to report-templates/screenshots/report.png (not committed) to look at.
# Skips, exit 0, when Chromium is not installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
done
if [ -z "$browser" ]; then
  echo "SKIP check-html: no chromium on PATH (apt-get install -y chromium)"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
inputs=(fixtures/hostile fixtures/python fixtures/elf)
targets=(--manylinux 2_17 --python 3.8)
cd "$root"
./abilint scan --format json --fail-on never "${targets[@]}" "${inputs[@]}" > "$work/report.json"
./abilint scan --format html --fail-on never "${targets[@]}" --output "$work/report.html" "${inputs[@]}"

flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-sync --no-first-run --disable-default-apps --mute-audio --user-data-dir="$work/profile")
"$browser" "${flags[@]}" --dump-dom "file://$work/report.html" > "$work/dom.html" 2> "$work/chromium.log" || {
  echo "FAIL check-html: chromium could not load the report"; tail -5 "$work/chromium.log"; exit 1; }

failures=0
fail() { echo "FAIL check-html: $*"; failures=$((failures + 1)); }

expected="$(grep -c '"ruleId"' "$work/report.json" || true)"
rows="$(grep -o '<tr class="finding ' "$work/dom.html" | wc -l)"
echo "findings in JSON: $expected; finding rows in the DOM: $rows"
[ "$expected" -gt 0 ] || fail "the fixtures produced no findings"
[ "$rows" -eq "$expected" ] || fail "DOM has $rows finding rows, JSON has $expected findings"

grep -q "id=\"shown\"[^>]*>$expected of $expected<" "$work/dom.html" \
  || fail "the counter does not say '$expected of $expected': report.js did not run (CSP hash?)"
grep -q '<option value="export-namespace-pollution">' "$work/dom.html" \
  || fail "the rule filter has no options: report.js did not run"

grep -q '&lt;img src=x onerror=alert(1)&gt;' "$work/dom.html" \
  || fail "the export <img src=x onerror=alert(1)> is not shown as text"
if grep -q '<img' "$work/dom.html"; then fail "the DOM has an <img> element"; fi
scripts="$(grep -o '<script' "$work/dom.html" | wc -l)"
[ "$scripts" -eq 1 ] || fail "the DOM has $scripts <script> elements, expected only the report's own"
grep -q '&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;' "$work/dom.html" \
  || fail "the export </script><script>alert(2)</script> is not shown as text"
# Nothing may load from the network: no src/href/action/srcset/poster to another origin, no CSS
# url() or @import. (Rule pages quote reference URLs as plain text; that loads nothing.)
if grep -E -i -q '(src|href|action|srcset|poster|data)[[:space:]]*=[[:space:]]*["'"'"']?[[:space:]]*([a-z]+:)?//' "$work/report.html"; then
  fail "the report refers to an external resource: $(grep -E -i -o '(src|href|action|srcset|poster|data)[[:space:]]*=[[:space:]]*["'"'"']?[[:space:]]*([a-z]+:)?//[^ "<]*' "$work/report.html" | head -3 | tr '\n' ' ')"
fi
if grep -E -i -q 'url\(|@import' "$work/report.html"; then fail "the report's CSS loads something (url() or @import)"; fi

mkdir -p "$here/screenshots"
"$browser" "${flags[@]}" --hide-scrollbars --window-size=1400,1000 \
  --screenshot="$here/screenshots/report.png" "file://$work/report.html" >> "$work/chromium.log" 2>&1 \
  && echo "screenshot: $here/screenshots/report.png" || fail "no screenshot"
"$browser" "${flags[@]}" --hide-scrollbars --window-size=1400,3000 \
  --screenshot="$here/screenshots/report-long.png" "file://$work/report.html" >> "$work/chromium.log" 2>&1 || true

if [ "$failures" -gt 0 ]; then
  echo "check-html: $failures failed"
  exit 1
fi
echo "check-html: passed ($rows finding rows, hostile names shown as text)"
