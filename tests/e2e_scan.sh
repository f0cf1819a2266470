#!/bin/sh
# End-to-end switch scanning in the real kiosk under Xvfb, driven by xdotool key presses as a
# USB switch interface sends them: (1) two-switch step scanning with Space (move) and Enter
# (choose): home -> a topic -> Back -> home; (2) one-switch automatic scanning with Space
# alone. After steps, a real screenshot of the X screen must show the focus ring around the
# highlighted box. Waits poll the ready file; nothing sleeps to let things happen.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

FOCUS_RGB="0,61,165" # theme cream: focus ring #003DA5

field() { tr ' ' '\n' <"$E2E_READY" | sed -n "s/^$1=//p" | head -n 1; }
box_of() { grep " role=$1 " "$E2E_READY" | sed -n "${2}p" | sed 's/^box=\([0-9]*\).*/\1/'; }

# The ring is drawn just outside the box: check a pixel 4 px left of its middle.
# The X server may still be drawing the announced frame: look again for up to 2 s.
ring_is_around() { e2e_poll "ring_now_around $1 $2" 2; }
ring_now_around() {
	x=$(e2e_box "$1" "$2" x)
	y=$(e2e_box "$1" "$2" y)
	h=$(e2e_box "$1" "$2" h)
	import -window root "$E2E_TMP/shot.png" 2>/dev/null || e2e_fail "could not take a screenshot"
	px=$(convert "$E2E_TMP/shot.png" -format "%[fx:int(255*p{$((x - 4)),$((y + h / 2))}.r)],%[fx:int(255*p{$((x - 4)),$((y + h / 2))}.g)],%[fx:int(255*p{$((x - 4)),$((y + h / 2))}.b)]" info:-)
	[ "$px" = "$FOCUS_RGB" ]
}

# Press switch key $1 until the focus is on box $2 (at most $3 presses).
step_to() {
	n=0
	while ! grep -q "focus=$2 " "$E2E_READY"; do
		[ $n -lt "$3" ] || { cat "$E2E_READY"; e2e_fail "switch 1 never reached box $2"; }
		frame=$(e2e_frame)
		xdotool key "$1"
		e2e_wait_frame_after "$frame" || e2e_fail "no frame after a switch press"
		n=$((n + 1))
	done
}

# Press switch key $1 until the lit group's ring starts at y $2 (at most $3 presses).
step_to_row() {
	n=0
	while ! grep -q "ring=[0-9]*,$2," "$E2E_READY"; do
		[ $n -lt "$3" ] || { cat "$E2E_READY"; e2e_fail "switch 1 never lit the row at y $2"; }
		frame=$(e2e_frame)
		xdotool key "$1"
		e2e_wait_frame_after "$frame" || e2e_fail "no frame after a switch press"
		n=$((n + 1))
	done
}

e2e_start_xvfb 1920x1080

# (1) Step scanning: Space moves, Enter chooses.
# Presses here come faster than a person presses: no repeat window (unit-tested in test_scan).
e2e_start_kiosk --set scan.mode=step --set scan.ignore_repeat_ms=0 --set input.double_press_ms=0 content
e2e_wait_for "page=home.md" || e2e_fail "the home page was not shown"
e2e_wait_for "scan=off" || e2e_fail "scanning was on before any switch press"
xdotool key space
e2e_wait_for "scan=on" || e2e_fail "a switch press on the touch kiosk did not start scanning"
e2e_wait_for "focus=[0-9]\|ring=[0-9]" || e2e_fail "no highlight after scanning started"
grep -q "page=home.md" "$E2E_READY" || e2e_fail "the walk-up press chose something"
echo "ok: walk-up: the first switch press starts scanning and chooses nothing"
target=$(e2e_box button 1 link)
# Home is a menu: a grid of tiles, scanned by rows, then tiles. Step to the first row of
# tiles (the lit group's ring starts at the first tile's top), choose it, then the tile.
step_to_row space "$(e2e_box button 1 y)" 12
echo "ok: step scanning lit the first row of tiles as one group"
frame=$(e2e_frame)
xdotool key Return
e2e_wait_frame_after "$frame" || e2e_fail "no frame after choosing the row"
step_to space "$(box_of button 1)" 12
ring_is_around button 1 || e2e_fail "the screenshot shows no focus ring around the first topic"
echo "ok: step scanning reached the first topic; the screenshot shows the ring around it"
xdotool key Return
e2e_wait_for "page=$target " || e2e_fail "switch 2 did not open $target"
echo "ok: switch 2 opened $target"
# 8 targets here: group scanning. Step to the navigation bar group, choose it, then Back.
if ! grep -q "focus=$(box_of back 1) " "$E2E_READY"; then
	n=0
	while ! grep -q "ring=[0-9]*,\(8[5-9][0-9]\|9[0-9][0-9]\)," "$E2E_READY"; do
		[ $n -lt 12 ] || e2e_fail "the navigation bar group was never lit"
		frame=$(e2e_frame)
		xdotool key space
		e2e_wait_frame_after "$frame" || e2e_fail "no frame after a switch press"
		n=$((n + 1))
	done
	echo "ok: group scanning lit the navigation bar as one group"
	frame=$(e2e_frame)
	xdotool key Return
	e2e_wait_frame_after "$frame" || e2e_fail "no frame after choosing the group"
fi
step_to space "$(box_of back 1)" 20
ring_is_around back 1 || e2e_fail "the screenshot shows no focus ring around Back"
xdotool key Return
e2e_wait_for "page=home.md" || e2e_fail "choosing Back did not go home"
echo "ok: step scanning to Back and choosing it went home"
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"

# (2) Automatic scanning with one switch: Space starts, then Space chooses what is lit.
rm -f "$E2E_READY"
e2e_start_kiosk --set scan.mode=auto --set scan.interval_s=1 --set scan.ignore_repeat_ms=0 --set input.double_press_ms=0 content
e2e_wait_for "page=home.md" || e2e_fail "the home page was not shown (automatic mode)"
xdotool key space
e2e_wait_for "scan=on" || e2e_fail "Space did not start automatic scanning"
button=$(box_of button 1)
target=$(e2e_box button 1 link)
row_y=$(e2e_box button 1 y)
e2e_poll "grep -q 'ring=[0-9]*,$row_y,' '$E2E_READY'" 30 || e2e_fail "automatic scanning never lit the first row of tiles"
xdotool key space
e2e_poll "grep -q 'focus=$button ' '$E2E_READY'" 30 || e2e_fail "automatic scanning never lit the first topic"
xdotool key space
e2e_wait_for "page=$target " || e2e_fail "one switch press did not open the lit topic $target"
echo "ok: automatic scanning lit the first topic by itself and one press opened it"
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"
e2e_pass
