//! Mails as cities send them, built byte by byte the way 126 webmail exports them and
//! Thunderbird and Foxmail write them, read by `intake::mail` and checked like any
//! submission: the attachments' names decoded, a zip attachment opened in place, the
//! checks passing on a complete city, a damaged attachment named and never counted.

mod common;

use baosong::check::check_submission;
use baosong::intake::mail::read_mail;
use baosong::report::{Status, SubmissionReport};
use baosong::rules::Rules;
use common::mail::*;
use common::*;

/// A 126 mail of `subject` with `attachments`, sent as 沈阳市's first mail.
fn webmail_126(subject: &str, attachments: &[String]) -> Vec<u8> {
    Eml {
        subject: subject.into(),
        attachments: attachments.to_vec(),
        ..Eml::default()
    }
    .bytes()
}

fn statuses(rules: &Rules, sub: &baosong::intake::Submission) -> Vec<(String, Status)> {
    let as_of = chrono::NaiveDate::from_ymd_opt(2020, 12, 31).unwrap();
    let outcome = check_submission(rules, sub);
    let report = SubmissionReport::new(rules, sub, outcome, as_of);
    report
        .requirements
        .iter()
        .map(|r| (r.id.clone(), r.status))
        .collect()
}

#[test]
fn a_126_export_with_a_gbk_named_zip_of_a_complete_city_passes() {
    let zip = zipped("沈阳市", Names::Gbk, |_| {});
    let eml = webmail_126(
        "沈阳市报送全民终身学习活动周材料",
        &[attachment_126("沈阳市活动周材料（正式报送）.zip", &zip)],
    );
    let mail = read_mail(&eml);
    assert!(mail.problems.is_empty(), "{:?}", mail.problems);
    assert_eq!(mail.subject, "沈阳市报送全民终身学习活动周材料");
    assert_eq!(mail.from, "沈阳市社区教育中心 <sy_sqjy@126.com>");
    assert_eq!(
        mail.date.map(|d| d.to_rfc3339()).as_deref(),
        Some("2020-10-21T09:12:33+08:00")
    );
    let sub = mail.submission("收件箱/沈阳市.eml");
    assert_eq!(sub.name, "沈阳市报送全民终身学习活动周材料");
    let paths: Vec<&str> = sub
        .files_under(baosong::intake::Submission::ROOT)
        .iter()
        .map(|&id| sub.entry(id).path.as_str())
        .collect();
    assert!(
        paths.contains(
            &"沈阳市活动周材料（正式报送）.zip/沈阳市/01工作方案/沈阳市全民终身学习活动周工作方案.docx"
        ),
        "{paths:#?}"
    );
    assert!(
        paths.contains(
            &"沈阳市活动周材料（正式报送）.zip/沈阳市/02宣传展板材料/展板1/01-社区读书会.jpg"
        ),
        "{paths:#?}"
    );
    let rules = Rules::default_rules();
    let got = statuses(&rules, &sub);
    let expected: Vec<(String, Status)> = IDS
        .iter()
        .map(|id| (id.to_string(), Status::Pass))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn loose_files_named_by_thunderbird_and_foxmail_read_like_a_folder() {
    let scratch = Dir::new();
    valid_submission(&scratch, "沈阳市");
    let plan_path = "沈阳市/01工作方案/沈阳市全民终身学习活动周工作方案.docx";
    let plan = std::fs::read(scratch.join(plan_path)).unwrap();
    let pct = |b: &[u8]| b.iter().map(|x| format!("%{x:02X}")).collect::<String>();
    let name = "沈阳市全民终身学习活动周工作方案.docx".as_bytes();
    // Thunderbird: RFC 2231 continuations, cut through a character.
    let thunderbird = format!(
        "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;\r\n name*0*=UTF-8''{};\r\n name*1*={}\r\nContent-Disposition: attachment;\r\n filename*0*=UTF-8''{};\r\n filename*1*={}\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
        pct(&name[..10]),
        pct(&name[10..]),
        pct(&name[..10]),
        pct(&name[10..]),
        b64_lines(&plan)
    );
    // An older Foxmail: the name as raw GBK bytes in the header.
    let summary = std::fs::read(scratch.join("沈阳市/06活动周工作总结.docx")).unwrap();
    let mut eml = webmail_126("沈阳市方案和总结", &[thunderbird]);
    let closing = closing();
    eml.truncate(eml.len() - closing.len());
    eml.extend(opening());
    eml.extend(b"Content-Type: application/octet-stream; name=\"");
    eml.extend(gbk("06活动周工作总结.docx"));
    eml.extend(
        b"\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"",
    );
    eml.extend(gbk("06活动周工作总结.docx"));
    eml.extend(b"\"\r\n\r\n");
    eml.extend(b64_lines(&summary).as_bytes());
    eml.extend(&closing);
    let mail = read_mail(&eml);
    let names: Vec<&str> = mail.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "沈阳市全民终身学习活动周工作方案.docx",
            "06活动周工作总结.docx"
        ]
    );
    let sub = mail.submission("沈阳市.eml");
    let got = statuses(&Rules::default_rules(), &sub);
    let status = |id: &str| got.iter().find(|(i, _)| i == id).map(|(_, s)| *s);
    assert_eq!(status("plan"), Some(Status::Pass), "{got:?}");
    assert_eq!(status("summary"), Some(Status::Pass), "{got:?}");
    assert_eq!(status("boards"), Some(Status::Fail), "{got:?}");
}

