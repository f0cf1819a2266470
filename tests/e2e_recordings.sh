#!/bin/sh
# End-to-end for recorded rows (content/audio/<lang>/<page>/<n>.ogg|.wav, recording.h). The
# "recordings" are made here: the kiosk's own --speak at another speed and voice (so its
# timeline gives the words' times, which become an Audacity label file), padded with
# silence, made quiet and converted to 44.1 kHz stereo Ogg Vorbis (sox, oggenc); a WAV with
# no labels; and a damaged Ogg. Then:
#  - --speak --wav --timeline mixes them with eSpeak NG in page order (and the Hard words page
#    plays glossary.md's recordings): the recorded row's
#    words start where its labels say (within 50 ms), the row without labels is lit whole,
#    the damaged one is read by eSpeak with exactly one log line, and the recorded row is
#    about as loud as the synthetic ones;
#  - --check counts the recordings and warns about the damaged file, a recording for a row
#    that does not exist, a page folder with no page and labels that do not match (file:line);
#  - the running kiosk plays a tapped recorded row to its end, and Again plays it again.
set -u
cd "$(dirname "$0")/.."
. tests/e2e-lib.sh

[ -x "$KIOSK" ] || e2e_fail "no $KIOSK: run 'make kiosk' first"
command -v oggenc >/dev/null || e2e_fail "oggenc is not installed (vorbis-tools; make check installs it)"
command -v sox >/dev/null || e2e_fail "sox is not installed (make check installs it)"
IMAGES=$(pwd)/images
C="$E2E_TMP/content"
mkdir -p "$C/en" "$E2E_TMP/rec/en" "$C/audio/en/home"
printf '[kiosk]\nhome = home.md\nlanguages = en\nimages = %s\n' "$IMAGES" >"$C/kiosk.ini"
cp "$C/kiosk.ini" "$E2E_TMP/rec/kiosk.ini"
cat >"$C/en/home.md" <<'EOF'
# Cats and dogs

A cat has soft paws.

Dogs like to run and play.

Birds can sing songs.

Fish swim in the sea.
EOF

# Row 1: "A cat has soft paws." said by the kiosk at 110 words a minute with another voice.
printf '# A cat has soft paws.\n\nx\n' >"$E2E_TMP/rec/en/home.md"
"$KIOSK" --speak home.md --set speech.words_per_minute=110 --set speech.voice.en=en+f3 \
	--wav "$E2E_TMP/r1.wav" --timeline "$E2E_TMP/r1.tsv" "$E2E_TMP/rec" >/dev/null 2>"$E2E_LOG" ||
	e2e_fail "--speak could not make the test recording"
# its title words, as Audacity labels, moved by the 0.4 s of silence put before it
awk -F'\t' 'NR > 1 && $3 == -1 {printf "%.6f\t%.6f\t%s\n", $1 / 1000 + 0.4, $2 / 1000 + 0.4, $5}' \
	"$E2E_TMP/r1.tsv" >"$C/audio/en/home/1.txt"
[ "$(wc -l <"$C/audio/en/home/1.txt")" -eq 5 ] || e2e_fail "the test labels have not 5 words"
end=$(awk -F'\t' 'NR > 1 && $3 == -1 {e = $2} END {print e / 1000}' "$E2E_TMP/r1.tsv")
sox "$E2E_TMP/r1.wav" -r 44100 -c 2 "$E2E_TMP/r1p.wav" trim 0 "$end" pad 0.4 0.3 vol 0.3 ||
	e2e_fail "sox could not convert the test recording"
oggenc -Q -q 2 -o "$C/audio/en/home/1.ogg" "$E2E_TMP/r1p.wav" || e2e_fail "oggenc failed"
# say TEXT OUT.wav: the kiosk's own eSpeak NG at 150 words a minute with a man's voice, as
# a plain 22050 Hz WAV (the title of a one-page folder; no espeak-ng program needed).
say() {
	printf '# %s\n\nx\n' "$1" >"$E2E_TMP/rec/en/home.md"
	"$KIOSK" --speak home.md --set speech.words_per_minute=150 --set speech.voice.en=en+m3 \
		--wav "$E2E_TMP/say.wav" --timeline "$E2E_TMP/say.tsv" "$E2E_TMP/rec" >/dev/null 2>>"$E2E_LOG" ||
		e2e_fail "--speak could not say '$1'"
	sox "$E2E_TMP/say.wav" "$2" trim 0 "$(awk -F'\t' 'NR > 1 && $3 == -1 {e = $2} END {print e / 1000}' "$E2E_TMP/say.tsv")" ||
		e2e_fail "sox could not cut '$1'"
}
# Row 3: a WAV with no labels.
say "Birds can sing songs." "$C/audio/en/home/3.wav"
# Row 4: damaged.
{ printf 'OggS'; head -c 3000 /dev/urandom; } >"$C/audio/en/home/4.ogg"
# The hard words: glossary.md's row 2 recorded (played on the Hard words page and pop-ups).
printf '# Hard words\n\nA **cat** is a small animal.\n\nA **dog** barks.\n' >"$C/en/glossary.md"
mkdir -p "$C/audio/en/glossary"
say "A dog barks." "$C/audio/en/glossary/2.wav"

