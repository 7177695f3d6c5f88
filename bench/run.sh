#!/bin/sh
# bench/run.sh: the whole benchmark in one run (issue 6, and the
# PostgreSQL measure of issue 5), written to bench/RESULTS.md.
#
#   sh bench/run.sh [BUILD]     BUILD holds orden, bench/gen and
#                               bench/sqlite_ref (make bench: build/bench)
#
# BENCH_QUICK=1 makes a small run of a few minutes (for development).
# Also: BENCH_DIR (work files, default BUILD/bench-run: about 2 GB in a full
# run, removed at the end unless BENCH_KEEP=1), BENCH_OUT (the report),
# BENCH_SECONDS (per wrk run), BENCH_DEVIATIONS, BENCH_UNITS (units of the
# main municipality, default 120 or one per 5,000 deviations if more: the
# tertial report's sector then has over 60 units, issue 16),
# BENCH_PG_TENANTS, BENCH_PG_DEVIATIONS, BENCH_PG (0: no PostgreSQL section),
# BENCH_IMPORT_ROWS (the import line's file: 200,000 rows, quick 20,000),
# BENCH_ONLY=pg (the PostgreSQL section alone, its report by default in
# BUILD/RESULTS-pg.md; bench/RESULTS.md is left as it is).
#
# What runs, in order: the generator (bench/gen) makes the municipality;
# the release server serves it on loopback; for every line wrk measures
# the server and, right after at the same connection count, nginx serving
# the same bytes from a file (references in the same run, so ratios hold on
# a noisy machine); the SQLite references (bench/sqlite_ref); the submits;
# the PostgreSQL section; the report. Every process it starts is stopped
# by its id at the end.
set -u

B=${1:-build/bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
case $B in /*) ;; *) B=$ROOT/$B ;; esac
BIN=$B/orden
GEN=$B/bench/gen
REF=$B/bench/sqlite_ref
WRKDIR=$ROOT/bench/wrk
ONLY=${BENCH_ONLY:-}
case $ONLY in
'') OUT=${BENCH_OUT:-$ROOT/bench/RESULTS.md} ;;
pg) OUT=${BENCH_OUT:-$B/RESULTS-pg.md} ;;
*) echo "bench/run.sh: BENCH_ONLY is pg or unset, not $ONLY" >&2; exit 2 ;;
esac
W=${BENCH_DIR:-$B/bench-run}
PASSWORD=bench-passord-2026

if [ "${BENCH_QUICK:-0}" = 1 ]; then
	MODE=quick
	NDEV=${BENCH_DEVIATIONS:-20000}
	DUR=${BENCH_SECONDS:-1}
	PG_TENANTS=${BENCH_PG_TENANTS:-3}
	PG_NDEV=${BENCH_PG_DEVIATIONS:-2000}
	IMP_ROWS=${BENCH_IMPORT_ROWS:-20000}
	REFSEC=1
else
	MODE=full
	NDEV=${BENCH_DEVIATIONS:-1000000}
	DUR=${BENCH_SECONDS:-8}
	PG_TENANTS=${BENCH_PG_TENANTS:-100}
	PG_NDEV=${BENCH_PG_DEVIATIONS:-20000}
	IMP_ROWS=${BENCH_IMPORT_ROWS:-200000}
	REFSEC=5
fi
# The report's sector (about half the units) over 60 units (issue 16).
NUNITS=${BENCH_UNITS:-$((NDEV / 5000 > 120 ? NDEV / 5000 : 120))}
CONNS="1 16 64"
T_START=$(date +%s)

PIDS=""		# processes started here, stopped by id at the end
PGDIR=""
SPID=""
NPID=""

log() {
	printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

die() {
	log "error: $*"
	exit 1
}

cleanup() {
	for p in $PIDS; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	if [ -n "$PGDIR" ]; then
		sh tests/pg/cluster.sh stop "$PGDIR" >/dev/null 2>&1
	fi
	if [ "${BENCH_KEEP:-0}" != 1 ] && [ -d "$W" ]; then
		rm -rf "$W"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

forget() {	# pid: no longer ours to stop
	np=""
	for p in $PIDS; do
		[ "$p" = "$1" ] || np="$np $p"
	done
	PIDS=$np
}

TOOLS="wrk nginx curl awk"
[ "$ONLY" = pg ] && TOOLS="wrk curl awk psql"
for tool in $TOOLS; do
	command -v $tool >/dev/null 2>&1 ||
	    die "$tool is missing (sh scripts/deps.sh bench)"
done
[ "$ONLY" = pg ] && [ "${BENCH_PG:-1}" = 0 ] &&
    die "BENCH_ONLY=pg with BENCH_PG=0 measures nothing"
[ -x "$BIN" ] && [ -x "$GEN" ] && [ -x "$REF" ] ||
    die "build first: make B=${B#$ROOT/} bench-build"

rm -rf "$W"
mkdir -p "$W" || die "cannot make $W"
: >"$W/results.tsv"
: >"$W/lines.tsv"
: >"$W/refs.tsv"
: >"$W/pg.tsv"
: >"$W/pgcpu.tsv"
: >"$W/pgtick.tsv"
: >"$W/report.tsv"

# --- small helpers ---------------------------------------------------------

# Field of the "KEY=VALUE ..." line $2.
kv() {
	printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1
}

# a / b with two decimals, or "n/a".
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 <= 0)
	    print "n/a"; else if (a / b >= 1) printf "%.2f\n", a / b;
	    else printf "%.2g\n", a / b }'
}

cpu_ticks() {
	awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# wait_idle PID [SECONDS]: until the process has used less than 3 % of a
# core for half a second; 1 when it is still busy after SECONDS (120).
wait_idle() {
	prev=$(cpu_ticks "$1")
	i=0
	while [ $i -lt $((${2:-120} * 2)) ]; do
		sleep 0.5
		cur=$(cpu_ticks "$1")
		[ $((cur - prev)) -le 1 ] && return 0
		prev=$cur
		i=$((i + 1))
	done
	return 1
}

# The largest VmRSS of pid, sampled every 0.2 s, kept in file (kB); it
# goes on from the file's value, so one file spans restarts.
rss_sampler() {
	max=$(cat "$2" 2>/dev/null || echo 0)
	while kill -0 "$1" 2>/dev/null; do
		v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null)
		if [ -n "$v" ] && [ "$v" -gt "$max" ]; then
			max=$v
			echo "$max" >"$2"
		fi
		sleep 0.2
	done
}

free_port() {
	while :; do
		p=$(awk 'BEGIN { srand(); print 20000 + int(rand() * 30000) }')
		ss -Hltn 2>/dev/null | awk '{ print $4 }' | grep -q ":$p\$" || break
		sleep 1
	done
	echo "$p"
}

# server_start URL TAG: the release server on a free loopback port;
# SPID and SPORT set.
server_start() {
	rm -f "$W/port.$2"
	"$BIN" serve --db "$1" --listen 127.0.0.1:0 --port-file "$W/port.$2" \
	    </dev/null >"$W/serve.$2.log" 2>&1 &
	SPID=$!
	PIDS="$PIDS $SPID"
	i=0
	while [ ! -s "$W/port.$2" ]; do
		kill -0 "$SPID" 2>/dev/null ||
		    die "the server did not start (see $W/serve.$2.log)"
		i=$((i + 1))
		[ $i -gt 3000 ] && die "the server did not listen within 5 minutes"
		sleep 0.1
	done
	SPORT=$(cat "$W/port.$2")
	wait_idle "$SPID"	# the deadline tick at start
}

# settle: the main server idle before the next run. A heavy line's
# requests go on after wrk has given up on them (libmicrohttpd queues
# them, 4 at a time); a server still busy 20 s after a run is killed and
# started again, so the backlog never runs under the next line's numbers.
# Its peak RSS so far is kept first.
RESTARTS=0
HWM_KB=0
hwm_note() {
	v=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SPID/status" 2>/dev/null)
	if [ -n "$v" ] && [ "$v" -gt "$HWM_KB" ]; then
		HWM_KB=$v
	fi
}
settle() {
	wait_idle "$SPID" 20 && return 0
	log "  the server is still busy 20 s after the run: restarting it"
	hwm_note
	kill -KILL "$SPID" 2>/dev/null
	wait "$SPID" 2>/dev/null
	forget "$SPID"
	server_start "$W/main.db" main
	MAIN_PORT=$SPORT
	rss_sampler "$SPID" "$W/rss.main" &
	PIDS="$PIDS $!"
	RESTARTS=$((RESTARTS + 1))
}

server_stop() {
	[ -n "$SPID" ] || return 0
	kill -TERM "$SPID" 2>/dev/null
	wait "$SPID" 2>/dev/null
	forget "$SPID"
	SPID=""
}

# login PORT HOST LOGIN: a session for LOGIN; its cookie value in
# $W/sess.LOGIN and the form token of its session in $W/csrf.LOGIN.
login() {
	jar=$W/jar.$3
	rm -f "$jar"
	base=http://$2:$1
	res="--resolve $2:$1:127.0.0.1"
	# shellcheck disable=SC2086
	curl -s $res -c "$jar" -b "$jar" -o "$W/login.html" "$base/login" \
	    </dev/null || return 1
	tok=$(sed -n 's/.*name="login_csrf" value="\([^"]*\)".*/\1/p' \
	    "$W/login.html" | head -n 1)
	# shellcheck disable=SC2086
	code=$(curl -s $res -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
	    --data-urlencode "login=$3" --data-urlencode "password=$PASSWORD" \
	    --data-urlencode "login_csrf=$tok" "$base/login" </dev/null)
	[ "$code" = 303 ] || return 1
	awk '$6 == "orden_session" { print $7 }' "$jar" >"$W/sess.$3"
	[ -s "$W/sess.$3" ] || return 1
	# shellcheck disable=SC2086
	curl -s $res -b "$jar" -o "$W/new.html" "$base/deviations/new" </dev/null
	sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$W/new.html" |
	    head -n 1 >"$W/csrf.$3"
	[ -s "$W/csrf.$3" ]
}

