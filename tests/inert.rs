//! Text from a submission is shown, never obeyed: file, folder and zip member names,
//! EXIF strings and roster cells holding terminal escapes, control characters, a
//! newline, a bidi override and spreadsheet formulas reach the console, the letters,
//! the CSV, the page and the workbook as visible text (`\u{1b}`), and the JSON as the
//! real characters.

mod common;

use std::path::Path;

use calamine::{Data, Reader};
use common::*;

/// Clears the screen; sets the terminal's title (ended by a bell); SOH; a newline that
/// would forge a line; the right-to-left override; NEL, a C1 control.
const HOSTILE: &str = "\x1b[2J\x1b]0;title\x07\u{1}\nFORGED\u{202e}gpj\u{85}";

/// The characters of [`HOSTILE`] that must never reach an output raw.
const RAW: [char; 5] = ['\x1b', '\x07', '\u{1}', '\u{202e}', '\u{85}'];

/// The name of a submission that matches no city: a formula, then [`HOSTILE`].
fn odd_name() -> String {
    format!("=HYPERLINK(\"http:e.example\"){HOSTILE}")
}

/// An inbox: 沈阳市 with a hostile photo name, EXIF and roster row; a folder named like
/// a formula holding files named like formulas; 大连市.zip with hostile member names.
fn hostile_inbox(inbox: &Dir) {
    valid_submission(inbox, "沈阳市");
    inbox.write(
        &format!("沈阳市/02宣传展板材料/展板1/03-读书会{HOSTILE}.jpg"),
        jpeg_make_software(
            &format!("HUAWEI{HOSTILE}"),
            &format!("Photoshop{HOSTILE}"),
            90,
        ),
    );
    let mut rows = attendees(6);
    rows.push(vec![
        "7".into(),
        "\x1b[2J\u{202e}\u{85}\nFORGED".into(),
        "@SUM(1+1)".into(),
        "+1".into(),
    ]);
    inbox.write(
        "沈阳市/05开幕式参会人员名单.xlsx",
        roster_xlsx(None, &["序号", "姓名", "单位", "电话"], &rows),
    );
    let odd = odd_name();
    inbox.write(&format!("{odd}/+1{HOSTILE}.docx"), b"not a document");
    inbox.write(&format!("{odd}/-1.jpg"), b"not a photo");
    inbox.write(&format!("{odd}/@SUM(1+1).jpg"), b"not a photo");
    let members = [
        Member {
            name: format!("大连市/02宣传展板材料/展板1/照片{HOSTILE}.jpg").into_bytes(),
            data: b"\xff\xd8\xff broken".to_vec(),
        },
        Member {
            name: format!("大连市/-1{HOSTILE}.docx").into_bytes(),
            data: b"not a document".to_vec(),
        },
    ];
    inbox.write("大连市.zip", zip_raw(&members, true, true));
}

/// `text` holds the hostile names, shown: escapes visible, no raw control, no line
/// that the newline of a name would have started.
fn assert_inert(what: &str, text: &str) {
    for c in RAW {
        assert!(!text.contains(c), "{what} holds {c:?} raw:\n{text}");
    }
    assert!(
        !text.contains("\nFORGED"),
        "{what} has a forged line:\n{text}"
    );
    for shown in [r"\u{1b}[2J", r"\u{1b}]0;title\u{7}", r"\u{a}FORGED\u{202e}"] {
        assert!(
            text.contains(shown),
            "{what} does not show {shown}:\n{text}"
        );
    }
}

fn check(inbox: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["check", inbox.to_str().unwrap(), "--as-of", "2020-12-31"];
    args.extend_from_slice(extra);
    let run = baosong(&args);
    assert!(matches!(run.code, 0 | 1), "{}\n{}", run.stdout, run.stderr);
    run
}

#[test]
fn console_csv_page_and_workbook_show_hostile_names_as_text() {
    let (inbox, out) = (Dir::new(), Dir::new());
    hostile_inbox(&inbox);
    let (csv, html, xlsx) = (out.join("r.csv"), out.join("r.html"), out.join("r.xlsx"));
    let run = check(
        inbox.path(),
        &[
            "--report",
            csv.to_str().unwrap(),
            "--report",
            html.to_str().unwrap(),
            "--report",
            xlsx.to_str().unwrap(),
        ],
    );
    assert_inert("the console", &format!("{}{}", run.stdout, run.stderr));
    // The EXIF Software string and the roster cell reach the console too.
    assert!(run.stdout.contains(r"Photoshop\u{1b}[2J"), "{}", run.stdout);
    assert!(
        run.stdout.contains(r"“7 \u{1b}[2J\u{202e}"),
        "{}",
        run.stdout
    );

    let page = String::from_utf8(std::fs::read(&html).unwrap()).unwrap();
    assert_inert("the page", &page);

    let text = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    assert_inert("the CSV", &text);
    let fields: Vec<String> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    for field in &fields {
        assert!(
            !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a CSV field Excel reads as a formula: {field}"
        );
    }
    for guarded in ["'=HYPERLINK", "'+1", "'-1", "'@SUM"] {
        assert!(
            fields.iter().any(|f| f.starts_with(guarded)),
            "no field {guarded}…"
        );
    }

    let strings = workbook_strings(&xlsx);
    assert_inert("the workbook", &strings.join("\n"));
    for formula in ["=HYPERLINK", "+1", "-1", "@SUM"] {
        assert!(
            strings.iter().any(|s| s.starts_with(formula)),
            "no string cell {formula}…"
        );
    }
}

