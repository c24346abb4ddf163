//! `from_json`'s reader: the byte reader of `json::fast` ([`Reader`]) read
//! through [`Report`], which reads a valid payload straight into its type
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
//! It is one-sided: anything it is not sure of (a
//! malformed document, nesting past the limit, a number written `5.0`, an
//! integer out of its type's range, a repeated name inside a skipped value,
//! a field type without a [`Report`] impl whose rules would be needed) is a
//! [`Fail`], and `from_json` takes the tiers after it, which decide. The
//! fixture test (`tests/reports.rs`) checks it reports byte for byte what
//! the slow path reports.

use std::borrow::Cow;

use super::fast::{Fail, Object, Probe, Reader};
use super::strict::Keys;
use super::JsonCheck;
use crate::errors::{Constraint, ValidationErrors, Violation};
use crate::path::Path;
use crate::{SecretString, Timestamp, Validate};

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

/// A type the reader reads while recording every problem.
pub trait Report<'de>: Sized {
    /// Whether `null` is a `Self` (as `JsonCheck::NULLABLE`): a `null`
    /// member of any other type is `required`.
    const NULLABLE: bool = false;

    /// Reads a `Self` whose first byte is at the reader's position.
    /// `Ok(Some)`: read, no problem of its shape (its rules are not applied
    /// yet). `Ok(None)`: every problem recorded in `found`, the value
    /// skipped. The position is then just after the value.
    ///
    /// # Errors
    ///
    /// [`Fail`] whenever the slow path might report otherwise.
    fn report(r: &mut Reader<'de>, at: &Path<'_>, found: &mut Found) -> Result<Option<Self>, Fail>;

    /// What the slow path's check of a well-typed `Self` finds beyond its
    /// shape: the rules inside a derived struct (`validate()`'s), nothing
    /// for a leaf.
    ///
    /// # Errors
    ///
    /// Never for the impls here.
    #[inline]
    fn inner_rules(&self, at: &Path<'_>, errors: &mut ValidationErrors) -> Result<(), Fail> {
        let _ = (at, errors);
        Ok(())
    }
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
    r.skip()?;
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
    r.skip()?;
    found.repeated(at)
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
        let name = match name {
            Cow::Borrowed(b) => Cow::Borrowed(std::str::from_utf8(b).map_err(|_| Fail)?),
            Cow::Owned(b) => Cow::Owned(String::from_utf8(b).map_err(|_| Fail)?),
        };
        r.skip()?;
        if !self
            .seen
            .get_or_insert_with(Keys::default)
            .insert(name.clone())
        {
            return found.repeated(&at.field(&name));
        }
        if deny {
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
pub fn report_document<'de, T: Report<'de> + Validate>(
    bytes: &'de [u8],
    max_depth: usize,
    max_violations: usize,
) -> Option<Result<T, ValidationErrors>> {
    let Some(text) = simdutf8::basic::from_utf8(bytes).ok() else {
        return malformed(bytes, max_depth, None);
    };
    let mut r = Reader::new(text, max_depth);
    let mut found = Found::default();
    r.ws();
    let Ok(value) = T::report(&mut r, &Path::ROOT, &mut found) else {
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

// ---- How a field's type is read: `Report` if it has it ------------------

/// See [`Probe`]: `(&&Probe::<T>::NEW).report(..)` resolves to
/// [`ViaReport`] when `T` is [`Report`], else to [`ViaSerdeReport`].
pub trait ViaReport<'de, T> {
    /// Reads a member's value as a `T`: a `null` where `T` is not
    /// nullable is `required`, as the slow path has it.
    ///
    /// # Errors
    ///
    /// `T`'s own.
    fn member(
        &self,
        r: &mut Reader<'de>,
        at: &Path<'_>,
        found: &mut Found,
    ) -> Result<Option<T>, Fail>;

    /// `T`'s [`Report::report`].
    ///
    /// # Errors
    ///
    /// `T`'s own.
    fn report(
        &self,
        r: &mut Reader<'de>,
        at: &Path<'_>,
        found: &mut Found,
    ) -> Result<Option<T>, Fail>;

    /// `T`'s [`Report::inner_rules`].
    ///
    /// # Errors
    ///
    /// `T`'s own.
    fn inner_rules(
        &self,
        value: &T,
        at: &Path<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fail>;
}

impl<'de, T: Report<'de>> ViaReport<'de, T> for &Probe<T> {
    #[inline(always)]
    fn member(
        &self,
        r: &mut Reader<'de>,
        at: &Path<'_>,
        found: &mut Found,
    ) -> Result<Option<T>, Fail> {
        if !T::NULLABLE && r.next_byte() == Some(b'n') {
            r.skip()?;
            found.add(at, Constraint::Required)?;
            return Ok(None);
        }
        T::report(r, at, found)
    }

    #[inline]
    fn report(
        &self,
        r: &mut Reader<'de>,
        at: &Path<'_>,
        found: &mut Found,
    ) -> Result<Option<T>, Fail> {
        T::report(r, at, found)
    }

    #[inline]
    fn inner_rules(
        &self,
        value: &T,
        at: &Path<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fail> {
        value.inner_rules(at, errors)
    }
}

/// See [`ViaReport`]: a type without [`Report`] is read by its
/// `Deserialize` (as the fast reader reads it), and any problem in it is
/// the slow path's to report, as are its inner rules.
pub trait ViaSerdeReport<'de, T> {
    /// Reads a member's value with `T`'s `Deserialize`; a `null` is the
    /// slow path's (whether it is `required` depends on `T`'s
    /// `JsonCheck`).
    ///
    /// # Errors
    ///
    /// A `null`, or whatever `T` refuses.
    fn member(
        &self,
        r: &mut Reader<'de>,
        at: &Path<'_>,
        found: &mut Found,
    ) -> Result<Option<T>, Fail>;

    /// Reads a `T` with its `Deserialize`.
    ///
    /// # Errors
    ///
    /// Whatever `T` refuses.
    fn report(
        &self,
        r: &mut Reader<'de>,
        at: &Path<'_>,
        found: &mut Found,
    ) -> Result<Option<T>, Fail>;

    /// Always fails: the slow path's check of a `T` is not known here.
    ///
    /// # Errors
    ///
    /// Always.
    fn inner_rules(
        &self,
        value: &T,
        at: &Path<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fail>;
}

/// A type whose `Deserialize` is not its `JsonCheck`'s language (a foreign
/// type inside, see `JsonCheck::SERDE_SAME`) is never read by serde here:
/// the reader gives up, and `from_json` decides by `check_json`.
impl<'de, T: serde::Deserialize<'de> + JsonCheck> ViaSerdeReport<'de, T> for Probe<T> {
    #[inline]
    fn member(
        &self,
        r: &mut Reader<'de>,
        at: &Path<'_>,
        found: &mut Found,
    ) -> Result<Option<T>, Fail> {
        if r.next_byte() == Some(b'n') {
            return Err(Fail);
        }
        self.report(r, at, found)
    }

    #[inline]
    fn report(
        &self,
        r: &mut Reader<'de>,
        _at: &Path<'_>,
        _found: &mut Found,
    ) -> Result<Option<T>, Fail> {
        if !T::SERDE_SAME {
            return Err(Fail);
        }
        r.serde().map(Some)
    }

    fn inner_rules(
        &self,
        _value: &T,
        _at: &Path<'_>,
        _errors: &mut ValidationErrors,
    ) -> Result<(), Fail> {
        Err(Fail)
    }
}

/// See [`Probe`]: a field type with neither [`Report`] nor `JsonCheck`
/// (one more auto-deref away). The struct then has no `JsonCheck`, so its
/// reader never runs; it only has to compile. Gives up.
pub trait ViaSerdeUnchecked<'de, T> {
    /// Gives up.
    ///
    /// # Errors
    ///
    /// Always.
    fn member(
        self,
        r: &mut Reader<'de>,
        at: &Path<'_>,
        found: &mut Found,
    ) -> Result<Option<T>, Fail>;

    /// Gives up.
    ///
    /// # Errors
    ///
    /// Always.
    fn report(
        self,
        r: &mut Reader<'de>,
        at: &Path<'_>,
        found: &mut Found,
    ) -> Result<Option<T>, Fail>;

    /// Gives up.
    ///
    /// # Errors
    ///
    /// Always.
    fn inner_rules(
        self,
        value: &T,
        at: &Path<'_>,
        errors: &mut ValidationErrors,
    ) -> Result<(), Fail>;
}

impl<'de, T> ViaSerdeUnchecked<'de, T> for Probe<T> {
    fn member(self, _: &mut Reader<'de>, _: &Path<'_>, _: &mut Found) -> Result<Option<T>, Fail> {
        Err(Fail)
    }

    fn report(self, _: &mut Reader<'de>, _: &Path<'_>, _: &mut Found) -> Result<Option<T>, Fail> {
        Err(Fail)
    }

    fn inner_rules(self, _: &T, _: &Path<'_>, _: &mut ValidationErrors) -> Result<(), Fail> {
        Err(Fail)
    }
}

// ---- Leaves ------------------------------------------------------------

impl<'de> Report<'de> for String {
    #[inline]
    fn report(r: &mut Reader<'de>, at: &Path<'_>, found: &mut Found) -> Result<Option<Self>, Fail> {
        if r.next_byte() == Some(b'"') {
            r.text().map(|s| Some(s.into_owned()))
        } else {
            wrong_type(r, at, found, "string")
        }
    }
}

impl<'de> Report<'de> for SecretString {
    #[inline]
    fn report(r: &mut Reader<'de>, at: &Path<'_>, found: &mut Found) -> Result<Option<Self>, Fail> {
        if r.next_byte() == Some(b'"') {
            r.text().map(|s| Some(SecretString::new(s.into_owned())))
        } else {
            wrong_type(r, at, found, "string")
        }
    }
}

impl<'de> Report<'de> for Timestamp {
    #[inline]
    fn report(r: &mut Reader<'de>, at: &Path<'_>, found: &mut Found) -> Result<Option<Self>, Fail> {
        if r.next_byte() != Some(b'"') {
            return wrong_type(r, at, found, "string");
        }
        match Timestamp::parse(&r.text()?) {
            Ok(t) => Ok(Some(t)),
            Err(_) => {
                found.add(at, Constraint::Format("date-time"))?;
                Ok(None)
            }
        }
    }
}

impl<'de> Report<'de> for bool {
    #[inline]
    fn report(r: &mut Reader<'de>, at: &Path<'_>, found: &mut Found) -> Result<Option<Self>, Fail> {
        match r.next_byte() {
            Some(b't' | b'f') => r.boolean().map(Some),
            _ => wrong_type(r, at, found, "boolean"),
        }
    }
}

/// Integers: a plain integer within the type's range is read; any other
/// number (`5.0`, `1e2`, out of range) is the slow path's.
macro_rules! report_integers {
    ($($t:ty),*) => {$(
        impl<'de> Report<'de> for $t {
            #[inline]
            fn report(
                r: &mut Reader<'de>,
                at: &Path<'_>,
                found: &mut Found,
            ) -> Result<Option<Self>, Fail> {
                let bounds = <$t as super::IntegerBounds>::BOUNDS;
                let n = match r.next_byte() {
                    Some(b'-' | b'0'..=b'9') => match r.integer() {
                        // serde_json reads a negative integer below
                        // i64::MIN as an f64 (which may round onto it).
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
                        // A fraction, an exponent, more digits than a u64
                        // holds: serde_json's reading of the number, and
                        // the slow path's verdict on it (`5.0` is 5).
                        Err(Fail) => {
                            let text = r.number_text()?;
                            let number: serde_json::Number =
                                serde_json::from_str(text).map_err(|_| Fail)?;
                            super::integer_of(&number, bounds)
                        }
                    },
                    _ => return wrong_type(r, at, found, "integer"),
                };
                match n.map(<$t>::try_from) {
                    Ok(Ok(v)) => Ok(Some(v)),
                    Ok(Err(_)) => Err(Fail),
                    Err(broken) => {
                        found.add(at, broken)?;
                        Ok(None)
                    }
                }
            }
        }
    )*};
}

report_integers!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl<'de, T: Report<'de>> Report<'de> for Option<T> {
    const NULLABLE: bool = true;

    #[inline]
    fn report(r: &mut Reader<'de>, at: &Path<'_>, found: &mut Found) -> Result<Option<Self>, Fail> {
        if r.next_byte() == Some(b'n') {
            r.skip()?;
            return Ok(Some(None));
        }
        T::report(r, at, found).map(|v| v.map(Some))
    }

    #[inline]
    fn inner_rules(&self, at: &Path<'_>, errors: &mut ValidationErrors) -> Result<(), Fail> {
        match self {
            Some(v) => v.inner_rules(at, errors),
            None => Ok(()),
        }
    }
}

