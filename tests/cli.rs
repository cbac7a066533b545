//! The binary end to end: exit codes, output formats, rules handling, hygiene, and the
//! committed examples.

mod common;

use std::path::Path;

use common::*;
use unicode_width::UnicodeWidthStr;

const ROOT: &str = "大连市";
const CITY: City = City(ROOT);

fn path_of(d: &Dir) -> String {
    d.join(ROOT).to_str().unwrap().to_owned()
}

fn examples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

// ---- exit codes ----------------------------------------------------------

#[test]
fn exit_codes_are_0_pass_1_fail_2_usage() {
    let d = CITY.valid();
    let path = path_of(&d);
    assert_eq!(baosong(&["check", &path, "--as-of", "2020-12-31"]).code, 0);
    d.remove(&format!("{ROOT}/03特色案例"));
    let failed = baosong(&["check", &path, "--as-of", "2020-12-31"]);
    assert_eq!(failed.code, 1);
    assert!(failed.stdout.contains("不通过"), "{}", failed.stdout);

    let missing = baosong(&["check", "/no/such/folder"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("/no/such/folder"),
        "{}",
        missing.stderr
    );
    // One plain line for the person at the terminal, in their language: the path and
    // the OS's reason.
    assert_eq!(
        missing.stderr.trim(),
        "baosong: 无法读取 /no/such/folder: No such file or directory (os error 2)"
    );
    let missing = baosong(&["check", "/no/such/folder", "--lang", "en"]);
    assert_eq!(
        missing.stderr.trim(),
        "baosong: cannot read /no/such/folder: No such file or directory (os error 2)"
    );

    assert_eq!(baosong(&["check"]).code, 2);
    assert_eq!(baosong(&["check", &path, "--as-of", "10月21日"]).code, 2);
    assert_eq!(baosong(&["check", &path, "--format", "xml"]).code, 2);
}

// ---- JSON ----------------------------------------------------------------

#[test]
fn json_has_the_documented_shape() {
    let d = CITY.valid();
    // One finding of each severity, one outside any requirement.
    d.write(
        &format!("{ROOT}/02宣传展板材料/展板1/超过十个字的照片说明文字.jpg"),
        photo(),
    );
    d.write(&format!("{ROOT}/desktop.ini"), b"[.ShellClassInfo]");
    let (code, report) = check_json(&d.join(ROOT));
    assert_eq!(code, 1);
    assert_eq!(report["as_of"], "2020-12-31");
    assert!(report["rules"].as_str().unwrap().contains("2020"));
    let sub = &report["submissions"][0];
    assert_eq!(sub["name"], ROOT);
    assert_eq!(sub["status"], "fail");
    assert!(sub["path"].as_str().unwrap().ends_with(ROOT));
    let reqs = sub["requirements"].as_array().unwrap();
    assert_eq!(reqs.len(), 6);
    for r in reqs {
        for key in ["id", "title", "status", "summary", "findings"] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        let s = r["status"].as_str().unwrap();
        assert!(["pass", "warn", "fail", "pending"].contains(&s), "{s}");
    }
    let boards = requirement(&report, "boards");
    assert_eq!(boards["title"], "宣传展板材料");
    let f = &boards["findings"][0];
    assert_eq!(f["code"], "photo-caption-too-long");
    assert_eq!(f["severity"], "error");
    assert_eq!(
        f["path"],
        "02宣传展板材料/展板1/超过十个字的照片说明文字.jpg"
    );
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("超过十个字的照片说明文字")
    );
    let loose = &sub["findings"][0];
    assert_eq!(loose["code"], "file-debris");
    assert_eq!(loose["severity"], "warning");
    assert_eq!(loose["path"], "desktop.ini");
}

