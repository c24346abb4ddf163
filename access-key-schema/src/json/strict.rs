//! The serde tier: a wrapper around any serde `Deserializer` that reads JSON
//! the way the JSON Schema does, so that a payload the schema rejects never
//! deserializes. `from_json` reads through it what the derived reader
//! (`json::report`) leaves, and so does that reader for a field type without
//! a reader of its own.
//!
//! It forwards every call, wrapping every nested deserializer, visitor,
//! seed and accessor it hands out, and changes four things:
//!
//! * `deserialize_struct` becomes `deserialize_map`: serde's derived structs
//!   also accept a JSON *array* of field values, which the schema rejects.
//! * `deserialize_enum` becomes `deserialize_str`: a fieldless enum is a
//!   string; serde_json would also accept `{"Variant": null}`.
//! * `deserialize_ignored_any` becomes `deserialize_any`, so the content of
//!   ignored (unknown) members is still depth-limited and duplicate-checked
//!   (serde_json skips it without either check).
//! * Arrays and objects deeper than the limit fail, and so does a member name
//!   repeated in one object (serde's derive only catches repeated *known*
//!   fields; a map or `serde_json::Value` would keep the last one).
//!
//! The errors it produces are never shown: the slow path rebuilds the report.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer, StringDeserializer};
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

/// Reads a `T` from `bytes` through [`Strict`], with `T`'s own
/// `Deserialize`, trailing characters included; `None` on any failure.
pub(crate) fn from_slice<T: de::DeserializeOwned>(bytes: &[u8], max_depth: usize) -> Option<T> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = T::deserialize(Strict::new(&mut de, max_depth)).ok()?;
    de.end().ok()?;
    Some(value)
}

/// Deserializes a `T` from an already parsed value through [`Strict`], with
/// `T`'s own `Deserialize`.
pub(crate) fn from_value<T: de::DeserializeOwned>(
    value: &serde_json::Value,
    max_depth: usize,
) -> Option<T> {
    T::deserialize(Strict::new(value, max_depth)).ok()
}

const TOO_DEEP: &str = "nesting too deep";
const DUPLICATE: &str = "duplicate member";

// ---- What the derived readers share ----------------------------------

/// Member names seen so far in one object: the first [`Keys::FEW`] names
/// borrowed from the input are kept inline (no allocation, nothing to drop,
/// for the objects of a typical payload); an escaped (owned) name or a
/// `FEW + 1`th moves them all to a hash set. `lengths` has bit `n % 64` set
/// for every inline name of `n` bytes: a name whose bit is clear is new
/// without comparing it to any (the usual case, members differing in
/// length).
pub(crate) struct Keys<'de> {
    len: usize,
    lengths: u64,
    few: [&'de str; Keys::FEW],
    many: Option<HashSet<Cow<'de, str>>>,
}

impl Default for Keys<'_> {
    #[inline]
    fn default() -> Self {
        Keys {
            len: 0,
            lengths: 0,
            few: [""; Keys::FEW],
            many: None,
        }
    }
}

impl<'de> Keys<'de> {
    /// Linear search up to this many names, a hash set beyond.
    const FEW: usize = 16;

    /// Records `key`; `false` when it was already there.
    #[inline]
    pub(crate) fn insert(&mut self, key: Cow<'de, str>) -> bool {
        let key = match (&mut self.many, key) {
            (Some(set), key) => return set.insert(key),
            (None, Cow::Borrowed(name)) => {
                let bit = 1u64 << (name.len() % 64);
                if self.lengths & bit != 0 && self.few[..self.len].contains(&name) {
                    return false;
                }
                if self.len < Self::FEW {
                    self.few[self.len] = name;
                    self.len += 1;
                    self.lengths |= bit;
                    return true;
                }
                Cow::Borrowed(name)
            }
            (None, key) => key,
        };
        let mut set: HashSet<_> = self.few[..self.len]
            .iter()
            .map(|&name| Cow::Borrowed(name))
            .collect();
        let fresh = set.insert(key);
        self.many = Some(set);
        fresh
    }
}

/// The strict wrapper. `key` is set while a member name is read, to record it.
pub(crate) struct Strict<'k, 'de, D> {
    de: D,
    depth: usize,
    max_depth: usize,
    key: Option<&'k mut Keys<'de>>,
}

