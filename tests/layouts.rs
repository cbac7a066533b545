//! Material laid out the way offices really lay it out: roster headers spaced to line
//! up, rosters on a second sheet, totals and sign-offs under the table, boards grouped
//! by file name or as a text per board beside a photo folder, several exemplars in one
//! document, photo names as devices and Windows make them.

mod common;

use common::*;

const ROOT: &str = "大连市";
const CITY: City = City(ROOT);

const ROSTER: &str = "05开幕式参会人员名单.xlsx";

// ---- rosters -------------------------------------------------------------------

#[test]
fn an_xls_with_a_spaced_header_totals_and_sign_offs_counts_its_six_people() {
    let d = CITY.valid();
    d.remove(&CITY.rel(ROSTER));
    d.write(
        &CITY.rel("05开幕式参会人员名单.xls"),
        fixture("roster-spaced.xls"),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
    assert!(summary(&report, "attendees").contains("6 人"));
    let skipped = messages(&report, "attendees", "roster-rows-skipped");
    assert!(
        skipped[0].contains("合计：6人") && skipped[0].contains("填报人：孙涛"),
        "{skipped:?}"
    );
    // 主任 and 副局长 are leaders: no category is missing (there is no 类别 column).
    assert!(!codes(&report, "attendees").contains(&"roster-category-missing".to_owned()));
}

#[test]
fn a_gbk_csv_with_a_full_width_space_in_its_header_is_read() {
    let d = CITY.valid();
    d.remove(&CITY.rel(ROSTER));
    let mut csv = String::from("大连市参会人员名单,,\r\n序号,姓　名,单位\r\n");
    for (i, name) in ["王丽", "李强", "张伟", "刘芳", "陈静"].iter().enumerate() {
        csv.push_str(&format!("{},{name},社区学院\r\n", i + 1));
    }
    d.write(&CITY.rel("05参会名单.csv"), gbk(&csv));
    let report = CITY.check(&d);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
    assert!(summary(&report, "attendees").contains("5 人"));
}

#[test]
fn a_roster_headed_by_its_names_column_or_on_the_second_sheet_is_found() {
    let d = CITY.valid();
    let names: Vec<Vec<String>> = attendees(6)
        .into_iter()
        .map(|r| vec![r[1].clone(), r[2].clone()])
        .collect();
    d.write(
        &CITY.rel(ROSTER),
        roster_xlsx(Some("开幕式参会人员"), &["参会人员", "单位"], &names),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
    assert!(summary(&report, "attendees").contains("6 人"));

    // A cover sheet with the instructions, then the roster.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let cover = wb.add_worksheet();
    cover.set_name("填表说明").unwrap();
    cover
        .write_string(0, 0, "请各市于10月20日前填写参会人员名单")
        .unwrap();
    let sheet = wb.add_worksheet();
    sheet.set_name("名单").unwrap();
    for (c, h) in ["序号", "姓名", "单位", "电话"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in attendees(5).iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, cell).unwrap();
        }
    }
    d.write(&CITY.rel(ROSTER), wb.save_to_buffer().unwrap());
    let report = CITY.check(&d);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
    assert!(summary(&report, "attendees").contains("5 人"));
}

#[test]
fn totals_sign_offs_and_placeholders_are_not_people() {
    // Four names plus "合计：4人" and a sign-off under the 姓名 column used to be 5.
    let d = CITY.valid();
    let mut rows: Vec<Vec<String>> = attendees(4);
    rows.push(vec!["".into(), "待定".into(), "".into(), "".into()]);
    rows.push(vec!["合计：4人".into(), "".into(), "".into(), "".into()]);
    rows.push(vec![
        "".into(),
        "填报人：张伟".into(),
        "审核人：王建国".into(),
        "".into(),
    ]);
    d.write(
        &CITY.rel(ROSTER),
        roster_xlsx(None, &["序号", "姓名", "单位", "电话"], &rows),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "attendees"), "fail", "{report:#}");
    assert!(summary(&report, "attendees").contains("4 人"));
    let placeholder = messages(&report, "attendees", "roster-placeholder");
    assert!(placeholder[0].contains("待定"), "{placeholder:?}");
    let skipped = messages(&report, "attendees", "roster-rows-skipped");
    assert!(skipped[0].contains("以下 2 行"), "{skipped:?}");
}

