//! Only verified material counts: every kind of fake or damaged material is named in a
//! finding, and the requirement it was meant to satisfy fails when nothing verified
//! is left. Each test starts from a complete valid submission and plants one thing.

mod common;

use common::*;

const ROOT: &str = "丹东市";
const CITY: City = City(ROOT);

/// The findings of a requirement whose path ends with `name`: (code, message).
fn about(report: &serde_json::Value, id: &str, name: &str) -> Vec<(String, String)> {
    requirement(report, id)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().ends_with(name))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The first finding about the file at `path` (relative to the submission) under
/// requirement `id` is `code`, its message says `words`, and the requirement fails;
/// and the file was not counted: the requirement's summary of what counted is the
/// one of the valid submission with the file taken out.
fn refused(report: &serde_json::Value, id: &str, path: &str, code: &str, words: &str) {
    let found = about(report, id, path);
    assert_eq!(
        found.first().map(|f| f.0.as_str()),
        Some(code),
        "{report:#}"
    );
    assert!(found[0].1.contains(words), "{}", found[0].1);
    assert_eq!(status(report, id), "fail");
    let without = CITY.valid();
    without.remove(&CITY.rel(path));
    let counted = summary(report, id);
    assert_eq!(
        counted,
        summary(&CITY.check(&without), id),
        "{path} counted"
    );
    assert_ne!(
        counted,
        summary(&CITY.check(&CITY.valid()), id),
        "{path} changes nothing"
    );
}

const BOARD2_TEXT: &str = "02宣传展板材料/展板2/展板文字.txt";

// ---- text that is not text ---------------------------------------------------

#[test]
fn a_photo_renamed_to_txt_is_named_for_what_it_is_and_counts_no_words() {
    // It used to count as 47,185 字 with no finding.
    let d = CITY.valid();
    d.write(&CITY.rel(BOARD2_TEXT), photo_n(9));
    let report = CITY.check(&d);
    let found = about(&report, "boards", "展板文字.txt");
    assert_eq!(found[0].0, "document-unreadable", "{report:#}");
    assert!(found[0].1.contains("JPEG 照片"), "{}", found[0].1);
    assert!(codes(&report, "boards").contains(&"board-text-missing".to_owned()));
    assert_eq!(status(&report, "boards"), "fail");
}

#[test]
fn binary_noise_and_undecodable_bytes_in_a_txt_are_not_text() {
    let d = CITY.valid();
    let mut noise: Vec<u8> = (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect();
    noise[0] = b'a';
    d.write(&CITY.rel(BOARD2_TEXT), &noise);
    let report = CITY.check(&d);
    refused(
        &report,
        "boards",
        BOARD2_TEXT,
        "document-unreadable",
        "二进制数据",
    );
}

#[test]
fn a_document_named_mp4_and_a_video_named_docx_say_what_they_are() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("03特色案例/活动视频.mp4"),
        docx(&[&board_text(30, 5)]),
    );
    d.write(&CITY.rel("04先进典型/典型材料.docx"), mp4());
    let report = CITY.check(&d);
    let video = about(&report, "cases", "活动视频.mp4");
    assert_eq!(video[0].0, "video-broken");
    assert!(video[0].1.contains("Office 文档"), "{}", video[0].1);
    let document = about(&report, "exemplars", "典型材料.docx");
    assert_eq!(document[0].0, "document-unreadable");
    assert!(document[0].1.contains("MP4/MOV 视频"), "{}", document[0].1);
}

// ---- board text must be text -------------------------------------------------

/// An RTF file as WordPad on Chinese Windows saves it: GBK bytes as `\'xx` escapes.
fn wordpad_rtf(text: &str) -> Vec<u8> {
    let mut body = String::new();
    for c in text.chars() {
        if c.is_ascii() {
            body.push(c);
        } else {
            for b in gbk(&c.to_string()) {
                body.push_str(&format!("\\'{b:02x}"));
            }
        }
    }
    format!(
        "{{\\rtf1\\ansi\\ansicpg936\\deff0\\nouicompat\\deflang1033\\deflangfe2052{{\\fonttbl{{\\f0\\fnil\\fcharset134 \\'cb\\'ce\\'cc\\'e5;}}}}\r\n{{\\*\\generator Riched20 10.0.19041}}\\viewkind4\\uc1 \r\n\\pard\\sa200\\sl276\\slmult1\\f0\\fs22\\lang2052 {body}\\par\r\n}}\r\n"
    )
    .into_bytes()
}

