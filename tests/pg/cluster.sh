#!/bin/sh
# A throw-away PostgreSQL cluster for the tests (Debian's postgresql
# package), listening only on a Unix socket inside its own directory.
#
#   sh tests/pg/cluster.sh start DIR   create and start it; print the base URL
#                                      postgresql://orden@/DBNAME?host=DIR
#                                      (callers replace the word DBNAME)
#   sh tests/pg/cluster.sh stop DIR    stop it at once and remove DIR
#
# Orden connects as the role "orden": LOGIN NOSUPERUSER CREATEDB, so that
# row-level security applies to it (a superuser would bypass the policies)
# and db_open can create each test's database. Authentication is trust on
# the socket: nothing else can reach this cluster.
#
# As root (CI) the server runs as the unprivileged user "postgres" (made by
# the postgresql package), which then owns DIR; PostgreSQL refuses to run as
# root. As anyone else it runs as that user.
set -eu

usage() {
	echo "usage: $0 start|stop DIR" >&2
	exit 2
}

[ $# -eq 2 ] || usage
cmd=$1
dir=$2

# The newest installed server's binaries.
bindir=
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
	[ -x "$d/initdb" ] && bindir=$d
done
if [ -z "$bindir" ]; then
	echo "$0: no PostgreSQL server found under /usr/lib/postgresql" \
	    "(sh scripts/deps.sh test installs it)" >&2
	exit 1
fi

# Run a server binary as the user the cluster belongs to.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

start() {
	case $dir in
	/*) ;;
	*) dir=$(pwd)/$dir ;;
	esac
	if [ -e "$dir/data" ]; then
		echo "$0: $dir/data exists; stop that cluster first" >&2
		exit 1
	fi
	mkdir -p "$dir"
	if [ "$(id -u)" -eq 0 ]; then
		if ! id postgres >/dev/null 2>&1; then
			echo "$0: no user postgres to run the server as" >&2
			exit 1
		fi
		chown postgres "$dir"
		chmod 755 "$dir"
		if ! runuser -u postgres -- test -w "$dir"; then
			echo "$0: user postgres cannot reach $dir" \
			    "(pick a directory under /tmp)" >&2
			exit 1
		fi
	fi
	# C collation sorts by bytes, as SQLite does; UTF8 as Orden needs.
	as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust \
	    -E UTF8 --no-locale --no-instructions >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		exit 1
	}
	# fsync and synchronous_commit are off ONLY here, in a cluster that
	# lives for one test run: durability is tested on SQLite by the crash
	# test, and Orden itself never turns either off (src/store/pg.c).
	# A small write-ahead log: tests that look for plaintext in the files
	# read all of pg_wal, which every test database shares.
	cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$dir'
unix_socket_permissions = 0777
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
min_wal_size = 32MB
max_wal_size = 32MB
EOF
	as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
	    start >/dev/null || {
		cat "$dir/server.log" >&2
		exit 1
	}
	# pg_checkpoint (PostgreSQL 15 and newer): a test may flush shared
	# buffers to look at what reached the data files.
	as_owner "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -U postgres \
	    -d postgres >/dev/null <<'SQL'
CREATE ROLE orden LOGIN NOSUPERUSER CREATEDB;
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pg_checkpoint') THEN
		GRANT pg_checkpoint TO orden;
	END IF;
END
$$;
SQL
	echo "postgresql://orden@/DBNAME?host=$dir"
}

stop() {
	if [ -f "$dir/data/PG_VERSION" ]; then
		as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop \
		    >/dev/null 2>&1 || true
	fi
	# Only what start made: a wrong DIR must not remove someone's files.
	if [ -d "$dir" ]; then
		rm -rf "$dir/data"
		rm -f "$dir/initdb.log" "$dir/server.log" "$dir"/.s.PGSQL.*
		rmdir "$dir"
	fi
}

case $cmd in
start) start ;;
stop) stop ;;
*) usage ;;
esac
