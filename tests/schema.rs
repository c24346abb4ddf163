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
        assert!(cases.len() >= 200, "{name}: {} cases", cases.len());
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

/// Every IAM shape has vectors, and they are the generator's: the same
/// number of cases, accepted and rejected, as `access_key_schema::vectors`.
#[test]
fn every_shape_has_vectors_with_accepted_and_rejected_cases() {
    for shape in xtask::SHAPES {
        let vectors = read_json(&format!("schema/{}.vectors.json", shape.name));
        let cases = vectors["cases"].as_array().unwrap();
        let accepted = cases.iter().filter(|c| c["valid"] == true).count();
        assert!(accepted >= 10, "{}: {accepted} accepted", shape.name);
        assert!(
            cases.len() - accepted >= 100,
            "{}: {} rejected",
            shape.name,
            cases.len() - accepted
        );
        assert_eq!(cases.len(), (shape.cases)().len(), "{}", shape.name);
    }
}

/// The assertion keywords whose removal must let some rejected case through.
const CONSTRAINTS: &[&str] = &[
    "type",
    "required",
    "additionalProperties",
    "minLength",
    "maxLength",
    "pattern",
    "enum",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
];

/// Every JSON Pointer (into the schema) of a constraint keyword.
fn constraint_locations(schema: &Value, at: String, out: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            for (key, child) in map {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                let is_keyword = CONSTRAINTS.contains(&key.as_str())
                    // `additionalProperties: false` asserts; a schema there is walked below.
                    && (key != "additionalProperties" || child == &Value::Bool(false));
                // Inside `not`, a keyword's removal widens what is refused:
                // the guard against Python's `$` is checked by the suite instead.
                if key == "not" || key == "enum" || key == "required" || key == "$comment" {
                    if is_keyword {
                        out.push(here);
                    }
                    continue;
                }
                if is_keyword {
                    out.push(here.clone());
                }
                constraint_locations(child, here, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                constraint_locations(item, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Whether the keyword `key` of `at` can never be the only reason to reject
/// a value, because its siblings already imply it: `minLength: 1` next to a
/// pattern that cannot match the empty string, `type` next to an `enum`
/// whose values all have that type.
fn implied_by_siblings(at: &Value, key: &str) -> bool {
    match key {
        "minLength" => {
            at["minLength"] == 1
                && at["pattern"]
                    .as_str()
                    .is_some_and(|p| !regex::Regex::new(p).unwrap().is_match(""))
        }
        "type" => at["enum"].as_array().is_some_and(|values| {
            values.iter().all(|v| match at["type"].as_str() {
                Some("string") => v.is_string(),
                Some("integer") => v.is_i64() || v.is_u64(),
                Some("number") => v.is_number(),
                Some("boolean") => v.is_boolean(),
                _ => false,
            })
        }),
        _ => false,
    }
}

/// The committed vectors keep every rule honest: for each constraint
/// keyword of each shape's schema, some case the Rust side rejects is
/// rejected by that keyword alone (the `jsonschema` crate accepts it once the
/// keyword is removed). A bound that drifted, or a probe family that went
/// missing, fails here. Exempt: `not` (the guard for Python's `$`, which this
/// crate's regex engine does not need; the suite's Python runs check it),
/// `format` (an annotation), and keywords their siblings imply
/// ([`implied_by_siblings`], itself checked here).
#[test]
fn every_constraint_keyword_is_the_only_reason_some_case_is_rejected() {
    let mut report = Vec::new();
    for shape in xtask::SHAPES {
        let vectors = read_json(&format!("schema/{}.vectors.json", shape.name));
        let schema = read_json(&format!("schema/{}.schema.json", shape.name));
        let rejected: Vec<&Value> = vectors["cases"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["valid"] == false)
            .map(|c| &c["payload"])
            .collect();
        let mut locations = Vec::new();
        constraint_locations(&schema, String::new(), &mut locations);
        assert!(!locations.is_empty(), "{}", shape.name);
        for location in locations {
            let (parent, key) = location.rsplit_once('/').unwrap();
            let mut weakened = schema.clone();
            weakened
                .pointer_mut(parent)
                .and_then(Value::as_object_mut)
                .unwrap()
                .shift_remove(key)
                .unwrap();
            let validator = jsonschema::draft202012::new(&weakened).expect("compiles");
            let exercised = rejected.iter().filter(|p| validator.is_valid(p)).count();
            let at = schema.pointer(parent).unwrap();
            if exercised == 0 && !implied_by_siblings(at, key) {
                report.push(format!("{}: {location}", shape.name));
            }
        }
    }
    assert!(
        report.is_empty(),
        "no rejected case is rejected by these keywords alone: {report:#?}"
    );
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

/// A user's own types get vectors too: every case the generator derives for
/// `Tag` (nested structs, arrays with bounds, optional integers, a closed
/// struct, a renamed member) gets the same verdict from the `jsonschema`
/// crate on the emitted schema as from `from_json`.
#[test]
fn vectors_of_a_user_struct_agree_with_the_jsonschema_crate() {
    let schema = schema_for::<Tag>();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let cases = access_key_schema::vectors::<Tag>();
    let accepted = cases.iter().filter(|c| c.valid).count();
    assert!(
        accepted >= 10 && cases.len() - accepted >= 100,
        "{accepted} of {}",
        cases.len()
    );
    // Found by these vectors and fixed: `alt` is `#[serde(default)]` with
    // `pattern = "ab|cd"`; absent, serde fills in `""`, which `validate()`
    // rejects, so the schema now requires `Alt-Text`.
    let disagreements: Vec<String> = cases
        .iter()
        .filter(|c| validator.is_valid(&c.payload) != c.valid)
        .map(|c| format!("{} (rust: {}): {}", c.description, c.valid, c.payload))
        .collect();
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

#[derive(Validate, Serialize, Deserialize)]
struct StockItem {
    #[validate(range(min = 0, max = 10000))]
    count: u32,
    #[validate(length(min = 1, max = 8), pattern = r"[A-Z][0-9]+")]
    bin: String,
}

#[derive(Validate, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Node {
    #[validate(length(min = 1, max = 3))]
    name: String,
    #[validate(range(min = 0.5, max = 2.5))]
    weight: f64,
    #[validate(nested, length(max = 2))]
    children: Vec<Node>,
    stock: std::collections::BTreeMap<String, StockItem>,
    tags: Option<Vec<Option<String>>>,
}

/// Recursion, a map of structs, float bounds, optional vectors of options:
/// the generator's vectors for them agree between `from_json` and the
/// `jsonschema` crate, formats asserted and not.
#[test]
fn vectors_of_recursive_and_map_types_agree_with_the_jsonschema_crate() {
    let schema = schema_for::<Node>();
    let bad_value = Node {
        name: "n".into(),
        weight: 1.0,
        children: vec![],
        stock: [(
            "k".to_string(),
            StockItem {
                count: 10001,
                bin: "A1".into(),
            },
        )]
        .into(),
        tags: None,
    };
    // Found by these vectors and fixed: `stock` (no `nested`) was not
    // validated inside, while its schema checks each value.
    assert!(bad_value.validate().is_err());
    let cases = access_key_schema::vectors::<Node>();
    let accepted = cases.iter().filter(|c| c.valid).count();
    assert!(
        accepted >= 10 && cases.len() - accepted >= 100,
        "{accepted} of {}",
        cases.len()
    );
    for formats in [false, true] {
        let disagreements = access_key_tests::jsonschema_disagreements(&schema, &cases, formats);
        assert!(
            disagreements.is_empty(),
            "formats={formats}: {disagreements:#?}"
        );
    }
}
