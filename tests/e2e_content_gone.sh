#!/bin/sh
# End-to-end (issue #22): the content folder vanishes while the kiosk runs (a sync that
# deletes first, a careless rm). Nothing a visitor sees changes: a page never opened before
# opens (not the apology), and its pictures are drawn from the bytes kept in memory (no
# "cannot be shown" in the log). Runs on a copy of content/ and images/ in a temp folder.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

site="$E2E_TMP/site"
mkdir -p "$site"
cp -r content images "$site/"
e2e_start_xvfb 1280x800
e2e_start_kiosk "$site/content"
e2e_wait_for "page=home.md" || e2e_fail "the home page was not shown"
target=$(e2e_box button 1 link)
[ -n "$target" ] && [ "$target" != "-" ] || e2e_fail "home has no topic buttons"

rm -rf "$site/content" "$site/images"
[ ! -e "$site/content" ] || e2e_fail "could not delete the copy"
e2e_poll "grep -q 'cannot be read now\|could not be read again' '$E2E_LOG'" 5 ||
	echo "note: the kiosk did not notice the deletion (it need not)"

e2e_tap_box button 1
e2e_wait_for "page=$target " || e2e_fail "the page $target did not open after the folder was deleted"
title=$(sed -n 's/^lang=[^ ]* title=//p' "$E2E_READY")
[ "$title" != "Sorry" ] || e2e_fail "the apology page was shown for $target"
grep -q "cannot be shown" "$E2E_LOG" && e2e_fail "a picture could not be shown after the folder went"
grep -q "cannot read this page" "$E2E_LOG" && e2e_fail "a page was read from the deleted folder"
echo "ok: with content/ and images/ deleted, $target (never opened before) opened as '$title' with its pictures"
e2e_pass
