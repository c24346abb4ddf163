//! The payload boundary: `from_json` and friends turn bytes into a
//! `Valid<T>` or a report of every problem, each with its JSON Pointer.

use std::collections::BTreeMap;

use access_key_schema::{
    from_json, from_json_with, from_str, from_value, AccessKey, JsonCheck, Limits,
    ListAccessKeysResponse, Path, StatusType, Timestamp, Valid, Validate, ValidationErrors,
};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Value};

// ---- Types ---------------------------------------------------------------

#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct Owner {
    #[validate(length(min = 1, max = 64), pattern = r"[\w+=,.@-]+")]
    name: String,
}

#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct Group {
    #[validate(length(min = 1, max = 16), pattern = r"[\w+=,.@-]+")]
    group_name: String,
    #[validate(nested)]
    owner: Owner,
    #[validate(nested, length(max = 3))]
    members: Vec<Owner>,
    #[validate(one_of("Dev", "Prod"))]
    stage: Option<String>,
    #[validate(range(min = 1, max = 1000))]
    max_items: i32,
    #[validate(range(min = -1.5))]
    ratio: Option<f64>,
    enabled: bool,
    #[serde(default)]
    tags: Vec<String>,
    status: StatusType,
    created: Option<Timestamp>,
    #[serde(default)]
    limits: BTreeMap<String, u8>,
    #[serde(default)]
    extra: Option<Value>,
}

fn group() -> Value {
    json!({
        "GroupName": "admins",
        "Owner": {"Name": "alice"},
        "Members": [{"Name": "bob"}, {"Name": "carol"}],
        "Stage": "Dev",
        "MaxItems": 10,
        "Ratio": 0.5,
        "Enabled": true,
        "Tags": ["a", "b"],
        "Status": "Active",
        "Created": "2015-03-09T18:39:23Z",
        "Limits": {"cpu": 4},
        "Extra": {"anything": [1, "two", null]}
    })
}

#[derive(Validate, Serialize, Deserialize, Debug, PartialEq)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct Closed {
    #[validate(length(min = 1, max = 8))]
    name: String,
    #[serde(default)]
    count: Option<u8>,
}

/// A recursive type: no `JsonCheck` bound can name itself.
#[derive(Validate, Deserialize, Debug)]
struct Node {
    #[validate(length(min = 1))]
    name: String,
    #[validate(nested, length(max = 2))]
    #[serde(default)]
    children: Vec<Node>,
    #[validate(nested)]
    #[serde(default)]
    next: Option<Box<Node>>,
}

/// A generic type: the bound comes from the field types.
#[derive(Validate, Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
struct Page<T: Validate> {
    #[validate(nested, length(min = 1))]
    items: Vec<T>,
    #[validate(range(max = 100))]
    next: Option<u32>,
}

/// A field type without `JsonCheck` does not stop `Validate` from working;
/// only `from_json` on `Opaque` would fail to compile.
#[derive(Validate)]
#[allow(dead_code)]
struct Opaque {
    #[validate(length(min = 1))]
    name: String,
    addr: std::net::Ipv4Addr,
}

/// A leaf whose `Deserialize` is stricter than its `JsonCheck`.
#[derive(Debug)]
struct Even(#[allow(dead_code)] u8);

impl<'de> Deserialize<'de> for Even {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u8::deserialize(d)?;
        if n % 2 == 0 {
            Ok(Even(n))
        } else {
            Err(serde::de::Error::custom("odd"))
        }
    }
}

impl access_key_schema::schemars::JsonSchema for Even {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Even".into()
    }
    fn json_schema(
        generator: &mut access_key_schema::schemars::SchemaGenerator,
    ) -> access_key_schema::schemars::Schema {
        u8::json_schema(generator)
    }
}

impl JsonCheck for Even {
    fn check_json(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
        u8::check_json(value, path, errors);
    }
}

#[derive(Validate, Deserialize, Debug)]
#[allow(dead_code)]
struct HasEven {
    n: Even,
}

// ---- Helpers ---------------------------------------------------------------

const AK: &str = "AKIAIOSFODNN7EXAMPLE";
const SK: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

