//! Containers whose declared structure would make a reader's work or memory explode,
//! through the binary on real bytes made at test time: compound files (.xls, .doc,
//! .ppt) whose sector chains loop, sheets declaring millions of cells (.ods repeats,
//! an .xls DIMENSIONS record, a .csv row of a million commas, a row past the row
//! limit), and a zip inside a zip of 40,000 files. Each run ends with exit 0 or 1
//! (never a signal), the file is named by its finding and does not count, and the
//! rest of the submission is checked as usual.

mod common;

use std::io::{Cursor, Read, Write};

use common::*;

const ROOT: &str = "锦州市";
const ROSTER: &str = "05开幕式参会人员名单.xlsx";

fn rel(path: &str) -> String {
    format!("{ROOT}/{path}")
}

/// Checks `path`; the run ends by itself, with no panic, whatever it met.
fn run(path: &std::path::Path) -> serde_json::Value {
    let (run, report) = check_run(path, &[]);
    assert!(
        run.code == 0 || run.code == 1,
        "exit {} (a signal is -1): {}",
        run.code,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    report
}

/// The codes and messages of the findings of requirement `id` about `path`.
fn about(report: &serde_json::Value, id: &str, path: &str) -> Vec<(String, String)> {
    requirement(report, id)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path)
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap().to_owned();
            (text("code"), text("message"))
        })
        .collect()
}

/// A valid submission whose roster is `bytes` named `name`.
fn with_roster(name: &str, bytes: &[u8]) -> serde_json::Value {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    d.remove(&rel(ROSTER));
    d.write(&rel(name), bytes);
    run(&d.join(ROOT))
}

/// The roster `name` was refused with `code`, its message saying `words`; nobody was
/// counted from it, and every other requirement still passes.
fn roster_refused(report: &serde_json::Value, name: &str, code: &str, words: &str) {
    let found = about(report, "attendees", name);
    assert_eq!(found.first().map(|f| f.0.as_str()), Some(code), "{found:?}");
    assert!(found[0].1.contains(words), "{}", found[0].1);
    assert_eq!(status(report, "attendees"), "fail");
    let counted = summary(report, "attendees");
    assert!(!counted.contains(name), "{counted}");
    for id in ["plan", "boards", "cases", "exemplars", "summary"] {
        assert_eq!(status(report, id), "pass", "{id}");
    }
}

// ---- compound files ----------------------------------------------------------

/// A compound file's FAT, directory and entries, enough to damage them on purpose
/// (files of up to 109 FAT sectors: every file made or committed here).
struct Compound(Vec<u8>);

impl Compound {
    fn u32_at(&self, at: usize) -> u32 {
        u32::from_le_bytes(self.0[at..at + 4].try_into().unwrap())
    }

    fn sector_len(&self) -> usize {
        1 << u16::from_le_bytes([self.0[30], self.0[31]])
    }

    /// Where sector `id`'s FAT entry is.
    fn fat_at(&self, id: u32) -> usize {
        let per = (self.sector_len() / 4) as u32;
        let fat_sector = self.u32_at(76 + 4 * (id / per) as usize);
        (fat_sector as usize + 1) * self.sector_len() + 4 * (id % per) as usize
    }

    fn set_next(&mut self, id: u32, next: u32) {
        let at = self.fat_at(id);
        self.0[at..at + 4].copy_from_slice(&next.to_le_bytes());
    }

    /// Where the directory entry named `name` is.
    fn entry_at(&self, name: &str) -> usize {
        let mut sector = self.u32_at(48);
        while sector != 0xFFFF_FFFE {
            let start = (sector as usize + 1) * self.sector_len();
            for at in (start..start + self.sector_len()).step_by(128) {
                let units: Vec<u16> = self.0[at..at + 64]
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .take_while(|&u| u != 0)
                    .collect();
                if String::from_utf16_lossy(&units) == name {
                    return at;
                }
            }
            sector = self.u32_at(self.fat_at(sector));
        }
        panic!("no entry {name}")
    }

    /// The directory chain's first sector points at itself.
    fn directory_looped(mut self) -> Vec<u8> {
        let first = self.u32_at(48);
        self.set_next(first, first);
        self.0
    }

    /// The stream's first sector points at itself, and the stream claims 4 GB: a
    /// reader that follows the chain for the declared length grows without end.
    fn stream_looped(mut self, name: &str) -> Vec<u8> {
        let entry = self.entry_at(name);
        let start = self.u32_at(entry + 116);
        self.set_next(start, start);
        self.0[entry + 120..entry + 124].copy_from_slice(&u32::MAX.to_le_bytes());
        self.0
    }
}

