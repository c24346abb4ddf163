//! `ipv4`: dotted-quad IPv4, four decimal octets 0-255 without leading
//! zeros (`01.2.3.4` is refused, as Python's `ipaddress` and Go's `net`
//! refuse it). Schema: `format: ipv4` and the pattern.

use super::format::Format;

/// One octet, 0-255 without a leading zero (no quantifier, so patterns
/// built from it stay within z-schema's limit of 25).
macro_rules! octet {
    () => {
        "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])"
    };
}
pub(crate) use octet;

/// The dotted quad, unanchored (the tail of an `ipv6` address).
macro_rules! dotted_quad {
    () => {
        concat!(
            $crate::rules::ipv4::octet!(),
            "\\.",
            $crate::rules::ipv4::octet!(),
            "\\.",
            $crate::rules::ipv4::octet!(),
            "\\.",
            $crate::rules::ipv4::octet!()
        )
    };
}
pub(crate) use dotted_quad;

/// The anchored pattern (also what `hostname` refuses).
pub(crate) const PATTERN: &str = concat!("^", dotted_quad!(), "$");

/// The format.
pub static FORMAT: Format = Format::new("ipv4", PATTERN);

super::format::format_rule!(FORMAT);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_quads_and_the_standard_library() {
        super::super::format::check_language(
            &FORMAT,
            &["0.0.0.0", "192.168.1.1", "255.255.255.255", "10.0.0.10"],
            &[
                "256.0.0.1",
                "01.2.3.4",
                "1.2.3",
                "1.2.3.4.5",
                "1.2.3.4 ",
                "::1",
                "1.2.3.\u{664}",
            ],
        );
        // Every octet value, against std's parser (which refuses leading
        // zeros too).
        for n in 0..=300u32 {
            for s in [
                format!("{n}.0.0.1"),
                format!("1.2.3.{n}"),
                format!("0{n}.1.1.1"),
            ] {
                assert_eq!(
                    FORMAT.matches(&s),
                    s.parse::<std::net::Ipv4Addr>().is_ok(),
                    "{s}"
                );
            }
        }
    }
}