impl<D> Strict<'_, '_, D> {
    /// Wraps the deserializer of a whole document.
    pub(crate) fn new(de: D, max_depth: usize) -> Self {
        Strict::at(de, 0, max_depth)
    }

    /// Wraps the deserializer of a value `depth` levels down.
    pub(crate) fn at(de: D, depth: usize, max_depth: usize) -> Self {
        Strict {
            de,
            depth,
            max_depth,
            key: None,
        }
    }
}

/// The visitor wrapper: checks depth, records member names, wraps accessors.
struct Wrap<'k, 'de, V> {
    inner: V,
    depth: usize,
    max_depth: usize,
    key: Option<&'k mut Keys<'de>>,
    /// An integer was asked for: whole floats are read as integers.
    integral: bool,
}

macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            let (de, wrap) = self.split(visitor);
            de.$method($($arg,)* wrap)
        }
    )*};
}

impl<'k, 'de, D: Deserializer<'de>> Strict<'k, 'de, D> {
    #[inline]
    fn split<V>(self, inner: V) -> (D, Wrap<'k, 'de, V>) {
        (
            self.de,
            Wrap {
                inner,
                depth: self.depth,
                max_depth: self.max_depth,
                key: self.key,
                integral: false,
            },
        )
    }
}

/// Integer requests: like `forward_deserialize`, but a JSON number written
/// with a fraction or exponent that is a whole number (`5.0`, `1e2`) is read
/// as that integer. JSON Schema's `integer` type accepts those, and so must
/// we, or the Rust checks and the schema would disagree.
macro_rules! integral_deserialize {
    ($($method:ident;)*) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            let (de, mut wrap) = self.split(visitor);
            wrap.integral = true;
            de.$method(wrap)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<'_, 'de, D> {
    type Error = D::Error;

    integral_deserialize! {
        deserialize_i8;
        deserialize_i16;
        deserialize_i32;
        deserialize_i64;
        deserialize_i128;
        deserialize_u8;
        deserialize_u16;
        deserialize_u32;
        deserialize_u64;
        deserialize_u128;
    }

    forward_deserialize! {
        deserialize_any();
        deserialize_bool();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_identifier();
    }

    #[inline]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let (de, wrap) = self.split(visitor);
        de.deserialize_map(wrap)
    }

    #[inline]
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // A string (a unit variant), or an object of exactly one member
        // (a variant with data, see `MapEnum`), read through the wrapper.
        let (de, wrap) = self.split(EnumFromStr(visitor));
        de.deserialize_any(wrap)
    }

    #[inline]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let (de, wrap) = self.split(visitor);
        de.deserialize_any(wrap)
    }

    #[inline]
    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty);)*) => {$(
        #[inline]
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.inner.$method(v)
        }
    )*};
}

impl<'k, 'de, V: Visitor<'de>> Wrap<'k, 'de, V> {
    #[inline]
    fn record<E: de::Error>(key: Option<&mut Keys<'de>>, name: Cow<'de, str>) -> Result<(), E> {
        match key {
            Some(keys) => {
                if keys.insert(name) {
                    Ok(())
                } else {
                    Err(E::custom(DUPLICATE))
                }
            }
            None => Ok(()),
        }
    }

    #[inline]
    fn nested<'x, D>(&self, de: D) -> Strict<'x, 'de, D> {
        Strict {
            de,
            depth: self.depth,
            max_depth: self.max_depth,
            key: None,
        }
    }

    #[inline]
    fn deeper<E: de::Error>(&self) -> Result<usize, E> {
        let depth = self.depth + 1;
        if depth > self.max_depth {
            Err(E::custom(TOO_DEEP))
        } else {
            Ok(depth)
        }
    }
}

