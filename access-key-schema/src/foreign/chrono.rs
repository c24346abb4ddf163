//! `chrono::DateTime<Utc>` (feature `chrono`): read in the `date_time`
//! rule's language with [`Timestamp`](crate::Timestamp)'s parser (chrono's
//! own also takes `t`, `z`, a space for `T`, and a leap second `:60`: all
//! refused here, as the schema's pattern refuses them), then converted to
//! the instant in UTC; digits of the fraction past the ninth are dropped
//! (chrono's nanoseconds), as chrono itself drops them. Schema: the
//! `date_time` rule's.
//!
//! Serialized by chrono's own `Serialize`: `2015-03-09T18:39:23.411Z` (UTC,
//! `Z`, a fraction of 0, 3, 6 or 9 digits), in the language for every
//! year 0001-9999. It writes outside it for instants the language cannot
//! name: year 0000 (`0001-01-01T00:00:00+01:00` is read as
//! `0000-12-31T23:00:00Z`), years past 9999 (`+10000-..`), and a leap
//! second a program built itself (`23:59:60`); such a value, written and
//! sent back, is refused.

use ::chrono::{DateTime, Utc};

use super::Foreign;
use crate::rules::format::Format;

impl Foreign for DateTime<Utc> {
    fn format() -> &'static Format {
        &crate::rules::date_time::FORMAT
    }

    fn read(s: &str) -> Option<DateTime<Utc>> {
        let (seconds, nanos) = super::instant(s)?;
        DateTime::from_timestamp(seconds, nanos)
    }
}

super::foreign_impls!(DateTime<Utc>);

#[cfg(test)]
mod tests {
    use ::chrono::{NaiveDate, TimeZone};

    use super::*;

    super::super::language_tests!(
        DateTime<Utc>,
        [
            &super::super::DATE_TIMES[..],
            &["9999-12-31T23:59:59.999999999-23:59"]
        ]
        .concat(),
        [
            &super::super::NOT_DATE_TIMES[..],
            &["+2015-03-09T18:39:23Z"]
        ]
        .concat()
    );

    #[test]
    fn the_instant_is_chronos() {
        let t = DateTime::<Utc>::read("2015-03-09T18:39:23.1234567891234-05:30").unwrap();
        let expected = Utc.with_ymd_and_hms(2015, 3, 10, 0, 9, 23).unwrap()
            + ::chrono::Duration::nanoseconds(123_456_789);
        assert_eq!(t, expected);
        // The value chrono's own parser gives for a string of the language.
        for s in [
            "2015-03-09T18:39:23.411+01:00",
            "2024-02-29T00:00:00-23:59",
            "2015-03-09T18:39:23.1234567891234Z",
        ] {
            let chrono_own: DateTime<Utc> = serde_json::from_value(serde_json::json!(s)).unwrap();
            assert_eq!(DateTime::<Utc>::read(s), Some(chrono_own), "{s}");
        }
    }

    #[test]
    fn serialize_round_trips_in_the_language() {
        super::super::serialize_round_trips::<DateTime<Utc>>("9999-12-31T23:59:59.5Z");
    }

    #[test]
    fn serialize_writes_outside_the_language_past_its_years_and_for_leap_seconds() {
        // Documented: these are written, and refused when read back.
        let year_zero = DateTime::<Utc>::read("0001-01-01T00:00:00+01:00").unwrap();
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
            .unwrap()
            .and_utc();
        let far = Utc.with_ymd_and_hms(10000, 1, 1, 0, 0, 0).unwrap();
        for (v, text) in [
            (year_zero, "0000-12-31T23:00:00Z"),
            (leap, "2016-12-31T23:59:60.500Z"),
            (far, "+10000-01-01T00:00:00Z"),
        ] {
            let written = serde_json::to_value(v).unwrap();
            assert_eq!(written, text);
            assert!(DateTime::<Utc>::read(text).is_none(), "{text}");
        }
    }
}
