//! Each requirement kind, passing and failing, on real file bytes made at test time.
//! Every test starts from a complete valid submission and breaks one thing.

mod common;

use common::*;

const ROOT: &str = "沈阳市";
const CITY: City = City(ROOT);

fn check(d: &Dir) -> (i32, serde_json::Value) {
    check_json(&d.join(ROOT))
}

#[test]
fn valid_submission_passes_everything() {
    let (code, report) = check(&CITY.valid());
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["submissions"][0]["status"], "pass");
    for id in IDS {
        assert_eq!(status(&report, id), "pass", "{id}: {report:#}");
        assert!(codes(&report, id).is_empty(), "{id}: {report:#}");
    }
}

// ---- sections ------------------------------------------------------------

#[test]
fn missing_section_fails_and_says_what_to_add() {
    let d = CITY.valid();
    d.remove(&CITY.rel("03特色案例"));
    let (code, report) = check(&d);
    assert_eq!(code, 1);
    assert_eq!(status(&report, "cases"), "fail");
    assert_eq!(codes(&report, "cases"), ["section-missing"]);
    let message = requirement(&report, "cases")["findings"][0]["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("特色案例"), "{message}");
}

#[test]
fn loosely_named_sections_are_found() {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    // Renames in the styles staff use: Chinese ordinals, dots, brackets, a plain file.
    let moves = [
        ("01工作方案", "一、工作方案"),
        ("02宣传展板材料", "2.宣传展板材料"),
        ("03特色案例", "（3）特色案例"),
    ];
    for (from, to) in moves {
        std::fs::rename(d.join(&CITY.rel(from)), d.join(&CITY.rel(to))).unwrap();
    }
    std::fs::rename(
        d.join(&CITY.rel("一、工作方案/沈阳市全民终身学习活动周工作方案.docx")),
        d.join(&CITY.rel("沈阳市全民终身学习活动周工作方案.docx")),
    )
    .unwrap();
    d.remove(&CITY.rel("一、工作方案"));
    let (code, report) = check(&d);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(status(&report, "plan"), "pass");
    assert_eq!(status(&report, "cases"), "pass");
}

#[test]
fn single_wrapper_folders_are_entered() {
    let d = Dir::new();
    valid_submission(&d, "沈阳市/沈阳市活动周材料");
    d.write("沈阳市/Thumbs.db", b"debris");
    let (code, report) = check(&d);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(status(&report, "boards"), "pass");
}

#[test]
fn name_matching_two_requirements_warns_which_was_used() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("活动周工作方案及总结.docx"),
        docx(&[&board_text(28, 30)]),
    );
    let (_, report) = check(&d);
    let plan = codes(&report, "plan");
    assert!(plan.contains(&"section-ambiguous".to_owned()), "{report:#}");
    assert_eq!(status(&report, "plan"), "warn");
}

// ---- document ------------------------------------------------------------

#[test]
fn plan_without_a_readable_document_fails() {
    let d = CITY.valid();
    d.remove(&CITY.rel("01工作方案/沈阳市全民终身学习活动周工作方案.docx"));
    d.write(&CITY.rel("01工作方案/方案照片.jpg"), photo());
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "plan"), ["document-missing"]);
    assert_eq!(status(&report, "plan"), "fail");
}

#[test]
fn corrupt_docx_is_named_and_other_files_are_still_checked() {
    let d = CITY.valid();
    let mut truncated = docx(&[&board_text(29, 10)]);
    truncated.truncate(truncated.len() / 2);
    d.write(&CITY.rel("06活动周工作总结.docx"), truncated);
    let (code, report) = check(&d);
    assert_eq!(code, 1);
    assert_eq!(status(&report, "summary"), "fail");
    let f = &requirement(&report, "summary")["findings"][0];
    assert_eq!(f["code"], "document-unreadable");
    assert_eq!(f["path"], "06活动周工作总结.docx");
    assert_eq!(status(&report, "boards"), "pass");
}

