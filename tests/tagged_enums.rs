//! Enums with data in each serde tagging, and `#[serde(transparent)]`:
//! `validate()`, `from_json` (paths and wording) and the schema (checked by
//! the `jsonschema` crate) agree on every payload.

use access_key_schema::{from_str, schema, Validate};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    #[validate(length(equal = 16), pattern = "[0-9]+")]
    pub number: String,
    #[validate(range(min = 1, max = 12))]
    pub expiry_month: u8,
}

/// External tagging (serde's default).
#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub enum External {
    Card(#[validate(nested)] Card),
    Cash {
        #[validate(range(min = 1))]
        amount: u32,
    },
    Voucher(#[validate(length(min = 3, max = 8))] String),
    Free,
}

/// Internal tagging, as in the issue's contract.
#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(tag = "kind")]
pub enum Payment {
    Card(#[validate(nested)] Card),
    Cash {
        #[validate(range(min = 1))]
        amount: u32,
    },
    Free,
}

/// Adjacent tagging, variants renamed.
#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(
    tag = "t",
    content = "c",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum Adjacent {
    Cash {
        #[validate(range(min = 1))]
        amount: u32,
        note: Option<String>,
    },
    #[serde(rename = "voucher_code")]
    Voucher(#[validate(length(min = 3, max = 8))] String),
    Free,
}

#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(transparent)]
pub struct Named {
    #[validate(length(min = 3, max = 8))]
    pub value: String,
}

#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(transparent)]
pub struct Tuple(#[validate(range(max = 9))] u8);

/// `from_json`'s report of `text` as a `T`, each violation's path and
/// what `what` takes from it; empty when accepted.
fn violations<T, R>(text: &str, what: fn(&access_key_schema::Violation) -> R) -> Vec<(String, R)>
where
    T: Validate + serde::de::DeserializeOwned + access_key_schema::JsonCheck,
{
    match from_str::<T>(text) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .violations()
            .iter()
            .map(|v| (v.path().to_owned(), what(v)))
            .collect(),
    }
}

/// `from_json`'s report as `(path, message)` pairs; empty when accepted.
fn report<T>(text: &str) -> Vec<(String, String)>
where
    T: Validate + serde::de::DeserializeOwned + access_key_schema::JsonCheck,
{
    violations::<T, _>(text, |v| v.constraint().to_string())
}

/// The schema's verdict on `payload`.
fn schema_accepts<T: access_key_schema::schemars::JsonSchema>(payload: &Value) -> bool {
    let s = schema::schema_for::<T>();
    jsonschema::draft202012::new(&s)
        .expect("a valid schema")
        .is_valid(payload)
}

/// `from_json`, the schema and (for accepted payloads) `validate()` of the
/// deserialized value agree on `payload`; returns the report.
fn agree<T>(payload: Value) -> Vec<(String, String)>
where
    T: Validate
        + serde::de::DeserializeOwned
        + access_key_schema::JsonCheck
        + access_key_schema::schemars::JsonSchema,
{
    let text = payload.to_string();
    let found = report::<T>(&text);
    assert_eq!(
        found.is_empty(),
        schema_accepts::<T>(&payload),
        "from_json and the schema disagree on {text}: {found:?}"
    );
    // Plain serde reads more shapes than `from_json` (`{"Free": null}`), so
    // `validate()` is compared where the report is about rules only.
    let shape = [
        "Member must be of type",
        "Member must not be null",
        "Member must be one variant",
        "Member must satisfy enum",
        "Member must not be present",
    ];
    let about_rules = found
        .iter()
        .all(|(_, m)| !shape.iter().any(|s| m.starts_with(s)));
    if let (true, Ok(value)) = (about_rules, serde_json::from_value::<T>(payload.clone())) {
        let direct: Vec<(String, String)> = match value.validate() {
            Ok(()) => Vec::new(),
            Err(e) => e
                .violations()
                .iter()
                .map(|v| (v.path().to_owned(), v.constraint().to_string()))
                .collect(),
        };
        assert_eq!(direct, found, "validate() and from_json differ on {text}");
    }
    found
}

fn one(path: &str, message: &str) -> Vec<(String, String)> {
    vec![(path.to_owned(), message.to_owned())]
}

const MIN_1: &str = "Member must have value greater than or equal to 1";

#[test]
fn external_tagging_paths_go_through_the_variant_name() {
    assert!(agree::<External>(json!({"Cash": {"amount": 5}})).is_empty());
    assert!(agree::<External>(json!("Free")).is_empty());
    assert!(
        agree::<External>(json!({"Card": {"number": "4111111111111111", "expiryMonth": 3}}))
            .is_empty()
    );
    assert_eq!(
        agree::<External>(json!({"Cash": {"amount": 0}})),
        one("/Cash/amount", MIN_1)
    );
    assert_eq!(
        agree::<External>(json!({"Card": {"number": "41111111111111x1", "expiryMonth": 13}})),
        vec![
            (
                "/Card/number".to_owned(),
                "Member must satisfy regular expression pattern: [0-9]+".to_owned()
            ),
            (
                "/Card/expiryMonth".to_owned(),
                "Member must have value less than or equal to 12".to_owned()
            ),
        ]
    );
    assert_eq!(
        agree::<External>(json!({"Voucher": "ab"})),
        one(
            "/Voucher",
            "Member must have length greater than or equal to 3"
        )
    );
    // Shapes: a unit variant as an object, two members, an unknown one.
    assert_eq!(
        agree::<External>(json!({"Free": null})),
        one("", "Member must be of type string")
    );
    assert_eq!(agree::<External>(json!("Cash"))[0].0, "");
    assert_eq!(
        agree::<External>(json!({"Cash": {"amount": 1}, "Free": null}))[0].0,
        ""
    );
    assert_eq!(agree::<External>(json!({"Gift": 1}))[0].0, "/Gift");
    assert_eq!(
        agree::<External>(json!({"Cash": {}})),
        one("/Cash/amount", "Member must not be null")
    );
    assert_eq!(agree::<External>(json!({"Cash": {"amount": 5.0}})), vec![]);
    assert_eq!(
        agree::<External>(json!(7)),
        one("", "Member must be of type object")
    );
}

#[test]
fn internal_tagging_paths_are_the_members_next_to_the_tag() {
    assert!(agree::<Payment>(json!({"kind": "Cash", "amount": 5})).is_empty());
    assert!(agree::<Payment>(json!({"kind": "Free"})).is_empty());
    assert!(agree::<Payment>(
        json!({"kind": "Card", "number": "4111111111111111", "expiryMonth": 3})
    )
    .is_empty());
    assert_eq!(
        agree::<Payment>(json!({"kind": "Cash", "amount": 0})),
        one("/amount", MIN_1)
    );
    assert_eq!(
        agree::<Payment>(json!({"kind": "Card", "number": "4111", "expiryMonth": 3})),
        one(
            "/number",
            "Member must have length greater than or equal to 16"
        )
    );
    assert_eq!(
        agree::<Payment>(json!({"amount": 5})),
        one("/kind", "Member must not be null")
    );
    assert_eq!(
        agree::<Payment>(json!({"kind": "Gift"})),
        one(
            "/kind",
            "Member must satisfy enum value set: [Card, Cash, Free]"
        )
    );
    assert_eq!(
        agree::<Payment>(json!({"kind": 1})),
        one("/kind", "Member must be of type string")
    );
    // A whole float for an integer, as everywhere else.
    assert!(agree::<Payment>(json!({"kind": "Cash", "amount": 5.0})).is_empty());
    // Fields of another variant do not make the tag's variant valid.
    assert_eq!(
        agree::<Payment>(json!({"kind": "Cash", "number": "4111111111111111", "expiryMonth": 3})),
        one("/amount", "Member must not be null")
    );
}

#[test]
fn adjacent_tagging_paths_go_through_the_content_member() {
    assert!(agree::<Adjacent>(json!({"t": "cash", "c": {"amount": 5}})).is_empty());
    assert!(agree::<Adjacent>(json!({"t": "free"})).is_empty());
    assert!(agree::<Adjacent>(json!({"t": "voucher_code", "c": "abcd"})).is_empty());
    assert_eq!(
        agree::<Adjacent>(json!({"t": "cash", "c": {"amount": 0}})),
        one("/c/amount", MIN_1)
    );
    assert_eq!(
        agree::<Adjacent>(json!({"t": "voucher_code", "c": "ab"})),
        one("/c", "Member must have length greater than or equal to 3")
    );
    assert_eq!(
        agree::<Adjacent>(json!({"t": "cash"})),
        one("/c", "Member must not be null")
    );
    assert_eq!(
        agree::<Adjacent>(json!({"t": "Cash", "c": {"amount": 1}}))[0].0,
        "/t"
    );
    assert_eq!(
        agree::<Adjacent>(json!({"t": "cash", "c": {"amount": 1}, "x": 1}))[0].0,
        "/x"
    );
    assert_eq!(
        agree::<Adjacent>(json!({"t": "cash", "c": {"amount": 1, "x": 1}}))[0].0,
        "/c/x"
    );
}

#[test]
fn the_schema_pins_each_branch_with_a_const() {
    let s = schema::schema_for::<Payment>();
    let branches = s["oneOf"].as_array().expect("oneOf");
    assert_eq!(branches.len(), 3);
    for (branch, name) in branches.iter().zip(["Card", "Cash", "Free"]) {
        assert_eq!(branch["properties"]["kind"]["const"], json!(name));
        assert_eq!(branch["required"][0], json!("kind"));
    }
    let s = schema::schema_for::<External>();
    assert_eq!(s["oneOf"][3], json!({"type": "string", "const": "Free"}));
    assert_eq!(s["oneOf"][1]["required"], json!(["Cash"]));
    let s = schema::schema_for::<Adjacent>();
    assert_eq!(
        s["oneOf"][1]["properties"]["t"]["const"],
        json!("voucher_code")
    );
}

#[test]
fn transparent_structs_are_their_field() {
    assert_eq!(schema::schema_for::<Named>()["minLength"], json!(3));
    assert!(agree::<Named>(json!("abcd")).is_empty());
    assert_eq!(
        agree::<Named>(json!("ab")),
        one("", "Member must have length greater than or equal to 3")
    );
    assert_eq!(
        Named { value: "ab".into() }.validate().unwrap_err().len(),
        1
    );
    assert!(agree::<Tuple>(json!(9)).is_empty());
    assert_eq!(
        agree::<Tuple>(json!(10)),
        one("", "Member must have value less than or equal to 9")
    );
}

#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Order {
    #[validate(length(min = 1))]
    pub id: String,
    pub payment: Payment,
    pub refund: Option<External>,
}

#[test]
fn enums_inside_a_struct_report_at_the_members_path() {
    assert!(
        agree::<Order>(json!({"id": "a", "payment": {"kind": "Cash", "amount": 5.0}})).is_empty()
    );
    assert_eq!(
        agree::<Order>(
            json!({"id": "", "payment": {"kind": "Cash", "amount": 0}, "refund": {"Cash": {"amount": 0}}})
        ),
        vec![
            (
                "/id".to_owned(),
                "Member must have length greater than or equal to 1".to_owned()
            ),
            ("/payment/amount".to_owned(), MIN_1.to_owned()),
            ("/refund/Cash/amount".to_owned(), MIN_1.to_owned()),
        ]
    );
    assert_eq!(
        agree::<Order>(json!({"id": "a", "payment": {"amount": 3}})),
        one("/payment/kind", "Member must not be null")
    );
}

#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Meta {
    #[validate(length(min = 2, max = 10))]
    pub meta_field: String,
    #[validate(range(max = 5))]
    pub version: Option<u8>,
}

#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Document {
    #[validate(length(min = 1))]
    pub title: String,
    #[serde(flatten)]
    #[validate(nested)]
    pub meta: Meta,
}

