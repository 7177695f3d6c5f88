#!/bin/sh
# run-demo.sh BINARY [PORT]: serve the demo municipality on
# http://127.0.0.1:PORT (8080 unless given; `make run PORT=8081`).
# Creates ./orden-data/orden.db with the demo the first time; later runs
# reuse it (delete ./orden-data to start over).
set -eu
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 BINARY [PORT]" >&2
	exit 2
fi
bin=$1
port=${2:-8080}
case $port in
''|*[!0-9]*) echo "$0: the port is a number, not $port" >&2; exit 2 ;;
esac
data=./orden-data
db=$data/orden.db

mkdir -p "$data"
if [ ! -e "$db" ]; then
	# A failed first run must not leave an empty database behind that
	# later runs would take for the demo.
	if ! "$bin" demo --db "$db" >/dev/null; then
		rm -f "$db" "$db-wal" "$db-shm"
		exit 1
	fi
fi
echo
echo "Orden is running at http://127.0.0.1:$port"
echo
"$bin" demo --logins
echo
echo "Stop with Ctrl-C. The data is kept in $data."
if [ -f "$data/recovery-key.txt" ]; then
	echo "The demo's recovery key for whistleblowing cases is in $data/recovery-key.txt"
	echo "(a real municipality keeps it offline: see docs/SECURITY.md)."
fi
echo
exec "$bin" serve --db "$db" --listen "127.0.0.1:$port"
