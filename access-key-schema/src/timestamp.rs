//! The `CreateDate` timestamp of an IAM access key.
//!
//! # What is accepted
//!
//! AWS sends `CreateDate` as an RFC 3339 date-time, in a handful of spellings:
//!
//! | Source                | Example                            |
//! |-----------------------|------------------------------------|
//! | IAM API (XML/JSON)    | `2015-03-09T18:39:23Z`             |
//! | IAM API, milliseconds | `2015-03-09T18:39:23.411Z`         |
//! | AWS CLI v2            | `2015-03-09T18:39:23.411000+00:00` |
//! | AWS CLI v1            | `2013-06-04T18:17:34Z`             |
//!
//! [`Timestamp`] accepts exactly this grammar, and nothing else:
//!
//! ```text
//! YYYY-MM-DD T HH:MM:SS [ "." 1*DIGIT ] ( "Z" / ( "+" / "-" ) HH:MM )
//! ```
//!
//! written without spaces, where
//!
//! * the year is `0001`-`9999`, the month `01`-`12`, and the day must exist in
//!   that month of the proleptic Gregorian calendar (February 29 only in leap
//!   years: divisible by 4 and not by 100, or divisible by 400, so `2000` is a
//!   leap year and `1900` is not);
//! * the hour is `00`-`23`, the minute and second `00`-`59`;
//! * the fraction, if present, has at least one digit (any number of them);
//! * the offset hour is `00`-`23` and the offset minute `00`-`59`;
//! * `T` and `Z` are uppercase, and nothing (not even a newline) may follow.
//!
//! **Year `0000` is rejected.** RFC 3339's grammar allows it, but Python's
//! `rfc3339-validator` (which the `jsonschema` package uses to check
//! `format: date-time`) does not, and neither do most date libraries, whose
//! calendars start at year 1. AWS never sends it either.
//!
//! **Leap seconds (`:60`) are rejected.** RFC 3339 allows them, but JSON Schema
//! validators disagree on whether `format: date-time` does, AWS never sends
//! them, and a regular expression cannot know which days had one. Rejecting
//! them everywhere keeps every validator in agreement.
//!
//! # The parser and the pattern are the same language
//!
//! [`Timestamp::parse`] is a hand-written byte parser; [`PATTERN`] is a
//! regular expression that accepts exactly the same strings, including the
//! year range and the day-of-month and leap-year rules. The tests check that
//! the two agree on every date of a 205-year sweep (including the rejected
//! year `0000`), on February 28-30 of every year `0000`-`9999`, every time and
//! offset near the limits, and thousands of mutated strings, in Rust's
//! `regex`, Python's `re` and JavaScript's `RegExp` (`u` flag).
//!
//! The schema needs the pattern because in JSON Schema draft 2020-12
//! `"format": "date-time"` is only an annotation: validators are not required
//! to check it, and most do not by default. The `pattern` keyword is always
//! asserted, so it carries the real check; `format` stays for documentation
//! and for the tools that do understand it.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A portable regular expression equivalent to [`Timestamp::parse`].
///
/// Anchored with `^...$`, digits spelled `[0-9]` (never `\d`, which matches
/// non-ASCII digits in Python and .NET), only `(?:...)` groups, no lookaround,
/// and the year range (`0001`-`9999`), day-of-month and leap-year rules
/// spelled out, so Rust's `regex`,
/// ECMA-262 (with or without the `u` flag), Python's `re.search` and Go's RE2
/// all read it the same way. The only unbounded quantifier is the fraction's
/// `[0-9]+`, which is not nested inside another quantifier, so backtracking
/// engines match in linear time. No quantifier is nested in another at all
/// (star height 1): the optional fraction is `(?:\.[0-9]+|)`, not
/// `(?:\.[0-9]+)?`, so star-height screens (safe-regex, used by z-schema)
/// accept the pattern.
///
/// One engine difference remains: Python's `$` also matches just before a
/// final `"\n"`. The JSON Schema produced by [`Timestamp`]'s `JsonSchema`
/// impl therefore pairs the pattern with a `"not": {"pattern": "\n$"}` guard.
pub const PATTERN: &str = concat!(
    "^(?:",
    // Any year 0001-9999 (not 0000), months 01-12 with their day ranges
    // (February up to 28).
    "(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])-(?:",
    "(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])",
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)",
    "|02-(?:0[1-9]|1[0-9]|2[0-8])",
    ")",
    // February 29 of a leap year: ..YY with YY divisible by 4 but not 00
    // (never 0000, as YY is not 00), or YY00 whose century YY is divisible by
    // 4 but not 00 (so 0400, 0800, ..., 9600, but not 0000).
    "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29",
    ")",
    // Time of day, no leap second.
    "T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]",
    // Optional fraction of at least one digit, written as an alternation
    // with the empty string rather than `(?:...)?`: the same language, but
    // star height 1, which regex screens such as safe-regex (z-schema)
    // require; they count `?` around the group's `+` as a nested repetition.
    "(?:\\.[0-9]+|)",
    // Time zone.
    "(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$",
);

/// The pattern of the schema's `not` guard: a string ending in a newline.
///
/// Python's `re.search` (used by the `jsonschema` package) lets `$` match
/// before a final `"\n"`, so `re.search(PATTERN, s + "\n")` succeeds for
/// every valid `s`. Wrapping this pattern in `"not"` rejects exactly those
/// strings; in engines where `$` only matches at the very end (Rust, ECMA-262,
/// RE2) the guard is redundant but harmless.
const NEWLINE_GUARD: &str = "\n$";

/// An RFC 3339 timestamp as AWS sends it, e.g. `2015-03-09T18:39:23Z`.
///
/// The original text is kept exactly, so serializing gives back the very
/// same bytes that were parsed; [`Display`](fmt::Display) and
/// [`as_str`](Self::as_str) return it too. Equality and hashing are therefore
/// textual: `18:39:23Z` and `18:39:23.000+00:00` are the same instant
/// ([`unix_seconds`](Self::unix_seconds) agrees) but different timestamps.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    text: String,
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
    offset_minutes: i16,
}

/// The parsed fields, before the text is stored.
struct Fields {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
    offset_minutes: i16,
}

impl Timestamp {
    /// Parses `s`, which must match the grammar described in the
    /// module documentation exactly.
    ///
    /// Never panics; the only allocation is the copy of `s` that is kept.
    ///
    /// # Errors
    ///
    /// A [`TimestampError`] saying what is wrong (and, for syntax errors, at
    /// which byte) if `s` is not such a timestamp.
    pub fn parse(s: &str) -> Result<Timestamp, TimestampError> {
        let fields = parse_fields(s)?;
        Ok(Timestamp::from_parts(s.to_owned(), fields))
    }

    /// Like [`parse`](Self::parse), but keeps `s` itself instead of a copy.
    fn parse_owned(s: String) -> Result<Timestamp, TimestampError> {
        let fields = parse_fields(&s)?;
        Ok(Timestamp::from_parts(s, fields))
    }

    fn from_parts(text: String, f: Fields) -> Timestamp {
        Timestamp {
            text,
            year: f.year,
            month: f.month,
            day: f.day,
            hour: f.hour,
            minute: f.minute,
            second: f.second,
            nanosecond: f.nanosecond,
            offset_minutes: f.offset_minutes,
        }
    }

