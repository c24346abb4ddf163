//! What the integration tests share.

use access_key_schema::vectors::Case;
use serde_json::Value;

/// The cases on which the `jsonschema` crate's verdict on `schema` (with
/// `format` asserted or not) differs from the Rust verdict each records,
/// one line each: description, Rust's verdict, payload.
pub fn jsonschema_disagreements(schema: &Value, cases: &[Case], formats: bool) -> Vec<String> {
    let validator = jsonschema::options()
        .should_validate_formats(formats)
        .build(schema)
        .expect("the emitted schema compiles");
    cases
        .iter()
        .filter(|c| validator.is_valid(&c.payload) != c.valid)
        .map(|c| format!("{} (rust: {}): {}", c.description, c.valid, c.payload))
        .collect()
}
