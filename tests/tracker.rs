//! The tracker that survives re-runs (issue 19): provincial staff run
//! `baosong check 收件箱 --report 跟踪表.xlsx` again and again and type their notes into
//! the workbook. Each test writes the tracker, edits it as staff would (re-created with
//! a real xlsx writer from what calamine reads, plus the edits), runs again and reads
//! the new file back.

mod common;

use std::path::{Path, PathBuf};

use calamine::Data;
use common::workbook::*;
use common::*;

/// An inbox: a city that passes, a city with a phone-named photo, a city whose resend
/// supersedes its first mail, and a sender that is no city.
fn inbox(d: &Dir) {
    valid_submission(d, "收件箱/沈阳市");
    d.write(
        "收件箱/大连市.zip",
        zipped("大连市", Names::Utf8Flagged, |s| {
            s.write(
                "大连市/02宣传展板材料/展板1/微信图片_20201015123456.jpg",
                photo(),
            );
        }),
    );
    d.write(
        "收件箱/鞍山市-活动周材料.zip",
        zipped("鞍山市", Names::Utf8Flagged, |s| {
            s.write(
                "鞍山市/02宣传展板材料/展板2/展板文字.txt",
                gbk(&board_text(35, 10)),
            );
        }),
    );
    let resend = Dir::new();
    valid_submission(&resend, "鞍山市");
    // The resend has a problem of its own: a current finding after superseded ones.
    resend.write(
        "鞍山市/02宣传展板材料/展板1/IMG_20201015_123456.jpg",
        photo(),
    );
    d.write(
        "收件箱/鞍山市-展板材料（第二次）.zip",
        zip_tree(&resend.join("鞍山市/02宣传展板材料"), Names::Utf8Flagged),
    );
    set_mtime(&d.join("收件箱/鞍山市-活动周材料.zip"), 1_603_000_000);
    set_mtime(
        &d.join("收件箱/鞍山市-展板材料（第二次）.zip"),
        1_603_200_000,
    );
    valid_submission(d, "收件箱/某培训学校");
}

/// An inbox, a folder for the tracker, and rules naming 沈阳市's contact.
struct Setup {
    d: Dir,
    out: Dir,
}

impl Setup {
    fn new() -> Setup {
        let (d, out) = (Dir::new(), Dir::new());
        inbox(&d);
        let rules = baosong::rules::DEFAULT_RULES.replace(
            "[contacts]\n",
            "[contacts]\n\"沈阳市\" = \"张三 13800000000\"\n",
        );
        out.write("rules.toml", rules);
        Setup { d, out }
    }

    fn tracker(&self) -> PathBuf {
        self.out.join("跟踪表.xlsx")
    }

    fn args(&self) -> Vec<String> {
        let p = |p: PathBuf| p.to_str().unwrap().to_owned();
        vec![
            "check".into(),
            p(self.d.join("收件箱")),
            "--batch".into(),
            "--as-of".into(),
            "2020-12-31".into(),
            "--rules".into(),
            p(self.out.join("rules.toml")),
            "--report".into(),
            p(self.tracker()),
        ]
    }

    fn run(&self) -> Run {
        let args = self.args();
        baosong(&args.iter().map(String::as_str).collect::<Vec<_>>())
    }
}

/// The overview row whose first cell is `label`.
fn row_of(rows: &[Vec<String>], label: &str) -> usize {
    rows.iter()
        .position(|r| r[0] == label)
        .unwrap_or_else(|| panic!("no row {label}"))
}

fn cell(rows: &[Vec<String>], row: usize, col: usize) -> &str {
    rows[row].get(col).map_or("", String::as_str)
}