#[test]
fn rtf_board_text_is_read_and_counted() {
    let d = CITY.valid();
    d.remove(&CITY.rel(BOARD2_TEXT));
    let text = board_text(21, 21);
    d.write(
        &CITY.rel("02宣传展板材料/展板2/展板文字.rtf"),
        wordpad_rtf(&text),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "boards"), "pass", "{report:#}");
    let count = baosong(&[
        "count",
        d.join(&CITY.rel("02宣传展板材料/展板2/展板文字.rtf"))
            .to_str()
            .unwrap(),
        "--format",
        "json",
    ]);
    let rtf: serde_json::Value = serde_json::from_str(&count.stdout).unwrap();
    d.write("同文.txt", text.as_bytes());
    let count = baosong(&[
        "count",
        d.join("同文.txt").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let txt: serde_json::Value = serde_json::from_str(&count.stdout).unwrap();
    assert_eq!(rtf[0]["words"], txt[0]["words"], "{rtf:#} {txt:#}");
}

#[test]
fn a_short_text_plus_an_unreadable_file_still_fails_the_300_word_check() {
    // 20 字 in Word plus a 7-byte .rtf used to pass: the .rtf switched the check off.
    let d = CITY.valid();
    d.remove(&CITY.rel(BOARD2_TEXT));
    d.write(
        &CITY.rel("02宣传展板材料/展板2/展板文字.docx"),
        docx(&["社区居民积极参加终身学习活动周读书会"]),
    );
    d.write(&CITY.rel("02宣传展板材料/展板2/补充.rtf"), b"{\\rtf1 ");
    d.write(
        &CITY.rel("02宣传展板材料/展板2/补充2.pages"),
        zip_of(&[("a", "b")]),
    );
    let report = CITY.check(&d);
    let short = about(&report, "boards", "展板2");
    assert_eq!(short[0].0, "board-text-too-short", "{report:#}");
    assert!(short[0].1.contains("只有 18 字"), "{}", short[0].1);
    assert!(short[0].1.contains("补充2.pages"), "{}", short[0].1);
    assert_eq!(status(&report, "boards"), "fail");
    let rtf = about(&report, "boards", "补充.rtf");
    assert_eq!(rtf[0].0, "document-unreadable", "{report:#}");
}

#[test]
fn a_board_text_that_is_only_a_picture_in_word_is_named() {
    let d = CITY.valid();
    d.remove(&CITY.rel(BOARD2_TEXT));
    let picture = r#"<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"/></w:drawing></w:r></w:p>"#;
    d.write(
        &CITY.rel("02宣传展板材料/展板2/展板文字.docx"),
        docx_with_body(picture),
    );
    let report = CITY.check(&d);
    let missing = about(&report, "boards", "展板2");
    assert_eq!(missing[0].0, "board-text-missing", "{report:#}");
    assert!(
        missing[0].1.contains("展板文字.docx") && missing[0].1.contains("无法排版"),
        "{}",
        missing[0].1
    );
    assert_eq!(status(&report, "boards"), "fail");
}

#[test]
fn photos_that_cannot_be_read_do_not_count_for_a_board() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("02宣传展板材料/展板2/社区合唱团演出.jpg"),
        b"not a photo at all",
    );
    let report = CITY.check(&d);
    let mut found = codes(&report, "boards");
    found.sort();
    assert_eq!(found, ["board-photo-missing", "photo-unreadable"]);
    assert_eq!(status(&report, "boards"), "fail");
}

// ---- plan and summary ----------------------------------------------------------

#[test]
fn a_blank_pdf_is_no_plan_but_a_stamped_scan_is() {
    let d = CITY.valid();
    d.remove(&CITY.rel("01工作方案"));
    d.write(&CITY.rel("01工作方案/工作方案.pdf"), blank_pdf());
    let report = CITY.check(&d);
    let mut found = codes(&report, "plan");
    found.sort();
    assert_eq!(found, ["document-empty", "document-missing"], "{report:#}");
    assert_eq!(status(&report, "plan"), "fail");

    d.write(&CITY.rel("01工作方案/工作方案.pdf"), scanned_pdf(90));
    let report = CITY.check(&d);
    assert_eq!(codes(&report, "plan"), ["document-scanned"]);
    assert_eq!(status(&report, "plan"), "warn");
}

// ---- videos --------------------------------------------------------------------

/// The boxes of an MP4: (type, start, end).
fn boxes(bytes: &[u8], from: usize, to: usize) -> Vec<([u8; 4], usize, usize)> {
    let mut out = Vec::new();
    let mut at = from;
    while at + 8 <= to {
        let size = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        out.push((bytes[at + 4..at + 8].try_into().unwrap(), at, at + size));
        at += size;
    }
    out
}

