//! 超大附件: the NetEase and QQ Mail download links in a mail's text, as every output
//! lists them. An inbox of .eml files built byte by byte as 163 and QQ Mail write them:
//! the JSON's top-level `links` with each field, an expired link failing its city (and
//! a link still live on the day checked not failing it), the links on the console, the
//! page, the tracker's 下载链接 sheet and in the letters, and a link never counted as
//! material.

mod common;

use common::mail::*;
use common::*;

const NETEASE_URL: &str = "https://mail.163.com/large-attachment-download/index.html?p=X-NETEASE-HUGE-ATTACHMENT&file=djAyZG1meTh2";
const QQ_URL: &str =
    "http://mail.qq.com/cgi-bin/ftnExs_download?k=2b61616&t=exs_ftn_download&code=eaac8a28";

/// 辽阳市's mail: no attachment, only 163's 超大附件 block for 展板材料.zip (215.3M,
/// expiring 2020-11-04 15:20), in the plain text and in the HTML as 163 writes them.
fn liaoyang() -> Vec<u8> {
    let html_url = NETEASE_URL.replace('&', "&amp;");
    Eml {
        sender: "辽阳市社区教育中心".into(),
        address: "ly_sqjy@163.com".into(),
        subject: "辽阳市报送活动周展板材料（超大附件）".into(),
        date: "Wed, 21 Oct 2020 10:05:00 +0800 (CST)".into(),
        message_id: "ly.20201021@163.com".into(),
        text: format!(
            "省中心：\r\n  展板材料较大，用超大附件发送，请查收。\r\n\r\n从网易163邮箱发来的超大附件\r\n\r\n展板材料.zip (215.3M, 2020年11月4日 15:20 到期)\r\n进入下载页面：{NETEASE_URL}\r\n"
        ),
        html_extra: format!(
            "<div style=\"padding:4px\"><div><b>从网易163邮箱发来的超大附件</b><a class=\"bigattach-mailmaster-download\" href=\"http://u.163.com/RcUwvU56g?spm=pos.free_webmail_1\">推荐客户端极速下载</a></div><div><div><div style=\"float:left;width:36px\"><a href=\"{html_url}\"></a></div><div><div><a href=\"{html_url}\">展板材料.zip</a><span style=\"color:#bbb\"> (215.3M, 2020年11月4日 15:20 到期)</span></div><div><a href=\"{html_url}\">下载</a></div></div></div></div></div>"
        ),
        attachments: Vec::new(),
    }
    .bytes()
}

/// 锦州市's mail: its complete material attached as a zip, and QQ Mail's block for
/// 活动视频.zip expiring on `expires` ("2020年10月23日 15:20").
fn jinzhou(expires: &str) -> Vec<u8> {
    let zip = zipped("锦州市", Names::Gbk, |_| {});
    let html_url = QQ_URL.replace('&', "&amp;");
    Eml {
        sender: "锦州市社区教育学院".into(),
        address: "jz_sqjy@qq.com".into(),
        subject: "锦州市报送全民终身学习活动周材料".into(),
        date: "Tue, 20 Oct 2020 08:30:00 +0800".into(),
        message_id: "jz.20201020@qq.com".into(),
        text: format!(
            "省中心：\r\n  附件是锦州市的材料，活动视频用超大附件发送。\r\n\r\n从QQ邮箱发来的超大附件\r\n\r\n活动视频.zip (56.70M, {expires} 到期)\r\n进入下载页面：{QQ_URL}\r\n"
        ),
        html_extra: format!(
            "<div>从QQ邮箱发来的超大附件</div><div><a href=\"{html_url}\">活动视频.zip</a> (56.70M, {expires} 到期)</div>"
        ),
        attachments: vec![attachment_126("锦州市活动周材料.zip", &zip)],
    }
    .bytes()
}

/// The first link of the JSON's `links` whose `city` is `city`.
fn link<'a>(report: &'a serde_json::Value, city: &str) -> &'a serde_json::Value {
    report["links"]
        .as_array()
        .expect("links is an array")
        .iter()
        .find(|l| l["city"] == city)
        .unwrap_or_else(|| panic!("no link of {city}: {report:#}"))
}

