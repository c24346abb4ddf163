//! The payload boundary: [`from_json`] and its siblings, the [`JsonCheck`]
//! trait of the slow path, and the leaf types' impls. The reader that
//! records and continues is in `report` (on the byte reader of `fast`), the
//! serde tier (the strict deserializer) in `strict`, the slow path's parser
//! in `tree`, the helpers of generated code in `derive`.

#[doc(hidden)]
pub mod derive;
mod fast;
mod report;
mod strict;
mod tagged;
mod tree;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::BuildHasher;
use std::ops::Deref;

use serde::de::DeserializeOwned;
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::errors::{Constraint, ValidationErrors, Violation};
use crate::path::Path;
use crate::{SecretString, Timestamp, Validate};

/// Resource limits for reading a payload.
///
/// Exceeding `max_bytes` or `max_depth` is a `limit` violation, reported
/// alone; nothing is allocated beyond a small multiple of `max_bytes`, and
/// recursion is bounded by `max_depth`. `max_violations` bounds the report:
/// past it violations are counted, not kept (see [`ValidationErrors`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Limits {
    /// Largest accepted payload, in bytes. Default: 1 MiB.
    pub max_bytes: usize,
    /// Deepest accepted nesting of arrays and objects (the top-level object
    /// is depth 1). Default: 64. Values above 127 act as 127, serde_json's
    /// own recursion limit.
    pub max_depth: usize,
    /// Most violations kept in a report; the rest are only counted (the
    /// message ends with `; and N more`). Default: 100. At least one is
    /// always kept.
    pub max_violations: usize,
}

/// serde_json refuses a 128th level of nesting.
const SERDE_JSON_MAX_DEPTH: usize = 127;

impl Limits {
    /// 1 MiB, depth 64, 100 violations.
    pub const DEFAULT: Limits = Limits {
        max_bytes: 1 << 20,
        max_depth: 64,
        max_violations: 100,
    };

