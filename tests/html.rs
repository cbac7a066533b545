//! The HTML report, loaded in a real headless browser (Debian's chromium, which
//! `.ci/run` installs): the DOM the browser built is checked for the verdict, one card
//! per board with one thumbnail per photo, the badge on a photo with a finding, the
//! matrix links, that a hostile file name stayed text, and (from the browser's network
//! log) that the page asked no server for anything.

mod common;

use common::browser::*;
use common::*;
use scraper::Html;
use std::path::{Path, PathBuf};
use std::process::Command;

fn report(path: &Path, out: &Path, extra: &[&str]) {
    let out_arg = out.display().to_string();
    let mut args = vec![
        "check",
        path.to_str().unwrap(),
        "--as-of",
        "2020-12-31",
        "--report",
        &out_arg,
    ];
    args.extend(extra);
    let run = baosong(&args);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
}

fn no_server_asked(urls: &[String]) {
    let remote: Vec<&String> = urls
        .iter()
        .filter(|u| !u.starts_with("file:") && !u.starts_with("data:"))
        .collect();
    assert!(remote.is_empty(), "the page made requests: {remote:?}");
}

#[test]
fn the_network_check_sees_a_page_that_asks_a_server() {
    let d = Dir::new();
    d.write(
        "remote.html",
        "<html><body><img src=\"http://127.0.0.1:9/x.png\"></body></html>",
    );
    let (_, urls) = load(&d.join("remote.html"));
    assert!(urls.iter().any(|u| u.contains("127.0.0.1:9")), "{urls:?}");
}

#[test]
fn a_passing_city_shows_its_boards_with_every_photo() {
    let d = Dir::new();
    let page = d.join("沈阳市.html");
    let city = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/沈阳市");
    report(&city, &page, &[]);
    let (dom, urls) = load(&page);
    let verdict = text(&all(&dom, "#verdict")[0]);
    assert!(
        verdict.contains("通过") && !verdict.contains("不通过"),
        "{verdict}"
    );
    // Two boards, each a card; a thumbnail for every photo in its folder.
    let boards = std::fs::read_dir(city.join("02宣传展板材料"))
        .unwrap()
        .count();
    let cards = all(&dom, "article.card");
    let board_cards: Vec<_> = cards
        .iter()
        .filter(|c| text(&all_in(c, "h4")[0]).starts_with("展板"))
        .collect();
    assert_eq!(board_cards.len(), boards);
    for card in board_cards {
        let path = card.value().attr("data-path").unwrap();
        let jpgs = std::fs::read_dir(city.join(path))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "jpg")
            })
            .count();
        let thumbs = all_in(card, "figure.photo img.thumb");
        assert_eq!(thumbs.len(), jpgs, "{path}");
        for img in thumbs {
            assert!(
                img.value()
                    .attr("src")
                    .unwrap()
                    .starts_with("data:image/jpeg;base64,")
            );
        }
    }
    no_server_asked(&urls);
}

/// Every link points at exactly one submission's section.
fn links_lead_to_sections(dom: &Html, links: &[scraper::ElementRef]) {
    for link in links {
        let href = link.value().attr("href").unwrap();
        let target = href.trim_start_matches('#');
        assert_eq!(all(dom, &format!("section#{target}")).len(), 1, "{href}");
    }
}

#[test]
fn a_failing_city_badges_the_wechat_copy_and_a_hostile_name_stays_text() {
    let d = Dir::new();
    let city = d.join("鞍山市");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/鞍山市"),
        &city,
    );
    let hostile = "<img src=x onerror=alert(1)>.jpg";
    d.write(&format!("鞍山市/2、展板/展板二/{hostile}"), photo_n(7));
    let page = d.join("鞍山市.html");
    report(&city, &page, &[]);
    let (dom, urls) = load(&page);
    let verdict = text(&all(&dom, "#verdict")[0]);
    assert!(verdict.contains("不通过"), "{verdict}");
    // The 1280×960 WeChat copy carries an error badge saying, in words, that it is
    // not an original; its message opens on a tap, and no code is the label.
    let small: Vec<_> = all(&dom, "figure.photo.has-error")
        .into_iter()
        .filter(|f| f.value().attr("data-path").unwrap().contains("微信图片"))
        .collect();
    assert_eq!(small.len(), 1);
    let badge = all_in(&small[0], "details.badge.error[data-code=photo-too-small]");
    assert_eq!(badge.len(), 1);
    let label = text(&all_in(&badge[0], "summary")[0]);
    assert!(label.contains("非原图"), "{label}");
    assert!(text(&all_in(&badge[0], ".msg")[0]).contains("1280×960"));
    assert!(text(&small[0]).contains("1280×960"));
    // The hostile name is a caption, not an element: the only images are thumbnails.
    for img in all(&dom, "img") {
        assert_eq!(img.value().attr("class"), Some("thumb"));
        assert!(img.value().attr("onerror").is_none());
    }
    assert!(
        all(&dom, "figcaption .caption")
            .iter()
            .any(|c| text(c).contains("<img src=x onerror=alert(1)>"))
    );
    no_server_asked(&urls);
}