#[test]
fn blank_document_is_not_a_plan() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("01工作方案/沈阳市全民终身学习活动周工作方案.docx"),
        docx(&[""]),
    );
    let (_, report) = check(&d);
    let plan = codes(&report, "plan");
    assert!(plan.contains(&"document-empty".to_owned()), "{plan:?}");
    assert!(plan.contains(&"document-missing".to_owned()), "{plan:?}");
}

#[test]
fn doc_wps_odt_and_pdf_board_texts_count_like_word() {
    // Made by LibreOffice from the same text; the .wps is the .doc under WPS's name.
    for (name, fixture_name) in [
        ("展板文字.doc", "board.doc"),
        ("展板文字.wps", "board.doc"),
        ("展板文字.odt", "board.odt"),
        ("展板文字.pdf", "board.pdf"),
        // Word opens a .doc renamed .docx, and so does baosong.
        ("展板文字.docx", "board.doc"),
    ] {
        let d = CITY.valid();
        d.remove(&CITY.rel("02宣传展板材料/展板1/展板文字.docx"));
        d.write(
            &CITY.rel(&format!("02宣传展板材料/展板1/{name}")),
            fixture(fixture_name),
        );
        let (_, report) = check(&d);
        assert_eq!(status(&report, "boards"), "pass", "{name}: {report:#}");
        let summary = requirement(&report, "boards")["summary"].as_str().unwrap();
        assert!(
            summary.contains(&format!("展板1 {FIXTURE_WORDS} 字")),
            "{name}: {summary}"
        );
    }
}

#[test]
fn scanned_pdf_is_its_own_finding_not_zero_words() {
    let d = CITY.valid();
    d.remove(&CITY.rel("06活动周工作总结.docx"));
    d.write(&CITY.rel("06活动周工作总结.pdf"), scanned_pdf(100));
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "summary"), ["document-scanned"]);
    assert_eq!(status(&report, "summary"), "warn");
    d.remove(&CITY.rel("02宣传展板材料/展板1/展板文字.docx"));
    d.write(
        &CITY.rel("02宣传展板材料/展板1/展板文字.pdf"),
        scanned_pdf(200),
    );
    let (_, report) = check(&d);
    // A scanned board text cannot be counted or typeset: the board has no text.
    assert_eq!(codes(&report, "boards"), ["board-text-missing"]);
    assert_eq!(status(&report, "boards"), "fail");
    let m = requirement(&report, "boards")["findings"][0]["message"]
        .as_str()
        .unwrap();
    assert!(m.contains("展板文字.pdf") && m.contains("扫描件"), "{m}");
    let summary = requirement(&report, "boards")["summary"].as_str().unwrap();
    assert!(summary.contains("展板1 文字无法统计"), "{summary}");
}

#[test]
fn scanned_plan_of_pictures_only_warns_and_counts() {
    let d = CITY.valid();
    let picture = r#"<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"/></w:drawing></w:r></w:p>"#;
    d.write(
        &CITY.rel("01工作方案/沈阳市全民终身学习活动周工作方案.docx"),
        docx_with_body(&picture.repeat(3)),
    );
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "plan"), ["document-images-only"]);
    assert_eq!(status(&report, "plan"), "warn");
}

#[test]
fn ole_file_without_word_text_is_unreadable() {
    let d = CITY.valid();
    let mut ole = vec![0u8; 512 * 3];
    ole[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    ole[0x1E] = 9;
    d.write(&CITY.rel("06活动周工作总结.docx"), &ole);
    let (_, report) = check(&d);
    assert_eq!(
        codes(&report, "summary"),
        ["document-unreadable", "document-missing"]
    );
}

#[test]
fn doc_with_wrong_header_is_unreadable() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("01工作方案/旧方案.doc"),
        b"this is not an OLE file at all",
    );
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "plan"), ["document-unreadable"]);
}

