//! Evidence a reviewer would notice by eye: each check passing and failing on real
//! bytes, with the evidence (dates, sizes, paths) in its message.

mod common;

use common::*;

const ROOT: &str = "锦州市";
const CITY: City = City(ROOT);

fn check_with(d: &Dir, extra: &[&str]) -> serde_json::Value {
    check_run(&d.join(ROOT), extra).1
}

/// A rules file: the defaults with `edit` applied, written into `d`.
fn rules_with(d: &Dir, edit: impl Fn(String) -> String) -> String {
    let rules = edit(baosong(&["rules", "--dump"]).stdout);
    d.write("rules.toml", &rules);
    d.join("rules.toml").to_str().unwrap().to_owned()
}

fn message<'a>(report: &'a serde_json::Value, id: &str, code: &str) -> &'a str {
    requirement(report, id)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {id}: {report:#}"))["message"]
        .as_str()
        .unwrap()
}

const BOARD2_PHOTO: &str = "02宣传展板材料/展板2/社区合唱团演出.jpg";

#[test]
fn valid_material_raises_nothing_above_info() {
    let report = CITY.check(&CITY.valid());
    for id in IDS {
        let findings = requirement(&report, id)["findings"].as_array().unwrap();
        assert!(
            findings.iter().all(|f| f["severity"] == "info"),
            "{id}: {findings:#?}"
        );
    }
}

// ---- photos --------------------------------------------------------------

#[test]
fn photo_taken_outside_the_week_or_after_today_warns_with_its_date() {
    let d = CITY.valid();
    d.write(
        &CITY.rel(BOARD2_PHOTO),
        jpeg_exif((1600, 1200), 90, "2018:05:01 10:00:00", None, None),
    );
    let report = CITY.check(&d);
    assert_eq!(codes(&report, "boards"), ["photo-outside-period"]);
    let m = message(&report, "boards", "photo-outside-period");
    assert!(m.contains("2018-05-01") && m.contains("2020-10-01"), "{m}");

    d.write(
        &CITY.rel(BOARD2_PHOTO),
        jpeg_exif((1600, 1200), 90, "2021:03:01 10:00:00", None, None),
    );
    let report = CITY.check(&d);
    assert_eq!(codes(&report, "boards"), ["photo-date-future"]);
    assert!(message(&report, "boards", "photo-date-future").contains("2021-03-01"));

    d.write(
        &CITY.rel(BOARD2_PHOTO),
        jpeg_exif((1600, 1200), 90, "2020:11:02 10:00:00", None, None),
    );
    assert!(codes(&CITY.check(&d), "boards").is_empty());
}

#[test]
fn photo_scaled_down_after_it_was_taken_is_an_error_with_both_sizes() {
    let d = CITY.valid();
    d.write(
        &CITY.rel(BOARD2_PHOTO),
        jpeg_exif(
            (1600, 1200),
            90,
            "2020:10:20 10:00:00",
            Some((4000, 3000)),
            None,
        ),
    );
    let report = CITY.check(&d);
    assert_eq!(codes(&report, "boards"), ["photo-resized"]);
    assert_eq!(status(&report, "boards"), "fail");
    let m = message(&report, "boards", "photo-resized");
    assert!(m.contains("4000×3000") && m.contains("1600×1200"), "{m}");
    // The camera's own size, rotated, is no resize.
    d.write(
        &CITY.rel(BOARD2_PHOTO),
        jpeg_exif(
            (1600, 1200),
            90,
            "2020:10:20 10:00:00",
            Some((1200, 1600)),
            None,
        ),
    );
    assert!(codes(&CITY.check(&d), "boards").is_empty());
}

#[test]
fn editor_software_is_information_only() {
    let d = CITY.valid();
    d.write(
        &CITY.rel(BOARD2_PHOTO),
        jpeg_exif(
            (1600, 1200),
            90,
            "2020:10:20 10:00:00",
            None,
            Some("MTXX 美图秀秀 9.2.5"),
        ),
    );
    let report = CITY.check(&d);
    assert_eq!(codes(&report, "boards"), ["photo-edited"]);
    assert_eq!(status(&report, "boards"), "pass");
    // A phone's own firmware version is not an editor.
    d.write(
        &CITY.rel(BOARD2_PHOTO),
        jpeg_exif(
            (1600, 1200),
            90,
            "2020:10:20 10:00:00",
            None,
            Some("MIUI 12.0.3"),
        ),
    );
    assert!(codes(&CITY.check(&d), "boards").is_empty());
}

