//! Checks across rules, once every attribute is parsed: bounds that cannot
//! be met, patterns that do not compile or cannot be made portable, rules on
//! fields the payload never carries.

use std::collections::BTreeSet;

use crate::ast::{Body, Container};
use crate::ctxt::Ctxt;
use access_key_pattern::{self as pattern, Translated};

/// The translated pattern of every field, by field index, for the emitter.
pub type Patterns = Vec<Option<Translated>>;

pub fn check(cx: &Ctxt, cont: &Container) -> Patterns {
    let Body::Struct(fields) = &cont.data else {
        return Vec::new();
    };
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
        if !field.skipped && !names.insert(field.json_name.clone()) {
            cx.error_spanned_by(
                field.ident,
                format!("two fields are named `{}` in the payload", field.json_name),
            );
        }
        if let Some(len) = &rules.length {
            let min = len.min.as_ref().map(|m| m.base10_parse::<usize>());
            let max = len.max.as_ref().map(|m| m.base10_parse::<usize>());
            if let Some(Err(e)) = &min {
                cx.syn_error(e.clone());
            }
            if let Some(Err(e)) = &max {
                cx.syn_error(e.clone());
            }
            match (min, max) {
                (None, None) => {
                    cx.error_spanned_by(&len.key, "`length` needs `min`, `max`, or both")
                }
                (Some(Ok(lo)), Some(Ok(hi))) if lo > hi => cx.error_spanned_by(
                    len.min.as_ref().unwrap(),
                    format!("`length` min ({lo}) is greater than max ({hi})"),
                ),
                _ => {}
            }
        }
        if let Some(range) = &rules.range {
            match (&range.min, &range.max) {
                (None, None) => {
                    cx.error_spanned_by(&range.key, "`range` needs `min`, `max`, or both")
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
        if let Some(one_of) = &rules.one_of {
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
        patterns.push(rules.pattern.as_ref().and_then(|p| {
            match pattern::translate(&p.lit.value()) {
                Ok(t) => Some(t),
                Err(e) => {
                    cx.error_spanned_by(&p.lit, e.message);
                    None
                }
            }
        }));
    }
    patterns
}