/// `v` as an integer when it is a whole number within 64 bits.
pub(crate) fn whole_number(v: f64) -> Option<i128> {
    const MIN: f64 = -9_223_372_036_854_775_808.0; // -2^63
    const END: f64 = 18_446_744_073_709_551_616.0; // 2^64
    (v.fract() == 0.0 && (MIN..END).contains(&v)).then_some(v as i128)
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<'_, 'de, V> {
    type Value = V::Value;

    #[inline]
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        match whole_number(v).filter(|_| self.integral) {
            Some(n) if n < 0 => self.inner.visit_i64(n as i64),
            Some(n) => self.inner.visit_u64(n as u64),
            None => self.inner.visit_f64(v),
        }
    }

    #[inline]
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    forward_visit! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
        visit_u128(u128);
        visit_f32(f32);
        visit_char(char);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        if self.key.is_some() {
            Self::record(self.key, Cow::Owned(v.to_owned()))?;
        }
        self.inner.visit_str(v)
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        Self::record(self.key, Cow::Borrowed(v))?;
        self.inner.visit_borrowed_str(v)
    }

    #[inline]
    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        if self.key.is_some() {
            Self::record(self.key, Cow::Owned(v.clone()))?;
        }
        self.inner.visit_string(v)
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        let de = self.nested(de);
        self.inner.visit_some(de)
    }

    #[inline]
    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        let de = self.nested(de);
        self.inner.visit_newtype_struct(de)
    }

    #[inline]
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        let depth = self.deeper()?;
        self.inner.visit_seq(Seq {
            inner: seq,
            depth,
            max_depth: self.max_depth,
        })
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let depth = self.deeper()?;
        self.inner.visit_map(Map {
            inner: map,
            depth,
            max_depth: self.max_depth,
            keys: Keys::default(),
        })
    }

    #[inline]
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.inner.visit_enum(Enum {
            inner: data,
            depth: self.depth,
            max_depth: self.max_depth,
        })
    }
}

/// Reads a fieldless enum from a string only.
struct EnumFromStr<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for EnumFromStr<V> {
    type Value = V::Value;

    #[inline]
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.0.visit_enum(StrDeserializer::<E>::new(v))
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.0.visit_enum(BorrowedStrDeserializer::<E>::new(v))
    }

    #[inline]
    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.0.visit_enum(StringDeserializer::<E>::new(v))
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visit_map_enum(map)
    }
}

impl<'de, V: Visitor<'de>> EnumFromStr<V> {
    /// An externally tagged variant with data: `{"Variant": payload}`.
    #[inline]
    fn visit_map_enum<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(MapEnum(map))
    }
}

/// `{"Variant": payload}` as serde_json reads it (exactly one member), but
/// through the strict wrapper's map; a unit variant is a string only.
struct MapEnum<A>(A);

impl<'de, A: MapAccess<'de>> EnumAccess<'de> for MapEnum<A> {
    type Error = A::Error;
    type Variant = Self;

    fn variant_seed<T: DeserializeSeed<'de>>(
        mut self,
        seed: T,
    ) -> Result<(T::Value, Self), A::Error> {
        match self.0.next_key_seed(seed)? {
            Some(v) => Ok((v, self)),
            None => Err(de::Error::invalid_length(0, &"an object of one member")),
        }
    }
}

impl<'de, A: MapAccess<'de>> MapEnum<A> {
    fn end(&mut self) -> Result<(), A::Error> {
        match self.0.next_key::<de::IgnoredAny>()? {
            None => Ok(()),
            Some(_) => Err(de::Error::invalid_length(2, &"an object of one member")),
        }
    }
}

/// The variant's payload deserialized as a struct or a tuple.
struct VariantSeed<V> {
    visitor: V,
    fields: Option<&'static [&'static str]>,
    len: usize,
}

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for VariantSeed<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        match self.fields {
            Some(fields) => de.deserialize_struct("", fields, self.visitor),
            None => de.deserialize_tuple(self.len, self.visitor),
        }
    }
}

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for MapEnum<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        Err(de::Error::invalid_type(
            de::Unexpected::Map,
            &"a unit variant's name as a string",
        ))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        mut self,
        seed: T,
    ) -> Result<T::Value, A::Error> {
        let value = self.0.next_value_seed(seed)?;
        self.end()?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(
        mut self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let value = self.0.next_value_seed(VariantSeed {
            visitor,
            fields: None,
            len,
        })?;
        self.end()?;
        Ok(value)
    }

    fn struct_variant<V: Visitor<'de>>(
        mut self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let value = self.0.next_value_seed(VariantSeed {
            visitor,
            fields: Some(fields),
            len: 0,
        })?;
        self.end()?;
        Ok(value)
    }
}

/// A seed whose deserializer is wrapped.
struct Seed<'k, 'de, T> {
    inner: T,
    depth: usize,
    max_depth: usize,
    key: Option<&'k mut Keys<'de>>,
}

impl<'de, T: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, 'de, T> {
    type Value = T::Value;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<T::Value, D::Error> {
        self.inner.deserialize(Strict {
            de,
            depth: self.depth,
            max_depth: self.max_depth,
            key: self.key,
        })
    }
}

