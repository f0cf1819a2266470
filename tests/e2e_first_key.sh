#!/bin/sh
# End-to-end (issue #22): a keyboard visitor's first key on a fresh kiosk. The Tab that
# wakes the attract screen also does its own job: focus goes to the first item and the
# visitor is a keyboard user, so the Enter that follows presses that item (it used to be
# taken as switch 2: scanning started and spoke). Waits on the ready file, never a sleep.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

e2e_start_xvfb 1280x800
e2e_start_kiosk_attract content
grep -q "focus=-1" "$E2E_READY" || e2e_fail "focus was already set on the attract screen"

# Right after start-up X may drop the very first key (see e2e_wake): press again only
# while the attract screen is still up.
woke=""
for try in 1 2 3 4 5; do
	xdotool key Tab
	if e2e_poll "grep -q 'mode=page' '$E2E_READY'" 1; then woke=1; break; fi
done
[ -n "$woke" ] || e2e_fail "Tab did not wake the attract screen"
e2e_wait_for "page=home.md" || e2e_fail "waking did not show the home page"
# the first focusable item on screen has the focus ring
first=$(sed -n 's/^box=\([0-9]*\) .*/\1/p' "$E2E_READY" | head -n 1)
[ -n "$first" ] || e2e_fail "the home page lists no targets"
e2e_wait_for "focus=$first " || e2e_fail "the waking Tab did not move focus to the first item (box $first)"
grep -q "scan=off" "$E2E_READY" || e2e_fail "the waking Tab started scanning"
echo "ok: the waking Tab showed home with focus on the first item (box $first)"

# Enter presses the focused item, as for any keyboard user: not switch 2.
link=$(grep "^box=$first " "$E2E_READY" | tr ' ' '\n' | sed -n 's/^link=//p')
role=$(grep "^box=$first " "$E2E_READY" | tr ' ' '\n' | sed -n 's/^role=//p')
frame=$(e2e_frame)
xdotool key Return
e2e_wait_frame_after "$frame" || e2e_fail "no frame after Enter"
if [ "$link" != "-" ]; then
	e2e_wait_for "page=$link " || e2e_fail "Enter did not press the focused $role (to $link)"
else
	# pressing a row reads that row aloud
	e2e_wait_for "reading=$first " || e2e_fail "Enter did not press the focused $role (box $first)"
fi
grep -q "scan=off" "$E2E_READY" || e2e_fail "Enter was taken as switch 2: scanning started"
echo "ok: the next Enter pressed the focused $role${link:+ ($link)}, no scanning"
e2e_pass
