//! `does_not_contain = "text"`: a string must not contain `text`
//! (case-sensitive).
//!
//! Schema: `not: {"type": "string", "pattern": <escaped text>}`. Code
//! `does_not_contain`; message `Member must not contain: <text>`.

use schemars::Schema;

use super::pattern::Text;
use crate::errors::{Constraint, ValidationErrors};
use crate::path::Path;

/// The rule's code.
pub const CODE: &str = "does_not_contain";

/// Refuses an argument the rule cannot use (checked at compile time).
pub const fn check(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        return Some("`does_not_contain` needs a non-empty text: every string contains \"\"");
    }
    None
}

/// Records a violation when `value` is present and contains `text`.
#[inline]
pub fn apply<T: Text + ?Sized>(
    value: &T,
    text: &'static str,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if let Some(s) = value.text() {
        if s.contains(text) {
            errors.add(
                path,
                Constraint::Rule {
                    code: CODE,
                    text: "Member must not contain: ",
                    arg: text,
                },
            );
        }
    }
}

/// The schema form: a `not` of the text's pattern.
pub fn schema(schema: &mut Schema, text: &'static str) {
    crate::schema::add_not_pattern(schema, crate::schema::literal(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_text_anywhere() {
        let mut e = ValidationErrors::new();
        for s in ["a.b", "", "a/b"] {
            apply(s, "..", &Path::ROOT, &mut e);
        }
        assert!(e.is_empty());
        for s in ["..", "a..b", "x.."] {
            apply(s, "..", &Path::ROOT, &mut e);
        }
        assert_eq!(e.len(), 3);
        assert_eq!(
            e.violations()[0].message(),
            "Value at '' failed to satisfy constraint: Member must not contain: .."
        );
        let mut s = Schema::default();
        schema(&mut s, "..");
        assert_eq!(
            s.get("not").unwrap(),
            &serde_json::json!({"type": "string", "pattern": "\\x2E\\x2E"})
        );
    }
}
