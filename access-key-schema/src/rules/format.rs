//! What the format rules (`date_time`, `date`, `time`, `ipv4`, `uuid`,
//! `ipv6`, `hostname`, `email`, `url`) share. JSON Schema's `format` is an annotation in draft 2020-12 and
//! validators that assert it disagree with each other, so each format is a
//! portable pattern that decides the verdict (the Rust check compiles the
//! same text) and `format` is emitted only as the annotation: each language
//! is a subset of what every validator of the conformance suite accepts for
//! that format, so asserting formats changes no verdict.
//!
//! A language that one pattern cannot say within what every validator
//! compiles (z-schema refuses a pattern of star height above 1 or with more
//! than 25 quantifiers) is an intersection: every pattern of
//! [`Format::with`]'s `also` must match too (`allOf`), and none of its
//! `never` may (`not` / `anyOf`). The Rust check compiles the same texts.

use std::sync::OnceLock;

use regex::{Regex, RegexSet};
use schemars::Schema;

use super::pattern::Text;
use crate::errors::{Constraint, ValidationErrors};
use crate::path::Path;

/// One format: its JSON Schema name and its portable patterns.
pub struct Format {
    name: &'static str,
    pattern: &'static str,
    also: &'static [&'static str],
    never: &'static [&'static str],
    regex: OnceLock<Compiled>,
}

struct Compiled {
    pattern: Regex,
    also: Vec<Regex>,
    never: RegexSet,
}

impl Format {
    /// A format named `name` whose language is `pattern` (anchored).
    pub const fn new(name: &'static str, pattern: &'static str) -> Format {
        Format::with(name, pattern, &[], &[])
    }

    /// A format whose language is the strings that match `pattern` and every
    /// pattern of `also`, and none of `never` (each one a pattern every
    /// validator compiles).
    pub const fn with(
        name: &'static str,
        pattern: &'static str,
        also: &'static [&'static str],
        never: &'static [&'static str],
    ) -> Format {
        Format {
            name,
            pattern,
            also,
            never,
            regex: OnceLock::new(),
        }
    }

    /// The format's JSON Schema name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The portable pattern (the first one, for an intersection).
    pub fn pattern(&self) -> &'static str {
        self.pattern
    }

    /// The further patterns every value matches.
    pub fn also(&self) -> &'static [&'static str] {
        self.also
    }

    /// The patterns no value matches.
    pub fn never(&self) -> &'static [&'static str] {
        self.never
    }

    /// Whether `s` is in the format's language.
    pub fn matches(&self, s: &str) -> bool {
        let c = self.regex.get_or_init(|| {
            let compile = |p: &str| Regex::new(p).expect("format patterns are tested");
            Compiled {
                pattern: compile(self.pattern),
                also: self.also.iter().map(|p| compile(p)).collect(),
                never: RegexSet::new(self.never).expect("format patterns are tested"),
            }
        });
        c.pattern.is_match(s) && c.also.iter().all(|r| r.is_match(s)) && !c.never.is_match(s)
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

    /// The patterns (the first as `pattern`, the others in `allOf`), the
    /// `never` ones in `not`, and the guard against Python's `$` matching
    /// before a final newline: the language without the `format` name.
    pub fn patterns_schema(&self, schema: &mut Schema) {
        crate::schema::add_pattern(schema, self.pattern.to_owned());
        for p in self.also {
            crate::schema::add_pattern(schema, (*p).to_owned());
        }
        for p in self.never {
            crate::schema::add_not_pattern(schema, (*p).to_owned());
        }
        crate::schema::add_not_pattern(schema, "\n$".into());
    }

    /// `format` and [`Format::patterns_schema`]'s keywords.
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
        self.patterns_schema(schema);
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
