#!/bin/bash
# bench/run.sh: the kiosk's benchmarks (run by `make bench`, which builds the tools first).
# Prints a table of results against the targets and writes it to bench/results.md with the
# machine and the date. See bench/README.md for what each line measures and how.
#   BENCH_RUNS=10      launches for the start-up median
#   BENCH_PAGES=2000   pages in the generated scale content
#   BENCH_CHROMIUM=0   skip the Chromium comparison
#   BENCH_FULL_READ=0  the walk stops reading each screen after its first words (~3.5 min
#                      quicker) instead of reading it to the end at 450 words a minute
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
BENCH_BIN=$BUILD/bench
RUNS=${BENCH_RUNS:-10}
PAGES=${BENCH_PAGES:-2000}
CHROMIUM=${BENCH_CHROMIUM:-1}
OUT=${BENCH_OUT:-bench/results.md}
. tests/e2e-lib.sh
. bench/walk.sh
WALK_DIR=$E2E_TMP/walk
mkdir -p "$WALK_DIR"
# A private copy: a rebuild of ./kiosk during the run (make check elsewhere) must not
# change or remove the program being measured.
cp ./kiosk "$E2E_TMP/kiosk" || e2e_fail "no ./kiosk to measure (make kiosk)"
KIOSK=$E2E_TMP/kiosk
export SDL_AUDIODRIVER=dummy
started=$(date +%s)

