//! Families shared by the request and response corpora: generic over the
//! members of the object the corpus edits (see [`Corpus::editing`]).

use super::*;

/// Each member given a value of every other JSON type, and strings that look
/// like numbers or keywords: `(member, a valid value of it)`.
pub(super) fn family_wrong_types(c: &mut Corpus, members: &[(&str, Value)]) {
    for (f, valid) in members {
        let wrong: Vec<(&str, Value)> = vec![
            ("number 0", json!(0)),
            ("number 1", json!(1)),
            ("number -1", json!(-1)),
            ("number 1.5", json!(1.5)),
            ("number 1e300", json!(1e300)),
            ("number u64 max", json!(u64::MAX)),
            ("number i64 min", json!(i64::MIN)),
            ("true", json!(true)),
            ("false", json!(false)),
            ("null", Value::Null),
            ("empty array", json!([])),
            ("array of valid", json!([valid])),
            ("array of two valid", json!([valid, valid])),
            ("empty object", json!({})),
            ("object wrapping valid", json!({ "value": valid })),
            ("empty string", json!("")),
            ("valid as JSON text", json!(valid.to_string())),
        ];
        for (label, v) in wrong {
            c.set(format!("{f}: {label}"), f, v);
        }
        for s in [
            "0",
            "1",
            "123",
            "-1",
            "1.5",
            "1e3",
            "0x10",
            "NaN",
            "Infinity",
            "true",
            "false",
            "null",
            "[]",
            "{}",
            "undefined",
            "None",
        ] {
            c.set_str(f, &format!("number/keyword-looking string {}", esc(s)), s);
        }
    }
}

/// Every combination of each member present, absent or `null` (3^n payloads).
pub(super) fn family_presence(c: &mut Corpus, members: &[&str]) {
    for code in 0..3usize.pow(members.len() as u32) {
        let mut changes: Vec<(&str, Option<Value>)> = Vec::new();
        let mut labels = Vec::new();
        let mut k = code;
        for f in members {
            match k % 3 {
                0 => {}
                1 => {
                    changes.push((f, None));
                    labels.push(format!("{f} absent"));
                }
                _ => {
                    changes.push((f, Some(Value::Null)));
                    labels.push(format!("{f} null"));
                }
            }
            k /= 3;
        }
        let what = if labels.is_empty() {
            "every member present".to_string()
        } else {
            labels.join(", ")
        };
        c.with(format!("presence: {what}"), &changes);
    }
}

/// A value no member of any shape accepts (wrong type or failing the pattern),
/// for unknown members whose name resembles a real one.
fn poison() -> Value {
    json!("\u{0}\n")
}

/// Unknown members (no shape denies them, so all are ignored): names special
/// to JavaScript or JSON Schema, and near-misses of real names carrying a
/// value the real member would reject, next to the real member and instead
/// of it.
pub(super) fn family_extras(c: &mut Corpus, members: &[&str]) {
    let extras: Vec<(&str, Value)> = vec![
        ("Extra", json!(1)),
        ("Extra", json!("x")),
        ("Extra", Value::Null),
        ("Extra", json!([])),
        ("Extra", json!({ "UserName": "" })),
        ("", json!(1)),
        ("__proto__", json!({ "Status": "Deleted" })),
        ("__proto__", Value::Null),
        ("constructor", json!(1)),
        ("prototype", json!({})),
        ("toString", json!(1)),
        ("hasOwnProperty", json!(false)),
        ("$schema", json!("http://json-schema.org/draft-07/schema#")),
        ("$ref", json!("#")),
        ("$id", json!("urn:x")),
        ("additionalProperties", json!(false)),
        ("required", json!(["Nope"])),
        ("properties", json!({})),
        ("SecretAccessKey", json!(BASE_SK)),
        (
            "ResponseMetadata",
            json!({ "RequestId": "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE" }),
        ),
    ];
    for (k, v) in &extras {
        c.set(format!("extra member {}: {v}", esc(k)), k, v.clone());
    }
    c.with(
        "extra members: several at once",
        &[
            ("Extra", Some(json!(1))),
            ("Other", Some(json!("x"))),
            ("Third", Some(json!([]))),
        ],
    );
    for f in members {
        let variants = [
            f.to_lowercase(),
            f.to_uppercase(),
            format!("{}{}", f[..1].to_lowercase(), &f[1..]),
            format!("{f} "),
            format!(" {f}"),
            format!("{f}\u{0}"),
            format!("{f}\u{200B}"),
            format!("{f}s"),
        ];
        for k in variants {
            c.set(
                format!(
                    "extra member {} (near-miss of {f}) with a bad value",
                    esc(&k)
                ),
                &k,
                poison(),
            );
            c.with(
                format!("member {} instead of {f}", esc(&k)),
                &[(f, None), (k.as_str(), Some(c.base[*f].clone()))],
            );
        }
    }
}

/// An ignored member holding nested arrays, up to `deepest` levels: the
/// deepest the Rust limit (64 levels, the top-level object being level 1)
/// allows where the corpus places its object. Past the limit is a `limit`
/// violation JSON Schema cannot express, so it is not probed.
pub(super) fn family_nesting(c: &mut Corpus, deepest: usize) {
    for levels in [2usize, 10, deepest] {
        let mut v = json!([]);
        for _ in 1..levels {
            v = json!([v]);
        }
        c.set(
            format!("extra member nesting {levels} arrays deep"),
            "Extra",
            v,
        );
    }
}

/// The whole payload of another JSON type, or the valid payload wrapped.
pub(super) fn family_whole(c: &mut Corpus, shape: &str, valid: &Value) {
    let wholes: Vec<(String, Value)> = vec![
        ("empty array".into(), json!([])),
        ("array containing the valid payload".into(), json!([valid])),
        ("string".into(), json!(shape)),
        (
            "the valid payload as JSON text".into(),
            json!(valid.to_string()),
        ),
        ("number 0".into(), json!(0)),
        ("number 1".into(), json!(1)),
        ("number 1.5".into(), json!(1.5)),
        ("null".into(), Value::Null),
        ("true".into(), json!(true)),
        ("false".into(), json!(false)),
        ("empty object".into(), json!({})),
        (
            format!("the valid payload under {shape}"),
            json!({ shape: valid }),
        ),
        (
            "the valid payload under Result".into(),
            json!({ shape.replace("Request", "Result").replace("Response", "Result"): valid }),
        ),
    ];
    for (label, v) in wholes {
        c.push(format!("whole payload: {label}"), v);
    }
}

/// Picks one of `n` with fixed weights (a thin helper over [`Rng::below`]).
pub(super) fn weighted(rng: &mut Rng, weights: &[usize]) -> usize {
    let total: usize = weights.iter().sum();
    let mut x = rng.below(total);
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}
