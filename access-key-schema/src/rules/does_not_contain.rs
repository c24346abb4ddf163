//! `does_not_contain = "text"`: a string must not contain `text`
//! (case-sensitive).
//!
//! Schema: `not: {"type": "string", "pattern": <escaped text>}`. Code
//! `does_not_contain`; message `Member must not contain: <text>`.

use schemars::Schema;

use super::pattern::Text;
use crate::errors::ValidationErrors;
use crate::path::Path;

/// The rule's code.
pub const CODE: &str = "does_not_contain";

/// Refuses an argument the rule cannot use (checked at compile time).
pub const fn check(text: &str) -> Option<&'static str> {
    super::pattern::non_empty(
        "`does_not_contain` needs a non-empty text: every string contains \"\"",
        text,
    )
}

/// Records a violation when `value` is present and contains `text`.
#[inline]
pub fn apply<T: Text + ?Sized>(
    value: &T,
    text: &'static str,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    super::pattern::text_rule(
        value,
        |s| !s.contains(text),
        (CODE, "Member must not contain: ", text),
        path,
        errors,
    );
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
