//! Differential target for the AWS-pattern translator
//! (the `access-key-pattern` crate, which the derive calls).
//!
//! From the fuzzer's bytes: a pattern from a small grammar (literals in
//! several spellings, `\d` `\w` `\s` `\v` `.` and their negations, bracketed
//! classes with ranges, alternation, groups, greedy and lazy quantifiers),
//! and test strings sampled from that pattern and then mutated (near misses,
//! trailing `\n`). When `translate` accepts the pattern, these must agree on
//! every string:
//!
//! 1. the oracle: Rust `regex` on a pattern rendered independently from the
//!    grammar tree with Java's meaning spelled out (`\w` as
//!    `[0-9A-Za-z_]`, `.` without the Java line terminators, ...), anchored
//!    `\A(?:...)\z`;
//! 2. Rust `regex` on the portable pattern (the schema's and the runtime's);
//! 3. the runtime matcher the derive would emit (`rules::pattern::Pattern`),
//!    the class matcher when there is a `ClassRepeat`;
//! 4. `ClassRepeat::is_match`, when present;
//! 5. `regress` (an ECMA-262 engine) on the portable pattern with the `u`
//!    flag, as ajv and hyperjump run it (it must compile every portable
//!    pattern; its verdict is skipped where it has a known bug, see
//!    [`regress_unreliable`]);
//! 6. Python's reading: `$` also matches before a final `\n`, plus the
//!    schema's `not: {pattern: "\n$"}` guard when `forbid_trailing_newline`.
//!
//! And the portable pattern never nests an unbounded repetition inside
//! another (the backtracking-safety claim, checked on its syntax tree).

use std::collections::HashMap;
use std::sync::Mutex;

use access_key_pattern::{translate, Translated};
use access_key_schema::rules::pattern::Pattern;

/// The alphabet: ASCII letters, digits, punctuation that is special in some
/// dialect, whitespace and line terminators (Java's, Python's, ECMA's),
/// Latin-1, a char whose case folds into ASCII (KELVIN SIGN), an Arabic-Indic
/// digit, a char beyond the BMP.
const CHARS: &[char] = &[
    'a', 'b', 'c', 'A', 'Z', '0', '9', '_', '-', ' ', '\n', '\r', '\t', '\u{B}', '\u{C}', '.', '+',
    '@', '/', '[', ']', '\\', '^', '$', '&', '~', '|', '(', ')', '{', '}', '*', '?', ',', '\0',
    'é', 'ÿ', '\u{85}', '\u{A0}', '\u{100}', '\u{212A}', '\u{2028}', '\u{2029}', '٣', '😀',
];

struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }
    fn char(&mut self) -> char {
        CHARS[usize::from(self.next()) % CHARS.len()]
    }
    fn done(&self) -> bool {
        self.pos >= self.data.len()
    }
}

#[derive(Clone, Copy, Debug)]
enum Perl {
    Digit,
    Word,
    Space,
}

#[derive(Debug)]
enum Item {
    /// A char and how to spell it (see [`spell`]).
    Lit(char, u8),
    Range((char, u8), (char, u8)),
    Perl(Perl, bool),
}

#[derive(Debug)]
enum Gen {
    Lit(char, u8),
    Perl(Perl, bool),
    /// Java 8's `\v`: `[\n\x0B\f\r\x85\u2028\u2029]`.
    VSpace,
    Dot,
    Class(bool, Vec<Item>),
    Concat(Vec<Gen>),
    Alt(Vec<Gen>),
    /// Sub-pattern, min, max, lazy.
    Repeat(Box<Gen>, u32, Option<u32>, bool),
}

