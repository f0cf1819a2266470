#!/bin/sh
# End-to-end for the command line: --help lists every option, --screenshot renders every
# screen of every page at the four reference sizes without a display, and with no display
# at all the kiosk says so in one clear line that points to --screenshot.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

help=$("$KIOSK" --help) || e2e_fail "--help failed"
for opt in --windowed --size --lang --screenshot --ready-file --software --fonts --version --help \
	--speak --wav --timeline --check --format=json --export-html --report --chart --set --time-scale \
	--monkey; do
	echo "$help" | grep -q -- "$opt" || e2e_fail "--help does not list $opt"
done
echo "ok: --help lists every option"

"$KIOSK" --bogus >/dev/null 2>"$E2E_TMP/err" && e2e_fail "an unknown option was accepted"
grep -q "unknown option --bogus" "$E2E_TMP/err" || e2e_fail "no clear message for an unknown option"
"$KIOSK" --size 12 >/dev/null 2>"$E2E_TMP/err" && e2e_fail "a bad --size was accepted"
echo "ok: bad options are refused with a clear message"

pages=$(ls content/en/*.md | grep -vc README.md)
for size in 1920x1080 1080x1920 1280x800 3840x2160; do
	out="$E2E_TMP/shots-$size"
	env -u DISPLAY "$KIOSK" --screenshot "$out" --size "$size" content >"$E2E_TMP/list" 2>"$E2E_LOG" ||
		e2e_fail "--screenshot at $size failed"
	listed=$(wc -l <"$E2E_TMP/list")
	files=$(ls "$out"/*.png | wc -l)
	[ "$listed" -eq "$files" ] || e2e_fail "printed $listed lines but wrote $files files at $size"
	[ "$files" -ge "$pages" ] || e2e_fail "only $files screens for $pages pages at $size"
	first=$(head -n 1 "$E2E_TMP/list")
	head -c 8 "$first" | od -An -c | grep -q "P   N   G" || e2e_fail "$first is not a PNG"
	grep -q "error" "$E2E_LOG" && e2e_fail "errors while rendering the shipped content at $size"
	echo "ok: $files screens of $pages pages at $size"
done
ls "$E2E_TMP/shots-1920x1080" | grep -q "^en-home-1.png$" || e2e_fail "no en-home-1.png"

# Fault injection: the main font is missing (only the fallback font is there): pages are
# still drawn, and the log says which font is missing.
mkdir -p "$E2E_TMP/fonts"
cp fonts/DejaVuSans.ttf "$E2E_TMP/fonts/"
"$KIOSK" --screenshot "$E2E_TMP/nofont" --fonts "$E2E_TMP/fonts" --lang en content >"$E2E_TMP/list" 2>"$E2E_LOG" ||
	e2e_fail "a missing font stopped --screenshot"
grep -q "font .*AtkinsonHyperlegible-Regular.ttf is missing" "$E2E_LOG" || e2e_fail "the missing font was not logged"
[ "$(convert "$E2E_TMP/nofont/en-home-1.png" -crop 1400x100+250+20 +repage -format %k info:)" -gt 2 ] ||
	e2e_fail "no title drawn with the fallback font"
echo "ok: with the main font missing, pages are drawn with the fallback font and the log says so"

env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=x11 "$KIOSK" content >/dev/null 2>"$E2E_TMP/err" &&
	e2e_fail "the kiosk claimed to run with no display"
grep -q "no display" "$E2E_TMP/err" && grep -q -- "--screenshot" "$E2E_TMP/err" ||
	{ cat "$E2E_TMP/err"; e2e_fail "no clear 'no display' message pointing to --screenshot"; }
[ "$(grep -c . "$E2E_TMP/err")" -le 2 ] || { cat "$E2E_TMP/err"; e2e_fail "more than a short message"; }
echo "ok: no display gives one clear line"
e2e_pass
