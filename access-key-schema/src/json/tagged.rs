//! `from_json` for enums with data (see the derive's `expand_tagged`): the
//! slow path's look at which variant a value is, in each serde tagging, and
//! the document read that makes that check the authority.
//!
//! serde reads internally and adjacently tagged enums through its buffered
//! `Content`, which the strict wrapper cannot reach (a whole float `5.0`
//! for an integer fails there although the schema accepts it, and a
//! fieldless enum inside accepts `{"V": null}`). So such a document is
//! parsed once, checked by the derived `check_json` (the schema's meaning),
//! and only then read as the type, whole floats written as integers.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::fast::{Fail, Reader};
use super::report::Found;
use super::JsonCheck;
use crate::errors::{Constraint, ValidationErrors};
use crate::path::Path;

/// The variant of an externally tagged value: `(index, payload)`, the
/// payload `None` for a unit variant written as its string. `names` are the
/// variants' names, `units` whether each is a unit variant, `expected` the
/// names as one text for the report.
pub fn external_variant<'v>(
    value: &'v Value,
    names: &'static [&'static str],
    units: &[bool],
    expected: &'static str,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) -> Option<(usize, Option<&'v Value>)> {
    let one = one_variant(expected);
    match value {
        Value::String(s) => match names.iter().position(|n| n == s) {
            Some(i) if units[i] => Some((i, None)),
            _ => {
                errors.add(path, one);
                None
            }
        },
        Value::Object(map) if map.len() == 1 => {
            let (name, payload) = map.iter().next()?;
            match names.iter().position(|n| n == name) {
                Some(i) if !units[i] => Some((i, Some(payload))),
                Some(_) => {
                    errors.add(path, Constraint::Type("string"));
                    None
                }
                None => {
                    errors.add(&path.field(name), Constraint::UnknownField(names));
                    None
                }
            }
        }
        Value::Object(_) => {
            errors.add(path, one);
            None
        }
        _ => {
            errors.add(path, Constraint::Type("object"));
            None
        }
    }
}

/// An externally tagged value that is not one variant.
pub(super) fn one_variant(expected: &'static str) -> Constraint {
    Constraint::Rule {
        code: "variant",
        text: "Member must be one variant: ",
        arg: expected,
    }
}

/// The variant index named by the object's `tag` member, reported at
/// `/tag` when absent, not a string or not a variant's name.
fn tag_of(
    map: &Map<String, Value>,
    tag: &'static str,
    tag_segment: &'static str,
    names: &'static [&'static str],
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) -> Option<usize> {
    let at = path.segment(tag_segment);
    match map.get(tag) {
        None | Some(Value::Null) => {
            errors.add(&at, Constraint::Required);
            None
        }
        Some(Value::String(s)) => {
            let found = names.iter().position(|n| n == s);
            if found.is_none() {
                errors.add(&at, Constraint::Enum(names));
            }
            found
        }
        Some(_) => {
            errors.add(&at, Constraint::Type("string"));
            None
        }
    }
}

/// The variant of an internally tagged value (`{"tag": "Name", ..}`) and
/// the object it is read from.
pub fn internal_variant<'v>(
    value: &'v Value,
    tag: &'static str,
    tag_segment: &'static str,
    names: &'static [&'static str],
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) -> Option<(usize, &'v Map<String, Value>)> {
    let Value::Object(map) = value else {
        errors.add(path, Constraint::Type("object"));
        return None;
    };
    let i = tag_of(map, tag, tag_segment, names, path, errors)?;
    Some((i, map))
}