/// The `code` findings of the submission of `city` (at its root).
fn root_codes(report: &serde_json::Value, city: &str) -> Vec<String> {
    let sub = report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["city"] == city)
        .unwrap_or_else(|| panic!("no submission of {city}"));
    sub["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn links_are_listed_an_expired_one_fails_its_city_and_every_output_shows_them() {
    let d = Dir::new();
    d.write("邮件/辽阳.eml", liaoyang());
    d.write("邮件/锦州.eml", jinzhou("2020年10月23日 15:20"));
    let (page, tracker, console, letters) = (
        d.join("报告.html"),
        d.join("跟踪表.xlsx"),
        d.join("屏幕.txt"),
        d.join("反馈"),
    );
    let (run, report) = check_run(
        &d.join("邮件"),
        &[
            "--as-of",
            "2020-10-25",
            "--report",
            page.to_str().unwrap(),
            "--report",
            tracker.to_str().unwrap(),
            "--report",
            console.to_str().unwrap(),
            "--replies",
            letters.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);

    // The JSON: every field of both links, city by city in the rules' order.
    let links = report["links"].as_array().unwrap();
    assert_eq!(links.len(), 2, "{report:#}");
    assert_eq!(
        links[0],
        serde_json::json!({
            "url": QQ_URL,
            "name": "活动视频.zip",
            "size": "56.70M",
            "expires": "2020-10-23T15:20:00+08:00",
            "city": "锦州市",
            "message_id": "jz.20201020@qq.com",
            "expired": true,
        })
    );
    assert_eq!(
        links[1],
        serde_json::json!({
            "url": NETEASE_URL,
            "name": "展板材料.zip",
            "size": "215.3M",
            "expires": "2020-11-04T15:20:00+08:00",
            "city": "辽阳市",
            "message_id": "ly.20201021@163.com",
            "expired": false,
        })
    );

    // 锦州市 sent everything, so only its expired link fails it; an error at the
    // submission's root.
    let jinzhou_row = row(&report, "锦州市");
    assert_eq!(jinzhou_row["status"], "fail", "{jinzhou_row:#}");
    let cells = jinzhou_row["requirements"].as_object().unwrap();
    assert!(
        cells.values().all(|c| c != "fail" && c != "unopened"),
        "{jinzhou_row:#}"
    );
    assert!(root_codes(&report, "锦州市").contains(&"mail-link-expired".to_owned()));
    // 辽阳市's live link is a warning, and never material: boards (due 10-21) fail.
    assert_eq!(root_codes(&report, "辽阳市"), ["mail-link"]);
    let liaoyang_row = row(&report, "辽阳市");
    assert_eq!(liaoyang_row["requirements"]["boards"], "fail");
    assert_eq!(liaoyang_row["requirements"]["plan"], "fail");

    // The console: a heading after the matrix, a line per link, the address below.
    let table = std::fs::read_to_string(&console).unwrap();
    let heading = table.find("超大附件下载链接").expect("the links' heading");
    assert!(heading > table.find("| 锦州市").unwrap(), "{table}");
    assert!(
        table.contains("辽阳市：展板材料.zip（215.3M）下载链接 11月4日 15:20 到期，请尽快下载"),
        "{table}"
    );
    assert!(
        table.contains(
            "锦州市：活动视频.zip（56.70M）下载链接 已于 10月23日 15:20 过期，请城市重新发送"
        ),
        "{table}"
    );
    assert!(table.contains(&format!("    {NETEASE_URL}")), "{table}");

    page_shows_the_links(&page);
    sheet_lists_the_links(&tracker);
    // Written again over itself, the tracker has the links sheet once: it is baosong's,
    // not a sheet of the user's to carry.
    let again = baosong(&check_args(
        &d.join("邮件"),
        &[
            "--as-of",
            "2020-10-25",
            "--report",
            tracker.to_str().unwrap(),
        ],
    ));
    assert_eq!(again.code, 1, "{}", again.stderr);
    let book = calamine::open_workbook_auto(&tracker).unwrap();
    use calamine::Reader;
    assert_eq!(book.sheet_names(), ["总览", "问题清单", "下载链接"]);

    // The letters: the expired link is a problem to fix, the live one a reminder.
    let jinzhou_letter = std::fs::read_to_string(letters.join("锦州市-反馈.txt")).unwrap();
    let other = jinzhou_letter.find("其他问题").expect(&jinzhou_letter);
    let said = jinzhou_letter
        .find("1. 邮件里的超大附件下载链接「活动视频.zip」（56.70M）已于 10月23日 15:20 过期")
        .unwrap_or_else(|| panic!("{jinzhou_letter}"));
    assert!(said > other, "{jinzhou_letter}");
    let liaoyang_letter = std::fs::read_to_string(letters.join("辽阳市-反馈.txt")).unwrap();
    let reminders = liaoyang_letter
        .find("以下为提醒事项")
        .expect(&liaoyang_letter);
    let said = liaoyang_letter
        .find("「展板材料.zip」（215.3M），11月4日 15:20 到期，请尽快下载")
        .unwrap_or_else(|| panic!("{liaoyang_letter}"));
    assert!(said > reminders, "{liaoyang_letter}");
}

/// The page: each city's section lists its link, the name as a link to the address
/// that opens without telling the service where from; the expired one is marked.
fn page_shows_the_links(page: &std::path::Path) {
    let html = scraper::Html::parse_document(&std::fs::read_to_string(page).unwrap());
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let items: Vec<scraper::ElementRef> = html.select(&select("ul.links li")).collect();
    assert_eq!(items.len(), 2);
    for (li, (url, name, expired)) in items.iter().zip([
        (QQ_URL, "活动视频.zip", true),
        (NETEASE_URL, "展板材料.zip", false),
    ]) {
        let a = li.select(&select("a")).next().expect("the name is a link");
        assert_eq!(a.value().attr("href"), Some(url));
        assert_eq!(a.value().attr("rel"), Some("noopener noreferrer"));
        assert_eq!(a.text().collect::<String>(), name);
        let classes: Vec<&str> = li.value().classes().collect();
        assert_eq!(classes.contains(&"expired"), expired, "{classes:?}");
        let text: String = li.text().collect();
        assert_eq!(text.contains("已过期"), expired, "{text}");
    }
    // In the city's own section.
    let jinzhou = html
        .select(&select("section.city"))
        .find(|s| {
            s.select(&select("h2"))
                .any(|h| h.text().any(|t| t.contains("锦州市")))
        })
        .unwrap();
    assert_eq!(jinzhou.select(&select("ul.links li")).count(), 1);
}

/// The tracker: a 下载链接 sheet with a row per link, and the city's send time on the
/// overview.
fn sheet_lists_the_links(tracker: &std::path::Path) {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(tracker).unwrap();
    let sheet = book.worksheet_range("下载链接").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "市",
            "文件名",
            "大小",
            "到期时间",
            "状态",
            "链接",
            "邮件主题",
            "备注"
        ]
    );
    assert_eq!(
        rows[1][..7],
        [
            "锦州市",
            "活动视频.zip",
            "56.70M",
            "2020-10-23 15:20",
            "已过期",
            QQ_URL,
            "锦州市报送全民终身学习活动周材料"
        ]
    );
    assert_eq!(rows[2][0], "辽阳市");
    assert_eq!(rows[2][4], "未过期");
    let overview = book.worksheet_range("总览").unwrap();
    let rows: Vec<Vec<String>> = overview
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let sent = rows[1].iter().position(|h| h == "发送时间").unwrap();
    let liaoyang = rows.iter().find(|r| r[0] == "辽阳市").unwrap();
    assert_eq!(liaoyang[sent], "2020-10-21 10:05");
    let dalian = rows.iter().find(|r| r[0] == "大连市").unwrap();
    assert_eq!(dalian[sent], "");
}