#[test]
fn encrypted_docx_gets_its_own_finding() {
    // Word saves a password-protected .docx as a compound file holding the encrypted
    // package and its encryption info; written here with the cfb crate.
    let ole = {
        use std::io::Write;
        let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        file.create_stream("EncryptionInfo")
            .unwrap()
            .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
            .unwrap();
        file.create_stream("EncryptedPackage")
            .unwrap()
            .write_all(&[0x5A; 4096])
            .unwrap();
        file.flush().unwrap();
        file.into_inner().into_inner()
    };
    let d = CITY.valid();
    d.write(&CITY.rel("06活动周工作总结.docx"), &ole);
    let (_, report) = check(&d);
    assert_eq!(
        codes(&report, "summary"),
        ["document-encrypted", "document-missing"]
    );
}

// ---- boards --------------------------------------------------------------

#[test]
fn board_text_is_counted_like_word_and_short_text_fails() {
    let d = CITY.valid();
    // 19 sentences of 15 字 = 285 字, under 300.
    d.write(
        &CITY.rel("02宣传展板材料/展板1/展板文字.docx"),
        docx(&[&board_text(30, 19)]),
    );
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "boards"), ["board-text-too-short"]);
    let boards = requirement(&report, "boards");
    assert!(
        boards["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("285 字")
    );
    assert!(
        boards["summary"]
            .as_str()
            .unwrap()
            .contains("展板1 文字 285 字"),
        "{boards:#}"
    );
    assert!(
        boards["summary"].as_str().unwrap().contains("展板2 315 字"),
        "{boards:#}"
    );
}

#[test]
fn board_text_of_exactly_the_minimum_passes_and_mixed_text_counts_words() {
    let d = CITY.valid();
    // 19 sentences (285) + "Hello World! 2020年" (2 words + 1 + 年 = 4) + "共3天。十一" (6) = 295;
    // five more Latin words reach 300 exactly.
    let text = format!(
        "{}Hello World! 2020年共3天。十一 a b c d e",
        board_text(31, 19)
    );
    d.write(
        &CITY.rel("02宣传展板材料/展板1/展板文字.docx"),
        docx(&[&text]),
    );
    let (_, report) = check(&d);
    assert_eq!(status(&report, "boards"), "pass", "{report:#}");
    let summary = requirement(&report, "boards")["summary"].as_str().unwrap();
    assert!(summary.contains("展板1 300 字"), "{summary}");
}

#[test]
fn gbk_and_utf16_board_texts_are_decoded() {
    let d = CITY.valid();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(board_text(32, 20).encode_utf16().flat_map(u16::to_le_bytes));
    d.remove(&CITY.rel("02宣传展板材料/展板1/展板文字.docx"));
    d.write(&CITY.rel("02宣传展板材料/展板1/展板文字.txt"), &utf16);
    let (_, report) = check(&d);
    let summary = requirement(&report, "boards")["summary"].as_str().unwrap();
    assert!(summary.contains("展板1 300 字"), "{summary}");
    assert!(summary.contains("展板2 315 字"), "{summary}"); // the GBK one
}

#[test]
fn too_few_boards_fails() {
    let d = CITY.valid();
    d.remove(&CITY.rel("02宣传展板材料/展板2"));
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "boards"), ["boards-too-few"]);
}

#[test]
fn board_without_text_or_photos_fails() {
    let d = CITY.valid();
    d.remove(&CITY.rel("02宣传展板材料/展板2/展板文字.txt"));
    d.remove(&CITY.rel("02宣传展板材料/展板1/01-社区读书会.jpg"));
    d.remove(&CITY.rel("02宣传展板材料/展板1/02-老年大学书法课.jpg"));
    let (_, report) = check(&d);
    let c = codes(&report, "boards");
    assert!(c.contains(&"board-text-missing".to_owned()), "{c:?}");
    assert!(c.contains(&"board-photo-missing".to_owned()), "{c:?}");
}

