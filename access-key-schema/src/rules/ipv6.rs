//! `ipv6`: every RFC 4291 §2.2 text form of an IPv6 address, exactly what
//! Rust's `std::net::Ipv6Addr` parses (tested against it below):
//!
//! - eight groups of 1 to 4 hexadecimal digits, either case, leading zeros
//!   allowed (`2001:0db8:0:0:0:0:ff00:42`);
//! - one `::` standing for one or more zero groups (`::`, `::1`, `fe80::1`,
//!   `1:2:3:4:5:6:7::`);
//! - the last two groups as a dotted-quad IPv4 address (`::ffff:1.2.3.4`,
//!   `64:ff9b::192.0.2.33`, `1:2:3:4:5:6:1.2.3.4`), its octets 0-255 without
//!   leading zeros as in `ipv4`.
//!
//! Refused: zones (`fe80::1%eth0`; RFC 6874 is for URIs, and no validator of
//! the suite accepts one), brackets, a group of 5 digits (`00000::1`, which
//! Go's `net.ParseIP` alone accepts), any space. Every validator of the
//! conformance suite that asserts `ipv6` accepts all of these forms, the
//! IPv4-mapped ones included, so nothing narrower was needed.
//!
//! Schema: `format: ipv6`, a pattern for the alphabet and the IPv4 tail, and
//! `not` patterns for each way a string of that alphabet fails (a 5-digit
//! group, `:::`, two `::`, a single colon at an end, too many or too few
//! groups for its form). One pattern for the whole language would need
//! nested quantifiers or more than the 25 that z-schema compiles.

use super::format::Format;

/// The `not` patterns: each way a string of the alphabet fails. The
/// argument is the alternative that refuses a string without colons
/// (`std::net::IpAddr`'s language lets a dotted quad through).
macro_rules! never {
    ($no_colon:literal) => {
        &[
            // A group of more than 4 digits.
            "[0-9A-Fa-f]{5}",
            // Three colons in a row, or two `::`.
            ":::",
            "::(?:[^:]|:[^:])*::",
            // A single colon at the start or the end (or the string `:`).
            "^:(?:[^:]|$)",
            "[^:]:$",
            // 9 colons or more (8 groups with `::` is one group too many).
            // (`[^:]*` between colons, never `.*`: each pattern runs in
            // linear time in a backtracking engine.)
            ":[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:",
            // 8 colons with no `::` at either end: 9 groups, or 8 and `::`.
            "^[^:][^:]*:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:.*[^:]$",
            // An IPv4 tail after 8 colons, or after 7 without a leading `::`.
            ":[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*\\.",
            "^[^:][^:]*:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*\\.",
            // No `::` and 5 colons or fewer: too few groups.
            concat!(
                "^(?:",
                $no_colon,
                "|[^:]+:[^:]+|[^:]+:[^:]+:[^:]+|[^:]+:[^:]+:[^:]+:[^:]+",
                "|[^:]+:[^:]+:[^:]+:[^:]+:[^:]+|[^:]+:[^:]+:[^:]+:[^:]+:[^:]+:[^:]+)$"
            ),
            // No `::`, 6 colons and no IPv4 tail: 7 groups.
            "^[^:]+:[^:]+:[^:]+:[^:]+:[^:]+:[^:]+:[0-9A-Fa-f]+$",
        ]
    };
}
pub(crate) use never;

/// The format.
pub static FORMAT: Format = Format::with(
    "ipv6",
    // Hex digits and colons, then a last hex digit or colon, or `:` and an
    // IPv4 dotted quad.
    concat!(
        "^[0-9A-Fa-f:]*(?:[0-9A-Fa-f:]|:",
        super::ipv4::dotted_quad!(),
        ")$"
    ),
    &[],
    never!("[^:]+"),
);

super::format::format_rule!(FORMAT);

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv6Addr;

    fn std_ok(s: &str) -> bool {
        s.parse::<Ipv6Addr>().is_ok()
    }

    #[test]
    fn rfc_4291_forms() {
        // The vectors' probes of this format (valid ones and near misses),
        // then cases of this test's own.
        let (valid, near) = crate::vectors::format_probes("ipv6").expect("probes");
        super::super::format::check_language(&FORMAT, valid, near);
        super::super::format::check_language(&FORMAT, &["1::8", "1:2:3:4:5::1.2.3.4"], &["::1 "]);
        for s in ["1:2:3:4:5:6:7:8", "::ffff:1.2.3.4", "::"] {
            assert!(std_ok(s));
        }
    }

    /// The language is std's: every string built from groups, colons and
    /// dotted quads (structured, so most are near misses) gets the same
    /// verdict from the pattern as from `Ipv6Addr::from_str`.
    #[test]
    fn same_language_as_std() {
        const PIECES: &[&str] = &[
            "0",
            "1",
            "ab",
            "fFf",
            "abcd",
            "12345",
            "g",
            ":",
            ":",
            ":",
            "::",
            "1.2.3.4",
            "255.0.0.1",
            "01.1.1.1",
            "1.2.3",
            ".",
            "%1",
            "",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut accepted = 0;
        for _ in 0..100_000 {
            let n = 1 + next() % 18;
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            let ours = FORMAT.matches(&s);
            assert_eq!(ours, std_ok(&s), "{s:?}");
            accepted += usize::from(ours);
        }
        // The sample reaches the language, not only its complement.
        assert!(accepted > 500, "{accepted}");
        // Every placement of `::` among up to 8 groups, with and without a
        // tail.
        for groups in 0..=9 {
            for at in 0..=groups {
                for tail in [false, true] {
                    let mut parts: Vec<String> = (1..=groups).map(|g| format!("{g:x}")).collect();
                    if tail {
                        parts.push("1.2.3.4".into());
                    }
                    let full = parts.join(":");
                    let (l, r) = parts.split_at(at.min(parts.len()));
                    let compressed = format!("{}::{}", l.join(":"), r.join(":"));
                    for s in [full, compressed] {
                        assert_eq!(FORMAT.matches(&s), std_ok(&s), "{s:?}");
                    }
                }
            }
        }
    }
}