# ---- --speak: mixed as the kiosk plays it ----
"$KIOSK" --speak home.md --wav "$E2E_TMP/mix.wav" --timeline "$E2E_TMP/mix.tsv" "$C" \
	>"$E2E_TMP/mix.out" 2>"$E2E_LOG" || e2e_fail "--speak of the mixed page failed"
n=$(grep -c "cannot play the recording .*4.ogg" "$E2E_LOG")
[ "$n" -eq 1 ] || e2e_fail "the damaged recording gave $n log lines, not 1"
grep -q "cannot play the recording .*[13]\.\(ogg\|wav\)" "$E2E_LOG" && e2e_fail "a good recording was refused"
# rows in page order, each starting after the one before
awk -F'\t' 'NR > 1 && $3 >= -1 {print $3}' "$E2E_TMP/mix.tsv" | uniq | tr '\n' ' ' | grep -q "^-1 0 1 2 3 $" ||
	e2e_fail "the rows are not read in page order: $(awk -F'\t' 'NR > 1 {print $3}' "$E2E_TMP/mix.tsv" | uniq | tr '\n' ' ')"
awk -F'\t' 'NR > 2 && $1 < prev {exit 1} NR > 1 {prev = $1}' "$E2E_TMP/mix.tsv" ||
	e2e_fail "a word starts before the word before it"
# the recorded row's words follow the labels (relative to its first word) within 50 ms
paste "$C/audio/en/home/1.txt" "$(awk -F'\t' 'NR > 1 && $3 == 0' "$E2E_TMP/mix.tsv" >"$E2E_TMP/row0.tsv"; echo "$E2E_TMP/row0.tsv")" |
	awk -F'\t' 'NR == 1 {l0 = $1; h0 = $4 / 1000} {d = ($1 - l0) - ($4 / 1000 - h0); if (d < 0) d = -d;
		printf "%s label %.3f heard %.3f\n", $3, $1 - l0, $4 / 1000 - h0; if (d > 0.05) bad = 1; if ($3 != $8) bad = 1}
		END {exit bad}' >"$E2E_TMP/timing.txt" || { cat "$E2E_TMP/timing.txt"; e2e_fail "the recorded row's highlight is off its labels by more than 50 ms"; }
[ "$(wc -l <"$E2E_TMP/row0.tsv")" -eq 5 ] || e2e_fail "the recorded row has not 5 words in the timeline"
# the recording is heard from its first word: silence 40-5 ms before, speech in the 100 ms after
s0=$(awk -F'\t' 'NR == 1 {print $1 / 1000}' "$E2E_TMP/row0.tsv")
rms() { sox "$E2E_TMP/mix.wav" -n trim "$1" "$2" stat 2>&1 | sed -n 's/^RMS *amplitude: *//p'; }
before=$(rms "$(awk -v s="$s0" 'BEGIN {print s - 0.04}')" 0.035)
after=$(rms "$s0" 0.1)
echo "$before $after" | awk '{exit !($1 < 0.005 && $2 > 0.03)}' ||
	e2e_fail "the recording is not heard where its first word is lit (RMS before $before, after $after)"
# the row without labels is lit whole: every word starts together
[ "$(awk -F'\t' 'NR > 1 && $3 == 2 {print $1}' "$E2E_TMP/mix.tsv" | sort -u | wc -l)" -eq 1 ] ||
	e2e_fail "the row recorded without labels is not lit as a whole"
# the damaged row is read by eSpeak: its words start one after another
[ "$(awk -F'\t' 'NR > 1 && $3 == 3 {print $1}' "$E2E_TMP/mix.tsv" | sort -u | wc -l)" -ge 3 ] ||
	e2e_fail "the row with the damaged recording was not read word by word"
