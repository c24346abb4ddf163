//! Fields of foreign types (access-key-schema's features `uuid`, `chrono`,
//! `time`, `jiff`) in a deriving struct: `from_json` reads them in the
//! `uuid` and `date_time` rules' languages through every tier (the reader,
//! and the serde tier after a `5.0`), `validate()` runs on them, a value
//! written is read back, and the schema's verdict (the `jsonschema` crate,
//! formats asserted and not) is the Rust verdict on every generated vector.

use std::collections::BTreeMap;

use access_key_schema::{from_json, from_value, schema, vectors, Validate, ValidationErrors};
use access_key_user_types::ForeignTypes;
use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use time::OffsetDateTime;
use uuid::Uuid;

/// Every container the foreign types come in.
#[derive(Validate, Serialize, Deserialize, Debug, PartialEq)]
struct Shapes {
    ids: Vec<Uuid>,
    maybe: Option<DateTime<Utc>>,
    boxed: Box<jiff::Timestamp>,
    #[serde(serialize_with = "access_key_schema::foreign::time::serialize")]
    at: OffsetDateTime,
    by_name: BTreeMap<String, Uuid>,
    #[validate(range(min = 1))]
    count: u8,
}

const ID: &str = "123e4567-e89b-12d3-a456-426614174000";

fn valid() -> Value {
    json!({
        "id": ID,
        "parent": null,
        "created": "2015-03-09T18:39:23.411+01:00",
        "starts": "2015-03-09T18:39:23-05:30",
        "seen": ["2015-03-09T18:39:23Z", "2024-02-29T00:00:00.123456789123Z"],
        "attempts": 3
    })
}

fn found(e: &ValidationErrors) -> Vec<(&str, &'static str)> {
    e.violations()
        .iter()
        .map(|v| (v.path(), v.code()))
        .collect()
}

/// The payload's text, with `attempts` written `3.0` when `serde_tier`
/// (the reader gives such a number to the tiers after it).
fn text(payload: &Value, serde_tier: bool) -> String {
    let s = payload.to_string();
    if serde_tier {
        let t = s.replace("\"attempts\":3", "\"attempts\":3.0");
        assert_ne!(s, t);
        t
    } else {
        s
    }
}

#[test]
fn all_four_types_are_read_and_validated() {
    for serde_tier in [false, true] {
        let read = from_json::<ForeignTypes>(text(&valid(), serde_tier).as_bytes())
            .unwrap_or_else(|e| panic!("serde tier {serde_tier}: {e}"))
            .into_inner();
        assert_eq!(read.id, Uuid::parse_str(ID).unwrap());
        assert_eq!(read.parent, None);
        assert_eq!(
            read.created,
            Utc.with_ymd_and_hms(2015, 3, 9, 17, 39, 23).unwrap()
                + chrono::Duration::milliseconds(411)
        );
        let starts = read.starts.unwrap();
        assert_eq!(starts.unix_timestamp(), 1_425_946_163);
        assert_eq!(starts.offset().whole_minutes(), -330);
        assert_eq!(read.seen[0].as_second(), 1_425_926_363);
        assert_eq!(read.seen[1].subsec_nanosecond(), 123_456_789);
        assert!(read.validate().is_ok());
        // From a parsed value (the check decides, then serde reads it).
        assert_eq!(
            from_value::<ForeignTypes>(valid()).unwrap().into_inner(),
            read
        );
    }
}

