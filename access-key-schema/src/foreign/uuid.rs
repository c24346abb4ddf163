//! `uuid::Uuid` (feature `uuid`): read in the `uuid` rule's language, 8-4-4-4-12
//! lower-case hexadecimal digits (`uuid`'s own parser also takes upper case,
//! braces, `urn:uuid:` and the 32 digits without hyphens: all refused here,
//! as the schema's pattern refuses them). Schema: the `uuid` rule's.
//!
//! Serialized by `uuid`'s own `Serialize`, which writes the hyphenated
//! lower-case form: always in the language, so a value written is read back.

use ::uuid::Uuid;

use super::Foreign;
use crate::rules::format::Format;

impl Foreign for Uuid {
    fn format() -> &'static Format {
        &crate::rules::uuid::FORMAT
    }

    fn read(s: &str) -> Option<Uuid> {
        if !Self::format().matches(s) {
            return None;
        }
        Uuid::try_parse(s).ok()
    }
}

super::foreign_impls!(Uuid);

#[cfg(test)]
mod tests {
    use super::*;

    super::super::language_tests!(
        Uuid,
        [
            "123e4567-e89b-12d3-a456-426614174000",
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
        ],
        [
            "123E4567-E89B-12D3-A456-426614174000",
            "123e4567-e89b-12d3-a456-42661417400A",
            "123e4567e89b12d3a456426614174000",
            "{123e4567-e89b-12d3-a456-426614174000}",
            "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
            "123e4567-e89b-12d3-a456-42661417400g",
            "123e4567-e89b-12d3-a456-4266141740000",
            "123e4567-e89b-12d3-a456-42661417400",
            "123e4567-e89b-12d3-a456-426614174000\n",
            " 123e4567-e89b-12d3-a456-426614174000",
            "",
        ]
    );

    #[test]
    fn uuid_parses_what_the_language_refuses() {
        // What makes reading it with our own language necessary.
        for s in [
            "123E4567-E89B-12D3-A456-426614174000",
            "{123e4567-e89b-12d3-a456-426614174000}",
            "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
            "123e4567e89b12d3a456426614174000",
        ] {
            assert!(Uuid::parse_str(s).is_ok(), "{s}");
            assert!(Uuid::read(s).is_none(), "{s}");
        }
    }

    #[test]
    fn serialize_round_trips_in_the_language() {
        for s in [
            "123e4567-e89b-12d3-a456-426614174000",
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
        ] {
            let v = Uuid::read(s).unwrap();
            let written = serde_json::to_value(v).unwrap();
            assert_eq!(written, serde_json::json!(s));
            assert_eq!(Uuid::read(written.as_str().unwrap()), Some(v));
        }
        // Any value: upper-case input never comes back upper case.
        let v = Uuid::from_u128(0xABCD_EF01_2345_6789_ABCD_EF01_2345_6789);
        let written = serde_json::to_value(v).unwrap();
        assert!(
            Uuid::format().matches(written.as_str().unwrap()),
            "{written}"
        );
    }
}
