//! `from_json`'s reader: the byte reader of `json::fast` ([`Reader`]) read
//! through each type's `JsonCheck::report_json`, which reads a valid payload straight into its type
//! and, at a problem, records it as a violation at its path, skips the
//! offending value and goes on to the next member.
//!
//! What it records itself: a wrong JSON type, a `null` required member, an
//! unknown enum value, a bad timestamp, a missing required member, a
//! repeated member name, an unknown member of a `deny_unknown_fields`
//! struct. Rule violations come from the rules on what was read, exactly
//! as `validate()` applies them. The report has the slow path's order:
//! repeated names first, in document order; then each struct's fields in
//! declaration order (each struct reorders its own problems when its
//! object closes), then its unknown members.
//!
//! It is one-sided: anything it is not sure of (a malformed document,
//! nesting past the limit, a lone surrogate escape, a repeated name inside
//! a value serde_json reads for it, a type whose `JsonCheck` has no reader,
//! such as a hand-written one) is a
//! [`Fail`], and `from_json` takes the tiers after it, which decide. The
//! fixture test (`tests/reports.rs`) checks it reports byte for byte what
//! the slow path reports.

use std::borrow::Cow;

use super::fast::{Fail, Object, Reader};
use super::strict::Keys;
use super::JsonCheck;
use crate::errors::{Constraint, ValidationErrors, Violation};
use crate::path::Path;
use crate::{Timestamp, Validate};

/// More violations than this and the reader gives up (the slow path caps
/// its report without keeping them all): memory stays bounded.
const MAX_FOUND: usize = 4096;

/// What the reading found so far.
#[derive(Default)]
pub struct Found {
    /// Problems other than repeated names, in report order for every
    /// closed struct.
    items: Vec<Violation>,
    /// Repeated member names, in document order.
    repeated: Vec<Violation>,
}

impl Found {
    /// How many problems are recorded (not counting repeated names): where
    /// the next one will go.
    #[inline]
    pub fn mark(&self) -> usize {
        self.items.len()
    }

    /// How many repeated names are recorded: for
    /// [`Found::forget_repeated_since`].
    #[inline]
    pub fn repeated_mark(&self) -> usize {
        self.repeated.len()
    }

    /// Forgets the problems recorded since `mark`, keeping the repeated
    /// names (an externally tagged value of several members: its one
    /// problem replaces what its first member's payload had).
    #[cold]
    pub fn forget_problems_since(&mut self, mark: usize) {
        self.items.truncate(mark);
    }

    /// Forgets the repeated names recorded since `mark`: the pass of a
    /// flattened struct over an object whose own pass records them.
    #[cold]
    pub fn forget_repeated_since(&mut self, mark: usize) {
        self.repeated.truncate(mark);
    }

    /// Records `constraint` at `at`.
    ///
    /// # Errors
    ///
    /// Too many problems: the slow path takes over.
    #[cold]
    pub fn add(&mut self, at: &Path<'_>, constraint: Constraint) -> Result<(), Fail> {
        self.check_room()?;
        self.items.push(Violation::at(at, constraint));
        Ok(())
    }

    /// Records a repeated member name at `at`.
    ///
    /// # Errors
    ///
    /// Too many problems.
    #[cold]
    pub fn repeated(&mut self, at: &Path<'_>) -> Result<(), Fail> {
        self.check_room()?;
        self.repeated
            .push(Violation::at(at, Constraint::DuplicateField));
        Ok(())
    }

    fn check_room(&self) -> Result<(), Fail> {
        if self.items.len() + self.repeated.len() >= MAX_FOUND {
            Err(Fail)
        } else {
            Ok(())
        }
    }

    /// The problems recorded since `mark`, in document order, for the
    /// struct that recorded them to put back in declaration order
    /// ([`Found::put_back`]), then remove ([`Found::close`]).
    #[cold]
    pub fn take(&mut self, mark: usize) -> Taken {
        Taken {
            mark,
            kept: mark,
            end: self.items.len(),
        }
    }

