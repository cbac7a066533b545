//! The baosong binary: parse arguments, run, print once, exit with the outcome.

use std::io::Write;
use std::process::ExitCode;

mod cli;

use clap::Parser;
use cli::{Args, Exit};

fn main() -> ExitCode {
    // A parser that panics on a hostile file is caught and reported as a finding; the
    // user sees one line instead of a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {l}"))
            .unwrap_or_default();
        eprintln!("baosong: internal error{place}; the file concerned is reported as a finding");
    }));
    let args = Args::parse();
    match cli::run(args) {
        Ok(output) => {
            eprint!("{}", output.stderr);
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`baosong check . | head`) is not an error worth reporting.
            let _ = stdout.write_all(output.stdout.as_bytes());
            let _ = stdout.flush();
            ExitCode::from(output.exit as u8)
        }
        Err(err) => {
            eprintln!("baosong: {err:#}");
            ExitCode::from(Exit::Usage as u8)
        }
    }
}