say() { echo "bench: $*" >&2; }
# kv KEY LINE: the value of KEY=... in a key=value line.
kv() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1; }
# stats FILE: "median min max n" of one number per line.
stats() { sort -n "$1" | awk '{v[NR]=$1} END {if (NR==0) {print "- - - 0"; exit}
	m = NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%.1f %.1f %.1f %d\n", m, v[1], v[NR], NR}'; }
med() { stats "$1" | cut -d' ' -f1; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k/1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.1fx", a/b; else print "-"}'; }
# verdict VALUE OP LIMIT: "met" or "MISSED".
verdict() { awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {ok = op == "<" ? v < l : v >= l; print ok ? "met" : "MISSED"}'; }

ROWS=$E2E_TMP/rows
: >"$ROWS"
# row MEASURE VALUE TARGET VERDICT
row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" >>"$ROWS"; }
note() { echo "- $*" >>"$E2E_TMP/notes"; }

# ---- render: one full screen, software renderer ----
say "render: one full screen at 1920x1080 and 3840x2160"
r=$("$BENCH_BIN/render_bench" --frames 50 1920x1080 3840x2160) || e2e_fail "render_bench failed"
r1=$(echo "$r" | grep 1920x1080)
r4=$(echo "$r" | grep 3840x2160)
row "Render a cached screen, 1920x1080 (median of 50)" "$(kv cached_ms "$r1") ms" "< 4 ms" "$(verdict "$(kv cached_ms "$r1")" '<' 4)"
row "Render an uncached screen, 1920x1080 (text + pictures again)" "$(kv uncached_ms "$r1") ms (first $(kv first_ms "$r1") ms)" "" ""
row "Render a cached screen, 3840x2160" "$(kv cached_ms "$r4") ms" "" ""
row "Render an uncached screen, 3840x2160" "$(kv uncached_ms "$r4") ms (first $(kv first_ms "$r4") ms)" "" ""
row "Layout of the home page, 1920x1080 (text measured with SDL_ttf)" "$(kv layout_ms "$r1") ms" "" ""
say "render: memory of the caches, every screen of every page"
w=$("$BENCH_BIN/render_bench" --walk 1920x1080) || e2e_fail "render_bench --walk failed"
wk() { kv "$2" "$(echo "$w" | grep "step=$1 ")"; }
heap0=$(wk start heap_kib)
row "Renderer caches, in-process: heap after every screen once; with every word lit in turn" \
	"+$(mib $(($(wk every-screen heap_kib) - heap0))) MiB ($(wk every-screen screens) screens); +$(mib $(($(wk every-word-lit heap_kib) - heap0))) MiB ($(wk every-word-lit lit_words) words)" "" ""
row "... process RSS: then; after render_clear_cache; after malloc_trim(0) (which took $(wk malloc-trim trim_ms) ms)" \
	"$(mib "$(wk every-word-lit rss_kib)"); $(mib "$(wk cache-cleared rss_kib)"); $(mib "$(wk malloc-trim rss_kib)") MiB" "" ""

if command -v valgrind >/dev/null; then
	for kind in cached uncached; do
		say "callgrind: one $kind frame"
		valgrind --tool=callgrind --collect-atstart=no --toggle-collect="frame_$kind" \
			--callgrind-out-file="$E2E_TMP/cg.$kind" "$BENCH_BIN/render_bench" --callgrind "$kind" 1920x1080 \
			>/dev/null 2>"$E2E_TMP/cg.$kind.log" || e2e_fail "callgrind failed: $(tail -3 "$E2E_TMP/cg.$kind.log")"
		ir=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$E2E_TMP/cg.$kind")
		row "Instructions for one $kind screen, 1920x1080 (callgrind)" \
			"$(awk -v n="$ir" 'BEGIN {printf "%.1f M", n/1e6}')" "" ""
	done
else
	note "valgrind is not installed: no instruction counts."
fi

# ---- speech: Listen to the first audio sample queued ----
say "speech: Listen to the first audio queued"
s=$("$BENCH_BIN/speech_bench" --runs "$RUNS" 2>/dev/null) || e2e_fail "speech_bench failed"
row "Listen to first audio sample queued, as the app loop runs (median of $RUNS)" \
	"$(kv listen_app_ms "$s") ms (max $(kv listen_app_max_ms "$s"))" "< 50 ms" "$(verdict "$(kv listen_app_ms "$s")" '<' 50)"
row "... of which eSpeak NG's own latency (polled every 0.5 ms)" "$(kv listen_poll_ms "$s") ms" "" ""
row "Starting the speech thread and audio (after the first frame)" "$(kv speech_start_ms "$s") ms" "" ""
[ "$(kv sound "$s")" = 1 ] || note "speech_bench had no eSpeak voice or audio device: its times are for silence."

# ---- under Xvfb: start-up, idle CPU, page turns, memory ----
e2e_start_xvfb 1920x1080
KIOSK_CMD=(env SDL_VIDEODRIVER=x11 "$KIOSK" --software --set usage.file="$E2E_TMP/usage.jsonl")
say "start-up: $RUNS launches, launch to the page visible on the X display"
: >"$E2E_TMP/visible.ms"
: >"$E2E_TMP/self.ms"
: >"$E2E_TMP/pss.kib"
for ((i = 0; i < RUNS; i++)); do
	v=$("$BENCH_BIN/visible" --hold 300 -- "${KIOSK_CMD[@]}" --ready-file "$E2E_TMP/r" content 2>"$E2E_TMP/k.log") ||
		e2e_fail "the kiosk's page never became visible ($v): $(cat "$E2E_TMP/k.log")"
	kv visible_ms "$v" >>"$E2E_TMP/visible.ms"
	kv last_pss_kib "$v" >>"$E2E_TMP/pss.kib"
	sed -n 's/.*first frame presented after \([0-9.]*\) ms.*/\1/p' "$E2E_TMP/k.log" >>"$E2E_TMP/self.ms"
done
read -r vis_med vis_min vis_max _ < <(stats "$E2E_TMP/visible.ms")
first_mode=$(sed -n 's/^mode=\([a-z]*\).*/\1/p' "$E2E_TMP/r" | head -n 1)
row "Launch to first frame visible (${first_mode:-first} screen), Xvfb 1920x1080 (median of $RUNS, from outside)" \
	"$vis_med ms ($vis_min-$vis_max)" "< 100 ms" "$(verdict "$vis_med" '<' 100)"
row "... the kiosk's own log: first frame presented after" "$(med "$E2E_TMP/self.ms") ms" "" ""
start_pss=$(med "$E2E_TMP/pss.kib")

say "idle: CPU time over 10 s"
v=$("$BENCH_BIN/visible" --hold 1000 --idle 10000 -- "${KIOSK_CMD[@]}" --ready-file "$E2E_TMP/r" content 2>"$E2E_LOG") ||
	e2e_fail "the kiosk's page never became visible ($v)"
idle=$(kv idle_cpu_s "$v")
row "CPU time of an idle kiosk over 10 s" "$idle s" "< 0.05 s" "$(verdict "$idle" '<' 0.05)"

say "walk: Listen on every screen of every page, memory sampled every 50 ms"
# Taps here come faster than a person's: no double-press guard (Stop right after Listen, Back
# after Back would be ignored within input.double_press_ms, 300 ms by default).
if [ "${BENCH_FULL_READ:-1}" = 1 ]; then
	WALK_FULL=1
	e2e_start_kiosk_attract --set input.double_press_ms=0 --set speech.words_per_minute=450 content
else
	e2e_start_kiosk_attract --set input.double_press_ms=0 content
fi
attract_ms=$("$BENCH_BIN/tap" --press "$E2E_READY" 960 540 "mode=page" 10000) || e2e_fail "touching the attract screen did not open the home page"
sleep 0.5
home_pss=$(sed -n 's/^Pss: *\([0-9]*\).*/\1/p' "/proc/$E2E_KIOSK_PID/smaps_rollup")
(
	trap - EXIT
	while kill -0 "$E2E_KIOSK_PID" 2>/dev/null; do
		p=$(sed -n 's/^Pss: *\([0-9]*\).*/\1/p' "/proc/$E2E_KIOSK_PID/smaps_rollup" 2>/dev/null)
		r=$(sed -n 's/^Rss: *\([0-9]*\).*/\1/p' "/proc/$E2E_KIOSK_PID/smaps_rollup" 2>/dev/null)
		[ -n "$p" ] && echo "$p $r" >>"$E2E_TMP/walk.mem"
		sleep 0.05
	done
) &
sampler=$!
walk_all
walked=$WALKED
sleep 1
steady_pss=$(sed -n 's/^Pss: *\([0-9]*\).*/\1/p' "/proc/$E2E_KIOSK_PID/smaps_rollup")
xdotool key ctrl+alt+q
e2e_wait_exit || e2e_fail "the kiosk did not quit"
wait "$sampler" 2>/dev/null
peak_pss=$(sort -n "$E2E_TMP/walk.mem" | tail -n 1 | cut -d' ' -f1)
peak_rss=$(sort -k2 -n "$E2E_TMP/walk.mem" | tail -n 1 | cut -d' ' -f2)
read -r o_med o_min o_max o_n < <(stats "$WALK_DIR/open_new.ms")
read -r n_med n_min n_max n_n < <(stats "$WALK_DIR/next_new.ms")
read -r b_med b_min b_max b_n < <(stats "$WALK_DIR/back.ms")
read -r l_med l_min l_max l_n < <(stats "$WALK_DIR/listen.ms")
row "Touch on the attract screen (acts on touch down) to the home page presented" "$attract_ms ms" "" ""
row "Page turn: tap a button to a new page, to it presented (median of $o_n)" "$o_med ms ($o_min-$o_max)" "" ""
row "Page turn: Next to a new screen (median of $n_n)" "$n_med ms ($n_min-$n_max)" "" ""
row "Page turn: Back to a screen seen before (median of $b_n)" "$b_med ms ($b_min-$b_max)" "" ""
row "Listen tapped to the Stop button presented (median of $l_n)" "$l_med ms" "" ""
how="Listen on each screen, Stop after the first words"
[ "${WALK_FULL:-0}" = 1 ] && how="each screen read to the end at 450 words a minute"
row "Peak memory showing every page ($walked; $how): PSS / RSS" "$(mib "$peak_pss") / $(mib "$peak_rss") MiB" "< 40 MiB PSS" "$(verdict "$(mib "$peak_pss")" '<' 40)"
row "PSS: at start-up; on the home page; after the walk" "$(mib "$start_pss"); $(mib "$home_pss"); $(mib "$steady_pss") MiB" "" ""

# ---- the usual alternative: Chromium showing the same page ----
if [ "$CHROMIUM" = 1 ] && command -v chromium >/dev/null; then
	bash bench/page_html.sh content/en/home.md images fonts >"$E2E_TMP/home.html"
	CHR=(chromium --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
		--disable-component-update --disable-sync --noerrdialogs --disable-infobars --password-store=basic
		--window-position=0,0 --window-size=1920,1080)
	n=$(((RUNS + 1) / 2))
	say "chromium: $n headless screenshots"
	: >"$E2E_TMP/chs.ms"
	: >"$E2E_TMP/chs.kib"
	for ((i = 0; i < n; i++)); do
		rm -rf "$E2E_TMP/profile"
		v=$("$BENCH_BIN/visible" --no-pixels --timeout 60000 -- "${CHR[@]}" --headless --user-data-dir="$E2E_TMP/profile" \
			--screenshot="$E2E_TMP/chromium.png" "file://$E2E_TMP/home.html" 2>/dev/null)
		kv exit_ms "$v" >>"$E2E_TMP/chs.ms"
		kv peak_pss_kib "$v" >>"$E2E_TMP/chs.kib"
		procs=$(kv procs "$v")
	done
	[ -s "$E2E_TMP/chromium.png" ] || e2e_fail "headless Chromium wrote no screenshot"
	chs_ms=$(med "$E2E_TMP/chs.ms")
	chs_kib=$(med "$E2E_TMP/chs.kib")
	row "Headless Chromium: start to screenshot written (median of $n)" "$chs_ms ms" "" ""
	row "Headless Chromium: peak PSS of all its processes ($procs)" "$(mib "$chs_kib") MiB" "" ""
	say "chromium: $n launches in kiosk mode under Xvfb"
	: >"$E2E_TMP/chk.ms"
	: >"$E2E_TMP/chk.kib"
	for ((i = 0; i < n; i++)); do
		rm -rf "$E2E_TMP/profile"
		idle_arg=()
		[ $i -eq 0 ] && idle_arg=(--idle 10000)
		v=$("$BENCH_BIN/visible" --settle 1000 --hold 2000 "${idle_arg[@]}" -- "${CHR[@]}" --kiosk \
			--user-data-dir="$E2E_TMP/profile" "file://$E2E_TMP/home.html" 2>/dev/null) ||
			e2e_fail "Chromium's page never became visible"
		kv visible_ms "$v" >>"$E2E_TMP/chk.ms"
		kv last_pss_kib "$v" >>"$E2E_TMP/chk.kib"
		[ $i -eq 0 ] && chk_idle=$(kv idle_cpu_s "$v") && chk_procs=$(kv procs "$v")
	done
	chk_ms=$(med "$E2E_TMP/chk.ms")
	chk_kib=$(med "$E2E_TMP/chk.kib")
	row "Chromium --kiosk: launch to page visible, Xvfb (median of $n, same yardstick)" "$chk_ms ms" "" ""
	row "Chromium --kiosk: steady PSS of all its processes ($chk_procs)" "$(mib "$chk_kib") MiB" "" ""
	row "Chromium --kiosk: CPU time idle over 10 s" "$chk_idle s" "" ""
	row "Faster to visible than Chromium --kiosk" "$(ratio "$chk_ms" "$vis_med")" ">= 6x" \
		"$(verdict "$(awk -v a="$chk_ms" -v b="$vis_med" 'BEGIN {print a/b}')" '>=' 6)"
	row "Less memory than Chromium --kiosk: its steady PSS / ours on the same page" "$(ratio "$chk_kib" "$home_pss")" ">= 10x" \
		"$(verdict "$(awk -v a="$chk_kib" -v b="$home_pss" 'BEGIN {print a/b}')" '>=' 10)"
	row "... its steady PSS / our peak PSS reading every page" "$(ratio "$chk_kib" "$peak_pss")" ">= 10x" \
		"$(verdict "$(awk -v a="$chk_kib" -v b="$peak_pss" 'BEGIN {print a/b}')" '>=' 10)"
	row "Faster than headless Chromium's screenshot; less memory than its peak" \
		"$(ratio "$chs_ms" "$vis_med"); $(ratio "$chs_kib" "$peak_pss")" "" ""
	chromium_version=$(chromium --version 2>/dev/null | head -n 1)
else
	note "Chromium is not installed (or BENCH_CHROMIUM=0): no comparison. As root, make bench installs it."
	chromium_version="not run"
fi

# ---- scale: thousands of pages ----
say "scale: $PAGES generated pages in 3 languages"
SCALE=$E2E_TMP/scale
bash bench/gen_content.sh "$SCALE" "$PAGES" >/dev/null
: >"$E2E_TMP/svis.ms"
: >"$E2E_TMP/spss.kib"
for ((i = 0; i < (RUNS + 1) / 2; i++)); do
	v=$("$BENCH_BIN/visible" --hold 300 -- "${KIOSK_CMD[@]}" --ready-file "$E2E_TMP/r" "$SCALE/content" 2>"$E2E_LOG") ||
		e2e_fail "the scale content's page never became visible ($v)"
	kv visible_ms "$v" >>"$E2E_TMP/svis.ms"
	kv last_pss_kib "$v" >>"$E2E_TMP/spss.kib"
done
svis=$(med "$E2E_TMP/svis.ms")
spss=$(med "$E2E_TMP/spss.kib")
row "$PAGES pages, 3 languages: launch to visible; PSS at start" "$svis ms; $(mib "$spss") MiB" \
	"~ shipped ($vis_med ms; $(mib "$start_pss") MiB)" \
	"$(awk -v a="$svis" -v b="$vis_med" -v c="$spss" -v d="$start_pss" 'BEGIN {print (a < b * 1.25 + 10 && c < d * 1.25 + 2048) ? "met" : "MISSED"}')"
if "$KIOSK" --help 2>&1 | grep -q -- '--check'; then
	t0=$(date +%s%N)
	"$KIOSK" --check "$SCALE/content" >"$E2E_TMP/check.out" 2>&1
	check_rc=$?
	t1=$(date +%s%N)
	check_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", (b-a)/1e9}')
	row "kiosk --check of the $PAGES pages (exit code $check_rc)" "$check_s s" "< 5 s" "$(verdict "$check_s" '<' 5)"
else
	note "kiosk --check is not wired in main.c yet: not timed."
fi

# ---- the report ----
elapsed=$(($(date +%s) - started))
{
	echo "# Benchmark results"
	echo
	echo "Written by \`make bench\` (bench/run.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'); took ${elapsed} s."
	echo
	echo "Machine: $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), $(nproc) cores," \
		"$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, Linux $(uname -r)," \
		"$(. /etc/os-release && echo "$PRETTY_NAME"); SDL $(pkg-config --modversion sdl2 2>/dev/null)," \
		"software renderer, Xvfb 1920x1080x24, SDL_AUDIODRIVER=dummy; $chromium_version."
	echo
	echo "| measure | result | target | |"
	echo "|---|---|---|---|"
	cat "$ROWS"
	if [ -s "$E2E_TMP/notes" ]; then
		echo
		cat "$E2E_TMP/notes"
	fi
	echo
	echo "How each number is measured: bench/README.md."
} >"$OUT"
cat "$OUT"
kill "$E2E_XVFB_PID" 2>/dev/null
E2E_XVFB_PID=""
