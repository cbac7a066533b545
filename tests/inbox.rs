//! The provincial inbox as it really fills up in October: Windows and macOS zips, a
//! second save of one attachment, a resend that fixes, a partial resend, a worse
//! resend, a loose .docx beside a zip, a district's folder, a wrapper folder named with
//! a keyword, a .7z, a zip named after nobody, and the office's own file; checked on
//! 10-20, 10-21, 10-22 and 12-11.

mod common;

use common::*;

/// A zip of one part of a valid submission: `part` (a section) under a wrapper `top`.
fn zipped_part(city: &str, part: &str, top: &str, names: Names) -> Vec<u8> {
    let scratch = Dir::new();
    valid_submission(&scratch, city);
    let wrapped = Dir::new();
    let from = scratch.join(&format!("{city}/{part}"));
    copy_tree(&from, &wrapped.join(&format!("{top}/{part}")));
    zip_tree(&wrapped.join(top), names)
}

const OCT: u64 = 1_602_000_000; // 2020-10-06

fn inbox() -> Dir {
    let d = Dir::new();
    let inbox = |name: &str| format!("收件箱/{name}");
    // 沈阳市: a Windows zip, and the same attachment saved twice.
    let shenyang = zipped("沈阳市", Names::Gbk, |_| {});
    d.write(&inbox("沈阳市.zip"), &shenyang);
    d.write(&inbox("沈阳市(1).zip"), &shenyang);
    set_mtime(&d.join(&inbox("沈阳市.zip")), OCT);
    set_mtime(&d.join(&inbox("沈阳市(1).zip")), OCT + 60);
    // 大连市: a macOS zip with a short board text, then a resend of the boards alone.
    d.write(
        &inbox("大连市.zip"),
        zipped("大连市", Names::Utf8Unflagged, |s| {
            s.write(
                "大连市/02宣传展板材料/展板2/展板文字.txt",
                gbk(&board_text(35, 10)),
            );
        }),
    );
    d.write(
        &inbox("【大连】展板材料（第二次）.zip"),
        zipped_part(
            "大连市",
            "02宣传展板材料",
            "大连市展板",
            Names::Utf8Unflagged,
        ),
    );
    set_mtime(&d.join(&inbox("大连市.zip")), OCT);
    set_mtime(
        &d.join(&inbox("【大连】展板材料（第二次）.zip")),
        OCT + 86_400,
    );
    // 鞍山市: complete, then a worse resend of the boards.
    d.write(&inbox("鞍山市.zip"), zipped("鞍山市", Names::Gbk, |_| {}));
    d.write(
        &inbox("鞍山市展板（修改）.zip"),
        zipped("鞍山市", Names::Gbk, |s| {
            s.remove("鞍山市/02宣传展板材料/展板2");
        }),
    );
    set_mtime(&d.join(&inbox("鞍山市.zip")), OCT);
    set_mtime(&d.join(&inbox("鞍山市展板（修改）.zip")), OCT + 86_400);
    // 抚顺市: the boards alone, in a wrapper folder whose name holds 展板.
    d.write(
        &inbox("抚顺市 展板材料.zip"),
        zipped_part("抚顺市", "02宣传展板材料", "抚顺市展板", Names::Gbk),
    );
    // 本溪市: the plan attached loose beside a zip of the boards.
    d.write(
        &inbox("本溪市全民终身学习活动周工作方案.docx"),
        docx(&["本溪市全民终身学习活动周工作方案", &board_text(80, 30)]),
    );
    d.write(
        &inbox("本溪市展板.zip"),
        zipped_part("本溪市", "02宣传展板材料", "本溪市", Names::Gbk),
    );
    // 营口市: only a district's community college sent, as a folder.
    valid_submission(&d, &inbox("鲅鱼圈区社区学院活动周材料"));
    // 锦州市: a 7z.
    d.write(
        &inbox("锦州市.7z"),
        b"7z\xBC\xAF\x27\x1C\x00\x04 rest of a 7z archive",
    );
    // 铁岭市: a zip named after nobody, every file inside named 铁岭市….
    let scratch = Dir::new();
    for (name, bytes) in [
        ("铁岭市工作方案.docx", docx(&[&board_text(81, 30)])),
        ("铁岭市特色案例.docx", docx(&[&board_text(82, 20)])),
        ("铁岭市活动周工作总结.docx", docx(&[&board_text(83, 30)])),
    ] {
        scratch.write(&format!("全民终身学习活动周材料/{name}"), bytes);
    }
    d.write(
        &inbox("全民终身学习活动周材料.zip"),
        zip_tree(&scratch.join("全民终身学习活动周材料"), Names::Gbk),
    );
    // A link saved from a mail: no one's material, but never dropped silently.
    d.write(
        &inbox("超大附件下载.url"),
        b"[InternetShortcut]\r\nURL=https://mail.163.com/\r\n",
    );
    // The office's own tracking sheet.
    d.write(
        &inbox("省中心汇总表.xlsx"),
        roster_xlsx(None, &["市", "情况"], &[]),
    );
    d
}

