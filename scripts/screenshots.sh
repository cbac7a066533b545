#!/usr/bin/env bash
# Renders the HTML reports in headless chromium and saves the screenshots under docs/,
# which the README links: each example, the examples folder as an inbox, and the pages
# the browser tests make (a busy city of 6 boards × 8 photos, on a desktop and a phone,
# and printed to A4; an inbox with a resend).
# Needs chromium and a CJK font (Debian: apt-get install chromium fonts-wqy-zenhei).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
snap() { # page, png, width, height
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
        --user-data-dir="$out/profile" --window-size="$3,$4" \
        --screenshot="docs/$2.png" "file://$1" 2>/dev/null
}
shot() { # name, then baosong's arguments
    local name=$1; shift
    ./target/release/baosong check "$@" --as-of 2020-12-31 --report "$out/$name.html" >/dev/null 2>&1 || true
    snap "$out/$name.html" "$name" 1200 1700
}
shot report-shenyang examples/沈阳市
shot report-anshan examples/鞍山市
shot report-batch examples/ --batch
BAOSONG_SHOTS="$out" cargo test -q --test page >/dev/null
snap "$out/report-busy.html" report-busy 1280 1800
snap "$out/report-busy.html" report-busy-phone 390 1600
snap "$out/report-resends.html" report-resends 1280 1800
# The first page of the A4 print, as an image.
pdftoppm -png -r 60 -f 1 -l 2 "$out/report-busy.pdf" "$out/print" && \
    cp "$out/print-1.png" docs/report-busy-a4-page1.png && cp "$out/print-2.png" docs/report-busy-a4-page2.png
ls -l docs/*.png