# measure NAME TARGET CONNS URL SCRIPT HOST COOKIE TOKEN CSRF UNIT
# One wrk run; a row in $W/results.tsv:
#   name target conns rps p50 p99 errors status_errors requests bytes
measure() {
	th=1
	[ "$3" -gt 1 ] && th=2
	o=$(BENCH_WRK_DIR=$WRKDIR BENCH_HOST=$6 BENCH_COOKIE=$7 BENCH_TOKEN=$8 \
	    BENCH_CSRF=$9 BENCH_UNIT=${10} BENCH_UNIT_IDS=${UNITS:-} BENCH_NOCACHE=${NOCACHE:-} wrk -t$th -c"$3" -d"${DUR}s" \
	    --timeout 30s -s "$WRKDIR/$5" "$4" </dev/null 2>&1)
	r=$(printf '%s\n' "$o" | grep '^RESULT ' | head -n 1)
	if [ -z "$r" ]; then
		printf '%s %s %s:\n%s\n' "$1" "$2" "$3" "$o" >>"$W/wrk-errors.log"
		r="RESULT requests=0 rps=0 p50_ms= p99_ms= errors=0 status_errors=0 bytes=0"
	fi
	# Nothing answered within the run: no latency to speak of.
	if [ "$(kv requests "$r")" = 0 ]; then
		r=$(printf '%s\n' "$r" | sed 's/ p50_ms=[^ ]*/ p50_ms=/; s/ p99_ms=[^ ]*/ p99_ms=/')
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" \
	    "$(kv rps "$r")" "$(kv p50_ms "$r")" "$(kv p99_ms "$r")" \
	    "$(kv errors "$r")" "$(kv status_errors "$r")" \
	    "$(kv requests "$r")" "$(kv bytes "$r")" >>"$W/results.tsv"
	log "  $1 $2 c=$3: $(kv rps "$r") req/s, p50 $(kv p50_ms "$r") ms," \
	    "p99 $(kv p99_ms "$r") ms, errors $(kv errors "$r")+$(kv status_errors "$r")"
}

# res NAME TARGET CONNS COLUMN (4 rps 5 p50 6 p99 7 errors 8 status 9 n)
res() {
	awk -F '\t' -v n="$1" -v t="$2" -v c="$3" -v f="$4" \
	    '$1 == n && $2 == t && $3 == c { print $f; exit }' "$W/results.tsv"
}

# Failed requests of a run (socket errors and HTTP >= 400), 0 when none.
errs() {
	awk -F '\t' -v n="$1" -v t="$2" -v c="$3" \
	    '$1 == n && $2 == t && $3 == c { e = $7 + $8 } END { print e + 0 }' \
	    "$W/results.tsv"
}

# A table cell: the value, or "–" when there is none.
cell() {
	if [ -n "$1" ]; then printf '%s' "$1"; else printf '–'; fi
}

# The verdict on a latency bound for a line of status st:
# lat_verdict NAME TARGET CONNS STATUS BOUND_MS
lat_verdict() {
	n=$(res "$1" "$2" "$3" 9)
	nerr=$(errs "$1" "$2" "$3")
	p=$(res "$1" "$2" "$3" 6)
	if [ "$4" != 200 ]; then
		echo "missed: HTTP $4, $nerr of ${n:-0} requests failed (the latency is of failures)"
	elif [ "${n:-0}" -eq 0 ]; then
		echo "missed: no answer within the $DUR s run"
	elif [ "$nerr" -gt 0 ]; then
		echo "missed: $nerr of $n requests failed"
	elif [ "$(ok_if "$p" "<" "$5")" = met ]; then
		echo met
	else
		awk -v p="$p" -v b="$5" 'BEGIN { printf "missed (%.0f × the bound)\n", p / b }'
	fi
}

# one_by_one NAME HEADER URL_PATH N: N requests one after another (the
# wait of one person, issue 16's bounds): the median wall time in ms and
# the server's CPU per request in ms (/proc ticks over the N: the figure
# that does not depend on the machine's load), as a line of report.tsv.
one_by_one() {
	t0=$(cpu_ticks "$SPID")
	i=0
	: >"$W/one.$1"
	while [ $i -lt "$4" ]; do
		curl -s --max-time 600 --resolve "$MAIN_HOST:$MAIN_PORT:127.0.0.1" \
		    -H "$2" -o /dev/null -w '%{time_total}\n' \
		    "http://$MAIN_HOST:$MAIN_PORT$3" </dev/null >>"$W/one.$1"
		i=$((i + 1))
	done
	t1=$(cpu_ticks "$SPID")
	med=$(sort -n "$W/one.$1" | awk '{ v[NR] = $1 } END { printf "%.1f",
	    (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) * 1000 }')
	cpu=$(awk -v d=$((t1 - t0)) -v n="$4" -v hz="$(getconf CLK_TCK)" \
	    'BEGIN { printf "%.1f", d * 1000 / hz / n }')
	printf '%s\t%s\t%s\n' "$1" "$med" "$cpu" >>"$W/report.tsv"
}

# The cookie header of a logged-in login, or nothing.
cookie_of() {
	[ -s "$W/sess.$1" ] && printf 'orden_session=%s' "$(cat "$W/sess.$1")"
}

# gen_parse LINE: the variables of a "BENCH key=value ..." line.
gen_parse() {
	G_HOST=$(kv host "$1")
	G_TENANT=$(kv tenant "$1")
	G_TOP=$(kv top "$1")
	G_INBOX=$(kv inbox "$1")
	G_SUBMITTER=$(kv submitter "$1")
	G_SUBMIT_UNIT=$(kv submit_unit "$1")
	G_LIST_UNIT=$(kv list_unit "$1")
}

# --- the machine -------------------------------------------------------------
NPROC=$(nproc)
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
RAM_MB=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 }' /proc/meminfo)
LOAD0=$(cut -d ' ' -f 1-3 /proc/loadavg)
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git status --porcelain 2>/dev/null | wc -l)
SQLITE_V=$(sqlite3 --version 2>/dev/null | cut -d ' ' -f 1)
NGINX_V=$(nginx -v 2>&1 | sed 's/.*nginx\///')
WRK_V=$(wrk -v 2>&1 | head -n 1 | cut -d ' ' -f 2)
TODAY=$(date -u +%Y-%m-%d)
YEAR=$(date -u +%Y)
LAST_YEAR=$((YEAR - 1))
MONTH1=$(date -u +%Y-%m-01)
PM_FROM=$(date -u -d "$MONTH1 -1 month" +%Y-%m-%d)
PM_TO=$(date -u -d "$MONTH1 -1 day" +%Y-%m-%d)
Y10_FROM=$(date -u -d "$TODAY -10 years" +%Y-%m-%d)
JAN1_EPOCH=$(date -u -d "$YEAR-01-01" +%s)
NOW_EPOCH=$(date -u +%s)
log "$MODE run: $NDEV deviations, $DUR s per line, work files in $W"

# --- PostgreSQL helpers -----------------------------------------------------
# psql as the cluster's superuser on the bench database.
pg_sql() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$PGDIR" -U postgres \
	    -d orden_bench "$@" </dev/null
}

# The tables bench/gen fills in bulk: the deviations, what hangs on them,
# and the kept counts.
PG_BULK="'deviations', 'deviation_events', 'legal_deadlines', 'measures',
    'deviation_counts', 'deviation_close_days', 'deviation_counts_all',
    'deviation_close_days_all', 'deviation_counts_year',
    'deviation_close_days_year', 'deviation_counts_unit',
    'deviation_close_days_unit'"
# Their indexes as the schema made them, to compare after the load.
pg_bulk_indexes() {
	pg_sql -c "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
	    AND tablename IN ($PG_BULK) ORDER BY indexname"
}

