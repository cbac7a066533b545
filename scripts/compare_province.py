#!/usr/bin/env python3
"""baosong on a whole province's inbox against what people would use instead, in one run.

    python3 scripts/compare_province.py            # the province: 14 cities, about 10 GB
    SCALE=quick python3 scripts/compare_province.py  # the same shape, small: a few minutes

Makes (once, kept in CACHE, default /tmp/baosong-province-SCALE) an inbox the way the
province receives it: 14 cities, each a copy of one of the examples (Word, WPS, PDF,
spreadsheets, phone photos, a video) plus PHOTOS 12-megapixel camera photos of 3-5 MB
(camera EXIF, four in five with the EXIF preview phones write) on extra boards and
VIDEOS 1080p MP4s of VIDEO_SECONDS at 10 Mbit/s; the first ZIPS cities arrive as
deflated .zip files (board names in GBK without the UTF-8 flag, as Windows writes
them), the others as folders. Province scale: 110 photos and 2 videos per city (1,540
photos, 28 videos), 3 zips of about 800 MB.

Then times, alternating, RUNS times each (median; default 3; a run of under a second
at least 9 times), and prints the ratios the README quotes:

  - the folder check (the folder cities only) against a Python walk reading the first
    64 KB of every file, and against `exiftool -r -fast2`;
  - one zip city against `unzip -p` of it to /dev/null (one thread);
  - `--deep` on the whole inbox against a one-core Pillow loop decoding every photo at
    1/8 (`draft`) and taking a 9x8 difference hash;
  - `--report .html` on the whole inbox against the plain check, and against a one-core
    Pillow loop making the same 240 px thumbnails;
  - baosong's peak memory (its largest process) over all of its runs.

Pillow reads the photos of the zip cities from their folders, unzipped for free.
Needs a release build (cargo build --release), Pillow and piexif, ffmpeg, unzip,
exiftool and GNU time (/usr/bin/time).
"""
import os, random, shutil, statistics, subprocess, sys, time, zipfile
from multiprocessing import Pool

from PIL import Image, ImageChops

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zip_city  # noqa: E402  (the camera photo encoder shared by the scripts)

SCALES = {
    #          photos, videos, video seconds, zips
    "province": (110, 2, 60, 3),
    "quick": (12, 1, 8, 2),
}
SCALE = os.environ.get("SCALE", "province")
PHOTOS, VIDEOS, VIDEO_SECONDS, ZIPS = SCALES[SCALE]
RUNS = int(os.environ.get("RUNS", "3"))
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
BAOSONG = os.path.join(ROOT, "target", "release", "baosong")
CACHE = os.environ.get("CACHE", f"/tmp/baosong-province-{SCALE}")
CITIES = ["沈阳市", "大连市", "鞍山市", "抚顺市", "本溪市", "丹东市", "锦州市",
          "营口市", "阜新市", "辽阳市", "盘锦市", "铁岭市", "朝阳市", "葫芦岛市"]
BOARD_TEXT = ("社区读书会带动居民参加终身学习，老年大学开设书法课程，" * 12).encode("utf-8")
NOISE = []


def noise_pool():
    """A few 12-MP noise fields; each photo takes one at its own offset."""
    if not NOISE:
        for sigma in (24, 32, 40):
            NOISE.append(Image.effect_noise((4000, 3000), sigma).convert("RGB"))
    return NOISE


def photo(seed):
    """A 4000x3000 JPEG of 3-5 MB with camera EXIF, its own pixels for each seed."""
    rng = random.Random(seed)
    base = Image.frombytes("RGB", (40, 30), rng.randbytes(40 * 30 * 3))
    base = base.resize((4000, 3000), Image.BICUBIC)
    noise = ImageChops.offset(rng.choice(noise_pool()), rng.randrange(4000), rng.randrange(3000))
    img = Image.blend(base, noise, rng.uniform(0.2, 0.3))
    return zip_city.camera_jpeg(img, seed % 5 != 0, 92)


def write_photo(job):
    path, seed = job
    with open(path + ".part", "wb") as f:
        f.write(photo(seed))
    os.replace(path + ".part", path)


