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
//! This file is compiled into both the proc-macro crate and the runtime crate
//! (via `#[path]`); each uses only part of the API, so both declare the module
//! with `#[allow(dead_code)]`.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;

use regex_syntax::ast::{self, Ast};
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};

/// Largest repetition count Go's RE2 accepts (also for nested counts multiplied).
const RE2_MAX_REPEAT: u32 = 1000;
/// Budget for the catastrophic-backtracking analysis (positions of one repeated group).
const MAX_POSITIONS: usize = 4096;
/// Budget for the catastrophic-backtracking analysis (pairs of positions explored).
const MAX_PAIRS: usize = 1 << 22;
/// Positions of the whole-pattern automaton the readings count may work on.
const MAX_COUNTED_POSITIONS: usize = 1 << 16;
/// Most readings any prefix may have (see [`check_readings`]).
const MAX_READINGS: u32 = 256;
/// Budget for [`check_readings`]: entries of all the reading vectors explored.
const MAX_READING_ENTRIES: usize = 1 << 21;

const NESTED_MESSAGE: &str =
    "pattern has nested unbounded repetition (catastrophic backtracking in Python and JavaScript)";
/// Start of the message for polynomially ambiguous patterns such as `\w+\w+`.
const POLYNOMIAL_MESSAGE: &str = "pattern is polynomially ambiguous";

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

fn error(message: impl Into<String>, span: Option<Range<usize>>) -> PatternError {
    PatternError {
        message: message.into(),
        span,
    }
}

fn unsupported(what: impl fmt::Display, span: Range<usize>) -> PatternError {
    error(
        format!("unsupported in a portable pattern: {what}"),
        Some(span),
    )
}

fn range_of(span: &ast::Span) -> Range<usize> {
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

// ---------------------------------------------------------------------------
// IR

#[derive(Clone, Debug)]
enum Node {
    /// Matches the empty string.
    Empty,
    /// One char out of a non-empty set (literals are one-element sets).
    Class {
        set: ClassUnicode,
        span: Range<usize>,
    },
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        sub: Box<Node>,
        min: u32,
        max: Option<u32>,
        span: Range<usize>,
    },
}

fn class_of(ranges: &[(char, char)]) -> ClassUnicode {
    ClassUnicode::new(
        ranges
            .iter()
            .map(|&(lo, hi)| ClassUnicodeRange::new(lo, hi)),
    )
}

/// Java `\d`, `\w`, `\s` (ASCII only, without UNICODE_CHARACTER_CLASS).
fn perl_class(kind: &ast::ClassPerlKind, negated: bool) -> ClassUnicode {
    let mut set = match kind {
        ast::ClassPerlKind::Digit => class_of(&[('0', '9')]),
        ast::ClassPerlKind::Space => class_of(&[('\t', '\r'), (' ', ' ')]),
        ast::ClassPerlKind::Word => class_of(&[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')]),
    };
    if negated {
        set.negate();
    }
    set
}

/// Java `.`: anything but the line terminators `\n`, `\r`, U+0085, U+2028, U+2029.
fn dot_class() -> ClassUnicode {
    let mut set = class_of(&[
        ('\n', '\n'),
        ('\r', '\r'),
        ('\u{85}', '\u{85}'),
        ('\u{2028}', '\u{2029}'),
    ]);
    set.negate();
    set
}

/// Java (8+) `\v`: vertical whitespace `[\n\x0B\f\r\x85\u2028\u2029]`.
fn vertical_space_class() -> ClassUnicode {
    class_of(&[('\n', '\r'), ('\u{85}', '\u{85}'), ('\u{2028}', '\u{2029}')])
}

fn is_vertical_tab_escape(lit: &ast::Literal) -> bool {
    lit.kind == ast::LiteralKind::Special(ast::SpecialLiteralKind::VerticalTab)
}

struct Lower<'p> {
    pattern: &'p str,
}

impl Lower<'_> {
    fn text(&self, span: &ast::Span) -> &str {
        self.pattern.get(range_of(span)).unwrap_or("")
    }

    fn literal(&self, lit: &ast::Literal) -> ClassUnicode {
        if is_vertical_tab_escape(lit) {
            vertical_space_class()
        } else {
            class_of(&[(lit.c, lit.c)])
        }
    }

    fn lower(&self, ast: &Ast) -> Result<Node, PatternError> {
        match ast {
            Ast::Empty(_) => Ok(Node::Empty),
            Ast::Flags(flags) => Err(unsupported(
                format!("inline flags `{}`", self.text(&flags.span)),
                range_of(&flags.span),
            )),
            Ast::Literal(lit) => Ok(Node::Class {
                set: self.literal(lit),
                span: range_of(&lit.span),
            }),
            Ast::Dot(span) => Ok(Node::Class {
                set: dot_class(),
                span: range_of(span),
            }),
            Ast::Assertion(a) => self.assertion(a),
            Ast::ClassUnicode(c) => Err(unsupported(
                format!("Unicode class `{}`", self.text(&c.span)),
                range_of(&c.span),
            )),
            Ast::ClassPerl(c) => Ok(Node::Class {
                set: perl_class(&c.kind, c.negated),
                span: range_of(&c.span),
            }),
            Ast::ClassBracketed(c) => {
                let set = self.bracketed(c)?;
                if set.ranges().is_empty() {
                    return Err(unsupported(
                        "character class that matches no character",
                        range_of(&c.span),
                    ));
                }
                Ok(Node::Class {
                    set,
                    span: range_of(&c.span),
                })
            }
            Ast::Repetition(rep) => {
                if let Ast::Repetition(_) = *rep.ast {
                    return Err(unsupported(
                        format!(
                            "stacked quantifier `{}` (possessive in Java); wrap the inner part in a group",
                            self.text(&rep.span)
                        ),
                        range_of(&rep.span),
                    ));
                }
                let (min, max) = match &rep.op.kind {
                    ast::RepetitionKind::ZeroOrOne => (0, Some(1)),
                    ast::RepetitionKind::ZeroOrMore => (0, None),
                    ast::RepetitionKind::OneOrMore => (1, None),
                    ast::RepetitionKind::Range(ast::RepetitionRange::Exactly(n)) => (*n, Some(*n)),
                    ast::RepetitionKind::Range(ast::RepetitionRange::AtLeast(n)) => (*n, None),
                    ast::RepetitionKind::Range(ast::RepetitionRange::Bounded(m, n)) => {
                        (*m, Some(*n))
                    }
                };
                Ok(Node::Repeat {
                    sub: Box::new(self.lower(&rep.ast)?),
                    min,
                    max,
                    span: range_of(&rep.span),
                })
            }
            Ast::Group(group) => {
                if let Some(flags) = group.flags() {
                    if !flags.items.is_empty() {
                        return Err(unsupported(
                            format!("inline flags `{}`", self.text(&flags.span)),
                            range_of(&flags.span),
                        ));
                    }
                }
                self.lower(&group.ast)
            }
            Ast::Alternation(alt) => Ok(Node::Alt(
                alt.asts
                    .iter()
                    .map(|a| self.lower(a))
                    .collect::<Result<_, _>>()?,
            )),
            Ast::Concat(concat) => Ok(Node::Concat(
                concat
                    .asts
                    .iter()
                    .map(|a| self.lower(a))
                    .collect::<Result<_, _>>()?,
            )),
        }
    }

    fn assertion(&self, a: &ast::Assertion) -> Result<Node, PatternError> {
        let span = range_of(&a.span);
        let text = self.text(&a.span);
        match a.kind {
            // Java reads `\<` and `\>` as the plain characters.
            ast::AssertionKind::WordBoundaryStartAngle => Ok(Node::Class {
                set: class_of(&[('<', '<')]),
                span,
            }),
            ast::AssertionKind::WordBoundaryEndAngle => Ok(Node::Class {
                set: class_of(&[('>', '>')]),
                span,
            }),
            ast::AssertionKind::StartLine | ast::AssertionKind::StartText => Err(unsupported(
                format!("`{text}` is only allowed at the start of the pattern"),
                span,
            )),
            ast::AssertionKind::EndLine | ast::AssertionKind::EndText => Err(unsupported(
                format!("`{text}` is only allowed at the end of the pattern"),
                span,
            )),
            _ => Err(unsupported(format!("word boundary `{text}`"), span)),
        }
    }

    fn bracketed(&self, class: &ast::ClassBracketed) -> Result<ClassUnicode, PatternError> {
        let mut set = self.class_set(&class.kind)?;
        if class.negated {
            set.negate();
        }
        Ok(set)
    }

    fn class_set(&self, set: &ast::ClassSet) -> Result<ClassUnicode, PatternError> {
        match set {
            ast::ClassSet::Item(item) => self.class_item(item),
            ast::ClassSet::BinaryOp(op) => match op.kind {
                ast::ClassSetBinaryOpKind::Intersection => {
                    let mut lhs = self.class_set(&op.lhs)?;
                    lhs.intersect(&self.class_set(&op.rhs)?);
                    Ok(lhs)
                }
                ast::ClassSetBinaryOpKind::Difference
                | ast::ClassSetBinaryOpKind::SymmetricDifference => Err(unsupported(
                    "class set operation `--` or `~~` (Java reads these characters literally; escape them)",
                    range_of(&op.span),
                )),
            },
        }
    }

    fn class_item(&self, item: &ast::ClassSetItem) -> Result<ClassUnicode, PatternError> {
        match item {
            ast::ClassSetItem::Empty(_) => Ok(ClassUnicode::empty()),
            ast::ClassSetItem::Literal(lit) => Ok(self.literal(lit)),
            ast::ClassSetItem::Range(range) => {
                if is_vertical_tab_escape(&range.start) || is_vertical_tab_escape(&range.end) {
                    return Err(unsupported(
                        "`\\v` as a range endpoint (Java reads `\\v` as a class); write `\\x0B`",
                        range_of(&range.span),
                    ));
                }
                Ok(class_of(&[(range.start.c, range.end.c)]))
            }
            ast::ClassSetItem::Ascii(c) => Err(unsupported(
                format!(
                    "POSIX class `{}` (Java reads it as a plain set of characters)",
                    self.text(&c.span)
                ),
                range_of(&c.span),
            )),
            ast::ClassSetItem::Unicode(c) => Err(unsupported(
                format!("Unicode class `{}`", self.text(&c.span)),
                range_of(&c.span),
            )),
            ast::ClassSetItem::Perl(c) => Ok(perl_class(&c.kind, c.negated)),
            ast::ClassSetItem::Bracketed(c) => self.bracketed(c),
            ast::ClassSetItem::Union(union) => {
                let mut set = ClassUnicode::empty();
                for item in &union.items {
                    set.union(&self.class_item(item)?);
                }
                Ok(set)
            }
        }
    }
}

