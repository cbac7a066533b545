//! Test support: real file bytes made at test time (docx via a zip writer, JPEG/PNG via
//! the `image` crate with EXIF from kamadak-exif's writer, xlsx via rust_xlsxwriter,
//! GBK via encoding_rs), a temp-dir builder for submissions, and a runner for the binary.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use exif::{Field, In, Tag, Value};

pub mod browser;
#[cfg(unix)]
pub mod dovecot;
pub mod mail;
pub mod workbook;

/// A submission (or any tree) built in a temporary folder.
pub struct Dir {
    /// Removed when the Dir is dropped; None for a kept folder.
    _tmp: Option<tempfile::TempDir>,
    path: PathBuf,
}

impl Dir {
    pub fn new() -> Dir {
        let tmp = tempfile::tempdir().expect("temp dir");
        Dir {
            path: tmp.path().to_path_buf(),
            _tmp: Some(tmp),
        }
    }

    /// A folder that is kept (the measurement corpus).
    pub fn at(path: &Path) -> Dir {
        std::fs::create_dir_all(path).unwrap();
        Dir {
            _tmp: None,
            path: path.to_path_buf(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.path.join(rel)
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let path = self.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn mkdir(&self, rel: &str) -> &Self {
        std::fs::create_dir_all(self.join(rel)).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        let path = self.join(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
        self
    }
}

/// The requirement ids of the default rules, in order.
pub const IDS: [&str; 6] = [
    "plan",
    "boards",
    "cases",
    "exemplars",
    "attendees",
    "summary",
];

/// One sentence of exactly 15 字 by Word's count (14 汉字 and a full stop).
pub const SENTENCE: &str = "社区居民积极参加终身学习活动。";

/// Characters the generated texts are drawn from.
const HAN: &str = "社区居民积极参加终身学习活动周开幕式读书会书法课老年大学合唱团广场舞送教上门百姓之星品牌项目线上线下讲座培训观摩座谈志愿服务传统技艺剪纸太极文艺汇演知识健康防疫复工就业阅读家庭亲子科普智能手机应用网课微课云端资源共享开放";

/// A text of `n` sentences of exactly 15 字 each (14 汉字 and a full stop), drawn
/// pseudo-randomly from `seed`: texts of different seeds share almost no wording, so
/// they never look copied from each other.
pub fn board_text(seed: u32, n: usize) -> String {
    let han: Vec<char> = HAN.chars().collect();
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(12_345);
    let mut text = String::new();
    for _ in 0..n {
        for _ in 0..14 {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            text.push(han[(state >> 16) as usize % han.len()]);
        }
        text.push('。');
    }
    text
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="wps""#;

/// A .docx whose body is the given WordprocessingML (inside `<w:body>`).
pub fn docx_with_body(body: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    zip_of(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        ("word/document.xml", &document),
    ])
}

/// A .docx with one paragraph per string.
pub fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| {
            format!(
                r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
                xml_escape(p)
            )
        })
        .collect();
    docx_with_body(&body)
}

/// A deflated zip of (name, text) parts.
pub fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

/// Camera EXIF as a phone writes it.
pub struct CameraTags {
    pub make: &'static str,
    pub model: &'static str,
    pub date_time_original: &'static str,
}

pub const PHONE: CameraTags = CameraTags {
    make: "HUAWEI",
    model: "ELS-AN00",
    date_time_original: "2020:10:15 09:30:00",
};

/// Encoded images by (width, height, png, tint): encoding a full-size photo once is enough.
type ImageCache = Mutex<HashMap<(u32, u32, bool, u8), Vec<u8>>>;

fn encoded(w: u32, h: u32, png: bool, tint: u8) -> Vec<u8> {
    static CACHE: OnceLock<ImageCache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(bytes) = cache.lock().unwrap().get(&(w, h, png, tint)) {
        return bytes.clone();
    }
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        // A smooth gradient: compresses like a sky rather than like noise.
        image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, tint])
    });
    let mut out = Cursor::new(Vec::new());
    if png {
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    } else {
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 25)
            .encode_image(&img)
            .unwrap();
    }
    let bytes = out.into_inner();
    cache
        .lock()
        .unwrap()
        .insert((w, h, png, tint), bytes.clone());
    bytes
}

