#!/bin/bash
# page_html.sh PAGE.md IMAGES_DIR FONTS_DIR > page.html
# The same page as a plain HTML file, for the browser-kiosk comparison: the same words, the
# same pictures (SVG files), the same font (Atkinson Hyperlegible, loaded from the file), the
# cream theme's colours, big buttons and the nav bar with its icons. Handles the subset of
# Markdown the shipped pages use (# title, ## heading, a picture then text or one link).
set -eu
md=$1
images=$(cd "$2" && pwd)
fonts=$(cd "$3" && pwd)
esc() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }

cat <<EOF
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Easy read</title>
<style>
@font-face { font-family: "Atkinson"; src: url("file://$fonts/AtkinsonHyperlegible-Regular.ttf"); }
@font-face { font-family: "Atkinson"; font-weight: bold; src: url("file://$fonts/AtkinsonHyperlegible-Bold.ttf"); }
html, body { margin: 0; background: #FFF8E6; color: #1A1A1A; font-family: "Atkinson", sans-serif; }
body { font-size: 40px; line-height: 1.5; padding: 30px 255px 200px 255px; }
h1 { font-size: 60px; margin: 0 0 20px 0; }
h2 { font-size: 44px; margin: 20px 0; }
.row { display: flex; align-items: center; gap: 30px; margin: 0 0 30px 0; }
.row img { width: 180px; height: 180px; flex: none; }
a.button { display: flex; align-items: center; gap: 30px; min-height: 180px; margin: 0 0 30px 0;
  background: #FFFFFF; color: #1A1A1A; border: 4px solid #1A1A1A; border-radius: 16px;
  padding: 0 20px; text-decoration: none; font-weight: bold; }
a.button img { width: 160px; height: 160px; flex: none; }
nav { position: fixed; left: 0; right: 0; bottom: 0; height: 180px; background: #FFF8E6;
  border-top: 3px solid #5C4A1E; display: flex; align-items: center; justify-content: space-between; padding: 0 30px; }
nav a { display: flex; flex-direction: column; align-items: center; width: 174px; height: 150px;
  background: #FFFFFF; border: 4px solid #1A1A1A; border-radius: 16px; color: #1A1A1A;
  text-decoration: none; font-size: 32px; }
nav img { width: 90px; height: 90px; }
</style></head><body>
EOF
para=""
re_pic='^!\[([^]]*)\]\(([^)]*)\)[[:space:]]*(.*)$'
re_link='^\[([^]]*)\]\(([^)]*)\)$'
flush() {
	[ -n "$para" ] || return 0
	p=$para
	para=""
	case $p in
	"# "*) echo "<h1>$(printf '%s' "${p#\# }" | esc)</h1>"; return ;;
	"## "*) echo "<h2>$(printf '%s' "${p#\#\# }" | esc)</h2>"; return ;;
	esac
	img=""
	if [[ $p =~ $re_pic ]]; then
		img="<img src=\"file://$images/${BASH_REMATCH[2]}\" alt=\"$(printf '%s' "${BASH_REMATCH[1]}" | esc)\">"
		p=${BASH_REMATCH[3]}
	fi
	if [[ $p =~ $re_link ]]; then
		echo "<a class=\"button\" href=\"${BASH_REMATCH[2]%.md}.html\">$img<span>$(printf '%s' "${BASH_REMATCH[1]}" | esc)</span></a>"
	else
		p=$(printf '%s' "$p" | esc | sed -e 's|\*\*\([^*]*\)\*\*|<b>\1</b>|g')
		echo "<div class=\"row\">$img<p>$p</p></div>"
	fi
}
while IFS= read -r line || [ -n "$line" ]; do
	if [ -z "${line// /}" ]; then
		flush
	else
		para="${para:+$para }$line"
	fi
done <"$md"
flush
cat <<EOF
<nav>
<a href="home.html"><img src="file://$images/ui/home.svg" alt="">Home</a>
<a href="#"><img src="file://$images/ui/listen.svg" alt="">Listen</a>
<a href="#"><img src="file://$images/ui/settings.svg" alt="">Settings</a>
<a href="#"><img src="file://$images/ui/back.svg" alt="">Back</a>
<span>Page 1 of 3</span>
<a href="#"><img src="file://$images/ui/next.svg" alt="">Next</a>
</nav>
</body></html>
EOF
