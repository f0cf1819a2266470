#!/bin/sh
# End-to-end (issue #22): links in the content folder that point outside it are never read
# by the running kiosk: a page (en/passwd.md -> a file outside, like /etc/passwd), the
# language's words.txt and pronounce.txt. Each is an error naming the file, and nothing of
# the outside file reaches the screen. Runs on a copy of content/ and images/; the links
# point at a file this test makes, never at a system file.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

site="$E2E_TMP/site"
mkdir -p "$site/outside"
cp -r content images "$site/"
printf '# SECRET PAGE\n\nroot:x:0:0:SECRET\n' >"$site/outside/secret.md"
printf 'home = SECRET\nback = SECRET\n' >"$site/outside/words.txt"
ln -s "$site/outside/secret.md" "$site/content/en/passwd.md"
rm -f "$site/content/en/words.txt" "$site/content/en/pronounce.txt"
ln -s "$site/outside/words.txt" "$site/content/en/words.txt"
ln -s "$site/outside/words.txt" "$site/content/en/pronounce.txt"

e2e_start_xvfb 1280x800
e2e_start_kiosk "$site/content"
e2e_wait_for "page=home.md" || e2e_fail "the home page was not shown"
grep -q "en/passwd.md: error: this page is a link to a file outside the content folder" "$E2E_LOG" ||
	e2e_fail "no error for en/passwd.md"
grep -q "en/words.txt: error: this file is a link to a file outside the content folder" "$E2E_LOG" ||
	e2e_fail "no error for en/words.txt"
grep -q "en/pronounce.txt: error: this file is a link to a file outside the content folder" "$E2E_LOG" ||
	e2e_fail "no error for en/pronounce.txt"
grep -q "link=passwd.md" "$E2E_READY" && e2e_fail "a button leads to passwd.md"
grep -q "SECRET" "$E2E_LOG" "$E2E_READY" && e2e_fail "something of the outside file was read"
echo "ok: passwd.md, words.txt and pronounce.txt linked outside: errors, not read, no button"
e2e_pass
