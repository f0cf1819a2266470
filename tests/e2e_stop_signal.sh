#!/bin/sh
# A stop loses nothing: `systemctl stop` sends SIGTERM. The kiosk must write the open page view
# and the visit's end to the usage log and exit 0 (before, SIGTERM killed it at once and both
# lines were lost). The same for SIGINT (Ctrl+C in a terminal).
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

e2e_start_xvfb 1280x800
for sig in TERM INT; do
	rm -f "$E2E_TMP/usage.jsonl" "$E2E_READY"
	e2e_start_kiosk --set input.double_press_ms=0 content
	target=$(e2e_box button 1 link)
	e2e_tap_box button 1
	e2e_wait_for "page=$target " || e2e_fail "could not open $target"
	kill -s "$sig" "$E2E_KIOSK_PID"
	e2e_wait_exit || e2e_fail "SIG$sig did not stop the kiosk within 10 s"
	[ "$E2E_KIOSK_RC" = 0 ] || e2e_fail "SIG$sig: the kiosk exited with $E2E_KIOSK_RC, not 0"
	grep -q "\"page_view\".*\"$target\"\|\"$target\".*\"page_view\"" "$E2E_TMP/usage.jsonl" ||
		{ cat "$E2E_TMP/usage.jsonl"; e2e_fail "SIG$sig: the open page view of $target was not written"; }
	grep -q '"session_end".*"stop"\|"stop".*"session_end"' "$E2E_TMP/usage.jsonl" ||
		{ cat "$E2E_TMP/usage.jsonl"; e2e_fail "SIG$sig: the visit's end was not written"; }
	echo "ok: SIG$sig: exit 0, page view of $target and the visit's end written"
done
e2e_pass
