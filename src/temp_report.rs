//! The report of a dropped folder: written into baosong's own folder of the temp
//! directory, never into a submission, the newest kept, and opened in the browser.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use baosong::findings::Lang;
use baosong::report::{self, Report};

/// Where the report of a dropped folder goes: baosong's own folder of the temp
/// directory, one file per run.
pub(crate) fn report_path() -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let name = format!("baosong-{stamp}-{}.html", std::process::id());
    std::env::temp_dir().join("baosong").join(name)
}

/// Writes the HTML report to `path` (from [`report_path`], checked by the caller to lie
/// outside every submission) and opens it in the default browser, unless
/// BAOSONG_NO_BROWSER is set. Older reports beyond the newest are removed first.
pub(crate) fn write_and_open(report: &Report, lang: Lang, path: &Path) -> Result<()> {
    let cannot_write = |p: &Path| {
        let path = p.display();
        baosong::findings::Refusal(baosong::msg!("refusal-cannot-write", path))
    };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).with_context(|| cannot_write(folder))?;
        prune_reports(folder);
    }
    std::fs::write(path, report::Format::Html.render(report, lang)?)
        .with_context(|| cannot_write(path))?;
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
