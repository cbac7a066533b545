//! Every limit of `src/limits.rs` that a file reaches gives a finding naming the file and
//! the limit (issue 22): files made at test time that reach the roster's column limit,
//! a PDF page's unpacked size, the nesting of an RTF document and of a single-file web
//! page, a PNG's EXIF size and chunk count, the boxes of an MP4 and the chunks of an AVI
//! before its pictures. Each is checked inside an otherwise valid submission; none
//! counts, and nothing is read past the limit. (The .ppt limits are tested on decks
//! built in `src/inspect/text/ppt.rs`.)

mod common;

use std::io::Write;

use common::*;

const ROOT: &str = "沈阳市";
const ROSTER: &str = "05开幕式参会人员名单.xlsx";

/// Checks a valid submission with `bytes` written at `rel` (in place of the file there,
/// if any) and returns the report.
fn check_with(rel: &str, bytes: &[u8]) -> serde_json::Value {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    d.write(&format!("{ROOT}/{rel}"), bytes);
    check_json(&d.join(ROOT)).1
}

/// The (code, message) of every finding about `rel` in any requirement.
fn about(report: &serde_json::Value, rel: &str) -> Vec<(String, String)> {
    report["submissions"][0]["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["findings"].as_array().unwrap())
        .filter(|f| f["path"] == rel)
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap().to_owned();
            (text("code"), text("message"))
        })
        .collect()
}

/// `rel` got its first finding, and its only one with `code`, naming the file and
/// saying `words` (a roster may be followed by `roster-missing`).
fn named(report: &serde_json::Value, rel: &str, code: &str, words: &str) {
    let found = about(report, rel);
    let with_code: Vec<_> = found.iter().filter(|f| f.0 == code).collect();
    assert_eq!(with_code.len(), 1, "{rel}: {found:?}");
    let (got, message) = &found[0];
    assert_eq!(got, code, "{message}");
    let name = rel.rsplit('/').next().unwrap();
    assert!(message.contains(name), "{message}");
    assert!(message.contains(words), "{message}");
}

/// A roster in rows (the header and six attendees) with `note` written in column
/// `col` (0-based) of the header row.
fn roster_with_note_at(col: u16) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["序号", "姓名", "单位", "电话"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, person) in attendees(6).iter().enumerate() {
        for (c, cell) in person.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, cell).unwrap();
        }
    }
    ws.write_string(0, col, "备注").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_sheet_with_a_cell_right_of_the_column_limit_is_refused_not_cut() {
    // The 200th column is read: the roster counts.
    let report = check_with(ROSTER, &roster_with_note_at(199));
    assert_eq!(status(&report, "attendees"), "pass");
    // The 201st is past the limit: the roster is named, and counts nobody.
    let report = check_with(ROSTER, &roster_with_note_at(200));
    named(&report, ROSTER, "sheet-too-large", "第 200 列");
    assert_eq!(status(&report, "attendees"), "fail");
}