/// Flatten nested concatenations/alternations and drop constructs that match only "".
fn simplify(node: Node) -> Node {
    match node {
        Node::Concat(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match simplify(item) {
                    Node::Empty => {}
                    Node::Concat(inner) => out.extend(inner),
                    other => out.push(other),
                }
            }
            match out.len() {
                0 => Node::Empty,
                1 => out.pop().unwrap_or(Node::Empty),
                _ => Node::Concat(out),
            }
        }
        Node::Alt(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match simplify(item) {
                    Node::Alt(inner) => out.extend(inner),
                    other => out.push(other),
                }
            }
            if out.iter().all(|n| matches!(n, Node::Empty)) {
                Node::Empty
            } else {
                Node::Alt(out)
            }
        }
        Node::Repeat {
            sub,
            min,
            max,
            span,
        } => {
            let sub = simplify(*sub);
            if matches!(sub, Node::Empty) || max == Some(0) {
                Node::Empty
            } else if min == 1 && max == Some(1) {
                sub
            } else {
                Node::Repeat {
                    sub: Box::new(sub),
                    min,
                    max,
                    span,
                }
            }
        }
        other => other,
    }
}

// ---------------------------------------------------------------------------
// Checks

/// The quantifier as printed; counted forms (`{..}`) are the ones RE2 limits.
fn quantifier(min: u32, max: Option<u32>) -> String {
    match (min, max) {
        (0, None) => "*".to_string(),
        (1, None) => "+".to_string(),
        (0, Some(1)) => "?".to_string(),
        (n, None) => format!("{{{n},}}"),
        (n, Some(m)) if n == m => format!("{{{n}}}"),
        (n, Some(m)) => format!("{{{n},{m}}}"),
    }
}

/// Rejects an unbounded repeat inside another one, and counts RE2 refuses
/// (any count above 1000, or nested counts whose product exceeds 1000, as Go's
/// `repeatIsValid` computes it).
fn check_repetition(
    node: &Node,
    unbounded_outer: Option<&Range<usize>>,
    budget: u32,
) -> Result<(), PatternError> {
    match node {
        Node::Empty | Node::Class { .. } => Ok(()),
        Node::Concat(items) | Node::Alt(items) => items
            .iter()
            .try_for_each(|n| check_repetition(n, unbounded_outer, budget)),
        Node::Repeat {
            sub,
            min,
            max,
            span,
        } => {
            if *min > RE2_MAX_REPEAT || max.is_some_and(|m| m > RE2_MAX_REPEAT) {
                return Err(unsupported(
                    "repetition count above 1000 (the limit of Go's RE2)",
                    span.clone(),
                ));
            }
            if max.is_none() {
                if let Some(outer) = unbounded_outer {
                    return Err(error(NESTED_MESSAGE, Some(outer.clone())));
                }
            }
            let mut budget = budget;
            if quantifier(*min, *max).starts_with('{') {
                let count = max.unwrap_or(*min);
                if count > budget {
                    return Err(unsupported(
                        "nested counted repetitions multiply to more than 1000 (the limit of Go's RE2)",
                        span.clone(),
                    ));
                }
                budget = budget.checked_div(count).unwrap_or(budget);
            }
            let outer = if max.is_none() {
                Some(span)
            } else {
                unbounded_outer
            };
            check_repetition(sub, outer, budget)
        }
    }
}

/// Rejects patterns whose position (Glushkov) automaton has an infinite degree
/// of ambiguity: the number of ways to read a prefix of the input grows without
/// bound with its length. A backtracking engine (Python `re`, JavaScript
/// `RegExp`) given a near miss (a long run the pattern accepts, then a char that
/// makes the whole match fail) tries every one of those ways before giving up,
/// so its time is the sum over the prefixes of their number of readings.
///
/// 1. Exponential ([`check_exponential`]): an unbounded repeat whose body can
///    split one string in two ways, like `(a|aa)+` or `([a-z]{1,3})+`.
/// 2. Polynomial ([`check_polynomial`]): two unbounded repeats that can read
///    the same run and are joined by a path that reads it too, like `\w+\w+`,
///    `\w*x?\w*`, `[a-z]+[a-z0-9]+` or `((\w+){2}){3}` (degree 6); time
///    `n^(d+1)` for `d` such repeats in a row.
///
/// Both tests are exact on the automaton, so everything accepted has a bounded
/// number of readings per prefix and runs in linear time: `[a-z]+[0-9]+`,
/// `\w+-\w+`, `a*[ab]b*` (two readings at most) are kept.
///
/// Bounded repeats `x{m,n}` are expanded into `n` copies of `x` (the way a
/// backtracking engine counts), so they never form a cycle and never cause
/// polynomial blow-up by themselves: `\w{0,64}\w{0,64}` is finitely ambiguous
/// (at most 65 readings of a prefix, and no match is longer than 128 chars).
/// They only matter between two unbounded repeats (`\w+x{0,3}\w+` is refused),
/// or when they copy one (`(\w+){2}` is `\w+\w+`, refused).
///
/// 3. Finite but large ([`check_readings`]): a finitely ambiguous pattern can
///    still give one prefix exponentially many readings in the pattern's size,
///    `(\S|\S){16}` (65,536 for 16 chars) or `a?a?a?a?...`. Any prefix may have
///    at most [`MAX_READINGS`] readings, so a near miss of `n` chars costs at
///    most `256 n` steps.
fn check_ambiguity(node: &Node, pattern: &str) -> Result<(), PatternError> {
    check_exponential(node)?;
    check_polynomial(node, pattern)?;
    check_readings(node, pattern)
}

/// Rejects unbounded repeats whose body can split one string in two ways, like
/// `(a|aa)+` or `([a-z]{1,3})+`: exponential time in backtracking engines.
///
/// Runs after [`check_repetition`], so a repeated body has no unbounded repeat
/// itself and every cycle of the position automaton lies inside one repeat.
/// The position (Glushkov) automaton of `body+` has exponential degree of
/// ambiguity iff some strongly connected component of its self-product holds
/// a diagonal pair `(p, p)` and a pair `(q, r)` with `q != r`, or an edge
/// that the body can take in two ways: `(b?a?)*` or `(x(a?|)y)+`, where an
/// empty match makes two parses of one path (see [`Frag`]).
fn check_exponential(node: &Node) -> Result<(), PatternError> {
    match node {
        Node::Empty | Node::Class { .. } => Ok(()),
        Node::Concat(items) | Node::Alt(items) => items.iter().try_for_each(check_exponential),
        Node::Repeat { sub, max, span, .. } => {
            if max.is_none() {
                let mut g = Glushkov::with_limit(MAX_POSITIONS);
                let frag = g.build(sub).map_err(|()| too_complex(span))?;
                for &p in &frag.last {
                    g.follow[p].extend_from_slice(&frag.first);
                }
                if g.exponentially_ambiguous()
                    .map_err(|()| too_complex(span))?
                {
                    return Err(error(NESTED_MESSAGE, Some(span.clone())));
                }
                Ok(())
            } else {
                check_exponential(sub)
            }
        }
    }
}

/// How many unbounded repeats the position automaton of `node` holds (bounded
/// repeats copy their body `max` times).
fn loop_count(node: &Node) -> u64 {
    match node {
        Node::Empty | Node::Class { .. } => 0,
        Node::Concat(items) | Node::Alt(items) => items
            .iter()
            .fold(0u64, |n, item| n.saturating_add(loop_count(item))),
        Node::Repeat { max: None, .. } => 1,
        Node::Repeat {
            sub,
            max: Some(max),
            ..
        } => loop_count(sub).saturating_mul(u64::from(*max)),
    }
}

/// Rejects polynomially ambiguous patterns such as `\w+\w+`: quadratic (or
/// worse) time in backtracking engines on a near miss.
///
/// Runs after [`check_exponential`], on the position automaton of the whole
/// pattern. Every cycle of it lies inside one unbounded repeat, whose positions
/// form one strongly connected component (a "loop"); all positions are
/// reachable from the start and reach the end. By Weber and Seidl, an automaton
/// without exponential ambiguity has infinite degree of ambiguity iff there are
/// positions `p != q` and a word `v` with paths `p -v-> p`, `p -v-> q` and
/// `q -v-> q`; then `p` and `q` lie in two different loops, and the first and
/// last paths stay inside them. That is a path from `(p, p, q)` to `(p, q, q)`
/// in the three-fold product automaton, searched for each such pair.
///
/// Near-miss strings fail only at their end, so what counts is every reading
/// of every prefix; as every position reaches the end, the test is the same
/// whether or not it asks for readings that can still be completed.
fn check_polynomial(node: &Node, pattern: &str) -> Result<(), PatternError> {
    if loop_count(node) < 2 {
        return Ok(());
    }
    let whole = 0..pattern.len();
    let mut g = Glushkov::with_limit(MAX_POSITIONS);
    g.build(node).map_err(|()| too_complex_pattern(&whole))?;
    let Some((i, j)) = g
        .polynomially_ambiguous()
        .map_err(|()| too_complex_pattern(&whole))?
    else {
        return Ok(());
    };
    let text = |r: &Range<usize>| pattern.get(r.clone()).unwrap_or("");
    let (a, b) = (&g.loops[i], &g.loops[j]);
    const ADVICE: &str = "can split one run of characters in many ways (polynomial backtracking in Python and JavaScript); \
         keep one unbounded repeat and bound the other (`\\w+\\w+` is `\\w{2,}`, `[a-z]+[0-9a-z]+` is `[a-z][0-9a-z]+`) \
         or put a character between them that neither matches";
    if a.span != b.span {
        let span = a.span.start.min(b.span.start)..a.span.end.max(b.span.end);
        return Err(error(
            format!(
                "{POLYNOMIAL_MESSAGE}: `{}` and `{}` {ADVICE}",
                text(&a.span),
                text(&b.span)
            ),
            Some(span),
        ));
    }
    // Two copies of one repeat made by a bounded repeat around it, as in
    // `(\w+){2}`: point at the outermost bounded repeat that separates them.
    let copier = a
        .copies
        .iter()
        .zip(&b.copies)
        .find(|(x, y)| x.1 != y.1)
        .map_or_else(|| a.span.clone(), |(x, _)| x.0.clone());
    Err(error(
        format!(
            "{POLYNOMIAL_MESSAGE}: `{}` repeats `{}`, whose copies {ADVICE}",
            text(&copier),
            text(&a.span)
        ),
        Some(copier),
    ))
}

