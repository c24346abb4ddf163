//! Fields of types this crate cannot implement `JsonSchema` for, or whose
//! own parsers accept more than their schema says: `std::net::{IpAddr,
//! Ipv4Addr, Ipv6Addr}` (always), and, each behind a cargo feature named
//! after its crate, `uuid::Uuid` (`uuid`), `chrono::DateTime<Utc>`
//! (`chrono`), `time::OffsetDateTime` (`time`), `jiff::Timestamp` (`jiff`)
//! and `url::Url` (`url`).
//!
//! The orphan rule keeps users from implementing this crate's traits for
//! them; this module does. Each type is read with this crate's own
//! language, never its crate's parser (which is looser: chrono and jiff
//! take `t`, `z` and a space for `T`, uuid takes upper case, braces and
//! `urn:uuid:`): a date-time with [`Timestamp`](crate::Timestamp)'s parser
//! (the `date_time` rule's language), a UUID with the `uuid` rule's; the
//! value is converted after. The schema is the rule's (`format` and the
//! pattern that decides), so the schema, `from_json` and the
//! conformance vectors agree.
//!
//! In a struct deriving `Validate`, a field of one of these types (or an
//! `Option`, `Vec`, `Box` or string-keyed map of one) needs no annotation;
//! its schema comes from [`ForeignSchema`] (the derive prefers it to
//! `JsonSchema`, which schemars may also implement for some of them, with
//! no pattern).

use std::collections::{BTreeMap, HashMap};
use std::marker::PhantomData;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

#[cfg(feature = "chrono")]
pub mod chrono;
mod ip;
#[cfg(feature = "jiff")]
pub mod jiff;
#[cfg(feature = "time")]
pub mod time;
#[cfg(feature = "url")]
mod url;
#[cfg(feature = "uuid")]
pub mod uuid;

/// The schema of a type this crate cannot implement `JsonSchema` for (the
/// orphan rule): the foreign types of this module, and `Option`, `Vec`,
/// `Box` and string-keyed maps of them. The derive uses it in preference
/// to `JsonSchema` (see [`SchemaProbe`]).
pub trait ForeignSchema {
    /// The type's schema (inline: no `$defs` entry).
    fn foreign_schema(generator: &mut SchemaGenerator) -> Schema;
}

impl<T: ForeignSchema> ForeignSchema for Option<T> {
    fn foreign_schema(generator: &mut SchemaGenerator) -> Schema {
        crate::schema::nullable(T::foreign_schema(generator))
    }
}

impl<T: ForeignSchema + ?Sized> ForeignSchema for Box<T> {
    fn foreign_schema(generator: &mut SchemaGenerator) -> Schema {
        T::foreign_schema(generator)
    }
}

impl<T: ForeignSchema> ForeignSchema for Vec<T> {
    fn foreign_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "array", "items": T::foreign_schema(generator)})
    }
}

impl<T: ForeignSchema, S> ForeignSchema for HashMap<String, T, S> {
    fn foreign_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "object", "additionalProperties": T::foreign_schema(generator)})
    }
}

impl<T: ForeignSchema> ForeignSchema for BTreeMap<String, T> {
    fn foreign_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "object", "additionalProperties": T::foreign_schema(generator)})
    }
}

/// The derive's choice of a field's schema, by auto-ref: `(&SchemaProbe::<T>::NEW).route()`
/// is [`ForeignRoute`] when `T: ForeignSchema`, else [`JsonSchemaRoute`]
/// (whose `schema` then asks for `T: JsonSchema`, the error a type with
/// neither gets).
#[doc(hidden)]
pub struct SchemaProbe<T: ?Sized>(PhantomData<fn() -> Box<T>>);

impl<T: ?Sized> SchemaProbe<T> {
    /// The probe.
    pub const NEW: Self = SchemaProbe(PhantomData);
}

/// Picked when the type implements [`ForeignSchema`].
#[doc(hidden)]
pub trait ViaForeignSchema {
    fn route(&self) -> ForeignRoute;
}

