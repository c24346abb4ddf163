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

/// Every committed vectors file: its name, its schema and its cases.
fn vectors_files() -> Vec<(String, Value, Vec<Value>)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(root().join("schema")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".vectors.json") {
            continue;
        }
        let vectors = read_json(&format!("schema/{name}"));
        let schema = read_json(&format!("schema/{}", vectors["schema"].as_str().unwrap()));
        let cases = vectors["cases"].as_array().unwrap().clone();
        assert!(cases.len() >= 2000, "{name}: {} cases", cases.len());
        files.push((name, schema, cases));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(!files.is_empty(), "no vectors files under schema/");
    files
}

/// Runs every case through `is_valid` and fails on any disagreement with
/// the verdict the Rust derive gave.
fn assert_agrees(
    name: &str,
    implementation: &str,
    cases: &[Value],
    is_valid: impl Fn(&Value) -> bool,
) {
    let mut disagreements = Vec::new();
    let mut accepted = 0;
    for case in cases {
        let got = is_valid(&case["payload"]);
        accepted += usize::from(got);
        if Some(got) != case["valid"].as_bool() {
            disagreements.push(case["description"].as_str().unwrap().to_owned());
        }
    }
    println!(
        "{name} {implementation}: {} cases, {accepted} accepted, {} disagreements",
        cases.len(),
        disagreements.len()
    );
    assert!(
        disagreements.is_empty(),
        "{name} {implementation}: {} disagreements, first: {:?}",
        disagreements.len(),
        &disagreements[..disagreements.len().min(10)]
    );
}

/// A schema that only `format: date-time` can fail, and a string it fails:
/// a configuration asserting formats must reject it, one that does not must
/// accept it.
const FORMAT_PROBE: (&str, &str) = (
    r#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "string", "format": "date-time"}"#,
    r#""not a date-time""#,
);

/// Every case of every committed vectors file, through the `jsonschema`
/// crate with `format` asserted and not: 0 disagreements with the verdict
/// the Rust derive gave.
#[test]
fn jsonschema_crate_agrees_with_rust_on_every_vector() {
    let build = |schema: &Value, formats: bool| {
        jsonschema::options()
            .should_validate_formats(formats)
            .build(schema)
            .expect("the emitted schema compiles")
    };
    for formats in [false, true] {
        let probe = build(&serde_json::from_str(FORMAT_PROBE.0).unwrap(), formats);
        let instance = serde_json::from_str(FORMAT_PROBE.1).unwrap();
        assert_eq!(probe.is_valid(&instance), !formats, "formats={formats}");
    }
    for (name, schema, cases) in vectors_files() {
        for formats in [false, true] {
            let validator = build(&schema, formats);
            let label = format!("jsonschema-rs formats={formats}");
            assert_agrees(&name, &label, &cases, |p| validator.is_valid(p));
        }
    }
}

/// boon, a second Rust implementation (its own `$ref` resolution, regex
/// translation and format checks), on every case, formats asserted and not.
#[test]
fn boon_agrees_with_rust_on_every_vector() {
    let build = |name: &str, schema: &Value, formats: bool| {
        let mut compiler = boon::Compiler::new();
        if formats {
            compiler.enable_format_assertions();
        }
        let url = format!("https://conformance.invalid/{name}");
        compiler.add_resource(&url, schema.clone()).unwrap();
        let mut schemas = boon::Schemas::new();
        let index = compiler
            .compile(&url, &mut schemas)
            .unwrap_or_else(|e| panic!("{name}: boon refuses the schema: {e}"));
        move |instance: &Value| schemas.validate(instance, index).is_ok()
    };
    for formats in [false, true] {
        let probe = build(
            "probe.json",
            &serde_json::from_str(FORMAT_PROBE.0).unwrap(),
            formats,
        );
        let instance = serde_json::from_str(FORMAT_PROBE.1).unwrap();
        assert_eq!(probe(&instance), !formats, "formats={formats}");
    }
    for (name, schema, cases) in vectors_files() {
        for formats in [false, true] {
            let is_valid = build(&name, &schema, formats);
            assert_agrees(&name, &format!("boon formats={formats}"), &cases, is_valid);
        }
    }
}

/// Star height as safe-regex (z-schema's pattern screen) counts it: every
/// repetition adds one to the height of what it repeats. z-schema refuses a
/// schema with a pattern of height above 1 or with more than 25 repetitions.
fn star_height(pattern: &str) -> (usize, usize) {
    use regex_syntax::ast::{parse::Parser, Ast};
    fn walk(ast: &Ast, depth: usize, max: &mut usize, reps: &mut usize) {
        match ast {
            Ast::Repetition(r) => {
                *reps += 1;
                *max = (*max).max(depth + 1);
                walk(&r.ast, depth + 1, max, reps);
            }
            Ast::Group(g) => walk(&g.ast, depth, max, reps),
            Ast::Alternation(a) => a.asts.iter().for_each(|x| walk(x, depth, max, reps)),
            Ast::Concat(c) => c.asts.iter().for_each(|x| walk(x, depth, max, reps)),
            _ => {}
        }
    }
    let ast = Parser::new().parse(pattern).expect("pattern parses");
    let (mut max, mut reps) = (0, 0);
    walk(&ast, 0, &mut max, &mut reps);
    (max, reps)
}

/// Every `pattern` keyword of a schema (not a property that happens to be
/// named `pattern`).
fn patterns(schema: &Value, out: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("pattern", Value::String(p)) => out.push(p.clone()),
                    ("properties" | "$defs", Value::Object(named)) => {
                        named.values().for_each(|s| patterns(s, out))
                    }
                    _ => patterns(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|s| patterns(s, out)),
        _ => {}
    }
}

#[test]
fn every_emitted_pattern_has_star_height_one() {
    assert_eq!(
        star_height(r"^(?:\.[0-9]+)?$"),
        (2, 2),
        "the screen counts `?`"
    );
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("schema")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !name.ends_with(".schema.json") {
            continue;
        }
        let mut found = Vec::new();
        patterns(&read_json(&format!("schema/{name}")), &mut found);
        for p in found {
            let (height, reps) = star_height(&p);
            assert!(
                height <= 1 && reps <= 25,
                "{name}: {p:?} has star height {height}, {reps} repetitions"
            );
            checked += 1;
        }
    }
    assert!(checked >= 30, "{checked} patterns");
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