#[test]
fn json_is_the_only_thing_on_stdout_and_english_works() {
    let d = CITY.valid();
    d.remove(&format!("{ROOT}/06活动周工作总结.docx"));
    let run = baosong(&[
        "check",
        &path_of(&d),
        "--as-of",
        "2020-12-31",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("pure JSON");
    let summary = requirement(&report, "summary");
    assert_eq!(summary["title"], "Work summary");
    let message = summary["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("not found"), "{message}");
    // English apart from the Chinese keyword the folder's name must contain.
    assert!(
        message.starts_with("\"Work summary\" not found"),
        "{message}"
    );
    assert!(message.replace("总结", "").is_ascii(), "{message}");
}

// ---- table ---------------------------------------------------------------

#[test]
fn table_columns_line_up_with_chinese_text() {
    let d = CITY.valid();
    d.write(
        &format!("{ROOT}/02宣传展板材料/展板2/IMG_1234.JPG"),
        photo(),
    );
    let run = baosong(&["check", &path_of(&d), "--as-of", "2020-12-31"]);
    assert_eq!(run.code, 1);
    let table: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with('+') || l.starts_with('|'))
        .collect();
    assert!(table.len() >= 8, "{}", run.stdout);
    let width = table[0].width();
    for line in &table {
        assert_eq!(
            line.width(),
            width,
            "misaligned line: {line}\n{}",
            run.stdout
        );
    }
    for label in [
        "工作方案",
        "宣传展板材料",
        "不通过",
        "通过",
        "发现的问题",
        "IMG_1234.JPG",
    ] {
        assert!(run.stdout.contains(label), "{label}\n{}", run.stdout);
    }
    assert!(run.stdout.contains("photo-caption-device-name"));
}

#[test]
fn table_in_english() {
    let d = CITY.valid();
    let run = baosong(&[
        "check",
        &path_of(&d),
        "--as-of",
        "2020-12-31",
        "--lang",
        "en",
    ]);
    assert_eq!(run.code, 0);
    for label in ["Requirement", "Display boards", "pass"] {
        assert!(run.stdout.contains(label), "{label}\n{}", run.stdout);
    }
    assert!(!run.stdout.contains("通过"), "{}", run.stdout);
}

// ---- rules ---------------------------------------------------------------

#[test]
fn custom_rules_change_the_thresholds() {
    let d = CITY.valid();
    // Next year's notice: 3 boards of 500 字 each.
    let custom = baosong(&["rules", "--dump"])
        .stdout
        .replace("min-boards = 2", "min-boards = 3")
        .replace("min-text = 300", "min-text = 500");
    d.write("rules-2021.toml", &custom);
    let rules = d.join("rules-2021.toml");
    let rules = rules.to_str().unwrap();
    let (run, report) = check_run(&d.join(ROOT), &["--rules", rules]);
    assert_eq!(run.code, 1);
    let mut c = codes(&report, "boards");
    c.sort();
    assert_eq!(
        c,
        [
            "board-text-too-short",
            "board-text-too-short",
            "boards-too-few"
        ]
    );
    let listed = baosong(&["rules", "--rules", rules]);
    assert!(listed.stdout.contains("至少 3 块展板"), "{}", listed.stdout);
}

#[test]
fn invalid_rules_are_rejected_with_line_numbers_before_reading_files() {
    let d = Dir::new();
    d.write(
        "bad.toml",
        "name = \"x\"\n\n[[requirement]]\nid = \"plan\"\ntitle = \"方案\"\nkind = \"document\"\nkeywords = [\"方案\"]\nmin-document = 1\n",
    );
    let run = baosong(&[
        "check",
        "/no/such/folder",
        "--rules",
        d.join("bad.toml").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad.toml:8"), "{}", run.stderr);
    assert!(run.stderr.contains("min-document"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("/no/such/folder"),
        "rules come first: {}",
        run.stderr
    );

    d.write(
        "bad2.toml",
        "name = \"x\"\n[[requirement]]\nid = \"plan\"\ntitle = \"方案\"\nkind = \"document\"\nkeywords = [\"方案\"]\ndue = 2020-02-30\nmin-boards = 2\n",
    );
    let run = baosong(&["rules", "--rules", d.join("bad2.toml").to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains(":7"), "{}", run.stderr);
}

#[test]
fn rules_dump_is_the_embedded_file_and_round_trips() {
    let dump = baosong(&["rules", "--dump"]);
    assert_eq!(dump.code, 0);
    let file =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules.toml")).unwrap();
    assert_eq!(dump.stdout, file);
    let list = baosong(&["rules"]);
    assert_eq!(list.code, 0);
    for id in IDS {
        assert!(
            list.stdout.contains(&format!("[{id}]")),
            "{id}\n{}",
            list.stdout
        );
    }
    assert!(list.stdout.contains("2020-10-21"));
}

#[test]
fn explain_knows_every_code_and_rejects_unknown_ones() {
    let run = baosong(&["explain", "photo-caption-too-long"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("照片"), "{}", run.stdout);
    let en = baosong(&["explain", "photo-too-small", "--lang", "en"]);
    assert!(en.stdout.contains("original"), "{}", en.stdout);
    let unknown = baosong(&["explain", "no-such-code"]);
    assert_eq!(unknown.code, 2);
    // Said in the user's language, without a dump of every code.
    assert!(
        unknown.stderr.contains("没有名为“no-such-code”"),
        "{}",
        unknown.stderr
    );
    assert!(
        !unknown.stderr.contains("photo-caption-too-long"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn explain_answers_a_chinese_label_or_a_misspelt_code_with_the_closest_codes() {
    for query in ["照片太小", "photo-too-smal", "too-small"] {
        let run = baosong(&["explain", query]);
        assert_eq!(run.code, 0, "{query}: {}", run.stderr);
        assert!(run.stdout.contains("最接近"), "{query}: {}", run.stdout);
        assert!(
            run.stdout.contains("photo-too-small"),
            "{query}: {}",
            run.stdout
        );
    }
    let en = baosong(&["explain", "照片太小", "--lang", "en"]);
    assert!(
        en.stdout.contains("closest") && en.stdout.contains("original"),
        "{}",
        en.stdout
    );
    // Not originals: the codes that say so, at most three.
    let run = baosong(&["explain", "不是原图"]);
    let listed = run
        .stdout
        .lines()
        .filter(|l| l.ends_with(')') && l.contains(", photo-"))
        .count();
    assert!((1..=3).contains(&listed), "{}", run.stdout);
    assert!(run.stdout.contains("photo-"), "{}", run.stdout);
}

// ---- hygiene -------------------------------------------------------------

#[test]
fn lock_files_and_system_debris_warn_and_are_not_documents() {
    let d = CITY.valid();
    d.remove(&format!("{ROOT}/06活动周工作总结.docx"));
    d.mkdir(&format!("{ROOT}/06活动周工作总结"));
    // Word's lock file for an open document: 162 bytes, not a document.
    d.write(
        &format!("{ROOT}/06活动周工作总结/~$活动周工作总结.docx"),
        [7u8; 162],
    );
    d.write(&format!("{ROOT}/02宣传展板材料/展板1/Thumbs.db"), b"thumbs");
    d.write(&format!("{ROOT}/__MACOSX/02宣传展板材料/._展板1"), b"apple");
    d.write(&format!("{ROOT}/.DS_Store"), b"\0\0\0\x01Bud1");
    let (_, report) = check_json(&d.join(ROOT));
    let summary = codes(&report, "summary");
    assert!(summary.contains(&"file-debris".to_owned()), "{summary:?}");
    assert!(
        summary.contains(&"document-missing".to_owned()),
        "{summary:?}"
    );
    assert_eq!(codes(&report, "boards"), ["file-debris"]);
    assert_eq!(status(&report, "boards"), "warn");
    let loose: Vec<&str> = report["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    // macOS writes .DS_Store and __MACOSX itself: left out silently.
    assert!(loose.is_empty(), "{loose:?}");
}

#[test]
fn shortcut_and_empty_file_are_errors() {
    let d = CITY.valid();
    d.write(
        &format!("{ROOT}/04先进典型/张伟事迹.docx.lnk"),
        b"L\0\0\0\x01\x14\x02\0",
    );
    d.write(&format!("{ROOT}/03特色案例/案例二.docx"), b"");
    d.write(&format!("{ROOT}/新建 DOCX 文档.docx"), docx(&["随手记"]));
    let (code, report) = check_json(&d.join(ROOT));
    assert_eq!(code, 1);
    assert!(codes(&report, "exemplars").contains(&"file-shortcut".to_owned()));
    assert_eq!(status(&report, "exemplars"), "fail");
    assert!(codes(&report, "cases").contains(&"file-empty".to_owned()));
    let loose = &report["submissions"][0]["findings"][0];
    assert_eq!(loose["code"], "file-default-name");
}

// ---- examples ------------------------------------------------------------

#[test]
fn example_passing_city_passes() {
    let run = baosong(&[
        "check",
        examples().join("沈阳市").to_str().unwrap(),
        "--as-of",
        "2020-12-31",
    ]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn example_failing_city_shows_typical_mistakes() {
    let (code, report) = check_json(&examples().join("鞍山市"));
    assert_eq!(code, 1);
    let all: Vec<String> = IDS.iter().flat_map(|id| codes(&report, id)).collect();
    for expected in [
        "photo-caption-device-name",
        "photo-too-small",
        "board-text-too-short",
        "roster-too-few",
        "section-missing",
        "file-debris",
    ] {
        assert!(all.contains(&expected.to_owned()), "{expected} in {all:?}");
    }
}

#[test]
fn readme_documents_every_finding_code() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let codes_rs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/codes.rs"))
            .unwrap();
    let mut count = 0;
    for line in codes_rs.lines() {
        // Rows of the code table: `Variant => "kebab-name", Severity,`.
        if let Some((variant, rest)) = line.split_once("=> \"")
            && variant.trim().chars().all(|c| c.is_ascii_alphanumeric())
        {
            let code = rest.split('"').next().unwrap();
            assert!(
                readme.contains(&format!("| `{code}` |")),
                "README lacks {code}"
            );
            assert_eq!(baosong(&["explain", code]).code, 0, "explain {code}");
            count += 1;
        }
    }
    assert!(count >= 30, "found only {count} codes in src/codes.rs");
}

#[test]
fn explanations_use_the_configured_values() {
    let shown = baosong(&["explain", "file-over-read-limit"]);
    assert!(shown.stdout.contains("（64 MB，"), "{}", shown.stdout);
    let d = Dir::new();
    let rules = baosong(&["rules", "--dump"])
        .stdout
        .replace("read-mb = 64", "read-mb = 200")
        .replace("max-caption = 10", "max-caption = 12");
    d.write("rules.toml", &rules);
    let path = d.join("rules.toml");
    let path = path.to_str().unwrap();
    let shown = baosong(&["explain", "file-over-read-limit", "--rules", path]);
    assert!(shown.stdout.contains("（200 MB，"), "{}", shown.stdout);
    let shown = baosong(&["explain", "photo-caption-device-name", "--rules", path]);
    assert!(shown.stdout.contains("12 字以内"), "{}", shown.stdout);
    assert!(!shown.stdout.contains('{'), "{}", shown.stdout);
}

#[test]
fn a_folder_dropped_on_the_program_is_checked() {
    // Windows runs `baosong.exe 沈阳市材料` when a folder is dropped onto it; that was
    // refused as an unknown subcommand.
    let d = CITY.valid();
    let path = path_of(&d);
    let dropped = baosong(&[&path, "--as-of", "2020-12-31"]);
    assert_eq!(dropped.code, 0, "{}", dropped.stderr);
    let checked = baosong(&["check", &path, "--as-of", "2020-12-31"]);
    assert_eq!(dropped.stdout, checked.stdout);
    // A word that is neither a command nor a path is still a usage error.
    assert_eq!(baosong(&["chek"]).code, 2);
}

#[test]
fn with_no_argument_it_says_to_drop_a_folder_on_it() {
    let run = baosong(&[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("拖到 baosong.exe 上"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

// ---- the console -------------------------------------------------------------

/// Runs baosong with extra environment variables; stdout and stderr as one stream, in
/// the order a console shows them.
fn console(args: &[&str], env: &[(&str, &str)]) -> String {
    let d = Dir::new();
    let log = d.join("console.txt");
    let file = std::fs::File::create(&log).unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_baosong"));
    cmd.args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("BAOSONG_NO_BROWSER", "1")
        .stdout(file.try_clone().unwrap())
        .stderr(file);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.status().unwrap();
    std::fs::read_to_string(&log).unwrap()
}

#[test]
fn the_console_fits_80_columns_colours_only_when_asked_and_ends_with_the_report() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let out = console(
        &["check", examples, "--batch", "--as-of", "2020-12-31"],
        &[("COLUMNS", "80")],
    );
    // Table lines fit; no word of a cell is broken over two lines.
    for line in out
        .lines()
        .filter(|l| l.starts_with('|') || l.starts_with('+'))
    {
        let width = unicode_width::UnicodeWidthStr::width(line);
        assert!(width <= 80, "{width}: {line}");
    }
    let anshan = out.lines().find(|l| l.starts_with("| 鞍山市")).unwrap();
    assert!(anshan.contains("不通过"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour for a file or a pipe");
    // The problems are counted.
    assert!(out.contains("共 7 处需要修改，2 处提醒"), "{out}");
    // Colour when the terminal asks for it, none with NO_COLOR.
    let city = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/鞍山市");
    let forced = console(
        &["check", city, "--as-of", "2020-12-31"],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(
        forced.contains("\u{1b}[") && forced.contains("不通过"),
        "{forced}"
    );
    let plain = console(
        &["check", city, "--as-of", "2020-12-31"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(!plain.contains('\u{1b}'), "{plain}");
    // The report's path is the last thing said.
    let d = Dir::new();
    let page = d.join("报告.html");
    let out = console(
        &[
            "check",
            city,
            "--as-of",
            "2020-12-31",
            "--report",
            page.to_str().unwrap(),
        ],
        &[],
    );
    let last = out.trim_end().lines().last().unwrap();
    assert!(last.contains("报告.html"), "{out}");
}
