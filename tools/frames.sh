#!/bin/sh
# Frames in the middle of the action, from the kiosk running under its own Xvfb (waits on the
# ready file, never sleeps): attract, home, a row being read with its word lit, paused,
# stopped, the hard-word pop-up (while read and after), a scan step, Settings, Language.
# Usage: tools/frames.sh OUTDIR SIZE THEME LANG   (make frames: every size, theme, en and ur)
set -u
out=$1 size=$2 theme=$3 lang=$4
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh
mkdir -p "$out"
tag="$size-$theme-$lang"
W=${size%x*}; H=${size#*x}
shot() { import -window root "$out/$tag-$1.png"; grep "^frame" "$E2E_READY" > "$out/$tag-$1.txt"; }
e2e_start_xvfb "$size"
e2e_start_kiosk_attract --lang "$lang" --set display.theme="$theme" --set input.double_press_ms=0 \
	--set scan.mode=auto --set scan.interval_ms=2000 --set scan.loops=0 content
shot attract
e2e_wake "$((W/2))" 40 || e2e_fail "no wake"
e2e_wait_for "page=home.md" || e2e_fail "no home"
shot home
n=$(e2e_button_to care-act.md) || e2e_fail "no care-act button"
e2e_tap_box button "$n"
e2e_wait_for "page=care-act.md" || e2e_fail "no care act page"
e2e_tap_box listen 1
e2e_wait_for "speaking=1" || e2e_fail "no speech"
e2e_poll "grep -q 'reading=[2-9].*word=[1-9]' '$E2E_READY'" 20 || e2e_fail "no second row read"
shot reading
e2e_tap_box pause 1
e2e_wait_for " paused=1" || e2e_fail "no pause"
shot paused
e2e_tap_box listen 1
e2e_wait_for "speaking=0" || e2e_fail "no stop"
shot stopped
if grep -q " role=hardword " "$E2E_READY"; then
	e2e_tap_box hardword 1
	e2e_wait_for "mode=popup" && shot popup
	e2e_poll "grep -q 'speaking=0' '$E2E_READY'" 30 && shot popup-after
	xdotool key Escape
	e2e_wait_for "mode=page" || e2e_fail "Escape did not close the pop-up"
fi
xdotool key space
e2e_wait_for "scan=on" || e2e_fail "no scan"
e2e_poll "grep -q 'ring=[0-9]' '$E2E_READY'" 10 && shot scan
xdotool key Escape 2>/dev/null
e2e_tap_box settings 1 2>/dev/null
e2e_wait_for "mode=settings" && shot settings
e2e_tap_box home 1
e2e_wait_for "mode=page" || true
e2e_tap_box language 1
e2e_wait_for "mode=language" && shot language
echo "ok $tag"