#[test]
fn loose_file_in_boards_folder_warns() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("02宣传展板材料/补充说明.docx"),
        docx(&[&board_text(33, 20)]),
    );
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "boards"), ["boards-loose-file"]);
    assert_eq!(status(&report, "boards"), "warn");
    // A file labelled with a board number is that board's, not loose: board 3 has
    // text and no photo.
    d.remove(&CITY.rel("02宣传展板材料/补充说明.docx"));
    d.write(
        &CITY.rel("02宣传展板材料/展板3文字.docx"),
        docx(&[&board_text(33, 20)]),
    );
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "boards"), ["board-photo-missing"]);
}

#[test]
fn long_caption_fails_and_numbers_do_not_count() {
    let d = CITY.valid();
    // 11 characters after the number: too long. "01-" is not part of the caption.
    d.write(
        &CITY.rel("02宣传展板材料/展板1/01-社区居民参加读书分享会.jpg"),
        photo_n(14),
    );
    d.write(
        &CITY.rel("02宣传展板材料/展板1/02-社区居民参加读书分享.jpg"),
        photo_n(15),
    );
    let (_, report) = check(&d);
    let findings = requirement(&report, "boards")["findings"]
        .as_array()
        .unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["code"], "photo-caption-too-long");
    assert_eq!(
        findings[0]["path"],
        "02宣传展板材料/展板1/01-社区居民参加读书分享会.jpg"
    );
}

#[test]
fn device_names_are_not_captions() {
    let d = CITY.valid();
    for (n, name) in (11..).zip([
        "微信图片_20201015123456.jpg",
        "IMG_20201015_123456.jpg",
        "mmexport1602741234567.jpg",
    ]) {
        d.write(
            &CITY.rel(&format!("02宣传展板材料/展板2/{name}")),
            photo_n(n),
        );
    }
    let (_, report) = check(&d);
    let c = codes(&report, "boards");
    assert_eq!(c, vec!["photo-caption-device-name"; 3], "{report:#}");
}

#[test]
fn caption_that_is_only_a_number_is_empty() {
    let d = CITY.valid();
    d.write(&CITY.rel("02宣传展板材料/展板2/01.jpg"), photo());
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "boards"), ["photo-caption-empty"]);
}

#[test]
fn copy_marks_warn_when_the_photo_is_a_copy() {
    let d = CITY.valid();
    let original =
        std::fs::read(d.join(&CITY.rel("02宣传展板材料/展板2/社区合唱团演出.jpg"))).unwrap();
    d.write(
        &CITY.rel("02宣传展板材料/展板2/社区合唱团演出 - 副本.jpg"),
        &original,
    );
    let (_, report) = check(&d);
    let mut c = codes(&report, "boards");
    c.sort();
    assert_eq!(c, ["file-duplicate", "photo-caption-copy-mark"]);
    assert_eq!(status(&report, "boards"), "warn");
}

#[test]
fn a_windows_batch_rename_is_not_taken_for_copies() {
    // Renaming photos together in Explorer gives "名 (1)", "名 (2)": different photos,
    // which were told to delete one of them.
    let d = CITY.valid();
    d.remove(&CITY.rel("02宣传展板材料/展板2/社区合唱团演出.jpg"));
    d.write(
        &CITY.rel("02宣传展板材料/展板2/社区合唱团演出 (1).jpg"),
        photo_n(91),
    );
    d.write(
        &CITY.rel("02宣传展板材料/展板2/社区合唱团演出 (2).jpg"),
        photo_n(92),
    );
    let (_, report) = check(&d);
    assert!(codes(&report, "boards").is_empty(), "{report:#}");
    assert!(
        requirement(&report, "boards")["summary"]
            .as_str()
            .unwrap()
            .contains("2 张照片")
    );
}

