#!/bin/sh
# End-to-end dwell selection in the real kiosk under Xvfb: a visitor who points (xdotool
# moves the X pointer, as a head mouse or eye tracker does) but never clicks.
#   (1) The walk-up offer: dwell is off (the shipped default); the pointer moves about on the
#       attract screen with no click, the kiosk asks "choose by keeping still?", the visitor
#       rests on Yes, then on the third home topic, which opens. A real screenshot while the
#       ring fills shows it in the theme's button text colour.
#   (2) Dwell set by the site (input.dwell_ms): resting opens the third topic with no click.
#   (3) Dwell and 2 switches chosen in Settings are reset for the next visitor.
# Waits poll the ready file; moving the pointer is the visitor's action, never a wait.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

box_with_link() { grep " link=$1\$" "$E2E_READY" | head -n 1 | sed 's/^box=\([0-9]*\).*/\1/'; }
centre_of() {
	line=$(grep "^box=$1 " "$E2E_READY" | head -n 1)
	[ -n "$line" ] || e2e_fail "no box $1 on screen"
	set -- $(echo "$line" | tr ' ' '\n' | sed -n 's/^[xywh]=//p')
	echo "$(($1 + $3 / 2)) $(($2 + $4 / 2))"
}
ring() { sed -n 's/.* dwell_ring=\([-0-9,]*\).*/\1/p' "$E2E_READY"; }
# The pixel at the top of the ring's band (where the fill starts) in a real screenshot.
ring_top_pixel() {
	set -- $(ring | tr ',' ' ')
	[ "$3" -gt 0 ] || return 1
	x=$(($1 + $3 / 2 + 3)) y=$(($2 + $3 / 12 + $3 / 40 + 1))
	import -window root "$E2E_TMP/shot.png" 2>/dev/null || e2e_fail "could not take a screenshot"
	convert "$E2E_TMP/shot.png" -format "%[fx:int(255*p{$x,$y}.r)],%[fx:int(255*p{$x,$y}.g)],%[fx:int(255*p{$x,$y}.b)]" info:-
}
# Moves the pointer off what it pressed, to box $1's centre, and leaves it there.
rest_on() {
	set -- $(centre_of "$1")
	xdotool mousemove 20 20 mousemove "$1" "$2"
}

e2e_start_xvfb 1920x1080
topic=$(grep -o '](\([a-z0-9-]*\.md\))' content/en/home.md | sed -n 1p | sed 's/^](\(.*\))$/\1/')

# (1) Walk-up: the offer after 3 s of moving with no click (20 s when shipped).
e2e_start_kiosk_attract --set input.dwell_offer_s=3 content
grep -q " dwell=0 " "$E2E_READY" || e2e_fail "dwell is not off by default"
i=0
until grep -q "mode=dwell-offer" "$E2E_READY"; do
	i=$((i + 1))
	[ $i -lt 400 ] || e2e_fail "moving the pointer without a click never offered dwell"
	xdotool mousemove $((300 + (i % 7) * 150)) $((200 + (i % 5) * 120))
	e2e_poll "grep -q mode=dwell-offer '$E2E_READY'" 1
done
e2e_wait_for "speaking=1" || e2e_fail "the dwell question was not read aloud"
echo "ok: a pointer that moves but never clicks gets the dwell question, read aloud"
grep -q "dwell=1200 " "$E2E_READY" || e2e_fail "dwell is not on (1.2 s) for answering the question"
t0=$(date +%s%N)
rest_on "$(box_with_link kiosk:dwell-yes)"
e2e_wait_for "mode=page" || e2e_fail "resting on Yes did not answer the question"
grep -q " dwell=1200 " "$E2E_READY" || e2e_fail "Yes did not turn dwell on"
echo "ok: resting on Yes turned dwell on (1.2 s) and went back to the page"
# Rest on the first topic; while its ring fills, a screenshot shows the fill.
rest_on "$(box_with_link "$topic")"
e2e_poll "[ \"\$(ring | cut -d, -f3)\" -gt 0 ] 2>/dev/null" 10 || e2e_fail "no dwell ring while resting on $topic"
px=$(ring_top_pixel)
[ "$px" = "26,26,26" ] || e2e_fail "the ring's fill is $px, not the cream theme's button text 26,26,26"
echo "ok: the ring fills in the button text colour (screenshot pixel $px)"
e2e_wait_for "page=$topic " || e2e_fail "resting on $topic did not open it"
echo "ok: resting on a topic opened $topic with no click ($(( ($(date +%s%N) - t0) / 1000000 )) ms from pointing at Yes)"
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"