/// TIFF-structured EXIF bytes with the given camera tags.
pub fn exif_tiff(tags: &CameraTags) -> Vec<u8> {
    let fields = [
        Field {
            tag: Tag::Make,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![tags.make.as_bytes().to_vec()]),
        },
        Field {
            tag: Tag::Model,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![tags.model.as_bytes().to_vec()]),
        },
        Field {
            tag: Tag::DateTimeOriginal,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![tags.date_time_original.as_bytes().to_vec()]),
        },
    ];
    let mut writer = exif::experimental::Writer::new();
    for f in &fields {
        writer.push_field(f);
    }
    let mut tiff = Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    tiff.into_inner()
}

/// A real JPEG of w×h pixels, with camera EXIF in an APP1 segment when given.
pub fn jpeg(w: u32, h: u32, camera: Option<&CameraTags>) -> Vec<u8> {
    tinted_jpeg(w, h, camera, 128)
}

/// Like [`jpeg`], with a colour tint so that different photos have different bytes.
pub fn tinted_jpeg(w: u32, h: u32, camera: Option<&CameraTags>, tint: u8) -> Vec<u8> {
    let plain = encoded(w, h, false, tint);
    let Some(tags) = camera else {
        return plain;
    };
    with_exif_segment(&plain, &exif_tiff(tags))
}

/// A JPEG with an APP1 "Exif" segment holding `tiff` right after its SOI marker, where
/// cameras put it.
pub fn with_exif_segment(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((tiff.len() + 8) as u16).to_be_bytes());
    out.extend(b"Exif\0\0");
    out.extend(tiff);
    out.extend(&jpeg[2..]);
    out
}

/// An original phone photo just above the default 1600 px threshold.
pub fn photo() -> Vec<u8> {
    jpeg(1600, 1200, Some(&PHONE))
}

/// Distinct original photos (different bytes) for one submission.
pub fn photo_n(n: u8) -> Vec<u8> {
    tinted_jpeg(1600, 1200, Some(&PHONE), n.wrapping_mul(40))
}

pub fn png(w: u32, h: u32) -> Vec<u8> {
    encoded(w, h, true, 128)
}

/// An .xlsx with a merged title row above the header, as offices make them.
pub fn roster_xlsx(title: Option<&str>, header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("参会人员").unwrap();
    let mut r = 0u32;
    if let Some(title) = title {
        let fmt = rust_xlsxwriter::Format::new();
        ws.merge_range(0, 0, 0, header.len().max(1) as u16 - 1, title, &fmt)
            .unwrap();
        r = 1;
    }
    for (c, h) in header.iter().enumerate() {
        ws.write_string(r, c as u16, *h).unwrap();
    }
    for row in rows {
        r += 1;
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r, c as u16, cell).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// `n` attendees: 序号, 姓名, 单位, 电话.
pub fn attendees(n: usize) -> Vec<Vec<String>> {
    const NAMES: &[&str] = &[
        "王丽", "李强", "张伟", "刘芳", "陈静", "杨洋", "赵磊", "黄敏",
    ];
    (0..n)
        .map(|i| {
            vec![
                (i + 1).to_string(),
                NAMES[i % NAMES.len()].to_owned(),
                "沈阳市社区教育指导中心".to_owned(),
                format!("1390000{:04}", i),
            ]
        })
        .collect()
}

pub fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

/// A short H.264 MP4 made by ffmpeg (see examples/README note), shared with examples/.
pub fn mp4() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clip.mp4"))
        .expect("tests/fixtures/clip.mp4")
}

/// The seed of board 1's text in [`valid_submission`].
pub const BOARD1_SEED: u32 = 20;

