//! Real AWS CLI output (v1 and v2 timestamp forms) validates, in Rust and
//! against the committed schema.

use access_key_schema::{from_json, CreateAccessKeyResponse, ListAccessKeysResponse, StatusType};
use serde_json::Value;

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(xtask::workspace_root().join("tests/samples").join(name)).unwrap()
}

fn schema_accepts(schema: &str, payload: &[u8]) -> bool {
    let path = xtask::workspace_root().join("schema").join(schema);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let payload: Value = serde_json::from_slice(payload).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
        .is_valid(&payload)
}

#[test]
fn create_access_key_output_validates() {
    for file in ["create-access-key.v1.json", "create-access-key.v2.json"] {
        let bytes = sample(file);
        let response =
            from_json::<CreateAccessKeyResponse>(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        let key = &response.access_key;
        assert_eq!(key.access_key_id, "AKIAIOSFODNN7EXAMPLE");
        assert_eq!(key.status, StatusType::Active);
        assert_eq!(
            key.create_date.as_ref().unwrap().unix_seconds(),
            1_425_926_363
        );
        assert!(
            !format!("{response:?}").contains("EXAMPLEKEY"),
            "Debug redacts"
        );
        assert!(
            schema_accepts("CreateAccessKeyResponse.schema.json", &bytes),
            "{file}"
        );
    }
}

#[test]
fn list_access_keys_output_validates() {
    for file in ["list-access-keys.v1.json", "list-access-keys.v2.json"] {
        let bytes = sample(file);
        let response =
            from_json::<ListAccessKeysResponse>(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(response.access_key_metadata.len(), 2);
        assert_eq!(
            response.access_key_metadata[1].status,
            Some(StatusType::Inactive)
        );
        assert!(!response.is_truncated);
        assert!(
            schema_accepts("ListAccessKeysResponse.schema.json", &bytes),
            "{file}"
        );
    }
}

#[test]
fn a_tampered_sample_is_rejected_everywhere() {
    let text = String::from_utf8(sample("list-access-keys.v2.json")).unwrap();
    let bad = text
        .replace("\"Inactive\"", "\"inactive\"")
        .replace("+00:00\"", "+24:00\"");
    let e = from_json::<ListAccessKeysResponse>(bad.as_bytes()).unwrap_err();
    let found: Vec<(&str, &str)> = e
        .violations()
        .iter()
        .map(|v| (v.path(), v.code()))
        .collect();
    assert_eq!(
        found,
        [
            ("/AccessKeyMetadata/0/CreateDate", "format"),
            ("/AccessKeyMetadata/1/Status", "enum"),
            ("/AccessKeyMetadata/1/CreateDate", "format"),
        ]
    );
    assert!(!schema_accepts(
        "ListAccessKeysResponse.schema.json",
        bad.as_bytes()
    ));
}
