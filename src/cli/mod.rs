//! The command line: arguments (clap derive; doc comments are the help text) and
//! `run`, which returns what to print and the exit status instead of printing.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use baosong::batch::Mode;
use baosong::check::RunOptions;
use baosong::codes::Code;
use baosong::findings::Lang;
use baosong::inspect::count::{Counted, count_file_with};
use baosong::output::{self, Failure, Roots};
use baosong::report::{self, Report};
use baosong::rules::{DEFAULT_RULES, Rules};

mod inputs;
mod mailbox;

pub use inputs::{Inputs, check_paths};

/// The output language, as the command line names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 简体中文
    #[default]
    Zh,
    /// English
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// baosong 报送材料检查：按规则检查各市全民终身学习活动周报送材料。
/// Checks Lifelong Learning Week submissions against rules.
#[derive(Debug, Parser)]
#[command(name = "baosong", version)]
pub struct Args {
    /// Output language: zh (简体中文, default) or en.
    #[arg(long, global = true, value_enum, default_value = "zh")]
    pub lang: LangArg,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查报送材料（文件夹或 .zip）/ Check submissions (folders or .zip archives).
    Check(CheckArgs),
    /// 列出当前规则 / Print the active rules as a checklist.
    Rules {
        /// Rules file to use instead of the built-in rules.toml.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        /// Print the built-in rules.toml, to start a custom one.
        #[arg(long, conflicts_with = "rules")]
        dump: bool,
    },
    /// 统计文档字数 / Count the words of documents as Word's 字数统计 does.
    Count {
        /// Documents: .docx, .doc, .wps, .pdf, .odt, .txt.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Rules file whose [counting] options to use.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// 解释问题代码 / Explain what a finding code means and how to fix it.
    Explain {
        /// A finding code such as photo-caption-too-long.
        code: String,
        /// Rules file whose values (caption length, read limit) the explanation uses.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
    },
}

/// The options of `baosong check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Submission folders, .zip or .eml files, an inbox folder holding many of them, or
    /// the mailbox itself, read-only: imaps://ACCOUNT@SERVER[:PORT][/FOLDER] (the @ of
    /// the account as %40; password from BAOSONG_IMAP_PASSWORD, or asked for).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Rules file to use instead of the built-in rules.toml.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Date to judge deadlines against (YYYY-MM-DD); defaults to today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Treat each folder given as an inbox: every child folder or archive is one submission.
    #[arg(long, conflicts_with = "single")]
    pub batch: bool,
    /// Treat each folder given as one submission, even if it looks like an inbox.
    #[arg(long)]
    pub single: bool,
    /// Also write the result to FILE: .html (the page with board previews), .xlsx
    /// (tracking workbook), .csv (findings) or .json.
    /// May be given several times.
    #[arg(long, value_name = "FILE")]
    pub report: Vec<PathBuf>,
    /// In an inbox, leave out names matching GLOB (`*`, `?`), such as the office's
    /// own files; adds to `ignore` in the rules. May be given several times.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Write one reply letter per city into DIR (created if needed).
    #[arg(long, value_name = "DIR")]
    pub replies: Option<PathBuf>,
    /// Also decode every photo fully (slower): damaged image data, and the same
    /// picture at two sizes or qualities.
    #[arg(long)]
    pub deep: bool,
    /// Trust this CA (a PEM file) for the mailbox server's certificate, instead of the
    /// system's roots.
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
    /// Read only mails the mailbox received on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Files inspected in parallel; defaults to the number of cores.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Write the HTML report into the system's temp folder and open it in the browser
    /// (what dropping a folder onto baosong.exe does). BAOSONG_NO_BROWSER=1 only writes.
    #[arg(long)]
    pub open: bool,
}

/// The console output's format, as the command line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

impl Format {
    fn output(self) -> report::Format {
        match self {
            Format::Table => report::Format::Table,
            Format::Json => report::Format::Json,
        }
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date like 2020-10-21"))
}

/// How the process should end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Every submission passes.
    Pass = 0,
    /// Some submission fails.
    Fail = 1,
    /// Usage error, invalid rules, an unreadable path, or an output that was not
    /// written (the others were).
    Usage = 2,
}

/// What the binary prints, and how it exits.
pub struct Output {
    pub stdout: String,
    /// Notes for the person at the terminal (how the input was taken, files written).
    pub stderr: String,
    pub exit: Exit,
}

/// The rules, and with them the reader processes that will read the files (capped at
/// the rules' `reader-mb`).
fn load_rules(path: Option<&PathBuf>) -> Result<Rules> {
    let rules = match path {
        None => Rules::parse(DEFAULT_RULES, "rules.toml")?,
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read rules file {}", path.display()))?;
            Rules::parse(&text, &path.display().to_string())?
        }
    };
    baosong::isolate::enable_here(rules.reading.reader_mb);
    Ok(rules)
}

/// Runs a command. `Err` means exit status 2: nothing about the submissions is known.
pub fn run(args: Args) -> Result<Output> {
    let lang = Lang::from(args.lang);
    match args.command {
        Command::Check(check) => run_check(check, lang),
        Command::Rules { rules, dump } => {
            let stdout = if dump {
                DEFAULT_RULES.to_owned()
            } else {
                report::Format::Table.render_rules(&load_rules(rules.as_ref())?, lang)?
            };
            Ok(Output {
                stdout,
                stderr: String::new(),
                exit: Exit::Pass,
            })
        }
        Command::Count {
            files,
            rules,
            format,
        } => run_count(&files, rules.as_ref(), format, lang),
        Command::Explain { code, rules } => explain(&code, rules.as_ref(), lang),
    }
}

