//! Pictures built to exhaust a decoder, and videos whose tables lie, made at test time
//! (issue 20): a progressive and a lossless JPEG declaring 65500×65500 pixels, a JPEG of
//! 5,000 scans, a PNG whose colour profile unpacks to 500 MB; an MP4 whose sample table
//! points past the end of the file, an FLV whose duration is not a number, negative or
//! infinite. Each run ends with an exit status (never a signal), each file is named and
//! does not count, and the rest of the submission is still checked. Memory is bounded
//! by construction (no decoder is given a picture over the bounds of `src/limits.rs`);
//! `scripts/measure.sh` reports the peak of these runs.

mod common;

use std::io::Write;
use std::path::Path;

use common::*;

const ROOT: &str = "沈阳市";

/// A JPEG marker segment: marker, length, body.
fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend(((body.len() + 2) as u16).to_be_bytes());
    out.extend(body);
    out
}

/// The start of a JPEG a decoder would begin on: SOI, a quantisation table, one DC and
/// one AC Huffman table of a single code each, and a frame header (SOF`sof`) declaring
/// `w`×`h` pixels in three 1×1-sampled components.
fn jpeg_head(sof: u8, w: u16, h: u16) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    out.extend(segment(0xDB, &[[0u8].as_slice(), &[1u8; 64]].concat()));
    let one_code = |class: u8| [[class, 1].as_slice(), &[0u8; 15], &[0]].concat();
    out.extend(segment(0xC4, &[one_code(0x00), one_code(0x10)].concat()));
    let mut frame = vec![8];
    frame.extend(h.to_be_bytes());
    frame.extend(w.to_be_bytes());
    frame.push(3);
    for id in 1..=3 {
        frame.extend([id, 0x11, 0]);
    }
    out.extend(segment(0xC0 + sof, &frame));
    out
}

/// A scan header over the three components (DC only for a progressive frame, the whole
/// spectrum otherwise), then a few bytes of coded data.
fn scan(progressive: bool) -> Vec<u8> {
    let end = if progressive { 0 } else { 63 };
    let mut out = segment(0xDA, &[3, 1, 0, 2, 0, 3, 0, 0, end, 0]);
    out.extend([0u8; 16]);
    out
}

/// A whole JPEG: [`jpeg_head`], `scans` scans, EOI.
fn jpeg_declaring(sof: u8, w: u16, h: u16, scans: usize) -> Vec<u8> {
    let mut out = jpeg_head(sof, w, h);
    for _ in 0..scans {
        out.extend(scan(sof == 2));
    }
    out.extend([0xFF, 0xD9]);
    out
}

/// A zlib stream of `mb` MiB of zeros: one MiB compressed and flushed to a byte
/// boundary, its blocks repeated, then a final empty block and the checksum.
fn zeros_zlib(mb: u32) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&vec![0u8; 1 << 20]).unwrap();
    encoder.flush().unwrap();
    let one = encoder.get_ref().clone();
    let mut out = one[..2].to_vec();
    for _ in 0..mb {
        out.extend(&one[2..]);
    }
    out.extend([0x03, 0x00]);
    // Adler-32 of n zero bytes: a = 1, b = n mod 65521.
    let b = ((u64::from(mb) << 20) % 65521) as u32;
    out.extend(((b << 16) | 1).to_be_bytes());
    out
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(kind);
    hasher.update(data);
    out.extend(kind);
    out.extend(data);
    out.extend(hasher.finalize().to_be_bytes());
    out
}

/// A real PNG with an iCCP chunk (a colour profile) that unpacks to 500 MB of zeros.
fn png_with_profile_bomb() -> Vec<u8> {
    let plain = png(64, 48);
    let ihdr_end = 8 + 8 + 13 + 4;
    let mut profile = b"bomb\0\0".to_vec();
    profile.extend(zeros_zlib(500));
    let mut out = plain[..ihdr_end].to_vec();
    out.extend(png_chunk(b"iCCP", &profile));
    out.extend(&plain[ihdr_end..]);
    out
}

/// Board folders 3 to 6, each with its text and one hostile picture only.
const BOMBS: [(&str, &str); 4] = [
    ("展板3", "渐进大图.jpg"),
    ("展板4", "无损大图.jpg"),
    ("展板5", "五千遍.jpg"),
    ("展板6", "颜色配置.png"),
];

