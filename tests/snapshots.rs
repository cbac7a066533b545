//! The outputs people read, locked as reviewed snapshots (`tests/snapshots/*.snap`):
//! the single and batch tables in both languages, the JSON and CSV of the examples, a
//! reply letter and a reminder letter, `rules` and `explain`, and the HTML page (its
//! thumbnails as placeholders). A change to any of them
//! shows up as a diff to review, not as a substring assertion that still passes.
//!
//! To accept intended changes: `INSTA_UPDATE=always cargo test --test snapshots`, then
//! review the `.snap` files in the diff.

mod common;

use std::path::Path;

use common::*;

/// Run from the package root with relative paths, so no temporary or absolute path
/// reaches the output; modification times are redacted.
fn run_here(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baosong"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run baosong");
    redact(&String::from_utf8_lossy(&out.stdout))
}

fn redact(text: &str) -> String {
    // Files' modification times change with every checkout; the photos' shooting
    // times (EXIF, all in 2020) do not, and stay.
    let mtime = regex::Regex::new(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}").unwrap();
    mtime
        .replace_all(text, |m: &regex::Captures| {
            if m[0].starts_with("2020-") {
                m[0].to_owned()
            } else {
                "[modified]".to_owned()
            }
        })
        .into_owned()
}

const AS_OF: [&str; 2] = ["--as-of", "2020-12-31"];

#[test]
fn single_tables() {
    for (city, lang) in [("沈阳市", "zh"), ("鞍山市", "zh"), ("鞍山市", "en")] {
        let path = format!("examples/{city}");
        let mut args = vec!["check", &path, "--lang", lang];
        args.extend(AS_OF);
        insta::assert_snapshot!(format!("table_{city}_{lang}"), run_here(&args));
    }
}

#[test]
fn batch_tables() {
    for lang in ["zh", "en"] {
        let mut args = vec!["check", "examples", "--batch", "--lang", lang];
        args.extend(AS_OF);
        insta::assert_snapshot!(format!("batch_{lang}"), run_here(&args));
    }
}

#[test]
fn json_of_an_example() {
    let mut args = vec!["check", "examples/鞍山市", "--format", "json"];
    args.extend(AS_OF);
    insta::assert_snapshot!("json_鞍山市", run_here(&args));
}

#[test]
fn json_of_the_batch() {
    let mut args = vec!["check", "examples", "--batch", "--format", "json"];
    args.extend(AS_OF);
    insta::assert_snapshot!("json_batch", run_here(&args));
}

#[test]
fn csv_and_letters_of_the_examples() {
    let out = Dir::new();
    let csv = out.join("问题.csv");
    let replies = out.join("反馈");
    let mut args = vec![
        "check",
        "examples",
        "--batch",
        "--report",
        csv.to_str().unwrap(),
        "--replies",
        replies.to_str().unwrap(),
    ];
    args.extend(AS_OF);
    run_here(&args);
    let read = |path: &Path| redact(&std::fs::read_to_string(path).unwrap().replace("\r\n", "\n"));
    insta::assert_snapshot!("csv_examples", read(&csv));
    insta::assert_snapshot!("letter_鞍山市", read(&replies.join("鞍山市-反馈.txt")));
    insta::assert_snapshot!("reminder_大连市", read(&replies.join("大连市-反馈.txt")));
}

/// The letter to a city that sent twice (everything, then its boards again) with some
/// 40 problems: grouped by file, numbered once, the same problem on a whole board said
/// once, the notice's title and the contact line.
#[test]
fn letter_of_a_busy_city_that_sent_twice() {
    let d = Dir::new();
    busy_city_sent_twice(&d, |_| {});
    let replies = d.join("反馈");
    let run = baosong(&[
        "check",
        d.join("收件箱").to_str().unwrap(),
        "--batch",
        "--as-of",
        "2020-12-31",
        "--replies",
        replies.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let letter = std::fs::read_to_string(replies.join("鞍山市-反馈.txt"))
        .unwrap()
        .replace("\r\n", "\n");
    insta::assert_snapshot!("letter_busy_city", letter);
}

#[test]
fn rules_and_explain() {
    insta::assert_snapshot!("rules_zh", run_here(&["rules"]));
    insta::assert_snapshot!("rules_en", run_here(&["rules", "--lang", "en"]));
    insta::assert_snapshot!(
        "explain_photo_too_small",
        run_here(&["explain", "photo-too-small"])
    );
    insta::assert_snapshot!(
        "explain_file_over_read_limit_en",
        run_here(&["explain", "file-over-read-limit", "--lang", "en"])
    );
}

#[test]
fn html_of_an_example() {
    let d = Dir::new();
    let page = d.join("report.html");
    let page_arg = page.display().to_string();
    let mut args = vec!["check", "examples/鞍山市", "--report", &page_arg];
    args.extend(AS_OF);
    run_here(&args);
    let html = std::fs::read_to_string(&page).unwrap();
    // Thumbnails are checked in a browser (tests/html.rs); here they are placeholders,
    // and each element starts a line so that a change reads as a diff.
    let data = regex::Regex::new(r"data:image/jpeg;base64,[A-Za-z0-9+/=]+").unwrap();
    let html = data.replace_all(&html, "data:image/jpeg;base64,[thumbnail]");
    let html = html.replace("><", ">\n<");
    let css_end = html.find("</style>").unwrap();
    let body = &html[css_end..];
    insta::assert_snapshot!("html_鞍山市", redact(body));
}
