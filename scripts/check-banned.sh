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

# The governing-document faces likewise ask document/ (document_get,
# document_may, document_right, document_coverage, document_tied,
# document_answers, document_public) what to show and offer; route gates
# (web_gate with an AZ_ action) stay.
n=$((n + 1))
hits=$(grep -rnE '\bauthz_[a-z_]+\s*\(' --include='*.c' --include='*.h' \
    src/web/document src/api/document 2>/dev/null |
    grep -vE "^[^:]+:[0-9]+:\s*(/\*|\*)")
if [ -n "$hits" ]; then
	echo "not ok $n - access decided in a governing-document face"; echo "$hits" | sed 's/^/# /'; rc=1
else
	echo "ok $n - no access decision in the governing-document faces"
fi

# The wheel and follow-up faces likewise ask their modules (wheel_right,
# wheel_may, wheel_task_read; followup_right, followup_may_read,
# followup_may_complete) what to show; route gates (web_gate) stay.
n=$((n + 1))
hits=$(grep -rnE '\bauthz_[a-z_]+\s*\(' --include='*.c' --include='*.h' \
    src/web/wheel src/api/wheel src/web/followup src/api/followup 2>/dev/null |
    grep -vE "^[^:]+:[0-9]+:\s*(/\*|\*)")
if [ -n "$hits" ]; then
	echo "not ok $n - access decided in a wheel or follow-up face"; echo "$hits" | sed 's/^/# /'; rc=1
else
	echo "ok $n - no access decision in the wheel and follow-up faces"
fi
exit $rc
