//! `one_of("A", "B")`: a string must be exactly one of the listed values.

use super::pattern::Text;
use crate::errors::{Constraint, ValidationErrors};
use crate::path::Path;
use schemars::Schema;
use serde_json::Value;
use std::fmt;

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

/// The code of a value not in the set (also a fieldless enum's unknown
/// value, which reads the same).
pub const CODE: &str = "enum";

/// `one_of(..)`: `enum`.
pub fn schema(schema: &mut Schema, values: &[&str]) {
    schema.ensure_object().insert(
        "enum".into(),
        values.iter().map(|v| Value::from(*v)).collect(),
    );
}

/// The AWS wording: `Member must satisfy enum value set: [A, B]`.
pub(crate) fn fmt(values: &[&str], f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("Member must satisfy enum value set: ")?;
    crate::errors::write_list(values, f)
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
