//! Property tests (proptest):
//!
//! * generated values of the model types, and of a test struct using every
//!   constraint: `validate()`, `from_json(to_json(x))` and the `jsonschema`
//!   crate on the emitted schema (formats asserted and not) give one verdict;
//! * generated JSON payloads (every member drawn from valid, invalid and
//!   wrongly-typed values, or absent): `from_json` and the `jsonschema` crate
//!   agree;
//! * `from_json(to_json(x)) == x` for every valid `x`;
//! * `from_json` never panics, on arbitrary bytes and on mutated payloads, for
//!   every model type.

use std::sync::LazyLock;

use access_key_schema::schema::document;
use access_key_schema::{
    from_json, from_json_with, AccessKey, AccessKeyMetadata, CreateAccessKeyResponse, JsonCheck,
    Limits, ListAccessKeysRequest, ListAccessKeysResponse, SecretString, StatusType, Timestamp,
    UpdateAccessKeyRequest, Validate, MODEL_TYPES,
};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

// ---- The verdicts --------------------------------------------------------

struct Validators {
    plain: jsonschema::Validator,
    formats: jsonschema::Validator,
}

fn validators(schema: &str) -> Validators {
    let schema: Value = serde_json::from_str(schema).unwrap();
    let build = |formats| {
        jsonschema::options()
            .should_validate_formats(formats)
            .build(&schema)
            .expect("the emitted schema compiles")
    };
    Validators {
        plain: build(false),
        formats: build(true),
    }
}

macro_rules! schema_of {
    ($t:ty) => {{
        static V: LazyLock<Validators> = LazyLock::new(|| validators(&document::<$t>()));
        &*V
    }};
}

/// `validate()`, `from_json(to_json(x))` and the schema agree on `x`; a
/// valid `x` reads back equal.
fn agree<T>(x: &T, schema: &Validators) -> Result<(), TestCaseError>
where
    T: Validate + Serialize + DeserializeOwned + JsonCheck + PartialEq + std::fmt::Debug,
{
    let valid = x.validate().is_ok();
    let value = serde_json::to_value(x).unwrap();
    prop_assert_eq!(schema.plain.is_valid(&value), valid, "schema on {}", value);
    prop_assert_eq!(
        schema.formats.is_valid(&value),
        valid,
        "schema+formats on {}",
        value
    );
    let bytes = serde_json::to_vec(x).unwrap();
    let limits = Limits {
        max_bytes: usize::MAX,
        ..Limits::DEFAULT
    };
    match from_json_with::<T>(&bytes, &limits) {
        Ok(back) => {
            prop_assert!(
                valid,
                "from_json accepts what validate() refuses: {}",
                value
            );
            prop_assert_eq!(&*back, x, "round trip");
        }
        Err(e) => {
            prop_assert!(!valid, "from_json refuses a valid value {}: {}", value, e);
            // The same report as validate(), since the value deserializes.
            prop_assert_eq!(e, x.validate().unwrap_err());
        }
    }
    Ok(())
}

/// `from_json` and the schema agree on a payload.
fn agree_json<T>(payload: &Value, schema: &Validators) -> Result<(), TestCaseError>
where
    T: Validate + DeserializeOwned + JsonCheck,
{
    let ok = from_json::<T>(payload.to_string().as_bytes()).is_ok();
    prop_assert_eq!(schema.plain.is_valid(payload), ok, "schema on {}", payload);
    prop_assert_eq!(
        schema.formats.is_valid(payload),
        ok,
        "schema+formats on {}",
        payload
    );
    Ok(())
}

// ---- Strategies ------------------------------------------------------------

/// Strings around the model's patterns and lengths: mostly near the
/// boundary, some valid, some not.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9_]{0,4}",
        "[A-Za-z0-9_]{14,18}",
        "[A-Za-z0-9_]{60,68}",
        "[A-Za-z0-9_]{126,130}",
        "[A-Za-z0-9_+=,.@-]{1,12}",
        "[ -~]{0,12}",
        "\\PC{0,6}",
        "[a-z]{1,5}[\\n\\r\\t ]{0,2}",
        Just("\u{212A}elvin".to_owned()),
        Just("٣٣".to_owned()),
        Just("AKIA\u{0}NULL".to_owned()),
        "[\\x20-\\xFF]{1,8}",
        "[\\x20-\\xFF]{318,322}",
    ]
}

