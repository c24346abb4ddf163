//! What `cargo xtask schema` generates, as a library so a test can check that
//! the committed files are current.

use std::path::{Path, PathBuf};

use access_key_schema::{AccessKey, MODEL_TYPES};
use serde_json::{json, Value};

pub mod corpus;

pub use access_key_schema::schema::GENERATED_NOTE;

/// The workspace root (the parent of this crate's folder).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace root")
        .to_path_buf()
}

/// A file the xtask writes: its path relative to the workspace root and its
/// full contents.
pub struct Generated {
    pub path: String,
    pub contents: String,
}

fn to_pretty(value: &Value) -> String {
    let mut out = serde_json::to_string_pretty(value).expect("a Value always serializes");
    out.push('\n');
    out
}

/// The Rust verdict on a JSON payload: `from_value` (strict deserialization,
/// every rule) accepts it.
pub fn rust_accepts_access_key(payload: &Value) -> bool {
    access_key_schema::from_value::<AccessKey>(payload.clone()).is_ok()
}

/// The conformance vectors: every corpus payload with the Rust verdict.
pub fn vectors_file() -> String {
    let cases: Vec<Value> = corpus::access_key_corpus()
        .into_iter()
        .map(|case| {
            let valid = rust_accepts_access_key(&case.payload);
            json!({"description": case.description, "payload": case.payload, "valid": valid})
        })
        .collect();
    to_pretty(&json!({
        "$comment": format!(
            "{GENERATED_NOTE}. Each payload with the verdict of the Rust validator \
             (deserialize + validate); run it through your own validator to check it agrees."
        ),
        "schema": "AccessKey.schema.json",
        "cases": cases,
    }))
}

/// Every generated file: one schema per public model type, and the vectors.
pub fn generated_files() -> Vec<Generated> {
    let mut files: Vec<Generated> = MODEL_TYPES
        .iter()
        .map(|m| Generated {
            path: format!("schema/{}.schema.json", m.name),
            contents: (m.schema)(),
        })
        .collect();
    files.push(Generated {
        path: "schema/AccessKey.vectors.json".into(),
        contents: vectors_file(),
    });
    files
}

/// The generated files whose committed copy differs (or is missing).
pub fn stale_files(root: &Path) -> Vec<String> {
    generated_files()
        .into_iter()
        .filter(|g| {
            std::fs::read_to_string(root.join(&g.path)).ok().as_deref() != Some(&g.contents)
        })
        .map(|g| g.path)
        .collect()
}
