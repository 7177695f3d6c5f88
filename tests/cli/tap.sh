# The TAP helpers of the shell suites under tests/cli (sourced, not run):
# ok/nok print one numbered line, check runs a command and says which.
# Each suite prints "1..$n" at its end.
n=0
ok()   { n=$((n + 1)); echo "ok $n - $1"; }
nok()  { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { desc=$1; shift; if "$@"; then ok "$desc"; else nok "$desc"; fi; }
