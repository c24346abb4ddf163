#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate self as access_key_schema;

#[cfg(feature = "axum")]
pub mod axum;
mod errors;
pub mod files;
pub mod foreign;
mod json;
mod model;
#[cfg(feature = "axum")]
pub mod openapi;
mod path;
pub mod rules;
pub mod schema;
mod secret;
mod timestamp;
pub mod vectors;

use std::collections::{BTreeMap, HashMap};

#[cfg(feature = "axum")]
pub use self::axum::ValidJson;
pub use errors::{Constraint, CustomError, ValidationErrors, Violation};
/// What the derive's generated `JsonCheck` impls call; not a public API.
#[doc(hidden)]
pub use json::derive as __json;
pub use json::{
    from_json, from_json_with, from_str, from_value, from_value_with, JsonCheck, Limits, Valid,
};
pub use model::{
    model_type, AccessKey, AccessKeyLastUsed, AccessKeyMetadata, CreateAccessKeyRequest,
    CreateAccessKeyResponse, DeleteAccessKeyRequest, ListAccessKeysRequest, ListAccessKeysResponse,
    ModelType, StatusType, UpdateAccessKeyRequest, MODEL_TYPES,
};
pub use path::Path;
pub use secret::SecretString;
pub use timestamp::{Timestamp, TimestampError};
pub use vectors::vectors;

/// Derives [`Validate`](trait@Validate) and [`schemars::JsonSchema`] from
/// `#[validate(...)]` annotations; see the crate documentation for the
/// attribute reference.
pub use access_key_derive::Validate;

/// Re-exported so users can name the schema trait without a direct dependency.
pub use schemars;

/// A value that can check itself against its annotations.
///
/// Implemented by `#[derive(Validate)]`, and here for `Option`, `Vec`,
/// slices, `Box` and string-keyed `HashMap`/`BTreeMap` of validatable
/// values, so `#[validate(nested)]` works through them (array elements get
/// their index in the path, map values their key).
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not implement `Validate`",
    label = "`nested` needs a type that implements `Validate` (or an Option, Vec, Box or string-keyed map of one)",
    note = "derive it with `#[derive(Validate)]` on that type, or remove `nested`"
)]
pub trait Validate {
    /// Checks every rule and returns every violation, not only the first.
    #[inline]
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        self.validate_into(&Path::ROOT, &mut errors);
        errors.into_result()
    }

    /// Records the violations of `self`, found at `path`, into `errors`.
    fn validate_into(&self, path: &Path<'_>, errors: &mut ValidationErrors);
}

impl<T: Validate> Validate for Option<T> {
    fn validate_into(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        if let Some(v) = self {
            v.validate_into(path, errors);
        }
    }
}

impl<T: Validate> Validate for [T] {
    fn validate_into(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        for (i, v) in self.iter().enumerate() {
            v.validate_into(&path.index(i), errors);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        self.as_slice().validate_into(path, errors);
    }
}

/// Map values are validated with the key as their path segment
/// (`/stock/apple/count`, escaped per RFC 6901), in key order, so a report
/// lists the same violations in the same order whatever the map's iteration
/// order: the walk `inner(..)` makes ([`rules::inner::Items`]).
impl<K, V, S> Validate for HashMap<K, V, S>
where
    K: AsRef<str>,
    V: Validate,
{
    fn validate_into(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        rules::inner::each(self, path, errors, |v, p, e| v.validate_into(p, e));
    }
}

/// As for `HashMap`.
impl<K, V> Validate for BTreeMap<K, V>
where
    K: AsRef<str>,
    V: Validate,
{
    fn validate_into(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        rules::inner::each(self, path, errors, |v, p, e| v.validate_into(p, e));
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_into(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        (**self).validate_into(path, errors);
    }
}

impl<T: Validate + ?Sized> Validate for &T {
    fn validate_into(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        (**self).validate_into(path, errors);
    }
}

/// The string values of a fieldless enum deriving `Validate`, as serialized.
pub trait EnumValues {
    /// Every variant's serialized name, in declaration order.
    const VALUES: &'static [&'static str];
}

/// A field's value, for [`AutoNested`]'s method lookup.
#[doc(hidden)]
pub struct AutoNested<'a, T: ?Sized>(pub &'a T);

/// Picked by auto-ref when the field's type implements [`Validate`]: the
/// value is validated in place, with or without `nested`, since the schema
/// (a `$ref` to the type's definition) carries its rules either way.
#[doc(hidden)]
pub trait ViaValidate {
    fn auto_validate(&self, path: &Path<'_>, errors: &mut ValidationErrors);
}

impl<T: Validate + ?Sized> ViaValidate for AutoNested<'_, T> {
    #[inline]
    fn auto_validate(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        self.0.validate_into(path, errors);
    }
}

/// Picked otherwise (one auto-ref further): nothing to check.
#[doc(hidden)]
pub trait NoValidate {
    fn auto_validate(&self, path: &Path<'_>, errors: &mut ValidationErrors);
}

impl<T: ?Sized> NoValidate for &AutoNested<'_, T> {
    #[inline]
    fn auto_validate(&self, _: &Path<'_>, _: &mut ValidationErrors) {}
}

/// What generated code names; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use super::foreign::{SchemaOf, ViaFieldSchema, ViaJsonSchema};
    pub use super::{AutoNested, NoValidate, ViaValidate};
    pub use regex::Regex;
    pub use schemars::{JsonSchema, Schema, SchemaGenerator};
    pub use serde_json::json;
    pub use std::borrow::Cow;
}
