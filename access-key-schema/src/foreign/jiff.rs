//! `jiff::Timestamp` (feature `jiff`): read in the `date_time` rule's
//! language with [`Timestamp`](crate::Timestamp)'s parser (jiff's own also
//! takes `t`, `z`, a space for `T`, an offset with seconds, and a leap
//! second `:60`, read as `:59`: all refused here, as the schema's pattern
//! refuses them; it refuses a fraction past nine digits, which the
//! language has, and which is read here with the digits past the ninth
//! dropped), then converted to the instant.
//!
//! Schema: the `date_time` rule's, narrowed at its very end: jiff's
//! `Timestamp` stops at 9999-12-30T22:00:00Z, so the local dates
//! 9999-12-29 to 9999-12-31 (the last ones an offset can carry past that
//! end) are refused, by the Rust side and by a second `not` pattern in the
//! schema (`^9999-12-(?:29|30|31)`), with the `date-time` format's code.
//!
//! Serialized by jiff's own `Serialize`: `2015-03-09T18:39:23.411Z` (UTC,
//! `Z`, the fraction's digits without trailing zeros), in the language for
//! every instant read from it but those an offset carries before year 1
//! (`0001-01-01T00:00:00+01:00` is read as `0000-12-31T23:00:00Z`); values
//! a program builds before that (`-000001-..`) are outside it too. Such a
//! value, written and sent back, is refused.

use ::jiff::Timestamp;
use schemars::Schema;

use super::Foreign;
use crate::rules::format::Format;

impl Foreign for Timestamp {
    fn format() -> &'static Format {
        &crate::rules::date_time::FORMAT
    }

    fn read(s: &str) -> Option<Timestamp> {
        if LAST_DAYS.iter().any(|d| s.starts_with(d)) {
            return None;
        }
        let (seconds, nanos) = super::instant(s)?;
        Timestamp::new(seconds, i32::try_from(nanos).ok()?).ok()
    }

    #[cfg(test)]
    fn matches(s: &str) -> bool {
        Self::format().matches(s) && !LAST_DAYS.iter().any(|d| s.starts_with(d))
    }

    fn narrow_schema(schema: &mut Schema) {
        crate::schema::add_not_pattern(schema, NOT_LAST_DAYS.to_owned());
    }
}

/// jiff's `Timestamp` ends at 9999-12-30T22:00:00Z, before the language
/// does: the local dates 9999-12-29 to 9999-12-31, the last ones whose
/// instant can pass that end (`9999-12-29T23:00:00-23:59` does), are
/// refused, here and by the schema (`not` this pattern).
const LAST_DAYS: [&str; 3] = ["9999-12-29", "9999-12-30", "9999-12-31"];

/// The schema's form of [`LAST_DAYS`].
const NOT_LAST_DAYS: &str = "^9999-12-(?:29|30|31)";

super::foreign_impls!(Timestamp);

#[cfg(test)]
mod tests {
    use super::*;

    super::super::language_tests!(
        Timestamp,
        [
            &super::super::DATE_TIMES[..],
            &["9999-12-28T23:59:59.999999999-23:59"]
        ]
        .concat(),
        [
            &super::super::NOT_DATE_TIMES[..],
            &[
                "9999-12-29T00:00:00Z",
                "9999-12-30T21:00:00Z",
                "9999-12-31T23:59:59Z"
            ]
        ]
        .concat()
    );

    #[test]
    fn jiff_ends_before_the_language() {
        assert!(Timestamp::new(253_402_207_200, 0).is_ok());
        assert!(Timestamp::new(253_402_207_201, 0).is_err());
        // The narrowing is exact enough: the last local date kept, at its
        // furthest offset, is inside jiff's range.
        assert!(Timestamp::read("9999-12-28T23:59:59.999999999-23:59").is_some());
        let narrowed = regex::Regex::new(NOT_LAST_DAYS).unwrap();
        for d in LAST_DAYS {
            assert!(narrowed.is_match(&format!("{d}T00:00:00Z")));
        }
        assert!(!narrowed.is_match("9999-12-28T23:59:59Z"));
    }

    #[test]
    fn the_instant_is_jiffs() {
        for s in [
            "2015-03-09T18:39:23.411+01:00",
            "2024-02-29T00:00:00-23:59",
            "0001-01-01T00:00:00+01:00",
            "9999-12-28T23:59:59.999999999-23:59",
        ] {
            let jiff_own: Timestamp = s.parse().unwrap();
            assert_eq!(Timestamp::read(s), Some(jiff_own), "{s}");
        }
        // Past nine digits: jiff refuses, the language has it.
        let long = "2015-03-09T18:39:23.1234567891234Z";
        assert!(long.parse::<Timestamp>().is_err());
        assert_eq!(
            Timestamp::read(long),
            "2015-03-09T18:39:23.123456789Z".parse().ok()
        );
    }

    #[test]
    fn serialize_round_trips_in_the_language() {
        super::super::serialize_round_trips::<Timestamp>("9999-12-28T23:59:59.5Z");
    }

    #[test]
    fn serialize_writes_outside_the_language_before_year_one() {
        let year_zero = Timestamp::read("0001-01-01T00:00:00+01:00").unwrap();
        let before = Timestamp::new(-62_198_755_200, 0).unwrap();
        for (v, text) in [
            (year_zero, "0000-12-31T23:00:00Z"),
            (before, "-000001-01-01T00:00:00Z"),
        ] {
            let written = serde_json::to_value(v).unwrap();
            assert_eq!(written, text);
            assert!(Timestamp::read(text).is_none(), "{text}");
        }
    }
}
