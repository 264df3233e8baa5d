#!/bin/sh
# Run every test suite: the cmocka unit tests (UNIT_DIR), then each shell
# suite under tests/cli, tests/tui and tests/ssh, against $PLANCON.
# Every suite ends with cmocka's summary lines; this adds them up and ends
# with one line "N passed, N failed". Exit status 1 when anything failed.
top=$(cd "$(dirname "$0")/.." && pwd)
: "${PLANCON:=$top/plancon}"
: "${UNIT_DIR:=$top/build/tests}"
export PLANCON TOP="$top"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0
failed=0
broken=""

count() { # suite-name, output file
	p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test(s)\..*/\1/p' "$2" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^ *\([0-9][0-9]*\) FAILED TEST(S).*/\1/p' "$2" | awk '{s+=$1} END {print s+0}')
	passed=$((passed + p))
	failed=$((failed + f))
}

run_suite() { # name, command...
	name=$1; shift
	printf '== %s\n' "$name"
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	count "$name" "$log"
	if [ $rc -ne 0 ] && ! grep -q 'FAILED TEST(S)' "$log"; then
		# A suite that died without a summary counts as one failure.
		failed=$((failed + 1))
		broken="$broken $name"
	fi
}

for t in "$UNIT_DIR"/test_*; do
	[ -x "$t" ] || continue
	run_suite "unit/$(basename "$t")" "$t"
done
for dir in cli tui ssh bench; do
	for t in "$top"/tests/$dir/*.sh; do
		[ -f "$t" ] || continue
		run_suite "$dir/$(basename "$t" .sh)" sh "$t"
	done
done
[ -n "$broken" ] && echo "suites that stopped without a summary:$broken"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
