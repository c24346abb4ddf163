//! What `cargo xtask schema` generates, as a library so a test can check that
//! the committed files are current.

use std::path::{Path, PathBuf};

use access_key_schema::{
    AccessKey, ListAccessKeysRequest, ListAccessKeysResponse, UpdateAccessKeyRequest, MODEL_TYPES,
};
use serde_json::{json, Value};

pub mod corpus;

/// The example service's routes and handlers, for its OpenAPI document.
#[path = "../../access-key-schema/examples/iam_service/service.rs"]
#[allow(dead_code)]
mod iam_service;

/// Where `cargo xtask schema` writes the example service's OpenAPI document.
pub const OPENAPI_FILE: &str = "schema/openapi.json";

/// The OpenAPI 3.1 document the example service serves at `GET /openapi.json`.
pub fn openapi_file() -> String {
    iam_service::openapi().to_pretty_json()
}

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

/// The Rust verdict on a JSON payload as a `T`: `from_value` (strict
/// deserialization, every rule) accepts it.
macro_rules! rust_accepts {
    ($t:ty) => {
        |payload: &Value| access_key_schema::from_value::<$t>(payload.clone()).is_ok()
    };
}

/// The Rust verdict on a JSON payload as an [`AccessKey`].
pub fn rust_accepts_access_key(payload: &Value) -> bool {
    rust_accepts!(AccessKey)(payload)
}

/// One conformance vectors file: a model type, its corpus, and the Rust
/// verdict on a payload as that type.
pub struct Vectors {
    /// The model type's name: the vectors go to `schema/<name>.vectors.json`
    /// and point at `<name>.schema.json`.
    pub name: &'static str,
    /// The payloads.
    pub corpus: fn() -> Vec<corpus::Case>,
    /// Whether `from_value::<that type>` accepts a payload.
    pub accepts: fn(&Value) -> bool,
}

/// Every vectors file, in a stable order.
pub const VECTORS: &[Vectors] = &[
    Vectors {
        name: "AccessKey",
        corpus: corpus::access_key_corpus,
        accepts: rust_accepts_access_key,
    },
    Vectors {
        name: "ListAccessKeysRequest",
        corpus: corpus::list_access_keys_request_corpus,
        accepts: rust_accepts!(ListAccessKeysRequest),
    },
    Vectors {
        name: "ListAccessKeysResponse",
        corpus: corpus::list_access_keys_response_corpus,
        accepts: rust_accepts!(ListAccessKeysResponse),
    },
    Vectors {
        name: "UpdateAccessKeyRequest",
        corpus: corpus::update_access_key_request_corpus,
        accepts: rust_accepts!(UpdateAccessKeyRequest),
    },
];

/// The conformance vectors of one model type: every corpus payload with the
/// Rust verdict, pointing at the type's own schema file.
pub fn vectors_file(vectors: &Vectors) -> String {
    let cases: Vec<Value> = (vectors.corpus)()
        .into_iter()
        .map(|case| {
            let valid = (vectors.accepts)(&case.payload);
            json!({"description": case.description, "payload": case.payload, "valid": valid})
        })
        .collect();
    to_pretty(&json!({
        "$comment": format!(
            "{GENERATED_NOTE}. Each payload with the verdict of the Rust validator \
             (deserialize + validate); run it through your own validator to check it agrees."
        ),
        "schema": format!("{}.schema.json", vectors.name),
        "cases": cases,
    }))
}

/// Every generated file: one schema per public model type, the vectors of
/// every [`VECTORS`] entry, and the example service's OpenAPI document.
pub fn generated_files() -> Vec<Generated> {
    let mut files: Vec<Generated> = MODEL_TYPES
        .iter()
        .map(|m| Generated {
            path: format!("schema/{}.schema.json", m.name),
            contents: (m.schema)(),
        })
        .collect();
    files.extend(VECTORS.iter().map(|v| Generated {
        path: format!("schema/{}.vectors.json", v.name),
        contents: vectors_file(v),
    }));
    files.push(Generated {
        path: OPENAPI_FILE.into(),
        contents: openapi_file(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use access_key_schema::Limits;

    /// `(from_json on the payload's bytes, from_value on those bytes parsed)`
    /// for every case whose two verdicts differ from the recorded one.
    fn mismatches(v: &Vectors, reparse: bool) -> Vec<String> {
        let model = access_key_schema::model_type(v.name).expect("a model type");
        let mut out = Vec::new();
        for case in (v.corpus)() {
            let bytes = serde_json::to_vec(&case.payload).unwrap();
            let expected = if reparse {
                (v.accepts)(&serde_json::from_slice(&bytes).unwrap())
            } else {
                (v.accepts)(&case.payload)
            };
            if (model.check)(&bytes, &Limits::DEFAULT).is_ok() != expected {
                out.push(format!("{}: {}", case.description, case.payload));
            }
        }
        out
    }

    /// `from_json` (fast and slow path) and `from_value` agree on the same
    /// parsed document, for every case of every vectors file.
    #[test]
    fn from_json_agrees_with_from_value_on_every_case() {
        for v in VECTORS {
            let bad = mismatches(v, true);
            assert!(bad.is_empty(), "{}: {bad:#?}", v.name);
        }
    }

    /// The recorded verdict (`from_value` of the exact payload) is also
    /// `from_json`'s on the payload's JSON text. This needs serde_json's
    /// `float_roundtrip` feature, which access-key-schema enables: without it
    /// serde_json reads
    /// `0.9999999999999999`, `999.9999999999999` and `1000.0000000000001` as
    /// 1.0 / 1000.0, so `from_json` accepts them as `MaxItems` while every
    /// JSON Schema validator rejects them.
    #[test]
    fn from_json_on_the_text_agrees_with_the_recorded_verdict() {
        for v in VECTORS {
            let bad = mismatches(v, false);
            assert!(bad.is_empty(), "{}: {bad:#?}", v.name);
        }
    }

    #[test]
    fn every_vectors_file_points_at_its_schema_file() {
        for v in VECTORS {
            assert!(
                access_key_schema::model_type(v.name).is_some(),
                "{}",
                v.name
            );
            assert!(vectors_file(v).contains(&format!("\"schema\": \"{}.schema.json\"", v.name)));
        }
    }
}