#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Shelf {
    #[validate(nested)]
    pub documents: Vec<Document>,
}

#[test]
fn flattened_members_are_the_outer_objects() {
    let s = schema::schema_for::<Document>();
    assert_eq!(s["properties"]["metaField"]["minLength"], json!(2));
    assert_eq!(s["required"], json!(["title", "metaField"]));
    assert!(agree::<Document>(json!({"title": "t", "metaField": "ab"})).is_empty());
    assert!(agree::<Document>(
        json!({"title": "t", "metaField": "ab", "version": 5.0, "other": 1})
    )
    .is_empty());
    assert_eq!(
        agree::<Document>(json!({"title": "", "metaField": "a", "version": 6})),
        vec![
            (
                "/title".to_owned(),
                "Member must have length greater than or equal to 1".to_owned()
            ),
            (
                "/metaField".to_owned(),
                "Member must have length greater than or equal to 2".to_owned()
            ),
            (
                "/version".to_owned(),
                "Member must have value less than or equal to 5".to_owned()
            ),
        ]
    );
    assert_eq!(
        agree::<Document>(json!({"title": "t"})),
        one("/metaField", "Member must not be null")
    );
    assert_eq!(
        agree::<Shelf>(json!({"documents": [{"title": "t", "metaField": "abcdefghijk"}]})),
        one(
            "/documents/0/metaField",
            "Member must have length less than or equal to 10"
        )
    );
    assert!(agree::<Shelf>(
        json!({"documents": [{"title": "t", "metaField": "ab", "version": 1.0}]})
    )
    .is_empty());
    let d = Document {
        title: "t".into(),
        meta: Meta {
            meta_field: "a".into(),
            version: None,
        },
    };
    assert_eq!(
        d.validate().unwrap_err().violations()[0].path(),
        "/metaField"
    );
}

