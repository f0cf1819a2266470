#!/bin/sh
# End-to-end deployment: `make install` into a temporary PREFIX gives the package's layout;
# the installed binary, started from another folder with no argument, shows the shipped
# content; a second install keeps the site's kiosk.ini; systemd-analyze verifies the units
# and scores the kiosk unit's exposure at 4.0 or lower (offline); a kiosk with site settings
# and no PIN refuses to close and says how to set one; `kiosk --set-pin` stores a salted
# hash (no digits in the file); then a wrong PIN is logged without its digits and the right
# one closes the kiosk.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

root="$E2E_TMP/root"
prefix="$root/usr"
etc="$root/etc"
make --no-print-directory -s install PREFIX="$prefix" SYSCONFDIR="$etc" INSTALL_USER=no >"$E2E_TMP/install.log" 2>&1 ||
	{ cat "$E2E_TMP/install.log"; e2e_fail "make install failed"; }
for f in bin/kiosk share/kiosk/content/kiosk.ini share/kiosk/content/en/home.md share/kiosk/fonts \
	share/kiosk/images lib/kiosk/kiosk-session lib/kiosk/kiosk-sync lib/systemd/system/kiosk.service \
	lib/systemd/system/kiosk-sync.service lib/systemd/system/kiosk-sync.timer lib/sysusers.d/kiosk.conf; do
	[ -e "$prefix/$f" ] || e2e_fail "make install did not install PREFIX/$f"
done
[ -f "$etc/kiosk/kiosk.ini" ] && [ -f "$etc/logrotate.d/kiosk" ] || e2e_fail "no site kiosk.ini or logrotate rule"
grep -q "ExecStart=$prefix/lib/kiosk/kiosk-session" "$prefix/lib/systemd/system/kiosk.service" ||
	e2e_fail "the unit does not start PREFIX/lib/kiosk/kiosk-session"
echo "ok: make install gives the package's layout under PREFIX"

# The site file is the technician's: installing again must not touch it.
printf '[kiosk]\nid = e2e-7\n' >>"$etc/kiosk/kiosk.ini"
make --no-print-directory -s install PREFIX="$prefix" SYSCONFDIR="$etc" INSTALL_USER=no >"$E2E_TMP/install.log" 2>&1 ||
	e2e_fail "the second make install failed"
grep -q "id = e2e-7" "$etc/kiosk/kiosk.ini" || e2e_fail "a second make install overwrote the site's kiosk.ini"
grep -q "keeping the site settings" "$E2E_TMP/install.log" || e2e_fail "make install did not say it kept kiosk.ini"
[ "$("$prefix/bin/kiosk" --site "$etc/kiosk/kiosk.ini" --get kiosk.id)" = e2e-7 ] || e2e_fail "--get kiosk.id"
echo "ok: a second make install keeps the site's kiosk.ini"

# The shipped logrotate rule (its path moved to a test folder) rotates the usage file, and
# kiosk --report on the folder reads the rotated file and the new one: 3 visits.
if command -v logrotate >/dev/null; then
	logs="$E2E_TMP/logs"
	mkdir -p "$logs"
	printf '%s\n' '{"t":1796040000,"type":"session_start","lang":"en","kiosk":"desk-3"}' \
		'{"t":1796040060,"type":"session_end","reason":"idle","s":60,"kiosk":"desk-3"}' \
		'{"t":1796040100,"type":"session_start","lang":"pl","kiosk":"desk-3"}' >"$logs/usage.jsonl"
	sed -e "s|/var/lib/kiosk/usage.jsonl|$logs/usage.jsonl|" -e "s|su kiosk kiosk|su $(id -un) $(id -gn)|" \
		"$etc/logrotate.d/kiosk" >"$E2E_TMP/logrotate.conf"
	logrotate -f -s "$E2E_TMP/logrotate.state" "$E2E_TMP/logrotate.conf" >"$E2E_TMP/logrotate.log" 2>&1 ||
		{ cat "$E2E_TMP/logrotate.log"; e2e_fail "logrotate refused the shipped rule"; }
	[ -s "$logs/usage.jsonl.1" ] && [ ! -s "$logs/usage.jsonl" ] || e2e_fail "logrotate did not rotate usage.jsonl to usage.jsonl.1"
	printf '%s\n' '{"t":1796040200,"type":"session_start","lang":"en","kiosk":"desk-3"}' >>"$logs/usage.jsonl"
	"$prefix/bin/kiosk" --report "$logs" >"$E2E_TMP/report.txt" 2>&1 || e2e_fail "kiosk --report on the folder failed"
	grep -q "(2 files)" "$E2E_TMP/report.txt" && grep -q "Total  *3 " "$E2E_TMP/report.txt" ||
		{ cat "$E2E_TMP/report.txt"; e2e_fail "the report did not count the rotated file's visits"; }
	echo "ok: the shipped logrotate rule rotates usage.jsonl; kiosk --report on the folder reads both files"
else
	e2e_fail "logrotate is not installed"
fi
[ "$("$prefix/bin/kiosk" --version)" = "kiosk $(sed -n '1s/^kiosk (\([^)]*\)).*/\1/p' debian/changelog)" ] ||
	e2e_fail "kiosk --version and debian/changelog disagree"