/// Timestamp texts: well-formed and not, calendar-valid and not.
fn timestamp_text() -> impl Strategy<Value = String> {
    let year = prop_oneof![Just(0u32), 1u32..=9999, Just(2000), Just(1900), Just(10000)];
    let fraction = prop_oneof![Just(String::new()), "\\.[0-9]{1,9}", Just(".".to_owned())];
    let zone = prop_oneof![
        Just("Z".to_owned()),
        Just("z".to_owned()),
        Just("+00:00".to_owned()),
        "[+-](0[0-9]|1[0-9]|2[0-4]):[0-6][0-9]",
        Just(String::new()),
    ];
    (
        year,
        0u32..=13,
        0u32..=32,
        0u32..=24,
        0u32..=60,
        0u32..=61,
        fraction,
        zone,
        prop_oneof![Just('T'), Just('t'), Just(' ')],
    )
        .prop_map(|(y, mo, d, h, mi, s, f, z, t)| {
            format!("{y:04}-{mo:02}-{d:02}{t}{h:02}:{mi:02}:{s:02}{f}{z}")
        })
}

fn timestamp() -> impl Strategy<Value = Option<Timestamp>> {
    timestamp_text().prop_map(|s| Timestamp::parse(&s).ok())
}

fn status() -> impl Strategy<Value = StatusType> {
    prop_oneof![Just(StatusType::Active), Just(StatusType::Inactive)]
}

fn access_key() -> impl Strategy<Value = AccessKey> {
    (text(), text(), status(), text(), timestamp()).prop_map(|(id, secret, status, user, date)| {
        AccessKey {
            access_key_id: id,
            secret_access_key: SecretString::new(secret),
            status,
            user_name: user,
            create_date: date,
        }
    })
}

fn metadata() -> impl Strategy<Value = AccessKeyMetadata> {
    (
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(status()),
        timestamp(),
    )
        .prop_map(|(user, id, status, date)| AccessKeyMetadata {
            user_name: user,
            access_key_id: id,
            status,
            create_date: date,
        })
}

// ---- A struct with every constraint ------------------------------------------

#[derive(Validate, Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
enum Kind {
    #[serde(rename = "on")]
    On,
    Off,
}

#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Inner {
    #[validate(length(min = 1, max = 8), pattern = r"[a-z][a-z0-9-]*")]
    inner_name: String,
}

#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct Every {
    #[validate(length(min = 2, max = 10), pattern = r"[\w+=,.@-]+")]
    class_pattern: String,
    #[validate(pattern = r"arn:aws:iam::[0-9]{12}:(user|role)/[\w+=,.@-]{1,16}")]
    regex_pattern: String,
    #[validate(pattern = r"[\s\S]*\d")]
    any_then_digit: Option<String>,
    #[validate(one_of("Active", "Inactive"))]
    state: String,
    #[validate(range(min = 1, max = 1000))]
    count: i32,
    #[validate(range(min = -1.5, max = 2.25))]
    ratio: f64,
    #[validate(range(max = 200))]
    small: u8,
    #[validate(length(max = 3))]
    tags: Vec<String>,
    #[validate(nested, length(min = 1, max = 2))]
    children: Vec<Inner>,
    #[validate(nested)]
    child: Option<Inner>,
    #[validate(sensitive, length(min = 4))]
    secret: SecretString,
    #[serde(rename = "kind")]
    kind: Kind,
    when: Option<Timestamp>,
    #[validate(length(min = 1))]
    note: Option<String>,
    #[serde(default)]
    flag: bool,
}

fn inner() -> impl Strategy<Value = Inner> {
    prop_oneof!["[a-z][a-z0-9-]{0,8}", "[A-Za-z0-9 -]{0,3}"].prop_map(|s| Inner { inner_name: s })
}