# pg_bulk_off: PostgreSQL's advice for a bulk load ("Populating a
# Database"): the foreign keys of the bulk tables and their indexes that
# back no constraint are dropped, and their definitions kept in
# $W/pg-restore.sql. Checked one row at a time, the keys were 60 % of the
# server's time in bench/gen and the indexes (17 on deviations) most of
# the rest; built once at the end, both take seconds (bench/why.md).
pg_bulk_off() {
	pg_bulk_indexes >"$W/pg-indexes.before" || return 1
	pg_sql -c "SELECT pg_get_indexdef(i.indexrelid) || ';'
	    FROM pg_index i WHERE i.indrelid::regclass::text IN ($PG_BULK)
	    AND NOT i.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint c
	    WHERE c.conindid = i.indexrelid) ORDER BY 1" >"$W/pg-restore.sql" &&
	pg_sql -c "SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s;',
	    conrelid::regclass, conname, pg_get_constraintdef(oid))
	    FROM pg_constraint WHERE contype = 'f'
	    AND conrelid::regclass::text IN ($PG_BULK) ORDER BY 1" \
	    >>"$W/pg-restore.sql" &&
	pg_sql -c "SELECT format('DROP INDEX %s;', i.indexrelid::regclass)
	    FROM pg_index i WHERE i.indrelid::regclass::text IN ($PG_BULK)
	    AND NOT i.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint c
	    WHERE c.conindid = i.indexrelid)" >"$W/pg-drop.sql" &&
	pg_sql -c "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I;',
	    conrelid::regclass, conname) FROM pg_constraint WHERE contype = 'f'
	    AND conrelid::regclass::text IN ($PG_BULK)" >>"$W/pg-drop.sql" &&
	pg_sql -1 -f "$W/pg-drop.sql"
}

# pg_bulk_on: the indexes built and the keys added again, in one
# transaction; adding a key checks every row against it. 1 when that
# fails or the indexes differ from the schema's.
pg_bulk_on() {
	PGOPTIONS="-c maintenance_work_mem=256MB" pg_sql -1 \
	    -f "$W/pg-restore.sql" >"$W/pg-restore.log" 2>&1 &&
	pg_bulk_indexes >"$W/pg-indexes.after" &&
	cmp -s "$W/pg-indexes.before" "$W/pg-indexes.after"
}

# The CPU ticks of the cluster: its postmaster and every process it
# started (backends, autovacuum, the checkpointer), with those that have
# ended (the postmaster's children's time, once it has reaped them).
# Others' clusters on the machine are not counted.
#
# A child that the postmaster reaps while the /proc files are read is
# counted twice (read alive, then again in the postmaster's children's
# time read after) or not at all (the other way round): after the
# server stopped, its 16-64 backends with seconds of CPU each end at
# once, and the "later tick" once read -6.57 s. So the postmaster's stat
# is read before and after the others, and the whole reading is made
# again until no child was reaped in between (its children's time the
# same both times).
pg_ticks() {
	pm=$(head -n 1 "$PGDIR/data/postmaster.pid" 2>/dev/null)
	[ -n "$pm" ] || { echo 0; return; }
	i=0
	while :; do
		# cat, not awk on the files: mawk stops at a process that
		# has gone. The postmaster's line is the first and the last.
		t=$(cat "/proc/$pm/stat" /proc/[0-9]*/stat "/proc/$pm/stat" \
		    2>/dev/null | awk -v pm="$pm" '{
		    sub(/^.*\) /, "")
		    if (NR == 1) { own = $12 + $13; kids = $14 + $15 }
		    else if ($2 == pm) t += $12 + $13
		    last = $14 + $15 }
		    END { if (last != kids) print "again"
		    else print t + own + kids }')
		[ "$t" != again ] && break
		i=$((i + 1))
		[ $i -lt 50 ] || { t=0; break; }
	done
	echo "${t:-0}"
}

# both_idle PID [SECONDS]: wait_idle for the server and the cluster
# together (on PostgreSQL the server mostly waits while the cluster works):
# until they used less than 3 % of a core for half a second; 1 when still
# busy after SECONDS (300).
both_idle() {
	prev=$(($(cpu_ticks "$1") + $(pg_ticks)))
	i=0
	while [ $i -lt $((${2:-300} * 2)) ]; do
		sleep 0.5
		cur=$(($(cpu_ticks "$1") + $(pg_ticks)))
		[ $((cur - prev)) -le 1 ] && return 0
		prev=$cur
		i=$((i + 1))
	done
	return 1
}

# --- 1. the data ------------------------------------------------------------------
# PostgreSQL's municipalities are generated in the background, in two
# halves on two connections, while SQLite's is made here; nothing is
# measured until all are done.
PG_NOTE=""
PG_MID=$(((PG_TENANTS + 1) / 2))
PG_HOST=$(printf 'k%03d.bench' "$PG_MID")
if [ "${BENCH_PG:-1}" = 0 ]; then
	PG_NOTE="skipped: BENCH_PG=0 (a run of the SQLite lines alone, while developing)"
elif [ ! -f tests/pg/cluster.sh ]; then
	PG_NOTE="skipped: tests/pg/cluster.sh (the throw-away PostgreSQL cluster) is not in this tree yet"
elif ! ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	PG_NOTE="skipped: no PostgreSQL server installed (sh scripts/deps.sh test)"
fi
if [ -z "$PG_NOTE" ]; then
	# As root the cluster runs as the postgres user, who must reach its
	# directory: one of its own under /tmp.
	PGDIR=$(mktemp -d /tmp/orden-bench-pg.XXXXXX)
	rmdir "$PGDIR"
	PGBASE=$(sh tests/pg/cluster.sh start "$PGDIR" 2>"$W/pg-start.log")
	if [ -z "$PGBASE" ]; then
		PG_NOTE="skipped: the PostgreSQL cluster did not start ($(head -n 3 "$W/pg-start.log" | tr '\n' ' '))"
		PGDIR=""
	fi
fi
if [ -z "$PG_NOTE" ]; then
	PGURL=$(echo "$PGBASE" | sed 's/DBNAME/orden_bench/')
	PG_V=$(psql -X -A -t -h "$PGDIR" -U postgres -d postgres \
	    -c 'SHOW server_version' 2>/dev/null | cut -d ' ' -f 1)
	log "PostgreSQL $PG_V: generating $PG_TENANTS x $PG_NDEV deviations (background)"
	PG_T0=$(date +%s)
	# The test cluster's write-ahead log is kept small for the tests;
	# PostgreSQL's default (1 GB) for the load and the measurement.
	psql -X -q -h "$PGDIR" -U postgres -d postgres \
	    -c "ALTER SYSTEM SET max_wal_size = '1GB'" \
	    -c "SELECT pg_reload_conf()" >/dev/null 2>&1
	if ! "$GEN" --db "$PGURL" --tenants 0 2>"$W/pg-gen0.log"; then
		PG_NOTE="skipped: cannot create the database on PostgreSQL: $(tail -n 3 "$W/pg-gen0.log" | tr '\n' ' ')"
	elif ! pg_bulk_off 2>"$W/pg-bulk.log"; then
		PG_NOTE="skipped: cannot drop the keys and indexes for the load: $(tail -n 3 "$W/pg-bulk.log" | tr '\n' ' ')"
	else
		half=$(((PG_TENANTS + 1) / 2))
		"$GEN" --db "$PGURL" --first 1 --tenants "$half" \
		    --deviations "$PG_NDEV" >"$W/pg-gen1.out" 2>"$W/pg-gen1.log" &
		PG_G1=$!
		PIDS="$PIDS $PG_G1"
		PG_G2=""
		if [ "$PG_TENANTS" -gt "$half" ]; then
			"$GEN" --db "$PGURL" --first $((half + 1)) \
			    --tenants $((PG_TENANTS - half)) --deviations "$PG_NDEV" \
			    >"$W/pg-gen2.out" 2>"$W/pg-gen2.log" &
			PG_G2=$!
			PIDS="$PIDS $PG_G2"
		fi
	fi
fi

# The main municipality (not with BENCH_ONLY=pg: the fi is at the end of
# this section).
GEN_S=0 GEN_SUMMARY="" DB_MB=0
if [ "$ONLY" != pg ]; then

log "generating $NDEV deviations over $NUNITS units (bench/gen)"
t0=$(date +%s)
"$GEN" --db "$W/main.db" --deviations "$NDEV" --units "$NUNITS" >"$W/gen.out" 2>"$W/gen.log" ||
    die "the generator failed (see $W/gen.log)"
GEN_S=$(($(date +%s) - t0))
gen_parse "$(grep '^BENCH ' "$W/gen.out" | head -n 1)"
MAIN_HOST=$G_HOST MAIN_TENANT=$G_TENANT
MAIN_TOP=$G_TOP MAIN_INBOX=$G_INBOX MAIN_SUBMITTER=$G_SUBMITTER
MAIN_SUBMIT_UNIT=$G_SUBMIT_UNIT MAIN_LIST_UNIT=$G_LIST_UNIT
# The tertial report (issue 16): of the sector with the most units, and of
# the whole tree (its root) for the XLSX of a year.
REPORT_ROOT=$(sqlite3 "$W/main.db" "SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1")
REPORT_SECTOR=$(sqlite3 "$W/main.db" "SELECT p.id FROM units p JOIN units c ON c.parent_id = p.id WHERE p.parent_id = $REPORT_ROOT GROUP BY p.id ORDER BY count(*) DESC LIMIT 1")
GEN_SUMMARY=$(grep '^gen: k' "$W/gen.log" | tail -n 1 | sed 's/^gen: //')
DB_MB=$(du -m "$W/main.db" | cut -f 1)
log "generated in ${GEN_S} s: $GEN_SUMMARY ($DB_MB MB)"
fi	# [ "$ONLY" != pg ]

