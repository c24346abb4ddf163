//! [`SecretString`]: a string that never shows itself by accident.

use std::fmt;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroizing;

use crate::errors::Constraint;
use crate::rules::length::{check_str, Length, Unit};
use crate::rules::pattern::Text;

/// A secret such as `SecretAccessKey`.
///
/// - `Debug` prints `SecretString([REDACTED])`; there is no `Display`.
/// - The memory is zeroized on drop (`zeroize::Zeroizing`).
/// - It still serializes as the plain string: a `CreateAccessKey` response
///   has to carry it. Read it with [`expose_secret`](Self::expose_secret).
/// - Equality is constant-time in the length of the shorter operand.
#[derive(Clone, Default)]
pub struct SecretString(Zeroizing<String>);

impl SecretString {
    /// Wraps a secret.
    pub fn new(secret: String) -> Self {
        SecretString(Zeroizing::new(secret))
    }

    /// The secret itself. Every call site is a place the secret can leak:
    /// keep them few.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl From<String> for SecretString {
    fn from(s: String) -> Self {
        SecretString::new(s)
    }
}

impl From<&str> for SecretString {
    fn from(s: &str) -> Self {
        SecretString::new(s.to_owned())
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretString([REDACTED])")
    }
}

impl PartialEq for SecretString {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        let mut diff = u8::from(a.len() != b.len());
        for (x, y) in a.iter().zip(b) {
            diff |= x ^ y;
        }
        diff == 0
    }
}

impl Eq for SecretString {}

impl Serialize for SecretString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SecretString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(SecretString::new)
    }
}

/// What a `SecretString` member's schema says of it; every claim is
/// tested in `tests/secrets.rs`.
pub const SECRET_STRING_COMMENT: &str =
    "SecretString: redacted in Debug output and panics, zeroized on drop";

impl JsonSchema for SecretString {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SecretString".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "string", "$comment": SECRET_STRING_COMMENT})
    }
}

impl Length for SecretString {
    const UNIT: Unit = Unit::Chars;
    fn length(&self) -> Option<usize> {
        self.0.as_str().length()
    }
    fn check_length(&self, min: usize, max: usize) -> Option<Constraint> {
        check_str(&self.0, min, max)
    }
}

impl Text for SecretString {
    fn text(&self) -> Option<&str> {
        Some(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted_and_serde_round_trips() {
        let s = SecretString::from("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assert_eq!(format!("{s:?}"), "SecretString([REDACTED])");
        assert!(!format!("{s:#?}").contains("wJalr"));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, "\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"");
        let back: SecretString = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        assert_ne!(
            back,
            SecretString::from("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEz")
        );
        assert_ne!(back, SecretString::from("wJalr"));
    }
}