#[test]
fn job_titles_show_the_leaders_in_a_category_column() {
    let d = CITY.valid();
    let rows: Vec<Vec<String>> = [
        ["1", "王丽", "主任", "13800138000"],
        ["2", "李强", "科长", "13800138001"],
        ["3", "张伟", "副校长", "13800138002"],
        ["4", "刘芳", "工作人员", "13800138003"],
        ["5", "陈静", "百姓学习之星", "13800138004"],
        ["6", "赵敏", "品牌项目代表", "13800138005"],
    ]
    .iter()
    .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
    .collect();
    d.write(
        &CITY.rel(ROSTER),
        roster_xlsx(None, &["序号", "姓名", "身份", "电话"], &rows),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
    assert!(codes(&report, "attendees").is_empty(), "{report:#}");
    // Without any leader, the warning is still given.
    let no_leader: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut r = r.clone();
            if ["主任", "科长", "副校长"].contains(&r[2].as_str()) {
                r[2] = "工作人员".into();
            }
            r
        })
        .collect();
    d.write(
        &CITY.rel(ROSTER),
        roster_xlsx(None, &["序号", "姓名", "身份", "电话"], &no_leader),
    );
    let report = CITY.check(&d);
    let missing = messages(&report, "attendees", "roster-category-missing");
    assert!(missing[0].contains("领导"), "{missing:?}");
}

// ---- boards --------------------------------------------------------------------

const BOARDS: &str = "02宣传展板材料";

#[test]
fn a_flat_boards_folder_is_grouped_by_the_labels_in_the_file_names() {
    // It gave "只找到 0 块展板".
    let d = CITY.valid();
    d.remove(&CITY.rel(BOARDS));
    let files: [(&str, Vec<u8>); 5] = [
        ("展板一文字.docx", docx(&[&board_text(40, 20)])),
        ("展板一-社区读书会.jpg", photo_n(41)),
        ("展板一-书法课.jpg", photo_n(42)),
        ("展板二文字.txt", gbk(&board_text(43, 21))),
        ("展板二_合唱团演出.jpg", photo_n(44)),
    ];
    for (name, bytes) in files {
        d.write(&CITY.rel(&format!("{BOARDS}/{name}")), bytes);
    }
    let report = CITY.check(&d);
    assert_eq!(status(&report, "boards"), "pass", "{report:#}");
    assert!(codes(&report, "boards").is_empty(), "{report:#}");
    let s = summary(&report, "boards");
    assert!(s.starts_with("2 块展板"), "{s}");
    assert!(s.contains("按文件名中的“展板一/展板二”分组"), "{s}");
    assert!(s.contains("展板一 300 字、2 张照片"), "{s}");
}

#[test]
fn a_word_file_per_board_beside_a_photo_folder_per_board_is_one_board_each() {
    // The Word files "没有算入任何展板" and the photo folders had "没有文字材料".
    let d = CITY.valid();
    d.remove(&CITY.rel(BOARDS));
    d.write(
        &CITY.rel(&format!("{BOARDS}/展板一 社区教育.docx")),
        docx(&[&board_text(45, 20)]),
    );
    d.write(
        &CITY.rel(&format!("{BOARDS}/展板一照片/社区读书会.jpg")),
        photo_n(46),
    );
    d.write(
        &CITY.rel(&format!("{BOARDS}/第二块展板 老年大学.docx")),
        docx(&[&board_text(47, 20)]),
    );
    d.write(
        &CITY.rel(&format!("{BOARDS}/展板（二）照片/书法课.jpg")),
        photo_n(48),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "boards"), "pass", "{report:#}");
    assert!(codes(&report, "boards").is_empty(), "{report:#}");
    assert!(summary(&report, "boards").starts_with("2 块展板"));
}

