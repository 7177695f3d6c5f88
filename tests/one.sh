#!/bin/sh
# Build and run a few suites while developing, instead of all of make check:
#
#   sh tests/one.sh test_http_whistle test_deviation        SQLite
#   ORDEN_PG=1 sh tests/one.sh test_http_whistle            also on PostgreSQL
#
# Builds only the named tests (ASan+UBSan, build/asan, make -j2) and runs each
# with the environment tests/run.sh gives it. A PostgreSQL cluster, when asked
# for, lives in a temporary directory and is removed at the end.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
B=${ONE_B:-build/asan}
[ $# -ge 1 ] || { echo "usage: $0 test_NAME..." >&2; exit 2; }
targets=""
for t in "$@"; do targets="$targets $B/tests/$t"; done
# shellcheck disable=SC2086
make -s -j2 B=$B TESTING=1 OPT='-O1 -g' \
    SAN='-fsanitize=address,undefined -fno-sanitize-recover=all' all $targets || exit 1
export ORDEN_BIN="$ROOT/$B/orden" ORDEN_TEST_FAST_HASH=1 CMOCKA_MESSAGE_OUTPUT=TAP LANG=C.UTF-8
unset LC_ALL LC_MESSAGES
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:${ASAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:${LSAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
PGDIR=""
stop_pg() { [ -n "$PGDIR" ] && sh tests/pg/cluster.sh stop "$PGDIR" >/dev/null 2>&1; PGDIR=""; }
DEMODIR=""
end() { stop_pg; [ -n "$DEMODIR" ] && rm -rf "$DEMODIR"; DEMODIR=""; }
trap end EXIT INT TERM
if [ -n "${ORDEN_PG:-}" ]; then
	PGDIR=$(mktemp -d /tmp/orden-pg-XXXXXX)
	url=$(sh tests/pg/cluster.sh start "$PGDIR") || exit 1
	export ORDEN_TEST_PG="$url" ORDEN_TEST_PG_DATA="$PGDIR/data"
fi
# The demo municipality, made once and copied by each suite's servers.
DEMODIR=$(mktemp -d /tmp/orden-demo-XXXXXX)
for kv in $(sh tests/demo_template.sh "$DEMODIR"); do
	export "${kv?}"
done
rc=0
for t in "$@"; do
	echo "== $t"
	"$B/tests/$t" || rc=1
	case $t in test_http_*)
		if [ -n "$PGDIR" ]; then
			echo "== pg:$t"
			ORDEN_TEST_BACKEND=postgres "$B/tests/$t" || rc=1
		fi ;;
	esac
done
exit $rc