#[test]
fn notes_in_the_overview_stay_on_their_city_and_the_rest_is_refreshed() {
    let s = Setup::new();
    let first = s.run();
    assert_eq!(first.code, 1, "{}", first.stderr);
    let mut sheets = read_sheets(&s.tracker());
    let overview = sheet(&mut sheets, "总览");
    let rows = text(overview);
    assert_eq!(rows[1][0], "报送单位");
    let notes = column(&rows[1], "备注");
    let result = column(&rows[1], "结果");
    assert_eq!(
        &rows[1][notes - 3..notes],
        ["收到的材料", "收到日期", "联系人"]
    );
    // A note, a stale value typed over baosong's, and a note on the unknown sender.
    set(overview, row_of(&rows, "大连市"), notes, "10-27 已电话催报");
    set(overview, row_of(&rows, "大连市"), result, "通过");
    set(overview, row_of(&rows, "某培训学校"), notes, "非本省单位");
    // A column of their own, inserted right after the city: it is found by its header.
    for row in overview.iter_mut().skip(1) {
        row.insert(1, Data::Empty);
    }
    set(overview, 1, 1, "催报记录");
    set(overview, row_of(&rows, "沈阳市"), 1, "=10-28 再催");
    // A date typed into a cell stays a date: 2020-10-27 is Excel's day 44131.
    overview[row_of(&rows, "大连市")][1] = Data::DateTime(calamine::ExcelDateTime::new(
        44131.0,
        calamine::ExcelDateTimeType::DateTime,
        false,
    ));
    save_sheets(&s.tracker(), &sheets);

    // A week later: 锦州市 has sent, the school's mail was filed elsewhere.
    valid_submission(&s.d, "收件箱/锦州市");
    s.d.remove("收件箱/某培训学校");
    let again = s.run();
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(again.stderr.contains("已写入"), "{}", again.stderr);
    let grid = &read_sheets(&s.tracker())[0].1;
    let rows = text(grid);
    let header = &rows[1];
    // Baosong's columns first, then theirs in their old order.
    let n = header.len();
    assert_eq!(
        header[n - 4..],
        ["收到日期", "联系人", "催报记录", "备注"],
        "{header:?}"
    );
    assert_eq!(header[2], "宣传展板材料");
    let (notes, chased, result) = (n - 1, n - 2, column(header, "结果"));
    let dalian = row_of(&rows, "大连市");
    assert_eq!(cell(&rows, dalian, notes), "10-27 已电话催报");
    match &grid[dalian][chased] {
        Data::DateTime(d) => assert!(d.is_datetime() && d.as_f64() == 44131.0, "{d:?}"),
        other => panic!("not a date: {other:?}"),
    }
    assert_eq!(
        cell(&rows, dalian, result),
        "不通过",
        "baosong's column refreshed"
    );
    let shenyang = row_of(&rows, "沈阳市");
    // Text that looks like a formula is still their text.
    assert_eq!(cell(&rows, shenyang, chased), "=10-28 再催");
    assert_eq!(cell(&rows, shenyang, notes), "");
    assert_eq!(cell(&rows, shenyang, n - 3), "张三 13800000000");
    let jinzhou = row_of(&rows, "锦州市");
    assert_ne!(cell(&rows, jinzhou, 1), "未提交", "{:?}", rows[jinzhou]);
    let date = cell(&rows, jinzhou, n - 4);
    let shape = regex::Regex::new(r"^\d{4}-\d\d-\d\d \d\d:\d\d$").unwrap();
    assert!(shape.is_match(date), "{date:?}");
    assert_eq!(cell(&rows, row_of(&rows, "丹东市"), n - 4), "");
    // The sender no longer in the inbox keeps its row and note, at the bottom.
    let school = row_of(&rows, "某培训学校");
    assert_eq!(school, rows.len() - 1);
    assert_eq!(cell(&rows, school, result), "本次检查中没有这一行");
    assert_eq!(cell(&rows, school, notes), "非本省单位");
}

/// The entries of the workbook's zip: (name, text).
fn parts(path: &Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut part, &mut text).unwrap_or_default();
            (part.name().unwrap().into_owned(), text)
        })
        .collect()
}