    fn depth(&self) -> usize {
        self.max_depth.min(SERDE_JSON_MAX_DEPTH)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// A `T` read from a payload that passed every check: the only way to get
/// one is [`from_json`] and its siblings.
///
/// Derefs to `T`; [`into_inner`](Self::into_inner) takes it out. `Debug`,
/// `Serialize` and comparisons are `T`'s own (transparent).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Valid<T>(T);

impl<T> Valid<T> {
    /// The validated value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Valid<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> AsRef<T> for Valid<T> {
    fn as_ref(&self) -> &T {
        &self.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Valid<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Serialize> Serialize for Valid<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Checks a JSON value against a type's shape and rules, recording every
/// problem: what the slow path of [`from_json`] runs.
///
/// `#[derive(Validate)]` implements it for structs (an object; each member
/// checked as its field's type, then the field's rules; unknown members
/// with `deny_unknown_fields`) and fieldless enums (one of the strings);
/// this crate implements it for strings, [`SecretString`], `bool`, integers,
/// floats, [`Timestamp`], `Option`, `Vec`, `Box`, string-keyed maps and
/// `serde_json::Value`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be checked as JSON",
    label = "`from_json` needs `JsonCheck` for this type and every field type in it",
    note = "derive `Validate` on it, or implement `access_key_schema::JsonCheck`"
)]
pub trait JsonCheck {
    /// Whether `null` is a valid value (`Option`, `serde_json::Value`); a
    /// `null` member of any other type is a `required` violation.
    const NULLABLE: bool = false;

    /// Whether `Self`'s `Deserialize` accepts exactly the JSON values
    /// `check_json` finds no problem in, with the same meaning. False for
    /// the foreign types (`crate::foreign`), whose crates' parsers accept
    /// more than this crate's languages (or another form altogether), and
    /// for everything holding one: `from_json` then lets `check_json`
    /// decide before serde reads the value, in the form
    /// [`to_serde_form`](Self::to_serde_form) puts it in. Not meant to be
    /// set by hand.
    #[doc(hidden)]
    const SERDE_SAME: bool = true;

    /// Whether [`report_json`](Self::report_json) reads a `Self` (true
    /// for every impl of this crate and the derive's; a hand-written impl
    /// has none). A member of a type without one is read as a `Value`,
    /// checked by `check_json` and then deserialized, that member alone.
    /// Not meant to be set by hand.
    #[doc(hidden)]
    const READS: bool = false;

    /// Records every problem of `value`, read as a `Self`, found at `path`.
    fn check_json(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors);

    /// Rewrites a `value` in which `check_json` found no problem into the
    /// form `Self`'s `Deserialize` reads with the same meaning (a foreign
    /// type's string into what its own `Serialize` writes); nothing for a
    /// type whose [`SERDE_SAME`](Self::SERDE_SAME) is true. Not meant to be
    /// called or implemented by hand.
    #[doc(hidden)]
    #[inline]
    fn to_serde_form(value: &mut Value) {
        let _ = value;
    }

    /// The reader's read of a `Self` whose first byte is at the reader's
    /// position (see `json::report`): `Ok(Some)` when it has no problem of
    /// its shape (its rules are not applied yet), `Ok(None)` when every
    /// problem is recorded in `found` and the value skipped; the position
    /// is then just after the value. `Err(Fail)` gives up: the tiers after
    /// the reader decide. The default (a hand-written `JsonCheck`) gives
    /// up. Not meant to be called or implemented by hand.
    ///
    /// # Errors
    ///
    /// Whenever the slow path might report otherwise.
    #[doc(hidden)]
    #[inline]
    fn report_json(
        r: &mut derive::Reader<'_>,
        at: &Path<'_>,
        found: &mut derive::Found,
    ) -> Result<Option<Self>, derive::Fail>
    where
        Self: Sized,
    {
        let _ = (r, at, found);
        Err(derive::Fail)
    }

    /// What the slow path's check of a `Self` that
    /// [`report_json`](Self::report_json) read finds beyond its shape: the
    /// rules inside a derived struct (`validate()`'s), nothing for a leaf.
    /// Not meant to be called or implemented by hand.
    ///
    /// # Errors
    ///
    /// Never for the impls here.
    #[doc(hidden)]
    #[inline]
    fn inner_rules(
        &self,
        at: &Path<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), derive::Fail> {
        let _ = (at, errors);
        Ok(())
    }

    /// The value of an absent member, where serde's derive has one (`None`
    /// for an `Option`). Not meant to be called or implemented by hand.
    #[doc(hidden)]
    #[inline]
    fn absent() -> Option<Self>
    where
        Self: Sized,
    {
        None
    }
}

/// Reads a `T` from JSON bytes with the default [`Limits`]: a [`Valid`] `T`,
/// or the report of every problem in the payload.
///
/// ```
/// use access_key_schema::{from_json, AccessKey, StatusType};
///
/// let payload = br#"{"AccessKeyId": "AKIAIOSFODNN7EXAMPLE",
///     "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
///     "Status": "Active", "UserName": "Bob"}"#;
/// let key = from_json::<AccessKey>(payload).unwrap();
/// assert_eq!(key.status, StatusType::Active);
///
/// let report = from_json::<AccessKey>(br#"{"AccessKeyId": 7, "Status": "On"}"#).unwrap_err();
/// let codes: Vec<_> = report.violations().iter().map(|v| (v.path(), v.code())).collect();
/// assert_eq!(codes, [
///     ("/AccessKeyId", "type"),
///     ("/SecretAccessKey", "required"),
///     ("/Status", "enum"),
///     ("/UserName", "required"),
/// ]);
/// ```
///
/// # How
///
/// For a type the derive (or this crate) wrote a reader for, generic
/// structs included, that reader reads the bytes
/// straight into `T` (objects only where the schema wants objects, strings
/// only for enums, nesting within the limit; member names matched as
/// bytes, strings borrowed from the input), and on a problem of the
/// payload's shape (a wrong type, a missing, repeated or unknown member, an
/// unknown enum value, a bad date) records it at its path, skips the value
/// and goes on; then [`Validate::validate`] runs on what was read. No
/// `serde_json::Value` is built. A malformed document is reported from the
/// same parser the slow path uses, without building a value.
///
/// What that reader leaves (a repeated member name inside a value it
/// skips, say, or a type with a hand-written [`JsonCheck`]) goes to
/// serde_json behind a strict wrapper, and if that fails, to the **slow
/// path**: the bytes are parsed into a
/// `serde_json::Value` (recording repeated member names and refusing deep
/// nesting), then [`JsonCheck::check_json`] walks it and records every
/// problem. Both give the same report. For a type holding a foreign type
/// (see [`foreign`](crate::foreign)), whose crate's `Deserialize` reads
/// more than the schema's language, the serde tier is skipped: the check
/// decides, and serde reads only a payload it found no problem in.
///
/// # The report
///
/// Every violation has the JSON Pointer of the member and a code:
///
/// | code | when | message (`Member must ...`) |
/// |---|---|---|
/// | `syntax` | not well-formed JSON (alone in its report) | `be valid JSON: expected value at line 1 column 1` |
/// | `limit` | over [`Limits`] (alone in its report) | `have size less than or equal to 1048576 bytes`, `have nesting depth less than or equal to 64` |
/// | `duplicate_field` | a member name repeated in one object | `not appear more than once` |
/// | `type` | wrong JSON type | `be of type string` (`object`, `array`, `integer`, `number`, `boolean`) |
/// | `required` | a required member is absent or null | `not be null` |
/// | `enum` | not a value of a fieldless enum | `satisfy enum value set: [Active, Inactive]` |
/// | `format` | not a valid [`Timestamp`](crate::Timestamp); a foreign type's string outside its rule's language (see [`foreign`](crate::foreign)) | `be a valid date-time`, `be a valid uuid` |
/// | `length`, `pattern`, `range`, ... | the field's rules | exactly as `validate()` reports them |
/// | `unknown_field` | an undeclared member, with `deny_unknown_fields` | `not be present (known members: [..])` |
/// | `invalid` | only if a hand-written `Deserialize` rejects what its `JsonCheck` accepts | `be a valid value of its type` |
///
/// Order: repeated member names first (in document order), then each
/// field in declaration order, its own problems in rule order (as
/// `validate()`), then the unknown members of its object. No message ever
/// quotes a value of the payload (member names do appear, in paths). The
/// first [`Limits::max_violations`] (100) are kept, the rest only counted.
///
/// # Numbers
///
/// An integer type accepts every JSON number that is a whole number, however
/// it is written (`5`, `5.0`, `1e2`, `-0`), because JSON Schema's `integer`
/// does: the Rust checks and the emitted schema must agree. (Plain serde
/// rejects `5.0` for an `i32`; `from_json` reads it as `5`.) A number with a
/// fraction is a `type` error ("Member must be of type integer"). An integer
/// outside the type's range is a `range` error naming the type's bound
/// (`300` for a `u8`: "Member must have value less than or equal to 255"),
/// and the schema carries the same bounds. `f32` and `f64` accept any JSON
/// number.
///
/// # Errors
///
/// Every problem of the payload, as above.
pub fn from_json<T>(bytes: &[u8]) -> Result<Valid<T>, ValidationErrors>
where
    T: Validate + DeserializeOwned + JsonCheck,
{
    from_json_with(bytes, &Limits::DEFAULT)
}

/// [`from_json`] of a string.
///
/// # Errors
///
/// Every problem of the payload.
#[allow(clippy::should_implement_trait)]
pub fn from_str<T>(s: &str) -> Result<Valid<T>, ValidationErrors>
where
    T: Validate + DeserializeOwned + JsonCheck,
{
    from_json(s.as_bytes())
}

/// [`from_json`] with other [`Limits`].
///
/// # Errors
///
/// Every problem of the payload.
pub fn from_json_with<T>(bytes: &[u8], limits: &Limits) -> Result<Valid<T>, ValidationErrors>
where
    T: Validate + DeserializeOwned + JsonCheck,
{
    if bytes.len() > limits.max_bytes {
        return Err(single(Violation::new(
            "",
            Constraint::MaxBytes(limits.max_bytes),
        )));
    }
    let depth = limits.depth();
    match report::report_document::<T>(bytes, depth, limits.max_violations) {
        Some(Ok(value)) => return finish(value, limits),
        Some(Err(report)) => return Err(report),
        None => {}
    }
    if T::SERDE_SAME {
        if let Some(value) = strict::from_slice::<T>(bytes, depth) {
            return finish(value, limits);
        }
    }
    let report = ValidationErrors::with_max(limits.max_violations);
    let (mut value, report) = match tree::parse(bytes, depth, report) {
        Ok(parsed) => parsed,
        Err(problem) => return Err(single(problem)),
    };
    if !T::SERDE_SAME && report.is_empty() {
        // A foreign type inside: `check_json` decides, serde reads what it
        // accepts, in the form the foreign crates' `Deserialize` reads.
        if let Some(t) = decided_by_check::<T>(&mut value, depth) {
            scrub(value);
            return finish(t, limits);
        }
    }
    let report = walk::<T>(&value, report);
    // serde's buffered `Content` (internal or adjacent tagging, `flatten`)
    // refuses `5.0` for an integer the check accepted (see `tagged`).
    let retried = tagged::retry::<T>(&value, &report, depth);
    scrub(value);
    match retried {
        Some(value) => finish(value, limits),
        None => Err(report),
    }
}

/// For a `T` whose `Deserialize` is not its `check_json`'s language (see
/// [`JsonCheck::SERDE_SAME`]): `T`, read by serde from `value` in its serde
/// form, if `check_json` finds no problem in `value`.
fn decided_by_check<T>(value: &mut Value, depth: usize) -> Option<T>
where
    T: DeserializeOwned + JsonCheck,
{
    let mut problems = ValidationErrors::with_max(1);
    T::check_json(value, &Path::ROOT, &mut problems);
    if !problems.is_empty() {
        return None;
    }
    T::to_serde_form(value);
    strict::from_value::<T>(value, depth)
}

/// Zeroizes every string value of the slow path's parsed copy before it is
/// freed, so a secret of an invalid payload (a `sensitive` member whose
/// neighbour failed) does not outlive the call in freed memory, just as
/// [`SecretString`] does not. Iterative: no recursion on deep values.
fn scrub(value: Value) {
    use zeroize::Zeroize;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(mut s) => s.zeroize(),
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// Reads a `T` from an already parsed value, with the default [`Limits`]
/// (`max_bytes` does not apply).
///
/// # Errors
///
/// Every problem of the value; repeated member names cannot be seen here.
pub fn from_value<T>(value: Value) -> Result<Valid<T>, ValidationErrors>
where
    T: Validate + DeserializeOwned + JsonCheck,
{
    from_value_with(&value, &Limits::DEFAULT)
}

/// [`from_value`] of a borrowed value with other [`Limits`].
///
/// # Errors
///
/// Every problem of the value.
pub fn from_value_with<T>(value: &Value, limits: &Limits) -> Result<Valid<T>, ValidationErrors>
where
    T: Validate + DeserializeOwned + JsonCheck,
{
    let depth = limits.depth();
    let mut at = Vec::new();
    if too_deep(value, 0, depth, &mut at) {
        let path = at.iter().rev().fold(String::new(), |mut out, seg| {
            out.push_str(seg);
            out
        });
        return Err(single(Violation::new(path, Constraint::MaxDepth(depth))));
    }
    let read = if T::SERDE_SAME {
        strict::from_value::<T>(value, depth)
    } else {
        let mut copy = value.clone();
        let read = decided_by_check::<T>(&mut copy, depth);
        scrub(copy);
        read
    };
    match read {
        Some(t) => finish(t, limits),
        None => {
            let report = walk::<T>(value, ValidationErrors::with_max(limits.max_violations));
            match tagged::retry::<T>(value, &report, depth) {
                Some(value) => finish(value, limits),
                None => Err(report),
            }
        }
    }
}

/// Whether `value` nests deeper than `max`; if so, `at` holds the escaped
/// pointer segments of the first too-deep value, innermost first.
/// Recursion stops at `max + 1` levels.
fn too_deep(value: &Value, depth: usize, max: usize, at: &mut Vec<String>) -> bool {
    let children: Box<dyn Iterator<Item = (String, &Value)>> = match value {
        Value::Array(items) => {
            Box::new(items.iter().enumerate().map(|(i, v)| (format!("/{i}"), v)))
        }
        Value::Object(map) => Box::new(map.iter().map(|(k, v)| (Path::ROOT.field(k).render(), v))),
        _ => return false,
    };
    if depth + 1 > max {
        return true;
    }
    for (seg, child) in children {
        if too_deep(child, depth + 1, max, at) {
            at.push(seg);
            return true;
        }
    }
    false
}

fn single(v: Violation) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    errors.push(v);
    errors
}

fn finish<T: Validate>(value: T, limits: &Limits) -> Result<Valid<T>, ValidationErrors> {
    let mut report = ValidationErrors::with_max(limits.max_violations);
    value.validate_into(&Path::ROOT, &mut report);
    report.into_result()?;
    Ok(Valid(value))
}

/// The slow path's walk. Never returns an empty report: if the check finds
/// nothing although deserializing failed (a custom `Deserialize` stricter
/// than its `JsonCheck`), the payload is `invalid` at the root.
fn walk<T: JsonCheck>(value: &Value, mut errors: ValidationErrors) -> ValidationErrors {
    T::check_json(value, &Path::ROOT, &mut errors);
    if errors.is_empty() {
        errors.add(&Path::ROOT, Constraint::Invalid);
    }
    errors
}

// ---- Leaf types --------------------------------------------------------

fn expect_string<'v>(
    value: &'v Value,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) -> Option<&'v str> {
    match value {
        Value::String(s) => Some(s),
        _ => {
            errors.add(path, Constraint::Type("string"));
            None
        }
    }
}

macro_rules! strings {
    ($($t:ty => |$s:ident| $read:expr),*) => {$(
        impl JsonCheck for $t {
            const READS: bool = true;
            fn check_json(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
                expect_string(value, path, errors);
            }

            #[inline]
            fn report_json(
                r: &mut derive::Reader<'_>,
                at: &Path<'_>,
                found: &mut derive::Found,
            ) -> Result<Option<Self>, derive::Fail> {
                Ok(report::string(r, at, found)?.map(|$s| $read))
            }
        }
    )*};
}
strings!(
    String => |s| s.into_owned(),
    Cow<'_, str> => |s| Cow::Owned(s.into_owned()),
    Box<str> => |s| s.into_owned().into_boxed_str(),
    SecretString => |s| SecretString::new(s.into_owned())
);

impl JsonCheck for str {
    fn check_json(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
        expect_string(value, path, errors);
    }
}

impl JsonCheck for char {
    const READS: bool = true;
    fn check_json(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
        if let Some(s) = expect_string(value, path, errors) {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(_), None) => {}
                (None, _) => errors.add(path, Constraint::MinLength(1)),
                (Some(_), Some(_)) => errors.add(path, Constraint::MaxLength(1)),
            }
        }
    }

