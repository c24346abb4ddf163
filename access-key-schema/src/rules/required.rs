//! `required` on an `Option<T>`: the member must be present and not null.
//!
//! Schema: the member is listed in `required` and its schema is `T`'s, not
//! nullable (the derive does both). Code `required`; message
//! `Member must not be null`, as for any missing member.

use crate::errors::{Constraint, ValidationErrors};
use crate::path::Path;

/// A value that may be absent: what `required` applies to.
#[diagnostic::on_unimplemented(
    message = "`required` cannot apply to `{Self}`",
    label = "`required` needs an `Option` here",
    note = "a field that is not an `Option` is already required"
)]
pub trait Presence {
    /// Whether the value is there.
    fn is_present(&self) -> bool;
}

impl<T> Presence for Option<T> {
    fn is_present(&self) -> bool {
        self.is_some()
    }
}

impl<T: Presence + ?Sized> Presence for &T {
    fn is_present(&self) -> bool {
        (**self).is_present()
    }
}

/// Records a `required` violation when `value` is absent.
#[inline]
pub fn apply<T: Presence + ?Sized>(value: &T, path: &Path<'_>, errors: &mut ValidationErrors) {
    if !value.is_present() {
        errors.add(path, Constraint::Required);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_is_a_violation() {
        let mut e = ValidationErrors::new();
        apply(&Some(1), &Path::ROOT, &mut e);
        assert!(e.is_empty());
        apply(&None::<String>, &Path::ROOT, &mut e);
        assert_eq!(e.violations()[0].code(), "required");
    }
}