# systemd checks the units (ExecStart must exist: it points into PREFIX here).
if command -v systemd-analyze >/dev/null; then
	units="$prefix/lib/systemd/system"
	systemd-analyze verify "$units/kiosk.service" "$units/kiosk-sync.service" "$units/kiosk-sync.timer" \
		>"$E2E_TMP/verify.log" 2>&1 || { cat "$E2E_TMP/verify.log"; e2e_fail "systemd-analyze verify failed"; }
	[ -s "$E2E_TMP/verify.log" ] && { cat "$E2E_TMP/verify.log"; e2e_fail "systemd-analyze verify warned"; }
	for u in kiosk kiosk-sync; do
		score=$(systemd-analyze security --offline=true "$units/$u.service" 2>/dev/null |
			sed -n 's/.*Overall exposure level for .*: \([0-9.]*\).*/\1/p')
		[ -n "$score" ] || e2e_fail "systemd-analyze security gave no score for $u.service"
		awk "BEGIN { exit !($score <= 4.0) }" || e2e_fail "$u.service exposure $score is above 4.0"
		echo "ok: systemd-analyze security --offline: $u.service exposure $score"
	done
	echo "ok: systemd-analyze verify passes"
else
	e2e_fail "systemd-analyze is missing"
fi

# The installed binary, run from / with no content argument, finds PREFIX/share/kiosk.
e2e_start_xvfb 1280x800
site="$E2E_TMP/site.ini"
printf '[kiosk]\nid = desk-3\n[usage]\nfile = %s/usage.jsonl\n' "$E2E_TMP" >"$site"
# (with every switch key name docs/deploy.md lists in step 5: the kiosk must know them all)
# (KIOSK_STATE_DIR: this machine's own /var/lib/kiosk/content, if synced, must not count)
export KIOSK_STATE_DIR="$E2E_TMP/state"
(cd / && SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy exec "$prefix/bin/kiosk" --software --site "$site" \
	--set "input.switch1_keys=Space,Return,Tab,Backspace,Escape,1,9,A,Z,F1,F12,Left" \
	--set "input.switch2_keys=Right,Up,Down,Keypad Enter,Keypad 1" \
	--ready-file "$E2E_READY" >"$E2E_LOG" 2>&1) &
E2E_KIOSK_PID=$!
e2e_poll "[ -f '$E2E_READY' ]" 10 || e2e_fail "the installed kiosk showed no first frame"
grep -q "is not a key name" "$E2E_LOG" && e2e_fail "a key name from docs/deploy.md is unknown: $(grep 'not a key name' "$E2E_LOG")"
e2e_wait_for "mode=attract" || e2e_fail "the installed kiosk did not start on its attract screen"
grep -q "title=Independent advocacy" "$E2E_READY" || e2e_fail "the installed kiosk does not show the shipped content"
echo "ok: the installed kiosk found $prefix/share/kiosk/content with no argument"

# No PIN anywhere: staff cannot close it, and the log says how to set one.
grep -q "no staff PIN is set: the kiosk will not close. Set one with: sudo kiosk --set-pin" "$E2E_LOG" ||
	e2e_fail "no start-up warning about the missing PIN"
xdotool key ctrl+alt+q
e2e_poll "grep -q 'not closing: no staff PIN is set' '$E2E_LOG'" 10 || e2e_fail "Ctrl+Alt+Q without a PIN did not log the refusal"
kill -0 "$E2E_KIOSK_PID" 2>/dev/null || e2e_fail "the kiosk closed without a PIN"
echo "ok: with site settings and no PIN, Ctrl+Alt+Q is refused and the log says: sudo kiosk --set-pin"
kill "$E2E_KIOSK_PID"
e2e_poll "! kill -0 $E2E_KIOSK_PID 2>/dev/null" 10 || e2e_fail "SIGTERM did not stop the kiosk"
E2E_KIOSK_PID=""

# kiosk --set-pin stores a salted hash, never the digits.
echo 97531 | "$prefix/bin/kiosk" --site "$site" --set-pin >"$E2E_TMP/setpin.log" 2>&1 || e2e_fail "--set-pin failed"
grep -q '^pin_hash = \$' "$site" || e2e_fail "no pin_hash line in the site file"
grep -q 97531 "$site" "$E2E_TMP/setpin.log" && e2e_fail "the PIN's digits are in the site file or the output"
rm -f "$E2E_READY"
(cd / && SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy exec "$prefix/bin/kiosk" --software --site "$site" \
	--ready-file "$E2E_READY" >"$E2E_LOG" 2>&1) &
E2E_KIOSK_PID=$!
e2e_poll "[ -f '$E2E_READY' ]" 10 || e2e_fail "no first frame after --set-pin"
e2e_wait_for "mode=attract" || e2e_fail "not on the attract screen"
xdotool key ctrl+alt+q
e2e_wait_for "mode=pin" || e2e_fail "Ctrl+Alt+Q did not show the PIN pad"
xdotool type 86420
xdotool key Return
e2e_poll "grep -q 'a wrong staff PIN was entered' '$E2E_LOG'" 10 || e2e_fail "a wrong PIN was not logged"
grep -q 86420 "$E2E_LOG" && e2e_fail "the log holds the wrong PIN's digits"
xdotool type 97531
xdotool key Return
e2e_wait_exit || e2e_fail "the right PIN did not close the kiosk"
grep -q "staff closed the kiosk" "$E2E_LOG" || e2e_fail "no 'staff closed the kiosk' line"
grep -q 97531 "$E2E_LOG" && e2e_fail "the log holds the PIN's digits"
echo "ok: --set-pin's hash opens the pad; the wrong PIN is logged without digits; the right one closes"
e2e_pass
