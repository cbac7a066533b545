//! baosong never changes a submission: every command and output option is run over a
//! folder and a zip, and every file's bytes and modification time are compared before
//! and after. Reports and replies go only where they are pointed.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use common::*;

/// Every entry below `root`: its bytes' hash and mtime (files), or just its presence.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Option<([u8; 32], SystemTime)>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path.clone());
                out.insert(path, None);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                let hash = *blake3::hash(&bytes).as_bytes();
                out.insert(path, Some((hash, meta.modified().unwrap())));
            }
        }
    }
    out
}

#[test]
fn no_command_or_option_changes_a_submission_folder_or_zip() {
    let d = Dir::new();
    valid_submission(&d, "收件箱/沈阳市");
    // Broken and odd material too, so that every reader runs.
    d.write("收件箱/沈阳市/04先进典型/坏.docx", b"PK\x03\x04 broken");
    d.write("收件箱/沈阳市/~$工作方案.docx", [7u8; 162]);
    let scratch = Dir::new();
    valid_submission(&scratch, "大连市");
    d.write(
        "收件箱/大连市.zip",
        zip_tree(&scratch.join("大连市"), Names::Gbk),
    );
    let inbox = d.join("收件箱");
    let city = d.join("收件箱/沈阳市");
    let zip = d.join("收件箱/大连市.zip");
    let before = snapshot(d.path());

    let out = Dir::new();
    let o = |name: &str| out.join(name).to_str().unwrap().to_owned();
    let (inbox, city, zip) = (
        inbox.to_str().unwrap(),
        city.to_str().unwrap(),
        zip.to_str().unwrap(),
    );
    let doc = d.join("收件箱/沈阳市/06活动周工作总结.docx");
    let runs: Vec<Vec<String>> = vec![
        vec!["check".into(), city.into()],
        vec!["check".into(), zip.into(), "--format".into(), "json".into()],
        vec!["check".into(), inbox.into(), "--lang".into(), "en".into()],
        vec![
            "check".into(),
            inbox.into(),
            "--batch".into(),
            "--deep".into(),
        ],
        vec![
            "check".into(),
            inbox.into(),
            "--single".into(),
            "--jobs".into(),
            "1".into(),
        ],
        vec![
            "check".into(),
            inbox.into(),
            "--report".into(),
            o("r.xlsx"),
            "--replies".into(),
            o("replies"),
        ],
        vec!["check".into(), inbox.into(), "--report".into(), o("r.csv")],
        vec!["check".into(), inbox.into(), "--report".into(), o("r.json")],
        vec!["check".into(), inbox.into(), "--report".into(), o("r.html")],
        // A folder dropped on baosong.exe: its page goes to the temp folder.
        vec![city.into()],
        vec![
            "count".into(),
            doc.to_str().unwrap().into(),
            "--format".into(),
            "json".into(),
        ],
        vec!["rules".into()],
        vec!["rules".into(), "--dump".into()],
        vec!["explain".into(), "file-debris".into()],
        // Refused: a report inside the submission, over an input file.
        vec![
            "check".into(),
            city.into(),
            "--report".into(),
            doc.to_str().unwrap().replace(".docx", ".csv"),
        ],
        vec!["check".into(), zip.into(), "--report".into(), zip.into()],
    ];
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = baosong(&args);
        assert!(run.code <= 2, "{args:?}: {}", run.stderr);
        assert!(
            !run.stderr.contains("panicked") && !run.stderr.contains("internal error"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(before, snapshot(d.path()), "the submissions changed");
    for written in [
        "r.xlsx",
        "r.csv",
        "r.json",
        "r.html",
        "replies/沈阳市-反馈.txt",
    ] {
        assert!(out.join(written).exists(), "{written} was not written");
    }
}
