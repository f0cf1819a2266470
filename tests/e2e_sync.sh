#!/bin/sh
# End-to-end content sync (dist/kiosk-sync, what kiosk-sync.timer runs) from a local bare git
# repository, with the kiosk running on the synced link: good content arrives on the screen
# (one rename of the link, picked up by the live reload on the attract screen); a broken
# revision is refused with the reason logged, the link and the screen keep the last good
# content; a run with nothing new says "up to date"; a source that cannot be reached fails
# without touching anything; the rsync path switches too.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh
command -v git >/dev/null || e2e_fail "git is not installed"

state="$E2E_TMP/state"
remote="$E2E_TMP/remote.git"
work="$E2E_TMP/work"
sync() { KIOSK=./kiosk KIOSK_STATE_DIR="$state" sh dist/kiosk-sync.in "$@" >>"$E2E_TMP/sync.log" 2>&1; }
target() { readlink "$state/content"; }
field() { sed -n "s/^lang=[a-z]* title=//p" "$E2E_READY"; }

git init --quiet --bare --initial-branch=main "$remote"
git init --quiet "$work"
cp -r content images "$work/"
(cd "$work" && git add -A && git -c user.name=council -c user.email=c@example.org commit --quiet -m "first" &&
	git push --quiet "$remote" HEAD:main) || e2e_fail "cannot make the test repository"

sync "file://$remote" || { cat "$E2E_TMP/sync.log"; e2e_fail "the first sync failed"; }
[ -L "$state/content" ] || e2e_fail "no link $state/content after the first sync"
first=$(target)
[ -f "$state/content/en/home.md" ] || e2e_fail "the link does not lead to the content"
[ "$(cat "$state/content/../REVISION")" = "$(git --git-dir="$remote" rev-parse --short=12 main)" ] ||
	e2e_fail "REVISION is not the fetched commit"
echo "ok: the first sync made $state/content -> $first"

mkdir "$state/releases/.staging.99999" # left by a run that was killed
sync "file://$remote" || e2e_fail "a sync with nothing new failed"
[ ! -e "$state/releases/.staging.99999" ] || e2e_fail "a killed run's staging copy was left"
# while another run holds the lock, a second one leaves it alone
if command -v flock >/dev/null; then
	flock "$state/sync/lock" sh -c "KIOSK=./kiosk KIOSK_STATE_DIR='$state' sh dist/kiosk-sync.in 'file://$remote'" \
		>"$E2E_TMP/locked.log" 2>&1 || e2e_fail "a run that found the lock taken failed"
	grep -q "another kiosk-sync is running" "$E2E_TMP/locked.log" || e2e_fail "two runs at once were not kept apart"
fi
grep -q "up to date at" "$E2E_TMP/sync.log" || e2e_fail "a sync with nothing new did not say up to date"
[ "$(target)" = "$first" ] || e2e_fail "a sync with nothing new changed the link"

# The kiosk shows the synced content (fonts from the source tree, like a package's).
e2e_start_xvfb 1920x1080
e2e_start_kiosk --time-scale 10 --set session.idle_timeout_s=20 --set session.warning_s=20 "$state/content"
grep -q "title=Help to have your say$" "$E2E_READY" || e2e_fail "unexpected home title: $(field)"

# Good content: the council changes the home page's title and pushes.
sed -i '1s/.*/# Help to have your say (synced)/' "$work/content/en/home.md"
(cd "$work" && git -c user.name=council -c user.email=c@example.org commit --quiet -am "new title" &&
	git push --quiet "$remote" HEAD:main) || e2e_fail "cannot push the new title"
