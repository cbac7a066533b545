//! A folder or zip named for the whole submission (全民终身学习活动周报送材料（展板、方案、
//! 案例、典型、名单）) is entered like any wrapper, not split as a folder of two
//! requirements' material; a folder named for two requirements among the section
//! folders still is split.

mod common;

use common::*;

const CITY: &str = "阜新市";
/// The name of the zip an independent tester sent, wrapping a folder 材料/.
const WHOLE: &str = "全民终身学习活动周报送材料（展板、方案、案例、典型、名单）";
const INNER: &str = "材料";
const ALL: [&str; 6] = [
    "plan",
    "boards",
    "cases",
    "exemplars",
    "attendees",
    "summary",
];

/// A complete city's material under `材料/`, zipped as `材料/...`, after `edit`.
fn wrapped_zip(edit: impl FnOnce(&Dir)) -> Vec<u8> {
    let scratch = Dir::new();
    valid_submission(&scratch, INNER);
    edit(&scratch);
    zip_tree(&scratch.join(INNER), Names::Gbk)
}

fn at(rel: &str) -> String {
    format!("{INNER}/{rel}")
}

/// Every requirement passes, each counted from its own folder.
fn assert_complete(report: &serde_json::Value, what: &str) {
    for id in ALL {
        assert_eq!(status(report, id), "pass", "{what}: {id}: {report:#}");
    }
    assert!(
        summary(report, "boards").contains("2 块"),
        "{what}: {report:#}"
    );
    assert!(summary(report, "cases").starts_with("1 份"), "{what}");
    assert!(summary(report, "exemplars").starts_with("3 份"), "{what}");
    // The board texts and the case are not plan documents.
    let plan = summary(report, "plan");
    assert!(!plan.contains("展板文字"), "{what}: {plan}");
    assert!(!plan.contains("送教上门"), "{what}: {plan}");
}

/// The JSON report of `path` checked as one submission.
fn single(path: &std::path::Path) -> serde_json::Value {
    check_run(path, &["--single"]).1
}

#[test]
fn a_zip_named_for_the_whole_submission_in_the_city_folder_is_entered() {
    // As a zip, and unpacked as a folder of that name.
    let d = Dir::new();
    d.write(&format!("{CITY}/{WHOLE}.zip"), wrapped_zip(|_| ()));
    assert_complete(&single(&d.join(CITY)), "zip in 阜新市/");
    let d = Dir::new();
    valid_submission(&d, &format!("{CITY}/{WHOLE}/{INNER}"));
    assert_complete(&single(&d.join(CITY)), "folder in 阜新市/");
}

#[test]
fn a_zip_named_for_the_whole_submission_beside_the_summary_is_entered() {
    let d = Dir::new();
    d.write(
        &format!("{CITY}/{WHOLE}.zip"),
        wrapped_zip(|s| {
            s.remove(&at("06活动周工作总结.docx"));
        }),
    )
    .write(
        &format!("{CITY}/06活动周工作总结.docx"),
        docx(&[&board_text(7, 30)]),
    );
    assert_complete(&check_json(&d.join(CITY)).1, "zip beside the summary");
}

#[test]
fn a_zip_named_for_the_whole_submission_attached_to_a_mail_is_entered() {
    let zip = wrapped_zip(|_| ());
    // Attached alone to a mail, as the tester sent it.
    let d = Dir::new();
    let eml = common::mail::Eml {
        subject: "阜新市报送全民终身学习活动周材料".into(),
        attachments: vec![common::mail::attachment_126(&format!("{WHOLE}.zip"), &zip)],
        ..common::mail::Eml::default()
    };
    d.write("阜新市.eml", eml.bytes());
    assert_complete(&check_json(&d.join("阜新市.eml")).1, "mail");
    // Control: checked alone, the zip passed already.
    let d = Dir::new();
    d.write(&format!("{WHOLE}.zip"), &zip);
    assert_complete(&check_json(&d.join(&format!("{WHOLE}.zip"))).1, "zip alone");
}

