//! What `#[derive(Validate)]`'s generated `JsonCheck` impls call: the loops
//! and decisions live here, the generated code only lists the fields.
//!
//! The slow path's check applies a field's rules to the member read as the
//! field's type ([`typed`]), with the same calls as `validate()`, once the
//! member's own check found nothing; only a `nested` field's item count
//! ([`length_items`]) is taken from the JSON value, since the items are not
//! read as a whole when one of them has a problem.

use serde_json::Map;

pub use serde::de::{Deserialize, DeserializeOwned};
pub use serde_json::Value;

pub use super::fast::{Fail, Member, Object, Reader};
pub use super::report::{
    absent, enum_value, open_object, read_field, read_value, repeated, report_document, skip_once,
    wrong_type, Found, Others,
};
pub use super::tagged::{
    adjacent_variant, external_variant, internal_variant, only, report_checked, without,
};
pub use crate::errors::Constraint;

use super::JsonCheck;
use crate::errors::ValidationErrors;
use crate::path::Path;
use crate::Validate;

/// The reader's read of `bytes` alone (no rules): what it must never
/// accept differently from [`read_with_serde`]. `None` when it leaves the
/// payload to the tiers after it, or finds a problem. For tests; not an
/// API.
pub fn read_fast<T: JsonCheck + Validate + DeserializeOwned>(
    bytes: &[u8],
    max_depth: usize,
) -> Option<T> {
    report_document::<T>(bytes, max_depth, 1)?.ok()
}

/// The reporting reader's read of `bytes` (see `json::report`): `None` when
/// it leaves the payload to the tiers after it, the value when it found no
/// problem of its shape, its report otherwise. For tests that compare it
/// with [`slow_report`]; not an API.
pub fn read_report<T: JsonCheck + Validate + DeserializeOwned>(
    bytes: &[u8],
    max_depth: usize,
    max_violations: usize,
) -> Option<Result<T, ValidationErrors>> {
    report_document::<T>(bytes, max_depth, max_violations)
}

/// What the slow path finds in `bytes`: the repeated member names and
/// `check_json`'s walk of the parsed value (rules included), or the one
/// `syntax`/`limit` problem. What the reporting reader must report, for
/// tests; not an API.
pub fn slow_report<T: JsonCheck>(
    bytes: &[u8],
    max_depth: usize,
    max_violations: usize,
) -> ValidationErrors {
    let report = ValidationErrors::with_max(max_violations);
    match super::tree::parse(bytes, max_depth, report) {
        Ok((value, mut report)) => {
            T::check_json(&value, &Path::ROOT, &mut report);
            report
        }
        Err(problem) => {
            let mut report = ValidationErrors::new();
            report.push(problem);
            report
        }
    }
}

/// The same read through `T`'s own `Deserialize` behind the strict reader
/// (the serde tier): what the reader must read exactly alike.
pub fn read_with_serde<T: DeserializeOwned>(bytes: &[u8], max_depth: usize) -> Option<T> {
    super::strict::from_slice(bytes, max_depth)
}

/// The object a struct is read from; records `type` and returns `None` for
/// anything else.
pub fn object<'v>(
    value: &'v Value,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) -> Option<&'v Map<String, Value>> {
    match value {
        Value::Object(map) => Some(map),
        _ => {
            errors.add(path, Constraint::Type("object"));
            None
        }
    }
}

/// Member `name` of `object`, to be checked as a `T` at `path` (the member's
/// path). Absent: `required` when `required`. Null: `required` unless `T`
/// is nullable. `None` when there is nothing more to check.
pub fn member<'v, T: JsonCheck + ?Sized>(
    object: &'v Map<String, Value>,
    name: &str,
    required: bool,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) -> Option<&'v Value> {
    match object.get(name) {
        None => {
            if required {
                errors.add(path, Constraint::Required);
            }
            None
        }
        // `null` for a non-nullable type, or for an `Option` with the
        // `required` rule.
        Some(Value::Null) if !T::NULLABLE || required => {
            errors.add(path, Constraint::Required);
            None
        }
        Some(Value::Null) => None,
        Some(value) => Some(value),
    }
}

