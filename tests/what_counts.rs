//! 通过 only for the real thing: each false pass a reviewer would send back, on real
//! bytes, now fails with a message naming the file and saying what it is; the
//! controls (valid material that only looks alike) still pass.

mod common;

use common::*;

const ROOT: &str = "营口市";
const CITY: City = City(ROOT);

/// The findings of a requirement: (code, severity, path, message).
fn findings(report: &serde_json::Value, id: &str) -> Vec<(String, String, String, String)> {
    requirement(report, id)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
            (s("code"), s("severity"), s("path"), s("message"))
        })
        .collect()
}

/// The message of the finding with `code` about a file whose path ends in `name`.
fn said(report: &serde_json::Value, id: &str, code: &str, name: &str) -> String {
    findings(report, id)
        .into_iter()
        .find(|(c, _, p, _)| c == code && p.ends_with(name))
        .unwrap_or_else(|| panic!("no {code} about {name} in {id}: {report:#}"))
        .3
}

fn words(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

// ---- stubs ---------------------------------------------------------------------

#[test]
fn a_placeholder_case_does_not_count() {
    let d = CITY.valid();
    d.remove(&CITY.rel("03特色案例/送教上门进社区.docx"));
    let stub = "特色案例材料正在整理中，后补，请谅解。";
    d.write(&CITY.rel("03特色案例/特色案例（后补）.docx"), docx(&[stub]));
    let report = CITY.check(&d);
    let m = said(&report, "cases", "document-stub", "特色案例（后补）.docx");
    assert!(
        m.contains("占位") && m.contains("特色案例（后补）.docx"),
        "{m}"
    );
    assert_eq!(status(&report, "cases"), "fail");
    assert_eq!(report["status"], "fail");
}

#[test]
fn a_blank_form_a_link_a_photo_note_and_one_character_are_not_exemplars() {
    let d = CITY.valid();
    d.remove(&CITY.rel("04先进典型"));
    // A 推荐表 with its labels and empty cells, as Word saves a table.
    let labels = [
        "姓名",
        "性别",
        "出生年月",
        "工作单位",
        "联系电话",
        "主要事迹",
        "推荐意见",
    ];
    let rows: Vec<Vec<String>> = labels
        .iter()
        .map(|l| vec![l.to_string(), String::new()])
        .collect();
    d.write(
        &CITY.rel("04先进典型/百姓学习之星推荐表.docx"),
        docx_table("2020年百姓学习之星推荐表", &rows),
    );
    let link = "超大附件：典型视频.mp4 (215.30M, 2020年11月4日 15:20 到期)\n\
                https://mail.163.com/large-attachment-download/index.html?p=X&file=abc";
    d.write(&CITY.rel("04先进典型/典型视频下载地址.txt"), gbk(link));
    for i in 1..=3 {
        d.write(
            &CITY.rel(&format!("04先进典型/张秀英/照片{i}.jpg")),
            photo_n(i),
        );
    }
    d.write(
        &CITY.rel("04先进典型/张秀英/照片说明.txt"),
        gbk("张秀英老人在社区学院学习书法，坚持了五年。"),
    );
    d.write(&CITY.rel("04先进典型/好.txt"), gbk("好"));
    let report = CITY.check(&d);
    let form = said(&report, "exemplars", "document-stub", "推荐表.docx");
    assert!(form.contains("没有填写的表格"), "{form}");
    let link = said(&report, "exemplars", "document-stub", "下载地址.txt");
    assert!(link.contains("链接"), "{link}");
    let note = said(&report, "exemplars", "entry-text-too-short", "张秀英");
    assert!(
        note.contains("3 张照片") && note.contains("字的说明"),
        "{note}"
    );
    let one = said(&report, "exemplars", "entry-text-too-short", "好.txt");
    assert!(one.contains("1 字"), "{one}");
    assert!(
        summary(&report, "exemplars").starts_with("0 份"),
        "{report:#}"
    );
    assert_eq!(status(&report, "exemplars"), "fail");
}

// ---- the wrong document --------------------------------------------------------

#[test]
fn the_notice_itself_is_not_the_plan() {
    let d = CITY.valid();
    let notice = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/notice.txt"),
    )
    .unwrap();
    let paragraphs: Vec<&str> = notice.lines().collect();
    d.write(
        &CITY.rel("01工作方案/营口市全民终身学习活动周工作方案.docx"),
        docx(&paragraphs),
    );
    let report = CITY.check(&d);
    let m = said(&report, "plan", "document-is-notice", "工作方案.docx");
    assert!(m.contains("通知原文"), "{m}");
    assert_eq!(status(&report, "plan"), "fail");
}

