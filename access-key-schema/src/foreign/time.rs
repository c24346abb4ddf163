//! `time::OffsetDateTime` (feature `time`): read in the `date_time` rule's
//! language with [`Timestamp`](crate::Timestamp)'s parser, then converted
//! to the instant at the text's own offset (`+01:00` stays `+01:00`);
//! digits of the fraction past the ninth are dropped. Schema: the
//! `date_time` rule's.
//!
//! `time`'s own `Serialize` writes no RFC 3339: a tuple
//! (`[2015,68,18,39,23,0,0,0,0]`), or with its `serde-human-readable`
//! feature `2015-03-09 18:39:23.0 +00:00:00`; both are outside the
//! language, so a struct serialized as it is cannot be sent back. Write the
//! field with [`serialize`] (`#[serde(serialize_with =
//! "access_key_schema::foreign::time::serialize")]`, which the derive
//! reads past): RFC 3339 in the language, or an error for a value it
//! cannot name (a year outside 0001-9999, an offset with seconds or of
//! 24 hours or more). Its `Deserialize` is never what reads a payload:
//! (`serialize_option` for an `Option`). `from_json` reads the text with
//! the language, and when it hands the
//! payload to serde it first rewrites each accepted string into the form
//! `time`'s `Deserialize` reads.

use std::fmt::Write as _;

use ::time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};
use serde::Serializer;

use super::Foreign;
use crate::rules::format::Format;

impl Foreign for OffsetDateTime {
    fn format() -> &'static Format {
        &crate::rules::date_time::FORMAT
    }

    fn read(s: &str) -> Option<OffsetDateTime> {
        // From the text's own fields: the local date-time is always in
        // `time`'s range (its UTC instant may not be, at the ends).
        let t = crate::Timestamp::parse(s).ok()?;
        let date = Date::from_calendar_date(
            i32::from(t.year()),
            Month::try_from(t.month()).ok()?,
            t.day(),
        )
        .ok()?;
        let time = Time::from_hms_nano(t.hour(), t.minute(), t.second(), t.nanosecond()).ok()?;
        let offset = UtcOffset::from_whole_seconds(i32::from(t.offset_minutes()) * 60).ok()?;
        Some(PrimitiveDateTime::new(date, time).assume_offset(offset))
    }
}

super::foreign_impls!(OffsetDateTime);

/// `value` as RFC 3339 in the `date_time` rule's language: `Z` for a zero
/// offset, else `+HH:MM`; the fraction's digits without trailing zeros.
/// `None` for a value the language cannot name.
#[must_use]
pub fn to_rfc3339(value: &OffsetDateTime) -> Option<String> {
    let (hours, minutes, seconds) = value.offset().as_hms();
    if seconds != 0 || hours.unsigned_abs() > 23 || !(1..=9999).contains(&value.year()) {
        return None;
    }
    let mut out = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        value.year(),
        u8::from(value.month()),
        value.day(),
        value.hour(),
        value.minute(),
        value.second()
    );
    let nanos = value.nanosecond();
    if nanos != 0 {
        let digits = format!("{nanos:09}");
        let _ = write!(out, ".{}", digits.trim_end_matches('0'));
    }
    if value.offset().is_utc() {
        out.push('Z');
    } else {
        let sign = if value.offset().is_negative() {
            '-'
        } else {
            '+'
        };
        let _ = write!(
            out,
            "{sign}{:02}:{:02}",
            hours.unsigned_abs(),
            minutes.unsigned_abs()
        );
    }
    Some(out)
}

/// A `serialize_with` function writing [`to_rfc3339`]'s text.
///
/// # Errors
///
/// A value the language cannot name (a year outside 0001-9999, an offset
/// with seconds or of 24 hours or more), or the serializer's own.
pub fn serialize<S: Serializer>(value: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
    match to_rfc3339(value) {
        Some(text) => serializer.serialize_str(&text),
        None => Err(serde::ser::Error::custom(
            "an OffsetDateTime outside the date-time language (years 0001-9999, offsets in whole minutes under 24 hours)",
        )),
    }
}

