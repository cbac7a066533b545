//! The page as people use it, in a real headless browser: a city with 6 boards of 8
//! photos and some 40 problems reads as short labels (never codes) with their messages,
//! a count at the top and the problems grouped by file; it fits a desktop window, a
//! phone and the printable width of A4, and prints on A4. A batch page with resends
//! says, city by city, what its matrix says.

mod common;

use std::path::{Path, PathBuf};

use common::browser::*;
use common::*;
use scraper::Html;

/// The page of a busy city, and its JSON report, both as of after every deadline.
fn busy_page(d: &Dir) -> (PathBuf, serde_json::Value) {
    busy_city(d, "鞍山市", false);
    let page = d.join("鞍山市.html");
    let (run, json) = check_run(
        &d.join("鞍山市"),
        &["--as-of", "2020-12-31", "--report", page.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    (page, json)
}

/// Copies a page the tests made into `$BAOSONG_SHOTS`, when set, for
/// `scripts/screenshots.sh` to photograph.
fn keep(page: &Path, name: &str) {
    if let Some(dir) = std::env::var_os("BAOSONG_SHOTS") {
        std::fs::copy(page, Path::new(&dir).join(name)).unwrap();
    }
}

/// Every finding of the JSON report with this severity.
fn findings_with(json: &serde_json::Value, severity: &str) -> usize {
    let sub = &json["submissions"][0];
    sub["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["findings"].as_array().unwrap())
        .chain(sub["findings"].as_array().unwrap())
        .filter(|f| f["severity"] == severity)
        .count()
}

#[test]
fn a_busy_city_reads_as_labels_grouped_by_file_with_a_count_at_the_top() {
    let d = Dir::new();
    let (page, json) = busy_page(&d);
    keep(&page, "report-busy.html");
    let (dom, _) = load(&page);
    // The count at the top is the report's own.
    let (errors, warnings) = (
        findings_with(&json, "error"),
        findings_with(&json, "warning"),
    );
    assert!(errors + warnings >= 35, "{errors} + {warnings}");
    let count = text(&all(&dom, "header p.count")[0]);
    assert_eq!(count, format!("共 {errors} 处需要修改，{warnings} 处提醒"));
    // Every photo is there.
    assert_eq!(all(&dom, "figure.photo").len(), 48);
    // Labels in words, never a code; the code is a small link beside the message.
    let code = regex::Regex::new(r"^[a-z]+(-[a-z]+)+$").unwrap();
    let labels: Vec<String> = all(&dom, "details.badge summary, li.finding .label")
        .iter()
        .map(text)
        .collect();
    assert!(labels.len() >= errors, "{}", labels.len());
    for label in &labels {
        assert!(
            !label.trim().is_empty() && !code.is_match(label.trim()),
            "{label}"
        );
        assert!(!label.is_ascii(), "{label}");
    }
    for li in all(&dom, "li.finding") {
        assert!(!text(&all_in(&li, ".message")[0]).is_empty());
        assert_eq!(all_in(&li, "a.code").len(), 1);
    }
    // Each file once, its problems under it; files with errors before reminders.
    let files: Vec<String> = all(&dom, ".item h4.file").iter().map(text).collect();
    let mut unique = files.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), files.len(), "{files:?}");
    let kinds: Vec<String> = all(&dom, "div.item")
        .iter()
        .map(|i| i.value().attr("class").unwrap().to_owned())
        .collect();
    let first_warning = kinds.iter().position(|k| k.contains("warning")).unwrap();
    assert!(
        kinds[..first_warning].iter().all(|k| k.contains("error")),
        "{kinds:?}"
    );
    assert!(
        kinds[first_warning..].iter().all(|k| !k.contains("error")),
        "{kinds:?}"
    );
    // The board named by the phone is one item for its 8 photos, not 8 items.
    let board1: Vec<_> = all(&dom, "div.item")
        .into_iter()
        .filter(|i| i.value().attr("data-path") == Some("02宣传展板材料/展板1"))
        .collect();
    assert_eq!(board1.len(), 1);
    assert!(text(&all_in(&board1[0], "h4")[0]).contains("8 个文件"));
}

/// Nothing passes the window's right edge (tables may scroll inside their own box).
fn fits(dom: &Html, width: u32) {
    let root = all(dom, "html")[0].value();
    let (scroll, window) = (
        root.attr("data-width").unwrap(),
        root.attr("data-window").unwrap(),
    );
    assert_eq!(root.attr("data-wider"), Some(""), "at {width} px");
    assert!(
        scroll.parse::<u32>().unwrap() <= window.parse::<u32>().unwrap(),
        "at {width} px: {scroll} > {window}"
    );
}

#[test]
fn the_page_fits_a_desktop_a_phone_and_a4() {
    let d = Dir::new();
    let (page, _) = busy_page(&d);
    // A desktop, a phone, and A4's printable width (210 mm less 2 × 12 mm, at 96 dpi).
    for width in [1280, 390, 703] {
        fits(&measure_at(&page, width), width);
    }
    let pdf = print_pdf(&page, &d);
    keep(&pdf, "report-busy.pdf");
    let doc = lopdf::Document::load(&pdf).unwrap();
    let pages = doc.get_pages();
    assert!((2..=16).contains(&pages.len()), "{} pages", pages.len());
    let first = doc.get_dictionary(pages[&1]).unwrap();
    let media = first.get(b"MediaBox").unwrap().as_array().unwrap();
    let size: Vec<f32> = media.iter().map(|v| v.as_float().unwrap()).collect();
    assert!(
        (size[2] - 595.0).abs() < 2.0 && (size[3] - 842.0).abs() < 2.0,
        "{size:?}"
    );
}

#[test]
fn a_batch_page_says_for_each_city_what_its_matrix_says() {
    let d = Dir::new();
    // The resend fixes the board text and nothing else.
    busy_city_sent_twice(&d, |again| {
        again.write(
            "鞍山市/02宣传展板材料/展板2/展板文字.docx",
            docx(&[&board_text(200, 22)]),
        );
    });
    d.write("收件箱/沈阳市.zip", zipped("沈阳市", Names::Gbk, |_| {}));
    let page = d.join("inbox.html");
    let run = baosong(&[
        "check",
        d.join("收件箱").to_str().unwrap(),
        "--as-of",
        "2020-12-31",
        "--report",
        page.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    keep(&page, "report-resends.html");
    let (dom, _) = load(&page);
    let mut checked = 0;
    for row in all(&dom, "table.matrix tbody tr") {
        let Some(link) = all_in(&row, "th a").first().copied() else {
            continue;
        };
        let target = link
            .value()
            .attr("href")
            .unwrap()
            .trim_start_matches('#')
            .to_owned();
        let cells: Vec<String> = all_in(&row, "td")
            .iter()
            .map(|td| td.value().attr("class").unwrap_or("").to_owned())
            .collect();
        let section = all(&dom, &format!("section#{target}"));
        assert_eq!(section.len(), 1, "{target}");
        let statuses: Vec<String> = all_in(&section[0], "table.requirements tbody tr")
            .iter()
            .map(|tr| tr.value().attr("class").unwrap().to_owned())
            .collect();
        // The last cell is the city's result.
        assert_eq!(statuses, cells[..cells.len() - 1], "{target}");
        checked += 1;
    }
    assert_eq!(checked, 2);
    // 鞍山市's boards are judged on the resend, the rest on the first mail; its section
    // says so, and folds what the resend superseded.
    let anshan: Vec<_> = all(&dom, "section.city")
        .into_iter()
        .filter(|s| text(&all_in(s, "h2")[0]).starts_with("鞍山市"))
        .collect();
    let by: Vec<String> = all_in(&anshan[0], "table.requirements tbody tr td:last-child")
        .iter()
        .map(text)
        .collect();
    assert_eq!(by[1], "【鞍山】展板材料（第二次）", "{by:?}");
    assert_eq!(by[0], "鞍山市", "{by:?}");
    let folded = all_in(&anshan[0], "details.superseded");
    assert_eq!(folded.len(), 1);
    assert!(text(&folded[0]).contains("240 字"), "{}", text(&folded[0]));
    // Cities follow the rules' order, not the inbox's.
    let order: Vec<String> = all(&dom, "section.city h2").iter().map(text).collect();
    assert!(
        order[0].starts_with("沈阳市") && order[1].starts_with("鞍山市"),
        "{order:?}"
    );
}
