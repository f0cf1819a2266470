#!/bin/sh
# End-to-end for other languages and hard words: the Language button opens a screen of
# languages; choosing Polish shows the same page in Polish; the reset brings English back.
# A bold hard word opens its explanation in a pop-up that one tap closes; "Hard words" is
# made from glossary.md. Speech of a Polish and an Urdu screen has a timeline line for every
# word, in the words and order of the page.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

field() { tr ' ' '\n' <"$E2E_READY" | sed -n "s/^$1=//p" | head -n 1; }

e2e_start_xvfb 1920x1080
e2e_start_kiosk --time-scale 10 --set session.idle_timeout_s=20 --set session.warning_s=20 \
	--set input.double_press_ms=0 content
# open "What is advocacy?" (it has hard words)
n=$(e2e_button_to "what-is-advocacy.md") || e2e_fail "no button to what-is-advocacy.md on home"
e2e_tap_box button $n
e2e_wait_for "page=what-is-advocacy.md " || e2e_fail "could not open what-is-advocacy.md"

# Hard words: a badge target on the bold word; a tap shows the explanation, read aloud.
word=$(e2e_box hardword 1 link)
[ -n "$word" ] || e2e_fail "no hard word is marked on what-is-advocacy.md"
e2e_tap_box hardword 1
e2e_wait_for "mode=popup" || e2e_fail "tapping the hard word '$word' did not show its explanation"
grep -qi "title=$word" "$E2E_READY" || e2e_fail "the pop-up is not about '$word'"
e2e_wait_for "speaking=1" || e2e_fail "the explanation was not read aloud"
# the pop-up as a visitor sees it: a real screenshot with the word as its title, the
# explanation row with its picture, and a Close button
import -window root "$E2E_TMP/popup.png" 2>/dev/null || e2e_fail "no screenshot of the pop-up"
x=$(e2e_box button 1 x); y=$(e2e_box button 1 y)
[ "$(e2e_box button 1 link)" = "kiosk:close" ] || e2e_fail "the pop-up has no Close button"
[ "$(convert "$E2E_TMP/popup.png" -crop 1400x100+250+20 +repage -format %k info:)" -gt 2 ] ||
	e2e_fail "the pop-up's title is blank in the screenshot"
[ "$(convert "$E2E_TMP/popup.png" -crop 180x180+255+150 +repage -format %k info:)" -gt 4 ] ||
	e2e_fail "the pop-up shows no picture"
echo "ok: screenshot of the pop-up: title, picture, Close button at $x,$y"
xdotool mousemove 960 300 mousedown 1 mouseup 1
e2e_wait_for "mode=page" || e2e_fail "one tap did not close the pop-up"
grep -q "page=what-is-advocacy.md " "$E2E_READY" || e2e_fail "closing the pop-up lost the page"
echo "ok: hard word '$word' explained in a pop-up, read aloud, closed with one tap"

# Language: same page in Polish.
e2e_tap_box language 1
e2e_wait_for "mode=language" || e2e_fail "the Language button did not open the language screen"
n=$(e2e_button_to "kiosk:lang:pl") || e2e_fail "no Polish button on the language screen"
e2e_tap_box button $n
e2e_wait_for "lang=pl" || e2e_fail "choosing Polish did not switch the language"
grep -q "page=what-is-advocacy.md " "$E2E_READY" || e2e_fail "switching language lost the visitor's page"
grep -q "title=Co to jest" "$E2E_READY" || e2e_fail "the page is not shown in Polish"
echo "ok: Polish chosen, same page: $(sed -n 's/^lang=pl title=//p' "$E2E_READY")"

# The reset between visitors brings back the default language.
e2e_wait_for "mode=attract" || e2e_fail "no reset"
grep -q "lang=en" "$E2E_READY" || e2e_fail "the reset did not restore English"
echo "ok: the reset restored English"
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"

# The attract screen offers the languages, each named in its own script: a touch on Polski
# wakes the kiosk in Polish, at home.
rm -f "$E2E_READY"
e2e_start_kiosk_attract content
n=$(e2e_button_to "kiosk:lang:pl") || e2e_fail "no Polski button on the attract screen"
for try in 1 2 3 4 5; do
	e2e_tap_box button "$n"
	e2e_poll "grep -q 'mode=page' '$E2E_READY'" 1 && break
