#!/bin/sh
# End-to-end: "Call someone to help me" on the Ask for help page, against a webhook that
# this test runs on 127.0.0.1 (python3's http.server): the first POST gets a 500, the
# kiosk tries again, the second gets a 200 and the screen says someone is coming. The
# message has only kiosk, place, time and language: nothing about the pages visited. A
# second press within a minute sends nothing. Then a webhook nobody answers: "Please go to
# the desk", in Polish. The timeout itself is tested in tests/test_helpcall.c.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh
command -v python3 >/dev/null || e2e_fail "python3 is not installed (make check installs it)"

cat >"$E2E_TMP/hook.py" <<'PY'
import http.server, sys
log, portfile, statuses = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
class Hook(http.server.BaseHTTPRequestHandler):
    n = 0
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(log, "ab") as f:
            f.write(self.headers.get("Content-Type", "").encode() + b"\t" + body + b"\n")
        status = int(statuses[Hook.n]) if Hook.n < len(statuses) else 200
        Hook.n += 1
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
with open(portfile + ".tmp", "w") as f:
    f.write(str(server.server_port))
import os; os.rename(portfile + ".tmp", portfile)
server.serve_forever()
PY
python3 "$E2E_TMP/hook.py" "$E2E_TMP/posts" "$E2E_TMP/port" 500,200 &
HOOK_PID=$!
trap 'kill $HOOK_PID 2>/dev/null; e2e_cleanup' EXIT
e2e_poll "[ -s '$E2E_TMP/port' ]" 10 || e2e_fail "the test webhook did not start"
PORT=$(cat "$E2E_TMP/port")

# Opens the Ask for help page from home (Next until its button is on screen).
open_ask_for_help() {
	for i in 1 2 3 4; do
		n=$(e2e_button_to ask-for-help.md) && break
		frame=$(e2e_frame)
		e2e_tap_box next 1
		e2e_wait_frame_after "$frame" || e2e_fail "Next did not turn the home page"
	done
	[ -n "$n" ] || e2e_fail "no Ask for help button on the home page"
	e2e_tap_box button "$n"
	e2e_wait_for "page=ask-for-help.md " || e2e_fail "Ask for help did not open"
}

e2e_start_xvfb 1920x1080
e2e_start_kiosk content --set help.webhook="http://127.0.0.1:$PORT/hook" --set "help.place=Test library, desk 2" \
	--set kiosk.id=desk-kiosk-1
# Read a page first: nothing about it may reach the webhook.
target=$(grep " role=button " "$E2E_READY" | grep -v "link=kiosk:" | head -n 1 | sed 's/.* link=//')
e2e_tap_box button "$(e2e_button_to "$target")"
e2e_wait_for "page=$target " || e2e_fail "could not open $target"
title=$(sed -n 's/^lang=.* title=//p' "$E2E_READY")
e2e_tap_box home 1
e2e_wait_for "page=home.md" || e2e_fail "Home did not go home"
n=$(e2e_button_to kiosk:help) && e2e_fail "the help button is on home, not only on Ask for help"
open_ask_for_help
n=$(e2e_button_to kiosk:help) || e2e_fail "Ask for help has no Call someone to help me button"
e2e_tap_box button "$n"
e2e_wait_for "mode=help" || e2e_fail "the help button did not open the help screen"
e2e_poll "grep -q 'someone is coming' '$E2E_LOG'" 10 || e2e_fail "the kiosk never heard back from the webhook"
[ "$(wc -l <"$E2E_TMP/posts")" -eq 2 ] || e2e_fail "expected a 500 then a 200: $(cat "$E2E_TMP/posts")"
grep -q "answered 500 (attempt 1 of 3)" "$E2E_LOG" || e2e_fail "the 500 was not logged as a failed attempt"
echo "ok: a 500, tried again, a 200: someone is coming"
e2e_wait_for "speaking=1" || e2e_fail "the answer was not read aloud"
echo "ok: the help screen's answer is read aloud"
python3 - "$E2E_TMP/posts" "$title" "$target" <<'PY' || e2e_fail "the message is not what it should be: $(cat "$E2E_TMP/posts")"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
for line in lines:
    ctype, body = line.split("\t", 1)
    assert ctype == "application/json", ctype
    m = json.loads(body)
    assert sorted(m) == ["kiosk", "language", "place", "text", "time"], sorted(m)
    assert m["place"] == "Test library, desk 2" and m["language"] == "en", m
    assert m["kiosk"] == "desk-kiosk-1", m
    assert m["time"].endswith("Z") and "T" in m["time"], m["time"]
    for secret in (sys.argv[2], sys.argv[3], sys.argv[3].replace(".md", ""), "ask-for-help", "Ask for help"):
        assert secret not in body, "the message names " + secret
assert lines[0] == lines[1]
PY
echo "ok: the message has kiosk, place, time, language and a sentence; nothing about the visit"

# A second press within a minute is the same call: nothing more is sent.
frame=$(e2e_frame)
n=$(e2e_button_to kiosk:close) || e2e_fail "no Back to the page button on the help screen"
e2e_tap_box button "$n"
e2e_wait_for "mode=page" || e2e_fail "Back to the page did not go back"
n=$(e2e_button_to kiosk:help)
e2e_tap_box button "$n"
e2e_wait_for "mode=help" || e2e_fail "the second press did not show the help screen"
[ "$(grep -c 'asked for a person' "$E2E_LOG")" -eq 1 ] || e2e_fail "a second press within a minute called again"
[ "$(wc -l <"$E2E_TMP/posts")" -eq 2 ] || e2e_fail "a second press within a minute posted again"
echo "ok: a second press within a minute sends nothing more"
[ "$(grep -c '"type":"help_call","lang":"en","page":"ask-for-help.md"' "$E2E_TMP/usage.jsonl")" -eq 1 ] ||
	e2e_fail "the usage figures do not count exactly one help call"
echo "ok: the usage figures count one help call from en/ask-for-help.md"
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"
[ "$E2E_KIOSK_RC" = 0 ] || e2e_fail "the kiosk exited with $E2E_KIOSK_RC"

# Nobody at the webhook (nothing listens on the port now): please go to the desk, in Polish.
kill $HOOK_PID 2>/dev/null
wait $HOOK_PID 2>/dev/null
rm -f "$E2E_READY"
e2e_start_kiosk content --lang pl --set help.webhook="http://127.0.0.1:$PORT/hook"
open_ask_for_help
e2e_tap_box button "$(e2e_button_to kiosk:help)"
e2e_wait_for "mode=help" || e2e_fail "the help button did not open the help screen"
e2e_poll "grep -q 'go to the desk' '$E2E_LOG'" 15 || e2e_fail "no failure after the webhook did not answer"
[ "$(grep -c 'no answer from the webhook' "$E2E_LOG")" -eq 3 ] || e2e_fail "not 3 attempts"
echo "ok: no webhook: 3 attempts, then 'Please go to the desk'"
[ -n "${E2E_SHOT:-}" ] && import -window root "$E2E_SHOT"
xdotool key ctrl+alt+q
e2e_pass