fn gen(b: &mut Bytes<'_>, depth: u32) -> Gen {
    let pick = if depth >= 4 {
        b.next() % 8
    } else {
        b.next() % 13
    };
    match pick {
        0..=2 => Gen::Lit(b.char(), b.next()),
        3 => Gen::Perl(perl(b.next()), b.next() & 1 == 1),
        4 => Gen::Dot,
        5 => {
            if b.next() & 3 == 0 {
                Gen::VSpace
            } else {
                Gen::Lit(b.char(), b.next())
            }
        }
        6 | 7 => {
            let negated = b.next() & 3 == 0;
            let n = 1 + b.next() % 4;
            let items = (0..n)
                .map(|_| match b.next() % 4 {
                    0 | 1 => Item::Lit(b.char(), b.next()),
                    2 => {
                        let (x, y) = (b.char(), b.char());
                        let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
                        Item::Range((lo, b.next()), (hi, b.next()))
                    }
                    _ => Item::Perl(perl(b.next()), b.next() & 1 == 1),
                })
                .collect();
            Gen::Class(negated, items)
        }
        8 | 9 => {
            let n = 1 + b.next() % 4;
            Gen::Concat((0..n).map(|_| gen(b, depth + 1)).collect())
        }
        10 => {
            let n = 2 + b.next() % 3;
            Gen::Alt((0..n).map(|_| gen(b, depth + 1)).collect())
        }
        _ => {
            let sub = gen(b, depth + 1);
            let (min, max) = match b.next() % 8 {
                0 | 6 => (0, None),
                1 | 7 => (1, None),
                2 => (0, Some(1)),
                3 => {
                    let n = count(b);
                    (n, Some(n))
                }
                4 => (count(b), None),
                _ => {
                    let n = count(b);
                    (n, Some(n + u32::from(b.next() % 4)))
                }
            };
            Gen::Repeat(Box::new(sub), min, max, b.next() & 3 == 0)
        }
    }
}

fn perl(b: u8) -> Perl {
    match b % 3 {
        0 => Perl::Digit,
        1 => Perl::Word,
        _ => Perl::Space,
    }
}

fn count(b: &mut Bytes<'_>) -> u32 {
    match b.next() {
        255 => 1001,
        254 => 1000,
        n => u32::from(n % 5),
    }
}

// ---- The AWS (Java) spelling ---------------------------------------------

/// A char spelled literally, as `\uHHHH`, `\x{H..}`, or with its short escape.
fn spell(c: char, how: u8, in_class: bool, out: &mut String) {
    let special: &[char] = if in_class {
        &['\\', ']', '[', '^', '-', '&', '~']
    } else {
        &[
            '\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$',
        ]
    };
    match how % 4 {
        1 if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
        2 => out.push_str(&format!("\\x{{{:X}}}", c as u32)),
        3 if matches!(c, '\n' | '\r' | '\t' | '\u{C}') => out.push_str(match c {
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ => "\\f",
        }),
        _ if special.contains(&c) => {
            out.push('\\');
            out.push(c);
        }
        // A raw control char or space is fine in Java and regex-syntax
        // (no `x` flag); `\0` raw as well.
        _ => out.push(c),
    }
}

fn perl_text(p: Perl, negated: bool) -> &'static str {
    match (p, negated) {
        (Perl::Digit, false) => "\\d",
        (Perl::Digit, true) => "\\D",
        (Perl::Word, false) => "\\w",
        (Perl::Word, true) => "\\W",
        (Perl::Space, false) => "\\s",
        (Perl::Space, true) => "\\S",
    }
}

fn aws(g: &Gen, out: &mut String) {
    match g {
        Gen::Lit(c, how) => spell(*c, *how, false, out),
        Gen::Perl(p, n) => out.push_str(perl_text(*p, *n)),
        Gen::VSpace => out.push_str("\\v"),
        Gen::Dot => out.push('.'),
        Gen::Class(negated, items) => {
            out.push('[');
            if *negated {
                out.push('^');
            }
            for item in items {
                match item {
                    Item::Lit(c, how) => spell(*c, *how, true, out),
                    Item::Range((lo, h1), (hi, h2)) => {
                        spell(*lo, *h1, true, out);
                        out.push('-');
                        spell(*hi, *h2, true, out);
                    }
                    Item::Perl(p, n) => out.push_str(perl_text(*p, *n)),
                }
            }
            out.push(']');
        }
        Gen::Concat(items) => {
            for item in items {
                out.push('(');
                aws(item, out);
                out.push(')');
            }
        }
        Gen::Alt(items) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                aws(item, out);
            }
            out.push(')');
        }
        Gen::Repeat(sub, min, max, lazy) => {
            out.push('(');
            aws(sub, out);
            out.push(')');
            quantifier(*min, *max, out);
            if *lazy {
                out.push('?');
            }
        }
    }
}

