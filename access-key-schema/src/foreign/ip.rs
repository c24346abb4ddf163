//! `std::net::Ipv4Addr`, `Ipv6Addr` and `IpAddr` fields: the `ipv4` and
//! `ipv6` rules' languages (each equal to std's own parser's, as their tests
//! show) and, for `IpAddr`, their union. Schema: `format: ipv4` / `ipv6`
//! and the rule's patterns; for `IpAddr` one intersection of patterns (the
//! `ipv6` ones, letting a dotted quad through) and `anyOf` of the two
//! formats as the annotation (no single format names the union).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use schemars::Schema;

use super::{foreign_impls, Foreign};
use crate::rules::format::Format;
use crate::rules::{ipv4, ipv6};

/// `IpAddr`'s language: a dotted quad as `ipv4`, or an `ipv6` address.
static IP: Format = Format::with(
    "ipv4 or ipv6",
    concat!(
        "^(?:",
        ipv4::dotted_quad!(),
        "|[0-9A-Fa-f:]*(?:[0-9A-Fa-f:]|:",
        ipv4::dotted_quad!(),
        "))$"
    ),
    &[],
    ipv6::never!("[0-9A-Fa-f]+"),
);

/// `s`, parsed by std's own parser if it is in `format`'s language (std's
/// parsers are tested to accept the whole language).
fn parsed<T: std::str::FromStr>(format: &Format, s: &str) -> Option<T> {
    if format.matches(s) {
        s.parse().ok()
    } else {
        None
    }
}

impl Foreign for Ipv4Addr {
    fn format() -> &'static Format {
        &ipv4::FORMAT
    }
    fn read(s: &str) -> Option<Self> {
        parsed(Self::format(), s)
    }
}
foreign_impls!(Ipv4Addr);

impl Foreign for Ipv6Addr {
    fn format() -> &'static Format {
        &ipv6::FORMAT
    }
    fn read(s: &str) -> Option<Self> {
        parsed(Self::format(), s)
    }
}
foreign_impls!(Ipv6Addr);

impl Foreign for IpAddr {
    fn format() -> &'static Format {
        &IP
    }
    fn read(s: &str) -> Option<Self> {
        parsed(Self::format(), s)
    }
    /// The union's patterns, and `anyOf` of the two formats as the
    /// annotation (no single format names the union).
    fn write_schema(schema: &mut Schema) {
        IP.patterns_schema(schema);
        schema.ensure_object().insert(
            "anyOf".into(),
            serde_json::json!([{"format": "ipv4"}, {"format": "ipv6"}]),
        );
    }
}
foreign_impls!(IpAddr);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::JsonCheck;
    use serde_json::json;

    #[test]
    fn ip_addr_is_the_union_and_std_agrees() {
        for s in [
            "1.2.3.4",
            "0.0.0.0",
            "::",
            "::ffff:1.2.3.4",
            "fe80::1",
            "1:2:3:4:5:6:7:8",
        ] {
            assert!(IP.matches(s), "{s}");
            assert!(IpAddr::read(s).is_some(), "{s}");
        }
        for s in [
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "256.1.1.1",
            "1234",
            "fe80::1%eth0",
            "1.2.3.4::",
            "::1 ",
            "",
        ] {
            assert!(!IP.matches(s), "{s}");
        }
        // Every string of groups, colons and quads: the union is std's
        // `IpAddr` language.
        const PIECES: &[&str] = &[
            "0",
            "1",
            "ab",
            "ffff",
            "12345",
            ":",
            ":",
            "::",
            "1.2.3.4",
            "255.0.0.1",
            "01.1.1.1",
            "1.2",
            ".",
            "",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut accepted = 0;
        for _ in 0..50_000 {
            let mut s = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut x = seed;
            for _ in 0..1 + x % 12 {
                x /= 12;
                s.push_str(PIECES[(x % PIECES.len() as u64) as usize]);
                x = x.rotate_left(7) ^ seed;
            }
            let ours = IP.matches(&s);
            assert_eq!(ours, s.parse::<IpAddr>().is_ok(), "{s:?}");
            accepted += usize::from(ours);
        }
        assert!(accepted > 100, "{accepted}");
    }

    #[test]
    fn checks_and_reports() {
        let check = |v: serde_json::Value| {
            let mut e = crate::ValidationErrors::new();
            <IpAddr as JsonCheck>::check_json(&v, &crate::path::Path::ROOT, &mut e);
            e.violations()
                .iter()
                .map(|v| v.message().to_owned())
                .collect::<Vec<_>>()
        };
        assert!(check(json!("::1")).is_empty());
        assert!(check(json!("10.0.0.1")).is_empty());
        assert_eq!(
            check(json!("10.0.0.01")),
            ["Value at '' failed to satisfy constraint: Member must be a valid ipv4 or ipv6"]
        );
        assert_eq!(check(json!(5)).len(), 1);
        let mut e = crate::ValidationErrors::new();
        <Ipv4Addr as JsonCheck>::check_json(&json!("::1"), &crate::path::Path::ROOT, &mut e);
        assert_eq!(e.violations()[0].code(), "format");
    }
}
