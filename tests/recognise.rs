//! Material recognised however offices name and lay it out (issue 18): synonyms and
//! typos in names, documents placed by their titles, one folder holding two
//! requirements, folders that only group entries, saved pages' `_files` folders,
//! boards kept apart by type, and rosters as Liaoning writes them.

mod common;

use common::*;

const ROOT: &str = "阜新市";
const CITY: City = City(ROOT);

/// Moves a file or folder of the valid submission to another name.
fn rename(d: &Dir, from: &str, to: &str) {
    let to = d.join(&CITY.rel(to));
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::rename(d.join(&CITY.rel(from)), to).unwrap();
}

#[test]
fn boards_under_the_typo_or_a_generic_name_are_found() {
    for name in ["02宣传展版材料", "02宣传材料", "02展板素材"] {
        let d = CITY.valid();
        rename(&d, "02宣传展板材料", name);
        let report = CITY.check(&d);
        assert_eq!(status(&report, "boards"), "pass", "{name}: {report:#}");
        assert!(summary(&report, "boards").contains("2 块"), "{name}");
    }
    // Said how it was read when the name holds a synonym, not the keyword.
    let d = CITY.valid();
    rename(&d, "02宣传展板材料", "02宣传材料");
    let said = messages(&CITY.check(&d), "boards", "section-read-as");
    assert!(said.iter().any(|m| m.contains("宣传材料")), "{said:?}");
}

#[test]
fn a_folder_named_for_nothing_holding_labelled_boards_is_the_boards() {
    // Control: without board labels inside, the folder is nobody's and boards are missing.
    let d = CITY.valid();
    rename(&d, "02宣传展板材料/展板1", "02材料/社区读书会");
    rename(&d, "02宣传展板材料/展板2", "02材料/合唱团");
    let report = CITY.check(&d);
    assert_eq!(status(&report, "boards"), "fail");
    assert!(
        !loose_messages(&report, "section-unmatched").is_empty(),
        "{report:#}"
    );

    let d = CITY.valid();
    rename(&d, "02宣传展板材料/展板1", "02材料/展板一");
    rename(&d, "02宣传展板材料/展板2", "02材料/展板二");
    let report = CITY.check(&d);
    assert_eq!(status(&report, "boards"), "pass", "{report:#}");
    let said = messages(&report, "boards", "section-read-as");
    assert!(
        said.iter()
            .any(|m| m.contains("02材料") && m.contains("展板一") && m.contains("展板二")),
        "{said:?}"
    );
}

#[test]
fn plans_and_summaries_under_the_names_offices_use_are_found() {
    let d = CITY.valid();
    rename(
        &d,
        "01工作方案/沈阳市全民终身学习活动周工作方案.docx",
        "01阜新市全民终身学习活动周活动安排.docx",
    );
    std::fs::remove_dir(d.join(&CITY.rel("01工作方案"))).unwrap();
    rename(
        &d,
        "06活动周工作总结.docx",
        "06阜新市全民终身学习活动周工作情况报告.docx",
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "plan"), "pass", "{report:#}");
    assert_eq!(status(&report, "summary"), "pass", "{report:#}");
}

#[test]
fn a_document_named_for_nothing_is_placed_by_its_title() {
    let d = CITY.valid();
    d.remove(&CITY.rel("01工作方案"));
    d.write(
        &CITY.rel("附件1.docx"),
        docx(&[
            "附件1",
            "阜新市2020年全民终身学习活动周工作方案",
            &board_text(1, 30),
        ]),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "plan"), "pass", "{report:#}");
    let said = messages(&report, "plan", "section-read-as");
    assert!(
        said.iter()
            .any(|m| m.contains("附件1.docx") && m.contains("工作方案")),
        "{said:?}"
    );
    // A document whose title names nothing either is listed as not checked.
    let d = CITY.valid();
    d.remove(&CITY.rel("01工作方案"));
    d.write(
        &CITY.rel("附件1.docx"),
        docx(&["附件1", &board_text(1, 30)]),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "plan"), "fail");
    let unmatched = loose_messages(&report, "section-unmatched");
    assert!(
        unmatched.iter().any(|m| m.contains("附件1.docx")),
        "{report:#}"
    );
}