    /// Puts the problems `from..to` of `taken` (marks taken while they were
    /// recorded) next: left where they are while the ones before them
    /// are too and nothing was added after them (usually: one member
    /// with a problem), else a copy of them at the end.
    #[cold]
    pub fn put_back(&mut self, taken: &mut Taken, _mark: usize, (from, to): (usize, usize)) {
        debug_assert!(taken.mark <= from && to <= taken.end);
        if from == taken.kept && self.items.len() == taken.end {
            taken.kept = to;
        } else {
            self.items.extend_from_within(from..to);
        }
    }

    /// Whether the problems `from..to` are one `required` at `at`: the value
    /// there was a `null`, nothing inside it was read.
    #[cold]
    pub fn only_null_at(&self, (from, to): (usize, usize), at: &Path<'_>) -> bool {
        to == from + 1
            && self.items[from].code() == "required"
            && self.items[from].path() == at.render()
    }

    /// Removes the problems of `taken` that were not left in place: each
    /// has been put back at the end.
    #[cold]
    pub fn close(&mut self, taken: Taken) {
        if taken.kept < taken.end {
            self.items.drain(taken.kept..taken.end);
        }
    }

    /// Records every violation of `errors` (usually none: a well-read
    /// field of an object with problems elsewhere).
    ///
    /// # Errors
    ///
    /// Too many problems.
    #[inline]
    pub fn extend(&mut self, errors: ValidationErrors) -> Result<(), Fail> {
        if errors.is_empty() {
            return Ok(());
        }
        self.extend_with(errors)
    }

    #[cold]
    fn extend_with(&mut self, errors: ValidationErrors) -> Result<(), Fail> {
        for v in errors {
            self.check_room()?;
            self.items.push(v);
        }
        Ok(())
    }
}

/// The problems a struct or an array recorded while it was read, in
/// document order, being put back in report order (see [`Found::take`]).
pub struct Taken {
    mark: usize,
    /// The problems `mark..kept` are in report order where they are.
    kept: usize,
    end: usize,
}

/// Records a wrong JSON type (`expected`) at `at` and skips the value.
///
/// # Errors
///
/// The value cannot be skipped (see `Reader::skip`).
#[cold]
pub fn wrong_type<T>(
    r: &mut Reader<'_>,
    at: &Path<'_>,
    found: &mut Found,
    expected: &'static str,
) -> Result<Option<T>, Fail> {
    r.skip_at(at, found)?;
    found.add(at, Constraint::Type(expected))?;
    Ok(None)
}

/// Opens the object of a derived struct: `None` (a `type` violation
/// recorded, the value skipped) when the value is not an object.
///
/// # Errors
///
/// Too deep, or the value cannot be skipped.
#[inline]
pub fn open_object<'de>(
    r: &mut Reader<'de>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<Object>, Fail> {
    if r.next_byte() == Some(b'{') {
        r.object().map(Some)
    } else {
        wrong_type(r, at, found, "object")
    }
}

/// A fieldless enum: a string `pick` knows, else `enum` (the type's
/// `values`) for another string and `type` for anything else.
///
/// # Errors
///
/// The value cannot be read or skipped.
#[inline]
pub fn enum_value<T>(
    r: &mut Reader<'_>,
    at: &Path<'_>,
    found: &mut Found,
    values: &'static [&'static str],
    pick: impl FnOnce(&[u8]) -> Option<T>,
) -> Result<Option<T>, Fail> {
    if r.next_byte() != Some(b'"') {
        return wrong_type(r, at, found, "string");
    }
    match pick(&r.name()?) {
        Some(value) => Ok(Some(value)),
        None => {
            found.add(at, Constraint::Enum(values))?;
            Ok(None)
        }
    }
}

/// Skips the value of a member whose name was seen before in its object,
/// and records the repeat (after the value, as the slow path does).
///
/// # Errors
///
/// The value cannot be skipped.
#[cold]
pub fn repeated(r: &mut Reader<'_>, at: &Path<'_>, found: &mut Found) -> Result<(), Fail> {
    r.skip_at(at, found)?;
    found.repeated(at)
}

