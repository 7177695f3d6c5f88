#!/bin/sh
# The fuzz suite of `make check`: build the libFuzzer harnesses in build/fuzz
# and run each for a fixed number of executions (fixed seed) over its
# committed seed corpus. New inputs go to a scratch directory, never to
# tests/fuzz/corpus/. Speaks TAP. `make fuzz` runs them for longer.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
FB=build/fuzz
RUNS=${FUZZ_RUNS:-2000}
# The same list as FUZZ in the Makefile.
NAMES="urlencoded cookie multipart fields_json csv html receipt imgstrip"

if ! make -s -j2 B=$FB CC=clang OPT='-O1 -g' \
    SAN='-fsanitize=fuzzer-no-link,address,undefined' fuzz-build; then
	echo "not ok 1 - fuzz harnesses build"
	exit 1
fi
i=0
for n in $NAMES; do
	i=$((i + 1))
	scratch=$FB/check-corpus/$n
	rm -rf "$scratch"; mkdir -p "$scratch"
	if "$FB/fuzz_$n" -runs="$RUNS" -max_len=4096 -seed=1 \
	    -artifact_prefix="$FB/crash-$n-" "$scratch" "tests/fuzz/corpus/$n" \
	    >"$FB/check-$n.log" 2>&1; then
		echo "ok $i - fuzz_$n"
	else
		echo "not ok $i - fuzz_$n (log: $FB/check-$n.log)"
		grep -E 'ERROR|runtime error|check failed|SUMMARY|Test unit written' \
		    "$FB/check-$n.log" | head -10 | sed 's/^/# /'
	fi
done