done
e2e_wait_for "lang=pl" || e2e_fail "touching Polski on the attract screen did not wake the kiosk in Polish"
grep -q "page=home.md" "$E2E_READY" || e2e_fail "the kiosk did not wake at home"
echo "ok: the attract screen offers the languages; Polski wakes the kiosk in Polish"
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"

# "Hard words" is generated from glossary.md (no hard-words.md file exists).
[ ! -f content/en/hard-words.md ] || e2e_fail "content/en/hard-words.md should be generated, not a file"
"$KIOSK" --screenshot "$E2E_TMP/hw" --lang en content >/dev/null 2>&1 || e2e_fail "--screenshot failed"
[ -f "$E2E_TMP/hw/en-hard-words-1.png" ] || e2e_fail "no Hard words page"

# Speech: every word of a Polish and an Urdu screen has its line, in page order.
for spec in pl:what-is-advocacy.md:1 ur:home.md:1; do
	lang=${spec%%:*}
	rest=${spec#*:}
	page=${rest%%:*}
	"$KIOSK" --speak "$rest" --lang "$lang" --wav "$E2E_TMP/$lang.wav" --timeline "$E2E_TMP/$lang.tsv" content \
		>"$E2E_TMP/$lang.out" 2>/dev/null || e2e_fail "--speak $spec failed"
	words=$(sed -n 's/.*one line for each of the \([0-9]*\) words.*/\1/p' "$E2E_TMP/$lang.out")
	# (row -2: words said that are not on screen, "Touch Next to hear more")
	lines=$(awk -F'\t' 'NR > 1 && $3 != -2' "$E2E_TMP/$lang.tsv" | wc -l)
	[ -n "$words" ] && [ "$lines" -eq "$words" ] || e2e_fail "$spec: $lines timeline lines for $words words"
	size=$(stat -c %s "$E2E_TMP/$lang.wav")
	[ "$size" -gt 100000 ] || e2e_fail "$spec: the speech is too short ($size bytes)"
	# each row's words, joined, are the row's text in the page file (bold marks removed)
	sed 's/\*\*//g' "content/$lang/$page" >"$E2E_TMP/$lang.md"
	for row in $(awk -F'\t' 'NR > 1 && $3 >= 0 {print $3}' "$E2E_TMP/$lang.tsv" | sort -un); do
		text=$(awk -F'\t' -v r="$row" 'NR > 1 && $3 == r {printf "%s%s", sep, $5; sep = " "}' "$E2E_TMP/$lang.tsv")
		grep -qF -- "$text" "$E2E_TMP/$lang.md" || e2e_fail "$spec row $row: '$text' is not the page's text"
	done
	echo "ok: $lang $rest: $words words, every one in the timeline, in page order"
done
# A page not translated yet: the English page, with a note saying so, in the visitor's place.
mkdir -p "$E2E_TMP/site"
cp -r content images fonts "$E2E_TMP/site/"
rm "$E2E_TMP/site/content/pl/care-act.md"
"$KIOSK" --speak care-act.md --lang pl --wav "$E2E_TMP/fb.wav" --timeline "$E2E_TMP/fb.tsv" "$E2E_TMP/site/content" \
	>/dev/null 2>"$E2E_TMP/fb.log" || e2e_fail "a page missing in Polish could not be shown"
note=$(awk -F'\t' 'NR > 1 && $3 == 0 {printf "%s ", $5}' "$E2E_TMP/fb.tsv")
[ "$note" = "This page is in English. " ] || e2e_fail "no note on the English fallback page (first row: '$note')"
grep -q "page care-act.md is not in pl: showing it in en" "$E2E_TMP/fb.log" || e2e_fail "the fallback was not logged"
"$KIOSK" --check "$E2E_TMP/site/content" >"$E2E_TMP/check.txt" 2>&1
grep -q "care-act.md" "$E2E_TMP/check.txt" || e2e_fail "--check does not report the missing translation"
echo "ok: a page missing in Polish is shown in English with the note; --check reports it"
e2e_pass
