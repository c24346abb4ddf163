//! The byte reader under `from_json`'s first tier (`json::report`): the
//! document is checked to be UTF-8 once, up front; then member names are
//! matched as bytes, and a string value is scanned eight bytes at a time to
//! its closing quote and borrowed from the input as a `&str`, or, when it
//! has an escape, decoded as serde_json decodes it. A field type without a
//! reader of its own is cut out of the input (its extent found by
//! [`Reader::serde`]) and read by serde_json behind the strict wrapper, as
//! the serde tier would.
//!
//! The contract is one-sided: anything the reader does not handle itself
//! (a lone surrogate escape, a malformed document, a refusal) is a [`Fail`],
//! and `from_json` then reads the payload through the tiers after it, which
//! decide. So the reader must never accept what the serde tier refuses, nor
//! build a different value; `tests/member_visitor.rs` and the `from_json`
//! fuzz target check exactly that. It need not accept everything the serde
//! tier does.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize};

use super::report::Found;
use super::strict::{Keys, Strict};
use crate::path::Path;

/// The reader could not read the payload; the serde tier decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fail;

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not read by the fast reader")
    }
}

impl std::error::Error for Fail {}

impl de::Error for Fail {
    #[cold]
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Fail
    }
}

/// The input and a position in it, with the nesting depth there.
pub struct Reader<'de> {
    text: &'de str,
    pos: usize,
    depth: usize,
    max_depth: usize,
    /// Just after the last member of the top-level object read in full
    /// (0: none yet): everything before it is well formed, within the
    /// depth limit and free of numbers serde_json cannot read, so a
    /// malformed document's first error is after it (see
    /// [`Reader::resume_point`]).
    resume: usize,
    /// A value was read by serde_json ([`Reader::serde`]): a type's own
    /// `Deserialize` may have skipped it more leniently than the slow
    /// path's parser, so the prefix is not known to be well formed.
    lenient: bool,
    /// An internally tagged enum's tag, with the depth of the object it
    /// is in: the newtype variant's struct reading that object passes
    /// over it, as serde hands that struct the object without it.
    ignored: Option<(&'static str, usize)>,
}

/// What a byte means inside a string: [`ORDINARY`] (any byte of a
/// multi-byte character included: the whole document is UTF-8),
/// [`QUOTE`] the end, [`OTHER`] an escape or a control character
/// (the serde tier's business).
static STRING_BYTES: [u8; 256] = {
    let mut table = [ORDINARY; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = OTHER;
        b += 1;
    }
    table[b'\\' as usize] = OTHER;
    table[b'"' as usize] = QUOTE;
    table
};
const ORDINARY: u8 = 0;
const QUOTE: u8 = 1;
const OTHER: u8 = 2;

/// A string's contents scanned: `Ok((start, end))` without an escape,
/// `Err((start, first backslash))` with one.
type Scanned = Result<(usize, usize), (usize, usize)>;

/// The four hex digits at `at`, as serde_json reads them (either case).
#[inline]
fn hex4(bytes: &[u8], at: usize) -> Result<u32, Fail> {
    let digits = bytes.get(at..at + 4).ok_or(Fail)?;
    let mut n = 0;
    for &d in digits {
        n = n * 16 + char::from(d).to_digit(16).ok_or(Fail)?;
    }
    Ok(n)
}

/// The high bit of each byte of `word` that is not ordinary ASCII in a
/// string (`"`, `\\`, a control character, or not ASCII): the lowest set
/// bit is exact, those above it may be false alarms (borrows), which the
/// byte-by-byte loop that takes over sorts out.
#[inline]
const fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    const fn has_zero(v: u64) -> u64 {
        v.wrapping_sub(ONES) & !v
    }
    let control = word.wrapping_sub(ONES * 0x20) & !word;
    (control
        | has_zero(word ^ (ONES * b'"' as u64))
        | has_zero(word ^ (ONES * b'\\' as u64))
        | word)
        & HIGH_BITS
}

impl<'de> Reader<'de> {
    pub(super) fn new(text: &'de str, max_depth: usize) -> Self {
        Reader {
            text,
            pos: 0,
            depth: 0,
            max_depth,
            resume: 0,
            lenient: false,
            ignored: None,
        }
    }