/// Skips a tag member's value (read before, see `Reader::member_kind`): the
/// first time at `at`, and recorded as repeated after.
///
/// # Errors
///
/// The value cannot be skipped.
pub fn skip_once(
    r: &mut Reader<'_>,
    at: &Path<'_>,
    seen: &mut bool,
    found: &mut Found,
) -> Result<(), Fail> {
    if std::mem::replace(seen, true) {
        repeated(r, at, found)
    } else {
        r.skip_at(at, found)
    }
}

/// A member name the reader read (`Object::next_name`) as text.
///
/// # Errors
///
/// Not UTF-8 (never for a name the reader read: the document is).
fn name_text(name: Cow<'_, [u8]>) -> Result<Cow<'_, str>, Fail> {
    Ok(match name {
        Cow::Borrowed(b) => Cow::Borrowed(std::str::from_utf8(b).map_err(|_| Fail)?),
        Cow::Owned(b) => Cow::Owned(String::from_utf8(b).map_err(|_| Fail)?),
    })
}

/// The members of one object that are not fields: repeats recorded, and
/// with `deny_unknown_fields` their names kept for the end of the object.
#[derive(Default)]
pub struct Others<'de> {
    /// Made at the first such member: a valid payload usually has none.
    seen: Option<Keys<'de>>,
    denied: Vec<Cow<'de, str>>,
}

impl<'de> Others<'de> {
    /// Skips the current member, whose `name` is not a field.
    ///
    /// # Errors
    ///
    /// The value cannot be skipped.
    pub fn member(
        &mut self,
        r: &mut Reader<'de>,
        at: &Path<'_>,
        name: Cow<'de, [u8]>,
        deny: bool,
        found: &mut Found,
    ) -> Result<(), Fail> {
        // An internally tagged newtype variant's tag (see
        // `Reader::ignore_in_next_object`): known, not a field.
        let ignored = r.is_ignored(&name);
        let name = name_text(name)?;
        r.skip_at(&at.field(&name), found)?;
        if !self
            .seen
            .get_or_insert_with(Keys::default)
            .insert(name.clone())
        {
            return found.repeated(&at.field(&name));
        }
        if deny && !ignored {
            self.denied.push(name);
        }
        Ok(())
    }

    /// Whether an unknown member was refused.
    #[inline]
    pub fn any_denied(&self) -> bool {
        !self.denied.is_empty()
    }

    /// Records `unknown_field` for every refused member, in document order.
    ///
    /// # Errors
    ///
    /// Too many problems.
    #[cold]
    pub fn record(
        &self,
        at: &Path<'_>,
        known: &'static [&'static str],
        found: &mut Found,
    ) -> Result<(), Fail> {
        for name in &self.denied {
            found.add(&at.field(name), Constraint::UnknownField(known))?;
        }
        Ok(())
    }
}

/// Reads a whole document as a `T`, recording every problem: `None` when
/// the reader gives up (see the module), `Some(Ok(value))` when it has no
/// problem of its shape (its rules are `from_json`'s next step), and the
/// report otherwise: a malformed or too deep document's one problem
/// included (see `malformed`).
pub fn report_document<T: JsonCheck + Validate + serde::de::DeserializeOwned>(
    bytes: &[u8],
    max_depth: usize,
    max_violations: usize,
) -> Option<Result<T, ValidationErrors>> {
    let Some(text) = simdutf8::basic::from_utf8(bytes).ok() else {
        return malformed(bytes, max_depth, None);
    };
    let mut r = Reader::new(text, max_depth);
    let mut found = Found::default();
    r.ws();
    let Ok(value) = read_value::<T>(&mut r, &Path::ROOT, &mut found) else {
        return malformed(bytes, max_depth, r.resume_point());
    };
    r.ws();
    if !r.at_end() {
        return malformed(bytes, max_depth, r.resume_point());
    }
    if found.items.is_empty() && found.repeated.is_empty() {
        // `Ok(None)` always records a problem.
        return value.map(Ok);
    }
    let mut problems = found.repeated;
    match value {
        Some(value) => {
            let mut report = ValidationErrors::from_violations(problems, max_violations);
            value.validate_into(&Path::ROOT, &mut report);
            Some(Err(report))
        }
        None => {
            if problems.is_empty() {
                problems = found.items;
            } else {
                problems.extend(found.items);
            }
            Some(Err(ValidationErrors::from_violations(
                problems,
                max_violations,
            )))
        }
    }
}