# (2) Dwell from kiosk.ini at the suggested 1.2 s: wake by moving and resting, then the third
# home topic (Next first if it is on a later screen), timed from the first move.
third=$(grep -o '](\([a-z0-9-]*\.md\))' content/en/home.md | sed -n 3p | sed 's/^](\(.*\))$/\1/')
rm -f "$E2E_READY"
e2e_start_kiosk_attract --set input.dwell_ms=1200 content
t0=$(date +%s%N)
xdotool mousemove 500 500 mousemove 900 600
e2e_wait_for "mode=page" || e2e_fail "moving and resting did not wake the kiosk"
e2e_wait_for "page=home.md" || e2e_fail "no home page"
rests=0
while [ -z "$(box_with_link "$third")" ]; do
	rests=$((rests + 1))
	[ $rests -lt 5 ] || e2e_fail "Next never showed $third"
	shown=$(sed -n 's/.* screen=\([0-9]*\)\/.*/\1/p' "$E2E_READY")
	rest_on "$(grep " role=next " "$E2E_READY" | sed 's/^box=\([0-9]*\).*/\1/')"
	e2e_poll "! grep -q ' screen=$shown/' '$E2E_READY'" 10 || e2e_fail "resting on Next did not turn the screen"
done
rest_on "$(box_with_link "$third")"
e2e_wait_for "page=$third " || e2e_fail "resting on $third did not open it (dwell_ms=1200)"
grep -q "history=1 " "$E2E_READY" || e2e_fail "another page was opened on the way"
echo "MEASURED: dwell only (1.2 s, no click): $third opened after $((rests + 2)) rests in $(( ($(date +%s%N) - t0) / 1000000 )) ms from the first move on the attract screen"
echo "ok: with dwell_ms from the settings, moving woke the kiosk and resting opened $third"
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"

# (3) The visitor's dwell and switch choices go back to the site's for the next visitor.
# Timers run 10 times faster: the 60 s idle timeout and 20 s countdown take about 8 s.
rm -f "$E2E_READY"
e2e_start_kiosk --time-scale 10 --set session.idle_timeout_s=60 --set session.warning_s=20 content
# Clicks the Settings button linking to $1, turning the Settings screens (Next, then Back).
click_link() {
	n=0 dir=next
	while [ -z "$(box_with_link "$1")" ]; do
		n=$((n + 1))
		[ $n -lt 12 ] && grep -q "mode=settings" "$E2E_READY" || e2e_fail "no $1 button in Settings"
		grep -q " role=$dir " "$E2E_READY" || dir=back
		f=$(e2e_frame)
		set -- "$1" $(e2e_box_centre $dir 1)
		xdotool mousemove "$2" "$3" click 1
		e2e_wait_frame_after "$f" || e2e_fail "$dir did not turn the Settings screen"
	done
	set -- $(centre_of "$(box_with_link "$1")")
	xdotool mousemove "$1" "$2" click 1
}
set -- $(e2e_box_centre settings 1)
xdotool mousemove "$1" "$2" click 1
e2e_wait_for "mode=settings" || e2e_fail "Settings did not open"
click_link kiosk:switches
e2e_wait_for "scan_mode=step" || e2e_fail "the Settings switches button did not choose 2 switches"
click_link kiosk:dwell
e2e_wait_for " dwell=1200 " || e2e_fail "the Settings dwell button did not turn dwell on at 1.2 s"
echo "ok: Settings turned dwell on (1.2 s) and chose 2 switches"
e2e_poll "grep -q mode=attract '$E2E_READY'" 20 || e2e_fail "the kiosk did not start again for the next visitor"
grep -q " dwell=0 " "$E2E_READY" || e2e_fail "dwell stayed on for the next visitor"
grep -q "scan_mode=auto" "$E2E_READY" || e2e_fail "2 switches stayed for the next visitor"
echo "ok: the next visitor gets dwell off and 1 switch again"
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"
e2e_pass
