#!/bin/sh
# End-to-end: reading aloud keeps the visit alive. The kiosk's clock runs 20x faster
# (--time-scale) with the shortest idle timeout (20 s = 1 s of real time), while speech keeps
# real time, so one screen read aloud lasts many idle timeouts:
#  - no "Are you still there?" while the page is being read;
#  - paused, the reading no longer counts: the warning comes;
#  - "carry on" (a tap) resumes the reading from the row it was in, not from the title.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

field() { tr ' ' '\n' <"$E2E_READY" | sed -n "s/^$1=//p" | head -n 1; }

e2e_start_xvfb 1920x1080
e2e_start_kiosk --time-scale 20 --set session.idle_timeout_s=20 --set session.warning_s=600 \
	--set input.double_press_ms=0 --set speech.read_on_open=false content
e2e_wait_for "page=home.md" || e2e_fail "the home page was not shown"
e2e_tap_box listen 1
e2e_wait_for "speaking=1" || e2e_fail "Listen did not start speech"
# 3 s of real time = 60 s on the kiosk's clock = three idle timeouts, all while reading.
e2e_poll "grep -q 'mode=warning' '$E2E_READY'" 3 && e2e_fail "'Are you still there?' cut into the reading"
grep -q "speaking=1" "$E2E_READY" || e2e_fail "the reading stopped by itself within 3 s"
echo "ok: 60 s of kiosk time reading aloud (3 idle timeouts): no warning"

e2e_wait_for "reading=[1-9]" || e2e_fail "the reading never got past the title"
e2e_tap_box pause 1
e2e_wait_for " paused=1" || e2e_fail "Pause did not pause"
box=$(field reading)
e2e_wait_for "mode=warning" || e2e_fail "no warning while the reading was paused and nobody touched"
echo "ok: paused at box $box, the warning came"

xdotool mousemove 960 400 mousedown 1 mouseup 1
e2e_wait_for "mode=page" || e2e_fail "a tap did not carry on"
e2e_wait_for "speaking=1" || e2e_fail "carrying on did not resume the reading"
e2e_wait_for "reading=[0-9]" || e2e_fail "nothing was lit after carrying on"
[ "$(field reading)" = "$box" ] || e2e_fail "the reading resumed at box $(field reading), not at box $box"
grep -q " paused=0" "$E2E_READY" || e2e_fail "the resumed reading is paused"
echo "ok: carry on resumed the reading at box $box"

xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"
e2e_pass
