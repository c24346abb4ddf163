//! The safety net of `from_json`'s reader: the report (every violation's
//! path and code, in order, the count, and `Display` of the whole report,
//! which holds every kept violation's message in order) of every payload of `schema/*.vectors.json` (as its type), every
//! seed of `fuzz/corpus/from_json/` (as every model type), and a mutation
//! sweep of payloads built to hit each kind of problem (wrong type, unknown
//! enum value, bad date, missing, repeated and unknown members, escapes,
//! malformed and truncated documents, a `deny_unknown_fields` shape), is
//! recorded in `tests/fixtures/reports.json`; this test checks `from_json`
//! reproduces it byte for byte.
//!
//! The fixture was recorded from the reader as it was before the reporting
//! reader (issue 14) replaced the slow path; it must not be regenerated to
//! make a change pass. `REPORTS_FIXTURE=write cargo test -p access-key-tests
//! --test reports` rewrites it, for a deliberate change of reports only.

use std::fmt::Write as _;

use access_key_schema::{
    __json, from_json, AccessKey, AccessKeyLastUsed, AccessKeyMetadata, CreateAccessKeyRequest,
    CreateAccessKeyResponse, DeleteAccessKeyRequest, JsonCheck, ListAccessKeysRequest,
    ListAccessKeysResponse, StatusType, Timestamp, UpdateAccessKeyRequest, Validate,
};
use access_key_user_types as user;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

/// A shape refusing unknown members, with each kind of field.
#[derive(Validate, Deserialize, Debug)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
#[allow(dead_code)]
struct Strict {
    #[validate(length(min = 16, max = 128), pattern = r"[\w]+")]
    access_key_id: String,
    status: StatusType,
    create_date: Option<Timestamp>,
    #[validate(range(min = 1, max = 1000))]
    max_items: Option<i32>,
    #[serde(default)]
    enabled: bool,
    #[validate(nested, length(max = 3))]
    #[serde(default)]
    keys: Vec<AccessKey>,
}

fn report<T: Validate + DeserializeOwned + JsonCheck>(bytes: &[u8]) -> Value {
    match from_json::<T>(bytes) {
        Ok(_) => Value::Null,
        Err(e) => {
            let violations: Vec<Value> = e
                .violations()
                .iter()
                .map(|v| json!([v.path(), v.code()]))
                .collect();
            json!({"len": e.len(), "display": e.to_string(), "violations": violations})
        }
    }
}

type Check = fn(&[u8]) -> Value;

fn check_of(name: &str) -> Check {
    match name {
        "AccessKey" => report::<AccessKey>,
        "AccessKeyMetadata" => report::<AccessKeyMetadata>,
        "AccessKeyLastUsed" => report::<AccessKeyLastUsed>,
        "CreateAccessKeyRequest" => report::<CreateAccessKeyRequest>,
        "CreateAccessKeyResponse" => report::<CreateAccessKeyResponse>,
        "ListAccessKeysRequest" => report::<ListAccessKeysRequest>,
        "ListAccessKeysResponse" => report::<ListAccessKeysResponse>,
        "UpdateAccessKeyRequest" => report::<UpdateAccessKeyRequest>,
        "DeleteAccessKeyRequest" => report::<DeleteAccessKeyRequest>,
        "Strict" => report::<Strict>,
        "SignupForm" => report::<user::SignupForm>,
        "Order" => report::<user::Order>,
        "SensorConfig" => report::<user::SensorConfig>,
        "Dashboard" => report::<user::Dashboard>,
        "Category" => report::<user::Category>,
        "Inventory" => report::<user::Inventory>,
        "Survey" => report::<user::Survey>,
        "Booking" => report::<user::Booking>,
        "RoleRef" => report::<user::RoleRef>,
        "ForeignTypes" => report::<user::ForeignTypes>,
        "Payment" => report::<user::Payment>,
        "Refund" => report::<user::Refund>,
        "Transfer" => report::<user::Transfer>,
        "Checkout" => report::<user::Checkout>,
        "AuditedDoc" => report::<user::AuditedDoc>,
        "Endpoint" => report::<user::Endpoint>,
        "Peer" => report::<user::Peer>,
        _ => panic!("unknown type {name}"),
    }
}