/// When the reader gives up: the document's `syntax` or `limit` problem
/// (reported alone) if it has one, found as the slow path's parser finds
/// it, without building its value, and from `resume` on when the reader
/// got that far (see `tree::problem_after`); `None` (the tiers after the
/// reader decide) if not.
#[cold]
fn malformed<T>(
    bytes: &[u8],
    max_depth: usize,
    resume: Option<usize>,
) -> Option<Result<T, ValidationErrors>> {
    let problem = match resume {
        Some(at) => super::tree::problem_after(bytes, max_depth, at)?,
        None => super::tree::problem(bytes, max_depth)?,
    };
    let mut report = ValidationErrors::new();
    report.push(problem);
    Some(Err(report))
}

// ---- How a value is read: its type's `JsonCheck::report_json` -----------

/// Reads a member's value as a `T` ([`read_value`]); a `null` where `T` is
/// not nullable is `required`, as the slow path has it.
///
/// # Errors
///
/// As [`read_value`].
#[inline(always)]
pub fn read_field<'de, T: JsonCheck + serde::de::DeserializeOwned>(
    r: &mut Reader<'de>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<T>, Fail> {
    if !T::NULLABLE && r.next_byte() == Some(b'n') {
        r.skip()?;
        found.add(at, Constraint::Required)?;
        return Ok(None);
    }
    read_value::<T>(r, at, found)
}

/// Reads a value as a `T` with its reader, or, for a type without one (a
/// hand-written `JsonCheck`, see `JsonCheck::READS`), as a `Value` checked
/// by `T`'s `check_json` and then deserialized, that value alone, as the
/// slow path checks it. A `null` is `T`'s to refuse.
///
/// # Errors
///
/// `T`'s own, or a `Deserialize` stricter than `T`'s check.
#[inline(always)]
pub fn read_value<'de, T: JsonCheck + serde::de::DeserializeOwned>(
    r: &mut Reader<'de>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<T>, Fail> {
    if T::READS {
        T::report_json(r, at, found)
    } else {
        checked(r, at, found)
    }
}

/// A value of a type without a reader: read as a `Value` (repeated names
/// recorded), checked by `T::check_json`, deserialized when that found
/// nothing.
#[cold]
fn checked<T: JsonCheck + serde::de::DeserializeOwned>(
    r: &mut Reader<'_>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<T>, Fail> {
    let value: serde_json::Value = r.value_at(at, found)?;
    let mut errors = ValidationErrors::new();
    T::check_json(&value, at, &mut errors);
    let out = if errors.is_empty() {
        super::strict::from_value(&value, usize::MAX)
            .map(Some)
            .ok_or(Fail)
    } else {
        found.extend(errors).map(|()| None)
    };
    super::scrub(value);
    out
}

/// The value of an absent member of type `T` (`None` for an `Option`, as
/// serde has it), or [`Fail`] when serde would refuse the payload.
///
/// # Errors
///
/// `T` has no value for an absent member.
#[inline]
pub fn absent<T: JsonCheck>() -> Result<T, Fail> {
    T::absent().ok_or(Fail)
}

// ---- Leaves ------------------------------------------------------------

/// A string, borrowed from the input unless it has an escape.
///
/// # Errors
///
/// Malformed, or a lone surrogate escape.
#[inline(always)]
pub(super) fn string<'de>(
    r: &mut Reader<'de>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<Cow<'de, str>>, Fail> {
    if r.next_byte() == Some(b'"') {
        r.text().map(Some)
    } else {
        wrong_type(r, at, found, "string")
    }
}