fn key() -> Value {
    json!({
        "AccessKeyId": AK,
        "SecretAccessKey": SK,
        "Status": "Active",
        "UserName": "Bob",
        "CreateDate": "2015-03-09T18:39:23Z"
    })
}

fn codes(e: &ValidationErrors) -> Vec<(&str, &'static str)> {
    e.violations()
        .iter()
        .map(|v| (v.path(), v.code()))
        .collect()
}

fn messages(e: &ValidationErrors) -> Vec<String> {
    e.violations().iter().map(|v| v.message()).collect()
}

fn at(path: &str, member_must: &str) -> String {
    format!("Value at '{path}' failed to satisfy constraint: Member must {member_must}")
}

fn err<T>(json: &str) -> ValidationErrors
where
    T: Validate + serde::de::DeserializeOwned + JsonCheck + std::fmt::Debug,
{
    from_str::<T>(json).expect_err(json)
}

fn err_value<T>(value: &Value) -> ValidationErrors
where
    T: Validate + serde::de::DeserializeOwned + JsonCheck + std::fmt::Debug,
{
    let bytes = serde_json::to_vec(value).unwrap();
    let e = from_json::<T>(&bytes).expect_err("invalid payload");
    assert_eq!(
        from_value::<T>(value.clone()).expect_err("from_value agrees"),
        e,
        "from_value reports the same"
    );
    e
}

// ---- The issue's done-when -----------------------------------------------

#[test]
fn every_problem_of_an_access_key_payload_in_one_report() {
    let payload = json!({
        "AccessKeyId": "AKIA",
        "SecretAccessKey": 12345,
        "Status": "Deleted"
    });
    let e = err_value::<AccessKey>(&payload);
    assert_eq!(
        codes(&e),
        [
            ("/AccessKeyId", "length"),
            ("/SecretAccessKey", "type"),
            ("/Status", "enum"),
            ("/UserName", "required"),
        ]
    );
    assert_eq!(
        messages(&e),
        [
            at("/AccessKeyId", "have length greater than or equal to 16"),
            at("/SecretAccessKey", "be of type string"),
            at("/Status", "satisfy enum value set: [Active, Inactive]"),
            at("/UserName", "not be null"),
        ]
    );
    assert!(e.to_string().starts_with("4 validation errors detected: "));
}

// ---- Valid payloads ------------------------------------------------------

#[test]
fn aws_samples_read_into_valid_access_keys() {
    let samples = [
        key(),
        json!({"AccessKeyId": AK, "SecretAccessKey": SK, "Status": "Inactive", "UserName": "Bob"}),
        json!({"AccessKeyId": AK, "SecretAccessKey": SK, "Status": "Active", "UserName": "Bob",
               "CreateDate": "2015-03-09T18:39:23.411000+00:00"}),
        json!({"UserName": "Bob", "AccessKeyId": AK, "Status": "Active", "SecretAccessKey": SK,
               "CreateDate": null, "SomethingNew": {"ignored": [1, 2]}}),
    ];
    for sample in samples {
        let text = serde_json::to_string_pretty(&sample).unwrap();
        let k: Valid<AccessKey> = from_str(&text).unwrap();
        assert_eq!(k.access_key_id, AK, "Deref");
        assert_eq!(k.as_ref().user_name, "Bob", "AsRef");
        assert!(!format!("{k:?}").contains(SK), "Debug is T's, redacted");
        assert!(
            format!("{k:?}").starts_with("AccessKey {"),
            "transparent Debug"
        );
        let again: Valid<AccessKey> = from_value(sample.clone()).unwrap();
        assert_eq!(k, again);
        let inner: AccessKey = k.clone().into_inner();
        assert_eq!(inner.secret_access_key.expose_secret(), SK);
        assert_eq!(
            serde_json::to_value(&k).unwrap(),
            serde_json::to_value(&inner).unwrap(),
            "transparent Serialize"
        );
    }
}

#[test]
fn valid_nested_payload_reads_back_whole() {
    let g = from_value::<Group>(group()).unwrap().into_inner();
    assert_eq!(g.members[1].name, "carol");
    assert_eq!(g.limits["cpu"], 4);
    assert_eq!(serde_json::to_value(&g).unwrap()["Extra"], group()["Extra"]);
}