const ALL_TYPES: &[&str] = &[
    "AccessKey",
    "AccessKeyMetadata",
    "AccessKeyLastUsed",
    "CreateAccessKeyRequest",
    "CreateAccessKeyResponse",
    "ListAccessKeysRequest",
    "ListAccessKeysResponse",
    "UpdateAccessKeyRequest",
    "DeleteAccessKeyRequest",
    "Strict",
];

/// One payload to record: where it comes from, its bytes, the types to read
/// it as.
struct Case {
    source: String,
    bytes: Vec<u8>,
    types: Vec<&'static str>,
}

fn vectors() -> Vec<Case> {
    let root = xtask::workspace_root();
    let mut out = Vec::new();
    // Every shape with a vectors file: the nine IAM shapes and the
    // user-style types of tests/user-types.
    for shape in xtask::SHAPES.iter().chain(xtask::USER_SHAPES) {
        let name: &'static str = shape.name;
        check_of(name);
        let path = root.join(format!("schema/{name}.vectors.json"));
        let file: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        for (i, case) in file["cases"].as_array().unwrap().iter().enumerate() {
            out.push(Case {
                source: format!("{name}.vectors.json#{i}"),
                bytes: serde_json::to_vec(&case["payload"]).unwrap(),
                types: vec![name],
            });
        }
    }
    out
}

fn seeds() -> Vec<Case> {
    let dir = xtask::workspace_root().join("fuzz/corpus/from_json");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| Case {
            source: format!(
                "fuzz/corpus/from_json/{}",
                p.file_name().unwrap().to_string_lossy()
            ),
            bytes: std::fs::read(&p).unwrap(),
            types: ALL_TYPES.to_vec(),
        })
        .collect()
}

/// Values tried in place of each member's.
const VALUES: &[&str] = &[
    "null",
    "true",
    "0",
    "5",
    "5.0",
    "-1",
    "1.5",
    "1e2",
    "\"\"",
    "\"s\"",
    "\"Active\"",
    "\"Disabled\"",
    "\"2015-03-09T18:39:23Z\"",
    "\"2015-02-30T18:39:23Z\"",
    "\"AKIAIOSFODNN7EXAMPLE\"",
    "\"AKIA\\u0049OSFODNN7EXAMPLE\"",
    "\"Act\\u0069ve\"",
    "\"B\\u00f6b\"",
    "\"a b\"",
    "[]",
    "[1,\"x\"]",
    "{}",
    r#"{"Name":1}"#,
    r#"{"a":1,"a":2}"#,
    r#"[{"AccessKeyId":"x"}]"#,
];

fn object(members: &[(String, String)]) -> String {
    let inner: Vec<String> = members.iter().map(|(n, v)| format!("{n}:{v}")).collect();
    format!("{{{}}}", inner.join(","))
}

