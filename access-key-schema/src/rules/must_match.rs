//! `must_match(other_field)`: a field must equal another field of the same
//! struct (a password and its confirmation).
//!
//! JSON Schema cannot compare two members: the schema records it as a
//! `$comment` (`must_match: <other member>`), so the Rust verdict is stricter
//! than the schema's. Code `must_match`; message
//! `Member must match <other member>` (never either value).

use crate::errors::{Constraint, ValidationErrors};
use crate::path::Path;

/// The rule's code.
pub const CODE: &str = "must_match";

/// Records a violation at `path` when `value` differs from `other`, named
/// `other_name` in the payload.
#[inline]
pub fn apply<T: PartialEq + ?Sized>(
    value: &T,
    other: &T,
    other_name: &'static str,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if value != other {
        errors.add(
            path,
            Constraint::Rule {
                code: CODE,
                text: "Member must match ",
                arg: other_name,
            },
        );
    }
}

/// The schema form: `$comment: "must_match: <other member>"`.
pub fn schema(schema: &mut schemars::Schema, other_name: &str) {
    crate::schema::comment(schema, &format!("must_match: {other_name}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_or_reported_without_values() {
        let mut e = ValidationErrors::new();
        apply("hunter2", "hunter2", "password", &Path::ROOT, &mut e);
        assert!(e.is_empty());
        apply("hunter2", "hunter3", "password", &Path::ROOT, &mut e);
        assert_eq!(e.violations()[0].code(), "must_match");
        let m = e.violations()[0].message();
        assert_eq!(
            m,
            "Value at '' failed to satisfy constraint: Member must match password"
        );
        assert!(!m.contains("hunter"));
    }
}
