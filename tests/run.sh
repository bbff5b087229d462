#!/bin/sh
# run.sh: runs every test suite and ends with one line "N passed, N failed".
# Suites: C unit tests (plain and ASan+UBSan), lint, the fuzz targets over their committed
# corpus (no fuzzing: `make fuzz` does that), the API tests against the real
# binary on SQLite and on a throwaway PostgreSQL cluster, and the browser tests.
# A suite that crashes without reporting counts as one failure. Logs: build/test-logs/.
set -u
cd "$(dirname "$0")/.."
LOG=build/test-logs
mkdir -p "$LOG"
rm -f "$LOG"/*.log
PASSED=0
FAILED=0

# counts LOGFILE: prints "P F" from the last "N passed, N failed" line or TAP "# pass/# fail"
counts() {
	awk '
		/^# pass [0-9]+/ { tp = $3; tap = 1 }
		/^# fail [0-9]+/ { tf = $3; tap = 1 }
		/[0-9]+ passed, [0-9]+ failed/ {
			for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed,?$/) p = $(i-1); if ($(i) ~ /^failed/) f = $(i-1) }
			plain = 1
		}
		END { if (tap) print tp+0, tf+0; else if (plain) print p+0, f+0; else print "0 0" }
	' "$1"
}

suite() { # NAME CMD...: runs CMD with output in the log, adds its counts
	name=$1
	shift
	start=$(date +%s)
	"$@" >"$LOG/$name.log" 2>&1
	rc=$?
	set -- $(counts "$LOG/$name.log")
	p=$1 f=$2
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed or refused to run: never silently green
		echo "  ($name exited $rc without reporting a failure; see $LOG/$name.log)"
	fi
	PASSED=$((PASSED + p))
	FAILED=$((FAILED + f))
	printf '%-14s %4d passed, %3d failed  (%ss)\n' "$name" "$p" "$f" "$(($(date +%s) - start))"
	if [ "$f" -gt 0 ]; then
		grep -E '^not ok|^    |FAIL|Error|error:' "$LOG/$name.log" | head -40 | sed 's/^/    | /'
	fi
}

PGDIR=$(mktemp -d /tmp/zhifa-pg.XXXXXX)
rmdir "$PGDIR"
cleanup() { sh scripts/pg.sh stop "$PGDIR" >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM
if PGURL=$(sh scripts/pg.sh start "$PGDIR"); then
	export ZHIFA_TEST_PG_URL="$PGURL" ZHIFA_TEST_PG_DIR="$PGDIR"
else
	echo "PostgreSQL test cluster did not start" >&2
	FAILED=$((FAILED + 1))
fi

suite unit ./build/test-unit
suite unit-asan env ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=tests/lsan.supp \
	./build/test-unit-asan
suite lint sh scripts/lint.sh
suite fuzz-corpus sh tests/fuzz/corpus.sh
suite api-sqlite env ZHIFA_TEST_ENGINE=sqlite node --test --test-reporter=tap tests/api/
if [ -n "${ZHIFA_TEST_PG_URL:-}" ]; then
	suite api-postgres env ZHIFA_TEST_ENGINE=postgres node --test --test-reporter=tap tests/api/
fi
suite web sh tests/web/server.sh

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
