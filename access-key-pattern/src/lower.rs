//! Lowering: the `regex-syntax` AST of an AWS (Java-flavoured) pattern to a
//! tiny IR ([`Node`]) in which every class is an explicit set of code points,
//! with Java's meaning of `\d`, `\w`, `\s`, `\v` and `.`; constructs
//! that engines read differently are refused here, with their span.

use std::ops::Range;

use regex_syntax::ast::{self, Ast};
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};

use crate::{range_of, unsupported, PatternError};

#[derive(Clone, Debug)]
pub(crate) enum Node {
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

pub(crate) struct Lower<'p> {
    pub(crate) pattern: &'p str,
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

    pub(crate) fn lower(&self, ast: &Ast) -> Result<Node, PatternError> {
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
pub(crate) fn simplify(node: Node) -> Node {
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