fn ordered(span: &Span) -> Result<(), access_key_schema::CustomError> {
    if span.from <= span.to {
        Ok(())
    } else {
        Err(access_key_schema::CustomError::new(
            "unordered",
            "Member must start before it ends",
        ))
    }
}

/// A flattened struct with a struct-level check JSON Schema cannot express.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[validate(custom = ordered)]
pub struct Span {
    pub from: u32,
    pub to: u32,
}

#[derive(Validate, Serialize, Deserialize, Debug)]
pub struct Booking {
    #[validate(length(min = 1))]
    pub room: String,
    #[serde(flatten)]
    #[validate(nested)]
    pub span: Span,
}

#[test]
fn a_flattened_structs_own_check_is_in_the_outer_schema_and_runs() {
    // The schema says the Rust side is stricter: the check's `$comment`
    // comes along with the members.
    let s = schema::schema_for::<Booking>();
    let comment = s["$comment"].as_str().unwrap_or_default();
    assert!(comment.contains("custom: ordered"), "{s}");
    assert_eq!(s["required"], json!(["room", "from", "to"]));
    // And Rust runs it, at the outer object's path.
    let ok = json!({"room": "a", "from": 1, "to": 2});
    let bad = json!({"room": "a", "from": 3, "to": 2});
    assert!(from_str::<Booking>(&ok.to_string()).is_ok());
    assert!(schema_accepts::<Booking>(&bad));
    let e = from_str::<Booking>(&bad.to_string()).unwrap_err();
    let found: Vec<_> = e
        .violations()
        .iter()
        .map(|v| (v.path(), v.code()))
        .collect();
    assert_eq!(found, [("", "unordered")]);
}

