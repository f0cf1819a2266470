#!/bin/sh
# End-to-end health: the kiosk tells systemd it is ready after its first frame and pings the
# watchdog from its main loop while idle (a fake NOTIFY_SOCKET stands in for systemd); it
# writes the Prometheus textfile (version, kiosk id, content revision, last load and whether
# it passed, sound device, last input, visits today, errors), rewritten after a visit, and
# `promtool check metrics` accepts it; usage lines carry the kiosk id.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh
command -v python3 >/dev/null || e2e_fail "python3 is not installed"

rel="$E2E_TMP/releases/abc123def456"
mkdir -p "$rel"
cp -r content images "$rel/"
echo abc123def456 >"$rel/REVISION"
prom="$E2E_TMP/metrics/kiosk.prom" # the kiosk makes the folder
notes="$E2E_TMP/notify.log"

# A stand-in for systemd's notify socket: one line per datagram.
python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
open(sys.argv[2], "w").close()
while True:
    msg = s.recv(4096).decode()
    with open(sys.argv[2], "a") as f:
        f.write(msg.replace("\n", " ") + "\n")
' "$E2E_TMP/notify.sock" "$notes" &
listener=$!
trap 'kill $listener 2>/dev/null; e2e_cleanup' EXIT
e2e_poll "[ -e '$notes' ]" 5 || e2e_fail "the notify listener did not start"

e2e_start_xvfb 1280x800
mkdir "$E2E_TMP/snd" # stands in for /dev/snd: no sound card yet
export NOTIFY_SOCKET="$E2E_TMP/notify.sock" WATCHDOG_USEC=400000 KIOSK_DEV_SND="$E2E_TMP/snd"
# --time-scale 10: the sound devices are looked at every second instead of every 10
e2e_start_kiosk_attract --time-scale 10 --set kiosk.id=desk-9 --set metrics.file="$prom" \
	--set audio.device=plughw:7,0 "$rel/content"
unset NOTIFY_SOCKET WATCHDOG_USEC KIOSK_DEV_SND
e2e_poll "grep -q '^READY=1' '$notes'" 5 || e2e_fail "no READY=1 after the first frame"
grep -q "systemd watchdog: a ping every 200 ms" "$E2E_LOG" || e2e_fail "the watchdog interval was not taken from WATCHDOG_USEC"
# Idle on the attract screen, the loop still wakes to ping.
e2e_poll "[ \$(grep -c '^WATCHDOG=1' '$notes') -ge 5 ]" 5 || e2e_fail "fewer than 5 watchdog pings in 5 s while idle"
echo "ok: READY=1 after the first frame, then $(grep -c '^WATCHDOG=1' "$notes") watchdog pings while idle"

e2e_poll "[ -f '$prom' ]" 5 || e2e_fail "no metrics file"
grep -q '^kiosk_info{kiosk="desk-9",version="0.1.0",revision="abc123def456"} 1$' "$prom" ||
	{ cat "$prom"; e2e_fail "kiosk_info is wrong"; }
grep -q '^kiosk_content_load_ok{kiosk="desk-9"} 1$' "$prom" || e2e_fail "the content load is not reported as passed"
grep -q '^kiosk_sound_device_present{kiosk="desk-9"} 0$' "$prom" || e2e_fail "the dummy sound driver counted as a device"
grep -q '^kiosk_visits_today{kiosk="desk-9"} 0$' "$prom" || e2e_fail "visits before anyone came"
grep -q '^kiosk_last_input_timestamp_seconds{kiosk="desk-9"} 0$' "$prom" || e2e_fail "an input before anyone came"
load=$(sed -n 's/^kiosk_content_load_timestamp_seconds{kiosk="desk-9"} //p' "$prom")
[ "$load" -ge "$(($(date +%s) - 60))" ] || e2e_fail "the load time is not now: $load"

before=$(date +%s)
e2e_wake || e2e_fail "the visitor could not start"
e2e_poll "grep -q '^kiosk_visits_today{kiosk=\"desk-9\"} 1$' '$prom'" 5 || { cat "$prom"; e2e_fail "the visit was not counted"; }
e2e_poll "[ \$(sed -n 's/^kiosk_last_input_timestamp_seconds{kiosk=\"desk-9\"} //p' '$prom') -ge $before ]" 70 ||
	e2e_fail "the last input time was not written"
echo "ok: metrics: $(grep -v '^#' "$prom" | tr '\n' ' ')"
[ ! -e "$prom.tmp" ] || e2e_fail "the temporary metrics file was left"

if command -v promtool >/dev/null; then
	promtool check metrics <"$prom" >"$E2E_TMP/promtool.log" 2>&1 || { cat "$E2E_TMP/promtool.log"; e2e_fail "promtool check metrics failed"; }
	[ -s "$E2E_TMP/promtool.log" ] && { cat "$E2E_TMP/promtool.log"; e2e_fail "promtool check metrics found problems"; }
	echo "ok: promtool check metrics passes"
else
	e2e_fail "promtool is not installed (Debian package prometheus; make check installs it)"
fi

# USB speakers plugged in after start-up: the kiosk opens sound again by itself.
e2e_poll "grep -q 'sound: dummy' '$E2E_LOG'" 10 || e2e_fail "sound never started"
grep -q "sound device from the site settings: plughw:7,0" "$E2E_LOG" || e2e_fail "[audio] device was not used"
: >"$E2E_TMP/snd/pcmC1D0p"
e2e_poll "grep -q 'a sound device appeared: opening sound again' '$E2E_LOG'" 5 ||
	e2e_fail "a playback device that appeared after start-up was not picked up"
e2e_poll "[ \$(grep -c 'sound: dummy' '$E2E_LOG') -ge 2 ]" 5 || e2e_fail "sound was not opened again"
echo "ok: a sound device that appears after start-up is picked up (sound opened again)"

grep -q '"type":"session_start".*"kiosk":"desk-9"' "$E2E_TMP/usage.jsonl" ||
	{ cat "$E2E_TMP/usage.jsonl"; e2e_fail "the usage lines do not carry the kiosk id"; }
echo "ok: usage lines carry the kiosk id"
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"
grep -q '^STOPPING=1' "$notes" || e2e_fail "no STOPPING=1 at the end"
e2e_pass
