//! What `cargo xtask schema` generates, as a library so a test can check that
//! the committed files are current.

use std::path::{Path, PathBuf};

use access_key_schema::files::{self, Mode};
use access_key_schema::{
    vectors, AccessKey, AccessKeyLastUsed, AccessKeyMetadata, CreateAccessKeyRequest,
    CreateAccessKeyResponse, DeleteAccessKeyRequest, ListAccessKeysRequest, ListAccessKeysResponse,
    UpdateAccessKeyRequest,
};
use access_key_user_types as user;
use serde_json::Value;

/// The example service's routes and handlers, for its OpenAPI document.
use access_key_iam_service as iam_service;

/// Where `cargo xtask schema` writes the example service's OpenAPI document.
pub const OPENAPI_FILE: &str = "schema/openapi.json";

/// The OpenAPI 3.1 document the example service serves at `GET /openapi.json`.
pub fn openapi_file() -> String {
    iam_service::openapi().to_pretty_json()
}

pub use access_key_schema::schema::GENERATED_NOTE;

/// The command that regenerates every file below; the files' notes name it.
pub const COMMAND: &str = "cargo xtask schema";

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

/// One IAM shape: its schema file and its vectors, both derived from the
/// type (the vectors by [`mod@access_key_schema::vectors`], from its schema).
pub struct Shape {
    /// The type's name: `schema/<name>.schema.json`, `schema/<name>.vectors.json`.
    pub name: &'static str,
    /// The schema file's text.
    pub schema_file: fn(&str) -> String,
    /// The vectors file's text.
    pub vectors_file: fn(&str) -> String,
    /// The cases of the vectors file.
    pub cases: fn() -> Vec<vectors::Case>,
    /// Whether `from_value` (on an already parsed payload) accepts it.
    pub accepts_value: fn(&Value) -> bool,
}

macro_rules! shapes {
    ($(#[$doc:meta])* $list:ident: $($t:path),* $(,)?) => {
        $(#[$doc])*
        pub const $list: &[Shape] = &[$(Shape {
            name: shape_name(stringify!($t)),
            schema_file: files::schema_file::<$t>,
            vectors_file: files::vectors_file::<$t>,
            cases: vectors::vectors::<$t>,
            accepts_value: |v| access_key_schema::from_value::<$t>(v.clone()).is_ok(),
        },)*];
    };
}

/// The last segment of a type path: the file name's stem.
const fn shape_name(path: &'static str) -> &'static str {
    let bytes = path.as_bytes();
    let mut i = bytes.len();
    while i > 0 && bytes[i - 1] != b':' && bytes[i - 1] != b' ' {
        i -= 1;
    }
    let (_, name) = bytes.split_at(i);
    match std::str::from_utf8(name) {
        Ok(name) => name,
        Err(_) => path,
    }
}

access_key_schema::__with_model_types!(shapes {
    /// Every IAM shape, in the order of `MODEL_TYPES` (the same list).
    SHAPES:
});

shapes!(
    /// The user-style types of `tests/user-types` (not IAM): a form, an
    /// order, float ranges, generics, recursion, maps, formats, text rules.
    /// Their files sit beside the IAM shapes' in `schema/`, and the
    /// conformance suite runs them the same way.
    USER_SHAPES:
    user::SignupForm,
    user::Order,
    user::SensorConfig,
    user::Dashboard,
    user::Category,
    user::Inventory,
    user::Survey,
    user::Booking,
    user::RoleRef,
    user::ForeignTypes,
    user::Payment,
    user::Refund,
    user::Transfer,
    user::Checkout,
    user::AuditedDoc,
    user::Endpoint,
    user::Peer,
);

/// The Rust verdict on a JSON payload as an [`AccessKey`].
pub fn rust_accepts_access_key(payload: &Value) -> bool {
    access_key_schema::from_value::<AccessKey>(payload.clone()).is_ok()
}

/// Every generated file: the schema and the vectors of every shape, and the
/// example service's OpenAPI document.
pub fn generated_files() -> Vec<Generated> {
    let mut files: Vec<Generated> = SHAPES
        .iter()
        .chain(USER_SHAPES)
        .map(|s| Generated {
            path: format!("schema/{}.schema.json", s.name),
            contents: (s.schema_file)(COMMAND),
        })
        .collect();
    files.extend(SHAPES.iter().chain(USER_SHAPES).map(|s| Generated {
        path: format!("schema/{}.vectors.json", s.name),
        contents: (s.vectors_file)(COMMAND),
    }));
    files.push(Generated {
        path: OPENAPI_FILE.into(),
        contents: openapi_file(),
    });
    files
}

/// Writes every generated file whose content changed (through
/// [`files::ensure`], the helper users call for their own types); returns
/// each path with whether it was written.
pub fn write_files(root: &Path) -> Result<Vec<(String, files::Outcome)>, files::Error> {
    generated_files()
        .into_iter()
        .map(|g| {
            files::ensure(root.join(&g.path), &g.contents, Mode::Write, COMMAND)
                .map(|o| (g.path, o))
        })
        .collect()
}

/// The generated files whose committed copy differs (or is missing).
pub fn stale_files(root: &Path) -> Vec<String> {
    generated_files()
        .into_iter()
        .filter(|g| files::ensure(root.join(&g.path), &g.contents, Mode::Check, COMMAND).is_err())
        .map(|g| g.path)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use access_key_schema::{Limits, MODEL_TYPES};

    #[test]
    fn every_model_type_is_a_shape() {
        let shapes: Vec<&str> = SHAPES.iter().map(|s| s.name).collect();
        let models: Vec<&str> = MODEL_TYPES.iter().map(|m| m.name).collect();
        assert_eq!(shapes, models);
    }

    /// The recorded verdict is `from_json` on the payload's JSON text; it is
    /// also `from_value`'s on the parsed payload, and `from_json_with`'s
    /// (the model table's entry point). This needs serde_json's
    /// `float_roundtrip` feature, which access-key-schema enables: without it
    /// serde_json reads `0.9999999999999999`, `999.9999999999999` and
    /// `1000.0000000000001` as 1.0 / 1000.0, so `from_json` would accept them
    /// as `MaxItems` while every JSON Schema validator rejects them.
    #[test]
    fn every_entry_point_agrees_with_the_recorded_verdict() {
        for shape in SHAPES {
            let model = access_key_schema::model_type(shape.name).expect("a model type");
            let mut bad = Vec::new();
            for case in (shape.cases)() {
                let bytes = serde_json::to_vec(&case.payload).unwrap();
                let reparsed: Value = serde_json::from_slice(&bytes).unwrap();
                let checked = (model.check)(&bytes, &Limits::DEFAULT).is_ok();
                let from_value = (shape.accepts_value)(&reparsed);
                if checked != case.valid || from_value != case.valid {
                    bad.push(format!("{}: {}", case.description, case.payload));
                }
            }
            assert!(bad.is_empty(), "{}: {bad:#?}", shape.name);
        }
    }

    #[test]
    fn every_vectors_file_points_at_its_schema_file() {
        for shape in SHAPES {
            let text = (shape.vectors_file)(COMMAND);
            assert!(text.contains(&format!("\"schema\": \"{}.schema.json\"", shape.name)));
        }
    }

    #[test]
    fn schema_files_are_the_documents_the_cli_prints() {
        for (shape, model) in SHAPES.iter().zip(MODEL_TYPES) {
            assert_eq!(
                (shape.schema_file)(COMMAND),
                (model.schema)(),
                "{}",
                shape.name
            );
        }
    }
}