fn too_complex_pattern(span: &Range<usize>) -> PatternError {
    unsupported(
        "pattern too large to check for polynomial backtracking",
        span.clone(),
    )
}

/// Rejects patterns where some prefix of the input has more than
/// [`MAX_READINGS`] readings: paths of the whole-pattern position automaton,
/// counted with the multiplicities of [`Frag`] (the ways a backtracking engine
/// can reach a position). On a near miss the engine tries every reading of
/// every prefix, so this bounds its work per input char.
///
/// Runs after [`check_exponential`] and [`check_polynomial`], so the number of
/// readings of a prefix is bounded and the search below ends; it explores the
/// vectors "readings per position" reachable by some input (one char per class
/// of chars the pattern cannot tell apart), shortest inputs first, and reports
/// the first input whose readings exceed the bound, as an example. Patterns
/// whose inputs make too many different vectors, like
/// `[a-z]{0,255}[a-f0-9]{0,255}` (one per pair of split points), are refused
/// as too large to check.
fn check_readings(node: &Node, pattern: &str) -> Result<(), PatternError> {
    let whole = 0..pattern.len();
    let too_large = || {
        unsupported(
            "pattern too large to check for backtracking (lower the repetition counts)",
            whole.clone(),
        )
    };
    let mut g = Glushkov::with_limit(MAX_COUNTED_POSITIONS);
    let frag = g.build(node).map_err(|()| too_large())?;
    let Some(input) = g.too_many_readings(&frag.first).map_err(|()| too_large())? else {
        return Ok(());
    };
    let chars = input.chars().count();
    let mut shown: String = input
        .chars()
        .take(24)
        .flat_map(char::escape_debug)
        .collect();
    if chars > 24 {
        shown.push_str(&format!("…` ({chars} chars)"));
    } else {
        shown.push('`');
    }
    Err(error(
        format!(
            "pattern is too ambiguous: the input `{shown} can be read in more than {MAX_READINGS} ways \
             (backtracking in Python and JavaScript tries each one on a near miss); \
             make alternatives and neighbouring repeats exclusive (`(\\S|\\S)` is `\\S`, \
             `a?a?a?` is `a{{0,3}}`) or lower the counts"
        ),
        Some(whole),
    ))
}

fn too_complex(span: &Range<usize>) -> PatternError {
    unsupported(
        "repeated group too large to check for catastrophic backtracking",
        span.clone(),
    )
}

/// A fragment of the position automaton, counted with multiplicity: a position
/// listed twice in `first` (or `last`) can start (or end) the fragment's match
/// in two ways, as a backtracking engine tries them. `x(a?|)y` reaches `y` from
/// `x` in two ways (empty `a?`, empty branch), so `follow[x]` lists `y` twice;
/// inside a loop that doubles the work at every iteration, like `(b?a?)*`
/// (`ba` is one iteration or two).
struct Frag {
    first: Vec<usize>,
    last: Vec<usize>,
    /// Number of ways to match the empty string, capped at 2.
    nullable: u8,
}

impl Frag {
    fn empty() -> Frag {
        Frag {
            first: Vec::new(),
            last: Vec::new(),
            nullable: 1,
        }
    }
}

/// `list` followed by `times` copies of `more`, keeping at most two copies of
/// any position (two are enough to tell ambiguity, and bound the lists).
fn with_copies(mut list: Vec<usize>, more: &[usize], times: u8) -> Vec<usize> {
    for _ in 0..times {
        list.extend_from_slice(more);
    }
    if times > 0 {
        list.sort_unstable();
        let mut kept = 0;
        for i in 0..list.len() {
            if kept < 2 || list[kept - 2] != list[i] {
                list[kept] = list[i];
                kept += 1;
            }
        }
        list.truncate(kept);
    }
    list
}

/// Readings per position (position, count), sorted, without zeros.
type Readings = Vec<(u32, u32)>;

#[derive(Default)]
struct Glushkov<'a> {
    /// Distinct classes (copies of one IR class share an entry).
    classes: Vec<&'a ClassUnicode>,
    class_ids: HashMap<*const ClassUnicode, usize>,
    /// Class id of each position.
    class_of: Vec<usize>,
    /// Positions that may follow each position.
    follow: Vec<Vec<usize>>,
    /// Memo of class overlaps: 0 unknown, 1 disjoint, 2 overlapping.
    overlap: Vec<u8>,
    /// The unbounded repeat (index into `loops`) each position belongs to.
    loop_of: Vec<Option<usize>>,
    /// Every copy of an unbounded repeat in the automaton.
    loops: Vec<Loop>,
    /// The loop being built, if any.
    current_loop: Option<usize>,
    /// The bounded repeats around the node being built: span and copy number.
    copies: Vec<(Range<usize>, u32)>,
    /// Most positions to build.
    limit: usize,
    /// Edges added so far (with multiplicity).
    edges: usize,
}

/// One copy of an unbounded repeat in the position automaton.
struct Loop {
    /// Span of the repeat in the pattern.
    span: Range<usize>,
    /// The bounded repeats around this copy (outermost first): span and copy number.
    copies: Vec<(Range<usize>, u32)>,
}

impl<'a> Glushkov<'a> {
    /// An empty automaton that refuses to grow past `limit` positions.
    fn with_limit(limit: usize) -> Self {
        Glushkov {
            limit,
            ..Glushkov::default()
        }
    }

    fn build(&mut self, node: &'a Node) -> Result<Frag, ()> {
        match node {
            Node::Empty => Ok(Frag::empty()),
            Node::Class { set, .. } => {
                if self.follow.len() >= self.limit {
                    return Err(());
                }
                let next = self.classes.len();
                let id = *self.class_ids.entry(set as *const _).or_insert(next);
                if id == next {
                    self.classes.push(set);
                }
                let p = self.follow.len();
                self.follow.push(Vec::new());
                self.class_of.push(id);
                self.loop_of.push(self.current_loop);
                Ok(Frag {
                    first: vec![p],
                    last: vec![p],
                    nullable: 0,
                })
            }
            Node::Concat(items) => {
                let mut acc = Frag::empty();
                for item in items {
                    let f = self.build(item)?;
                    acc = self.concat(acc, f)?;
                }
                Ok(acc)
            }
            Node::Alt(items) => {
                let mut acc = Frag {
                    first: Vec::new(),
                    last: Vec::new(),
                    nullable: 0,
                };
                for item in items {
                    let f = self.build(item)?;
                    acc.first = with_copies(acc.first, &f.first, 1);
                    acc.last = with_copies(acc.last, &f.last, 1);
                    acc.nullable = (acc.nullable + f.nullable).min(2);
                }
                Ok(acc)
            }
            Node::Repeat {
                sub,
                min,
                max,
                span,
            } => {
                let mut acc = Frag::empty();
                for copy in 0..*min {
                    let f = self.build_copy(sub, span, copy)?;
                    acc = self.concat(acc, f)?;
                }
                let tail = match max {
                    // x{n,m}: the optional part as nested groups (x(x(x)?)?)?, the
                    // way a backtracking engine counts (so an `x` that can match
                    // empty gives each optional copy two empty matches, as in
                    // Python's `re`).
                    Some(max) => {
                        let mut tail = Frag::empty();
                        for copy in (*min..*max).rev() {
                            let f = self.build_copy(sub, span, copy)?;
                            tail = self.concat(f, tail)?;
                            tail.nullable = (tail.nullable + 1).min(2);
                        }
                        tail
                    }
                    None => {
                        let outer = self.current_loop.replace(self.loops.len());
                        self.loops.push(Loop {
                            span: span.clone(),
                            copies: self.copies.clone(),
                        });
                        let f = self.build(sub);
                        self.current_loop = outer;
                        let mut f = f?;
                        self.link(&f.last, &f.first)?;
                        // Zero iterations; engines stop an iteration that matches
                        // empty, so the body's empty matches add no other way.
                        f.nullable = 1;
                        f
                    }
                };
                self.concat(acc, tail)
            }
        }
    }

    /// Builds copy number `copy` of the body of the bounded repeat at `span`.
    fn build_copy(&mut self, sub: &'a Node, span: &Range<usize>, copy: u32) -> Result<Frag, ()> {
        self.copies.push((span.clone(), copy));
        let f = self.build(sub);
        self.copies.pop();
        f
    }

    fn concat(&mut self, a: Frag, b: Frag) -> Result<Frag, ()> {
        self.link(&a.last, &b.first)?;
        Ok(Frag {
            first: with_copies(a.first, &b.first, a.nullable),
            last: with_copies(b.last, &a.last, b.nullable),
            nullable: (a.nullable * b.nullable).min(2),
        })
    }

    /// Adds the edges `from × to`, within the edge budget ([`MAX_PAIRS`]).
    fn link(&mut self, from: &[usize], to: &[usize]) -> Result<(), ()> {
        self.edges = self
            .edges
            .saturating_add(from.len().saturating_mul(to.len()));
        if self.edges > MAX_PAIRS {
            return Err(());
        }
        for &p in from {
            self.follow[p].extend_from_slice(to);
        }
        Ok(())
    }

    /// Whether positions `p` and `q` can read a common char (memoized per class pair).
    fn overlaps(&mut self, p: usize, q: usize) -> bool {
        let (a, b) = (self.class_of[p], self.class_of[q]);
        if a == b {
            return true;
        }
        let d = self.classes.len();
        let key = a.min(b) * d + a.max(b);
        match self.overlap[key] {
            1 => false,
            2 => true,
            _ => {
                let mut set = self.classes[a].clone();
                set.intersect(self.classes[b]);
                let v = !set.ranges().is_empty();
                self.overlap[key] = if v { 2 } else { 1 };
                v
            }
        }
    }