/// Writes a complete submission that meets every default rule under `root`.
pub fn valid_submission(dir: &Dir, root: &str) {
    let p = |rel: &str| format!("{root}/{rel}");
    // The plan is titled with the city the folder is named for, as a city's own is.
    let last = root.rsplit('/').next().unwrap_or(root);
    let city = if last.ends_with('市') { last } else { "" };
    dir.write(
        &p("01工作方案/沈阳市全民终身学习活动周工作方案.docx"),
        docx(&[
            &format!("{city}2020年全民终身学习活动周工作方案"),
            &board_text(1, 30),
        ]),
    )
    .write(
        &p("02宣传展板材料/展板1/展板文字.docx"),
        docx(&[&board_text(BOARD1_SEED, 20)]),
    )
    .write(&p("02宣传展板材料/展板1/01-社区读书会.jpg"), photo_n(1))
    .write(&p("02宣传展板材料/展板1/02-老年大学书法课.jpg"), photo_n(2))
    .write(
        &p("02宣传展板材料/展板2/展板文字.txt"),
        gbk(&board_text(21, 21)),
    )
    .write(&p("02宣传展板材料/展板2/社区合唱团演出.jpg"), photo_n(3))
    .write(
        &p("03特色案例/送教上门进社区.docx"),
        docx(&[&board_text(22, 20)]),
    )
    .write(
        &p("04先进典型/百姓学习之星王丽.docx"),
        docx(&[&board_text(23, 16)]),
    )
    .write(
        &p("04先进典型/李强事迹/李强事迹材料.docx"),
        docx(&[&board_text(24, 16)]),
    )
    .write(&p("04先进典型/李强事迹/李强在课堂.jpg"), photo_n(4))
    .write(&p("04先进典型/终身学习品牌项目.mp4"), mp4())
    .write(
        &p("05开幕式参会人员名单.xlsx"),
        roster_xlsx(
            Some("沈阳市参加全省活动周开幕式人员名单"),
            &["序号", "姓名", "单位", "电话"],
            &attendees(6),
        ),
    )
    .write(&p("06活动周工作总结.docx"), docx(&[&board_text(7, 30)]));
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn baosong(args: &[&str]) -> Run {
    baosong_with(args, &[])
}

/// Runs the binary with `env` set besides.
pub fn baosong_with(args: &[&str], env: &[(&str, &str)]) -> Run {
    // No test opens a browser (`--open`, a dropped folder).
    let out = Command::new(env!("CARGO_BIN_EXE_baosong"))
        .args(args)
        .envs(env.iter().copied())
        .env("BAOSONG_NO_BROWSER", "1")
        // Reports of dropped folders go under target/, not the machine's temp folder.
        .env("TMPDIR", env!("CARGO_TARGET_TMPDIR"))
        .output()
        .expect("run baosong");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Checks `path` as of a date after every deadline and returns the JSON report.
pub fn check_json(path: &Path) -> (i32, serde_json::Value) {
    check_json_as_of(path, "2020-12-31")
}

pub fn check_json_as_of(path: &Path, as_of: &str) -> (i32, serde_json::Value) {
    let (run, json) = check_run(path, &["--as-of", as_of]);
    (run.code, json)
}

/// The arguments of `baosong check PATH --format json` judged on 2020-12-31 (unless
/// `extra` sets another date), then `extra`.
pub fn check_args<'a>(path: &'a Path, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["check", path.to_str().unwrap(), "--format", "json"];
    if !extra.contains(&"--as-of") {
        args.extend(["--as-of", "2020-12-31"]);
    }
    args.extend_from_slice(extra);
    args
}

/// Runs `baosong check` with [`check_args`] and parses its JSON report.
pub fn check_run(path: &Path, extra: &[&str]) -> (Run, serde_json::Value) {
    measure(&check_args(path, extra));
    let run = baosong(&check_args(path, extra));
    let json = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}\n{}", run.stdout, run.stderr));
    (run, json)
}

/// The requirement object with this id in the first submission.
pub fn requirement<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["submissions"][0]["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no requirement {id}"))
}

/// Codes of all findings of a requirement.
pub fn codes(report: &serde_json::Value, id: &str) -> Vec<String> {
    requirement(report, id)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

/// A requirement's summary line.
pub fn summary(report: &serde_json::Value, id: &str) -> String {
    requirement(report, id)["summary"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The messages of a requirement's findings with this code.
pub fn messages(report: &serde_json::Value, id: &str, code: &str) -> Vec<String> {
    messages_in(&requirement(report, id)["findings"], code)
}

/// The messages of the first submission's findings that belong to no requirement.
pub fn loose_messages(report: &serde_json::Value, code: &str) -> Vec<String> {
    messages_in(&report["submissions"][0]["findings"], code)
}

fn messages_in(findings: &serde_json::Value, code: &str) -> Vec<String> {
    findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| f["message"].as_str().unwrap().to_owned())
        .collect()
}

pub fn status<'a>(report: &'a serde_json::Value, id: &str) -> &'a str {
    requirement(report, id)["status"].as_str().unwrap()
}

