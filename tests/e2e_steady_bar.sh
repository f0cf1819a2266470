#!/bin/sh
# End-to-end: a steady bottom bar while scanning and reading (Xvfb, one-switch automatic
# scanning with Space, SDL's dummy audio):
#  - while the scan moves and speaks each label, no button of the bar changes or moves
#    (a spoken label is not a reading: Listen stays Listen, no Pause appears);
#  - a switch press while Listen is lit (even as its label is being spoken) does Listen;
#  - scanning holds while the page is being read, and goes on after the reading ends.
# Again is in its own slot from the first frame (issue #14), so it is part of the compare (while
# reading the slot says Pause, as Listen's says Stop); so is Help (issue #15).
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

field() { tr ' ' '\n' <"$E2E_READY" | sed -n "s/^$1=//p" | head -n 1; }
box_of() { grep " role=$1 " "$E2E_READY" | sed -n "${2}p" | sed 's/^box=\([0-9]*\).*/\1/'; }
bar() { grep -E " role=(home|help|listen|again|pause|settings|language|back|next) " "$E2E_READY" | sed 's/ link=.*//' | sort; }

e2e_start_xvfb 1920x1080
e2e_start_kiosk --set scan.mode=auto --set scan.interval_ms=1000 --set scan.first_extra_ms=0 --set scan.loops=0 \
	--set scan.ignore_repeat_ms=0 --set input.double_press_ms=0 --set speech.read_on_open=false content
e2e_wait_for "page=home.md" || e2e_fail "the home page was not shown"
# one step in: a page with Back and Next (Back, Settings, Language all on the bar)
e2e_tap_box button 1
e2e_wait_for "history=1" || e2e_fail "could not open a topic"
before=$(bar)
echo "$before" | grep -q "role=settings" || e2e_fail "no Settings on the bar"
echo "$before" | grep -q "role=back" || e2e_fail "no Back on the bar"
echo "$before" | grep -q "role=again" || e2e_fail "no Again on the bar before anything was read"

xdotool key space
e2e_wait_for "scan=on" || e2e_fail "a switch press did not start scanning"
# 4+ s of scanning with spoken labels: every frame, the bar is the same and nothing reads.
seen=""
i=0
while [ $i -lt 200 ]; do
	if [ -f "$E2E_READY" ]; then
		now=$(bar)
		[ "$now" = "$before" ] || { echo "$before"; echo "---"; echo "$now"; e2e_fail "the bar changed while scanning"; }
		grep -q "speaking=0" "$E2E_READY" || e2e_fail "a spoken scan label turned Listen into Stop"
		f="$(field focus)/$(field ring)"
		case " $seen " in *" $f "*) ;; *) seen="$seen $f" ;; esac
	fi
	sleep 0.02
	i=$((i + 1))
done
[ "$(echo $seen | wc -w)" -ge 2 ] || e2e_fail "the scan did not move (focus/ring went through:$seen)"
echo "ok: 4+ s of scanning with spoken labels (focus on:$seen): the bar never changed"

# A press while Listen is lit, as its label starts: Listen reads the page.
listen=$(box_of listen 1)
bar_y=$(e2e_box listen 1 y)
# this page has more targets than are scanned one by one: choose the bar's group first
e2e_poll "grep -q 'ring=[0-9]*,$bar_y,' '$E2E_READY'" 30 || e2e_fail "the scan never lit the bar's group"
xdotool key space
e2e_poll "grep -q 'focus=$listen ' '$E2E_READY'" 30 || e2e_fail "the scan never lit Listen (box $listen)"
xdotool key space
e2e_wait_for "speaking=1" || e2e_fail "a switch press while Listen was lit did not start the reading"
e2e_wait_for "reading=[0-9]" || e2e_fail "nothing is lit while reading"
echo "ok: a switch press while Listen was lit read the page"
# While the page is read the scan holds on Listen.
e2e_poll "! grep -q 'focus=$listen ' '$E2E_READY' && grep -q 'speaking=1' '$E2E_READY'" 3 &&
	e2e_fail "the scan moved on while the page was being read"
grep -q "speaking=1" "$E2E_READY" || e2e_fail "the reading stopped by itself"
echo "ok: the scan held on Listen for 3 s of reading"
# The bar while reading: the same rects (Stop in Listen's slot, Pause in Again's), Settings and
# Language still there.
bar | grep -q " role=pause " || e2e_fail "no Pause in Again's slot while reading"
now=$(bar | sed 's/ role=pause / role=again /')
[ "$(echo "$now" | grep -v role=listen)" = "$(echo "$before" | grep -v role=listen)" ] ||
	{ echo "$before"; echo "---"; echo "$now"; e2e_fail "buttons moved or vanished while reading"; }
[ "$(echo "$now" | grep role=listen)" = "$(echo "$before" | grep role=listen)" ] ||
	e2e_fail "Stop is not in Listen's slot"
echo "ok: while reading the bar keeps every button in its place"

# Stop it with a touch on Stop; then a tapped row: the scan waits for the row, then goes on.
e2e_tap_box listen 1
e2e_wait_for "speaking=0" || e2e_fail "Stop did not stop"
e2e_tap_box row 1
e2e_wait_for "speaking=1" || e2e_fail "tapping a row did not read it"
held=$(field focus)
e2e_poll "grep -q 'speaking=0' '$E2E_READY'" 30 || e2e_fail "the row was not read to the end"
grep -q "reading=-1 " "$E2E_READY" || e2e_fail "the row's band stayed lit after the reading ended"
e2e_poll "! grep -q 'focus=$held ' '$E2E_READY'" 5 || e2e_fail "the scan did not go on after the reading"
echo "ok: the scan held during the row and went on after it"

xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"
e2e_pass