/// [`member`], then the member's own check; `Some` only when that found
/// nothing, so the field's rules can run on it.
pub fn field<'v, T: JsonCheck + ?Sized>(
    object: &'v Map<String, Value>,
    name: &str,
    required: bool,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) -> Option<&'v Value> {
    let value = member::<T>(object, name, required, path, errors)?;
    let before = errors.len();
    T::check_json(value, path, errors);
    (errors.len() == before).then_some(value)
}

/// `T`'s check of `value` (for `nested` fields, after their `length`).
pub fn check<T: JsonCheck + ?Sized>(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
    T::check_json(value, path, errors);
}

/// `length` on a `nested` field, an array or a map of validatable values:
/// checked before the values, as `validate()` orders them.
pub fn length_items(
    value: &Value,
    min: usize,
    max: usize,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    let n = match value {
        Value::Array(items) => items.len(),
        Value::Object(members) => members.len(),
        _ => return,
    };
    if let Some(c) = crate::rules::length::bound(n, min, max) {
        errors.add(path, c);
    }
}

/// A member name as text.
///
/// # Errors
///
/// Not UTF-8 (never for a name the reader read).
#[inline]
pub fn utf8(name: &[u8]) -> Result<&str, Fail> {
    std::str::from_utf8(name).map_err(|_| Fail)
}

/// An externally tagged value that is not one variant: `expected` says
/// what would be.
pub fn one_variant(expected: &'static str) -> Constraint {
    super::tagged::one_variant(expected)
}

/// `length` on a `nested` field's item count `n` (see [`Reader::items_at`]).
pub fn length_count(
    n: usize,
    min: usize,
    max: usize,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if let Some(c) = crate::rules::length::bound(n, min, max) {
        errors.add(path, c);
    }
}

/// The member as the field's type, for its rules, which read that type (as
/// `validate()` applies them). Read through the strict reader, so a whole
/// float (`5.0`) fits an integer field exactly as it does in the reader.
pub fn typed<T: DeserializeOwned>(value: &Value) -> Option<T> {
    super::strict::from_value(value, usize::MAX)
}

/// `unknown_field` for every member of `object` not in `known`.
pub fn unknown(
    object: &Map<String, Value>,
    known: &'static [&'static str],
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    for name in object.keys() {
        if !known.contains(&name.as_str()) {
            errors.add(&path.field(name), Constraint::UnknownField(known));
        }
    }
}

/// A fieldless enum: a string, one of `values`.
pub fn string_enum(
    value: &Value,
    values: &'static [&'static str],
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    match value {
        Value::String(s) if values.contains(&s.as_str()) => {}
        Value::String(_) => errors.add(path, Constraint::Enum(values)),
        _ => errors.add(path, Constraint::Type("string")),
    }
}

/// `value` read as `T` when `T` deserializes, else `None`, decided by
/// auto-ref method resolution (`(&TypedProbe::<T>::NEW).typed(value)`), so
/// the derive can ask for a struct's typed value without a `Deserialize`
/// bound on its `JsonCheck` impl (a struct deriving `Validate` alone still
/// compiles). Used for the user's checks, which read typed values.
pub struct TypedProbe<T>(std::marker::PhantomData<fn() -> T>);

impl<T> TypedProbe<T> {
    /// The probe.
    pub const NEW: TypedProbe<T> = TypedProbe(std::marker::PhantomData);
}

/// Picked when `T: DeserializeOwned`.
pub trait TypedRead<T> {
    /// `value` as a `T`, if it reads as one.
    fn typed(&self, value: &Value) -> Option<T>;
}

impl<T: DeserializeOwned + JsonCheck> TypedRead<T> for TypedProbe<T> {
    fn typed(&self, value: &Value) -> Option<T> {
        if T::SERDE_SAME {
            return typed::<T>(value);
        }
        // A member whose type's own `Deserialize` reads another form (a
        // `time::OffsetDateTime`) is rewritten into that form first, as
        // `from_json` does before it reads such a value.
        let mut value = value.clone();
        T::to_serde_form(&mut value);
        typed::<T>(&value)
    }
}

/// Picked otherwise (one auto-ref further): nothing to read.
pub trait NoTypedRead<T> {
    /// Always `None`.
    fn typed(&self, value: &Value) -> Option<T>;
}

impl<T> NoTypedRead<T> for &TypedProbe<T> {
    fn typed(&self, _: &Value) -> Option<T> {
        None
    }
}