impl<'de, T: Report<'de>> Report<'de> for Box<T> {
    const NULLABLE: bool = T::NULLABLE;

    #[inline]
    fn report(r: &mut Reader<'de>, at: &Path<'_>, found: &mut Found) -> Result<Option<Self>, Fail> {
        T::report(r, at, found).map(|v| v.map(Box::new))
    }

    #[inline]
    fn inner_rules(&self, at: &Path<'_>, errors: &mut ValidationErrors) -> Result<(), Fail> {
        (**self).inner_rules(at, errors)
    }
}

impl<'de, T: Report<'de>> Report<'de> for Vec<T> {
    fn report(r: &mut Reader<'de>, at: &Path<'_>, found: &mut Found) -> Result<Option<Self>, Fail> {
        if r.next_byte() != Some(b'[') {
            return wrong_type(r, at, found, "array");
        }
        r.eat(b'[')?;
        r.enter()?;
        // While every item reads well, `items`; from the first that does
        // not, `parts`: each item, or the span of its problems in `found`.
        let mark = found.mark();
        let mut items = Vec::new();
        let mut parts: Vec<Result<T, (usize, usize)>> = Vec::new();
        let mut index = 0;
        while r.more(b']', index == 0)? {
            let from = found.mark();
            match T::report(r, &at.index(index), found)? {
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
        // The slow path checks every item: the rules inside the items that
        // read well go in their places among the others' problems.
        let mut problems = found.take(mark);
        for (i, part) in parts.iter().enumerate() {
            match part {
                Ok(item) => {
                    let mut errors = ValidationErrors::new();
                    item.inner_rules(&at.index(i), &mut errors)?;
                    found.extend(errors)?;
                }
                Err(span) => found.put_back(&mut problems, mark, *span),
            }
        }
        found.close(problems);
        Ok(None)
    }

    fn inner_rules(&self, at: &Path<'_>, errors: &mut ValidationErrors) -> Result<(), Fail> {
        for (i, item) in self.iter().enumerate() {
            item.inner_rules(&at.index(i), errors)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccessKey, ListAccessKeysResponse};

    /// The `syntax`/`limit` problem the reader reports for `bytes`, if any.
    fn reported<T: for<'de> Report<'de> + Validate>(
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
