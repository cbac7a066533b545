//! Files are read in reader processes with a memory cap and a time limit: a file
//! whose reader needs more is named (`file-reader-crashed`, `file-reader-timeout`),
//! does not count, and the rest of the run, every other city included, goes on. The
//! limits come from the rules' `[limits]`, set low here so that ordinary large files
//! reach them.

mod common;

use common::*;

/// The built-in rules with one `[limits]` value changed.
fn rules_with(d: &Dir, key: &str, value: u32) -> std::path::PathBuf {
    let dumped = baosong(&["rules", "--dump"]).stdout;
    let line = dumped
        .lines()
        .find(|l| l.starts_with(&format!("{key} =")))
        .unwrap_or_else(|| panic!("{key} is in the shipped rules"));
    let path = d.join("rules.toml");
    std::fs::write(&path, dumped.replace(line, &format!("{key} = {value}"))).unwrap();
    path
}

/// A plan of some 10 MB of GBK text: an ordinary file, but far more than a reader
/// capped at 8 MB may hold, and seconds of reading.
fn long_plan() -> Vec<u8> {
    gbk(&format!("{}\n", board_text(5, 40))).repeat(6_000)
}

/// An inbox of two cities, 大连市's plan being [`long_plan`].
fn inbox(d: &Dir) -> std::path::PathBuf {
    valid_submission(d, "收件箱/沈阳市");
    valid_submission(d, "收件箱/大连市");
    d.remove("收件箱/大连市/01工作方案/沈阳市全民终身学习活动周工作方案.docx");
    d.write("收件箱/大连市/01工作方案/大连市工作方案.txt", long_plan());
    d.join("收件箱")
}

fn plan_finding(report: &serde_json::Value, city: &str) -> (String, String) {
    let sub = report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["city"] == city)
        .unwrap();
    let plan = sub["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "plan")
        .unwrap();
    let f = plan["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(".txt"))
        .unwrap_or_else(|| panic!("{plan:#}"));
    (
        f["code"].as_str().unwrap().to_owned(),
        plan["status"].as_str().unwrap().to_owned(),
    )
}

fn check(inbox: &std::path::Path, rules: &std::path::Path) -> (Run, serde_json::Value) {
    let run = baosong(&[
        "check",
        inbox.to_str().unwrap(),
        "--batch",
        "--rules",
        rules.to_str().unwrap(),
        "--as-of",
        "2020-12-31",
        "--format",
        "json",
    ]);
    let report =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stderr));
    (run, report)
}

#[test]
fn a_file_whose_reader_passes_its_memory_cap_is_named_and_the_others_are_checked() {
    let d = Dir::new();
    let inbox = inbox(&d);
    let rules = rules_with(&d, "reader-mb", 8);
    let (run, report) = check(&inbox, &rules);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        plan_finding(&report, "大连市"),
        ("file-reader-crashed".into(), "fail".into())
    );
    // Every other requirement of that city, and the other city, as without the file.
    assert_eq!(row(&report, "沈阳市")["status"], "pass", "{report:#}");
    let dalian = row(&report, "大连市");
    let cells: Vec<&str> = dalian["requirements"]
        .as_object()
        .unwrap()
        .values()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(
        cells,
        ["fail", "pass", "pass", "pass", "pass", "pass"],
        "{dalian:#}"
    );
    // The reader's own end is not the user's business.
    assert!(!run.stderr.contains("memory allocation"), "{}", run.stderr);
}

#[test]
fn a_file_whose_reader_passes_its_time_is_stopped_and_named() {
    let d = Dir::new();
    let inbox = inbox(&d);
    let rules = rules_with(&d, "reader-seconds", 1);
    let (run, report) = check(&inbox, &rules);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        plan_finding(&report, "大连市"),
        ("file-reader-timeout".into(), "fail".into())
    );
    assert_eq!(row(&report, "沈阳市")["status"], "pass", "{report:#}");
}

#[test]
fn readers_in_processes_and_in_this_process_give_the_same_report() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let args = [
        "check",
        examples,
        "--batch",
        "--as-of",
        "2020-12-31",
        "--format",
        "json",
    ];
    let isolated = baosong(&args);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baosong"))
        .args(args)
        .env("BAOSONG_IN_PROCESS", "1")
        .output()
        .unwrap();
    assert_eq!(isolated.stdout, String::from_utf8_lossy(&out.stdout));
    assert!(isolated.stdout.contains("\"status\""));
}