// ---- Each code -----------------------------------------------------------

#[test]
fn syntax_errors_give_line_and_column_and_hide_nothing_else() {
    let e = err::<AccessKey>("{\n  \"AccessKeyId\": \"AKIA\",\n  \"Status\": Active\n}");
    assert_eq!(codes(&e), [("", "syntax")]);
    assert_eq!(
        messages(&e),
        [at("", "be valid JSON: expected value at line 3 column 13")]
    );
    for (bytes, reason) in [
        (&b""[..], "EOF while parsing a value at line 1 column 0"),
        (
            b"{\"UserName\": \"Bob\"",
            "EOF while parsing an object at line 1 column 18",
        ),
        (b"{\"a\": 1,}", "trailing comma at line 1 column 9"),
        (b"{\"a\": 1} {}", "trailing characters at line 1 column 10"),
        (b"{\"a\": 1} x", "trailing characters at line 1 column 10"),
        (
            b"{\"a\": \"\xff\"}",
            "invalid unicode code point at line 1 column 8",
        ),
        (b"\xff", "expected value at line 1 column 1"),
        (b"\xEF\xBB\xBF{}", "expected value at line 1 column 1"),
        (b"{\"a\": 1e400}", "number out of range at line 1 column 11"),
        (
            b"{\"a\": \"\\ud800\"}",
            "unexpected end of hex escape at line 1 column 14",
        ),
    ] {
        let e = from_json::<AccessKey>(bytes).unwrap_err();
        assert_eq!(codes(&e), [("", "syntax")], "{bytes:?}");
        assert_eq!(
            messages(&e),
            [at("", &format!("be valid JSON: {reason}"))],
            "{bytes:?}"
        );
    }
}

#[test]
fn wrong_json_types_name_the_expected_type() {
    let mut g = group();
    g["GroupName"] = json!(1);
    g["Owner"] = json!("alice");
    g["Members"] = json!({"Name": "bob"});
    g["MaxItems"] = json!(10.5);
    g["Ratio"] = json!("0.5");
    g["Enabled"] = json!("true");
    g["Tags"] = json!(["a", 2]);
    g["Status"] = json!(["Active"]);
    g["Limits"] = json!({"cpu": "4"});
    let e = err_value::<Group>(&g);
    assert_eq!(
        messages(&e),
        [
            at("/GroupName", "be of type string"),
            at("/Owner", "be of type object"),
            at("/Members", "be of type array"),
            at("/MaxItems", "be of type integer"),
            at("/Ratio", "be of type number"),
            at("/Enabled", "be of type boolean"),
            at("/Tags/1", "be of type string"),
            at("/Status", "be of type string"),
            at("/Limits/cpu", "be of type integer"),
        ]
    );
    assert!(e.violations().iter().all(|v| v.code() == "type"));
}

#[test]
fn integers_accept_whole_numbers_and_reject_fractions_and_out_of_range_values() {
    // JSON Schema's `integer` is any whole number, however it is written.
    for max_items in [json!(5.0), json!(1e2), json!(1000.0)] {
        let mut g = group();
        g["MaxItems"] = max_items.clone();
        let valid = from_value::<Group>(g).unwrap_or_else(|e| panic!("{max_items}: {e}"));
        assert_eq!(
            serde_json::to_value(&*valid).unwrap()["MaxItems"],
            json!(max_items.as_f64().unwrap() as i64)
        );
    }
    for (max_items, message) in [
        (json!(5.5), "be of type integer"),
        (json!(-0.0), "have value greater than or equal to 1"),
        (
            json!(2_147_483_648_i64),
            "have value less than or equal to 2147483647",
        ),
        (
            json!(-2_147_483_649_i64),
            "have value greater than or equal to -2147483648",
        ),
        (json!(1e30), "have value less than or equal to 2147483647"),
        (json!(0), "have value greater than or equal to 1"),
        (json!(1001), "have value less than or equal to 1000"),
        (json!(1000.5), "be of type integer"),
    ] {
        let mut g = group();
        g["MaxItems"] = max_items.clone();
        let e = err_value::<Group>(&g);
        assert_eq!(messages(&e), [at("/MaxItems", message)], "{max_items}");
    }
    // Written as text, so serde_json reads the number itself (as a float:
    // it is beyond 64 bits).
    let text = serde_json::to_string(&group())
        .unwrap()
        .replace("\"MaxItems\":10", "\"MaxItems\":99999999999999999999");
    assert_eq!(
        messages(&err::<Group>(&text)),
        [at(
            "/MaxItems",
            "have value less than or equal to 2147483647"
        )]
    );
    let text = serde_json::to_string(&group())
        .unwrap()
        .replace("\"MaxItems\":10", "\"MaxItems\":7e0");
    assert_eq!(from_json::<Group>(text.as_bytes()).unwrap().max_items, 7);
    let mut g = group();
    g["Limits"] = json!({"cpu": 256, "mem": -1});
    assert_eq!(
        codes(&err_value::<Group>(&g)),
        [("/Limits/cpu", "range"), ("/Limits/mem", "range")]
    );
    // Any JSON number is a float.
    let mut g = group();
    g["Ratio"] = json!(3);
    assert!(from_value::<Group>(g).is_ok());
}

