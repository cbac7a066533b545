//! The mailbox read over IMAP, against a real dovecot started by the test on 127.0.0.1
//! (TLS with a throwaway CA): the same report as the same mails saved as .eml files, no
//! flag of any mail changed, the password nowhere in any output, and one clear error
//! (exit 2) for a wrong password, a refused certificate and a server that hangs up.
#![cfg(unix)]

mod common;

use std::net::TcpListener;

use baosong::intake::mail::read_mail;
use common::dovecot::Dovecot;
use common::mail::*;
use common::*;
use serde_json::Value;

const PASSWORD: &str = "Sq7#xq-授权码-91";

/// A season's mails: 沈阳市 in time, then its boards again after the deadline;
/// 大连市's plan and summary from a sender whose subject names it; a question; a mail
/// without Message-ID. Each with whether it was already read in the webmail.
fn season() -> Vec<(&'static str, Vec<u8>, bool)> {
    let full = zipped("沈阳市", Names::Gbk, |_| {});
    let boards = zipped("沈阳市", Names::Gbk, |s| {
        s.remove("沈阳市/01工作方案");
        s.write("沈阳市/02宣传展板材料/展板2/展板文字.txt", gbk("太短"));
    });
    let dalian = zipped("大连市", Names::Utf8Flagged, |s| {
        s.remove("大连市/02宣传展板材料");
    });
    let first = Eml {
        date: "Thu, 15 Oct 2020 02:00:00 +0000".into(),
        attachments: vec![attachment_126("沈阳市活动周材料.zip", &full)],
        ..Eml::default()
    };
    let resend = Eml {
        subject: "【沈阳】展板材料（第二次）".into(),
        date: "Thu, 22 Oct 2020 08:05:00 CST".into(),
        message_id: "resend.2@126.com".into(),
        attachments: vec![attachment_126("展板材料.zip", &boards)],
        ..Eml::default()
    };
    let dl = Eml {
        sender: "大连市社区教育中心".into(),
        address: "dl_sqjy@163.com".into(),
        subject: "大连市活动周材料".into(),
        date: "Tue, 20 Oct 2020 16:40:10 +0800".into(),
        message_id: "dl.1@163.com".into(),
        attachments: vec![attachment_126("大连市.zip", &dalian)],
        ..Eml::default()
    };
    let question = Eml {
        sender: "鞍山市社区教育办".into(),
        address: "as@163.com".into(),
        subject: "关于活动周材料的询问".into(),
        date: "Fri, 16 Oct 2020 10:00:00 +0800".into(),
        message_id: "q.1@163.com".into(),
        ..Eml::default()
    };
    let no_id = Eml {
        sender: "锦州市社区教育中心".into(),
        address: "jz@126.com".into(),
        subject: "锦州市工作方案".into(),
        // Still the 18th on a server in UTC: `--since 2020-10-19` must take it.
        date: "Mon, 19 Oct 2020 07:00:00 +0800".into(),
        message_id: String::new(),
        attachments: vec![attachment_126(
            "锦州市全民终身学习活动周工作方案.docx",
            &docx(&[&board_text(3, 20)]),
        )],
        ..Eml::default()
    };
    vec![
        ("第1封.eml", first.bytes(), true),
        ("第2封.eml", resend.bytes(), false),
        ("大连.eml", dl.bytes(), true),
        ("询问.eml", question.bytes(), false),
        ("锦州.eml", no_id.bytes(), false),
    ]
}

fn load(server: &Dovecot, mails: &[(&str, Vec<u8>, bool)]) {
    let dated: Vec<_> = mails
        .iter()
        .map(|(_, bytes, seen)| (bytes.clone(), read_mail(bytes).date.unwrap(), *seen))
        .collect();
    server.append(&dated);
}

/// What a reviewer relies on, without where the mails were read from: each submission's
/// mail, city, whether it is the latest, each requirement's status, late and codes;
/// the matrix; the links; what is not a submission.
fn facts(report: &Value) -> Value {
    let mut subs: Vec<Value> = report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let reqs: Vec<Value> = s["requirements"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let codes: Vec<&Value> = r["findings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|f| &f["code"])
                        .collect();
                    serde_json::json!([r["id"], r["status"], r["late"], codes])
                })
                .collect();
            serde_json::json!({"mail": s["mail"], "name": s["name"], "city": s["city"],
                "latest": s["latest"], "requirements": reqs})
        })
        .collect();
    subs.sort_by_key(|s| s["mail"]["message_id"].to_string());
    let mut apart: Vec<Value> = report["not_submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let mut n = n.clone();
            n.as_object_mut().unwrap().remove("path");
            n
        })
        .collect();
    apart.sort_by_key(|n| n.to_string());
    let rows: Vec<Value> = report["matrix"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| serde_json::json!([r["label"], r["status"], r["requirements"]]))
        .collect();
    serde_json::json!({"submissions": subs, "not_submissions": apart, "matrix": rows,
        "links": report["links"], "status": report["status"]})
}