struct Seq<A> {
    inner: A,
    depth: usize,
    max_depth: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<A> {
    type Error = A::Error;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.inner.next_element_seed(Seed {
            inner: seed,
            depth: self.depth,
            max_depth: self.max_depth,
            key: None,
        })
    }

    #[inline]
    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

struct Map<'de, A> {
    inner: A,
    depth: usize,
    max_depth: usize,
    keys: Keys<'de>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<'de, A> {
    type Error = A::Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.inner.next_key_seed(Seed {
            inner: seed,
            depth: self.depth,
            max_depth: self.max_depth,
            key: Some(&mut self.keys),
        })
    }

    #[inline]
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.inner.next_value_seed(Seed {
            inner: seed,
            depth: self.depth,
            max_depth: self.max_depth,
            key: None,
        })
    }

    #[inline]
    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

struct Enum<A> {
    inner: A,
    depth: usize,
    max_depth: usize,
}

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Enum<A> {
    type Error = A::Error;
    type Variant = Enum<A::Variant>;

    #[inline]
    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let (value, variant) = self.inner.variant_seed(Seed {
            inner: seed,
            depth: self.depth,
            max_depth: self.max_depth,
            key: None,
        })?;
        let variant = Enum {
            inner: variant,
            depth: self.depth,
            max_depth: self.max_depth,
        };
        Ok((value, variant))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Enum<A> {
    type Error = A::Error;

    #[inline]
    fn unit_variant(self) -> Result<(), A::Error> {
        self.inner.unit_variant()
    }

    #[inline]
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.inner.newtype_variant_seed(Seed {
            inner: seed,
            depth: self.depth,
            max_depth: self.max_depth,
            key: None,
        })
    }

    #[inline]
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.inner.tuple_variant(
            len,
            Wrap {
                inner: visitor,
                depth: self.depth,
                max_depth: self.max_depth,
                key: None,
                integral: false,
            },
        )
    }

    #[inline]
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.inner.struct_variant(
            fields,
            Wrap {
                inner: visitor,
                depth: self.depth,
                max_depth: self.max_depth,
                key: None,
                integral: false,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde_json::Value;

    use super::*;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Inner {
        a: u8,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Outer {
        inner: Inner,
        list: Vec<Inner>,
        #[serde(default)]
        kind: Option<Kind>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    enum Kind {
        On,
        Off,
    }

    fn strict<T: de::DeserializeOwned>(json: &str) -> Option<T> {
        from_slice(json.as_bytes(), 64)
    }

    #[test]
    fn accepts_objects_and_rejects_structs_as_arrays() {
        let ok = r#"{"inner": {"a": 1}, "list": [{"a": 2}], "kind": "Off"}"#;
        let plain: Outer = serde_json::from_str(ok).unwrap();
        assert_eq!(strict::<Outer>(ok), Some(plain));
        for bad in [
            r#"[{"a": 1}, []]"#,
            r#"{"inner": [1], "list": []}"#,
            r#"{"inner": {"a": 1}, "list": [[2]]}"#,
        ] {
            assert!(
                serde_json::from_str::<Outer>(bad).is_ok(),
                "serde alone accepts {bad}"
            );
            assert_eq!(strict::<Outer>(bad), None, "{bad}");
        }
    }

    #[test]
    fn enums_are_strings_only() {
        assert_eq!(strict::<Kind>(r#""On""#), Some(Kind::On));
        assert_eq!(strict::<Kind>(r#""On\u0020""#), None);
        assert_eq!(strict::<Kind>(r#""O\u006e""#), Some(Kind::On));
        assert!(serde_json::from_str::<Kind>(r#"{"On": null}"#).is_ok());
        assert_eq!(strict::<Kind>(r#"{"On": null}"#), None);
        assert_eq!(strict::<Kind>("1"), None);
    }

    #[test]
    fn duplicate_members_fail_anywhere() {
        assert!(serde_json::from_str::<Value>(r#"{"a": 1, "a": 2}"#).is_ok());
        assert_eq!(strict::<Value>(r#"{"a": 1, "a": 2}"#), None);
        assert_eq!(strict::<Value>(r#"{"a": 1, "\u0061": 2}"#), None);
        assert_eq!(strict::<BTreeMap<String, u8>>(r#"{"a": 1, "a": 2}"#), None);
        assert_eq!(strict::<Inner>(r#"{"a": 1, "b": 1, "b": 2}"#), None);
        assert_eq!(strict::<Inner>(r#"{"a": 1, "b": {"c": 1, "c": 1}}"#), None);
        assert_eq!(
            strict::<Inner>(r#"{"a": 1, "b": {"c": 1, "d": 1}}"#),
            Some(Inner { a: 1 })
        );
        // Past the linear-search threshold.
        let many: Vec<String> = (0..100).map(|i| format!("\"k{i}\": {i}")).collect();
        let unique = format!("{{{}}}", many.join(","));
        assert!(strict::<Value>(&unique).is_some());
        let twice = format!("{{{}, \"k57\": 0}}", many.join(","));
        assert_eq!(strict::<Value>(&twice), None);
        // Escaped names are owned, kept apart from the borrowed ones; a
        // repeat is found across both forms, below and past the threshold.
        assert_eq!(strict::<Value>(r#"{"\u0061": 1, "a": 2}"#), None);
        assert_eq!(
            strict::<Value>(r#"{"\u0061": 1, "b": 2, "\u0061": 3}"#),
            None
        );
        assert!(strict::<Value>(r#"{"\u0061": 1, "b": 2, "\u0063": 3}"#).is_some());
        for n in [10, 17, 40] {
            let mixed: Vec<String> = (0..n)
                .map(|i| match i % 3 {
                    0 => format!("\"\\u006b{i}\": {i}"),
                    _ => format!("\"k{i}\": {i}"),
                })
                .collect();
            let unique = format!("{{{}}}", mixed.join(","));
            assert!(strict::<Value>(&unique).is_some(), "{unique}");
            for repeat in [0, 1, n - 1] {
                let again = format!("{{{}, \"k{repeat}\": 0}}", mixed.join(","));
                assert_eq!(strict::<Value>(&again), None, "{again}");
                let escaped = format!("{{{}, \"\\u006b{repeat}\": 0}}", mixed.join(","));
                assert_eq!(strict::<Value>(&escaped), None, "{escaped}");
            }
        }
    }

    #[test]
    fn depth_is_limited_even_inside_ignored_members() {
        let nest = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(from_slice::<Value>(nest(3).as_bytes(), 3).is_some());
        assert!(from_slice::<Value>(nest(4).as_bytes(), 3).is_none());
        let ignored = |n: usize| format!(r#"{{"a": 1, "x": {}}}"#, nest(n));
        assert!(from_slice::<Inner>(ignored(2).as_bytes(), 3).is_some());
        assert!(from_slice::<Inner>(ignored(3).as_bytes(), 3).is_none());
        let deep = nest(100_000);
        assert!(from_slice::<Value>(deep.as_bytes(), 64).is_none());
        assert!(from_slice::<Inner>(ignored(100_000).as_bytes(), 64).is_none());
    }

    #[test]
    fn trailing_characters_and_values() {
        assert_eq!(strict::<Inner>(r#"{"a": 1} "#), Some(Inner { a: 1 }));
        assert_eq!(strict::<Inner>(r#"{"a": 1} x"#), None);
        let v = serde_json::json!({"inner": {"a": 1}, "list": []});
        assert!(from_value::<Outer>(&v, 64).is_some());
        let v = serde_json::json!({"inner": [1], "list": []});
        assert!(serde_json::from_value::<Outer>(v.clone()).is_ok());
        assert!(from_value::<Outer>(&v, 64).is_none());
        assert!(from_value::<Outer>(&v, 1).is_none());
    }

    #[test]
    fn whole_floats_are_integers() {
        assert_eq!(strict::<u8>("5"), Some(5));
        // JSON Schema's `integer` accepts whole numbers however written.
        assert_eq!(strict::<u8>("5.0"), Some(5));
        assert_eq!(strict::<u8>("1e2"), Some(100));
        assert_eq!(strict::<i32>("-0.0"), Some(0));
        assert_eq!(strict::<i64>("-2e3"), Some(-2000));
        assert_eq!(strict::<u8>("5.5"), None);
        assert_eq!(strict::<u8>("256"), None);
        assert_eq!(strict::<u8>("2.56e2"), None);
        assert_eq!(strict::<u64>("1e30"), None);
        assert_eq!(strict::<f64>("5"), Some(5.0));
    }
}
