//! The shapes users write beyond the IAM model: maps of validated values and
//! generic structs. For each, `validate()`, `from_json` (valid and invalid
//! payloads, fast and full-report paths) and the emitted schema (through the
//! `jsonschema` crate) must give one verdict, and the paths must agree.

use std::collections::{BTreeMap, HashMap};

use access_key_schema::schemars::{self, JsonSchema};
use access_key_schema::{from_json, from_value, Validate};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Validate, Serialize, Deserialize, Debug)]
struct StockItem {
    #[validate(range(max = 10000))]
    count: u32,
    #[validate(length(min = 1), pattern = "[A-Z][0-9]+")]
    bin: String,
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Inventory {
    #[validate(length(min = 1))]
    warehouse: String,
    #[validate(nested, length(min = 1, max = 3))]
    stock: HashMap<String, StockItem>,
    #[validate(nested)]
    reserved: BTreeMap<String, StockItem>,
    #[validate(length(max = 2))]
    #[serde(default)]
    labels: HashMap<String, String>,
    #[validate(nested)]
    by_zone: Option<HashMap<String, Vec<StockItem>>>,
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct LineItem {
    #[validate(length(min = 1, max = 8))]
    sku: String,
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Account {
    #[validate(range(min = 1))]
    id: u32,
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Page<T> {
    #[validate(nested, length(max = 3))]
    items: Vec<T>,
    #[validate(range(max = 1000))]
    total: u32,
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Pair<A, B> {
    #[validate(nested)]
    left: A,
    #[validate(nested)]
    right: Option<B>,
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Dashboard {
    #[validate(nested)]
    orders: Page<LineItem>,
    #[validate(nested)]
    accounts: Page<Account>,
    #[validate(nested)]
    pair: Pair<LineItem, Account>,
}

fn schema_of<T: JsonSchema>() -> Value {
    serde_json::to_value(
        schemars::generate::SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<T>(),
    )
    .unwrap()
}

fn paths(e: &access_key_schema::ValidationErrors) -> Vec<(String, &'static str)> {
    e.violations()
        .iter()
        .map(|v| (v.path().to_owned(), v.code()))
        .collect()
}

/// One verdict from `validate()` after serde, from `from_json`, from
/// `from_value`, and from the schema; the same violations from the typed
/// and the JSON paths. Returns the `from_json` report's (path, code) pairs.
fn one_verdict<T>(payload: &Value) -> Vec<(String, &'static str)>
where
    T: Validate + JsonSchema + serde::de::DeserializeOwned + access_key_schema::JsonCheck,
{
    let schema = schema_of::<T>();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let by_schema = validator.is_valid(payload);
    let bytes = serde_json::to_vec(payload).unwrap();
    let by_json = from_json::<T>(&bytes);
    let by_value = from_value::<T>(payload.clone());
    assert_eq!(
        by_json.is_ok(),
        by_schema,
        "from_json vs schema on {payload}"
    );
    assert_eq!(
        by_value.is_ok(),
        by_schema,
        "from_value vs schema on {payload}"
    );
    if let Ok(typed) = serde_json::from_value::<T>(payload.clone()) {
        let by_validate = typed.validate();
        assert_eq!(
            by_validate.is_ok(),
            by_schema,
            "validate() vs schema on {payload}"
        );
        if let (Err(a), Err(b)) = (&by_validate, &by_json) {
            let (mut a, mut b) = (paths(a), paths(b));
            a.sort();
            b.sort();
            assert_eq!(
                a, b,
                "validate() and from_json report different violations on {payload}"
            );
        }
    }
    match by_json {
        Ok(_) => Vec::new(),
        Err(e) => paths(&e),
    }
}

fn item(count: u32, bin: &str) -> Value {
    json!({"count": count, "bin": bin})
}

#[test]
fn map_values_are_validated_with_their_key_in_the_path() {
    // The issue's example: a bad item inside a map, no other problem.
    let payload =
        json!({"warehouse": "W1", "stock": {"apple": {"count": 20000, "bin": ""}}, "reserved": {}});
    let mut found = one_verdict::<Inventory>(&payload);
    found.sort();
    assert_eq!(
        found,
        [
            ("/stock/apple/bin".to_string(), "length"),
            ("/stock/apple/bin".to_string(), "pattern"),
            ("/stock/apple/count".to_string(), "range"),
        ]
    );
    // Plus an unrelated type error: the same map violations are still found.
    let mut with_type_error = payload.clone();
    with_type_error["warehouse"] = json!(5);
    let found = one_verdict::<Inventory>(&with_type_error);
    assert!(
        found.contains(&("/warehouse".to_string(), "type")),
        "{found:?}"
    );
    assert!(
        found.contains(&("/stock/apple/count".to_string(), "range")),
        "{found:?}"
    );
}

#[test]
fn length_on_a_map_counts_its_entries() {
    let schema = schema_of::<Inventory>();
    assert_eq!(schema["properties"]["stock"]["minProperties"], 1);
    assert_eq!(schema["properties"]["stock"]["maxProperties"], 3);
    assert_eq!(schema["properties"]["labels"]["maxProperties"], 2);
    let payload = json!({"warehouse": "W", "stock": {}, "reserved": {}, "labels": {"a": "", "b": "", "c": ""}});
    assert_eq!(
        one_verdict::<Inventory>(&payload),
        [
            ("/stock".to_string(), "length"),
            ("/labels".to_string(), "length")
        ]
    );
    let report = from_json::<Inventory>(&serde_json::to_vec(&payload).unwrap()).unwrap_err();
    assert_eq!(
        report.violations()[0].message(),
        "Value at '/stock' failed to satisfy constraint: Member must have length greater than or equal to 1"
    );
    // The full report (an unrelated type error) counts the same entries.
    let mut typed_wrong = payload.clone();
    typed_wrong["warehouse"] = json!(1);
    let found = one_verdict::<Inventory>(&typed_wrong);
    assert!(
        found.contains(&("/stock".to_string(), "length")),
        "{found:?}"
    );
    assert!(
        found.contains(&("/labels".to_string(), "length")),
        "{found:?}"
    );
}

#[test]
fn map_keys_are_escaped_per_rfc_6901_and_reported_in_key_order() {
    let mut stock = HashMap::new();
    stock.insert(
        "z/1".to_string(),
        StockItem {
            count: 1,
            bin: "bad".into(),
        },
    );
    stock.insert(
        "a~b".to_string(),
        StockItem {
            count: 1,
            bin: "bad".into(),
        },
    );
    stock.insert(
        "m".to_string(),
        StockItem {
            count: 1,
            bin: "A1".into(),
        },
    );
    let inv = Inventory {
        warehouse: "W".into(),
        stock,
        reserved: BTreeMap::new(),
        labels: HashMap::new(),
        by_zone: None,
    };
    let found = paths(&inv.validate().unwrap_err());
    assert_eq!(
        found,
        [
            ("/stock/a~0b/bin".to_string(), "pattern"),
            ("/stock/z~11/bin".to_string(), "pattern"),
        ]
    );
}

#[test]
fn maps_give_one_verdict_everywhere() {
    let base = json!({"warehouse": "W1", "stock": {"apple": item(5, "A1")}, "reserved": {"x": item(0, "B22")}});
    let mut cases = vec![base.clone()];
    let edits: Vec<(&str, Value)> = vec![
        ("stock", json!({})),
        (
            "stock",
            json!({"apple": item(10000, "A1"), "pear": item(10001, "A1")}),
        ),
        ("stock", json!({"a/b": item(1, "a1")})),
        ("stock", json!({"apple": {"count": 1}})),
        ("stock", json!({"apple": {"count": "1", "bin": "A1"}})),
        ("stock", json!({"apple": null})),
        ("stock", json!([])),
        ("reserved", json!({"": item(1, "Z9"), "~": item(1, "Z")})),
        (
            "stock",
            json!({"a": item(1, "A1"), "b": item(1, "A1"), "c": item(1, "A1")}),
        ),
        (
            "stock",
            json!({"a": item(1, "A1"), "b": item(1, "A1"), "c": item(1, "A1"), "d": item(1, "A1")}),
        ),
        ("labels", json!({"a": "x", "b": "y"})),
        ("labels", json!({"a": "x", "b": "y", "c": "z"})),
        ("labels", json!({"a": 1})),
        ("by_zone", json!({"north": [item(1, "A1"), item(2, "A")]})),
        ("by_zone", json!({"north": []})),
        ("by_zone", Value::Null),
        ("warehouse", json!("")),
    ];
    for (key, value) in edits {
        let mut v = base.clone();
        v[key] = value;
        cases.push(v);
    }
    let mut rejected = 0;
    for payload in &cases {
        if !one_verdict::<Inventory>(payload).is_empty() {
            rejected += 1;
        }
    }
    // Both verdicts are exercised.
    assert!(
        rejected > 5 && rejected < cases.len(),
        "{rejected} of {}",
        cases.len()
    );
}

#[test]
fn each_generic_instantiation_is_its_own_schema_definition() {
    let schema = schema_of::<Dashboard>();
    let defs = schema["$defs"].as_object().unwrap();
    for name in [
        "Page_for_LineItem",
        "Page_for_Account",
        "Pair_for_LineItem_and_Account",
    ] {
        assert!(
            defs.contains_key(name),
            "{name} missing from {:?}",
            defs.keys()
        );
    }
    assert_eq!(
        schema["properties"]["orders"]["$ref"],
        "#/$defs/Page_for_LineItem"
    );
    assert_eq!(
        schema["properties"]["accounts"]["$ref"],
        "#/$defs/Page_for_Account"
    );
    assert_eq!(
        defs["Page_for_Account"]["properties"]["items"]["items"]["$ref"],
        "#/$defs/Account"
    );
    assert_eq!(
        <Page<LineItem> as JsonSchema>::schema_name(),
        "Page_for_LineItem"
    );
    assert_ne!(
        <Page<LineItem> as JsonSchema>::schema_id(),
        <Page<Account> as JsonSchema>::schema_id()
    );
}

#[test]
fn generics_give_one_verdict_everywhere() {
    let base = json!({
        "orders": {"items": [{"sku": "a"}], "total": 1},
        "accounts": {"items": [{"id": 3}], "total": 1},
        "pair": {"left": {"sku": "abc"}, "right": {"id": 1}}
    });
    assert!(one_verdict::<Dashboard>(&base).is_empty());
    let mut cases = Vec::new();
    let edits: Vec<(&str, Value)> = vec![
        ("orders", json!({"items": [{"id": 3}], "total": 1})),
        ("orders", json!({"items": [{"sku": ""}], "total": 1})),
        (
            "orders",
            json!({"items": [{"sku": "a"}, {"sku": "b"}, {"sku": "c"}, {"sku": "d"}], "total": 1}),
        ),
        ("accounts", json!({"items": [{"sku": "a"}], "total": 1})),
        ("accounts", json!({"items": [{"id": 0}], "total": 1001})),
        ("pair", json!({"left": {"sku": "123456789"}, "right": null})),
        ("pair", json!({"left": {"sku": "a"}, "right": {"id": 0}})),
        ("pair", json!({"left": {"id": 1}})),
    ];
    for (key, value) in edits {
        let mut v = base.clone();
        v[key] = value;
        cases.push(v);
    }
    for payload in &cases {
        assert!(
            !one_verdict::<Dashboard>(payload).is_empty(),
            "accepted {payload}"
        );
    }
    let found = one_verdict::<Dashboard>(&cases[4]);
    assert_eq!(
        found,
        [
            ("/accounts/items/0/id".to_string(), "range"),
            ("/accounts/total".to_string(), "range"),
        ]
    );
}

#[test]
fn generic_structs_validate_through_their_parameters() {
    // `T: Validate` is added by the derive, as serde adds `T: Deserialize`.
    fn check<T: Validate>(page: &Page<T>) -> usize {
        page.validate().err().map_or(0, |e| e.len())
    }
    let page = Page {
        items: vec![
            LineItem { sku: String::new() },
            LineItem { sku: "ok".into() },
        ],
        total: 2,
    };
    assert_eq!(check(&page), 1);
    let errors = page.validate().unwrap_err();
    assert_eq!(errors.violations()[0].path(), "/items/0/sku");
}

fn five() -> u32 {
    5
}

fn blank() -> String {
    String::new()
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Defaults {
    /// Absent is `""`, which the pattern rejects: absence is an error.
    #[serde(default)]
    #[validate(pattern = "ab|cd")]
    alt: String,
    /// Absent is 5, inside the range: absence is fine.
    #[serde(default = "five")]
    #[validate(range(min = 1, max = 9))]
    level: u32,
    /// Absent is `""` from a function, too short: absence is an error.
    #[serde(default = "blank")]
    #[validate(length(min = 1))]
    note: String,
    /// Absent is an empty list, inside the bound.
    #[serde(default)]
    #[validate(length(max = 2))]
    tags: Vec<String>,
}

#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(default)]
struct WholeDefault {
    #[validate(length(min = 2))]
    name: String,
    #[validate(range(max = 10))]
    size: u8,
}

impl Default for WholeDefault {
    fn default() -> Self {
        WholeDefault {
            name: "x".into(), // breaks its own rule
            size: 3,
        }
    }
}

#[test]
fn a_default_that_breaks_its_own_rule_makes_the_member_required() {
    let schema = schema_of::<Defaults>();
    assert_eq!(schema["required"], json!(["alt", "note"]));
    let schema = schema_of::<WholeDefault>();
    assert_eq!(schema["required"], json!(["name"]));
    for payload in [
        json!({}),
        json!({"alt": "ab"}),
        json!({"alt": "ab", "note": "n"}),
        json!({"alt": "ab", "note": "n", "level": 0}),
        json!({"alt": "ab", "note": "n", "tags": ["a", "b", "c"]}),
        json!({"alt": "cd", "note": "n", "level": 9, "tags": []}),
    ] {
        one_verdict::<Defaults>(&payload);
    }
    for payload in [
        json!({}),
        json!({"name": "ok"}),
        json!({"name": "ok", "size": 11}),
        json!({"size": 1}),
    ] {
        one_verdict::<WholeDefault>(&payload);
    }
    assert!(one_verdict::<Defaults>(&json!({"alt": "ab", "note": "n"})).is_empty());
    assert_eq!(
        one_verdict::<Defaults>(&json!({"note": "n"})),
        [("/alt".to_string(), "pattern")]
    );
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Arn {
    #[validate(
        prefix = "arn:",
        suffix = ":root",
        contains = "iam",
        does_not_contain = ".."
    )]
    arn: String,
    #[validate(pattern = "[a-z.]+", contains = ".", does_not_contain = "..")]
    host: Option<String>,
}

#[test]
fn text_rules_give_one_verdict_everywhere() {
    let schema = schema_of::<Arn>();
    assert_eq!(schema["properties"]["arn"]["pattern"], "^arn\\x3A");
    assert_eq!(
        schema["properties"]["arn"]["allOf"],
        json!([{"pattern": "\\x3Aroot$"}, {"pattern": "iam"}])
    );
    let mut rejected = 0;
    let arns = [
        "arn:aws:iam::1:root",
        "arn:iam:root",
        "arn:aws:iam::1:root\n",
        "arn:aws:iam..1:root",
        "arn:aws:sts::1:root",
        "ARN:aws:iam::1:root",
        "arn:aws:iam::1:roots",
        "xarn:aws:iam::1:root",
        "arn:aws:iam::1:r\u{e9}:root",
        "",
    ];
    let hosts = [
        json!(null),
        json!("a.b"),
        json!("ab"),
        json!("a..b"),
        json!("a.B"),
        json!("a.b\n"),
    ];
    for arn in arns {
        for host in &hosts {
            let payload = json!({"arn": arn, "host": host});
            if !one_verdict::<Arn>(&payload).is_empty() {
                rejected += 1;
            }
        }
    }
    assert!(rejected > 40 && rejected < 60, "{rejected}");
    let found = one_verdict::<Arn>(&json!({"arn": "xarn:aws:sts..1:rootx", "host": "a..b"}));
    assert_eq!(
        found,
        [
            ("/arn".to_string(), "prefix"),
            ("/arn".to_string(), "suffix"),
            ("/arn".to_string(), "contains"),
            ("/arn".to_string(), "does_not_contain"),
            ("/host".to_string(), "does_not_contain"),
        ]
    );
    let report = from_json::<Arn>(br#"{"arn": "arn:x:root"}"#).unwrap_err();
    assert_eq!(
        report.to_string(),
        "1 validation error detected: Value at '/arn' failed to satisfy constraint: Member must contain: iam"
    );
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Bounded {
    #[validate(length(equal = 4))]
    pin: String,
    #[validate(length(equal = 2))]
    pair: Vec<u8>,
    #[validate(range(exclusive_min = 0.0, exclusive_max = 1.0))]
    ratio: f64,
    #[validate(range(exclusive_min = -5, max = 5))]
    offset: Option<i32>,
}

#[test]
fn length_equal_and_exclusive_ranges_give_one_verdict_everywhere() {
    let schema = schema_of::<Bounded>();
    let p = &schema["properties"];
    assert_eq!(
        (p["pin"]["minLength"].clone(), p["pin"]["maxLength"].clone()),
        (json!(4), json!(4))
    );
    assert_eq!(p["ratio"]["exclusiveMinimum"], json!(0.0));
    assert_eq!(p["ratio"]["exclusiveMaximum"], json!(1.0));
    assert_eq!(p["offset"]["anyOf"][0]["exclusiveMinimum"], json!(-5));
    assert_eq!(p["offset"]["anyOf"][0]["maximum"], json!(5));
    let mut rejected = 0;
    let mut total = 0;
    for pin in [
        "1234",
        "123",
        "12345",
        "\u{e9}\u{e9}\u{e9}\u{e9}",
        "\u{1F600}\u{1F600}\u{1F600}",
    ] {
        for pair in [json!([1, 2]), json!([1]), json!([1, 2, 3])] {
            for ratio in [
                json!(0.5),
                json!(0),
                json!(0.0),
                json!(1),
                json!(1e-9),
                json!(0.999999),
                json!(-0.1),
            ] {
                for offset in [json!(null), json!(-5), json!(-4), json!(5), json!(6)] {
                    let payload =
                        json!({"pin": pin, "pair": pair, "ratio": ratio, "offset": offset});
                    total += 1;
                    if !one_verdict::<Bounded>(&payload).is_empty() {
                        rejected += 1;
                    }
                }
            }
        }
    }
    assert!(rejected > 0 && rejected < total, "{rejected} of {total}");
    let found =
        one_verdict::<Bounded>(&json!({"pin": "123", "pair": [1, 2], "ratio": 1, "offset": -5}));
    assert_eq!(
        found,
        [
            ("/pin".to_string(), "length"),
            ("/ratio".to_string(), "range"),
            ("/offset".to_string(), "range"),
        ]
    );
    let report =
        from_json::<Bounded>(br#"{"pin": "1234", "pair": [1, 2], "ratio": 0}"#).unwrap_err();
    assert_eq!(
        report.violations()[0].message(),
        "Value at '/ratio' failed to satisfy constraint: Member must have value greater than 0.0"
    );
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Profile {
    #[validate(required, length(min = 2))]
    nick: Option<String>,
    #[validate(required, nested)]
    home: Option<Account>,
    #[validate(length(min = 2))]
    motto: Option<String>,
}

#[test]
fn required_on_an_option_means_present_and_not_null_everywhere() {
    let schema = schema_of::<Profile>();
    assert_eq!(schema["required"], json!(["nick", "home"]));
    assert_eq!(
        schema["properties"]["nick"],
        json!({"type": "string", "minLength": 2})
    );
    let home = json!({"id": 1});
    for (payload, expected) in [
        (json!({"nick": "ab", "home": home}), vec![]),
        (json!({"nick": "ab", "home": home, "motto": null}), vec![]),
        (json!({"home": home}), vec![("/nick", "required")]),
        (
            json!({"nick": null, "home": home}),
            vec![("/nick", "required")],
        ),
        (
            json!({"nick": "a", "home": home}),
            vec![("/nick", "length")],
        ),
        (
            json!({"nick": "ab", "home": null}),
            vec![("/home", "required")],
        ),
        (
            json!({"nick": "ab", "home": {"id": 0}}),
            vec![("/home/id", "range")],
        ),
        (
            json!({}),
            vec![("/nick", "required"), ("/home", "required")],
        ),
        (
            json!({"nick": 5}),
            vec![("/nick", "type"), ("/home", "required")],
        ),
    ] {
        let found = one_verdict::<Profile>(&payload);
        let expected: Vec<(String, &str)> = expected
            .into_iter()
            .map(|(p, c)| (p.to_string(), c))
            .collect();
        assert_eq!(found, expected, "{payload}");
    }
    let none = Profile {
        nick: None,
        home: None,
        motto: None,
    };
    let errors = none.validate().unwrap_err();
    assert_eq!(
        errors.violations()[0].message(),
        "Value at '/nick' failed to satisfy constraint: Member must not be null"
    );
}

fn even(n: &u32) -> Result<(), access_key_schema::CustomError> {
    if n.is_multiple_of(2) {
        Ok(())
    } else {
        Err(access_key_schema::CustomError::new(
            "odd",
            "Member must be even",
        ))
    }
}

fn ordered(t: &Window) -> Result<(), access_key_schema::CustomError> {
    if t.start <= t.end {
        Ok(())
    } else {
        Err(access_key_schema::CustomError::new(
            "unordered",
            format!("Member must start before it ends ({} > {})", t.start, t.end),
        ))
    }
}

#[derive(Validate, Serialize, Deserialize, Debug)]
#[validate(custom = ordered)]
struct Window {
    #[validate(custom = even, range(max = 100))]
    start: u32,
    end: u32,
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Signup {
    #[validate(length(min = 3, code = "too_short", message = "Name is too short"))]
    name: String,
    #[validate(sensitive, length(min = 8))]
    password: access_key_schema::SecretString,
    #[validate(sensitive, must_match(password))]
    password_again: access_key_schema::SecretString,
    #[validate(range(min = 18, code = "underage"))]
    age: u8,
    #[validate(nested)]
    window: Option<Window>,
}

/// The verdicts of a type with custom rules: Rust is stricter than the
/// schema exactly where a custom rule refuses, and the reports agree.
fn custom_verdict(payload: &Value) -> Vec<(String, &'static str)> {
    let schema = schema_of::<Signup>();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let bytes = serde_json::to_vec(payload).unwrap();
    let by_json = from_json::<Signup>(&bytes);
    let found = match &by_json {
        Ok(_) => Vec::new(),
        Err(e) => paths(e),
    };
    let custom_only = !found.is_empty()
        && found
            .iter()
            .all(|(_, c)| ["odd", "unordered", "must_match"].contains(c));
    assert_eq!(
        validator.is_valid(payload),
        found.is_empty() || custom_only,
        "schema vs from_json on {payload}: {found:?}"
    );
    if let Ok(typed) = serde_json::from_value::<Signup>(payload.clone()) {
        let mut a = typed
            .validate()
            .err()
            .map(|e| paths(&e))
            .unwrap_or_default();
        let mut b = found.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b, "validate() vs from_json on {payload}");
    }
    found
}

#[test]
fn custom_rules_must_match_and_overrides() {
    let ok = json!({"name": "ann", "password": "s3cr3t-pw", "password_again": "s3cr3t-pw", "age": 30,
                    "window": {"start": 2, "end": 4}});
    assert!(custom_verdict(&ok).is_empty());
    let mut bad = ok.clone();
    bad["name"] = json!("an");
    bad["password_again"] = json!("s3cr3t-pX");
    bad["age"] = json!(17);
    bad["window"] = json!({"start": 5, "end": 4});
    let found = custom_verdict(&bad);
    assert_eq!(
        found,
        [
            ("/name".to_string(), "too_short"),
            ("/password_again".to_string(), "must_match"),
            ("/age".to_string(), "underage"),
            ("/window/start".to_string(), "odd"),
            ("/window".to_string(), "unordered"),
        ]
    );
    let report = from_json::<Signup>(&serde_json::to_vec(&bad).unwrap()).unwrap_err();
    let messages: Vec<String> = report.violations().iter().map(|v| v.message()).collect();
    assert_eq!(
        messages[0],
        "Value at '/name' failed to satisfy constraint: Name is too short"
    );
    assert_eq!(
        messages[1],
        "Value at '/password_again' failed to satisfy constraint: Member must match password"
    );
    assert_eq!(
        messages[2],
        "Value at '/age' failed to satisfy constraint: Member must have value greater than or equal to 18"
    );
    assert_eq!(
        messages[3],
        "Value at '/window/start' failed to satisfy constraint: Member must be even"
    );
    assert!(messages[4].contains("Member must start before it ends (5 > 4)"));
    assert!(!report.to_string().contains("s3cr3t"));
    // An unrelated type error: the full report finds the same user checks.
    let mut typed_wrong = bad.clone();
    typed_wrong["age"] = json!("old");
    let found = custom_verdict(&typed_wrong);
    for expected in [
        ("/window/start", "odd"),
        ("/window", "unordered"),
        ("/age", "type"),
    ] {
        assert!(
            found.contains(&(expected.0.to_string(), expected.1)),
            "{found:?}"
        );
    }
    // The schema records what it cannot express.
    let schema = schema_of::<Signup>();
    assert_eq!(
        schema["properties"]["password_again"]["$comment"],
        "SecretString: redacted in Debug output and panics, zeroized on drop; \
         must_match: password; sensitive: never echoed in validation reports"
    );
    assert_eq!(schema["$defs"]["Window"]["$comment"], "custom: ordered");
    assert_eq!(
        schema["$defs"]["Window"]["properties"]["start"]["$comment"],
        "custom: even"
    );
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Pack {
    #[validate(multiple_of = 5, range(max = 100))]
    count: u32,
    #[validate(multiple_of = 3)]
    offset: Option<i64>,
}

#[test]
fn multiple_of_gives_one_verdict_everywhere() {
    let schema = schema_of::<Pack>();
    assert_eq!(schema["properties"]["count"]["multipleOf"], 5);
    let mut rejected = 0;
    for count in [
        json!(0),
        json!(5),
        json!(7),
        json!(100),
        json!(105),
        json!(10.0),
        json!(1e1),
        json!(2.5),
    ] {
        for offset in [json!(null), json!(-3), json!(-4), json!(9), json!(3.0)] {
            let payload = json!({"count": count, "offset": offset});
            if !one_verdict::<Pack>(&payload).is_empty() {
                rejected += 1;
            }
        }
    }
    assert!(rejected > 10 && rejected < 40, "{rejected}");
    assert_eq!(
        one_verdict::<Pack>(&json!({"count": 7, "offset": -4})),
        [
            ("/count".to_string(), "multiple_of"),
            ("/offset".to_string(), "multiple_of")
        ]
    );
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Tagged {
    #[validate(length(max = 3), inner(length(min = 1, max = 5), pattern = "[a-z]+"))]
    tags: Vec<String>,
    #[validate(keys(pattern = "[a-z]+", length(max = 6)), inner(range(max = 10)))]
    limits: HashMap<String, u32>,
    #[validate(inner(inner(range(min = 1))))]
    grid: Option<Vec<Vec<u8>>>,
    #[validate(nested, keys(prefix = "w"))]
    stock: BTreeMap<String, StockItem>,
    #[validate(inner(one_of("a", "b"), contains = "a"))]
    set: Vec<String>,
}

#[test]
fn inner_and_keys_give_one_verdict_everywhere() {
    let schema = schema_of::<Tagged>();
    let p = &schema["properties"];
    assert_eq!(p["tags"]["maxItems"], 3);
    assert_eq!(p["tags"]["items"]["minLength"], 1);
    assert_eq!(p["tags"]["items"]["pattern"], "^[a-z]+$");
    assert_eq!(p["limits"]["propertyNames"]["pattern"], "^[a-z]+$");
    assert_eq!(p["limits"]["propertyNames"]["maxLength"], 6);
    assert_eq!(p["limits"]["additionalProperties"]["maximum"], 10);
    assert_eq!(p["grid"]["anyOf"][0]["items"]["items"]["minimum"], 1);
    let base = json!({"tags": ["ab"], "limits": {"a": 1}, "grid": [[1]], "stock": {"w1": item(1, "A1")}, "set": ["a"]});
    assert!(one_verdict::<Tagged>(&base).is_empty());
    let edits: Vec<(&str, Value)> = vec![
        ("tags", json!(["", "abcdef", "AB", "ok"])),
        ("tags", json!(["a", "b", "c", "d"])),
        ("tags", json!(["a\n"])),
        ("limits", json!({"Ab": 1, "abcdefg": 2, "ok": 11})),
        ("limits", json!({"": 1})),
        ("grid", json!([[1, 0], [], [2]])),
        ("grid", json!(null)),
        (
            "stock",
            json!({"x": item(1, "A1"), "w2": item(20000, "A1")}),
        ),
        ("set", json!(["b"])),
        ("set", json!(["a", "c"])),
    ];
    let mut found_all = Vec::new();
    for (key, value) in edits {
        let mut v = base.clone();
        v[key] = value;
        found_all.push(one_verdict::<Tagged>(&v));
    }
    assert_eq!(
        found_all[0],
        [
            ("/tags".to_string(), "length"),
            ("/tags/0".to_string(), "length"),
            ("/tags/0".to_string(), "pattern"),
            ("/tags/1".to_string(), "length"),
            ("/tags/2".to_string(), "pattern"),
        ]
    );
    assert!(found_all[2].contains(&("/tags/0".to_string(), "pattern")));
    assert_eq!(
        found_all[3],
        [
            ("/limits/ok".to_string(), "range"),
            ("/limits/Ab".to_string(), "pattern"),
            ("/limits/abcdefg".to_string(), "length"),
        ]
    );
    assert_eq!(found_all[5], [("/grid/0/1".to_string(), "range")]);
    assert!(found_all[6].is_empty());
    assert_eq!(
        found_all[7],
        [
            ("/stock/w2/count".to_string(), "range"),
            ("/stock/x".to_string(), "prefix")
        ]
    );
    assert_eq!(found_all[8], [("/set/0".to_string(), "contains")]);
    assert_eq!(
        found_all[9],
        [
            ("/set/1".to_string(), "enum"),
            ("/set/1".to_string(), "contains")
        ]
    );
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Formats {
    #[validate(date_time)]
    at: String,
    #[validate(date)]
    day: Option<String>,
    #[validate(time)]
    clock: Option<String>,
    #[validate(ipv4, prefix = "10.")]
    ip: Option<String>,
    #[validate(uuid)]
    id: Option<String>,
    #[validate(inner(uuid))]
    ids: Vec<String>,
}

#[test]
fn formats_give_one_verdict_with_and_without_format_assertion() {
    let schema = schema_of::<Formats>();
    let p = &schema["properties"];
    assert_eq!(p["at"]["format"], "date-time");
    assert_eq!(p["ip"]["anyOf"][0]["format"], "ipv4");
    assert_eq!(
        p["ip"]["anyOf"][0]["allOf"],
        json!([{"pattern": "^10\\x2E"}])
    );
    let asserting = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let base = json!({"at": "2015-03-09T18:39:23Z", "ids": []});
    let mut cases = vec![base.clone()];
    let edits: Vec<(&str, Vec<Value>)> = vec![
        (
            "at",
            vec![
                json!("2015-02-29T18:39:23Z"),
                json!("2015-03-09T18:39:23.5+01:00"),
                json!("2015-03-09T18:39:23Z\n"),
                json!("2015-03-09 18:39:23Z"),
            ],
        ),
        (
            "day",
            vec![
                json!("2024-02-29"),
                json!("2023-02-29"),
                json!("2024-2-29"),
                json!(null),
            ],
        ),
        (
            "clock",
            vec![
                json!("23:59:59Z"),
                json!("23:59:60Z"),
                json!("23:59:59"),
                json!("23:59:59.25-05:00"),
            ],
        ),
        (
            "ip",
            vec![
                json!("10.0.0.1"),
                json!("10.0.0.256"),
                json!("11.0.0.1"),
                json!("10.01.0.1"),
                json!("10.0.0.1\n"),
            ],
        ),
        (
            "id",
            vec![
                json!("123e4567-e89b-12d3-a456-426614174000"),
                json!("123e4567e89b12d3a456426614174000"),
                json!("00000000-0000-0000-0000-000000000000"),
            ],
        ),
        (
            "ids",
            vec![json!(["123e4567-e89b-12d3-a456-426614174000", "x"])],
        ),
    ];
    for (key, values) in edits {
        for value in values {
            let mut v = base.clone();
            v[key] = value;
            cases.push(v);
        }
    }
    let mut rejected = 0;
    for payload in &cases {
        let found = one_verdict::<Formats>(payload);
        assert_eq!(
            asserting.is_valid(payload),
            found.is_empty(),
            "formats asserted: {payload}"
        );
        rejected += usize::from(!found.is_empty());
    }
    assert!(
        rejected > 8 && rejected < cases.len() - 8,
        "{rejected} of {}",
        cases.len()
    );
    let found = one_verdict::<Formats>(
        &json!({"at": "x", "ip": "11.0.0.256", "ids": ["a", "123e4567-e89b-12d3-a456-426614174000"]}),
    );
    assert_eq!(
        found,
        [
            ("/at".to_string(), "format"),
            ("/ip".to_string(), "format"),
            ("/ip".to_string(), "prefix"),
            ("/ids/0".to_string(), "format"),
        ]
    );
}

#[derive(Validate, Serialize, Deserialize, Debug)]
struct WithoutNested {
    line: LineItem,
    lines: Vec<LineItem>,
    by_name: BTreeMap<String, LineItem>,
    maybe: Option<Box<LineItem>>,
    plain: String,
}

#[test]
fn a_validate_type_is_validated_without_nested_as_its_schema_says() {
    let ok = json!({"line": {"sku": "a"}, "lines": [], "by_name": {}, "maybe": null, "plain": ""});
    assert!(one_verdict::<WithoutNested>(&ok).is_empty());
    let bad = json!({"line": {"sku": ""}, "lines": [{"sku": "a"}, {"sku": "123456789"}],
                     "by_name": {"k": {"sku": ""}}, "maybe": {"sku": ""}, "plain": ""});
    assert_eq!(
        one_verdict::<WithoutNested>(&bad),
        [
            ("/line/sku".to_string(), "length"),
            ("/lines/1/sku".to_string(), "length"),
            ("/by_name/k/sku".to_string(), "length"),
            ("/maybe/sku".to_string(), "length"),
        ]
    );
}

/// A newtype: its field's rules are the type's.
#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
struct UserId(#[validate(length(min = 3, max = 8), pattern = "[a-z0-9]+")] String);

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Percent(#[validate(range(min = 0, max = 100))] u8);

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Team {
    lead: UserId,
    members: Vec<UserId>,
    deputy: Option<UserId>,
    #[validate(nested)]
    load: Percent,
}

#[test]
fn newtypes_validate_and_emit_as_their_field() {
    let schema = schema_of::<Team>();
    assert_eq!(
        schema["$defs"]["UserId"],
        json!({"description": "A newtype: its field's rules are the type's.", "type": "string", "minLength": 3, "maxLength": 8, "pattern": "^[0-9a-z]+$",
               "not": {"type": "string", "pattern": "\n$"}})
    );
    assert_eq!(schema["$defs"]["Percent"]["maximum"], 100);
    assert!(UserId("ab".into()).validate().is_err());
    assert_eq!(
        paths(&UserId("AB".into()).validate().unwrap_err()),
        [("".to_string(), "length"), ("".to_string(), "pattern")]
    );
    let ok = json!({"lead": "ann", "members": ["bob", "cy1"], "deputy": null, "load": 50});
    assert!(one_verdict::<Team>(&ok).is_empty());
    for (payload, expected) in [
        (
            json!({"lead": "an", "members": [], "load": 5}),
            vec![("/lead", "length")],
        ),
        (
            json!({"lead": "ann", "members": ["bob", "B"], "load": 5}),
            vec![("/members/1", "length"), ("/members/1", "pattern")],
        ),
        (
            json!({"lead": "ann", "members": [], "deputy": "toolongname", "load": 101}),
            vec![("/deputy", "length"), ("/load", "range")],
        ),
        (
            json!({"lead": 5, "members": ["B"], "load": 5}),
            vec![
                ("/lead", "type"),
                ("/members/0", "length"),
                ("/members/0", "pattern"),
            ],
        ),
    ] {
        let mut found = one_verdict::<Team>(&payload);
        found.sort();
        let mut expected: Vec<(String, &str)> = expected
            .into_iter()
            .map(|(p, c)| (p.to_string(), c))
            .collect();
        expected.sort();
        assert_eq!(found, expected, "{payload}");
    }
    // A newtype at the top of a payload.
    assert!(from_json::<UserId>(br#""ann""#).is_ok());
    let report = from_json::<UserId>(br#""a""#).unwrap_err();
    assert_eq!(paths(&report), [("".to_string(), "length")]);
}
