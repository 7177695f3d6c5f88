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

# The whistleblowing faces likewise ask whistle/ (whistle_right, the
# actions) what to offer; route gates (web_gate with an AZ_ action) stay.
n=$((n + 1))
hits=$(grep -rnE '\bauthz_[a-z_]+\s*\(' --include='*.c' --include='*.h' \
    src/web/whistle src/api/whistle 2>/dev/null |
    grep -vE "^[^:]+:[0-9]+:\s*(/\*|\*)")
if [ -n "$hits" ]; then
	echo "not ok $n - access decided in a whistleblowing face"; echo "$hits" | sed 's/^/# /'; rc=1
else
	echo "ok $n - no access decision in the whistleblowing faces"
fi

# The risk, admin, account, second-factor, webhook and mail faces, the
# start page and the API's route gates likewise ask their module
# (risk_right, risk_view, totp_reset_right, webhook_right, mail_right,
# deviation_right, whistle_case_right, ...); web_gate/web_can stay.
n=$((n + 1))
hits=$(grep -rnE '\bauthz_[a-z_]+\s*\(' --include='*.c' --include='*.h' \
    src/web/risk src/api/risk src/web/admin src/web/totp src/web/webhook \
    src/api/webhook src/api/notify src/web/sso src/web/account \
    src/web/home.c src/api/gates.c 2>/dev/null |
    grep -vE "^[^:]+:[0-9]+:\s*(/\*|\*)")
if [ -n "$hits" ]; then
	echo "not ok $n - access decided in a risk, admin, account or gate face"; echo "$hits" | sed 's/^/# /'; rc=1
else
	echo "ok $n - no access decision in the risk, admin, account and gate faces"
fi
exit $rc