#[test]
fn one_folder_of_cases_and_exemplars_is_split_by_what_each_is() {
    let d = CITY.valid();
    d.remove(&CITY.rel("03特色案例"))
        .remove(&CITY.rel("04先进典型"));
    let both = "03特色案例及先进典型";
    d.write(
        &CITY.rel(&format!("{both}/案例 送教上门进社区.docx")),
        docx(&[&board_text(22, 20)]),
    )
    .write(
        &CITY.rel(&format!("{both}/典型一 百姓学习之星王丽.docx")),
        docx(&[&board_text(23, 16)]),
    )
    .write(
        &CITY.rel(&format!("{both}/典型二 李强/李强事迹材料.docx")),
        docx(&[&board_text(24, 16)]),
    )
    .write(
        &CITY.rel(&format!("{both}/典型二 李强/李强在课堂.jpg")),
        photo_n(4),
    )
    // Named for neither: its title says it is an exemplar.
    .write(
        &CITY.rel(&format!("{both}/张秀英.docx")),
        docx(&["百姓学习之星张秀英", &board_text(25, 16)]),
    )
    // A folder named for neither: the title of the document in it says.
    .write(
        &CITY.rel(&format!("{both}/赵刚/材料.docx")),
        docx(&["终身学习品牌项目：赵刚社区书屋", &board_text(28, 16)]),
    )
    .write(&CITY.rel(&format!("{both}/赵刚/书屋.jpg")), photo_n(7))
    // Named for a third requirement: that one's, not a case.
    .write(
        &CITY.rel(&format!("{both}/活动周工作总结.docx")),
        docx(&[&board_text(7, 30)]),
    );
    d.remove(&CITY.rel("06活动周工作总结.docx"));
    let report = CITY.check(&d);
    assert_eq!(status(&report, "summary"), "pass", "{report:#}");
    assert_eq!(status(&report, "cases"), "pass", "{report:#}");
    assert_eq!(status(&report, "exemplars"), "pass", "{report:#}");
    assert!(summary(&report, "cases").starts_with("1 份"), "{report:#}");
    assert!(
        summary(&report, "exemplars").starts_with("4 份"),
        "{report:#}"
    );
    let said = messages(&report, "cases", "section-read-as");
    assert!(said.iter().any(|m| m.contains(both)), "{said:?}");
    // Control: without the conjunction the folder is one requirement's, as before.
    let d2 = CITY.valid();
    d2.remove(&CITY.rel("03特色案例"))
        .remove(&CITY.rel("04先进典型"));
    copy_tree(&d.join(&CITY.rel(both)), &d2.join(&CITY.rel("03特色案例")));
    let report = CITY.check(&d2);
    assert_eq!(status(&report, "exemplars"), "fail", "{report:#}");
}

#[test]
fn folders_that_group_exemplars_by_district_are_not_exemplars() {
    let d = CITY.valid();
    d.remove(&CITY.rel("04先进典型"));
    d.write(
        &CITY.rel("04先进典型/和平区/百姓学习之星王丽.docx"),
        docx(&[&board_text(23, 16)]),
    )
    .write(
        &CITY.rel("04先进典型/和平区/李强事迹材料.docx"),
        docx(&[&board_text(24, 16)]),
    )
    .write(
        &CITY.rel("04先进典型/新民市/终身学习品牌项目.docx"),
        docx(&[&board_text(26, 16)]),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "exemplars"), "pass", "{report:#}");
    let text = summary(&report, "exemplars");
    assert!(text.contains("3 份"), "{text}");
    assert!(text.contains("和平区") && text.contains("新民市"), "{text}");
    // Control: one exemplar's folder holding its account and a photo is one entry.
    let d = CITY.valid();
    d.remove(&CITY.rel("04先进典型/百姓学习之星王丽.docx"));
    d.remove(&CITY.rel("04先进典型/终身学习品牌项目.mp4"));
    let report = CITY.check(&d);
    assert_eq!(status(&report, "exemplars"), "fail", "{report:#}");
    assert!(summary(&report, "exemplars").contains("1 份"));
}

