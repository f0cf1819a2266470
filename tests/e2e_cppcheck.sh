#!/bin/sh
# The code stays cppcheck-clean (warnings, performance, portability), like it stays
# -Wall -Wextra -Werror clean: a finding fails the check with its file:line.
set -u
cd "$(dirname "$0")/.."
command -v cppcheck >/dev/null || { echo "FAIL: cppcheck is not installed (make check installs it as root)"; exit 1; }
if cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	--suppress=missingIncludeSystem --inline-suppr -I src src; then
	echo "PASS: cppcheck found nothing in src/"
	exit 0
fi
echo "FAIL: cppcheck findings above"
exit 1
