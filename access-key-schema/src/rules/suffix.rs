//! `suffix = "text"`: a string must end with `text` (case-sensitive).
//!
//! Schema: `pattern` `<escaped text>$`, plus `not: {"pattern": "\n$"}` since
//! Python's `$` also matches before a final newline (a string that ends with
//! a text not ending in `\n` cannot itself end in `\n`, so the guard is
//! exact). Code `suffix`; message `Member must end with: <text>`.

use schemars::Schema;

use super::pattern::Text;
use crate::errors::ValidationErrors;
use crate::path::Path;

/// The rule's code.
pub const CODE: &str = "suffix";

/// Refuses an argument the rule cannot use (checked at compile time).
pub const fn check(text: &str) -> Option<&'static str> {
    if !text.is_empty() && text.as_bytes()[text.len() - 1] == b'\n' {
        return Some("`suffix` cannot end in a newline: Python's `$` reads it differently");
    }
    super::pattern::non_empty(
        "`suffix` needs a non-empty text: every string ends with \"\"",
        text,
    )
}

/// Records a violation when `value` is present and does not end with `text`.
#[inline]
pub fn apply<T: Text + ?Sized>(
    value: &T,
    text: &'static str,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    super::pattern::text_rule(
        value,
        |s| s.ends_with(text),
        (CODE, "Member must end with: ", text),
        path,
        errors,
    );
}

/// The schema form: an anchored-at-the-end `pattern` and the newline guard.
pub fn schema(schema: &mut Schema, text: &'static str) {
    crate::schema::add_pattern(schema, format!("{}$", crate::schema::literal(text)));
    crate::schema::add_not_pattern(schema, "\n$".into());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_only() {
        let mut e = ValidationErrors::new();
        for s in [":root", "arn:aws:iam::1:root"] {
            apply(s, ":root", &Path::ROOT, &mut e);
        }
        assert!(e.is_empty());
        for s in [":root\n", ":roots", ":ROOT", ""] {
            apply(s, ":root", &Path::ROOT, &mut e);
        }
        assert_eq!(e.len(), 4);
        assert_eq!(
            e.violations()[0].message(),
            "Value at '' failed to satisfy constraint: Member must end with: :root"
        );
        let mut s = Schema::default();
        schema(&mut s, ":root");
        assert_eq!(s.get("pattern").unwrap(), "\\x3Aroot$");
        assert!(check("a\n").is_some());
    }
}
