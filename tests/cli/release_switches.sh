#!/bin/sh
# A release `orden` ignores the test switches: ORDEN_TEST_FAST_HASH cannot
# lower the password hash's cost and ORDEN_CLOCK_OFFSET cannot move the
# clock, while a test build still honours both (so the test can tell).
#
#   sh tests/cli/release_switches.sh RELEASE_BIN [TEST_BIN]
#
# RELEASE_BIN is built without TESTING=1 (tests/run.sh passes the clang
# build); TEST_BIN defaults to build/asan/orden. Prints TAP.
set -u
REL=${1:?usage: $0 RELEASE_BIN [TEST_BIN]}
TST=${2:-build/asan/orden}
T=$(mktemp -d /tmp/orden-rel-XXXXXX)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/tap.sh"

# The argon2id memory parameter (KiB) of the admin's hash that `init` made.
mem_of() { sqlite3 "$1" "SELECT password_hash FROM people" | sed -n 's/.*\$m=\([0-9]*\),.*/\1/p'; }
# The tenant's created_at (clock_now() at init) minus the real time, in days.
skew_days() { echo $(( ($(sqlite3 "$1" "SELECT created_at FROM tenants") - $(date +%s)) / 86400 )); }

YEARS=$((1000 * 86400))
for b in rel tst; do
	if [ "$b" = rel ]; then bin=$REL; else bin=$TST; fi
	ORDEN_TEST_FAST_HASH=1 ORDEN_CLOCK_OFFSET=$YEARS \
	    "$bin" init --db "$T/$b.db" --tenant "Testvik kommune" >"$T/$b.out" 2>"$T/$b.err"
	check "$b: init runs with the switches set" [ -f "$T/$b.db" ]
done
rel=$(mem_of "$T/rel.db"); tst=$(mem_of "$T/tst.db")
check "a test build hashes at the minimum cost (m=$tst)" [ "${tst:-0}" -le 8 ]
check "the release build keeps the full cost (m=$rel)" [ "${rel:-0}" -gt 8 ]
check "a test build moves the clock" [ "$(skew_days "$T/tst.db")" -ge 999 ]
check "the release build does not move the clock" [ "$(skew_days "$T/rel.db")" -le 1 ]
check "the release build says it ignored them" grep -q test_switch_ignored "$T/rel.err"
