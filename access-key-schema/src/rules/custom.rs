//! `custom = path::to_fn`: a check of the user's own, on a field
//! (`fn(&FieldType) -> Result<(), CustomError>`) or on the whole struct
//! (`#[validate(custom = f)]` on the struct: `fn(&Struct) -> Result<(),
//! CustomError>`, for cross-field rules such as `start <= end`).
//!
//! JSON Schema cannot express it: the schema records it as a `$comment`
//! (`custom: path::to_fn`), so the Rust verdict is stricter than the
//! schema's. The violation carries the user's code and message.

use crate::errors::{CustomError, ValidationErrors};
use crate::path::Path;

/// Runs `check` on `value` and records its refusal at `path`.
#[inline]
pub fn apply<T: ?Sized>(
    value: &T,
    check: impl FnOnce(&T) -> Result<(), CustomError>,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if let Err(e) = check(value) {
        errors.add(path, e.into_constraint());
    }
}

/// As [`apply`], for a check that can see a `sensitive` value (on that
/// field, or on a struct with such a field): the check's own message is not
/// kept, since it could quote the value; the violation reads `Member must
/// pass the check <code>`, with the check's code.
#[inline]
pub fn apply_redacted<T: ?Sized>(
    value: &T,
    check: impl FnOnce(&T) -> Result<(), CustomError>,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if let Err(e) = check(value) {
        let code = e.code();
        drop(e);
        errors.add(
            path,
            crate::errors::Constraint::Custom {
                code,
                message: std::borrow::Cow::Owned(format!("Member must pass the check {code}")),
            },
        );
    }
}

/// The schema form: `$comment: "custom: <name>"`.
pub fn schema(schema: &mut schemars::Schema, name: &str) {
    crate::schema::comment(schema, &format!("custom: {name}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn even(n: &u32) -> Result<(), CustomError> {
        if n.is_multiple_of(2) {
            Ok(())
        } else {
            Err(CustomError::new("odd", "Member must be even"))
        }
    }

    #[test]
    fn the_users_code_and_message() {
        let mut e = ValidationErrors::new();
        apply(&4, even, &Path::ROOT, &mut e);
        assert!(e.is_empty());
        apply(&3, even, &Path::ROOT.field("n"), &mut e);
        assert_eq!(e.violations()[0].code(), "odd");
        assert_eq!(
            e.violations()[0].message(),
            "Value at '/n' failed to satisfy constraint: Member must be even"
        );
    }
}