/// Writes the committed examples: a passing city and one with typical mistakes.
pub fn write_examples(root: &Path) {
    let d = |rel: &str, bytes: Vec<u8>| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    let tmp = Dir::new();
    valid_submission(&tmp, "沈阳市");
    copy_tree(&tmp.join("沈阳市"), &root.join("沈阳市"));

    // 鞍山市: the mistakes the notice's reviewers see every year.
    let a = |rel: &str| format!("鞍山市/{rel}");
    d(
        &a("1、鞍山市活动周实施方案.docx"),
        docx(&["鞍山市全民终身学习活动周实施方案", &board_text(11, 30)]),
    );
    d(
        &a("2、展板/展板一/展板一文字.docx"),
        docx(&[&board_text(25, 20)]),
    );
    d(
        &a("2、展板/展板一/微信图片_20201015123456.jpg"),
        jpeg(1280, 960, None),
    );
    d(&a("2、展板/展板一/Thumbs.db"), b"thumbnail cache".to_vec());
    d(
        &a("2、展板/展板二/展板二文字.txt"),
        gbk(&board_text(13, 17)),
    );
    d(
        &a("2、展板/展板二/市民学习中心开展剪纸培训活动现场.jpg"),
        photo_n(5),
    );
    d(
        &a("3、特色案例/鞍山市社区教育特色案例.docx"),
        docx(&[&board_text(14, 20)]),
    );
    d(
        &a("4、先进典型/百姓学习之星刘芳.docx"),
        docx(&[&board_text(26, 16)]),
    );
    d(
        &a("4、先进典型/终身学习品牌项目.docx"),
        docx(&[&board_text(27, 16)]),
    );
    d(
        &a("5、参会人员名单.xlsx"),
        roster_xlsx(
            Some("鞍山市参会人员名单"),
            &["序号", "姓名", "单位", "电话"],
            &attendees(3),
        ),
    );
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG with camera EXIF in an `eXIf` chunk right after IHDR, as phones write it.
pub fn png_with_exif(w: u32, h: u32, tags: &CameraTags) -> Vec<u8> {
    let plain = png(w, h);
    let tiff = exif_tiff(tags);
    let ihdr_end = 8 + 8 + 13 + 4;
    let mut chunk = (tiff.len() as u32).to_be_bytes().to_vec();
    let mut typed = b"eXIf".to_vec();
    typed.extend(&tiff);
    chunk.extend(&typed);
    chunk.extend(crc32(&typed).to_be_bytes());
    let mut out = plain[..ihdr_end].to_vec();
    out.extend(chunk);
    out.extend(&plain[ihdr_end..]);
    out
}

/// A .docx holding a title paragraph and one table, as a roster typed in Word.
pub fn docx_table(title: &str, rows: &[Vec<String>]) -> Vec<u8> {
    let cell = |t: &String| {
        if t.is_empty() {
            "<w:tc><w:tcPr/><w:p/></w:tc>".to_owned()
        } else {
            format!(
                "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>",
                xml_escape(t)
            )
        }
    };
    let table: String = rows
        .iter()
        .map(|r| format!("<w:tr>{}</w:tr>", r.iter().map(cell).collect::<String>()))
        .collect();
    docx_with_body(&format!(
        "<w:p><w:r><w:t>{}</w:t></w:r></w:p><w:tbl><w:tblPr/>{table}</w:tbl><w:p/>",
        xml_escape(title)
    ))
}

/// One member for [`zip_raw`]: raw name bytes and content.
pub struct Member {
    pub name: Vec<u8>,
    pub data: Vec<u8>,
}

/// A zip written byte by byte the way Windows Chinese zip tools do it: names as raw
/// bytes, the UTF-8 flag only when asked, members deflated (flate2) or stored. The zip
/// crate's writer always flags non-ASCII names as UTF-8, so it cannot make these.
pub fn zip_raw(members: &[Member], utf8_flag: bool, deflate: bool) -> Vec<u8> {
    zip_raw_declaring(members, utf8_flag, deflate, &[])
}

/// Like [`zip_raw`], with the central directory declaring another uncompressed size
/// for some members (by index), through a ZIP64 extra field as a hostile tool would.
pub fn zip_raw_declaring(
    members: &[Member],
    utf8_flag: bool,
    deflate: bool,
    declared: &[(usize, u64)],
) -> Vec<u8> {
    let flags: u16 = if utf8_flag { 1 << 11 } else { 0 };
    let method: u16 = if deflate { 8 } else { 0 };
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (index, m) in members.iter().enumerate() {
        let claim = declared.iter().find(|(i, _)| *i == index).map(|(_, n)| *n);
        let stored = if deflate {
            let mut enc =
                flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            enc.write_all(&m.data).unwrap();
            enc.finish().unwrap()
        } else {
            m.data.clone()
        };
        let crc = crc32(&m.data);
        let offset = out.len() as u32;
        let fields = |sig: &[u8]| {
            let mut h = sig.to_vec();
            h.extend(20u16.to_le_bytes()); // version needed
            h.extend(flags.to_le_bytes());
            h.extend(method.to_le_bytes());
            h.extend(0x6000u16.to_le_bytes()); // 12:00
            h.extend(0x5151u16.to_le_bytes()); // 2020-10-17
            h.extend(crc.to_le_bytes());
            h.extend((stored.len() as u32).to_le_bytes());
            h.extend((m.data.len() as u32).to_le_bytes());
            h.extend((m.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra length
            h
        };
        out.extend(fields(b"PK\x03\x04"));
        out.extend(&m.name);
        out.extend(&stored);
        let mut c = b"PK\x01\x02".to_vec();
        c.extend(45u16.to_le_bytes()); // version made by
        let mut record = fields(b"");
        let mut extra = Vec::new();
        if let Some(size) = claim {
            record[18..22].copy_from_slice(&u32::MAX.to_le_bytes());
            record[24..26].copy_from_slice(&12u16.to_le_bytes());
            extra.extend(1u16.to_le_bytes()); // ZIP64 extended information
            extra.extend(8u16.to_le_bytes());
            extra.extend(size.to_le_bytes());
        }
        c.extend(&record[..]);
        c.extend(0u16.to_le_bytes()); // comment length
        c.extend(0u16.to_le_bytes()); // disk number
        c.extend(0u16.to_le_bytes()); // internal attributes
        c.extend(0u32.to_le_bytes()); // external attributes
        c.extend(offset.to_le_bytes());
        c.extend(&m.name);
        c.extend(&extra);
        central.extend(c);
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(b"PK\x05\x06");
    out.extend(0u16.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend((members.len() as u16).to_le_bytes());
    out.extend((members.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// How a test zip names its members.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// GBK bytes, no UTF-8 flag: Windows' built-in zip and most Chinese zip tools.
    Gbk,
    /// UTF-8 with the flag set: 7-Zip, Bandizip, newer Windows.
    Utf8Flagged,
    /// UTF-8 without the flag: macOS Archive Utility.
    Utf8Unflagged,
}

/// Zips every file below `dir` (names relative to it, `/`-separated).
pub fn zip_tree(dir: &Path, names: Names) -> Vec<u8> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            if e.file_type().unwrap().is_dir() {
                walk(base, &e.path(), out);
            } else {
                let rel = e
                    .path()
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(e.path()).unwrap()));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir.parent().unwrap(), dir, &mut files);
    let members: Vec<Member> = files
        .into_iter()
        .map(|(name, data)| Member {
            name: match names {
                Names::Gbk => gbk(&name),
                _ => name.into_bytes(),
            },
            data,
        })
        .collect();
    zip_raw(&members, names == Names::Utf8Flagged, true)
}

/// A committed fixture made by a real office suite (see tests/fixtures/README.md).
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap_or_else(|e| panic!("tests/fixtures/{name}: {e}"))
}

/// The committed board text documents hold 324 字 (Word), 336 characters without
/// spaces and 299 汉字: a 16-字 title, 20 × [`SENTENCE`], "Hello World! 2020年共3天。".
pub const FIXTURE_WORDS: usize = 324;

/// A scanned document as a PDF: one A4 page showing one grey image (of `shade`), no
/// text layer, written with lopdf.
pub fn scanned_pdf(shade: u8) -> Vec<u8> {
    one_page_pdf(Some(shade), None)
}

/// A scan whose page content claims to be deflated but is not: damaged, with an image.
pub fn damaged_scanned_pdf() -> Vec<u8> {
    one_page_pdf(Some(128), Some(b"this is not deflate data at all"))
}

/// A PDF of one page whose content is the zlib stream `deflated`, declared FlateDecode.
pub fn pdf_with_deflated_content(deflated: &[u8]) -> Vec<u8> {
    one_page_pdf(None, Some(deflated))
}

/// A PDF of one blank A4 page: no text, no image.
pub fn blank_pdf() -> Vec<u8> {
    one_page_pdf(None, None)
}

/// One A4 page, showing a grey 8×8 image stretched over it when `shade` is given;
/// `deflated` replaces its content by bytes declared FlateDecode.
fn one_page_pdf(shade: Option<u8>, deflated: Option<&[u8]>) -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut page = dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    };
    let content = match shade {
        Some(shade) => {
            let image = Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Image", "Width" => 8, "Height" => 8,
                    "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
                },
                vec![shade; 64],
            );
            let image_id = doc.add_object(image);
            page.set(
                "Resources",
                dictionary! { "XObject" => dictionary! { "Im0" => image_id } },
            );
            b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec()
        }
        None => b"q Q".to_vec(),
    };
    let content = match deflated {
        Some(bytes) => Stream::new(dictionary! { "Filter" => "FlateDecode" }, bytes.to_vec()),
        None => Stream::new(dictionary! {}, content),
    };
    let content_id = doc.add_object(content);
    page.set("Contents", content_id);
    let page_id = doc.add_object(page);
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A JPEG with camera EXIF plus the tags an editor or a re-encode leaves: the pixel
/// size the camera recorded and the Software tag.
pub fn jpeg_exif(
    (w, h): (u32, u32),
    tint: u8,
    date_time_original: &'static str,
    pixel_size: Option<(u32, u32)>,
    software: Option<&str>,
) -> Vec<u8> {
    let mut fields = vec![
        Field {
            tag: Tag::Make,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"Xiaomi".to_vec()]),
        },
        Field {
            tag: Tag::Model,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"Redmi K30".to_vec()]),
        },
        Field {
            tag: Tag::DateTimeOriginal,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![date_time_original.as_bytes().to_vec()]),
        },
    ];
    if let Some((pw, ph)) = pixel_size {
        fields.push(Field {
            tag: Tag::PixelXDimension,
            ifd_num: In::PRIMARY,
            value: Value::Long(vec![pw]),
        });
        fields.push(Field {
            tag: Tag::PixelYDimension,
            ifd_num: In::PRIMARY,
            value: Value::Long(vec![ph]),
        });
    }
    if let Some(s) = software {
        fields.push(Field {
            tag: Tag::Software,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![s.as_bytes().to_vec()]),
        });
    }
    let mut writer = exif::experimental::Writer::new();
    for f in &fields {
        writer.push_field(f);
    }
    let mut tiff = Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    with_exif_segment(&encoded(w, h, false, tint), &tiff.into_inner())
}