/// The variant of an adjacently tagged value (`{"tag": "Name", "content":
/// payload}`) and its payload (`None` for a unit variant). Unknown members
/// are refused when `deny_unknown_fields`.
#[allow(clippy::too_many_arguments)]
pub fn adjacent_variant<'v>(
    value: &'v Value,
    tag: &'static str,
    content: &'static str,
    segments: [&'static str; 2],
    names: &'static [&'static str],
    units: &[bool],
    deny: Option<&'static [&'static str]>,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) -> Option<(usize, Option<&'v Value>)> {
    let Value::Object(map) = value else {
        errors.add(path, Constraint::Type("object"));
        return None;
    };
    let found = tag_of(map, tag, segments[0], names, path, errors);
    if let Some(known) = deny {
        super::derive::unknown(map, known, path, errors);
    }
    let i = found?;
    let at = path.segment(segments[1]);
    match (units[i], map.get(content)) {
        (true, None | Some(Value::Null)) => Some((i, None)),
        (true, Some(_)) => {
            errors.add(&at, Constraint::Type("null"));
            None
        }
        (false, None) => {
            errors.add(&at, Constraint::Required);
            None
        }
        (false, Some(payload)) => Some((i, Some(payload))),
    }
}

/// `map` without its `tag` member: what an internally tagged newtype
/// variant's struct reads (serde takes the tag out first).
pub fn without(map: &Map<String, Value>, tag: &str) -> Value {
    let mut out = map.clone();
    out.shift_remove(tag);
    Value::Object(out)
}

/// The members of `map` named in `members`: what a flattened struct
/// reads (serde gives it only its own).
pub fn only(map: &Map<String, Value>, members: &[&str]) -> Value {
    Value::Object(
        map.iter()
            .filter(|(k, _)| members.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

/// Every whole float written as an integer (`5.0` as `5`), as the strict
/// reader reads them for integer types; `f32`/`f64` read both alike.
fn whole_floats_as_integers(value: &mut Value) {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Number(n) if !n.is_i64() && !n.is_u64() => {
                if let Some(f) = n.as_f64() {
                    if f.fract() == 0.0 && f.abs() < 1.8e19 {
                        if f < 0.0 && f >= i64::MIN as f64 {
                            *v = Value::from(f as i64);
                        } else if f >= 0.0 && f <= u64::MAX as f64 {
                            *v = Value::from(f as u64);
                        }
                    }
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            Value::Object(map) => stack.extend(map.values_mut()),
            _ => {}
        }
    }
}

/// The reader's read of an enum with data, or a struct with a flattened
/// member, whose one-pass read found a problem (their `report_json`): the
/// value read as a `Value` (repeated member names recorded, the first value
/// kept, as the slow path's parser has it; depth refused), checked by `T`'s
/// `check_json` at `at` (its problems recorded), then read as `T`.
///
/// # Errors
///
/// Malformed, too deep, too many problems, or a `Deserialize` stricter
/// than `T`'s check: the tiers after the reader decide.
pub fn report_checked<'de, T: JsonCheck + DeserializeOwned>(
    r: &mut Reader<'de>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<T>, Fail> {
    let mut value: Value = r.value_at(at, found)?;
    let mut errors = ValidationErrors::new();
    T::check_json(&value, at, &mut errors);
    let out = if errors.is_empty() {
        whole_floats_as_integers(&mut value);
        T::deserialize(&value).map(Some).map_err(|_| Fail)
    } else {
        found.extend(errors).map(|()| None)
    };
    super::scrub(value);
    out
}

/// The slow path's second try: when its check found nothing but `invalid`
/// (serde refused what the check accepts), `value` read again with whole
/// floats written as integers, since serde's buffered `Content` (internal
/// and adjacent tagging, `flatten`, wherever they sit) refuses `5.0` for an
/// integer the schema accepts.
pub(super) fn retry<T: DeserializeOwned>(
    value: &Value,
    report: &ValidationErrors,
    max_depth: usize,
) -> Option<T> {
    let only_invalid = report.len() == 1
        && report.omitted() == 0
        && report.violations()[0].code() == "invalid"
        && report.violations()[0].path().is_empty();
    if !only_invalid {
        return None;
    }
    let mut value = value.clone();
    whole_floats_as_integers(&mut value);
    let out = super::strict::from_value(&value, max_depth);
    super::scrub(value);
    out
}
