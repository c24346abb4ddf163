//! `date_time`: an RFC 3339 date-time as [`crate::Timestamp`] reads it
//! (`2015-03-09T18:39:23Z`, a fraction of any length, `Z` or a numeric
//! offset; real calendar dates, years 0001-9999, no leap second). Schema:
//! `format: date-time` and the timestamp pattern (`Timestamp`'s `PATTERN`).

use super::format::Format;

/// The format, with `Timestamp`'s own pattern.
pub static FORMAT: Format = Format::new("date-time", crate::timestamp::PATTERN);

super::format::format_rule!(FORMAT);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timestamp_language() {
        let accept = [
            "2015-03-09T18:39:23Z",
            "2015-03-09T18:39:23.411000+00:00",
            "2024-02-29T00:00:00-23:59",
            "0001-01-01T00:00:00Z",
        ];
        let refuse = [
            "2015-02-29T18:39:23Z",
            "2015-03-09 18:39:23Z",
            "2015-03-09T24:00:00Z",
            "2015-03-09T18:39:60Z",
            "2015-03-09t18:39:23z",
            "0000-01-01T00:00:00Z",
        ];
        super::super::format::check_language(&FORMAT, &accept, &refuse);
        for s in accept.iter().chain(&refuse) {
            assert_eq!(
                FORMAT.matches(s),
                crate::Timestamp::parse(s).is_ok(),
                "{s}: the pattern and Timestamp::parse disagree"
            );
        }
    }
}
