//! Hostile and broken input, generated at test time: whatever is in the folder, the run
//! finishes with a finding naming each bad file, the other files are still checked,
//! and nothing panics.

mod common;

use std::path::Path;

use common::*;

const ROOT: &str = "营口市";

struct Outcome {
    code: i32,
    report: serde_json::Value,
    stderr: String,
}

fn run_check(path: &Path, extra: &[&str]) -> Outcome {
    let (run, report) = check_run(path, extra);
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("internal error"),
        "{}",
        run.stderr
    );
    assert!(
        run.code == 0 || run.code == 1,
        "exit {}: {}",
        run.code,
        run.stderr
    );
    Outcome {
        code: run.code,
        report,
        stderr: run.stderr,
    }
}

/// Deterministic noise.
fn noise(seed: u32, len: usize) -> Vec<u8> {
    let mut state = seed.wrapping_mul(747_796_405).wrapping_add(2_891_336_453);
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) as u8
        })
        .collect()
}

/// One real file per readable format, made by real encoders or office suites.
fn real_files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("docx", docx(&[&board_text(50, 5)])),
        ("doc", fixture("board.doc")),
        ("wps", fixture("board.doc")),
        ("pdf", fixture("board.pdf")),
        ("odt", fixture("board.odt")),
        ("jpg", photo_n(50)),
        ("png", png_with_exif(2000, 1500, &PHONE)),
        ("heic", fixture("photo.heic")),
        ("mp4", mp4()),
        ("avi", fixture("clip.avi")),
        ("wmv", fixture("clip.wmv")),
        ("flv", fixture("clip.flv")),
        ("mkv", fixture("clip.mkv")),
        ("xlsx", roster_xlsx(None, &["姓名"], &attendees(5))),
        ("xls", fixture("roster.xls")),
        ("ods", fixture("roster.ods")),
        ("jfif", photo_n(52)),
        ("pptx", fixture("deck.pptx")),
        ("ppt", fixture("deck.ppt")),
        ("dps", fixture("deck.ppt")),
        ("mht", fixture("article.mht")),
        (
            "html",
            gbk(&format!(
                "<html><head><meta charset=\"gb2312\"></head><body><p>{}</p></body></html>",
                board_text(51, 5)
            )),
        ),
        ("mpg", fixture("clip.mpg")),
        ("vob", fixture("clip.vob")),
        ("ts", fixture("clip.ts")),
        ("mts", fixture("clip.m2ts")),
    ]
}

