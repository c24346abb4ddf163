//! `hostname`: an RFC 1123 host name, narrowed to what every validator of
//! the conformance suite that asserts `hostname` accepts:
//!
//! - labels of ASCII letters, digits and `-`, 1 to 63 characters, neither
//!   starting nor ending with `-`, separated by single dots; a single label
//!   (`localhost`) and all-numeric labels (`123`, `a.123`) are accepted;
//! - 253 characters at most;
//! - **no trailing dot** (`example.com.`: refused by cfworker, fastjsonschema,
//!   gojsonschema, hyperjump, jsonschema-rs and z-schema);
//! - **no `-` in both the 3rd and 4th place of a label** (`ab--cd`, and with it
//!   every IDNA A-label, `xn--...`: hyperjump, jsonschema-rs and z-schema
//!   decode them and refuse the invalid ones, RFC 5891 §4.2.3.1);
//! - **not a dotted-quad IPv4 address** (`1.2.3.4`: z-schema refuses it; a
//!   quad with a leading zero or an octet above 255 is a host name to all).
//!
//! Schema: `format: hostname`, a pattern for the alphabet and the length,
//! and `not` patterns for each narrowing above.

use super::format::Format;

/// The format.
pub static FORMAT: Format = Format::with(
    "hostname",
    "^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$",
    &[],
    &[
        // An empty label or one that starts or ends with `-`.
        "\\.\\.|\\.-|-\\.|[.-]$",
        // A label of 64 characters or more.
        "[A-Za-z0-9-]{64}",
        // `--` in the 3rd and 4th place of a label (`xn--` among them).
        "(?:^|\\.)[A-Za-z0-9][A-Za-z0-9-]--",
        // An IPv4 address.
        super::ipv4::PATTERN,
    ],
);

super::format::format_rule!(FORMAT);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_1123_labels() {
        let l63 = "a".repeat(63);
        let max = format!("{l63}.{l63}.{l63}.{}", "b".repeat(61));
        assert_eq!(max.len(), 253);
        let over = format!("{max}b");
        let long_label = format!("{}.com", "a".repeat(64));
        // The vectors' probes of this format (valid ones and near misses),
        // then cases of this test's own.
        let (valid, near) = crate::vectors::format_probes("hostname").expect("probes");
        super::super::format::check_language(&FORMAT, valid, near);
        super::super::format::check_language(
            &FORMAT,
            &[
                "example.com",
                "ex-ample.com",
                "aaa--b.com",
                "1.2.3",
                &format!("{l63}.com"),
                &max,
            ],
            &["a-", "x.ab--cd", "a b.com", "", &over, &long_label],
        );
    }
}
