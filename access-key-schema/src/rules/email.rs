//! `email`: the WHATWG "valid e-mail address" (the `<input type=email>`
//! language: RFC 5322 `atext` and dots in the local part, `@`, a domain of
//! LDH labels), narrowed to what every validator of the conformance suite
//! that asserts `email` accepts:
//!
//! - the local part is a dot-atom: no leading, trailing or doubled dot
//!   (WHATWG allows them; every asserting validator refuses `.a@x.com`);
//!   no quoted local parts, comments or display names;
//! - at most 64 characters before the `@` and 254 in all (boon, cfworker,
//!   jsonschema-rs and z-schema count them, RFC 5321 §4.5.3.1);
//! - the domain has two labels or more and its last label has a letter
//!   (`a@localhost`: ajv and fastjsonschema refuse it; `a@x.123`: z-schema);
//!   so no IP-address domains (`a@1.2.3.4`, `a@[1.2.3.4]`);
//! - each domain label is 1 to 63 characters, does not start or end with
//!   `-`, and has no `-` in both its 3rd and 4th place (`a@aa--b.com`, and
//!   every IDNA A-label `xn--...`: jsonschema-rs refuses the invalid ones);
//! - ASCII only (no internationalized addresses).
//!
//! Schema: `format: email`, patterns for the alphabet, the lengths and the
//! last label, and `not` patterns for the dots and labels.

use super::format::Format;

/// The format.
pub static FORMAT: Format = Format::with(
    "email",
    "^[A-Za-z0-9!#\\$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9.-]+$",
    &[
        // A dot in the domain, and a last label with a letter (its first
        // letter matched where it is: linear time when backtracking).
        "\\.[0-9-]*[A-Za-z][A-Za-z0-9-]*$",
        // 254 characters at most.
        "^.{1,254}$",
    ],
    &[
        // A dot at the start or end of the local part, or two in a row.
        "^\\.|\\.@|\\.\\.",
        // A domain label that starts or ends with `-`.
        "@[.-]|@[^@]*(?:\\.-|-\\.)|-$",
        // A domain label of 64 characters or more.
        "[@.][A-Za-z0-9-]{64}",
        // `--` in the 3rd and 4th place of a domain label.
        "(?:@|@[^@]*\\.)[A-Za-z0-9][A-Za-z0-9-]--",
    ],
);

super::format::format_rule!(FORMAT);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_atoms_at_dns_names() {
        let local64 = "a".repeat(64);
        // 64 + 1 + 189 = 254 characters.
        let longest = format!(
            "{local64}@{}.{}.{}",
            "b".repeat(63),
            "b".repeat(63),
            "c".repeat(61)
        );
        assert_eq!(longest.len(), 254);
        let too_long = format!(
            "{local64}@{}.{}.{}",
            "b".repeat(63),
            "b".repeat(63),
            "c".repeat(62)
        );
        // The vectors' probes of this format (valid ones and near misses),
        // then cases of this test's own.
        let (valid, near) = crate::vectors::format_probes("email").expect("probes");
        super::super::format::check_language(&FORMAT, valid, near);
        super::super::format::check_language(
            &FORMAT,
            &[
                "a@example.com",
                "first.last@example.com",
                "a-.b@x.com",
                "a@example.c0m",
                &format!("{local64}@x.com"),
                &format!("a@{}.com", "b".repeat(63)),
                &longest,
            ],
            &[
                &format!("{local64}a@x.com"),
                &format!("a@{}.com", "b".repeat(64)),
                &too_long,
            ],
        );
    }
}
