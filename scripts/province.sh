# Sourced by the comparison scripts: make_inbox DIR builds a province-size inbox in DIR:
# 14 cities, each a copy of one of the examples (Word, WPS, PDF, spreadsheets, phone
# photos, video), plus PHOTOS extra 12-megapixel photos per city from
# scripts/compare_photos.py's generator when Pillow and piexif are installed.
# make_zips DIR OUT writes each city of DIR as OUT/CITY.zip (Python's zipfile, deflated).
make_inbox() {
    local inbox=$1
    mkdir -p "$inbox"
    cities=(沈阳市 大连市 鞍山市 抚顺市 本溪市 丹东市 锦州市 营口市 阜新市 辽阳市 盘锦市 铁岭市 朝阳市 葫芦岛市)
    examples=(examples/*/)
    for i in "${!cities[@]}"; do
        src=${examples[$((i % ${#examples[@]}))]}
        cp -r "$src" "$inbox/${cities[$i]}"
    done
    if python3 -c "import PIL, piexif" 2>/dev/null; then
        PHOTOS=${PHOTOS:-10} python3 - "$inbox" <<'EOF'
import os, sys
sys.path.insert(0, "scripts")
import compare_photos as c
inbox = sys.argv[1]
n = 0
for city in os.listdir(inbox):
    folder = os.path.join(inbox, city, "补充照片展板3")
    os.makedirs(folder, exist_ok=True)
    for i in range(c.PHOTOS):
        with open(os.path.join(folder, f"{i:02d}-社区活动{i}.jpg"), "wb") as f:
            f.write(c.photo(n, n % 5 != 0))
        n += 1
EOF
    fi
}

make_zips() {
    python3 - "$1" "$2" <<'EOF'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
for city in sorted(os.listdir(src)):
    with zipfile.ZipFile(os.path.join(out, city + ".zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for root, _, files in os.walk(os.path.join(src, city)):
            for f in files:
                path = os.path.join(root, f)
                z.write(path, os.path.relpath(path, src))
EOF
}
