//! `one_of("A", "B")`: a string must be exactly one of the listed values.

use super::pattern::Text;
use crate::errors::{Constraint, ValidationErrors};
use crate::path::Path;

/// Records an `enum` violation when `value` is present and not listed.
#[inline]
pub fn apply<T: Text + ?Sized>(
    value: &T,
    values: &'static [&'static str],
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if let Some(s) = value.text() {
        if !values.contains(&s) {
            errors.add(path, Constraint::Enum(values));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_match_only() {
        const V: &[&str] = &["Active", "Inactive"];
        let mut e = ValidationErrors::new();
        for s in ["Active", "Inactive"] {
            apply(s, V, &Path::ROOT, &mut e);
        }
        assert!(e.is_empty());
        for s in ["active", " Active", "Active\n", ""] {
            apply(s, V, &Path::ROOT, &mut e);
        }
        assert_eq!(e.len(), 4);
        assert_eq!(e.violations()[0].code(), "enum");
    }
}
