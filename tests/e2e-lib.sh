# Shared helpers for the end-to-end scripts: a private Xvfb, the kiosk with a ready file,
# and waits that poll the ready file for a condition (with a time limit), never blind sleeps.
E2E_TMP=$(mktemp -d)
E2E_READY="$E2E_TMP/ready"
E2E_LOG="$E2E_TMP/kiosk.log"
E2E_XVFB_PID=""
E2E_KIOSK_PID=""
E2E_KIOSK_RC=""
KIOSK=${KIOSK:-./kiosk}

e2e_cleanup() {
	[ -n "$E2E_KIOSK_PID" ] && kill "$E2E_KIOSK_PID" 2>/dev/null
	[ -n "$E2E_XVFB_PID" ] && kill "$E2E_XVFB_PID" 2>/dev/null
	rm -rf "$E2E_TMP"
}
trap e2e_cleanup EXIT

e2e_fail() {
	echo "FAIL: $*"
	echo "--- kiosk log:"
	cat "$E2E_LOG" 2>/dev/null
	echo "--- ready file:"
	cat "$E2E_READY" 2>/dev/null
	exit 1
}

e2e_pass() {
	echo "PASS: $(basename "$0")"
	exit 0
}

# Polls a condition (a shell command) every 20 ms for up to $2 seconds (default 10).
e2e_poll() {
	cond=$1
	limit=$(( ${2:-10} * 50 ))
	i=0
	while [ $i -lt $limit ]; do
		eval "$cond" && return 0
		sleep 0.02
		i=$((i + 1))
	done
	return 1
}

e2e_start_xvfb() {
	size=$1
	command -v Xvfb >/dev/null || e2e_fail "Xvfb is not installed (make check installs it as root)"
	for n in $(seq 90 140); do
		[ -e "/tmp/.X$n-lock" ] && continue
		Xvfb ":$n" -screen 0 "${size}x24" -nolisten tcp >"$E2E_TMP/xvfb.log" 2>&1 &
		E2E_XVFB_PID=$!
		export DISPLAY=":$n"
		if e2e_poll "xdpyinfo >/dev/null 2>&1" 5; then
			return 0
		fi
		kill "$E2E_XVFB_PID" 2>/dev/null
	done
	e2e_fail "could not start Xvfb"
}

# Starts the kiosk and leaves it on its attract screen. Usage figures go to the temp dir.
e2e_start_kiosk_attract() {
	SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy "$KIOSK" --software --ready-file "$E2E_READY" \
		--set usage.file="$E2E_TMP/usage.jsonl" "$@" >"$E2E_LOG" 2>&1 &
	E2E_KIOSK_PID=$!
	e2e_poll "[ -f '$E2E_READY' ]" 10 || e2e_fail "the kiosk showed no first frame within 10 s"
	e2e_wait_for "mode=attract" || e2e_fail "the kiosk did not start on its attract screen"
}

# Starts the kiosk and touches the attract screen once, like a visitor: the home page shows.
# Touches the attract screen like a visitor until the home page shows. Right after start-up
# X may not deliver the very first press to the new window yet (seen about 1 in 5 runs under
# Xvfb: the program never receives it), so the touch is repeated, as a person would.
# The default point is near the top (the title): the attract screen's language buttons
# lie lower down, and a touch on one wakes the kiosk in that language.
e2e_wake() {
	for try in 1 2 3 4 5; do
		xdotool mousemove "${1:-960}" "${2:-60}" mousedown 1 mouseup 1
		e2e_poll "grep -q 'mode=page' '$E2E_READY'" 1 && return 0
	done
	return 1
}

# Starts the kiosk and touches the attract screen once, like a visitor: the home page shows.
e2e_start_kiosk() {
	e2e_start_kiosk_attract "$@"
	e2e_wake || e2e_fail "touching the attract screen did not open the home page"
}

e2e_wait_for() {
	e2e_poll "grep -q -e '$1' '$E2E_READY' 2>/dev/null" 10
}

e2e_frame() {
	sed -n 's/^frame=\([0-9]*\).*/\1/p' "$E2E_READY"
}

e2e_wait_frame_after() {
	e2e_poll "[ \"\$(e2e_frame)\" -gt $1 ] 2>/dev/null" 10
}

# e2e_box ROLE N FIELD: a field (x, y, w, h, link) of the Nth target box with that role.
e2e_box() {
	grep " role=$1 " "$E2E_READY" | sed -n "${2}p" | tr ' ' '\n' | sed -n "s/^$3=//p"
}

e2e_box_centre() {
	x=$(e2e_box "$1" "$2" x)
	y=$(e2e_box "$1" "$2" y)
	w=$(e2e_box "$1" "$2" w)
	h=$(e2e_box "$1" "$2" h)
	[ -n "$x" ] || e2e_fail "no $1 box number $2 on screen"
	echo "$((x + w / 2)) $((y + h / 2))"
}

e2e_tap_box() {
	set -- $(e2e_box_centre "$1" "$2")
	xdotool mousemove "$1" "$2" mousedown 1 mouseup 1
}

e2e_wait_exit() {
	e2e_poll "! kill -0 $E2E_KIOSK_PID 2>/dev/null" 10 || return 1
	wait "$E2E_KIOSK_PID"
	E2E_KIOSK_RC=$?
	E2E_KIOSK_PID=""
	return 0
}

# e2e_button_to LINK: the number N of the button whose link is LINK (for e2e_tap_box button N).
e2e_button_to() {
	n=1
	while [ "$(e2e_box button $n link)" != "$1" ]; do
		n=$((n + 1))
		[ $n -lt 20 ] || return 1
	done
	echo $n
}
