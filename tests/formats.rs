//! Every document format through `baosong count`, which uses the same extraction as
//! `check`: real files from LibreOffice, and .docx packages shaped the way Word, WPS
//! and strict OOXML writers shape them.

mod common;

use common::*;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn words_of(d: &Dir, file: &str, extra: &[&str]) -> u64 {
    let (_, json) = count_json(d, &[file], extra);
    json[0]["words"]
        .as_u64()
        .unwrap_or_else(|| panic!("{file}: {json:#}"))
}

/// A Word package with a main part, footnotes, a header, and what WPS adds.
fn word_package(main_path: &str, namespace: &str) -> Vec<u8> {
    let p = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{namespace}"><w:body>{}{}<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>第三页</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p></w:body></w:document>"#,
        p("正文十个字的一段话。"),
        p("Hello World"),
    );
    let footnotes = format!(
        r#"<w:footnotes xmlns:w="{namespace}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1">{}</w:footnote></w:footnotes>"#,
        p("脚注五个字")
    );
    let header = format!(r#"<w:hdr xmlns:w="{namespace}">{}</w:hdr>"#, p("页眉四字"));
    let folder = main_path.rsplit_once('/').map_or("", |(f, _)| f);
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="{main_path}"/></Relationships>"#
    );
    zip_of(&[
        (
            "[Content_Types].xml",
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
        ),
        ("_rels/.rels", &rels),
        (main_path, &document),
        (&format!("{folder}/footnotes.xml"), &footnotes),
        (&format!("{folder}/header1.xml"), &header),
        (
            "docProps/custom.xml",
            r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"><property name="KSOProductBuildVer"><vt:lpwstr xmlns:vt="v">2052-11.1.0.9912</vt:lpwstr></property></Properties>"#,
        ),
    ])
}

// Main part: 正文十个字的一段话。(10) + Hello World (2) + 第三页 (3, a field result;
// the field code PAGE is not text) + one Wingdings symbol (1) = 16.
const MAIN: u64 = 16;
const FOOTNOTE: u64 = 5;
const HEADER: u64 = 4;

#[test]
fn notes_count_and_headers_do_not_by_default_like_word() {
    let d = Dir::new();
    d.write("a.docx", word_package("word/document.xml", W));
    assert_eq!(words_of(&d, "a.docx", &[]), MAIN + FOOTNOTE);
}

#[test]
fn counting_options_in_rules_change_what_counts() {
    let d = Dir::new();
    d.write("a.docx", word_package("word/document.xml", W));
    let rules = baosong(&["rules", "--dump"])
        .stdout
        .replace("notes = true", "notes = false")
        .replace("headers-footers = false", "headers-footers = true");
    d.write("r.toml", &rules);
    let r = d.join("r.toml");
    assert_eq!(
        words_of(&d, "a.docx", &["--rules", r.to_str().unwrap()]),
        MAIN + HEADER
    );
}

#[test]
fn strict_ooxml_with_its_main_part_elsewhere_is_read() {
    let d = Dir::new();
    d.write(
        "strict.docx",
        word_package(
            "doc/main.xml",
            "http://purl.oclc.org/ooxml/wordprocessingml/main",
        ),
    );
    assert_eq!(words_of(&d, "strict.docx", &[]), MAIN + FOOTNOTE);
}

#[test]
fn libreoffice_documents_agree_with_each_other() {
    let d = Dir::new();
    for name in ["board.doc", "board.odt", "board.pdf"] {
        d.write(name, fixture(name));
    }
    d.write("board.wps", fixture("board.doc"));
    d.write(
        "board.txt",
        gbk(&format!(
            "沈阳市全民终身学习活动周展板文字\r\n{}\r\nHello World! 2020年共3天。\r\n",
            SENTENCE.repeat(20)
        )),
    );
    let (code, json) = count_json(
        &d,
        &[
            "board.doc",
            "board.wps",
            "board.odt",
            "board.pdf",
            "board.txt",
        ],
        &[],
    );
    assert_eq!(code, 0, "{json:#}");
    for item in json.as_array().unwrap() {
        assert_eq!(item["words"], FIXTURE_WORDS, "{item}");
        assert_eq!(item["chars_no_spaces"], 336, "{item}");
        assert_eq!(item["han"], 299, "{item}");
    }
    assert_eq!(json[0]["format"], "doc");
    assert_eq!(json[1]["format"], "doc", "a .wps is a Word 97 file");
    assert_eq!(json[3]["format"], "pdf");
}

#[test]
fn count_reports_errors_per_file_and_goes_on() {
    let d = Dir::new();
    d.write("scan.pdf", scanned_pdf(128));
    d.write("broken.docx", b"PK\x03\x04 broken");
    d.write("good.docx", docx(&["十个字十个字十个字十"]));
    d.write("photo.jpg", photo());
    let (code, json) = count_json(
        &d,
        &["scan.pdf", "broken.docx", "good.docx", "photo.jpg"],
        &[],
    );
    assert_eq!(code, 1);
    assert!(
        json[0]["error"].as_str().unwrap().contains("扫描"),
        "{json:#}"
    );
    assert!(json[1]["error"].is_string(), "{json:#}");
    assert_eq!(json[2]["words"], 10);
    assert!(json[3]["error"].is_string(), "{json:#}");
    let table = baosong(&["count", d.join("good.docx").to_str().unwrap()]);
    assert_eq!(table.code, 0);
    assert!(table.stdout.contains("字数（Word）"), "{}", table.stdout);
    assert!(table.stdout.contains("| 10 "), "{}", table.stdout);
}

#[test]
fn read_limit_from_rules_bounds_what_is_read() {
    let d = Dir::new();
    d.write("big.txt", "长".repeat(700_000)); // 2.1 MB of UTF-8
    let rules = baosong(&["rules", "--dump"])
        .stdout
        .replace("read-mb = 64", "read-mb = 1");
    d.write("r.toml", &rules);
    let r = d.join("r.toml");
    let (code, json) = count_json(&d, &["big.txt"], &["--rules", r.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        json[0]["error"].as_str().unwrap().contains("1 MB"),
        "{json:#}"
    );
    let (code, json) = count_json(&d, &["big.txt"], &[]);
    assert_eq!(code, 0);
    assert_eq!(json[0]["words"], 700_000);
}