fn every() -> impl Strategy<Value = Every> {
    let arn = prop_oneof![
        "arn:aws:iam::[0-9]{11,13}:(user|role|group)/[\\w+=,.@-]{0,17}",
        "[ -~]{0,10}",
    ];
    let digits = prop_oneof!["[\\s\\S]{0,5}", "[a-z\\n]{0,4}[0-9]", "[a-z]{0,3}[0-9]\\n"];
    let strings = (
        text(),
        arn,
        proptest::option::of(digits),
        prop_oneof![Just("Active".to_owned()), Just("active".to_owned()), text()],
        proptest::collection::vec(text(), 0..5),
        proptest::collection::vec(inner(), 0..4),
        proptest::option::of(inner()),
        text(),
    );
    let numbers = (
        prop_oneof![-2i32..=2, 998i32..=1002, any::<i32>()],
        prop_oneof![-2.0f64..3.0, Just(-1.5), Just(2.25), Just(2.2500001)],
        any::<u8>(),
        prop_oneof![Just(Kind::On), Just(Kind::Off)],
        timestamp(),
        proptest::option::of(prop_oneof![Just(String::new()), text()]),
        any::<bool>(),
    );
    (strings, numbers).prop_map(assemble_every)
}

/// The string-typed and the other fields of `Every`, as both strategies
/// generate them.
type EveryStrings = (
    String,
    String,
    Option<String>,
    String,
    Vec<String>,
    Vec<Inner>,
    Option<Inner>,
    String,
);
type EveryNumbers = (i32, f64, u8, Kind, Option<Timestamp>, Option<String>, bool);

fn assemble_every(
    (
        (class_pattern, regex_pattern, any_then_digit, state, tags, children, child, secret),
        (count, ratio, small, kind, when, note, flag),
    ): (EveryStrings, EveryNumbers),
) -> Every {
    Every {
        class_pattern,
        regex_pattern,
        any_then_digit,
        state,
        count,
        ratio,
        small,
        tags,
        children,
        child,
        secret: SecretString::new(secret),
        kind,
        when,
        note,
        flag,
    }
}

/// Only valid `Every` values, so the round trip is exercised on many.
fn valid_every() -> impl Strategy<Value = Every> {
    let valid_inner = "[a-z][a-z0-9-]{0,7}".prop_map(|s| Inner { inner_name: s });
    let strings = (
        "[A-Za-z0-9_+=,.@-]{2,10}",
        "arn:aws:iam::[0-9]{12}:(user|role)/[A-Za-z0-9_+=,.@-]{1,16}",
        proptest::option::of("[\\s\\S]{0,5}[0-9]"),
        prop_oneof![Just("Active".to_owned()), Just("Inactive".to_owned())],
        proptest::collection::vec("\\PC{0,6}", 0..=3),
        proptest::collection::vec(valid_inner.clone(), 1..=2),
        proptest::option::of(valid_inner),
        "\\PC{4,12}",
    );
    let numbers = (
        1i32..=1000,
        -1.5f64..=2.25,
        0u8..=200,
        prop_oneof![Just(Kind::On), Just(Kind::Off)],
        timestamp(),
        proptest::option::of("\\PC{1,6}"),
        any::<bool>(),
    );
    (strings, numbers).prop_map(assemble_every)
}

// ---- JSON payloads -------------------------------------------------------

/// A member value: a string from [`text`], a timestamp text, or another JSON type.
fn member() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        4 => text().prop_map(|s| Some(Value::String(s))),
        2 => timestamp_text().prop_map(|s| Some(Value::String(s))),
        1 => Just(Some(json!("Active"))),
        1 => Just(Some(json!("Inactive"))),
        1 => Just(None),
        1 => prop_oneof![
            Just(json!(null)),
            Just(json!(7)),
            Just(json!(1000)),
            Just(json!(5.0)),
            Just(json!(1.5)),
            Just(json!(-0)),
            Just(json!(true)),
            Just(json!([])),
            Just(json!({})),
            Just(json!(["Active"])),
        ]
        .prop_map(Some),
    ]
}

