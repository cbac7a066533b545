//! A real headless browser for the page tests: Debian's chromium, which `.ci/run`
//! installs. It loads a page and gives back the DOM it built and the URLs it asked for.

use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::Command;

use super::Dir;

pub fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Ok(out) = Command::new("which").arg(name).output()
            && out.status.success()
        {
            return PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        }
    }
    panic!("these tests need a headless chromium: `apt-get install chromium` (.ci/run does)");
}

/// The DOM chromium built from the page, and the URLs the page itself asked for: the
/// network log's requests with an initiator (the browser's own background requests
/// have none: "not an origin").
pub fn load(page: &Path) -> (Html, Vec<String>) {
    let scratch = Dir::new();
    let net_log = scratch.join("net.json");
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ])
        .arg(format!(
            "--user-data-dir={}",
            scratch.join("profile").display()
        ))
        .arg(format!("--log-net-log={}", net_log.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        dom.contains("<html"),
        "chromium printed no DOM: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = std::fs::read_to_string(&net_log).expect("chromium wrote a network log");
    // A log cut short by the browser's exit lacks its closing brackets.
    let log: serde_json::Value = serde_json::from_str(&log)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", log.trim_end().trim_end_matches(','))))
        .expect("the network log is JSON");
    let start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].clone();
    let urls = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == start && e["params"]["initiator"] != "not an origin")
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_owned))
        .collect();
    (Html::parse_document(&dom), urls)
}

/// A message of the Chinese catalogue, as the page says it.
pub fn tr(id: &str) -> String {
    baosong::messages::text(baosong::findings::Lang::Zh, id, &[])
}

pub fn all<'a>(dom: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    dom.select(&Selector::parse(css).unwrap()).collect()
}

pub fn text(e: &scraper::ElementRef) -> String {
    e.text().collect()
}

pub fn all_in<'a>(e: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    e.select(&Selector::parse(css).unwrap()).collect()
}

/// What the page looks like in a window `width` CSS pixels wide: a copy of it with a
/// measuring script appended is loaded, and the DOM comes back with, on `<html>`,
/// `data-width` (the document's scroll width) and `data-wider` (each element whose
/// right edge passes the window, as `tag.class`).
pub fn measure_at(page: &Path, width: u32) -> Html {
    let scratch = Dir::new();
    let copy = scratch.join("measured.html");
    let script = r#"<script>
(() => {
  const root = document.documentElement, limit = window.innerWidth;
  const wider = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > limit + 1 && !e.closest('.wide'))
    .map(e => e.tagName.toLowerCase() + '.' + (e.className.baseVal ?? e.className));
  root.dataset.width = root.scrollWidth;
  root.dataset.window = limit;
  root.dataset.wider = wider.slice(0, 20).join(' ');
})();
</script>"#;
    let html = std::fs::read_to_string(page)
        .unwrap()
        .replace("</body>", &format!("{script}</body>"));
    std::fs::write(&copy, html).unwrap();
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
        ])
        .arg(format!(
            "--user-data-dir={}",
            scratch.join("profile").display()
        ))
        .arg(format!("--window-size={width},900"))
        .arg("--dump-dom")
        .arg(format!("file://{}", copy.display()))
        .output()
        .expect("run chromium");
    Html::parse_document(&String::from_utf8_lossy(&out.stdout))
}

/// Prints the page to an A4 PDF as the browser's print dialog would; returns its path
/// in `dir`.
pub fn print_pdf(page: &Path, dir: &Dir) -> PathBuf {
    let pdf = dir.join("printed.pdf");
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        pdf.exists(),
        "chromium printed no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}
