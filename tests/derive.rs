//! The derive's user-facing contract, on structs a user would write.

use access_key_schema::{Validate, ValidationErrors};
use serde::{Deserialize, Serialize};

#[derive(Validate, Serialize, Deserialize, Debug, Clone)]
#[serde(rename_all = "PascalCase")]
struct Owner {
    #[validate(length(min = 1, max = 64), pattern = r"[\w+=,.@-]+")]
    name: String,
}

#[derive(Validate, Serialize, Deserialize, Debug, Clone)]
#[serde(rename_all = "PascalCase")]
struct Tag {
    #[validate(length(min = 1, max = 128), pattern = r"[\w+=,.@-]+")]
    key: String,
    #[validate(length(max = 256))]
    value: Option<String>,
    #[validate(one_of("Active", "Inactive"))]
    state: String,
    #[validate(nested)]
    owner: Owner,
    #[validate(nested, length(max = 10))]
    children: Vec<Owner>,
    #[validate(sensitive, length(min = 1))]
    secret: String,
}

fn owner(name: &str) -> Owner {
    Owner { name: name.into() }
}

fn tag() -> Tag {
    Tag {
        key: "team".into(),
        value: Some("platform".into()),
        state: "Active".into(),
        owner: owner("alice"),
        children: vec![owner("bob")],
        secret: "hunter2-canary".into(),
    }
}

fn codes(e: &ValidationErrors) -> Vec<(String, &'static str)> {
    e.violations()
        .iter()
        .map(|v| (v.path().to_owned(), v.code()))
        .collect()
}

#[test]
fn valid_value_passes() {
    assert_eq!(tag().validate(), Ok(()));
}

#[test]
fn every_violation_is_reported_with_json_pointer_paths() {
    let mut t = tag();
    t.key = "has space".into();
    t.value = Some("x".repeat(257));
    t.state = "active".into();
    t.owner = owner("");
    t.children = (0..11).map(|i| owner(&format!("kid{i}"))).collect();
    t.children[2] = owner("bad name");
    t.secret = String::new();
    let e = t.validate().unwrap_err();
    assert_eq!(
        codes(&e),
        vec![
            ("/Key".into(), "pattern"),
            ("/Value".into(), "length"),
            ("/State".into(), "enum"),
            ("/Owner/Name".into(), "length"),
            ("/Owner/Name".into(), "pattern"),
            ("/Children".into(), "length"),
            ("/Children/2/Name".into(), "pattern"),
            ("/Secret".into(), "length"),
        ]
    );
    assert!(e.to_string().starts_with("8 validation errors detected: "));
    assert_eq!(e.to_string().matches("; ").count(), 7);
}

#[test]
fn messages_use_aws_wording_and_name_the_broken_bound() {
    let mut t = tag();
    t.key = "x".repeat(129);
    t.state = "Deleted".into();
    t.owner = owner("bad name");
    let e = t.validate().unwrap_err();
    let messages: Vec<String> = e.violations().iter().map(|v| v.message()).collect();
    assert_eq!(
        messages,
        vec![
            "Value at '/Key' failed to satisfy constraint: Member must have length less than or equal to 128",
            "Value at '/State' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]",
            "Value at '/Owner/Name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
        ]
    );
    t = tag();
    t.secret = String::new();
    assert_eq!(
        t.validate().unwrap_err().to_string(),
        "1 validation error detected: Value at '/Secret' failed to satisfy constraint: \
         Member must have length greater than or equal to 1"
    );
}

#[test]
fn report_serializes_as_an_http_400_body() {
    let mut t = tag();
    t.key = String::new();
    let e = t.validate().unwrap_err();
    let body = serde_json::to_value(&e).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "message": e.to_string(),
            "fieldList": [
                {"path": "/Key", "code": "length", "message": e.violations()[0].message()},
                {"path": "/Key", "code": "pattern", "message": e.violations()[1].message()},
            ]
        })
    );
}

#[derive(Validate)]
struct Limits {
    #[validate(length(min = 1, max = 64))]
    name: String,
}

