//! `url`: an absolute URL with a scheme and an authority, narrowed to what
//! every validator of the conformance suite that asserts `uri` accepts and
//! to what the `url` crate (the WHATWG URL parser, behind `url::Url` fields)
//! parses:
//!
//! - a scheme of ASCII letters and digits starting with a letter (`http`,
//!   `HTTPS`, `h2`; fastjsonschema refuses `svn+ssh` and `a.b-c`), then `://`;
//! - a host of DNS labels as in `hostname` (1 to 63 letters, digits, `-`, no
//!   `-` at either end or in both the 3rd and 4th place, no trailing dot),
//!   whose last label is not a number (`http://a.123/`, `http://0x7f/`: the
//!   WHATWG parser reads those as IPv4 and refuses most); so no IP-address
//!   hosts, no IP literals (`[::1]`), no user info (`user@`), no `%` in the
//!   host (gojsonschema refuses `http://a%41.com/`);
//! - an optional port 0-65535 without leading zeros (`:8080`; `:80:90` and
//!   `:8a` are refused by most validators, above 65535 by the `url` crate);
//! - then any path, query and fragment of RFC 3986 characters
//!   (`A-Z a-z 0-9 - . _ ~ ! $ & ' ( ) * + , ; = : @ / ?`) and `%` escapes
//!   of two hex digits, with at most one `#` (a second one is refused by
//!   every validator but gojsonschema and the `url` crate).
//!
//! Schema: `format: uri` (JSON Schema has no `url` format), a pattern for
//! the whole alphabet, one for scheme, host and port, and `not` patterns for
//! the host's labels and a second `#`.

use super::format::Format;

/// The format.
pub static FORMAT: Format = Format::with(
    "uri",
    "^[A-Za-z][A-Za-z0-9]*://(?:[A-Za-z0-9._~!\\$&'()*+,;=:@/?#-]|%[0-9A-Fa-f][0-9A-Fa-f])*$",
    &[concat!(
        "^[A-Za-z][A-Za-z0-9]*://[A-Za-z0-9.-]+",
        "(?::(?:[0-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-9][0-9][0-9][0-9]|[1-5][0-9][0-9][0-9][0-9]",
        "|6[0-4][0-9][0-9][0-9]|65[0-4][0-9][0-9]|655[0-2][0-9]|6553[0-5]))?",
        "(?:[/?#]|$)"
    )],
    &[
        // A second `#`.
        "#.*#",
        // A host label that is empty or starts or ends with `-`.
        "^[A-Za-z][A-Za-z0-9]*://[.-]",
        "^[A-Za-z][A-Za-z0-9]*://[A-Za-z0-9.-]*(?:\\.\\.|\\.-|-\\.|[.-](?:[:/?#]|$))",
        // A host label of 64 characters or more.
        "^[A-Za-z][A-Za-z0-9]*://[A-Za-z0-9.-]*[A-Za-z0-9-]{64}",
        // `--` in the 3rd and 4th place of a host label.
        "^[A-Za-z][A-Za-z0-9]*:/(?:/|/[A-Za-z0-9.-]*\\.)[A-Za-z0-9][A-Za-z0-9-]--",
        // A last host label that is a number (decimal, or hex after `0x`).
        concat!(
            "^[A-Za-z][A-Za-z0-9]*:/(?:/|/[A-Za-z0-9.-]*\\.)",
            "(?:[0-9]+|0[xX][0-9A-Fa-f]*)(?:[:/?#]|$)"
        ),
    ],
);

super::format::format_rule!(FORMAT);

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Strings of the language; the `url` feature's tests parse each with
    /// `url::Url` too.
    pub(crate) const ACCEPT: &[&str] = &[
        "http://example.com",
        "https://example.com/",
        "https://example.com/a/b?c=d#e",
        "HTTP://EXAMPLE.COM/",
        "h2://a",
        "http://localhost:8080/x",
        "http://a.b:0/",
        "http://a.b:65535/",
        "ftp://ftp.example.com/pub/file.txt",
        "file://host/x",
        "ws://x.y/",
        "http://123.com/",
        "http://a--b.com/",
        "http://example.com/a:b@c!$&'()*+,;=",
        "http://example.com/~user/_x-y.z",
        "http://example.com/a%20b?%41#%41",
        "http://example.com/#a?b/c",
        "http://example.com?x",
        "http://example.com#",
        "x://a.b/c#d?e/f@g:h",
    ];

    #[test]
    fn urls_with_authorities() {
        // The vectors' probes of this format (valid ones and near misses),
        // then cases of this test's own.
        let (valid, near) = crate::vectors::format_probes("uri").expect("probes");
        super::super::format::check_language(&FORMAT, valid, near);
        super::super::format::check_language(&FORMAT, ACCEPT, &["_x://x.com", "http://a-.com/"]);
    }
}
