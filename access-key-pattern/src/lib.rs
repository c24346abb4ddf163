//! Translation of AWS service-model string patterns into one portable regex.
//!
//! AWS models write patterns such as `[\w+=,.@-]+` with Java semantics: the
//! whole value must match, `\w`/`\d`/`\s` are ASCII-only, and `.` excludes
//! the Java line terminators (`\n`, `\r`, U+0085, U+2028, U+2029). Copying
//! such a pattern verbatim into a JSON Schema changes its meaning depending
//! on who evaluates it:
//!
//! * ECMA-262 (ajv, @hyperjump) with the `u` flag keeps `\w`/`\d` ASCII but
//!   makes `\s` Unicode whitespace, lets `.` match U+0085, and rejects identity
//!   escapes such as `\-` or `\&` outside classes.
//! * Python `re` makes `\w`, `\d` and `\s` Unicode-aware (`٣`, `ñ` match),
//!   lets `.` match `\r`, U+0085, U+2028, and its `$` also matches before a
//!   final `"\n"`.
//! * Rust `regex` makes `\w`/`\d`/`\s` Unicode-aware, lets `.` match `\r`,
//!   and reads `&&`, `--`, `~~` inside classes as set operators; Go's RE2 has
//!   no `\u` escapes and caps counted repetition at 1000.
//! * Python `re` and JavaScript backtrack, so nested unbounded repetition such
//!   as `(a+)+` or `(a|aa)+` (exponential time) and unbounded repeats that can
//!   share a run of characters such as `\w+\w+` (polynomial time) are a
//!   denial-of-service risk for every consumer of the schema.
//!
//! So the pattern is parsed with `regex-syntax`, lowered to a tiny IR in which
//! every class is an explicit set of code points, checked, and printed back in
//! the small dialect that all four engines read the same way: `^(?:...)$`,
//! classes as sorted explicit ranges, every non-alphanumeric char up to U+00FF
//! as `\xHH`, everything above U+00FF literally, and never `\d`, `\w`, `\s`,
//! `\b`, `\p{..}`, `.` or flags.
//!
//! The one difference printing cannot remove is Python's `$`. When no value
//! that the pattern accepts ends in `\n`, [`Translated::forbid_trailing_newline`]
//! is set and the schema emitter adds `"not": {"pattern": "\n$"}`; when a
//! value may end in `\n`, the pattern must be closed under appending `\n`
//! (it ends in an unbounded class repeat containing `\n`), or it is rejected.
//!
//! The stages are one module each: `lower` (AST to IR),
//! `ambiguity` (the backtracking and RE2 checks), `newline` (Python's `$`)
//! and `print` (IR to portable text). `access-key-derive` translates every
//! `pattern = ".."` annotation with [`translate`] at compile time;
//! `access-key-schema` re-exports this crate for its tests and fuzz targets.
//!
//! ```
//! let t = access_key_pattern::translate(r"[\w+=,.@-]+").unwrap();
//! assert_eq!(t.portable, r"^[\x2B-\x2E0-9\x3D\x40-Z\x5Fa-z]+$");
//! assert!(t.forbid_trailing_newline);
//! assert!(t.class_repeat.is_some_and(|c| c.is_match("bob@example.com")));
//! assert!(access_key_pattern::translate(r"(a+)+").is_err());
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::fmt;
use std::ops::Range;

use regex_syntax::ast::{self, Ast};

mod ambiguity;
mod lower;
mod newline;
mod print;
#[cfg(test)]
mod tests;

use ambiguity::{check_ambiguity, check_repetition, RE2_MAX_REPEAT};
use lower::{simplify, Lower, Node};
use newline::trailing_newline_guard;
use print::{char_ranges, print_node};

/// The result of [`translate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translated {
    /// Portable, anchored pattern for JSON Schema consumers AND for Rust's `regex` crate:
    /// `^(?:BODY)$` (no `(?:)` wrapper when BODY is a single class/char, possibly quantified).
    /// Means the same in Rust `regex`, ECMA-262 with the `u` flag, Python `re` (modulo the
    /// trailing-newline guard below) and Go RE2.
    pub portable: String,
    /// True when no value accepted by the pattern ends with `\n`. Python's `$` also matches
    /// before a final `\n`, so the schema must then add `"not": {"pattern": "\n$"}`.
    /// False when values may end with `\n`; [`translate`] guarantees the language is then
    /// closed under appending `\n`, so Python's extra matches are real matches.
    pub forbid_trailing_newline: bool,
    /// Fast matcher when the whole pattern is one character class or char, optionally quantified.
    pub class_repeat: Option<ClassRepeat>,
}

/// A pattern of the form `[class]{min,max}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassRepeat {
    /// Sorted, non-overlapping, merged inclusive ranges of chars the class accepts.
    pub ranges: Vec<(char, char)>,
    /// Minimum number of chars.
    pub min: u32,
    /// Maximum number of chars, `None` for unbounded.
    pub max: Option<u32>,
}

