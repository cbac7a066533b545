//! The baosong binary: parse arguments, run, print once, exit with the outcome.

use std::io::Write;
use std::process::ExitCode;

mod cli;
mod temp_report;

use clap::Parser;
use cli::{Args, Exit};

/// Every allocation goes to the system; a reader process caps its own.
#[global_allocator]
static ALLOCATOR: baosong::isolate::alloc::Capped = baosong::isolate::alloc::Capped;

fn main() -> ExitCode {
    // A reader process, started by this binary to read one file at a time.
    let mut args = std::env::args_os();
    if args
        .nth(1)
        .is_some_and(|a| a == baosong::isolate::WORKER_ARG)
    {
        let mb = args.next().and_then(|a| a.to_str()?.parse().ok());
        baosong::isolate::serve(mb.unwrap_or(baosong::limits::READER_MB));
        return ExitCode::SUCCESS;
    }
    // A parser that panics on a hostile file is caught and reported as a finding; the
    // user sees one line instead of a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {l}"))
            .unwrap_or_default();
        eprintln!("baosong: internal error{place}; the file concerned is reported as a finding");
    }));
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if raw.len() == 1 {
        // Double-clicked, with nothing dropped on it: say how it is used.
        let zh = baosong::tr!(baosong::findings::Lang::Zh, "usage-drop");
        let en = baosong::tr!(baosong::findings::Lang::En, "usage-drop");
        eprintln!("{zh}\n{en}");
        keep_window_open();
        return ExitCode::from(Exit::Usage as u8);
    }
    let (args, dropped) = with_default_command(raw);
    let args = Args::parse_from(args);
    let lang = baosong::findings::Lang::from(args.lang);
    let code = match cli::run(args) {
        Ok(output) => {
            // The result first, then the notes and where the reports went, so that the
            // report's path is the last line on the screen. Colour only reaches a
            // terminal that takes it (anstream strips it for pipes and NO_COLOR, and
            // speaks to older Windows consoles in their own way).
            let mut stdout = anstream::stdout().lock();
            // A closed pipe (`baosong check . | head`) is not an error worth reporting.
            let _ = stdout.write_all(output.stdout.as_bytes());
            let _ = stdout.flush();
            let _ = anstream::stderr().write_all(inert_lines(&output.stderr).as_bytes());
            baosong::isolate::shutdown();
            ExitCode::from(output.exit as u8)
        }
        Err(err) => {
            eprintln!("baosong: {}", baosong::inert::text(&error_text(&err, lang)));
            ExitCode::from(Exit::Usage as u8)
        }
    };
    if dropped {
        keep_window_open();
    }
    code
}

/// Notes as text, line by line: a path from the command line or a submission's name
/// holding control characters is shown, never obeyed.
fn inert_lines(text: &str) -> String {
    text.lines()
        .map(|line| format!("{}\n", baosong::inert::text(line)))
        .collect()
}

/// An error as the user reads it: a [`Refusal`] in the chosen language, then its
/// causes (which come from the operating system).
///
/// [`Refusal`]: baosong::findings::Refusal
fn error_text(err: &anyhow::Error, lang: baosong::findings::Lang) -> String {
    match err.downcast_ref::<baosong::findings::Refusal>() {
        Some(refusal) => {
            let mut text = refusal.0.get(lang).to_owned();
            for cause in err.chain().skip(1) {
                text.push_str(&format!(": {cause}"));
            }
            text
        }
        None => format!("{err:#}"),
    }
}

/// A folder or .zip dropped onto baosong.exe arrives as `baosong PATH...`, with no
/// command: that means `check PATH... --open`. Returns the arguments and whether they
/// were completed so.
fn with_default_command(mut args: Vec<std::ffi::OsString>) -> (Vec<std::ffi::OsString>, bool) {
    const COMMANDS: &[&str] = &["check", "rules", "count", "explain", "help"];
    let Some(first) = args.get(1) else {
        return (args, false);
    };
    let text = first.to_string_lossy();
    let is_command = COMMANDS.contains(&text.as_ref()) || text.starts_with('-');
    if !is_command && std::path::Path::new(first).exists() {
        args.insert(1, "check".into());
        args.push("--open".into());
        return (args, true);
    }
    (args, false)
}

/// Windows closes the console of a program started by dropping a folder on it as soon
/// as it ends; wait for Enter so that the result can be read.
fn keep_window_open() {
    use std::io::IsTerminal;
    if cfg!(windows) && std::io::stdin().is_terminal() {
        let zh = baosong::tr!(baosong::findings::Lang::Zh, "press-enter");
        let en = baosong::tr!(baosong::findings::Lang::En, "press-enter");
        eprint!("\n{zh} / {en}");
        let _ = std::io::stdin().read_line(&mut String::new());
    }
}
