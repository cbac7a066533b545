#!/usr/bin/env bash
# Measures peak memory and wall time of baosong (release build) on every input of the
# hostile corpora in tests/hostile.rs, tests/fail_closed.rs and tests/bombs.rs (decoding bombs, run
# both with reader processes and in one process), with /usr/bin/time -v (Debian package `time`).
# Prints one line per run: test, arguments, peak RSS in MB, wall time; then the maxima.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
BAOSONG_MEASURE="$log" cargo test --release --test hostile --test fail_closed --test bombs -- --test-threads 1 >/dev/null
printf '%-70s %10s %10s\n' "case" "peak MB" "wall"
awk -F'\t' '{ printf "%-70s %10.1f %10s\n", $1, $3 / 1024, $4 }' "$log"
awk -F'\t' '$3 > max { max = $3 } END { printf "\nlargest peak memory: %.1f MB\n", max / 1024 }' "$log"
rm -f "$log"
