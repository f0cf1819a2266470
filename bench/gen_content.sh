#!/bin/bash
# gen_content.sh OUT_DIR [PAGES] [LANGS]
# Generates a big content folder for the scale benchmark: PAGES pages (default 2000) split
# over LANGS languages (default "en pl cy"), each page a title, six rows with pictures from
# the shipped images, two links to other pages and one to the glossary-like page "words.md".
# OUT_DIR gets content/ plus symlinks images/ and fonts/ to the repository's, so
# `kiosk OUT_DIR/content` finds them as it finds the shipped ones.
set -eu
out=$1
pages=${2:-2000}
langs=${3:-en pl cy}
repo=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out"
mkdir -p "$out/content"
ln -s "$repo/images" "$out/images"
ln -s "$repo/fonts" "$out/fonts"
set -- $langs
nlang=$#
per=$(((pages + nlang - 1) / nlang))
pics=()
for f in "$repo"/images/*.svg; do pics+=("$(basename "$f")"); done
np=${#pics[@]}
{
	echo "[kiosk]"
	echo "name = Scale test: $pages pages"
	echo "home = home.md"
	echo "languages = ${langs// /, }"
	echo "default_language = $1"
	echo "images = ../images"
} >"$out/content/kiosk.ini"
# A few words per language, so shaping sees each script's letters (Polish ł ą, Welsh ŵ ŷ).
declare -A words=(
	[en]="You can ask for help. An advocate listens to you and helps you say what you want."
	[pl]="Możesz poprosić o pomoc. Rzecznik słucha cię i pomaga ci powiedzieć, czego chcesz."
	[cy]="Gallwch ofyn am help. Mae eiriolwr yn gwrando arnoch chi ac yn eich helpu i ddweud beth rydych chi ei eisiau. Dŵr tŷ."
)
for lang in $langs; do
	dir="$out/content/$lang"
	mkdir -p "$dir"
	text=${words[$lang]:-${words[en]}}
	for ((i = 0; i < per; i++)); do
		name=$([ $i -eq 0 ] && echo home || echo "page-$i")
		a=$(((i * 7 + 1) % per))
		b=$(((i * 13 + 5) % per))
		{
			printf '# Page %d (%s)\n\n' "$i" "$lang"
			for ((r = 0; r < 6; r++)); do
				printf '![Picture %d](%s) %s **Row %d.**\n\n' "$r" "${pics[$(((i + r) % np))]}" "$text" "$r"
			done
			printf '![Next](%s) [Go to page %d](page-%d.md)\n\n' "${pics[$((a % np))]}" "$a" "$a"
			printf '![More](%s) [Go to page %d](page-%d.md)\n' "${pics[$((b % np))]}" "$b" "$b"
		} >"$dir/$name.md"
	done
	# page-0.md does not exist (page 0 is home.md): make the links to it real.
	cp "$dir/home.md" "$dir/page-0.md"
done
echo "$out/content: $((per * nlang)) pages (+$nlang copies of home) in $nlang languages"
