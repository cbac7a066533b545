//! Whose mail it is, and when it came: an inbox of .eml files built byte by byte as
//! 126 webmail exports them. The city comes from the subject, then the sender's name,
//! then the sender's address when the rules list it, then the attachments' names, each
//! basis shown; a requirement whose deciding mail was sent after its deadline carries
//! `mail-sent-late`, a warning unless the rules' `[severity]` says otherwise.

mod common;

use common::mail::*;
use common::*;

/// A 126 mail from `sender <address>` under `subject`, sent at `date`.
fn mail(sender: &str, address: &str, subject: &str, date: &str, files: &[String]) -> Vec<u8> {
    Eml {
        sender: sender.into(),
        address: address.into(),
        subject: subject.into(),
        date: date.into(),
        message_id: format!("{}.{address}", subject.len()),
        attachments: files.to_vec(),
        ..Eml::default()
    }
    .bytes()
}

const ON_TIME: &str = "Tue, 20 Oct 2020 10:00:00 +0800 (CST)";

/// A small attachment: a plan that names no city.
fn plan_txt() -> String {
    attachment_126("工作方案.txt", &gbk(&board_text(5, 4)))
}

/// The city and the basis shown for the submission named `name` (a mail's subject).
fn whose(report: &serde_json::Value, name: &str) -> (serde_json::Value, serde_json::Value) {
    let sub = report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no submission {name}: {report:#}"));
    (sub["city"].clone(), sub["matched_by"].clone())
}

/// The default rules with `replace`'s (from, to) edits, written into `dir`.
fn rules_file(dir: &Dir, edits: &[(&str, &str)]) -> std::path::PathBuf {
    let mut rules = baosong::rules::DEFAULT_RULES.to_owned();
    for (from, to) in edits {
        assert!(rules.contains(from), "no {from} in the rules");
        rules = rules.replace(from, to);
    }
    dir.write("rules.toml", rules);
    dir.join("rules.toml")
}

#[test]
fn a_mail_is_matched_by_subject_sender_address_then_attachment_and_says_why() {
    let d = Dir::new();
    // (a) The subject names no city; the sender's name does.
    d.write(
        "邮件/1.eml",
        mail(
            "锦州市社区教育学院",
            "jz@163.com",
            "活动周材料",
            ON_TIME,
            &[plan_txt()],
        ),
    );
    // (b) Neither subject nor sender says; only the rules' addresses can.
    d.write(
        "邮件/2.eml",
        mail("王老师", "Wang_LS@163.com", "材料", ON_TIME, &[plan_txt()]),
    );
    // (c) The province forwards 朝阳市's mail: the subject decides, before the
    // attachment that says the same.
    let chaoyang = zip_of(&[("朝阳市/工作方案.txt", &board_text(6, 4))]);
    d.write(
        "邮件/3.eml",
        mail(
            "辽宁省社区教育指导中心",
            "lnsszxx@126.com",
            "转发：朝阳市活动周材料",
            ON_TIME,
            &[attachment_126("朝阳市活动周材料.zip", &chaoyang)],
        ),
    );
    // (d) Only the one attachment's name says whose it is.
    let panjin = zip_of(&[("工作方案.txt", &board_text(7, 4))]);
    d.write(
        "邮件/4.eml",
        mail(
            "王老师",
            "w@qq.com",
            "报送材料",
            ON_TIME,
            &[attachment_126("盘锦市活动周材料.zip", &panjin)],
        ),
    );
    let table = d.join("总表.txt");
    let (run, report) = check_run(&d.join("邮件"), &["--report", table.to_str().unwrap()]);
    assert!(run.code < 2, "{}", run.stderr);
    assert_eq!(
        whose(&report, "活动周材料"),
        ("锦州市".into(), "锦州市（按发件人判断）".into())
    );
    assert_eq!(
        whose(&report, "材料"),
        (Default::default(), Default::default())
    );
    assert_eq!(
        whose(&report, "转发：朝阳市活动周材料"),
        ("朝阳市".into(), Default::default())
    );
    assert_eq!(
        whose(&report, "报送材料"),
        (
            "盘锦市".into(),
            "盘锦市（按附件“盘锦市活动周材料.zip”判断）".into()
        )
    );
    let table = std::fs::read_to_string(table).unwrap();
    assert!(
        table.contains("活动周材料 → 锦州市（按发件人判断）"),
        "{table}"
    );

    // With the address listed for 丹东市 (in another case), the mail is 丹东市's.
    let rules = rules_file(
        &d,
        &[(
            "[addresses]\n",
            "[addresses]\n\"丹东市\" = [\"wang_ls@163.com\"]\n",
        )],
    );
    let (run, report) = check_run(&d.join("邮件"), &["--rules", rules.to_str().unwrap()]);
    assert!(run.code < 2, "{}", run.stderr);
    assert_eq!(
        whose(&report, "材料"),
        (
            "丹东市".into(),
            "丹东市（按发件邮箱 wang_ls@163.com 判断）".into()
        )
    );
    assert_eq!(whose(&report, "活动周材料").0, "锦州市");
}

#[test]
fn an_address_in_the_rules_must_be_one_and_belong_to_a_submitter() {
    let d = Dir::new();
    d.write(
        "邮件/1.eml",
        mail("王老师", "w@163.com", "材料", ON_TIME, &[]),
    );
    for (listed, said) in [
        (
            "\"北京市\" = [\"bj@163.com\"]",
            "`北京市` is not among the submitters",
        ),
        ("\"沈阳市\" = [\"王老师\"]", "is not a mail address"),
        (
            "\"沈阳市\" = [\"a@163.com\"]\n\"大连市\" = [\"A@163.com\"]",
            "is listed for",
        ),
    ] {
        let rules = rules_file(
            &d,
            &[("[addresses]\n", &format!("[addresses]\n{listed}\n"))],
        );
        let run = baosong(&[
            "check",
            d.join("邮件").to_str().unwrap(),
            "--rules",
            rules.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 2, "{listed}: {}", run.stderr);
        assert!(run.stderr.contains(said), "{listed}: {}", run.stderr);
    }
}

/// 沈阳市's complete material on time, then its plan again three days late.
fn late_resend(d: &Dir) {
    let full = zipped("沈阳市", Names::Gbk, |_| {});
    d.write(
        "邮件/1.eml",
        mail(
            "沈阳市社区教育中心",
            "sy_sqjy@126.com",
            "沈阳市报送全民终身学习活动周材料",
            ON_TIME,
            &[attachment_126("沈阳市活动周材料.zip", &full)],
        ),
    );
    let plan = docx(&[
        "沈阳市2020年全民终身学习活动周工作方案（修改稿）",
        &board_text(3, 30),
    ]);
    d.write(
        "邮件/2.eml",
        mail(
            "沈阳市社区教育中心",
            "sy_sqjy@126.com",
            "沈阳市工作方案（修改稿）",
            "Fri, 23 Oct 2020 09:12:00 +0800",
            &[attachment_126("沈阳市活动周工作方案（修改稿）.docx", &plan)],
        ),
    );
}

/// The requirement `id` of the submission named `name`.
fn requirement_of<'a>(
    report: &'a serde_json::Value,
    name: &str,
    id: &str,
) -> &'a serde_json::Value {
    let sub = (report["submissions"].as_array().unwrap().iter())
        .find(|s| s["name"] == name)
        .unwrap();
    (sub["requirements"].as_array().unwrap().iter())
        .find(|r| r["id"] == id)
        .unwrap()
}