    /// Where the slow path's parser can resume when this reader gives up:
    /// just after the last member of the top-level object it read in full,
    /// if any (see `tree::problem_after`).
    pub(super) fn resume_point(&self) -> Option<usize> {
        (self.resume > 0 && !self.lenient).then_some(self.resume)
    }

    /// Whether the whole input was read.
    #[inline]
    pub(super) fn at_end(&self) -> bool {
        self.pos == self.text.len()
    }

    #[inline]
    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    #[inline]
    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    /// Skips JSON whitespace.
    #[inline]
    pub(super) fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Consumes `byte`, or fails.
    #[inline]
    pub(super) fn eat(&mut self, byte: u8) -> Result<(), Fail> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Fail)
        }
    }

    /// A string as bytes, for matching against known names: borrowed when
    /// it has no escape (scanned eight bytes at a time while they are
    /// ordinary ASCII, then byte by byte), decoded otherwise (see
    /// [`Reader::text`]).
    ///
    /// # Errors
    ///
    /// Not a string, or one [`Reader::text`] leaves to the serde tier.
    #[inline(always)]
    pub fn name(&mut self) -> Result<Cow<'de, [u8]>, Fail> {
        Ok(match self.text()? {
            Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
            Cow::Owned(s) => Cow::Owned(s.into_bytes()),
        })
    }

    /// A string, borrowed from the input when it has no escape, decoded
    /// otherwise, exactly as serde_json decodes it: `\"`, `\\`, `\/`,
    /// `\b`, `\f`, `\n`, `\r`, `\t` and `\uXXXX` (a surrogate only as
    /// half of a pair, high then low: anything else is the serde tier's
    /// business, as are control characters).
    ///
    /// # Errors
    ///
    /// Not a string, or one the reader leaves to the serde tier.
    #[inline(always)]
    pub fn text(&mut self) -> Result<Cow<'de, str>, Fail> {
        match self.raw_string()? {
            // Both ends are at ASCII quotes: always boundaries; `get` checks.
            Ok((start, end)) => self.text.get(start..end).map(Cow::Borrowed).ok_or(Fail),
            Err((start, at)) => self.unescape(start, at).map(Cow::Owned),
        }
    }

    /// Decodes a string whose contents start at `start` and whose first
    /// backslash is at `at`, up to its closing quote.
    #[cold]
    fn unescape(&mut self, start: usize, mut at: usize) -> Result<String, Fail> {
        let bytes = self.bytes();
        // Decoding never lengthens a string: with room for all of it, the
        // buffer is never reallocated, so no freed copy of a secret is left
        // behind (the caller zeroizes the one it drops).
        let mut end = at;
        while let Some(&b) = bytes.get(end) {
            match b {
                b'"' => break,
                b'\\' => end += 2,
                _ => end += 1,
            }
        }
        let mut out = String::with_capacity(end.min(bytes.len()) - start);
        out.push_str(self.text.get(start..at).ok_or(Fail)?);
        loop {
            let run = at;
            while STRING_BYTES[usize::from(*bytes.get(at).ok_or(Fail)?)] == ORDINARY {
                at += 1;
            }
            out.push_str(self.text.get(run..at).ok_or(Fail)?);
            match bytes[at] {
                b'"' => {
                    self.pos = at + 1;
                    return Ok(out);
                }
                b'\\' => {}
                _ => return Err(Fail),
            }
            let escape = *bytes.get(at + 1).ok_or(Fail)?;
            at += 2;
            out.push(match escape {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let high = hex4(bytes, at)?;
                    at += 4;
                    match high {
                        0xD800..=0xDBFF => {
                            if bytes.get(at..at + 2) != Some(b"\\u") {
                                return Err(Fail);
                            }
                            let low = hex4(bytes, at + 2)?;
                            if !(0xDC00..=0xDFFF).contains(&low) {
                                return Err(Fail);
                            }
                            at += 6;
                            let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                            char::from_u32(c).ok_or(Fail)?
                        }
                        0xDC00..=0xDFFF => return Err(Fail),
                        c => char::from_u32(c).ok_or(Fail)?,
                    }
                }
                _ => return Err(Fail),
            });
        }
    }

    /// The next string's contents: `Ok(start, end)` when it has no escape,
    /// `Err(start, at)` with `at` its first backslash (the position is then
    /// not moved past it).
    #[inline(always)]
    fn raw_string(&mut self) -> Result<Scanned, Fail> {
        self.eat(b'"')?;
        let start = self.pos;
        let mut i = start;
        while let Some(chunk) = self.bytes().get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().map_err(|_| Fail)?);
            let special = special_bytes(word);
            if special != 0 {
                // The lowest flag is exact: the first special byte.
                i += (special.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        loop {
            match STRING_BYTES[usize::from(*self.bytes().get(i).ok_or(Fail)?)] {
                ORDINARY => i += 1,
                QUOTE => break,
                _ if self.bytes()[i] == b'\\' => return Ok(Err((start, i))),
                _ => return Err(Fail),
            }
        }
        self.pos = i + 1;
        Ok(Ok((start, i)))
    }

    /// One level deeper, or a failure past the limit.
    #[inline]
    pub(super) fn enter(&mut self) -> Result<(), Fail> {
        self.depth += 1;
        if self.depth > self.max_depth {
            Err(Fail)
        } else {
            Ok(())
        }
    }

    /// Between the items of an array or object closed by `close`: skips
    /// whitespace and the `,` before every item but the `first`; `true` when
    /// an item follows, `false` once `close` is consumed (leaving the level).
    #[inline]
    pub(super) fn more(&mut self, close: u8, first: bool) -> Result<bool, Fail> {
        self.ws();
        match self.peek() {
            Some(b) if b == close => {
                self.pos += 1;
                self.depth -= 1;
                Ok(false)
            }
            Some(b',') if !first => {
                self.pos += 1;
                self.ws();
                Ok(true)
            }
            _ if first => Ok(true),
            _ => Err(Fail),
        }
    }

    /// Skips the value here, checking it as strictly as serde_json would
    /// read it into a `Value` for the slow path: nesting within the limit, no
    /// repeated member name, strings decoded (see [`Reader::text`]), numbers
    /// within what serde_json reads without a range error. Anything it is
    /// not sure of fails, leaving the payload to the tiers after it.
    ///
    /// # Errors
    ///
    /// Malformed, too deep, a repeated name, or not sure.
    pub fn skip(&mut self) -> Result<(), Fail> {
        self.skip_value(&mut Repeats::Refuse)
    }

    /// [`Reader::skip`] of the value at `at`, recording every repeated
    /// member name inside it at its path (the first value kept, as the slow
    /// path's parser keeps it, and recorded after its value, in document
    /// order) instead of failing.
    ///
    /// # Errors
    ///
    /// Malformed, too deep, too many problems, or not sure.
    pub fn skip_at(&mut self, at: &Path<'_>, found: &mut Found) -> Result<(), Fail> {
        self.skip_value(&mut Repeats::Record(at, found))
    }

    fn skip_value(&mut self, repeats: &mut Repeats<'_, '_>) -> Result<(), Fail> {
        match self.peek() {
            Some(b'"') => {
                // A skipped string may be a secret (a repeated member's).
                if let Cow::Owned(mut s) = self.text()? {
                    zeroize::Zeroize::zeroize(&mut s);
                }
                Ok(())
            }
            Some(b'{') => {
                self.pos += 1;
                self.enter()?;
                let mut names = Keys::default();
                let mut first = true;
                while self.more(b'}', first)? {
                    first = false;
                    let name = self.text()?;
                    self.ws();
                    self.eat(b':')?;
                    self.ws();
                    match repeats {
                        Repeats::Refuse => {
                            if !names.insert(name) {
                                return Err(Fail);
                            }
                            self.skip_value(&mut Repeats::Refuse)?;
                        }
                        Repeats::Ignore => self.skip_value(&mut Repeats::Ignore)?,
                        Repeats::Record(at, found) => {
                            let member = at.field(&name);
                            self.skip_value(&mut Repeats::Record(&member, found))?;
                            if !names.insert(name.clone()) {
                                found.repeated(&member)?;
                            }
                        }
                    }
                }
                Ok(())
            }
            Some(b'[') => {
                self.pos += 1;
                self.enter()?;
                let mut first = true;
                let mut index = 0;
                while self.more(b']', first)? {
                    first = false;
                    match repeats {
                        Repeats::Refuse => self.skip_value(&mut Repeats::Refuse)?,
                        Repeats::Ignore => self.skip_value(&mut Repeats::Ignore)?,
                        Repeats::Record(at, found) => {
                            let item = at.index(index);
                            self.skip_value(&mut Repeats::Record(&item, found))?;
                        }
                    }
                    index += 1;
                }
                Ok(())
            }
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(Fail),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Fail> {
        if self.bytes()[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(Fail)
        }
    }

    /// A JSON number, `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, of
    /// at most 100 integer digits and a two-digit exponent: well inside
    /// `f64`'s range, so serde_json reads it without a range error.
    fn number(&mut self) -> Result<(), Fail> {
        let bytes = self.bytes();
        let mut i = self.pos + usize::from(bytes.get(self.pos) == Some(&b'-'));
        let digits = |i: &mut usize| {
            let start = *i;
            while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i - start
        };
        let int_start = i;
        let n = digits(&mut i);
        if n == 0 || n > 100 || (n > 1 && bytes[int_start] == b'0') {
            return Err(Fail);
        }
        if bytes.get(i) == Some(&b'.') {
            i += 1;
            if digits(&mut i) == 0 {
                return Err(Fail);
            }
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            if !(1..=2).contains(&digits(&mut i)) {
                return Err(Fail);
            }
        }
        self.pos = i;
        Ok(())
    }

    /// The first byte of the value here (none at the end).
    #[inline]
    pub fn next_byte(&self) -> Option<u8> {
        self.peek()
    }

    /// Where the reader is: for [`Reader::items_at`].
    #[inline]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Where the reader is and how deep, to go back to with
    /// [`Reader::restore`].
    #[inline]
    pub fn state(&self) -> (usize, usize) {
        (self.pos, self.depth)
    }

    /// Goes back to a [`Reader::state`] taken earlier: the value there is
    /// read again (by serde_json's `Value` parse in [`Reader::value_at`], by
    /// the struct after its flattened members' pass over the object).
    #[cold]
    pub fn restore(&mut self, (pos, depth): (usize, usize)) {
        self.pos = pos;
        self.depth = depth;
    }

    /// The value at `at` read as a `T` from its `Value`, with every
    /// repeated member name inside recorded at its path and the first value
    /// of each kept (the slow path's parser's reading), where serde_json
    /// would refuse the repeat: a `serde_json::Value` member, or an enum
    /// with data being checked.
    ///
    /// # Errors
    ///
    /// Malformed, too deep, or `T` refuses the value.
    pub fn value_at<T: de::DeserializeOwned>(
        &mut self,
        at: &Path<'_>,
        found: &mut Found,
    ) -> Result<T, Fail> {
        let state = self.state();
        if let Ok(value) = self.serde() {
            return Ok(value);
        }
        self.restore(state);
        let start = self.pos;
        self.skip_at(at, found)?;
        let rest = self.max_depth.saturating_sub(self.depth);
        let (value, _) = super::tree::parse(
            &self.bytes()[start..self.pos],
            rest,
            crate::errors::ValidationErrors::with_max(0),
        )
        .map_err(|_| Fail)?;
        let read = T::deserialize(&value).map_err(|_| Fail);
        super::scrub(value);
        read
    }

    /// A reader of the same input at `pos` and this depth, for a look at a
    /// value that does not move this one.
    fn ahead(&self, pos: usize) -> Reader<'de> {
        let mut r = Reader::new(self.text, self.max_depth);
        r.pos = pos;
        r.depth = self.depth;
        r
    }

    /// What the first member named `name` of the object here is (the tag
    /// of an enum with data), found without moving the reader.
    ///
    /// # Errors
    ///
    /// The value here is not an object, or cannot be read up to that
    /// member.
    pub fn member_kind(&self, name: &str) -> Result<Member<'de>, Fail> {
        let mut r = self.ahead(self.pos);
        if r.peek() != Some(b'{') {
            return Err(Fail);
        }
        let mut object = r.object()?;
        while let Some(key) = object.next_name(&mut r)? {
            if *key == *name.as_bytes() {
                return Ok(match r.peek() {
                    Some(b'"') => Member::Text(r.text()?),
                    Some(b'n') => Member::Null,
                    _ => Member::Other,
                });
            }
            r.skip_value(&mut Repeats::Ignore)?;
        }
        Ok(Member::Absent)
    }

    /// The member `name` of the next object opened (at one level deeper
    /// than here) is passed over (see `ignored`).
    #[inline]
    pub fn ignore_in_next_object(&mut self, name: &'static str) {
        self.ignored = Some((name, self.depth + 1));
    }

    /// No member is passed over any more.
    #[inline]
    pub fn stop_ignoring(&mut self) {
        self.ignored = None;
    }

    /// Whether the member `name` just read is the one to pass over; it is
    /// passed over once.
    #[inline]
    pub fn is_ignored(&mut self, name: &[u8]) -> bool {
        match self.ignored {
            Some((ignored, depth)) if depth == self.depth && ignored.as_bytes() == name => {
                self.ignored = None;
                true
            }
            _ => false,
        }
    }

    /// How many items the array, or members the object, read or skipped
    /// from `start` has (`None` for any other value), counted again: what
    /// the slow path checks a `nested` field's `length` on before its
    /// items, when they had problems.
    ///
    /// # Errors
    ///
    /// Never for a value already read (it is well formed).
    #[cold]
    pub fn items_at(&self, start: usize) -> Result<Option<usize>, Fail> {
        let mut r = self.ahead(start);
        let close = match r.peek() {
            Some(b'[') => b']',
            Some(b'{') => b'}',
            _ => return Ok(None),
        };
        r.pos += 1;
        r.enter()?;
        let mut n = 0;
        while r.more(close, n == 0)? {
            if close == b'}' {
                r.text()?;
                r.ws();
                r.eat(b':')?;
                r.ws();
            }
            r.skip_value(&mut Repeats::Ignore)?;
            n += 1;
        }
        Ok(Some(n))
    }

    /// Opens an object (one level of depth) for a derived struct.
    ///
    /// # Errors
    ///
    /// Not an object, or too deep.
    #[inline]
    pub fn object(&mut self) -> Result<Object, Fail> {
        self.eat(b'{')?;
        self.enter()?;
        Ok(Object { first: true })
    }

    /// Reads the value here with `T`'s own `Deserialize`, through serde_json
    /// and the strict wrapper at this depth, as the serde tier would: the
    /// value's extent is found first (see [`Reader::extent`]), and serde_json
    /// must read exactly that.
    ///
    /// # Errors
    ///
    /// Whatever serde_json or `T` refuses.
    pub fn serde<T: Deserialize<'de>>(&mut self) -> Result<T, Fail> {
        self.lenient = true;
        let end = self.extent()?;
        let mut de = serde_json::Deserializer::from_slice(&self.bytes()[self.pos..end]);
        let value =
            T::deserialize(Strict::at(&mut de, self.depth, self.max_depth)).map_err(|_| Fail)?;
        de.end().map_err(|_| Fail)?;
        self.pos = end;
        Ok(value)
    }

    /// Where the value starting here ends, if it is well formed: after the
    /// closing quote of a string, after the bracket that closes the first
    /// one, or at the first delimiter or whitespace after a scalar. Only a
    /// bound: serde_json reads the slice, and the caller then checks what
    /// follows it, so a malformed value fails either way.
    fn extent(&self) -> Result<usize, Fail> {
        let bytes = self.bytes();
        let mut i = self.pos;
        let mut open = 0usize;
        loop {
            let Some(&byte) = bytes.get(i) else {
                // A scalar ending the document.
                return if open == 0 { Ok(i) } else { Err(Fail) };
            };
            match byte {
                b'"' => {
                    i += 1;
                    loop {
                        match *bytes.get(i).ok_or(Fail)? {
                            b'"' => break,
                            b'\\' => i += 2,
                            _ => i += 1,
                        }
                    }
                    i += 1;
                }
                b'{' | b'[' => {
                    open += 1;
                    i += 1;
                    continue;
                }
                b'}' | b']' => {
                    if open == 0 {
                        return Ok(i);
                    }
                    open -= 1;
                    i += 1;
                }
                b',' | b' ' | b'\n' | b'\t' | b'\r' if open == 0 => return Ok(i),
                _ => {
                    i += 1;
                    continue;
                }
            }
            if open == 0 {
                return Ok(i);
            }
        }
    }
}