    fn report_json(
        r: &mut derive::Reader<'_>,
        at: &Path<'_>,
        found: &mut derive::Found,
    ) -> Result<Option<Self>, derive::Fail> {
        report::character(r, at, found)
    }
}

impl JsonCheck for Timestamp {
    const READS: bool = true;
    fn check_json(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
        if let Some(s) = expect_string(value, path, errors) {
            if Timestamp::parse(s).is_err() {
                errors.add(path, Constraint::Format("date-time"));
            }
        }
    }

    #[inline]
    fn report_json(
        r: &mut derive::Reader<'_>,
        at: &Path<'_>,
        found: &mut derive::Found,
    ) -> Result<Option<Self>, derive::Fail> {
        report::timestamp(r, at, found)
    }
}

impl JsonCheck for bool {
    const READS: bool = true;
    fn check_json(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
        if !value.is_boolean() {
            errors.add(path, Constraint::Type("boolean"));
        }
    }

    #[inline]
    fn report_json(
        r: &mut derive::Reader<'_>,
        at: &Path<'_>,
        found: &mut derive::Found,
    ) -> Result<Option<Self>, derive::Fail> {
        report::boolean(r, at, found)
    }
}

fn integer(
    value: &Value,
    bounds: (IntBound, IntBound),
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    let broken = match value {
        Value::Number(n) => integer_of(n, bounds).err(),
        _ => Some(Constraint::Type("integer")),
    };
    if let Some(c) = broken {
        errors.add(path, c);
    }
}