if [ -z "$PG_NOTE" ]; then
	# The same municipality alone in SQLite: same seed, same index.
	"$GEN" --db "$W/one.db" --first "$PG_MID" --deviations "$PG_NDEV" \
	    >"$W/one-gen.out" 2>"$W/one-gen.log" ||
	    die "the generator failed (see $W/one-gen.log)"
	for p in $PG_G1 $PG_G2; do
		wait "$p" || PG_NOTE="skipped: the generator failed on PostgreSQL: $(grep -v '^gen: k' "$W"/pg-gen*.log | tail -n 3 | tr '\n' ' ')"
		forget "$p"
	done
	PG_GEN_S=$(($(date +%s) - PG_T0))
	cat "$W"/pg-gen1.out "$W"/pg-gen2.out >"$W/pg-gen.out" 2>/dev/null
fi
if [ -z "$PG_NOTE" ]; then
	log "PostgreSQL generated in $PG_GEN_S s; building the indexes and keys"
	t0=$(date +%s)
	pg_bulk_on || PG_NOTE="skipped: the indexes or keys could not be restored after the load (see $W/pg-restore.log)"
	PG_RESTORE_S=$(($(date +%s) - t0))
fi
if [ -z "$PG_NOTE" ]; then
	# The kept counts must equal a recount (bench/gen fills them with
	# the recount of \`orden check counts --repair\`).
	t0=$(date +%s)
	if "$BIN" check counts --db "$PGURL" >"$W/pg-check.log" 2>&1; then
		PG_COUNTS="the kept counts of all $PG_TENANTS municipalities equal a recount"
	else
		PG_COUNTS="DIFFERENT: the kept counts differ from a recount ($(tail -n 3 "$W/pg-check.log" | tr '\n' ' '))"
	fi
	PG_CHECK_S=$(($(date +%s) - t0))
	log "orden check counts in $PG_CHECK_S s: $PG_COUNTS"
fi
if [ -z "$PG_NOTE" ]; then
	# The test cluster runs with fsync and synchronous_commit off (made
	# for tests); the measurement needs the durability Orden promises.
	# The data was loaded without it; it is on from here.
	psql -X -q -h "$PGDIR" -U postgres -d postgres \
	    -c "ALTER SYSTEM SET fsync = on" \
	    -c "ALTER SYSTEM SET synchronous_commit = on" \
	    -c "ALTER SYSTEM SET full_page_writes = on" \
	    -c "SELECT pg_reload_conf()" >/dev/null 2>&1 &&
	t0=$(date +%s)
	psql -X -q -h "$PGDIR" -U postgres -d orden_bench -c "CHECKPOINT" \
	    -c "VACUUM ANALYZE" >/dev/null 2>&1 ||
	    PG_NOTE="skipped: cannot turn durability on in the test cluster"
	PG_VACUUM_S=$(($(date +%s) - t0))
	PG_SIZE=$(pg_sql -c "SELECT pg_size_pretty(pg_database_size('orden_bench'))
	    || ', shared_buffers ' || current_setting('shared_buffers')")
	PG_DURABLE=$(psql -X -A -t -h "$PGDIR" -U postgres -d postgres \
	    -c "SELECT current_setting('fsync') || '/' || current_setting('synchronous_commit')")
	log "PostgreSQL data ready: generated in $PG_GEN_S s, indexes and keys in $PG_RESTORE_S s, CHECKPOINT and VACUUM ANALYZE in $PG_VACUUM_S s; $PG_SIZE (fsync/synchronous_commit now $PG_DURABLE)"
fi

# --- the import (issue 13 item 6) -------------------------------------------------
# Ten years of a mid-size municipality as the old system's CSV (bench/gen
# --csv: the plan of when, where and what of the main data, its three
# states, half with their own numbers, one in a hundred about the leader),
# imported by \`orden import deviations\` into a fresh municipality of 40
# units: seconds, rows/s, the process's CPU (utime + stime from
# /proc/PID/stat, sampled every 0.2 s) and peak RSS (VmHWM). Alone on the
# machine: after the generators, before the server.
IMP_S="" IMP_CPU="" IMP_HWM_KB="" IMP_NOTE=""
if [ "$ONLY" != pg ]; then
	log "the import: $IMP_ROWS rows (bench/gen --csv, orden import deviations)"
	if ! "$GEN" --db "$W/import.db" --deviations "$IMP_ROWS" --units 40 \
	    --csv "$W/import.csv" >/dev/null 2>"$W/import-gen.log"; then
		IMP_NOTE="the generator failed: $(tail -n 2 "$W/import-gen.log" | tr '\n' ' ')"
	else
		TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
		t0=$(date +%s%N)
		"$BIN" import deviations --db "$W/import.db" --tenant k001.bench \
		    "$W/import.csv" >"$W/import.out" 2>"$W/import.log" &
		IPID=$!
		PIDS="$PIDS $IPID"
		ticks=0 hwm=0
		# Until it has exited (a zombie until the wait, its times kept).
		while st=$(cat "/proc/$IPID/stat" 2>/dev/null) && [ -n "$st" ]; do
			# The fields after the command's ")": state, ..., utime
			# and stime are the 12th and 13th.
			set -- $(printf '%s\n' "$st" | sed 's/^.*) //')
			[ $# -ge 13 ] && ticks=$((${12} + ${13}))
			h=$(awk '/^VmHWM/ { print $2 }' "/proc/$IPID/status" 2>/dev/null) &&
			    [ -n "$h" ] && hwm=$h
			[ "$1" = Z ] && break
			sleep 0.2
		done
		if wait "$IPID"; then
			t1=$(date +%s%N)
			IMP_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
			IMP_CPU=$(awk -v t="$ticks" -v k="$TCK" 'BEGIN { printf "%.1f", t / k }')
			IMP_HWM_KB=$hwm
		else
			IMP_NOTE="the import failed: $(tail -n 2 "$W/import.log" | tr '\n' ' ')"
		fi
		forget "$IPID"
	fi
	rm -f "$W/import.db" "$W/import.db-wal" "$W/import.db-shm" "$W/import.csv"
	log "import: ${IMP_S:-?} s, CPU ${IMP_CPU:-?} s, peak RSS ${IMP_HWM_KB:-?} KiB ${IMP_NOTE}"
fi

# --- 2. the server and nginx ------------------------------------------------------
# Sections 2 to 5 are the main municipality's (not with BENCH_ONLY=pg: the
# fi is at the end of section 5).
CSVY="" D10="" REPORT_N=0 SUBMIT_SENT=0 SUBMIT_STORED="" SUBMIT_VERDICT=""
if [ "$ONLY" != pg ]; then
server_start "$W/main.db" main
MAIN_PORT=$SPORT
log "server on 127.0.0.1:$MAIN_PORT (pid $SPID)"
# Sampled from before the logins: the largest VmRSS includes their
# argon2id hashes, as VmHWM does.
rss_sampler "$SPID" "$W/rss.main" &
PIDS="$PIDS $!"
for who in "$MAIN_TOP" "$MAIN_INBOX" "$MAIN_SUBMITTER"; do
	login "$MAIN_PORT" "$MAIN_HOST" "$who" || die "cannot log in as $who"
done
TOKEN=$("$BIN" token create --db "$W/main.db" --login "$MAIN_TOP" \
    --tenant "$MAIN_HOST" 2>/dev/null | tail -n 1)
[ -n "$TOKEN" ] || die "cannot create an API token"
wait_idle "$SPID"

NPORT=$(free_port)
mkdir -p "$W/nginx/www" "$W/nginx/tmp"
NGUSER=""
[ "$(id -u)" -eq 0 ] && NGUSER="user $(id -un);"
cat >"$W/nginx/nginx.conf" <<EOF
# The reference: nginx serving files of the same bytes as Orden's answers.
$NGUSER
worker_processes auto;
daemon off;
pid $W/nginx/nginx.pid;
error_log $W/nginx/error.log warn;
events { worker_connections 4096; }
http {
	access_log $W/nginx/access.log;
	client_body_temp_path $W/nginx/tmp/body;
	proxy_temp_path $W/nginx/tmp/proxy;
	fastcgi_temp_path $W/nginx/tmp/fastcgi;
	uwsgi_temp_path $W/nginx/tmp/uwsgi;
	scgi_temp_path $W/nginx/tmp/scgi;
	default_type application/octet-stream;
	sendfile on;
	keepalive_requests 100000000;
	server { listen 127.0.0.1:$NPORT; root $W/nginx/www; }
}
EOF
nginx -p "$W/nginx" -c "$W/nginx/nginx.conf" -e "$W/nginx/error.log" \
    </dev/null >/dev/null 2>&1 &
NPID=$!
PIDS="$PIDS $NPID"
sleep 1
kill -0 "$NPID" 2>/dev/null || die "nginx did not start (see $W/nginx/error.log)"

# name|who|path|file extension   who: none, top, inbox or token
cat >"$W/lines" <<EOF
login_page|none|/login|html
static|none|/static/style.css|css
inbox|inbox|/deviations/inbox|html
dashboard|top|/dashboard|html
list|top|/deviations?unit_id=$MAIN_LIST_UNIT&status=closed&category=fall&from=$LAST_YEAR-01-01&to=$LAST_YEAR-12-31|html
stats_api|token|/api/v1/stats/deviations?by=category|json
csv|token|/api/v1/deviations.csv?from=$PM_FROM&to=$PM_TO|csv
report_page|top|/reports/tertial?unit_id=$REPORT_SECTOR&year=$LAST_YEAR&tertial=3|html
report_pdf|token|/api/v1/reports/tertial.pdf?unit_id=$REPORT_SECTOR&year=$LAST_YEAR&tertial=3|pdf
report_xlsx|token|/api/v1/reports/tertial.xlsx?unit_id=$REPORT_ROOT&year=$LAST_YEAR|xlsx
EOF

# --- 3. every line: the server, then nginx with the same bytes ----------------
while IFS='|' read -r name who path ext; do
	ck=""
	tk=""
	case $who in
	top) ck=$(cookie_of "$MAIN_TOP") ;;
	inbox) ck=$(cookie_of "$MAIN_INBOX") ;;
	token) tk=$TOKEN ;;
	esac
	hdr="X-Bench: 1"
	[ -n "$ck" ] && hdr="Cookie: $ck"
	[ -n "$tk" ] && hdr="Authorization: Bearer $tk"
	# Once by hand: the status and the bytes nginx will serve. After
	# the last line's 64 connections are all closed on the server's
	# side too: until then a new one from this address is over the
	# per-address limit and refused (HTTP 000).
	settle
	st=$(curl -s --max-time 600 --resolve "$MAIN_HOST:$MAIN_PORT:127.0.0.1" \
	    -H "$hdr" -o "$W/nginx/www/$name.$ext" \
	    -w '%{http_code} %{size_download} %{time_total}' \
	    "http://$MAIN_HOST:$MAIN_PORT$path" </dev/null)
	printf '%s\t%s\t%s\t%s\n' "$name" "$(echo "$st" | cut -d ' ' -f 1)" \
	    "$(echo "$st" | cut -d ' ' -f 2)" "$path" >>"$W/lines.tsv"
	log "$name: HTTP $(echo "$st" | cut -d ' ' -f 1), $(echo "$st" | cut -d ' ' -f 2) bytes, $(echo "$st" | cut -d ' ' -f 3) s"
	settle
	for c in $CONNS; do
		settle
		measure "$name" orden "$c" "http://127.0.0.1:$MAIN_PORT$path" \
		    get.lua "$MAIN_HOST" "$ck" "$tk" "" ""
		settle
		measure "$name" nginx "$c" "http://127.0.0.1:$NPORT/$name.$ext" \
		    get.lua "$MAIN_HOST" "" "" "" ""
		# The same request made afresh each time (Cache-Control:
		# no-cache): what the cache of whole answers saves.
		case $name in login_page|static) continue ;; esac
		settle
		NOCACHE=1
		measure "${name}_uncached" orden "$c" \
		    "http://127.0.0.1:$MAIN_PORT$path" get.lua "$MAIN_HOST" "$ck" \
		    "$tk" "" ""
		NOCACHE=
	done
