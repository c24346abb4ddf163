//! Ported from the peers: a realistic `validator`-annotated struct and a
//! realistic `garde`-annotated struct, each with the same rules written in
//! this library's annotations, give the same verdicts on the same payloads.
//! The peers are dev-dependencies of this test only. Where a peer's default
//! meaning differs from ours, the port says so in the peer's annotation:
//! `regex`/`pattern` search, so the peer's patterns are anchored by hand; garde's
//! `length` counts bytes unless told `chars`.

use std::sync::LazyLock;

use access_key_schema::{from_json, CustomError};
// validator's `nested` calls `.validate()` on the field by method syntax.
use serde::Deserialize;
use serde_json::{json, Value};
use validator::Validate as _;

fn even_ours(n: &u32) -> Result<(), CustomError> {
    if n.is_multiple_of(2) {
        Ok(())
    } else {
        Err(CustomError::new("odd", "Member must be even"))
    }
}

// --- validator 0.21 ----------------------------------------------------------

static USERNAME: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"^[a-z][a-z0-9_]*$").unwrap());

fn even_validator(n: u32) -> Result<(), validator::ValidationError> {
    if n.is_multiple_of(2) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("odd"))
    }
}

#[derive(Debug, Deserialize, validator::Validate)]
struct AddressV {
    #[validate(length(min = 1, max = 40))]
    street: String,
    #[validate(length(equal = 2))]
    country: String,
}

#[derive(Debug, Deserialize, validator::Validate)]
struct SignupV {
    #[validate(length(min = 3, max = 16), regex(path = *USERNAME))]
    username: String,
    #[validate(length(min = 8, max = 64))]
    password: String,
    #[validate(must_match(other = "password"))]
    password_again: String,
    #[validate(range(min = 13, max = 120))]
    age: u8,
    #[validate(range(exclusive_min = 0.0, max = 100.0))]
    score: f64,
    #[validate(contains(pattern = "@"), does_not_contain(pattern = ".."))]
    contact: String,
    #[validate(required, length(min = 2))]
    nickname: Option<String>,
    #[validate(custom(function = "even_validator"))]
    lucky: u32,
    #[validate(nested)]
    address: AddressV,
    #[validate(length(max = 3))]
    tags: Vec<String>,
}

#[derive(Debug, Deserialize, access_key_schema::Validate)]
struct AddressOurs {
    #[validate(length(min = 1, max = 40))]
    street: String,
    #[validate(length(equal = 2))]
    country: String,
}

#[derive(Debug, Deserialize, access_key_schema::Validate)]
struct SignupOurs {
    #[validate(length(min = 3, max = 16), pattern = "[a-z][a-z0-9_]*")]
    username: String,
    #[validate(length(min = 8, max = 64))]
    password: String,
    #[validate(must_match(password))]
    password_again: String,
    #[validate(range(min = 13, max = 120))]
    age: u8,
    #[validate(range(exclusive_min = 0.0, max = 100.0))]
    score: f64,
    #[validate(contains = "@", does_not_contain = "..")]
    contact: String,
    #[validate(required, length(min = 2))]
    nickname: Option<String>,
    #[validate(custom = even_ours)]
    lucky: u32,
    #[validate(nested)]
    address: AddressOurs,
    #[validate(length(max = 3))]
    tags: Vec<String>,
}

// --- garde 0.23 ----------------------------------------------------------------

fn even_garde(n: &u32, _: &()) -> garde::Result {
    if n.is_multiple_of(2) {
        Ok(())
    } else {
        Err(garde::Error::new("odd"))
    }
}

#[derive(Debug, Deserialize, garde::Validate)]
struct LineG {
    #[garde(length(chars, min = 1, max = 12), pattern(r"^[A-Z0-9-]+$"))]
    sku: String,
    #[garde(range(min = 1, max = 999))]
    quantity: u32,
}