    /// Whether the position automaton of `body+` (the loop edges already added)
    /// has exponential degree of ambiguity.
    ///
    /// Works on unordered pairs of positions `{p, q}` that can read one char, with
    /// an edge `{p, q} -> {p', q'}` when `p' ∈ follow(p)`, `q' ∈ follow(q)`. The
    /// automaton of `body+` is strongly connected (every position lies on some
    /// match of the body), so all diagonal pairs `{p, p}` lie in one strongly
    /// connected component, and the automaton is exponentially ambiguous iff some
    /// edge has multiplicity two or some pair `{q, r}`, `q != r`, is reachable
    /// from the diagonal and reaches it back.
    fn exponentially_ambiguous(&mut self) -> Result<bool, ()> {
        let n = self.follow.len();
        let mut pred: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (p, follow) in self.follow.iter_mut().enumerate() {
            follow.sort_unstable();
            // One edge in two ways (see [`Frag`]): two cycles read the same word.
            if follow.windows(2).any(|w| w[0] == w[1]) {
                return Ok(true);
            }
            follow.dedup();
            for &q in follow.iter() {
                pred[q].push(p);
            }
        }
        let d = self.classes.len();
        self.overlap = vec![0; d * d];
        let index = |a: usize, b: usize| a.min(b) * n + a.max(b);

        // Forward from the diagonal.
        let mut forward = vec![0u64; (n * n).div_ceil(64)];
        let mut queue: Vec<(usize, usize)> = (0..n).map(|p| (p, p)).collect();
        for p in 0..n {
            let i = index(p, p);
            forward[i / 64] |= 1 << (i % 64);
        }
        let mut visited = n;
        while let Some((p, q)) = queue.pop() {
            for j in 0..self.follow[p].len() {
                for k in 0..self.follow[q].len() {
                    let (p2, q2) = (self.follow[p][j], self.follow[q][k]);
                    let i = index(p2, q2);
                    if forward[i / 64] & (1 << (i % 64)) == 0 && self.overlaps(p2, q2) {
                        forward[i / 64] |= 1 << (i % 64);
                        visited += 1;
                        if visited > MAX_PAIRS {
                            return Err(());
                        }
                        queue.push((p2, q2));
                    }
                }
            }
        }

        // Backward from the diagonal, inside the forward set.
        let mut backward = vec![0u64; forward.len()];
        let mut queue: Vec<(usize, usize)> = (0..n).map(|p| (p, p)).collect();
        for p in 0..n {
            let i = index(p, p);
            backward[i / 64] |= 1 << (i % 64);
        }
        while let Some((p, q)) = queue.pop() {
            for &p0 in &pred[p] {
                for &q0 in &pred[q] {
                    let i = index(p0, q0);
                    if forward[i / 64] & (1 << (i % 64)) != 0
                        && backward[i / 64] & (1 << (i % 64)) == 0
                    {
                        if p0 != q0 {
                            return Ok(true);
                        }
                        backward[i / 64] |= 1 << (i % 64);
                        queue.push((p0, q0));
                    }
                }
            }
        }
        Ok(false)
    }

    /// Whether three positions can read one common char (memoized per class triple).
    fn overlaps3(
        &mut self,
        memo: &mut HashMap<[usize; 3], bool>,
        p: usize,
        q: usize,
        r: usize,
    ) -> bool {
        let mut key = [self.class_of[p], self.class_of[q], self.class_of[r]];
        key.sort_unstable();
        if key[0] == key[2] {
            return true;
        }
        if let Some(&v) = memo.get(&key) {
            return v;
        }
        let mut set = self.classes[key[0]].clone();
        set.intersect(self.classes[key[1]]);
        set.intersect(self.classes[key[2]]);
        let v = !set.ranges().is_empty();
        memo.insert(key, v);
        v
    }