#[test]
fn a_damaged_zip_attachment_is_named_and_the_mail_counts_for_nothing() {
    let zip = zipped("沈阳市", Names::Gbk, |_| {});
    let mut part = attachment_126("沈阳市材料.zip", &zip);
    // One character outside base64's alphabet, as a damaged relay leaves it.
    let at = part.find("\r\n\r\n").unwrap() + 100;
    part.replace_range(at..at + 1, "#");
    let mail = read_mail(&webmail_126("沈阳市材料", &[part]));
    assert!(mail.attachments.is_empty());
    assert_eq!(mail.problems.len(), 1);
    assert_eq!(mail.problems[0].0, "沈阳市材料.zip");
    let sub = mail.submission("沈阳市.eml");
    assert!(sub.unopened(), "nothing in it could be read");
    let got = statuses(&Rules::default_rules(), &sub);
    assert!(got.iter().all(|(_, s)| *s == Status::Unopened), "{got:?}");
}

/// A 126 mail of `subject` sent at `date` (as the Date header writes it).
fn mail_at(subject: &str, date: &str, attachments: &[String]) -> Vec<u8> {
    let id: String = date.chars().filter(char::is_ascii_alphanumeric).collect();
    Eml {
        subject: subject.into(),
        date: date.into(),
        message_id: format!("{id}@126.com"),
        attachments: attachments.to_vec(),
        ..Eml::default()
    }
    .bytes()
}