#[test]
fn video_stubs_sound_only_and_dangling_indexes_do_not_count() {
    let d = CITY.valid();
    d.remove(&CITY.rel("03特色案例/送教上门进社区.docx"));
    // 16 bytes: a moov header and an mdat header, no samples.
    d.write(
        &CITY.rel("03特色案例/空壳.mp4"),
        b"\0\0\0\x08moov\0\0\0\x08mdat",
    );
    // The real clip with its picture track relabelled as sound.
    let clip = mp4();
    let mut sound = clip.clone();
    let hdlr = sound.windows(8).position(|w| &w[4..] == b"vide").unwrap();
    sound[hdlr + 4..hdlr + 8].copy_from_slice(b"soun");
    d.write(&CITY.rel("03特色案例/只有声音.mp4"), &sound);
    // The real clip whose sample table points past the end of the file.
    let mut dangling = clip.clone();
    let stco = dangling.windows(4).position(|w| w == b"stco").unwrap();
    let count = u32::from_be_bytes(dangling[stco + 8..stco + 12].try_into().unwrap()) as usize;
    for i in 0..count {
        let at = stco + 12 + 4 * i;
        dangling[at..at + 4].copy_from_slice(&0x7FFF_0000u32.to_be_bytes());
    }
    d.write(&CITY.rel("03特色案例/索引错误.mp4"), &dangling);
    let report = CITY.check(&d);
    for name in ["空壳.mp4", "只有声音.mp4", "索引错误.mp4"] {
        let found = about(&report, "cases", name);
        assert_eq!(found[0].0, "video-broken", "{name}: {report:#}");
    }
    assert!(summary(&report, "cases").starts_with("0 份"));
    assert_eq!(status(&report, "cases"), "fail");
}

#[test]
fn an_mp4_with_its_index_at_the_end_still_counts_with_its_length() {
    // Phones write moov after mdat; the sample offsets then point backwards.
    let clip = mp4();
    let top = boxes(&clip, 0, clip.len());
    let find = |kind: &[u8; 4]| *top.iter().find(|b| &b.0 == kind).unwrap();
    let (ftyp, moov, mdat) = (find(b"ftyp"), find(b"moov"), find(b"mdat"));
    assert!(moov.1 < mdat.1, "the fixture is fast-start");
    let mut moov_bytes = clip[moov.1..moov.2].to_vec();
    let shift = (moov.2 - moov.1) as u32;
    let stco = moov_bytes.windows(4).position(|w| w == b"stco").unwrap();
    let count = u32::from_be_bytes(moov_bytes[stco + 8..stco + 12].try_into().unwrap()) as usize;
    for i in 0..count {
        let at = stco + 12 + 4 * i;
        let offset = u32::from_be_bytes(moov_bytes[at..at + 4].try_into().unwrap());
        moov_bytes[at..at + 4].copy_from_slice(&(offset - shift).to_be_bytes());
    }
    let mut moved = clip[ftyp.1..ftyp.2].to_vec();
    moved.extend(&clip[mdat.1..mdat.2]);
    moved.extend(&moov_bytes);
    let d = CITY.valid();
    d.remove(&CITY.rel("03特色案例/送教上门进社区.docx"));
    d.write(&CITY.rel("03特色案例/手机录像.mp4"), &moved);
    let report = CITY.check(&d);
    assert_eq!(status(&report, "cases"), "pass", "{report:#}");
    assert!(
        summary(&report, "cases").contains("视频 1（2 秒）"),
        "{}",
        summary(&report, "cases")
    );
}

// ---- damaged containers --------------------------------------------------------

/// The members of a zip package, as (name, bytes).
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().unwrap().into_owned(), data)
        })
        .collect()
}

/// Re-packs members stored (uncompressed), then flips one byte in the middle of the
/// stored bytes of `damaged`: its CRC no longer matches.
/// Unzipped parts as the members of a new zip.
fn members_of(parts: &[(String, Vec<u8>)]) -> Vec<Member> {
    parts
        .iter()
        .map(|(name, data)| Member {
            name: name.as_bytes().to_vec(),
            data: data.clone(),
        })
        .collect()
}

fn stored_with_damage(members: &[(String, Vec<u8>)], damaged: &str) -> Vec<u8> {
    let raw = members_of(members);
    let mut zip = zip_raw(&raw, true, false);
    let (_, data) = members.iter().find(|(n, _)| n == damaged).unwrap();
    let at = zip
        .windows(data.len())
        .position(|w| w == &data[..])
        .unwrap()
        + data.len() / 2;
    zip[at] ^= 0x01;
    zip
}

#[test]
fn a_docx_whose_body_fails_its_crc_is_damaged_not_text() {
    let d = CITY.valid();
    let members = unzip(&docx(&[&board_text(23, 6)]));
    d.write(
        &CITY.rel("04先进典型/百姓学习之星王丽.docx"),
        stored_with_damage(&members, "word/document.xml"),
    );
    let report = CITY.check(&d);
    refused(
        &report,
        "exemplars",
        "04先进典型/百姓学习之星王丽.docx",
        "document-unreadable",
        "已损坏",
    );
}