/// A `char`: a string of one character, else `length` as the slow path
/// reports it.
pub(super) fn character(
    r: &mut Reader<'_>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<char>, Fail> {
    let Some(s) = string(r, at, found)? else {
        return Ok(None);
    };
    let mut chars = s.chars();
    let broken = match (chars.next(), chars.next()) {
        (Some(c), None) => return Ok(Some(c)),
        (None, _) => Constraint::MinLength(1),
        (Some(_), Some(_)) => Constraint::MaxLength(1),
    };
    found.add(at, broken)?;
    Ok(None)
}

/// A [`Timestamp`]: a string, else `type`; `format` when not a date-time.
#[inline]
pub(super) fn timestamp(
    r: &mut Reader<'_>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<Timestamp>, Fail> {
    let Some(s) = string(r, at, found)? else {
        return Ok(None);
    };
    match Timestamp::parse(&s) {
        Ok(t) => Ok(Some(t)),
        Err(_) => {
            found.add(at, Constraint::Format("date-time"))?;
            Ok(None)
        }
    }
}

/// `true` or `false`, else `type`.
#[inline]
pub(super) fn boolean(
    r: &mut Reader<'_>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<bool>, Fail> {
    match r.next_byte() {
        Some(b't' | b'f') => r.boolean().map(Some),
        _ => wrong_type(r, at, found, "boolean"),
    }
}

/// An integer type with these bounds: a plain integer read by the
/// reader's own loop; any other number (`5.0`, `1e2`, more digits than a
/// `u64` holds) read by serde_json from its text and decided as the slow
/// path decides it (`json::integer_of`): `5.0` is 5, `256` for a `u8` a
/// `range` violation.
#[inline]
pub(super) fn integer<T: TryFrom<i128>>(
    r: &mut Reader<'_>,
    at: &Path<'_>,
    found: &mut Found,
    bounds: (super::IntBound, super::IntBound),
) -> Result<Option<T>, Fail> {
    let n = match r.next_byte() {
        Some(b'-' | b'0'..=b'9') => match r.integer() {
            // serde_json reads a negative integer below i64::MIN as an
            // f64 (which may round onto it).
            Ok((true, n)) if n > i64::MIN.unsigned_abs() => {
                match serde_json::Number::from_f64(-(n as f64)) {
                    Some(number) => super::integer_of(&number, bounds),
                    None => return Err(Fail),
                }
            }
            Ok((negative, n)) => {
                let n = i128::from(n);
                super::integer_in(if negative { -n } else { n }, bounds)
            }
            Err(Fail) => {
                let text = r.number_text()?;
                let number: serde_json::Number = serde_json::from_str(text).map_err(|_| Fail)?;
                super::integer_of(&number, bounds)
            }
        },
        _ => return wrong_type(r, at, found, "integer"),
    };
    match n.map(T::try_from) {
        Ok(Ok(v)) => Ok(Some(v)),
        Ok(Err(_)) => Err(Fail),
        Err(broken) => {
            found.add(at, broken)?;
            Ok(None)
        }
    }
}

/// `f32`/`f64`: any JSON number, as serde_json reads its text; else `type`.
pub(super) fn float<T: serde::de::DeserializeOwned>(
    r: &mut Reader<'_>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<T>, Fail> {
    match r.next_byte() {
        Some(b'-' | b'0'..=b'9') => {
            let text = r.number_text()?;
            serde_json::from_str(text).map(Some).map_err(|_| Fail)
        }
        _ => wrong_type(r, at, found, "number"),
    }
}

/// A value of any JSON type, read by serde_json behind the strict wrapper;
/// a repeated member name inside is recorded, the first value kept (see
/// `Reader::value_at`).
pub(super) fn any<T: serde::de::DeserializeOwned>(
    r: &mut Reader<'_>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<T>, Fail> {
    r.value_at(at, found).map(Some)
}

// ---- Containers --------------------------------------------------------

/// An item of a container being read: its value, or the span of its
/// problems in [`Found`].
type Part<T> = Result<T, (usize, usize)>;