#[test]
fn wechat_copy_is_too_small_and_has_no_exif() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("02宣传展板材料/展板2/社区合唱团演出.jpg"),
        jpeg(1280, 960, None),
    );
    let (_, report) = check(&d);
    let mut c = codes(&report, "boards");
    c.sort();
    assert_eq!(c, ["photo-no-camera-exif", "photo-too-small"]);
    let msg = requirement(&report, "boards")["findings"][0]["message"]
        .as_str()
        .unwrap();
    assert!(msg.contains("1280×960"), "{msg}");
}

#[test]
fn original_without_exif_only_warns() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("02宣传展板材料/展板2/社区合唱团演出.jpg"),
        jpeg(4000, 3000, None),
    );
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "boards"), ["photo-no-camera-exif"]);
    assert_eq!(status(&report, "boards"), "warn");
}

#[test]
fn portrait_photo_is_judged_by_its_long_edge() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("02宣传展板材料/展板2/社区合唱团演出.jpg"),
        jpeg(1200, 1600, Some(&PHONE)),
    );
    let (_, report) = check(&d);
    assert_eq!(status(&report, "boards"), "pass", "{report:#}");
}

#[test]
fn png_screenshot_is_read_from_its_header() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("02宣传展板材料/展板2/活动现场.png"),
        png(1080, 2340),
    );
    let (_, report) = check(&d);
    // A phone's screen size and no EXIF at all: a screenshot, not a photo.
    assert_eq!(codes(&report, "boards"), ["photo-screenshot"]);
    assert_eq!(status(&report, "boards"), "warn");
}

#[test]
fn png_with_exif_chunk_has_camera_exif() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("02宣传展板材料/展板2/活动现场.png"),
        png_with_exif(2000, 1500, &PHONE),
    );
    let (_, report) = check(&d);
    assert_eq!(status(&report, "boards"), "pass", "{report:#}");
}

#[test]
fn broken_photo_is_an_error() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("02宣传展板材料/展板2/活动现场.jpg"),
        b"\xFF\xD8\xFF\xE0 not really",
    );
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "boards"), ["photo-unreadable"]);
    assert_eq!(status(&report, "boards"), "fail");
}

#[test]
fn heic_photo_is_read_and_warns_to_convert() {
    let d = CITY.valid();
    // 1600×1200 with Apple camera EXIF, made by heif-enc.
    d.write(
        &CITY.rel("02宣传展板材料/展板2/合唱团.heic"),
        fixture("photo.heic"),
    );
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "boards"), ["photo-heic"]);
    assert_eq!(status(&report, "boards"), "warn");
}

// ---- entries -------------------------------------------------------------

#[test]
fn exemplars_need_three_counted_entries() {
    let d = CITY.valid();
    d.remove(&CITY.rel("04先进典型/终身学习品牌项目.mp4"));
    d.write(&CITY.rel("04先进典型/赵磊/赵磊照片.jpg"), photo());
    d.mkdir(&CITY.rel("04先进典型/空文件夹"));
    let (_, report) = check(&d);
    let mut c = codes(&report, "exemplars");
    c.sort();
    assert_eq!(
        c,
        ["entries-too-few", "entry-not-counted", "entry-not-counted"]
    );
    let text = serde_json::to_string(requirement(&report, "exemplars")).unwrap();
    assert!(text.contains("只有照片"), "{text}");
    assert!(text.contains("文件夹是空的"), "{text}");
}

#[test]
fn truncated_video_does_not_count_and_is_an_error() {
    let d = CITY.valid();
    let mut video = mp4();
    video.truncate(video.len() - 100);
    d.write(&CITY.rel("04先进典型/终身学习品牌项目.mp4"), &video);
    let (_, report) = check(&d);
    let mut c = codes(&report, "exemplars");
    c.sort();
    // The video's own finding says it does not count; said once.
    assert_eq!(c, ["entries-too-few", "video-broken"]);
}