    /// For the automaton of a whole pattern (without exponential ambiguity),
    /// a pair of loops `(i, j)` such that some positions `p` of loop `i` and
    /// `q` of loop `j` and a word `v` have paths `p -v-> p`, `p -v-> q`,
    /// `q -v-> q` (so `v^k` has `k + 1` readings from `p` to `q`).
    ///
    /// Searches the three-fold product from `(p, p, q)` for `(p, q, q)`, with
    /// the first component kept inside loop `i` and the third inside loop `j`
    /// (a cycle through a position never leaves its loop), and the second
    /// restricted to positions that can still reach loop `j`.
    fn polynomially_ambiguous(&mut self) -> Result<Option<(usize, usize)>, ()> {
        let n = self.follow.len();
        let mut pred: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (p, follow) in self.follow.iter_mut().enumerate() {
            follow.sort_unstable();
            follow.dedup();
            for &q in follow.iter() {
                pred[q].push(p);
            }
        }
        let d = self.classes.len();
        self.overlap = vec![0; d * d];
        let mut memo = HashMap::new();
        let loops = self.loops.len();
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); loops];
        for (p, l) in self.loop_of.iter().enumerate() {
            if let Some(l) = *l {
                members[l].push(p);
            }
        }

        // Positions reachable from `start` along `edges` (plain graph search).
        let search = |start: &[usize], edges: &[Vec<usize>]| -> Vec<bool> {
            let mut seen = vec![false; n];
            let mut stack = start.to_vec();
            for &p in start {
                seen[p] = true;
            }
            while let Some(p) = stack.pop() {
                for &q in &edges[p] {
                    if !seen[q] {
                        seen[q] = true;
                        stack.push(q);
                    }
                }
            }
            seen
        };

        let mut visited_total = 0usize;
        for j in 0..loops {
            // Positions from which loop j can be reached.
            let to_j = search(&members[j], &pred);
            for i in 0..loops {
                if i == j || members[i].iter().all(|&p| !to_j[p]) {
                    continue;
                }
                for pi in 0..members[i].len() {
                    for qi in 0..members[j].len() {
                        let (p, q) = (members[i][pi], members[j][qi]);
                        // The last char of `v` is read by `p` and by `q`.
                        if !self.overlaps(p, q) {
                            continue;
                        }
                        let mut seen = std::collections::HashSet::new();
                        let mut stack = vec![(p, p, q)];
                        seen.insert((p, p, q));
                        while let Some((a, b, c)) = stack.pop() {
                            for ai in 0..self.follow[a].len() {
                                let a2 = self.follow[a][ai];
                                if self.loop_of[a2] != Some(i) {
                                    continue;
                                }
                                for bi in 0..self.follow[b].len() {
                                    let b2 = self.follow[b][bi];
                                    if !to_j[b2] {
                                        continue;
                                    }
                                    for ci in 0..self.follow[c].len() {
                                        let c2 = self.follow[c][ci];
                                        if self.loop_of[c2] != Some(j)
                                            || !self.overlaps3(&mut memo, a2, b2, c2)
                                        {
                                            continue;
                                        }
                                        if (a2, b2, c2) == (p, q, q) {
                                            return Ok(Some((i, j)));
                                        }
                                        if seen.insert((a2, b2, c2)) {
                                            visited_total += 1;
                                            if visited_total > MAX_PAIRS {
                                                return Err(());
                                            }
                                            stack.push((a2, b2, c2));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        Ok(None)
    }

    /// For the automaton of a whole pattern (its start reaches `first`), an
    /// input with a prefix of more than [`MAX_READINGS`] readings, if any; one
    /// char per atom (a set of chars every class holds whole or not at all).
    fn too_many_readings(&self, first: &[usize]) -> Result<Option<String>, ()> {
        // Atoms: cut the code points wherever some class starts or ends.
        let mut cuts: Vec<u32> = vec![0, 0x11_0000];
        for class in &self.classes {
            for r in class.ranges() {
                cuts.push(u32::from(r.start()));
                cuts.push(u32::from(r.end()) + 1);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut atoms: Vec<(Vec<bool>, char)> = Vec::new();
        let mut atom_of: HashMap<Vec<bool>, usize> = HashMap::new();
        for w in cuts.windows(2) {
            let (lo, hi) = (w[0], w[1]);
            // Prefer a printable ASCII char as the example.
            let printable = (lo..hi.min(0x7F))
                .filter_map(char::from_u32)
                .find(char::is_ascii_alphanumeric)
                .or_else(|| {
                    (lo..hi.min(0x7F))
                        .filter_map(char::from_u32)
                        .find(char::is_ascii_graphic)
                });
            let Some(rep) = printable.or_else(|| (lo..hi).find_map(char::from_u32)) else {
                continue; // surrogates
            };
            let holds: Vec<bool> = self
                .classes
                .iter()
                .map(|c| {
                    let ranges = c.ranges();
                    let i = ranges.partition_point(|r| r.end() < rep);
                    ranges.get(i).is_some_and(|r| r.start() <= rep)
                })
                .collect();
            if !holds.contains(&true) {
                continue;
            }
            match atom_of.get(&holds) {
                Some(&a) => {
                    if !atoms[a].1.is_ascii_alphanumeric() && rep.is_ascii_alphanumeric() {
                        atoms[a].1 = rep;
                    }
                }
                None => {
                    atom_of.insert(holds.clone(), atoms.len());
                    atoms.push((holds, rep));
                }
            }
        }

        // Breadth-first over the vectors "readings per position" (sorted,
        // without zeros); position `n` is the start.
        let n = self.follow.len();
        let cap = MAX_READINGS + 1;
        let mut seen: HashSet<Readings> = HashSet::new();
        // Each state, with the state it was reached from and the char read.
        let mut states: Vec<(Readings, usize, char)> = vec![(vec![(n as u32, 1)], 0, '\0')];
        let mut entries = 0usize;
        let mut counts = vec![0u32; n];
        let mut touched: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < states.len() {
            for (holds, rep) in &atoms {
                for &(p, c) in &states[i].0 {
                    let follow = if p as usize == n {
                        first
                    } else {
                        &self.follow[p as usize]
                    };
                    for &q in follow {
                        if holds[self.class_of[q]] {
                            if counts[q] == 0 {
                                touched.push(q);
                            }
                            counts[q] = counts[q].saturating_add(c).min(cap);
                        }
                    }
                }
                if touched.is_empty() {
                    continue;
                }
                touched.sort_unstable();
                let next: Readings = touched.iter().map(|&q| (q as u32, counts[q])).collect();
                for &q in &touched {
                    counts[q] = 0;
                }
                touched.clear();
                let total = next.iter().fold(0u32, |t, &(_, c)| t.saturating_add(c));
                if total > MAX_READINGS {
                    let mut input = vec![*rep];
                    let mut s = i;
                    while s != 0 {
                        input.push(states[s].2);
                        s = states[s].1;
                    }
                    return Ok(Some(input.into_iter().rev().collect()));
                }
                if !seen.contains(&next) {
                    entries = entries.saturating_add(next.len());
                    if entries > MAX_READING_ENTRIES {
                        return Err(());
                    }
                    seen.insert(next.clone());
                    states.push((next, i, *rep));
                }
            }
            i += 1;
        }
        Ok(None)
    }
}

/// Whether some accepted value can end with `\n`; returns the span of a class responsible.
fn newline_at_end(node: &Node) -> Option<Range<usize>> {
    match node {
        Node::Empty => None,
        Node::Class { set, span } => {
            let contains = set
                .ranges()
                .iter()
                .any(|r| r.start() <= '\n' && '\n' <= r.end());
            contains.then(|| span.clone())
        }
        Node::Concat(items) => {
            for item in items.iter().rev() {
                if let Some(span) = newline_at_end(item) {
                    return Some(span);
                }
                if !nullable(item) {
                    break;
                }
            }
            None
        }
        Node::Alt(items) => items.iter().find_map(newline_at_end),
        Node::Repeat { sub, .. } => newline_at_end(sub),
    }
}

fn nullable(node: &Node) -> bool {
    match node {
        Node::Empty => true,
        Node::Class { .. } => false,
        Node::Concat(items) => items.iter().all(nullable),
        Node::Alt(items) => items.iter().any(nullable),
        Node::Repeat { sub, min, .. } => *min == 0 || nullable(sub),
    }
}

/// Whether `w` accepted implies `w + "\n"` accepted: the pattern ends with an
/// unbounded repeat of a class that contains `\n`.
fn closed_under_newline(node: &Node) -> bool {
    match node {
        Node::Repeat { sub, max: None, .. } => match &**sub {
            Node::Class { .. } => newline_at_end(sub).is_some(),
            _ => false,
        },
        Node::Concat(items) => items.last().is_some_and(closed_under_newline),
        Node::Alt(items) => items.iter().all(closed_under_newline),
        _ => false,
    }
}

fn trailing_newline_guard(node: &Node) -> Result<bool, PatternError> {
    match newline_at_end(node) {
        None => Ok(true),
        Some(_) if closed_under_newline(node) => Ok(false),
        Some(span) => Err(unsupported(
            "a match can end with `\\n` here, which Python's `$` cannot check exactly (allow `\\n` only in a final unbounded class like `[...]+`)",
            span,
        )),
    }
}

// ---------------------------------------------------------------------------
// Printing

fn char_ranges(set: &ClassUnicode) -> Vec<(char, char)> {
    // regex-syntax already merges ranges that touch across the surrogate gap
    // (U+D7FF, U+E000); merge again anyway so the output never depends on it.
    let mut out: Vec<(char, char)> = Vec::with_capacity(set.ranges().len());
    for r in set.ranges() {
        match out.last_mut() {
            Some(last) if last.1 == '\u{D7FF}' && r.start() == '\u{E000}' => last.1 = r.end(),
            _ => out.push((r.start(), r.end())),
        }
    }
    out
}

fn push_char(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || u32::from(c) > 0xFF {
        out.push(c);
    } else {
        out.push_str(&format!("\\x{:02X}", u32::from(c)));
    }
}

fn print_class(set: &ClassUnicode, out: &mut String) {
    let ranges = char_ranges(set);
    if let [(lo, hi)] = ranges[..] {
        if lo == hi {
            push_char(out, lo);
            return;
        }
    }
    out.push('[');
    for (lo, hi) in ranges {
        push_char(out, lo);
        if hi != lo {
            if u32::from(hi) != u32::from(lo) + 1 {
                out.push('-');
            }
            push_char(out, hi);
        }
    }
    out.push(']');
}

fn print_node(node: &Node, out: &mut String) {
    match node {
        Node::Empty => {}
        Node::Class { set, .. } => print_class(set, out),
        Node::Concat(items) => {
            for item in items {
                if matches!(item, Node::Alt(_)) {
                    out.push_str("(?:");
                    print_node(item, out);
                    out.push(')');
                } else {
                    print_node(item, out);
                }
            }
        }
        Node::Alt(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                print_node(item, out);
            }
        }
        Node::Repeat { sub, min, max, .. } => {
            if let Node::Class { set, .. } = &**sub {
                print_class(set, out);
            } else {
                out.push_str("(?:");
                print_node(sub, out);
                out.push(')');
            }
            out.push_str(&quantifier(*min, *max));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(p: &str) -> Translated {
        translate(p).unwrap_or_else(|e| panic!("{p:?} rejected: {} {:?}", e.message, e.span))
    }

    fn err(p: &str) -> PatternError {
        match translate(p) {
            Ok(t) => panic!("{p:?} accepted as {:?}", t.portable),
            Err(e) => e,
        }
    }

    /// Full-match verdict of the portable pattern in Rust's `regex` (its `$` is end of text).
    fn rust_verdict(t: &Translated, s: &str) -> bool {
        let re = regex::Regex::new(&t.portable).unwrap();
        re.is_match(s)
    }

    /// Rust `regex` and the class-repeat reference matcher must agree.
    fn verdict(t: &Translated, s: &str) -> bool {
        let v = rust_verdict(t, s);
        if let Some(cr) = &t.class_repeat {
            assert_eq!(
                cr.is_match(s),
                v,
                "class_repeat disagrees on {s:?} for {t:?}"
            );
        }
        v
    }

    const WORD: &str = "^[0-9A-Z\\x5Fa-z]+$";

    #[test]
    fn aws_word() {
        let t = ok(r"[\w]+");
        assert_eq!(t.portable, WORD);
        assert!(t.forbid_trailing_newline);
        let cr = t.class_repeat.clone().unwrap();
        assert_eq!(
            cr.ranges,
            vec![('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')]
        );
        assert_eq!((cr.min, cr.max), (1, None));
        assert!(cr.ascii_only());
        let bits = cr.ascii_bitmap();
        assert_eq!(bits[0], 0x03FF_0000_0000_0000);
        assert_eq!(bits[1], 0x07FF_FFFE_87FF_FFFE);
        assert!(verdict(&t, "abc_123"));
        for bad in [
            "abc def", "abc\n", "ñ", "٣", "\u{212A}", "", "a-b", "\u{0301}",
        ] {
            assert!(!verdict(&t, bad), "{bad:?}");
        }
        // Same translation with or without the redundant anchors, and for `\w+`.
        assert_eq!(ok(r"^[\w]+$"), t);
        assert_eq!(ok(r"\w+"), t);
        assert_eq!(ok(r"\A\w+\z").portable, WORD);
    }

    #[test]
    fn aws_principal_chars() {
        let t = ok(r"[\w+=,.@-]+");
        assert_eq!(t.portable, "^[\\x2B-\\x2E0-9\\x3D\\x40-Z\\x5Fa-z]+$");
        assert!(t.forbid_trailing_newline);
        let cr = t.class_repeat.clone().unwrap();
        assert_eq!(
            cr.ranges,
            vec![
                ('+', '.'),
                ('0', '9'),
                ('=', '='),
                ('@', 'Z'),
                ('_', '_'),
                ('a', 'z')
            ]
        );
        assert!(verdict(&t, "user+name=x,y.z@example-1"));
        for bad in ["a b", "a/b", "a\n", "ñ", "", "a&b"] {
            assert!(!verdict(&t, bad), "{bad:?}");
        }
    }

    #[test]
    fn aws_latin1() {
        let t = ok(r"[\u0020-\u00FF]+");
        assert_eq!(t.portable, "^[\\x20-\\xFF]+$");
        assert!(t.forbid_trailing_newline);
        let cr = t.class_repeat.clone().unwrap();
        assert_eq!(cr.ranges, vec![(' ', '\u{FF}')]);
        assert!(!cr.ascii_only());
        assert_eq!(cr.ascii_bitmap(), [0xFFFF_FFFF_0000_0000, u64::MAX]);
        assert!(verdict(&t, "ÿ"));
        assert!(verdict(&t, "hello world ~"));
        for bad in ["\u{100}", "\t", "", "a\n", "😀"] {
            assert!(!verdict(&t, bad), "{bad:?}");
        }
    }

    #[test]
    fn aws_policy_document_chars() {
        let t = ok(r"[\u0009\u000A\u000D\u0020-\u00FF]+");
        assert_eq!(t.portable, "^[\\x09\\x0A\\x0D\\x20-\\xFF]+$");
        // "\n" is in the class and the class repeats without bound: w + "\n" is accepted too.
        assert!(!t.forbid_trailing_newline);
        let cr = t.class_repeat.clone().unwrap();
        assert_eq!(cr.ranges, vec![('\t', '\n'), ('\r', '\r'), (' ', '\u{FF}')]);
        assert_eq!((cr.min, cr.max), (1, None));
        for good in ["{\n  \"a\": 1\r\n}\n", "\t", "\n", "ÿ"] {
            assert!(verdict(&t, good), "{good:?}");
        }
        for bad in ["", "\u{B}", "\u{100}", "a\u{2028}"] {
            assert!(!verdict(&t, bad), "{bad:?}");
        }
    }

    #[test]
    fn aws_arn() {
        let t = ok(r"arn:aws:iam::[0-9]{12}:[\w+=,.@/-]+");
        assert_eq!(
            t.portable,
            "^(?:arn\\x3Aaws\\x3Aiam\\x3A\\x3A[0-9]{12}\\x3A[\\x2B-9\\x3D\\x40-Z\\x5Fa-z]+)$"
        );
        assert!(t.forbid_trailing_newline);
        assert_eq!(t.class_repeat, None);
        assert!(verdict(&t, "arn:aws:iam::123456789012:user/Bob"));
        for bad in [
            "arn:aws:iam::12345678901:user/Bob",
            "arn:aws:iam::123456789012:user/Bob\n",
            "arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:user/Bob",
            "xarn:aws:iam::123456789012:user/Bob",
            "arn:aws:iam::123456789012:",
        ] {
            assert!(!verdict(&t, bad), "{bad:?}");
        }
    }

    #[test]
    fn printing() {
        let cases: &[(&str, &str)] = &[
            ("abc", "^(?:abc)$"),
            ("a", "^a$"),
            ("a?", "^a?$"),
            ("a*?", "^a*$"),
            ("a{2}", "^a{2}$"),
            ("a{2,}", "^a{2,}$"),
            ("a{2,5}", "^a{2,5}$"),
            ("a{0,1}", "^a?$"),
            ("a{1}", "^a$"),
            ("a{0}b", "^b$"),
            ("(ab)+", "^(?:ab)+$"),
            ("(ab){2}c", "^(?:(?:ab){2}c)$"),
            ("(a{2}){3}", "^(?:a{2}){3}$"),
            ("a|b", "^(?:a|b)$"),
            ("x(a|b)y", "^(?:x(?:a|b)y)$"),
            ("a|", "^(?:a|)$"),
            ("", "^$"),
            ("^$", "^$"),
            ("()", "^$"),
            (r"\d{3}", "^[0-9]{3}$"),
            (r"\s+", "^[\\x09-\\x0D\\x20]+$"),
            (r"[\d\s]*", "^[\\x09-\\x0D\\x200-9]*$"),
            (r"[^\W\d]", "^[A-Z\\x5Fa-z]$"),
            (r"[\w&&[^_]]", "^[0-9A-Za-z]$"),
            (r"[ab]", "^[ab]$"),
            (r"[ac]", "^[ac]$"),
            (r"[a-c]", "^[a-c]$"),
            (r"[-.]", "^[\\x2D\\x2E]$"),
            (r"\.\*\[\]\{\}\(\)\|\^\$\\/&~-", "^(?:\\x2E\\x2A\\x5B\\x5D\\x7B\\x7D\\x28\\x29\\x7C\\x5E\\x24\\x5C\\x2F\\x26\\x7E\\x2D)$"),
            ("[😀-😂]+", "^[😀-😂]+$"),
            ("é", "^\\xE9$"),
            ("\u{100}", "^\u{100}$"),
            (r"\x{1F600}", "^😀$"),
            (r"[^\x00-\x{D7FF}]", "^[\u{E000}-\u{10FFFF}]$"),
            (r"[\x00-\x{D7FF}\x{E000}-\x{10FFFF}]+", "^[\\x00-\u{10FFFF}]+$"),
            (r"\<a\>", "^(?:\\x3Ca\\x3E)$"),
            (r"\v+", "^[\\x0A-\\x0D\\x85\u{2028}\u{2029}]+$"),
            (r"(?P<name>a)(?<other>b)", "^(?:ab)$"),
        ];
        for (input, expected) in cases {
            assert_eq!(ok(input).portable, *expected, "input {input:?}");
        }
    }

    #[test]
    fn dot_is_java_dot() {
        let t = ok(".+");
        assert_eq!(
            t.portable,
            "^[\\x00-\\x09\\x0B\\x0C\\x0E-\\x84\\x86-\u{2027}\u{202A}-\u{10FFFF}]+$"
        );
        assert!(t.forbid_trailing_newline);
        for good in ["a b", "\u{B}", "😀", "\u{FFFF}", "\u{10FFFF}", "\0"] {
            assert!(verdict(&t, good), "{good:?}");
        }
        for bad in ["", "\n", "a\rb", "\u{85}", "\u{2028}", "\u{2029}"] {
            assert!(!verdict(&t, bad), "{bad:?}");
        }
    }

    #[test]
    fn negated_classes_are_printed_positively() {
        let t = ok("[^,]*");
        assert_eq!(t.portable, "^[\\x00-\\x2B\\x2D-\u{10FFFF}]*$");
        // "\n" is in the class and it repeats without bound.
        assert!(!t.forbid_trailing_newline);
        assert!(verdict(&t, "a\nb\n"));
        assert!(!verdict(&t, "a,b"));
        let t = ok(r"[^\u0000-\u007F]+");
        assert_eq!(t.portable, "^[\\x80-\u{10FFFF}]+$");
        assert!(verdict(&t, "ñ😀"));
        assert!(!verdict(&t, "ña"));
        let cr = t.class_repeat.unwrap();
        assert_eq!(cr.ranges, vec![('\u{80}', '\u{10FFFF}')]);
        assert_eq!(cr.ascii_bitmap(), [0, 0]);
    }

    #[test]
    fn class_repeat_shapes() {
        let cr = ok("a").class_repeat.unwrap();
        assert_eq!((cr.ranges, cr.min, cr.max), (vec![('a', 'a')], 1, Some(1)));
        let cr = ok(r"[a-z]{3,8}").class_repeat.unwrap();
        assert_eq!((cr.min, cr.max), (3, Some(8)));
        assert!(cr.is_match("abc") && cr.is_match("abcdefgh"));
        assert!(!cr.is_match("ab") && !cr.is_match("abcdefghi"));
        let cr = ok(r"\d{4}").class_repeat.unwrap();
        assert_eq!((cr.min, cr.max), (4, Some(4)));
        let cr = ok(r"(?:[\w])*").class_repeat.unwrap();
        assert_eq!((cr.min, cr.max), (0, None));
        assert!(cr.is_match(""));
        let cr = ok(r"x?").class_repeat.unwrap();
        assert_eq!((cr.min, cr.max), (0, Some(1)));
        assert!(cr.is_match("") && cr.is_match("x") && !cr.is_match("xx"));
        let cr = ok(r"[ñ-ó]{2,}").class_repeat.unwrap();
        assert!(cr.is_match("ñó") && !cr.ascii_only() && !cr.is_match("ñ"));
        for p in ["ab", "a|b", "(ab)+", "a+b", ""] {
            assert_eq!(ok(p).class_repeat, None, "{p}");
        }
    }

    #[test]
    fn trailing_newline_guard() {
        for p in [r"[\w]+", "abc", "a|b", r"[^\n]*", ".*", "(a\nb)+", "a?"] {
            assert!(ok(p).forbid_trailing_newline, "{p}");
        }
        for p in [
            r"[\s\S]*",
            "[\n]+",
            "a[\n]*",
            r"x\s{2,}",
            "(a|b)[\n a]*|[\n]+",
            "\n+",
        ] {
            assert!(!ok(p).forbid_trailing_newline, "{p}");
        }
        for (p, span) in [
            ("a\n", 1..2),
            (r"a[\n]?", 1..5),
            (r"[^/]{1,64}", 0..4),
            (r"\s{2}", 0..2),
            (r"(a[\n]+)?b?", 2..6),
            (r"a|[\n]+", 2..6),
        ] {
            let e = err(p);
            assert!(
                e.message
                    .starts_with("unsupported in a portable pattern: a match can end with `\\n`"),
                "{p}: {}",
                e.message
            );
            assert_eq!(e.span, Some(span), "{p}");
        }
    }

    #[test]
    fn errors() {
        let cases: &[(&str, &str, Option<Range<usize>>)] = &[
            ("[abc", "invalid pattern: unclosed character class", Some(0..1)),
            ("(abc", "invalid pattern: unclosed group", Some(0..1)),
            ("abc)", "invalid pattern: unopened group", Some(3..4)),
            ("*a", "invalid pattern: repetition operator missing expression", Some(0..0)),
            ("a{3,2}", "invalid pattern: invalid repetition count range, the start must be <= the end", Some(1..6)),
            ("[z-a]", "invalid pattern: invalid character class range, the start must be <= the end", Some(1..4)),
            (r"\q", "invalid pattern: unrecognized escape sequence", Some(0..2)),
            ("a(?=b)", "unsupported in a portable pattern: look-around", Some(1..4)),
            ("(?<!a)b", "unsupported in a portable pattern: look-around", Some(0..4)),
            (r"(a)\1", "unsupported in a portable pattern: backreference or octal escape", Some(3..5)),
            ("(?i)abc", "unsupported in a portable pattern: inline flags `(?i)`", Some(0..4)),
            ("a(?s:.)", "unsupported in a portable pattern: inline flags `s`", Some(3..4)),
            (r"\p{L}+", "unsupported in a portable pattern: Unicode class `\\p{L}`", Some(0..5)),
            (r"[\pL]", "unsupported in a portable pattern: Unicode class `\\pL`", Some(1..4)),
            (r"a\bc", "unsupported in a portable pattern: word boundary `\\b`", Some(1..3)),
            (r"a\B", "unsupported in a portable pattern: word boundary `\\B`", Some(1..3)),
            ("a^b", "unsupported in a portable pattern: `^` is only allowed at the start of the pattern", Some(1..2)),
            ("a$b", "unsupported in a portable pattern: `$` is only allowed at the end of the pattern", Some(1..2)),
            ("^a|^b", "unsupported in a portable pattern: `^` is only allowed at the start of the pattern", Some(0..1)),
            (r"a\Ab", "unsupported in a portable pattern: `\\A` is only allowed at the start of the pattern", Some(1..3)),
            (r"a\zb", "unsupported in a portable pattern: `\\z` is only allowed at the end of the pattern", Some(1..3)),
            ("$a", "unsupported in a portable pattern: `$` is only allowed at the end of the pattern", Some(0..1)),
            ("a*+", "unsupported in a portable pattern: stacked quantifier `a*+` (possessive in Java); wrap the inner part in a group", Some(0..3)),
            ("[a--b]", "unsupported in a portable pattern: class set operation `--` or `~~` (Java reads these characters literally; escape them)", Some(1..5)),
            ("[[:alpha:]]", "unsupported in a portable pattern: POSIX class `[:alpha:]` (Java reads it as a plain set of characters)", Some(1..10)),
            (r"[^\s\S]", "unsupported in a portable pattern: character class that matches no character", Some(0..7)),
            ("[a&&b]", "unsupported in a portable pattern: character class that matches no character", Some(0..6)),
            (r"[\v-z]", "unsupported in a portable pattern: `\\v` as a range endpoint (Java reads `\\v` as a class); write `\\x0B`", Some(1..5)),
            ("a{1001}", "unsupported in a portable pattern: repetition count above 1000 (the limit of Go's RE2)", Some(0..7)),
            ("a{2000,}", "unsupported in a portable pattern: repetition count above 1000 (the limit of Go's RE2)", Some(0..8)),
            ("(a{100}){11}", "unsupported in a portable pattern: nested counted repetitions multiply to more than 1000 (the limit of Go's RE2)", Some(1..7)),
        ];
        for (p, message, span) in cases {
            let e = err(p);
            assert_eq!((&e.message[..], &e.span), (*message, span), "pattern {p:?}");
            assert_eq!(e.to_string(), e.message);
        }
        // Within RE2's limits.
        ok("a{1000}");
        ok("(a{100}){10}");
        ok("(a{10}){10}b{1000}");
    }

    #[test]
    fn nested_unbounded_repetition() {
        for (p, span) in [
            ("(a+)+", 0..5),
            ("(a*)*", 0..5),
            ("(a|aa)+", 0..7),
            ("x(a|b+)*", 1..8),
            ("(a{2,}b)+", 0..9),
            ("((ab)*c){1,5}d(e+f)*", 14..20),
            (r"([\w]+,)+", 0..9),
            ("(a|a)*", 0..6),
            ("([ab]|[bc])+", 0..12),
            ("([a-z]{1,3})+", 0..13),
            ("(a?a?)+", 0..7),
            ("(a{1,2}){3,}", 0..12),
            (r"(\d|[0-5])*", 0..11),
            // Two parses through empty matches: `ba` is one iteration or two,
            // `xy` skips `a?` or takes the empty branch.
            ("(b?a?)*", 0..7),
            ("((a|)b?)+", 0..9),
            ("(x(a?|)y)*", 0..10),
            ("(x(a?)?y)+", 0..10),
            ("(x(a?){0,2}y)*", 0..14),
            ("(x(a?|)(b?|))+", 0..14),
        ] {
            let e = err(p);
            assert_eq!(
                e.message,
                "pattern has nested unbounded repetition (catastrophic backtracking in Python and JavaScript)",
                "{p}"
            );
            assert_eq!(e.span, Some(span), "{p}");
        }
        // One way to split: fine.
        for p in [
            "(ab|cd)+",
            "(a|b)+",
            "(a|ab)+",
            r"(\.[a-z]{1,10})+",
            r"[\w-]{1,64}(\.[\w-]{1,64})*",
            "(a|)+",
            "(a?)+",
            "(a?|b?)+",
            "(x(a|)y)*",
            "x(a?|)y",
            "(ab?c?)+",
            r"(\.[\w-]{0,64})*",
            "(a{2})+",
            r"a*b*",
            "(a+b){2}",
            r"(,[\w]{1,64})*",
        ] {
            ok(p);
        }
    }

    const POLYNOMIAL_ADVICE: &str = "can split one run of characters in many ways (polynomial backtracking in Python and JavaScript); \
         keep one unbounded repeat and bound the other (`\\w+\\w+` is `\\w{2,}`, `[a-z]+[0-9a-z]+` is `[a-z][0-9a-z]+`) \
         or put a character between them that neither matches";

    #[test]
    fn polynomial_ambiguity_messages() {
        let e = err(r"\w+\w+");
        assert_eq!(
            e.message,
            format!("pattern is polynomially ambiguous: `\\w+` and `\\w+` {POLYNOMIAL_ADVICE}")
        );
        assert_eq!(e.span, Some(0..6));
        let e = err(r"id-[a-z]+[a-z0-9]+!");
        assert_eq!(
            e.message,
            format!(
                "pattern is polynomially ambiguous: `[a-z]+` and `[a-z0-9]+` {POLYNOMIAL_ADVICE}"
            )
        );
        assert_eq!(e.span, Some(3..18));
        // Copies of one repeat: the bounded repeat that makes them is named.
        let e = err(r"((\w+){2}){3}");
        assert_eq!(
            e.message,
            format!(
                "pattern is polynomially ambiguous: `(\\w+){{2}}` repeats `\\w+`, whose copies {POLYNOMIAL_ADVICE}"
            )
        );
        assert_eq!(e.span, Some(1..9));
        // `x` is a word char too: `v = xa` loops around both copies of `\w+`.
        let e = err(r"(x\w+){3}");
        assert!(
            e.message.contains("`(x\\w+){3}` repeats `\\w+`"),
            "{}",
            e.message
        );
        assert_eq!(e.span, Some(0..9));
    }

    #[test]
    fn polynomial_ambiguity() {
        for (p, span) in [
            // Two loops that read the same run, side by side or through optional parts.
            (r"\w+\w+", 0..6),
            (r"\w*\w*", 0..6),
            (r"\w*\w*\w*", 0..6),
            (r"[a-z]+[a-z0-9]+", 0..15),
            (r"[a-z0-9]+[a-z]+", 0..15),
            (r"a*(ab)*a*", 0..9),
            (r"a*b*\w*", 0..7),
            (r"\w+x?\w+", 0..8),
            (r"\w+(-|)\w+", 0..10),
            (r"\w+x{0,3}\w+", 0..12),
            (r"\w+\d{2}\w+", 0..11),
            (r"[\w.]+\.[\w.]+", 0..14),
            (r".*.*", 0..4),
            (r".*a.*", 0..5),
            (r"\s*[\s\S]*", 0..10),
            (r"(ab)+(ab)+", 0..10),
            (r"(ab)*a(ba)*", 0..11),
            (r"[\w-]+\.?[\w-]+@x", 0..15),
            (r"a+(b|a+)", 0..7),
            // The same word read around both loops, not a single char: `v = ab`.
            (r"(ab|b)*(a|ba)*", 0..14),
            // Copies made by a bounded repeat.
            (r"(a+){2}", 0..7),
            (r"(\w+){2,3}", 0..10),
            (r"((\w+){2}){3}", 1..9),
            (r"(a*b?){2}", 0..9),
            (r"([a-z]+,?){1,5}", 0..15),
        ] {
            let e = err(p);
            assert!(
                e.message.starts_with("pattern is polynomially ambiguous: "),
                "{p}: {}",
                e.message
            );
            assert_eq!(e.span, Some(span), "{p}");
        }
        // A bounded number of readings per prefix: linear time.
        for p in [
            r"[\w]+",
            r"[\w+=,.@-]+",
            r"[\u0020-\u00FF]+",
            r"[\u0009\u000A\u000D\u0020-\u00FF]+",
            r"\w+-\w+",
            r"[a-z]+[0-9]+",
            r"[a-z]+-[a-z0-9]+",
            r"\w+@\w+\.\w+",
            r"[\w.]+@[\w.]+\.\w+",
            r"a{1,64}",
            r"\w{0,64}\w{0,64}",
            r"\w+\w{0,64}",
            r"\w{2,}",
            r"[a-z][a-z0-9]+",
            r"[a-z][a-z0-9-]*",
            r"[\s\S]*\d",
            r"a*[ab]b*",
            r"a*ab*",
            r"(a|b)*c(a|b)*",
            r"(ab)+(ba)+",
            r"(ab)*(ac)*",
            r"\d+(\.\d+)?",
            r"(\w{1,8},)*\w+",
            r"\w+(,\w{1,8})*",
            r"[\w-]{1,64}(\.[\w-]{1,64})*",
            r"(\.[\w-]{1,64})*(/[\w-]{1,64})*",
            r"\w+|\w+x",
            r"(\w+-){3}",
            r"arn:aws:iam::[0-9]{12}:(user|role)/[\w+=,.@-]{1,16}",
            r"arn:aws:iam::\d{12}:[\w+=,.@-]+/[\w+=,.@-]+",
            r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
            r"(?:ab){2,}c?",
            r"\D*\S",
            r"a+b+a+b+",
            r"(a{1,3}b)+",
        ] {
            ok(p);
        }
        // Every pattern of the differential test.
        for p in PATTERNS {
            ok(p);
        }
    }

    #[test]
    fn polynomial_check_scales() {
        // Two loops of 65 positions each, and bounded repeats up to RE2's limit
        // around them: checked well within the budget.
        for p in [
            r"(\.[\w-]{1,64})*(/[\w-]{1,64})*(:[\w-]{1,64})*",
            r"\w+-(\w{10}){99}-\w+",
            r"[a-z]+,[\w]{0,1000},[0-9]+",
        ] {
            ok(p);
        }
        for p in [
            r"(\.[\w-]{1,64})*(\.[\w-]{1,64})*",
            r"\w+(\w{1,10}){99}\w+",
            r"[a-z]+[\w]{0,1000}\w+",
        ] {
            assert!(
                err(p)
                    .message
                    .starts_with("pattern is polynomially ambiguous: "),
                "{p}"
            );
        }
        // Too many positions to check once two loops are involved.
        let e = err(r"\w+-a{1000}b{1000}c{1000}d{1000}e{1000}-\w+");
        assert_eq!(
            e.message,
            "unsupported in a portable pattern: pattern too large to check for polynomial backtracking"
        );
        // A single loop needs no whole-pattern automaton.
        ok(r"\w+-a{1000}b{1000}c{1000}d{1000}e{1000}");
    }

    #[test]
    fn finite_ambiguity_is_bounded() {
        // Finitely ambiguous, but a prefix has far more than 256 readings:
        // `^(?:\w{1,10}){20}$` takes 31 s in Python `re` on 30 `a`s and a `!`.
        for (p, input) in [
            (r"(\S|\S){9}", "000000000"),
            (r"(\S|\S|\S|\S){5}x", "00000"),
            (
                r"((\S|\S|\S|\S)(\S|\S|\S|\S)(\S|\S|\S|\S)(\S|\S|\S|\S)){4}",
                "00000",
            ),
            (r"a?a?a?a?a?a?a?a?a?a?a?a?b", "aaaa"),
            (r"(a|aa){16}", "aaaaaaaaaaaa"),
            (r"(\w{1,10}){20}", "0000000000"),
            (r"\w+-(\w{1,10}){99}-\w+", "0-0000000000"),
            (
                r"[a-z]+[\w]{0,1000}[0-9]+",
                "aaaaaaaaaaaaa00000000000…` (32 chars)",
            ),
            (
                r"\w{0,300}\w{0,300}",
                "000000000000000000000000…` (256 chars)",
            ),
            (r"(x(a?|)){10}", "xxxxxxxxxx"),
        ] {
            let e = err(p);
            let input = if input.contains('…') {
                input.to_string()
            } else {
                format!("{input}`")
            };
            assert_eq!(
                e.message,
                format!(
                    "pattern is too ambiguous: the input `{input} can be read in more than 256 ways \
                     (backtracking in Python and JavaScript tries each one on a near miss); \
                     make alternatives and neighbouring repeats exclusive (`(\\S|\\S)` is `\\S`, \
                     `a?a?a?` is `a{{0,3}}`) or lower the counts"
                ),
                "{p}"
            );
            assert_eq!(e.span, Some(0..p.len()), "{p}");
        }
        // Too many reading vectors to explore (one per pair of split points).
        let p = r"[a-z]{0,255}[a-f0-9]{0,255}";
        assert_eq!(
            err(p).message,
            "unsupported in a portable pattern: pattern too large to check for backtracking (lower the repetition counts)"
        );
        ok(r"[a-z]{0,100}[a-f0-9]{0,100}");
        // At most 256 readings of any prefix.
        for p in [
            r"(\S|\S){8}",
            r"\w{0,64}\w{0,64}",
            r"\w{0,255}\w{0,255}",
            r"(\d{1,3}\.){3}\d{1,3}",
            r"([0-9a-f]{2}:){5}[0-9a-f]{2}",
            r"(ab|a){100}",
            r"(a|b|ab){1,3}",
            r"[a-z]+\w{0,8}[0-9]+",
            r"\w+-a{1000}b{1000}c{1000}d{1000}e{1000}",
            r"(a{1000}){1}b{1000}c{1000}d{1000}e{1000}f{1000}g{1000}h{1000}",
        ] {
            ok(p);
        }
    }

    #[test]
    fn regex_compiles_large_counts() {
        for p in [
            ".{1000}",
            r"[^a]{1,1000}b",
            r"(\w{10}){100}",
            r"[\w]{0,1000}",
        ] {
            let t = ok(p);
            regex::Regex::new(&t.portable).unwrap();
        }
    }

    const PATTERNS: &[&str] = &[
        r"[\w]+",
        r"[\w+=,.@-]+",
        r"[\u0020-\u00FF]+",
        r"[\u0009\u000A\u000D\u0020-\u00FF]+",
        r"arn:aws:iam::[0-9]{12}:[\w+=,.@/-]+",
        r"^[\w]+$",
        r"(AKIA|ASIA)[A-Z0-9]{16}|abc|de?f",
        r"[0-9]{2,3}|x{0,2}",
        r"[^a-z]+",
        r"[^\s,]*",
        r".*",
        r"a.c",
        r"[😀-😂]+|x😀",
        r"[\W]+",
        r"\D*\S",
        r"\s+",
        r"[-.+*?(){}\[\]|^$\\/&~#!%'`<>:;=@_]+",
        r"\.\*\+\?\(\)\{\}\[\]\|\^\$\\/&~#!%'`<>:;=@_-",
        r"[\w-]{1,64}(\.[\w-]{1,64})*",
        r"[^\u0000-\u007F]+",
        r"a[\n]*",
        r"[\s\S]*",
        r"",
        r"\v+",
        r"[\d&&[^5]]+",
        r"(?:ab){2,}c?",
        r"[\x{E000}-\x{10FFFF}\x00-\x{D7FF}]{2,}",
        r"[\u00E0-\u00FF\u0100-\u017F]{1,3}",
        r"\<[a-z]+\>",
    ];

    fn test_strings() -> Vec<String> {
        let mut v: Vec<String> = [
            "",
            "a",
            "abc",
            "abc_123",
            "abc def",
            "abc\n",
            "abc\n\n",
            "abc\r\n",
            "\n",
            "\r",
            "\r\n",
            "\nabc",
            "a\nb",
            "\u{2028}",
            "\u{2029}",
            "\u{85}",
            "\0",
            "a\0",
            "😀",
            "😁😂",
            "x😀",
            "a😀c",
            "e\u{301}",
            "\u{301}",
            "\u{212A}",
            "k",
            "K",
            "٣",
            "١٢",
            "ñ",
            "ÿ",
            "\u{100}",
            "\u{17F}",
            "\t",
            "\u{B}",
            "\u{C}",
            " ",
            "\u{A0}",
            "\u{3000}",
            "\u{FEFF}",
            "\u{FFFF}",
            "\u{10FFFF}",
            "\u{E000}",
            "\u{D7FF}",
            "arn:aws:iam::123456789012:user/Bob",
            "arn:aws:iam::123456789012:role/a+b=c,d.e@f-g",
            "arn:aws:iam::12345678901:user/Bob",
            "arn:aws:iam::123456789012:user/Bob\n",
            "AKIAIOSFODNN7EXAMPLE",
            "ASIAIOSFODNN7EXAMPL",
            "12",
            "123",
            "1234",
            "5",
            "1234\n",
            "x",
            "xx",
            "xxx",
            "abab",
            "ababc",
            "ab",
            "df",
            "def",
            "a-b.c_d",
            "a..b",
            "my-bucket.example",
            "<abc>",
            "user+name=x,y.z@example-1",
            "\u{E0}\u{17F}",
            "\u{E0}\u{E0}\u{E0}\u{E0}",
            "\n\u{B}\u{C}\r\u{85}\u{2028}\u{2029}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for b in 0x20u8..0x7F {
            if b.is_ascii_punctuation() {
                v.push((b as char).to_string());
            }
        }
        v.push("-.+*?(){}[]|^$\\/&~#!%'`<>:;=@_".to_string());
        v.push(".*+?(){}[]|^$\\/&~#!%'`<>:;=@_-".to_string());
        v
    }

    /// Runs `program` with `args`, feeding `input` on stdin; `None` when the binary is absent.
    fn run(program: &str, args: &[&str], input: &str) -> Option<String> {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut child = match Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
        {
            Ok(child) => child,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => panic!("cannot run {program}: {e}"),
        };
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{program} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(String::from_utf8(out.stdout).unwrap())
    }

    // Each engine prints one line per pattern: its verdicts as `0`/`1`, a space, and
    // the length in code points of every string it received (comma-separated), so a
    // string mangled in transit (astral chars, NUL) is noticed.
    const PYTHON: &str = r#"
import json, re, sys
cases = json.loads(sys.stdin.buffer.read().decode("utf-8"))
for c in cases:
    r = re.compile(c["p"])
    ok = [r.search(s) is not None and not (c["f"] and re.search("\n$", s) is not None) for s in c["s"]]
    print("".join("1" if v else "0" for v in ok), ",".join(str(len(s)) for s in c["s"]))
"#;

    const NODE: &str = r#"
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
for (const c of cases) {
  const r = new RegExp(c.p, "u");
  const ok = c.s.map((s) => r.test(s) && !(c.f && /\n$/u.test(s)));
  console.log(ok.map((v) => (v ? "1" : "0")).join("") + " " + c.s.map((s) => [...s].length).join(","));
}
"#;

    fn json_string(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// Java oracle on the ORIGINAL patterns (what AWS means); strings as hex of UTF-8.
    const JAVA: &str = r#"
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.regex.*;
public class PatternOracle {
  static String unhex(String h) {
    byte[] b = new byte[h.length() / 2];
    for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    return new String(b, StandardCharsets.UTF_8);
  }
  public static void main(String[] args) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] parts = line.split(" ", -1);
      Pattern p = Pattern.compile(unhex(parts[0]));
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < parts.length; i++) sb.append(p.matcher(unhex(parts[i])).matches() ? '1' : '0');
      System.out.println(sb);
    }
  }
}
"#;

    fn hex(s: &str) -> String {
        s.bytes().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn differential_python_node_java() {
        let strings = test_strings();
        let translated: Vec<Translated> = PATTERNS.iter().map(|p| ok(p)).collect();
        let rust: Vec<Vec<bool>> = translated
            .iter()
            .map(|t| strings.iter().map(|s| verdict(t, s)).collect())
            .collect();

        // Guard semantics in Rust too (a no-op there, since Rust's `$` is end of text).
        for (t, row) in translated.iter().zip(&rust) {
            for (s, &v) in strings.iter().zip(row) {
                let guarded =
                    rust_verdict(t, s) && !(t.forbid_trailing_newline && s.ends_with('\n'));
                assert_eq!(
                    guarded, v,
                    "guard changes the verdict of {:?} on {s:?}",
                    t.portable
                );
            }
        }

        let strings_json = strings
            .iter()
            .map(|s| json_string(s))
            .collect::<Vec<_>>()
            .join(",");
        let input = format!(
            "[{}]",
            translated
                .iter()
                .map(|t| format!(
                    r#"{{"p":{},"f":{},"s":[{strings_json}]}}"#,
                    json_string(&t.portable),
                    t.forbid_trailing_newline
                ))
                .collect::<Vec<_>>()
                .join(",")
        );
        let char_counts: Vec<usize> = strings.iter().map(|s| s.chars().count()).collect();

        let mut engines = 0;
        for (name, program, args) in [
            ("python", "python3", vec!["-W", "error", "-c", PYTHON]),
            ("node", "node", vec!["-e", NODE]),
        ] {
            let Some(out) = run(program, &args, &input) else {
                println!("note: {program} not found, skipping the {name} comparison");
                continue;
            };
            engines += 1;
            let lines: Vec<&str> = out.lines().collect();
            assert_eq!(lines.len(), translated.len(), "{name} output: {out}");
            let expected_lengths = char_counts
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(",");
            for ((t, line), expected) in translated.iter().zip(lines).zip(&rust) {
                let (verdicts, lengths) = line.split_once(' ').unwrap();
                assert_eq!(
                    lengths, expected_lengths,
                    "{name}: strings were mangled in transit"
                );
                assert_eq!(verdicts.len(), strings.len());
                for ((s, v), e) in strings.iter().zip(verdicts.chars()).zip(expected) {
                    assert_eq!(
                        v == '1',
                        *e,
                        "{name} disagrees with Rust on {s:?} for {:?}",
                        t.portable
                    );
                }
            }
        }
        println!("compared {engines} external engines");

        // Java is optional (not on every machine): the original pattern with
        // `Matcher::matches` is what AWS means.
        let dir = std::env::temp_dir().join(format!("pattern-oracle-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let source = dir.join("PatternOracle.java");
        std::fs::write(&source, JAVA).unwrap();
        let java_input: String = PATTERNS
            .iter()
            .map(|p| {
                let mut line = hex(p);
                for s in &strings {
                    line.push(' ');
                    line.push_str(&hex(s));
                }
                line.push('\n');
                line
            })
            .collect();
        let java = run("java", &[source.to_str().unwrap()], &java_input);
        let _ = std::fs::remove_dir_all(&dir);
        match java {
            None => println!("note: java not found, skipping the Java comparison"),
            Some(out) => {
                let lines: Vec<&str> = out.lines().collect();
                assert_eq!(lines.len(), PATTERNS.len());
                println!("compared with Java on the original patterns");
                for ((p, line), expected) in PATTERNS.iter().zip(lines).zip(&rust) {
                    assert_eq!(line.len(), strings.len());
                    for ((s, v), e) in strings.iter().zip(line.chars()).zip(expected) {
                        assert_eq!(
                            v == '1',
                            *e,
                            "Java disagrees on {s:?} for the pattern {p:?}"
                        );
                    }
                }
            }
        }
    }
}