#[test]
fn a_cover_letter_is_not_the_plan_it_sends() {
    let d = CITY.valid();
    d.remove(&CITY.rel("01工作方案/沈阳市全民终身学习活动周工作方案.docx"));
    d.write(
        &CITY.rel("01工作方案/关于报送工作方案的函.docx"),
        docx(&[
            "关于报送2020年全民终身学习活动周工作方案的函",
            "省社区教育指导中心：",
            "现将《营口市2020年全民终身学习活动周工作方案》报送你们，请审阅。",
            "附件：营口市2020年全民终身学习活动周工作方案",
            "营口市社区教育指导中心",
            "2020年10月19日",
        ]),
    );
    let report = CITY.check(&d);
    let m = said(&report, "plan", "document-cover-letter", "的函.docx");
    assert!(m.contains("报送函"), "{m}");
    assert!(
        m.contains("没有找到"),
        "the attachment it names is missing: {m}"
    );
    assert_eq!(status(&report, "plan"), "fail");
    // With the plan beside it, the letter does not count, the plan does, and the
    // letter is only information.
    d.write(
        &CITY.rel("01工作方案/营口市2020年全民终身学习活动周工作方案.docx"),
        docx(&[
            "营口市2020年全民终身学习活动周工作方案",
            &board_text(91, 30),
        ]),
    );
    let report = CITY.check(&d);
    let letter = findings(&report, "plan")
        .into_iter()
        .find(|(c, ..)| c == "document-cover-letter")
        .unwrap();
    assert!(
        letter.3.contains("工作方案.docx"),
        "names the plan: {}",
        letter.3
    );
    assert_eq!(letter.1, "info");
    assert_eq!(status(&report, "plan"), "pass", "{report:#}");
    assert!(
        summary(&report, "plan").starts_with("营口市2020年"),
        "{report:#}"
    );
}

#[test]
fn last_years_summary_does_not_count() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("06活动周工作总结.docx"),
        docx(&["2019年全民终身学习活动周工作总结", &board_text(92, 30)]),
    );
    let report = CITY.check(&d);
    let m = said(&report, "summary", "document-other-year", "工作总结.docx");
    assert!(m.contains("2019 年") && m.contains("2020 年"), "{m}");
    assert_eq!(status(&report, "summary"), "fail");
}

#[test]
fn a_summary_holding_the_plans_text_does_not_count_for_both() {
    let d = CITY.valid();
    let plan = board_text(1, 30);
    d.write(
        &CITY.rel("06活动周工作总结.docx"),
        docx(&["营口市2020年全民终身学习活动周工作总结", &plan]),
    );
    let report = CITY.check(&d);
    let m = said(&report, "summary", "text-reused", "工作总结.docx");
    assert!(m.contains("工作方案"), "{m}");
    assert_eq!(status(&report, "summary"), "fail");
    assert_eq!(status(&report, "plan"), "pass");
}

#[test]
fn a_damaged_pdf_with_one_image_is_unreadable_not_a_scan() {
    let pdf = damaged_scanned_pdf();
    let d = CITY.valid();
    d.remove(&CITY.rel("01工作方案/沈阳市全民终身学习活动周工作方案.docx"));
    d.write(&CITY.rel("01工作方案/营口市活动周工作方案.pdf"), &pdf);
    let report = CITY.check(&d);
    let codes = codes(&report, "plan");
    assert!(
        codes.contains(&"document-unreadable".to_owned()),
        "{codes:?}"
    );
    assert!(!codes.contains(&"document-scanned".to_owned()), "{codes:?}");
    assert_eq!(status(&report, "plan"), "fail");
}

