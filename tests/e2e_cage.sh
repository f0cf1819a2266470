#!/bin/sh
# End-to-end under cage, as kiosk.service runs it, but nested on Xvfb (the real DRM path needs
# a seat and a tty, which a test machine or container does not have): make install into a
# temporary PREFIX, then PREFIX/lib/kiosk/kiosk-session starts cage, which starts the kiosk
# with SDL_VIDEODRIVER=wayland (the unit's setting) and no content argument. The kiosk's
# READY=1 reaches the notify socket from inside cage (the unit's NotifyAccess=all), the first
# frame shows the shipped content, and [display] rotation = 90 in the site settings turns
# the output to portrait (cage -r). cage refuses to run as root: as root the test runs it as
# nobody.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh
for tool in cage Xwayland python3; do
	command -v $tool >/dev/null || e2e_fail "$tool is not installed (make check installs cage, xwayland, python3)"
done

prefix="$E2E_TMP/usr"
make --no-print-directory -s install PREFIX="$prefix" SYSCONFDIR="$E2E_TMP/etc" INSTALL_USER=no \
	>"$E2E_TMP/install.log" 2>&1 || { cat "$E2E_TMP/install.log"; e2e_fail "make install failed"; }
site="$E2E_TMP/site.ini"
# a PIN hash, so the staff exit works and the test can end the kiosk like staff would
printf '[display]\nrotation = 90\n[usage]\nenabled = no\n' >"$site"
echo 2468 | "$prefix/bin/kiosk" --site "$site" --set-pin >/dev/null 2>&1 || e2e_fail "--set-pin failed"
chmod -R a+rX "$E2E_TMP"
chmod 0644 "$site"
run=$(mktemp -d)
chmod 0700 "$run"
as=""
if [ "$(id -u)" = 0 ]; then
	chown nobody "$run"
	as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	chmod a+rwx "$E2E_TMP"
fi
trap 'rm -rf "$run"; kill $listener 2>/dev/null; e2e_cleanup' EXIT

notes="$E2E_TMP/notify.log"
python3 -c '
import socket, sys, os
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o777)
open(sys.argv[2], "w").close()
while True:
    msg = s.recv(4096).decode()
    with open(sys.argv[2], "a") as f:
        f.write(msg.replace("\n", " ") + "\n")
' "$E2E_TMP/notify.sock" "$notes" &
listener=$!
e2e_poll "[ -e '$notes' ]" 5 || e2e_fail "the notify listener did not start"

e2e_start_xvfb 1280x1024
start=$(date +%s%N)
(cd / && exec env XDG_RUNTIME_DIR="$run" WLR_BACKENDS=x11 WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
	KIOSK_STATE_DIR="$E2E_TMP/state" SDL_VIDEODRIVER=wayland SDL_AUDIODRIVER=dummy NOTIFY_SOCKET="$E2E_TMP/notify.sock" WATCHDOG_USEC=2000000 \
	WATCHDOG_PID=1 $as "$prefix/lib/kiosk/kiosk-session" --site "$site" --ready-file "$E2E_READY" \
	>"$E2E_LOG" 2>&1) &
E2E_KIOSK_PID=$!
e2e_poll "grep -q '^READY=1' '$notes'" 20 || e2e_fail "no READY=1 from the kiosk inside cage"
ready_ms=$((($(date +%s%N) - start) / 1000000))
e2e_wait_for "mode=attract" || e2e_fail "the kiosk under cage is not on its attract screen"
grep -q "title=Independent advocacy" "$E2E_READY" || e2e_fail "not the shipped content"
grep -q "first frame presented after .* (768x1024)" "$E2E_LOG" ||
	{ grep "first frame" "$E2E_LOG"; e2e_fail "rotation = 90 did not give a portrait 768x1024 output"; }
grep -q "systemd watchdog: a ping every 1000 ms" "$E2E_LOG" ||
	e2e_fail "the kiosk ignored the watchdog (kiosk-session must unset WATCHDOG_PID)"
e2e_poll "grep -q '^WATCHDOG=1' '$notes'" 5 || e2e_fail "no watchdog ping from inside cage"
echo "ok: under cage (nested, wayland): READY=1 after $ready_ms ms, $(grep 'first frame' "$E2E_LOG" | sed 's/.*after //'), watchdog pings"
import -window root "$E2E_TMP/cage.png" 2>/dev/null && [ -n "${E2E_SHOT:-}" ] && cp "$E2E_TMP/cage.png" "$E2E_SHOT"
# Staff close it: Ctrl+Alt+Q, the PIN; cage ends when the kiosk does.
xdotool key ctrl+alt+q
e2e_wait_for "mode=pin" || e2e_fail "no PIN pad under cage"
xdotool type 2468
xdotool key Return
e2e_poll "! kill -0 $E2E_KIOSK_PID 2>/dev/null" 10 || e2e_fail "cage did not end after the kiosk closed"
E2E_KIOSK_PID=""
grep -q "staff closed the kiosk" "$E2E_LOG" || e2e_fail "the kiosk did not close"
e2e_pass