#[test]
fn video_without_moov_is_broken() {
    let d = CITY.valid();
    // The index box removed, as a phone writes when recording is interrupted.
    let video = mp4();
    let moov = video.windows(4).position(|w| w == b"moov").unwrap() - 4;
    let size = u32::from_be_bytes(video[moov..moov + 4].try_into().unwrap()) as usize;
    let mut cut = video[..moov].to_vec();
    cut.extend(&video[moov + size..]);
    d.write(&CITY.rel("03特色案例/案例视频.mp4"), &cut);
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "cases"), ["video-broken"]);
    let message = requirement(&report, "cases")["findings"][0]["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("目录信息"), "{message}");
}

#[test]
fn zero_filled_avi_and_fake_flv_are_broken_and_do_not_count() {
    // An AVI whose RIFF header is right but holds no frames once counted as a case.
    let d = CITY.valid();
    d.remove(&CITY.rel("03特色案例/送教上门进社区.docx"));
    let mut avi = b"RIFF".to_vec();
    avi.extend(100u32.to_le_bytes());
    avi.extend(b"AVI LIST");
    avi.resize(108, 0);
    d.write(&CITY.rel("03特色案例/社区案例.avi"), &avi);
    d.write(&CITY.rel("03特色案例/另一个.flv"), b"not a flash video");
    let (_, report) = check(&d);
    assert_eq!(status(&report, "cases"), "fail", "{report:#}");
    let mut c = codes(&report, "cases");
    c.sort();
    assert_eq!(
        c,
        ["entries-too-few", "video-broken", "video-broken"],
        "{report:#}"
    );
    let summary = requirement(&report, "cases")["summary"].as_str().unwrap();
    assert!(summary.starts_with("0 份"), "{summary}");
}

#[test]
fn a_real_video_alone_is_a_case_and_its_length_is_shown() {
    let d = CITY.valid();
    d.remove(&CITY.rel("03特色案例/送教上门进社区.docx"));
    d.write(&CITY.rel("03特色案例/社区案例.avi"), fixture("clip.avi"));
    let (_, report) = check(&d);
    assert_eq!(status(&report, "cases"), "pass", "{report:#}");
    let summary = requirement(&report, "cases")["summary"].as_str().unwrap();
    assert!(summary.contains("视频 1（2 秒）"), "{summary}");
}

#[test]
fn avi_wmv_flv_and_mkv_videos_are_exemplars() {
    let d = CITY.valid();
    d.remove(&CITY.rel("04先进典型"));
    // Four exemplars, one video each (one video in two formats would count once).
    for (name, ext) in [
        ("张秀英", "avi"),
        ("李国华", "wmv"),
        ("书香社区", "flv"),
        ("银龄课堂", "mkv"),
    ] {
        d.write(
            &CITY.rel(&format!("04先进典型/{name}.{ext}")),
            fixture(&format!("clip.{ext}")),
        );
    }
    let (_, report) = check(&d);
    assert_eq!(status(&report, "exemplars"), "pass", "{report:#}");
    let summary = requirement(&report, "exemplars")["summary"]
        .as_str()
        .unwrap();
    assert!(summary.contains("视频 4"), "{summary}");
}

#[test]
fn video_site_cache_file_is_an_error() {
    let d = CITY.valid();
    let mut cache = mp4();
    cache.extend(b"qlv index");
    d.write(&CITY.rel("03特色案例/案例视频.qlv"), &cache);
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "cases"), ["video-cache-file"]);
}

