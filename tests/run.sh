#!/bin/sh
# Runs every test binary in the normal build and in the ASan + UBSan build, then every
# end-to-end script tests/e2e_*.sh, and prints one closing tally line.
# Usage: BUILD=build sh tests/run.sh test_a test_b ...
BUILD=${BUILD:-build}
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy}
export SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy}
# Leaks in our code fail; known leaks inside system libraries are in tests/lsan.supp.
# Full stacks for every ASan binary, the e2e scripts' included (build/asan/kiosk in
# e2e_monkey.sh): see tests/lsan.supp for why the suppressions need them.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:fast_unwind_on_malloc=0"
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
passed=0
failed=0
failed_names=""
run() {
	name=$1
	shift
	echo "=== $name"
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failed_names="$failed_names $name"
		echo "FAILED: $name"
	fi
}
for t in "$@"; do
	run "$t" "$BUILD/tests/$t"
done
# Full stacks for leak reports (Debian's libraries have no frame pointers, so the fast
# unwinder would hide which library a leak is in and suppressions could not match).
if [ -n "${UNIT_ONLY:-}" ]; then
	echo
	[ -n "$failed_names" ] && echo "failed:$failed_names"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi
for t in "$@"; do
	run "$t (asan+ubsan)" env ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0" "$BUILD/asan/tests/$t"
done
for e in tests/e2e_*.sh; do
	[ -f "$e" ] || continue
	run "$(basename "$e" .sh)" env BUILD="$BUILD" sh "$e"
done
echo
[ -n "$failed_names" ] && echo "failed:$failed_names"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