/// An `Option`: `null` is `None`.
///
/// # Errors
///
/// `T`'s own.
#[inline]
pub(super) fn option<'de, T: JsonCheck>(
    r: &mut Reader<'de>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<Option<T>>, Fail> {
    if r.next_byte() == Some(b'n') {
        r.skip()?;
        return Ok(Some(None));
    }
    T::report_json(r, at, found).map(|v| v.map(Some))
}

/// A `Vec`: each item at its index. When an item has a problem, the rules
/// inside the items that read well go in their places among the others'
/// problems, as the slow path checks every item.
pub(super) fn vec<'de, T: JsonCheck>(
    r: &mut Reader<'de>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<Vec<T>>, Fail> {
    if r.next_byte() != Some(b'[') {
        return wrong_type(r, at, found, "array");
    }
    r.eat(b'[')?;
    r.enter()?;
    // While every item reads well, `items`; from the first that does
    // not, `parts`: each item, or the span of its problems in `found`.
    let mark = found.mark();
    let mut items = Vec::new();
    let mut parts: Vec<Part<T>> = Vec::new();
    let mut index = 0;
    while r.more(b']', index == 0)? {
        let from = found.mark();
        match T::report_json(r, &at.index(index), found)? {
            Some(item) if parts.is_empty() => items.push(item),
            Some(item) => parts.push(Ok(item)),
            None => {
                if parts.is_empty() {
                    parts.extend(items.drain(..).map(Ok));
                }
                parts.push(Err((from, found.mark())));
            }
        }
        index += 1;
    }
    if parts.is_empty() {
        return Ok(Some(items));
    }
    let parts = parts
        .iter()
        .enumerate()
        .map(|(i, part)| (at.index(i), part));
    settle(found, mark, parts)?;
    Ok(None)
}

/// The rules inside each item, at its index.
pub(super) fn items_rules<'a, T: JsonCheck + 'a>(
    items: impl Iterator<Item = &'a T>,
    at: &Path<'_>,
    errors: &mut ValidationErrors,
) -> Result<(), Fail> {
    for (i, item) in items.enumerate() {
        item.inner_rules(&at.index(i), errors)?;
    }
    Ok(())
}

/// A string-keyed map: each value at its member's path. A repeated name is
/// recorded (the first value kept, as the slow path keeps it). When a
/// value has a problem, the problems and the rules inside the values that
/// read well are put in key order, the order `validate()` reports a map's
/// values in (and the slow path checks them in).
pub(super) fn map<'de, V: JsonCheck, M: FromIterator<(String, V)>>(
    r: &mut Reader<'de>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<M>, Fail> {
    if r.next_byte() != Some(b'{') {
        return wrong_type(r, at, found, "object");
    }
    let mut object = r.object()?;
    let mark = found.mark();
    let mut entries: Vec<(String, Part<V>)> = Vec::new();
    let mut bad = false;
    let mut seen = Keys::default();
    while let Some(name) = object.next_name(r)? {
        let name = name_text(name)?.into_owned();
        let path = at.field(&name);
        if !seen.insert(Cow::Owned(name.clone())) {
            repeated(r, &path, found)?;
            continue;
        }
        let from = found.mark();
        // A `null` value is read as a `V`, as the slow path checks it.
        match V::report_json(r, &path, found)? {
            Some(value) => entries.push((name, Ok(value))),
            None => {
                bad = true;
                entries.push((name, Err((from, found.mark()))));
            }
        }
    }
    if !bad {
        return Ok(Some(
            entries
                .into_iter()
                .filter_map(|(k, v)| v.ok().map(|v| (k, v)))
                .collect(),
        ));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let parts = entries.iter().map(|(name, part)| (at.field(name), part));
    settle(found, mark, parts)?;
    Ok(None)
}

/// The problems a container recorded since `mark`, put in the order of its
/// `parts` (each an item's path and the item, or the span of its
/// problems), with the rules inside the items that read well in their
/// places, as the slow path checks every item.
fn settle<'p, T: JsonCheck + 'p>(
    found: &mut Found,
    mark: usize,
    parts: impl Iterator<Item = (Path<'p>, &'p Part<T>)>,
) -> Result<(), Fail> {
    let mut problems = found.take(mark);
    for (at, part) in parts {
        match part {
            Ok(item) => {
                let mut errors = ValidationErrors::new();
                item.inner_rules(&at, &mut errors)?;
                found.extend(errors)?;
            }
            Err(span) => found.put_back(&mut problems, mark, *span),
        }
    }
    found.close(problems);
    Ok(())
}

