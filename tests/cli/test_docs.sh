#!/bin/sh
# The documentation stays true: every API route in the route table is in
# docs/openapi.yaml, and every subcommand `orden --help` lists is in the
# README and the man page. Prints TAP.
cd "$(dirname "$0")/../.." || exit 1
BIN=${ORDEN_BIN:-build/asan/orden}
n=0; rc=0
for p in $(grep -oE '"/(api/v1|healthz|metrics)[^"]*"' src/routes.c | tr -d '"' | sort -u); do
	n=$((n + 1))
	if grep -qE "^  $p:" docs/openapi.yaml; then echo "ok $n - openapi documents $p"
	else echo "not ok $n - openapi lacks $p"; rc=1; fi
done
for sub in init demo serve import token audit user tick whistle tenant migrate check settings sso totp webhook unit; do
	n=$((n + 1))
	if grep -q "orden $sub" README.md && grep -q "$sub" docs/orden.1; then echo "ok $n - README and man page document $sub"
	else echo "not ok $n - README or docs/orden.1 lacks $sub"; rc=1; fi
done
# Every environment variable the code reads is in the README's table.
for v in $(grep -rhoE '(getenv|test_getenv)\("ORDEN_[A-Z_]+"|"ORDEN_[A-Z_]+", ' src | grep -oE 'ORDEN_[A-Z_]+' | sort -u); do
	n=$((n + 1))
	if grep -q "| \`$v" README.md; then echo "ok $n - README's configuration table lists $v"
	else echo "not ok $n - README's configuration table lacks $v"; rc=1; fi
done
echo "1..$n"
exit $rc