// ---- copies --------------------------------------------------------------------

#[test]
fn a_boards_text_as_docx_and_txt_is_not_added_up() {
    let d = CITY.valid();
    d.remove(&CITY.rel("02宣传展板材料/展板2/展板文字.txt"));
    let text = board_text(93, 12); // 180 字: twice would pass, once does not
    d.write(
        &CITY.rel("02宣传展板材料/展板2/展板文字.docx"),
        docx(&[&text]),
    );
    d.write(&CITY.rel("02宣传展板材料/展板2/展板文字.txt"), gbk(&text));
    let report = CITY.check(&d);
    let short = said(&report, "boards", "board-text-too-short", "展板2");
    assert!(short.contains("180 字"), "{short}");
    assert_eq!(status(&report, "boards"), "fail");
}

#[test]
fn an_exemplar_as_doc_and_pdf_or_under_a_new_title_counts_once() {
    let d = CITY.valid();
    d.remove(&CITY.rel("04先进典型"));
    // LibreOffice's .doc and .pdf of one text, as two entries.
    d.write(&CITY.rel("04先进典型/典型一.doc"), fixture("board.doc"));
    d.write(
        &CITY.rel("04先进典型/典型一（导出）.pdf"),
        fixture("board.pdf"),
    );
    // One account saved again under another title.
    let body = board_text(94, 20);
    d.write(
        &CITY.rel("04先进典型/百姓学习之星李娜.docx"),
        docx(&["百姓学习之星李娜事迹", &body]),
    );
    d.write(
        &CITY.rel("04先进典型/终身学习的榜样.docx"),
        docx(&["终身学习的榜样——记李娜", &body]),
    );
    let report = CITY.check(&d);
    assert!(
        summary(&report, "exemplars").starts_with("2 份"),
        "{report:#}"
    );
    let pdf = said(&report, "exemplars", "content-duplicate", "（导出）.pdf");
    assert!(pdf.contains("典型一.doc"), "says which copy counted: {pdf}");
    said(
        &report,
        "exemplars",
        "content-duplicate",
        "终身学习的榜样.docx",
    );
    assert_eq!(status(&report, "exemplars"), "fail");
}

// ---- names that are not names --------------------------------------------------

#[test]
fn browser_and_editor_default_names_are_not_captions() {
    let d = CITY.valid();
    for name in ["下载.jpg", "下载 (1).jpg", "未命名-1.jpg"] {
        d.write(
            &CITY.rel(&format!("02宣传展板材料/展板2/{name}")),
            photo_n(9),
        );
    }
    let report = CITY.check(&d);
    for name in ["下载.jpg", "下载 (1).jpg", "未命名-1.jpg"] {
        said(&report, "boards", "photo-caption-device-name", name);
    }
    assert_eq!(status(&report, "boards"), "fail");
}

#[test]
fn surnames_with_titles_are_not_attendees() {
    let d = CITY.valid();
    let rows: Vec<Vec<String>> = ["王主任", "李科长", "赵校长", "刘芳", "陈静"]
        .iter()
        .enumerate()
        .map(|(i, n)| {
            vec![
                (i + 1).to_string(),
                n.to_string(),
                "营口市社区教育指导中心".to_owned(),
                format!("1390000{i:04}"),
            ]
        })
        .collect();
    d.write(
        &CITY.rel("05开幕式参会人员名单.xlsx"),
        roster_xlsx(None, &["序号", "姓名", "单位", "电话"], &rows),
    );
    let report = CITY.check(&d);
    let m = said(&report, "attendees", "roster-placeholder", "名单.xlsx");
    assert!(m.contains("王主任") && m.contains("真实姓名"), "{m}");
    assert!(codes(&report, "attendees").contains(&"roster-too-few".to_owned()));
    assert_eq!(status(&report, "attendees"), "fail");
}

// ---- integrity cannot be configured away ---------------------------------------

