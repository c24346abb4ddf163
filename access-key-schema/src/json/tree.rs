//! The slow path's parser: bytes to a `serde_json::Value`, recording every
//! repeated member name (the first value is kept) and refusing nesting past
//! the depth limit, with the JSON Pointer of each.

use std::fmt::{self, Write as _};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::errors::{Constraint, ValidationErrors, Violation};

/// One step of the path being parsed.
enum Seg {
    Key(String),
    Index(usize),
}

/// Renders `stack` as a JSON Pointer, escaped like [`crate::Path::render`].
fn render(stack: &[Seg]) -> String {
    let mut out = String::new();
    for seg in stack {
        out.push('/');
        match seg {
            Seg::Key(name) => {
                for c in name.chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
            Seg::Index(i) => {
                let _ = write!(out, "{i}");
            }
        }
    }
    out
}

struct State {
    /// Build the value (the slow path), or only read to the first problem
    /// ([`problem`]): then every value is `Null` and nothing is recorded.
    build: bool,
    max_depth: usize,
    stack: Vec<Seg>,
    /// `duplicate_field` violations, in document order (capped).
    duplicates: ValidationErrors,
    too_deep: Option<String>,
    /// Where the first error surfaced: the innermost array element or
    /// member whose value failed.
    failed_at: Option<String>,
}

impl State {
    /// Notes where the first error surfaced. Only when building: the
    /// reading-only pass keeps no path (its `limit` problem is found again
    /// with one, see [`problem`]), so it neither renders nor keeps a stack.
    fn failed<T, E>(&mut self, result: Result<T, E>) -> Result<T, E> {
        if self.build && result.is_err() && self.failed_at.is_none() {
            self.failed_at = Some(render(&self.stack));
        }
        result
    }
}

/// Parses `bytes`. On success, the value and `report` with a
/// `duplicate_field` violation for every repeated member; on failure, the one
/// problem that stopped the parse (`syntax`, or `limit` for nesting deeper
/// than `max_depth`).
pub(crate) fn parse(
    bytes: &[u8],
    max_depth: usize,
    report: ValidationErrors,
) -> Result<(Value, ValidationErrors), Violation> {
    run(bytes, max_depth, report, true)
}

/// The problem [`parse`] would stop at (`syntax`, or `limit`), if any,
/// found by the same parser without building the value: what the reporting
/// reader asks when it gives up, since a malformed document is reported
/// alone.
pub(crate) fn problem(bytes: &[u8], max_depth: usize) -> Option<Violation> {
    let problem = run(bytes, max_depth, ValidationErrors::new(), false).err()?;
    if matches!(problem.constraint(), Constraint::Syntax { .. }) {
        return Some(problem);
    }
    // A `limit` has a path, whose member names were not kept: again, with
    // them (rare: only a document nested past the limit).
    run(bytes, max_depth, ValidationErrors::new(), true).err()
}

/// What the top-level object's reading is resumed after: an object with
/// one complete member, in the state the parser is in just after any
/// member of the top-level object. Its value is a string, which ends at its
/// quote whatever follows (a number would run on into following digits).
const RESUMED: &[u8] = b"{\"\":\"\"";

/// [`problem`] of a document whose bytes before `resume` are known to be
/// read by [`problem`] without a problem, `resume` being just after a
/// member of the top-level object (where the reporting reader stopped:
/// `Reader::resume_point`). Only the rest is parsed, behind [`RESUMED`],
/// which puts the parser in the state it has at `resume` in the whole
/// document; a `syntax` problem's line and column are then translated back.
/// A `limit` problem (whose path the rest does not have) is found again in
/// the whole document.
pub(crate) fn problem_after(bytes: &[u8], max_depth: usize, resume: usize) -> Option<Violation> {
    let rest = bytes.get(resume..)?;
    // Usually the last member or two: on the stack.
    let mut short = [0; 256];
    let mut long = Vec::new();
    let doc = match short.get_mut(..RESUMED.len() + rest.len()) {
        Some(doc) => doc,
        None => {
            long.resize(RESUMED.len() + rest.len(), 0);
            &mut long[..]
        }
    };
    doc[..RESUMED.len()].copy_from_slice(RESUMED);
    doc[RESUMED.len()..].copy_from_slice(rest);
    let doc = &*doc;
    let found = run(doc, max_depth, ValidationErrors::new(), false).err()?;
    let Constraint::Syntax {
        reason,
        line,
        column,
    } = *found.constraint()
    else {
        return problem(bytes, max_depth);
    };
    let Some(at) = index_of(doc, line, column)
        .and_then(|i| i.checked_sub(RESUMED.len()))
        .map(|i| i + resume)
    else {
        return problem(bytes, max_depth);
    };
    let (line, column) = position_of(bytes, at);
    Some(Violation::new(
        "",
        Constraint::Syntax {
            reason,
            line,
            column,
        },
    ))
}

/// serde_json's line and column of index `i` of `bytes` (its
/// `SliceRead::position_of_index`): lines count from 1, columns are the
/// bytes since the line's start.
pub(crate) fn position_of(bytes: &[u8], i: usize) -> (usize, usize) {
    let before = &bytes[..i];
    // Most documents are one line, and need nothing more.
    let newlines = count_newlines(before);
    if newlines == 0 {
        return (1, i);
    }
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (1 + newlines, i - start)
}

/// How many `\n` bytes `bytes` has, counted eight at a time.
fn count_newlines(bytes: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        // A zero byte of `w` is a newline; the high bit of each byte of
        // `((w & LOW7) + LOW7) | w` is set exactly when that byte is not
        // zero (no carry crosses a byte).
        let w = u64::from_le_bytes(word) ^ 0x0a0a_0a0a_0a0a_0a0a;
        n += (!(((w & LOW7) + LOW7) | w | LOW7)).count_ones() as usize;
    }
    n + chunks.remainder().iter().filter(|&&b| b == b'\n').count()
}

