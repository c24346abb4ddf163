//! `access-key`: validate AWS IAM access-key JSON records (one document or
//! NDJSON per file) and print the JSON Schema of each model type.
//!
//! Arguments, help and completions by clap, the progress bar by indicatif,
//! the input reader from this package's library (`access_key_cli::input`).
//! See `access-key --help`.

#![forbid(unsafe_code)]

mod args;
mod run;

use std::io::Write;
use std::process::ExitCode;

use args::Command;
use clap::error::ErrorKind;

fn main() -> ExitCode {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let status = match args::parse(std::env::args_os(), cores) {
        Ok(Command::Schema(model)) => print(&(model.schema)()),
        Ok(Command::Validate(opts)) => run::run(opts),
        Ok(Command::Completions(shell)) => {
            let mut text = Vec::new();
            clap_complete::generate(shell, &mut args::command(), "access-key", &mut text);
            print(&String::from_utf8_lossy(&text))
        }
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            print(&e.render().to_string())
        }
        Err(e) => {
            // `access-key: <message>`, the usage and a hint; status 2.
            eprint!("{}", args::usage_error(&e));
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
