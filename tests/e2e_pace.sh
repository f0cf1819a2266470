#!/bin/sh
# End-to-end for the pace of speech, measured from what the kiosk really says (--speak
# --timeline, real eSpeak NG, no sound card): easy-read guidance wants 120-150 words a
# minute with clear pauses. Checks, in every shipped language:
#  - a pause of at least 500 ms after the title, between rows and before "Page 1 of 3";
#  - "Touch Next to hear more" (words.txt more_next) said last on a screen with Next, and
#    not on the last screen of a page;
#  - `--speak about` works without ".md";
# and over every English page: normal about 130 words a minute, slow about 110, fast about
# 160 (words on screen / time the voice speaks; the pauses between rows are left out).
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

# words, seconds of voice, words a minute, shortest pause between parts (ms) of a timeline
pace() {
	awk 'BEGIN { FS = "\t"; minpause = -1 }
	NR == 1 { next }
	{
		key = ($3 == "-1" && seen_row) ? "pn" : $3
		if ($3 != "-1") seen_row = 1
		if (NR > 2 && key != prev) {
			speak += pend - pstart
			gap = $1 - pend
			if (minpause < 0 || gap < minpause) minpause = gap
			pstart = $1
		}
		if (NR == 2) pstart = $1
		pend = $2; prev = key; words++
	}
	END { speak += pend - pstart; printf "%d %.3f %.0f %d\n", words, speak / 1000, words * 60000 / speak, minpause }' "$1"
}

speak() { # page lang [--set ...]
	page=$1 lang=$2
	shift 2
	"$KIOSK" --speak "$page" --lang "$lang" "$@" --wav "$E2E_TMP/s.wav" --timeline "$E2E_TMP/s.tsv" content \
		>"$E2E_TMP/out" 2>"$E2E_LOG"
}

for lang in en pl ur; do
	speak about "$lang" || e2e_fail "--speak about (no .md) failed in $lang"
	set -- $(pace "$E2E_TMP/s.tsv")
	[ "$4" -ge 500 ] || e2e_fail "$lang about:1: a pause of only $4 ms between title, rows and page number"
	hint=$(sed -n 's/^more_next = //p' "content/$lang/words.txt")
	[ -n "$hint" ] || e2e_fail "content/$lang/words.txt has no more_next"
	said=$(awk -F'\t' '$3 == "-2" { printf "%s%s", sep, $5; sep = " " }' "$E2E_TMP/s.tsv")
	[ "$said" = "$hint" ] || e2e_fail "$lang about:1 ends with '$said', not '$hint'"
	tail -n 1 "$E2E_TMP/s.tsv" | cut -f3 | grep -qx -- -2 || e2e_fail "$lang: the hint is not the last thing said"
	echo "ok: $lang about:1: $1 words, shortest pause $4 ms, ends with '$hint'"
	screens=$(sed -n 's/.*screen 1 of \([0-9]*\).*/\1/p' "$E2E_TMP/out")
	speak "about:$screens" "$lang" || e2e_fail "--speak about:$screens failed in $lang"
	grep -q "	-2	" "$E2E_TMP/s.tsv" && e2e_fail "$lang: the last screen (no Next) says the hint"
	echo "ok: $lang about:$screens (the last screen) has no hint"
done

for step in slow:100:120 normal:120:142 fast:148:175; do
	rate=${step%%:*} lo=$(echo "$step" | cut -d: -f2) hi=${step##*:}
	total_words=0 total_ms=0
	for f in content/en/*.md; do
		page=$(basename "$f" .md)
		[ "$page" = glossary ] && continue
		speak "$page" en --set speech.rate="$rate" || e2e_fail "--speak $page failed"
		set -- $(pace "$E2E_TMP/s.tsv")
		[ "$4" -ge 500 ] || [ "$4" -lt 0 ] || e2e_fail "$page ($rate): a pause of only $4 ms"
		total_words=$((total_words + $1))
		total_ms=$((total_ms + $(echo "$2" | awk '{ printf "%d", $1 * 1000 }')))
	done
	wpm=$((total_words * 60000 / total_ms))
	[ "$wpm" -ge "$lo" ] && [ "$wpm" -le "$hi" ] ||
		e2e_fail "$rate speech measures $wpm words a minute, not $lo-$hi"
	echo "ok: $rate: $total_words words in $((total_ms / 1000)) s of voice: $wpm words a minute"
done
e2e_pass
