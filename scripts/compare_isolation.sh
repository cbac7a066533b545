#!/usr/bin/env bash
# What reading every file in a reader process costs: the same release binary on one
# province-size inbox (scripts/province.sh), as folders and as one .zip per city, with
# reader processes (the default) and with BAOSONG_IN_PROCESS=1 (every file read in the
# main process, as before issue 20), alternating, RUNS times each (default 7).
# Prints the median wall times and the ratios (processes / in-process).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release -q
bin=target/release/baosong
. scripts/province.sh
make_inbox "$work/inbox"
make_zips "$work/inbox" "$work/zips"
files=$(find "$work/inbox" -type f | wc -l)
bytes=$(du -sh "$work/inbox" | cut -f1)

time_one() { # inbox, env assignment or "" -> seconds
    local start end
    start=$(date +%s.%N)
    env $2 "$bin" check "$1" --batch --as-of 2020-12-31 --format json >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "inbox: 14 cities, $files files, $bytes"
for kind in inbox zips; do
    with=() without=()
    for _ in $(seq "$runs"); do
        with+=("$(time_one "$work/$kind" "BAOSONG_READERS=1")")
        without+=("$(time_one "$work/$kind" "BAOSONG_IN_PROCESS=1")")
    done
    mw=$(median "${with[@]}")
    mo=$(median "${without[@]}")
    echo "$kind: reader processes ${mw}s, in-process ${mo}s, ratio $(echo "scale=2; $mw / $mo" | bc)"
done
