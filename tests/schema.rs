//! The JSON Schema side: the committed files are what the code generates,
//! the schema carries every annotation, and the Rust `jsonschema` crate on
//! the emitted schema agrees with the Rust derive on every conformance case.

use access_key_schema::schema::schema_for;
use access_key_schema::Validate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

fn root() -> std::path::PathBuf {
    xtask::workspace_root()
}

#[test]
fn committed_schema_files_are_current() {
    let stale = xtask::stale_files(&root());
    assert!(
        stale.is_empty(),
        "{} stale: run `cargo xtask schema` and commit the result",
        stale.join(", ")
    );
}

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).expect(path);
    serde_json::from_str(&text).expect(path)
}

/// Every case of every committed vectors file, through the `jsonschema`
/// crate with `format` asserted and not: 0 disagreements with the verdict
/// the Rust derive gave.
#[test]
fn jsonschema_crate_agrees_with_rust_on_every_vector() {
    let mut files = 0;
    for entry in std::fs::read_dir(root().join("schema")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".vectors.json") {
            continue;
        }
        files += 1;
        let vectors = read_json(&format!("schema/{name}"));
        let schema = read_json(&format!("schema/{}", vectors["schema"].as_str().unwrap()));
        let cases = vectors["cases"].as_array().unwrap();
        assert!(cases.len() >= 2000, "{name}: {} cases", cases.len());
        for formats in [false, true] {
            let validator = jsonschema::options()
                .should_validate_formats(formats)
                .build(&schema)
                .expect("the emitted schema compiles");
            let mut disagreements = Vec::new();
            let mut accepted = 0;
            for case in cases {
                let got = validator.is_valid(&case["payload"]);
                accepted += usize::from(got);
                if Some(got) != case["valid"].as_bool() {
                    disagreements.push(case["description"].as_str().unwrap().to_owned());
                }
            }
            println!(
                "{name} jsonschema-rs formats={formats}: {} cases, {accepted} accepted, {} disagreements",
                cases.len(),
                disagreements.len()
            );
            assert!(
                disagreements.is_empty(),
                "{name} formats={formats}: {} disagreements, first: {:?}",
                disagreements.len(),
                &disagreements[..disagreements.len().min(10)]
            );
        }
    }
    assert!(files >= 1, "no vectors files under schema/");
}

#[test]
fn vectors_verdicts_are_the_rust_verdicts() {
    let vectors = read_json("schema/AccessKey.vectors.json");
    for case in vectors["cases"].as_array().unwrap() {
        assert_eq!(
            Some(xtask::rust_accepts_access_key(&case["payload"])),
            case["valid"].as_bool(),
            "{}",
            case["description"]
        );
    }
}

#[test]
fn readme_shows_the_tested_python_and_javascript_examples() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for example in ["validate.py", "validate.mjs"] {
        let code = std::fs::read_to_string(root().join("tests/conformance/examples").join(example))
            .unwrap();
        assert!(
            readme.contains(code.trim_end()),
            "README.md must show tests/conformance/examples/{example} verbatim"
        );
    }
}

#[derive(Validate, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct Owner {
    /// The owner's name.
    #[validate(length(min = 1, max = 64), pattern = r"[\w+=,.@-]+")]
    name: String,
}

#[derive(Validate, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Tag {
    #[validate(length(max = 256))]
    value: Option<String>,
    #[validate(one_of("Active", "Inactive"))]
    state: String,
    #[validate(nested)]
    owner: Owner,
    #[validate(nested, length(min = 1, max = 10))]
    children: Vec<Owner>,
    #[validate(sensitive, length(min = 1))]
    secret: String,
    #[validate(range(min = 1, max = 1000))]
    max_items: Option<i32>,
    #[serde(rename = "Alt-Text", default)]
    #[validate(pattern = "ab|cd")]
    alt: String,
}