#[test]
fn a_link_still_live_on_the_day_checked_does_not_fail_the_city() {
    // The control: the same mail, its link expiring later on the day checked. Judged
    // at the start of that day, it is live: a warning, and 锦州市 passes.
    let d = Dir::new();
    d.write("邮件/锦州.eml", jinzhou("2020年10月25日 15:20"));
    d.write("邮件/辽阳.eml", liaoyang());
    let (_, report) = check_run(&d.join("邮件"), &["--as-of", "2020-10-25"]);
    assert_eq!(link(&report, "锦州市")["expired"], false, "{report:#}");
    assert_eq!(root_codes(&report, "锦州市"), ["mail-link"]);
    assert_eq!(row(&report, "锦州市")["status"], "pass", "{report:#}");
    // The next day it has expired.
    let (_, report) = check_run(&d.join("邮件"), &["--as-of", "2020-10-26"]);
    assert_eq!(link(&report, "锦州市")["expired"], true);
    assert_eq!(row(&report, "锦州市")["status"], "fail");
}

#[test]
fn one_mail_checked_alone_lists_its_link_and_a_folder_lists_none() {
    let d = Dir::new();
    d.write("辽阳.eml", liaoyang());
    let (_, report) = check_run(&d.join("辽阳.eml"), &["--as-of", "2020-11-05"]);
    let links = report["links"].as_array().unwrap();
    assert_eq!(links.len(), 1, "{report:#}");
    assert_eq!(links[0]["expired"], true);
    assert_eq!(report["status"], "fail");
    let run = baosong(&[
        "check",
        d.join("辽阳.eml").to_str().unwrap(),
        "--as-of",
        "2020-11-05",
    ]);
    assert!(
        run.stdout
            .contains("展板材料.zip（215.3M）下载链接 已于 11月4日 15:20 过期"),
        "{}",
        run.stdout
    );
    // A submission that came as no mail: the list is there, empty.
    d.write("沈阳市/01工作方案/工作方案.txt", gbk(&board_text(5, 4)));
    let (_, report) = check_run(&d.join("沈阳市"), &[]);
    assert_eq!(report["links"], serde_json::json!([]));
}