#[test]
fn reports_read_in_aws_wording_with_the_variants_paths() {
    let e = from_str::<Payment>(r#"{"kind": "Cash", "amount": 0}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "1 validation error detected: Value at '/amount' failed to satisfy constraint: \
         Member must have value greater than or equal to 1"
    );
    let e = from_str::<External>(r#"{"Cash": {"amount": 0}}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "1 validation error detected: Value at '/Cash/amount' failed to satisfy constraint: \
         Member must have value greater than or equal to 1"
    );
    let e = from_str::<External>(r#"["Cash"]"#).unwrap_err();
    assert_eq!(e.violations()[0].code(), "type");
    let e = from_str::<External>(r#""Cash""#).unwrap_err();
    assert_eq!(e.violations()[0].code(), "variant");
    assert_eq!(
        e.violations()[0].constraint().to_string(),
        "Member must be one variant: a string of [Free] or an object of one member of [Card, Cash, Voucher]"
    );
    // Malformed and repeated members: reports, never a panic.
    let e = from_str::<Payment>(r#"{"kind": "Cash", "amount": 1, "amount": 2}"#).unwrap_err();
    assert_eq!(e.violations()[0].code(), "duplicate_field");
    let e = from_str::<Adjacent>(r#"{"t": "cash", "c": {"amount": 1"#).unwrap_err();
    assert_eq!(e.violations()[0].code(), "syntax");
}

#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Generic<T> {
    #[validate(nested)]
    pub items: Vec<T>,
}

#[test]
fn whole_floats_in_serdes_buffered_content_read_as_integers_everywhere() {
    // Inside a generic struct's reader (an enum with data is checked, then
    // read with whole floats written as integers).
    let text = r#"{"items": [{"kind": "Cash", "amount": 5.0}]}"#;
    assert!(from_str::<Generic<Payment>>(text).is_ok());
    let text = r#"{"items": [{"kind": "Cash", "amount": 0.0}]}"#;
    assert_eq!(
        report::<Generic<Payment>>(text),
        one("/items/0/amount", MIN_1)
    );
    let text = r#"{"items": [{"title": "t", "metaField": "ab", "version": 2.0}]}"#;
    assert!(from_str::<Generic<Document>>(text).is_ok());
    // `from_value`.
    let v = json!({"kind": "Cash", "amount": 5.0});
    assert!(access_key_schema::from_value::<Payment>(v).is_ok());
    let v = json!({"kind": "Cash", "amount": 5.5});
    let e = access_key_schema::from_value::<Payment>(v).unwrap_err();
    assert_eq!(e.violations()[0].path(), "/amount");
    assert_eq!(e.violations()[0].code(), "type");
}

/// Counts how it is read: by the reader (`report_json`) or by its
/// `Deserialize` (what the slow path's check-then-read would use).
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Counted(u32);

static READ: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static DESERIALIZED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl<'de> Deserialize<'de> for Counted {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        DESERIALIZED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        u32::deserialize(d).map(Counted)
    }
}

impl Validate for Counted {
    fn validate_into(
        &self,
        _: &access_key_schema::Path<'_>,
        _: &mut access_key_schema::ValidationErrors,
    ) {
    }
}

impl schemars::JsonSchema for Counted {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Counted".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        u32::json_schema(generator)
    }
}

impl access_key_schema::JsonCheck for Counted {
    const READS: bool = true;

    fn check_json(
        value: &Value,
        path: &access_key_schema::Path<'_>,
        errors: &mut access_key_schema::ValidationErrors,
    ) {
        u32::check_json(value, path, errors);
    }

    fn report_json(
        r: &mut access_key_schema::__json::Reader<'_>,
        at: &access_key_schema::Path<'_>,
        found: &mut access_key_schema::__json::Found,
    ) -> Result<Option<Self>, access_key_schema::__json::Fail> {
        READ.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(u32::report_json(r, at, found)?.map(Counted))
    }
}

#[derive(Validate, Serialize, Deserialize, Debug, PartialEq)]
pub enum CountedExternal {
    Struct { n: Counted, m: Option<u8> },
    Newtype(Counted),
    Unit,
}

#[derive(Validate, Serialize, Deserialize, Debug, PartialEq)]
#[serde(tag = "t")]
pub enum CountedInternal {
    Struct { n: Counted },
    Newtype(CountedInner),
    Unit,
}

#[derive(Validate, Serialize, Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CountedInner {
    #[validate(range(max = 9))]
    n: u32,
    c: Counted,
}

