#!/usr/bin/env bash
# A zip city against `unzip -p`, side by side in one run: the release binary checking
# one city's .zip (scripts/zip_city.py: the example city plus 60 camera photos of
# 3-5 MB and two 75-MB 1080p videos, deflated, GBK and UTF-8 names; 341 MB, 428 MB
# unpacked) and `unzip -p` of the same zip to /dev/null (one thread: every member
# inflated once and its CRC checked, what a reviewer would run instead), alternating,
# RUNS times each (default 5). With ZIPS=N (2..14), also an inbox of N such zips, one
# per city, against `unzip -p` of each in turn. Prints the median wall and CPU
# (user + system, reader processes included) times, baosong's peak memory (its largest
# process) and the ratios baosong / unzip.
# BEFORE=path/to/baosong adds that binary's times (a build from before a change).
# The photos, videos and zips are made once (a few minutes) and kept in CACHE
# (default /tmp/baosong-zipbench). Needs unzip, Pillow, piexif and ffmpeg.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
zips=${ZIPS:-1}
cache=${CACHE:-/tmp/baosong-zipbench}
cargo build --release -q
bin=$PWD/target/release/baosong
cities=(沈阳市 大连市 鞍山市 抚顺市 本溪市 丹东市 锦州市 营口市 阜新市 辽阳市 盘锦市 铁岭市 朝阳市 葫芦岛市)
mkdir -p "$cache/zips"
for i in $(seq 0 $((zips - 1))); do
    zip="$cache/zips/${cities[$i]}.zip"
    if [ ! -f "$zip" ]; then
        echo "making $zip (once)" >&2
        python3 scripts/zip_city.py "$zip.part" "$cache" "${cities[$i]}"
        mv "$zip.part" "$zip"
    fi
done
# The inbox holds the first N zips (hard links: baosong follows no symbolic link).
inbox="$cache/inbox-$zips"
rm -rf "$inbox"
mkdir -p "$inbox"
for i in $(seq 0 $((zips - 1))); do
    ln "$cache/zips/${cities[$i]}.zip" "$inbox/"
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs a command; prints its wall seconds, CPU seconds and peak memory (KB).
measure() {
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    tail -1 "$work/time" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
unzip_all() { for z in "$@"; do unzip -p "$z"; done; }
export -f unzip_all

# Times `unzip -p` and each binary on $1 (a zip or an inbox of zips), alternating;
# prints a line per tool, with its ratio to unzip. $2 says what was measured.
compare() {
    local target=$1 label=$2
    local -a zips_of
    if [ -d "$target" ]; then zips_of=("$target"/*.zip); else zips_of=("$target"); fi
    local names=("unzip -p" "baosong check")
    local -a bins=("$bin")
    if [ -n "${BEFORE:-}" ]; then names+=("baosong (BEFORE)"); bins+=("$BEFORE"); fi
    declare -A wall cpu peak
    for _ in $(seq "$runs"); do
        read -r w c m < <(measure bash -c 'unzip_all "$@"' _ "${zips_of[@]}")
        wall[0]+="$w " cpu[0]+="$c " peak[0]+="$m "
        for k in "${!bins[@]}"; do
            read -r w c m < <(measure "${bins[$k]}" check "$target" --as-of 2020-12-31 --format json)
            wall[$((k + 1))]+="$w " cpu[$((k + 1))]+="$c " peak[$((k + 1))]+="$m "
        done
    done
    echo "$label"
    printf '  %-18s %8s %8s %10s %12s\n' "" "wall s" "CPU s" "peak MB" "wall / unzip"
    local base
    base=$(median ${wall[0]})
    for k in "${!names[@]}"; do
        local w c m
        w=$(median ${wall[$k]})
        c=$(median ${cpu[$k]})
        m=$(median ${peak[$k]})
        printf '  %-18s %8s %8s %10s %12s\n' "${names[$k]}" "$w" "$c" "$((m / 1024))" \
            "$(echo "$w $base" | awk '{ printf "%.2f", $1 / $2 }')"
    done
}

first="$cache/zips/${cities[0]}.zip"
members=$(unzip -Z1 "$first" | wc -l)
unpacked=$(unzip -l "$first" | tail -1 | awk '{ printf "%d", $1 / 1048576 }')
echo "$(nproc) cores, median of $runs runs, alternating"
compare "$first" "one zip city: $(du -m "$first" | cut -f1) MB, $members members, $unpacked MB unpacked"
if [ "$zips" -gt 1 ]; then
    compare "$inbox" "an inbox of $zips such zips (unzip -p of each in turn)"
fi
