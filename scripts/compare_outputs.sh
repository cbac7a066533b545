#!/usr/bin/env bash
# Every output of two baosong builds on the examples, compared byte for byte: the
# console table and JSON (both languages), CSV, HTML, the letters, `rules --dump`,
# `explain` of every code, and the xlsx tracker's sheets (its parts but the
# workbook's creation time). Used to show a restructuring changed no output.
#   scripts/compare_outputs.sh OLD_BINARY NEW_BINARY
set -euo pipefail
old=$1 new=$2
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {
    local bin=$1 out=$2
    mkdir -p "$out"
    cd "$root"
    for lang in zh en; do
        "$bin" check examples --as-of 2020-12-31 --lang $lang > "$out/table-$lang.txt" 2>&1 || true
        "$bin" check examples --as-of 2020-12-31 --lang $lang --format json > "$out/json-$lang.json" 2>/dev/null || true
        "$bin" check examples --as-of 2020-10-20 --lang $lang --format json > "$out/json-1020-$lang.json" 2>/dev/null || true
        "$bin" check examples --as-of 2020-12-31 --lang $lang \
            --report "$out/r-$lang.csv" --report "$out/r-$lang.html" --report "$out/r-$lang.xlsx" \
            --replies "$out/letters-$lang" > /dev/null 2>&1 || true
        (cd "$out" && mkdir -p "x-$lang" && cd "x-$lang" && unzip -q -o "../r-$lang.xlsx" && rm -f docProps/core.xml ../r-$lang.xlsx)
    done
    "$bin" rules --dump > "$out/rules-dump.txt"
    "$bin" rules > "$out/rules.txt"
    for code in $("$bin" explain --help >/dev/null 2>&1; grep -o '^| `[a-z-]*`' README.md | tr -d '|` '); do
        "$bin" explain "$code" >> "$out/explain.txt" 2>&1 || true
    done
}
run "$old" "$work/old"
run "$new" "$work/new"
if diff -rq "$work/old" "$work/new"; then
    echo "identical: $(find "$work/new" -type f | wc -l) files"
else
    for f in $(diff -rq "$work/old" "$work/new" | awk '/differ/ {print $2}'); do
        python3 - "$f" "${f/\/old\//\/new\/}" <<'PY'
import sys
a, b = (open(p, "rb").read() for p in sys.argv[1:3])
i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
print(sys.argv[1], "first difference at byte", i)
print("  old:", a[max(0, i - 150):i + 150].decode("utf-8", "replace"))
print("  new:", b[max(0, i - 150):i + 150].decode("utf-8", "replace"))
PY
    done
    exit 1
fi
