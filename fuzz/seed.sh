#!/usr/bin/env bash
# Builds the seed corpora from the committed test fixtures and examples. Each seed is
# one selector byte (which file name the target reads the bytes as) plus a real file.
set -euo pipefail
cd "$(dirname "$0")"
root=..
seed() { # target selector file
  mkdir -p "corpus/$1"
  { printf "\\x$(printf %02x "$2")"; cat "$3"; } > "corpus/$1/$(basename "$3").$2"
}
fx=$root/tests/fixtures
ex=$root/examples/沈阳市
seed document 0 "$ex/01工作方案/沈阳市全民终身学习活动周工作方案.docx"
seed document 1 "$fx/board.doc"
seed document 3 "$fx/board.pdf"
seed document 4 "$fx/board.odt"
seed document 5 "$ex/02宣传展板材料/展板2/展板文字.txt"
seed image 0 "$ex/02宣传展板材料/展板1/01-社区读书会.jpg"
seed image 2 "$fx/photo.heic"
seed video 0 "$fx/clip.mp4"
seed video 2 "$fx/clip.avi"
seed video 3 "$fx/clip.wmv"
seed video 4 "$fx/clip.flv"
seed video 5 "$fx/clip.mkv"
seed roster 0 "$ex/05开幕式参会人员名单.xlsx"
seed roster 1 "$fx/roster.xls"
seed roster 3 "$fx/roster.ods"
mkdir -p corpus/wordcount corpus/zip_listing
cp "$ex/02宣传展板材料/展板2/展板文字.txt" corpus/wordcount/gbk.txt
printf '2020年全民终身学习活动周，Hello World! 共3天。' > corpus/wordcount/example.txt
# A zip of the passing example, written by the zip crate through the docx fixture path.
(cd "$root/examples" && python3 -c "
import zipfile, os, sys
with zipfile.ZipFile('../fuzz/corpus/zip_listing/shenyang.zip', 'w', zipfile.ZIP_DEFLATED) as z:
    for d, _, files in os.walk('沈阳市'):
        for f in files:
            p = os.path.join(d, f)
            if os.path.getsize(p) < 20000:
                z.write(p)
")
