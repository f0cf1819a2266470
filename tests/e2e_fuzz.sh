#!/bin/sh
# Fuzz smoke run (part of make check): each libFuzzer target (tests/fuzz_*.c, clang with
# ASan + UBSan) runs a fixed number of inputs from a fixed seed, starting from the seed
# corpus in tests/fuzz/. Any crash, sanitizer report, leak or broken invariant fails, and
# the input that caused it is kept in $BUILD/fuzz/ to reproduce:
#   build/fuzz/fuzz_layout build/fuzz/crash-...
# Longer runs: make fuzz (FUZZ_SECONDS=60 each).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUNS=${FUZZ_RUNS:-20000}
make -s --no-print-directory BUILD="$BUILD" "$BUILD/fuzz/fuzz_content" "$BUILD/fuzz/fuzz_layout" "$BUILD/fuzz/fuzz_picture" >/dev/null ||
	{ echo "FAIL: the fuzz targets do not build (make fuzz-build)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in content layout picture; do
	t0=$(date +%s)
	dict=""
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
	mkdir -p "$tmp/corpus-$name"
	if ! "$BUILD/fuzz/fuzz_$name" -runs="$RUNS" -seed=1 -max_len=8192 $dict -artifact_prefix="$tmp/" \
		"$tmp/corpus-$name" "tests/fuzz/$name" >"$tmp/$name.log" 2>&1; then
		tail -n 40 "$tmp/$name.log"
		for f in "$tmp"/crash-* "$tmp"/leak-* "$tmp"/timeout-* "$tmp"/oom-*; do
			[ -f "$f" ] && cp "$f" "$BUILD/fuzz/" && echo "input kept: $BUILD/fuzz/$(basename "$f")"
		done
		echo "FAIL: fuzz_$name"
		exit 1
	fi
	echo "ok: fuzz_$name: $RUNS inputs in $(($(date +%s) - t0)) s, no crash"
done
echo "PASS: $(basename "$0")"
