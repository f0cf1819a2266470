#!/bin/bash
# walk.sh: a visitor reads every page. Sourced by bench/run.sh after e2e_start_xvfb and
# e2e_start_kiosk (tests/e2e-lib.sh). From the current page it presses Listen on each screen
# (waits until a few words were heard, then Stop), opens every button's page it has not
# seen (depth first), comes back with Back, and goes on with Next. Every press is timed with
# bench's tap tool (release -> the frame showing the result) and recorded by kind in
# $WALK_DIR/<kind>.ms, one number a line:
#   open_new    a button to a page never shown (parse + layout + uncached render)
#   next_new    Next to a screen never shown;  back   Back (screens seen before)
#   listen      Listen -> the frame with the Stop button (speech started)
# WALK_FULL=1 reads each screen to the end instead of stopping after a few words.
declare -A WALK_SEEN

walk_field() { sed -n "1s/.* $1=\([^ ]*\).*/\1/p" "$E2E_READY"; }

# walk_tap ROLE N PATTERN KIND: presses the Nth box of ROLE, waits for PATTERN, records.
walk_tap() {
	local xy ms
	xy=$(e2e_box_centre "$1" "$2") || return 1
	set -- $xy "$3" "$4"
	ms=$("$BENCH_BIN/tap" "$E2E_READY" "$1" "$2" "$3" 10000) || e2e_fail "pressing $1,$2 did not show '$3'"
	[ -n "$4" ] && echo "$ms" >>"$WALK_DIR/$4.ms"
	return 0
}

walk_tap_link() {
	local line x y w h ms
	line=$(grep " role=button .* link=$1\$" "$E2E_READY" | head -n 1)
	x=$(echo "$line" | sed 's/.* x=\([0-9]*\).*/\1/')
	y=$(echo "$line" | sed 's/.* y=\([0-9]*\).*/\1/')
	w=$(echo "$line" | sed 's/.* w=\([0-9]*\).*/\1/')
	h=$(echo "$line" | sed 's/.* h=\([0-9]*\).*/\1/')
	ms=$("$BENCH_BIN/tap" "$E2E_READY" $((x + w / 2)) $((y + h / 2)) "page=$1 screen=1/" 10000) ||
		e2e_fail "the button to $1 did not open it"
	echo "$ms" >>"$WALK_DIR/open_new.ms"
}

walk_page() {
	local page=$1 s n links l
	n=$(walk_field screen | cut -d/ -f2)
	for ((s = 1; s <= n; s++)); do
		if grep -q " role=listen " "$E2E_READY"; then
			walk_tap listen 1 "speaking=1" listen
			if [ "${WALK_FULL:-0}" = 1 ]; then
				e2e_poll "grep -q speaking=0 '$E2E_READY'" 120 || e2e_fail "$page screen $s was not read to the end"
			else
				e2e_wait_for "word=[1-9]" || e2e_fail "no word was read on $page screen $s"
				walk_tap listen 1 "speaking=0" ""
			fi
		fi
		WALK_SCREENS=$((WALK_SCREENS + 1))
		links=$(grep " role=button " "$E2E_READY" | sed 's/.* link=//')
		for l in $links; do
			[ -n "${WALK_SEEN[$l]:-}" ] && continue
			WALK_SEEN[$l]=1
			walk_tap_link "$l"
			walk_page "$l"
			while [ "$(walk_field page)" != "$page" ] || [ "$(walk_field screen | cut -d/ -f1)" != "$s" ]; do
				walk_tap back 1 "frame=" back
			done
		done
		if [ $s -lt $n ]; then
			walk_tap next 1 "screen=$((s + 1))/" next_new
		fi
	done
}

# walk_all: from the home page, every reachable page; sets WALKED to how many were seen.
walk_all() {
	WALK_SCREENS=0
	local home
	home=$(walk_field page)
	WALK_SEEN[$home]=1
	walk_page "$home"
	WALKED="${#WALK_SEEN[@]} pages, $WALK_SCREENS screens"
}
