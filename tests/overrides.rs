//! `code = ".."` / `message = ".."` on every rule that reports on its own:
//! the service's vocabulary replaces the rule's code and AWS wording, in
//! `validate()` and in both of `from_json`'s readers (an object whose only
//! problems are rules, and one with a type error beside them), while the
//! schema and the verdict stay the rule's.

use std::collections::BTreeMap;

use access_key_schema::{from_json, Validate, ValidationErrors};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Validate, Serialize, Deserialize, Debug)]
struct Form {
    #[validate(pattern("[a-z]+", code = "lowercase", message = "Use lower-case letters"))]
    handle: String,
    #[validate(one_of("red", "green", code = "colour"))]
    colour: String,
    #[validate(contains("iam", message = "Mention IAM"))]
    arn: String,
    #[validate(prefix("arn:", code = "arn_prefix", message = "Start with arn:"))]
    resource: String,
    #[validate(multiple_of(5, code = "step"))]
    step: u32,
    #[validate(uuid(code = "bad_id", message = "Not an id"))]
    id: String,
    #[validate(required(code = "needed", message = "Give a nickname"))]
    nickname: Option<String>,
    secret: String,
    #[validate(must_match(secret, code = "mismatch", message = "Secrets differ"))]
    secret_again: String,
    #[validate(
        inner(suffix("!", code = "shout")),
        keys(length(max = 3, code = "key_len"))
    )]
    notes: BTreeMap<String, String>,
    /// Present so that a payload can carry a type error beside the rules.
    count: u32,
}

fn valid() -> Value {
    json!({
        "handle": "ann", "colour": "red", "arn": "arn:aws:iam::1", "resource": "arn:x",
        "step": 10, "id": "123e4567-e89b-42d3-a456-426614174000", "nickname": "a",
        "secret": "s", "secret_again": "s", "notes": {"a": "hi!"}, "count": 1
    })
}

fn broken() -> Value {
    json!({
        "handle": "Ann", "colour": "blue", "arn": "arn:aws:s3", "resource": "urn:x",
        "step": 7, "id": "nope", "nickname": null,
        "secret": "s", "secret_again": "t", "notes": {"long": "hi"}, "count": 1
    })
}

/// `(path, code, message)` of every violation, sorted by path.
fn seen(e: &ValidationErrors) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = e
        .violations()
        .iter()
        .map(|v| (v.path().to_owned(), v.code().to_owned(), v.message()))
        .collect();
    out.sort();
    out
}

fn expected() -> Vec<(String, String, String)> {
    let m = |path: &str, code: &str, text: &str| {
        (
            path.to_owned(),
            code.to_owned(),
            format!("Value at '{path}' failed to satisfy constraint: {text}"),
        )
    };
    let mut out = vec![
        m("/handle", "lowercase", "Use lower-case letters"),
        m(
            "/colour",
            "colour",
            "Member must satisfy enum value set: [red, green]",
        ),
        m("/arn", "contains", "Mention IAM"),
        m("/resource", "arn_prefix", "Start with arn:"),
        m("/step", "step", "Member must be a multiple of 5"),
        m("/id", "bad_id", "Not an id"),
        m("/nickname", "needed", "Give a nickname"),
        m("/secret_again", "mismatch", "Secrets differ"),
        m("/notes/long", "shout", "Member must end with: !"),
        m(
            "/notes/long",
            "key_len",
            "Member must have length less than or equal to 3",
        ),
    ];
    out.sort();
    out
}

#[test]
fn validate_uses_the_annotations_codes_and_messages() {
    let ok: Form = serde_json::from_value(valid()).unwrap();
    assert!(ok.validate().is_ok());
    let bad: Form = serde_json::from_value(broken()).unwrap();
    assert_eq!(seen(&bad.validate().unwrap_err()), expected());
}

#[test]
fn from_json_uses_them_too() {
    assert!(from_json::<Form>(valid().to_string().as_bytes()).is_ok());
    let report = from_json::<Form>(broken().to_string().as_bytes()).unwrap_err();
    assert_eq!(seen(&report), expected());
}

#[test]
fn beside_a_type_error_too() {
    // A wrong type sends the object down the reporting reader's problem
    // path; the user's checks (`must_match`) then do not run, as documented.
    let mut payload = broken();
    payload["count"] = json!("one");
    let report = from_json::<Form>(payload.to_string().as_bytes()).unwrap_err();
    let mut want: Vec<_> = expected()
        .into_iter()
        .filter(|(_, code, _)| code != "mismatch")
        .collect();
    want.push((
        "/count".into(),
        "type".into(),
        "Value at '/count' failed to satisfy constraint: Member must be of type integer".into(),
    ));
    want.sort();
    assert_eq!(seen(&report), want);
}

#[test]
fn the_schema_is_the_rules_alone() {
    let schema = access_key_schema::schema::schema_for::<Form>();
    let text = schema.to_string();
    for word in [
        "lowercase",
        "Mention IAM",
        "arn_prefix",
        "mismatch",
        "key_len",
    ] {
        assert!(!text.contains(word), "{word} leaked into the schema");
    }
    let props = &schema["properties"];
    assert_eq!(props["colour"]["enum"], json!(["red", "green"]));
    assert_eq!(props["step"]["multipleOf"], json!(5));
}

/// No map member: `from_json` reads this one with its own reporting
/// reader (the `Form` above goes through the `Value` walk).
#[derive(Validate, Serialize, Deserialize, Debug)]
struct Small {
    #[validate(required(code = "needed", message = "Give a nickname"))]
    nickname: Option<String>,
    #[validate(date(code = "day"))]
    day: String,
    count: u32,
}

#[test]
fn absent_null_and_beside_a_type_error_in_the_reading_reader() {
    let needed = (
        "/nickname".to_owned(),
        "needed".to_owned(),
        "Value at '/nickname' failed to satisfy constraint: Give a nickname".to_owned(),
    );
    let day = (
        "/day".to_owned(),
        "day".to_owned(),
        "Value at '/day' failed to satisfy constraint: Member must be a valid date".to_owned(),
    );
    let count = (
        "/count".to_owned(),
        "type".to_owned(),
        "Value at '/count' failed to satisfy constraint: Member must be of type integer".to_owned(),
    );
    for (payload, want) in [
        (
            json!({"day": "2024-02-29", "count": 1}),
            vec![needed.clone()],
        ),
        (
            json!({"nickname": null, "day": "2024-02-30", "count": 1}),
            vec![day.clone(), needed.clone()],
        ),
        (
            json!({"day": "x", "count": "1"}),
            vec![count.clone(), day.clone(), needed.clone()],
        ),
        (
            json!({"nickname": null, "day": "x", "count": true}),
            vec![count, day, needed],
        ),
    ] {
        let got = seen(&from_json::<Small>(payload.to_string().as_bytes()).unwrap_err());
        assert_eq!(got, want, "{payload}");
        if let Ok(typed) = serde_json::from_value::<Small>(payload.clone()) {
            assert_eq!(
                seen(&typed.validate().unwrap_err()),
                got,
                "validate() on {payload}"
            );
        }
    }
}
