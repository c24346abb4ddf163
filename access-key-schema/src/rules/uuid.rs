//! `uuid`: the RFC 9562 text form, 8-4-4-4-12 hexadecimal digits in lower
//! case (as RFC 9562 says UUIDs are written; gojsonschema's `uuid` format
//! refuses upper case, so it is outside the one language every validator
//! accepts), any version and variant (the nil and max UUIDs included), no
//! braces or `urn:uuid:` prefix. Schema: `format: uuid` and the pattern.

use super::format::Format;

/// The format.
pub static FORMAT: Format = Format::new(
    "uuid",
    "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
);

super::format::format_rule!(FORMAT);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenated_hex() {
        super::super::format::check_language(
            &FORMAT,
            &[
                "123e4567-e89b-12d3-a456-426614174000",
                "00000000-0000-0000-0000-000000000000",
                "ffffffff-ffff-ffff-ffff-ffffffffffff",
            ],
            &[
                "123e4567e89b12d3a456426614174000",
                "123E4567-E89B-12D3-A456-426614174000",
                "{123e4567-e89b-12d3-a456-426614174000}",
                "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
                "123e4567-e89b-12d3-a456-42661417400g",
                "123e4567-e89b-12d3-a456-4266141740000",
            ],
        );
    }
}