#[test]
fn a_saved_pages_files_folder_is_part_of_the_page() {
    let d = CITY.valid();
    d.write(&CITY.rel("04先进典型/王丽_files/0.jpg"), photo_n(5))
        .write(&CITY.rel("04先进典型/王丽_files/1.png"), png(64, 64));
    // Without its page the folder is an entry of photos only.
    let report = CITY.check(&d);
    let not_counted = messages(&report, "exemplars", "entry-not-counted");
    assert!(
        not_counted.iter().any(|m| m.contains("王丽_files")),
        "{report:#}"
    );
    // Beside its page it is the page's, and never an entry.
    d.write(
        &CITY.rel("04先进典型/王丽.htm"),
        gbk(&format!(
            "<html><head><meta charset=\"gb2312\"><title>百姓学习之星王丽</title></head><body><p>{}</p><img src=\"王丽_files/0.jpg\"></body></html>",
            board_text(27, 16)
        )),
    );
    let report = CITY.check(&d);
    let all = serde_json::to_string(&requirement(&report, "exemplars")).unwrap();
    assert!(!all.contains("王丽_files"), "{all}");
    assert!(summary(&report, "exemplars").contains("4 份"), "{report:#}");
}

#[test]
fn board_texts_and_photos_kept_apart_by_type_join_by_label() {
    let d = CITY.valid();
    d.remove(&CITY.rel("02宣传展板材料"));
    d.write(
        &CITY.rel("02宣传展板材料/展板文字/展板一 社区读书会.docx"),
        docx(&[&board_text(BOARD1_SEED, 20)]),
    )
    .write(
        &CITY.rel("02宣传展板材料/展板文字/展板二 老年大学.docx"),
        docx(&[&board_text(21, 21)]),
    )
    .write(
        &CITY.rel("02宣传展板材料/展板照片/展板一-社区读书会.jpg"),
        photo_n(1),
    )
    .write(
        &CITY.rel("02宣传展板材料/展板照片/展板二-书法课.jpg"),
        photo_n(2),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "boards"), "pass", "{report:#}");
    let text = summary(&report, "boards");
    assert!(text.contains("2 块"), "{text}");
    assert!(
        text.contains("展板文字") && text.contains("展板照片"),
        "{text}"
    );
    // Control: a photo folder whose photos carry no label cannot be shared out.
    d.remove(&CITY.rel("02宣传展板材料/展板照片"));
    d.write(&CITY.rel("02宣传展板材料/照片/社区读书会.jpg"), photo_n(1));
    let report = CITY.check(&d);
    assert_eq!(status(&report, "boards"), "fail", "{report:#}");
}

fn people(names: &[&str]) -> Vec<Vec<String>> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            vec![
                (i + 1).to_string(),
                (*n).to_owned(),
                "阜新市社区学院".to_owned(),
                format!("1380013800{i}"),
            ]
        })
        .collect()
}

const ROSTER: &str = "05开幕式参会人员名单.xlsx";
const HEADER: [&str; 4] = ["序号", "姓名", "单位", "电话"];

#[test]
fn names_as_liaoning_writes_them_are_people() {
    let d = CITY.valid();
    let rows = people(&[
        "乌云其木格",
        "额尔敦巴特尔",
        "阿卜杜热合曼",
        "买买提·艾力",
        "王　伟",
    ]);
    d.write(&CITY.rel(ROSTER), roster_xlsx(None, &HEADER, &rows));
    let report = CITY.check(&d);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
    assert!(summary(&report, "attendees").contains("5 人"));
    // Units and roles of the same length are not people.
    let rows = people(&[
        "沈河区教育局",
        "社区学院代表",
        "百姓学习之星",
        "王丽",
        "张强",
    ]);
    d.write(&CITY.rel(ROSTER), roster_xlsx(None, &HEADER, &rows));
    let report = CITY.check(&d);
    assert_eq!(status(&report, "attendees"), "fail", "{report:#}");
    assert!(summary(&report, "attendees").contains("2 人"));
}