fn quantifier(min: u32, max: Option<u32>, out: &mut String) {
    match (min, max) {
        (0, None) => out.push('*'),
        (1, None) => out.push('+'),
        (0, Some(1)) => out.push('?'),
        (n, None) => out.push_str(&format!("{{{n},}}")),
        (n, Some(m)) if n == m => out.push_str(&format!("{{{n}}}")),
        (n, Some(m)) => out.push_str(&format!("{{{n},{m}}}")),
    }
}

// ---- The oracle: Java's meaning in Rust `regex` syntax ---------------------

const DIGIT: &str = "0-9";
const WORD: &str = "0-9A-Za-z_";
const SPACE: &str = "\\t\\n\\x{0B}\\x{0C}\\r ";
const DOT: &str = "[^\\n\\r\\x{85}\\x{2028}\\x{2029}]";
const VSPACE: &str = "[\\n\\x{0B}\\x{0C}\\r\\x{85}\\x{2028}\\x{2029}]";

fn oracle_perl(p: Perl, negated: bool, out: &mut String) {
    out.push('[');
    if negated {
        out.push('^');
    }
    out.push_str(match p {
        Perl::Digit => DIGIT,
        Perl::Word => WORD,
        Perl::Space => SPACE,
    });
    out.push(']');
}

fn hex(c: char, out: &mut String) {
    out.push_str(&format!("\\x{{{:X}}}", c as u32));
}

fn oracle(g: &Gen, out: &mut String) {
    match g {
        Gen::Lit(c, _) => hex(*c, out),
        Gen::Perl(p, n) => oracle_perl(*p, *n, out),
        Gen::VSpace => out.push_str(VSPACE),
        Gen::Dot => out.push_str(DOT),
        Gen::Class(negated, items) => {
            out.push('[');
            if *negated {
                out.push('^');
            }
            for item in items {
                match item {
                    Item::Lit(c, _) => hex(*c, out),
                    Item::Range((lo, _), (hi, _)) => {
                        hex(*lo, out);
                        out.push('-');
                        hex(*hi, out);
                    }
                    Item::Perl(p, n) => oracle_perl(*p, *n, out),
                }
            }
            out.push(']');
        }
        Gen::Concat(items) => {
            for item in items {
                out.push_str("(?:");
                oracle(item, out);
                out.push(')');
            }
        }
        Gen::Alt(items) => {
            out.push_str("(?:");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                oracle(item, out);
            }
            out.push(')');
        }
        Gen::Repeat(sub, min, max, _) => {
            out.push_str("(?:");
            oracle(sub, out);
            out.push(')');
            quantifier(*min, *max, out);
        }
    }
}

// ---- Test strings -----------------------------------------------------

fn perl_contains(p: Perl, c: char) -> bool {
    match p {
        Perl::Digit => c.is_ascii_digit(),
        Perl::Word => c.is_ascii_alphanumeric() || c == '_',
        Perl::Space => matches!(c, '\t' | '\n' | '\u{B}' | '\u{C}' | '\r' | ' '),
    }
}

/// Membership, only to steer sampling towards matches (never a verdict).
fn member(g: &Gen, c: char) -> bool {
    match g {
        Gen::Lit(l, _) => *l == c,
        Gen::Perl(p, n) => perl_contains(*p, c) != *n,
        Gen::VSpace => matches!(c, '\n'..='\r' | '\u{85}' | '\u{2028}' | '\u{2029}'),
        Gen::Dot => !matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'),
        Gen::Class(negated, items) => {
            let hit = items.iter().any(|i| match i {
                Item::Lit(l, _) => *l == c,
                Item::Range((lo, _), (hi, _)) => *lo <= c && c <= *hi,
                Item::Perl(p, n) => perl_contains(*p, c) != *n,
            });
            hit != *negated
        }
        _ => false,
    }
}

