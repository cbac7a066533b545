//! The report of a dropped folder: written into baosong's own folder of the temp
//! directory, never into a submission, the newest kept, and opened in the browser.

use std::path::{Path, PathBuf};

use anyhow::Result;

use baosong::findings::Lang;
use baosong::output::{self, Failure, Roots, write_atomic};
use baosong::report::{self, Report};

/// Where the report of a dropped folder goes: baosong's own folder of the temp
/// directory, one file per run.
pub(crate) fn report_path() -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let name = format!("baosong-{stamp}-{}.html", std::process::id());
    std::env::temp_dir().join("baosong").join(name)
}

/// Writes the page of a dropped folder to a new [`report_path`] unless that lands in a
/// submission, and opens it; where it went, or the line saying why it was not written.
pub(crate) fn write(report: &Report, lang: Lang, roots: &Roots) -> Result<PathBuf, Failure> {
    let path = report_path();
    output::attempt(roots, &path, || write_and_open(report, lang, &path))?;
    Ok(path)
}

/// Writes the HTML report to `path` (from [`report_path`], checked by [`write`] to lie
/// outside every submission, links resolved) and opens it in the default browser,
/// unless BAOSONG_NO_BROWSER is set. Older reports beyond the newest are removed first.
/// The page is written by [`write_atomic`]: a link already under its name is replaced,
/// never written through.
fn write_and_open(report: &Report, lang: Lang, path: &Path) -> Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
        prune_reports(folder);
    }
    write_atomic(path, &report::Format::Html.render(report, lang)?)?;
    if std::env::var_os("BAOSONG_NO_BROWSER").is_none() {
        // A report that cannot be shown is still written; the path is printed.
        let _ = opener::open(path);
    }
    Ok(())
}

/// Reports a dropped folder leaves in the temp folder: the newest are kept.
const KEPT_REPORTS: usize = 20;

/// Removes all but the newest reports baosong wrote into its own temp folder, so that
/// dropping folders day after day does not fill it. Only its own `baosong-*.html`.
fn prune_reports(folder: &Path) {
    let Ok(listing) = std::fs::read_dir(folder) else {
        return;
    };
    let mut reports: Vec<(std::time::SystemTime, PathBuf)> = listing
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("baosong-") && name.ends_with(".html")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    reports.sort();
    let keep = KEPT_REPORTS.saturating_sub(1);
    let excess = reports.len().saturating_sub(keep);
    for (_, path) in reports.into_iter().take(excess) {
        let _ = std::fs::remove_file(path);
    }
}