#[test]
fn photos_only_pasted_into_word_are_named_as_copies() {
    let d = CITY.valid();
    d.remove(&CITY.rel(BOARDS));
    let picture = r#"<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"/></w:drawing></w:r></w:p>"#;
    for (i, name) in ["社区读书会展板.docx", "老年大学展板.docx"]
        .iter()
        .enumerate()
    {
        let text = format!(
            r#"<w:p><w:r><w:t>{}</w:t></w:r></w:p>{picture}"#,
            board_text(50 + i as u32, 20)
        );
        d.write(
            &CITY.rel(&format!("{BOARDS}/{name}")),
            docx_with_body(&text),
        );
    }
    let report = CITY.check(&d);
    let too_few = messages(&report, "boards", "boards-too-few");
    assert!(
        too_few[0].contains("贴有 2 张照片") && too_few[0].contains("压缩过的副本"),
        "{too_few:?}"
    );
    // Labelled, each is a board, and each is told its photos are copies.
    d.remove(&CITY.rel(BOARDS));
    let text = format!(
        r#"<w:p><w:r><w:t>{}</w:t></w:r></w:p>{picture}"#,
        board_text(52, 20)
    );
    d.write(
        &CITY.rel(&format!("{BOARDS}/展板1.docx")),
        docx_with_body(&text),
    );
    let report = CITY.check(&d);
    let missing = messages(&report, "boards", "board-photo-missing");
    assert!(missing[0].contains("只贴在了 Word 文档里"), "{missing:?}");
}

// ---- several exemplars in one document -------------------------------------------

const EXEMPLARS: &str = "04先进典型";

#[test]
fn three_headed_exemplars_in_one_docx_count_as_three() {
    // It counted as one, although the notice asks only for "3个以上，形成文字材料".
    let d = CITY.valid();
    d.remove(&CITY.rel(EXEMPLARS));
    let doc = docx(&[
        "大连市终身学习先进典型材料",
        "一、百姓学习之星张秀英",
        &board_text(60, 8),
        "二、终身学习品牌项目“书香社区”",
        &board_text(61, 8),
        "三、百姓学习之星李国华",
        &board_text(62, 8),
    ]);
    d.write(&CITY.rel(&format!("{EXEMPLARS}/先进典型材料.docx")), doc);
    let report = CITY.check(&d);
    assert_eq!(status(&report, "exemplars"), "pass", "{report:#}");
    let s = summary(&report, "exemplars");
    assert!(s.starts_with("3 份"), "{s}");
    assert!(s.contains("按标题分为 3 份"), "{s}");
    let parts = messages(&report, "exemplars", "entry-parts");
    assert!(parts[0].contains("百姓学习之星李国华"), "{parts:?}");
}

#[test]
fn headings_in_word_heading_styles_divide_a_document_too() {
    let d = CITY.valid();
    d.remove(&CITY.rel(EXEMPLARS));
    let paragraph = |style: Option<&str>, text: &str| {
        let style = style.map_or(String::new(), |s| {
            format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#)
        });
        format!(r#"<w:p>{style}<w:r><w:t>{text}</w:t></w:r></w:p>"#)
    };
    // Chinese Word names its 标题 1 style "1".
    let body: String = [("张秀英", 63), ("李国华", 64), ("王建国", 65)]
        .iter()
        .flat_map(|(name, seed)| {
            [
                paragraph(Some("1"), name),
                paragraph(None, &board_text(*seed, 8)),
            ]
        })
        .collect();
    d.write(
        &CITY.rel(&format!("{EXEMPLARS}/典型事迹汇编.docx")),
        docx_with_body(&body),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "exemplars"), "pass", "{report:#}");
    assert!(summary(&report, "exemplars").starts_with("3 份"));
}

