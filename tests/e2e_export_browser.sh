#!/bin/sh
# The HTML export as the council's website would show it: headless Chromium opens the
# exported home page and a content page, and the screenshots must show the page (title,
# pictures, text) rather than a blank or an error page. tidy already checks the markup
# (tests/e2e_content_check.sh).
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh
command -v chromium >/dev/null || e2e_fail "chromium is not installed (make check installs it as root)"
"$KIOSK" --export-html "$E2E_TMP/site" content >"$E2E_LOG" 2>&1 || e2e_fail "--export-html failed"
for page in index what-is-advocacy; do
	f="$E2E_TMP/site/$page.html"
	[ -f "$f" ] || e2e_fail "no $page.html in the export"
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$E2E_TMP/chrome-$page" --window-size=1280,1000 --hide-scrollbars \
		--screenshot="$E2E_TMP/$page.png" "file://$f" >"$E2E_TMP/chrome.log" 2>&1
	[ -s "$E2E_TMP/$page.png" ] || { cat "$E2E_TMP/chrome.log"; e2e_fail "Chromium made no screenshot of $page.html"; }
	# the top of the page holds the title: dark text on a light page, many colours in all
	colours=$(convert "$E2E_TMP/$page.png" -format "%k" info:)
	[ "$colours" -gt 50 ] || e2e_fail "$page.html looks blank in Chromium ($colours colours)"
	top=$(convert "$E2E_TMP/$page.png" -crop 1280x200+0+0 +repage -format "%k" info:)
	[ "$top" -gt 2 ] || e2e_fail "$page.html has nothing at the top in Chromium"
	echo "ok: Chromium shows $page.html ($colours colours)"
done
grep -q 'lang="en"' "$E2E_TMP/site/index.html" || e2e_fail "no lang attribute"
grep -q 'alt="' "$E2E_TMP/site/what-is-advocacy.html" || e2e_fail "pictures have no alt text"
e2e_pass