#[test]
fn missing_and_null_members() {
    let mut k = key();
    k["UserName"] = Value::Null;
    k["CreateDate"] = Value::Null;
    k.as_object_mut().unwrap().remove("Status");
    let e = err_value::<AccessKey>(&k);
    assert_eq!(
        messages(&e),
        [at("/Status", "not be null"), at("/UserName", "not be null")]
    );
    // Optional members may be absent or null; defaulted ones absent only.
    let mut g = group();
    for name in ["Stage", "Ratio", "Created", "Extra", "Tags", "Limits"] {
        g.as_object_mut().unwrap().remove(name);
    }
    assert!(from_value::<Group>(g.clone()).is_ok());
    for name in ["Stage", "Ratio", "Created", "Extra"] {
        g[name] = Value::Null;
    }
    assert!(from_value::<Group>(g.clone()).is_ok());
    g["Tags"] = Value::Null;
    assert_eq!(codes(&err_value::<Group>(&g)), [("/Tags", "required")]);
}

#[test]
fn enums_accept_their_strings_only() {
    for (status, code) in [
        (json!("active"), "enum"),
        (json!("Active "), "enum"),
        (json!({"Active": null}), "type"),
        (json!(1), "type"),
    ] {
        let mut k = key();
        k["Status"] = status.clone();
        let e = err_value::<AccessKey>(&k);
        assert_eq!(codes(&e), [("/Status", code)], "{status}");
    }
    let e = from_value::<StatusType>(json!("Deleted")).unwrap_err();
    assert_eq!(
        messages(&e),
        [at("", "satisfy enum value set: [Active, Inactive]")]
    );
    assert_eq!(
        *from_value::<StatusType>(json!("Inactive")).unwrap(),
        StatusType::Inactive
    );
}

#[test]
fn timestamps_must_be_rfc_3339() {
    for bad in [
        "2015-03-09 18:39:23Z",
        "2015-02-29T00:00:00Z",
        "2015-03-09T18:39:60Z",
        "0000-01-01T00:00:00Z",
        "",
    ] {
        let mut k = key();
        k["CreateDate"] = json!(bad);
        let e = err_value::<AccessKey>(&k);
        assert_eq!(
            messages(&e),
            [at("/CreateDate", "be a valid date-time")],
            "{bad}"
        );
        assert_eq!(e.violations()[0].code(), "format");
    }
    let mut k = key();
    k["CreateDate"] = json!(1425926363);
    assert_eq!(
        codes(&err_value::<AccessKey>(&k)),
        [("/CreateDate", "type")]
    );
}