#[test]
fn truncated_and_random_files_of_every_format_are_named_and_the_rest_is_checked() {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    let mut hostile = Vec::new();
    for (ext, bytes) in real_files() {
        for (label, cut) in [
            ("头", 10),
            // One byte past the half: a transport stream cut exactly between two
            // packets is a shorter video that plays, not a damaged one.
            ("半", bytes.len() / 2 + 1),
            ("尾", bytes.len() * 9 / 10),
        ] {
            // A stem of its own: files sharing a stem are one entry, named together.
            let name = format!("截断{label}{ext}.{ext}");
            d.write(
                &format!("{ROOT}/04先进典型/{name}"),
                &bytes[..cut.min(bytes.len())],
            );
            hostile.push(name);
        }
        let name = format!("乱码{ext}.{ext}");
        d.write(
            &format!("{ROOT}/04先进典型/{name}"),
            noise(ext.len() as u32, 3000),
        );
        hostile.push(name);
    }
    let out = run_check(&d.join(ROOT), &[]);
    let findings = requirement(&out.report, "exemplars")["findings"]
        .as_array()
        .unwrap()
        .clone();
    let counted = summary(&out.report, "exemplars");
    // Each damaged file, cut at its head, its half or 90% of the way, or noise, is
    // named by a finding of its own, and does not count: the summary lists what
    // counted, and only the three valid exemplars do.
    let own = |name: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f["path"].as_str().unwrap().ends_with(&format!("/{name}")))
            .map(|f| f["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let unnamed: Vec<&String> = hostile.iter().filter(|n| own(n).is_empty()).collect();
    let counting: Vec<(&String, Vec<String>)> = hostile
        .iter()
        .filter(|name| counted.contains(name.as_str()))
        .map(|name| (name, own(name)))
        .collect();
    assert!(
        unnamed.is_empty(),
        "not named: {unnamed:?}, counted: {counting:?}"
    );
    assert!(counting.is_empty(), "counted: {counting:?} in {counted}");
    assert!(counted.starts_with("3 份"), "{counted}");
    // Cut at 90%, every document, roster and video is found damaged (the end of a zip,
    // of a compound file's sectors or of a MIME page is missing), not merely short; a
    // photo alone is no exemplar, and a web page has no end to miss.
    let damage = ["document-unreadable", "roster-unreadable", "video-broken"];
    for name in hostile.iter().filter(|n| n.starts_with("截断尾")) {
        let ext = name.rsplit('.').next().unwrap();
        if matches!(ext, "jpg" | "png" | "heic" | "jfif" | "html") {
            continue;
        }
        let codes = own(name);
        assert!(damage.contains(&codes[0].as_str()), "{name}: {codes:?}");
    }
    // The rest of the submission is still checked as usual.
    for id in ["plan", "boards", "cases", "attendees", "summary"] {
        assert_eq!(status(&out.report, id), "pass", "{id}: {}", out.stderr);
    }
}

#[test]
fn truncated_photos_in_a_board_are_incomplete() {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    for (ext, bytes) in real_files() {
        if matches!(ext, "jpg" | "png") {
            let cut = &bytes[..bytes.len() * 9 / 10];
            d.write(&format!("{ROOT}/02宣传展板材料/展板2/截断照片.{ext}"), cut);
        }
    }
    let out = run_check(&d.join(ROOT), &["--deep"]);
    let boards = requirement(&out.report, "boards")["findings"].to_string();
    assert!(
        boards.contains("截断照片.jpg") && boards.contains("截断照片.png"),
        "{boards}"
    );
    assert!(boards.contains("photo-incomplete"), "{boards}");
}

#[test]
fn zero_byte_files_and_huge_declared_sizes() {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    for ext in ["docx", "jpg", "mp4", "xlsx", "pdf"] {
        d.write(&format!("{ROOT}/04先进典型/空文件.{ext}"), b"");
    }
    // A PNG header declaring 100000×100000 pixels.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(100_000u32.to_be_bytes());
    png.extend(100_000u32.to_be_bytes());
    png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    png.extend(b"\0\0\0\0IEND\xaeB`\x82");
    d.write(&format!("{ROOT}/02宣传展板材料/展板2/巨幅.png"), &png);
    // An MP4 whose mdat claims 2^62 bytes.
    let mut mp4 = b"\0\0\0\x14ftypisom\0\0\0\0isom".to_vec();
    mp4.extend(1u32.to_be_bytes());
    mp4.extend(b"mdat");
    mp4.extend((1u64 << 62).to_be_bytes());
    mp4.extend([0u8; 64]);
    d.write(&format!("{ROOT}/04先进典型/巨大视频.mp4"), &mp4);
    // An xlsx whose sheet declares a million rows but holds six.
    let huge_sheet = zip_of(&[
        (
            "[Content_Types].xml",
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        (
            "xl/worksheets/sheet1.xml",
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:ZZ1000000"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>王丽</t></is></c></row><row r="1000000"><c r="ZZ1000000" t="inlineStr"><is><t>尾</t></is></c></row></sheetData></worksheet>"#,
        ),
    ]);
    d.write(&format!("{ROOT}/05开幕式参会人员名单.xlsx"), &huge_sheet);
    let out = run_check(&d.join(ROOT), &["--deep"]);
    let text = out.report.to_string();
    for name in [
        "空文件.docx",
        "空文件.jpg",
        "空文件.mp4",
        "空文件.xlsx",
        "空文件.pdf",
        "巨幅.png",
        "巨大视频.mp4",
    ] {
        assert!(text.contains(name), "{name} not named");
    }
    assert_eq!(status(&out.report, "attendees"), "fail", "1 person");
}

#[test]
fn hostile_xml_and_exif_are_findings_not_hangs() {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    let nested = format!(
        "<w:p>{}{}</w:p>",
        "<w:r>".repeat(100_000),
        "</w:r>".repeat(100_000)
    );
    d.write(
        &format!("{ROOT}/04先进典型/嵌套.docx"),
        docx_with_body(&nested),
    );
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;实体</w:t></w:r></w:p></w:body></w:document>"#;
    d.write(
        &format!("{ROOT}/04先进典型/实体.docx"),
        zip_of(&[("word/document.xml", laughs)]),
    );
    let long_run = "长".repeat(2_000_000);
    d.write(
        &format!("{ROOT}/04先进典型/长文本.docx"),
        docx(&[&long_run]),
    );
    d.write(
        &format!("{ROOT}/04先进典型/没有正文.docx"),
        zip_of(&[("word/styles.xml", "<w:styles/>")]),
    );
    // EXIF whose IFD0 points to itself as the next IFD, with a count running past the end.
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend(1u16.to_be_bytes());
    tiff.extend(0x010Fu16.to_be_bytes()); // Make
    tiff.extend(2u16.to_be_bytes()); // ASCII
    tiff.extend(0xFFFF_FFF0u32.to_be_bytes()); // a count far past the end
    tiff.extend(8u32.to_be_bytes());
    tiff.extend(8u32.to_be_bytes()); // next IFD: itself
    let jpg = with_exif_segment(&photo_n(51), &tiff);
    d.write(&format!("{ROOT}/02宣传展板材料/展板2/循环.jpg"), &jpg);

    let out = run_check(&d.join(ROOT), &[]);
    let findings = requirement(&out.report, "exemplars")["findings"]
        .as_array()
        .unwrap()
        .clone();
    let code_of = |name: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f["path"].as_str().unwrap().ends_with(name))
            .map(|f| f["code"].as_str().unwrap().to_owned())
            .collect()
    };
    // 100,000 nested runs hold no text: read to the end, and not counted.
    assert_eq!(code_of("嵌套.docx"), ["entry-not-counted"], "{findings:#?}");
    // A damaged file is said once, by its own finding; the summary below shows it is
    // not counted.
    assert_eq!(code_of("没有正文.docx"), ["document-unreadable"]);
    // Entities are never expanded: the document is the two characters it spells out.
    let count = baosong(&[
        "count",
        d.join(&format!("{ROOT}/04先进典型/实体.docx"))
            .to_str()
            .unwrap(),
        "--format",
        "json",
    ]);
    let counted: serde_json::Value = serde_json::from_str(&count.stdout).unwrap();
    assert_eq!(counted[0]["words"], 2, "{counted:#}");
    // A 2,000,000-character run is counted, not cut.
    let count = baosong(&[
        "count",
        d.join(&format!("{ROOT}/04先进典型/长文本.docx"))
            .to_str()
            .unwrap(),
        "--format",
        "json",
    ]);
    let counted: serde_json::Value = serde_json::from_str(&count.stdout).unwrap();
    assert_eq!(counted[0]["words"], 2_000_000);
    // Valid 3 plus 长文本 count; 嵌套 and 没有正文 do not, nor 实体, whose entities
    // stay unexpanded: 2 字 are not an exemplar.
    let summary = requirement(&out.report, "exemplars")["summary"]
        .as_str()
        .unwrap();
    assert!(summary.starts_with("4 份"), "{summary}");
    assert_eq!(code_of("实体.docx"), ["entry-text-too-short"]);
    // The cyclic EXIF yields no camera tags: the photo is named for it.
    let boards = requirement(&out.report, "boards")["findings"]
        .as_array()
        .unwrap()
        .clone();
    assert!(
        boards.iter().any(|f| f["code"] == "photo-no-camera-exif"
            && f["path"].as_str().unwrap().ends_with("循环.jpg")),
        "{boards:#?}"
    );
}