done <"$W/lines"

# The tertial report one request at a time (issue 16's bounds).
REPORT_N=$([ "$MODE" = quick ] && echo 3 || echo 9)
while IFS='|' read -r name who path ext; do
	case $name in report_*) ;; *) continue ;; esac
	hdr="Authorization: Bearer $TOKEN"
	[ "$who" = top ] && hdr="Cookie: $(cookie_of "$MAIN_TOP")"
	settle
	one_by_one "$name" "$hdr" "$path" "$REPORT_N"
	log "$name one at a time: $(tail -n 1 "$W/report.tsv" | cut -f 2) ms median, $(tail -n 1 "$W/report.tsv" | cut -f 3) ms CPU each"
done <"$W/lines"

# The dashboard over the whole history (one connection), and the CSV
# export the dashboard links to (this year), once.
settle
D10=$(curl -s --max-time 600 --resolve "$MAIN_HOST:$MAIN_PORT:127.0.0.1" \
    -H "Cookie: $(cookie_of "$MAIN_TOP")" -o /dev/null -w '%{http_code}' \
    "http://$MAIN_HOST:$MAIN_PORT/dashboard?from=$Y10_FROM&to=$TODAY" </dev/null)
settle
measure dashboard_10y orden 1 \
    "http://127.0.0.1:$MAIN_PORT/dashboard?from=$Y10_FROM&to=$TODAY" get.lua \
    "$MAIN_HOST" "$(cookie_of "$MAIN_TOP")" "" "" ""
settle
CSVY=$(curl -s --max-time 300 --resolve "$MAIN_HOST:$MAIN_PORT:127.0.0.1" \
    -H "Authorization: Bearer $TOKEN" -o /dev/null \
    -w '%{http_code} %{size_download} %{time_total}' \
    "http://$MAIN_HOST:$MAIN_PORT/api/v1/deviations.csv?from=$YEAR-01-01" </dev/null)
log "csv of this year: $CSVY"
settle

# --- 4. the naive GROUP BY -----------------------------------------------------------
log "references: naive GROUP BY"
r=$("$REF" groupby "$W/main.db" "$MAIN_TENANT" 0 0 "$REFSEC")
echo "$r" >>"$W/refs.tsv"
r=$("$REF" groupby "$W/main.db" "$MAIN_TENANT" "$JAN1_EPOCH" "$NOW_EPOCH" "$REFSEC")
echo "$r" >>"$W/refs.tsv"
refv() {	# KIND FIELD
	kv "$2" "$(grep "kind=$1 " "$W/refs.tsv" | head -n 1)"
}
log "  $(cat "$W/refs.tsv" | tr '\n' ' ')"

# --- 5. submits (last: they add rows), each right after its reference -------------
# The disk's fsync time moves by several times from minute to minute on a
# shared machine, so one-commit-per-row SQLite is measured just before
# each submit run, on the same disk, and each run is compared with its own.
# The rows are counted in SQL, not through the API (its total is capped
# at 10,000): before, beside the running server (a WAL reader sees the
# last commit), and after, once the server has stopped.
dev_rows() {
	sqlite3 "$W/main.db" "SELECT count(*) FROM deviations WHERE tenant_id = $MAIN_TENANT" 2>/dev/null
}
SUBMIT_BEFORE=$(dev_rows)
for c in $CONNS; do
	settle
	r=$("$REF" commit "$W" "$REFSEC")
	echo "$r" | sed "s/kind=commit /kind=commit_$c /" >>"$W/refs.tsv"
	log "  $r"
	measure submit orden "$c" "http://127.0.0.1:$MAIN_PORT/deviations" \
	    submit.lua "$MAIN_HOST" "$(cookie_of "$MAIN_SUBMITTER")" "" \
	    "$(cat "$W/csrf.$MAIN_SUBMITTER")" "$MAIN_SUBMIT_UNIT"
done
# The same at 64 connections with the reports spread over every unit of
# the municipality, as they arrive in one (the line above sends them all
# to one unit, the best case: a batch's reports then share their index
# leaves; bench/why.md, w17-pages).
settle
r=$("$REF" commit "$W" "$REFSEC")
echo "$r" | sed "s/kind=commit /kind=commit_units /" >>"$W/refs.tsv"
log "  $r"
UNITS=$(sqlite3 "$W/main.db" "SELECT group_concat(id) FROM units WHERE tenant_id = $MAIN_TENANT" 2>/dev/null) \
    measure submit_units orden 64 "http://127.0.0.1:$MAIN_PORT/deviations" \
    submit.lua "$MAIN_HOST" "$(cookie_of "$MAIN_SUBMITTER")" "" \
    "$(cat "$W/csrf.$MAIN_SUBMITTER")" "$MAIN_SUBMIT_UNIT"
settle
SUBMIT_SENT=0
for c in $CONNS; do
	n=$(res submit orden "$c" 9)
	SUBMIT_SENT=$((SUBMIT_SENT + ${n:-0}))
done
n=$(res submit_units orden 64 9)
SUBMIT_SENT=$((SUBMIT_SENT + ${n:-0}))

hwm_note
RSS_KB=$(cat "$W/rss.main" 2>/dev/null || echo 0)
server_stop
SUBMIT_AFTER=$(dev_rows)
if [ -n "$SUBMIT_BEFORE" ] && [ -n "$SUBMIT_AFTER" ]; then
	SUBMIT_STORED=$((SUBMIT_AFTER - SUBMIT_BEFORE))
	# wrk counts the answers it saw before its time was up; a request
	# still in flight then may be committed unanswered, so found >=
	# answered. Fewer found than answered is an acknowledged report lost.
	if [ "$SUBMIT_STORED" -ge "$SUBMIT_SENT" ]; then
		SUBMIT_VERDICT="met: every answered submit is in the database"
	else
		SUBMIT_VERDICT="MISSED: $((SUBMIT_SENT - SUBMIT_STORED)) answered submits are not in the database"
	fi