/// What [`Reader::member_kind`] found.
pub enum Member<'de> {
    /// No such member.
    Absent,
    /// `null`.
    Null,
    /// A string, decoded.
    Text(Cow<'de, str>),
    /// Another JSON type.
    Other,
}

/// What [`Reader::skip_value`] does at a repeated member name.
enum Repeats<'a, 'p> {
    /// Fails (the value is left to the tiers after the reader).
    Refuse,
    /// Nothing (a look ahead: the value is read again after).
    Ignore,
    /// Records it at its path inside the value at this path.
    Record(&'a Path<'p>, &'a mut Found),
}

/// The members of one object being read by a derived struct.
pub struct Object {
    first: bool,
}

impl Object {
    /// The next member's name, raw (see [`Reader::name`]), with the reader
    /// at its value; `None` after the closing brace.
    ///
    /// # Errors
    ///
    /// Malformed JSON, or an escaped name.
    #[inline(always)]
    pub fn next_name<'de>(&mut self, r: &mut Reader<'de>) -> Result<Option<Cow<'de, [u8]>>, Fail> {
        let first = std::mem::replace(&mut self.first, false);
        if !first && r.depth == 1 {
            r.resume = r.pos;
        }
        if !r.more(b'}', first)? {
            return Ok(None);
        }
        let name = r.name()?;
        r.ws();
        r.eat(b':')?;
        r.ws();
        Ok(Some(name))
    }
}

