//! `pattern = ".."`: the whole value must match the pattern as the AWS model
//! writes it, with ASCII `\w`, `\d`, `\s`.
//!
//! The derive translates the pattern at compile time (see
//! `access-key-pattern`) and emits one `static` [`Pattern`] per
//! annotation: a code-point class matcher when the pattern is one class with
//! a quantifier (most AWS patterns), otherwise a `regex` compiled once, on
//! first use, from the same portable text the JSON Schema carries.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::errors::{Constraint, ValidationErrors};
use crate::path::Path;
use schemars::Schema;
use std::fmt;

/// A string rule's check: records `Constraint::Rule { code, text, arg }`
/// when `value` is present and `holds` is false for it. What `contains`,
/// `does_not_contain`, `prefix` and `suffix` share.
#[inline]
pub(crate) fn text_rule<T: Text + ?Sized>(
    value: &T,
    holds: impl FnOnce(&str) -> bool,
    (code, text, arg): (&'static str, &'static str, &'static str),
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if let Some(s) = value.text() {
        if !holds(s) {
            errors.add(path, Constraint::Rule { code, text, arg });
        }
    }
}

/// The argument check of the string rules: a non-empty text.
pub(crate) const fn non_empty(rule: &'static str, text: &str) -> Option<&'static str> {
    if text.is_empty() {
        Some(rule)
    } else {
        None
    }
}

/// A string value that the string rules (`pattern`, `one_of`, `contains`,
/// ...) can read.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a string type",
    label = "this rule needs a string (or an Option of one) here",
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

// `Class` is large on purpose: patterns are `static`s, one per annotation,
// and the byte table is what makes the ASCII loop branch-free.
#[allow(clippy::large_enum_variant)]
enum Matcher {
    /// Every code point in the class, count within `min..=max`.
    Class {
        /// ASCII members, bit `c` of `[low, high]`.
        ascii: [u64; 2],
        /// The same members as a byte table: `table[b]` for each byte `b`
        /// (never true for a byte >= 0x80), for the ASCII-only loop.
        table: [bool; 256],
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
                table: byte_table(ascii),
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
                table,
                ranges,
                min,
                max,
            } => {
                let count = if ranges.is_empty() {
                    // ASCII-only class: any non-ASCII byte fails, and a
                    // passing value has as many code points as bytes.
                    if !all_in(table, s) {
                        return false;
                    }
                    s.len()
                } else {
                    let mut count: usize = 0;
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
                        count += 1;
                    }
                    count
                };
                let count = u32::try_from(count).unwrap_or(u32::MAX);
                count >= *min && count <= *max
            }
            Matcher::Regex(re) => re.is_match(s),
        }
    }

    /// Whether `s` matches *and* has `min..=max` code points, in one pass:
    /// true only for an ASCII-only class pattern (a passing value has as
    /// many code points as bytes). `false` means "check each rule on its
    /// own", never "invalid".
    #[inline]
    pub fn accepts_with_length(&self, s: &str, min: usize, max: usize) -> bool {
        match &self.matcher {
            Matcher::Class {
                table,
                ranges: [],
                min: class_min,
                max: class_max,
                ..
            } => {
                let n = s.len();
                n >= min
                    && n <= max
                    && u32::try_from(n).is_ok_and(|n| n >= *class_min && n <= *class_max)
                    && all_in(table, s)
            }
            _ => false,
        }
    }
}

/// The byte table of an ASCII bitmap.
const fn byte_table(ascii: [u64; 2]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = ascii[b >> 6] & (1u64 << (b & 63)) != 0;
        b += 1;
    }
    table
}

/// Every byte of `s` is in `table`; no early exit, so the loop has no
/// branch per byte (the values checked are short).
#[inline]
fn all_in(table: &[bool; 256], s: &str) -> bool {
    let mut ok = true;
    for &b in s.as_bytes() {
        ok &= table[usize::from(b)];
    }
    ok
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

/// What generated code wraps a field in to try `length` and an ASCII-only
/// class `pattern` in one pass (see [`FusedText`]); not a public API.
#[doc(hidden)]
pub struct Fused<'a, T: ?Sized>(pub &'a T);

/// The one-pass check, chosen by method resolution when the field is a
/// [`Text`]: `(&Fused(&v)).accepts(..)` finds this impl first. For any other
/// type [`FusedAny`] answers `false`, and the separate `length::apply` and
/// `pattern::apply` calls then report (or fail to compile) exactly as
/// without the fusion.
#[doc(hidden)]
pub trait FusedText {
    /// True when the value is absent, or present with `min..=max` code
    /// points and matching `pattern`: nothing to report.
    fn accepts(&self, min: usize, max: usize, pattern: &'static Pattern) -> bool;
}

impl<T: Text + ?Sized> FusedText for Fused<'_, T> {
    #[inline]
    fn accepts(&self, min: usize, max: usize, pattern: &'static Pattern) -> bool {
        match self.0.text() {
            None => true,
            Some(s) => pattern.accepts_with_length(s, min, max),
        }
    }
}

/// The fallback of [`FusedText`]: never accepts.
#[doc(hidden)]
pub trait FusedAny {
    /// Always `false`.
    fn accepts(&self, _min: usize, _max: usize, _pattern: &'static Pattern) -> bool {
        false
    }
}

impl<T: ?Sized> FusedAny for &Fused<'_, T> {}

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

/// The code of a value the pattern does not match.
pub const CODE: &str = "pattern";

/// `pattern`: the portable, anchored translation, plus the guard that makes
/// Python's `$` (which also matches before a final `\n`) agree.
pub fn schema(schema: &mut Schema, pattern: &Pattern) {
    let obj = schema.ensure_object();
    obj.insert("pattern".into(), pattern.portable().into());
    if pattern.forbid_trailing_newline() {
        crate::schema::add_not(obj, crate::schema::trailing_newline_guard());
    }
}

/// The AWS wording, with the pattern as the model writes it.
pub(crate) fn fmt(aws: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "Member must satisfy regular expression pattern: {aws}")
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
    #[allow(clippy::needless_borrow)] // the borrow is how generated code calls it
    fn one_pass_length_and_class() {
        assert!(WORD.accepts_with_length("abc_123", 1, 7));
        assert!(!WORD.accepts_with_length("abc_123", 1, 6));
        assert!(!WORD.accepts_with_length("abc_123", 8, 10));
        assert!(!WORD.accepts_with_length("", 0, 10), "the class needs one");
        assert!(!WORD.accepts_with_length("ab c", 1, 10));
        assert!(!WORD.accepts_with_length("\u{e9}", 1, 10));
        assert!(!LATIN1.accepts_with_length("abc", 1, 10), "not ASCII-only");
        assert!(!ALT.accepts_with_length("ab", 1, 10));
        assert!((&Fused(&None::<String>)).accepts(1, 2, &WORD));
        assert!((&Fused(&"ab".to_string())).accepts(1, 2, &WORD));
        assert!(!(&Fused(&7u8)).accepts(1, 2, &WORD), "not text: no fusion");
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