#[test]
fn screen_sized_image_without_camera_exif_is_a_screenshot() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("02宣传展板材料/展板2/活动截图.jpg"),
        jpeg(1080, 1920, None),
    );
    let report = CITY.check(&d);
    assert_eq!(codes(&report, "boards"), ["photo-screenshot"]);
    assert!(message(&report, "boards", "photo-screenshot").contains("1080×1920"));
}

#[test]
fn truncated_jpeg_and_png_are_incomplete_but_padding_is_not() {
    let d = CITY.valid();
    let mut jpg = photo_n(21);
    jpg.truncate(jpg.len() * 2 / 3);
    d.write(&CITY.rel(BOARD2_PHOTO), &jpg);
    let report = CITY.check(&d);
    // The cut photo was board 2's only one, and an incomplete photo does not count.
    let mut found = codes(&report, "boards");
    found.sort();
    assert_eq!(found, ["board-photo-missing", "photo-incomplete"]);
    assert!(message(&report, "boards", "photo-incomplete").contains("不完整"));

    let mut png = png_with_exif(2000, 1500, &PHONE);
    png.truncate(png.len() - 20);
    d.write(&CITY.rel(BOARD2_PHOTO), photo_n(22));
    d.write(&CITY.rel("02宣传展板材料/展板2/现场.png"), &png);
    assert_eq!(codes(&CITY.check(&d), "boards"), ["photo-incomplete"]);

    // Zero padding after the end marker, as some cameras write, is not damage.
    d.remove(&CITY.rel("02宣传展板材料/展板2/现场.png"));
    let mut padded = photo_n(23);
    padded.extend([0u8; 512]);
    d.write(&CITY.rel(BOARD2_PHOTO), &padded);
    assert!(codes(&CITY.check(&d), "boards").is_empty());
}

#[test]
fn the_same_photo_on_two_boards_is_named_with_every_path() {
    let d = CITY.valid();
    let board1 =
        std::fs::read(d.join(&CITY.rel("02宣传展板材料/展板1/01-社区读书会.jpg"))).unwrap();
    d.write(&CITY.rel(BOARD2_PHOTO), &board1);
    let report = CITY.check(&d);
    // The copy counts once: board 2 is left without a photo of its own.
    let mut found = codes(&report, "boards");
    found.sort();
    assert_eq!(found, ["board-photo-missing", "file-duplicate"]);
    assert_eq!(status(&report, "boards"), "fail");
    let m = message(&report, "boards", "file-duplicate");
    assert!(
        m.contains("展板1/01-社区读书会.jpg") && m.contains(BOARD2_PHOTO),
        "{m}"
    );
    assert!(m.contains("不同的文件夹（展板）"), "{m}");
}

#[test]
fn deep_finds_damaged_data_and_the_same_picture_at_another_size() {
    let d = CITY.valid();
    // The WeChat copy of board 1's first photo: same picture, smaller, re-encoded.
    d.write(
        &CITY.rel("02宣传展板材料/展板2/读书会.jpg"),
        tinted_jpeg(1280, 960, None, 40),
    );
    // A PNG whose image data was damaged (its CRC no longer matches).
    let mut png = png_with_exif(2000, 1500, &PHONE);
    let idat = png.windows(4).position(|w| w == b"IDAT").unwrap();
    png[idat + 10] ^= 0xFF;
    d.write(&CITY.rel("02宣传展板材料/展板2/现场.png"), &png);
    let shallow = CITY.check(&d);
    let shallow_codes = codes(&shallow, "boards");
    assert!(!shallow_codes.contains(&"photo-near-duplicate".to_owned()));
    assert!(!shallow_codes.contains(&"photo-decode-error".to_owned()));
    let deep = check_with(&d, &["--deep"]);
    let deep_codes = codes(&deep, "boards");
    assert!(
        deep_codes.contains(&"photo-near-duplicate".to_owned()),
        "{deep:#}"
    );
    assert!(
        deep_codes.contains(&"photo-decode-error".to_owned()),
        "{deep:#}"
    );
    let m = message(&deep, "boards", "photo-near-duplicate");
    assert!(
        m.contains("读书会.jpg") && m.contains("01-社区读书会.jpg"),
        "{m}"
    );
}

// ---- texts ---------------------------------------------------------------