# loudness: the quiet recording (30% volume) was normalised to the synthetic rows' level
r0=$(awk -F'\t' 'NR > 1 && $3 == 0 {if (!s) s = $1; e = $2} END {print s / 1000, (e - s) / 1000}' "$E2E_TMP/mix.tsv")
r1=$(awk -F'\t' 'NR > 1 && $3 == 1 {if (!s) s = $1; e = $2} END {print s / 1000, (e - s) / 1000}' "$E2E_TMP/mix.tsv")
l0=$(rms $r0)
l1=$(rms $r1)
echo "$l0 $l1" | awk '{d = 20 * log($1 / $2) / log(10); if (d < 0) d = -d; exit !(d < 4)}' ||
	e2e_fail "the recorded row (RMS $l0) is not as loud as the eSpeak row (RMS $l1)"
# the generated Hard words page plays glossary.md's recording of its row 2 (lit whole)
"$KIOSK" --speak hard-words.md --wav "$E2E_TMP/hw.wav" --timeline "$E2E_TMP/hw.tsv" "$C" >/dev/null 2>>"$E2E_LOG" ||
	e2e_fail "--speak hard-words.md failed"
[ "$(awk -F'\t' 'NR > 1 && $5 ~ /^(dog|barks)/ {print $1}' "$E2E_TMP/hw.tsv" | sort -u | wc -l)" -eq 1 ] ||
	e2e_fail "the Hard words page did not play glossary.md's recording of 'A dog barks.'"
[ "$(awk -F'\t' 'NR > 1 && $5 ~ /^(cat|small|animal)/ {print $1}' "$E2E_TMP/hw.tsv" | sort -u | wc -l)" -eq 3 ] ||
	e2e_fail "the Hard words row with no recording was not read word by word"
echo "ok: --speak mixes recorded and eSpeak rows in order; labels within 50 ms ($(tr '\n' ';' <"$E2E_TMP/timing.txt")); row levels $l0 / $l1"

# ---- --check ----
mkdir -p "$C/audio/en/nowhere"
cp "$C/audio/en/home/3.wav" "$C/audio/en/home/9.wav"
cp "$C/audio/en/home/3.wav" "$C/audio/en/nowhere/1.wav"
printf '0.1\t0.3\tBirds\n0.3\t0.5\tcan\n0.5\t0.8\tsink\n0.8\t1.2\tsongs\n' >"$C/audio/en/home/3.txt"
"$KIOSK" --check "$C" >"$E2E_TMP/check.txt" 2>>"$E2E_LOG"
grep -q "^recordings: en 3 of 8 rows and titles (2 with word labels)$" "$E2E_TMP/check.txt" ||
	{ cat "$E2E_TMP/check.txt"; e2e_fail "--check does not count 3 recordings of 8 rows"; }
for want in "audio/en/home/4.ogg: warning: cannot play this recording" \
	"audio/en/home/9.wav: warning: this is for row 9" \
	"audio/en/nowhere: warning: there is no page" \
	"audio/en/home/3.txt:3: warning: label 'sink' does not match word 3 of the row, 'sing'"; do
	grep -qF "$want" "$E2E_TMP/check.txt" || { cat "$E2E_TMP/check.txt"; e2e_fail "--check did not say: $want"; }
done
"$KIOSK" --check "$C" --format=json >"$E2E_TMP/check.json" 2>>"$E2E_LOG"
grep -qF '"recordings": {"en": {"rows": 8, "recorded": 3, "labelled": 2}}' "$E2E_TMP/check.json" ||
	{ cat "$E2E_TMP/check.json"; e2e_fail "--check --format=json does not count the recordings"; }
echo "ok: --check counts recordings (text and JSON) and names the damaged, stray and mismatched files"
rm -r "$C/audio/en/nowhere" "$C/audio/en/home/9.wav" "$C/audio/en/home/3.txt"

# ---- the running kiosk: a tapped recorded row plays to its end; Again plays it again ----
e2e_start_xvfb 1920x1080
e2e_start_kiosk --set speech.read_on_open=false "$C"
e2e_wait_for "page=home.md" || e2e_fail "the home page was not shown"
e2e_tap_box row 1
e2e_wait_for "speaking=1" || e2e_fail "tapping the recorded row did not play it"
e2e_wait_for "speaking=0" || e2e_fail "the recorded row did not play to its end"
e2e_tap_box again 1
e2e_wait_for "speaking=1" || e2e_fail "Again did not play the recorded row again"
grep -q "cannot play the recording" "$E2E_LOG" && e2e_fail "the running kiosk refused a good recording"
echo "ok: the kiosk plays a tapped recorded row, and Again plays it again"
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"
e2e_pass
