#!/bin/sh
# Make the demo municipality once for a whole test run, to be copied by
# every srv_prepare (tests/http/demo_copy.h) instead of made again:
#
#   sh tests/demo_template.sh DIR     DIR/orden.db, and the database
#                                     orden_demo when ORDEN_TEST_PG is set
#
# Prints the environment to export (ORDEN_TEST_DEMO_DB=..., and
# ORDEN_TEST_DEMO_PG=...) for what it made; a suite without them makes
# its own. Needs ORDEN_BIN; the output of `orden demo` goes to DIR/demo*.log.
set -u
dir=$1
# Both at once: a core each.
( "$ORDEN_BIN" demo --db "$dir/orden.db" >"$dir/demo.log" 2>&1 &&
    echo "ORDEN_TEST_DEMO_DB=$dir/orden.db" >"$dir/sqlite.env" ) &
if [ -n "${ORDEN_TEST_PG:-}" ]; then
	url="${ORDEN_TEST_PG%%DBNAME*}orden_demo${ORDEN_TEST_PG#*DBNAME}"
	"$ORDEN_BIN" demo --db "$url" >"$dir/demo-pg.log" 2>&1 &&
	    echo "ORDEN_TEST_DEMO_PG=orden_demo" >"$dir/pg.env"
fi
wait
cat "$dir"/*.env 2>/dev/null
exit 0