/// 大连市, its plan a small .docx that is big once unpacked.
fn big_small_docx(d: &Dir) {
    // A .docx of some 200 KB whose text is 48 MB once unpacked: small enough to be read
    // in a batch with the submission's other files, too big for a reader capped at
    // 8 MB, and seconds of reading.
    valid_submission(d, "大连市");
    let paragraph = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", board_text(9, 20));
    let plan = docx_with_body(&paragraph.repeat(60_000));
    assert!(plan.len() < 1024 * 1024, "{} bytes", plan.len());
    d.remove("大连市/01工作方案/沈阳市全民终身学习活动周工作方案.docx");
    d.write("大连市/01工作方案/大连市工作方案.docx", plan);
}

/// Checks 大连市 with one `[limits]` value changed; the plan's code, and the others'
/// statuses.
fn check_city(d: &Dir, key: &str, value: u32) -> (Vec<String>, Vec<String>) {
    let rules = rules_with(d, key, value);
    let run = baosong(&[
        "check",
        d.join("大连市").to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
        "--as-of",
        "2020-12-31",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let others = ["boards", "cases", "exemplars", "attendees", "summary"]
        .iter()
        .map(|id| status(&report, id).to_owned())
        .collect();
    (codes(&report, "plan"), others)
}

#[test]
fn a_small_file_over_the_memory_cap_is_named_in_its_batch_and_the_others_are_read() {
    let d = Dir::new();
    big_small_docx(&d);
    let (plan, others) = check_city(&d, "reader-mb", 8);
    assert_eq!(plan, ["document-missing", "file-reader-crashed"]);
    assert_eq!(others, ["pass"; 5]);
}

#[test]
fn a_small_file_that_hangs_its_batch_is_found_alone_and_the_others_are_read() {
    // The batch's reader is stopped at the limit; read again one by one, only the
    // slow file is named.
    let d = Dir::new();
    big_small_docx(&d);
    let (plan, others) = check_city(&d, "reader-seconds", 1);
    assert_eq!(plan, ["document-missing", "file-reader-timeout"]);
    assert_eq!(others, ["pass"; 5]);
}

#[test]
fn a_damaged_member_of_a_zip_inside_a_zip_is_named_by_a_reader_as_in_this_process() {
    // The inner zip is held in memory; a reader is sent its members' bytes. It used
    // to be sent them unpacked, without their CRC-32, and a damaged video counted.
    let d = Dir::new();
    valid_submission(&d, "沈阳市");
    let video = mp4();
    let mut inner = zip_raw(
        &[Member {
            name: "终身学习品牌项目.mp4".as_bytes().to_vec(),
            data: video.clone(),
        }],
        true,
        false,
    );
    let at = inner
        .windows(video.len())
        .position(|w| w == &video[..])
        .unwrap()
        + video.len()
        - 100;
    inner[at] ^= 0x55;
    d.remove("沈阳市/04先进典型/终身学习品牌项目.mp4");
    d.write("沈阳市/04先进典型/视频.zip", inner);
    d.write(
        "沈阳市.zip",
        zip_tree(&d.join("沈阳市"), Names::Utf8Flagged),
    );
    let zip = d.join("沈阳市.zip");
    let args = [
        "check",
        zip.to_str().unwrap(),
        "--as-of",
        "2020-12-31",
        "--format",
        "json",
    ];
    let isolated = baosong(&args);
    let in_process = baosong_with(&args, &[("BAOSONG_IN_PROCESS", "1")]);
    assert_eq!(isolated.stdout, in_process.stdout);
    let report: serde_json::Value = serde_json::from_str(&isolated.stdout).unwrap();
    assert_eq!(status(&report, "exemplars"), "fail", "{report:#}");
    assert!(codes(&report, "exemplars").contains(&"video-broken".to_owned()));
    let damaged = messages(&report, "exemplars", "video-broken");
    assert!(damaged[0].contains("CRC-32"), "{damaged:?}");
}
