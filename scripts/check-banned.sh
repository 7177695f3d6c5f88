#!/bin/sh
# Unsafe C functions are banned from src/ and tests/ (STYLE.md rule 5).
# Prints TAP: one line per banned function.
cd "$(dirname "$0")/.." || exit 1
n=0; rc=0
for fn in strcpy strncpy strcat strncat sprintf vsprintf gets atoi atol atoll strtok; do
	n=$((n + 1))
	hits=$(grep -rnwE "$fn" --include='*.c' --include='*.h' src tests 2>/dev/null |
	    grep -vE "^[^:]+:[0-9]+:\s*(/\*|\*)" | grep -E "\b$fn\s*\(" )
	if [ -n "$hits" ]; then
		echo "not ok $n - $fn is banned"; echo "$hits" | sed 's/^/# /'; rc=1
	else
		echo "ok $n - no $fn"
	fi
done
# The deviation faces only translate: every access decision is the
# module's (deviation/view.h, deviation_do) and authz/'s, never a face's.
n=$((n + 1))
hits=$(grep -rnE '\bAZ_[A-Z_]+|\bauthz_[a-z_]+\s*\(' --include='*.c' --include='*.h' \
    src/web/deviation src/api/deviation 2>/dev/null |
    grep -vE "^[^:]+:[0-9]+:\s*(/\*|\*)")
if [ -n "$hits" ]; then
	echo "not ok $n - access decided in a deviation face"; echo "$hits" | sed 's/^/# /'; rc=1
else
	echo "ok $n - no access decision in the deviation faces"
fi

# Every other face likewise asks its module (whistle_right, document_may,
# report_right, wheel_right, followup_right, risk_right, the org views,
# the actions themselves) what to show and offer; the rules are authz/'s.
# Route gates (web_gate or an api gate with an AZ_ action) stay: they ask
# authz/ for the whole route. src/web/ui.c holds web_gate and web_can, the
# one wrapper the pages share.
n=$((n + 1))
hits=$(grep -rnE '\bauthz_[a-z_]+\s*\(' --include='*.c' --include='*.h' \
    src/web src/api 2>/dev/null | grep -v '^src/web/ui\.c:' |
    grep -vE "^[^:]+:[0-9]+:\s*(/\*|\*)")
if [ -n "$hits" ]; then
	echo "not ok $n - access decided in a face"; echo "$hits" | sed 's/^/# /'; rc=1
else
	echo "ok $n - no access decision in any face (src/web, src/api)"
fi

exit $rc
