//! `access-key`: validate AWS IAM access-key JSON records (one document or
//! NDJSON per file) and print the JSON Schema of each model type.
//!
//! No dependencies beyond the library's own: hand-written argument parsing,
//! std threads, a hand-written progress line. See `access-key --help`.

#![forbid(unsafe_code)]

mod args;
mod input;
mod run;

use std::io::Write;
use std::process::ExitCode;

use args::{Command, Usage};

fn main() -> ExitCode {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let parsed = args::parse(
        std::env::args_os().skip(1).collect(),
        std::env::var_os("ACCESS_KEY_THREADS"),
        cores,
    );
    let status = match parsed {
        Ok(Command::Help) => print(&args::help()),
        Ok(Command::Version) => print(&format!("access-key {}\n", env!("CARGO_PKG_VERSION"))),
        Ok(Command::Schema(model)) => print(&(model.schema)()),
        Ok(Command::Validate(opts)) => run::run(opts),
        Err(Usage(message)) => {
            eprintln!(
                "access-key: {message}\n\n{}\n\nRun `access-key --help` for more.",
                args::USAGE
            );
            2
        }
    };
    ExitCode::from(status)
}

/// Writes `text` to stdout exactly; status 2 if that fails.
fn print(text: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 2,
        Err(e) => {
            eprintln!("access-key: cannot write output: {e}");
            2
        }
    }
}