impl ClassRepeat {
    /// 128-bit bitmap of the ASCII members (bit i set = char i allowed), as (low, high).
    pub fn ascii_bitmap(&self) -> [u64; 2] {
        let mut bits = [0u64; 2];
        for &(lo, hi) in &self.ranges {
            let hi = u32::from(hi).min(127);
            for c in u32::from(lo)..=hi {
                bits[(c / 64) as usize] |= 1u64 << (c % 64);
            }
        }
        bits
    }

    /// True when every member is ASCII (then a passing value has bytes == chars).
    pub fn ascii_only(&self) -> bool {
        match self.ranges.last() {
            Some(&(_, hi)) => hi.is_ascii(),
            None => true,
        }
    }

    /// True when `c` is a member of the class.
    pub fn contains(&self, c: char) -> bool {
        let i = self.ranges.partition_point(|&(_, hi)| hi < c);
        match self.ranges.get(i) {
            Some(&(lo, _)) => lo <= c,
            None => false,
        }
    }

    /// Reference matcher: every char is in `ranges` and the char count is in `[min, max]`.
    pub fn is_match(&self, s: &str) -> bool {
        let mut n: u64 = 0;
        for c in s.chars() {
            if !self.contains(c) {
                return false;
            }
            n += 1;
        }
        n >= u64::from(self.min)
            && match self.max {
                Some(max) => n <= u64::from(max),
                None => true,
            }
    }
}

/// Why a pattern was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    /// One-line message, e.g. `invalid pattern: unclosed character class`.
    pub message: String,
    /// Byte range inside the pattern text, when known.
    pub span: Option<Range<usize>>,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PatternError {}

pub(crate) fn error(message: impl Into<String>, span: Option<Range<usize>>) -> PatternError {
    PatternError {
        message: message.into(),
        span,
    }
}

pub(crate) fn unsupported(what: impl fmt::Display, span: Range<usize>) -> PatternError {
    error(
        format!("unsupported in a portable pattern: {what}"),
        Some(span),
    )
}

pub(crate) fn range_of(span: &ast::Span) -> Range<usize> {
    span.start.offset..span.end.offset
}

/// Parse an AWS (Java-flavoured) pattern and produce its portable form.
pub fn translate(aws_pattern: &str) -> Result<Translated, PatternError> {
    let ast = ast::parse::Parser::new()
        .parse(aws_pattern)
        .map_err(|e| parse_error(&e))?;

    // A leading `^`/`\A` and a trailing `$`/`\z` are redundant under full-match semantics.
    let mut items: &[Ast] = match &ast {
        Ast::Concat(concat) => &concat.asts,
        other => std::slice::from_ref(other),
    };
    if let Some((Ast::Assertion(a), rest)) = items.split_first() {
        if matches!(
            a.kind,
            ast::AssertionKind::StartLine | ast::AssertionKind::StartText
        ) {
            items = rest;
        }
    }
    if let Some((Ast::Assertion(a), rest)) = items.split_last() {
        if matches!(
            a.kind,
            ast::AssertionKind::EndLine | ast::AssertionKind::EndText
        ) {
            items = rest;
        }
    }

    let lower = Lower {
        pattern: aws_pattern,
    };
    let nodes = items
        .iter()
        .map(|a| lower.lower(a))
        .collect::<Result<Vec<_>, _>>()?;
    let node = simplify(Node::Concat(nodes));

    check_repetition(&node, None, RE2_MAX_REPEAT)?;
    check_ambiguity(&node, aws_pattern)?;
    let forbid_trailing_newline = trailing_newline_guard(&node)?;

    let mut body = String::new();
    print_node(&node, &mut body);
    let portable = match node {
        Node::Empty => "^$".to_string(),
        Node::Class { .. } | Node::Repeat { .. } => format!("^{body}$"),
        Node::Concat(_) | Node::Alt(_) => format!("^(?:{body})$"),
    };

    let class_repeat = match &node {
        Node::Class { set, .. } => Some(ClassRepeat {
            ranges: char_ranges(set),
            min: 1,
            max: Some(1),
        }),
        Node::Repeat { sub, min, max, .. } => match &**sub {
            Node::Class { set, .. } => Some(ClassRepeat {
                ranges: char_ranges(set),
                min: *min,
                max: *max,
            }),
            _ => None,
        },
        _ => None,
    };

    Ok(Translated {
        portable,
        forbid_trailing_newline,
        class_repeat,
    })
}

fn parse_error(e: &ast::Error) -> PatternError {
    let span = Some(range_of(e.span()));
    let message = match e.kind() {
        ast::ErrorKind::UnsupportedLookAround => {
            "unsupported in a portable pattern: look-around".to_string()
        }
        ast::ErrorKind::UnsupportedBackreference => {
            "unsupported in a portable pattern: backreference or octal escape".to_string()
        }
        kind => format!("invalid pattern: {kind}"),
    };
    error(message, span)
}