def base_video(n, work):
    """One of three encoded 1080p videos; the cities' videos are remuxes of these."""
    path = os.path.join(work, f"base{n}.mp4")
    if not os.path.exists(path):
        source = ["testsrc2", "testsrc", "smptehdbars"][n]
        subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi",
             "-i", f"{source}=size=1920x1080:rate=25", "-t", str(VIDEO_SECONDS),
             "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "10M",
             "-minrate", "10M", "-maxrate", "10M", "-bufsize", "2M", path + ".mp4"],
            check=True)
        os.replace(path + ".mp4", path)
    return path


def city_video(path, n, work, tag):
    """A city's own video: a base video remuxed with its own title (distinct bytes)."""
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-i", base_video(n % 3, work), "-c", "copy",
         "-metadata", f"title={tag}", "-f", "mp4", path + ".part"], check=True)
    os.replace(path + ".part", path)


class GbkInfo(zipfile.ZipInfo):
    """A member whose name is written in GBK without the UTF-8 flag."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def zip_folder(folder, out):
    with zipfile.ZipFile(out + ".part", "w", zipfile.ZIP_DEFLATED) as z:
        for root, _, files in os.walk(folder):
            for name in sorted(files):
                path = os.path.join(root, name)
                member = os.path.relpath(path, os.path.dirname(folder))
                info = GbkInfo.from_file(path, member) if "展板" in member else \
                    zipfile.ZipInfo.from_file(path, member)
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(path, "rb") as f:
                    z.writestr(info, f.read())
    os.replace(out + ".part", out)


def make_inbox():
    """The inbox in CACHE/inbox (made once); the photos' paths."""
    sources = os.path.join(CACHE, "cities")
    inbox = os.path.join(CACHE, "inbox")
    done = os.path.join(CACHE, "done")
    examples = sorted(os.path.join(ROOT, "examples", e) for e in os.listdir(os.path.join(ROOT, "examples")))
    jobs, paths, seed = [], [], 0
    for i, city in enumerate(CITIES):
        folder = os.path.join(sources, city)
        if not os.path.exists(folder):
            shutil.copytree(examples[i % len(examples)], folder)
        for k in range(PHOTOS):
            board = os.path.join(folder, "02宣传展板材料", f"补充展板{k // 28 + 3}")
            os.makedirs(board, exist_ok=True)
            text = os.path.join(board, "展板文字.txt")
            if not os.path.exists(text):
                with open(text, "wb") as f:
                    f.write(BOARD_TEXT)
            path = os.path.join(board, f"{k % 28 + 1:02d}-社区活动{k + 1}.jpg")
            seed += 1
            paths.append(path)
            if not os.path.exists(path):
                jobs.append((path, seed))
    if jobs:
        print(f"making {len(jobs)} photos (once)", file=sys.stderr)
        with Pool(os.cpu_count()) as pool:
            pool.map(write_photo, jobs, chunksize=4)
    for i, city in enumerate(CITIES):
        for k in range(VIDEOS):
            folder = os.path.join(sources, city, "04先进典型", "视频")
            os.makedirs(folder, exist_ok=True)
            path = os.path.join(folder, f"先进典型{k + 1}.mp4")
            if not os.path.exists(path):
                city_video(path, i + k, CACHE, f"{city} {k + 1}")
    if not os.path.exists(done):
        print("making the inbox (once)", file=sys.stderr)
        shutil.rmtree(inbox, ignore_errors=True)
        os.makedirs(os.path.join(inbox, "folders"))
        for i, city in enumerate(CITIES):
            if i < ZIPS:
                zip_folder(os.path.join(sources, city), os.path.join(inbox, city + ".zip"))
            else:
                # Hard links: the folder check reads the same files, none copied.
                subprocess.run(["cp", "-al", os.path.join(sources, city),
                                os.path.join(inbox, "folders", city)], check=True)
        open(done, "w").close()
    return inbox, paths


def measure(cmd):
    """Wall seconds and peak memory (KB) of a command, through GNU time."""
    out = os.path.join(CACHE, "time.txt")
    start = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out, *cmd],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    with open(out) as f:
        peak = int(f.read().split()[-1])
    return wall, peak


def python_walk(folder):
    """A Python walk reading the first 64 KB of every file: the floor of a folder check."""
    code = ("import os,sys\n"
            "for r,_,fs in os.walk(sys.argv[1]):\n"
            " for f in fs:\n"
            "  with open(os.path.join(r,f),'rb') as h: h.read(65536)\n")
    return ["python3", "-c", code, folder]