#[test]
fn finding_notes_follow_their_finding_and_both_sheets_print_on_a4() {
    let s = Setup::new();
    s.run();
    let mut sheets = read_sheets(&s.tracker());
    let findings = sheet(&mut sheets, "问题清单");
    let rows = text(findings);
    assert_eq!(rows[0][8], "备注");
    let device = |rows: &[Vec<String>]| {
        rows.iter()
            .position(|r| r[0] == "大连市" && r[5] == "photo-caption-device-name")
            .unwrap()
    };
    let waiting = |rows: &[Vec<String>]| rows.iter().position(|r| r[0] == "锦州市");
    set(findings, device(&rows), 8, "已告知大连，10-30 前改名");
    set(findings, 0, 9, "处理人");
    set(findings, device(&rows), 9, "王芳");
    set(findings, waiting(&rows).unwrap(), 8, "10-27 已电话催报");
    save_sheets(&s.tracker(), &sheets);

    valid_submission(&s.d, "收件箱/锦州市");
    let again = s.run();
    assert_eq!(again.code, 1, "{}", again.stderr);
    let rows = text(&read_sheets(&s.tracker())[1].1);
    assert_eq!(rows[0][8..], ["备注", "处理人"]);
    let row = device(&rows);
    assert_eq!(rows[row][8..], ["已告知大连，10-30 前改名", "王芳"]);
    // 锦州市's "not submitted" is gone; the note on it stays, at the bottom.
    let last = rows.last().unwrap();
    assert_eq!(last[..4], ["锦州市", "", "", "本次未出现"], "{last:?}");
    assert_eq!(last[8], "10-27 已电话催报");
    assert_eq!(rows.iter().filter(|r| r[0] == "锦州市").count(), 1);
    // Cities in the submitters' order; within a city, current findings first, those
    // of superseded submissions after them.
    let current = &rows[1..rows.len() - 1];
    let anshan: Vec<&str> = current
        .iter()
        .filter(|r| r[0] == "鞍山市")
        .map(|r| r[3].as_str())
        .collect();
    let first_old = anshan
        .iter()
        .position(|s| *s == "已被替代")
        .expect("a superseded row");
    assert!(first_old > 0, "{anshan:?}");
    assert!(
        anshan[first_old..].iter().all(|s| *s == "已被替代"),
        "{anshan:?}"
    );
    for city in current.iter().map(|r| &r[0]) {
        let block: Vec<usize> = (0..current.len())
            .filter(|&i| current[i][0] == *city)
            .collect();
        assert_eq!(
            block.len(),
            block[block.len() - 1] - block[0] + 1,
            "{city} is split"
        );
    }

    // Print setup: landscape A4, one page wide, the header on every page.
    let parts = parts(&s.tracker());
    for sheet in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
        let xml = &parts.iter().find(|(n, _)| n == sheet).unwrap().1;
        assert!(xml.contains(r#"fitToPage="1""#), "{sheet}");
        for attribute in [
            r#"paperSize="9""#,
            r#"orientation="landscape""#,
            r#"fitToHeight="0""#,
        ] {
            assert!(xml.contains(attribute), "{sheet} lacks {attribute}");
        }
    }
    let workbook = &parts
        .iter()
        .find(|(n, _)| n == "xl/workbook.xml")
        .unwrap()
        .1;
    let titles = workbook.matches("_xlnm.Print_Titles").count();
    assert_eq!(titles, 2, "{workbook}");
    assert!(
        workbook.contains("!$2:$2<") && workbook.contains("!$1:$1<"),
        "{workbook}"
    );
}

/// What the tracker says on stderr when it went beside the old file.
fn says_both(stderr: &str, old: &str, new: &str) {
    assert!(stderr.contains(old) && stderr.contains(new), "{stderr}");
    assert!(stderr.contains("原文件没有改动"), "{stderr}");
}

#[test]
fn a_damaged_tracker_is_left_as_it_is_and_the_new_one_goes_beside_it() {
    let s = Setup::new();
    let garbage = b"PK\x03\x04 half a workbook, the rest lost in a copy".to_vec();
    s.out.write("跟踪表.xlsx", &garbage);
    let run = s.run();
    assert_eq!(
        run.code, 1,
        "the exit status is the check's: {}",
        run.stderr
    );
    assert_eq!(std::fs::read(s.tracker()).unwrap(), garbage);
    let beside = s.out.join("跟踪表（新）.xlsx");
    says_both(&run.stderr, "跟踪表.xlsx", "跟踪表（新）.xlsx");
    assert_eq!(read_sheets(&beside)[0].0, "总览");
    // Again: the first new file is someone's now too; the next gets a number.
    let first_new = std::fs::read(&beside).unwrap();
    let run = s.run();
    assert_eq!(run.code, 1);
    says_both(&run.stderr, "跟踪表.xlsx", "跟踪表（新2）.xlsx");
    assert_eq!(std::fs::read(&beside).unwrap(), first_new);
    assert!(s.out.join("跟踪表（新2）.xlsx").exists());
    assert_eq!(std::fs::read(s.tracker()).unwrap(), garbage);

    // A workbook that is not a tracker (a roster) is not replaced either.
    let roster = roster_xlsx(None, &["姓名", "电话"], &attendees(2));
    s.out.write("跟踪表.xlsx", &roster);
    let run = s.run();
    assert!(run.stderr.contains("报送单位"), "{}", run.stderr);
    says_both(&run.stderr, "跟踪表.xlsx", "跟踪表（新3）.xlsx");
    assert_eq!(std::fs::read(s.tracker()).unwrap(), roster);
}

/// A tracker the user may not write (read-only; on Windows, also one open in Excel) is
/// not replaced: the new one, with the old notes, goes beside it. Root may write any
/// file, so as root the check runs as `nobody`, for whom the permissions apply; the
/// folder is theirs, so only the old file is refused.
#[cfg(unix)]
#[test]
fn a_tracker_that_cannot_be_replaced_is_left_and_the_new_one_goes_beside_it() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    let s = Setup::new();
    s.run();
    let mut sheets = read_sheets(&s.tracker());
    let overview = sheet(&mut sheets, "总览");
    let rows = text(overview);
    set(
        overview,
        row_of(&rows, "大连市"),
        column(&rows[1], "备注"),
        "10-27 已电话催报",
    );
    save_sheets(&s.tracker(), &sheets);
    let mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    mode(&s.tracker(), 0o444);
    let before = std::fs::read(s.tracker()).unwrap();
    let root = std::fs::metadata(s.tracker()).unwrap().uid() == 0;
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_baosong"));
    command
        .args(s.args())
        .env("BAOSONG_NO_BROWSER", "1")
        .env("TMPDIR", s.out.path());
    if root {
        const NOBODY: u32 = 65534;
        mode(s.d.path(), 0o755);
        mode(s.out.path(), 0o777);
        mode(&s.out.join("rules.toml"), 0o644);
        command.uid(NOBODY).gid(NOBODY);
    }
    let out = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(std::fs::read(s.tracker()).unwrap(), before);
    says_both(&stderr, "跟踪表.xlsx", "跟踪表（新）.xlsx");
    assert!(stderr.contains("无法替换"), "{stderr}");
    let rows = text(&read_sheets(&s.out.join("跟踪表（新）.xlsx"))[0].1);
    let notes = column(&rows[1], "备注");
    assert_eq!(
        cell(&rows, row_of(&rows, "大连市"), notes),
        "10-27 已电话催报"
    );
}