#[test]
fn zip_bombs_nesting_duplicates_and_many_entries() {
    let d = Dir::new();
    // Zips nested inside zips: a lock file at the bottom is named while its zip is
    // within the nesting limit (3 levels), and never once it is deeper.
    let nested = |levels: usize| {
        let mut inner = zip_raw(
            &[Member {
                name: "~$底层.docx".as_bytes().to_vec(),
                data: b"lock".to_vec(),
            }],
            true,
            false,
        );
        for level in 0..levels {
            inner = zip_raw(
                &[Member {
                    name: format!("第{level}层.zip").into_bytes(),
                    data: inner,
                }],
                true,
                false,
            );
        }
        inner
    };
    d.write("两层.zip", nested(1));
    let out = run_check(&d.join("两层.zip"), &[]);
    assert!(out.report.to_string().contains("~$底层.docx"), "opened");
    d.write("套娃.zip", nested(5));
    let out = run_check(&d.join("套娃.zip"), &[]);
    assert!(
        !out.report.to_string().contains("底层.docx"),
        "nesting is bounded"
    );

    // Two members with the same name: only the first is listed, the second named.
    let twice = zip_raw(
        &[
            Member {
                name: b"dup.txt".to_vec(),
                data: b"1".to_vec(),
            },
            Member {
                name: b"dup.txt".to_vec(),
                data: b"2".to_vec(),
            },
        ],
        true,
        false,
    );
    d.write("同名.zip", twice);
    let out = run_check(&d.join("同名.zip"), &[]);
    let findings = out.report["submissions"][0]["findings"].to_string();
    assert!(
        findings.contains("archive-corrupt") && findings.contains("中有同名的文件"),
        "{findings}"
    );

    // 60,000 entries, more than the 50,000 listed.
    let members: Vec<Member> = (0..60_000)
        .map(|i| Member {
            name: format!("许多/{i}.txt").into_bytes(),
            data: Vec::new(),
        })
        .collect();
    d.write("许多.zip", zip_raw(&members, true, false));
    let out = run_check(&d.join("许多.zip"), &[]);
    let findings = out.report["submissions"][0]["findings"].as_array().unwrap();
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"archive-bomb"), "{codes:?}");
    // 50,000 empty files are counted, not listed one by one.
    assert!(findings.len() < 200, "{} findings", findings.len());
    assert!(out.report.to_string().contains("未逐一列出"));
    assert_eq!(out.code, 1);
}