fn plan_of<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    requirement_of(report, name, "plan")
}

fn late_findings(plan: &serde_json::Value) -> Vec<(String, String)> {
    (plan["findings"].as_array().unwrap().iter())
        .filter(|f| f["code"] == "mail-sent-late")
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap().to_owned();
            (text("severity"), text("message"))
        })
        .collect()
}

#[test]
fn a_late_resend_is_a_warning_and_the_rules_may_make_it_fail_or_hide_it() {
    let d = Dir::new();
    late_resend(&d);
    let replies = d.join("反馈");
    let (run, report) = check_run(&d.join("邮件"), &["--replies", replies.to_str().unwrap()]);
    assert!(run.code < 2, "{}", run.stderr);
    let resend = plan_of(&report, "沈阳市工作方案（修改稿）");
    assert_eq!(resend["late"], true);
    let message = "工作方案随 10月23日 09:12 发送的邮件报送，晚于截止日期 10月21日（逾期）";
    assert_eq!(
        late_findings(resend),
        [("warning".to_owned(), message.to_owned())]
    );
    // It carried nothing for its other requirements: they are not late.
    let boards = requirement_of(&report, "沈阳市工作方案（修改稿）", "boards");
    assert_eq!(boards["late"], false);
    assert!(late_findings(boards).is_empty(), "{boards:#}");
    // The first mail was in time: its plan is neither late nor flagged.
    let first = plan_of(&report, "沈阳市报送全民终身学习活动周材料");
    assert_eq!(first["late"], false);
    assert!(late_findings(first).is_empty());
    // The resend decides the plan; the material is good, so the city passes.
    let shenyang = row(&report, "沈阳市");
    assert_eq!(shenyang["requirements"]["plan"], "warn", "{shenyang:#}");
    assert_eq!(shenyang["status"], "pass", "{shenyang:#}");
    // The letter says so among what to check.
    let letter = std::fs::read_to_string(replies.join("沈阳市-反馈.txt")).unwrap();
    assert!(letter.contains(message), "{letter}");

    // `[severity] mail-sent-late = "error"`: the same plan fails.
    let set = |level: &str| {
        let line = format!("[severity]\nmail-sent-late = \"{level}\"\n");
        let rules = rules_file(&d, &[("[severity]\n", &line)]);
        check_run(&d.join("邮件"), &["--rules", rules.to_str().unwrap()])
    };
    let (run, report) = set("error");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let resend = plan_of(&report, "沈阳市工作方案（修改稿）");
    assert_eq!(late_findings(resend)[0].0, "error");
    let shenyang = row(&report, "沈阳市");
    assert_eq!(shenyang["requirements"]["plan"], "fail", "{shenyang:#}");
    assert_eq!(shenyang["status"], "fail", "{shenyang:#}");

    // "off": no finding, the plan passes, and it is still marked late.
    let (run, report) = set("off");
    assert!(run.code < 2, "{}", run.stderr);
    let resend = plan_of(&report, "沈阳市工作方案（修改稿）");
    assert!(late_findings(resend).is_empty(), "{resend:#}");
    assert_eq!(resend["late"], true);
    assert_eq!(row(&report, "沈阳市")["requirements"]["plan"], "pass");
}

