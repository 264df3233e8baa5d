#!/bin/sh
# Run every test suite: the cmocka unit tests (UNIT_DIR), then each shell
# suite under tests/cli, tests/tui and tests/ssh, against $PLANCON.
# Every suite ends with cmocka's summary lines; this adds them up and ends
# with one line "N passed, N failed". Exit status 1 when anything failed.
# With ASAN_PLANCON (and ASAN_UNIT_DIR) set, as make check does, the unit
# and CLI tests run again on that sanitizer build, and the console tests
# once more under valgrind.
top=$(cd "$(dirname "$0")/.." && pwd)
: "${PLANCON:=$top/plancon}"
: "${UNIT_DIR:=$top/build/tests}"
export PLANCON TOP="$top"
log=$(mktemp)
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
	t0=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	printf -- '-- %s: %d s\n' "$name" $(( $(date +%s) - t0 ))
	count "$name" "$log"
	check_reports "$name"
	if [ $rc -ne 0 ] && ! grep -q 'FAILED TEST(S)' "$log"; then
		# A suite that died without a summary counts as one failure.
		failed=$((failed + 1))
		broken="$broken $name"
	fi
}

# run_pass LABEL UNIT-DIR DIR...: the unit tests of UNIT-DIR (none when
# empty) and the shell suites of tests/DIR, their names prefixed by LABEL.
run_pass() {
	label=$1 units=$2
	shift 2
	for t in ${units:+"$units"/test_*}; do
		[ -x "$t" ] || continue
		run_suite "${label}unit/$(basename "$t")" "$t"
	done
	for dir in "$@"; do
		for t in "$top"/tests/$dir/*.sh; do
			[ -f "$t" ] || continue
			run_suite "$label$dir/$(basename "$t" .sh)" sh "$t"
		done
	done
}

# A report from a sanitizer or valgrind (files in $reports) fails the suite
# that caused it, whatever its own tests said.
reports=$(mktemp -d)
trap 'rm -f "$log"; rm -rf "$reports"' EXIT
check_reports() { # suite-name
	found=$(find "$reports" -type f -size +0c 2>/dev/null)
	[ -z "$found" ] && { rm -f "$reports"/*; return 0; }
	for f in $found; do printf -- '-- %s\n' "$(basename "$f")"; head -n 60 "$f"; done
	echo "[  FAILED  ] $1: sanitizer or valgrind report above"
	failed=$((failed + 1))
	broken="$broken $1"
	rm -f "$reports"/*
}

run_pass "" "$UNIT_DIR" cli tui ssh bench
# make check: the unit and CLI tests again on the AddressSanitizer + UBSan build.
if [ -n "${ASAN_PLANCON:-}" ]; then
	plain=$PLANCON
	PLANCON=$ASAN_PLANCON
	export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:log_path=$reports/asan"
	export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$reports/ubsan"
	export LSAN_OPTIONS="suppressions=$top/tests/lib/lsan.supp:print_suppressions=0"
	# The volume of concurrency.sh is for the plain pass; here it is the
	# memory that matters, so fewer updates (100 per process, not 500).
	export PLANCON_CONCURRENCY_N=100
	run_pass "asan/" "${ASAN_UNIT_DIR:-}" cli
	unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS PLANCON_CONCURRENCY_N
	PLANCON=$plain
fi
# The console tests once more, each console under valgrind memcheck
# (ncurses' own allocations suppressed by tests/lib/ncurses.supp; see
# PLANCON_WRAPPER in tests/lib/testlib.sh), with 20 times the deadlines.
if [ -n "${ASAN_PLANCON:-}" ] && command -v valgrind >/dev/null 2>&1; then
	export PLANCON_WRAPPER="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite -q \
--suppressions=$top/tests/lib/ncurses.supp --log-file=$reports/valgrind.%p" T_SLOW=20
	run_pass "valgrind/" "" tui
	unset PLANCON_WRAPPER T_SLOW
fi
[ -n "$broken" ] && echo "suites that stopped without a summary:$broken"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