#[test]
fn a_csv_with_a_field_right_of_the_column_limit_is_refused_but_empty_ones_are_not() {
    let rows = |last: &str| {
        let mut csv = "序号,姓名,单位,电话".to_owned();
        // Excel writes the empty cells of a wide used range as empty fields.
        csv.push_str(&",".repeat(250));
        csv.push_str(last);
        csv.push_str("\r\n");
        for person in attendees(6) {
            csv.push_str(&person.join(","));
            csv.push_str("\r\n");
        }
        csv
    };
    let name = "05开幕式参会人员名单.csv";
    let d = Dir::new();
    valid_submission(&d, ROOT);
    d.remove(&format!("{ROOT}/{ROSTER}"));
    d.write(&format!("{ROOT}/{name}"), rows(""));
    let report = check_json(&d.join(ROOT)).1;
    assert_eq!(status(&report, "attendees"), "pass");
    d.write(&format!("{ROOT}/{name}"), rows("备注"));
    let report = check_json(&d.join(ROOT)).1;
    named(&report, name, "sheet-too-large", "第 200 列");
    assert_eq!(status(&report, "attendees"), "fail");
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

#[test]
fn a_pdf_page_unpacking_past_the_limit_is_named_with_its_page() {
    let rel = "01工作方案/方案附件.pdf";
    // A 17 KB page unpacking to 17 MB: over the 16 MB a page may unpack to.
    let report = check_with(rel, &pdf_with_deflated_content(&zeros_zlib(17)));
    named(&report, rel, "document-unreadable", "第 1 页");
    assert!(about(&report, rel)[0].1.contains("16 MB"));
}

#[test]
fn an_rtf_nested_past_the_limit_is_named() {
    let rel = "01工作方案/方案附件.rtf";
    let deep = format!(
        "{{\\rtf1 {}{}{}}}",
        "{".repeat(1_000),
        board_text(3, 30),
        "}".repeat(1_000)
    );
    let report = check_with(rel, deep.as_bytes());
    named(&report, rel, "document-unreadable", "1000 层");
}

#[test]
fn a_single_file_web_page_nested_past_the_limit_is_named() {
    let rel = "01工作方案/方案附件.mht";
    let mut page = format!(
        "Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>{}</p></body></html>",
        board_text(3, 30)
    );
    for n in (0..9).rev() {
        page = format!(
            "Content-Type: multipart/related; boundary=b{n}\r\n\r\n--b{n}\r\n{page}\r\n--b{n}--\r\n"
        );
    }
    let report = check_with(rel, format!("MIME-Version: 1.0\r\n{page}").as_bytes());
    named(&report, rel, "document-unreadable", "8 层");
}

/// A PNG with `chunks` inserted after its header chunk.
fn png_with_chunks(chunks: &[u8]) -> Vec<u8> {
    let png = png(400, 300);
    // Signature (8 bytes), IHDR (4 length, 4 type, 13 data, 4 CRC).
    [&png[..33], chunks, &png[33..]].concat()
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend(kind);
    out.extend(data);
    out.extend([0; 4]);
    out
}

#[test]
fn a_png_with_exif_past_the_limit_is_named_not_taken_for_a_copy() {
    let rel = "02宣传展板材料/展板1/03-社区课堂.png";
    let report = check_with(
        rel,
        &png_with_chunks(&chunk(b"eXIf", &vec![0; (1 << 20) + 1])),
    );
    named(&report, rel, "photo-over-limit", "1 MB");
}

#[test]
fn a_png_with_chunks_past_the_limit_is_named() {
    let rel = "02宣传展板材料/展板1/03-社区课堂.png";
    let report = check_with(rel, &png_with_chunks(&chunk(b"prVt", &[]).repeat(100_000)));
    named(&report, rel, "photo-over-limit", "100000");
}

#[test]
fn an_mp4_with_boxes_past_the_limit_is_named() {
    let rel = "03特色案例/活动视频.mp4";
    let mut mp4 = 20u32.to_be_bytes().to_vec();
    mp4.extend(b"ftypisom\0\0\x02\0isom");
    // With the file type box, one box more than the 100,000 walked.
    mp4.extend(b"\0\0\0\x08free".repeat(100_000));
    let report = check_with(rel, &mp4);
    named(&report, rel, "video-broken", "100000");
}

#[test]
fn an_avi_with_chunks_past_the_limit_before_its_pictures_is_named() {
    let rel = "03特色案例/活动录像.avi";
    let mut body = b"AVI ".to_vec();
    body.extend(b"JUNK\0\0\0\0".repeat(10_000));
    body.extend(b"LIST\x10\0\0\0movi00dc\x04\0\0\0abcd");
    let mut avi = b"RIFF".to_vec();
    avi.extend((body.len() as u32).to_le_bytes());
    avi.extend(body);
    let report = check_with(rel, &avi);
    named(&report, rel, "video-broken", "10000");
}
