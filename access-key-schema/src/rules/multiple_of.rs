//! `multiple_of = N`: an integer must be a multiple of `N` (`N` > 0).
//!
//! Integers only: on fractions JSON Schema validators disagree (binary
//! floating point makes `0.3` not a multiple of `0.1` in some and a multiple
//! in others), so a float field is a compile error. Schema: `multipleOf`.
//! Code `multiple_of`; message `Member must be a multiple of N`.

use schemars::Schema;

use crate::errors::{Constraint, ValidationErrors};
use crate::path::Path;

/// The rule's code.
pub const CODE: &str = "multiple_of";

/// An integer `multiple_of` can check.
#[diagnostic::on_unimplemented(
    message = "`multiple_of` cannot apply to `{Self}`",
    label = "`multiple_of` needs an integer (or an Option of one) here",
    note = "floats are refused: JSON Schema validators disagree on `multipleOf` for fractions"
)]
pub trait Integer {
    /// The value widened to `i128`, or `None` when absent.
    fn integer(&self) -> Option<i128>;
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl Integer for $t {
            fn integer(&self) -> Option<i128> {
                Some(*self as i128)
            }
        }
    )*};
}
integers!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl<T: Integer> Integer for Option<T> {
    fn integer(&self) -> Option<i128> {
        self.as_ref()?.integer()
    }
}

impl<T: Integer + ?Sized> Integer for &T {
    fn integer(&self) -> Option<i128> {
        (**self).integer()
    }
}

/// Refuses a divisor the rule cannot use (checked at compile time).
pub const fn check(divisor: (i128, &str)) -> Option<&'static str> {
    if divisor.0 <= 0 {
        return Some("`multiple_of` needs a divisor greater than 0 (JSON Schema's `multipleOf`)");
    }
    None
}

/// Records a violation when `value` is present and not a multiple.
#[inline]
pub fn apply<T: Integer + ?Sized>(
    value: &T,
    divisor: (i128, &'static str),
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if let Some(v) = value.integer() {
        if divisor.0 > 0 && v % divisor.0 != 0 {
            errors.add(
                path,
                Constraint::Rule {
                    code: CODE,
                    text: "Member must be a multiple of ",
                    arg: divisor.1,
                },
            );
        }
    }
}

/// The schema form: `multipleOf`.
pub fn schema(schema: &mut Schema, divisor: (i128, &'static str)) {
    schema.ensure_object().insert(
        "multipleOf".into(),
        serde_json::Value::from(divisor.0 as i64),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiples_of_five() {
        let mut e = ValidationErrors::new();
        for v in [0i64, 5, -5, 1_000_000_000_000_005] {
            apply(&v, (5, "5"), &Path::ROOT, &mut e);
        }
        apply(&None::<u8>, (5, "5"), &Path::ROOT, &mut e);
        assert!(e.is_empty());
        for v in [1u64, 4, 6, u64::MAX - 1] {
            apply(&v, (5, "5"), &Path::ROOT, &mut e);
        }
        assert_eq!(e.len(), 4);
        assert_eq!(
            e.violations()[0].message(),
            "Value at '' failed to satisfy constraint: Member must be a multiple of 5"
        );
        assert!(check((0, "0")).is_some());
        assert!(check((-3, "-3")).is_some());
        let mut s = Schema::default();
        schema(&mut s, (5, "5"));
        assert_eq!(s.get("multipleOf").unwrap(), 5);
    }
}