impl<T: ForeignSchema + ?Sized> ViaForeignSchema for SchemaProbe<T> {
    #[inline]
    fn route(&self) -> ForeignRoute {
        ForeignRoute
    }
}

/// Picked otherwise (one auto-ref further).
#[doc(hidden)]
pub trait ViaJsonSchema {
    fn route(&self) -> JsonSchemaRoute;
}

impl<T: ?Sized> ViaJsonSchema for &SchemaProbe<T> {
    #[inline]
    fn route(&self) -> JsonSchemaRoute {
        JsonSchemaRoute
    }
}

/// The schema from [`ForeignSchema`].
#[doc(hidden)]
pub struct ForeignRoute;

impl ForeignRoute {
    #[inline]
    pub fn schema<T: ForeignSchema + ?Sized>(self, generator: &mut SchemaGenerator) -> Schema {
        T::foreign_schema(generator)
    }
}

/// The schema from `JsonSchema` (`subschema_for`, as before).
#[doc(hidden)]
pub struct JsonSchemaRoute;

impl JsonSchemaRoute {
    #[inline]
    pub fn schema<T: JsonSchema + ?Sized>(self, generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<T>()
    }
}

/// What each foreign type supplies: its language (a format rule's) and the
/// conversion of a string of that language.
pub(crate) trait Foreign: Sized {
    /// The rule whose language the type reads and whose schema it has.
    fn format() -> &'static crate::rules::format::Format;

    /// The value of `s`, if `s` is in the language (and the value in the
    /// type's range).
    fn read(s: &str) -> Option<Self>;

    /// Whether `s` is in the type's language: the rule's, unless the type
    /// narrows it (see [`narrow_schema`](Self::narrow_schema)). For the
    /// tests of the foreign types behind features.
    #[cfg(all(
        test,
        any(
            feature = "uuid",
            feature = "chrono",
            feature = "time",
            feature = "jiff"
        )
    ))]
    fn matches(s: &str) -> bool {
        Self::format().matches(s)
    }

    /// Narrows the rule's schema to the type's range, where that is less
    /// than the rule's language (`jiff`).
    fn narrow_schema(schema: &mut Schema) {
        let _ = schema;
    }

    /// The schema's keywords beyond `"type": "string"`: the rule's, narrowed
    /// (`IpAddr`, whose language is the union of two rules', writes its own).
    fn write_schema(schema: &mut Schema) {
        Self::format().schema(schema);
        Self::narrow_schema(schema);
    }
}

/// `JsonCheck` (a string of the language, else `type` or `format`),
/// the reader's `report_json` (the same) and [`ForeignSchema`] (the rule's
/// schema) for a type implementing [`Foreign`].
macro_rules! foreign_impls {
    ($t:ty) => {
        impl crate::json::JsonCheck for $t {
            const READS: bool = true;
            const SERDE_SAME: bool = false;

            fn check_json(
                value: &serde_json::Value,
                path: &crate::path::Path<'_>,
                errors: &mut crate::errors::ValidationErrors,
            ) {
                match value {
                    serde_json::Value::String(s) => {
                        if <$t as crate::foreign::Foreign>::read(s).is_none() {
                            errors.add(
                                path,
                                crate::errors::Constraint::Format(
                                    <$t as crate::foreign::Foreign>::format().name(),
                                ),
                            );
                        }
                    }
                    _ => errors.add(path, crate::errors::Constraint::Type("string")),
                }
            }

            fn to_serde_form(value: &mut serde_json::Value) {
                let form = match value {
                    serde_json::Value::String(s) => <$t as crate::foreign::Foreign>::read(s)
                        .and_then(|v| serde_json::to_value(&v).ok()),
                    _ => None,
                };
                if let Some(form) = form {
                    *value = form;
                }
            }

            #[inline]
            fn report_json(
                r: &mut crate::json::derive::Reader<'_>,
                at: &crate::path::Path<'_>,
                found: &mut crate::json::derive::Found,
            ) -> Result<Option<Self>, crate::json::derive::Fail> {
                if r.next_byte() != Some(b'"') {
                    return crate::json::derive::wrong_type(r, at, found, "string");
                }
                match <$t as crate::foreign::Foreign>::read(&r.text()?) {
                    Some(v) => Ok(Some(v)),
                    None => {
                        found.add(
                            at,
                            crate::errors::Constraint::Format(
                                <$t as crate::foreign::Foreign>::format().name(),
                            ),
                        )?;
                        Ok(None)
                    }
                }
            }
        }

        impl crate::foreign::ForeignSchema for $t {
            fn foreign_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let mut schema = schemars::json_schema!({"type": "string"});
                <$t as crate::foreign::Foreign>::write_schema(&mut schema);
                schema
            }
        }
    };
}
pub(crate) use foreign_impls;

