#!/bin/sh
# End-to-end: "Print this page". The test runs its own CUPS scheduler (cupsd, on a socket in
# a temporary folder) with a queue whose backend writes each job to a file, starts the kiosk
# with [print] printer naming that queue, taps Take this page home, then Print this page,
# (the page is drawn and sent on a thread of its own) and checks what arrived: a PDF, A4, with the page's title and the council's name as text.
# Then a queue that does not exist: the kiosk says the printer is not working and carries on.
# The handout's content in detail (every row, Urdu, the QR code) is tests/test_print.c.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh
command -v pdftotext >/dev/null || e2e_fail "pdftotext is not installed (make check installs poppler-utils)"
if ! command -v cupsd >/dev/null || [ "$(id -u)" != 0 ]; then
	# cupsd runs its backends as the lp user and must be started as root
	echo "ok: skipped the CUPS part (needs root and cupsd; make check installs cups)"
	e2e_pass
fi

CUPS="$E2E_TMP/cups"
mkdir -p "$CUPS/bin/backend" "$CUPS/out" "$CUPS/spool" "$CUPS/cache" "$CUPS/state" "$CUPS/log"
chmod 755 "$E2E_TMP" "$CUPS"
chmod 777 "$CUPS/out"
for d in filter daemon cgi-bin; do ln -s "/usr/lib/cups/$d" "$CUPS/bin/$d"; done
cat >"$CUPS/bin/backend/tofile" <<'SH'
#!/bin/sh
# A CUPS backend for tests: writes the job to the file named in its device URI.
[ $# -eq 0 ] && { echo 'direct tofile "Unknown" "Test file"'; exit 0; }
out=${DEVICE_URI#tofile:}
if [ -n "${6:-}" ]; then cat "$6" >"$out.tmp"; else cat >"$out.tmp"; fi
mv "$out.tmp" "$out"
SH
chmod 755 "$CUPS/bin/backend/tofile"
cat >"$CUPS/cupsd.conf" <<CONF
Listen $CUPS/cups.sock
LogLevel warn
<Location />
  Order allow,deny
  Allow all
</Location>
CONF
cat >"$CUPS/cups-files.conf" <<CONF
ServerRoot $CUPS
ServerBin $CUPS/bin
RequestRoot $CUPS/spool
CacheDir $CUPS/cache
StateDir $CUPS/state
TempDir $CUPS/spool
ErrorLog $CUPS/log/error_log
AccessLog $CUPS/log/access_log
PageLog $CUPS/log/page_log
User lp
Group lp
CONF
cupsd -f -c "$CUPS/cupsd.conf" -s "$CUPS/cups-files.conf" >"$CUPS/cupsd.out" 2>&1 &
CUPSD_PID=$!
trap 'kill $CUPSD_PID 2>/dev/null; e2e_cleanup' EXIT
export CUPS_SERVER="$CUPS/cups.sock"
e2e_poll "lpstat -r 2>/dev/null | grep -q 'is running'" 10 || e2e_fail "the test's cupsd did not start: $(cat "$CUPS/cupsd.out" "$CUPS/log/error_log" 2>/dev/null)"
lpadmin -p kiosktest -E -v "tofile:$CUPS/out/job" 2>"$CUPS/lpadmin.err" || e2e_fail "lpadmin: $(cat "$CUPS/lpadmin.err")"
echo "ok: a CUPS queue kiosktest that writes jobs to a file"
e2e_start_xvfb 1920x1080

print_from() {
	e2e_start_kiosk content "$@" --set print.council="Example Borough Council"
	target=$(grep " role=button " "$E2E_READY" | grep -v "link=kiosk:" | head -n 1 | sed 's/.* link=//')
	e2e_tap_box button "$(e2e_button_to "$target")"
	e2e_wait_for "page=$target " || e2e_fail "could not open $target"
	title=$(sed -n 's/^lang=.* title=//p' "$E2E_READY")
	n=$(e2e_button_to kiosk:take-home) || e2e_fail "a printer but no Take this page home button"
	e2e_tap_box button "$n"
	e2e_wait_for "mode=share" || e2e_fail "Take this page home did not open"
	n=$(e2e_button_to kiosk:print) || e2e_fail "no Print this page button"
	# Print sits where Take this page home was: a tap within double_press_ms of the last
	# one is ignored on purpose (a double tap must not print), so tap again like a person.
	for try in 1 2 3 4 5; do
		e2e_tap_box button "$n"
		e2e_poll "grep -q 'print: drawing ' '$E2E_LOG'" 1 && return 0
	done
	e2e_fail "tapping Print this page did nothing"
}

print_from --set print.printer=kiosktest
e2e_poll "grep -q 'printing .* on kiosktest (job' '$E2E_LOG'" 10 || e2e_fail "the kiosk did not send a job"
e2e_poll "[ -s '$CUPS/out/job' ]" 15 || e2e_fail "the job never reached the queue's file: $(tail -n 5 "$CUPS/log/error_log")"
pdfinfo "$CUPS/out/job" >"$E2E_TMP/info" 2>&1 || e2e_fail "what was printed is not a PDF"
grep -q "A4" "$E2E_TMP/info" || e2e_fail "the printed page is not A4: $(cat "$E2E_TMP/info")"
pdftotext "$CUPS/out/job" "$E2E_TMP/job.txt"
grep -qF "$title" "$E2E_TMP/job.txt" || e2e_fail "the printed page does not have the title '$title'"
grep -q "Example Borough Council" "$E2E_TMP/job.txt" || e2e_fail "the council's name is not at the foot"
[ "$(lpstat -W completed -o kiosktest | wc -l)" -eq 1 ] || e2e_fail "not exactly one job: $(lpstat -W completed -o)"
echo "ok: Print this page sent $(sed -n 's/^Pages: *//p' "$E2E_TMP/info") A4 sheet(s) of '$title' through CUPS"
grep -q "mode=share" "$E2E_READY" || e2e_fail "the kiosk left the Take it home screen"
grep -q "\"type\":\"print\",\"lang\":\"en\",\"page\":\"$target\",\"ok\":1" "$E2E_TMP/usage.jsonl" ||
	e2e_fail "the usage figures do not count the print"
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"
[ "$E2E_KIOSK_RC" = 0 ] || e2e_fail "the kiosk exited with $E2E_KIOSK_RC"

rm -f "$E2E_READY"
print_from --set print.printer=no-such-printer
e2e_poll "grep -q 'printing .* on no-such-printer failed' '$E2E_LOG'" 10 || e2e_fail "no printer error in the log: $(cat "$E2E_LOG")"
kill -0 "$E2E_KIOSK_PID" || e2e_fail "the kiosk stopped after a printer error"
grep -q "mode=share" "$E2E_READY" || e2e_fail "the kiosk left the Take it home screen after a printer error"
echo "ok: a queue that is not there: the error is logged, the visitor told, the kiosk carries on"
[ -n "${E2E_SHOT:-}" ] && import -window root "$E2E_SHOT"
xdotool key ctrl+alt+q
e2e_pass
