//! Rust part of the conformance suite's table: the `jsonschema` crate and
//! boon, each with `format` asserted and not, on every vectors file.
//!
//! Usage: `cargo run -p access-key-tests --example conformance_rust -- SCHEMA_DIR OUT.json`
//!
//! Writes one record per (vectors file, configuration) to OUT.json in the
//! shape `report.py` merges. `tests/schema.rs` runs the same validators as
//! `cargo test` assertions; this runner only reports, so that the table run
//! by `run.sh` lists every implementation.

use std::path::Path;

use serde_json::{json, Value};

const MAX_KEPT: usize = 20;

type IsValid = Box<dyn Fn(&Value) -> bool>;

fn jsonschema_rs(formats: bool) -> impl Fn(&str, &Value) -> Result<IsValid, String> {
    move |_name, schema| {
        let validator = jsonschema::options()
            .should_validate_formats(formats)
            .build(schema)
            .map_err(|e| e.to_string())?;
        Ok(Box::new(move |instance| validator.is_valid(instance)))
    }
}

fn boon(formats: bool) -> impl Fn(&str, &Value) -> Result<IsValid, String> {
    move |name, schema| {
        let mut compiler = boon::Compiler::new();
        if formats {
            compiler.enable_format_assertions();
        }
        let url = format!("https://conformance.invalid/{name}");
        compiler
            .add_resource(&url, schema.clone())
            .map_err(|e| e.to_string())?;
        let mut schemas = boon::Schemas::new();
        let index = compiler
            .compile(&url, &mut schemas)
            .map_err(|e| e.to_string())?;
        Ok(Box::new(move |instance| {
            schemas.validate(instance, index).is_ok()
        }))
    }
}

type Factory = Box<dyn Fn(&str, &Value) -> Result<IsValid, String>>;

/// Each configuration is what its name says: a "+formats" one rejects a
/// string that only `format: date-time` rules out, the other accepts it.
fn check_config(name: &str, factory: &Factory) -> Option<String> {
    let probe = json!({"$schema": "https://json-schema.org/draft/2020-12/schema",
                       "type": "string", "format": "date-time"});
    match factory("probe.json", &probe) {
        Err(e) => Some(format!("configuration check failed: {e}")),
        Ok(is_valid) => {
            let asserts = !is_valid(&json!("not a date-time"));
            (asserts != name.ends_with("+formats")).then(|| {
                format!("configuration check: format asserted={asserts}, against the configuration's name")
            })
        }
    }
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A vectors file's schema and cases, or why they could not be read.
type Loaded = Result<(Value, Vec<Value>), String>;

/// A vectors file's schema and cases.
fn load(dir: &Path, name: &str) -> Loaded {
    let vectors = read_json(&dir.join(name))?;
    let schema_name = vectors["schema"].as_str().ok_or("no `schema` member")?;
    let schema = read_json(&dir.join(schema_name))?;
    let cases = vectors["cases"]
        .as_array()
        .ok_or("no `cases` array")?
        .clone();
    if let Some(bad) = cases
        .iter()
        .find(|c| !c["valid"].is_boolean() || c.get("payload").is_none())
    {
        return Err(format!("malformed case: {:.200}", bad.to_string()));
    }
    Ok((schema, cases))
}

/// The version Cargo.lock pins for a package (what this binary was built with).
fn locked_version(package: &str) -> String {
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    let text = std::fs::read_to_string(lock).unwrap_or_default();
    let entry = format!("name = \"{package}\"\nversion = \"");
    text.find(&entry)
        .and_then(|at| text[at + entry.len()..].split('"').next())
        .unwrap_or("unknown")
        .to_owned()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out] = args.as_slice() else {
        eprintln!("usage: conformance_rust SCHEMA_DIR OUT.json");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("SCHEMA_DIR is readable")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".vectors.json"))
        .collect();
    names.sort();
    let files: Vec<(String, Loaded)> = names
        .into_iter()
        .map(|n| {
            let l = load(dir, &n);
            (n, l)
        })
        .collect();

    let configs: Vec<(&str, Factory)> = vec![
        ("jsonschema-rs", Box::new(jsonschema_rs(false))),
        ("jsonschema-rs+formats", Box::new(jsonschema_rs(true))),
        ("boon", Box::new(boon(false))),
        ("boon+formats", Box::new(boon(true))),
    ];
    let mut results = Vec::new();
    for (implementation, factory) in &configs {
        let config_error = check_config(implementation, factory);
        for (name, loaded) in &files {
            let mut rec = json!({"file": name, "implementation": implementation, "cases": 0,
                                 "accepted": 0, "rejected": 0, "disagreements": 0,
                                 "examples": [], "error": null});
            let (schema, cases) = match (loaded, &config_error) {
                (Err(e), _) => {
                    rec["error"] = json!(format!("cannot load vectors: {e}"));
                    results.push(rec);
                    continue;
                }
                (Ok((schema, cases)), error) => {
                    rec["cases"] = json!(cases.len());
                    if let Some(error) = error {
                        rec["error"] = json!(error);
                        results.push(rec);
                        continue;
                    }
                    (schema, cases)
                }
            };
            let is_valid = match factory(name, schema) {
                Ok(f) => f,
                Err(e) => {
                    rec["error"] = json!(format!("schema did not compile: {e}"));
                    results.push(rec);
                    continue;
                }
            };
            let (mut accepted, mut disagreements, mut examples) = (0, 0, Vec::new());
            for case in cases {
                let got = is_valid(&case["payload"]);
                accepted += usize::from(got);
                if Some(got) != case["valid"].as_bool() {
                    disagreements += 1;
                    if examples.len() < MAX_KEPT {
                        examples.push(json!({"description": case["description"],
                                             "payload": case["payload"],
                                             "expected": case["valid"], "got": got}));
                    }
                }
            }
            rec["accepted"] = json!(accepted);
            rec["rejected"] = json!(cases.len() - accepted);
            rec["disagreements"] = json!(disagreements);
            rec["examples"] = json!(examples);
            results.push(rec);
        }
    }
    let doc = json!({
        "runner": "rust",
        "versions": {"jsonschema (crate)": locked_version("jsonschema"), "boon": locked_version("boon")},
        "notes": [],
        "results": results,
    });
    std::fs::write(out, doc.to_string()).expect("OUT.json is writable");
}