#[test]
fn a_roster_whose_sheet_is_damaged_counts_nobody() {
    // A damaged workbook used to pass with the people read before the damage.
    let d = CITY.valid();
    let members = unzip(&roster_xlsx(
        None,
        &["序号", "姓名", "单位"],
        &attendees(20),
    ));
    d.write(
        &CITY.rel("05开幕式参会人员名单.xlsx"),
        stored_with_damage(&members, "xl/worksheets/sheet1.xml"),
    );
    let report = CITY.check(&d);
    let found = about(&report, "attendees", "05开幕式参会人员名单.xlsx");
    assert_eq!(found[0].0, "roster-unreadable", "{report:#}");
    assert_eq!(status(&report, "attendees"), "fail");
}

#[test]
fn a_shared_string_count_that_cannot_be_true_is_a_finding_not_an_abort() {
    // calamine reserved memory for 4,294,967,295 strings and the process aborted.
    let mut members = unzip(&roster_xlsx(None, &["序号", "姓名", "单位"], &attendees(7)));
    let strings = members
        .iter_mut()
        .find(|(n, _)| n == "xl/sharedStrings.xml")
        .unwrap();
    let xml = String::from_utf8(strings.1.clone()).unwrap();
    let start = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
    let end = start + xml[start..].find('"').unwrap();
    strings.1 = format!("{}4294967295{}", &xml[..start], &xml[end..]).into_bytes();
    let raw = members_of(&members);
    let d = CITY.valid();
    d.write(
        &CITY.rel("05开幕式参会人员名单.xlsx"),
        zip_raw(&raw, true, true),
    );
    let (run, report) = check_run(&d.join(ROOT), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = about(&report, "attendees", "05开幕式参会人员名单.xlsx");
    assert_eq!(found[0].0, "roster-unreadable");
    assert!(found[0].1.contains("4294967295"), "{}", found[0].1);
}

#[test]
fn a_damaged_member_of_a_zipped_submission_is_named_and_does_not_count() {
    let d = CITY.valid();
    let zipped = zip_tree(&d.join(ROOT), Names::Gbk);
    // Damage the stored bytes of one exemplar: the zip tool wrote it deflated, so
    // flip a byte inside its compressed data.
    let name = "04先进典型/百姓学习之星王丽.docx";
    let gbk_name = gbk(name);
    let header = zipped
        .windows(gbk_name.len())
        .position(|w| w == &gbk_name[..])
        .unwrap();
    let mut damaged = zipped.clone();
    damaged[header + gbk_name.len() + 40] ^= 0xFF;
    d.write("丹东市材料.zip", &damaged);
    let (_, report) = check_json(&d.join("丹东市材料.zip"));
    refused(
        &report,
        "exemplars",
        "04先进典型/百姓学习之星王丽.docx",
        "document-unreadable",
        "压缩包中已损坏",
    );
}

// ---- the same content counts once ----------------------------------------------

#[test]
fn copies_under_other_names_count_once() {
    let d = CITY.valid();
    d.remove(&CITY.rel("04先进典型"));
    let text = docx(&[&board_text(60, 16)]);
    for name in ["典型1.docx", "典型1 - 副本.docx", "王丽事迹.docx"] {
        d.write(&CITY.rel(&format!("04先进典型/{name}")), &text);
    }
    let report = CITY.check(&d);
    assert!(
        summary(&report, "exemplars").starts_with("1 份"),
        "{report:#}"
    );
    let copy = about(&report, "exemplars", "典型1 - 副本.docx");
    let copy: Vec<&str> = copy.iter().map(|(c, _)| c.as_str()).collect();
    assert!(copy.contains(&"content-duplicate"), "{copy:?}");
    let m = &about(&report, "exemplars", "王丽事迹.docx")[0].1;
    assert!(m.contains("只按“典型1.docx”计数"), "{m}");
    assert_eq!(status(&report, "exemplars"), "fail");
}

#[test]
fn the_same_text_in_two_formats_counts_once() {
    let d = CITY.valid();
    let text = board_text(23, 16);
    d.write(&CITY.rel("04先进典型/王丽.txt"), gbk(&text));
    d.remove(&CITY.rel("04先进典型/终身学习品牌项目.mp4"));
    let report = CITY.check(&d);
    // 百姓学习之星王丽.docx and 王丽.txt hold the same text: 2 exemplars, not 3.
    assert!(
        summary(&report, "exemplars").starts_with("2 份"),
        "{report:#}"
    );
    assert_eq!(status(&report, "exemplars"), "fail");
}

// ---- links and odd members -----------------------------------------------------

#[test]
fn a_symlink_member_of_a_zip_is_named_not_counted() {
    use std::io::Write;
    let d = CITY.valid();
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default();
        for (name, bytes) in [
            ("01方案.docx", docx(&[&board_text(1, 30)])),
            ("03特色案例/案例.docx", docx(&[&board_text(2, 20)])),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(&bytes).unwrap();
        }
        zip.add_symlink("03特色案例/链接.txt", "/etc/passwd", options)
            .unwrap();
        zip.finish().unwrap();
    }
    d.write("链接.zip", buf.into_inner());
    let (_, report) = check_json(&d.join("链接.zip"));
    let found = about(&report, "cases", "链接.txt");
    assert_eq!(found[0].0, "link-not-material", "{report:#}");
    assert!(summary(&report, "cases").starts_with("1 份"), "{report:#}");
    assert!(!report.to_string().contains("/etc/passwd"));
}