sync "file://$remote" || { cat "$E2E_TMP/sync.log"; e2e_fail "the good revision was not taken"; }
second=$(target)
[ "$second" != "$first" ] || e2e_fail "the link did not change"
grep -q "switched to revision" "$E2E_TMP/sync.log" || e2e_fail "no 'switched to revision' line"
e2e_poll "grep -q 'content changed on disk' '$E2E_LOG'" 10 || e2e_fail "the kiosk did not notice the swapped link"
e2e_wait_for "mode=attract" || e2e_fail "no idle reset"
e2e_poll "grep -q 'content loaded again' '$E2E_LOG'" 10 || e2e_fail "the new content was not loaded"
e2e_wake || e2e_fail "no visitor after the reload"
grep -q "title=Help to have your say (synced)" "$E2E_READY" || e2e_fail "the synced title is not on screen: $(field)"
echo "ok: good content arrived on the screen: '$(field)'"

# Broken content: a page that is not UTF-8 is an error for kiosk --check.
printf '# Broken \377 page\n\nText.\n' >"$work/content/en/care-act.md"
(cd "$work" && git -c user.name=council -c user.email=c@example.org commit --quiet -am "broken" &&
	git push --quiet "$remote" HEAD:main) || e2e_fail "cannot push the broken page"
reloads=$(grep -c 'content loaded again' "$E2E_LOG")
if sync "file://$remote"; then
	e2e_fail "the broken revision was accepted"
fi
grep -q "does not pass kiosk --check: refused, keeping $(basename "$(dirname "$second")")" "$E2E_TMP/sync.log" ||
	{ cat "$E2E_TMP/sync.log"; e2e_fail "the refusal does not say why and what is kept"; }
grep -q "care-act.md:1:.*error" "$E2E_TMP/sync.log" || e2e_fail "the refusal does not name the broken file and line"
[ "$(target)" = "$second" ] || e2e_fail "the link moved to the broken revision"
[ -z "$(ls -A "$state/releases" | grep '^\.staging')" ] || e2e_fail "the refused staging copy was left behind"
grep -q "Help to have your say (synced)" "$state/content/en/home.md" || e2e_fail "the live content changed"
xdotool key Tab
e2e_wait_for "focus=" || true
[ "$(grep -c 'content loaded again' "$E2E_LOG")" = "$reloads" ] || e2e_fail "the kiosk reloaded after a refused sync"
grep -q "title=Help to have your say (synced)" "$E2E_READY" || e2e_fail "the screen lost the good content: $(field)"
echo "ok: the broken revision was refused, the reason logged, the good content stays on screen"
grep -q '^kiosk_sync_last_run_ok 0$' "$state/metrics/kiosk_sync.prom" || e2e_fail "the sync metrics do not show the refusal"
if command -v promtool >/dev/null; then
	promtool check metrics <"$state/metrics/kiosk_sync.prom" >"$E2E_TMP/promtool.log" 2>&1 && [ ! -s "$E2E_TMP/promtool.log" ] ||
		{ cat "$E2E_TMP/promtool.log"; e2e_fail "promtool check metrics: kiosk_sync.prom"; }
fi

# A source that cannot be reached changes nothing.
if sync "file://$E2E_TMP/nowhere.git"; then
	e2e_fail "an unreachable source counted as a success"
fi
grep -q "cannot fetch" "$E2E_TMP/sync.log" || e2e_fail "no 'cannot fetch' line"
[ "$(target)" = "$second" ] || e2e_fail "an unreachable source moved the link"
echo "ok: an unreachable source keeps the content"

# rsync: a folder with content/ and images/ (the office machine's copy).
if command -v rsync >/dev/null; then
	src="$E2E_TMP/office"
	mkdir -p "$src"
	cp -r content images "$src/"
	sed -i '1s/.*/# Help to have your say (rsync)/' "$src/content/en/home.md"
	sync "$src/" || { cat "$E2E_TMP/sync.log"; e2e_fail "the rsync sync failed"; }
	grep -q "(rsync)" "$state/content/en/home.md" || e2e_fail "rsync did not switch the content"
	case "$(target)" in releases/rsync-*) ;; *) e2e_fail "rsync release not named rsync-<hash>: $(target)" ;; esac
	echo "ok: an rsync source switches the same way"
fi
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"
e2e_pass