#[test]
fn schema_carries_every_annotation() {
    let s = schema_for::<Tag>();
    let p = &s["properties"];
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(
        s["required"],
        json!(["state", "owner", "children", "secret", "Alt-Text"]),
        "Option fields are optional; a serde(default) field is optional unless its \
         default breaks its own rules (Alt-Text's \"\" fails \"ab|cd\"), as absence \
         is then rejected by validate()"
    );
    assert_eq!(
        p["value"],
        json!({"anyOf": [{"type": "string", "maxLength": 256}, {"type": "null"}]})
    );
    assert_eq!(p["state"]["enum"], json!(["Active", "Inactive"]));
    assert_eq!(p["owner"], json!({"$ref": "#/$defs/Owner"}));
    assert_eq!(p["children"]["minItems"], 1);
    assert_eq!(p["children"]["maxItems"], 10);
    assert_eq!(p["children"]["items"], json!({"$ref": "#/$defs/Owner"}));
    assert_eq!(p["secret"]["minLength"], 1);
    // A plain `String` is only kept out of reports; its `Debug` is the
    // user's, so the comment claims nothing about it.
    assert_eq!(
        p["secret"]["$comment"],
        "sensitive: never echoed in validation reports"
    );
    // A `SecretString` member also says what the type itself guarantees
    // (tests/secrets.rs tests each claim).
    let key = schema_for::<access_key_schema::AccessKey>();
    assert_eq!(
        key["properties"]["SecretAccessKey"]["$comment"],
        "SecretString: redacted in Debug output and panics, zeroized on drop; \
         sensitive: never echoed in validation reports"
    );
    assert_eq!(p["maxItems"]["anyOf"][0]["minimum"], 1);
    assert_eq!(p["maxItems"]["anyOf"][0]["maximum"], 1000);
    assert!(p["Alt-Text"]["pattern"].as_str().unwrap().starts_with('^'));
    let owner = &s["$defs"]["Owner"];
    assert_eq!(owner["additionalProperties"], false);
    assert_eq!(owner["required"], json!(["Name"]));
    assert_eq!(
        owner["properties"]["Name"]["description"],
        "The owner's name."
    );
    assert_eq!(owner["properties"]["Name"]["maxLength"], 64);
    assert_eq!(
        owner["properties"]["Name"]["not"],
        json!({"type": "string", "pattern": "\n$"})
    );
}

#[test]
fn schema_and_derive_agree_on_a_user_struct() {
    let schema = schema_for::<Tag>();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let base = json!({
        "state": "Active", "owner": {"Name": "alice"}, "children": [{"Name": "bob"}],
        "secret": "s", "maxItems": 5, "Alt-Text": "ab"
    });
    let mut variants = vec![base.clone()];
    let edits: Vec<(&str, Value)> = vec![
        ("value", json!("x".repeat(256))),
        ("value", json!("\u{e9}".repeat(257))),
        ("value", Value::Null),
        ("state", json!("active")),
        ("owner", json!({"Name": "bad name"})),
        ("owner", json!({"Name": "ok", "Extra": 1})),
        ("children", json!([])),
        ("children", Value::Array(vec![json!({"Name": "a"}); 11])),
        ("children", json!([{"Name": "a"}, {"Name": ""}])),
        ("secret", json!("")),
        ("maxItems", json!(0)),
        ("maxItems", json!(1000)),
        ("maxItems", json!(1001)),
        ("maxItems", Value::Null),
        ("Alt-Text", json!("abcd")),
        ("Alt-Text", json!("cd")),
        ("Alt-Text", json!("cd\n")),
    ];
    for (key, value) in edits {
        let mut v = base.clone();
        v[key] = value;
        variants.push(v);
    }
    for payload in variants {
        let rust =
            serde_json::from_value::<Tag>(payload.clone()).is_ok_and(|t| t.validate().is_ok());
        assert_eq!(validator.is_valid(&payload), rust, "{payload}");
    }
}