#[test]
fn a_member_declaring_two_to_the_63_bytes_is_named_and_the_rest_is_judged() {
    // The archive used to be named instead, with "the rest was not checked".
    let members = vec![
        Member {
            name: "01工作方案.docx".as_bytes().to_vec(),
            data: docx(&[&board_text(1, 30)]),
        },
        Member {
            name: "06活动周工作总结.docx".as_bytes().to_vec(),
            data: docx(&[&board_text(7, 30)]),
        },
        Member {
            name: "03特色案例/案例.docx".as_bytes().to_vec(),
            data: docx(&[&board_text(2, 20)]),
        },
    ];
    let d = Dir::new();
    d.write(
        "巨大.zip",
        zip_raw_declaring(&members, true, false, &[(1, 1 << 63)]),
    );
    let (_, report) = check_json(&d.join("巨大.zip"));
    let findings = report["submissions"][0]["findings"].to_string();
    let summary_findings = requirement(&report, "summary")["findings"].to_string();
    let all = format!("{findings}{summary_findings}");
    assert!(
        all.contains("“06活动周工作总结.docx”声称解压后有 9223372036854775808 字节"),
        "{report:#}"
    );
    assert!(!all.contains("未检查"), "{all}");
    assert_eq!(status(&report, "plan"), "pass", "{report:#}");
    assert_eq!(status(&report, "cases"), "pass", "{report:#}");
    assert_eq!(status(&report, "summary"), "fail", "{report:#}");
}

// ---- photos: EXIF read the way exiftool does ------------------------------------

/// Little-endian TIFF bytes: IFD0 (Make, Model, Exif pointer, and optionally a GPS
/// pointer past the end), IFD1 whose next-IFD pointer is not zero (as some writers
/// leave it, and where kamadak-exif's strict mode stops), and the Exif IFD with
/// DateTimeOriginal and PixelX/YDimension 4000×3000.
fn nonconforming_exif(bad_gps_offset: bool) -> Vec<u8> {
    fn entry(out: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32) {
        out.extend(tag.to_le_bytes());
        out.extend(kind.to_le_bytes());
        out.extend(count.to_le_bytes());
        out.extend(value.to_le_bytes());
    }
    let (make, model, date) = (
        &b"HUAWEI\0"[..],
        &b"ELS-AN00\0"[..],
        &b"2020:10:15 09:30:00\0"[..],
    );
    let ifd0_entries: u32 = if bad_gps_offset { 4 } else { 3 };
    let ifd0 = 8u32;
    let ifd1 = ifd0 + 2 + 12 * ifd0_entries + 4;
    let exif = ifd1 + 2 + 12 + 4;
    let data = exif + 2 + 12 * 3 + 4;
    let (make_at, model_at) = (data, data + make.len() as u32);
    let date_at = model_at + model.len() as u32;
    let mut out = b"II*\0".to_vec();
    out.extend(ifd0.to_le_bytes());
    out.extend((ifd0_entries as u16).to_le_bytes());
    entry(&mut out, 0x010F, 2, make.len() as u32, make_at);
    entry(&mut out, 0x0110, 2, model.len() as u32, model_at);
    entry(&mut out, 0x8769, 4, 1, exif);
    if bad_gps_offset {
        entry(&mut out, 0x8825, 4, 1, 0x00FF_FF00);
    }
    out.extend(ifd1.to_le_bytes());
    out.extend(1u16.to_le_bytes());
    entry(&mut out, 0x0103, 3, 1, 6);
    out.extend(ifd0.to_le_bytes()); // IFD1's next: back to IFD0
    out.extend(3u16.to_le_bytes());
    entry(&mut out, 0x9003, 2, date.len() as u32, date_at);
    entry(&mut out, 0xA002, 4, 1, 4000);
    entry(&mut out, 0xA003, 4, 1, 3000);
    out.extend(0u32.to_le_bytes());
    out.extend(make);
    out.extend(model);
    out.extend(date);
    out
}