#[derive(Validate, Serialize, Deserialize, Debug, PartialEq)]
#[serde(tag = "t", content = "c")]
pub enum CountedAdjacent {
    Struct { n: Counted },
    Newtype(Counted),
    Unit,
}

/// `from_json`'s report of `text` as a `T`: (path, code) pairs.
fn codes<T>(text: &str) -> Vec<(String, &'static str)>
where
    T: Validate + serde::de::DeserializeOwned + access_key_schema::JsonCheck,
{
    violations::<T, _>(text, |v| v.code())
}

#[derive(Validate, Serialize, Deserialize, Debug, PartialEq)]
pub struct CountedMeta {
    m: Counted,
    #[validate(length(max = 3))]
    owner: String,
}

/// A struct with a flattened member, read in one pass the same way.
#[derive(Validate, Serialize, Deserialize, Debug, PartialEq)]
pub struct CountedFlat {
    n: Counted,
    #[serde(flatten)]
    #[validate(nested)]
    meta: CountedMeta,
}

/// (read by the reader, read by `Deserialize`) during `f`.
fn reads(f: impl FnOnce()) -> (usize, usize) {
    use std::sync::atomic::Ordering::SeqCst;
    let before = (READ.load(SeqCst), DESERIALIZED.load(SeqCst));
    f();
    (
        READ.load(SeqCst) - before.0,
        DESERIALIZED.load(SeqCst) - before.1,
    )
}

/// An enum with data (and a struct with a flattened member) is read by the
/// reader in one pass, never through its `Deserialize`: a valid payload's
/// rules applied after, an invalid one's problems reported as the slow path
/// reports them. (Only test that reads the counters.)
#[test]
fn an_enum_with_data_of_the_right_shape_is_read_in_one_pass() {
    fn ok<T: access_key_schema::JsonCheck + Validate + serde::de::DeserializeOwned>(text: &str) {
        assert!(from_str::<T>(text).is_ok(), "{text}");
    }
    for (text, check) in [
        (
            r#"{"Struct": {"m": 5.0, "n": 1}}"#,
            ok::<CountedExternal> as fn(&str),
        ),
        (r#"{"Newtype": 2}"#, ok::<CountedExternal>),
        (r#"{"n": 1, "t": "Struct"}"#, ok::<CountedInternal>),
        (r#"{"t": "Newtype", "n": 3, "c": 1}"#, ok::<CountedInternal>),
        (r#"{"c": {"n": 1}, "t": "Struct"}"#, ok::<CountedAdjacent>),
        (r#"{"t": "Newtype", "c": 7}"#, ok::<CountedAdjacent>),
    ] {
        assert_eq!(reads(|| check(text)), (1, 0), "{text}");
    }
    // Each flattened struct reads the object, then the struct's own fields.
    let text = r#"{"m": 2, "n": 1, "owner": "ann"}"#;
    assert_eq!(reads(|| ok::<CountedFlat>(text)), (2, 0), "{text}");
    let (read, deserialized) = reads(|| {
        let report = codes::<CountedFlat>(r#"{"m": 2, "n": 1, "owner": "annabel"}"#);
        assert_eq!(report, [("/owner".to_owned(), "length")]);
    });
    assert_eq!((read, deserialized), (2, 0));
    assert_eq!(
        codes::<CountedFlat>(r#"{"m": "2", "n": 1, "owner": "annabel"}"#),
        [("/m".to_owned(), "type"), ("/owner".to_owned(), "length")]
    );
    // A rule broken inside: still one pass, the rule from `validate()`.
    let (read, deserialized) = reads(|| {
        let report = codes::<CountedInternal>(r#"{"t": "Newtype", "n": 30, "c": 1}"#);
        assert_eq!(report, [("/n".to_owned(), "range")]);
    });
    assert_eq!((read, deserialized), (1, 0));
    // A problem of the shape, or a repeated tag: reported in the same
    // pass, as the slow path reports it, nothing deserialized.
    let (_, deserialized) = reads(|| {
        assert_eq!(
            codes::<CountedExternal>(r#"{"Struct": {"n": "1"}, "Newtype": 2}"#),
            [("".to_owned(), "variant")]
        );
        assert_eq!(
            codes::<CountedInternal>(r#"{"t": "Struct", "n": null, "x": {"y": 1, "y": 2}}"#),
            [
                ("/x/y".to_owned(), "duplicate_field"),
                ("/n".to_owned(), "required")
            ]
        );
    });
    assert_eq!(deserialized, 0);
    assert_eq!(
        codes::<CountedInternal>(r#"{"t": "Newtype", "n": 3, "c": 1, "x": 0}"#),
        [("/x".to_owned(), "unknown_field")]
    );
    assert_eq!(
        codes::<CountedAdjacent>(r#"{"t": "Newtype", "c": 7, "t": "Unit"}"#),
        [("/t".to_owned(), "duplicate_field")]
    );
}