fn sample(g: &Gen, b: &mut Bytes<'_>, out: &mut String) {
    match g {
        Gen::Lit(c, _) => out.push(*c),
        Gen::Perl(..) | Gen::VSpace | Gen::Dot | Gen::Class(..) => {
            let members: Vec<char> = CHARS.iter().copied().filter(|&c| member(g, c)).collect();
            let pick = usize::from(b.next());
            match members.len() {
                0 => out.push(CHARS[pick % CHARS.len()]),
                n => out.push(members[pick % n]),
            }
        }
        Gen::Concat(items) => items.iter().for_each(|i| sample(i, b, out)),
        Gen::Alt(items) => sample(&items[usize::from(b.next()) % items.len()], b, out),
        Gen::Repeat(sub, min, max, _) => {
            let span = max.map_or(3, |m| m - min).min(4);
            let n = (min + u32::from(b.next()) % (span + 1)).min(12);
            for _ in 0..n {
                sample(sub, b, out);
            }
        }
    }
}

fn mutate(s: &mut String, b: &mut Bytes<'_>) {
    let mut chars: Vec<char> = s.chars().collect();
    let at = |b: &mut Bytes<'_>, len: usize| usize::from(b.next()) % (len + 1);
    match b.next() % 8 {
        0 => chars.push('\n'),
        1 => chars.push(b.char()),
        2 => {
            chars.pop();
        }
        3 => {
            let i = at(b, chars.len());
            chars.insert(i, b.char());
        }
        4 if !chars.is_empty() => {
            let i = at(b, chars.len() - 1);
            chars[i] = b.char();
        }
        5 if !chars.is_empty() => {
            chars.remove(0);
        }
        _ => {}
    }
    *s = chars.into_iter().collect();
}

// ---- The engines --------------------------------------------------------

/// The runtime matcher exactly as the derive's `pattern_static` builds it.
fn runtime(aws: &str, t: &Translated) -> Option<Pattern> {
    let class = t.class_repeat.as_ref()?;
    let ranges: Vec<(char, char)> = class
        .ranges
        .iter()
        .filter(|(_, hi)| !hi.is_ascii())
        .map(|&(lo, hi)| (lo.max('\u{80}'), hi))
        .collect();
    Some(Pattern::class(
        leak(aws),
        leak(&t.portable),
        t.forbid_trailing_newline,
        class.ascii_bitmap(),
        leak_ranges(ranges),
        class.min,
        class.max.unwrap_or(u32::MAX),
    ))
}

/// `Pattern::class` wants `'static` data: intern it, so the leak is bounded
/// by the number of distinct values a run generates.
fn leak(s: &str) -> &'static str {
    static STRS: Mutex<Option<HashMap<String, &'static str>>> = Mutex::new(None);
    let mut map = STRS.lock().unwrap_or_else(|e| e.into_inner());
    map.get_or_insert_with(HashMap::new)
        .entry(s.to_owned())
        .or_insert_with(|| Box::leak(s.to_owned().into_boxed_str()))
}

fn leak_ranges(r: Vec<(char, char)>) -> &'static [(char, char)] {
    type Interned = HashMap<Vec<(char, char)>, &'static [(char, char)]>;
    static RANGES: Mutex<Option<Interned>> = Mutex::new(None);
    let mut map = RANGES.lock().unwrap_or_else(|e| e.into_inner());
    map.get_or_insert_with(HashMap::new)
        .entry(r.clone())
        .or_insert_with(|| Box::leak(r.into_boxed_slice()))
}

/// Whether an unbounded repetition sits inside another in `portable`.
fn nested_unbounded(portable: &str) -> bool {
    use regex_syntax::ast::{Ast, RepetitionKind, RepetitionRange};
    fn unbounded(k: &RepetitionKind) -> bool {
        matches!(
            k,
            RepetitionKind::ZeroOrMore
                | RepetitionKind::OneOrMore
                | RepetitionKind::Range(RepetitionRange::AtLeast(_))
        )
    }
    fn walk(ast: &Ast, inside: bool) -> bool {
        match ast {
            Ast::Repetition(r) => {
                let u = unbounded(&r.op.kind);
                (u && inside) || walk(&r.ast, inside || u)
            }
            Ast::Group(g) => walk(&g.ast, inside),
            Ast::Alternation(a) => a.asts.iter().any(|x| walk(x, inside)),
            Ast::Concat(c) => c.asts.iter().any(|x| walk(x, inside)),
            _ => false,
        }
    }
    let ast = regex_syntax::ast::parse::Parser::new()
        .parse(portable)
        .expect("the portable pattern parses");
    walk(&ast, false)
}