/// A compound file made by the `cfb` crate holding one 20 KB stream `name`.
fn made_compound(name: &str) -> Compound {
    let cursor = Cursor::new(Vec::new());
    let mut file = cfb::CompoundFile::create_with_version(cfb::Version::V3, cursor).unwrap();
    file.create_stream(name)
        .unwrap()
        .write_all(&[9u8; 20_000])
        .unwrap();
    file.flush().unwrap();
    Compound(file.into_inner().into_inner())
}

#[test]
fn spreadsheets_whose_sector_chains_loop_are_damaged_not_an_abort() {
    let name = "05开幕式参会人员名单.xls";
    let cases = [
        Compound(fixture("roster.xls")).directory_looped(),
        Compound(fixture("roster.xls")).stream_looped("Workbook"),
        made_compound("/Workbook").stream_looped("Workbook"),
    ];
    for bytes in cases {
        let report = with_roster(name, &bytes);
        roster_refused(&report, name, "roster-unreadable", "另存为 .xlsx");
    }
}

#[test]
fn documents_whose_sector_chains_loop_are_damaged_not_an_abort() {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    let valid = summary(&run(&d.join(ROOT)), "exemplars");
    let documents = [
        (
            "目录循环.doc",
            Compound(fixture("board.doc")).directory_looped(),
            ".docx",
        ),
        (
            "正文循环.doc",
            Compound(fixture("board.doc")).stream_looped("WordDocument"),
            ".docx",
        ),
        (
            "自制.doc",
            made_compound("/WordDocument").stream_looped("WordDocument"),
            ".docx",
        ),
        (
            "目录循环.wps",
            Compound(fixture("board.doc")).directory_looped(),
            ".docx",
        ),
        (
            "幻灯片.ppt",
            Compound(fixture("deck.ppt")).stream_looped("PowerPoint Document"),
            ".pptx",
        ),
    ];
    for (name, bytes, _) in &documents {
        d.write(&rel(&format!("04先进典型/{name}")), bytes);
    }
    let report = run(&d.join(ROOT));
    for (name, _, target) in &documents {
        let found = about(&report, "exemplars", &format!("04先进典型/{name}"));
        assert_eq!(
            found.first().map(|f| f.0.as_str()),
            Some("document-unreadable")
        );
        assert!(
            found[0].1.contains(&format!("另存为 {target}")),
            "{}",
            found[0].1
        );
    }
    // None of them counts: what counts is what the valid submission had.
    assert_eq!(summary(&report, "exemplars"), valid);
    assert_eq!(status(&report, "exemplars"), "fail");
    assert_eq!(status(&report, "boards"), "pass");
}

// ---- sheets ------------------------------------------------------------------

/// An .ods whose only table holds `rows` (the XML of its `table:table-row`s).
fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="名单">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", &content),
    ])
}

fn ods_row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!(r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#))
        .collect();
    format!("<table:table-row>{cells}</table:table-row>")
}

/// The roster of [`attendees`] as .ods rows, with the header.
fn ods_roster() -> String {
    let mut rows = ods_row(&["序号", "姓名", "单位", "电话"]);
    for person in attendees(6) {
        let cells: Vec<&str> = person.iter().map(String::as_str).collect();
        rows.push_str(&ods_row(&cells));
    }
    rows
}

#[test]
fn an_ods_declaring_ten_million_cells_is_refused_before_it_is_read() {
    // 10,000 rows of 1,000 cells, each repeated: an 800-byte part, 10,000,000 cells.
    let bomb = r#"<table:table-row table:number-rows-repeated="10000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>王丽</text:p></table:table-cell></table:table-row>"#;
    let name = "05开幕式参会人员名单.ods";
    let report = with_roster(name, &ods(&format!("{}{bomb}", ods_roster())));
    roster_refused(&report, name, "sheet-too-large", "1000000");
}

#[test]
fn a_csv_row_of_a_million_commas_is_refused_before_it_is_split() {
    let mut csv = "序号,姓名,单位,电话\r\n".to_owned();
    csv.push_str(&",".repeat(1_000_000));
    let name = "05开幕式参会人员名单.csv";
    let report = with_roster(name, csv.as_bytes());
    roster_refused(&report, name, "sheet-too-large", "1000000");
}