/// A roster workbook whose cells are given as text, or as numbers where they parse as
/// one and `numeric` is set for their column (as Excel stores a typed-in ID).
pub fn roster_xlsx_typed(header: &[&str], rows: &[Vec<String>], numeric: &[usize]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c16) = (r as u32 + 1, c as u16);
            match cell.parse::<f64>() {
                Ok(n) if numeric.contains(&c) => ws.write_number(r, c16, n).unwrap(),
                _ => ws.write_string(r, c16, cell).unwrap(),
            };
        }
    }
    wb.save_to_buffer().unwrap()
}

/// With BAOSONG_MEASURE=FILE set, each run is repeated under `/usr/bin/time -v` and
/// its peak memory and wall time appended to FILE (scripts/measure.sh).
pub fn measure(args: &[&str]) {
    let Ok(log) = std::env::var("BAOSONG_MEASURE") else {
        return;
    };
    let out = std::process::Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_baosong"))
        .args(args)
        .output()
        .expect("/usr/bin/time (Debian package `time`)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let field = |name: &str| {
        stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix(name).map(|v| v.trim().to_owned()))
            .unwrap_or_default()
    };
    let line = format!(
        "{}\t{}\t{}\t{}\n",
        std::thread::current().name().unwrap_or("?"),
        args.iter().skip(2).cloned().collect::<Vec<_>>().join(" "),
        field("Maximum resident set size (kbytes):"),
        field("Elapsed (wall clock) time (h:mm:ss or m:ss):"),
    );
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    file.write_all(line.as_bytes()).unwrap();
}

