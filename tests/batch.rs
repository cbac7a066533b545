//! The provincial batch check: an inbox of folders and zips from Windows and macOS,
//! resends, a RAR, an unsafe zip, an unknown sender; the matrix, the report files and
//! the reply letters.

mod common;

use calamine::Reader;
use common::*;

/// The received folder provincial staff save their mail into.
fn inbox() -> Dir {
    let d = Dir::new();
    valid_submission(&d, "收件箱/沈阳市");
    // Windows zip: GBK names without the UTF-8 flag, with a photo named by the phone.
    d.write(
        "收件箱/大连市.zip",
        zipped("大连市", Names::Gbk, |s| {
            s.write(
                "大连市/02宣传展板材料/展板1/微信图片_20201015123456.jpg",
                photo(),
            );
        }),
    );
    // First Anshan mail: board 2 too short. The resend holds only the corrected boards.
    d.write(
        "收件箱/鞍山市社区教育指导中心-活动周材料.zip",
        zipped("鞍山市", Names::Utf8Flagged, |s| {
            s.write(
                "鞍山市/02宣传展板材料/展板2/展板文字.txt",
                gbk(&board_text(35, 10)),
            );
        }),
    );
    let resend = Dir::new();
    valid_submission(&resend, "鞍山市");
    d.write(
        "收件箱/【鞍山】展板材料（第二次）.zip",
        zip_tree(&resend.join("鞍山市/02宣传展板材料"), Names::Utf8Unflagged),
    );
    set_mtime(
        &d.join("收件箱/鞍山市社区教育指导中心-活动周材料.zip"),
        1_603_000_000,
    );
    set_mtime(
        &d.join("收件箱/【鞍山】展板材料（第二次）.zip"),
        1_603_200_000,
    );
    // RAR: cannot be read.
    d.write(
        "收件箱/抚顺市.rar",
        b"Rar!\x1a\x07\x01\x00 rest of a rar archive",
    );
    // A zip with an entry escaping the archive.
    let scratch = Dir::new();
    valid_submission(&scratch, "本溪市");
    let mut members = vec![Member {
        name: b"../evil.txt".to_vec(),
        data: b"outside".to_vec(),
    }];
    members.push(Member {
        name: "本溪市/06活动周工作总结.docx".as_bytes().to_vec(),
        data: docx(&[&board_text(36, 30)]),
    });
    d.write("收件箱/本溪市.zip", zip_raw(&members, true, true));
    // A sender that is no city.
    valid_submission(&d, "收件箱/某培训学校");
    d
}

fn batch_json(d: &Dir, extra: &[&str]) -> (i32, serde_json::Value, String) {
    let (run, json) = check_run(&d.join("收件箱"), extra);
    (run.code, json, run.stderr)
}

#[test]
fn inbox_matrix_missing_cities_and_resends() {
    let d = inbox();
    let (code, report, stderr) = batch_json(&d, &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("收件箱"),
        "the decision is printed: {stderr}"
    );

    assert_eq!(row(&report, "沈阳市")["status"], "pass");
    let dalian = row(&report, "大连市");
    assert_eq!(dalian["status"], "fail");
    assert_eq!(dalian["requirements"]["boards"], "fail");
    assert_eq!(dalian["requirements"]["plan"], "pass");
    // Anshan: boards taken from the resend, the rest from the first mail.
    let anshan = row(&report, "鞍山市");
    assert_eq!(anshan["status"], "pass", "{anshan:#}");
    assert_eq!(anshan["submissions"].as_array().unwrap().len(), 2);
    assert_eq!(row(&report, "抚顺市")["status"], "fail");
    assert_eq!(row(&report, "本溪市")["status"], "fail");
    assert_eq!(row(&report, "某培训学校")["city"], serde_json::Value::Null);

    let missing: Vec<&str> = report["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(
        missing,
        [
            "丹东市",
            "锦州市",
            "营口市",
            "阜新市",
            "辽阳市",
            "盘锦市",
            "铁岭市",
            "朝阳市",
            "葫芦岛市"
        ]
    );
    let dup = &report["duplicates"][0];
    assert_eq!(dup["city"], "鞍山市");
    assert!(
        dup["latest"]
            .as_str()
            .unwrap()
            .ends_with("【鞍山】展板材料（第二次）.zip")
    );
    let latest: Vec<(String, bool)> = report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["city"] == "鞍山市")
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_owned(),
                s["latest"].as_bool().unwrap(),
            )
        })
        .collect();
    assert!(
        latest.contains(&("【鞍山】展板材料（第二次）".to_owned(), true)),
        "{latest:?}"
    );
    assert!(
        latest.contains(&("鞍山市社区教育指导中心-活动周材料".to_owned(), false)),
        "{latest:?}"
    );
}

