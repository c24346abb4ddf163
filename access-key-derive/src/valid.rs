//! Checks across rules, once every attribute is parsed: bounds that cannot
//! be met, patterns that do not compile or cannot be made portable, rules on
//! fields the payload never carries.

use std::collections::BTreeSet;

use crate::ast::{Body, Container};
use crate::attr::FieldRules;
use crate::ctxt::Ctxt;
use access_key_pattern::{self as pattern, Translated};

/// The translated pattern of every field, by field index, for the emitter.
pub type Patterns = Vec<Option<Translated>>;

pub fn check(cx: &Ctxt, cont: &Container) -> Patterns {
    let fields: &[crate::ast::Field] = match &cont.data {
        Body::Struct(fields) => fields,
        Body::Newtype(field) => std::slice::from_ref(&**field),
        Body::Enum(_) => return Vec::new(),
        Body::Tagged(tagging, variants) => return check_variants(cx, tagging, variants),
    };
    for field in fields {
        if let Some(flatten) = &field.flatten {
            check_flatten(cx, cont, field, flatten);
        }
    }
    check_fields(cx, fields)
}

/// `#[serde(flatten)]` keeps one meaning only for a struct deriving
/// `Validate` (its members known, so the schema can list them), in a struct
/// that accepts unknown members (serde's rule) and fills absent members
/// field by field.
fn check_flatten(cx: &Ctxt, cont: &Container, field: &crate::ast::Field, flatten: &syn::Path) {
    if cont.serde.deny_unknown_fields {
        cx.error_spanned_by(
            flatten,
            "serde does not support `#[serde(flatten)]` with `#[serde(deny_unknown_fields)]` on the struct: the flattened struct's members would be unknown to this one; remove one of them",
        );
    }
    if cont.serde.default {
        cx.error_spanned_by(
            flatten,
            "`#[serde(flatten)]` with a container `#[serde(default)]` is not supported with `Validate`: the schema could not say which flattened members may be absent",
        );
    }
    if field.option_inner.is_some() {
        cx.error_spanned_by(
            field.ty,
            "`#[serde(flatten)]` of an `Option` is not supported with `Validate`: serde reads `None` whenever a member of the inner struct is missing or wrong, so a payload has two readings; flatten the struct itself and make its fields `Option`s",
        );
    }
    if let syn::Type::Path(p) = field.ty {
        if let Some(last) = p.path.segments.last() {
            let name = last.ident.to_string();
            if ["HashMap", "BTreeMap", "IndexMap", "Map", "Value"].contains(&name.as_str()) {
                cx.error_spanned_by(
                    field.ty,
                    "`#[serde(flatten)]` of a map is not supported with `Validate`: the map takes every member the struct does not name, so which rules a member meets would depend on the other fields' names; flatten a struct deriving `Validate`",
                );
            }
        }
    }
    let rules = &field.rules;
    if rules.length().is_some()
        || rules.pattern().is_some()
        || rules.one_of().is_some()
        || rules.range().is_some()
        || rules.generic().next().is_some()
        || rules.sensitive().is_some()
        || rules.required().is_some()
        || rules.custom().is_some()
        || rules.must_match().is_some()
        || rules.inner().is_some()
        || rules.keys().is_some()
    {
        cx.error_spanned_by(
            field.ident,
            "only `nested` goes with `#[serde(flatten)]`: the flattened struct's own annotations are its rules",
        );
    }
}

/// Each variant's fields checked as a struct's are, their patterns in one
/// list (variant by variant, field by field: the emitters count the same
/// way), plus what only a variant's field can get wrong.
fn check_variants(
    cx: &Ctxt,
    tagging: &crate::ast::Tagging,
    variants: &[crate::ast::Variant],
) -> Patterns {
    let mut patterns = Vec::new();
    let mut names = BTreeSet::new();
    for v in variants {
        if !names.insert(v.json_name.clone()) {
            cx.error_spanned_by(
                v.ident,
                format!("two variants are named `{}` in the payload", v.json_name),
            );
        }
        for field in &v.fields {
            if let Some((key, _)) = field.rules.must_match() {
                cx.error_spanned_by(
                    key,
                    "`must_match` is for struct fields; in an enum variant use `custom` on the field",
                );
            }
            if let Some(flatten) = &field.flatten {
                cx.error_spanned_by(
                    flatten,
                    "`#[serde(flatten)]` inside an enum variant is not supported with `Validate`",
                );
            }
            if field.default.is_some() && !field.skipped && !field.rules.is_empty() {
                cx.error_spanned_by(
                    field.ident,
                    "a serde `default` on an enum variant's field with `#[validate(..)]` rules is not supported: the schema could not say whether the default passes them",
                );
            }
            if let crate::ast::Tagging::Internal(tag) = tagging {
                if !field.newtype && !field.skipped && field.json_name == *tag {
                    cx.error_spanned_by(
                        field.ident,
                        format!("this field's member name is the enum's tag `{tag}`"),
                    );
                }
            }
        }
        patterns.extend(check_fields(cx, &v.fields));
    }
    patterns
}

