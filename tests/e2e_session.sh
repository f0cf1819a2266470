#!/bin/sh
# End-to-end visitor session in the real kiosk under Xvfb, with the kiosk's clock running 10x
# faster (--time-scale) so a 20 s idle timeout and a 20 s countdown take about 4 s:
# attract -> visit -> "Are you still there?" -> one tap continues where the visitor was ->
# idle again -> reset to the attract screen with settings and history back to the defaults.
# Then the staff PIN: wrong PINs lock the pad, the right PIN closes the kiosk. Finally the
# usage figures written during the visit are summarised by --report.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

field() { tr ' ' '\n' <"$E2E_READY" | sed -n "s/^$1=//p" | head -n 1; }
tap_centre() { xdotool mousemove 960 400 mousedown 1 mouseup 1; }

e2e_start_xvfb 1920x1080
e2e_start_kiosk_attract --time-scale 10 --set session.idle_timeout_s=20 --set session.warning_s=20 \
	--set session.pin=2468 --set session.pin_timeout_s=600 --set input.double_press_ms=0 content
echo "ok: the kiosk starts on its attract screen"
e2e_wake 960 400 || e2e_fail "a tap on the attract screen did not open home"
grep -q "page=home.md" "$E2E_READY" || e2e_fail "the first tap acted on the page underneath"
target=$(e2e_box button 1 link)
e2e_tap_box button 1
e2e_wait_for "page=$target " || e2e_fail "could not open $target"

# Change a setting: bigger text.
e2e_tap_box settings 1
e2e_wait_for "mode=settings" || e2e_fail "Settings did not open"
e2e_tap_box button "$(e2e_button_to kiosk:larger)"
e2e_wait_for "text_size=1" || e2e_fail "Larger text did not make the text larger"
# Back in Settings goes to the Settings screen before, as Back does on a page.
e2e_tap_box next 1
e2e_wait_for "screen=2/" || e2e_fail "Next did not show the second Settings screen"
e2e_tap_box back 1
e2e_wait_for "screen=1/" || e2e_fail "Back on Settings screen 2 did not go to screen 1"
grep -q "mode=settings" "$E2E_READY" || e2e_fail "Back on Settings screen 2 left Settings"
e2e_tap_box back 1
e2e_wait_for "mode=page" || e2e_fail "Back did not leave the settings"
echo "ok: settings: text size changed to large; Back steps through the Settings screens, then leaves"

# Idle: the warning comes with a countdown of at least 20 s; a tap continues.
e2e_wait_for "mode=warning" || e2e_fail "no 'Are you still there?' after the idle timeout"
c=$(field countdown)
[ "$c" -ge 15 ] || e2e_fail "the countdown started at $c s, not about 20"
tap_centre
e2e_wait_for "mode=page" || { cat "$E2E_READY" | head -3; grep -v "^kiosk: content" "$E2E_LOG" | tail; e2e_fail "a tap did not continue"; }
grep -q "page=$target " "$E2E_READY" || e2e_fail "continuing did not return to $target"
grep -q "text_size=1" "$E2E_READY" || e2e_fail "continuing lost the visitor's settings"
echo "ok: idle warning with a ${c} s countdown; one tap continued on $target"

# Idle again, and no answer: back to the attract screen, everything reset.
e2e_wait_for "mode=warning" || e2e_fail "no second warning"
e2e_wait_for "mode=attract" || e2e_fail "the kiosk did not go back to the attract screen by itself"
grep -q "text_size=0 theme=0 volume=80 history=0" "$E2E_READY" ||
	e2e_fail "the reset did not restore the default settings and clear the history"
tap_centre
e2e_wait_for "mode=page" || { grep "input" "$E2E_LOG" | tail -5; e2e_fail "the next visitor's tap did not open home"; }
grep -q "page=home.md" "$E2E_READY" || e2e_fail "the next visitor did not start at home"
echo "ok: no answer: reset to the attract screen, defaults back, history cleared"

# Staff: a finger held on the top-left corner for 5 s (0.5 s at 10x) shows the PIN pad;
# Escape closes it again, back where the visitor was.
xdotool mousemove 10 10 mousedown 1
e2e_wait_for "mode=pin" || { xdotool mouseup 1; e2e_fail "holding the staff corner did not show the PIN pad"; }
xdotool mouseup 1
grep -q "page=home.md" "$E2E_READY" || e2e_fail "the corner hold pressed something on the page"
xdotool key Escape
e2e_wait_for "mode=page" || e2e_fail "Escape did not close the PIN pad"
echo "ok: holding the top-left corner shows the staff PIN pad; Escape closes it"

# Staff: Ctrl+Alt+Q asks for the PIN; 5 wrong PINs lock the pad; the right one quits.
xdotool key ctrl+alt+q
e2e_wait_for "mode=pin" || e2e_fail "Ctrl+Alt+Q did not show the PIN pad"
for i in 1 2 3 4 5; do
	frame=$(e2e_frame)
	xdotool type --delay 1 1111
	xdotool key Return
	e2e_wait_frame_after "$frame" || e2e_fail "no frame after a PIN"
done
e2e_wait_for "pin=locked" || e2e_fail "5 wrong PINs did not lock the pad"
kill -0 "$E2E_KIOSK_PID" || e2e_fail "the kiosk closed on a wrong PIN"
echo "ok: 5 wrong PINs lock the pad"
# the journal hears of it, never the digits
[ "$(grep -c 'a wrong staff PIN was entered' "$E2E_LOG")" -eq 5 ] || e2e_fail "the 5 wrong PINs were not logged"
grep -q "the staff PIN pad is locked for [0-9]* s after too many wrong PINs" "$E2E_LOG" || e2e_fail "the lock-out was not logged"
grep -q 1111 "$E2E_LOG" && e2e_fail "the log holds a wrong PIN's digits"
echo "ok: wrong PINs and the lock-out are logged without digits"
e2e_poll "grep -q 'pin=open' '$E2E_READY' || { xdotool key 0; false; }" 10 || e2e_fail "the lock did not end"
xdotool key BackSpace
xdotool type --delay 1 2468
xdotool key Return
e2e_wait_exit || e2e_fail "the right PIN did not close the kiosk"
[ "$E2E_KIOSK_RC" = 0 ] || e2e_fail "exit code $E2E_KIOSK_RC"
echo "ok: the right PIN closed the kiosk"
grep -q "2468" "$E2E_LOG" "$E2E_TMP/usage.jsonl" && e2e_fail "the PIN was written to a log"

# The usage figures of those visits.
for ev in session_start page_view setting idle_warning session_end; do
	grep -q "\"type\":\"$ev\"" "$E2E_TMP/usage.jsonl" || e2e_fail "no $ev event in the usage file"
done
grep -q '"reason":"idle"' "$E2E_TMP/usage.jsonl" || e2e_fail "the idle reset was not recorded"
"$KIOSK" --report "$E2E_TMP/usage.jsonl" --chart "$E2E_TMP/chart.svg" >"$E2E_TMP/report.txt" ||
	e2e_fail "--report failed"
grep -qi "visit" "$E2E_TMP/report.txt" || e2e_fail "the report has no visits"
grep -q "<svg" "$E2E_TMP/chart.svg" || e2e_fail "no SVG chart"
echo "ok: usage figures recorded and reported"
e2e_pass
