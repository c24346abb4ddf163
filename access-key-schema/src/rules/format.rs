//! What the format rules (`date_time`, `date`, `time`, `ipv4`, `uuid`)
//! share. JSON Schema's `format` is an annotation in draft 2020-12 and
//! validators that assert it disagree with each other, so each format is a
//! portable pattern that decides the verdict (the Rust check compiles the
//! same text) and `format` is emitted only as the annotation: each language
//! is a subset of what every validator of the conformance suite accepts for
//! that format, so asserting formats changes no verdict.

use std::sync::OnceLock;

use regex::Regex;
use schemars::Schema;

use super::pattern::Text;
use crate::errors::{Constraint, ValidationErrors};
use crate::path::Path;

/// One format: its JSON Schema name and its anchored portable pattern.
pub struct Format {
    name: &'static str,
    pattern: &'static str,
    regex: OnceLock<Regex>,
}

impl Format {
    /// A format named `name` whose language is `pattern` (anchored).
    pub const fn new(name: &'static str, pattern: &'static str) -> Format {
        Format {
            name,
            pattern,
            regex: OnceLock::new(),
        }
    }

    /// The format's JSON Schema name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The portable pattern.
    pub fn pattern(&self) -> &'static str {
        self.pattern
    }

    /// Whether `s` is in the format's language.
    pub fn matches(&self, s: &str) -> bool {
        self.regex
            .get_or_init(|| Regex::new(self.pattern).expect("format patterns are tested"))
            .is_match(s)
    }

    /// Records a `format` violation when `value` is present and not in the
    /// language.
    pub fn apply<T: Text + ?Sized>(
        &self,
        value: &T,
        path: &Path<'_>,
        errors: &mut ValidationErrors,
    ) {
        if let Some(s) = value.text() {
            if !self.matches(s) {
                errors.add(path, Constraint::Format(self.name));
            }
        }
    }

    /// `format`, the pattern (a second one goes into `allOf`) and the guard
    /// against Python's `$` matching before a final newline.
    pub fn schema(&self, schema: &mut Schema) {
        let obj = schema.ensure_object();
        if obj.contains_key("format") {
            let all = obj
                .entry("allOf")
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            if let serde_json::Value::Array(all) = all {
                all.push(serde_json::json!({"format": self.name}));
            }
        } else {
            obj.insert("format".into(), self.name.into());
        }
        crate::schema::add_pattern(schema, self.pattern.to_owned());
        crate::schema::add_not_pattern(schema, "\n$".into());
    }
}

/// The two functions every format module has, calling its `FORMAT`.
macro_rules! format_rule {
    ($format:ident) => {
        /// Records a `format` violation when `value` is present and not in
        /// the format's language.
        pub fn apply<T: super::pattern::Text + ?Sized>(
            value: &T,
            path: &crate::path::Path<'_>,
            errors: &mut crate::errors::ValidationErrors,
        ) {
            $format.apply(value, path, errors);
        }

        /// `format`, the pattern, and the trailing-newline guard.
        pub fn schema(schema: &mut schemars::Schema) {
            $format.schema(schema);
        }
    };
}
pub(crate) use format_rule;

/// Checks a format's pattern against the strings it must accept and refuse,
/// and against a final newline (the tests of each format call it).
#[cfg(test)]
pub(crate) fn check_language(format: &Format, accept: &[&str], refuse: &[&str]) {
    for s in accept {
        assert!(format.matches(s), "{} should accept {s:?}", format.name);
        assert!(
            !format.matches(&format!("{s}\n")),
            "{} with a final newline",
            format.name
        );
    }
    for s in refuse {
        assert!(!format.matches(s), "{} should refuse {s:?}", format.name);
    }
    let mut e = ValidationErrors::new();
    format.apply(refuse[0], &Path::ROOT, &mut e);
    assert_eq!(e.violations()[0].code(), "format");
    assert_eq!(
        e.violations()[0].message(),
        format!(
            "Value at '' failed to satisfy constraint: Member must be a valid {}",
            format.name
        )
    );
}