/// An integer type's lower or upper bound, and its text in a report.
pub(crate) type IntBound = (i128, &'static str);

/// What a JSON number is as an integer type with these bounds: its value,
/// or the constraint it breaks (`type` for a fraction, `range` out of the
/// type's bounds). Whole numbers written as floats (`5.0`, `1e2`) are
/// integers, as JSON Schema has them. The slow path and the reader both
/// decide with this, from serde_json's reading of the number.
pub(crate) fn integer_of(
    n: &serde_json::Number,
    ((min, min_text), (max, max_text)): (IntBound, IntBound),
) -> Result<i128, Constraint> {
    let n = match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => i128::from(i),
        (None, Some(u)) => i128::from(u),
        (None, None) => match n.as_f64().filter(|f| f.fract() == 0.0) {
            Some(f) if f < min as f64 => return Err(Constraint::Minimum(min_text)),
            Some(f) if f > max as f64 => return Err(Constraint::Maximum(max_text)),
            Some(f) => f as i128,
            None => return Err(Constraint::Type("integer")),
        },
    };
    integer_in(n, ((min, min_text), (max, max_text)))
}

/// `n` if it is within the bounds, else the bound it breaks.
#[inline]
pub(crate) fn integer_in(
    n: i128,
    ((min, min_text), (max, max_text)): (IntBound, IntBound),
) -> Result<i128, Constraint> {
    if n < min {
        Err(Constraint::Minimum(min_text))
    } else if n > max {
        Err(Constraint::Maximum(max_text))
    } else {
        Ok(n)
    }
}