#[test]
fn the_mailbox_gives_the_report_of_its_mails_saved_as_eml_and_changes_no_flag() {
    let d = Dir::new();
    let mails = season();
    for (name, bytes, _) in &mails {
        d.write(&format!("邮件/{name}"), bytes);
    }
    let server = Dovecot::start("lnsszxx@126.com", PASSWORD);
    load(&server, &mails);
    let before = server.flags();
    assert_eq!(before.len(), 5);
    assert_eq!(
        before
            .iter()
            .filter(|(_, f)| f.iter().any(|x| x.contains("Seen")))
            .count(),
        2
    );

    let (eml_run, from_files) = check_run(&d.join("邮件"), &[]);
    let url = server.url().replace("lnsszxx@126.com", "lnsszxx%40126.com");
    let ca = server.ca();
    let out = d.join("输出");
    std::fs::create_dir_all(&out).unwrap();
    let html = out.join("报告.html");
    let xlsx = out.join("跟踪表.xlsx");
    let replies = out.join("反馈");
    let args = [
        "check",
        &url,
        "--format",
        "json",
        "--as-of",
        "2020-12-31",
        "--ca",
        ca.to_str().unwrap(),
        "--report",
        html.to_str().unwrap(),
        "--report",
        xlsx.to_str().unwrap(),
        "--replies",
        replies.to_str().unwrap(),
    ];
    let run = baosong_with(&args, &[("BAOSONG_IMAP_PASSWORD", PASSWORD)]);
    assert_eq!(run.code, eml_run.code, "{}", run.stderr);
    let from_imap: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
    assert_eq!(facts(&from_imap), facts(&from_files));

    // What the reviewer relies on is there at all (not two empty reports alike).
    let facts = facts(&from_imap);
    assert_eq!(
        facts["submissions"].as_array().unwrap().len(),
        4,
        "{facts:#}"
    );
    assert_eq!(
        facts["not_submissions"].as_array().unwrap().len(),
        1,
        "{facts:#}"
    );
    assert_eq!(row(&from_imap, "沈阳市")["requirements"]["boards"], "fail");
    assert_eq!(row(&from_imap, "沈阳市")["requirements"]["plan"], "pass");
    let paths: Vec<&str> = from_imap["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert!(
        paths
            .iter()
            .all(|p| p.starts_with("imaps://") && p.contains(";UID=")),
        "{paths:?}"
    );
    let no_id: Vec<&Value> = facts["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            s["mail"]["message_id"]
                .as_str()
                .unwrap()
                .starts_with("no-id-")
        })
        .collect();
    assert_eq!(no_id.len(), 1, "{facts:#}");

    // Read-only: every flag as it was.
    assert_eq!(server.flags(), before);
    // The password is in no output.
    assert!(!run.stdout.contains(PASSWORD) && !run.stderr.contains(PASSWORD));
    let mut written = vec![std::fs::read(&html).unwrap(), std::fs::read(&xlsx).unwrap()];
    for letter in std::fs::read_dir(&replies).unwrap() {
        written.push(std::fs::read(letter.unwrap().path()).unwrap());
    }
    assert!(written.len() > 2);
    let needle = PASSWORD.as_bytes();
    assert!(
        written
            .iter()
            .all(|bytes| !bytes.windows(needle.len()).any(|w| w == needle))
    );
}

#[test]
fn since_limits_the_mails_read() {
    let server = Dovecot::start("city", PASSWORD);
    load(&server, &season());
    let ca = server.ca();
    let url = server.url();
    let args = [
        "check",
        &url,
        "--format",
        "json",
        "--as-of",
        "2020-12-31",
        "--ca",
        ca.to_str().unwrap(),
        "--since",
        "2020-10-19",
    ];
    let run = baosong_with(&args, &[("BAOSONG_IMAP_PASSWORD", PASSWORD)]);
    let report: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stderr));
    let mut names: Vec<&str> = report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    names.sort();
    // Sent 10-19, 10-20 and 10-22; not the first mail (10-15) or the question (10-16).
    let mut expected = [
        "大连市活动周材料",
        "【沈阳】展板材料（第二次）",
        "锦州市工作方案",
    ];
    expected.sort();
    assert_eq!(names, expected);
}