/// The index [`position_of`] maps to `(line, column)`.
pub(crate) fn index_of(bytes: &[u8], line: usize, column: usize) -> Option<usize> {
    let start = match line {
        0 => return None,
        1 => 0,
        _ => {
            bytes
                .iter()
                .enumerate()
                .filter(|(_, &b)| b == b'\n')
                .nth(line - 2)?
                .0
                + 1
        }
    };
    let i = start + column;
    (i <= bytes.len()).then_some(i)
}

/// A member name read and dropped (the reading-only pass).
struct AnyName;

impl<'de> DeserializeSeed<'de> for AnyName {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for AnyName {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
}

fn run(
    bytes: &[u8],
    max_depth: usize,
    report: ValidationErrors,
    build: bool,
) -> Result<(Value, ValidationErrors), Violation> {
    let mut state = State {
        build,
        max_depth,
        stack: Vec::new(),
        duplicates: report,
        too_deep: None,
        failed_at: None,
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed = ValueSeed {
        state: &mut state,
        depth: 0,
    }
    .deserialize(&mut de)
    .and_then(|value| de.end().map(|()| value));
    match parsed {
        Ok(value) => Ok((value, state.duplicates)),
        Err(_) if state.too_deep.is_some() => Err(Violation::new(
            state.too_deep.unwrap_or_default(),
            Constraint::MaxDepth(max_depth),
        )),
        Err(e) => Err(syntax(&e, max_depth, state.failed_at.unwrap_or_default())),
    }
}

/// serde_json's wording of each syntax error kind, as static text.
const REASONS: &[&str] = &[
    "EOF while parsing a list",
    "EOF while parsing an object",
    "EOF while parsing a string",
    "EOF while parsing a value",
    "expected `:`",
    "expected `,` or `]`",
    "expected `,` or `}`",
    "expected ident",
    "expected value",
    "expected `\"`",
    "invalid escape",
    "invalid number",
    "number out of range",
    "invalid unicode code point",
    "control character (\\u0000-\\u001F) found while parsing a string",
    "key must be a string",
    "lone leading surrogate in hex escape",
    "trailing comma",
    "trailing characters",
    "unexpected end of hex escape",
];

/// The `syntax` problem of a serde_json error, at the root. The reason is
/// picked from a fixed list, so no part of the payload can leak through it.
/// serde_json's own recursion limit (when `max_depth` is 127) is a `limit`
/// at `failed_at`.
fn syntax(e: &serde_json::Error, max_depth: usize, failed_at: String) -> Violation {
    let mut head = Head::default();
    // `Head` keeps the reason and stops the formatting there: the error
    // that returns is expected.
    let _ = write!(head, "{e}");
    let message = head.as_str();
    if message.starts_with("recursion limit exceeded") {
        return Violation::new(failed_at, Constraint::MaxDepth(max_depth));
    }
    let reason = REASONS
        .iter()
        .find(|r| message.starts_with(**r))
        .copied()
        .unwrap_or("invalid JSON");
    Violation::new(
        "",
        Constraint::Syntax {
            reason,
            line: e.line(),
            column: e.column(),
        },
    )
}

/// The first piece of a message written to it, up to 80 bytes, without
/// allocating: serde_json writes an error's reason first, in one piece,
/// then its position, which the `Err` returned after the first piece spares.
struct Head {
    bytes: [u8; 80],
    len: usize,
}

impl Default for Head {
    fn default() -> Self {
        Head {
            bytes: [0; 80],
            len: 0,
        }
    }
}

impl Head {
    fn as_str(&self) -> &str {
        // Cut at a character boundary, so always UTF-8.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for Head {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let mut take = s.len().min(self.bytes.len());
        while !s.is_char_boundary(take) {
            take -= 1;
        }
        self.bytes[..take].copy_from_slice(&s.as_bytes()[..take]);
        self.len = take;
        Err(fmt::Error)
    }
}

struct ValueSeed<'s> {
    state: &'s mut State,
    depth: usize,
}

impl ValueSeed<'_> {
    fn deeper<E: de::Error>(&mut self) -> Result<usize, E> {
        let depth = self.depth + 1;
        if depth > self.state.max_depth {
            self.state.too_deep = Some(render(&self.state.stack));
            return Err(E::custom("nesting too deep"));
        }
        Ok(depth)
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // serde_json never produces a non-finite number.
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        if !self.state.build {
            return Ok(Value::Null);
        }
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Value, A::Error> {
        let depth = self.deeper()?;
        let mut items = Vec::new();
        if !self.state.build {
            while seq
                .next_element_seed(ValueSeed {
                    state: &mut *self.state,
                    depth,
                })?
                .is_some()
            {}
            return Ok(Value::Null);
        }
        loop {
            self.state.stack.push(Seg::Index(items.len()));
            let next = seq.next_element_seed(ValueSeed {
                state: &mut *self.state,
                depth,
            });
            let next = self.state.failed(next);
            self.state.stack.pop();
            match next? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Value, A::Error> {
        let depth = self.deeper()?;
        if !self.state.build {
            // Only reading: the name is parsed (same errors) but not kept;
            // a `limit` problem is found again with names (see `problem`).
            while map.next_key_seed(AnyName)?.is_some() {
                map.next_value_seed(ValueSeed {
                    state: &mut *self.state,
                    depth,
                })?;
            }
            return Ok(Value::Null);
        }
        let mut object = Map::new();
        loop {
            let Some(key) = map.next_key::<String>()? else {
                break;
            };
            self.state.stack.push(Seg::Key(key));
            let value = map.next_value_seed(ValueSeed {
                state: &mut *self.state,
                depth,
            });
            let value = self.state.failed(value);
            let Some(Seg::Key(key)) = self.state.stack.pop() else {
                unreachable!("the key pushed above");
            };
            let value = value?;
            if object.contains_key(&key) {
                // Past the report's cap the pointer is not even rendered.
                let at = if self.state.duplicates.is_full() {
                    String::new()
                } else {
                    self.state.stack.push(Seg::Key(key));
                    let at = render(&self.state.stack);
                    self.state.stack.pop();
                    at
                };
                self.state
                    .duplicates
                    .push(Violation::new(at, Constraint::DuplicateField));
            } else {
                object.insert(key, value);
            }
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn parse(bytes: &[u8], max_depth: usize) -> Result<(Value, Vec<String>), Violation> {
        let (value, report) = super::parse(bytes, max_depth, ValidationErrors::new())?;
        assert!(report
            .violations()
            .iter()
            .all(|v| v.code() == "duplicate_field"));
        let paths = report.violations().iter().map(|v| v.path().to_owned());
        Ok((value, paths.collect()))
    }

    #[test]
    fn keeps_first_duplicate_and_reports_paths() {
        let (v, dups) = parse(br#"{"a": 1, "b": [{"x/y": 1, "x/y": 2}], "a": 3}"#, 64).unwrap();
        assert_eq!(v, json!({"a": 1, "b": [{"x/y": 1}]}));
        assert_eq!(dups, ["/b/0/x~1y", "/a"]);
    }

    #[test]
    fn duplicates_past_the_cap_are_counted() {
        let json = br#"{"a": 1, "a": 2, "b": {"c": 1, "c": 2}, "a": 3, "b": 4}"#;
        let (_, report) = super::parse(json, 64, ValidationErrors::with_max(2)).unwrap();
        let kept: Vec<_> = report.violations().iter().map(Violation::path).collect();
        assert_eq!(kept, ["/a", "/b/c"]);
        assert_eq!((report.len(), report.omitted()), (4, 2));
    }

    #[test]
    fn syntax_errors_have_position_and_fixed_reason() {
        let e = parse(b"{\n  \"a\": tru }", 64).unwrap_err();
        assert_eq!(e.code(), "syntax");
        assert_eq!(e.path(), "");
        assert_eq!(
            *e.constraint(),
            Constraint::Syntax {
                reason: "expected ident",
                line: 2,
                column: 11
            }
        );
        let e = parse(br#"{"a": "secret-canary" x}"#, 64).unwrap_err();
        assert!(!e.message().contains("canary"));
        assert_eq!(parse(b"[1] 2", 64).unwrap_err().code(), "syntax");
        assert_eq!(parse(b"", 64).unwrap_err().code(), "syntax");
    }

    /// `problem` stops where `parse` stops, with the same violation.
    #[test]
    fn problem_is_what_parse_stops_at() {
        for text in [
            &b"{\n  \"a\": tru }"[..],
            br#"{"a": [1, 2"#,
            br#"{"a": "x\u12"}"#,
            br#"{"a": 1} x"#,
            b"",
            br#"{"a": [[{"b": 1}]]}"#,
            br#"{"a": 1, "a": 2}"#,
            br#"{"a": [1, {"b": "c"}]}"#,
        ] {
            assert_eq!(
                super::problem(text, 3),
                super::parse(text, 3, ValidationErrors::new()).err(),
                "{}",
                String::from_utf8_lossy(text)
            );
        }
        assert_eq!(
            super::problem(br#"{"a": [[{"b": 1}]]}"#, 3).unwrap().code(),
            "limit"
        );
    }

    #[test]
    fn newlines_are_counted_exactly() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for len in 0..200 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let bytes: Vec<u8> = (0..len)
                .map(|i| match (x >> (i % 60)) & 7 {
                    0 => b'\n',
                    1 => 0x8a,
                    2 => 0x0b,
                    3 => 0x09,
                    _ => (x >> (i % 56)) as u8,
                })
                .collect();
            let slow = bytes.iter().filter(|&&b| b == b'\n').count();
            assert_eq!(count_newlines(&bytes), slow, "{bytes:?}");
        }
    }

    #[test]
    fn depth_limit_with_path() {
        assert!(parse(b"[[[]]]", 3).is_ok());
        let e = parse(br#"{"a": [[{"b": 1}]]}"#, 3).unwrap_err();
        assert_eq!(e.code(), "limit");
        assert_eq!(e.path(), "/a/0/0");
        let deep = "[".repeat(100_000);
        assert_eq!(parse(deep.as_bytes(), 64).unwrap_err().code(), "limit");
    }
}
