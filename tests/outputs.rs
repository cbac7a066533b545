//! Outputs go where they are pointed and never into a submission, however the path is
//! spelt (`..`, a linked folder, other case on Windows); an output whose name is a link
//! or a hard link into a submission is replaced, never written through; letter names are
//! safe and distinct; and every output is attempted: one that cannot be written is one
//! line on stderr, the others are written all the same, and the exit status is 2.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const PLAN: &str = "沈阳市/01工作方案/沈阳市全民终身学习活动周工作方案.docx";
const SUMMARY: &str = "沈阳市/06活动周工作总结.docx";

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A valid submission 沈阳市 in one folder, and an empty folder for the outputs.
fn setup() -> (Dir, Dir) {
    let d = Dir::new();
    valid_submission(&d, "沈阳市");
    (d, Dir::new())
}

/// `baosong check INPUT --as-of 2020-12-31 EXTRA…`.
fn check(input: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["check", s(input), "--as-of", "2020-12-31"];
    args.extend_from_slice(extra);
    baosong(&args)
}

fn is_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

#[test]
fn outputs_through_dotdot_into_the_submission_are_refused_and_the_others_written() {
    let (d, out) = setup();
    let sub = d.join("沈阳市");
    let before = tree_state(d.path());
    // From the output folder up and into the submission; from inside it up and back.
    let up: PathBuf = [
        out.path(),
        Path::new(".."),
        Path::new(d.path().file_name().unwrap()),
        Path::new("沈阳市/r.csv"),
    ]
    .iter()
    .collect();
    let back = sub.join("01工作方案/../r.html");
    let replies = sub.join("02宣传展板材料/../../沈阳市/反馈");
    let ok = out.join("ok.csv");
    let run = check(
        &sub,
        &[
            "--report",
            s(&up),
            "--report",
            s(&back),
            "--report",
            s(&ok),
            "--replies",
            s(&replies),
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(tree_state(d.path()), before, "the submission changed");
    assert_eq!(
        run.stderr.matches("在报送材料").count(),
        3,
        "{}",
        run.stderr
    );
    for refused in [&up, &back, &replies] {
        assert!(run.stderr.contains(s(refused)), "{}", run.stderr);
    }
    assert!(ok.exists(), "{}", run.stderr);
    assert!(run.stdout.contains("工作方案"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn outputs_through_a_linked_folder_into_the_submission_are_refused() {
    let (d, out) = setup();
    let sub = d.join("沈阳市");
    std::os::unix::fs::symlink(sub.join("01工作方案"), out.join("link")).unwrap();
    // A replies folder that is a link: into the submission, and to a folder of it that
    // does not exist yet.
    std::os::unix::fs::symlink(sub.join("02宣传展板材料"), out.join("反馈")).unwrap();
    std::os::unix::fs::symlink(sub.join("新建"), out.join("新反馈")).unwrap();
    let before = tree_state(d.path());
    let (into, above) = (out.join("link/r.csv"), out.join("link/../r.html"));
    let run = check(
        &sub,
        &[
            "--report",
            s(&into),
            "--report",
            s(&above),
            "--replies",
            s(&out.join("反馈")),
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("在报送材料").count(),
        3,
        "{}",
        run.stderr
    );
    let run = check(&sub, &["--replies", s(&out.join("新反馈"))]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("新反馈"), "{}", run.stderr);
    assert_eq!(tree_state(d.path()), before, "the submission changed");
    assert!(!run.stdout.is_empty());
}

/// Windows compares names without regard to case: `SHENYANG\r.csv` is in `Shenyang`.
#[cfg(windows)]
#[test]
fn a_report_into_the_submission_in_other_case_is_refused() {
    let d = Dir::new();
    valid_submission(&d, "Shenyang");
    let before = tree_state(d.path());
    let report = d.path().join("SHENYANG").join("r.csv");
    let run = check(&d.join("Shenyang"), &["--report", s(&report)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("在报送材料"), "{}", run.stderr);
    assert_eq!(tree_state(d.path()), before, "the submission changed");
}

/// Reports and a letter whose names are links into two submissions (a folder and a
/// zip): each link is replaced by the new file; what it led to is untouched.
#[cfg(unix)]
#[test]
fn an_output_that_is_a_link_into_a_submission_is_replaced_not_written_through() {
    use std::os::unix::fs::symlink;
    let (d, out) = setup();
    d.write("大连市.zip", zipped("大连市", Names::Utf8Flagged, |_| {}));
    symlink(d.join(PLAN), out.join("r.csv")).unwrap();
    symlink(d.join("大连市.zip"), out.join("r.html")).unwrap();
    symlink(
        d.join("沈阳市/05开幕式参会人员名单.xlsx"),
        out.join("r.xlsx"),
    )
    .unwrap();
    out.mkdir("反馈");
    symlink(d.join(SUMMARY), out.join("反馈/沈阳市-反馈.txt")).unwrap();
    let before = tree_state(d.path());
    let mut args = vec!["--report", "", "--report", "", "--report", ""];
    let names = [out.join("r.csv"), out.join("r.html"), out.join("r.xlsx")];
    for (i, name) in names.iter().enumerate() {
        args[2 * i + 1] = s(name);
    }
    let replies = out.join("反馈");
    args.extend(["--replies", s(&replies), "--batch"]);
    let run = baosong(
        &[
            &["check", s(&d.join("沈阳市")), s(&d.join("大连市.zip"))][..],
            &["--as-of", "2020-12-31"],
            &args,
        ]
        .concat(),
    );
    assert!(run.code < 2, "{}", run.stderr);
    assert_eq!(tree_state(d.path()), before, "a submission changed");
    assert!(is_file(&out.join("r.csv")) && is_file(&out.join("r.html")));
    assert!(is_file(&replies.join("沈阳市-反馈.txt")));
    let letter = std::fs::read_to_string(replies.join("沈阳市-反馈.txt")).unwrap();
    assert!(letter.contains("沈阳市"), "{letter}");
    // The roster is no tracker: it is left, and the tracker goes beside it.
    assert!(is_file(&out.join("r（新）.xlsx")), "{}", run.stderr);
}

#[test]
fn an_output_that_is_a_hard_link_to_a_submission_file_is_replaced() {
    let (d, out) = setup();
    std::fs::hard_link(d.join(PLAN), out.join("r.csv")).unwrap();
    out.mkdir("反馈");
    std::fs::hard_link(d.join(SUMMARY), out.join("反馈/沈阳市-反馈.txt")).unwrap();
    let before = tree_state(d.path());
    let plan = std::fs::read(d.join(PLAN)).unwrap();
    let run = check(
        &d.join("沈阳市"),
        &[
            "--report",
            s(&out.join("r.csv")),
            "--replies",
            s(&out.join("反馈")),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(tree_state(d.path()), before, "the submission changed");
    assert_eq!(std::fs::read(d.join(PLAN)).unwrap(), plan);
    assert_ne!(std::fs::read(out.join("r.csv")).unwrap(), plan);
    let letter = std::fs::read_to_string(out.join("反馈/沈阳市-反馈.txt")).unwrap();
    assert!(letter.contains("沈阳市"), "{letter}");
}

/// Two submissions in an inbox whose names differ only in case get a letter each:
/// Windows and macOS would take the two names for one file.
#[cfg(target_os = "linux")]
#[test]
fn letters_whose_names_differ_only_in_case_are_both_written() {
    let (d, out) = (Dir::new(), Dir::new());
    d.write("收件箱/Foo/工作方案.docx", docx(&[&board_text(1, 10)]))
        .write("收件箱/foo/活动总结.docx", docx(&[&board_text(2, 12)]));
    let replies = out.join("反馈");
    let run = check(&d.join("收件箱"), &["--batch", "--replies", s(&replies)]);
    assert!(run.code < 2, "{}", run.stderr);
    let first = std::fs::read_to_string(replies.join("Foo-反馈.txt")).unwrap();
    let second = std::fs::read_to_string(replies.join("foo-反馈（2）.txt")).unwrap();
    assert!(first.contains("Foo") && !first.contains("foo"), "{first}");
    assert!(
        second.contains("foo") && !second.contains("Foo"),
        "{second}"
    );
}

/// A city named with 300 characters: its letter has a shortened name, and the letter
/// says the whole name.
#[test]
fn a_very_long_city_name_gives_a_letter_with_a_shortened_name() {
    let (d, out) = setup();
    let long = format!("{}市", "辽".repeat(299));
    let rules = baosong::rules::DEFAULT_RULES.replace(
        "\"沈阳市\", \"大连市\",",
        &format!("\"沈阳市\", \"{long}\", \"大连市\","),
    );
    assert!(rules.contains(&long));
    out.write("rules.toml", rules);
    let replies = out.join("反馈");
    let run = check(
        d.path(),
        &[
            "--batch",
            "--rules",
            s(&out.join("rules.toml")),
            "--replies",
            s(&replies),
        ],
    );
    assert!(run.code < 2, "{}", run.stderr);
    let names: Vec<String> = std::fs::read_dir(&replies)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let name = names
        .iter()
        .find(|n| n.starts_with("辽辽"))
        .expect("the letter");
    assert!(name.ends_with("-反馈.txt") && name.len() < 255, "{name}");
    assert!(name.chars().count() < 120, "{name}");
    assert_eq!(names.len(), 15, "{names:?}");
    let letter = std::fs::read_to_string(replies.join(name)).unwrap();
    assert!(letter.contains(&long));
}

/// A report that cannot be written (its folder is a file, which stops everyone, root
/// too) beside ones that can: the others, the letters and the console output are all
/// written, stderr names the file that was not, and the exit status is 2.
#[test]
fn every_output_is_attempted_when_one_cannot_be_written() {
    let (d, out) = setup();
    out.write("file.txt", "not a folder");
    let (csv, xlsx) = (out.join("file.txt/x.csv"), out.join("file.txt/x.xlsx"));
    let (ok, replies) = (out.join("ok.html"), out.join("反馈"));
    let args = [
        "--report",
        s(&csv),
        "--report",
        s(&ok),
        "--report",
        s(&xlsx),
        "--replies",
        s(&replies),
    ];
    let run = check(&d.join("沈阳市"), &args);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(ok.exists() && replies.join("沈阳市-反馈.txt").exists());
    assert!(run.stdout.contains("工作方案"), "{}", run.stdout);
    let failed: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("无法写入"))
        .collect();
    assert_eq!(failed.len(), 2, "{}", run.stderr);
    assert!(failed[0].contains(s(&csv)) && failed[1].contains(s(&xlsx)));
    assert!(failed[0].contains("其余结果不受影响"), "{}", failed[0]);
    assert!(run.stderr.contains(s(&ok)), "{}", run.stderr);
    // In English too.
    let run = check(&d.join("沈阳市"), &[&args[..], &["--lang", "en"]].concat());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
    assert!(run.stderr.contains("the other results are not affected"));
}

/// The page of a dropped folder cannot be written (the temp folder is a file): the
/// report asked for and the console output are still written.
#[cfg(unix)]
#[test]
fn a_page_that_cannot_be_written_loses_nothing_else() {
    let (d, out) = setup();
    out.write("temp", "not a folder");
    let ok = out.join("ok.csv");
    let sub = d.join("沈阳市");
    let args = ["check", s(&sub), "--open", "--report", s(&ok)];
    let run = baosong_env(&args, &[("TMPDIR", &out.join("temp"))]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(ok.exists(), "{}", run.stderr);
    assert!(!run.stdout.is_empty());
    assert!(run.stderr.contains("无法写入"), "{}", run.stderr);
}