#[test]
fn near_misses_are_format_violations_in_every_tier() {
    let cases = [
        ("/id", "id", json!("123E4567-E89B-12D3-A456-426614174000")),
        ("/id", "id", json!("{123e4567-e89b-12d3-a456-426614174000}")),
        (
            "/parent",
            "parent",
            json!("123e4567e89b12d3a456426614174000"),
        ),
        ("/created", "created", json!("2015-03-09 18:39:23Z")),
        ("/created", "created", json!("2015-03-09t18:39:23z")),
        ("/created", "created", json!("2016-12-31T23:59:60Z")),
        (
            "/starts",
            "starts",
            json!("2015-03-09 18:39:23.0 +00:00:00"),
        ),
        ("/starts", "starts", json!("2015-03-09T18:39:23+01:00:30")),
        ("/seen/0", "seen", json!(["2015-03-09T18:39:23"])),
        (
            "/seen/1",
            "seen",
            json!(["2015-03-09T18:39:23Z", "9999-12-31T00:00:00Z"]),
        ),
    ];
    for (path, member, bad) in cases {
        let mut payload = valid();
        payload[member] = bad.clone();
        for serde_tier in [false, true] {
            let report = from_json::<ForeignTypes>(text(&payload, serde_tier).as_bytes())
                .expect_err(&format!("{bad} accepted"));
            assert_eq!(found(&report), [(path, "format")], "{bad} {serde_tier}");
            let what = if member == "id" || member == "parent" {
                "uuid"
            } else {
                "date-time"
            };
            assert_eq!(
                report.to_string(),
                format!(
                    "1 validation error detected: Value at '{path}' failed to satisfy \
                     constraint: Member must be a valid {what}"
                )
            );
            assert!(!report.to_string().contains(&bad.to_string()));
        }
        // The slow path reads a `Value` alike.
        let report = from_value::<ForeignTypes>(payload).unwrap_err();
        assert_eq!(found(&report), [(path, "format")]);
    }
    // Wrong JSON types, `null`, and the struct's own rules, all in one report.
    let mut payload = valid();
    payload["id"] = json!(7);
    payload["created"] = Value::Null;
    payload["seen"] = json!(vec!["2015-03-09T18:39:23Z"; 4]);
    payload["attempts"] = json!(11);
    let report = from_json::<ForeignTypes>(payload.to_string().as_bytes()).unwrap_err();
    assert_eq!(
        found(&report),
        [
            ("/id", "type"),
            ("/created", "required"),
            ("/seen", "length"),
            ("/attempts", "range")
        ]
    );
}

#[test]
fn what_is_written_is_read_back() {
    let read = from_json::<ForeignTypes>(valid().to_string().as_bytes())
        .unwrap()
        .into_inner();
    let written = serde_json::to_value(&read).unwrap();
    assert_eq!(written["id"], ID);
    assert_eq!(written["created"], "2015-03-09T17:39:23.411Z");
    assert_eq!(written["starts"], "2015-03-09T18:39:23-05:30");
    assert_eq!(written["seen"][1], "2024-02-29T00:00:00.123456789Z");
    let again = from_json::<ForeignTypes>(written.to_string().as_bytes())
        .unwrap()
        .into_inner();
    assert_eq!(again, read);
}

#[test]
fn every_container_of_them() {
    let payload = json!({
        "ids": [ID, "00000000-0000-0000-0000-000000000000"],
        "maybe": "2015-03-09T18:39:23Z",
        "boxed": "2015-03-09T18:39:23Z",
        "at": "2015-03-09T18:39:23Z",
        "by_name": {"a": ID},
        "count": 1
    });
    for count in ["1", "1.0"] {
        let doc = payload
            .to_string()
            .replace("\"count\":1", &format!("\"count\":{count}"));
        let read = from_json::<Shapes>(doc.as_bytes()).unwrap().into_inner();
        assert_eq!(read.ids.len(), 2);
        assert!(read.maybe.is_some());
        let back = serde_json::to_string(&read).unwrap();
        assert_eq!(
            from_json::<Shapes>(back.as_bytes()).unwrap().into_inner(),
            read
        );

        let mut bad = payload.clone();
        bad["ids"][1] = json!("00000000-0000-0000-0000-00000000000G");
        bad["maybe"] = json!("2015-03-09T18:39:23+0100");
        bad["boxed"] = json!("2015-02-29T00:00:00Z");
        bad["by_name"]["b"] = json!("urn:uuid:123e4567-e89b-12d3-a456-426614174000");
        bad["count"] = json!(0);
        let doc = bad.to_string().replace(
            "\"count\":0",
            &format!("\"count\":{}", if count == "1" { "0" } else { "0.0" }),
        );
        let report = from_json::<Shapes>(doc.as_bytes()).unwrap_err();
        assert_eq!(
            found(&report),
            [
                ("/ids/1", "format"),
                ("/maybe", "format"),
                ("/boxed", "format"),
                ("/by_name/b", "format"),
                ("/count", "range"),
            ],
            "{doc}"
        );
    }
    // The schema of each container is the rule's, wrapped.
    let s = schema::schema_for::<Shapes>();
    let props = &s["properties"];
    assert_eq!(props["ids"]["items"]["format"], "uuid");
    assert_eq!(props["maybe"]["anyOf"][0]["format"], "date-time");
    assert_eq!(props["maybe"]["anyOf"][1]["type"], "null");
    assert_eq!(props["boxed"]["format"], "date-time");
    assert_eq!(props["by_name"]["additionalProperties"]["format"], "uuid");
}

