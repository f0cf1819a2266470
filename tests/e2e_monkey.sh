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
opts="--software --set session.pin=97531864 --set usage.file=$E2E_TMP/usage.jsonl content"

n=${MONKEY_EVENTS:-4000}
"$BUILD/asan/kiosk" --monkey "$n" --seed 11 $opts >"$E2E_LOG" 2>&1
rc=$?
[ $rc -eq 0 ] || { grep -A30 "ERROR" "$E2E_LOG" | head -40; e2e_fail "the ASan kiosk ended with $rc after random events"; }
grep -q "monkey: $n events done" "$E2E_LOG" || e2e_fail "the monkey run did not finish its $n events"
resets=$(sed -n 's/.*events done, \([0-9]*\) idle resets.*/\1/p' "$E2E_LOG")
[ "${resets:-0}" -ge 2 ] || e2e_fail "only ${resets:-0} idle resets in the run"
echo "ok: $n random events under ASan + UBSan: no crash, no leak, $resets idle resets"

n=${MONKEY_EVENTS_PLAIN:-20000}
./kiosk --monkey "$n" --seed 12 $opts >"$E2E_LOG" 2>&1 || e2e_fail "the kiosk failed during $n random events"
start=$(sed -n 's/.*after 1000 events \([0-9]*\) KiB.*/\1/p' "$E2E_LOG")
end=$(sed -n 's/.*at the end \([0-9]*\) KiB.*/\1/p' "$E2E_LOG")
[ -n "$start" ] && [ -n "$end" ] || e2e_fail "no memory figures in the log"
[ $((end * 100)) -le $((start * 110)) ] || e2e_fail "memory grew from $start KiB to $end KiB (more than 10%)"
echo "ok: $n random events: memory $start KiB after 1,000 events, $end KiB at the end"
e2e_pass