#[test]
fn gbk_zip_names_read_as_chinese_and_unsafe_entries_are_refused() {
    let d = inbox();
    let (_, report, _) = batch_json(&d, &[]);
    let text = report.to_string();
    assert!(
        text.contains("大连市/02宣传展板材料/展板1/微信图片_20201015123456.jpg"),
        "GBK names decoded: {report:#}"
    );
    let benxi = report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["city"] == "本溪市")
        .unwrap();
    let codes: Vec<&str> = benxi["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"archive-unsafe-path"), "{benxi:#}");
    let fushun = report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["city"] == "抚顺市")
        .unwrap();
    // One finding, addressed to the city, with no section-missing noise.
    assert_eq!(fushun["findings"].as_array().unwrap().len(), 1);
    assert_eq!(fushun["findings"][0]["code"], "archive-unsupported");
    let message = fushun["findings"][0]["message"].as_str().unwrap();
    assert_eq!(
        message,
        "收到的“抚顺市.rar”无法打开（RAR/7z 格式）；请改用 .zip 重新发送（右键文件夹 → 发送到 → 压缩(zipped)文件夹）"
    );
    for requirement in fushun["requirements"].as_array().unwrap() {
        assert_eq!(requirement["status"], "unopened");
        assert!(requirement["findings"].as_array().unwrap().is_empty());
    }
    assert_eq!(row(&report, "抚顺市")["requirements"]["plan"], "unopened");
}

