#!/usr/bin/env python3
"""Writes one city's submission as a camera-size zip, the way a city mails it.

    python3 scripts/zip_city.py OUT.zip [CACHE_DIR [CITY]]

The zip holds examples/沈阳市 (Word, a roster, phone photos, a short video) under a
folder named CITY (default 沈阳市), plus PHOTOS (default 60) 12-megapixel photos of
3-5 MB (noise over gradients at JPEG quality 92, with camera EXIF, so that deflate
cannot shrink them to nothing) on three more boards, and VIDEOS (default 2) 1080p MP4s
of VIDEO_SECONDS (default 60) at 10 Mbit/s (about 75 MB each). Every member is
deflated by Python's zipfile; the boards' names are written in GBK without the UTF-8
flag (as Windows' own "compressed folder" does), the rest in UTF-8 with it. The
photos and videos are made once (a few minutes) and kept in CACHE_DIR (default: the
zip's folder). Needs Pillow and piexif; ffmpeg for the videos.
"""
import io, os, random, subprocess, sys, zipfile

import piexif
from PIL import Image

PHOTOS = int(os.environ.get("PHOTOS", "60"))
VIDEOS = int(os.environ.get("VIDEOS", "2"))
VIDEO_SECONDS = int(os.environ.get("VIDEO_SECONDS", "60"))
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
EXAMPLE = "沈阳市"


class GbkInfo(zipfile.ZipInfo):
    """A member whose name is written in GBK without the UTF-8 flag."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def photo(cache, seed):
    """The bytes of the seed-th photo, made once and kept in `cache`."""
    path = os.path.join(cache, f"photo{seed}.jpg")
    if not os.path.exists(path):
        with open(path + ".part", "wb") as f:
            f.write(make_photo(seed))
        os.replace(path + ".part", path)
    with open(path, "rb") as f:
        return f.read()


def make_photo(seed):
    """A 4000x3000 JPEG of 3-5 MB with camera EXIF."""
    rng = random.Random(seed)
    base = Image.frombytes("RGB", (40, 30), rng.randbytes(40 * 30 * 3))
    base = base.resize((4000, 3000), Image.BICUBIC)
    noise = Image.effect_noise((4000, 3000), rng.choice([24, 32, 40])).convert("RGB")
    img = Image.blend(base, noise, rng.uniform(0.2, 0.3))
    return camera_jpeg(img, seed % 5 != 0, 92)


def camera_jpeg(img, with_preview, quality):
    """`img` saved as a phone saves it: camera EXIF (make, model, time, pixel size) and,
    when asked, a 320x240 preview in IFD1."""
    exif = {
        "0th": {piexif.ImageIFD.Make: b"HUAWEI", piexif.ImageIFD.Model: b"P40"},
        "Exif": {piexif.ExifIFD.DateTimeOriginal: b"2020:10:16 09:30:00",
                 piexif.ExifIFD.PixelXDimension: img.width,
                 piexif.ExifIFD.PixelYDimension: img.height},
        "1st": {}, "thumbnail": None,
    }
    if with_preview:
        thumb = io.BytesIO()
        img.resize((320, 240)).save(thumb, "JPEG", quality=70)
        exif["thumbnail"] = thumb.getvalue()
        exif["1st"] = {piexif.ImageIFD.JPEGInterchangeFormat: 0}
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, exif=piexif.dump(exif))
    return out.getvalue()


def video(cache, n):
    """The path of the n-th cached 1080p MP4, made when missing."""
    path = os.path.join(cache, f"video{n}-{VIDEO_SECONDS}s.mp4")
    if not os.path.exists(path):
        source = ["testsrc2", "testsrc", "smptehdbars"][n % 3]
        subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi",
             "-i", f"{source}=size=1920x1080:rate=25", "-t", str(VIDEO_SECONDS),
             "-pix_fmt", "yuv420p", "-c:v", "libx264", "-b:v", "10M",
             "-x264-params", f"seed={n}:nal-hrd=cbr", "-minrate", "10M", "-maxrate", "10M",
             "-bufsize", "2M", path],
            check=True)
    return path


def write(z, name, data, gbk):
    info = (GbkInfo if gbk else zipfile.ZipInfo)(name, (2020, 10, 16, 9, 30, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, data)


def main():
    out = sys.argv[1]
    cache = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(out))
    city = sys.argv[3] if len(sys.argv) > 3 else EXAMPLE
    os.makedirs(cache, exist_ok=True)
    example = os.path.join(ROOT, "examples", EXAMPLE)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for folder, _, files in os.walk(example):
            for f in sorted(files):
                path = os.path.join(folder, f)
                name = os.path.join(city, os.path.relpath(path, example))
                with open(path, "rb") as fh:
                    write(z, name, fh.read(), "展板" in name)
        boards = 3
        for b in range(boards):
            folder = f"{city}/02宣传展板材料/展板{b + 3}"
            # Each city's own text, of its own length: two cities' zips are never the
            # same size (which would make them a repeated save to tell apart).
            rng = random.Random(f"{city}{b}")
            n = 12 * rng.randint(40, 80)
            words = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(n))
            text = "，".join(words[i:i + 12] for i in range(0, n, 12)).encode("utf-8")
            write(z, f"{folder}/展板文字.txt", text, True)
            for i in range(b, PHOTOS, boards):
                write(z, f"{folder}/{i + 1:02d}-社区活动{i + 1}.jpg", photo(cache, i + 1), True)
        for n in range(VIDEOS):
            with open(video(cache, n), "rb") as fh:
                write(z, f"{city}/04先进典型/品牌项目{n + 1}.mp4", fh.read(), False)


if __name__ == "__main__":
    main()
