#!/bin/sh
# End-to-end for the content tools that editors use: `kiosk --check` on the shipped content
# is clean (0 errors, 0 warnings, exit 0) in text and in JSON; on a folder with a mistake it
# exits 1 and names the file, line and column; and `kiosk --export-html` writes pages that
# HTML Tidy accepts with no errors or warnings.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

[ -x "$KIOSK" ] || e2e_fail "no $KIOSK: run 'make kiosk' first"

# The shipped content: clean, and the last line is the summary.
"$KIOSK" --check content >"$E2E_TMP/check.txt" 2>"$E2E_LOG"
rc=$?
[ "$rc" -eq 0 ] || { cat "$E2E_TMP/check.txt"; e2e_fail "--check content exited $rc, not 0"; }
last=$(tail -n 1 "$E2E_TMP/check.txt")
echo "$last" | grep -q "^0 errors, 0 warnings in [0-9]* pages ([0-9]* languages)$" ||
	{ cat "$E2E_TMP/check.txt"; e2e_fail "--check content does not end with 0 errors and 0 warnings: $last"; }
[ "$(wc -l <"$E2E_TMP/check.txt")" -eq 1 ] ||
	{ cat "$E2E_TMP/check.txt"; e2e_fail "--check content printed more than its summary"; }
echo "ok: $last"

# The same as JSON for tools.
"$KIOSK" --check content --format=json >"$E2E_TMP/check.json" 2>"$E2E_LOG"
rc=$?
[ "$rc" -eq 0 ] || e2e_fail "--check content --format=json exited $rc, not 0"
head -c 1 "$E2E_TMP/check.json" | grep -q "{" || e2e_fail "the JSON report does not start with {"
grep -q '"summary": {"errors": 0, "warnings": 0' "$E2E_TMP/check.json" ||
	{ cat "$E2E_TMP/check.json"; e2e_fail "the JSON report has no clean summary"; }
if command -v python3 >/dev/null; then
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$E2E_TMP/check.json" ||
		e2e_fail "the JSON report does not parse"
fi
echo "ok: --format=json has a clean summary"

# A content folder with a mistake: exit 1 and a compiler-style line.
bad=tests/fixtures/check/broken-link
"$KIOSK" --check "$bad" >"$E2E_TMP/bad.txt" 2>"$E2E_LOG"
rc=$?
[ "$rc" -eq 1 ] || { cat "$E2E_TMP/bad.txt"; e2e_fail "--check $bad exited $rc, not 1"; }
grep -q "^$bad/en/home.md:[0-9]*:[0-9]*: error: " "$E2E_TMP/bad.txt" ||
	{ cat "$E2E_TMP/bad.txt"; e2e_fail "no file:line:col: error: line for $bad"; }
tail -n 1 "$E2E_TMP/bad.txt" | grep -q "^1 error, " ||
	{ cat "$E2E_TMP/bad.txt"; e2e_fail "the summary does not count the error"; }
echo "ok: a broken link is reported as file:line:col: error: and exits 1"

# The whole content as HTML: every page passes HTML Tidy.
command -v tidy >/dev/null || e2e_fail "HTML Tidy (tidy) is not installed"
"$KIOSK" --export-html "$E2E_TMP/site" content >"$E2E_TMP/export.txt" 2>"$E2E_LOG" ||
	e2e_fail "--export-html failed"
pages=0
for f in $(find "$E2E_TMP/site" -name '*.html' | sort); do
	tidy -e -q "$f" >"$E2E_TMP/tidy.txt" 2>&1 ||
		{ cat "$E2E_TMP/tidy.txt"; e2e_fail "tidy finds problems in ${f#"$E2E_TMP"/}"; }
	pages=$((pages + 1))
done
md=$(ls content/*/*.md | wc -l)
[ "$pages" -ge "$md" ] || e2e_fail "only $pages HTML pages for $md page files"
echo "ok: tidy accepts all $pages exported HTML pages"
e2e_pass