#[test]
fn integrity_codes_cannot_be_switched_off() {
    let d = Dir::new();
    let rules = baosong(&["rules", "--dump"]).stdout.replace(
        "# photo-outside-period = \"warning\"",
        "internal-error = \"off\"\nsection-missing = \"off\"\nphoto-edited = \"off\"",
    );
    d.write("rules.toml", &rules);
    let run = baosong(&["rules", "--rules", d.join("rules.toml").to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let line = |code: &str| {
        rules
            .lines()
            .position(|l| l.starts_with(code))
            .map(|i| i + 1)
            .unwrap()
    };
    for code in ["internal-error", "section-missing"] {
        let at = format!(":{}:", line(code));
        assert!(
            run.stderr
                .lines()
                .any(|l| l.contains(&at) && l.contains(code)),
            "{code} refused with its line: {}",
            run.stderr
        );
    }
    assert!(
        !run.stderr.contains("photo-edited"),
        "advisory codes can be tuned"
    );
}

// ---- what was sent is judged now -----------------------------------------------

#[test]
fn material_sent_with_errors_fails_on_the_deadline_day() {
    let d = CITY.valid();
    let short = board_text(95, 16) + "社区居民积极参加。"; // 240 + 9 = 249 字
    d.write(&CITY.rel("02宣传展板材料/展板2/展板文字.txt"), gbk(&short));
    // Only 2 of 3 exemplars are there yet; the summary is not due for weeks.
    d.remove(&CITY.rel("04先进典型/终身学习品牌项目.mp4"));
    d.remove(&CITY.rel("06活动周工作总结.docx"));
    let (run, report) = check_run(&d.join(ROOT), &["--as-of", "2020-10-21"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(report["status"], "fail");
    assert_eq!(status(&report, "boards"), "fail");
    let m = said(&report, "boards", "board-text-too-short", "展板2");
    assert!(m.contains("10月21日前改好"), "{m}");
    assert_eq!(status(&report, "exemplars"), "fail", "sent in part: judged");
    let m = said(&report, "exemplars", "entries-too-few", "04先进典型");
    assert!(m.contains("10月25日前"), "says when it is due: {m}");
    assert_eq!(
        status(&report, "summary"),
        "pending",
        "nothing sent, due later"
    );
    // The console and the page say it too.
    let root = d.join(ROOT);
    let console = baosong(&["check", root.to_str().unwrap(), "--as-of", "2020-10-21"]);
    assert_eq!(console.code, 1);
    assert!(console.stdout.contains("不通过"), "{}", console.stdout);
    let page = d.join("report.html");
    let html = baosong(&[
        "check",
        root.to_str().unwrap(),
        "--as-of",
        "2020-10-21",
        "--report",
        page.to_str().unwrap(),
    ]);
    assert_eq!(html.code, 1);
    let page = std::fs::read_to_string(page).unwrap();
    let headline = page.split("</h1>").next().unwrap_or_default();
    assert!(headline.contains("不通过"), "{headline}");
    assert!(!headline.contains("✔ 通过"), "{headline}");
}

#[test]
fn a_city_that_sent_nothing_due_later_is_pending_in_the_matrix() {
    let d = Dir::new();
    valid_submission(&d, "收件箱/营口市");
    // 盘锦市 sent only its plan and boards, early; its boards have a short text.
    valid_submission(&d, "收件箱/盘锦市");
    for gone in [
        "03特色案例",
        "04先进典型",
        "05开幕式参会人员名单.xlsx",
        "06活动周工作总结.docx",
    ] {
        d.remove(&format!("收件箱/盘锦市/{gone}"));
    }
    d.write(
        "收件箱/盘锦市/02宣传展板材料/展板2/展板文字.txt",
        gbk(&board_text(96, 16)),
    );
    let (run, report) = check_run(&d.join("收件箱"), &["--batch", "--as-of", "2020-10-15"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let panjin = row(&report, "盘锦市");
    assert_eq!(panjin["requirements"]["boards"], "fail", "{panjin:#}");
    assert_eq!(panjin["requirements"]["cases"], "pending", "{panjin:#}");
    assert_eq!(panjin["requirements"]["summary"], "pending", "{panjin:#}");
    assert_eq!(row(&report, "营口市")["status"], "pass");
}

// ---- controls: valid material that only looks alike ----------------------------

#[test]
fn controls_pass() {
    let d = CITY.valid();
    // A 300-字 board as .docx beside the same text as .txt: counted once, 300 字.
    let board = board_text(97, 20);
    d.write(&CITY.rel("02宣传展板材料/展板2/展板文字.txt"), gbk(&board));
    d.write(
        &CITY.rel("02宣传展板材料/展板2/展板文字.docx"),
        docx(&[&board]),
    );
    // Three exemplars sharing boilerplate paragraphs, and a case sharing a video.
    let boilerplate =
        "为深入贯彻落实全民终身学习活动周工作要求，推进学习型社会建设，现将先进典型事迹报告如下。";
    d.remove(&CITY.rel("04先进典型"));
    for (i, who) in ["王丽", "李强", "赵敏"].iter().enumerate() {
        d.write(
            &CITY.rel(&format!("04先进典型/百姓学习之星{who}.docx")),
            docx(&[
                &format!("百姓学习之星{who}事迹"),
                boilerplate,
                &board_text(100 + i as u32, 16),
                boilerplate,
            ]),
        );
    }
    d.write(&CITY.rel("04先进典型/终身学习品牌项目.mp4"), mp4());
    d.write(&CITY.rel("03特色案例/终身学习品牌项目.mp4"), mp4());
    // A plan and a summary quoting the same sentence.
    let quote = "紧扣“全民智学，助力‘双战双赢’”主题，结合本地实际开展活动。";
    d.write(
        &CITY.rel("01工作方案/沈阳市全民终身学习活动周工作方案.docx"),
        docx(&[
            "营口市2020年全民终身学习活动周工作方案",
            quote,
            &board_text(1, 30),
        ]),
    );
    d.write(
        &CITY.rel("06活动周工作总结.docx"),
        docx(&[
            "营口市2020年全民终身学习活动周工作总结",
            quote,
            &board_text(7, 30),
        ]),
    );
    // Five real names, their job titles in a column of their own.
    let rows: Vec<Vec<String>> = [
        ("王建国", "主任"),
        ("李科", "科长"),
        ("张秀英", "百姓学习之星"),
        ("乌云其木格", "教师"),
        ("额尔敦巴特尔", "校长"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (n, t))| {
        vec![
            (i + 1).to_string(),
            n.to_string(),
            t.to_string(),
            format!("1390000{i:04}"),
        ]
    })
    .collect();
    d.write(
        &CITY.rel("05开幕式参会人员名单.xlsx"),
        roster_xlsx(None, &["序号", "姓名", "职务", "电话"], &rows),
    );
    let (run, report) = check_run(&d.join(ROOT), &[]);
    assert_eq!(run.code, 0, "{report:#}");
    for id in IDS {
        assert_eq!(status(&report, id), "pass", "{id}: {report:#}");
    }
    assert!(
        summary(&report, "boards").contains(&format!("{} 字", words(&board))),
        "{report:#}"
    );
    assert!(
        summary(&report, "exemplars").starts_with("4 份"),
        "{report:#}"
    );
    let shared = said(&report, "exemplars", "video-shared", "终身学习品牌项目.mp4");
    assert!(shared.contains("特色案例"), "{shared}");
}

#[test]
fn a_plan_filed_as_the_summary_is_named_by_its_title() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("06活动周工作总结.docx"),
        docx(&[
            "营口市2020年全民终身学习活动周工作方案",
            &board_text(98, 30),
        ]),
    );
    let report = CITY.check(&d);
    let m = said(&report, "summary", "document-other-kind", "工作总结.docx");
    assert!(m.contains("工作方案") && m.contains("工作总结"), "{m}");
    assert_eq!(status(&report, "summary"), "fail");
    // A report on how the plan was carried out is a summary, whatever it quotes.
    d.write(
        &CITY.rel("06活动周工作总结.docx"),
        docx(&[
            "营口市2020年全民终身学习活动周工作方案落实情况报告",
            "一、制定活动方案",
            &board_text(98, 30),
        ]),
    );
    assert_eq!(status(&CITY.check(&d), "summary"), "pass");
}

#[test]
fn a_long_cover_letter_naming_its_attachment_is_still_a_letter() {
    // A letter that sums up the plan runs past 400 字; what it sends is not there.
    let d = CITY.valid();
    d.remove(&CITY.rel("01工作方案/沈阳市全民终身学习活动周工作方案.docx"));
    let summing_up = board_text(99, 30); // 450 字 about the plan
    d.write(
        &CITY.rel("01工作方案/关于报送活动周工作方案的函.docx"),
        docx(&[
            "关于报送营口市2020年全民终身学习活动周工作方案的函",
            "省社区教育指导中心：",
            &summing_up,
            "现随函报送，如有不妥，请批评指正。",
            "附件：营口市2020年全民终身学习活动周工作方案",
        ]),
    );
    let report = CITY.check(&d);
    let m = said(&report, "plan", "document-cover-letter", "的函.docx");
    assert!(
        m.contains("（函中提到的附件：“营口市2020年全民终身学习活动周工作方案”没有找到）"),
        "{m}"
    );
    assert_eq!(status(&report, "plan"), "fail");
}

#[test]
fn last_years_summary_renamed_for_this_year_does_not_count() {
    let d = CITY.valid();
    d.remove(&CITY.rel("06活动周工作总结.docx"));
    // The file renamed 2020, its heading still 2019.
    d.write(
        &CITY.rel("06营口市2020年全民终身学习活动周工作总结.docx"),
        docx(&[
            "营口市2019年全民终身学习活动周工作总结",
            &board_text(100, 30),
        ]),
    );
    let report = CITY.check(&d);
    said(&report, "summary", "document-other-year", "工作总结.docx");
    // No year in the title or file name, and the body dates last year's events.
    d.remove(&CITY.rel("06营口市2020年全民终身学习活动周工作总结.docx"));
    let body = format!(
        "2019年10月26日，市级开幕式在劳动公园举行。{}2019年11月28日，活动周圆满结束。",
        board_text(101, 30)
    );
    d.write(
        &CITY.rel("06活动周工作总结.docx"),
        docx(&["营口市全民终身学习活动周工作总结", &body]),
    );
    let report = CITY.check(&d);
    let m = said(&report, "summary", "document-other-year", "工作总结.docx");
    assert!(m.contains("2019 年"), "{m}");
    // A 2020 summary comparing with last year's dates passes.
    d.write(
        &CITY.rel("06活动周工作总结.docx"),
        docx(&["营口市2020年全民终身学习活动周工作总结", &body]),
    );
    assert_eq!(status(&CITY.check(&d), "summary"), "pass");
    d.remove(&CITY.rel("06活动周工作总结.docx"));
    // This year's summary comparing with last year passes.
    let body = format!(
        "与2019年相比，参与人数明显增加。{}2020年11月30日",
        board_text(102, 30)
    );
    d.write(
        &CITY.rel("06营口市2020年全民终身学习活动周工作总结.docx"),
        docx(&["营口市2020年全民终身学习活动周工作总结", &body]),
    );
    assert_eq!(status(&CITY.check(&d), "summary"), "pass");
}

#[test]
fn an_exemplar_copied_with_the_person_renamed_counts_once() {
    let d = CITY.valid();
    let story = "张秀英今年六十七岁，退休后走进文安路社区学院，从零开始学习书法和智能手机。\
        五年来，张秀英每周坚持上课，从不缺席，还把学到的知识教给身边的老人。\
        疫情期间，张秀英通过微信群组织线上读书会，带动邻居一起读书、一起练字。\
        她说，学习让退休生活更有意义。社区学院为她颁发了优秀学员证书，\
        张秀英还被评为社区百姓学习之星，她的故事在社区里广为流传，激励了更多居民参加终身学习。";
    let story = format!("{story}{}", board_text(110, 16));
    d.write(
        &CITY.rel("04先进典型/百姓学习之星张秀英.docx"),
        docx(&["张秀英事迹", &story]),
    );
    let copy = story
        .replace("张秀英", "张淑珍")
        .replace("六十七", "六十九")
        .replace("文安路", "三好街");
    d.write(
        &CITY.rel("04先进典型/百姓学习之星张淑珍.docx"),
        docx(&["张淑珍事迹", &copy]),
    );
    d.remove(&CITY.rel("04先进典型/终身学习品牌项目.mp4"));
    let report = CITY.check(&d);
    // Which of the two counted is a matter of order; the other is the copy.
    let copies: Vec<String> = findings(&report, "exemplars")
        .into_iter()
        .filter(|(c, ..)| c == "content-duplicate")
        .map(|(.., m)| m)
        .collect();
    assert_eq!(copies.len(), 1, "{report:#}");
    assert!(copies[0].contains("几乎相同"), "{}", copies[0]);
    assert!(
        copies[0].contains("张秀英") && copies[0].contains("张淑珍"),
        "{}",
        copies[0]
    );
    assert!(
        summary(&report, "exemplars").starts_with("3 份"),
        "{report:#}"
    );
}

#[test]
fn a_text_counted_elsewhere_fails_only_a_requirement_it_leaves_short() {
    // The case's text again as a 4th exemplar: not counted twice, but 3 are there.
    let d = CITY.valid();
    let case = board_text(22, 20); // the case of the valid submission
    d.write(&CITY.rel("04先进典型/流动课堂.docx"), docx(&[&case]));
    let report = CITY.check(&d);
    let m = said(&report, "exemplars", "text-reused", "流动课堂.docx");
    assert!(m.contains("特色案例"), "{m}");
    assert!(
        summary(&report, "exemplars").starts_with("3 份"),
        "{report:#}"
    );
    assert_eq!(status(&report, "exemplars"), "warn");
    assert_eq!(report["status"], "pass");
}

#[test]
fn a_text_shared_by_two_requirements_goes_to_the_one_that_needs_it() {
    // A third board whose text is the only case: the boards have 2 without it.
    let d = CITY.valid();
    let case = board_text(22, 20); // the case of the valid submission
    d.write(
        &CITY.rel("02宣传展板材料/展板3/展板文字.docx"),
        docx(&[&case]),
    );
    d.write(&CITY.rel("02宣传展板材料/展板3/送教上门.jpg"), photo_n(7));
    let report = CITY.check(&d);
    assert_eq!(status(&report, "cases"), "pass", "{report:#}");
    assert!(
        summary(&report, "boards").starts_with("2 块展板"),
        "{report:#}"
    );
    said(&report, "boards", "text-reused", "展板3");
    assert_eq!(report["status"], "pass");
}

#[test]
fn another_citys_plan_or_summary_does_not_count() {
    // 锦州市's plan sent in 营口市's folder: its title says whose it is.
    let d = CITY.valid();
    let plan = "01工作方案/营口市全民终身学习活动周工作方案.docx";
    d.remove(&CITY.rel("01工作方案"));
    d.write(
        &CITY.rel(plan),
        docx(&["锦州市2020年全民终身学习活动周工作方案", &board_text(1, 30)]),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "plan"), "fail", "{report:#}");
    let message = said(&report, "plan", "document-other-city", "工作方案.docx");
    assert!(message.contains("锦州市"), "{message}");
    // Under a red head of another city too.
    d.write(
        &CITY.rel(plan),
        docx(&[
            "锦州市社区教育指导中心文件",
            "锦社教〔2020〕5号",
            "关于印发2020年全民终身学习活动周工作方案的通知",
            &board_text(1, 30),
        ]),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "plan"), "fail", "{report:#}");
    // Controls: the city's own, a district within it (鲅鱼圈区), and a title naming
    // no city count.
    for title in [
        "营口市2020年全民终身学习活动周工作方案",
        "鲅鱼圈区2020年全民终身学习活动周工作方案",
        "2020年全民终身学习活动周工作方案",
    ] {
        d.write(&CITY.rel(plan), docx(&[title, &board_text(1, 30)]));
        let report = CITY.check(&d);
        assert_eq!(status(&report, "plan"), "pass", "{title}: {report:#}");
    }
}
