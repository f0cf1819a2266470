#!/bin/sh
# End-to-end speech in the real kiosk (Xvfb, SDL's dummy audio driver: no sound card):
# Listen reads the screen with the lit word moving on, Stop silences at once, a tap on a row
# reads that row, Pause holds the lit word, and the frame loop keeps answering while
# speaking (Next works mid-sentence and stops the speech).
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

e2e_start_xvfb 1920x1080
# Taps on the same button in quick succession are the point here, not the double-press guard.
e2e_start_kiosk --set input.double_press_ms=0 content
e2e_wait_for "page=home.md" || e2e_fail "the home page was not shown"
# Again keeps its slot from the first frame, before anything is read (issue #14).
grep -q " role=again " "$E2E_READY" || e2e_fail "no Again button before anything was read"

field() { tr ' ' '\n' <"$E2E_READY" | sed -n "s/^$1=//p" | head -n 1; }

e2e_tap_box listen 1
e2e_wait_for "speaking=1" || e2e_fail "Listen did not start speech"
e2e_wait_for "word=[1-9]" || e2e_fail "no word was lit while reading"
w1=$(field word)
e2e_poll "[ \"\$(field word)\" != '$w1' ]" 10 || e2e_fail "the lit word did not move on"
echo "ok: Listen reads with the lit word moving (word at byte $w1, then $(field word))"
grep -q " role=listen .*" "$E2E_READY" || e2e_fail "no Listen/Stop button while speaking"
grep -q " role=pause " "$E2E_READY" || e2e_fail "no Pause button while speaking"

# Pause holds the lit word; Go on continues.
e2e_tap_box pause 1
e2e_wait_for " paused=1" || e2e_fail "Pause did not pause"
held=$(field word)
frame=$(e2e_frame)
e2e_tap_box pause 1
e2e_wait_for " paused=0" || e2e_fail "Go on did not resume"
[ "$(e2e_frame)" -gt "$frame" ] || e2e_fail "no frame after resuming"
echo "ok: Pause held the word at byte $held, Go on resumed"

# Stop: the very next frame shows no speech (it stops inside the tap's event handling).
e2e_tap_box listen 1
e2e_wait_for "speaking=0" || e2e_fail "Stop did not stop speech"
grep -q "reading=-1" "$E2E_READY" || e2e_fail "a row is still lit after Stop"
echo "ok: Stop silenced speech at once"

# Tap a row: just that row is read; Again then repeats it.
e2e_tap_box row 1
e2e_wait_for "speaking=1" || e2e_fail "tapping a row did not read it"
e2e_wait_for "speaking=0" || e2e_fail "the row was not read to the end"
grep -q " role=again " "$E2E_READY" || e2e_fail "no Again button after a row was read"
e2e_tap_box again 1
e2e_wait_for "speaking=1" || e2e_fail "Again did not repeat the row"
echo "ok: a tapped row is read, Again repeats it"

# Mid-sentence navigation: Next is answered at once and stops the speech. (Home is one
# screen of tiles: a topic with more screens.)
e2e_tap_box button "$(e2e_button_to care-act.md)"
e2e_wait_for "page=care-act.md " || e2e_fail "the Care Act topic did not open"
e2e_tap_box listen 1
e2e_wait_for "speaking=1" || e2e_fail "Listen did not start a second time"
e2e_tap_box next 1
e2e_wait_for "screen=2/" || e2e_fail "Next was not answered while speaking"
grep -q "speaking=0" "$E2E_READY" || e2e_fail "speech went on after Next"
echo "ok: Next works mid-sentence and stops speech"

xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"
[ "$E2E_KIOSK_RC" = 0 ] || e2e_fail "exit code $E2E_KIOSK_RC"
e2e_pass
