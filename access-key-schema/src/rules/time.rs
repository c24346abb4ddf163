//! `time`: an RFC 3339 full-time, `HH:MM:SS`, an optional fraction of any
//! length, and `Z` or a numeric offset (required; no leap second): the time
//! part of [`crate::Timestamp`]'s language. Schema: `format: time` and the
//! pattern.

use super::format::Format;

/// The format.
pub static FORMAT: Format = Format::new(
    "time",
    concat!(
        "^(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]",
        "(?:\\.[0-9]+|)",
        "(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$"
    ),
);

super::format::format_rule!(FORMAT);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_with_offsets() {
        super::super::format::check_language(
            &FORMAT,
            &["18:39:23Z", "00:00:00.5+01:00", "23:59:59.123456789-23:59"],
            &[
                "18:39:23",
                "24:00:00Z",
                "18:39:60Z",
                "18:39Z",
                "18:39:23z",
                "18:39:23.Z",
                "8:39:23Z",
            ],
        );
        for t in ["18:39:23Z", "00:00:00.5+01:00", "18:39:60Z", "18:39:23"] {
            assert_eq!(
                FORMAT.matches(t),
                crate::Timestamp::parse(&format!("2015-03-09T{t}")).is_ok(),
                "{t}"
            );
        }
    }
}