#[test]
fn notes_typed_on_the_links_sheet_stay_on_their_link() {
    use common::workbook::*;
    let d = Dir::new();
    d.write("邮件/辽阳.eml", liaoyang());
    d.write("邮件/锦州.eml", jinzhou("2020年10月23日 15:20"));
    let tracker = d.join("跟踪表.xlsx");
    let run = || {
        baosong(&[
            "check",
            d.join("邮件").to_str().unwrap(),
            "--as-of",
            "2020-10-25",
            "--report",
            tracker.to_str().unwrap(),
        ])
    };
    assert!(run().code < 2);
    // Staff add a column of their own and type notes, then sort the rows (锦州 first).
    let mut sheets = read_sheets(&tracker);
    let links = sheet(&mut sheets, "下载链接");
    let header: Vec<String> = text(links)[0].clone();
    let (address, notes) = (column(&header, "链接"), column(&header, "备注"));
    let row_of = |grid: &Grid, url: &str| {
        text(grid)
            .iter()
            .position(|r| r.get(address).is_some_and(|c| c == url))
            .unwrap()
    };
    let (ly, jz) = (row_of(links, NETEASE_URL), row_of(links, QQ_URL));
    links.swap(ly, jz);
    let mine = header.len();
    set(links, 0, mine, "已下载");
    set(links, jz, mine, "是");
    set(links, jz, notes, "11月1日已下载并检查");
    set(links, ly, notes, "已电话通知重发");
    save_sheets(&tracker, &sheets);

    assert!(run().code < 2);
    let mut sheets = read_sheets(&tracker);
    let links = text(sheet(&mut sheets, "下载链接"));
    let header = &links[0];
    let (mine, notes) = (column(header, "已下载"), column(header, "备注"));
    let on = |url: &str| {
        let row = links
            .iter()
            .find(|r| r.get(address).is_some_and(|c| c == url))
            .unwrap();
        (
            row.get(mine).cloned().unwrap_or_default(),
            row[notes].clone(),
        )
    };
    assert_eq!(on(NETEASE_URL), ("是".into(), "11月1日已下载并检查".into()));
    assert_eq!(on(QQ_URL), (String::new(), "已电话通知重发".into()));

    // 辽阳's mail is taken out of the folder: its row and notes stay, at the bottom.
    std::fs::remove_file(d.join("邮件/辽阳.eml")).unwrap();
    assert!(run().code < 2);
    let mut sheets = read_sheets(&tracker);
    let links = text(sheet(&mut sheets, "下载链接"));
    let last = links.last().unwrap();
    assert_eq!(last[address], NETEASE_URL, "{links:?}");
    assert!(
        last.contains(&"本次检查中没有这一行".to_owned()),
        "{last:?}"
    );
    assert!(last.contains(&"11月1日已下载并检查".to_owned()), "{last:?}");
}
