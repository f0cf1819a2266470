#!/bin/sh
# End-to-end for the content tools that editors use: `kiosk --check` on the shipped content
# has no errors and warns only about the council's details a site fills in (kiosk.ini
# [contact]), in text and in JSON; filled in, it is clean and the details are drawn and read
# out in every language; on a folder with a mistake it
# exits 1 and names the file, line and column; and `kiosk --export-html` writes pages that
# HTML Tidy accepts with no errors or warnings.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

[ -x "$KIOSK" ] || e2e_fail "no $KIOSK: run 'make kiosk' first"

# The shipped content: no errors, and the only warnings are the council's own details
# (kiosk.ini [contact]) that a site fills in: 4 placeholders on advocate-here.md in each of
# the 3 languages. Every other easy-read rule is met.
"$KIOSK" --check content >"$E2E_TMP/check.txt" 2>"$E2E_LOG"
rc=$?
[ "$rc" -eq 0 ] || { cat "$E2E_TMP/check.txt"; e2e_fail "--check content exited $rc, not 0"; }
last=$(tail -n 1 "$E2E_TMP/check.txt")
echo "$last" | grep -q "^0 errors, 12 warnings in [0-9]* pages ([0-9]* languages)$" ||
	{ cat "$E2E_TMP/check.txt"; e2e_fail "--check content does not end with 0 errors and 12 warnings: $last"; }
others=$(sed '$d' "$E2E_TMP/check.txt" | grep -v '^recordings: ' |
	grep -cv "^content/[a-z]*/advocate-here.md:[0-9]*:[0-9]*: warning: '{contact\.[a-z]*}' is not filled in yet: set [a-z]* in kiosk.ini \[contact\]")
[ "$others" -eq 0 ] ||
	{ cat "$E2E_TMP/check.txt"; e2e_fail "--check content warns about more than the [contact] placeholders"; }
echo "ok: $last, all of them [contact] placeholders a site fills in"
# ... and the count of recorded rows (content/audio/): the English home page's 10
grep -q "^recordings: en 10 of [0-9]* rows and titles (10 with word labels)" "$E2E_TMP/check.txt" ||
	{ cat "$E2E_TMP/check.txt"; e2e_fail "--check content does not count the home page's 10 recordings"; }

# A site that filled in [contact]: clean, and the page shows the details.
mkdir -p "$E2E_TMP/filled"
cp -r content images fonts "$E2E_TMP/filled/"
sed -i 's/^phone =$/phone = 01632 960000/; s/^email =$/email = advocacy@council.example/;
	s/^hours =$/hours = Monday to Friday, 9am to 5pm/;
	s/^address =$/address = Town Hall, High Street, Anytown AB1 2CD/' "$E2E_TMP/filled/content/kiosk.ini"
"$KIOSK" --check "$E2E_TMP/filled/content" >"$E2E_TMP/filled.txt" 2>"$E2E_LOG"
rc=$?
[ "$rc" -eq 0 ] || { cat "$E2E_TMP/filled.txt"; e2e_fail "--check on the filled-in site exited $rc, not 0"; }
last=$(tail -n 1 "$E2E_TMP/filled.txt")
echo "$last" | grep -q "^0 errors, 0 warnings in [0-9]* pages ([0-9]* languages)$" ||
	{ cat "$E2E_TMP/filled.txt"; e2e_fail "--check on the filled-in site is not clean: $last"; }
[ "$(grep -cv '^recordings: ' "$E2E_TMP/filled.txt")" -eq 1 ] ||
	{ cat "$E2E_TMP/filled.txt"; e2e_fail "--check on the filled-in site printed more than its summary"; }
echo "ok: with [contact] filled in: $last"
# ...or in the site settings file (/etc/kiosk/kiosk.ini on an installed kiosk), which wins
printf '[contact]\nphone = 01632 960001\nemail = help@council.example\nhours = 9am to 5pm\naddress = Town Hall\n' \
	>"$E2E_TMP/site.ini"
"$KIOSK" --site "$E2E_TMP/site.ini" --check content >"$E2E_TMP/site.txt" 2>"$E2E_LOG" ||
	{ cat "$E2E_TMP/site.txt"; e2e_fail "--check with a site file exited non-zero"; }
tail -n 1 "$E2E_TMP/site.txt" | grep -q "^0 errors, 0 warnings" ||
	{ cat "$E2E_TMP/site.txt"; e2e_fail "--check with [contact] in the site file is not clean"; }