fn bomb_bytes(name: &str) -> Vec<u8> {
    match name {
        "渐进大图.jpg" => jpeg_declaring(2, 65500, 65500, 1),
        "无损大图.jpg" => jpeg_declaring(3, 65500, 65500, 1),
        "五千遍.jpg" => jpeg_declaring(2, 2000, 2000, 5000),
        _ => png_with_profile_bomb(),
    }
}

fn submission_with_bombs() -> Dir {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    for (i, (board, name)) in BOMBS.iter().enumerate() {
        let folder = format!("{ROOT}/02宣传展板材料/{board}");
        d.write(
            &format!("{folder}/展板文字.docx"),
            docx(&[&board_text(60 + i as u32, 21)]),
        );
        d.write(&format!("{folder}/{name}"), bomb_bytes(name));
    }
    d
}

/// Runs a check the way users do (reader processes) or, with `in_process`, every
/// decoder in the one process, where only the bounds stand between a bomb and an
/// abort. Returns the report; the run must end with an exit status of 0 or 1.
fn run(path: &Path, extra: &[&str], in_process: bool) -> serde_json::Value {
    let args = check_args(path, extra);
    let one_process = [("BAOSONG_IN_PROCESS", Path::new("1"))];
    let run = if in_process {
        measure_env(&args, &one_process);
        if cfg!(unix) {
            capped(&args)
        } else {
            baosong_env(&args, &one_process)
        }
    } else {
        measure(&args);
        baosong(&args)
    };
    assert!(
        run.code == 0 || run.code == 1,
        "exit {} (a signal is -1): {}",
        run.code,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// The binary reading every file itself (no reader processes), its address space
/// capped at 2 GB by the shell: were a decoder ever given a bomb again, the run would
/// abort (a failed test), not fill the machine's memory.
fn capped(args: &[&str]) -> Run {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 2097152 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_baosong"))
        .args(args)
        .env("BAOSONG_IN_PROCESS", "1")
        .env("BAOSONG_NO_BROWSER", "1")
        .env("TMPDIR", env!("CARGO_TARGET_TMPDIR"))
        .output()
        .expect("sh");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Each bomb is named with its finding, its board is short of a photo, and everything
/// else is checked as usual.
fn assert_named_and_not_counted(report: &serde_json::Value) {
    let expected = [
        ("渐进大图.jpg", "photo-over-limit", "65500×65500"),
        ("无损大图.jpg", "photo-unreadable", "无损压缩"),
        ("五千遍.jpg", "photo-over-limit", "5000 遍"),
        ("颜色配置.png", "photo-over-limit", "16 MB"),
    ];
    for (name, code, says) in expected {
        let found = messages(report, "boards", code);
        assert!(
            found.iter().any(|m| m.contains(name) && m.contains(says)),
            "{name}: no {code} saying {says}: {found:?}"
        );
    }
    let text = requirement(report, "boards")["findings"].to_string();
    for crash in [
        "photo-decode-error",
        "file-reader-crashed",
        "file-reader-timeout",
    ] {
        assert!(!text.contains(crash), "{crash}: {text}");
    }
    let missing = messages(report, "boards", "board-photo-missing");
    for (board, _) in BOMBS {
        assert!(
            missing.iter().any(|m| m.contains(board)),
            "{board} counted its picture: {missing:?}"
        );
    }
    assert!(
        !missing
            .iter()
            .any(|m| m.contains("展板1") || m.contains("展板2")),
        "{missing:?}"
    );
    for id in ["plan", "cases", "exemplars", "attendees", "summary"] {
        assert_eq!(status(report, id), "pass", "{id}: {report:#}");
    }
}

#[test]
fn picture_bombs_in_the_html_report_are_named_and_do_not_count() {
    let d = submission_with_bombs();
    let page = d.join("报告.html");
    let page_arg = page.to_str().unwrap();
    for in_process in [false, true] {
        let report = run(&d.join(ROOT), &["--report", page_arg], in_process);
        assert_named_and_not_counted(&report);
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(html.contains("data-code=\"photo-over-limit\""));
        // The good photos have thumbnails; no bomb is shown as a picture.
        assert!(html.contains("<img class=\"thumb\""));
        for (_, name) in BOMBS {
            assert!(html.contains(name), "{name} is not named on the page");
            assert!(
                !html.contains(&format!("alt=\"{}\"", name.split('.').next().unwrap())),
                "{name} has a thumbnail"
            );
        }
    }
}

#[test]
fn picture_bombs_in_the_deep_check_are_named_and_do_not_count() {
    let d = submission_with_bombs();
    for in_process in [false, true] {
        let report = run(&d.join(ROOT), &["--deep"], in_process);
        assert_named_and_not_counted(&report);
    }
}

/// The picture track's chunk offset table (`stco`) and sample size table (`stsz`) of
/// the test clip: their positions in the file.
fn table(mp4: &[u8], kind: &[u8; 4]) -> usize {
    mp4.windows(4).position(|w| w == kind).unwrap() + 4
}

/// An FLV: header, an onMetaData script tag whose duration is `seconds` (AMF0), and one
/// video tag.
fn flv(seconds: f64) -> Vec<u8> {
    let mut out = b"FLV\x01\x01\0\0\0\x09\0\0\0\0".to_vec();
    let mut tag = |kind: u8, data: &[u8]| {
        let mut t = vec![kind];
        t.extend(&(data.len() as u32).to_be_bytes()[1..]);
        t.extend([0u8; 7]);
        t.extend(data);
        out.extend(&t);
        out.extend((t.len() as u32).to_be_bytes());
    };
    let mut meta = b"\x02\x00\x0aonMetaData\x08\x00\x00\x00\x01".to_vec();
    meta.extend(b"\x00\x08duration\x00");
    meta.extend(seconds.to_be_bytes());
    meta.extend(b"\x00\x00\x09");
    tag(18, &meta);
    tag(9, &[0x17, 0, 0, 0, 0, 1, 2, 3, 4]);
    out
}

#[test]
fn videos_whose_tables_point_past_the_end_or_whose_duration_lies_do_not_count() {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    let folder = format!("{ROOT}/04先进典型");
    d.remove(&format!("{folder}/终身学习品牌项目.mp4"));
    let clip = mp4();
    let (stco, stsz) = (table(&clip, b"stco"), table(&clip, b"stsz"));
    let len = clip.len() as u32;
    let patched = |at: usize, value: u32| {
        let mut bytes = clip.clone();
        bytes[at..at + 4].copy_from_slice(&value.to_be_bytes());
        bytes
    };
    // The first chunk starts past the end; starts 100 bytes before it, its samples
    // running on; the first sample is 100 MB.
    d.write(
        &format!("{folder}/起点越界.mp4"),
        patched(stco + 8, len + 1000),
    );
    d.write(
        &format!("{folder}/数据越界.mp4"),
        patched(stco + 8, len - 100),
    );
    d.write(
        &format!("{folder}/样本过大.mp4"),
        patched(stsz + 12, 100 << 20),
    );
    for (name, seconds) in [
        ("时长非数.flv", f64::NAN),
        ("时长为负.flv", -1.0),
        ("时长无穷.flv", f64::INFINITY),
    ] {
        d.write(&format!("{folder}/{name}"), flv(seconds));
    }
    let report = run(&d.join(ROOT), &[], false);
    let broken = messages(&report, "exemplars", "video-broken");
    for (name, says) in [
        ("起点越界.mp4", "不在文件里"),
        ("数据越界.mp4", "字节"),
        ("样本过大.mp4", "字节"),
        ("时长非数.flv", "不是一个数"),
        ("时长为负.flv", "负数"),
        ("时长无穷.flv", "无穷大"),
    ] {
        assert!(
            broken.iter().any(|m| m.contains(name) && m.contains(says)),
            "{name}: {broken:?}"
        );
    }
    // None of them counts: the two written exemplars remain, one short of three.
    assert_eq!(status(&report, "exemplars"), "fail");
    let said = summary(&report, "exemplars");
    assert!(said.starts_with("2 份"), "{said}");
    assert!(codes(&report, "exemplars").contains(&"entries-too-few".to_owned()));
    assert_eq!(status(&report, "plan"), "pass");

    // The same FLV with a real duration counts.
    d.write(&format!("{folder}/两秒.flv"), flv(2.0));
    let report = run(&d.join(ROOT), &[], false);
    let said = summary(&report, "exemplars");
    assert!(said.starts_with("3 份"), "{said}");
}