#[test]
fn bmp_photo_is_measured_from_its_header() {
    // A 24-bit BMP as Windows Paint saves it: 1600×1200, no EXIF.
    let (w, h) = (1600u32, 1200u32);
    let row = (w * 3).div_ceil(4) * 4;
    let mut bmp = b"BM".to_vec();
    bmp.extend((54 + row * h).to_le_bytes());
    bmp.extend([0u8; 4]);
    bmp.extend(54u32.to_le_bytes());
    bmp.extend(40u32.to_le_bytes());
    bmp.extend(w.to_le_bytes());
    bmp.extend(h.to_le_bytes());
    bmp.extend(1u16.to_le_bytes());
    bmp.extend(24u16.to_le_bytes());
    bmp.extend([0u8; 24]);
    bmp.resize((54 + row * h) as usize, 0x80);
    let d = CITY.valid();
    d.write(&CITY.rel("02宣传展板材料/展板2/社区书法展.bmp"), &bmp);
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "boards"), ["photo-no-camera-exif"]);
}

// ---- roster --------------------------------------------------------------

#[test]
fn roster_with_too_few_people_fails() {
    let d = CITY.valid();
    d.write(
        &CITY.rel("05开幕式参会人员名单.xlsx"),
        roster_xlsx(
            Some("名单"),
            &["序号", "姓名", "单位", "电话"],
            &attendees(4),
        ),
    );
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "attendees"), ["roster-too-few"]);
    // No due date: it fails whatever the date.
    let (_, early) = check_json_as_of(&d.join(ROOT), "2020-10-01");
    assert_eq!(status(&early, "attendees"), "fail");
}

#[test]
fn roster_header_below_title_rows_and_blank_names_are_handled() {
    let d = CITY.valid();
    let mut rows = attendees(5);
    rows.push(vec!["6".into(), "".into(), "空行".into(), "".into()]);
    d.write(
        &CITY.rel("05开幕式参会人员名单.xlsx"),
        roster_xlsx(
            Some("沈阳市参会人员名单"),
            &["序号", "姓 名", "单位", "电话"],
            &rows,
        ),
    );
    let (_, report) = check(&d);
    // "姓 名", spaced out to line up with the other headers, is the 姓名 column.
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
    assert!(codes(&report, "attendees").is_empty(), "{report:#}");
    d.write(
        &CITY.rel("05开幕式参会人员名单.xlsx"),
        roster_xlsx(
            Some("沈阳市参会人员名单"),
            &["序号", "参会人员姓名", "单位", "电话"],
            &rows,
        ),
    );
    let (_, report) = check(&d);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
    let summary = requirement(&report, "attendees")["summary"]
        .as_str()
        .unwrap();
    assert!(summary.contains("5 人"), "{summary}");
}

#[test]
fn gbk_csv_roster_is_read() {
    let d = CITY.valid();
    d.remove(&CITY.rel("05开幕式参会人员名单.xlsx"));
    let mut csv = String::from("沈阳市参会人员名单,,\n序号,姓名,单位\n");
    for (i, name) in ["王丽", "李强", "张伟", "刘芳", "陈静"].iter().enumerate() {
        csv.push_str(&format!("{},{name},社区学院\n", i + 1));
    }
    d.write(&CITY.rel("05参会名单.csv"), gbk(&csv));
    let (_, report) = check(&d);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
}

#[test]
fn roster_typed_as_a_word_table_is_counted() {
    let d = CITY.valid();
    d.remove(&CITY.rel("05开幕式参会人员名单.xlsx"));
    let mut rows = vec![vec![
        "序号".to_owned(),
        "姓名".to_owned(),
        "单位".to_owned(),
    ]];
    rows.extend(attendees(5).into_iter().map(|r| r[..3].to_vec()));
    d.write(
        &CITY.rel("05参会人员名单.docx"),
        docx_table("参会人员名单", &rows),
    );
    let (_, report) = check(&d);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
    rows.truncate(3);
    d.write(
        &CITY.rel("05参会人员名单.docx"),
        docx_table("参会人员名单", &rows),
    );
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "attendees"), ["roster-too-few"]);
}

#[test]
fn document_named_for_two_kinds_goes_where_documents_belong() {
    let d = CITY.valid();
    d.remove(&CITY.rel("01工作方案"));
    d.write(
        &CITY.rel("开幕式活动方案.docx"),
        docx(&[&board_text(34, 30)]),
    );
    let (_, report) = check(&d);
    assert_eq!(codes(&report, "plan"), ["section-ambiguous"]);
    assert_eq!(status(&report, "attendees"), "pass");
}