/// The bounds of an integer type, as reports write them.
pub(crate) trait IntegerBounds {
    const BOUNDS: (IntBound, IntBound);
}

macro_rules! integers {
    ($($t:ty => ($min:expr, $min_text:literal), ($max:expr, $max_text:literal);)*) => {$(
        impl IntegerBounds for $t {
            const BOUNDS: (IntBound, IntBound) = (($min, $min_text), ($max, $max_text));
        }

        impl JsonCheck for $t {
            const READS: bool = true;
            fn check_json(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
                integer(value, <$t as IntegerBounds>::BOUNDS, path, errors);
            }

            #[inline]
            fn report_json(
                r: &mut derive::Reader<'_>,
                at: &Path<'_>,
                found: &mut derive::Found,
            ) -> Result<Option<Self>, derive::Fail> {
                report::integer(r, at, found, <$t as IntegerBounds>::BOUNDS)
            }
        }
    )*};
}
integers! {
    i8 => (i8::MIN as i128, "-128"), (i8::MAX as i128, "127");
    i16 => (i16::MIN as i128, "-32768"), (i16::MAX as i128, "32767");
    i32 => (i32::MIN as i128, "-2147483648"), (i32::MAX as i128, "2147483647");
    i64 => (i64::MIN as i128, "-9223372036854775808"), (i64::MAX as i128, "9223372036854775807");
    i128 => (i128::MIN, "-170141183460469231731687303715884105728"),
        (i128::MAX, "170141183460469231731687303715884105727");
    u8 => (0, "0"), (u8::MAX as i128, "255");
    u16 => (0, "0"), (u16::MAX as i128, "65535");
    u32 => (0, "0"), (u32::MAX as i128, "4294967295");
    u64 => (0, "0"), (u64::MAX as i128, "18446744073709551615");
    // A JSON integer serde_json reads exactly is at most u64::MAX.
    u128 => (0, "0"), (i128::MAX, "340282366920938463463374607431768211455");
}
#[cfg(target_pointer_width = "64")]
integers! {
    isize => (i64::MIN as i128, "-9223372036854775808"), (i64::MAX as i128, "9223372036854775807");
    usize => (0, "0"), (u64::MAX as i128, "18446744073709551615");
}
#[cfg(target_pointer_width = "32")]
integers! {
    isize => (i32::MIN as i128, "-2147483648"), (i32::MAX as i128, "2147483647");
    usize => (0, "0"), (u32::MAX as i128, "4294967295");
}