/// The rules inside each value of a map, in key order (as `validate()`).
pub(super) fn values_rules<'a, V: JsonCheck + 'a>(
    entries: impl Iterator<Item = (&'a String, &'a V)>,
    at: &Path<'_>,
    errors: &mut ValidationErrors,
) -> Result<(), Fail> {
    let mut entries: Vec<_> = entries.collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (name, value) in entries {
        value.inner_rules(&at.field(name), errors)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccessKey, ListAccessKeysResponse};

    /// The `syntax`/`limit` problem the reader reports for `bytes`, if any.
    fn reported<T: JsonCheck + Validate + serde::de::DeserializeOwned>(
        bytes: &[u8],
        depth: usize,
    ) -> Option<Violation> {
        match report_document::<T>(bytes, depth, 100)? {
            Ok(_) => None,
            Err(report) => {
                let v = report.violations().first()?.clone();
                matches!(v.code(), "syntax" | "limit").then(|| {
                    assert_eq!(report.len(), 1, "reported alone");
                    v
                })
            }
        }
    }

    /// Every truncation and many one-byte edits of documents laid out over
    /// several lines, with unknown members holding every kind of value: the
    /// reader's `syntax`/`limit` problem, found from where it stopped
    /// (`tree::problem_after`), is the whole document's (`tree::problem`),
    /// position, reason and path alike.
    #[test]
    fn a_malformed_document_is_reported_as_the_whole_parse_reports_it() {
        let docs: &[&[u8]] = &[
            b"{\"AccessKeyId\": \"AKIAIOSFODNN7EXAMPLE\",\n  \"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\",\n\t\"Status\":\"Active\" , \"UserName\" :\"B\\u006fb\",\r\n \"X\": [1, -2.5e3, {\"a\": [[true]], \"b\": null}],\n \"CreateDate\": \"2015-03-09T18:39:23Z\"}\n",
            b"{\"Status\": \"Active\",\n\"Y\": {\"c\": \"\\\"\"}, \"Z\": 1e400, \"AccessKeyId\": \"AKIAIOSFODNN7EXAMPLE\"}",
            b"{\"AccessKeyMetadata\": [{\"UserName\": \"Bob\"},\n {\"Status\": \"Active\"}], \"IsTruncated\": false,\n \"Marker\": \"m\"}",
        ];
        let edits = b"\"{}[],:\n 0-.ex\\\x01";
        let mut checked = 0;
        for doc in docs {
            let mut variants: Vec<Vec<u8>> = (0..=doc.len()).map(|n| doc[..n].to_vec()).collect();
            for i in 0..doc.len() {
                for &b in edits {
                    let mut edited = doc.to_vec();
                    edited[i] = b;
                    variants.push(edited);
                }
                let mut removed = doc.to_vec();
                removed.remove(i);
                variants.push(removed);
            }
            for bytes in &variants {
                for depth in [2, 3, 64] {
                    let whole = super::super::tree::problem(bytes, depth);
                    for ours in [
                        reported::<AccessKey>(bytes, depth),
                        reported::<ListAccessKeysResponse>(bytes, depth),
                    ] {
                        if ours.is_some() || whole.is_some() {
                            checked += 1;
                        }
                        if let Some(ours) = ours {
                            assert_eq!(
                                Some(&ours),
                                whole.as_ref(),
                                "{}",
                                String::from_utf8_lossy(bytes)
                            );
                        }
                    }
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn positions_translate_both_ways() {
        let text = b"a\nbc\n\nd";
        for i in 0..=text.len() {
            let (line, column) = super::super::tree::position_of(text, i);
            assert_eq!(super::super::tree::index_of(text, line, column), Some(i));
        }
    }
}