#[test]
fn nonconforming_exif_still_yields_its_valid_tags() {
    for bad_gps_offset in [false, true] {
        // The strict reader gives up on these blocks: that is what this test is about.
        let tiff = nonconforming_exif(bad_gps_offset);
        assert!(exif::Reader::new().read_raw(tiff.clone()).is_err());
        let d = CITY.valid();
        let photo = with_exif_segment(&tinted_jpeg(1600, 1200, None, 77), &tiff);
        d.write(&CITY.rel("02宣传展板材料/展板2/社区合唱团演出.jpg"), &photo);
        let report = CITY.check(&d);
        let found = about(&report, "boards", "社区合唱团演出.jpg");
        let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
        // Make, Model and DateTimeOriginal are read: no missing-camera warning, no
        // date outside the week; PixelX/YDimension shows the photo was scaled down.
        assert_eq!(codes, ["photo-resized"], "gps {bad_gps_offset}: {report:#}");
        assert!(found[0].1.contains("4000×3000"), "{}", found[0].1);
    }
}

// ---- crashes ---------------------------------------------------------------------

#[test]
fn a_requirement_left_unchecked_by_a_crash_fails_even_before_its_deadline() {
    use baosong::check::crashed_outcome;
    use baosong::report::{Status, SubmissionReport};
    let rules = baosong::rules::Rules::default_rules();
    let d = CITY.valid();
    let sub = baosong::intake::Submission::open_path(&d.join(ROOT)).unwrap();
    let early = chrono::NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    let report = SubmissionReport::new(&rules, &sub, crashed_outcome(&rules), early);
    for requirement in &report.requirements {
        assert_eq!(requirement.status, Status::Fail, "{}", requirement.id);
        assert_eq!(requirement.findings[0].code.as_str(), "internal-error");
    }
    assert_eq!(report.status(), Status::Fail);
}

#[test]
fn a_body_part_over_the_read_limit_is_too_large_not_malformed() {
    // A valid 500 MB document.xml was reported as "正文 XML 有错误". The same holds
    // at any limit: here 1 MB, and a 2 MB body.
    let d = CITY.valid();
    let rules = baosong(&["rules", "--dump"])
        .stdout
        .replace("read-mb = 64", "read-mb = 1");
    d.write("rules.toml", &rules);
    let long = board_text(61, 100).repeat(1_000);
    assert!(long.len() > 2 * 1024 * 1024);
    d.write(&CITY.rel("04先进典型/长篇事迹.docx"), docx(&[&long]));
    let rules = d.join("rules.toml");
    let (_, report) = check_run(&d.join(ROOT), &["--rules", rules.to_str().unwrap()]);
    let found = about(&report, "exemplars", "长篇事迹.docx");
    assert_eq!(found[0].0, "file-over-read-limit", "{report:#}");
    assert!(
        found[0].1.contains("word/document.xml") && found[0].1.contains("超过 1 MB 的读取上限"),
        "{}",
        found[0].1
    );
    assert!(!found[0].1.contains("XML 有错误"));
}

#[test]
fn exif_written_by_pillow_and_piexif_is_read() {
    // kamadak-exif's strict reader gave up on it, so every piece of photo evidence
    // was lost and a scaled-down photo passed as an original.
    let photo = fixture("piexif-resized.jpg");
    let strict = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&photo));
    assert!(
        strict.is_err(),
        "the fixture is what the strict reader rejects"
    );
    let d = CITY.valid();
    d.write(&CITY.rel("02宣传展板材料/展板2/社区合唱团演出.jpg"), &photo);
    let report = CITY.check(&d);
    let found = about(&report, "boards", "社区合唱团演出.jpg");
    let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    // Make/Model and DateTimeOriginal read (no camera or date warning), and the
    // recorded 4000×3000 against the real 1600×1200.
    assert_eq!(codes, ["photo-resized"], "{report:#}");
    assert!(
        found[0].1.contains("4000×3000") && found[0].1.contains("1600×1200"),
        "{}",
        found[0].1
    );
}

// ---- a hostile inbox -------------------------------------------------------------