#[test]
fn two_boards_with_the_same_text_warn() {
    let d = CITY.valid();
    let board1 = board_text(BOARD1_SEED, 20);
    d.write(
        &CITY.rel("02宣传展板材料/展板2/展板文字.txt"),
        gbk(&format!("{board1}\r\n")),
    );
    let report = CITY.check(&d);
    // The same text counts as one board, so two boards are not there.
    let mut found = codes(&report, "boards");
    found.sort();
    assert_eq!(
        found,
        ["boards-too-few", "content-duplicate", "text-similar"]
    );
    assert_eq!(status(&report, "boards"), "fail");
    assert!(message(&report, "boards", "text-similar").contains("展板1"));
    assert!(message(&report, "boards", "content-duplicate").contains("展板1"));
}

#[test]
fn board_text_copied_from_the_plan_warns() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("01工作方案/沈阳市全民终身学习活动周工作方案.docx"),
        docx(&[
            "工作方案",
            &board_text(BOARD1_SEED, 20),
            &board_text(40, 10),
        ]),
    );
    let report = CITY.check(&d);
    assert_eq!(codes(&report, "boards"), ["text-copied"]);
    assert!(message(&report, "boards", "text-copied").contains("工作方案.docx"));
}

#[test]
fn template_placeholders_left_in_a_document_warn() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("06活动周工作总结.docx"),
        docx(&[
            "XX市2020年全民终身学习活动周工作总结",
            "（此处填写活动概况）",
            "请输入活动成效",
            &board_text(41, 30),
        ]),
    );
    let report = CITY.check(&d);
    assert_eq!(codes(&report, "summary"), ["text-placeholder"]);
    assert!(message(&report, "summary", "text-placeholder").contains("XX"));
    // Names masked with ×× for privacy are not template text.
    d.write(
        &CITY.rel("06活动周工作总结.docx"),
        docx(&[
            "王××、李××、张××等同志获评百姓学习之星",
            &board_text(43, 30),
        ]),
    );
    assert!(codes(&CITY.check(&d), "summary").is_empty());
    // One "XX" in a long, finished text is not a template.
    d.write(
        &CITY.rel("06活动周工作总结.docx"),
        docx(&["2020年工作总结，XX路社区", &board_text(42, 30)]),
    );
    assert!(codes(&CITY.check(&d), "summary").is_empty());
}

#[test]
fn entries_may_require_a_minimum_text() {
    let d = CITY.valid();
    let rules = rules_with(&d, |r| {
        r.replace("min-entries = 3\n# 字数 an exemplar's text needs to be one: a note beside photos or a blank form is not.\nmin-text = 200\n", "min-entries = 3\nmin-text = 300\n")
    });
    // 王丽's and 李强's texts are 240 字 (16 sentences each), under 300; the video counts.
    let report = check_with(&d, &["--rules", &rules]);
    let mut c = codes(&report, "exemplars");
    c.sort();
    assert_eq!(
        c,
        [
            "entries-too-few",
            "entry-text-too-short",
            "entry-text-too-short"
        ]
    );
    assert!(message(&report, "exemplars", "entry-text-too-short").contains("240 字"));
    // With the default minimum (200) they count.
    assert!(codes(&CITY.check(&d), "exemplars").is_empty());
}

// ---- roster --------------------------------------------------------------

fn roster(rows: &[[&str; 5]], numeric: &[usize]) -> Vec<u8> {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    roster_xlsx_typed(
        &["序号", "姓名", "类别", "联系电话", "身份证号"],
        &rows,
        numeric,
    )
}