    /// The original text, byte for byte.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The year, 1-9999 (local to the offset).
    #[must_use]
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month, 1-12.
    #[must_use]
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, 1-31.
    #[must_use]
    pub fn day(&self) -> u8 {
        self.day
    }

    /// The hour, 0-23.
    #[must_use]
    pub fn hour(&self) -> u8 {
        self.hour
    }

    /// The minute, 0-59.
    #[must_use]
    pub fn minute(&self) -> u8 {
        self.minute
    }

    /// The second, 0-59 (leap seconds are rejected).
    #[must_use]
    pub fn second(&self) -> u8 {
        self.second
    }

    /// The fraction of the second in nanoseconds; digits beyond the ninth
    /// are truncated.
    #[must_use]
    pub fn nanosecond(&self) -> u32 {
        self.nanosecond
    }

    /// The UTC offset in minutes, -1439..=1439 (`Z` and `-00:00` are 0).
    #[must_use]
    pub fn offset_minutes(&self) -> i16 {
        self.offset_minutes
    }

    /// Seconds since 1970-01-01T00:00:00Z of this instant (the fraction is
    /// dropped; the offset is applied).
    #[must_use]
    pub fn unix_seconds(&self) -> i64 {
        let days = days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        days * 86_400
            + i64::from(self.hour) * 3_600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - i64::from(self.offset_minutes) * 60
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400); // 0..=399
    let month_from_march = (month + 9) % 12; // March = 0, February = 11
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1; // 0..=365
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn is_leap_year(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The character starting at byte `at` of `s`, or `None` at the end.
fn found_at(s: &str, at: usize) -> Option<char> {
    if at >= s.len() {
        return None;
    }
    // Errors are only reported after ASCII bytes, so `at` is a character
    // boundary; fall back to U+FFFD rather than panic if it ever is not.
    Some(
        s.get(at..)
            .and_then(|rest| rest.chars().next())
            .unwrap_or(char::REPLACEMENT_CHARACTER),
    )
}

fn expected(s: &str, at: usize, what: &'static str) -> TimestampError {
    TimestampError {
        kind: ErrorKind::Expected {
            what,
            at,
            found: found_at(s, at),
        },
    }
}

/// Reads exactly `count` ASCII digits starting at byte `at`.
fn digits(s: &str, at: usize, count: usize, what: &'static str) -> Result<u16, TimestampError> {
    let bytes = s.as_bytes();
    let mut value = 0u16;
    for i in at..at + count {
        match bytes.get(i) {
            Some(&b) if b.is_ascii_digit() => value = value * 10 + u16::from(b - b'0'),
            _ => return Err(expected(s, i, what)),
        }
    }
    Ok(value)
}

/// Expects the byte `want` at `at`.
fn literal(s: &str, at: usize, want: u8, what: &'static str) -> Result<(), TimestampError> {
    if s.as_bytes().get(at) == Some(&want) {
        Ok(())
    } else {
        Err(expected(s, at, what))
    }
}

fn out_of_range(kind: ErrorKind) -> TimestampError {
    TimestampError { kind }
}

/// Two-digit values are at most 99, so narrowing them cannot fail.
fn two_digits(s: &str, at: usize, what: &'static str) -> Result<u8, TimestampError> {
    digits(s, at, 2, what).map(|v| v as u8)
}

/// The date and time of day (`YYYY-MM-DDTHH:MM:SS`), all in range, read
/// in one pass over the first 19 bytes: the common case. `None` for anything
/// else, which [`date_time_checked`] then reads byte by byte to say what is
/// wrong; both accept exactly the same prefixes.
#[inline]
fn date_time_fast(bytes: &[u8]) -> Option<(u16, u8, u8, u8, u8, u8)> {
    let b: &[u8; 19] = bytes.get(..19)?.try_into().ok()?;
    // Three little-endian words, bytes 0..8, 8..16 and 11..19, each checked
    // against its shape at once (`d` a digit, `?` already checked).
    const SHAPES: [Shape; 3] = [
        Shape::new(b"dddd-dd-"),
        Shape::new(b"ddTdd:dd"),
        Shape::new(b"?????:dd"),
    ];
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let fits = SHAPES[0].fits(word(0)) & SHAPES[1].fits(word(8)) & SHAPES[2].fits(word(11));
    if !fits {
        return None;
    }
    let d = |i: usize| b[i] - b'0';
    let two = |i: usize| d(i) * 10 + d(i + 1);
    let year = u16::from(two(0)) * 100 + u16::from(two(2));
    let (month, day, hour, minute, second) = (two(5), two(8), two(11), two(14), two(17));
    let ok = year != 0
        && (1..=12).contains(&month)
        && day != 0
        && day <= days_in_month(year, month)
        && hour <= 23
        && minute <= 59
        && second <= 59;
    ok.then_some((year, month, day, hour, minute, second))
}

/// What 8 bytes must look like, as masks over a little-endian `u64`.
struct Shape {
    /// `0xFF` in each byte that must be an ASCII digit.
    digits: u64,
    /// `0xFF` in each byte that must equal the template's.
    literal: u64,
    /// The template's bytes there.
    bytes: u64,
}

impl Shape {
    /// From a template: `d` a digit, `?` anything, other bytes themselves.
    const fn new(template: &[u8; 8]) -> Shape {
        let mut shape = Shape {
            digits: 0,
            literal: 0,
            bytes: 0,
        };
        let mut i = 0;
        while i < 8 {
            let at = 8 * i;
            match template[i] {
                b'd' => shape.digits |= 0xFF << at,
                b'?' => {}
                c => {
                    shape.literal |= 0xFF << at;
                    shape.bytes |= (c as u64) << at;
                }
            }
            i += 1;
        }
        shape
    }

    /// Whether `w` has this shape. A byte is a digit when its high nibble is
    /// 3 and stays 3 after adding 6 (`0x30..=0x39`). The addition can carry
    /// out of a byte only when that byte is `>= 0xFA`, which the first test
    /// already refuses, so a carry never hides a bad neighbour.
    #[inline]
    fn fits(&self, w: u64) -> bool {
        let high = self.digits & 0xF0F0_F0F0_F0F0_F0F0;
        let three = self.digits & 0x3030_3030_3030_3030;
        let six = self.digits & 0x0606_0606_0606_0606;
        (w & high) == three
            && (w.wrapping_add(six) & high) == three
            && (w & self.literal) == self.bytes
    }
}

/// [`date_time_fast`]'s prefix, byte by byte, with the precise error.
fn date_time_checked(s: &str) -> Result<(u16, u8, u8, u8, u8, u8), TimestampError> {
    let year = digits(s, 0, 4, "a digit of the 4-digit year")?;
    if year == 0 {
        return Err(out_of_range(ErrorKind::Year(year)));
    }
    literal(s, 4, b'-', "'-' after the year")?;
    let month = two_digits(s, 5, "a digit of the 2-digit month")?;
    if !(1..=12).contains(&month) {
        return Err(out_of_range(ErrorKind::Month(month)));
    }
    literal(s, 7, b'-', "'-' after the month")?;
    let day = two_digits(s, 8, "a digit of the 2-digit day")?;
    if day == 0 || day > days_in_month(year, month) {
        return Err(out_of_range(ErrorKind::Day { day, month, year }));
    }

    literal(s, 10, b'T', "'T' between the date and the time")?;
    let hour = two_digits(s, 11, "a digit of the 2-digit hour")?;
    if hour > 23 {
        return Err(out_of_range(ErrorKind::Hour(hour)));
    }
    literal(s, 13, b':', "':' after the hour")?;
    let minute = two_digits(s, 14, "a digit of the 2-digit minute")?;
    if minute > 59 {
        return Err(out_of_range(ErrorKind::Minute(minute)));
    }
    literal(s, 16, b':', "':' after the minute")?;
    let second = two_digits(s, 17, "a digit of the 2-digit second")?;
    if second > 59 {
        return Err(out_of_range(ErrorKind::Second(second)));
    }
    Ok((year, month, day, hour, minute, second))
}

fn parse_fields(s: &str) -> Result<Fields, TimestampError> {
    if s.is_empty() {
        return Err(out_of_range(ErrorKind::Empty));
    }
    let bytes = s.as_bytes();
    let (year, month, day, hour, minute, second) = match date_time_fast(bytes) {
        Some(fields) => fields,
        None => date_time_checked(s)?,
    };

    let mut pos = 19;
    let mut nanosecond = 0u32;
    if bytes.get(pos) == Some(&b'.') {
        pos += 1;
        let start = pos;
        while let Some(&b) = bytes.get(pos) {
            if !b.is_ascii_digit() {
                break;
            }
            if pos - start < 9 {
                nanosecond = nanosecond * 10 + u32::from(b - b'0');
            }
            pos += 1;
        }
        let count = pos - start;
        if count == 0 {
            return Err(expected(
                s,
                pos,
                "a digit after '.' (the fraction needs at least one)",
            ));
        }
        for _ in count..9 {
            nanosecond *= 10;
        }
    }

    let offset_minutes = match bytes.get(pos) {
        Some(b'Z') => {
            pos += 1;
            0
        }
        Some(&sign @ (b'+' | b'-')) => {
            let hours = two_digits(s, pos + 1, "a digit of the 2-digit offset hour")?;
            if hours > 23 {
                return Err(out_of_range(ErrorKind::OffsetHour(hours)));
            }
            literal(s, pos + 3, b':', "':' in the offset")?;
            let minutes = two_digits(s, pos + 4, "a digit of the 2-digit offset minute")?;
            if minutes > 59 {
                return Err(out_of_range(ErrorKind::OffsetMinute(minutes)));
            }
            pos += 6;
            let total = i16::from(hours) * 60 + i16::from(minutes);
            if sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => {
            let what = if pos == 19 {
                "a fraction ('.'), or a time zone ('Z', '+HH:MM' or '-HH:MM')"
            } else {
                "a time zone ('Z', '+HH:MM' or '-HH:MM')"
            };
            return Err(expected(s, pos, what));
        }
    };

    if let Some(found) = found_at(s, pos) {
        return Err(out_of_range(ErrorKind::Trailing { at: pos, found }));
    }

    Ok(Fields {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanosecond,
        offset_minutes,
    })
}

/// Why a string is not a valid [`Timestamp`].
///
/// The [`Display`](fmt::Display) text says what was wrong and where, e.g.
/// `day 30 is out of range for February 2015 (01-28)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimestampError {
    kind: ErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ErrorKind {
    Empty,
    /// Something other than `what` at byte `at` (`found` is `None` at the end).
    Expected {
        what: &'static str,
        at: usize,
        found: Option<char>,
    },
    /// Only year 0000 is out of range; four digits cannot exceed 9999.
    Year(u16),
    Month(u8),
    Day {
        day: u8,
        month: u8,
        year: u16,
    },
    Hour(u8),
    Minute(u8),
    Second(u8),
    OffsetHour(u8),
    OffsetMinute(u8),
    /// Anything after the time zone.
    Trailing {
        at: usize,
        found: char,
    },
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ErrorKind::Empty => {
                f.write_str("the timestamp is empty; expected e.g. 2015-03-09T18:39:23Z (RFC 3339)")
            }
            ErrorKind::Expected { what, at, found } => {
                write!(f, "expected {what} at byte {at}, found ")?;
                match found {
                    None => f.write_str("the end of the text")?,
                    Some(c) => write!(f, "{c:?}")?,
                }
                match found {
                    Some('t' | 'z') => f.write_str(" (only uppercase 'T' and 'Z' are accepted)"),
                    Some(' ') if at == 10 => f.write_str(" (date and time must be joined by 'T')"),
                    _ => Ok(()),
                }
            }
            ErrorKind::Year(year) => write!(f, "year {year:04} is out of range (0001-9999)"),
            ErrorKind::Month(month) => write!(f, "month {month:02} is out of range (01-12)"),
            ErrorKind::Day { day, month, year } => {
                let name = MONTH_NAMES[usize::from(month - 1)];
                let last = days_in_month(year, month);
                write!(
                    f,
                    "day {day:02} is out of range for {name} {year:04} (01-{last:02})"
                )?;
                if month == 2 && day == 29 {
                    write!(f, "; {year:04} is not a leap year")?;
                }
                Ok(())
            }
            ErrorKind::Hour(hour) => write!(f, "hour {hour:02} is out of range (00-23)"),
            ErrorKind::Minute(minute) => write!(f, "minute {minute:02} is out of range (00-59)"),
            ErrorKind::Second(second) => write!(
                f,
                "second {second:02} is out of range (00-59; leap seconds are not accepted)"
            ),
            ErrorKind::OffsetHour(hour) => {
                write!(f, "offset hour {hour:02} is out of range (00-23)")
            }
            ErrorKind::OffsetMinute(minute) => {
                write!(f, "offset minute {minute:02} is out of range (00-59)")
            }
            ErrorKind::Trailing { at, found } => write!(
                f,
                "unexpected {found:?} at byte {at}: nothing may follow the time zone"
            ),
        }
    }
}

impl std::error::Error for TimestampError {}

impl FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(s: &str) -> Result<Timestamp, TimestampError> {
        Timestamp::parse(s)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.text)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Timestamp").field(&self.text).finish()
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        deserializer.deserialize_str(TimestampVisitor)
    }
}