macro_rules! floats {
    ($($t:ty),*) => {$(
        impl JsonCheck for $t {
            const READS: bool = true;
            fn check_json(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
                if !value.is_number() {
                    errors.add(path, Constraint::Type("number"));
                }
            }

            fn report_json(
                r: &mut derive::Reader<'_>,
                at: &Path<'_>,
                found: &mut derive::Found,
            ) -> Result<Option<Self>, derive::Fail> {
                report::float(r, at, found)
            }
        }
    )*};
}
floats!(f32, f64);

impl JsonCheck for Value {
    const READS: bool = true;
    const NULLABLE: bool = true;
    fn check_json(_: &Value, _: &Path<'_>, _: &mut ValidationErrors) {}

    fn report_json(
        r: &mut derive::Reader<'_>,
        at: &Path<'_>,
        found: &mut derive::Found,
    ) -> Result<Option<Self>, derive::Fail> {
        report::any(r, at, found)
    }
}

impl<T: JsonCheck> JsonCheck for Option<T> {
    const READS: bool = T::READS;
    const NULLABLE: bool = true;
    const SERDE_SAME: bool = T::SERDE_SAME;
    fn check_json(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
        if !value.is_null() {
            T::check_json(value, path, errors);
        }
    }
    fn to_serde_form(value: &mut Value) {
        if !T::SERDE_SAME && !value.is_null() {
            T::to_serde_form(value);
        }
    }

    #[inline]
    fn report_json(
        r: &mut derive::Reader<'_>,
        at: &Path<'_>,
        found: &mut derive::Found,
    ) -> Result<Option<Self>, derive::Fail> {
        report::option(r, at, found)
    }

    #[inline]
    fn inner_rules(
        &self,
        at: &Path<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), derive::Fail> {
        match self {
            Some(v) => v.inner_rules(at, errors),
            None => Ok(()),
        }
    }

