#!/bin/sh
# Every unit test (tests/unit/test_*.c) under valgrind memcheck: no leak
# (definite or indirect) and no memory error. Sanitizers and valgrind do
# not mix, so the tests are built without them in build/valgrind.
# Speaks TAP, one line per test program; `make valgrind` runs it and
# tests/run.sh counts it. VALGRIND_JOBS (default 2) programs at a time.
#
# scripts/valgrind.supp holds suppressions for libraries' own one-time
# allocations only, each with the reason; a leak of ours is never
# suppressed.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
VB=build/valgrind
JOBS=${VALGRIND_JOBS:-2}
LOG=$VB/valgrind-logs

if ! command -v valgrind >/dev/null 2>&1; then
	echo "not ok 1 - valgrind is installed (sh scripts/deps.sh test)"
	exit 1
fi
mkdir -p build
if ! make -s -j2 B=$VB TESTING=1 OPT='-O1 -g' SAN= valgrind-build >"$VB.build.log" 2>&1; then
	echo "not ok 1 - unit tests build without sanitizers (log: $VB.build.log)"
	tail -20 "$VB.build.log" | sed 's/^/# /'
	exit 1
fi
rm -rf "$LOG"; mkdir -p "$LOG"

export ORDEN_TEST_FAST_HASH=1
# valgrind replaces malloc: tests of glibc's malloc settings skip (test_memory).
export ORDEN_UNDER_VALGRIND=1
export ORDEN_BIN="$ROOT/$VB/orden"
export CMOCKA_MESSAGE_OUTPUT=TAP

SUPP=""
[ -f scripts/valgrind.supp ] && SUPP="--suppressions=scripts/valgrind.supp"

# One program under memcheck; its exit status is the verdict: 99 for a
# memcheck report, the test's own status otherwise.
one() {	# name
	# shellcheck disable=SC2086
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    --show-leak-kinds=definite,indirect --error-exitcode=99 \
	    --track-origins=no --num-callers=30 $SUPP \
	    --log-file="$LOG/$1.vg" "$VB/tests/$1" >"$LOG/$1.out" 2>&1
	echo $? >"$LOG/$1.rc"
}

names=""
for src in tests/unit/test_*.c; do
	names="$names $(basename "$src" .c)"
done
# The slowest under memcheck first (so that none starts last, alone);
# the results are printed in the order above.
SLOW="test_session test_wb_property test_audit test_whistle test_org"
order=$SLOW
for n in $names; do
	case " $SLOW " in *" $n "*) ;; *) order="$order $n" ;; esac
done

# JOBS lanes, each taking the next program no lane has taken yet (mkdir is
# the atomic claim): a lane never waits for another's slow program.
lane=0
while [ "$lane" -lt "$JOBS" ]; do
	(
		for n in $order; do
			[ -f "tests/unit/$n.c" ] || continue
			mkdir "$LOG/.claim.$n" 2>/dev/null || continue
			one "$n"
		done
	) &
	lane=$((lane + 1))
done
wait

i=0; rc=0
for n in $names; do
	i=$((i + 1))
	r=$(cat "$LOG/$n.rc" 2>/dev/null || echo 1)
	tests=$(grep -c '^ok ' "$LOG/$n.out")
	if [ "$r" -eq 0 ]; then
		echo "ok $i - $n under valgrind ($tests tests, no leak or error)"
		continue
	fi
	rc=1
	if [ "$r" -eq 99 ]; then
		echo "not ok $i - $n under valgrind: memcheck errors (log: $LOG/$n.vg)"
		grep -E '^==[0-9]+== ([A-Z]|   (at|by) )' "$LOG/$n.vg" | head -30 |
		    sed 's/^/# /'
	else
		echo "not ok $i - $n under valgrind: exit $r (log: $LOG/$n.out)"
		grep -E '^not ok' "$LOG/$n.out" | head -10 | sed 's/^/# /'
	fi
done
exit $rc