#[test]
fn a_zip_named_for_the_whole_submission_in_an_inbox_is_entered() {
    let d = Dir::new();
    d.write(&format!("收件箱/{CITY}/{WHOLE}.zip"), wrapped_zip(|_| ()));
    valid_submission(&d, "收件箱/沈阳市");
    let report = check_json(&d.join("收件箱")).1;
    let fuxin = row(&report, CITY);
    for id in ALL {
        assert_eq!(fuxin["requirements"][id], "pass", "{id}: {fuxin:#}");
    }
}

#[test]
fn a_wrapper_named_for_the_roster_without_one_still_lacks_it() {
    let d = Dir::new();
    d.write(
        &format!("{CITY}/{WHOLE}.zip"),
        wrapped_zip(|s| {
            s.remove(&at("05开幕式参会人员名单.xlsx"))
                .remove(&at("03特色案例"));
        }),
    );
    let report = check_json(&d.join(CITY)).1;
    // The zip's name, listing 名单 and 案例, finds neither.
    assert_ne!(status(&report, "attendees"), "pass", "{report:#}");
    assert!(codes(&report, "attendees").contains(&"section-missing".to_owned()));
    assert_eq!(status(&report, "cases"), "fail", "{report:#}");
    assert!(codes(&report, "cases").contains(&"section-missing".to_owned()));
    for id in ["plan", "boards", "exemplars", "summary"] {
        assert_eq!(status(&report, id), "pass", "{id}: {report:#}");
    }
}

#[test]
fn a_folder_of_boards_and_a_case_among_the_sections_counts_as_both() {
    // Named for two requirements, then for two with a word for the whole: among the
    // section folders, either holds those two requirements' material.
    for both in ["02展板及案例", "02报送材料（展板及案例）"] {
        let d = Dir::new();
        valid_submission(&d, CITY);
        let to = d.join(&format!("{CITY}/{both}"));
        std::fs::rename(d.join(&format!("{CITY}/02宣传展板材料")), &to).unwrap();
        std::fs::rename(
            d.join(&format!("{CITY}/03特色案例/送教上门进社区.docx")),
            to.join("特色案例 送教上门进社区.docx"),
        )
        .unwrap();
        d.remove(&format!("{CITY}/03特色案例"));
        let report = check_json(&d.join(CITY)).1;
        for id in ALL {
            assert_eq!(status(&report, id), "pass", "{both}: {id}: {report:#}");
        }
        assert!(summary(&report, "boards").contains("2 块"), "{both}");
        assert!(summary(&report, "cases").starts_with("1 份"), "{both}");
        let said = messages(&report, "boards", "section-read-as");
        assert!(said.iter().any(|m| m.contains(both)), "{both}: {said:?}");
    }
}

#[test]
fn a_lone_folder_of_cases_and_exemplars_material_is_split_not_entered() {
    // Resent alone: named for two requirements, 材料 is theirs, not the submission's.
    let both = format!("{CITY}/特色案例及先进典型材料");
    let d = Dir::new();
    d.write(
        &format!("{both}/送教上门进社区.docx"),
        docx(&[&board_text(22, 20)]),
    )
    .write(
        &format!("{both}/百姓学习之星王丽.docx"),
        docx(&[&board_text(23, 16)]),
    )
    .write(
        &format!("{both}/李强事迹/李强事迹材料.docx"),
        docx(&[&board_text(24, 16)]),
    )
    .write(&format!("{both}/终身学习品牌项目.mp4"), mp4());
    let report = single(&d.join(CITY));
    assert_eq!(status(&report, "cases"), "pass", "{report:#}");
    assert!(summary(&report, "cases").starts_with("1 份"), "{report:#}");
    assert_eq!(status(&report, "exemplars"), "pass", "{report:#}");
    assert!(
        summary(&report, "exemplars").starts_with("3 份"),
        "{report:#}"
    );
}