#[derive(Debug, Deserialize, garde::Validate)]
struct OrderG {
    #[garde(prefix("ord-"), length(chars, equal = 10))]
    order_id: String,
    #[garde(suffix(".example"), contains("@"))]
    notify: String,
    #[garde(length(min = 1, max = 5), dive)]
    lines: Vec<LineG>,
    #[garde(
        inner(length(chars, min = 1, max = 8), pattern(r"^[a-z]+$")),
        length(max = 4)
    )]
    labels: Vec<String>,
    #[garde(required, length(chars, min = 2, max = 20))]
    coupon: Option<String>,
    #[garde(range(min = 0.0, max = 1.0))]
    discount: f64,
    #[garde(custom(even_garde))]
    batch: u32,
    #[garde(length(chars, min = 8))]
    secret: String,
    #[garde(matches(secret))]
    secret_again: String,
}

#[derive(Debug, Deserialize, access_key_schema::Validate)]
struct LineOurs {
    #[validate(length(min = 1, max = 12), pattern = "[A-Z0-9-]+")]
    sku: String,
    #[validate(range(min = 1, max = 999))]
    quantity: u32,
}

#[derive(Debug, Deserialize, access_key_schema::Validate)]
struct OrderOurs {
    #[validate(prefix = "ord-", length(equal = 10))]
    order_id: String,
    #[validate(suffix = ".example", contains = "@")]
    notify: String,
    #[validate(length(min = 1, max = 5), nested)]
    lines: Vec<LineOurs>,
    #[validate(inner(length(min = 1, max = 8), pattern = "[a-z]+"), length(max = 4))]
    labels: Vec<String>,
    #[validate(required, length(min = 2, max = 20))]
    coupon: Option<String>,
    #[validate(range(min = 0.0, max = 1.0))]
    discount: f64,
    #[validate(custom = even_ours)]
    batch: u32,
    #[validate(length(min = 8))]
    secret: String,
    #[validate(must_match(secret))]
    secret_again: String,
}

/// Every single-member edit of `base` from `edits`, plus the base itself.
fn variants(base: &Value, edits: &[(&str, Vec<Value>)]) -> Vec<Value> {
    let mut out = vec![base.clone()];
    for (key, values) in edits {
        for value in values {
            let mut v = base.clone();
            if value.is_null() && key.starts_with('-') {
                v.as_object_mut().unwrap().remove(&key[1..]);
            } else {
                v[*key] = value.clone();
            }
            out.push(v);
        }
    }
    out
}

/// Our verdict (`from_json`) and the peer's (serde, then its `validate`) on
/// each payload; returns how many each side rejected.
fn compare<Ours, Peer>(payloads: &[Value], peer_ok: impl Fn(&Peer) -> bool) -> usize
where
    Ours: access_key_schema::JsonCheck + access_key_schema::Validate + serde::de::DeserializeOwned,
    Peer: serde::de::DeserializeOwned,
{
    let mut rejected = 0;
    for p in payloads {
        let bytes = serde_json::to_vec(p).unwrap();
        let ours = from_json::<Ours>(&bytes).is_ok();
        let theirs = serde_json::from_value::<Peer>(p.clone()).is_ok_and(|v| peer_ok(&v));
        assert_eq!(ours, theirs, "ours {ours}, peer {theirs} on {p}");
        rejected += usize::from(!ours);
    }
    rejected
}