#[test]
fn several_names_in_one_cell_count_each_and_are_listed() {
    let d = CITY.valid();
    let rows = vec![vec![
        "1".to_owned(),
        "王丽、张强、李明、赵刚、刘洋".to_owned(),
        "阜新市社区学院".to_owned(),
        "13800138000".to_owned(),
    ]];
    d.write(&CITY.rel(ROSTER), roster_xlsx(None, &HEADER, &rows));
    let report = CITY.check(&d);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
    assert!(summary(&report, "attendees").contains("5 人"));
    let said = messages(&report, "attendees", "roster-names-in-one-cell");
    assert!(
        said.iter()
            .any(|m| m.contains("5 个名字") && m.contains("刘洋")),
        "{said:?}"
    );
    // Names lined up with spaces in one cell count too; one padded name is one.
    let rows = vec![
        vec!["1".into(), "王丽 张强 李明".into(), "".into(), "".into()],
        vec!["2".into(), "赵　刚".into(), "".into(), "".into()],
        vec!["3".into(), "刘 洋".into(), "".into(), "".into()],
    ];
    d.write(&CITY.rel(ROSTER), roster_xlsx(None, &HEADER, &rows));
    let report = CITY.check(&d);
    assert!(summary(&report, "attendees").contains("5 人"), "{report:#}");
}

#[test]
fn a_roster_sent_as_a_picture_is_found_and_fails_with_what_to_send() {
    let d = CITY.valid();
    d.remove(&CITY.rel(ROSTER));
    d.write(&CITY.rel("05开幕式参会人员名单.jpg"), photo_n(6));
    let report = CITY.check(&d);
    assert_eq!(status(&report, "attendees"), "fail", "{report:#}");
    let said = messages(&report, "attendees", "roster-is-picture");
    assert!(
        said.iter()
            .any(|m| m.contains("05开幕式参会人员名单.jpg") && m.contains("Excel")),
        "{report:#}"
    );
    // Beside a readable roster, the picture changes nothing.
    d.write(&CITY.rel(ROSTER), roster_xlsx(None, &HEADER, &attendees(6)));
    let report = CITY.check(&d);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
}

#[test]
fn dvd_and_camcorder_videos_are_cases_and_a_cut_one_is_not() {
    for clip in ["clip.mpg", "clip.vob", "clip.m2ts", "clip.ts"] {
        let d = CITY.valid();
        d.remove(&CITY.rel("03特色案例/送教上门进社区.docx"));
        let ext = clip.rsplit('.').next().unwrap();
        // Camcorders name their files 00001.MTS; the m2ts clip is also read as .MTS.
        let name = if ext == "m2ts" { "00001.MTS" } else { clip };
        d.write(&CITY.rel(&format!("03特色案例/{name}")), fixture(clip));
        let report = CITY.check(&d);
        assert_eq!(status(&report, "cases"), "pass", "{clip}: {report:#}");
        let text = summary(&report, "cases");
        assert!(text.contains("视频 1（2 秒）"), "{clip}: {text}");
        assert!(
            codes(&report, "cases").is_empty(),
            "{clip}: {:?}",
            codes(&report, "cases")
        );

        // Cut at 60% in transfer: named once, and the case is missing.
        let mut cut = fixture(clip);
        cut.truncate(cut.len() * 6 / 10 + 7);
        d.write(&CITY.rel(&format!("03特色案例/{name}")), cut);
        let report = CITY.check(&d);
        assert_eq!(status(&report, "cases"), "fail", "{clip}: {report:#}");
        let mut c = codes(&report, "cases");
        c.sort();
        assert_eq!(c, ["entries-too-few", "video-broken"], "{clip}");
    }
}

#[test]
fn a_video_that_cannot_be_verified_is_said_once_and_does_not_count() {
    let d = CITY.valid();
    d.remove(&CITY.rel("03特色案例/送教上门进社区.docx"));
    d.write(
        &CITY.rel("03特色案例/宣传片.rmvb"),
        b".RMF\0\0\0\x12\0\x01 not checked",
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "cases"), "fail", "{report:#}");
    let unverified = messages(&report, "cases", "video-unverified");
    assert_eq!(unverified.len(), 1, "{report:#}");
    assert!(unverified[0].contains("不计数"), "{unverified:?}");
    assert!(messages(&report, "cases", "entry-not-counted").is_empty());
    assert!(summary(&report, "cases").starts_with("0 份"));
}

