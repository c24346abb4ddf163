//! `contains = "text"`: a string must contain `text` (case-sensitive).
//!
//! Schema: an unanchored `pattern` of the escaped text (JSON Schema's
//! `pattern` is a search). Code `contains`; message
//! `Member must contain: <text>`.

use schemars::Schema;

use super::pattern::Text;
use crate::errors::ValidationErrors;
use crate::path::Path;

/// The rule's code.
pub const CODE: &str = "contains";

/// Refuses an argument the rule cannot use (checked at compile time).
pub const fn check(text: &str) -> Option<&'static str> {
    super::pattern::non_empty(
        "`contains` needs a non-empty text: every string contains \"\"",
        text,
    )
}

/// Records a violation when `value` is present and does not contain `text`.
#[inline]
pub fn apply<T: Text + ?Sized>(
    value: &T,
    text: &'static str,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    super::pattern::text_rule(
        value,
        |s| s.contains(text),
        (CODE, "Member must contain: ", text),
        path,
        errors,
    );
}

/// The schema form: `pattern` (or one more in `allOf`).
pub fn schema(schema: &mut Schema, text: &'static str) {
    crate::schema::add_pattern(schema, crate::schema::literal(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substring_anywhere_case_sensitive() {
        let mut e = ValidationErrors::new();
        for s in ["iam", "arn:aws:iam::1", "xiamx"] {
            apply(s, "iam", &Path::ROOT, &mut e);
        }
        apply(&None::<String>, "iam", &Path::ROOT, &mut e);
        assert!(e.is_empty());
        for s in ["IAM", "ia m", ""] {
            apply(s, "iam", &Path::ROOT, &mut e);
        }
        assert_eq!(e.len(), 3);
        assert_eq!(e.violations()[0].code(), "contains");
        assert_eq!(
            e.violations()[0].message(),
            "Value at '' failed to satisfy constraint: Member must contain: iam"
        );
        assert!(check("").is_some());
        assert!(check("a").is_none());
    }

    #[test]
    fn schema_pattern_is_the_escaped_text() {
        let mut s = Schema::default();
        schema(&mut s, "a.b");
        assert_eq!(s.get("pattern").unwrap(), "a\\x2Eb");
        schema(&mut s, "é/");
        assert_eq!(
            s.get("allOf").unwrap(),
            &serde_json::json!([{"pattern": "é\\x2F"}])
        );
    }
}