fn run(d: &Dir, as_of: &str, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec!["--batch", "--as-of", as_of];
    args.extend_from_slice(extra);
    let (run, json) = check_run(&d.join("收件箱"), &args);
    (run.code, json)
}

fn cell<'a>(report: &'a serde_json::Value, label: &str, id: &str) -> &'a str {
    row(report, label)["requirements"][id]
        .as_str()
        .unwrap_or("none")
}

fn submission<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no submission {name}"))
}

#[test]
fn every_city_is_matched_and_judged_on_what_decides_each_requirement() {
    let d = inbox();
    let (code, report) = run(&d, "2020-12-11", &["--exclude", "省中心*"]);
    assert_eq!(code, 1);
    // A second save is not a resend.
    assert_eq!(report["repeated_saves"][0]["copy"], "沈阳市(1).zip");
    assert_eq!(
        row(&report, "沈阳市")["submissions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(row(&report, "沈阳市")["status"], "pass");
    // A partial resend that fixes the boards decides them; the rest stays the first's.
    assert_eq!(cell(&report, "大连市", "boards"), "pass");
    assert_eq!(cell(&report, "大连市", "plan"), "pass");
    let first = submission(&report, "大连市");
    let boards = first["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "boards")
        .unwrap();
    assert_eq!(boards["superseded"], true, "{boards:#}");
    // A worse resend decides too: it is the newest holding boards.
    assert_eq!(cell(&report, "鞍山市", "boards"), "fail");
    // A wrapper folder named 抚顺市展板 is only a wrapper.
    assert_eq!(cell(&report, "抚顺市", "boards"), "pass");
    // The loose plan joins 本溪市.
    assert_eq!(cell(&report, "本溪市", "plan"), "pass");
    assert_eq!(cell(&report, "本溪市", "boards"), "pass");
    // A district's folder is its city's.
    let yingkou = submission(&report, "鲅鱼圈区社区学院活动周材料");
    assert_eq!(yingkou["city"], "营口市");
    assert_eq!(yingkou["matched_by"], "营口市（鲅鱼圈区）");
    assert_eq!(row(&report, "营口市")["status"], "pass");
    // A 7z: cannot be opened, one finding, no section noise.
    assert_eq!(cell(&report, "锦州市", "plan"), "unopened");
    assert_eq!(
        submission(&report, "锦州市")["findings"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Named after nobody, but every file inside says 铁岭市.
    let tieling = submission(&report, "全民终身学习活动周材料");
    assert_eq!(tieling["city"], "铁岭市");
    assert!(
        tieling["matched_by"].as_str().unwrap().contains("文件名"),
        "{tieling:#}"
    );
    // The office's own sheet is excluded; without --exclude it is unmatched, named.
    assert!(!report.to_string().contains("省中心汇总表"));
    // Anything else received is listed, matched to no city.
    assert!(
        report["matrix"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["label"] == "超大附件下载" && r["city"].is_null()),
        "{report:#}"
    );
    let (_, report) = run(&d, "2020-12-11", &[]);
    assert!(
        report["matrix"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["label"] == "省中心汇总表" && r["city"].is_null())
    );
}

#[test]
fn nothing_not_yet_due_is_an_error_and_the_deadline_day_is_in_time() {
    let d = inbox();
    for as_of in ["2020-10-20", "2020-10-21"] {
        let (_, report) = run(&d, as_of, &["--exclude", "省中心*"]);
        // 本溪市 has sent its plan and boards; the rest is not due.
        let benxi = row(&report, "本溪市");
        assert_eq!(benxi["status"], "pass", "{as_of}: {benxi:#}");
        for id in ["cases", "exemplars", "summary"] {
            assert_eq!(cell(&report, "本溪市", id), "pending", "{as_of} {id}");
        }
        // The attendee list has no date: pending while missing.
        assert_eq!(cell(&report, "本溪市", "attendees"), "pending");
        for s in report["submissions"].as_array().unwrap() {
            for r in s["requirements"].as_array().unwrap() {
                if r["status"] == "pending" {
                    for f in r["findings"].as_array().unwrap() {
                        assert_ne!(f["severity"], "error", "{as_of}: {f:#}");
                    }
                }
            }
        }
    }
    // From 10-22 the plan and boards are late.
    let (code, report) = run(&d, "2020-10-22", &["--exclude", "省中心*"]);
    assert_eq!(cell(&report, "铁岭市", "boards"), "fail");
    assert_eq!(cell(&report, "本溪市", "summary"), "pending");
    assert_eq!(
        report["status"], "fail",
        "cities are missing after a deadline"
    );
    assert_eq!(code, 1);
}

#[test]
fn lists_mark_superseded_findings_and_letters_leave_them_out() {
    let d = inbox();
    let out = Dir::new();
    let csv = out.join("问题.csv");
    let xlsx = out.join("跟踪表.xlsx");
    let replies = out.join("反馈");
    let run = baosong(&[
        "check",
        d.join("收件箱").to_str().unwrap(),
        "--batch",
        "--as-of",
        "2020-10-22",
        "--exclude",
        "省中心*",
        "--report",
        csv.to_str().unwrap(),
        "--report",
        xlsx.to_str().unwrap(),
        "--replies",
        replies.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(xlsx.exists() && csv.exists(), "several --report files");
    let text = String::from_utf8(std::fs::read(&csv).unwrap()[3..].to_vec()).unwrap();
    let stale: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("board-text-too-short"))
        .collect();
    assert!(
        !stale.is_empty() && stale.iter().all(|l| l.contains("已被替代")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("丹东市,") && l.contains("未提交"))
    );
    // Pending items are not errors in the list.
    assert!(
        !text
            .lines()
            .any(|l| l.contains("活动周工作总结") && l.contains(",错误,")),
        "{text}"
    );
    let letter =
        |city: &str| std::fs::read_to_string(replies.join(format!("{city}-反馈.txt"))).unwrap();
    let dalian = letter("大连市");
    assert!(
        !dalian.contains("展板文字"),
        "the fixed boards are not mentioned: {dalian}"
    );
    assert!(dalian.contains("材料齐全"), "{dalian}");
    let benxi = letter("本溪市");
    assert!(
        benxi.contains("已报送的材料没有发现问题。以下材料尚未到截止日期，请按时报送"),
        "{benxi}"
    );
    assert!(
        benxi.contains("活动周工作总结（2020-12-10 截止）"),
        "{benxi}"
    );
    let jinzhou = letter("锦州市");
    assert!(
        jinzhou.contains("收到的“锦州市.7z”无法打开") && jinzhou.contains(".zip"),
        "{jinzhou}"
    );
    assert!(
        !jinzhou.contains("baosong") && !jinzhou.contains("对方"),
        "{jinzhou}"
    );
    let dandong = letter("丹东市");
    assert!(dandong.contains("已超过截止日期"), "{dandong}");
}

#[test]
fn a_zip_whose_every_file_has_a_password_cannot_be_opened() {
    let mut zip = zip_raw(
        &[Member {
            name: "盘锦市/01工作方案.docx".as_bytes().to_vec(),
            data: docx(&[&board_text(84, 30)]),
        }],
        true,
        false,
    );
    // Set the "encrypted" flag in the local header (the first) and the central
    // directory record (the last: the stored .docx holds zip headers of its own).
    let local = zip.windows(4).position(|w| w == b"PK\x03\x04").unwrap();
    zip[local + 6] |= 1;
    let central = zip.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    zip[central + 8] |= 1;
    let d = Dir::new();
    valid_submission(&d, "收件箱/沈阳市");
    d.write("收件箱/盘锦市.zip", &zip);
    let (_, report) = run(&d, "2020-12-11", &[]);
    assert_eq!(cell(&report, "盘锦市", "plan"), "unopened", "{report:#}");
    let findings = submission(&report, "盘锦市")["findings"].to_string();
    assert!(findings.contains("archive-encrypted"), "{findings}");
}

/// What a listing holds, for comparing two listings of the same thing.
fn shape(sub: &baosong::intake::Submission) -> Vec<String> {
    let mut out: Vec<String> = sub
        .entries
        .iter()
        .map(|e| format!("{} {} {}", e.path, e.is_dir(), e.size()))
        .collect();
    out.extend(sub.problems.iter().map(|p| {
        format!(
            "{} {} {}",
            p.finding.code,
            p.finding.path,
            sub.entry(p.at).path
        )
    }));
    out.sort();
    out.insert(0, sub.name.clone());
    out
}

#[test]
fn an_inbox_child_cut_from_the_one_listing_is_the_child_listed_alone() {
    use baosong::intake::Submission;
    let d = Dir::new();
    valid_submission(&d, "收件箱/沈阳市");
    d.write("收件箱/沈阳市/~$工作方案.docx", b"lock");
    // A member whose path climbs out of the archive is refused, and named.
    let members = [
        Member {
            name: b"../../evil.docx".to_vec(),
            data: docx(&["x"]),
        },
        Member {
            name: "大连市/01工作方案/方案.docx".as_bytes().to_vec(),
            data: docx(&["方案"]),
        },
    ];
    d.write("收件箱/大连市.zip", zip_raw(&members, true, false));
    d.write("收件箱/鞍山市工作总结.docx", docx(&["总结"]));
    d.write("收件箱/抚顺市.rar", b"Rar!\x1a\x07\x00junk");
    let inbox = d.join("收件箱");
    let root = Submission::from_folder(&inbox).unwrap();
    let alone = |name: &str| {
        let path = inbox.join(name);
        if name.ends_with(".docx") {
            Submission::from_file(&path).unwrap()
        } else {
            Submission::open_path(&path).unwrap()
        }
    };
    for &child in root.children(Submission::ROOT) {
        let name = root.entry(child).name.clone();
        let part = root.part(child, &inbox.join(&name)).unwrap();
        assert_eq!(shape(&part), shape(&alone(&name)), "{name}");
        assert_eq!(part.unopened(), alone(&name).unopened(), "{name}");
    }
    assert_eq!(root.children(Submission::ROOT).len(), 4);
    let dalian = alone("大连市.zip");
    assert!(
        shape(&dalian)
            .iter()
            .any(|l| l.starts_with("archive-unsafe-path"))
    );
}