#[test]
fn an_xls_whose_dimensions_claim_a_quarter_billion_cells_is_refused() {
    // The DIMENSIONS record (type 0x0200, 14 bytes) of the committed roster, made to
    // claim rows 0..1,048,576 and columns 0..256.
    let mut xls = fixture("roster.xls");
    let head = [0x00, 0x02, 0x0E, 0x00];
    let found: Vec<usize> = (0..xls.len() - 4)
        .filter(|&i| xls[i..i + 4] == head)
        .collect();
    assert_eq!(found.len(), 1, "one DIMENSIONS record");
    let data = found[0] + 4;
    xls[data + 4..data + 8].copy_from_slice(&0x0010_0000u32.to_le_bytes());
    xls[data + 10..data + 12].copy_from_slice(&0x0100u16.to_le_bytes());
    let name = "05开幕式参会人员名单.xls";
    let report = with_roster(name, &xls);
    roster_refused(&report, name, "sheet-too-large", "1000000");
}

#[test]
fn a_sheet_with_a_cell_past_the_row_limit_is_refused_not_cut() {
    // An .xlsx with the roster at the top and a note in row 20,000.
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
    ws.write_string(20_000, 0, "备注").unwrap();
    let report = with_roster(ROSTER, &wb.save_to_buffer().unwrap());
    roster_refused(&report, ROSTER, "sheet-too-large", "10000");
    // A .csv of 10,001 rows likewise.
    let mut csv = "序号,姓名\r\n".to_owned();
    for i in 0..10_000 {
        csv.push_str(&format!("{i},王丽\r\n"));
    }
    let name = "05开幕式参会人员名单.csv";
    let report = with_roster(name, csv.as_bytes());
    roster_refused(&report, name, "sheet-too-large", "10000");
}

/// Replaces `from` by `to` in the part `part` of the zip `bytes`.
fn patched(bytes: &[u8], part: &str, from: &str, to: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if name == part {
            let text = String::from_utf8(data).unwrap();
            assert!(text.contains(from), "{text}");
            data = text.replace(from, to).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn rosters_declaring_a_whole_sheet_but_holding_a_roster_still_count() {
    // LibreOffice ends a formatted sheet with a million empty rows repeated: nothing
    // is laid out for them.
    let trailing = r#"<table:table-row table:number-rows-repeated="1048569"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
    let name = "05开幕式参会人员名单.ods";
    let report = with_roster(name, &ods(&format!("{}{trailing}", ods_roster())));
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
    assert!(summary(&report, "attendees").contains("6 人"));
    // An .xlsx whose sheet says it spans A1:XFD1048576: it is read cell by cell, and
    // what it declares is never laid out.
    let roster = roster_xlsx(None, &["序号", "姓名", "单位", "电话"], &attendees(6));
    let sheet = "xl/worksheets/sheet1.xml";
    let whole = patched(
        &roster,
        sheet,
        "<dimension ref=\"A1:D7\"/>",
        "<dimension ref=\"A1:XFD1048576\"/>",
    );
    let report = with_roster(ROSTER, &whole);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
    assert!(summary(&report, "attendees").contains("6 人"));
}

// ---- a zip inside a zip ------------------------------------------------------

#[test]
fn a_zip_inside_a_zip_of_forty_thousand_files_is_read_in_one_pass() {
    // 40,000 one-byte files in a 270 KB zip, zipped again with the submission: each of
    // its members used to inflate the inner zip again from its first byte.
    let files: Vec<Member> = (0..40_000)
        .map(|i| Member {
            name: format!("杂项/{i}.txt").into_bytes(),
            data: vec![b'0' + (i % 10) as u8],
        })
        .collect();
    let d = Dir::new();
    valid_submission(&d, ROOT);
    d.write(&rel("04先进典型/杂项.zip"), zip_raw(&files, true, true));
    let outer = zip_tree(&d.join(ROOT), Names::Utf8Flagged);
    d.remove(ROOT);
    d.write("锦州市材料.zip", outer);
    let report = run(&d.join("锦州市材料.zip"));
    // Every member was read: their ten distinct digits are 10 字, each counted once,
    // and the copies are named.
    let inner = about(&report, "exemplars", &rel("04先进典型/杂项.zip"));
    let codes: Vec<&str> = inner.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(codes, ["entry-text-too-short"]);
    assert!(inner[0].1.contains("只有 10 字"), "{}", inner[0].1);
    let duplicates = about(&report, "exemplars", &rel("04先进典型/杂项.zip/杂项/0.txt"));
    assert_eq!(duplicates[0].0, "file-duplicate");
    assert!(duplicates[0].1.contains("杂项/39990.txt"));
    for id in ["plan", "boards", "cases", "attendees", "summary"] {
        assert_eq!(status(&report, id), "pass", "{id}");
    }
}