#[test]
fn length_counts_code_points_not_bytes() {
    for c in ['a', '\u{e9}', '\u{20ac}', '\u{1F600}'] {
        let at_max = Limits {
            name: c.to_string().repeat(64),
        };
        assert_eq!(at_max.validate(), Ok(()), "64 x {c:?}");
        let over = Limits {
            name: c.to_string().repeat(65),
        };
        let e = over.validate().unwrap_err();
        assert_eq!(
            codes(&e),
            vec![("/name".to_owned(), "length")],
            "65 x {c:?}"
        );
    }
    // A combining sequence is two code points.
    let combining = Limits {
        name: "e\u{301}".repeat(32),
    };
    assert_eq!(combining.validate(), Ok(()));
    let combining = Limits {
        name: "e\u{301}".repeat(32) + "x",
    };
    assert!(combining.validate().is_err());
}

#[derive(Validate)]
struct Word {
    #[validate(pattern = r"[\w]+")]
    id: String,
}

#[test]
fn patterns_match_the_whole_value_with_ascii_classes() {
    assert_eq!(
        Word {
            id: "abc_123".into()
        }
        .validate(),
        Ok(())
    );
    for bad in [
        "abc def",
        "abc\n",
        "\u{f1}",
        "\u{663}",
        "\u{212a}",
        "",
        "abc\r\n",
        "a\u{2028}",
    ] {
        assert!(
            Word { id: bad.into() }.validate().is_err(),
            "{bad:?} must fail [\\w]+"
        );
    }
}

#[derive(Validate, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Renamed {
    #[validate(length(min = 2))]
    user_name: String,
    #[serde(rename = "ID")]
    #[validate(length(min = 2))]
    id: String,
    #[serde(rename(serialize = "out", deserialize = "in"))]
    #[validate(length(min = 2))]
    both: String,
}

#[test]
fn paths_honour_serde_renames() {
    let r = Renamed {
        user_name: "a".into(),
        id: "b".into(),
        both: "c".into(),
    };
    let paths: Vec<String> = r
        .validate()
        .unwrap_err()
        .violations()
        .iter()
        .map(|v| v.path().to_owned())
        .collect();
    assert_eq!(paths, ["/userName", "/ID", "/in"]);
}

#[derive(Validate)]
struct Optional {
    #[validate(nested)]
    owner: Option<Owner>,
    #[validate(nested)]
    many: Option<Vec<Owner>>,
    #[validate(length(min = 3), one_of("abc", "abcd"))]
    code: Option<String>,
}

#[test]
fn options_are_checked_only_when_present() {
    let none = Optional {
        owner: None,
        many: None,
        code: None,
    };
    assert_eq!(none.validate(), Ok(()));
    let some = Optional {
        owner: Some(owner("")),
        many: Some(vec![owner("ok"), owner("no way")]),
        code: Some("ab".into()),
    };
    assert_eq!(
        codes(&some.validate().unwrap_err()),
        vec![
            ("/owner/Name".to_owned(), "length"),
            ("/owner/Name".to_owned(), "pattern"),
            ("/many/1/Name".to_owned(), "pattern"),
            ("/code".to_owned(), "length"),
            ("/code".to_owned(), "enum"),
        ]
    );
}

#[derive(Validate)]
struct Numbers {
    #[validate(range(min = 1, max = 1000))]
    max_items: i32,
    #[validate(range(min = -1.5))]
    ratio: Option<f64>,
}

#[test]
fn range_bounds_numbers_inclusively() {
    assert_eq!(
        Numbers {
            max_items: 1000,
            ratio: Some(-1.5)
        }
        .validate(),
        Ok(())
    );
    let e = Numbers {
        max_items: 0,
        ratio: Some(-2.0),
    }
    .validate()
    .unwrap_err();
    let messages: Vec<String> = e.violations().iter().map(|v| v.message()).collect();
    assert_eq!(
        messages,
        [
            "Value at '/max_items' failed to satisfy constraint: Member must have value greater than or equal to 1",
            "Value at '/ratio' failed to satisfy constraint: Member must have value greater than or equal to -1.5",
        ]
    );
}

#[test]
fn sensitive_values_appear_in_no_output() {
    let mut t = tag();
    t.secret = "hunter2-canary".into(); // valid; the report is about the key
    t.key = String::new();
    let e = t.validate().unwrap_err();
    let outputs = [
        e.to_string(),
        format!("{e:?}"),
        serde_json::to_string(&e).unwrap(),
    ];
    for out in &outputs {
        assert!(!out.contains("hunter2"), "{out}");
    }
}