#[test]
fn xls_et_and_ods_rosters_are_read() {
    // roster.xls and roster.ods were saved by LibreOffice Calc; WPS's .et is the same
    // BIFF8 format as .xls. Calc stored the phone numbers as numbers, as Excel does
    // when they are typed into a General column: a warning, not a failure.
    for (name, fixture_name) in [
        ("05参会人员名单.xls", "roster.xls"),
        ("05参会人员名单.et", "roster.xls"),
        ("05参会人员名单.ods", "roster.ods"),
    ] {
        let d = CITY.valid();
        d.remove(&CITY.rel("05开幕式参会人员名单.xlsx"));
        d.write(&CITY.rel(name), fixture(fixture_name));
        let (_, report) = check(&d);
        assert_eq!(
            codes(&report, "attendees"),
            ["roster-number-mangled"],
            "{name}: {report:#}"
        );
        assert_eq!(status(&report, "attendees"), "warn", "{name}");
        let summary = requirement(&report, "attendees")["summary"]
            .as_str()
            .unwrap();
        assert!(summary.ends_with("6 人"), "{name}: {summary}");
    }
}

#[test]
fn utf16_tab_separated_roster_from_excel_unicode_text_is_read() {
    let d = CITY.valid();
    d.remove(&CITY.rel("05开幕式参会人员名单.xlsx"));
    let mut text = String::from("序号\t姓名\t单位\r\n");
    for (i, name) in ["王丽", "李强", "张伟", "刘芳", "陈静"].iter().enumerate() {
        text.push_str(&format!("{}\t{name}\t社区学院\r\n", i + 1));
    }
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    d.write(&CITY.rel("05参会名单.csv"), &bytes);
    let (_, report) = check(&d);
    assert_eq!(status(&report, "attendees"), "pass", "{report:#}");
}

#[test]
fn unreadable_spreadsheet_is_named() {
    let d = CITY.valid();
    d.write(&CITY.rel("05开幕式参会人员名单.xlsx"), b"PK\x03\x04 broken");
    let (_, report) = check(&d);
    let c = codes(&report, "attendees");
    assert_eq!(c, ["roster-unreadable", "roster-missing"]);
}

// ---- deadlines -----------------------------------------------------------

#[test]
fn requirements_not_yet_due_are_pending_not_failing() {
    let d = CITY.valid();
    d.remove(&CITY.rel("06活动周工作总结.docx"));
    d.remove(&CITY.rel("04先进典型"));
    let (code, report) = check_json_as_of(&d.join(ROOT), "2020-10-21");
    assert_eq!(status(&report, "summary"), "pending");
    assert_eq!(status(&report, "exemplars"), "pending");
    assert_eq!(status(&report, "boards"), "pass");
    assert_eq!(code, 0, "pending items do not fail the run");
    // The deadline day is still in time ("10月25日前" is read as "by the 25th").
    let (code, report) = check_json_as_of(&d.join(ROOT), "2020-10-25");
    assert_eq!(status(&report, "exemplars"), "pending");
    assert_eq!(code, 0);
    let (code, report) = check_json_as_of(&d.join(ROOT), "2020-10-26");
    assert_eq!(status(&report, "exemplars"), "fail");
    assert_eq!(status(&report, "summary"), "pending");
    // What is not due yet is a pending finding, never an error, and says so.
    let summary = &requirement(&report, "summary")["findings"][0];
    assert_eq!(summary["severity"], "pending", "{summary:#}");
    assert!(
        summary["message"]
            .as_str()
            .unwrap()
            .starts_with("未到期（2020-12-10 截止）"),
        "{summary:#}"
    );
    assert_eq!(code, 1);
}