/// [`serialize`] for an `Option<OffsetDateTime>` field: `null` for `None`.
///
/// # Errors
///
/// As [`serialize`].
pub fn serialize_option<S: Serializer>(
    value: &Option<OffsetDateTime>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => serialize(v, serializer),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    super::super::language_tests!(
        OffsetDateTime,
        [
            &super::super::DATE_TIMES[..],
            &["9999-12-31T23:59:59.999999999-23:59"]
        ]
        .concat(),
        [
            &super::super::NOT_DATE_TIMES[..],
            &["2015-03-09 18:39:23.0 +00:00:00"]
        ]
        .concat()
    );

    #[test]
    fn the_offset_is_kept() {
        let t = OffsetDateTime::read("2015-03-09T18:39:23.1234567891234-05:30").unwrap();
        assert_eq!(t.offset(), UtcOffset::from_hms(-5, -30, 0).unwrap());
        assert_eq!((t.hour(), t.minute(), t.second()), (18, 39, 23));
        assert_eq!(t.nanosecond(), 123_456_789);
        assert_eq!(t.unix_timestamp(), 1_425_946_163);
        let z = OffsetDateTime::read("2015-03-09T18:39:23Z").unwrap();
        assert!(z.offset().is_utc());
        assert_eq!(z.unix_timestamp(), 1_425_926_363);
    }

    #[test]
    fn serialize_with_round_trips_in_the_language() {
        #[derive(serde::Serialize)]
        struct W(#[serde(serialize_with = "serialize")] OffsetDateTime);
        for (s, text) in [
            ("2015-03-09T18:39:23Z", "2015-03-09T18:39:23Z"),
            (
                "2015-03-09T18:39:23.411000+00:00",
                "2015-03-09T18:39:23.411Z",
            ),
            (
                "2015-03-09T18:39:23.1234567891234-05:30",
                "2015-03-09T18:39:23.123456789-05:30",
            ),
            ("0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00+01:00"),
            ("9999-12-31T23:59:59.5-23:59", "9999-12-31T23:59:59.5-23:59"),
            ("2015-03-09T18:39:23-00:00", "2015-03-09T18:39:23Z"),
        ] {
            let v = OffsetDateTime::read(s).unwrap();
            let written = serde_json::to_value(W(v)).unwrap();
            assert_eq!(written, text, "{s}");
            assert!(OffsetDateTime::format().matches(text));
            assert_eq!(OffsetDateTime::read(text), Some(v), "{s}");
        }
    }

    #[test]
    fn time_serialize_is_outside_the_language_and_serialize_refuses_what_it_cannot_name() {
        // `time`'s own `Serialize` (documented): not a string at all.
        let v = OffsetDateTime::read("2015-03-09T18:39:23Z").unwrap();
        assert!(!serde_json::to_value(v).unwrap().is_string());
        #[derive(serde::Serialize)]
        struct W(#[serde(serialize_with = "serialize")] OffsetDateTime);
        let odd = v.to_offset(UtcOffset::from_hms(1, 0, 30).unwrap());
        let early = OffsetDateTime::from_unix_timestamp(-62_167_219_200).unwrap();
        let wide = v.to_offset(UtcOffset::from_hms(24, 0, 0).unwrap());
        #[derive(serde::Serialize)]
        struct O(#[serde(serialize_with = "serialize_option")] Option<OffsetDateTime>);
        assert_eq!(
            serde_json::to_value(O(None)).unwrap(),
            serde_json::Value::Null
        );
        assert_eq!(
            serde_json::to_value(O(Some(v))).unwrap(),
            "2015-03-09T18:39:23Z"
        );
        assert!(serde_json::to_value(O(Some(odd))).is_err());
        for bad in [odd, early, wide] {
            let e = serde_json::to_value(W(bad)).unwrap_err();
            assert!(
                e.to_string().contains("outside the date-time language"),
                "{e}"
            );
        }
    }
}