/// Sets a file's modification time, as a mail client saving attachments would.
pub fn set_mtime(path: &Path, secs_after_epoch: u64) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(
        std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs_after_epoch),
    )
    .unwrap();
}

/// A zip of a valid submission wrapped in a folder named `city`, built in a scratch dir.
pub fn zipped(city: &str, names: Names, edit: impl FnOnce(&Dir)) -> Vec<u8> {
    let scratch = Dir::new();
    valid_submission(&scratch, city);
    edit(&scratch);
    zip_tree(&scratch.join(city), names)
}

/// The batch matrix row labelled `label` (a city, or an unmatched submission).
pub fn row<'a>(report: &'a serde_json::Value, label: &str) -> &'a serde_json::Value {
    report["matrix"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == label)
        .unwrap_or_else(|| panic!("no row {label}: {report:#}"))
}

/// Every `.rs` file under `src/`: its path relative to `src/` (`check/mod.rs`) and its
/// text. For the tests that measure the code itself.
pub fn rust_sources() -> std::collections::BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let rel = path.strip_prefix(&root).unwrap();
                out.insert(rel.to_string_lossy().replace('\\', "/"), text);
            }
        }
    }
    out
}

/// `baosong count --format json` over files of `d`: the exit status and the JSON.
pub fn count_json(d: &Dir, files: &[&str], extra: &[&str]) -> (i32, serde_json::Value) {
    let paths: Vec<String> = files
        .iter()
        .map(|f| d.join(f).to_str().unwrap().to_owned())
        .collect();
    let mut args = vec!["count", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    args.extend_from_slice(extra);
    let run = baosong(&args);
    let json = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", run.stdout, run.stderr));
    (run.code, json)
}

/// A phone photo of last year's week.
pub const LAST_YEAR: CameraTags = CameraTags {
    make: "HUAWEI",
    model: "ELS-AN00",
    date_time_original: "2019:10:20 10:00:00",
};

/// Captions a city gives its board photos.
const CAPTIONS: [&str; 8] = [
    "社区读书会",
    "老年大学书法课",
    "社区合唱团演出",
    "非遗剪纸培训",
    "家长学校讲座",
    "智能手机课堂",
    "志愿者送教上门",
    "开幕式现场",
];

/// A city as the province often gets one: 6 boards of 8 photos each and some 40
/// problems — phone names on a whole board, WeChat copies, long captions, copies marked
/// (1), screenshots, a short board text, too few exemplars, a short roster and no
/// summary. `boards_only` writes the boards alone, as a resend does.
pub fn busy_city(dir: &Dir, root: &str, boards_only: bool) {
    let p = |rel: &str| format!("{root}/{rel}");
    let mut tint = 0u8;
    let mut next = || {
        tint = tint.wrapping_add(5);
        tint
    };
    for board in 1..=6 {
        let folder = p(&format!("02宣传展板材料/展板{board}"));
        let words = if board == 2 { 16 } else { 22 };
        dir.write(
            &format!("{folder}/展板文字.docx"),
            docx(&[&board_text(100 + board, words)]),
        );
        for (n, caption) in CAPTIONS.iter().enumerate() {
            let (name, bytes) = match (board, n) {
                // A whole board named by the phone, its camera data stripped by an app.
                (1, _) => (
                    format!("IMG_20201015_0930{n:02}.jpg"),
                    tinted_jpeg(1600, 1200, None, next()),
                ),
                // Last year's photos.
                (5, 0..=1) => (
                    format!("{n:02}-{caption}.jpg"),
                    tinted_jpeg(1600, 1200, Some(&LAST_YEAR), next()),
                ),
                // WeChat copies: small, no camera data, WeChat's names.
                (2, 0..=2) => (
                    format!("微信图片_2020101512345{n}.jpg"),
                    tinted_jpeg(1280, 960, None, next()),
                ),
                (3, 0..=2) => (
                    format!("{n:02}-{caption}活动现场全体合影留念.jpg"),
                    tinted_jpeg(1600, 1200, Some(&PHONE), next()),
                ),
                (4, 0..=1) => (
                    format!("{caption} - 副本.jpg"),
                    tinted_jpeg(1600, 1200, Some(&PHONE), next()),
                ),
                (6, 0..=1) => (format!("{caption}.png"), png_tinted(1920, 1080, next())),
                _ => (
                    format!("{n:02}-{caption}.jpg"),
                    tinted_jpeg(1600, 1200, Some(&PHONE), next()),
                ),
            };
            dir.write(&format!("{folder}/{name}"), bytes);
        }
    }
    dir.write(
        &p("02宣传展板材料/展板4/Thumbs.db"),
        b"\xD0\xCF\x11\xE0 thumbs",
    );
    if boards_only {
        return;
    }
    let city = root.rsplit('/').next().unwrap_or(root);
    dir.write(
        &p("01工作方案/工作方案.docx"),
        docx(&[
            &format!("{city}2020年全民终身学习活动周工作方案"),
            &board_text(1, 30),
        ]),
    )
    .write(
        &p("03特色案例/送教上门进社区.docx"),
        docx(&[&board_text(22, 20)]),
    )
    .write(
        &p("04先进典型/百姓学习之星王丽.docx"),
        docx(&[&board_text(23, 16)]),
    )
    .write(&p("04先进典型/终身学习品牌项目.mp4"), mp4())
    .write(
        &p("05开幕式参会人员名单.xlsx"),
        roster_xlsx(None, &["序号", "姓名", "单位", "电话"], &attendees(3)),
    );
}

/// A PNG of w×h pixels with a tint, so that different images have different bytes.
pub fn png_tinted(w: u32, h: u32, tint: u8) -> Vec<u8> {
    encoded(w, h, true, tint)
}

/// A 1600×1200 JPEG whose EXIF Make and Software hold `make` and `software` as given
/// (a hostile tool writes any bytes there), with a camera model and a shooting date.
pub fn jpeg_make_software(make: &str, software: &str, tint: u8) -> Vec<u8> {
    let ascii = |tag: Tag, text: &str| Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![text.as_bytes().to_vec()]),
    };
    let fields = [
        ascii(Tag::Make, make),
        ascii(Tag::Model, "ELS-AN00"),
        ascii(Tag::DateTimeOriginal, "2020:10:15 09:30:00"),
        ascii(Tag::Software, software),
    ];
    let mut writer = exif::experimental::Writer::new();
    for f in &fields {
        writer.push_field(f);
    }
    let mut tiff = Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    with_exif_segment(&encoded(1600, 1200, false, tint), &tiff.into_inner())
}