/// One city per kind of fake or damaged material: (city, file planted in its otherwise
/// valid submission, its bytes, the requirement that must fail).
fn planted() -> Vec<(&'static str, &'static str, Vec<u8>, &'static str)> {
    let members = unzip(&docx(&[&board_text(70, 6)]));
    let damaged_docx = stored_with_damage(&members, "word/document.xml");
    let mut strings = unzip(&roster_xlsx(None, &["序号", "姓名"], &attendees(7)));
    for (name, data) in strings.iter_mut() {
        if name == "xl/sharedStrings.xml" {
            let xml = String::from_utf8(data.clone()).unwrap();
            *data = xml
                .replacen("uniqueCount=\"", "uniqueCount=\"4294967295\" x=\"", 1)
                .into_bytes();
        }
    }
    let raw = members_of(&strings);
    let huge_strings = zip_raw(&raw, true, true);
    vec![
        (
            "沈阳市",
            "02宣传展板材料/展板2/展板文字.txt",
            photo_n(80),
            "boards",
        ),
        (
            "大连市",
            "03特色案例/送教上门进社区.docx",
            b"\0\0\0\x08moov\0\0\0\x08mdat".to_vec(),
            "cases",
        ),
        (
            "鞍山市",
            "05开幕式参会人员名单.xlsx",
            huge_strings,
            "attendees",
        ),
        (
            "抚顺市",
            "04先进典型/百姓学习之星王丽.docx",
            damaged_docx,
            "exemplars",
        ),
        (
            "本溪市",
            "01工作方案/沈阳市全民终身学习活动周工作方案.docx",
            Vec::new(),
            "plan",
        ),
        ("丹东市", "06活动周工作总结.docx", blank_pdf(), "summary"),
        (
            "锦州市",
            "02宣传展板材料/展板1/展板文字.docx",
            b"{\\rtf1 cut".to_vec(),
            "boards",
        ),
    ]
}

#[test]
fn a_batch_of_hostile_submissions_finishes_names_every_file_and_fails_each_requirement() {
    let d = Dir::new();
    for (city, file, bytes, _) in planted() {
        valid_submission(&d, &format!("收件箱/{city}"));
        d.write(&format!("收件箱/{city}/{file}"), bytes);
    }
    // 营口市: a FIFO where the summary should be, and a link to a file outside.
    #[cfg(unix)]
    {
        valid_submission(&d, "收件箱/营口市");
        let summary = d.join("收件箱/营口市/06活动周工作总结.docx");
        std::fs::remove_file(&summary).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", &summary).unwrap();
    }
    let (run, report) = check_run(&d.join("收件箱"), &["--batch"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let matrix = report["matrix"].as_array().unwrap();
    let text = report.to_string();
    for (city, file, _, requirement) in planted() {
        let name = file.rsplit('/').next().unwrap();
        assert!(text.contains(name), "{city}: {name} is named");
        let row = matrix.iter().find(|r| r["label"] == city).unwrap();
        assert_eq!(
            row["requirements"][requirement], "fail",
            "{city} {requirement}: {row:#}"
        );
    }
    #[cfg(unix)]
    {
        let row = matrix.iter().find(|r| r["label"] == "营口市").unwrap();
        assert_eq!(row["requirements"]["summary"], "fail", "{row:#}");
        assert!(!text.contains("root:x:0"));
    }
}

#[test]
fn a_roster_over_the_read_limit_counts_nobody() {
    // It used to be "人数未核验" with only a warning.
    let d = CITY.valid();
    let rules = baosong(&["rules", "--dump"])
        .stdout
        .replace("read-mb = 64", "read-mb = 1");
    d.write("rules.toml", &rules);
    d.remove(&CITY.rel("05开幕式参会人员名单.xlsx"));
    let mut csv = String::from("序号,姓名,单位\n");
    for i in 0..40_000 {
        csv.push_str(&format!("{i},参会人员{i},沈阳市社区教育指导中心\n"));
    }
    assert!(csv.len() > 1024 * 1024);
    d.write(&CITY.rel("05开幕式参会人员名单.csv"), csv);
    let rules = d.join("rules.toml");
    let (_, report) = check_run(&d.join(ROOT), &["--rules", rules.to_str().unwrap()]);
    let mut found = codes(&report, "attendees");
    found.sort();
    assert_eq!(
        found,
        ["file-over-read-limit", "roster-missing"],
        "{report:#}"
    );
    assert_eq!(status(&report, "attendees"), "fail");
}

#[test]
fn a_crashed_older_submission_never_supplies_a_tick_in_the_matrix() {
    use baosong::check::{check_submission, crashed_outcome};
    use baosong::report::{Report, Status, SubmissionReport};
    let rules = baosong::rules::Rules::default_rules();
    let as_of = chrono::NaiveDate::from_ymd_opt(2020, 12, 31).unwrap();
    // The first mail from 沈阳市 crashed the check; the resend holds only the boards.
    let d = Dir::new();
    valid_submission(&d, "收件箱/沈阳市");
    valid_submission(&d, "收件箱/沈阳市（重发）");
    for section in ["01工作方案", "03特色案例", "04先进典型"] {
        d.remove(&format!("收件箱/沈阳市（重发）/{section}"));
    }
    d.remove("收件箱/沈阳市（重发）/05开幕式参会人员名单.xlsx");
    d.remove("收件箱/沈阳市（重发）/06活动周工作总结.docx");
    let mut first = baosong::intake::Submission::open_path(&d.join("收件箱/沈阳市")).unwrap();
    let mut resend =
        baosong::intake::Submission::open_path(&d.join("收件箱/沈阳市（重发）")).unwrap();
    // Whose submissions they are is decided once, by the batch stage.
    baosong::batch::assign(&mut first, &rules);
    baosong::batch::assign(&mut resend, &rules);
    let mut crashed = SubmissionReport::new(&rules, &first, crashed_outcome(&rules), as_of);
    let mut checked =
        SubmissionReport::new(&rules, &resend, check_submission(&rules, &resend), as_of);
    crashed.modified = Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_603_000_000));
    checked.modified = Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_603_200_000));
    let report = Report::new(&rules, as_of, vec![crashed, checked], true);
    let row = report
        .rows
        .iter()
        .find(|r| r.label == "沈阳市")
        .expect("a row for 沈阳市");
    let ids: Vec<&str> = rules.requirements.iter().map(|r| r.id.as_str()).collect();
    for (id, cell) in ids.iter().zip(&row.cells) {
        let (status, _) = cell.expect("both submissions are 沈阳市's");
        let expected = if *id == "boards" {
            Status::Pass
        } else {
            Status::Fail
        };
        assert_eq!(status, expected, "{id}");
    }
}

