#!/usr/bin/env bash
# The folder check of this checkout against an earlier revision's, side by side on one
# province-size inbox: 14 cities, each a copy of one of the examples (Word, WPS, PDF,
# spreadsheets, phone photos, video), plus PHOTOS extra 12-megapixel photos per city
# from scripts/compare_photos.py's generator when Pillow and piexif are installed.
#
#   scripts/compare_versions.sh [REV]     (default REV: 0973bc4, before issue 18)
#
# RUNS (default 7) sets the runs of each, PHOTOS the extra photos per city, KEEP=1
# keeps both binaries and the inbox.
#
# Builds both release binaries (the earlier one in a temporary worktree, with a copy of
# the target folder so that mostly baosong itself is compiled again), then runs each RUNS
# times, alternating, and prints the median wall times and their ratio (new / old).
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-0973bc4}
runs=${RUNS:-7}
work=$(mktemp -d)
cleanup() {
    git worktree remove --force "$work/old" >/dev/null 2>&1 || true
    if [ -n "${KEEP:-}" ]; then echo "kept: $work (baosong-old, baosong-new, inbox)"; else rm -rf "$work"; fi
}
trap cleanup EXIT

cargo build --release -q
cp target/release/baosong "$work/baosong-new"
git worktree add --detach "$work/old" "$rev" >/dev/null 2>&1
# The earlier revision builds in a target folder of its own, seeded with this one's
# compiled dependencies, so that its binary never replaces target/release/baosong.
mkdir -p "$work/target"
cp -r target/release "$work/target/release"
CARGO_TARGET_DIR="$work/target" cargo build --release -q --manifest-path "$work/old/Cargo.toml"
cp "$work/target/release/baosong" "$work/baosong-old"
rm -rf "$work/target"

inbox="$work/inbox"
. scripts/province.sh
make_inbox "$inbox"
files=$(find "$inbox" -type f | wc -l)
bytes=$(du -sh "$inbox" | cut -f1)

time_one() { # binary -> seconds
    local start end
    start=$(date +%s.%N)
    "$1" check "$inbox" --batch --as-of 2020-12-31 --format json >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}
old=() new=()
for _ in $(seq "$runs"); do
    old+=("$(time_one "$work/baosong-old")")
    new+=("$(time_one "$work/baosong-new")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
mo=$(median "${old[@]}")
mn=$(median "${new[@]}")
echo "inbox: ${#cities[@]} cities, $files files, $bytes"
echo "median of $runs runs: $rev ${mo}s, this checkout ${mn}s"
echo "ratio (this / $rev): $(echo "scale=2; $mn / $mo" | bc)"
if command -v valgrind >/dev/null 2>&1; then
    # Instructions do not depend on what else the machine is doing.
    instructions() {
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" check "$inbox" --batch \
            --as-of 2020-12-31 --format json 2>&1 >/dev/null | awk '/Collected/ { print $NF }' || true
    }
    io=$(instructions "$work/baosong-old")
    in=$(instructions "$work/baosong-new")
    echo "instructions (callgrind): $rev $io, this checkout $in, ratio $(echo "scale=3; $in / $io" | bc)"
fi
