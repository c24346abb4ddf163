//! `pattern = ".."`: the whole value must match the pattern as the AWS model
//! writes it, with ASCII `\w`, `\d`, `\s`.
//!
//! The derive translates the pattern at compile time (see
//! `access-key-derive/src/pattern.rs`) and emits one `static` [`Pattern`] per
//! annotation: a code-point class matcher when the pattern is one class with
//! a quantifier (most AWS patterns), otherwise a `regex` compiled once, on
//! first use, from the same portable text the JSON Schema carries.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::errors::{Constraint, ValidationErrors};
use crate::path::Path;

/// A string value that `pattern` and `one_of` can read.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a string type",
    label = "`pattern` and `one_of` need a string (or an Option of one) here",
    note = "for a typed enum, derive `Validate` on the enum and drop `one_of`"
)]
pub trait Text {
    /// The text, or `None` when the value is absent (`Option::None`).
    fn text(&self) -> Option<&str>;
}

impl Text for str {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}
impl Text for String {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}
impl Text for Box<str> {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}
impl Text for Cow<'_, str> {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}
impl<T: Text> Text for Option<T> {
    fn text(&self) -> Option<&str> {
        self.as_ref()?.text()
    }
}
impl<T: Text + ?Sized> Text for &T {
    fn text(&self) -> Option<&str> {
        (**self).text()
    }
}

enum Matcher {
    /// Every code point in the class, count within `min..=max`.
    Class {
        /// ASCII members, bit `c` of `[low, high]`.
        ascii: [u64; 2],
        /// Non-ASCII members as sorted inclusive ranges.
        ranges: &'static [(char, char)],
        min: u32,
        max: u32,
    },
    Regex(LazyLock<Regex, fn() -> Regex>),
}

/// A compiled `pattern` annotation.
pub struct Pattern {
    aws: &'static str,
    portable: &'static str,
    forbid_trailing_newline: bool,
    matcher: Matcher,
}

impl Pattern {
    /// A pattern that is one character class repeated `min..=max` times
    /// (`u32::MAX` for no upper bound).
    pub const fn class(
        aws: &'static str,
        portable: &'static str,
        forbid_trailing_newline: bool,
        ascii: [u64; 2],
        ranges: &'static [(char, char)],
        min: u32,
        max: u32,
    ) -> Self {
        Pattern {
            aws,
            portable,
            forbid_trailing_newline,
            matcher: Matcher::Class {
                ascii,
                ranges,
                min,
                max,
            },
        }
    }

    /// Any other pattern: `init` compiles `portable` once, on first use.
    pub const fn regex(
        aws: &'static str,
        portable: &'static str,
        forbid_trailing_newline: bool,
        init: fn() -> Regex,
    ) -> Self {
        Pattern {
            aws,
            portable,
            forbid_trailing_newline,
            matcher: Matcher::Regex(LazyLock::new(init)),
        }
    }

    /// The pattern as the annotation (and the AWS model) writes it.
    pub fn aws(&self) -> &'static str {
        self.aws
    }

    /// The anchored, portable translation that the JSON Schema carries.
    pub fn portable(&self) -> &'static str {
        self.portable
    }

    /// Whether the schema needs the `"not": {"pattern": "\n$"}` guard for
    /// Python's `$`, which also matches before a final newline.
    pub fn forbid_trailing_newline(&self) -> bool {
        self.forbid_trailing_newline
    }

    /// Whether the whole of `s` matches.
    pub fn is_match(&self, s: &str) -> bool {
        match &self.matcher {
            Matcher::Class {
                ascii,
                ranges,
                min,
                max,
            } => {
                let mut count: u32 = 0;
                if ranges.is_empty() {
                    // ASCII-only class: any non-ASCII byte fails, and a
                    // passing value has as many code points as bytes.
                    for &b in s.as_bytes() {
                        if b >= 0x80 || ascii[(b >> 6) as usize] & (1u64 << (b & 63)) == 0 {
                            return false;
                        }
                    }
                    count = u32::try_from(s.len()).unwrap_or(u32::MAX);
                } else {
                    for c in s.chars() {
                        let ok = if c.is_ascii() {
                            let b = c as u32;
                            ascii[(b >> 6) as usize] & (1u64 << (b & 63)) != 0
                        } else {
                            in_ranges(ranges, c)
                        };
                        if !ok {
                            return false;
                        }
                        count = count.saturating_add(1);
                    }
                }
                count >= *min && count <= *max
            }
            Matcher::Regex(re) => re.is_match(s),
        }
    }
}

fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Records a `pattern` violation when `value` is present and does not match.
#[inline]
pub fn apply<T: Text + ?Sized>(
    value: &T,
    pattern: &'static Pattern,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if let Some(s) = value.text() {
        if !pattern.is_match(s) {
            errors.add(path, Constraint::Pattern(pattern.aws));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static WORD: Pattern = Pattern::class(
        "[\\w]+",
        "^[0-9A-Z_a-z]+$",
        true,
        [0x03ff_0000_0000_0000, 0x07ff_fffe_87ff_fffe],
        &[],
        1,
        u32::MAX,
    );
    static LATIN1: Pattern = Pattern::class(
        "[\\u0020-\\u00FF]+",
        "^[\\x20-\\xFF]+$",
        true,
        [0xffff_ffff_0000_0000, 0xffff_ffff_ffff_ffff],
        &[('\u{80}', '\u{ff}')],
        1,
        u32::MAX,
    );
    fn build() -> Regex {
        Regex::new("^(?:ab|cd)$").unwrap()
    }
    static ALT: Pattern = Pattern::regex("ab|cd", "^(?:ab|cd)$", true, build);

    #[test]
    fn class_matcher_is_full_match_and_ascii() {
        assert!(WORD.is_match("abc_123"));
        for bad in [
            "", "abc def", "abc\n", "\u{f1}", "\u{663}", "\u{212a}", "a-b",
        ] {
            assert!(!WORD.is_match(bad), "{bad:?}");
        }
        assert!(LATIN1.is_match("caf\u{e9} \u{ff}"));
        assert!(!LATIN1.is_match("\u{100}"));
        assert!(!LATIN1.is_match("\t"));
    }

    #[test]
    fn regex_matcher_and_apply() {
        assert!(ALT.is_match("cd"));
        assert!(!ALT.is_match("abcd"));
        let mut e = ValidationErrors::new();
        apply("x y", &WORD, &Path::ROOT.field("Id"), &mut e);
        apply(&None::<String>, &WORD, &Path::ROOT.field("Id"), &mut e);
        assert_eq!(e.len(), 1);
        assert_eq!(
            e.violations()[0].message(),
            "Value at '/Id' failed to satisfy constraint: Member must satisfy regular \
             expression pattern: [\\w]+"
        );
    }
}
