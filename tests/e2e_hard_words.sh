#!/bin/sh
# End-to-end for hard words (Xvfb): a hard word's explanation is read to the end with nothing
# left lit; it closes with Escape or Backspace and nothing more (the page, its screen and the history stay); a hard word's target lives
# only on the screen that shows the word (screen 2 has none of screen 1's).
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

field() { tr ' ' '\n' <"$E2E_READY" | sed -n "s/^$1=//p" | head -n 1; }

e2e_start_xvfb 1920x1080
e2e_start_kiosk --set input.double_press_ms=0 --set speech.read_on_open=false content
while ! n=$(e2e_button_to "other-advocacy.md"); do # on a later screen of home
	grep -q " role=next " "$E2E_READY" || e2e_fail "no button to other-advocacy.md on home"
	frame=$(e2e_frame)
	e2e_tap_box next 1
	e2e_wait_frame_after "$frame" || e2e_fail "Next did not turn home's screen"
done
e2e_tap_box button $n
e2e_wait_for "page=other-advocacy.md " || e2e_fail "could not open other-advocacy.md"
e2e_tap_box next 1
e2e_wait_for "screen=2/" || e2e_fail "Next did not show screen 2"
history=$(field history)
# The explanation is read aloud; when it ends nothing stays lit (not its Close button).
bar() { grep -E " role=(home|settings|language|back) " "$E2E_READY" | sed 's/^box=[0-9]* //; s/ link=.*//'; }
page_bar=$(bar)
e2e_tap_box hardword 1
e2e_wait_for "mode=popup" || e2e_fail "tapping a hard word did not open its explanation"
[ "$(bar)" = "$page_bar" ] || { echo "$page_bar"; echo "---"; bar; e2e_fail "the pop-up's bar lost or moved Home, Settings, Language or Back"; }
echo "ok: the pop-up keeps Home, Settings, Language and Back where the page has them"
e2e_wait_for "speaking=1" || e2e_fail "the explanation was not read aloud"
e2e_poll "grep -q 'speaking=0' '$E2E_READY'" 30 || e2e_fail "the explanation was not read to the end"
grep -q "reading=-1 " "$E2E_READY" || e2e_fail "something stayed lit after the explanation was read"
echo "ok: the explanation was read to the end and nothing stayed lit"
# Settings on the pop-up's bar opens the settings (not just closing the pop-up); Done goes back.
e2e_tap_box settings 1
e2e_wait_for "mode=settings" || e2e_fail "Settings on the pop-up did not open the settings"
e2e_tap_box back 1
e2e_wait_for "mode=page" || e2e_fail "Back did not leave the settings"
grep -q "page=other-advocacy.md screen=2/" "$E2E_READY" || e2e_fail "leaving the settings lost the page"
echo "ok: Settings works from the pop-up and returns to the page"
for key in Escape BackSpace; do
	word=$(e2e_box hardword 1 link)
	[ -n "$word" ] || e2e_fail "no hard word on other-advocacy.md screen 2"
	e2e_tap_box hardword 1
	e2e_wait_for "mode=popup" || e2e_fail "tapping '$word' did not open its explanation"
	xdotool key "$key"
	e2e_wait_for "mode=page" || e2e_fail "$key did not close the explanation"
	grep -q "page=other-advocacy.md screen=2/" "$E2E_READY" || e2e_fail "$key on the pop-up also left the page or screen"
	[ "$(field history)" = "$history" ] || e2e_fail "$key on the pop-up also went back in the history"
	echo "ok: $key closed the explanation of '$word' and nothing more"
done

# Screen 1's hard words are not live on screen 2 (and the other way round).
e2e_tap_box back 1
e2e_wait_for "screen=1/" || e2e_fail "Back did not show screen 1"
one=$(grep " role=hardword " "$E2E_READY" | sed 's/^box=[0-9]* //')
e2e_tap_box next 1
e2e_wait_for "screen=2/" || e2e_fail "Next did not show screen 2"
two=$(grep " role=hardword " "$E2E_READY" | sed 's/^box=[0-9]* //')
[ -n "$one" ] && [ -n "$two" ] || e2e_fail "expected hard words on both screens of other-advocacy.md"
[ "$one" != "$two" ] || e2e_fail "screen 2 lists screen 1's hard words: $two"
# a tap where screen 1's hard word was opens nothing on screen 2
# a tap where screen 1's hard word was never opens screen 1's word on screen 2
w1=$(echo "$one" | head -n 1 | sed 's/.*link=//')
set -- $(echo "$one" | head -n 1 | tr ' ' '\n' | sed -n 's/^[xywh]=//p')
frame=$(e2e_frame)
xdotool mousemove $(($1 + $3 / 2)) $(($2 + $4 / 2)) mousedown 1 mouseup 1
e2e_wait_frame_after "$frame" || e2e_fail "no frame after the tap"
e2e_poll "grep -q 'mode=popup' '$E2E_READY'" 1 && grep -q "title=$w1\$" "$E2E_READY" &&
	e2e_fail "a tap on screen 2 opened '$w1', a hard word of screen 1"
echo "ok: hard words are live only on the screen that shows them"
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"
e2e_pass