def pillow_loop(kind, paths_file):
    """A one-core Pillow loop over the photos: dHash at 1/8, or 240 px thumbnails."""
    code = f"""
import io, sys
from PIL import Image
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    with Image.open(path) as img:
        if "{kind}" == "dhash":
            img.draft("L", (img.width // 8, img.height // 8))
            small = img.convert("L").resize((9, 8), Image.BILINEAR)
            px = list(small.getdata())
            sum(1 << i for i in range(64) if px[(i // 8) * 9 + i % 8] > px[(i // 8) * 9 + i % 8 + 1])
        else:
            img.draft("RGB", (img.width // 8, img.height // 8))
            img = img.convert("RGB")
            img.thumbnail((240, 240))
            img.save(io.BytesIO(), "JPEG", quality=75)
"""
    return ["python3", "-c", code, paths_file]


def baosong(target, *extra):
    return [BAOSONG, "check", target, "--batch", "--as-of", "2020-12-31", "--format", "json", *extra]


def main():
    if not os.path.exists(BAOSONG):
        sys.exit("build first: cargo build --release")
    os.makedirs(CACHE, exist_ok=True)
    inbox, paths = make_inbox()
    paths_file = os.path.join(CACHE, "photos.txt")
    with open(paths_file, "w", encoding="utf-8") as f:
        f.write("\n".join(paths))
    folders = os.path.join(inbox, "folders")
    first_zip = os.path.join(inbox, CITIES[0] + ".zip")
    report = os.path.join(CACHE, "report.html")
    runs = {
        "folder check": baosong(folders),
        "Python 64 KB walk": python_walk(folders),
        "exiftool -r -fast2": ["exiftool", "-r", "-fast2", "-q", folders],
        "zip city": baosong(first_zip),
        "unzip -p": ["sh", "-c", 'unzip -p "$1" > /dev/null', "_", first_zip],
        "plain check": baosong(inbox),
        "--report .html": baosong(inbox, "--report", report),
        "--deep": baosong(inbox, "--deep"),
        "Pillow thumbnails": pillow_loop("thumbnail", paths_file),
        "Pillow 1/8 + dHash": pillow_loop("dhash", paths_file),
    }
    # Warm the page cache; runs of under a second are repeated more (at least 9 times),
    # their medians being noisier.
    quick = {name for name, cmd in runs.items() if measure(cmd)[0] < 1.0}
    walls = {name: [] for name in runs}
    peak = 0
    for round in range(max(RUNS, 9)):
        for name, cmd in runs.items():
            if round >= RUNS and name not in quick:
                continue
            wall, kb = measure(cmd)
            walls[name].append(wall)
            if cmd[0] == BAOSONG:
                peak = max(peak, kb)
    t = {name: statistics.median(w) for name, w in walls.items()}
    size = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(inbox) for f in fs)
    files = sum(len(fs) for _, _, fs in os.walk(folders))
    print(f"{SCALE}: {len(CITIES)} cities, {len(paths)} photos of 12 MP, "
          f"{len(CITIES) * VIDEOS} videos, {ZIPS} as zips ({os.path.getsize(first_zip) >> 20} MB "
          f"the first); {size / 2**30:.1f} GB; {os.cpu_count()} cores; median of {RUNS} runs or more")
    for name, wall in t.items():
        print(f"  {name:22} {wall:8.2f} s")
    print("ratios:")
    ratios = [
        ("folder check / Python 64 KB walk", t["folder check"] / t["Python 64 KB walk"]),
        ("folder check / exiftool -r -fast2", t["folder check"] / t["exiftool -r -fast2"]),
        ("zip city / unzip -p", t["zip city"] / t["unzip -p"]),
        ("--deep / Pillow 1/8 + dHash", t["--deep"] / t["Pillow 1/8 + dHash"]),
        ("--report .html / plain check", t["--report .html"] / t["plain check"]),
        ("--report .html / Pillow thumbnails", t["--report .html"] / t["Pillow thumbnails"]),
    ]
    for name, ratio in ratios:
        print(f"  {name:38} {ratio:6.2f}")
    print(f"  {'peak memory of baosong (MB)':38} {peak / 1024:6.0f}")
    print(f"  ({files} files in the folder cities)")


if __name__ == "__main__":
    main()
