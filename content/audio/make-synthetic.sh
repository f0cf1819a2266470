#!/bin/sh
# Makes the SYNTHETIC "recordings" shipped in audio/en/home/ (see CREDITS.txt here): each row
# of en/home.md said by Festival's HTS voice cmu_us_slt_arctic_hts, a computer voice that
# sounds more natural than eSpeak NG, with a word label file from Festival's own word timings.
# They show what a page with recordings does until a person records it. Replace them with a
# real person's recordings as the guide (../README.md, "Recordings of real voices") says.
#
#   sh content/audio/make-synthetic.sh [PAGE [LANG]]      (from the repository, after make)
#
# Needs: festival festvox-us-slt-hts sox vorbis-tools (Debian packages), and ./kiosk.
set -eu
cd "$(dirname "$0")/../.."
page=${1:-home}
lang=${2:-en}
KIOSK=${KIOSK:-./kiosk}
out=content/audio/$lang/$page
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

# The rows as the kiosk shows them: its --speak timeline, screen by screen.
screens=$("$KIOSK" --speak "$page.md" --lang "$lang" --wav "$tmp/s.wav" --timeline "$tmp/s.tsv" content 2>/dev/null |
	sed -n 's/.*screen 1 of \([0-9]*\).*/\1/p')
: >"$tmp/rows.tsv"
s=1
while [ "$s" -le "$screens" ]; do
	"$KIOSK" --speak "$page.md:$s" --lang "$lang" --wav "$tmp/s.wav" --timeline "$tmp/s.tsv" content >/dev/null 2>&1
	awk -F'\t' 'NR > 1 && $3 >= 0 {print $3 "\t" $5}' "$tmp/s.tsv" >>"$tmp/rows.tsv"
	s=$((s + 1))
done
{
	printf '0\t%s\n' "$(sed -n 's/^# //p' "content/$lang/$page.md" | head -n 1)"
	awk -F'\t' 'NR == 1 || $1 != last {if (NR > 1) printf "\n"; printf "%d\t%s", $1 + 1, $2; last = $1; next}
		{printf " %s", $2} END {printf "\n"}' "$tmp/rows.tsv"
} >"$tmp/texts.tsv"

while IFS="$(printf '\t')" read -r n text; do
	esc=$(printf '%s' "$text" | sed 's/\\/\\\\/g; s/"/\\"/g')
	cat >"$tmp/say.scm" <<SCM
(voice_cmu_us_slt_arctic_hts)
(set! utt (SynthText "$esc"))
(utt.save.wave utt "$tmp/row.wav" 'riff)
(set! tok (utt.relation.first utt 'Token))
(while tok
  (let ((d1 (item.daughter1 tok)))
    (if d1 (format t "%f\t%s\n" (item.feat d1 "R:Word.word_start") (item.name tok))))
  (set! tok (item.next tok)))
SCM
	festival -b "$tmp/say.scm" >"$tmp/starts.tsv"
	# a label ends where the next word starts (the last one where the sound ends)
	len=$(soxi -D "$tmp/row.wav")
	awk -F'\t' -v len="$len" '{s[NR] = $1; w[NR] = $2} END {for (i = 1; i <= NR; i++)
		printf "%.6f\t%.6f\t%s\n", s[i], (i < NR ? s[i + 1] : len), w[i]}' "$tmp/starts.tsv" >"$out/$n.txt"
	# mono, 22050 Hz, Ogg Vorbis quality 1 (about 40 kbit/s): small, and clear for speech
	sox "$tmp/row.wav" -r 22050 -c 1 "$tmp/row22.wav"
	oggenc -Q -q 1 -o "$out/$n.ogg" "$tmp/row22.wav"
	echo "$out/$n.ogg: $text"
done <"$tmp/texts.tsv"