/// Whether a repetition encloses another: `regress` 0.12 mishandles those
/// (`^(?:(?:a+){2}){2}$` does not match `aaaa` there, V8 and Rust agree it
/// does; `^(?:(?:a?)?)+$` never returns on `aaaaaaaaaab`, which V8 and
/// Python answer in microseconds), so its verdict is skipped for them. It
/// still must compile every portable pattern.
fn regress_unreliable(portable: &str) -> bool {
    use regex_syntax::ast::Ast;
    fn has_repeat(ast: &Ast) -> bool {
        match ast {
            Ast::Repetition(_) => true,
            Ast::Group(g) => has_repeat(&g.ast),
            Ast::Alternation(a) => a.asts.iter().any(has_repeat),
            Ast::Concat(c) => c.asts.iter().any(has_repeat),
            _ => false,
        }
    }
    fn walk(ast: &Ast) -> bool {
        match ast {
            Ast::Repetition(r) => has_repeat(&r.ast),
            Ast::Group(g) => walk(&g.ast),
            Ast::Alternation(a) => a.asts.iter().any(walk),
            Ast::Concat(c) => c.asts.iter().any(walk),
            _ => false,
        }
    }
    regex_syntax::ast::parse::Parser::new()
        .parse(portable)
        .map_or(true, |ast| walk(&ast))
}

/// Target `pattern`: see the module documentation.
pub fn pattern(data: &[u8]) {
    let mut b = Bytes { data, pos: 0 };
    let n = 1 + b.next() % 3;
    let tree = Gen::Concat((0..n).map(|_| gen(&mut b, 1)).collect());
    let mut aws_text = String::new();
    aws(&tree, &mut aws_text);

    if std::env::var_os("PATTERN_FUZZ_DEBUG").is_some() {
        eprintln!("aws pattern: {aws_text:?}");
    }
    let Ok(t) = translate(&aws_text) else { return };
    if std::env::var_os("PATTERN_FUZZ_DEBUG").is_some() {
        eprintln!("portable: {:?}", t.portable);
    }

    let mut java = String::from("\\A(?:");
    oracle(&tree, &mut java);
    java.push_str(")\\z");
    let Ok(java) = regex::RegexBuilder::new(&java).size_limit(1 << 24).build() else {
        return; // the oracle itself is too large for `regex`: no verdict
    };

    assert!(
        !nested_unbounded(&t.portable),
        "{aws_text:?} -> {:?}: nested unbounded repetition",
        t.portable
    );
    let portable = regex::Regex::new(&t.portable)
        .unwrap_or_else(|e| panic!("{aws_text:?} -> {:?}: regex refuses: {e}", t.portable));
    let ecma = regress::Regex::with_flags(&t.portable, "u")
        .unwrap_or_else(|e| panic!("{aws_text:?} -> {:?}: ECMA refuses: {e}", t.portable));
    let ecma = (!regress_unreliable(&t.portable)).then_some(ecma);
    let runtime = runtime(&aws_text, &t);

    let mut strings = Vec::new();
    for _ in 0..4 {
        let mut s = String::new();
        sample(&tree, &mut b, &mut s);
        strings.push(s.clone());
        mutate(&mut s, &mut b);
        strings.push(s);
        if b.done() {
            break;
        }
    }
    strings.push(String::new());

    for s in &strings {
        let want = java.is_match(s);
        let ctx = || format!("aws {aws_text:?}, portable {:?}, string {s:?}", t.portable);
        assert_eq!(portable.is_match(s), want, "regex(portable): {}", ctx());
        if let Some(class) = &t.class_repeat {
            assert_eq!(class.is_match(s), want, "ClassRepeat: {}", ctx());
        }
        if let Some(p) = &runtime {
            assert_eq!(p.is_match(s), want, "runtime Pattern: {}", ctx());
        }
        if let Some(ecma) = &ecma {
            assert_eq!(ecma.find(s).is_some(), want, "ECMA (regress, u): {}", ctx());
        }
        // Python: `$` also matches before a final "\n"; the schema's guard
        // then refuses any value ending in "\n".
        let dollar = portable.is_match(s)
            || s.strip_suffix('\n')
                .is_some_and(|head| portable.is_match(head));
        let guarded = t.forbid_trailing_newline && s.ends_with('\n');
        assert_eq!(dollar && !guarded, want, "Python reading: {}", ctx());
    }
}