#[test]
fn rules_report_exactly_what_validate_reports() {
    let mut g = group();
    g["GroupName"] = json!("has space and is too long");
    g["Owner"] = json!({"Name": ""});
    g["Members"] = json!([{"Name": "a"}, {"Name": "b c"}, {"Name": "d"}, {"Name": "e"}]);
    g["Stage"] = json!("Test");
    g["MaxItems"] = json!(0);
    g["Ratio"] = json!(-2);
    let e = err_value::<Group>(&g);
    assert_eq!(
        messages(&e),
        [
            at("/GroupName", "have length less than or equal to 16"),
            at(
                "/GroupName",
                "satisfy regular expression pattern: [\\w+=,.@-]+"
            ),
            at("/Owner/Name", "have length greater than or equal to 1"),
            at(
                "/Owner/Name",
                "satisfy regular expression pattern: [\\w+=,.@-]+"
            ),
            at("/Members", "have length less than or equal to 3"),
            at(
                "/Members/1/Name",
                "satisfy regular expression pattern: [\\w+=,.@-]+"
            ),
            at("/Stage", "satisfy enum value set: [Dev, Prod]"),
            at("/MaxItems", "have value greater than or equal to 1"),
            at("/Ratio", "have value greater than or equal to -1.5"),
        ]
    );
    // The same payload, typed, gives the same report through validate().
    let typed: Group = serde_json::from_value(g).unwrap();
    assert_eq!(typed.validate().unwrap_err(), e);
}

#[test]
fn nested_problems_of_both_kinds_in_one_report() {
    let mut g = group();
    g["Members"] = json!([{"Name": 1}, {"Name": "b c"}, {}, {"Name": "d"}]);
    let e = err_value::<Group>(&g);
    assert_eq!(
        codes(&e),
        [
            ("/Members", "length"),
            ("/Members/0/Name", "type"),
            ("/Members/1/Name", "pattern"),
            ("/Members/2/Name", "required"),
        ]
    );
}

#[test]
fn structs_are_objects_never_arrays_of_field_values() {
    let fields = json!([AK, SK, "Active", "Bob", "2015-03-09T18:39:23Z"]);
    assert!(
        serde_json::from_value::<AccessKey>(fields.clone()).is_ok(),
        "serde alone accepts this"
    );
    let e = err_value::<AccessKey>(&fields);
    assert_eq!(messages(&e), [at("", "be of type object")]);

    let mut g = group();
    g["Owner"] = json!(["alice"]);
    g["Members"] = json!([{"Name": "bob"}, ["carol"]]);
    assert!(serde_json::from_value::<Group>(g.clone()).is_ok());
    let e = err_value::<Group>(&g);
    assert_eq!(codes(&e), [("/Owner", "type"), ("/Members/1", "type")],);
    for top in ["null", "\"x\"", "1", "true", "[]"] {
        assert_eq!(codes(&err::<AccessKey>(top)), [("", "type")], "{top}");
    }
}