fn object(names: &'static [&'static str]) -> impl Strategy<Value = Value> {
    proptest::collection::vec(member(), names.len()).prop_map(move |members| {
        let map = names
            .iter()
            .zip(members)
            .filter_map(|(n, v)| v.map(|v| ((*n).to_owned(), v)))
            .collect();
        Value::Object(map)
    })
}

const KEY_MEMBERS: &[&str] = &[
    "AccessKeyId",
    "SecretAccessKey",
    "Status",
    "UserName",
    "CreateDate",
    "Other",
];

const LIST_MEMBERS: &[&str] = &["UserName", "Marker", "MaxItems"];

// ---- Properties ------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn access_key_verdicts_agree(x in access_key()) {
        agree(&x, schema_of!(AccessKey))?;
    }

    #[test]
    fn create_response_verdicts_agree(x in access_key()) {
        agree(&CreateAccessKeyResponse { access_key: x }, schema_of!(CreateAccessKeyResponse))?;
    }

    #[test]
    fn metadata_and_list_response_verdicts_agree(
        items in proptest::collection::vec(metadata(), 0..4),
        truncated in any::<bool>(),
        marker in proptest::option::of(text()),
    ) {
        for m in &items {
            agree(m, schema_of!(AccessKeyMetadata))?;
        }
        let x = ListAccessKeysResponse { access_key_metadata: items, is_truncated: truncated, marker };
        agree(&x, schema_of!(ListAccessKeysResponse))?;
    }

    #[test]
    fn request_verdicts_agree(
        user in proptest::option::of(text()),
        marker in proptest::option::of(text()),
        max in proptest::option::of(prop_oneof![-1i32..=2, 999i32..=1001, any::<i32>()]),
        id in text(),
        status in status(),
    ) {
        let list = ListAccessKeysRequest { user_name: user.clone(), marker, max_items: max };
        agree(&list, schema_of!(ListAccessKeysRequest))?;
        let update = UpdateAccessKeyRequest { user_name: user, access_key_id: id, status };
        agree(&update, schema_of!(UpdateAccessKeyRequest))?;
    }

    #[test]
    fn every_constraint_verdicts_agree(x in every()) {
        agree(&x, schema_of!(Every))?;
    }

    #[test]
    fn every_valid_value_round_trips(x in valid_every()) {
        prop_assert_eq!(x.validate(), Ok(()));
        agree(&x, schema_of!(Every))?;
    }

    #[test]
    fn json_payload_verdicts_agree(key in object(KEY_MEMBERS), list in object(LIST_MEMBERS)) {
        agree_json::<AccessKey>(&key, schema_of!(AccessKey))?;
        agree_json::<AccessKeyMetadata>(&key, schema_of!(AccessKeyMetadata))?;
        agree_json::<ListAccessKeysRequest>(&list, schema_of!(ListAccessKeysRequest))?;
        agree_json::<CreateAccessKeyResponse>(&json!({"AccessKey": key}), schema_of!(CreateAccessKeyResponse))?;
    }

    #[test]
    fn from_json_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        for m in MODEL_TYPES {
            if let Err(e) = (m.check)(&bytes, &Limits::DEFAULT) {
                prop_assert!(!e.violations().is_empty());
                let _ = (e.to_string(), serde_json::to_string(&e).unwrap());
            }
        }
    }

    #[test]
    fn from_json_never_panics_on_mutated_payloads(
        key in object(KEY_MEMBERS),
        edits in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
    ) {
        let mut bytes = serde_json::to_vec(&json!({"AccessKey": key, "AccessKeyMetadata": [key]})).unwrap();
        for (at, byte, op) in edits {
            let i = at.index(bytes.len() + 1);
            match op {
                0 => bytes.insert(i, byte),
                1 if i < bytes.len() => { bytes.remove(i); }
                _ if i < bytes.len() => bytes[i] = byte,
                _ => {}
            }
        }
        for m in MODEL_TYPES {
            if let Err(e) = (m.check)(&bytes, &Limits::DEFAULT) {
                prop_assert!(!e.violations().is_empty());
                let _ = (e.to_string(), serde_json::to_string(&e).unwrap());
            }
        }
    }
}