struct TimestampVisitor;

impl<'de> Visitor<'de> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 timestamp string such as \"2015-03-09T18:39:23Z\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
        Timestamp::parse(v).map_err(E::custom)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Timestamp, E> {
        Timestamp::parse(v).map_err(E::custom)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Timestamp, E> {
        Timestamp::parse_owned(v).map_err(E::custom)
    }
}

/// Always inlined:
///
/// ```json
/// {
///   "type": "string",
///   "format": "date-time",
///   "pattern": PATTERN,
///   "not": { "type": "string", "pattern": "\n$" }
/// }
/// ```
///
/// `format` is only an annotation in draft 2020-12, so `pattern` does the
/// validation. The `not` guard exists for Python: its `re.search` lets `$`
/// match before a final newline, so without the guard a validator built on
/// it (such as the `jsonschema` package) would accept
/// `"2015-03-09T18:39:23Z\n"`, which [`Timestamp::parse`] rejects. With the
/// guard every engine rejects it; elsewhere the guard never changes the
/// verdict.
impl JsonSchema for Timestamp {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Timestamp")
    }

    fn schema_id() -> Cow<'static, str> {
        Cow::Borrowed(concat!(module_path!(), "::Timestamp"))
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date-time",
            "pattern": PATTERN,
            "not": {
                "type": "string",
                "pattern": NEWLINE_GUARD,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;
    use std::collections::HashSet;
    use std::io::{ErrorKind as IoErrorKind, Write};
    use std::process::{Command, Stdio};

    fn pattern() -> Regex {
        Regex::new(PATTERN).expect("PATTERN compiles")
    }

    const ACCEPT: &[&str] = &[
        // The forms AWS sends.
        "2015-03-09T18:39:23Z",
        "2015-03-09T18:39:23.411Z",
        "2015-03-09T18:39:23.411000+00:00",
        "2013-06-04T18:17:34Z",
        // Leap days.
        "2000-02-29T00:00:00Z",
        "2004-02-29T00:00:00Z",
        "2024-02-29T00:00:00Z",
        "1600-02-29T12:00:00Z",
        "2400-02-29T12:00:00Z",
        "0004-02-29T12:00:00Z",
        "0400-02-29T12:00:00Z",
        "0800-02-29T12:00:00Z",
        "9600-02-29T12:00:00Z",
        "9996-02-29T12:00:00Z",
        // Extremes.
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00+23:59",
        "9999-12-31T23:59:59Z",
        "1970-01-01T00:00:00Z",
        // Offsets.
        "2015-03-09T18:39:23-00:00",
        "2015-03-09T18:39:23+23:59",
        "2015-03-09T18:39:23-23:59",
        "2015-03-09T18:39:23+05:30",
        "2015-03-09T18:39:23.5-08:00",
        // Fractions of any length.
        "2015-03-09T18:39:23.0Z",
        "2015-03-09T18:39:23.123456789Z",
        "2015-03-09T18:39:23.1234567891Z",
        "2015-03-09T18:39:23.123456789123456789123456789+01:00",
        "2015-03-09T18:39:23.000000000000000000000000000000000000000Z",
    ];

    const REJECT: &[&str] = &[
        "",
        "2015-02-30T00:00:00Z",
        "2015-03-09 18:39:23",
        "2015-03-09 18:39:23Z",
        "2015-03-09T18:39:23",
        "2015-03-09T18:39:23.411",
        "2015-03-09t18:39:23z",
        "2015-03-09t18:39:23Z",
        "2015-03-09T18:39:23z",
        "2016-12-31T23:59:60Z",
        "2016-12-31T23:59:60.5+00:00",
        "2015-03-09T18:39:23.Z",
        "2015-03-09T18:39:23.+01:00",
        "2015-03-09T18:39:23.1.2Z",
        "2015-03-09T18:39:23,411Z",
        "2015-03-09T18:39:23+24:00",
        "2015-03-09T18:39:23-24:00",
        "2015-03-09T18:39:23+01:60",
        "2015-03-09T18:39:23+0100",
        "2015-03-09T18:39:23+01",
        "2015-03-09T18:39:23+1:00",
        "2015-03-09T18:39:23+01:00Z",
        "2015-03-09T18:39:23ZZ",
        "2015-03-09T18:39:23Z+01:00",
        "2015-3-9T18:39:23Z",
        "2015-03-9T18:39:23Z",
        "2015-03-09T8:39:23Z",
        "2015-03-09T18:39Z",
        "2015-03-09T18:39:23.411000+00:00\n",
        "2015-03-09T18:39:23Z\n",
        "2015-03-09T18:39:23Z\r\n",
        "\n2015-03-09T18:39:23Z",
        " 2015-03-09T18:39:23Z",
        "2015-03-09T18:39:23Z ",
        "2015-03-09T18:39:23Z\u{0}",
        "1900-02-29T00:00:00Z",
        "2100-02-29T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "0100-02-29T00:00:00Z",
        "0001-02-29T00:00:00Z",
        "9700-02-29T00:00:00Z",
        // Year 0000, even on dates that exist in the proleptic calendar
        // (where 0000 is a leap year).
        "0000-01-01T00:00:00Z",
        "0000-02-29T00:00:00Z",
        "0000-12-31T23:59:59Z",
        "0000-06-15T12:00:00.5+01:00",
        "0000-01-01T00:00:00-00:00",
        "2015-00-01T00:00:00Z",
        "2015-13-01T00:00:00Z",
        "2015-01-00T00:00:00Z",
        "2015-01-32T00:00:00Z",
        "2015-04-31T00:00:00Z",
        "2015-03-09T24:00:00Z",
        "2015-03-09T23:60:00Z",
        "2015-03-09T23:59:61Z",
        "12015-03-09T18:39:23Z",
        "015-03-09T18:39:23Z",
        "+2015-03-09T18:39:23Z",
        "-2015-03-09T18:39:23Z",
        "2015-03-09",
        "2015-03-09T",
        "2015/03/09T18:39:23Z",
        // Non-ASCII look-alikes: fullwidth and Arabic-Indic digits, minus sign.
        "\u{ff12}015-03-09T18:39:23Z",
        "2015-03-09T18:39:23.\u{664}Z",
        "2015-03-09T18:39:23\u{2212}01:00",
        "2015-03-09T18:39:23Z\u{e9}",
        "\u{e9}",
    ];

    #[test]
    fn accepts_and_rejects_the_tables() {
        let re = pattern();
        for s in ACCEPT {
            let ts = Timestamp::parse(s).unwrap_or_else(|e| panic!("{s:?} rejected: {e}"));
            assert_eq!(ts.as_str(), *s);
            assert!(re.is_match(s), "PATTERN rejects {s:?}");
        }
        for s in REJECT {
            let err = match Timestamp::parse(s) {
                Ok(ts) => panic!("{s:?} accepted as {ts:?}"),
                Err(e) => e,
            };
            assert!(!err.to_string().is_empty());
            assert!(!re.is_match(s), "PATTERN accepts {s:?}");
        }
    }

    #[test]
    fn every_month_last_day_and_the_day_after() {
        let re = pattern();
        for year in [1u16, 4, 400, 1900, 2000, 2015, 2023, 2024, 2100, 9999] {
            for month in 1..=12u8 {
                let last = days_in_month(year, month);
                let expected_last = match month {
                    2 if matches!(year, 4 | 400 | 2000 | 2024) => 29,
                    2 => 28,
                    4 | 6 | 9 | 11 => 30,
                    _ => 31,
                };
                assert_eq!(last, expected_last, "{year}-{month}");
                let ok = format!("{year:04}-{month:02}-{last:02}T23:59:59Z");
                let bad = format!("{year:04}-{month:02}-{:02}T00:00:00Z", last + 1);
                let ts = Timestamp::parse(&ok).unwrap();
                assert_eq!((ts.year(), ts.month(), ts.day()), (year, month, last));
                assert!(re.is_match(&ok), "{ok}");
                assert!(Timestamp::parse(&bad).is_err(), "{bad}");
                assert!(!re.is_match(&bad), "{bad}");
                // The last day and the first of the next month are one day apart.
                let next = if month == 12 {
                    format!("{:04}-01-01T23:59:59Z", year + 1)
                } else {
                    format!("{year:04}-{:02}-01T23:59:59Z", month + 1)
                };
                if year < 9999 || month < 12 {
                    let next = Timestamp::parse(&next).unwrap();
                    assert_eq!(next.unix_seconds() - ts.unix_seconds(), 86_400, "{ok}");
                }
            }
        }
    }

    #[test]
    fn year_0000_is_rejected_by_parse_and_pattern() {
        let re = pattern();
        let mut checked = 0;
        // Every date that year 0000 would have in the proleptic calendar
        // (366 days, as 0000 is divisible by 400), with a few time zones.
        for month in 1..=12u8 {
            for day in 1..=days_in_month(0, month) {
                for zone in ["Z", ".5Z", "+00:00", "-23:59", "+23:59"] {
                    let s = format!("0000-{month:02}-{day:02}T00:00:00{zone}");
                    let msg = Timestamp::parse(&s).unwrap_err().to_string();
                    assert_eq!(msg, "year 0000 is out of range (0001-9999)", "{s}");
                    assert!(!re.is_match(&s), "PATTERN accepts {s:?}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 366 * 5);
        // The first accepted instant is the first second of year 0001.
        let first = Timestamp::parse("0001-01-01T00:00:00Z").unwrap();
        assert_eq!(first.year(), 1);
        assert_eq!(first.unix_seconds(), -62_135_596_800);
        assert!(re.is_match(first.as_str()));
    }

    #[test]
    fn fields() {
        let ts = Timestamp::parse("2015-03-09T18:39:23.411000+05:30").unwrap();
        assert_eq!(ts.year(), 2015);
        assert_eq!(ts.month(), 3);
        assert_eq!(ts.day(), 9);
        assert_eq!(ts.hour(), 18);
        assert_eq!(ts.minute(), 39);
        assert_eq!(ts.second(), 23);
        assert_eq!(ts.nanosecond(), 411_000_000);
        assert_eq!(ts.offset_minutes(), 330);

        let cases: &[(&str, u32, i16)] = &[
            ("2015-03-09T18:39:23Z", 0, 0),
            ("2015-03-09T18:39:23.5Z", 500_000_000, 0),
            ("2015-03-09T18:39:23.000000001Z", 1, 0),
            ("2015-03-09T18:39:23.123456789Z", 123_456_789, 0),
            ("2015-03-09T18:39:23.1234567899999Z", 123_456_789, 0),
            ("2015-03-09T18:39:23.999999999999-23:59", 999_999_999, -1439),
            ("2015-03-09T18:39:23+23:59", 0, 1439),
            ("2015-03-09T18:39:23-00:00", 0, 0),
            ("2015-03-09T18:39:23+00:01", 0, 1),
            ("2015-03-09T18:39:23-01:30", 0, -90),
        ];
        for &(s, nanos, offset) in cases {
            let ts = Timestamp::parse(s).unwrap();
            assert_eq!(ts.nanosecond(), nanos, "{s}");
            assert_eq!(ts.offset_minutes(), offset, "{s}");
        }
    }

    #[test]
    fn unix_seconds_known_values() {
        let cases: &[(&str, i64)] = &[
            ("1970-01-01T00:00:00Z", 0),
            ("1970-01-01T00:00:00.999Z", 0),
            ("1969-12-31T23:59:59Z", -1),
            ("2015-03-09T18:39:23.411000+00:00", 1_425_926_363),
            ("2015-03-09T18:39:23Z", 1_425_926_363),
            ("2015-03-09T19:39:23+01:00", 1_425_926_363),
            ("2015-03-09T17:39:23-01:00", 1_425_926_363),
            ("2015-03-09T18:39:23+01:00", 1_425_926_363 - 3_600),
            ("2013-06-04T18:17:34Z", 1_370_369_854),
            ("2000-02-29T00:00:00Z", 951_782_400),
            ("2038-01-19T03:14:07Z", 2_147_483_647),
            ("2016-12-31T23:59:59-23:59", 1_483_315_139),
            ("2016-12-31T23:59:59+23:59", 1_483_142_459),
            ("0001-01-01T00:00:00Z", -62_135_596_800),
            ("0001-01-01T23:59:59+23:59", -62_135_596_741),
            ("0001-03-01T00:00:00Z", -62_135_596_800 + 59 * 86_400),
            ("9999-12-31T23:59:59Z", 253_402_300_799),
        ];
        for &(s, want) in cases {
            assert_eq!(Timestamp::parse(s).unwrap().unix_seconds(), want, "{s}");
        }
    }

    #[test]
    fn error_messages_say_what_is_wrong() {
        let cases: &[(&str, &str)] = &[
            ("", "empty"),
            (
                "2015-02-30T00:00:00Z",
                "day 30 is out of range for February 2015 (01-28)",
            ),
            ("2023-02-29T00:00:00Z", "2023 is not a leap year"),
            (
                "0000-01-01T00:00:00Z",
                "year 0000 is out of range (0001-9999)",
            ),
            (
                "0000-02-29T00:00:00Z",
                "year 0000 is out of range (0001-9999)",
            ),
            (
                "0001-04-31T00:00:00Z",
                "day 31 is out of range for April 0001",
            ),
            ("0001-02-29T00:00:00Z", "0001 is not a leap year"),
            (
                "2015-01-00T00:00:00Z",
                "day 00 is out of range for January 2015",
            ),
            ("2015-13-01T00:00:00Z", "month 13 is out of range"),
            ("2015-03-09T24:00:00Z", "hour 24 is out of range"),
            ("2015-03-09T23:60:00Z", "minute 60 is out of range"),
            ("2016-12-31T23:59:60Z", "leap seconds are not accepted"),
            (
                "2015-03-09T18:39:23+24:00",
                "offset hour 24 is out of range",
            ),
            (
                "2015-03-09T18:39:23+01:60",
                "offset minute 60 is out of range",
            ),
            ("2015-03-09 18:39:23", "joined by 'T'"),
            ("2015-03-09t18:39:23z", "only uppercase"),
            ("2015-03-09T18:39:23z", "only uppercase"),
            ("2015-03-09T18:39:23", "time zone ('Z'"),
            ("2015-03-09T18:39:23", "found the end of the text"),
            ("2015-03-09T18:39:23.Z", "a digit after '.'"),
            (
                "2015-3-9T18:39:23Z",
                "expected a digit of the 2-digit month at byte 6",
            ),
            ("2015-03-09T18:39:23Z\n", "unexpected '\\n' at byte 20"),
            ("2015-03-09T18:39:23+0100", "':' in the offset"),
            ("\u{ff12}015-03-09T18:39:23Z", "found '\u{ff12}'"),
            (
                "2015-03-09T18:39:23Z\u{e9}",
                "unexpected '\u{e9}' at byte 20",
            ),
        ];
        for &(s, want) in cases {
            let msg = Timestamp::parse(s).unwrap_err().to_string();
            assert!(msg.contains(want), "{s:?}: {msg:?} lacks {want:?}");
        }
    }

    #[test]
    fn display_debug_from_str() {
        let s = "2015-03-09T18:39:23.411000+00:00";
        let ts: Timestamp = s.parse().unwrap();
        assert_eq!(ts.to_string(), s);
        assert_eq!(format!("{ts:?}"), format!("Timestamp({s:?})"));
        assert!("nope".parse::<Timestamp>().is_err());
        let e = Timestamp::parse("nope").unwrap_err();
        let _: &dyn std::error::Error = &e;
        assert!(format!("{e:?}").starts_with("TimestampError"));
        // Equality is textual.
        let a = Timestamp::parse("2015-03-09T18:39:23Z").unwrap();
        let b = Timestamp::parse("2015-03-09T18:39:23.000+00:00").unwrap();
        assert_ne!(a, b);
        assert_eq!(a.unix_seconds(), b.unix_seconds());
        assert_eq!(a, a.clone());
    }

    #[test]
    fn serde_round_trip_is_byte_identical() {
        for s in ACCEPT {
            let json = serde_json::to_string(s).unwrap();
            let ts: Timestamp = serde_json::from_str(&json).unwrap();
            assert_eq!(ts.as_str(), *s);
            assert_eq!(serde_json::to_string(&ts).unwrap(), json);
            // The owned-string path (visit_string).
            let ts: Timestamp = serde_json::from_value(serde_json::Value::from(*s)).unwrap();
            assert_eq!(ts.as_str(), *s);
        }
        for s in REJECT {
            let json = serde_json::to_string(s).unwrap();
            assert!(serde_json::from_str::<Timestamp>(&json).is_err(), "{s:?}");
            let value = serde_json::Value::from(*s);
            assert!(serde_json::from_value::<Timestamp>(value).is_err(), "{s:?}");
        }
    }

    #[test]
    fn serde_errors() {
        let err = serde_json::from_str::<Timestamp>("\"2015-02-30T00:00:00Z\"").unwrap_err();
        assert!(
            err.to_string()
                .contains("day 30 is out of range for February 2015"),
            "{err}"
        );
        let err = serde_json::from_str::<Timestamp>("\"2015-03-09T18:39:23Z\\n\"").unwrap_err();
        assert!(err.to_string().contains("nothing may follow"), "{err}");
        for json in ["1425926363", "null", "true", "[]", "{}", "1.5"] {
            let err = serde_json::from_str::<Timestamp>(json).unwrap_err();
            assert!(
                err.to_string().contains("RFC 3339 timestamp"),
                "{json}: {err}"
            );
        }
    }

    #[test]
    fn json_schema_is_inline_with_pattern_and_guard() {
        let mut generator = SchemaGenerator::default();
        let schema = generator.subschema_for::<Timestamp>();
        assert_eq!(
            schema.as_value(),
            &serde_json::json!({
                "type": "string",
                "format": "date-time",
                "pattern": PATTERN,
                "not": { "type": "string", "pattern": "\n$" },
            })
        );
        assert!(
            generator.definitions().is_empty(),
            "Timestamp must be inlined"
        );
        assert_eq!(Timestamp::schema_name(), "Timestamp");
        assert!(Timestamp::inline_schema());
    }

    #[test]
    fn pattern_is_portable_and_redos_safe() {
        assert!(PATTERN.starts_with('^') && PATTERN.ends_with('$'));
        assert!(!PATTERN.contains("\\d"), "use [0-9], not \\d");
        assert!(!PATTERN.contains('*'));
        assert!(!PATTERN.contains(",}"));
        // Apart from the sign class, the only '+' is the fraction's `[0-9]+`.
        let without_sign_class = PATTERN.replace("[+-]", "");
        assert_eq!(without_sign_class.matches('+').count(), 1);
        assert!(PATTERN.contains(FRACTION));
        // Every group is non-capturing.
        assert_eq!(PATTERN.matches('(').count(), PATTERN.matches("(?:").count());
        // The only escape is `\.`, which every engine reads alike.
        assert_eq!(PATTERN.matches('\\').count(), 1);
    }

    /// The optional fraction as emitted, and as it was written before the
    /// star-height rewrite.
    const FRACTION: &str = "(?:\\.[0-9]+|)";
    const FRACTION_BEFORE: &str = "(?:\\.[0-9]+)?";

    /// Star height as safe-regex (z-schema's screen) counts it: every
    /// repetition (`?`, `*`, `+`, `{n}`, `{n,m}`) adds one to the height of
    /// what it repeats. Returns (star height, number of repetitions).
    fn star_height(pattern: &str) -> (usize, usize) {
        use regex_syntax::ast::{parse::Parser, Ast};
        fn walk(ast: &Ast, depth: usize, max: &mut usize, reps: &mut usize) {
            match ast {
                Ast::Repetition(r) => {
                    *reps += 1;
                    *max = (*max).max(depth + 1);
                    walk(&r.ast, depth + 1, max, reps);
                }
                Ast::Group(g) => walk(&g.ast, depth, max, reps),
                Ast::Alternation(a) => a.asts.iter().for_each(|x| walk(x, depth, max, reps)),
                Ast::Concat(c) => c.asts.iter().for_each(|x| walk(x, depth, max, reps)),
                _ => {}
            }
        }
        let ast = Parser::new().parse(pattern).expect("pattern parses");
        let (mut max, mut reps) = (0, 0);
        walk(&ast, 0, &mut max, &mut reps);
        (max, reps)
    }

    #[test]
    fn star_height_counts_nested_repetitions() {
        assert_eq!(star_height(FRACTION_BEFORE), (2, 2));
        assert_eq!(star_height(FRACTION), (1, 1));
        assert_eq!(star_height("^(?:a{2}(?:b|c)+)$"), (1, 2));
        assert_eq!(star_height("^(?:(?:a*)b)+$"), (2, 2));
    }

    /// z-schema refuses a schema whose patterns fail safe-regex: star height
    /// above 1, or more than 25 repetitions in one pattern.
    #[test]
    fn pattern_has_star_height_one() {
        let (height, reps) = star_height(PATTERN);
        assert_eq!(height, 1, "a quantifier nested in another: {PATTERN}");
        assert!(reps <= 25, "{reps} repetitions");
    }

    /// The star-height rewrite keeps the language. (1) It changed one
    /// subexpression and nothing else: the pattern as it was is PATTERN with
    /// FRACTION put back as FRACTION_BEFORE. (2) The two subexpressions are
    /// the same language: their minimal automata have at most 4 states each
    /// (start, after `.`, in digits, dead) over the letter classes `.`,
    /// `[0-9]` and anything else, so agreeing on every string of up to
    /// 4 + 4 - 1 = 7 letters of those classes proves them equal (Moore); equal
    /// sublanguages substituted into the same context give equal languages.
    /// (3) As a check of (1) and (2), the old and the new pattern agree on
    /// every sweep and mutation string the parser equivalence uses.
    #[test]
    fn fraction_rewrite_keeps_the_language() {
        assert_eq!(PATTERN.matches(FRACTION).count(), 1);
        assert!(!PATTERN.contains(FRACTION_BEFORE));
        let before_text = PATTERN.replacen(FRACTION, FRACTION_BEFORE, 1);
        assert_eq!(before_text.len(), PATTERN.len());

        let new = Regex::new(&format!("^{FRACTION}$")).unwrap();
        let old = Regex::new(&format!("^{FRACTION_BEFORE}$")).unwrap();
        let letters = ['.', '0', '9', '/', ':', 'a'];
        let mut strings = vec![String::new()];
        let mut checked = 0;
        for _ in 0..=7 {
            let mut next = Vec::new();
            for s in &strings {
                assert_eq!(new.is_match(s), old.is_match(s), "{s:?}");
                checked += 1;
                for c in letters {
                    next.push(format!("{s}{c}"));
                }
            }
            strings = next;
        }
        assert_eq!(checked, (0..=7).map(|n| 6usize.pow(n)).sum::<usize>());

        let before = Regex::new(&before_text).unwrap();
        let after = pattern();
        let mut all = date_sweep();
        all.extend(time_sweep());
        all.extend(mutations());
        let mut accepted = 0;
        for s in &all {
            assert_eq!(after.is_match(s), before.is_match(s), "{s:?}");
            accepted += usize::from(after.is_match(s));
        }
        assert!(accepted > 10_000 && accepted < all.len(), "{accepted}");
    }

    // ----- equivalence between `parse` and `PATTERN` -----

    fn push_unique(out: &mut Vec<String>, seen: &mut HashSet<String>, s: String) {
        if seen.insert(s.clone()) {
            out.push(s);
        }
    }

    /// (a) Every day 00..=32 of every month 00..=13 of the years 0000 (all
    /// rejected), 0001 and 1899..=2101, at a fixed time.
    fn date_sweep() -> Vec<String> {
        let years = [0u16, 1].into_iter().chain(1899..=2101);
        let mut out = Vec::new();
        for year in years {
            for month in 0..=13u8 {
                for day in 0..=32u8 {
                    out.push(format!("{year:04}-{month:02}-{day:02}T12:34:56Z"));
                }
            }
        }
        out
    }

    /// (b) Hours 00..=24, minutes and seconds 00..=61, then offsets with
    /// hours 00..=24 and minutes 00..=61 of both signs.
    fn time_sweep() -> Vec<String> {
        let mut out = Vec::new();
        for hour in 0..=24u8 {
            for minute in 0..=61u8 {
                for second in 0..=61u8 {
                    out.push(format!("2016-12-31T{hour:02}:{minute:02}:{second:02}Z"));
                }
            }
        }
        for sign in ['+', '-'] {
            for hour in 0..=24u8 {
                for minute in 0..=61u8 {
                    out.push(format!("2016-12-31T23:59:59{sign}{hour:02}:{minute:02}"));
                    out.push(format!("2016-12-31T00:00:00.5{sign}{hour:02}:{minute:02}"));
                }
            }
        }
        out
    }

    const MUTATION_BASES: &[&str] = &[
        "2015-03-09T18:39:23Z",
        "2015-03-09T18:39:23.411Z",
        "2015-03-09T18:39:23.411000+00:00",
        "2013-06-04T18:17:34Z",
        "2000-02-29T23:59:59-23:59",
        "2016-12-31T23:59:59.123456789123+05:30",
    ];
    const MUTATION_CHARS: &str = "0123456789-:T Z+.tz\n";

    /// (c) Each base with every position replaced by each mutation
    /// character, plus every deletion, insertion and prefix.
    fn mutations() -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for base in MUTATION_BASES {
            let chars: Vec<char> = base.chars().collect();
            for i in 0..chars.len() {
                for c in MUTATION_CHARS.chars() {
                    let mut m = chars.clone();
                    m[i] = c;
                    push_unique(&mut out, &mut seen, m.into_iter().collect());
                }
            }
            for i in 0..chars.len() {
                let mut m = chars.clone();
                m.remove(i);
                push_unique(&mut out, &mut seen, m.into_iter().collect());
            }
            for i in 0..=chars.len() {
                for c in MUTATION_CHARS.chars() {
                    let mut m = chars.clone();
                    m.insert(i, c);
                    push_unique(&mut out, &mut seen, m.into_iter().collect());
                }
            }
            for i in 0..=chars.len() {
                push_unique(&mut out, &mut seen, chars[..i].iter().collect());
            }
        }
        out
    }

    /// Asserts agreement on every string; returns how many were accepted.
    fn assert_agree(re: &Regex, strings: &[String]) -> usize {
        let mut accepted = 0;
        for s in strings {
            let parsed = Timestamp::parse(s);
            assert_eq!(
                re.is_match(s),
                parsed.is_ok(),
                "PATTERN and parse disagree on {s:?} (parse: {parsed:?})"
            );
            accepted += usize::from(parsed.is_ok());
        }
        accepted
    }

    /// The one-pass prefix reader accepts exactly what the byte-by-byte one
    /// accepts, with the same fields, on every sweep and mutation.
    #[test]
    fn fast_prefix_agrees_on_every_byte_at_every_position() {
        // The word-at-a-time digit test against the byte-by-byte reading:
        // every byte value at each of the 19 positions (and two at once
        // around each separator, where a carry could leak).
        let bases = [
            "2015-03-09T18:39:23",
            "2000-02-29T23:59:59",
            "9999-12-31T00:00:00",
        ];
        let agree = |m: &[u8]| {
            let fast = date_time_fast(m);
            match std::str::from_utf8(m) {
                Ok(s) => assert_eq!(fast, date_time_checked(s).ok(), "{s:?}"),
                Err(_) => assert_eq!(fast, None, "{m:?}"),
            }
        };
        for base in bases {
            for i in 0..19 {
                for b in 0..=255u8 {
                    let mut m = base.as_bytes().to_vec();
                    m[i] = b;
                    agree(&m);
                }
            }
            for sep in [4, 7, 10, 13, 16] {
                for (lo, hi) in [
                    (b'/', b'9'),
                    (b'9', b':'),
                    (0xFF, b'0'),
                    (b'0', 0xFF),
                    (0xFA, 0xFA),
                ] {
                    let mut m = base.as_bytes().to_vec();
                    m[sep - 1] = lo;
                    m[sep] = hi;
                    agree(&m);
                    m[sep] = lo;
                    m[sep + 1] = hi;
                    agree(&m);
                }
            }
        }
    }

    #[test]
    fn fast_prefix_agrees_with_checked_prefix() {
        let mut all = date_sweep();
        all.extend(time_sweep());
        all.extend(mutations());
        all.extend(external_sample());
        let mut fast_hits = 0;
        for s in &all {
            let fast = date_time_fast(s.as_bytes());
            assert_eq!(fast, date_time_checked(s).ok(), "{s:?}");
            fast_hits += usize::from(fast.is_some());
        }
        // Both outcomes are exercised.
        assert!(
            fast_hits > 1000 && fast_hits < all.len(),
            "{fast_hits}/{}",
            all.len()
        );
    }

    #[test]
    fn equivalence_date_sweep() {
        let re = pattern();
        let strings = date_sweep();
        let accepted = assert_agree(&re, &strings);
        // Independent check of the calendar: the sweep must accept exactly
        // the days between the first and last year, and consecutive accepted
        // dates must be exactly one day apart.
        let span = |from: &str, to: &str| {
            let from = Timestamp::parse(from).unwrap().unix_seconds();
            let to = Timestamp::parse(to).unwrap().unix_seconds();
            usize::try_from((to - from) / 86_400).unwrap()
        };
        // Year 0000 (the first 14 * 33 strings) is rejected throughout.
        let (year_0000, rest) = strings.split_at(14 * 33);
        assert!(year_0000.iter().all(|s| s.starts_with("0000-")));
        for s in year_0000 {
            assert!(Timestamp::parse(s).is_err(), "{s}");
            assert!(!re.is_match(s), "{s}");
        }
        let expected = span("0001-01-01T00:00:00Z", "0002-01-01T00:00:00Z")
            + span("1899-01-01T00:00:00Z", "2102-01-01T00:00:00Z");
        assert_eq!(accepted, expected);
        assert_eq!(expected, 365 + 203 * 365 + 49);
        // Within each run of consecutive years (0001, then 1899-2101).
        let mut previous: Option<Timestamp> = None;
        for s in rest {
            if let Ok(ts) = Timestamp::parse(s) {
                if let Some(p) = &previous {
                    if ts.year() <= p.year() + 1 {
                        assert_eq!(ts.unix_seconds() - p.unix_seconds(), 86_400, "{s}");
                    } else {
                        assert_eq!((p.year(), ts.year()), (1, 1899), "{s}");
                    }
                }
                previous = Some(ts);
            }
        }
        println!(
            "date sweep: {} strings, {accepted} accepted, Rust regex == parse",
            strings.len()
        );
    }

    #[test]
    fn equivalence_february_of_every_year() {
        let re = pattern();
        let mut strings = Vec::new();
        for year in 0..=9999u16 {
            for day in 28..=30 {
                strings.push(format!("{year:04}-02-{day}T00:00:00Z"));
            }
        }
        let accepted = assert_agree(&re, &strings);
        // Year 0000 is rejected: 9,999 Feb 28ths plus 2,424 leap days
        // (2,500 - 100 + 25, less 0000 itself).
        assert_eq!(accepted, 9_999 + 2_424);
        for day in 28..=30 {
            let s = format!("0000-02-{day}T00:00:00Z");
            assert!(Timestamp::parse(&s).is_err() && !re.is_match(&s), "{s}");
        }
        println!(
            "February 28-30 of 0000-9999: {} strings, {accepted} accepted, Rust regex == parse",
            strings.len()
        );
    }

    #[test]
    fn equivalence_time_sweep() {
        let re = pattern();
        let strings = time_sweep();
        let accepted = assert_agree(&re, &strings);
        assert_eq!(accepted, 24 * 60 * 60 + 2 * 2 * 24 * 60);
        println!(
            "time sweep: {} strings, {accepted} accepted, Rust regex == parse",
            strings.len()
        );
    }

    #[test]
    fn equivalence_mutations() {
        let re = pattern();
        let strings = mutations();
        assert!(strings.len() > 3_000, "{}", strings.len());
        let accepted = assert_agree(&re, &strings);
        assert!(accepted > 100);
        println!(
            "mutations: {} strings, {accepted} accepted, Rust regex == parse",
            strings.len()
        );
    }

    /// About 2,000 strings for the external engines: the tables, the calendar
    /// edges of a few telling years, the time and offset limits, and every
    /// fifth mutation.
    fn external_sample() -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for s in ACCEPT.iter().chain(REJECT) {
            push_unique(&mut out, &mut seen, (*s).to_owned());
        }
        for s in ACCEPT {
            push_unique(&mut out, &mut seen, format!("{s}\n"));
        }
        for year in [
            0u16, 1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9600, 9999,
        ] {
            for month in 0..=13u8 {
                for day in [0u8, 1, 10, 28, 29, 30, 31, 32] {
                    let s = format!("{year:04}-{month:02}-{day:02}T12:34:56Z");
                    push_unique(&mut out, &mut seen, s);
                }
            }
        }
        for hour in [0u8, 9, 10, 19, 20, 23, 24] {
            for minute in [0u8, 9, 59, 60] {
                for second in [0u8, 59, 60, 61] {
                    let s = format!("2016-12-31T{hour:02}:{minute:02}:{second:02}.25Z");
                    push_unique(&mut out, &mut seen, s);
                }
                for sign in ['+', '-'] {
                    let s = format!("2016-12-31T01:02:03{sign}{hour:02}:{minute:02}");
                    push_unique(&mut out, &mut seen, s);
                }
            }
        }
        for s in mutations().into_iter().step_by(5) {
            push_unique(&mut out, &mut seen, s);
        }
        out
    }

    /// Runs `program args...` with `input` on stdin and returns its stdout,
    /// or `None` if the program is not installed.
    fn run(program: &str, args: &[&str], input: String) -> Option<String> {
        let mut child = match Command::new(program)
            .args(args)
            .env("PYTHONIOENCODING", "utf-8")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
        {
            Ok(child) => child,
            Err(e) if e.kind() == IoErrorKind::NotFound => return None,
            Err(e) => panic!("cannot run {program}: {e}"),
        };
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || {
            // A failed write shows up as a bad exit status below.
            let _ = stdin.write_all(input.as_bytes());
        });
        let output = child.wait_with_output().unwrap();
        writer.join().unwrap();
        assert!(
            output.status.success(),
            "{program} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        Some(String::from_utf8(output.stdout).unwrap())
    }

    /// Sends the sample to an engine and compares its verdicts with `parse`.
    /// `schema` is the engine's verdict with the newline guard applied, `raw`
    /// the verdict of PATTERN alone, which may differ only by accepting a
    /// final newline (Python).
    fn compare_engine(name: &str, program: &str, args: &[&str]) {
        let strings = external_sample();
        let request = serde_json::json!({
            "pattern": PATTERN,
            "guard": NEWLINE_GUARD,
            "strings": strings,
        });
        let Some(stdout) = run(program, args, request.to_string()) else {
            println!("NOTE: `{program}` not found; skipping the {name} equivalence check");
            return;
        };
        let reply: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let verdicts = |key: &str| -> Vec<bool> {
            reply[key]
                .as_array()
                .unwrap_or_else(|| panic!("{name}: no {key:?} in {stdout}"))
                .iter()
                .map(|v| v.as_bool().unwrap())
                .collect()
        };
        let schema = verdicts("schema");
        let raw = verdicts("raw");
        assert_eq!(schema.len(), strings.len());
        assert_eq!(raw.len(), strings.len());
        let mut accepted = 0;
        let mut raw_only = 0;
        for ((s, &with_guard), &bare) in strings.iter().zip(&schema).zip(&raw) {
            let ok = Timestamp::parse(s).is_ok();
            assert_eq!(
                with_guard, ok,
                "{name} (pattern + guard) disagrees on {s:?}"
            );
            accepted += usize::from(ok);
            if bare != ok {
                // Only a final newline may slip past the bare pattern.
                assert!(
                    bare && s.ends_with('\n'),
                    "{name} (pattern) disagrees on {s:?}"
                );
                raw_only += 1;
            }
        }
        println!(
            "{name}: {} strings, {accepted} accepted, all agree with parse \
             ({raw_only} accepted by the bare pattern only because of a final newline)",
            strings.len()
        );
        if name == "Python re" {
            assert!(raw_only > 0, "Python's `$` should accept a final newline");
        } else {
            assert_eq!(raw_only, 0);
        }
    }

    const PYTHON_SCRIPT: &str = r#"
import json, re, sys
req = json.load(sys.stdin)
pattern = re.compile(req["pattern"])
guard = re.compile(req["guard"])
raw = [bool(pattern.search(s)) for s in req["strings"]]
schema = [ok and not guard.search(s) for ok, s in zip(raw, req["strings"])]
json.dump({"schema": schema, "raw": raw}, sys.stdout)
"#;

    const NODE_SCRIPT: &str = r#"
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const req = JSON.parse(input);
  const pattern = new RegExp(req.pattern, "u");
  const guard = new RegExp(req.guard, "u");
  const raw = req.strings.map((s) => pattern.test(s));
  const schema = req.strings.map((s, i) => raw[i] && !guard.test(s));
  process.stdout.write(JSON.stringify({ schema, raw }));
});
"#;

    #[test]
    fn equivalence_python_re() {
        compare_engine("Python re", "python3", &["-c", PYTHON_SCRIPT]);
    }

    #[test]
    fn equivalence_node_regexp_u() {
        compare_engine("Node RegExp(u)", "node", &["-e", NODE_SCRIPT]);
    }

    #[test]
    fn external_sample_size() {
        let n = external_sample().len();
        assert!((1_500..=3_000).contains(&n), "{n}");
    }
}