#[test]
fn a_place_in_two_cities_decides_nothing_and_both_are_named() {
    let d = Dir::new();
    d.write(
        "邮件/铁西.eml",
        mail(
            "铁西区社区学院",
            "tx@163.com",
            "铁西区活动周特色案例",
            ON_TIME,
            &[plan_txt()],
        ),
    );
    d.write(
        "邮件/沈阳铁西.eml",
        mail(
            "王老师",
            "wang@163.com",
            "沈阳市铁西区活动周材料",
            ON_TIME,
            &[plan_txt()],
        ),
    );
    let (_, report) = check_run(&d.join("邮件"), &[]);
    let (city, why) = whose(&report, "铁西区活动周特色案例");
    assert_eq!(city, serde_json::Value::Null, "{report:#}");
    let why = why.as_str().unwrap();
    assert!(
        why.contains("铁西区") && why.contains("沈阳市、鞍山市"),
        "{why}"
    );
    let table = baosong(&[
        "check",
        d.join("邮件").to_str().unwrap(),
        "--as-of",
        "2020-12-31",
    ]);
    assert!(
        table
            .stdout
            .contains("铁西区活动周特色案例 → 未能确定是哪个市"),
        "{}",
        table.stdout
    );
    // With the city named, the district decides nothing more: it is 沈阳市's.
    let (city, _) = whose(&report, "沈阳市铁西区活动周材料");
    assert_eq!(city, "沈阳市");
}
