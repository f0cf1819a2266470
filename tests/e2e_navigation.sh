#!/bin/sh
# End-to-end: the real ./kiosk, full-screen in a real X server (Xvfb), driven with xdotool
# like a visitor's finger: open a topic from home, go Back, quit with the staff keys.
# It waits on the kiosk's --ready-file (rewritten after every frame), never on a sleep.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

e2e_start_xvfb 1920x1080
e2e_start_kiosk content

# Home is shown first, with buttons to the topics.
e2e_wait_for "page=home.md" || e2e_fail "the home page was not shown"
target=$(e2e_box button 1 link)
[ -n "$target" ] && [ "$target" != "-" ] || e2e_fail "home has no topic buttons"
e2e_tap_box button 1
e2e_wait_for "page=$target " || e2e_fail "tapping the first topic did not open $target"
echo "ok: tapping the first topic opened $target"

# A press that slides off the button before lifting does nothing (WCAG 2.5.2).
frame=$(e2e_frame)
set -- $(e2e_box_centre back 1)
xdotool mousemove "$1" "$2" mousedown 1 mousemove 5 5 mouseup 1
e2e_wait_frame_after "$frame" || e2e_fail "no frame after the cancelled press"
grep -q "page=$target " "$E2E_READY" || e2e_fail "a press that slid off Back still acted"
echo "ok: sliding off a button cancels it"

# The title region of a real X screenshot: a signature of its pixels, and that it is not blank.
title_sum() {
	import -window root "$E2E_TMP/s.png" 2>/dev/null || e2e_fail "no screenshot"
	convert "$E2E_TMP/s.png" -crop 1400x100+250+20 +repage "$E2E_TMP/t.png"
	colours=$(convert "$E2E_TMP/t.png" -format "%k" info:)
	[ "$colours" -gt 2 ] || e2e_fail "the title region is blank"
	# the pixels' signature (a PNG file also holds its creation time, so not the file's)
	convert "$E2E_TMP/t.png" -format "%#" info:
}
# The X server may still be drawing the frame the ready file announced: look again (for up to
# 2 s) until the screenshot shows what is expected.
title_becomes() { e2e_poll "[ \"\$(title_sum)\" $1 '$2' ]" 2; }
e2e_poll "[ -n \"\$(title_sum)\" ]" 2
topic_title=$(title_sum)
title_becomes = "$topic_title" || e2e_fail "the topic's title is not steady on screen"
# Next: the topic's second screen (the title stays: it is the same page)
e2e_tap_box next 1
e2e_wait_for "screen=2/" || e2e_fail "Next did not show the second screen"
title_becomes = "$topic_title" || e2e_fail "the title changed on the page's second screen"
echo "ok: Next showed screen 2 of $target, same title"
e2e_tap_box back 1
e2e_wait_for "screen=1/" || e2e_fail "Back did not return to screen 1"
grep -q "page=$target " "$E2E_READY" || e2e_fail "Back on screen 2 left the page"
e2e_tap_box home 1
e2e_wait_for "page=home.md" || e2e_fail "Home did not go home"
title_becomes != "$topic_title" || e2e_fail "the screenshot still shows the topic's title at home"
echo "ok: Back returned to screen 1, Home went home (the screenshot's title region changed)"
e2e_tap_box button 1
e2e_wait_for "page=$target " || e2e_fail "could not open $target again"
e2e_tap_box back 1
e2e_wait_for "page=home.md" || e2e_fail "Back did not return home"
echo "ok: Back returned home"

# Help in the bar (home's first tile is Ask for help itself: take another topic): one press
# from a topic's screen 2 opens Ask for help; Back returns to that screen.
topic=$(e2e_box button 2 link)
e2e_tap_box button 2
e2e_wait_for "page=$topic " || e2e_fail "could not open $topic"
e2e_tap_box next 1
e2e_wait_for "screen=2/" || e2e_fail "Next did not show screen 2 of $topic"
e2e_tap_box help 1
e2e_wait_for "page=ask-for-help.md " || e2e_fail "the bar's Help did not open ask-for-help.md"
grep -q " role=help " "$E2E_READY" || e2e_fail "no Help in the bar on the help page itself"
e2e_tap_box back 1
e2e_wait_for "page=$topic screen=2/" || e2e_fail "Back from the help page did not return to screen 2 of $topic"
echo "ok: Help opened the help page in one press, Back returned to screen 2 of $topic"
e2e_tap_box home 1
e2e_wait_for "page=home.md" || e2e_fail "Home did not go home"

# Keyboard: Tab to the first topic button (past the text row), Enter opens it; Escape back.
button=$(grep " role=button " "$E2E_READY" | head -n 1 | sed 's/^box=\([0-9]*\).*/\1/')
xdotool key Tab
e2e_wait_for "focus=[0-9]" || e2e_fail "Tab did not move the focus"
tabs=1
while ! grep -q "focus=$button " "$E2E_READY"; do
	[ $tabs -lt 10 ] || e2e_fail "Tab never reached the first button (box $button)"
	frame=$(e2e_frame)
	xdotool key Tab
	e2e_wait_frame_after "$frame" || e2e_fail "no frame after Tab"
	tabs=$((tabs + 1))
done
xdotool key Return
e2e_wait_for "page=$target " || e2e_fail "Tab then Enter did not open $target"
xdotool key Escape
e2e_wait_for "page=home.md" || e2e_fail "Escape did not go back home"
echo "ok: keyboard Tab, Enter, Escape"

# The window manager's close does not end a kiosk; staff keys do.
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "Ctrl+Alt+Q did not quit the kiosk"
[ "$E2E_KIOSK_RC" = 0 ] || e2e_fail "the kiosk exited with $E2E_KIOSK_RC"
grep -q "first frame presented" "$E2E_LOG" || e2e_fail "no 'first frame presented' log line"
echo "ok: staff quit, exit code 0"
e2e_pass