#[test]
fn a_folder_of_mails_is_an_inbox_ordered_by_send_time_not_by_file_time() {
    let d = Dir::new();
    let full = zipped("沈阳市", Names::Gbk, |_| {});
    // The resend fixes nothing but is sent later; saved first, its file is older.
    let boards = zipped("沈阳市", Names::Gbk, |s| {
        s.remove("沈阳市/01工作方案");
        s.write("沈阳市/02宣传展板材料/展板2/展板文字.txt", gbk("太短"));
    });
    d.write(
        "邮件/第2封.eml",
        mail_at(
            "【沈阳】展板材料（第二次）",
            "Thu, 22 Oct 2020 08:05:00 CST",
            &[attachment_126("展板材料.zip", &boards)],
        ),
    );
    d.write(
        "邮件/第1封.eml",
        mail_at(
            "沈阳市报送全民终身学习活动周材料",
            "Thu, 15 Oct 2020 02:00:00 +0000",
            &[attachment_126("沈阳市活动周材料.zip", &full)],
        ),
    );
    d.write(
        "邮件/询问.eml",
        mail_at(
            "关于活动周材料的询问",
            "Fri, 16 Oct 2020 10:00:00 +0800",
            &[],
        ),
    );
    // The first mail exported twice is one mail, not a resend.
    let again = std::fs::read(d.join("邮件/第1封.eml")).unwrap();
    d.write("邮件/第1封 (1).eml", again);
    set_mtime(&d.join("邮件/第2封.eml"), 1_600_000_000);
    set_mtime(&d.join("邮件/第1封.eml"), 1_700_000_000);
    let (run, report) = check_run(&d.join("邮件"), &["--as-of", "2020-12-31"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let shenyang: Vec<&serde_json::Value> = report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["city"] == "沈阳市")
        .collect();
    assert_eq!(shenyang.len(), 2, "{report:#}");
    assert_eq!(
        report["repeated_saves"][0]["copy"], "第1封 (1).eml",
        "{report:#}"
    );
    assert_eq!(report["repeated_saves"][0]["kept"], "第1封.eml");
    // The mail sent last is the latest, whatever its file's time; its boards decide.
    let latest: Vec<&str> = shenyang
        .iter()
        .filter(|s| s["latest"] == true)
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(latest, ["【沈阳】展板材料（第二次）"]);
    // Each carries its mail: sender, subject and send time in China time.
    let dates: Vec<&str> = shenyang
        .iter()
        .map(|s| s["mail"]["date"].as_str().unwrap())
        .collect();
    assert!(dates.contains(&"2020-10-15T10:00:00+08:00"), "{dates:?}");
    assert!(dates.contains(&"2020-10-22T08:05:00+08:00"), "{dates:?}");
    // The boards came in a mail sent the day after their deadline (10-21): late; the
    // first mail was in time.
    let late = |name: &str, id: &str| {
        let s = shenyang.iter().find(|s| s["name"] == name).unwrap();
        let r = s["requirements"].as_array().unwrap();
        r.iter().find(|r| r["id"] == id).unwrap()["late"].clone()
    };
    assert_eq!(late("【沈阳】展板材料（第二次）", "boards"), true);
    assert_eq!(late("沈阳市报送全民终身学习活动周材料", "plan"), false);
    assert!(shenyang.iter().all(|s| {
        s["mail"]["from"]
            .as_str()
            .unwrap()
            .contains("sy_sqjy@126.com")
    }));
    let row = row(&report, "沈阳市");
    assert_eq!(row["requirements"]["boards"], "fail", "{row:#}");
    assert_eq!(row["requirements"]["plan"], "pass", "{row:#}");
    // The question is listed apart, with why: no row, no submission, no verdict.
    let apart = report["not_submissions"].as_array().unwrap();
    assert_eq!(apart.len(), 1, "{report:#}");
    assert_eq!(apart[0]["name"], "关于活动周材料的询问");
    assert_eq!(apart[0]["subject"], "关于活动周材料的询问");
    assert_eq!(apart[0]["date"], "2020-10-16T10:00:00+08:00");
    assert_eq!(apart[0]["message_id"], "Fri16Oct20201000000800@126.com");
    assert!(
        apart[0]["from"]
            .as_str()
            .unwrap()
            .contains("sy_sqjy@126.com")
    );
    assert!(apart[0]["path"].as_str().unwrap().ends_with("询问.eml"));
    assert!(!apart[0]["reason"].as_str().unwrap().is_empty());
    let names: Vec<&str> = report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(!names.contains(&"关于活动周材料的询问"), "{names:?}");
    assert!(
        report["matrix"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["label"] != "关于活动周材料的询问")
    );
    // The console says so too, and marks the late cell; so does the letter.
    let replies = d.join("反馈");
    let table = baosong(&[
        "check",
        d.join("邮件").to_str().unwrap(),
        "--as-of",
        "2020-12-31",
        "--replies",
        replies.to_str().unwrap(),
        "--report",
        d.join("报告.html").to_str().unwrap(),
        "--report",
        d.join("跟踪表.xlsx").to_str().unwrap(),
    ]);
    {
        use calamine::{Reader, Xlsx, open_workbook};
        let mut book: Xlsx<_> = open_workbook(d.join("跟踪表.xlsx")).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        let row = sheet
            .rows()
            .find(|r| r.first().is_some_and(|c| *c == "沈阳市"))
            .unwrap();
        assert_eq!(row[2].to_string(), "不通过（逾期）", "{row:?}");
        assert_eq!(row[1].to_string(), "通过", "{row:?}");
    }
    let page = std::fs::read_to_string(d.join("报告.html")).unwrap();
    assert!(
        page.contains(r#"<span class="late">逾期</span>"#),
        "late on the page"
    );
    assert!(table.stdout.contains("不是报送的邮件"), "{}", table.stdout);
    assert!(
        table.stdout.contains("关于活动周材料的询问"),
        "{}",
        table.stdout
    );
    let shenyang_line = table
        .stdout
        .lines()
        .find(|l| l.starts_with("| 沈阳市"))
        .unwrap();
    assert!(shenyang_line.contains("✘!"), "{shenyang_line}");
    assert!(table.stdout.contains("! 逾期"), "{}", table.stdout);
    let letter = std::fs::read_to_string(replies.join("沈阳市-反馈.txt")).unwrap();
    assert!(letter.contains("宣传展板材料（逾期"), "{letter}");
}

#[test]
fn a_mail_sent_after_the_day_checked_had_not_arrived_then() {
    let d = Dir::new();
    let full = zipped("沈阳市", Names::Gbk, |_| {});
    d.write(
        "邮件/第1封.eml",
        mail_at(
            "沈阳市报送全民终身学习活动周材料",
            "Thu, 15 Oct 2020 10:00:00 +0800",
            &[attachment_126("沈阳市活动周材料.zip", &full)],
        ),
    );
    // Sent at 01:30 China time on the 21st: still the 20th in UTC.
    d.write(
        "邮件/第2封.eml",
        mail_at(
            "【沈阳】展板材料（第二次）",
            "Tue, 20 Oct 2020 17:30:00 +0000",
            &[attachment_126("展板材料.zip", &full)],
        ),
    );
    let names = |report: &serde_json::Value| -> Vec<String> {
        let subs = report["submissions"].as_array().unwrap();
        subs.iter()
            .map(|s| s["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let (run, report) = check_run(&d.join("邮件"), &["--as-of", "2020-10-20"]);
    assert_eq!(names(&report), ["沈阳市报送全民终身学习活动周材料"]);
    assert!(
        run.stderr
            .contains("1 封邮件在检查日期 2020-10-20 之后才发出"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("按邮件逐封检查，共 2 封"),
        "{}",
        run.stderr
    );
    let (run, report) = check_run(&d.join("邮件"), &["--as-of", "2020-10-21"]);
    assert_eq!(names(&report).len(), 2, "{}", run.stderr);
    assert!(!run.stderr.contains("之后才发出"), "{}", run.stderr);
}

#[test]
fn a_damaged_case_attachment_fails_the_cases_instead_of_waiting_for_their_deadline() {
    let d = Dir::new();
    let scratch = Dir::new();
    valid_submission(&scratch, "锦州市");
    let plan =
        std::fs::read(scratch.join("锦州市/01工作方案/锦州市全民终身学习活动周工作方案.docx"));
    let plan = plan.unwrap_or_else(|_| docx(&[&board_text(4, 30)]));
    let mut case = attachment_126("锦州市活动周特色案例.docx", &docx(&[&board_text(5, 30)]));
    // One character outside base64's alphabet, as a damaged relay leaves it.
    let at = case.find("\r\n\r\n").unwrap() + 60;
    case.replace_range(at..at + 1, "#");
    let eml = Eml {
        subject: "锦州市方案和案例".into(),
        date: "Thu, 15 Oct 2020 10:00:00 +0800".into(),
        attachments: vec![
            attachment_126("锦州市全民终身学习活动周工作方案.docx", &plan),
            case,
        ],
        ..Eml::default()
    };
    d.write("锦州.eml", eml.bytes());
    // Checked before the cases are due: sent but damaged is a failure, not "not yet".
    let (_, report) = check_run(&d.join("锦州.eml"), &["--as-of", "2020-10-20"]);
    assert_eq!(status(&report, "cases"), "fail", "{report:#}");
    assert!(codes(&report, "cases").contains(&"mail-part-damaged".to_owned()));
    assert_eq!(status(&report, "plan"), "pass");
    // Nothing of the cases was sent in this control: they wait for their deadline.
    let control = Eml {
        attachments: vec![attachment_126(
            "锦州市全民终身学习活动周工作方案.docx",
            &plan,
        )],
        ..eml
    };
    d.write("锦州2.eml", control.bytes());
    let (_, report) = check_run(&d.join("锦州2.eml"), &["--as-of", "2020-10-20"]);
    assert_eq!(status(&report, "cases"), "pending", "{report:#}");
}