#[test]
fn one_long_exemplar_without_headings_or_with_section_headings_counts_once() {
    let d = CITY.valid();
    d.remove(&CITY.rel(EXEMPLARS));
    d.write(
        &CITY.rel(&format!("{EXEMPLARS}/张秀英事迹.docx")),
        docx(&[
            "百姓学习之星张秀英事迹材料",
            "一、基本情况",
            &board_text(66, 8),
            "二、主要事迹",
            &board_text(67, 8),
            "三、社会影响",
            &board_text(68, 8),
        ]),
    );
    d.write(
        &CITY.rel(&format!("{EXEMPLARS}/李国华事迹.docx")),
        docx(&[&board_text(69, 40)]),
    );
    let report = CITY.check(&d);
    assert!(
        summary(&report, "exemplars").starts_with("2 份"),
        "{report:#}"
    );
    assert_eq!(status(&report, "exemplars"), "fail");
}

#[test]
fn parts_too_short_to_be_an_exemplar_are_not_counted_on_their_own() {
    let d = CITY.valid();
    d.remove(&CITY.rel(EXEMPLARS));
    d.write(
        &CITY.rel(&format!("{EXEMPLARS}/典型材料.docx")),
        docx(&[
            "典型一：张秀英",
            &board_text(70, 8),
            "典型二：李国华",
            &board_text(71, 8),
            "典型三：王建国",
            "待补充。",
        ]),
    );
    let report = CITY.check(&d);
    assert!(
        summary(&report, "exemplars").starts_with("2 份"),
        "{report:#}"
    );
    let parts = messages(&report, "exemplars", "entry-parts");
    assert!(
        parts[0].contains("“典型三：王建国”不足 100 字"),
        "{parts:?}"
    );
}

// ---- photo names ---------------------------------------------------------------

const PHOTO: &str = "02宣传展板材料/展板2/社区合唱团演出.jpg";

