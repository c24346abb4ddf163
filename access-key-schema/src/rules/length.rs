//! `length(min = .., max = ..)`: Unicode code points for strings (as AWS and
//! JSON Schema count them, never UTF-8 bytes), items for arrays, entries for
//! maps.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use crate::errors::{Constraint, ValidationErrors};
use crate::path::Path;
use schemars::Schema;
use serde_json::Value;
use std::fmt;

/// What a length counts, which decides the schema keyword
/// (`minLength`/`maxLength`, `minItems`/`maxItems` or
/// `minProperties`/`maxProperties`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Unicode code points of a string.
    Chars,
    /// Items of an array.
    Items,
    /// Entries of a map (members of a JSON object).
    Entries,
}

/// A value whose length `length(...)` can bound.
#[diagnostic::on_unimplemented(
    message = "`length` cannot apply to `{Self}`",
    label = "`length` needs a string, a Vec/slice or a map (or an Option of one) here",
    note = "use `range(min = .., max = ..)` for numbers"
)]
pub trait Length {
    /// What the length counts.
    const UNIT: Unit;
    /// The length, or `None` when the value is absent (`Option::None`).
    fn length(&self) -> Option<usize>;
    /// The broken bound, if any. Strings override this to skip counting when
    /// the byte length alone decides.
    fn check_length(&self, min: usize, max: usize) -> Option<Constraint> {
        let n = self.length()?;
        bound(n, min, max)
    }
}

/// The broken bound of a length `n`, if any.
pub(crate) fn bound(n: usize, min: usize, max: usize) -> Option<Constraint> {
    if n < min {
        Some(Constraint::MinLength(min))
    } else if n > max {
        Some(Constraint::MaxLength(max))
    } else {
        None
    }
}

/// Number of Unicode code points in `s`: the bytes that do not continue a
/// UTF-8 sequence (the loop vectorizes).
pub fn char_count(s: &str) -> usize {
    s.as_bytes().iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Code-point bounds check that counts only when bytes cannot decide:
/// a string has at least `len / 4` and at most `len` code points.
pub fn check_str(s: &str, min: usize, max: usize) -> Option<Constraint> {
    let bytes = s.len();
    if bytes < min {
        return Some(Constraint::MinLength(min));
    }
    if bytes <= max && bytes / 4 >= min {
        return None;
    }
    bound(char_count(s), min, max)
}

impl Length for str {
    const UNIT: Unit = Unit::Chars;
    fn length(&self) -> Option<usize> {
        Some(char_count(self))
    }
    fn check_length(&self, min: usize, max: usize) -> Option<Constraint> {
        check_str(self, min, max)
    }
}

macro_rules! via_str {
    ($($t:ty),*) => {$(
        impl Length for $t {
            const UNIT: Unit = Unit::Chars;
            fn length(&self) -> Option<usize> {
                Some(char_count(self))
            }
            fn check_length(&self, min: usize, max: usize) -> Option<Constraint> {
                check_str(self, min, max)
            }
        }
    )*};
}
via_str!(String, Cow<'_, str>);

impl<T> Length for [T] {
    const UNIT: Unit = Unit::Items;
    fn length(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T> Length for Vec<T> {
    const UNIT: Unit = Unit::Items;
    fn length(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<K, V, S> Length for HashMap<K, V, S> {
    const UNIT: Unit = Unit::Entries;
    fn length(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<K, V> Length for BTreeMap<K, V> {
    const UNIT: Unit = Unit::Entries;
    fn length(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T: Length> Length for Option<T> {
    const UNIT: Unit = T::UNIT;
    fn length(&self) -> Option<usize> {
        self.as_ref()?.length()
    }
    fn check_length(&self, min: usize, max: usize) -> Option<Constraint> {
        self.as_ref()?.check_length(min, max)
    }
}

impl<T: Length + ?Sized> Length for &T {
    const UNIT: Unit = T::UNIT;
    fn length(&self) -> Option<usize> {
        (**self).length()
    }
    fn check_length(&self, min: usize, max: usize) -> Option<Constraint> {
        (**self).check_length(min, max)
    }
}

impl<T: Length + ?Sized> Length for Box<T> {
    const UNIT: Unit = T::UNIT;
    fn length(&self) -> Option<usize> {
        (**self).length()
    }
    fn check_length(&self, min: usize, max: usize) -> Option<Constraint> {
        (**self).check_length(min, max)
    }
}

/// Records a `length` violation when `value` is present and out of bounds.
/// An absent bound is passed as `0` / `usize::MAX`.
#[inline]
pub fn apply<T: Length + ?Sized>(
    value: &T,
    min: usize,
    max: usize,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if let Some(c) = value.check_length(min, max) {
        errors.add(path, c);
    }
}

/// The code of a broken length bound.
pub const CODE: &str = "length";

/// `length(min, max)`: `minItems`/`maxItems` on arrays, `minLength`/`maxLength`
/// otherwise (the runtime's [`Length`] trait has
/// already rejected types that are neither strings nor arrays at compile time).
pub fn schema(schema: &mut Schema, min: usize, max: usize) {
    let obj = schema.ensure_object();
    let (lo, hi) = match obj.get("type").and_then(Value::as_str) {
        Some("array") => ("minItems", "maxItems"),
        Some("object") => ("minProperties", "maxProperties"),
        _ => ("minLength", "maxLength"),
    };
    if min > 0 {
        obj.insert(lo.into(), min.into());
    }
    if max < usize::MAX {
        obj.insert(hi.into(), max.into());
    }
}

/// The AWS wording of a broken lower bound.
pub(crate) fn fmt_min(n: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "Member must have length greater than or equal to {n}")
}

/// The AWS wording of a broken upper bound.
pub(crate) fn fmt_max(n: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "Member must have length less than or equal to {n}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_points_not_bytes() {
        for c in ['a', '\u{e9}', '\u{20ac}', '\u{1F600}'] {
            let ok: String = std::iter::repeat(c).take(64).collect();
            let long: String = std::iter::repeat(c).take(65).collect();
            let short: String = std::iter::repeat(c).take(15).collect();
            assert_eq!(ok.check_length(16, 64), None, "{c:?}");
            assert_eq!(long.check_length(16, 64), Some(Constraint::MaxLength(64)));
            assert_eq!(short.check_length(16, 64), Some(Constraint::MinLength(16)));
        }
        assert_eq!(char_count("e\u{301}"), 2, "combining marks are code points");
    }

    #[test]
    fn options_and_vectors() {
        let none: Option<String> = None;
        assert_eq!(none.check_length(1, 2), None);
        assert_eq!(
            Some(String::new()).check_length(1, 2),
            Some(Constraint::MinLength(1))
        );
        assert_eq!(
            vec![1, 2, 3].check_length(0, 2),
            Some(Constraint::MaxLength(2))
        );
        assert_eq!(<Vec<u8> as Length>::UNIT, Unit::Items);
        let map: BTreeMap<String, u8> = [("a".to_string(), 1), ("b".to_string(), 2)].into();
        assert_eq!(map.check_length(0, 1), Some(Constraint::MaxLength(1)));
        assert_eq!(map.check_length(3, 9), Some(Constraint::MinLength(3)));
        assert_eq!(map.check_length(2, 2), None);
        assert_eq!(<HashMap<String, u8> as Length>::UNIT, Unit::Entries);
    }
}