/// Runs a check of `url` with `password` and returns the run; the password must not
/// appear in what it printed.
fn refused(url: &str, password: &str, extra: &[&str]) -> Run {
    let mut args = vec!["check", url, "--as-of", "2020-12-31"];
    args.extend_from_slice(extra);
    let run = baosong_with(&args, &[("BAOSONG_IMAP_PASSWORD", password)]);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(
        run.stderr.trim().lines().count(),
        1,
        "one clear line: {}",
        run.stderr
    );
    assert!(!run.stderr.contains(password), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    eprintln!("{}", run.stderr.trim());
    run
}

#[test]
fn a_wrong_password_a_refused_certificate_and_a_hang_up_are_each_one_clear_error() {
    let server = Dovecot::start("city", PASSWORD);
    let ca = server.ca();
    let ca = ca.to_str().unwrap();
    let url = server.url();
    let wrong = refused(&url, "wrong-授权码-77", &["--ca", ca]);
    assert!(
        wrong.stderr.contains("拒绝了账号 city 的登录"),
        "{}",
        wrong.stderr
    );
    assert!(wrong.stderr.contains("授权码"), "{}", wrong.stderr);
    // The server's certificate is signed by a CA this machine does not trust.
    let untrusted = refused(&url, PASSWORD, &[]);
    assert!(
        untrusted.stderr.contains("证书没有通过验证"),
        "{}",
        untrusted.stderr
    );
    // A server that takes the connection and closes it, with and without TLS.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let hang_up = std::thread::spawn(move || {
        for stream in listener.incoming().take(2) {
            drop(stream);
        }
    });
    let closed = refused(
        &format!("imaps://city@127.0.0.1:{port}/INBOX"),
        PASSWORD,
        &[],
    );
    assert!(closed.stderr.contains("中断了连接"), "{}", closed.stderr);
    let closed = refused(
        &format!("imap://city@127.0.0.1:{port}/INBOX"),
        PASSWORD,
        &[],
    );
    assert!(closed.stderr.contains("中断了连接"), "{}", closed.stderr);
    hang_up.join().unwrap();
    // A folder the mailbox does not have, named in Chinese.
    let missing = refused(
        &url.replace("INBOX", "%E6%8A%A5%E9%80%81"),
        PASSWORD,
        &["--ca", ca],
    );
    assert!(
        missing.stderr.contains("没有文件夹“报送”"),
        "{}",
        missing.stderr
    );
    // 126/163 refuse EXAMINE to a client they do not trust ("Unsafe Login").
    let port = unsafe_login_server();
    let unsafe_login = refused(
        &format!("imap://city@127.0.0.1:{port}/INBOX"),
        PASSWORD,
        &[],
    );
    assert!(
        unsafe_login.stderr.contains("不接受本程序的身份说明"),
        "{}",
        unsafe_login.stderr
    );
    assert!(
        unsafe_login.stderr.contains("Unsafe Login"),
        "{}",
        unsafe_login.stderr
    );
    // English too.
    let english = refused(&url, "wrong-授权码-77", &["--ca", ca, "--lang", "en"]);
    assert!(
        english.stderr.contains("refused the login"),
        "{}",
        english.stderr
    );
    // A plain connection to another machine is refused before anything is sent.
    let remote = refused("imap://city@imap.126.com/INBOX", PASSWORD, &[]);
    assert!(remote.stderr.contains("imaps://"), "{}", remote.stderr);
}

/// A server that answers as 126 does to a client it does not trust: LOGIN and ID are
/// accepted, EXAMINE is refused with "Unsafe Login". Serves one connection.
fn unsafe_login_server() -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut out = stream.try_clone().unwrap();
        out.write_all(b"* OK Coremail System IMap Server Ready(163com[20141225])\r\n")
            .unwrap();
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            let (tag, command) = line.split_once(' ').unwrap_or((&line, ""));
            let verb = command.split(' ').next().unwrap_or("").to_ascii_uppercase();
            let reply = match verb.as_str() {
                "LOGIN" | "ID" => format!("{tag} OK {verb} completed\r\n"),
                "LIST" => format!("* LIST () \"/\" \"INBOX\"\r\n{tag} OK LIST Completed\r\n"),
                "EXAMINE" | "SELECT" => format!(
                    "{tag} NO EXAMINE Unsafe Login. Please contact kefu@188.com for help\r\n"
                ),
                "LOGOUT" => format!("* BYE\r\n{tag} OK LOGOUT completed\r\n"),
                _ => format!("{tag} BAD unknown\r\n"),
            };
            if out.write_all(reply.as_bytes()).is_err() || verb == "LOGOUT" {
                return;
            }
        }
    });
    port
}