#[test]
fn roles_and_places_not_yet_filled_are_not_people() {
    let d = CITY.valid();
    let rows = people(&["王丽", "张强", "李明", "赵刚"]);
    for filler in [
        "工作人员",
        "领导",
        "未定",
        "教师",
        "学员代表",
        "局领导",
        "王丽等",
    ] {
        let mut rows = rows.clone();
        rows.push(vec!["5".into(), filler.into(), "".into(), "".into()]);
        d.write(&CITY.rel(ROSTER), roster_xlsx(None, &HEADER, &rows));
        let report = CITY.check(&d);
        assert_eq!(status(&report, "attendees"), "fail", "{filler}: {report:#}");
        assert!(summary(&report, "attendees").contains("4 人"), "{filler}");
    }
    // Control: a fifth real name passes.
    let mut rows = rows;
    rows.push(vec!["5".into(), "刘洋".into(), "".into(), "".into()]);
    d.write(&CITY.rel(ROSTER), roster_xlsx(None, &HEADER, &rows));
    let report = CITY.check(&d);
    assert_ne!(status(&report, "attendees"), "fail", "{report:#}");
    assert!(summary(&report, "attendees").contains("5 人"));
}

#[test]
fn a_table_of_two_people_a_row_counts_both() {
    let d = CITY.valid();
    let row = |a: &str, b: &str| -> Vec<String> {
        vec![a.into(), "社区学院".into(), b.into(), "社区学院".into()]
    };
    let rows = vec![
        row("王丽", "张强"),
        row("李明", "赵刚"),
        row("刘洋", "陈静"),
    ];
    d.write(
        &CITY.rel(ROSTER),
        roster_xlsx(None, &["姓名", "单位", "姓名", "单位"], &rows),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
    assert!(summary(&report, "attendees").contains("6 人"));
}

#[test]
fn a_list_typed_line_by_line_in_word_is_a_roster() {
    let d = CITY.valid();
    d.remove(&CITY.rel(ROSTER));
    let list = [
        "阜新市参加全省活动周开幕式人员名单",
        "1. 王丽 阜新市社区学院 主任",
        "2. 张强 海州区社区学校 干事",
        "3. 乌云其木格 阜新蒙古族自治县 百姓学习之星",
        "4. 李明 彰武县社区学校 教师",
        "5. 赵刚 细河区 品牌项目负责人",
        "6. 刘洋 太平区 志愿者",
    ];
    d.write(&CITY.rel("05开幕式参会人员名单.docx"), docx(&list));
    let report = CITY.check(&d);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
    let text = summary(&report, "attendees");
    assert!(text.contains("6 人") && text.contains("逐行"), "{text}");
    // A plan's headings are not a list of people.
    d.write(
        &CITY.rel("05开幕式参会人员名单.docx"),
        docx(&[
            "一、指导思想",
            &board_text(40, 8),
            "二、活动时间",
            "三、工作要求",
            &board_text(41, 8),
        ]),
    );
    let report = CITY.check(&d);
    assert_eq!(status(&report, "attendees"), "fail", "{report:#}");
}

#[test]
fn attachments_numbered_as_the_mail_sent_them_are_placed_by_their_titles() {
    // Every material named 附件N, as a cover letter lists them.
    let d = Dir::new();
    let p = |rel: &str| format!("{ROOT}/{rel}");
    d.write(
        &p("附件1.docx"),
        docx(&["阜新市2020年全民终身学习活动周工作方案", &board_text(1, 30)]),
    )
    .write(
        &p("附件2/展板一/展板文字.docx"),
        docx(&[&board_text(BOARD1_SEED, 20)]),
    )
    .write(&p("附件2/展板一/社区读书会.jpg"), photo_n(1))
    .write(
        &p("附件2/展板二/展板文字.docx"),
        docx(&[&board_text(21, 21)]),
    )
    .write(&p("附件2/展板二/合唱团演出.jpg"), photo_n(2))
    .write(
        &p("附件3.docx"),
        docx(&["活动周特色案例：送教上门进社区", &board_text(22, 20)]),
    )
    .write(
        &p("附件4/王丽.docx"),
        docx(&["百姓学习之星王丽", &board_text(23, 16)]),
    )
    .write(
        &p("附件4/李强.docx"),
        docx(&["百姓学习之星李强", &board_text(24, 16)]),
    )
    .write(
        &p("附件4/书香社区.docx"),
        docx(&["终身学习品牌项目书香社区", &board_text(26, 16)]),
    )
    .write(
        &p("附件5.xlsx"),
        roster_xlsx(
            Some("阜新市参加全省活动周开幕式人员名单"),
            &HEADER,
            &attendees(6),
        ),
    )
    .write(
        &p("附件6.docx"),
        docx(&["阜新市2020年全民终身学习活动周工作总结", &board_text(7, 30)]),
    );
    let report = CITY.check(&d);
    for id in [
        "plan",
        "boards",
        "cases",
        "exemplars",
        "attendees",
        "summary",
    ] {
        assert_ne!(status(&report, id), "fail", "{id}: {report:#}");
    }
    let said = messages(&report, "exemplars", "section-read-as");
    assert!(said.iter().any(|m| m.contains("附件4")), "{said:?}");
    // Control: the same folder of exemplars whose titles name nothing is not checked.
    for name in ["王丽", "李强", "书香社区"] {
        d.write(
            &p(&format!("附件4/{name}.docx")),
            docx(&[&board_text(30, 16)]),
        );
    }
    let report = CITY.check(&d);
    assert_eq!(status(&report, "exemplars"), "fail", "{report:#}");
}

#[test]
fn one_persons_material_in_several_files_or_folders_is_one_exemplar() {
    // The valid submission's exemplars, less one: 王丽 and 李强 remain, so 2 count.
    let base = || {
        let d = CITY.valid();
        d.remove(&CITY.rel("04先进典型/终身学习品牌项目.mp4"));
        d
    };
    // One person's folder with her account and her form in sub-folders.
    let d = base();
    d.write(
        &CITY.rel("04先进典型/王秀云/事迹材料/王秀云事迹.docx"),
        docx(&[&board_text(60, 16)]),
    )
    .write(
        &CITY.rel("04先进典型/王秀云/推荐表/王秀云推荐表.docx"),
        docx(&[&board_text(61, 16)]),
    );
    let report = CITY.check(&d);
    assert!(
        summary(&report, "exemplars").starts_with("3 份"),
        "{report:#}"
    );
    // One person's three documents in a folder named 先进典型材料.
    let d = base();
    for (i, name) in ["事迹材料", "个人简介", "学习心得"].iter().enumerate() {
        d.write(
            &CITY.rel(&format!("04先进典型/先进典型材料/{name}.docx")),
            docx(&[&board_text(62 + i as u32, 16)]),
        );
    }
    let report = CITY.check(&d);
    assert!(
        summary(&report, "exemplars").starts_with("3 份"),
        "{report:#}"
    );
    // One account in three parts.
    let d = base();
    for part in ["（一）", "（二）", "（三）"] {
        d.write(
            &CITY.rel(&format!("04先进典型/邓秀英事迹{part}.docx")),
            docx(&[&board_text(70 + part.len() as u32, 16)]),
        );
    }
    let report = CITY.check(&d);
    assert!(
        summary(&report, "exemplars").starts_with("3 份"),
        "{report:#}"
    );
    let said = messages(&report, "exemplars", "entry-joined");
    assert!(
        said.iter().any(|m| m.contains("邓秀英事迹（三）")),
        "{said:?}"
    );
    // A project's text and its video, and one video in two formats.
    let d = base();
    d.write(
        &CITY.rel("04先进典型/银龄课堂.docx"),
        docx(&[&board_text(80, 16)]),
    )
    .write(&CITY.rel("04先进典型/银龄课堂.mp4"), mp4())
    .write(&CITY.rel("04先进典型/书香社区.mp4"), fixture("clip.mp4"))
    .write(&CITY.rel("04先进典型/书香社区.wmv"), fixture("clip.wmv"));
    let report = CITY.check(&d);
    assert!(
        summary(&report, "exemplars").starts_with("4 份"),
        "{report:#}"
    );
    // Control: numbered exemplars are separate, and so are different people.
    let d = base();
    d.write(
        &CITY.rel("04先进典型/典型（三）.docx"),
        docx(&[&board_text(81, 16)]),
    )
    .write(
        &CITY.rel("04先进典型/典型（四）.docx"),
        docx(&[&board_text(82, 16)]),
    );
    let report = CITY.check(&d);
    assert!(
        summary(&report, "exemplars").starts_with("4 份"),
        "{report:#}"
    );
}

#[test]
fn names_with_titles_labels_and_more_placeholders_in_a_roster() {
    let d = CITY.valid();
    let rows = vec![vec![
        "1".to_owned(),
        "刘建华局长、孙桂英主任、周德胜、吴海燕、郑立新".to_owned(),
        "".to_owned(),
        "".to_owned(),
    ]];
    d.write(&CITY.rel(ROSTER), roster_xlsx(None, &HEADER, &rows));
    let report = CITY.check(&d);
    assert_ne!(status(&report, "attendees"), "fail", "{report:#}");
    assert!(summary(&report, "attendees").contains("5 人"), "{report:#}");
    // 学员, 嘉宾 and 另行通知 hold no one's place.
    let rows = people(&["王丽", "张强", "学员", "嘉宾", "另行通知"]);
    d.write(&CITY.rel(ROSTER), roster_xlsx(None, &HEADER, &rows));
    let report = CITY.check(&d);
    assert!(summary(&report, "attendees").contains("2 人"), "{report:#}");
    // A list typed as "姓名：王丽　单位：…" lines.
    d.remove(&CITY.rel(ROSTER));
    let lines: Vec<String> = ["王丽", "张强", "李明", "赵刚", "刘洋"]
        .iter()
        .map(|n| format!("姓名：{n}　单位：阜新市社区学院　职务：干事"))
        .collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    d.write(&CITY.rel("05开幕式参会人员名单.docx"), docx(&lines));
    let report = CITY.check(&d);
    assert!(summary(&report, "attendees").contains("5 人"), "{report:#}");
}

#[test]
fn one_text_headed_by_board_labels_serves_each_board() {
    let d = CITY.valid();
    d.remove(&CITY.rel("02宣传展板材料"));
    let text = |second: usize| {
        docx(&[
            "阜新市全民终身学习活动周展板文字",
            "展板一：社区读书会",
            &board_text(BOARD1_SEED, 20),
            "展板二：老年大学",
            &board_text(21, second),
        ])
    };
    d.write(&CITY.rel("02宣传展板材料/展板一、二文字.docx"), text(21))
        .write(
            &CITY.rel("02宣传展板材料/展板一-社区读书会.jpg"),
            photo_n(1),
        )
        .write(&CITY.rel("02宣传展板材料/展板二-书法课.jpg"), photo_n(2));
    let report = CITY.check(&d);
    assert_eq!(status(&report, "boards"), "pass", "{report:#}");
    let text_of = summary(&report, "boards");
    assert!(
        text_of.contains("300 字") && text_of.contains("315 字"),
        "{text_of}"
    );
    // Each board is judged on its own part: a short second part fails the second board.
    d.write(&CITY.rel("02宣传展板材料/展板一、二文字.docx"), text(10));
    let report = CITY.check(&d);
    assert_eq!(status(&report, "boards"), "fail", "{report:#}");
    assert!(summary(&report, "boards").contains("150 字"), "{report:#}");
}

#[test]
fn a_damaged_document_named_for_nothing_is_said_to_be_unreadable() {
    let d = CITY.valid();
    let mut cut = docx(&[
        "阜新市2020年全民终身学习活动周工作方案",
        &board_text(90, 30),
    ]);
    cut.truncate(cut.len() / 2);
    d.write(&CITY.rel("附件7.docx"), cut);
    let report = CITY.check(&d);
    let said = loose_messages(&report, "section-unmatched");
    assert!(
        said.iter()
            .any(|m| m.contains("附件7.docx") && m.contains("无法读取")),
        "{said:?}"
    );
    // An intact one that names nothing is only unmatched.
    d.write(
        &CITY.rel("附件7.docx"),
        docx(&["附件7", &board_text(90, 30)]),
    );
    let said = loose_messages(&CITY.check(&d), "section-unmatched");
    assert!(said.iter().all(|m| !m.contains("无法读取")), "{said:?}");
}