#[cfg(unix)]
#[test]
fn file_system_oddities_are_skipped_or_named() {
    use std::os::unix::ffi::OsStrExt;
    let d = Dir::new();
    valid_submission(&d, ROOT);
    let root = d.join(ROOT);
    std::os::unix::fs::symlink(&root, root.join("04先进典型/回环")).unwrap();
    std::os::unix::fs::symlink("/etc", root.join("04先进典型/外部")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", root.join("01工作方案/密码.txt")).unwrap();
    let fifo = root.join("04先进典型/管道.docx");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let bad_name = std::ffi::OsStr::from_bytes(b"\xff\xfe\xb7\xc5.docx");
    std::fs::write(
        root.join("04先进典型").join(bad_name),
        docx(&[&board_text(52, 16)]),
    )
    .unwrap();
    d.write(
        &format!("{ROOT}/04先进典型/{}.docx", "长".repeat(80)),
        docx(&[&board_text(53, 16)]),
    );
    let mut deep = format!("{ROOT}/03特色案例");
    for i in 0..200 {
        deep.push_str(&format!("/{}", i % 10));
    }
    d.write(&format!("{deep}/最深.docx"), docx(&["最深处"]));

    let out = run_check(&root, &[]);
    let text = out.report.to_string();
    assert!(!text.contains("root:x:0"), "never followed outside");
    assert!(codes(&out.report, "cases").contains(&"folder-too-deep".to_owned()));
    // Links and the FIFO are named, never read, never counted.
    assert_eq!(codes(&out.report, "plan"), ["link-not-material"]);
    assert_eq!(status(&out.report, "plan"), "fail");
    let exemplar_codes = codes(&out.report, "exemplars");
    let links = exemplar_codes
        .iter()
        .filter(|c| *c == "link-not-material")
        .count();
    assert_eq!(links, 3, "{exemplar_codes:?}");
    for name in ["回环", "外部", "管道.docx"] {
        assert!(text.contains(name), "{name} is named");
    }
    // The odd but real files count: 3 valid exemplars, the non-UTF-8 name, the long name.
    let summary = requirement(&out.report, "exemplars")["summary"]
        .as_str()
        .unwrap();
    assert!(summary.starts_with("5 份"), "{summary}");
}

#[test]
fn files_over_the_read_limit_are_named_and_do_not_count() {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    // A 70 MB scanned summary: never read whole into memory.
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.resize(70 * 1024 * 1024, b' ');
    d.remove(&format!("{ROOT}/06活动周工作总结.docx"));
    d.write(&format!("{ROOT}/06活动周工作总结.pdf"), &pdf);
    let out = run_check(&d.join(ROOT), &[]);
    // Nothing in it was seen, so it is no summary; over the 50 MB mail limit too.
    assert_eq!(
        codes(&out.report, "summary"),
        [
            "document-missing",
            "file-over-read-limit",
            "file-too-large-for-mail"
        ]
    );
    assert_eq!(status(&out.report, "summary"), "fail");
}

/// 50,000 files in one folder are listed, read and counted once each: their entry
/// holds exactly 3 字 per file. No wall time is asserted here; `scripts/measure.sh`
/// (BAOSONG_MEASURE) records this run's time and memory as a benchmark.
#[test]
fn a_folder_of_fifty_thousand_small_files_is_read_once_each() {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    for i in 0..50_000 {
        d.write(
            &format!("{ROOT}/04先进典型/杂项/{i}.txt"),
            format!("第{i}份"),
        );
    }
    let out = run_check(&d.join(ROOT), &[]);
    assert_eq!(status(&out.report, "plan"), "pass");
    let exemplars = summary(&out.report, "exemplars");
    assert!(exemplars.contains("杂项 150000 字"), "{exemplars}");
}

/// Regression: fuzz/roster found a malformed .xls on which calamine's compound-file
/// reader panics (an assertion in `to_u32`); it must be a finding naming the file.
#[test]
fn fuzz_crash_calamine_cfb_panic_is_a_finding() {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    d.remove(&format!("{ROOT}/05开幕式参会人员名单.xlsx"));
    d.write(
        &format!("{ROOT}/05参会人员名单.xls"),
        fixture("fuzz/roster-cfb-panic.xls"),
    );
    let (run, report) = check_run(&d.join(ROOT), &[]);
    assert_eq!(run.code, 1);
    let attendees = requirement(&report, "attendees");
    assert_eq!(
        attendees["findings"][0]["code"], "roster-unreadable",
        "{attendees:#}"
    );
    assert_eq!(attendees["findings"][0]["path"], "05参会人员名单.xls");
    // At most one line for the person at the terminal (none when the file was read
    // in a reader process, whose own output is not shown), no backtrace.
    assert!(
        run.stderr
            .lines()
            .filter(|l| l.contains("internal error"))
            .count()
            <= 1
    );
    assert!(!run.stderr.contains("stack backtrace"), "{}", run.stderr);
    assert_eq!(
        status(&report, "boards"),
        "pass",
        "the rest is still checked"
    );
}

/// Regression: fuzz/roster found a second .xls on which calamine's compound-file reader
/// panics (a slice index out of range); it must be a finding naming the file, and the
/// roster must fail rather than count anything read before the panic.
#[test]
fn fuzz_crash_calamine_cfb_slice_is_a_finding() {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    d.remove(&format!("{ROOT}/05开幕式参会人员名单.xlsx"));
    d.write(
        &format!("{ROOT}/05参会人员名单.xls"),
        fixture("fuzz/roster-cfb-slice.xls"),
    );
    let (run, report) = check_run(&d.join(ROOT), &[]);
    assert_eq!(run.code, 1);
    let attendees = requirement(&report, "attendees");
    assert_eq!(attendees["findings"][0]["code"], "roster-unreadable");
    assert_eq!(attendees["findings"][0]["path"], "05参会人员名单.xls");
    assert_eq!(status(&report, "attendees"), "fail");
    assert_eq!(
        status(&report, "boards"),
        "pass",
        "the rest is still checked"
    );
}

/// A folder whose path is longer than the system allows (as Windows users meet with
/// deep folders of long names) cannot be listed: it is named, and what it holds does
/// not count, rather than showing as an empty folder.
#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_listed_is_named_not_empty() {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    d.remove(&format!("{ROOT}/03特色案例"));
    // Built step by step with relative paths: each level's name is 200 bytes, and 25
    // levels make a path no call can open whole.
    let level = "长".repeat(66);
    let script = format!(
        "cd \"$1\" && for i in $(seq 25); do mkdir {level} && cd -P {level} || exit 1; done && printf x > 案例.txt"
    );
    d.mkdir(&format!("{ROOT}/03特色案例/深"));
    // bash, not dash: dash's cd refuses once the whole path is too long.
    let built = std::process::Command::new("bash")
        .args(["-c", &script, "bash"])
        .arg(d.join(&format!("{ROOT}/03特色案例/深")))
        .status()
        .unwrap();
    assert!(built.success());
    let out = run_check(&d.join(ROOT), &[]);
    let cases = codes(&out.report, "cases");
    assert!(cases.contains(&"folder-unreadable".to_owned()), "{cases:?}");
    assert_eq!(status(&out.report, "cases"), "fail");
}
