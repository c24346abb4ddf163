//! `cargo xtask <task>`: the project's own tooling.
//!
//! - `schema`          write `schema/*.json` (only files whose content changed)
//! - `schema --check`  fail if a committed file differs from what the code generates
//! - `bench`           run the criterion benchmarks and print the ratio table, then
//!   the mixed batch measured in interleaved rounds (`ndjson-rounds`)
//! - `test`            every test: cargo test (all features), the schema check, the
//!   cross-language conformance suite (installs its pinned pip/npm packages), and
//!   schemathesis against the example service (`tests/openapi/run.sh`, pinned pip packages)

use std::process::{Command, ExitCode};

use access_key_schema::files::Outcome;
use xtask::{stale_files, workspace_root, write_files, COMMAND};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["schema"] => write_schema(),
        ["schema", "--check"] => check_schema(),
        ["test"] => test(),
        ["bench", rest @ ..] => bench(rest),
        _ => {
            eprintln!("usage: cargo xtask schema [--check] | cargo xtask test | cargo xtask bench [--table]");
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
    let written = write_files(&workspace_root()).map_err(|e| e.to_string())?;
    for (path, outcome) in written {
        match outcome {
            Outcome::Unchanged => println!("unchanged {path}"),
            Outcome::Written => println!("wrote {path}"),
        }
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
        "{} stale: the code generates different content; run `{COMMAND}` and commit the result",
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
        "cargo test --workspace --all-features",
        Command::new(&cargo).args(["test", "--workspace", "--all-features"]),
    )?;
    check_schema()?;
    run(
        "cross-language conformance (tests/conformance/run.sh schema)",
        Command::new("bash").args(["tests/conformance/run.sh", "schema"]),
    )?;
    run(
        "the example service's OpenAPI document, validated and fuzzed (tests/openapi/run.sh)",
        Command::new("bash").arg("tests/openapi/run.sh"),
    )
}

/// The approaches `benches/benches/validation.rs` measures, as (criterion
/// function id, table label); the first is the floor of every ratio.
const BENCH_APPROACHES: [(&str, &str); 7] = [
    ("parse_only", "serde_json parse only (the floor)"),
    (
        "access_key_schema",
        "**access-key-schema** (`from_json` / `validate()`)",
    ),
    (
        "hand_written",
        "hand-written, 256-entry byte table per pattern",
    ),
    ("regex", "`regex`, compiled once, anchored"),
    ("validator", "`validator` 0.21"),
    ("garde", "`garde` 0.23"),
    ("jsonschema", "`jsonschema` 0.61 on `Value`, all errors"),
];

/// `cargo xtask bench [--table] [CRITERION ARGS]`: runs the benchmarks
/// (`cargo bench -p access-key-bench`) unless `--table`, then prints the
/// ratios from criterion's `target/criterion/**/new/estimates.json`
/// (medians), the targets and the machine; after a run, also the mixed
/// batch measured in interleaved rounds (`benches/src/bin/ndjson-rounds.rs`),
/// which a slow spell of the machine cannot pin on one approach.
fn bench(args: &[&str]) -> Result<(), String> {
    let (run_it, extra) = match args {
        ["--table", rest @ ..] => (false, rest),
        rest => (true, rest),
    };
    if run_it {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut cmd = Command::new(&cargo);
        cmd.args(["bench", "-p", "access-key-bench", "--bench", "validation"]);
        if !extra.is_empty() {
            cmd.arg("--").args(extra);
        }
        run("cargo bench -p access-key-bench", &mut cmd)?;
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    let criterion = target.join("criterion");
    let read = |group: &str, id: &str, file: &str| -> Option<serde_json::Value> {
        let path = criterion.join(group).join(id).join("new").join(file);
        let text = std::fs::read_to_string(path).ok()?;
        serde_json::from_str(&text).ok()
    };
    // Median time in nanoseconds of `group/id`.
    let ns = |group: &str, id: &str| -> Option<f64> {
        read(group, id, "estimates.json")?["median"]["point_estimate"].as_f64()
    };
    let floor = |group: &str| ns(group, "parse_only");
    let ratio = |group: &str, id: &str, base: &str| -> Option<f64> {
        Some(ns(group, id)? / ns(group, base)?)
    };
    let fmt_ratio = |r: Option<f64>| r.map_or("-".to_string(), |r| format!("{r:.2}x"));
    let fmt_ns = |t: Option<f64>| t.map_or("-".to_string(), |t| format!("{t:.0} ns"));
    if floor("one_valid").is_none() {
        return Err(format!(
            "no results under {}: run `cargo xtask bench` first",
            criterion.display()
        ));
    }

    let batch_bytes = read("ndjson_100k", "parse_only", "benchmark.json")
        .and_then(|b| b["throughput"]["Bytes"].as_f64());
    println!(
        "| approach | one payload, valid | one payload, 3 violations | validate only, valid / 3 violations | 100k mixed NDJSON records (x parse time) |"
    );
    println!("|---|---|---|---|---|");
    for (i, (id, label)) in BENCH_APPROACHES.iter().enumerate() {
        let one = |group: &str| {
            let r = fmt_ratio(ratio(group, id, "parse_only"));
            if i == 0 {
                format!("{r} ({})", fmt_ns(ns(group, id)))
            } else {
                r
            }
        };
        let validate = if i == 0 {
            "-".to_string()
        } else {
            format!(
                "{} / {}",
                fmt_ns(ns("validate_valid", id)),
                fmt_ns(ns("validate_invalid3", id))
            )
        };
        let batch = if i == 0 {
            let mbs = match (batch_bytes, ns("ndjson_100k", id)) {
                (Some(b), Some(t)) => format!(" (~{:.0} MB/s)", b / t * 1e3),
                _ => String::new(),
            };
            format!("1.00x{mbs}")
        } else {
            fmt_ratio(ratio("ndjson_100k", id, "parse_only"))
        };
        println!(
            "| {label} | {} | {} | {validate} | {batch} |",
            one("one_valid"),
            one("one_invalid3")
        );
    }

    println!();
    println!("| target | measured | |");
    println!("|---|---|---|");
    let targets: [(&str, &str, &str, f64); 5] = [
        (
            "ndjson_100k",
            "parse_only",
            "100k mixed NDJSON, parse + validate, all violations: <= 1.2x parse-only",
            1.2,
        ),
        (
            "one_valid",
            "parse_only",
            "`from_json` one valid payload: <= 1.10x parse-only",
            1.10,
        ),
        (
            "validate_valid",
            "hand_written",
            "`validate()` valid: <= 1.3x the byte-table check",
            1.3,
        ),
        (
            "validate_invalid3",
            "hand_written",
            "`validate()` 3 violations: <= 2x the byte-table check",
            2.0,
        ),
        (
            "one_invalid3",
            "parse_only",
            "`from_json` 3 violations, full report: <= 1.5x parse-only",
            1.5,
        ),
    ];
    for (group, base, what, limit) in targets {
        let r = ratio(group, "access_key_schema", base);
        let verdict = match r {
            Some(r) if r <= limit => "met",
            Some(_) => "**missed**",
            None => "not measured",
        };
        println!("| {what} | {} | {verdict} |", fmt_ratio(r));
    }

    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    println!();
    println!("Machine: {cpus} CPUs (nproc), {model}. Medians of criterion samples; ratios within one run.");
    if run_it {
        println!();
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        run(
            "ndjson-rounds",
            Command::new(&cargo).args([
                "run",
                "--release",
                "-q",
                "-p",
                "access-key-bench",
                "--bin",
                "ndjson-rounds",
            ]),
        )?;
    }
    Ok(())
}
