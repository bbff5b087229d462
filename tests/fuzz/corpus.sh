#!/bin/sh
# corpus.sh: the fuzz targets as a regression suite. Builds each tests/fuzz/fuzz_X.c and
# runs it once over every file of its committed corpus (tests/fuzz/corpus/fuzz_X/):
# no fuzzing, only the inputs that are there. One result per input; ends with
# "fuzz-corpus: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
LOG=build/fuzz/corpus-run.log
if ! ${MAKE:-make} --no-print-directory fuzz-targets; then
	echo "fuzz-corpus: 0 passed, 1 failed"
	exit 1
fi
P=0
F=0
for src in tests/fuzz/fuzz_*.c; do
	t=$(basename "$src" .c)
	for f in tests/fuzz/corpus/"$t"/*; do
		if "build/fuzz/$t" -runs=1 "$f" >"$LOG" 2>&1; then
			P=$((P + 1))
		else
			F=$((F + 1))
			echo "not ok $t $f"
			grep -E 'ERROR|SUMMARY|#[0-9]+ ' "$LOG" | head -20 | sed 's/^/    /'
		fi
	done
done
echo "fuzz-corpus: $P passed, $F failed"
[ "$F" -eq 0 ]
