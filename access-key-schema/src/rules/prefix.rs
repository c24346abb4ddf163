//! `prefix = "text"`: a string must start with `text` (case-sensitive).
//!
//! Schema: `pattern` `^<escaped text>`. Code `prefix`; message
//! `Member must start with: <text>`.

use schemars::Schema;

use super::pattern::Text;
use crate::errors::ValidationErrors;
use crate::path::Path;

/// The rule's code.
pub const CODE: &str = "prefix";

/// Refuses an argument the rule cannot use (checked at compile time).
pub const fn check(text: &str) -> Option<&'static str> {
    super::pattern::non_empty(
        "`prefix` needs a non-empty text: every string starts with \"\"",
        text,
    )
}

/// Records a violation when `value` is present and does not start with `text`.
#[inline]
pub fn apply<T: Text + ?Sized>(
    value: &T,
    text: &'static str,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    super::pattern::text_rule(
        value,
        |s| s.starts_with(text),
        (CODE, "Member must start with: ", text),
        path,
        errors,
    );
}

/// The schema form: an anchored-at-the-start `pattern` (or one more in `allOf`).
pub fn schema(schema: &mut Schema, text: &'static str) {
    crate::schema::add_pattern(schema, format!("^{}", crate::schema::literal(text)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_only() {
        let mut e = ValidationErrors::new();
        for s in ["arn:", "arn:aws"] {
            apply(s, "arn:", &Path::ROOT, &mut e);
        }
        assert!(e.is_empty());
        for s in ["xarn:", "ARN:", " arn:", ""] {
            apply(s, "arn:", &Path::ROOT, &mut e);
        }
        assert_eq!(e.len(), 4);
        assert_eq!(
            e.violations()[0].message(),
            "Value at '' failed to satisfy constraint: Member must start with: arn:"
        );
        let mut s = Schema::default();
        schema(&mut s, "arn:");
        assert_eq!(s.get("pattern").unwrap(), "^arn\\x3A");
    }
}