#[test]
fn unknown_members_only_where_denied() {
    let e = err::<Closed>(r#"{"Name": "ok", "Count": 1, "Colour": "red", "name": "x"}"#);
    assert_eq!(
        messages(&e),
        [
            at("/Colour", "not be present (known members: [Name, Count])"),
            at("/name", "not be present (known members: [Name, Count])"),
        ]
    );
    assert!(e.violations().iter().all(|v| v.code() == "unknown_field"));
    // Reported with the other problems of the object, after them.
    let e = err::<Closed>(r#"{"Name": "far too long", "Count": 300, "X": 1}"#);
    assert_eq!(
        codes(&e),
        [
            ("/Name", "length"),
            ("/Count", "range"),
            ("/X", "unknown_field")
        ]
    );
    assert_eq!(
        *from_str::<Closed>(r#"{"Name": "ok"}"#).unwrap(),
        Closed {
            name: "ok".into(),
            count: None
        }
    );
    // Without deny_unknown_fields, unknown members are ignored.
    let mut k = key();
    k["Colour"] = json!("red");
    assert!(from_value::<AccessKey>(k).is_ok());
}

#[test]
fn duplicate_members_are_reported_where_they_repeat() {
    let text = r#"{"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "x",
        "Status": "Active", "UserName": "Bob", "UserName": "Bob"}"#;
    let e = err::<AccessKey>(text);
    assert_eq!(messages(&e), [at("/UserName", "not appear more than once")]);
    assert_eq!(e.violations()[0].code(), "duplicate_field");

    // The first value is the one checked; unknown and nested members too.
    let text = r#"{"AccessKeyId": "short", "AccessKeyId": "AKIAIOSFODNN7EXAMPLE",
        "SecretAccessKey": "x", "Status": "Active", "UserName": "Bob",
        "Other": {"a": 1, "a": 2}}"#;
    assert_eq!(
        codes(&err::<AccessKey>(text)),
        [
            ("/AccessKeyId", "duplicate_field"),
            ("/Other/a", "duplicate_field"),
            ("/AccessKeyId", "length"),
        ]
    );
    let text = serde_json::to_string(&group())
        .unwrap()
        .replace("{\"cpu\":4}", "{\"cpu\":4,\"cpu\":5}")
        .replace("{\"anything\":", "{\"x/y\":0,\"x/y\":1,\"anything\":");
    assert_eq!(
        codes(&err::<Group>(&text)),
        [
            ("/Limits/cpu", "duplicate_field"),
            ("/Extra/x~1y", "duplicate_field")
        ]
    );
}

#[test]
fn size_limit() {
    let mut k = key();
    k["UserName"] = json!("x".repeat(2 << 20));
    let bytes = serde_json::to_vec(&k).unwrap();
    let e = from_json::<AccessKey>(&bytes).unwrap_err();
    assert_eq!(
        messages(&e),
        [at("", "have size less than or equal to 1048576 bytes")]
    );
    assert_eq!(e.violations()[0].code(), "limit");
    let limits = Limits {
        max_bytes: 3 << 20,
        ..Limits::default()
    };
    let e = from_json_with::<AccessKey>(&bytes, &limits).unwrap_err();
    assert_eq!(codes(&e), [("/UserName", "length")]);
    let small = Limits {
        max_bytes: 10,
        ..Limits::default()
    };
    assert_eq!(
        codes(&from_json_with::<AccessKey>(b"{\"a\": 1}  ", &small).unwrap_err()),
        [
            ("/AccessKeyId", "required"),
            ("/SecretAccessKey", "required"),
            ("/Status", "required"),
            ("/UserName", "required")
        ],
        "exactly max_bytes is read"
    );
    assert_eq!(Limits::default(), Limits::DEFAULT);
    assert_eq!(
        (Limits::DEFAULT.max_bytes, Limits::DEFAULT.max_depth),
        (1 << 20, 64)
    );
}

#[test]
fn depth_limit_without_stack_overflow() {
    // A spawned thread has the default 2 MiB stack, not the main thread's.
    std::thread::spawn(|| {
        let arrays = "[".repeat(100_000);
        let e = from_json::<AccessKey>(arrays.as_bytes()).unwrap_err();
        assert_eq!(
            messages(&e),
            [at(
                &"/0".repeat(64),
                "have nesting depth less than or equal to 64"
            )]
        );
        assert_eq!(e.violations()[0].code(), "limit");

        let objects = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
        let e = from_json::<AccessKey>(objects.as_bytes()).unwrap_err();
        assert_eq!(codes(&e), [(&*"/a".repeat(64), "limit")]);

        // Inside a member the type keeps as a Value, and inside an ignored one.
        let mut g = serde_json::to_string(&group()).unwrap();
        g.insert_str(1, &format!("\"Extra2\": {}, ", "[".repeat(100_000)));
        let e = from_str::<Group>(&g).unwrap_err();
        assert_eq!(
            codes(&e),
            [(&*format!("/Extra2{}", "/0".repeat(63)), "limit")]
        );

        let nest = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let mut g = group();
        g["Extra"] = serde_json::from_str(&nest(63)).unwrap();
        assert!(from_value::<Group>(g.clone()).is_ok());
        assert!(from_json::<Group>(&serde_json::to_vec(&g).unwrap()).is_ok());
        g["Extra"] = serde_json::from_str(&nest(64)).unwrap();
        let e = err_value::<Group>(&g);
        assert_eq!(
            codes(&e),
            [(&*format!("/Extra{}", "/0".repeat(63)), "limit")]
        );
        let shallow = Limits {
            max_depth: 2,
            ..Limits::default()
        };
        assert_eq!(
            codes(
                &from_json_with::<Group>(&serde_json::to_vec(&group()).unwrap(), &shallow)
                    .unwrap_err()
            ),
            [("/Members/0", "limit")]
        );
    })
    .join()
    .expect("no stack overflow");
}

#[test]
fn recursive_types_check_every_level() {
    let text = r#"{"name": "root", "children": [{"name": ""}, {"name": "b", "children": [
        {"name": "c"}, {"name": "d"}, {"name": "e"}]}], "next": {"name": 1}}"#;
    let e = err::<Node>(text);
    assert_eq!(
        codes(&e),
        [
            ("/children/0/name", "length"),
            ("/children/1/children", "length"),
            ("/next/name", "type"),
        ]
    );
    assert!(from_str::<Node>(r#"{"name": "a", "next": {"name": "b"}}"#).is_ok());
    let _ = Opaque {
        name: String::new(),
        addr: std::net::Ipv4Addr::LOCALHOST,
    }
    .validate();
}

#[test]
fn generic_types() {
    let page = from_str::<Page<Owner>>(r#"{"Items": [{"Name": "a"}], "Next": 3}"#).unwrap();
    assert_eq!(page.items[0].name, "a");
    let e = err::<Page<Owner>>(r#"{"Items": [{"Name": "a b"}, []], "Next": 101}"#);
    assert_eq!(
        codes(&e),
        [
            ("/Items/0/Name", "pattern"),
            ("/Items/1", "type"),
            ("/Next", "range")
        ]
    );
    let e = err::<Page<Owner>>(r#"{"Items": [], "Next": -1}"#);
    assert_eq!(
        messages(&e),
        [
            at("/Items", "have length greater than or equal to 1"),
            at("/Next", "have value greater than or equal to 0"),
        ]
    );
}

#[test]
fn a_stricter_deserialize_still_fails_with_a_report() {
    assert!(from_str::<HasEven>(r#"{"n": 2}"#).is_ok());
    let e = err::<HasEven>(r#"{"n": 3}"#);
    assert_eq!(messages(&e), [at("", "be a valid value of its type")]);
    assert_eq!(e.violations()[0].code(), "invalid");
    assert_eq!(codes(&err::<HasEven>(r#"{"n": 300}"#)), [("/n", "range")]);
}

// ---- Secrets ---------------------------------------------------------------

#[test]
fn no_report_ever_contains_a_payload_value() {
    const CANARY: &str = "CANARY-wJalrXUtnFEMI-secret";
    let payloads = [
        // The secret itself fine, everything else broken in every way.
        format!(
            r#"{{"AccessKeyId": 5, "SecretAccessKey": "{CANARY}", "Status": "{CANARY}",
               "UserName": "bad name {CANARY}", "CreateDate": "{CANARY}",
               "UserName": "{CANARY}"}}"#
        ),
        // The secret broken.
        format!(r#"{{"SecretAccessKey": ["{CANARY}"], "AccessKeyId": "{CANARY}!"}}"#),
        format!(r#"{{"SecretAccessKey": {{"a": "{CANARY}", "a": "{CANARY}"}}}}"#),
        // Syntax errors around it.
        format!(r#"{{"SecretAccessKey": "{CANARY}" "#),
        format!(r#"{{"SecretAccessKey": "{CANARY}\x"}}"#),
        format!(r#"{{"SecretAccessKey": {CANARY}}}"#),
        format!(r#"["{CANARY}", {CANARY}]"#),
        format!(
            r#"{{"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "{CANARY}",
               "Status": "Active", "UserName": "Bob"}} {CANARY}"#
        ),
    ];
    for payload in &payloads {
        let e = from_str::<AccessKey>(payload).expect_err(payload);
        let outputs = [
            e.to_string(),
            format!("{e:?}"),
            format!("{e:#?}"),
            serde_json::to_string(&e).unwrap(),
        ];
        for out in outputs.iter().chain(
            e.violations()
                .iter()
                .map(|v| v.message())
                .collect::<Vec<_>>()
                .iter(),
        ) {
            assert!(!out.contains("CANARY"), "{out}");
        }
    }
    let closed = format!(r#"{{"Name": "{CANARY}", "{CANARY}x": 1}}"#);
    let e = from_str::<Closed>(&closed).unwrap_err();
    // The one exception: a member *name* is part of a path.
    assert_eq!(codes(&e)[0], ("/Name", "length"));
    assert!(!e.violations()[0].message().contains(CANARY));
}

// ---- Fast and slow path agree on the whole corpus ---------------------------

#[test]
fn corpus_verdicts_agree_across_paths() {
    let corpus = access_key_schema::vectors::<AccessKey>();
    assert!(corpus.len() > 1000);
    let (mut accepted, mut rejected) = (0, 0);
    for case in &corpus {
        let payload = &case.payload;
        let bytes = serde_json::to_vec(payload).unwrap();
        let from_bytes = from_json::<AccessKey>(&bytes);
        let from_val = from_value::<AccessKey>(payload.clone());
        let typed = serde_json::from_value::<AccessKey>(payload.clone());
        let expected = payload.is_object() && typed.as_ref().is_ok_and(|k| k.validate().is_ok());
        assert_eq!(
            from_bytes.is_ok(),
            expected,
            "{}: {payload}",
            case.description
        );
        match (&from_bytes, &from_val) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a, b);
                assert_eq!(**a, *typed.as_ref().unwrap());
                accepted += 1;
            }
            (Err(a), Err(b)) => {
                assert_eq!(a, b, "{}", case.description);
                assert!(!a.is_empty());
                assert!(
                    a.violations().iter().all(|v| v.code() != "invalid"),
                    "{}: {a}",
                    case.description
                );
                rejected += 1;
            }
            _ => panic!("from_json and from_value disagree on {}", case.description),
        }
        // The slow path's walk finds exactly validate()'s problems whenever
        // the payload has the right shape.
        let mut walked = ValidationErrors::new();
        AccessKey::check_json(payload, &Path::ROOT, &mut walked);
        let shape_ok = walked
            .violations()
            .iter()
            .all(|v| !matches!(v.code(), "type" | "required" | "enum" | "format"));
        if shape_ok {
            let k = typed.as_ref().expect("right shape deserializes");
            assert_eq!(
                k.validate().err().unwrap_or_default(),
                walked,
                "{}",
                case.description
            );
        } else {
            assert!(from_bytes.is_err());
        }
    }
    assert!(accepted > 100 && rejected > 1000, "{accepted} / {rejected}");
}

/// `Limits::max_violations` caps the report on both paths: the fast path
/// (the payload deserializes, `validate()` finds the problems) and the slow
/// path (it does not deserialize); the count stays exact.
#[test]
fn reports_keep_max_violations_and_count_the_rest() {
    let keys = |item: &str, n: usize| {
        let items: Vec<&str> = std::iter::repeat_n(item, n).collect();
        format!(r#"{{"AccessKeyMetadata": [{}]}}"#, items.join(","))
    };
    // Fast path: every item deserializes, each has one `pattern` violation.
    let rules = keys(r#"{"UserName": "Bob Smith"}"#, 150);
    // Slow path: each item is a `type` violation.
    let types = keys("7", 150);
    for (payload, code, last) in [
        (rules, "pattern", "/AccessKeyMetadata/39/UserName"),
        (types, "type", "/AccessKeyMetadata/39"),
    ] {
        let limits = Limits {
            max_violations: 40,
            ..Limits::DEFAULT
        };
        let e = from_json_with::<ListAccessKeysResponse>(payload.as_bytes(), &limits).unwrap_err();
        assert_eq!((e.len(), e.omitted(), e.violations().len()), (150, 110, 40));
        assert!(e.violations().iter().all(|v| v.code() == code));
        assert_eq!(e.violations()[39].path(), last);
        assert!(e
            .to_string()
            .starts_with("150 validation errors detected: "));
        assert!(e.to_string().ends_with("; and 110 more"));

        // The default keeps 100; uncapped keeps all 150, the same first ones.
        let default = from_json::<ListAccessKeysResponse>(payload.as_bytes()).unwrap_err();
        assert_eq!((default.len(), default.violations().len()), (150, 100));
        let all = Limits {
            max_violations: usize::MAX,
            ..Limits::DEFAULT
        };
        let every = from_json_with::<ListAccessKeysResponse>(payload.as_bytes(), &all).unwrap_err();
        assert_eq!((every.len(), every.omitted()), (150, 0));
        assert_eq!(every.violations()[..40], e.violations()[..]);
    }
}