    #[inline]
    fn absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: JsonCheck> JsonCheck for Box<T> {
    const READS: bool = T::READS;
    const NULLABLE: bool = T::NULLABLE;
    const SERDE_SAME: bool = T::SERDE_SAME;
    fn check_json(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
        T::check_json(value, path, errors);
    }
    fn to_serde_form(value: &mut Value) {
        T::to_serde_form(value);
    }

    #[inline]
    fn report_json(
        r: &mut derive::Reader<'_>,
        at: &Path<'_>,
        found: &mut derive::Found,
    ) -> Result<Option<Self>, derive::Fail> {
        Ok(T::report_json(r, at, found)?.map(Box::new))
    }

    #[inline]
    fn inner_rules(
        &self,
        at: &Path<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), derive::Fail> {
        (**self).inner_rules(at, errors)
    }

    #[inline]
    fn absent() -> Option<Self> {
        T::absent().map(Box::new)
    }
}

impl<T: JsonCheck> JsonCheck for Vec<T> {
    const READS: bool = T::READS;
    const SERDE_SAME: bool = T::SERDE_SAME;
    fn to_serde_form(value: &mut Value) {
        if let (false, Value::Array(items)) = (T::SERDE_SAME, value) {
            items.iter_mut().for_each(T::to_serde_form);
        }
    }
    fn check_json(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    T::check_json(item, &path.index(i), errors);
                }
            }
            _ => errors.add(path, Constraint::Type("array")),
        }
    }

    fn report_json(
        r: &mut derive::Reader<'_>,
        at: &Path<'_>,
        found: &mut derive::Found,
    ) -> Result<Option<Self>, derive::Fail> {
        report::vec(r, at, found)
    }

    fn inner_rules(
        &self,
        at: &Path<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), derive::Fail> {
        report::items_rules(self.iter(), at, errors)
    }
}

/// A map's values, in key order: the order `validate()` reports them in,
/// whatever the document's.
fn members<T: JsonCheck>(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
    match value {
        Value::Object(map) => {
            let mut members: Vec<_> = map.iter().collect();
            members.sort_unstable_by(|a, b| a.0.cmp(b.0));
            for (name, member) in members {
                T::check_json(member, &path.field(name), errors);
            }
        }
        _ => errors.add(path, Constraint::Type("object")),
    }
}

impl JsonCheck for serde_json::Map<String, Value> {
    const READS: bool = true;
    fn check_json(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
        members::<Value>(value, path, errors);
    }

    fn report_json(
        r: &mut derive::Reader<'_>,
        at: &Path<'_>,
        found: &mut derive::Found,
    ) -> Result<Option<Self>, derive::Fail> {
        if r.next_byte() != Some(b'{') {
            return report::wrong_type(r, at, found, "object");
        }
        report::any(r, at, found)
    }
}

/// A map's values in their serde form (see [`JsonCheck::to_serde_form`]).
fn member_forms<T: JsonCheck>(value: &mut Value) {
    if let (false, Value::Object(map)) = (T::SERDE_SAME, value) {
        map.values_mut().for_each(T::to_serde_form);
    }
}

