#!/bin/sh
# Monkey test: the real kiosk (dummy video driver, dummy sound) takes random events: taps
# anywhere, slides, keys, switch presses, joystick buttons and hot-plug, window resizes, a
# lost sound device, window-close requests, with its clock jumping forward so idle warnings
# and resets happen again and again. Under ASan + UBSan: no crash, no leak. On the normal
# build: memory at the end within 10% of memory after the first 1,000 events.
# MONKEY_EVENTS (default 4000 under ASan, 20000 plain) sets the length; `make monkey` runs
# 100,000.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh
BUILD=${BUILD:-build}
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
# Run alone or from tests/run.sh: full stacks and our suppressions either way (lsan.supp)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}:fast_unwind_on_malloc=0"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0}"
opts="--software --set session.pin=97531864 --set usage.file=$E2E_TMP/usage.jsonl content"

n=${MONKEY_EVENTS:-4000}
"$BUILD/asan/kiosk" --monkey "$n" --seed 11 $opts >"$E2E_LOG" 2>&1
rc=$?
[ $rc -eq 0 ] || { grep -A30 "ERROR" "$E2E_LOG" | head -40; e2e_fail "the ASan kiosk ended with $rc after random events"; }
grep -q "monkey: $n events done" "$E2E_LOG" || e2e_fail "the monkey run did not finish its $n events"
resets=$(sed -n 's/.*events done, \([0-9]*\) idle resets.*/\1/p' "$E2E_LOG")
[ "${resets:-0}" -ge 2 ] || e2e_fail "only ${resets:-0} idle resets in the run"
echo "ok: $n random events under ASan + UBSan: no crash, no leak, $resets idle resets"

# The same under a real X server: SDL then talks to D-Bus, and libdbus keeps a buffer at
# exit that tests/lsan.supp suppresses (with full stacks): only our own leaks may fail it.
e2e_start_xvfb 1280x800
SDL_VIDEODRIVER=x11 "$BUILD/asan/kiosk" --monkey 300 --seed 13 $opts >"$E2E_LOG" 2>&1
rc=$?
[ $rc -eq 0 ] || { grep -A30 "ERROR" "$E2E_LOG" | head -40; e2e_fail "the ASan kiosk under X11 ended with $rc"; }
echo "ok: 300 random events under X11 with ASan: no leak reported (libdbus's is suppressed)"

n=${MONKEY_EVENTS_PLAIN:-20000}
./kiosk --monkey "$n" --seed 12 $opts >"$E2E_LOG" 2>&1 || e2e_fail "the kiosk failed during $n random events"
start=$(sed -n 's/.*after 1000 events \([0-9]*\) KiB.*/\1/p' "$E2E_LOG")
end=$(sed -n 's/.*at the end \([0-9]*\) KiB.*/\1/p' "$E2E_LOG")
[ -n "$start" ] && [ -n "$end" ] || e2e_fail "no memory figures in the log"
# Memory growth as the trend of minima (issue #22: start vs end flaked at +10.4% with no
# trend). RSS is sampled every 500 events; one sample can be high for a reason that goes
# away (the window was 4K then, a cache was full), so the samples after the first 1,000
# events are cut into 4 windows and each window's minimum kept. A leak raises every
# minimum: fail when the minima rise window after window AND the last is more than 5%
# above the first. Noise does not do both.
minima=$(sed -n 's/.*memory (RSS) at \([0-9]*\) events \([0-9]*\) KiB.*/\1 \2/p' "$E2E_LOG" | awk '
	$1 >= 1000 { v[n++] = $2 }
	END {
		if (n < 8) { print "too-few"; exit }
		for (w = 0; w < 4; w++) {
			m = -1
			for (i = int(w * n / 4); i < int((w + 1) * n / 4); i++)
				if (m < 0 || v[i] < m) m = v[i]
			printf "%d ", m
		}
	}')
case "$minima" in too-few*|"") e2e_fail "too few memory samples in the log ($minima)" ;; esac
set -- $minima
if [ "$1" -lt "$2" ] && [ "$2" -lt "$3" ] && [ "$3" -lt "$4" ] && [ $(($4 * 100)) -gt $(($1 * 105)) ]; then
	e2e_fail "memory keeps growing: the minimum RSS of each quarter of the run is $1, $2, $3, $4 KiB"
fi
echo "ok: $n random events: minimum RSS per quarter $1, $2, $3, $4 KiB (no rising trend); $start KiB after 1,000 events, $end KiB at the end"
e2e_pass
