#!/usr/bin/env bash
# Renders the HTML report of each example (and of the examples folder as an inbox) in
# headless chromium and saves the screenshots under docs/, which the README links.
# Needs chromium and a CJK font (Debian: apt-get install chromium fonts-wqy-zenhei).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
shot() { # name, then baosong's arguments
    local name=$1; shift
    ./target/release/baosong check "$@" --as-of 2020-12-31 --report "$out/$name.html" >/dev/null 2>&1 || true
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
        --user-data-dir="$out/profile" --window-size=1200,1700 \
        --screenshot="docs/$name.png" "file://$out/$name.html" 2>/dev/null
}
shot report-shenyang examples/沈阳市
shot report-anshan examples/鞍山市
shot report-batch examples/ --batch
ls -l docs/*.png