/// The codes the board's findings give a photo named `stem`.jpg.
fn photo_codes(stem: &str) -> Vec<String> {
    let d = CITY.valid();
    d.remove(&CITY.rel(PHOTO));
    let name = format!("{stem}.jpg");
    d.write(
        &CITY.rel(&format!("02宣传展板材料/展板2/{name}")),
        photo_n(93),
    );
    let report = CITY.check(&d);
    requirement(&report, "boards")["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().ends_with(&name))
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn camera_and_phone_names_are_device_names_whatever_their_length() {
    // Long ones were told to shorten, short ones passed.
    for stem in [
        "PANO_20201015_093012",
        "MVIMG_20201015_093012",
        "IMG-20201015-WA0001",
        "DSCF0001",
        "GOPR0001",
        "PA150001",
        "P1010001",
        "IMG_20201015_093012_HDR",
        "DSC_0042 (2)",
    ] {
        assert_eq!(photo_codes(stem), ["photo-caption-device-name"], "{stem}");
    }
}

#[test]
fn numbers_labels_and_marks_in_front_of_captions_are_not_the_caption() {
    for stem in [
        "图1 社区读书会",
        "照片2-老年大学书法课",
        "①社区合唱团演出",
        "展板二-社区合唱团演出",
        "03、社区合唱团演出",
        "社区合唱团演出 (3)",
    ] {
        assert!(
            photo_codes(stem).is_empty(),
            "{stem}: {:?}",
            photo_codes(stem)
        );
    }
    // Numbering does not hide a caption that is too long.
    assert_eq!(
        photo_codes("图3 社区居民积极参加终身学习读书分享会"),
        ["photo-caption-too-long"]
    );
}

#[test]
fn a_camera_clock_never_set_is_said_to_be_so() {
    let d = CITY.valid();
    for (name, date) in [
        ("读书会.jpg", "0000:00:00 00:00:00"),
        ("书法课.jpg", "1980:01:01 00:00:05"),
    ] {
        d.write(
            &CITY.rel(&format!("02宣传展板材料/展板2/{name}")),
            jpeg_exif((1600, 1200), 94, date, None, None),
        );
    }
    let report = CITY.check(&d);
    let unset = messages(&report, "boards", "photo-clock-unset");
    assert_eq!(unset.len(), 2, "{report:#}");
    assert!(unset.iter().any(|m| m.contains("0000:00:00")), "{unset:?}");
    assert!(!codes(&report, "boards").contains(&"photo-outside-period".to_owned()));
}

// ---- messages that say what is there ---------------------------------------------

#[test]
fn an_empty_summary_file_is_named_as_found_and_empty() {
    // It was "没有找到“活动周工作总结”" while the user could see the file.
    let d = CITY.valid();
    d.write(&CITY.rel("06活动周工作总结.docx"), b"");
    let report = CITY.check(&d);
    let missing = messages(&report, "summary", "section-missing");
    assert!(
        missing[0].contains("找到了“06活动周工作总结.docx”") && missing[0].contains("空文件"),
        "{missing:?}"
    );
    assert_eq!(status(&report, "summary"), "fail");
}

#[test]
fn an_empty_exemplars_folder_is_named_as_found_and_empty() {
    let d = CITY.valid();
    d.remove(&CITY.rel(EXEMPLARS));
    d.mkdir(&CITY.rel(EXEMPLARS));
    let report = CITY.check(&d);
    let too_few = messages(&report, "exemplars", "entries-too-few");
    assert!(too_few[0].contains("里面没有任何文件"), "{too_few:?}");
}

#[test]
fn entry_summaries_say_what_each_entry_holds() {
    let report = CITY.check(&CITY.valid());
    let s = summary(&report, "exemplars");
    assert!(s.contains("李强事迹"), "{s}");
    assert!(s.contains("1 张照片"), "{s}");
    assert!(s.contains("终身学习品牌项目.mp4 视频 2 秒"), "{s}");
}

#[test]
fn section_names_with_spaces_or_full_width_forms_are_found() {
    let d = CITY.valid();
    std::fs::rename(
        d.join(&CITY.rel("03特色案例")),
        d.join(&CITY.rel("03 特 色 案 例")),
    )
    .unwrap();
    std::fs::rename(
        d.join(&CITY.rel("01工作方案")),
        d.join(&CITY.rel("０１　工作　方案")),
    )
    .unwrap();
    let report = CITY.check(&d);
    assert_eq!(status(&report, "cases"), "pass", "{report:#}");
    assert_eq!(status(&report, "plan"), "pass", "{report:#}");
}

#[test]
fn the_common_typo_and_chromes_jfif_photos_are_boards() {
    // 展版 for 展板, and full-size photos Chrome saved as .jfif.
    let d = CITY.valid();
    let from = d.join(&CITY.rel("02宣传展板材料"));
    let to = d.join(&CITY.rel("02宣传展版材料"));
    std::fs::rename(&from, &to).unwrap();
    let photo = CITY.rel("02宣传展版材料/展板2/社区合唱团演出.jpg");
    let jfif = CITY.rel("02宣传展版材料/展板2/社区合唱团演出.jfif");
    std::fs::rename(d.join(&photo), d.join(&jfif)).unwrap();
    let report = CITY.check(&d);
    assert_eq!(status(&report, "boards"), "pass", "{report:#}");
    assert!(
        summary(&report, "boards").contains("1 张照片"),
        "{report:#}"
    );
    // A .jfif that is not a JPEG is named and does not count.
    d.write(&jfif, b"not a picture at all");
    let report = CITY.check(&d);
    assert!(
        codes(&report, "boards").contains(&"photo-unreadable".to_owned()),
        "{report:#}"
    );
    assert_eq!(status(&report, "boards"), "fail");
}
