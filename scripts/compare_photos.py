#!/usr/bin/env python3
"""baosong against what a reviewer would use instead, side by side on the same photos.

Makes an inbox of CITIES cities, each with two boards of PHOTOS 12-megapixel phone
photos (camera EXIF, four in five with an EXIF preview in IFD1, as phones write), then
times, in one run:

  - baosong check (plain), baosong check --report x.html, baosong check --deep (2 cores);
  - a Python loop with Pillow that decodes every JPEG at 1/8 scale
    (draft("L", (w/8, h/8))) and takes a 9x8 difference hash (one core);
  - a Pillow loop making the same 240 px JPEG thumbnails (one core).

Prints the wall times and the ratios the README quotes. CITIES and PHOTOS (per board)
set the size; KEEP=1 keeps the inbox and the report to open in a browser. Needs Pillow and piexif
(pip install pillow piexif) and a release build (cargo build --release).
"""
import io, os, shutil, subprocess, sys, tempfile, time

from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zip_city  # noqa: E402  (the camera photo encoder shared by the scripts)

CITIES = int(os.environ.get("CITIES", "3"))
PHOTOS = int(os.environ.get("PHOTOS", "10"))
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
BAOSONG = os.path.join(ROOT, "target", "release", "baosong")
NAMES = ["沈阳市", "大连市", "鞍山市", "抚顺市", "本溪市", "丹东市", "锦州市",
         "营口市", "阜新市", "辽阳市", "盘锦市", "铁岭市", "朝阳市", "葫芦岛市"]


def photo(seed, with_preview):
    """A 4000x3000 JPEG that compresses like a photo, with camera EXIF."""
    base = Image.frombytes("RGB", (40, 30), os.urandom(40 * 30 * 3)).resize((4000, 3000), Image.BICUBIC)
    noise = Image.effect_noise((4000, 3000), 24).convert("RGB")
    img = Image.blend(base, noise, 0.15)
    return zip_city.camera_jpeg(img, with_preview, 90)


def make_inbox(root):
    text = ("社区读书会带动居民参加终身学习，" * 30).encode("utf-8")
    paths, n = [], 0
    for city in NAMES[:CITIES]:
        for board in ("展板1", "展板2"):
            folder = os.path.join(root, city, "02展板", board)
            os.makedirs(folder)
            with open(os.path.join(folder, "展板文字.txt"), "wb") as f:
                f.write(text)
            for i in range(PHOTOS):
                n += 1
                path = os.path.join(folder, f"{i + 1:02d}-社区活动{i + 1}.jpg")
                with open(path, "wb") as f:
                    f.write(photo(n, n % 5 != 0))
                paths.append(path)
    return paths


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def pillow_loop(paths):
    for path in paths:
        with Image.open(path) as img:
            img.draft("L", (img.width // 8, img.height // 8))
            small = img.convert("L").resize((9, 8), Image.BILINEAR)
            px = list(small.get_flattened_data() if hasattr(small, "get_flattened_data") else small.getdata())
            sum(1 << i for i in range(64) if px[(i // 8) * 9 + i % 8] > px[(i // 8) * 9 + i % 8 + 1])


def pillow_thumbnails(paths):
    """What a reviewer's script would do for a contact sheet: 1/8 decode, 240 px, q75."""
    for path in paths:
        with Image.open(path) as img:
            img.draft("RGB", (img.width // 8, img.height // 8))
            img = img.convert("RGB")
            img.thumbnail((240, 240))
            img.save(io.BytesIO(), "JPEG", quality=75)


def baosong(inbox, *extra):
    subprocess.run([BAOSONG, "check", inbox, "--batch", "--as-of", "2020-12-31", *extra],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def main():
    if not os.path.exists(BAOSONG):
        sys.exit("build first: cargo build --release")
    work = tempfile.mkdtemp()
    try:
        inbox = os.path.join(work, "inbox")
        paths = make_inbox(inbox)
        html = os.path.join(work, "report.html")
        baosong(inbox)  # warm the page cache
        plain = min(timed(lambda: baosong(inbox)) for _ in range(3))
        report = min(timed(lambda: baosong(inbox, "--report", html)) for _ in range(3))
        deep = min(timed(lambda: baosong(inbox, "--deep")) for _ in range(3))
        pillow = min(timed(lambda: pillow_loop(paths)) for _ in range(3))
        thumbs = min(timed(lambda: pillow_thumbnails(paths)) for _ in range(3))
        print(f"{len(paths)} photos of 12 MP in {CITIES} cities ({len(paths) // 5} without an EXIF preview)")
        print(f"baosong check:                {plain:7.2f} s")
        print(f"baosong check --report .html: {report:7.2f} s  ({report / plain:.2f}x the plain check)")
        print(f"baosong check --deep:         {deep:7.2f} s")
        print(f"Pillow 1/8 decode + dHash:    {pillow:7.2f} s  (one core)")
        print(f"--deep / Pillow:              {deep / pillow:.2f}")
        print(f"Pillow 240 px thumbnails:     {thumbs:7.2f} s  (one core, every photo decoded)")
        print(f"--report .html / Pillow thumbnails: {report / thumbs:.2f}")
        print(f"HTML report size:             {os.path.getsize(html) / 1024 / 1024:.1f} MB")
        if os.environ.get("KEEP"):
            print(f"kept: {inbox} and {html}")
    finally:
        if not os.environ.get("KEEP"):
            shutil.rmtree(work)


if __name__ == "__main__":
    main()
