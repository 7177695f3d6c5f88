#!/bin/sh
# Install the Debian packages Orden needs. `deps.sh run` for building and
# running, `deps.sh test` for that plus what the tests need (a throw-away
# PostgreSQL cluster, valgrind, a browser), `deps.sh bench` for the
# benchmark's tools and references (wrk, nginx, hyperfine).
# As root it runs apt-get; otherwise it prints the exact command and stops.
set -eu

RUN="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libjansson-dev
libsodium-dev libpq-dev gettext locales tzdata libcurl4-openssl-dev libcjose-dev
liboath-dev libqrencode-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev
fonts-dejavu-core libical-dev libxml2-dev"
TEST="$RUN clang libcmocka-dev libcurl4-openssl-dev sqlite3 postgresql valgrind
chromium nodejs npm python3-aiosmtpd poppler-utils python3-openpyxl
python3-icalendar libxml2-utils"
BENCH="$TEST wrk nginx-light hyperfine"

case "${1:-run}" in
run)	want=$RUN ;;
test)	want=$TEST ;;
bench)	want=$BENCH ;;
*)	echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac

# A package that only brings a command counts as present when the command is
# (a machine may have Node.js from elsewhere, whose npm conflicts with Debian's).
provides() {
	case $1 in
	nodejs) command -v node >/dev/null 2>&1 ;;
	npm) command -v npm >/dev/null 2>&1 ;;
	*) return 1 ;;
	esac
}

missing=""
for p in $want; do
	provides "$p" && continue
	s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$s" = "installed" ] || missing="$missing $p"
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "deps: installing$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		# shellcheck disable=SC2086
		apt-get install -y -qq --no-install-recommends $missing >/dev/null
	else
		echo "deps: missing Debian packages. Run:" >&2
		echo "  sudo apt-get install -y$missing" >&2
		exit 1
	fi
fi

# The browser test drives Debian's chromium with playwright-core and runs
# axe-core; both come from npm into tests/browser/node_modules.
if [ "${1:-run}" = test ] && [ ! -d tests/browser/node_modules/playwright-core ]; then
	(cd tests/browser && npm install --no-audit --no-fund --silent)
fi
# The API contract test validates answers against docs/openapi.yaml with
# swagger-parser and ajv, at the exact versions of its lockfile.
if [ "${1:-run}" = test ] && [ ! -d tests/contract/node_modules/ajv ]; then
	(cd tests/contract && npm ci --no-audit --no-fund --silent)
fi
# The OpenID Connect test runs a real provider (oidc-provider) and signs
# its own bad tokens (jose), at the exact versions of its lockfile.
if [ "${1:-run}" = test ] && [ ! -d tests/oidc/node_modules/oidc-provider ]; then
	(cd tests/oidc && npm ci --no-audit --no-fund --silent)
fi
exit 0