/// Mutants of one base object: each member removed, its value replaced,
/// repeated, its name escaped or mis-cased; members added; every prefix
/// (truncations); a few respellings.
fn sweep(label: &str, base: &[(&str, &str)], types: &[&'static str]) -> Vec<Case> {
    let base: Vec<(String, String)> = base
        .iter()
        .map(|(n, v)| (format!("\"{n}\""), (*v).to_owned()))
        .collect();
    let mut payloads = vec![object(&base)];
    for i in 0..base.len() {
        let mut m = base.clone();
        m.remove(i);
        payloads.push(object(&m));
        for value in VALUES {
            let mut m = base.clone();
            m[i].1 = (*value).to_owned();
            payloads.push(object(&m));
        }
        let mut m = base.clone();
        m.push(base[i].clone());
        payloads.push(object(&m));
        let mut m = base.clone();
        m.insert(0, (base[i].0.clone(), "7".to_owned()));
        payloads.push(object(&m));
        let name = base[i].0.trim_matches('"');
        let escaped = format!("\"\\u{:04x}{}\"", name.as_bytes()[0], &name[1..]);
        let mut m = base.clone();
        m[i].0 = escaped.clone();
        payloads.push(object(&m));
        let mut m = base.clone();
        m.push((escaped, "1".to_owned()));
        payloads.push(object(&m));
        let mut m = base.clone();
        m[i].0 = format!("\"{}\"", name.to_lowercase());
        payloads.push(object(&m));
    }
    for extra in [
        vec![("\"zz\"", "1")],
        vec![("\"zz\"", "1"), ("\"zz\"", "2")],
        vec![("\"a/b~c\"", "[1]"), ("\"a/b~c\"", "{}")],
        vec![("\"zz\"", r#"{"k":1,"k":2}"#)],
        vec![("\"zz\"", "[[[[[[[[[[1]]]]]]]]]]")],
    ] {
        let mut m = base.clone();
        m.extend(
            extra
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
        );
        payloads.push(object(&m));
    }
    let whole = object(&base);
    for end in 0..whole.len() {
        if whole.is_char_boundary(end) {
            payloads.push(whole[..end].to_owned());
        }
    }
    payloads.extend([
        format!(" \n{}\n ", whole.replace(',', ",\n  ")),
        whole.replacen(',', ",,", 1),
        whole.replacen(':', "", 1),
        whole.replacen('}', ",}", 1),
        format!("{whole}x"),
        format!("{whole} {{}}"),
        whole.replacen('"', "\"\u{1}", 1),
        "null".to_owned(),
        "[]".to_owned(),
        "\"x\"".to_owned(),
        String::new(),
    ]);
    payloads.sort();
    payloads.dedup();
    payloads
        .into_iter()
        .enumerate()
        .map(|(i, p)| Case {
            source: format!("sweep/{label}#{i}"),
            bytes: p.into_bytes(),
            types: types.to_vec(),
        })
        .collect()
}

fn sweeps() -> Vec<Case> {
    let key = [
        ("AccessKeyId", "\"AKIAIOSFODNN7EXAMPLE\""),
        (
            "SecretAccessKey",
            "\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"",
        ),
        ("Status", "\"Active\""),
        ("UserName", "\"Bob\""),
        ("CreateDate", "\"2015-03-09T18:39:23Z\""),
    ];
    let key_json = object(
        &key.iter()
            .map(|(n, v)| (format!("\"{n}\""), (*v).to_owned()))
            .collect::<Vec<_>>(),
    );
    let mut out = sweep("AccessKey", &key, &["AccessKey", "Strict"]);
    let response = [("AccessKey", key_json.as_str())];
    out.extend(sweep(
        "CreateAccessKeyResponse",
        &response,
        &["CreateAccessKeyResponse"],
    ));
    let meta = r#"{"UserName":"Bob","AccessKeyId":"AKIAIOSFODNN7EXAMPLE","Status":"Inactive","CreateDate":"2015-03-09T18:39:23Z"}"#;
    let list = format!("[{meta},{meta}]");
    let response = [
        ("AccessKeyMetadata", list.as_str()),
        ("IsTruncated", "true"),
        ("Marker", "\"m\""),
    ];
    out.extend(sweep(
        "ListAccessKeysResponse",
        &response,
        &["ListAccessKeysResponse"],
    ));
    let request = [
        ("UserName", "\"Bob\""),
        ("Marker", "\"m\""),
        ("MaxItems", "100"),
    ];
    out.extend(sweep(
        "ListAccessKeysRequest",
        &request,
        &["ListAccessKeysRequest"],
    ));
    let strict = [
        ("AccessKeyId", "\"AKIAIOSFODNN7EXAMPLE\""),
        ("Status", "\"Active\""),
        ("CreateDate", "\"2015-03-09T18:39:23Z\""),
        ("MaxItems", "10"),
        ("Enabled", "false"),
    ];
    let keys = format!("[{key_json}]");
    let mut with_keys = strict.to_vec();
    with_keys.push(("Keys", keys.as_str()));
    out.extend(sweep("Strict", &with_keys, &["Strict"]));
    out
}

fn cases() -> Vec<Case> {
    let mut out = vectors();
    out.extend(seeds());
    out.extend(sweeps());
    out
}

/// The fixture as text: one line per case and type, so a diff shows the
/// payloads whose reports changed.
fn record(cases: &[Case]) -> String {
    let mut out = String::from("[\n");
    let mut first = true;
    for case in cases {
        for ty in &case.types {
            let entry = json!({
                "source": case.source,
                "type": ty,
                "report": check_of(ty)(&case.bytes),
            });
            if !std::mem::take(&mut first) {
                out.push_str(",\n");
            }
            write!(out, "{entry}").unwrap();
        }
    }
    out.push_str("\n]\n");
    out
}

#[test]
fn every_report_is_the_recorded_one_byte_for_byte() {
    let path = xtask::workspace_root().join("tests/fixtures/reports.json");
    let cases = cases();
    let now = record(&cases);
    if std::env::var_os("REPORTS_FIXTURE").is_some_and(|v| v == "write") {
        std::fs::write(&path, &now).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(&path).unwrap();
    if recorded == now {
        let entries = now.lines().count() - 2;
        assert!(entries > 10_000, "only {entries} entries");
        println!("{entries} reports identical");
        return;
    }
    let by_line: Vec<(&str, &str)> = recorded.lines().zip(now.lines()).collect();
    let differ: Vec<&(&str, &str)> = by_line.iter().filter(|(a, b)| a != b).collect();
    let mut shown = String::new();
    for (was, is) in differ.iter().take(5) {
        let source: Value = serde_json::from_str(was.trim_end_matches(',')).unwrap_or_default();
        let payload = cases
            .iter()
            .find(|c| Some(c.source.as_str()) == source["source"].as_str())
            .map(|c| String::from_utf8_lossy(&c.bytes).into_owned());
        writeln!(
            shown,
            "payload {payload:?}\n  recorded {was}\n  now      {is}"
        )
        .unwrap();
    }
    panic!(
        "{} of {} reports differ from the fixture (line counts {} and {}):\n{shown}",
        differ.len(),
        by_line.len(),
        recorded.lines().count(),
        now.lines().count()
    );
}

/// The reporting reader itself (not the slow path behind it) reports each
/// kind of problem: the fixture above then proves its reports are the slow
/// path's, byte for byte.
#[test]
fn the_reporting_reader_reports_each_kind_itself() {
    let base = r#"{"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","Status":"Active","UserName":"Bob","CreateDate":"2015-03-09T18:39:23Z"}"#;
    let kinds: &[(&str, String, &str)] = &[
        ("enum", base.replace("\"Active\"", "\"Disabled\""), "enum"),
        ("type", base.replace("\"Active\"", "1"), "type"),
        ("null", base.replace("\"Bob\"", "null"), "required"),
        (
            "missing",
            base.replace(r#","UserName":"Bob""#, ""),
            "required",
        ),
        ("bad date", base.replace("03-09", "02-30"), "format"),
        (
            "repeated",
            base.replace(r#""Bob""#, r#""Bob","Status":"Active""#),
            "duplicate_field",
        ),
        ("not an object", "[1]".to_owned(), "type"),
        (
            "escaped enum",
            base.replace("\"Active\"", "\"Activ\\u0065!\""),
            "enum",
        ),
    ];
    for (kind, payload, code) in kinds {
        let read = __json::read_report::<AccessKey>(payload.as_bytes(), 64, 100);
        let Some(Err(report)) = read else {
            panic!("{kind}: not reported by the reader ({read:?})");
        };
        assert_eq!(report.violations()[0].code(), *code, "{kind}: {report}");
    }
    let unknown = br#"{"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","Status":"Active","Extra":1}"#;
    let Some(Err(report)) = __json::read_report::<Strict>(unknown, 64, 100) else {
        panic!("unknown member: not reported by the reader");
    };
    assert_eq!(report.violations()[0].code(), "unknown_field");
    // Malformed JSON: the reader gives up, and its problem is found by the
    // slow path's parser, without building a value.
    let Some(Err(report)) = __json::read_report::<AccessKey>(&base.as_bytes()[..40], 64, 100)
    else {
        panic!("malformed: not reported");
    };
    assert_eq!(report.violations()[0].code(), "syntax");
    // A repeated name inside a skipped value: recorded at its path, as the
    // slow path's parser records it.
    let inner_repeat = base.replace(r#""Bob""#, r#""Bob","Extra":{"a":1,"a":[{"b":0,"b":1}]}"#);
    let Some(Err(report)) = __json::read_report::<AccessKey>(inner_repeat.as_bytes(), 64, 100)
    else {
        panic!("inner repeat: not reported by the reader");
    };
    let paths: Vec<(&str, &str)> = report
        .violations()
        .iter()
        .map(|v| (v.path(), v.code()))
        .collect();
    assert_eq!(
        paths,
        [
            ("/Extra/a/0/b", "duplicate_field"),
            ("/Extra/a", "duplicate_field")
        ]
    );
    assert_eq!(
        report,
        __json::slow_report::<AccessKey>(inner_repeat.as_bytes(), 64, 100)
    );
}