#[test]
fn a_validator_struct_ported_gives_the_same_verdicts() {
    let base = json!({
        "username": "ann_1", "password": "correct horse", "password_again": "correct horse",
        "age": 30, "score": 50.5, "contact": "ann@example.org", "nickname": "annie",
        "lucky": 8, "address": {"street": "Main St 1", "country": "NZ"}, "tags": ["a"]
    });
    let s = |x: &str| json!(x);
    let edits: Vec<(&str, Vec<Value>)> = vec![
        (
            "username",
            vec![
                s("an"),
                s("abc"),
                s("abcdefghijklmnop"),
                s("abcdefghijklmnopq"),
                s("a_very_long_username"),
                s("Ann"),
                s("1ann"),
                s("ann-1"),
                s("\u{e9}t\u{e9}"),
                s("ann_\u{e9}\u{e9}"),
            ],
        ),
        (
            "password",
            vec![
                s("short"),
                s(&"x".repeat(64)),
                s(&"x".repeat(65)),
                s(&"\u{e9}".repeat(8)),
            ],
        ),
        ("password_again", vec![s("correct horsE"), s("")]),
        ("age", vec![json!(12), json!(13), json!(120), json!(121)]),
        (
            "score",
            vec![
                json!(0.0),
                json!(1e-9),
                json!(100.0),
                json!(100.5),
                json!(-1),
            ],
        ),
        (
            "contact",
            vec![s("ann.example.org"), s("ann@@x"), s("ann@x..org"), s("@")],
        ),
        ("nickname", vec![Value::Null, s("a"), s("ab")]),
        ("-nickname", vec![Value::Null]),
        ("lucky", vec![json!(0), json!(7), json!(4_000_000_000u32)]),
        (
            "address",
            vec![
                json!({"street": "", "country": "NZ"}),
                json!({"street": "x", "country": "NZL"}),
                json!({"street": "x", "country": "\u{e9}\u{e9}"}),
            ],
        ),
        ("tags", vec![json!([]), json!(["a", "b", "c", "d"])]),
    ];
    let payloads = variants(&base, &edits);
    let rejected =
        compare::<SignupOurs, SignupV>(&payloads, |v| validator::Validate::validate(v).is_ok());
    assert!(
        rejected > 15 && rejected < payloads.len() - 5,
        "{rejected} of {}",
        payloads.len()
    );
}

#[test]
fn a_garde_struct_ported_gives_the_same_verdicts() {
    let base = json!({
        "order_id": "ord-123456", "notify": "ops@shop.example",
        "lines": [{"sku": "AB-1", "quantity": 2}], "labels": ["gift"],
        "coupon": "WINTER", "discount": 0.25, "batch": 2,
        "secret": "s3cr3t-pw", "secret_again": "s3cr3t-pw"
    });
    let s = |x: &str| json!(x);
    let edits: Vec<(&str, Vec<Value>)> = vec![
        (
            "order_id",
            vec![
                s("ord-abcdef"),
                s("ord-12345"),
                s("ord-1234567"),
                s("ORD-123456"),
                s("xord-12345"),
                s("ord-\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}"),
            ],
        ),
        (
            "notify",
            vec![
                s("ops.shop.example"),
                s("ops@shop.examples"),
                s("@.example"),
            ],
        ),
        (
            "lines",
            vec![
                json!([]),
                json!([{"sku": "", "quantity": 1}]),
                json!([{"sku": "ab", "quantity": 1}]),
                json!([{"sku": "A", "quantity": 1000}]),
                json!([{"sku": "A", "quantity": 1}, {"sku": "B", "quantity": 1}, {"sku": "C", "quantity": 1}, {"sku": "D", "quantity": 1}, {"sku": "E", "quantity": 1}, {"sku": "F", "quantity": 1}]),
            ],
        ),
        (
            "labels",
            vec![
                json!([]),
                json!([""]),
                json!(["abcdefghi"]),
                json!(["Gift"]),
                json!(["a", "b", "c", "d", "e"]),
                json!(["\u{e9}"]),
            ],
        ),
        (
            "coupon",
            vec![
                Value::Null,
                s("W"),
                s(&"W".repeat(21)),
                s(&"\u{e9}".repeat(20)),
            ],
        ),
        ("-coupon", vec![Value::Null]),
        (
            "discount",
            vec![json!(0), json!(1), json!(1.5), json!(-0.01)],
        ),
        ("batch", vec![json!(3), json!(0)]),
        (
            "secret",
            vec![
                s("short"),
                s("\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}"),
            ],
        ),
        ("secret_again", vec![s("s3cr3t-pW")]),
    ];
    let payloads = variants(&base, &edits);
    let rejected =
        compare::<OrderOurs, OrderG>(&payloads, |v| garde::Validate::validate(v).is_ok());
    assert!(
        rejected > 15 && rejected < payloads.len() - 5,
        "{rejected} of {}",
        payloads.len()
    );
}