#[test]
fn roster_phones_names_numbers_and_categories() {
    let d = CITY.valid();
    let rows = [
        ["1", "王丽", "领导", "13800138000", "210102198001011234"],
        [
            "2",
            "李强",
            "工作人员",
            "024-86896319",
            "210102198001011235",
        ],
        [
            "3",
            "张伟",
            "百姓学习之星",
            "1380013800",
            "210102198001011236",
        ],
        ["4", "刘芳", "工作人员", "", "210102198001011237"],
        [
            "5",
            "王丽",
            "百姓学习之星",
            "13900139000",
            "210102198001011238",
        ],
    ];
    d.write(&CITY.rel("05开幕式参会人员名单.xlsx"), roster(&rows, &[4]));
    let report = CITY.check(&d);
    let c = codes(&report, "attendees");
    let count = |code: &str| c.iter().filter(|x| *x == code).count();
    assert_eq!(count("roster-phone-invalid"), 2, "{c:?}");
    assert_eq!(count("roster-duplicate-name"), 1, "{c:?}");
    assert_eq!(count("roster-number-mangled"), 1, "{c:?}");
    assert_eq!(count("roster-category-missing"), 1, "{c:?}");
    // 王丽 twice counts once: 4 people, fewer than 5.
    assert_eq!(count("roster-too-few"), 1, "{c:?}");
    assert_eq!(status(&report, "attendees"), "fail");
    let text = requirement(&report, "attendees")["findings"].to_string();
    assert!(
        text.contains("第 4 行（张伟）") && text.contains("1380013800"),
        "{text}"
    );
    assert!(
        text.contains("“王丽”在名单中出现了 2 次（第 2、6 行），只计 1 人"),
        "{text}"
    );
    assert!(text.contains("身份证号") && text.contains("文本"), "{text}");
    assert!(text.contains("品牌项目"), "{text}");

    let good = [
        ["1", "王丽", "领导", "13800138000", "210102198001011234"],
        [
            "2",
            "李强",
            "工作人员",
            "024-86896319",
            "210102198001011235",
        ],
        [
            "3",
            "张伟",
            "百姓学习之星",
            "13800138001",
            "210102198001011236",
        ],
        [
            "4",
            "刘芳",
            "品牌项目代表",
            "0411-88888888",
            "210102198001011237",
        ],
        [
            "5",
            "陈静",
            "百姓学习之星",
            "13900139000",
            "210102198001011238",
        ],
    ];
    d.write(&CITY.rel("05开幕式参会人员名单.xlsx"), roster(&good, &[]));
    assert!(codes(&CITY.check(&d), "attendees").is_empty());
}

// ---- sending and severity ------------------------------------------------

#[test]
fn size_over_the_mail_limit_is_information_naming_the_largest_files() {
    let d = CITY.valid();
    let rules = rules_with(&d, |r| r.replace("mail-limit-mb = 50", "mail-limit-mb = 1"));
    // The clip followed by a 1.5 MB `free` box: a valid MP4 of 1.5 MB.
    let mut big = mp4();
    let padding = 1_500_000u32;
    big.extend(padding.to_be_bytes());
    big.extend(b"free");
    big.resize(big.len() + padding as usize - 8, 0);
    d.write(&CITY.rel("04先进典型/大视频.mp4"), &big);
    let report = check_with(&d, &["--rules", &rules]);
    let sub = &report["submissions"][0];
    let loose: Vec<&str> = sub["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(loose.contains(&"mail-too-large"), "{report:#}");
    assert!(codes(&report, "exemplars").contains(&"file-too-large-for-mail".to_owned()));
    assert!(sub["findings"].to_string().contains("超大附件"));
    assert_eq!(sub["status"], "pass", "information never fails");
}

#[test]
fn severity_can_be_changed_or_turned_off_in_rules() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("02宣传展板材料/展板2/社区合唱团演出二.jpg"),
        jpeg(4000, 3000, None),
    );
    d.write(&CITY.rel("02宣传展板材料/说明.txt"), "展板说明".as_bytes());
    let report = CITY.check(&d);
    let mut c = codes(&report, "boards");
    c.sort();
    assert_eq!(c, ["boards-loose-file", "photo-no-camera-exif"]);
    assert_eq!(status(&report, "boards"), "warn");
    let rules = rules_with(&d, |r| {
        r.replace(
            "# photo-outside-period = \"warning\"",
            "photo-no-camera-exif = \"off\"\nboards-loose-file = \"error\"",
        )
    });
    let report = check_with(&d, &["--rules", &rules]);
    assert_eq!(codes(&report, "boards"), ["boards-loose-file"]);
    assert_eq!(status(&report, "boards"), "fail");
}

#[test]
fn unknown_codes_and_levels_in_severity_are_rejected_with_lines() {
    let d = Dir::new();
    let rules = rules_with(&d, |r| {
        r.replace(
            "# photo-outside-period = \"warning\"",
            "photo-too-smal = \"off\"\nphoto-edited = \"loud\"",
        )
    });
    let run = baosong(&["rules", "--rules", &rules]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("photo-too-smal"), "{}", run.stderr);
    assert!(run.stderr.contains("loud"), "{}", run.stderr);
}