/// Every cell of every sheet of the workbook at `path`, as text; fails on a formula or
/// on a cell that is not text where text was written.
fn workbook_strings(path: &Path) -> Vec<String> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let mut out = Vec::new();
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(.., f)| f.is_empty()),
            "a formula in {sheet}"
        );
        for (.., cell) in book.worksheet_range(&sheet).unwrap().used_cells() {
            match cell {
                Data::String(s) => out.push(s.clone()),
                Data::Empty => {}
                other => panic!("{sheet}: a cell that is not text: {other:?}"),
            }
        }
    }
    out
}

#[test]
fn letters_show_hostile_names_as_text() {
    let (inbox, out) = (Dir::new(), Dir::new());
    hostile_inbox(&inbox);
    let replies = out.join("replies");
    check(inbox.path(), &["--replies", replies.to_str().unwrap()]);
    let mut all = String::new();
    for entry in std::fs::read_dir(&replies).unwrap() {
        let path = entry.unwrap().path();
        let letter = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
        for c in RAW {
            assert!(!letter.contains(c), "{path:?} holds {c:?} raw:\n{letter}");
        }
        all.push_str(&letter);
    }
    assert_inert("the letters", &all);
    // The letter to the submission matching no city greets it by its name, shown.
    let odd = odd_name().replace('\x1b', r"\u{1b}");
    assert!(all.contains(&odd[..30]), "{all}");
}

#[test]
fn json_keeps_the_real_characters() {
    let inbox = Dir::new();
    hostile_inbox(&inbox);
    let run = check(inbox.path(), &["--format", "json"]);
    // serde_json escapes the C0 controls; the C1 and bidi controls are escaped too.
    for c in RAW {
        assert!(!run.stdout.contains(c), "the JSON holds {c:?} raw");
    }
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut strings = Vec::new();
    collect_strings(&json, &mut strings);
    let has = |s: &str| strings.iter().any(|v| v.contains(s));
    assert!(strings.contains(&odd_name()), "{strings:#?}");
    assert!(
        has(&format!("展板1/03-读书会{HOSTILE}.jpg")),
        "{strings:#?}"
    );
    // The EXIF reader trims the trailing NEL, as it trims spaces.
    let software = format!("Photoshop{}", HOSTILE.trim_end());
    assert!(has(&software), "{strings:#?}");
    assert!(has(&format!("-1{HOSTILE}.docx")), "{strings:#?}");
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

#[test]
fn a_name_too_long_for_a_cell_is_cut_with_a_mark() {
    let (inbox, out) = (Dir::new(), Dir::new());
    valid_submission(&inbox, "沈阳市");
    let long = format!("大连市/{}.jpg", "x".repeat(33_000));
    let members = [Member {
        name: long.into_bytes(),
        data: b"not a photo".to_vec(),
    }];
    inbox.write("大连市.zip", zip_raw(&members, true, true));
    let (xlsx, csv) = (out.join("r.xlsx"), out.join("r.csv"));
    check(
        inbox.path(),
        &[
            "--report",
            xlsx.to_str().unwrap(),
            "--report",
            csv.to_str().unwrap(),
        ],
    );
    let strings = workbook_strings(&xlsx);
    let cut: Vec<&String> = strings
        .iter()
        .filter(|s| s.ends_with("…（已截断）"))
        .collect();
    assert!(!cut.is_empty(), "no cell cut");
    for s in &strings {
        assert!(s.encode_utf16().count() <= 32_767);
    }
    assert!(cut.iter().all(|s| s.contains(&"x".repeat(30_000))));
    let text = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    assert!(text.contains("x…（已截断）"));
}

#[test]
fn one_submission_checked_alone_shows_its_names_as_text() {
    let (inbox, out) = (Dir::new(), Dir::new());
    hostile_inbox(&inbox);
    let html = out.join("r.html");
    let odd = inbox.join(&odd_name());
    let run = check(&odd, &["--report", html.to_str().unwrap()]);
    // stderr too: its notes name the path given on the command line.
    assert_inert("the console", &format!("{}{}", run.stdout, run.stderr));
    let page = String::from_utf8(std::fs::read(&html).unwrap()).unwrap();
    assert_inert("the page", &page);
}