else
	SUBMIT_STORED="?"
	SUBMIT_VERDICT="not checked: cannot count the rows with sqlite3"
fi
log "submits answered: $SUBMIT_SENT, found in the database: $SUBMIT_STORED ($SUBMIT_VERDICT)"
kill "$NPID" 2>/dev/null
wait "$NPID" 2>/dev/null
forget "$NPID"
fi	# [ "$ONLY" != pg ]

# --- 6. PostgreSQL: many municipalities, beside SQLite with one -------------------
# idle_for TAG: the server (and on PostgreSQL the cluster) idle.
idle_for() {
	if [ "$1" = postgres ]; then both_idle "$SPID"; else wait_idle "$SPID"; fi
}
# ticks_for TAG: CPU ticks of the server, and of the cluster on PostgreSQL.
ticks_for() {
	if [ "$1" = postgres ]; then
		echo $(($(cpu_ticks "$SPID") + $(pg_ticks)))
	else
		cpu_ticks "$SPID"
	fi
}
# pg_measure NAME TAG CONNS ARGS...: measure, and the CPU per answer of
# the server and the database (a row of $W/pgcpu.tsv: the figure that does
# not depend on the machine's load).
pg_measure() {
	idle_for "$2"
	c0=$(ticks_for "$2")
	measure "$@"
	c1=$(ticks_for "$2")
	awk -v d=$((c1 - c0)) -v n="$(res "$1" "$2" "$3" 9)" \
	    -v hz="$(getconf CLK_TCK)" -v k="$1 $2 $3" 'BEGIN {
	    split(k, f, " "); printf "%s\t%s\t%s\t%s\n", f[1], f[2], f[3],
	    (n + 0 > 0) ? sprintf("%.2f", d * 1000 / hz / n) : "" }' \
	    >>"$W/pgcpu.tsv"
}
# start_for TAG URL: the server started, and once it and the database are
# idle, what the deadline tick at its start cost: wall seconds, server and
# database CPU seconds (a row of $W/pgtick.tsv).
start_for() {
	s0=$(date +%s.%N)
	p0=0
	[ "$1" = postgres ] && p0=$(pg_ticks)
	server_start "$2" "$1"
	idle_for "$1"
	s1=$(date +%s.%N)
	p1=0
	[ "$1" = postgres ] && p1=$(pg_ticks)
	awk -v t="$1" -v w="$(awk -v a="$s0" -v b="$s1" 'BEGIN { print b - a }')" \
	    -v s="$(cpu_ticks "$SPID")" -v p=$((p1 - p0)) \
	    -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%s\t%.1f\t%.2f\t%.2f\n",
	    t, w, s / hz, p / hz }' >>"$W/pgtick.tsv"
}
# pg_lines TAG PORT: dashboard and list (1 and 16), submit (16 and 64).
pg_lines() {
	for what in dashboard list; do
		case $what in
		dashboard) path=/dashboard ;;
		list) path="/deviations?unit_id=$G_LIST_UNIT&status=closed&from=$LAST_YEAR-01-01&to=$LAST_YEAR-12-31" ;;
		esac
		st=$(curl -s --max-time 600 --resolve "$PG_HOST:$2:127.0.0.1" \
		    -H "Cookie: $(cookie_of "$G_TOP")" -o /dev/null \
		    -w '%{http_code}' "http://$PG_HOST:$2$path" </dev/null)
		printf 'pg_%s\t%s\t%s\n' "$what" "$1" "$st" >>"$W/pg.tsv"
		for c in 1 16; do
			pg_measure "pg_$what" "$1" "$c" "http://127.0.0.1:$2$path" \
			    get.lua "$PG_HOST" "$(cookie_of "$G_TOP")" "" "" ""
			# Made afresh each time (Cache-Control: no-cache): the
			# backends' own work, without the cache of whole answers.
			NOCACHE=1
			pg_measure "pg_${what}_uncached" "$1" "$c" \
			    "http://127.0.0.1:$2$path" get.lua "$PG_HOST" \
			    "$(cookie_of "$G_TOP")" "" "" ""
			NOCACHE=
		done
	done
	for c in 16 64; do
		pg_measure pg_submit "$1" "$c" "http://127.0.0.1:$2/deviations" \
		    submit.lua "$PG_HOST" "$(cookie_of "$G_SUBMITTER")" "" \
		    "$(cat "$W/csrf.$G_SUBMITTER")" "$G_SUBMIT_UNIT"
	done
}
if [ -z "$PG_NOTE" ]; then
	# What the load, the VACUUM and the main municipality's lines left
	# dirty is written out first: the kernel's writeback of gigabytes ran
	# under the PostgreSQL lines of one run (2026-12-08: every PostgreSQL
	# line, cached hits too, 2-3 x slower than alone the minute after).
	t0=$(date +%s)
	psql -X -q -h "$PGDIR" -U postgres -d orden_bench -c "CHECKPOINT" \
	    >/dev/null 2>&1
	sync
	log "CHECKPOINT and sync before the lines of this section: $(($(date +%s) - t0)) s"
	log "SQLite with one municipality of $PG_NDEV (the same one)"
	gen_parse "$(grep '^BENCH ' "$W/one-gen.out" | head -n 1)"
	start_for sqlite "$W/one.db"
	for who in "$G_TOP" "$G_SUBMITTER"; do
		login "$SPORT" "$PG_HOST" "$who" || die "cannot log in as $who (SQLite)"
	done
	pg_lines sqlite "$SPORT"
	server_stop

	log "PostgreSQL with $PG_TENANTS municipalities"
	gen_parse "$(grep "^BENCH host=$PG_HOST " "$W/pg-gen.out" | head -n 1)"
	start_for postgres "$PGURL"
	for who in "$G_TOP" "$G_SUBMITTER"; do
		login "$SPORT" "$PG_HOST" "$who" ||
		    die "cannot log in as $who (PostgreSQL; see $W/serve.pg.log)"
	done
	pg_lines postgres "$SPORT"
	server_stop
	# The tick of a later minute, as `orden tick` (the server's ticker
	# makes the same run every minute): all municipalities' clocks.
	s0=$(date +%s.%N)
	p0=$(pg_ticks)
	t0=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat)
	"$BIN" tick --db "$PGURL" >"$W/pg-tick.log" 2>&1
	t1=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat)
	p1=$(pg_ticks)
	s1=$(date +%s.%N)
	awk -v w="$(awk -v a="$s0" -v b="$s1" 'BEGIN { print b - a }')" \
	    -v s=$((t1 - t0)) -v p=$((p1 - p0)) -v hz="$(getconf CLK_TCK)" \
	    'BEGIN { printf "tick\t%.1f\t%.2f\t%.2f\n", w, s / hz, p / hz }' \
	    >>"$W/pgtick.tsv"
	log "PostgreSQL ticks: $(tr '\t\n' ' ;' <"$W/pgtick.tsv")"
	sh tests/pg/cluster.sh stop "$PGDIR" >/dev/null 2>&1
	PGDIR=""
fi
[ -n "$PG_NOTE" ] && log "PostgreSQL: $PG_NOTE"

# --- 7. the report -------------------------------------------------------------------
LOAD1=$(cut -d ' ' -f 1-3 /proc/loadavg)
TOTAL_S=$(($(date +%s) - T_START))
mb() {
	awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'
}
# "x" or "missed" against a bound: ok_if A OP B
ok_if() {
	awk -v a="$1" -v b="$3" -v op="$2" 'BEGIN {
	    if (a == "" || a == "n/a") { print "no data"; exit }
	    ok = (op == ">=") ? (a + 0 >= b + 0) : (a + 0 < b + 0)
	    print ok ? "met" : "missed" }'
}

# pgcpu NAME TAG CONNS: the CPU ms per answer pg_measure noted, or "".
pgcpu() {
	awk -F '\t' -v n="$1" -v t="$2" -v c="$3" \
	    '$1 == n && $2 == t && $3 == c { print $4; exit }' "$W/pgcpu.tsv"
}
# pgtick TAG: "W s wall, S s server CPU, D s database CPU" of a tick.
pgtick() {
	awk -F '\t' -v t="$1" '$1 == t { printf "%s s wall, %s s CPU of the %s, %s s of the database", $2, $3, (t == "tick" ? "command" : "server"), $4; exit }' \
	    "$W/pgtick.tsv"
}
# The worst of PostgreSQL's latencies and throughput against SQLite's on
# one line: worst_x NAME CONNS (p50 and p99 PG / SQLite, req/s SQLite / PG).
worst_x() {
	awk -v a="$(res "$1" sqlite "$2" 5)" -v b="$(res "$1" postgres "$2" 5)" \
	    -v c="$(res "$1" sqlite "$2" 6)" -v d="$(res "$1" postgres "$2" 6)" \
	    -v e="$(res "$1" sqlite "$2" 4)" -v f="$(res "$1" postgres "$2" 4)" \
	    'BEGIN { if (a + 0 <= 0 || b + 0 <= 0 || c + 0 <= 0 || d + 0 <= 0 ||
	    e + 0 <= 0 || f + 0 <= 0) { print "n/a"; exit }
	    w = b / a; if (d / c > w) w = d / c; if (e / f > w) w = e / f
	    printf "%.2f\n", w }'
}