#[test]
fn a_batch_page_links_every_matrix_cell_to_its_submission() {
    let d = Dir::new();
    let page = d.join("inbox.html");
    let inbox = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    report(&inbox, &page, &["--batch"]);
    let (dom, urls) = load(&page);
    let links = all(&dom, "table.matrix td a");
    assert!(links.len() >= 12, "{}", links.len());
    links_lead_to_sections(&dom, &links);
    // The headline counts cities, as provincial staff do.
    let verdict = text(&all(&dom, "#verdict")[0]);
    assert!(
        verdict.contains("14 个市：1 通过，1 不通过，12 未提交"),
        "{verdict}"
    );
    // 14 cities: 2 sent, 12 are listed as missing.
    assert_eq!(all(&dom, "table.matrix tbody tr").len(), 14);
    assert_eq!(all(&dom, "section.city").len(), 2);
    no_server_asked(&urls);
    // The page follows --lang.
    let english = d.join("inbox-en.html");
    report(&inbox, &english, &["--batch", "--lang", "en"]);
    let (dom, _) = load(&english);
    assert!(
        text(&all(&dom, "#verdict")[0]).contains("1 fail"),
        "{}",
        text(&all(&dom, "#verdict")[0])
    );
    assert_eq!(all(&dom, "html[lang=en]").len(), 1);
}

#[test]
fn a_dropped_folder_is_checked_into_the_temp_folder_without_a_browser_in_tests() {
    let city = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/鞍山市");
    let out = Command::new(env!("CARGO_BIN_EXE_baosong"))
        .arg(&city)
        .env("BAOSONG_NO_BROWSER", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find(|l| l.starts_with("已写入 "))
        .expect(&stderr);
    let path = PathBuf::from(line.trim_start_matches("已写入 "));
    assert!(path.starts_with(std::env::temp_dir()), "{path:?}");
    let page = std::fs::read_to_string(&path).unwrap();
    assert!(page.contains("id=\"verdict\""));
    std::fs::remove_file(path).unwrap();
}

#[test]
fn reports_of_dropped_folders_are_kept_in_one_folder_and_the_oldest_pruned() {
    let temp = tempfile::tempdir().unwrap();
    let folder = temp.path().join("baosong");
    std::fs::create_dir_all(&folder).unwrap();
    for i in 0..25 {
        let old = folder.join(format!("baosong-2020010{}-0000{i:02}-1.html", i % 9));
        std::fs::write(&old, "old").unwrap();
        set_mtime(&old, 1_600_000_000 + i * 60);
    }
    std::fs::write(folder.join("notes.txt"), "the user's").unwrap();
    let city = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/鞍山市");
    let out = Command::new(env!("CARGO_BIN_EXE_baosong"))
        .arg(&city)
        .env("BAOSONG_NO_BROWSER", "1")
        .env("TMPDIR", temp.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(folder.to_str().unwrap()), "{stderr}");
    let reports: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    assert_eq!(reports.len(), 20, "{reports:?}");
    // The newest old ones stay, the oldest went, and nothing else was touched.
    assert!(
        reports.iter().any(|n| n.ends_with("-000024-1.html")),
        "{reports:?}"
    );
    assert!(
        !reports.iter().any(|n| n.ends_with("-000000-1.html")),
        "{reports:?}"
    );
    assert!(folder.join("notes.txt").exists());
}

#[test]
fn a_batch_page_lists_resends_and_submissions_matching_no_city() {
    let d = Dir::new();
    d.write("收件箱/沈阳市.zip", zipped("沈阳市", Names::Gbk, |_| {}));
    let second = zipped("沈阳市", Names::Gbk, |s| {
        s.write("沈阳市/说明.txt", "第二次报送，补充了说明。");
    });
    d.write("收件箱/沈阳市（第二次）.zip", second);
    d.write("收件箱/材料/说明.txt", "这是一份说明。".repeat(20));
    set_mtime(&d.join("收件箱/沈阳市.zip"), 1_602_000_000);
    set_mtime(&d.join("收件箱/沈阳市（第二次）.zip"), 1_602_100_000);
    let page = d.join("inbox.html");
    report(&d.join("收件箱"), &page, &["--batch"]);
    let (dom, _) = load(&page);
    // The city that sent twice is one section listing both, the newer deciding.
    let cities = all(&dom, "section.city");
    let shenyang: Vec<_> = cities
        .iter()
        .filter(|c| text(&all_in(c, "h2")[0]).starts_with("沈阳市"))
        .collect();
    assert_eq!(shenyang.len(), 1);
    let received = all_in(shenyang[0], "ul.received li");
    assert_eq!(received.len(), 2);
    assert!(
        text(&received[0]).contains(&tr("html-decides-nothing")),
        "{}",
        text(&received[0])
    );
    assert!(text(&received[1]).starts_with("沈阳市（第二次）"));
    // The submission matching no city has a section of its own, linked from the matrix.
    let unmatched: Vec<_> = cities
        .iter()
        .filter(|c| text(&all_in(c, "h2")[0]).starts_with("材料"))
        .collect();
    assert_eq!(unmatched.len(), 1);
    let links = all(&dom, "table.matrix a");
    links_lead_to_sections(&dom, &links);
}
