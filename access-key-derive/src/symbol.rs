//! Attribute names, in one place.

pub const VALIDATE: &str = "validate";
pub const SERDE: &str = "serde";
pub const DOC: &str = "doc";
pub const DERIVE: &str = "derive";
/// The schemars derive that `Validate` already implements.
pub const JSON_SCHEMA: &str = "JsonSchema";

// Field rules.
pub const LENGTH: &str = "length";
pub const RANGE: &str = "range";
pub const PATTERN: &str = "pattern";
pub const ONE_OF: &str = "one_of";
pub const NESTED: &str = "nested";
pub const SENSITIVE: &str = "sensitive";
pub const REQUIRED: &str = "required";
pub const CUSTOM: &str = "custom";
pub const MUST_MATCH: &str = "must_match";
pub const INNER: &str = "inner";
pub const KEYS: &str = "keys";
pub const CODE: &str = "code";
pub const MESSAGE: &str = "message";
pub const MIN: &str = "min";
pub const MAX: &str = "max";
pub const EQUAL: &str = "equal";
pub const EXCLUSIVE_MIN: &str = "exclusive_min";
pub const EXCLUSIVE_MAX: &str = "exclusive_max";

/// Every field rule, for the "expected one of" list of an unknown-rule error.
pub const FIELD_RULES: &[&str] = &[
    LENGTH, PATTERN, ONE_OF, RANGE, NESTED, SENSITIVE, REQUIRED, CUSTOM, MUST_MATCH, INNER, KEYS,
];

// serde attributes that change what the payload looks like.
pub const RENAME: &str = "rename";
pub const RENAME_ALL: &str = "rename_all";
pub const DENY_UNKNOWN_FIELDS: &str = "deny_unknown_fields";
pub const DEFAULT: &str = "default";
pub const SKIP: &str = "skip";
pub const SKIP_DESERIALIZING: &str = "skip_deserializing";
pub const SERIALIZE: &str = "serialize";
pub const DESERIALIZE: &str = "deserialize";
pub const TRANSPARENT: &str = "transparent";
pub const TAG: &str = "tag";
pub const CONTENT: &str = "content";
pub const UNTAGGED: &str = "untagged";
pub const FLATTEN: &str = "flatten";

/// serde attributes that do not change the accepted payload; read past.
pub const SERDE_HARMLESS: &[&str] = &[
    "skip_serializing",
    "skip_serializing_if",
    "serialize_with",
    "borrow",
    "bound",
    "crate",
    "expecting",
    "getter",
];

/// serde attributes whose payload shape neither the checks nor the schema
/// can follow: a compile error rather than a silent mismatch.
pub const SERDE_UNSUPPORTED: &[&str] = &[
    "alias",
    "flatten",
    "with",
    "deserialize_with",
    "transparent",
    "untagged",
    "tag",
    "content",
    "from",
    "try_from",
    "into",
    "remote",
    "other",
    "rename_all_fields",
    "variant_identifier",
    "field_identifier",
];