fn run_check(args: CheckArgs, lang: Lang) -> Result<Output> {
    let mut rules = load_rules(args.rules.as_ref())?;
    rules.ignore.extend(args.exclude.iter().cloned());
    let report_kinds = args
        .report
        .iter()
        .map(|p| {
            report::Format::of_file(p).with_context(|| {
                format!(
                    "--report {}: the file name must end in .html, .xlsx, .csv, .json or .txt",
                    p.display()
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let roots = Roots::of(&args.paths);
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mode = match (args.batch, args.single) {
        (true, _) => Mode::Batch,
        (_, true) => Mode::Single,
        _ => Mode::Auto,
    };
    let html = report_kinds.contains(&report::Format::Html) || args.open;
    let run = RunOptions {
        as_of,
        deep: args.deep,
        thumbnails: html,
    };
    let mailbox = mailbox::Options {
        ca: args.ca.as_deref(),
        since: args.since,
    };
    let inputs = Inputs {
        paths: &args.paths,
        mode,
        mailbox,
    };
    let (mut report, mut stderr) = check_paths(&rules, &inputs, &run, args.jobs, lang)?;
    report::links::judge(&mut report, &rules, report::links::moment(args.as_of));
    let (stdout, failed) = write_outputs(&report, &args, &report_kinds, &roots, lang, &mut stderr);
    let exit = if failed {
        Exit::Usage
    } else if report.passed() {
        Exit::Pass
    } else {
        Exit::Fail
    };
    Ok(Output {
        stdout,
        stderr,
        exit,
    })
}

/// Writes every output of a check: the `--report` files (of `kinds`), the page of
/// `--open`, the letters of `--replies` and the console output, each whatever became of
/// the others, none inside a submission (`roots`). Tells on `stderr` what was written
/// where, then what was not and what to do. Returns the console output and whether any
/// output failed (exit status 2).
fn write_outputs(
    report: &Report,
    args: &CheckArgs,
    kinds: &[report::Format],
    roots: &Roots,
    lang: Lang,
    stderr: &mut String,
) -> (String, bool) {
    let mut done = Vec::new();
    for (path, &format) in args.report.iter().zip(kinds) {
        let placed = output::attempt(roots, path, || {
            report::tracker::write_report(report, format, lang, path)
        });
        done.push(placed.map(|p| p.note.unwrap_or_else(|| written(lang, path))));
    }
    if args.open {
        let shown = crate::temp_report::write(report, lang, roots);
        done.push(shown.map(|path| written(lang, &path)));
    }
    if let Some(dir) = &args.replies {
        let letters = report::replies::write_all(report, lang, dir, roots);
        done.extend(letters.into_iter().map(|l| l.map(|p| written(lang, &p))));
    }
    let stdout = console(report, args.format.output(), lang).unwrap_or_else(|e| {
        done.push(Err(Failure::console(format!("{e:#}"))));
        String::new()
    });
    (stdout, output::tell(&done, lang, stderr))
}

/// The report as the console shows it: the table in colour on a terminal that takes
/// colour (not for a pipe, a file or `NO_COLOR`), any other format as it renders.
fn console(report: &Report, format: report::Format, lang: Lang) -> Result<String> {
    if format == report::Format::Table {
        let choice = anstream::AutoStream::choice(&std::io::stdout());
        let colour = choice != anstream::ColorChoice::Never;
        let style = report::table::Style { colour };
        return Ok(report::table::render_styled(report, lang, style));
    }
    String::from_utf8(format.render(report, lang)?).context("the console output is text")
}

fn run_count(
    files: &[PathBuf],
    rules: Option<&PathBuf>,
    format: Format,
    lang: Lang,
) -> Result<Output> {
    let rules = load_rules(rules)?;
    let counted: Vec<Counted> = files
        .iter()
        .map(|path| count_file_with(path, &rules.reading, baosong::isolate::inspect_source))
        .collect();
    let exit = if counted.iter().all(|c| c.result.is_ok()) {
        Exit::Pass
    } else {
        Exit::Fail
    };
    let stdout = format.output().render_count(&counted, lang)?;
    Ok(Output {
        stdout,
        stderr: String::new(),
        exit,
    })
}

fn explain(code: &str, rules: Option<&PathBuf>, lang: Lang) -> Result<Output> {
    let rules = load_rules(rules)?;
    let read_mb = rules.reading.read_limit / 1024 / 1024;
    let Ok(parsed) = code.parse::<Code>() else {
        // A Chinese label, a word or a misspelt code: the closest codes, explained.
        let closest = Code::closest(code);
        if closest.is_empty() {
            let query = code;
            return Err(
                baosong::findings::Refusal(baosong::msg!("explain-no-match", query)).into(),
            );
        }
        let query = code;
        let mut stdout = baosong::tr!(lang, "explain-closest", query);
        for c in closest {
            let text = c.explain_with(lang, rules.max_caption(), read_mb);
            let (label, severity) = (c.label(lang), c.severity().label(lang));
            let _ = write!(stdout, "\n\n{label} ({severity}, {c})\n{text}");
        }
        stdout.push('\n');
        return Ok(Output {
            stderr: String::new(),
            stdout,
            exit: Exit::Pass,
        });
    };
    let text = parsed.explain_with(lang, rules.max_caption(), read_mb);
    Ok(Output {
        stderr: String::new(),
        stdout: format!(
            "{} ({}, {parsed})\n{text}\n",
            parsed.label(lang),
            parsed.severity().label(lang)
        ),
        exit: Exit::Pass,
    })
}

fn written(lang: Lang, path: &Path) -> String {
    let path = baosong::inert::path(path);
    baosong::tr!(lang, "written", path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Args::command().debug_assert();
    }
}
