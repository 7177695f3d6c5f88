#!/bin/sh
# Run every suite against the build in $1 (default build/asan) and end with
# one line "N passed, N failed". Each suite speaks TAP ("ok N - name" /
# "not ok N - name"); a suite that dies without saying so counts as failed.
set -u
B=${1:-build/asan}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export ORDEN_BIN="$ROOT/$B/orden"
export ORDEN_TEST_FAST_HASH=1
export CMOCKA_MESSAGE_OUTPUT=TAP
# The CLI speaks the operator's language (LANG); tests read its English.
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:${ASAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:${LSAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
LOG="$ROOT/$B/test-logs"
rm -rf "$LOG"; mkdir -p "$LOG"

pass=0; fail=0; failed_suites=""

# A suite's output goes to $LOG/<name>.log and its exit status to
# $LOG/<name>.rc; tally reads both, so suites that ran side by side are
# still counted and printed one after the other, in a fixed order.
exec_suite() {	# name, command...
	name=$1; shift
	t0=$(date +%s)
	"$@" >"$LOG/$name.log" 2>&1
	echo $? >"$LOG/$name.rc"
	# Its duration, printed by tally: where make check spends its time.
	echo $(($(date +%s) - t0)) >"$LOG/$name.time"
}

# Every suite is a job in one queue that JOBS lanes (default 2, the cores
# this is made for) take from, each the next job no lane has taken yet
# (mkdir is the atomic claim), in the order queued: the longest first, so
# that no lane runs on alone long after the other is done. The test
# programs each make their own temporary directory, listen on a port the
# kernel picks and name their PostgreSQL databases by their pid; the rest
# (valgrind in build/valgrind, clang in build/clang, fuzz in build/fuzz,
# the CLI, node and OIDC suites) likewise share nothing, so any two may
# run side by side.
JOBS=${SUITE_JOBS:-2}
QUEUE="$LOG/queue"
: >"$QUEUE"
queue() {	# a command line (its words split on spaces) to run as one job
	echo "$*" >>"$QUEUE"
}
run_queue() {
	lane=0
	while [ "$lane" -lt "$JOBS" ]; do
		(
			i=0
			while IFS= read -r job; do
				i=$((i + 1))
				mkdir "$LOG/.job.$i" 2>/dev/null || continue
				# Its input is not the queue's.
				# shellcheck disable=SC2086
				$job </dev/null
			done <"$QUEUE"
		) &
		lane=$((lane + 1))
	done
	wait
}

tally() {	# name
	name=$1
	out="$LOG/$name.log"
	rc=$(cat "$LOG/$name.rc" 2>/dev/null || echo 1)
	p=$(grep -c '^ok ' "$out")
	# A skipped test ("not ok N # SKIP", cmocka's TAP) is neither.
	f=$(grep '^not ok ' "$out" | grep -vc '# SKIP')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; fi	# ran nothing: a failure
	secs=$(cat "$LOG/$name.time" 2>/dev/null || echo '?')
	pass=$((pass + p)); fail=$((fail + f))
	if [ "$f" -ne 0 ]; then
		failed_suites="$failed_suites $name"
		printf 'FAIL %-28s %3d ok, %d failed  (%s s; log: %s)\n' "$name" "$p" "$f" "$secs" "$out"
		grep -E '^not ok|ERROR|Sanitizer|runtime error|FAIL' "$out" | head -20 | sed 's/^/    /'
	else
		printf 'ok   %-28s %3d ok  (%s s)\n' "$name" "$p" "$secs"
	fi
}

# A throw-away PostgreSQL cluster (Unix socket only, removed at the end):
# the store's own PostgreSQL tests use it, and the HTTP suites run a second
# time against it, so both backends pass the same suite.
PGDIR=""
stop_pg() { [ -n "$PGDIR" ] && sh tests/pg/cluster.sh stop "$PGDIR" >/dev/null 2>&1; PGDIR=""; }
DEMODIR=""
end() { stop_pg; [ -n "$DEMODIR" ] && rm -rf "$DEMODIR"; DEMODIR=""; }
trap end EXIT INT TERM
PGDIR=$(mktemp -d /tmp/orden-pg-XXXXXX)
if url=$(sh tests/pg/cluster.sh start "$PGDIR" 2>"$LOG/pg-cluster.log"); then
	export ORDEN_TEST_PG="$url" ORDEN_TEST_PG_DATA="$PGDIR/data"
else
	echo "FAIL postgres cluster did not start (log: $LOG/pg-cluster.log)"
	tail -5 "$LOG/pg-cluster.log" | sed 's/^/    /'
	fail=$((fail + 1)); failed_suites="$failed_suites postgres"
	rmdir "$PGDIR" 2>/dev/null; PGDIR=""
fi

T_START=$(date +%s)
# The demo municipality, made once and copied by each suite's servers.
DEMODIR=$(mktemp -d /tmp/orden-demo-XXXXXX)
for kv in $(sh tests/demo_template.sh "$DEMODIR"); do
	export "${kv?}"
done
# Jobs of more than one suite, or whose command has quoted words.
job_valgrind() {
	# The unit tests again, without sanitizers, under valgrind memcheck.
	exec_suite valgrind sh scripts/valgrind.sh
}
job_clang() {
	command -v clang >/dev/null 2>&1 || return 0
	# The same sources must build with clang, warnings as errors.
	exec_suite clang-build sh -c 'make -s -j"$(nproc)" B=build/clang CC=clang OPT=-O1 all tests >/dev/null && echo "ok 1 - builds with clang -Wall -Wextra -Werror"'
	# build/clang is a release build (no TESTING=1): it must ignore
	# the test switches that the build/asan binary honours.
	exec_suite release-switches sh tests/cli/release_switches.sh build/clang/orden "$B/orden"
}
job_release() {
	# The binary `make run` builds: gcc at -O2, whose flow analysis warns
	# (-Werror) where -O1 and clang do not; a fresh machine's first step.
	exec_suite release-build sh -c 'make -s -j"$(nproc)" B=build/release all >/dev/null && echo "ok 1 - builds as make run does (gcc -O2 -Wall -Wextra -Werror)"'
}
job_fuzz() {
	# libFuzzer harnesses: a short, fixed number of runs over the seeds.
	command -v clang >/dev/null 2>&1 || return 0
	exec_suite fuzz sh tests/fuzz/check.sh
}
job_browser() {
	[ -d tests/browser/node_modules/playwright-core ] || return 0
	exec_suite browser node tests/browser/run.mjs
}
job_oidc() {
	# OpenID Connect sign-in against a real provider on loopback, on
	# PostgreSQL (the cluster is up until every job is done) and SQLite,
	# one after the other.
	[ -d tests/oidc/node_modules/oidc-provider ] || return 0
	[ -n "$PGDIR" ] && exec_suite pg:oidc node tests/oidc/run.mjs
	exec_suite oidc env -u ORDEN_TEST_PG node tests/oidc/run.mjs
}
job_contract() {
	[ -d tests/contract/node_modules/ajv ] || return 0
	exec_suite contract node tests/contract/run.mjs
}

# The longest first (each about 3-13 minutes on a loaded machine: four
# builds, valgrind and a browser), then the HTTP suites (PostgreSQL's are
# slower), the unit tests and the short checks.
queue job_valgrind
queue job_clang
queue job_release
queue job_fuzz
queue job_browser
set --
for t in "$B"/tests/test_http_*; do
	[ -x "$t" ] || continue
	[ -n "$PGDIR" ] &&
		queue exec_suite "pg:$(basename "$t")" env ORDEN_TEST_BACKEND=postgres "$t"
	queue exec_suite "$(basename "$t")" "$t"
done
for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	set -- "$@" "$(basename "$t")"
	case $t in */test_http_*) continue ;; esac
	queue exec_suite "$(basename "$t")" "$t"
done
for t in tests/cli/test_*.sh; do
	[ -f "$t" ] || continue
	queue exec_suite "$(basename "$t" .sh)" sh "$t"
done
queue job_oidc
queue job_contract
queue exec_suite banned-functions sh scripts/check-banned.sh
queue exec_suite table-owners sh scripts/check-tables.sh
run_queue

# The results, in a fixed order.
for name in "$@"; do
	tally "$name"
done
if [ -n "$PGDIR" ]; then
	for t in "$B"/tests/test_http_*; do
		[ -x "$t" ] || continue
		tally "pg:$(basename "$t")"
	done
fi
PGDIR_USED=$PGDIR
stop_pg
tally valgrind
if [ -n "$PGDIR_USED" ] && [ -d tests/oidc/node_modules/oidc-provider ]; then
	tally pg:oidc
fi
for t in tests/cli/test_*.sh; do
	[ -f "$t" ] || continue
	tally "$(basename "$t" .sh)"
done
tally banned-functions
tally table-owners
if command -v clang >/dev/null 2>&1; then
	tally clang-build
	tally release-switches
	tally fuzz
fi
if [ -d tests/browser/node_modules/playwright-core ]; then
	tally browser
else
	echo "browser: tests/browser/node_modules missing (run scripts/deps.sh test)"
	fail=$((fail + 1))
fi
if [ -d tests/contract/node_modules/ajv ]; then
	tally contract
else
	echo "contract: tests/contract/node_modules missing (run scripts/deps.sh test)"
	fail=$((fail + 1))
fi
if [ -d tests/oidc/node_modules/oidc-provider ]; then
	tally oidc
else
	echo "oidc: tests/oidc/node_modules missing (run scripts/deps.sh test)"
	fail=$((fail + 1))
fi
echo "make check ran its suites in $(($(date +%s) - T_START)) s"

[ -n "$failed_suites" ] && echo "failed suites:$failed_suites"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