# The PostgreSQL section of the report (issue 13's target: every line
# within 2 × of the same municipality alone on SQLite).
pg_report() {
	echo "## PostgreSQL: $PG_TENANTS municipalities × $PG_NDEV deviations (issues 5, 13)"
	echo
	if [ -n "$PG_NOTE" ]; then
		echo "Not measured in this run: $PG_NOTE."
		return 0
	fi
	echo "PostgreSQL $PG_V holds $PG_TENANTS municipalities of $PG_NDEV deviations each; the SQLite column is the same"
	echo "municipality ($PG_HOST, same seed) alone in its own database. Measured on $PG_HOST, the middle one. The cluster"
	echo "is the test cluster (tests/pg/cluster.sh; default PostgreSQL settings but max_wal_size 1 GB, the default, for the"
	echo "load) with durability turned back on for the measurement (fsync/synchronous_commit: $PG_DURABLE); $PG_SIZE."
	echo
	echo "| step | |"
	echo "|---|---|"
	echo "| data | made in $PG_GEN_S s by two \`bench/gen\` processes (foreign keys and the indexes that back no constraint dropped for the load), indexes and keys built again in $PG_RESTORE_S s, CHECKPOINT and VACUUM ANALYZE in $PG_VACUUM_S s |"
	echo "| counts | \`orden check counts\` over all municipalities in $PG_CHECK_S s: $PG_COUNTS |"
	echo "| deadline tick at the server's start | SQLite (one municipality): $(pgtick sqlite); PostgreSQL ($PG_TENANTS): $(pgtick postgres) |"
	echo "| deadline tick of a later minute (\`orden tick\`, $PG_TENANTS municipalities) | $(pgtick tick) |"
	echo
	echo "CPU is per answer, from /proc: the server's on SQLite, the server's and the whole cluster's on PostgreSQL."
	echo "\"worst\" is the largest of PostgreSQL's p50 and p99 over SQLite's and SQLite's req/s over PostgreSQL's."
	echo
	echo "| line | HTTP (SQLite/PG) | conns | SQLite req/s | p50 | p99 | CPU ms | PostgreSQL req/s | p50 | p99 | CPU ms | failed (SQLite/PG) | worst | within 2 × |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	for n in pg_dashboard pg_dashboard_uncached pg_list pg_list_uncached pg_submit; do
		cs="1 16"
		hs="303/303"
		b=${n%_uncached}
		if [ "$n" = pg_submit ]; then
			cs="16 64"
		else
			hs="$(awk -F '\t' -v n="$b" '$1 == n && $2 == "sqlite" { print $3 }' "$W/pg.tsv")/$(awk -F '\t' -v n="$b" '$1 == n && $2 == "postgres" { print $3 }' "$W/pg.tsv")"
		fi
		for c in $cs; do
			wx=$(worst_x "$n" "$c")
			fe=$(($(errs "$n" sqlite "$c") + $(errs "$n" postgres "$c")))
			v=$(ok_if "$wx" "<" 2.0001)
			[ "$fe" -gt 0 ] && v="missed: failed requests"
			echo "| ${n#pg_} | $hs | $c | $(cell "$(res "$n" sqlite "$c" 4)") | $(cell "$(res "$n" sqlite "$c" 5)") | $(cell "$(res "$n" sqlite "$c" 6)") | $(cell "$(pgcpu "$n" sqlite "$c")") | $(cell "$(res "$n" postgres "$c" 4)") | $(cell "$(res "$n" postgres "$c" 5)") | $(cell "$(res "$n" postgres "$c" 6)") | $(cell "$(pgcpu "$n" postgres "$c")") | $(errs "$n" sqlite "$c")/$(errs "$n" postgres "$c") | $wx × | $v |"
		done
	done
	echo
	echo "Lines named _uncached are the same request with \`Cache-Control: no-cache\`: made afresh each time, without the cache of whole answers (the other lines are answered from it after the first request)."
	echo
	echo "Paths: dashboard \`/dashboard\`; list \`/deviations?unit_id=(Helse og omsorg)&status=closed&from=$LAST_YEAR-01-01&to=$LAST_YEAR-12-31\`; submit \`POST /deviations\` as an employee of the busiest unit (bench/wrk/submit.lua)."
}

# The rows of the report's first table that say where and when it ran.
machine_rows() {
	echo "| date | $DATE |"
	echo "| commit | $COMMIT$( [ "$DIRTY" -gt 0 ] && echo " with $DIRTY uncommitted changes in the tree") |"
	echo "| machine | $NPROC cores ($CPU), $RAM_MB MiB RAM |"
	echo "| load average | $LOAD0 at the start, $LOAD1 at the end (others share this machine) |"
}

if [ "$ONLY" = pg ]; then
	{
		echo "# Benchmark results: the PostgreSQL section alone"
		echo
		echo "Written by \`BENCH_ONLY=pg bench/run.sh\` (a $MODE run in $((TOTAL_S / 60)) min, $DUR s a line)."
		echo
		echo "| | |"
		echo "|---|---|"
		machine_rows
		echo "| software | SQLite $SQLITE_V, wrk $WRK_V${PG_V:+, PostgreSQL $PG_V} |"
		echo
		pg_report
	} >"$OUT.tmp" && mv "$OUT.tmp" "$OUT"
	log "wrote $OUT in $((TOTAL_S / 60)) min"
	exit 0
fi

