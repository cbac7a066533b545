#!/usr/bin/env bash
# Runs every fuzz target for the given number of minutes each (default 10), two at a
# time on a 2-core machine. Crashes land in fuzz/artifacts/<target>/.
# Needs the nightly toolchain and cargo-fuzz: `cargo install cargo-fuzz`.
set -uo pipefail
cd "$(dirname "$0")"
minutes=${1:-10}
seconds=$((minutes * 60))
targets=(document wordcount zip_listing image video roster jpeg_dc)
[ -d corpus ] || ./seed.sh
cargo +nightly fuzz build --release >/dev/null || exit 1
run() {
  # Work on a copy: the committed corpus/ holds only the seeds.
  mkdir -p "work/$1" && cp -n "corpus/$1"/* "work/$1"/ 2>/dev/null
  cargo +nightly fuzz run --release "$1" "work/$1" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -max_len=1048576 \
    > "logs/$1.log" 2>&1
  echo "$1: exit $? — $(grep -E '^Done|^#[0-9]+.*DONE' "logs/$1.log" | tail -1)"
}
mkdir -p logs
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run "${targets[i]}" &
  [ -n "${targets[i+1]:-}" ] && run "${targets[i+1]}" &
  wait
done
