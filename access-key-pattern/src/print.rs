//! Printing: the IR back as text in the portable dialect every engine reads
//! the same way (sorted explicit ranges, `\\xHH` for punctuation, no Perl
//! classes, flags or `.`).

use regex_syntax::hir::ClassUnicode;

use crate::lower::Node;

/// The quantifier as printed; counted forms (`{..}`) are the ones RE2 limits.
pub(crate) fn quantifier(min: u32, max: Option<u32>) -> String {
    match (min, max) {
        (0, None) => "*".to_string(),
        (1, None) => "+".to_string(),
        (0, Some(1)) => "?".to_string(),
        (n, None) => format!("{{{n},}}"),
        (n, Some(m)) if n == m => format!("{{{n}}}"),
        (n, Some(m)) => format!("{{{n},{m}}}"),
    }
}

pub(crate) fn char_ranges(set: &ClassUnicode) -> Vec<(char, char)> {
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

pub(crate) fn print_node(node: &Node, out: &mut String) {
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
                out.push_str(&quantifier(*min, *max));
            } else if let (Some(max), true) = (*max, has_repeat(sub)) {
                print_unrolled(sub, *min, max, out);
            } else {
                out.push_str("(?:");
                print_node(sub, out);
                out.push(')');
                out.push_str(&quantifier(*min, *max));
            }
        }
    }
}

/// Largest count of a bounded repeat around a repeat that is unrolled into
/// copies (the text grows by one copy of the body per count).
const MAX_UNROLLED: u32 = 4;

/// Whether `node` holds a repeat.
fn has_repeat(node: &Node) -> bool {
    match node {
        Node::Empty | Node::Class { .. } => false,
        Node::Concat(items) | Node::Alt(items) => items.iter().any(has_repeat),
        Node::Repeat { .. } => true,
    }
}

/// `sub{min,max}` where `sub` holds a repeat, printed with star height 1 when
/// the count is small: `min` copies of `sub`, then `max - min` nested optional
/// copies written as alternations with an empty branch, so `(?:a+b)?` is
/// `(?:a+b|)` and `(?:a+b){1,2}` is `(?:a+b)(?:a+b|)`. Same language and the
/// same order of attempts for a backtracking engine (the greedy `?` tries
/// the body first, then nothing), but safe-regex-style screens such as
/// z-schema's, which refuse any repeat inside a repeat, accept it. Larger
/// counts keep the quantifier.
fn print_unrolled(sub: &Node, min: u32, max: u32, out: &mut String) {
    if max > MAX_UNROLLED {
        out.push_str("(?:");
        print_node(sub, out);
        out.push(')');
        out.push_str(&quantifier(min, Some(max)));
        return;
    }
    let group = |out: &mut String| {
        out.push_str("(?:");
        print_node(sub, out);
        out.push(')');
    };
    for _ in 0..min {
        group(out);
    }
    for _ in min..max {
        out.push_str("(?:");
        if matches!(sub, Node::Alt(_)) {
            // Its branches must not join the empty one.
            group(out);
        } else {
            print_node(sub, out);
        }
    }
    for _ in min..max {
        out.push_str("|)");
    }
}
