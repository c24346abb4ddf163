//! `range(min = .., max = ..)`: numeric bounds, inclusive, AWS wording
//! ("Member must have value greater than or equal to 1").

use crate::errors::{Constraint, ValidationErrors};
use crate::path::Path;
use schemars::Schema;
use serde_json::Value;
use std::fmt;

/// A number that `range` can bound.
#[diagnostic::on_unimplemented(
    message = "`range` cannot apply to `{Self}`",
    label = "`range` needs a number (or an Option of one) here",
    note = "use `length(min = .., max = ..)` for strings and arrays"
)]
pub trait Number {
    /// The type the bounds are written in.
    type Num: PartialOrd + Copy;
    /// The value, or `None` when absent.
    fn number(&self) -> Option<Self::Num>;
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl Number for $t {
            type Num = $t;
            fn number(&self) -> Option<$t> {
                Some(*self)
            }
        }
    )*};
}
numbers!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64);

impl<T: Number> Number for Option<T> {
    type Num = T::Num;
    fn number(&self) -> Option<T::Num> {
        self.as_ref()?.number()
    }
}

impl<T: Number + ?Sized> Number for &T {
    type Num = T::Num;
    fn number(&self) -> Option<T::Num> {
        (**self).number()
    }
}

/// Records a `range` violation when `value` is present and out of bounds.
/// Each bound is `(value, as written in the annotation, exclusive)`; the text
/// is for the message. NaN fails every bound (hence the negated
/// comparisons).
#[inline]
#[allow(clippy::neg_cmp_op_on_partial_ord)]
pub fn apply<T: Number + ?Sized>(
    value: &T,
    min: Option<(T::Num, &'static str, bool)>,
    max: Option<(T::Num, &'static str, bool)>,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    let Some(v) = value.number() else { return };
    if let Some((min, text, exclusive)) = min {
        if exclusive && !(v > min) {
            errors.add(path, Constraint::ExclusiveMinimum(text));
            return;
        }
        if !exclusive && !(v >= min) {
            errors.add(path, Constraint::Minimum(text));
            return;
        }
    }
    if let Some((max, text, exclusive)) = max {
        if exclusive && !(v < max) {
            errors.add(path, Constraint::ExclusiveMaximum(text));
        } else if !exclusive && !(v <= max) {
            errors.add(path, Constraint::Maximum(text));
        }
    }
}

/// The code of a broken numeric bound.
pub const CODE: &str = "range";

/// `range(min, max)`: `minimum`/`maximum`.
/// An exclusive bound is `exclusiveMinimum`/`exclusiveMaximum` (draft
/// 2020-12: a number, not draft 4's boolean).
pub fn schema(
    schema: &mut Schema,
    min: Option<Value>,
    max: Option<Value>,
    min_exclusive: bool,
    max_exclusive: bool,
) {
    let obj = schema.ensure_object();
    if let Some(min) = min {
        let key = if min_exclusive {
            "exclusiveMinimum"
        } else {
            "minimum"
        };
        obj.insert(key.into(), min);
    }
    if let Some(max) = max {
        let key = if max_exclusive {
            "exclusiveMaximum"
        } else {
            "maximum"
        };
        obj.insert(key.into(), max);
    }
}

/// The AWS wording of a broken bound (as written in the annotation):
/// inclusive or exclusive, lower or upper.
pub(crate) fn fmt(
    bound: &str,
    lower: bool,
    exclusive: bool,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let relation = match (lower, exclusive) {
        (true, false) => "greater than or equal to",
        (false, false) => "less than or equal to",
        (true, true) => "greater than",
        (false, true) => "less than",
    };
    write!(f, "Member must have value {relation} {bound}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inclusive_bounds_and_nan() {
        let mut e = ValidationErrors::new();
        for v in [1, 500, 1000] {
            apply(
                &v,
                Some((1, "1", false)),
                Some((1000, "1000", false)),
                &Path::ROOT,
                &mut e,
            );
        }
        assert!(e.is_empty());
        apply(
            &0,
            Some((1, "1", false)),
            Some((1000, "1000", false)),
            &Path::ROOT,
            &mut e,
        );
        apply(
            &Some(1001),
            Some((1, "1", false)),
            Some((1000, "1000", false)),
            &Path::ROOT,
            &mut e,
        );
        apply(
            &f64::NAN,
            Some((0.0, "0.0", false)),
            None,
            &Path::ROOT,
            &mut e,
        );
        assert_eq!(e.len(), 3);
        assert_eq!(
            e.violations()[0].constraint().to_string(),
            "Member must have value greater than or equal to 1"
        );
        assert_eq!(
            e.violations()[1].constraint().to_string(),
            "Member must have value less than or equal to 1000"
        );
    }

    #[test]
    fn exclusive_bounds() {
        let mut e = ValidationErrors::new();
        for v in [0.5, 0.999] {
            apply(
                &v,
                Some((0.0, "0.0", true)),
                Some((1.0, "1.0", true)),
                &Path::ROOT,
                &mut e,
            );
        }
        assert!(e.is_empty());
        for v in [0.0, 1.0, -1.0, 2.0, f64::NAN] {
            apply(
                &v,
                Some((0.0, "0.0", true)),
                Some((1.0, "1.0", true)),
                &Path::ROOT,
                &mut e,
            );
        }
        let messages: Vec<String> = e.violations().iter().map(|v| v.message()).collect();
        assert_eq!(
            messages,
            [
                "Value at '' failed to satisfy constraint: Member must have value greater than 0.0",
                "Value at '' failed to satisfy constraint: Member must have value less than 1.0",
                "Value at '' failed to satisfy constraint: Member must have value greater than 0.0",
                "Value at '' failed to satisfy constraint: Member must have value less than 1.0",
                "Value at '' failed to satisfy constraint: Member must have value greater than 0.0",
            ]
        );
        assert!(e.violations().iter().all(|v| v.code() == "range"));
    }
}
