//! `inner(..)`: rules applied to each item of a `Vec`, slice, `HashSet` or
//! `BTreeSet` (paths carry the index: `/tags/2`) and to each value of a
//! string-keyed map (paths carry the key, escaped: `/limits/a~1b`).
//!
//! Schema: the rules' keywords on `items` (arrays) or `additionalProperties`
//! (maps). Each rule inside reports with its own code.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::errors::ValidationErrors;
use crate::path::Path;

/// A collection whose items (or map values) `inner(..)` checks.
#[diagnostic::on_unimplemented(
    message = "`inner` cannot apply to `{Self}`",
    label = "`inner(..)` needs a Vec, slice, set or string-keyed map (or an Option of one) here"
)]
pub trait Items {
    /// The item (or map value) type.
    type Item: ?Sized;
    /// Calls `f` on each item with its path, in order (maps and hash sets:
    /// in key order, so reports do not depend on iteration order).
    fn each(
        &self,
        path: &Path<'_>,
        errors: &mut ValidationErrors,
        f: &mut dyn FnMut(&Self::Item, &Path<'_>, &mut ValidationErrors),
    );
}

/// Arrays and ordered sets: items in order, numbered.
macro_rules! in_order {
    ($($(#[$doc:meta])* [$($g:tt)*] $t:ty;)*) => {$(
        $(#[$doc])*
        impl<$($g)*> Items for $t {
            type Item = T;
            fn each(
                &self,
                path: &Path<'_>,
                errors: &mut ValidationErrors,
                f: &mut dyn FnMut(&T, &Path<'_>, &mut ValidationErrors),
            ) {
                for (i, item) in self.iter().enumerate() {
                    f(item, &path.index(i), errors);
                }
            }
        }
    )*};
}
in_order! {
    [T] [T];
    [T] Vec<T>;
    [T] BTreeSet<T>;
}

/// A set is an array on the wire, in the order serde wrote it; a hash set
/// is checked in sorted order, numbered as such.
impl<T: Ord, S> Items for HashSet<T, S> {
    type Item = T;
    fn each(
        &self,
        path: &Path<'_>,
        errors: &mut ValidationErrors,
        f: &mut dyn FnMut(&T, &Path<'_>, &mut ValidationErrors),
    ) {
        let mut items: Vec<&T> = self.iter().collect();
        items.sort_unstable();
        for (i, item) in items.into_iter().enumerate() {
            f(item, &path.index(i), errors);
        }
    }
}

impl<K: AsRef<str>, V, S> Items for HashMap<K, V, S> {
    type Item = V;
    fn each(
        &self,
        path: &Path<'_>,
        errors: &mut ValidationErrors,
        f: &mut dyn FnMut(&V, &Path<'_>, &mut ValidationErrors),
    ) {
        // One entry has one order: nothing to sort or allocate.
        if self.len() <= 1 {
            for (k, v) in self {
                f(v, &path.field(k.as_ref()), errors);
            }
            return;
        }
        let mut entries: Vec<(&str, &V)> = self.iter().map(|(k, v)| (k.as_ref(), v)).collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (k, v) in entries {
            f(v, &path.field(k), errors);
        }
    }
}

impl<K: AsRef<str>, V> Items for BTreeMap<K, V> {
    type Item = V;
    fn each(
        &self,
        path: &Path<'_>,
        errors: &mut ValidationErrors,
        f: &mut dyn FnMut(&V, &Path<'_>, &mut ValidationErrors),
    ) {
        for (k, v) in self {
            f(v, &path.field(k.as_ref()), errors);
        }
    }
}

/// Checked when present.
impl<C: Items> Items for Option<C> {
    type Item = C::Item;
    fn each(
        &self,
        path: &Path<'_>,
        errors: &mut ValidationErrors,
        f: &mut dyn FnMut(&C::Item, &Path<'_>, &mut ValidationErrors),
    ) {
        if let Some(c) = self {
            c.each(path, errors, f);
        }
    }
}

impl<C: Items + ?Sized> Items for &C {
    type Item = C::Item;
    fn each(
        &self,
        path: &Path<'_>,
        errors: &mut ValidationErrors,
        f: &mut dyn FnMut(&C::Item, &Path<'_>, &mut ValidationErrors),
    ) {
        (**self).each(path, errors, f);
    }
}

impl<C: Items + ?Sized> Items for Box<C> {
    type Item = C::Item;
    fn each(
        &self,
        path: &Path<'_>,
        errors: &mut ValidationErrors,
        f: &mut dyn FnMut(&C::Item, &Path<'_>, &mut ValidationErrors),
    ) {
        (**self).each(path, errors, f);
    }
}

/// Calls `f` on each item of `value` (when present) with the item's path.
#[inline]
pub fn each<C: Items + ?Sized>(
    value: &C,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
    mut f: impl FnMut(&C::Item, &Path<'_>, &mut ValidationErrors),
) {
    value.each(path, errors, &mut f);
}

/// The schema form: `edit` applied to the item schema (`items`, or a map's
/// `additionalProperties`).
pub fn schema(schema: &mut schemars::Schema, edit: impl FnOnce(&mut schemars::Schema)) {
    let obj = schema.ensure_object();
    let key = if obj.contains_key("items") {
        "items"
    } else {
        "additionalProperties"
    };
    let item = obj.remove(key).unwrap_or(serde_json::Value::Bool(true));
    let mut item: schemars::Schema = item.try_into().unwrap_or_default();
    edit(&mut item);
    obj.insert(key.into(), item.to_value());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_carry_the_index_or_the_key() {
        let mut seen = Vec::new();
        let mut e = ValidationErrors::new();
        let root = Path::ROOT;
        let field = root.field("tags");
        each(&vec!["a", "b"], &field, &mut e, |item, p, _| {
            seen.push((p.render(), item.to_string()))
        });
        let map: HashMap<String, u8> = [("z/1".to_string(), 1), ("a".to_string(), 2)].into();
        each(&map, &field, &mut e, |item, p, _| {
            seen.push((p.render(), item.to_string()))
        });
        each(&None::<Vec<u8>>, &field, &mut e, |_, _, _| panic!("absent"));
        assert_eq!(
            seen,
            [
                ("/tags/0".to_string(), "a".to_string()),
                ("/tags/1".to_string(), "b".to_string()),
                ("/tags/a".to_string(), "2".to_string()),
                ("/tags/z~11".to_string(), "1".to_string()),
            ]
        );
    }
}
