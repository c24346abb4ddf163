//! `date`: an RFC 3339 full-date, `YYYY-MM-DD`, a real calendar date in
//! years 0001-9999 (leap years included): exactly the date part of
//! [`crate::Timestamp`]'s language. Schema: `format: date` and the pattern.

use super::format::Format;

/// The date part of `Timestamp`'s pattern (a test checks it is the same
/// text), as a macro so both constants below are built from one literal.
macro_rules! full_date {
    () => {
        concat!(
            "(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])-(?:",
            "(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])",
            "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)",
            "|02-(?:0[1-9]|1[0-9]|2[0-8])",
            ")",
            "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29",
        )
    };
}

#[cfg(test)]
const DATE: &str = full_date!();

/// The format.
pub static FORMAT: Format = Format::new("date", concat!("^(?:", full_date!(), ")$"));

super::format::format_rule!(FORMAT);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates() {
        super::super::format::check_language(
            &FORMAT,
            &[
                "2015-03-09",
                "2024-02-29",
                "2000-02-29",
                "0001-01-01",
                "9999-12-31",
            ],
            &[
                "2015-02-29",
                "1900-02-29",
                "2015-13-01",
                "2015-04-31",
                "0000-01-01",
                "2015-3-9",
                "20150309",
            ],
        );
    }

    #[test]
    fn the_same_text_as_the_timestamp_date() {
        assert!(FORMAT.pattern() == format!("^(?:{DATE})$"));
        assert!(
            crate::timestamp::PATTERN.starts_with(&format!("^(?:{DATE})T")),
            "Timestamp's date part changed: change DATE and FORMAT with it"
        );
        for d in ["2024-02-29", "2023-02-29", "2015-04-30", "2015-04-31"] {
            assert_eq!(
                FORMAT.matches(d),
                crate::Timestamp::parse(&format!("{d}T00:00:00Z")).is_ok(),
                "{d}"
            );
        }
    }
}