/// `JsonCheck` for the string-keyed maps: an object, each value a `V` at
/// its member's path (see `report::map`).
macro_rules! string_maps {
    ($(impl[$($generics:tt)*] $map:ty;)*) => {$(
        impl<$($generics)*> JsonCheck for $map {
            const READS: bool = V::READS;
            const SERDE_SAME: bool = V::SERDE_SAME;
            fn to_serde_form(value: &mut Value) {
                member_forms::<V>(value);
            }
            fn check_json(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
                members::<V>(value, path, errors);
            }

            fn report_json(
                r: &mut derive::Reader<'_>,
                at: &Path<'_>,
                found: &mut derive::Found,
            ) -> Result<Option<Self>, derive::Fail> {
                report::map(r, at, found)
            }

            fn inner_rules(
                &self,
                at: &Path<'_>,
                errors: &mut ValidationErrors,
            ) -> Result<(), derive::Fail> {
                report::values_rules(self.iter(), at, errors)
            }
        }
    )*};
}
string_maps! {
    impl[V: JsonCheck, S: BuildHasher + Default] HashMap<String, V, S>;
    impl[V: JsonCheck] BTreeMap<String, V>;
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn check<T: JsonCheck>(value: Value) -> Vec<(String, &'static str)> {
        let mut e = ValidationErrors::new();
        T::check_json(&value, &Path::ROOT, &mut e);
        e.violations()
            .iter()
            .map(|v| (v.message(), v.code()))
            .collect()
    }

    fn msg(m: &str) -> String {
        format!("Value at '' failed to satisfy constraint: Member must {m}")
    }

    #[test]
    fn integers_agree_with_the_strict_reader() {
        for (v, ok) in [
            (json!(5), true),
            (json!(-5), false),
            (json!(255), true),
            (json!(256), false),
            (json!(5.0), true),
            (json!(1e2), true),
            (json!(5.5), false),
            (json!(2.56e2), false),
            (json!("5"), false),
        ] {
            assert_eq!(check::<u8>(v.clone()).is_empty(), ok, "{v}");
            assert_eq!(super::strict::from_value::<u8>(&v, 8).is_some(), ok, "{v}");
        }
        assert_eq!(
            check::<i32>(json!(1e30)),
            [(msg("have value less than or equal to 2147483647"), "range")]
        );
        assert_eq!(
            check::<u8>(json!(256)),
            [(msg("have value less than or equal to 255"), "range")]
        );
        assert_eq!(
            check::<u32>(json!(-1)),
            [(msg("have value greater than or equal to 0"), "range")]
        );
        assert_eq!(
            check::<i64>(json!(1.5)),
            [(msg("be of type integer"), "type")]
        );
        assert!(check::<u64>(json!(u64::MAX)).is_empty());
        assert!(check::<i128>(json!(i64::MIN)).is_empty());
        assert!(check::<f32>(json!(3)).is_empty());
        assert_eq!(
            check::<f64>(json!("3")),
            [(msg("be of type number"), "type")]
        );
    }

    #[test]
    fn leaves() {
        assert!(check::<String>(json!("x")).is_empty());
        assert_eq!(
            check::<String>(json!(1)),
            [(msg("be of type string"), "type")]
        );
        assert_eq!(
            check::<bool>(json!(1)),
            [(msg("be of type boolean"), "type")]
        );
        assert_eq!(
            check::<Timestamp>(json!("2015-03-09T18:39:23")),
            [(msg("be a valid date-time"), "format")]
        );
        assert!(check::<Timestamp>(json!("2015-03-09T18:39:23Z")).is_empty());
        assert!(check::<Option<String>>(Value::Null).is_empty());
        assert!(check::<Value>(json!([{}])).is_empty());
        assert_eq!(
            check::<Vec<u8>>(json!([1, "a", 300])).len(),
            2,
            "each bad item"
        );
        assert_eq!(
            check::<Vec<u8>>(json!({})),
            [(msg("be of type array"), "type")]
        );
        assert_eq!(check::<char>(json!("ab")).len(), 1);
        assert_eq!(
            check::<HashMap<String, u8>>(json!({"a": 1, "b": "x"})).len(),
            1
        );
    }

    #[derive(crate::Validate, serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Doc {
        a: Value,
    }

    #[test]
    fn from_value_depth_limit_has_a_path() {
        let v = json!({"a": [[1]]});
        let limits = Limits {
            max_depth: 2,
            ..Limits::DEFAULT
        };
        let e = from_value_with::<Doc>(&v, &limits).unwrap_err();
        assert_eq!(e.violations()[0].path(), "/a/0");
        assert_eq!(e.violations()[0].code(), "limit");
        let limits = Limits {
            max_depth: 3,
            ..limits
        };
        assert!(from_value_with::<Doc>(&v, &limits).is_ok());
    }

    #[test]
    fn serde_json_recursion_limit_is_127() {
        let nest = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(serde_json::from_str::<Value>(&nest(SERDE_JSON_MAX_DEPTH)).is_ok());
        assert!(serde_json::from_str::<Value>(&nest(SERDE_JSON_MAX_DEPTH + 1)).is_err());
        let limits = Limits {
            max_depth: 1000,
            ..Limits::DEFAULT
        };
        let doc = |n: usize| format!(r#"{{"a": {}}}"#, nest(n));
        let e = from_json_with::<Doc>(doc(200).as_bytes(), &limits).unwrap_err();
        assert_eq!(e.violations()[0].code(), "limit");
        let path = format!("/a{}", "/0".repeat(126));
        assert_eq!(
            e.violations()[0].message(),
            format!(
                "Value at '{path}' failed to satisfy constraint: \
                 Member must have nesting depth less than or equal to 127"
            )
        );
        assert!(from_json_with::<Doc>(doc(126).as_bytes(), &limits).is_ok());
    }
}