DYN="login_page inbox dashboard list stats_api csv"
{
	echo "# Benchmark results"
	echo
	echo "Written by \`make bench\` (bench/run.sh, a $MODE run in $((TOTAL_S / 60)) min)."
	echo "Targets and how they are measured: issue 6 and [README.md](README.md)."
	echo
	echo "| | |"
	echo "|---|---|"
	machine_rows
	echo "| software | SQLite $SQLITE_V, nginx $NGINX_V, wrk $WRK_V${PG_V:+, PostgreSQL $PG_V} |"
	echo "| data | $GEN_SUMMARY; $DB_MB MB of SQLite, made in $GEN_S s by \`bench/gen --seed 1\` |"
	echo "| server | \`orden serve\` release build (-O2), 4 worker threads (the default), SQLite WAL with synchronous=FULL, on loopback |"
	echo "| each line | wrk for $DUR s (1 thread for 1 connection, else 2), on the same $NPROC cores as the server; then nginx $NGINX_V (2 workers, access log on) serving the very bytes of that answer from a file, at the same connection count |"
	echo

	echo "## Targets"
	echo
	echo "| target (issues 6, 16) | measured | verdict |"
	echo "|---|---|---|"
	worst=""
	worst_r=""
	for n in $DYN; do
		for c in $CONNS; do
			rr=$(ratio "$(res "$n" orden "$c" 4)" "$(res "$n" nginx "$c" 4)")
			[ "$rr" = n/a ] && continue
			if [ -z "$worst_r" ] || awk -v a="$rr" -v b="$worst_r" 'BEGIN { exit !(a < b) }'; then
				worst_r=$rr
				worst="$n at $c"
			fi
		done
	done
	met=0
	total=0
	for n in $DYN; do
		for c in $CONNS; do
			rr=$(ratio "$(res "$n" orden "$c" 4)" "$(res "$n" nginx "$c" 4)")
			[ "$rr" = n/a ] && continue
			total=$((total + 1))
			[ "$(ok_if "$rr" ">=" 0.5)" = met ] && met=$((met + 1))
		done
	done
	if [ "$met" -eq "$total" ]; then
		v=met
	elif awk -v r="$worst_r" 'BEGIN { exit !(r > 0) }'; then
		v="missed (the worst by $(awk -v r="$worst_r" 'BEGIN { printf "%.0f", 0.5 / r }') ×)"
	else
		v="missed (the worst answered nothing within the $DUR s run)"
	fi
	echo "| Dynamic pages ≥ 0.50 × nginx's static throughput for the same bytes | $met of $total lines (login page, inbox, dashboard, list, statistics API, CSV × 1/16/64 connections); worst: $worst at $worst_r × | $v |"

	s64=$(res submit orden 64 4)
	p64=$(res submit orden 64 6)
	cref=$(refv commit_64 per_s)
	sr=$(ratio "$s64" "$cref")
	v1=$(ok_if "$sr" ">=" 3)
	echo "| Durable submits ≥ 3 × one-commit-per-row SQLite, at 64 connections | $s64 /s vs $cref commits/s: $sr × | $v1$( [ "$v1" = missed ] && awk -v r="$sr" 'BEGIN { if (r > 0) printf " (by %.1f ×)", 3 / r }') |"
	echo "| Submit p99 < 50 ms at 64 connections | $(cell "$p64") ms | $(lat_verdict submit orden 64 200 50) |"
	su=$(res submit_units orden 64 4)
	sur=$(ratio "$su" "$(refv commit_units per_s)")
	echo "| The same, the reports spread over every unit (as a municipality's arrive; not a target of its own) | $(cell "$su") /s vs $(refv commit_units per_s) commits/s: $sur ×; p99 $(cell "$(res submit_units orden 64 6)") ms | $(ok_if "$sur" ">=" 3) |"
	for n in dashboard stats_api; do
		case $n in
		dashboard) q=groupby_dashboard; what="Dashboard (this year, top of the tree)" ;;
		stats_api) q=groupby_stats; what="Statistics API (whole history, by category)" ;;
		esac
		st=$(awk -F '\t' -v n="$n" '$1 == n { print $2 }' "$W/lines.tsv")
		for c in $CONNS; do
			echo "| $what p99 < 20 ms over $NDEV, $c connection(s) | $(cell "$(res "$n" orden "$c" 6)") ms | $(lat_verdict "$n" orden "$c" "$st" 20) |"
		done
		naive=$(refv "$q" p50_ms)
		ours=$(res "$n" orden 1 5)
		fx=$(ratio "$naive" "$ours")
		v=$(ok_if "$fx" ">=" 10)
		[ "$st" != 200 ] && v="missed (HTTP $st)"
		echo "| $what ≥ 10 × faster than the naive GROUP BY (p50, 1 connection) | naive $naive ms, ours $ours ms: $fx × | $v |"
	done
	REPORT_UNITS=$(sqlite3 "$W/main.db" "SELECT count(*) FROM units WHERE parent_id = $REPORT_SECTOR")
	for n in report_page report_pdf report_xlsx; do
		case $n in
		report_page) b=100; what="Tertial report page (a sector of $REPORT_UNITS units, T3 $LAST_YEAR)" ;;
		report_pdf) b=1000; what="Tertial report PDF (the same)" ;;
		report_xlsx) b=2000; what="Tertial report XLSX (the whole municipality, $LAST_YEAR)" ;;
		esac
		st=$(awk -F '\t' -v n="$n" '$1 == n { print $2 }' "$W/lines.tsv")
		med=$(awk -F '\t' -v n="$n" '$1 == n { print $2 }' "$W/report.tsv")
		cpu=$(awk -F '\t' -v n="$n" '$1 == n { print $3 }' "$W/report.tsv")
		v=$(ok_if "$med" "<" "$b")
		[ "$st" != 200 ] && v="missed (HTTP $st)"
		[ "$v" = missed ] && v="missed ($(awk -v p="$med" -v b="$b" 'BEGIN { printf "%.1f", p / b }') × the bound)"
		echo "| $what < $b ms over $NDEV (issue 16; median of $REPORT_N one at a time) | $(cell "$med") ms wall, $(cell "$cpu") ms server CPU each; $(ratio "$(res "$n" orden 1 4)" "$(res "$n" nginx 1 4)") × nginx at 1 connection | $v |"
	done
	if [ -n "$IMP_S" ]; then
		v=$(ok_if "$IMP_S" "<" 60)
		[ "$v" = missed ] && v="missed ($(awk -v s="$IMP_S" 'BEGIN { printf "%.1f", s / 60 }') × the bound)"
		echo "| Import of $IMP_ROWS rows (\`orden import deviations\`, one file, all or nothing) < 60 s (issue 13) | $IMP_S s wall, $(awk -v n="$IMP_ROWS" -v s="$IMP_S" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }') rows/s; $IMP_CPU s CPU; peak RSS $(mb "$IMP_HWM_KB") MiB | $v |"
	else
		echo "| Import of $IMP_ROWS rows < 60 s (issue 13) | not measured: $IMP_NOTE | missed |"
	fi
	v=$(ok_if "$(mb "$HWM_KB")" "<" 64)
	echo "| Server RSS < 64 MiB with $NDEV deviations under load | peak (VmHWM) $(mb "$HWM_KB") MiB; largest VmRSS sampled under load $(mb "$RSS_KB") MiB | $v |"
	echo
	echo "Submits: $SUBMIT_SENT answered with 303 over the three runs; $SUBMIT_STORED new rows found in the database afterwards (\`SELECT count(*) FROM deviations\` after the server stopped, against the count before) — $SUBMIT_VERDICT."
	if [ "$RESTARTS" -gt 0 ]; then
		echo
		echo "The server was restarted $RESTARTS time(s) because it was still working through requests wrk had given up on 20 s after a run (see \"settle\" in bench/run.sh); the peak RSS spans every run."
	fi
	echo

	echo "## Every line"
	echo
	echo "Latency in ms. \"answers\" is how many requests wrk saw answered in the run (few answers make p99 the"
	echo "slowest of them); \"failed\" counts answers with HTTP ≥ 400 and socket errors or timeouts (30 s);"
	echo "\"nginx\" is the same bytes as a static file at the same connections; ratio = ours / nginx."
	echo
	echo "| line | HTTP | bytes | conns | answers | req/s | p50 | p99 | failed | nginx req/s | nginx p99 | ratio |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
	row() {	# name http bytes conns reference-text
		echo "| $1 | $2 | $3 | $4 | $(cell "$(res "$1" orden "$4" 9)") | $(cell "$(res "$1" orden "$4" 4)") | $(cell "$(res "$1" orden "$4" 5)") | $(cell "$(res "$1" orden "$4" 6)") | $(errs "$1" orden "$4") | $5 |"
	}
	while IFS="$(printf '\t')" read -r n st sz path; do
		for c in $CONNS; do
			row "$n" "$st" "$sz" "$c" "$(cell "$(res "$n" nginx "$c" 4)") | $(cell "$(res "$n" nginx "$c" 6)") | $(ratio "$(res "$n" orden "$c" 4)" "$(res "$n" nginx "$c" 4)")"
		done
	done <"$W/lines.tsv"
	# The dynamic lines above are served from the cache of whole answers
	# after their first request; these are the same requests recomputed
	# each time (Cache-Control: no-cache).
	while IFS="$(printf '\t')" read -r n st sz path; do
		case $n in login_page|static) continue ;; esac
		for c in $CONNS; do
			row "${n}_uncached" "$st" "$sz" "$c" "$(cell "$(res "$n" nginx "$c" 4)") | $(cell "$(res "$n" nginx "$c" 6)") | $(ratio "$(res "${n}_uncached" orden "$c" 4)" "$(res "$n" nginx "$c" 4)")"
		done
	done <"$W/lines.tsv"
	for c in $CONNS; do
		row submit 303 "" "$c" " | | $(ratio "$(res submit orden "$c" 4)" "$(refv "commit_$c" per_s)") × SQLite's commits/s just before"
	done
	row submit_units 303 "" 64 " | | $(ratio "$(res submit_units orden 64 4)" "$(refv commit_units per_s)") × SQLite's commits/s just before"
	row dashboard_10y "$D10" "" 1 " | | "
	echo
	echo "The paths:"
	echo
	while IFS="$(printf '\t')" read -r n st sz path; do
		echo "- $n: \`$path\`"
	done <"$W/lines.tsv"
	echo "- dashboard, ten years: \`/dashboard?from=$Y10_FROM&to=$TODAY\`"
	echo "- submit: \`POST /deviations\` as an employee of the busiest unit (bench/wrk/submit.lua)"
	echo "- submit_units: the same employee's reports spread over every unit of the municipality in turn (\`BENCH_UNIT_IDS\`), as a municipality's reports arrive"
	echo "- the CSV export the dashboard links to (this year, \`/api/v1/deviations.csv?from=$YEAR-01-01\`), once: HTTP $(echo "$CSVY" | cut -d ' ' -f 1), $(echo "$CSVY" | cut -d ' ' -f 2) bytes in $(echo "$CSVY" | cut -d ' ' -f 3) s"
	echo
	echo "Who asks: the chief executive (\`direktor\`, also leader of the root unit) for the dashboard and the list, the leader of the busiest unit for the inbox, an employee of that unit for submits; the API with the chief executive's bearer token."
	echo

	echo "## References (same run)"
	echo
	echo "| reference | runs | per second | p50 ms | p99 ms |"
	echo "|---|---|---|---|---|"
	for q in commit_1 commit_16 commit_64 groupby_stats groupby_dashboard; do
		case $q in
		commit_units) what="SQLite, one row per transaction (BEGIN IMMEDIATE; INSERT; COMMIT), WAL, synchronous=FULL, one writer; just before the submits spread over every unit" ;;
		commit_*) what="SQLite, one row per transaction (BEGIN IMMEDIATE; INSERT; COMMIT), WAL, synchronous=FULL, one writer; just before the submits at ${q#commit_} connection(s)" ;;
		groupby_stats) what="naive GROUP BY of the statistics API's question (by category with status totals and overdue), all $NDEV rows" ;;
		groupby_dashboard) what="naive GROUP BY of the dashboard's questions (by category, month and unit), this year" ;;
		esac
		echo "| $what | $(refv "$q" runs) | $(refv "$q" per_s) | $(refv "$q" p50_ms) | $(refv "$q" p99_ms) |"
	done
	echo

	pg_report
	echo
	if [ -f bench/why.md ]; then
		cat bench/why.md
	fi
} >"$OUT.tmp" && mv "$OUT.tmp" "$OUT"
log "wrote $OUT in $((TOTAL_S / 60)) min"
