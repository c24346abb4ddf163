//! `cargo xtask <task>`: the project's own tooling.
//!
//! - `schema`          write `schema/*.json` (only files whose content changed)
//! - `schema --check`  fail if a committed file differs from what the code generates
//! - `test`            every test: cargo test, the schema check, and the
//!   cross-language conformance suite (installs its pinned pip/npm packages)

use std::process::{Command, ExitCode};

use xtask::{generated_files, stale_files, workspace_root};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["schema"] => write_schema(),
        ["schema", "--check"] => check_schema(),
        ["test"] => test(),
        _ => {
            eprintln!("usage: cargo xtask schema [--check] | cargo xtask test");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn write_schema() -> Result<(), String> {
    let root = workspace_root();
    for file in generated_files() {
        let path = root.join(&file.path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(&file.contents) {
            println!("unchanged {}", file.path);
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, &file.contents).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", file.path);
    }
    Ok(())
}

fn check_schema() -> Result<(), String> {
    let stale = stale_files(&workspace_root());
    if stale.is_empty() {
        println!("schema files are up to date");
        return Ok(());
    }
    Err(format!(
        "{} stale: the code generates different content; run `cargo xtask schema` and commit the result",
        stale.join(", ")
    ))
}

fn run(what: &str, cmd: &mut Command) -> Result<(), String> {
    eprintln!("==> {what}");
    let status = cmd
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("{what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

fn test() -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(
        "cargo test --workspace",
        Command::new(&cargo).args(["test", "--workspace"]),
    )?;
    check_schema()?;
    run(
        "cross-language conformance (tests/conformance/run.sh schema)",
        Command::new("bash").args(["tests/conformance/run.sh", "schema"]),
    )
}