impl Reader<'_> {
    /// `true` or `false`.
    #[inline]
    pub(super) fn boolean(&mut self) -> Result<bool, Fail> {
        let rest = &self.bytes()[self.pos..];
        if rest.starts_with(b"true") {
            self.pos += 4;
            Ok(true)
        } else if rest.starts_with(b"false") {
            self.pos += 5;
            Ok(false)
        } else {
            Err(Fail)
        }
    }

    /// The text of the JSON number here (see `number`), consumed, for
    /// serde_json to read exactly as it reads it in a document.
    pub(super) fn number_text(&mut self) -> Result<&str, Fail> {
        let start = self.pos;
        self.number()?;
        let bytes = self.bytes();
        // A number is ASCII.
        std::str::from_utf8(&bytes[start..self.pos]).map_err(|_| Fail)
    }

    /// An integer written plainly (`-?(0|[1-9][0-9]*)`, not `-0`): whether
    /// it is negative, and its magnitude. Anything else (a fraction or
    /// exponent, which the serde tier reads as a whole number when it is
    /// one; too many digits) fails.
    #[inline]
    pub(super) fn integer(&mut self) -> Result<(bool, u64), Fail> {
        let negative = self.peek() == Some(b'-');
        let start = self.pos + usize::from(negative);
        let mut i = start;
        let mut n = 0u64;
        while let Some(d @ b'0'..=b'9') = self.bytes().get(i).copied() {
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(d - b'0')))
                .ok_or(Fail)?;
            i += 1;
        }
        let digits = i - start;
        let leading_zero = digits > 1 && self.bytes()[start] == b'0';
        let minus_zero = negative && n == 0;
        let more = matches!(self.bytes().get(i), Some(b'.' | b'e' | b'E'));
        if digits == 0 || leading_zero || minus_zero || more {
            return Err(Fail);
        }
        self.pos = i;
        Ok((negative, n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first byte of `bytes` that is not ordinary ASCII (by the table,
    /// one byte at a time), where the eight-byte scan must stop.
    fn first_special(bytes: &[u8; 8]) -> Option<usize> {
        bytes
            .iter()
            .position(|&b| !b.is_ascii() || STRING_BYTES[usize::from(b)] != ORDINARY)
    }

    fn by_words(bytes: &[u8; 8]) -> Option<usize> {
        let special = special_bytes(u64::from_le_bytes(*bytes));
        (special != 0).then(|| (special.trailing_zeros() / 8) as usize)
    }

    #[test]
    fn eight_bytes_at_a_time_find_the_first_special_byte() {
        // Every byte value at every position, among ordinary bytes and
        // after every other byte value (borrows), then pseudo-random words.
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut bytes = [b'a'; 8];
                bytes[pos] = b;
                assert_eq!(by_words(&bytes), first_special(&bytes), "{b:#x} at {pos}");
                for other in 0..=255u8 {
                    let mut bytes = [b'a'; 8];
                    bytes[pos] = b;
                    bytes[(pos + 1) % 8] = other;
                    assert_eq!(by_words(&bytes), first_special(&bytes), "{bytes:?}");
                }
            }
        }
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let bytes = x.to_le_bytes();
            assert_eq!(by_words(&bytes), first_special(&bytes), "{bytes:?}");
        }
    }

    #[test]
    fn strings_of_every_length_end_at_their_quote() {
        for n in 0..40 {
            for tail in ["\"", "\u{e9}\"", "\\\"\"", "\u{1}\""] {
                let text = format!("\"{}{tail},", "k".repeat(n));
                let mut r = Reader::new(&text, 8);
                let got = r.text();
                let ok = got.is_ok();
                match tail {
                    "\"" => assert_eq!(got, Ok(Cow::Borrowed(&*"k".repeat(n)))),
                    "\u{e9}\"" => assert_eq!(
                        got.map(Cow::into_owned),
                        Ok(format!("{}\u{e9}", "k".repeat(n)))
                    ),
                    "\\\"\"" => {
                        assert_eq!(got.map(Cow::into_owned), Ok(format!("{}\"", "k".repeat(n))))
                    }
                    _ => assert_eq!(got, Err(Fail), "{text}"),
                }
                if ok {
                    assert_eq!(r.peek(), Some(b','));
                }
            }
        }
    }

    /// A document of one string, read as `json::report` reads documents:
    /// checked to be UTF-8 once, then read.
    fn read_document(bytes: &[u8], max_depth: usize) -> Option<String> {
        let mut r = Reader::new(simdutf8::basic::from_utf8(bytes).ok()?, max_depth);
        r.ws();
        let value = r.text().ok()?.into_owned();
        r.ws();
        r.at_end().then_some(value)
    }

    /// The one UTF-8 pass covers every string: a document with a byte that
    /// is not UTF-8 is left to the tiers after the reader; one without is
    /// read, characters of any width included.
    #[test]
    fn document_is_utf8_checked_once() {
        assert_eq!(
            read_document(b"\"caf\xc3\xa9 \xf0\x9f\x94\x91\"", 8).as_deref(),
            Some("caf\u{e9} \u{1f511}")
        );
        for bad in [
            &b"\"\xff\""[..],
            b"\"\xc3\"",
            b"\"\xed\xa0\x80\"",
            b" \xff\"x\"",
        ] {
            assert_eq!(read_document(bad, 8), None, "{bad:?}");
        }
    }

    /// Escapes are decoded as serde_json decodes them; what the reader
    /// leaves to the serde tier (lone or reversed surrogates, bad escapes,
    /// control characters) fails.
    #[test]
    fn escapes_are_decoded_like_serde_json() {
        for text in [
            r#""a\nb""#,
            r#""\"\\\/\b\f\n\r\t""#,
            r#""\u0041\u00e9\u20AC\ud83d\ude00 end""#,
            r#""B\u006fb""#,
            r#""\u0000x""#,
            r#""plain then \u0020 and more than eight bytes \\""#,
        ] {
            let ours = read_document(text.as_bytes(), 8);
            let serde: String = serde_json::from_str(text).unwrap();
            assert_eq!(ours.as_deref(), Some(serde.as_str()), "{text}");
        }
        for text in [
            r#""\ud83d""#,
            r#""\ud83dx""#,
            r#""\ude00""#,
            r#""\ud83d\u0041""#,
            r#""\x""#,
            r#""\u12""#,
            r#""\u12G4""#,
            "\"a\\\n\"",
            "\"\\",
            "\"\\u00e9\u{1}\"",
        ] {
            assert_eq!(read_document(text.as_bytes(), 8), None, "{text}");
        }
    }
}
