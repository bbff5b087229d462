#!/bin/sh
# lint.sh: cppcheck, clang-tidy (.clang-tidy) and the web linter, each must be clean.
# Ends with "lint: N passed, N failed" (one check per tool).
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0

check() { # NAME CMD...
	name=$1
	shift
	if out=$("$@" 2>&1); then
		echo "ok $name"
		passed=$((passed + 1))
	else
		echo "not ok $name"
		echo "$out" | grep -v '^[0-9]* warnings\? generated' | head -60 | sed 's/^/    /'
		failed=$((failed + 1))
	fi
}

CFLAGS_TIDY="-std=c11 -D_GNU_SOURCE -Isrc -Ibuild/gen -I/usr/include/postgresql $(pkg-config --cflags pangocairo gdk-pixbuf-2.0 | sed 's/-I/-isystem /g') -include src/core/prelude.h"

tidy() {
	# two files at a time; any diagnostic (warnings are errors in .clang-tidy) fails
	ls src/*/*.c src/main.c | xargs -P 2 -n 4 sh -c "clang-tidy --quiet \"\$@\" -- $CFLAGS_TIDY" tidy
}

check cppcheck cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	--inline-suppr --suppress=missingIncludeSystem --std=c11 -I src \
	--library=scripts/cppcheck-jansson.cfg src tests/unit tests/fuzz
check clang-tidy tidy
check eslint sh -c 'cd web && npm run --silent lint'

echo "lint: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