/// Every entry below `root`, links not followed: a folder as `dir`, a link as where it
/// leads, a file as its bytes' hash and modification time. Equal before and after a run
/// when nothing below `root` was written, renamed, replaced or removed.
pub fn tree_state(root: &Path) -> std::collections::BTreeMap<PathBuf, String> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let state = if meta.is_symlink() {
                format!("link to {}", std::fs::read_link(&path).unwrap().display())
            } else if meta.is_dir() {
                stack.push(path.clone());
                "dir".to_owned()
            } else {
                let hash = blake3::hash(&std::fs::read(&path).unwrap());
                format!("{hash} {:?}", meta.modified().unwrap())
            };
            out.insert(path, state);
        }
    }
    out
}

/// Runs the binary as [`baosong`] does, with `env` set on top.
pub fn baosong_env(args: &[&str], env: &[(&str, &Path)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_baosong"));
    command
        .args(args)
        .env("BAOSONG_NO_BROWSER", "1")
        .env("TMPDIR", env!("CARGO_TARGET_TMPDIR"));
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().expect("run baosong");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Like [`measure`], with `env` set on the measured run (a run in one process, say).
pub fn measure_env(args: &[&str], env: &[(&str, &Path)]) {
    let Ok(log) = std::env::var("BAOSONG_MEASURE") else {
        return;
    };
    let mut command = std::process::Command::new("/usr/bin/time");
    command
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_baosong"))
        .args(args)
        .env("BAOSONG_NO_BROWSER", "1");
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command
        .output()
        .expect("/usr/bin/time (Debian package `time`)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let field = |name: &str| {
        stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix(name).map(|v| v.trim().to_owned()))
            .unwrap_or_default()
    };
    let setting: Vec<String> = env.iter().map(|(k, _)| k.to_string()).collect();
    let line = format!(
        "{}\t{} {}\t{}\t{}\n",
        std::thread::current().name().unwrap_or("?"),
        args.iter().skip(2).cloned().collect::<Vec<_>>().join(" "),
        setting.join(" "),
        field("Maximum resident set size (kbytes):"),
        field("Elapsed (wall clock) time (h:mm:ss or m:ss):"),
    );
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    file.write_all(line.as_bytes()).unwrap();
}

/// An inbox `收件箱/` in `d` where 鞍山市 sent twice: a [`busy_city`] as `鞍山市.zip`, then
/// its boards again (changed by `edit` first) as `【鞍山】展板材料（第二次）.zip`, saved
/// later.
pub fn busy_city_sent_twice(d: &Dir, edit: impl FnOnce(&Dir)) {
    let (first, again) = (Dir::new(), Dir::new());
    busy_city(&first, "鞍山市", false);
    busy_city(&again, "鞍山市", true);
    edit(&again);
    let resend = "收件箱/【鞍山】展板材料（第二次）.zip";
    d.write(
        "收件箱/鞍山市.zip",
        zip_tree(&first.join("鞍山市"), Names::Gbk),
    )
    .write(resend, zip_tree(&again.join("鞍山市"), Names::Gbk));
    set_mtime(&d.join("收件箱/鞍山市.zip"), 1_602_720_000);
    set_mtime(&d.join(resend), 1_603_000_000);
}

/// One city's submission folder, as most tests build it: `City("营口市")`.
pub struct City(pub &'static str);

impl City {
    /// A temp dir holding a complete, passing submission of this city.
    pub fn valid(&self) -> Dir {
        let d = Dir::new();
        valid_submission(&d, self.0);
        d
    }

    /// `path` inside the submission: "营口市/01工作方案/…".
    pub fn rel(&self, path: &str) -> String {
        format!("{}/{path}", self.0)
    }

    /// The JSON report of the submission in `d`, judged on 2020-12-31.
    pub fn check(&self, d: &Dir) -> serde_json::Value {
        check_json(&d.join(self.0)).1
    }
}
