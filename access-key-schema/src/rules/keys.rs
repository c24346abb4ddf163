//! `keys(..)`: rules applied to each key of a string-keyed map (JSON
//! Schema's `propertyNames`). A violation's path is the key's member path
//! (`/labels/Bad Key`); each rule inside reports with its own code.

use std::collections::{BTreeMap, HashMap};

use crate::errors::ValidationErrors;
use crate::path::Path;

/// A map whose keys `keys(..)` checks.
#[diagnostic::on_unimplemented(
    message = "`keys` cannot apply to `{Self}`",
    label = "`keys(..)` needs a string-keyed HashMap or BTreeMap (or an Option of one) here"
)]
pub trait Keys {
    /// Calls `f` on each key with its path, in key order.
    fn each_key(
        &self,
        path: &Path<'_>,
        errors: &mut ValidationErrors,
        f: &mut dyn FnMut(&str, &Path<'_>, &mut ValidationErrors),
    );
}

impl<K: AsRef<str>, V, S> Keys for HashMap<K, V, S> {
    fn each_key(
        &self,
        path: &Path<'_>,
        errors: &mut ValidationErrors,
        f: &mut dyn FnMut(&str, &Path<'_>, &mut ValidationErrors),
    ) {
        let mut keys: Vec<&str> = self.keys().map(AsRef::as_ref).collect();
        keys.sort_unstable();
        for k in keys {
            f(k, &path.field(k), errors);
        }
    }
}

impl<K: AsRef<str>, V> Keys for BTreeMap<K, V> {
    fn each_key(
        &self,
        path: &Path<'_>,
        errors: &mut ValidationErrors,
        f: &mut dyn FnMut(&str, &Path<'_>, &mut ValidationErrors),
    ) {
        for k in self.keys() {
            let k = k.as_ref();
            f(k, &path.field(k), errors);
        }
    }
}

impl<M: Keys> Keys for Option<M> {
    fn each_key(
        &self,
        path: &Path<'_>,
        errors: &mut ValidationErrors,
        f: &mut dyn FnMut(&str, &Path<'_>, &mut ValidationErrors),
    ) {
        if let Some(m) = self {
            m.each_key(path, errors, f);
        }
    }
}

impl<M: Keys + ?Sized> Keys for &M {
    fn each_key(
        &self,
        path: &Path<'_>,
        errors: &mut ValidationErrors,
        f: &mut dyn FnMut(&str, &Path<'_>, &mut ValidationErrors),
    ) {
        (**self).each_key(path, errors, f);
    }
}

/// Calls `f` on each key of `value` (when present) with the key's path.
#[inline]
pub fn each<M: Keys + ?Sized>(
    value: &M,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
    mut f: impl FnMut(&str, &Path<'_>, &mut ValidationErrors),
) {
    value.each_key(path, errors, &mut f);
}

/// The schema form: `propertyNames`, a string schema with the rules'
/// keywords.
pub fn schema(schema: &mut schemars::Schema, edit: impl FnOnce(&mut schemars::Schema)) {
    let mut names = schemars::json_schema!({"type": "string"});
    edit(&mut names);
    schema
        .ensure_object()
        .insert("propertyNames".into(), names.to_value());
}