/// A [`Timestamp`](crate::Timestamp)'s instant as whole seconds since the
/// Unix epoch and nanoseconds: what the UTC date-time types are built from.
#[cfg(any(feature = "chrono", feature = "jiff"))]
pub(crate) fn instant(s: &str) -> Option<(i64, u32)> {
    let t = crate::Timestamp::parse(s).ok()?;
    Some((t.unix_seconds(), t.nanosecond()))
}

/// The tests every foreign type shares: the language, `check_json`, the
/// reader and `from_json` (both tiers) agree on `accept` and `refuse`, and
/// the report's wording. `$t` must be `PartialEq + Debug + Deserialize`.
#[cfg(all(
    test,
    any(
        feature = "uuid",
        feature = "chrono",
        feature = "time",
        feature = "jiff"
    )
))]
macro_rules! language_tests {
    ($t:ty, $accept:expr, $refuse:expr) => {
        #[derive(crate::Validate, serde::Deserialize, Debug, PartialEq)]
        struct Holder {
            v: Vec<$t>,
            n: Option<u8>,
        }

        #[test]
        fn reads_exactly_the_language() {
            use crate::foreign::Foreign;
            use crate::json::JsonCheck;
            let format = <$t>::format();
            let accept: &[&str] = &$accept;
            let refuse: &[&str] = &$refuse;
            for s in accept {
                assert!(<$t>::matches(s), "{s:?} is not in the language");
                let v = <$t>::read(s).unwrap_or_else(|| panic!("{s:?} not read"));
                let mut e = crate::ValidationErrors::new();
                <$t>::check_json(&serde_json::json!(s), &crate::Path::ROOT, &mut e);
                assert!(e.is_empty(), "{s:?}: {e}");
                // With a plain integer beside it and with `5.0` (which the
                // reader reads as 5): the same value.
                for n in ["5", "5.0"] {
                    let doc = format!(r#"{{"v": [{}], "n": {n}}}"#, serde_json::json!(s));
                    let read = crate::from_str::<Holder>(&doc)
                        .unwrap_or_else(|e| panic!("{doc}: {e}"))
                        .into_inner();
                    assert_eq!(read.v, std::slice::from_ref(&v), "{doc}");
                }
            }
            for s in refuse {
                assert!(!<$t>::matches(s), "{s:?} is in the language");
                assert!(<$t>::read(s).is_none(), "{s:?} read");
                let mut e = crate::ValidationErrors::new();
                <$t>::check_json(&serde_json::json!(s), &crate::Path::ROOT, &mut e);
                assert_eq!(e.violations()[0].code(), "format", "{s:?}");
                for n in ["5", "5.0"] {
                    let doc = format!(r#"{{"v": ["{}", {}], "n": {n}}}"#, accept[0], serde_json::json!(s));
                    let report = crate::from_str::<Holder>(&doc).unwrap_err();
                    assert_eq!(
                        report.to_string(),
                        format!(
                            "1 validation error detected: Value at '/v/1' failed to satisfy \
                             constraint: Member must be a valid {}",
                            format.name()
                        ),
                        "{doc}"
                    );
                }
            }
            for (doc, code) in [(r#"{"v": [7]}"#, "type"), (r#"{"v": [null]}"#, "type")] {
                let report = crate::from_str::<Holder>(doc).unwrap_err();
                let found: Vec<_> = report.violations().iter().map(|v| (v.path(), v.code())).collect();
                assert_eq!(found, [("/v/0", code)], "{doc}");
            }
        }

        #[test]
        fn schema_is_the_rules() {
            use crate::foreign::Foreign;
            let mut generator = schemars::SchemaGenerator::default();
            let schema = <$t as crate::foreign::ForeignSchema>::foreign_schema(&mut generator);
            let mut expected = schemars::json_schema!({"type": "string"});
            <$t>::format().schema(&mut expected);
            <$t>::narrow_schema(&mut expected);
            assert_eq!(schema, expected);
            assert_eq!(schema.get("pattern").and_then(|p| p.as_str()), Some(<$t>::format().pattern()));
        }
    };
}
#[cfg(all(
    test,
    any(
        feature = "uuid",
        feature = "chrono",
        feature = "time",
        feature = "jiff"
    )
))]
pub(crate) use language_tests;

