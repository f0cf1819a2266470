#!/bin/sh
# End-to-end: Take this page home. With [share] base_url set, every content page has a
# "Take this page home" button; it opens a screen with the page's QR code. zbarimg decodes
# the code from the kiosk's own pictures (--screenshot) and from a real X screenshot of the
# running kiosk after a tap, and the address it gives is where --export-html writes the page.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh
command -v zbarimg >/dev/null || e2e_fail "zbarimg is not installed (make check installs zbar-tools)"
BASE=https://council.example/easy-read

# --screenshot draws each page's Take it home screen too (Polish: pages in a subfolder).
./kiosk --screenshot "$E2E_TMP/shots" --lang pl --set share.base_url=$BASE/ content >"$E2E_TMP/shots.log" 2>&1 ||
	e2e_fail "--screenshot with base_url failed: $(cat "$E2E_TMP/shots.log")"
./kiosk --export-html "$E2E_TMP/site" content >/dev/null 2>&1 || e2e_fail "--export-html failed"
for shot in pl-care-act pl-home pl-what-is-advocacy; do
	got=$(zbarimg -q --raw "$E2E_TMP/shots/$shot-qr.png" 2>/dev/null)
	[ -n "$got" ] || e2e_fail "zbarimg found no QR code in $shot-qr.png"
	case "$got" in "$BASE"/*) ;; *) e2e_fail "$shot: the code says $got, not an address under $BASE" ;; esac
	file="$E2E_TMP/site/${got#"$BASE"/}"
	[ -f "$file" ] || e2e_fail "$shot: the code points at $got but the export has no ${got#"$BASE"/}"
	echo "ok: $shot-qr.png decodes to $got, which the export wrote"
done
[ "$(zbarimg -q --raw "$E2E_TMP/shots/pl-care-act-qr.png" 2>/dev/null)" = "$BASE/pl/care-act.html" ] ||
	e2e_fail "the Polish page's code is not $BASE/pl/care-act.html"
grep -q '<h1>' "$E2E_TMP/site/pl/care-act.html" || e2e_fail "pl/care-act.html has no title"
# modules of at least 8 px at 1080p
small=$(sed -n 's/^qr .* module=\([0-9]*\)px$/\1/p' "$E2E_TMP/shots.log" | sort -n | head -n 1)
[ -n "$small" ] && [ "$small" -ge 8 ] || e2e_fail "QR modules of ${small:-?} px (at least 8 wanted)"
echo "ok: the smallest module is $small px at 1920x1080"

# The running kiosk. Without base_url (or a printer) no page has the button.
e2e_start_xvfb 1920x1080
e2e_start_kiosk content
grep -q "link=kiosk:take-home" "$E2E_READY" && e2e_fail "Take this page home without [share] base_url"
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"
echo "ok: no base_url, no Take this page home button"
# With it: open a topic, tap Take this page home, scan the real screen.
rm -f "$E2E_READY"
e2e_start_kiosk content --set share.base_url=$BASE
e2e_button_to kiosk:take-home >/dev/null || e2e_fail "home has no Take this page home button"
target=$(grep " role=button " "$E2E_READY" | grep -v "link=kiosk:" | head -n 1 | sed 's/.* link=//')
e2e_tap_box button "$(e2e_button_to "$target")"
e2e_wait_for "page=$target " || e2e_fail "could not open $target"
n=$(e2e_button_to kiosk:take-home) || e2e_fail "$target has no Take this page home button"
e2e_tap_box button "$n"
e2e_wait_for "mode=share" || e2e_fail "Take this page home did not open its screen"
e2e_wait_for "speaking=1" || e2e_fail "the Take it home screen was not read aloud"
want="$BASE/${target%.md}.html"
e2e_poll "import -window root '$E2E_TMP/x.png' 2>/dev/null && [ \"\$(zbarimg -q --raw '$E2E_TMP/x.png' 2>/dev/null)\" = '$want' ]" 3 ||
	e2e_fail "the screen's QR code did not decode to $want (got: $(zbarimg -q --raw "$E2E_TMP/x.png" 2>/dev/null))"
echo "ok: tapping Take this page home showed a code that scans as $want"
grep -q "\"type\":\"qr_view\",\"lang\":\"en\",\"page\":\"$target\"" "$E2E_TMP/usage.jsonl" ||
	e2e_fail "no qr_view for $target in the usage figures"
echo "ok: the usage figures count the QR code shown for en/$target"
n=$(e2e_button_to kiosk:close) || e2e_fail "no Back to the page button"
e2e_tap_box button "$n"
e2e_wait_for "mode=page" || e2e_fail "Back to the page did not return"
grep -q "page=$target " "$E2E_READY" || e2e_fail "Back to the page went somewhere else"
echo "ok: Back to the page returned to $target"
xdotool key ctrl+alt+q
e2e_pass