#[test]
fn the_schema_is_the_rules_schema() {
    let s = schema::schema_for::<ForeignTypes>();
    let props = &s["properties"];
    let uuid_rule = &access_key_schema::rules::uuid::FORMAT;
    let date_time = &access_key_schema::rules::date_time::FORMAT;
    assert_eq!(props["id"]["format"], "uuid");
    assert_eq!(props["id"]["pattern"], uuid_rule.pattern());
    for at in [&props["created"], &props["starts"]["anyOf"][0]] {
        assert_eq!(at["format"], "date-time", "{at}");
        assert_eq!(at["pattern"], date_time.pattern(), "{at}");
        assert_eq!(at["not"]["pattern"], "\n$", "{at}");
    }
    assert_eq!(props["seen"]["items"]["pattern"], date_time.pattern());
    let required: Vec<&str> = s["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(required, ["id", "created", "seen", "attempts"]);
    assert_eq!(props["starts"]["anyOf"][0]["format"], "date-time");
}

#[test]
fn the_jsonschema_crate_agrees_on_every_vector() {
    for (name, schema, cases) in [
        (
            "ForeignTypes",
            schema::schema_for::<ForeignTypes>(),
            vectors::<ForeignTypes>(),
        ),
        (
            "Shapes",
            schema::schema_for::<Shapes>(),
            vectors::<Shapes>(),
        ),
    ] {
        let accepted = cases.iter().filter(|c| c.valid).count();
        assert!(
            accepted >= 5 && cases.len() - accepted >= 50,
            "{name}: {accepted} of {}",
            cases.len()
        );
        for formats in [false, true] {
            let disagreements =
                access_key_tests::jsonschema_disagreements(&schema, &cases, formats);
            assert!(
                disagreements.is_empty(),
                "{name} formats={formats}: {disagreements:#?}"
            );
        }
    }
}

/// schemars implements `JsonSchema` for three of them (features enabled for
/// this test crate), with `format` and no pattern: the derive still emits
/// the rules' schema, which decides.
#[test]
fn schemars_own_impls_do_not_replace_the_rules_schema() {
    use schemars::{JsonSchema, SchemaGenerator};
    let mut generator = SchemaGenerator::default();
    let theirs = [
        Uuid::json_schema(&mut generator),
        <DateTime<Utc>>::json_schema(&mut generator),
        jiff::Timestamp::json_schema(&mut generator),
    ];
    for s in &theirs {
        assert!(s.get("pattern").is_none(), "{s:?}");
    }
    let ours = schema::schema_for::<Shapes>();
    let props = &ours["properties"];
    assert!(props["ids"]["items"]["pattern"].is_string());
    assert!(props["maybe"]["anyOf"][0]["pattern"].is_string());
    assert!(props["boxed"]["pattern"].is_string());
    assert_eq!(
        props["boxed"]["not"]["anyOf"][1]["pattern"],
        "^9999-12-(?:29|30|31)"
    );
}

fn after_2000(t: &OffsetDateTime) -> Result<(), access_key_schema::CustomError> {
    if t.year() >= 2000 {
        Ok(())
    } else {
        Err(access_key_schema::CustomError::new(
            "too_old",
            "Member must be in 2000 or later",
        ))
    }
}

/// A user's check on a field whose crate reads another form than the wire's
/// (`time`): it runs whichever tier reads the payload, also when the
/// reader gives up (a `5.0`) and another member breaks a rule.
#[derive(Validate, Deserialize, Debug)]
struct Dated {
    #[validate(custom = after_2000)]
    at: OffsetDateTime,
    #[validate(range(max = 10))]
    count: u8,
}

#[test]
fn a_custom_check_on_a_time_field_runs_in_every_tier() {
    for (count, want) in [
        ("5", vec![("/at", "too_old")]),
        ("5.0", vec![("/at", "too_old")]),
        ("11", vec![("/at", "too_old"), ("/count", "range")]),
        ("11.0", vec![("/at", "too_old"), ("/count", "range")]),
    ] {
        let doc = format!(r#"{{"at": "1999-12-31T23:59:59Z", "count": {count}}}"#);
        let report = access_key_schema::from_str::<Dated>(&doc).unwrap_err();
        let mut got = found(&report);
        got.sort();
        assert_eq!(got, want, "{doc}");
    }
    let ok = r#"{"at": "2000-01-01T00:00:00+01:00", "count": 5.0}"#;
    assert!(access_key_schema::from_str::<Dated>(ok).is_ok());
}
