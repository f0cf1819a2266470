#!/bin/sh
# End-to-end live content update, on a copy of the shipped content: while a visitor reads, a
# changed page is not swapped under their finger; on the attract screen the new content
# shows; a page broken on disk keeps its last good version and the problem is logged with
# file:line. The kiosk's clock runs 10x faster so the idle reset comes in a few seconds.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

site="$E2E_TMP/site"
mkdir -p "$site"
cp -r content images fonts "$site/"
field() { sed -n "s/^lang=[a-z]* title=//p" "$E2E_READY"; }

e2e_start_xvfb 1920x1080
e2e_start_kiosk --time-scale 10 --set session.idle_timeout_s=20 --set session.warning_s=20 \
	--set input.double_press_ms=0 "$site/content"
grep -q "title=Help to have your say" "$E2E_READY" || e2e_fail "unexpected home title: $(field)"

# A visitor is reading home: the council changes its title now.
sed -i '1s/.*/# Help to have your say (new)/' "$site/content/en/home.md"
e2e_poll "grep -q 'content changed on disk' '$E2E_LOG'" 10 || e2e_fail "the change on disk was not noticed"
frame=$(e2e_frame)
xdotool key Tab
e2e_wait_frame_after "$frame" || e2e_fail "no frame"
grep -q "title=Help to have your say$" "$E2E_READY" || e2e_fail "the page changed under the visitor: $(field)"
echo "ok: a change on disk is noticed but not swapped in while a visitor reads"

# After the reset, on the attract screen, the new content is loaded; the next visitor sees it.
e2e_wait_for "mode=attract" || e2e_fail "no reset"
e2e_poll "grep -q 'content loaded again' '$E2E_LOG'" 10 || e2e_fail "the new content was not loaded on the attract screen"
e2e_wake || e2e_fail "the next visitor could not start"
grep -q "title=Help to have your say (new)" "$E2E_READY" || e2e_fail "the new title is not shown: $(field)"
echo "ok: on the attract screen the new content was loaded: '$(field)'"

# A page broken on disk (not UTF-8) keeps its last good version.
printf '# Broken \377 page\n\nText.\n' >"$site/content/en/care-act.md"
e2e_poll "grep -q 'content changed on disk' '$E2E_LOG'" 10 || e2e_fail "the broken page was not noticed"
e2e_wait_for "mode=attract" || e2e_fail "no second reset"
e2e_poll "[ \$(grep -c 'content loaded again' '$E2E_LOG') -ge 2 ]" 10 || e2e_fail "no second reload"
grep -q "care-act.md:1:10: error: this file is not UTF-8" "$E2E_LOG" || e2e_fail "the broken page was not reported with file:line:col"
grep -q "care-act.md.*keeping the last good version" "$E2E_LOG" || e2e_fail "no 'keeping the last good version' message"
e2e_wake || e2e_fail "no visitor after the second reload"
n=$(e2e_button_to "care-act.md") || e2e_fail "no button to care-act.md"
e2e_tap_box button $n
e2e_wait_for "page=care-act.md " || e2e_fail "could not open care-act.md"
grep -q "title=The Care Act 2014" "$E2E_READY" || e2e_fail "the last good version was not kept: $(field)"
echo "ok: a broken page keeps its last good version, and the error names file:line:col"
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"
e2e_pass