"$KIOSK" --site "$E2E_TMP/site.ini" --speak advocate-here.md --wav "$E2E_TMP/a.wav" --timeline "$E2E_TMP/a.tsv" \
	content >/dev/null 2>"$E2E_LOG" || e2e_fail "--speak with a site file failed"
cut -f5 "$E2E_TMP/a.tsv" | grep -qx "960001" || e2e_fail "the site file's phone number is not read out"
echo "ok: [contact] in the site settings file fills the page and --check is clean"
# drawn: the details make the page 3 screens in every language; without them it is 1.
# (A small site holding only that page, so --screenshot draws a few screens, not all.)
for site in filled empty; do
	mkdir -p "$E2E_TMP/$site-page/content"
	cp -r images fonts "$E2E_TMP/$site-page/"
	for lang in en pl ur; do
		mkdir -p "$E2E_TMP/$site-page/content/$lang"
		cp "content/$lang/advocate-here.md" "content/$lang/words.txt" "$E2E_TMP/$site-page/content/$lang/"
	done
	src=content/kiosk.ini
	[ "$site" = filled ] && src="$E2E_TMP/filled/content/kiosk.ini"
	sed 's/^home = .*/home = advocate-here.md/' "$src" >"$E2E_TMP/$site-page/content/kiosk.ini"
	"$KIOSK" --screenshot "$E2E_TMP/shots-$site" "$E2E_TMP/$site-page/content" >/dev/null 2>"$E2E_LOG" ||
		e2e_fail "--screenshot of the $site page failed"
done
for lang in en pl ur; do
	n=$(ls "$E2E_TMP/shots-filled" | grep -c "^$lang-advocate-here-")
	[ "$n" -eq 3 ] || e2e_fail "$lang advocate-here.md with the details is $n screens, not 3"
	n=$(ls "$E2E_TMP/shots-empty" | grep -c "^$lang-advocate-here-")
	[ "$n" -eq 1 ] || e2e_fail "$lang advocate-here.md without the details is $n screens, not 1"
	cmp -s "$E2E_TMP/shots-filled/$lang-advocate-here-1.png" "$E2E_TMP/shots-empty/$lang-advocate-here-1.png" &&
		e2e_fail "$lang advocate-here.md looks the same with and without the details"
done
# heard: the same values in every language, as written in kiosk.ini
for lang in en pl ur; do
	"$KIOSK" --speak advocate-here.md --lang "$lang" --wav "$E2E_TMP/a.wav" --timeline "$E2E_TMP/a.tsv" \
		"$E2E_TMP/filled/content" >/dev/null 2>"$E2E_LOG" || e2e_fail "--speak advocate-here.md --lang $lang failed"
	cut -f5 "$E2E_TMP/a.tsv" | grep -qx "01632" || e2e_fail "$lang: the phone number is not read out"
	cut -f5 "$E2E_TMP/a.tsv" | grep -qx "advocacy@council.example" || e2e_fail "$lang: the email is not read out"
	"$KIOSK" --speak advocate-here.md --lang "$lang" --wav "$E2E_TMP/a.wav" --timeline "$E2E_TMP/a.tsv" \
		content >/dev/null 2>"$E2E_LOG" || e2e_fail "--speak advocate-here.md --lang $lang failed"
	grep -q "contact" "$E2E_TMP/a.tsv" && e2e_fail "$lang: a placeholder is read out on the unfilled page"
done
echo "ok: [contact] details drawn (3 screens, not 1) and read out in en, pl and ur; never a placeholder"

# The same as JSON for tools.
"$KIOSK" --check content --format=json >"$E2E_TMP/check.json" 2>"$E2E_LOG"
rc=$?
[ "$rc" -eq 0 ] || e2e_fail "--check content --format=json exited $rc, not 0"
head -c 1 "$E2E_TMP/check.json" | grep -q "{" || e2e_fail "the JSON report does not start with {"
grep -q '"summary": {"errors": 0, "warnings": 12' "$E2E_TMP/check.json" ||
	{ cat "$E2E_TMP/check.json"; e2e_fail "the JSON report's summary is not 0 errors, 12 warnings"; }
if command -v python3 >/dev/null; then
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$E2E_TMP/check.json" ||
		e2e_fail "the JSON report does not parse"
fi
echo "ok: --format=json has the same summary"

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