fn check_fields(cx: &Ctxt, fields: &[crate::ast::Field]) -> Patterns {
    let mut names = BTreeSet::new();
    let mut patterns = Vec::with_capacity(fields.len());
    for field in fields {
        let rules = &field.rules;
        if field.skipped && !rules.is_empty() {
            cx.error_spanned_by(
                field.ident,
                "this field is skipped by serde, so no payload carries it: remove its \
                 `#[validate(..)]` rules or the skip",
            );
        }
        if !field.skipped && field.flatten.is_none() && !names.insert(field.json_name.clone()) {
            cx.error_spanned_by(
                field.ident,
                format!("two fields are named `{}` in the payload", field.json_name),
            );
        }
        if let Some((_, other)) = rules.must_match() {
            match fields.iter().find(|f| f.ident == other) {
                None => cx.error_spanned_by(other, format!("no field `{other}` in this struct")),
                Some(f) if f.skipped => cx.error_spanned_by(
                    other,
                    format!("`{other}` is skipped by serde, so no payload carries it"),
                ),
                Some(f) if f.ident == field.ident => {
                    cx.error_spanned_by(other, "a field always matches itself")
                }
                Some(_) => {}
            }
        }
        if let (Some(key), None) = (rules.required(), field.option_inner) {
            cx.error_spanned_by(
                key,
                "`required` is for `Option` fields (present and not null); this field is \
                 already required unless serde gives it a default",
            );
        }
        patterns.push(check_rules(cx, rules));
        if let Some((_, inner)) = rules.inner() {
            check_nested(cx, inner, "inner");
        }
        if let Some((_, keys)) = rules.keys() {
            check_nested(cx, keys, "keys");
        }
    }
    patterns
}

/// The checks of one rule list that need no other field: bounds that cannot
/// be met, duplicate enum values, the pattern's translation (returned).
fn check_rules(cx: &Ctxt, rules: &FieldRules) -> Option<Translated> {
    if let Some(len) = rules.length() {
        let min = len.min.as_ref().map(|m| m.base10_parse::<usize>());
        let max = len.max.as_ref().map(|m| m.base10_parse::<usize>());
        if let Some(Err(e)) = &min {
            cx.syn_error(e.clone());
        }
        if let Some(Err(e)) = &max {
            cx.syn_error(e.clone());
        }
        match (min, max) {
            (None, None) => cx.error_spanned_by(
                &len.key,
                "`length` needs `min`, `max` (or both), or `equal`",
            ),
            (Some(Ok(lo)), Some(Ok(hi))) if lo > hi => cx.error_spanned_by(
                len.min.as_ref().unwrap(),
                format!("`length` min ({lo}) is greater than max ({hi})"),
            ),
            _ => {}
        }
    }
    if let Some(range) = rules.range() {
        match (&range.min, &range.max) {
            (None, None) => {
                cx.error_spanned_by(&range.key, "`range` needs a lower bound (`min` or `exclusive_min`), an upper one (`max` or `exclusive_max`), or both")
            }
            (Some(lo), Some(hi))
                if (range.min_exclusive || range.max_exclusive) && lo.value >= hi.value =>
            {
                cx.error_spanned_by(
                    &lo.tokens,
                    format!(
                        "`range` admits no value: the lower bound ({}) is not below the upper ({}) and one is exclusive",
                        lo.text, hi.text
                    ),
                )
            }
            (Some(lo), Some(hi)) if lo.value > hi.value => cx.error_spanned_by(
                &lo.tokens,
                format!(
                    "`range` min ({}) is greater than max ({})",
                    lo.text, hi.text
                ),
            ),
            _ => {}
        }
    }
    if let Some(one_of) = rules.one_of() {
        if one_of.values.is_empty() {
            cx.error_spanned_by(&one_of.key, "`one_of` needs at least one value");
        }
        let mut seen = BTreeSet::new();
        for v in &one_of.values {
            if !seen.insert(v.value()) {
                cx.error_spanned_by(v, format!("`{}` is listed twice", v.value()));
            }
        }
    }
    rules
        .pattern()
        .and_then(|p| match pattern::translate(&p.lit.value()) {
            Ok(t) => Some(t),
            Err(e) => {
                cx.error_spanned_by(&p.lit, e.message);
                None
            }
        })
}

/// `inner(..)` and `keys(..)`: the same checks, recursively, and no rule
/// that only means something on a whole field.
fn check_nested(cx: &Ctxt, rules: &FieldRules, what: &str) {
    let refuse = |key: Option<&syn::Ident>, why: &str| {
        if let Some(key) = key {
            cx.error_spanned_by(key, format!("`{key}` cannot go inside `{what}(..)`: {why}"));
        }
    };
    refuse(rules.sensitive(), "mark the whole field `sensitive`");
    refuse(rules.required(), "items and values are always present");
    refuse(
        rules.must_match().map(|(k, _)| k),
        "it compares whole fields",
    );
    if what == "keys" {
        refuse(rules.nested(), "map keys are strings");
        refuse(rules.range().map(|r| &r.key), "map keys are strings");
        refuse(rules.inner().map(|(k, _)| k), "map keys are strings");
        refuse(rules.keys().map(|(k, _)| k), "map keys are strings");
        refuse(rules.custom().map(|(k, _)| k), "use `custom` on the field");
    }
    check_rules(cx, rules);
    if let Some((_, inner)) = rules.inner() {
        check_nested(cx, inner, "inner");
    }
    if let Some((_, keys)) = rules.keys() {
        check_nested(cx, keys, "keys");
    }
}