#[test]
fn a_heic_or_webp_cut_short_is_incomplete_and_does_not_count() {
    // Only JPEG and PNG ends were checked; a truncated HEIC counted as a photo.
    let heic = fixture("photo.heic");
    let mut webp = b"RIFF".to_vec();
    webp.extend(1000u32.to_le_bytes()); // declares 1008 bytes
    webp.extend(b"WEBPVP8X");
    webp.extend(10u32.to_le_bytes());
    webp.extend([0, 0, 0, 0]);
    webp.extend([0x3F, 0x06, 0x00, 0xAF, 0x04, 0x00]); // 1600 × 1200
    for (name, bytes) in [
        ("合唱团.heic", heic[..heic.len() * 9 / 10].to_vec()),
        ("合唱团.webp", webp.clone()),
    ] {
        let d = CITY.valid();
        d.remove(&CITY.rel("02宣传展板材料/展板2/社区合唱团演出.jpg"));
        d.write(&CITY.rel(&format!("02宣传展板材料/展板2/{name}")), &bytes);
        let report = CITY.check(&d);
        let found: Vec<String> = about(&report, "boards", name)
            .into_iter()
            .map(|(code, _)| code)
            .collect();
        assert!(
            found.contains(&"photo-incomplete".to_owned()),
            "{name}: {report:#}"
        );
        assert!(
            codes(&report, "boards").contains(&"board-photo-missing".to_owned()),
            "{name}: {report:#}"
        );
    }
    // Whole, both are photos.
    let d = CITY.valid();
    d.write(&CITY.rel("02宣传展板材料/展板2/合唱团.heic"), &heic);
    let report = CITY.check(&d);
    assert!(
        !codes(&report, "boards").contains(&"photo-incomplete".to_owned()),
        "{report:#}"
    );
}

#[test]
fn a_shared_string_table_over_the_read_limit_is_not_handed_to_the_parser() {
    // 1 MB of .xlsx held 25 million tiny strings and took 1.35 GB: the part is now
    // measured before calamine sees it. Here 2.8 MB of strings against a 1 MB limit.
    let mut members = unzip(&roster_xlsx(None, &["序号", "姓名"], &attendees(7)));
    let strings = members
        .iter_mut()
        .find(|(n, _)| n == "xl/sharedStrings.xml")
        .unwrap();
    let n = 170_000;
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">"#
    );
    xml.push_str(&"<si><t>a</t></si>".repeat(n));
    xml.push_str("</sst>");
    strings.1 = xml.into_bytes();
    let raw = members_of(&members);
    let d = CITY.valid();
    d.write(
        &CITY.rel("05开幕式参会人员名单.xlsx"),
        zip_raw(&raw, true, true),
    );
    let rules = baosong(&["rules", "--dump"])
        .stdout
        .replace("read-mb = 64", "read-mb = 1");
    d.write("rules.toml", &rules);
    let rules = d.join("rules.toml");
    let (_, report) = check_run(&d.join(ROOT), &["--rules", rules.to_str().unwrap()]);
    let found = about(&report, "attendees", "05开幕式参会人员名单.xlsx");
    let over = found
        .iter()
        .find(|(code, _)| code == "file-over-read-limit")
        .unwrap_or_else(|| panic!("{report:#}"));
    assert!(over.1.contains("xl/sharedStrings.xml"), "{}", over.1);
    assert_eq!(status(&report, "attendees"), "fail");
}