/// A UTC date-time type's `Serialize` writes strings of the language that
/// read back as the same instant, in UTC (`2015-03-09T17:39:23.411Z` for
/// `2015-03-09T18:39:23.411+01:00`); `last` is a late instant in its range.
#[cfg(all(test, any(feature = "chrono", feature = "jiff")))]
pub(crate) fn serialize_round_trips<T>(last: &str)
where
    T: Foreign + serde::Serialize + PartialEq + std::fmt::Debug,
{
    for s in [
        "2015-03-09T18:39:23Z",
        "2015-03-09T18:39:23.411+01:00",
        "2015-03-09T18:39:23.000001Z",
        "2015-03-09T18:39:23.123456789Z",
        "0001-01-01T00:00:00Z",
        last,
    ] {
        let v = T::read(s).unwrap();
        let written = serde_json::to_value(&v).unwrap();
        let text = written.as_str().unwrap();
        assert!(T::format().matches(text), "{s} written as {text}");
        assert_eq!(T::read(text), Some(v), "{s} written as {text}");
    }
    assert_eq!(
        serde_json::to_value(T::read("2015-03-09T18:39:23.411+01:00").unwrap()).unwrap(),
        "2015-03-09T17:39:23.411Z"
    );
}

/// Strings in the `date_time` language, for the tests of every UTC
/// date-time type (each adds its own last instant).
#[cfg(all(test, any(feature = "chrono", feature = "time", feature = "jiff")))]
pub(crate) const DATE_TIMES: [&str; 5] = [
    "2015-03-09T18:39:23Z",
    "2015-03-09T18:39:23.411000+00:00",
    "2015-03-09T18:39:23.1234567891234-05:30",
    "2024-02-29T00:00:00-23:59",
    "0001-01-01T00:00:00+01:00",
];

/// Strings outside the `date_time` language that every UTC date-time
/// type's crate, or a near miss of it, might read (each type adds the
/// looser forms its own crate takes).
#[cfg(all(test, any(feature = "chrono", feature = "time", feature = "jiff")))]
pub(crate) const NOT_DATE_TIMES: [&str; 12] = [
    "2015-03-09t18:39:23z",
    "2015-03-09 18:39:23Z",
    "2015-03-09T23:59:60Z",
    "2015-02-29T18:39:23Z",
    "2015-03-09T24:00:00Z",
    "2015-03-09T18:39:23",
    "2015-03-09T18:39:23+01:00:30",
    "2015-03-09T18:39:23+0100",
    "2015-03-09T18:39:23.Z",
    "0000-01-01T00:00:00Z",
    "2015-03-09T18:39:23Z\n",
    "",
];
