//! Python's `$` also matches before a final `\n`: whether the schema needs
//! `"not": {"pattern": "\n$"}`, or the pattern is refused.

use std::ops::Range;

use crate::lower::Node;
use crate::{unsupported, PatternError};

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

pub(crate) fn trailing_newline_guard(node: &Node) -> Result<bool, PatternError> {
    match newline_at_end(node) {
        None => Ok(true),
        Some(_) if closed_under_newline(node) => Ok(false),
        Some(span) => Err(unsupported(
            "a match can end with `\\n` here, which Python's `$` cannot check exactly (allow `\\n` only in a final unbounded class like `[...]+`)",
            span,
        )),
    }
}
