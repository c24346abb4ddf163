//! Field types from `std` and other crates that `from_json` reads with the
//! same strictness as [`Timestamp`](crate::Timestamp): the Rust side accepts
//! exactly the language of the schema it emits for them.
//!
//! Each type has, in its own file here:
//!
//! - [`JsonCheck`](crate::JsonCheck) and the reporting reader: a string
//!   outside the language is a `format` violation, never a panic, and the
//!   type's own parser only runs on strings of the language (and is tested
//!   to accept all of them);
//! - [`FieldSchema`]: the schema a field of that type gets, through the
//!   derive. `schemars::JsonSchema` is not enough: schemars has its own
//!   schema for some of these types (`std::net::IpAddr`, a bare `format`
//!   that most validators do not assert) and none for others (`url::Url`),
//!   and the orphan rule forbids implementing a foreign trait for a foreign
//!   type here. The derive asks for a field's schema through
//!   [`SchemaOf`]: `FieldSchema` when the type has it, `JsonSchema`
//!   otherwise.
//!
//! Types: `std::net::{IpAddr, Ipv4Addr, Ipv6Addr}` (always) and `url::Url`
//! (cargo feature `url`). A new one is a file here, a `mod` line below and
//! its feature in `Cargo.toml`; the derive needs nothing.

use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;

use crate::errors::{Constraint, ValidationErrors};
use crate::json::derive::{wrong_type, Fail, Found, Reader};
use crate::path::Path;
use crate::rules::format::Format;

mod ip;
#[cfg(feature = "url")]
mod url;

/// The schema of a field of this type, for types whose `JsonSchema` is
/// missing or does not say what `from_json` accepts (see the module doc).
pub trait FieldSchema {
    /// The schema (inline: no `$defs` entry).
    fn field_schema(generator: &mut SchemaGenerator) -> Schema;
}

/// A `Vec` of such a type: an array of its schema.
impl<T: FieldSchema> FieldSchema for Vec<T> {
    fn field_schema(generator: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({"type": "array", "items": T::field_schema(generator)})
    }
}

/// Picks a field's schema in generated code:
/// `(&SchemaOf::<T>::NEW).field_schema(g)` resolves to [`ViaFieldSchema`]
/// when `T: FieldSchema`, and to [`ViaJsonSchema`] (one auto-ref away)
/// otherwise.
pub struct SchemaOf<T: ?Sized>(PhantomData<T>);

impl<T: ?Sized> SchemaOf<T> {
    /// The probe.
    pub const NEW: Self = SchemaOf(PhantomData);
}

/// See [`SchemaOf`].
pub trait ViaFieldSchema {
    /// `T`'s [`FieldSchema`].
    fn field_schema(&self, generator: &mut SchemaGenerator) -> Schema;
}

impl<T: FieldSchema + ?Sized> ViaFieldSchema for SchemaOf<T> {
    #[inline]
    fn field_schema(&self, generator: &mut SchemaGenerator) -> Schema {
        T::field_schema(generator)
    }
}

/// See [`SchemaOf`]. Implemented for every `T`, with `T: JsonSchema` on
/// the method: a field type with neither trait is then an error that names
/// `JsonSchema`, at the field's type.
pub trait ViaJsonSchema<T: ?Sized> {
    /// `T`'s `JsonSchema`, as `subschema_for` gives it.
    fn field_schema(&self, generator: &mut SchemaGenerator) -> Schema
    where
        T: JsonSchema;
}

impl<T: ?Sized> ViaJsonSchema<T> for &SchemaOf<T> {
    #[inline]
    fn field_schema(&self, generator: &mut SchemaGenerator) -> Schema
    where
        T: JsonSchema,
    {
        generator.subschema_for::<T>()
    }
}

/// A type read from a string of a [`Format`]'s language: the string is
/// checked against the language first, and only then parsed.
trait FormatType: Sized {
    /// The language.
    fn format() -> &'static Format;
    /// The type's own parser (tested to accept the whole language).
    fn parse(s: &str) -> Option<Self>;

    /// The value of `s`, if `s` is in the language.
    fn read(s: &str) -> Option<Self> {
        if Self::format().matches(s) {
            Self::parse(s)
        } else {
            None
        }
    }
}

/// `JsonCheck`, the reporting reader and `FieldSchema` of a [`FormatType`];
/// `$schema` writes the schema's keywords beyond `type` from the format.
macro_rules! format_type {
    ($t:ty, $schema:expr) => {
        impl crate::JsonCheck for $t {
            fn check_json(
                value: &serde_json::Value,
                path: &crate::path::Path<'_>,
                errors: &mut crate::errors::ValidationErrors,
            ) {
                super::check_json::<$t>(value, path, errors);
            }
        }

        impl<'de> crate::json::derive::Report<'de> for $t {
            #[inline]
            fn report(
                r: &mut crate::json::derive::Reader<'de>,
                at: &crate::path::Path<'_>,
                found: &mut crate::json::derive::Found,
            ) -> Result<Option<Self>, crate::json::derive::Fail> {
                super::report::<$t>(r, at, found)
            }
        }

        impl super::FieldSchema for $t {
            fn field_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let mut schema = schemars::json_schema!({"type": "string"});
                let write: fn(&mut schemars::Schema) = $schema;
                write(&mut schema);
                schema
            }
        }
    };
}
use format_type;

fn check_json<T: FormatType>(value: &Value, path: &Path<'_>, errors: &mut ValidationErrors) {
    match value {
        Value::String(s) => {
            if T::read(s).is_none() {
                errors.add(path, Constraint::Format(T::format().name()));
            }
        }
        _ => errors.add(path, Constraint::Type("string")),
    }
}

fn report<T: FormatType>(
    r: &mut Reader<'_>,
    at: &Path<'_>,
    found: &mut Found,
) -> Result<Option<T>, Fail> {
    if r.next_byte() != Some(b'"') {
        return wrong_type(r, at, found, "string");
    }
    match T::read(&r.text()?) {
        Some(v) => Ok(Some(v)),
        None => {
            found.add(at, Constraint::Format(T::format().name()))?;
            Ok(None)
        }
    }
}