#[test]
fn table_shows_the_matrix_and_totals() {
    let d = inbox();
    let run = baosong(&[
        "check",
        d.join("收件箱").to_str().unwrap(),
        "--as-of",
        "2020-12-31",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("14 个市：2 通过，3 不通过，9 未提交"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("鞍山市（2 份）"), "{}", run.stdout);
    assert!(run.stdout.contains("未提交"));
    assert!(run.stdout.contains("== 大连市 =="), "{}", run.stdout);
    assert!(run.stdout.contains("photo-caption-device-name"));
    // The matrix fits a 100-column console: no header wraps over two lines.
    for lang in ["zh", "en"] {
        let run = baosong(&[
            "check",
            d.join("收件箱").to_str().unwrap(),
            "--as-of",
            "2020-12-31",
            "--lang",
            lang,
        ]);
        for line in run.stdout.lines().filter(|l| l.starts_with(['+', '|'])) {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(width <= 100, "{lang}: {width} columns: {line}");
        }
        let header = run.stdout.lines().find(|l| l.starts_with('|')).unwrap();
        let next = run
            .stdout
            .lines()
            .skip_while(|l| *l != header)
            .nth(1)
            .unwrap();
        assert!(
            next.starts_with("+="),
            "{lang}: the header wraps:\n{}",
            run.stdout
        );
    }
}

#[test]
fn a_single_city_folder_is_not_an_inbox_and_flags_override() {
    let d = Dir::new();
    valid_submission(&d, "沈阳市");
    let run = baosong(&[
        "check",
        d.join("沈阳市").to_str().unwrap(),
        "--as-of",
        "2020-12-31",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("单份"), "{}", run.stderr);
    assert!(
        run.stdout.contains("截止日期"),
        "single table: {}",
        run.stdout
    );
    // An inbox holding one resend named with a section keyword is still an inbox.
    let inbox = Dir::new();
    valid_submission(&inbox, "收到/沈阳市");
    let scratch = Dir::new();
    valid_submission(&scratch, "x");
    inbox.write(
        "收到/【大连】展板材料（第二次）.zip",
        zip_tree(&scratch.join("x/02宣传展板材料"), Names::Gbk),
    );
    let run = baosong(&[
        "check",
        inbox.join("收到").to_str().unwrap(),
        "--as-of",
        "2020-12-31",
    ]);
    assert!(run.stderr.contains("收件箱"), "{}", run.stderr);
    assert!(run.stdout.contains("大连市"), "{}", run.stdout);
    // --single forces one submission.
    let run = baosong(&[
        "check",
        inbox.join("收到").to_str().unwrap(),
        "--single",
        "--as-of",
        "2020-12-31",
    ]);
    assert!(run.stdout.contains("截止日期"), "{}", run.stdout);
}

#[test]
fn zip_submission_checks_like_a_folder() {
    let d = Dir::new();
    d.write("沈阳市.zip", zipped("沈阳市", Names::Gbk, |_| {}));
    let (code, report) = check_json(&d.join("沈阳市.zip"));
    assert_eq!(code, 0, "{report:#}");
    for id in IDS {
        assert_eq!(status(&report, id), "pass", "{id}: {report:#}");
    }
    assert_eq!(report["submissions"][0]["city"], "沈阳市");
}

#[test]
fn zipped_photos_inside_a_board_are_opened() {
    let d = Dir::new();
    valid_submission(&d, "沈阳市");
    let photos = Dir::new();
    photos.write("照片/社区读书会.jpg", photo_n(7));
    photos.write("照片/IMG_20201015_123456.jpg", photo_n(8));
    d.remove("沈阳市/02宣传展板材料/展板2/社区合唱团演出.jpg");
    d.write(
        "沈阳市/02宣传展板材料/展板2/照片.zip",
        zip_tree(&photos.join("照片"), Names::Gbk),
    );
    let (_, report) = check_json(&d.join("沈阳市"));
    let boards = requirement(&report, "boards");
    assert_eq!(
        codes(&report, "boards"),
        ["photo-caption-device-name"],
        "{boards:#}"
    );
    assert_eq!(
        boards["findings"][0]["path"],
        "02宣传展板材料/展板2/照片.zip/照片/IMG_20201015_123456.jpg"
    );
}

#[test]
fn corrupt_zip_and_zip_bomb_get_findings() {
    let d = Dir::new();
    let mut cut = zipped("沈阳市", Names::Utf8Flagged, |_| {});
    cut.truncate(cut.len() / 2);
    d.write("沈阳市.zip", &cut);
    let (code, report) = check_json(&d.join("沈阳市.zip"));
    assert_eq!(code, 1);
    assert_eq!(
        report["submissions"][0]["findings"][0]["code"],
        "archive-corrupt"
    );

    // 8 MB of zeros deflate to about 8 KB: a ratio no real material has.
    let bomb = zip_raw(
        &[Member {
            name: b"zeros.txt".to_vec(),
            data: vec![0u8; 8 * 1024 * 1024],
        }],
        false,
        true,
    );
    assert!(bomb.len() < 1024 * 1024);
    d.write("bomb.zip", &bomb);
    let (_, report) = check_json(&d.join("bomb.zip"));
    assert_eq!(
        report["submissions"][0]["findings"][0]["code"],
        "archive-bomb"
    );
}

#[test]
fn encrypted_zip_entry_is_named() {
    let d = Dir::new();
    let mut zip = zip_raw(
        &[Member {
            name: "沈阳市/06活动周工作总结.docx".as_bytes().to_vec(),
            data: docx(&["总结"]),
        }],
        true,
        false,
    );
    // Set the encryption bit (bit 0) in the local and central headers.
    zip[6] |= 1;
    let central = zip.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    zip[central + 8] |= 1;
    d.write("沈阳市.zip", &zip);
    let (_, report) = check_json(&d.join("沈阳市.zip"));
    let text = report["submissions"][0].to_string();
    assert!(text.contains("archive-encrypted"), "{report:#}");
    assert!(text.contains("06活动周工作总结.docx"), "{report:#}");
}

#[test]
fn xlsx_csv_json_reports_and_replies() {
    let d = inbox();
    let out = Dir::new();
    let xlsx = out.join("跟踪表.xlsx");
    let csv = out.join("问题.csv");
    let json = out.join("结果.json");
    let replies = out.join("反馈");
    let inbox = d.join("收件箱");
    for report in [&xlsx, &csv, &json] {
        let run = baosong(&[
            "check",
            inbox.to_str().unwrap(),
            "--as-of",
            "2020-12-31",
            "--report",
            report.to_str().unwrap(),
            "--replies",
            replies.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(report.exists(), "{}", run.stderr);
    }

    let mut workbook = calamine::open_workbook_auto(&xlsx).unwrap();
    assert_eq!(workbook.sheet_names(), ["总览", "问题清单"]);
    let overview = workbook.worksheet_range("总览").unwrap();
    let rows: Vec<Vec<String>> = overview
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    // The first row says what was checked against and when; then the header.
    assert!(rows[0][0].contains("检查日期：2020-12-31"), "{:?}", rows[0]);
    assert_eq!(rows[1][0], "报送单位");
    assert_eq!(rows[1][2], "宣传展板材料");
    let dalian = rows.iter().find(|r| r[0] == "大连市").unwrap();
    assert_eq!(dalian[2], "不通过");
    assert_eq!(dalian[7], "不通过");
    let dandong = rows.iter().find(|r| r[0] == "丹东市").unwrap();
    assert_eq!(dandong[1], "未提交");
    assert_eq!(
        rows.len(),
        2 + 14 + 1,
        "a row per city plus the unknown sender"
    );
    let findings = workbook.worksheet_range("问题清单").unwrap();
    assert!(
        findings
            .rows()
            .any(|r| r[5] == "photo-caption-device-name" && r[0] == "大连市" && r[3] == "最新")
    );
    // A city that sent nothing has a row of its own, in the submitters' order.
    let cities: Vec<String> = findings.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert!(
        findings
            .rows()
            .any(|r| r[0] == "丹东市" && r[3] == "未提交"),
        "{cities:?}"
    );
    let first = |city: &str| cities.iter().position(|c| c == city).unwrap();
    assert!(first("大连市") < first("鞍山市") && first("鞍山市") < first("丹东市"));

    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "CSV starts with a BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.starts_with("市,报送材料,要求,状态,级别,代码,文件,说明"),
        "{text}"
    );
    assert!(text.contains("archive-unsafe-path"));

    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["missing"].as_array().unwrap().len(), 9);

    let letter = std::fs::read_to_string(replies.join("大连市-反馈.txt")).unwrap();
    assert!(letter.starts_with('\u{FEFF}'));
    assert!(letter.contains("大连市社区教育指导中心："), "{letter}");
    assert!(letter.contains("微信图片_20201015123456.jpg"), "{letter}");
    assert!(letter.contains("辽宁省社区教育指导中心"), "{letter}");
    let passed = std::fs::read_to_string(replies.join("沈阳市-反馈.txt")).unwrap();
    assert!(passed.contains("材料齐全"), "{passed}");
    let missing = std::fs::read_to_string(replies.join("丹东市-反馈.txt")).unwrap();
    assert!(missing.contains("尚未收到"), "{missing}");
    // Nothing was written into the inbox.
    assert!(!inbox.join("反馈").exists());
}

#[test]
fn reports_are_never_written_into_a_submission() {
    let d = inbox();
    let inside = d.join("收件箱/沈阳市/结果.xlsx");
    let run = baosong(&[
        "check",
        d.join("收件箱").to_str().unwrap(),
        "--report",
        inside.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(!inside.exists());
}

#[test]
fn output_is_the_same_whatever_the_number_of_jobs() {
    let d = inbox();
    let (_, one, _) = batch_json(&d, &["--jobs", "1"]);
    let (_, four, _) = batch_json(&d, &["--jobs", "4"]);
    assert_eq!(one, four);
}

#[test]
fn a_refused_member_belongs_to_the_requirement_whose_folder_holds_it() {
    let d = Dir::new();
    let mut zip = zip_raw(
        &[
            Member {
                name: "沈阳市/06活动周工作总结/草稿.docx".as_bytes().to_vec(),
                data: docx(&["草稿"]),
            },
            Member {
                name: "沈阳市/06活动周工作总结/总结.docx".as_bytes().to_vec(),
                data: docx(&["总结"]),
            },
            Member {
                name: "沈阳市/~$工作方案.docx".as_bytes().to_vec(),
                data: b"lock".to_vec(),
            },
        ],
        true,
        false,
    );
    // Encrypt the first member: bit 0 of its local and central header flags. The
    // central directory starts where the end record says (the stored .docx members
    // hold central headers of their own).
    zip[6] |= 1;
    let end = zip.windows(4).rposition(|w| w == b"PK\x05\x06").unwrap();
    let central = u32::from_le_bytes(zip[end + 16..end + 20].try_into().unwrap()) as usize;
    zip[central + 8] |= 1;
    d.write("沈阳市.zip", &zip);
    let (_, report) = check_json(&d.join("沈阳市.zip"));
    assert!(
        codes(&report, "summary").contains(&"archive-encrypted".to_owned()),
        "{report:#}"
    );
    assert!(!codes(&report, "plan").contains(&"archive-encrypted".to_owned()));
    // Debris outside every section belongs to the submission, not to a requirement.
    let loose = report["submissions"][0]["findings"].to_string();
    assert!(loose.contains("file-debris"), "{report:#}");
}
