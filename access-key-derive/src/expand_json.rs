//! Code generation for `impl JsonCheck`: the slow path of `from_json`, which
//! checks a `serde_json::Value` against the same model `impl Validate` is
//! built from. The generated code only lists fields and rules; the logic is
//! in the runtime's `json::derive` module (re-exported as `__json`).
//!
//! Emitted inside the same `const _: () = { .. };` block as `expand`'s
//! output, so it names the same `__PATTERN_n` statics.
//!
//! Bounds: every field type gets a `for<'__json> FieldTy: JsonCheck`
//! predicate (and `DeserializeOwned` for `range` fields). The higher-ranked
//! form keeps a predicate on a concrete type from being checked where the
//! impl is declared, so a struct whose field types lack `JsonCheck` still
//! compiles (its `Validate` and schema work); it only fails where
//! `from_json` is called on it. Predicates are skipped for field types that
//! name the struct itself, which would make the impl require itself.

use proc_macro2::{TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;

use crate::ast::{Body, Container, Field};
use crate::valid::Patterns;

pub fn expand(cont: &Container, patterns: &Patterns) -> TokenStream {
    match &cont.data {
        Body::Struct(fields) => expand_struct(cont, fields, patterns),
        Body::Enum(_) => expand_enum(cont),
    }
}

fn krate() -> TokenStream {
    quote!(::access_key_schema)
}

/// Whether `tokens` mention `ident` or `Self`, at any depth.
fn mentions(tokens: TokenStream, ident: &syn::Ident) -> bool {
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => i == *ident || i == "Self",
        TokenTree::Group(g) => mentions(g.stream(), ident),
        _ => false,
    })
}

fn expand_struct(cont: &Container, fields: &[Field], patterns: &Patterns) -> TokenStream {
    let krate = krate();
    let rt = quote!(#krate::__json);
    let ident = cont.ident;

    let mut predicates = Vec::new();
    let mut checks = Vec::new();
    let mut known = Vec::new();
    for (i, (field, pattern)) in fields.iter().zip(patterns).enumerate() {
        if field.skipped {
            continue;
        }
        let ty = field.ty;
        let name = &field.json_name;
        let segment = field.pointer_segment();
        let required = field.required;
        let rules = &field.rules;
        known.push(name.as_str());

        let recursive = mentions(ty.to_token_stream(), ident);
        if !recursive {
            predicates.push(quote_spanned! {ty.span()=>
                for<'__json> #ty: #krate::JsonCheck
            });
        }

        let len = rules.length.as_ref().map(|len| {
            let min = len.min.as_ref().map_or(quote!(0usize), |m| quote!(#m));
            let max = len.max.as_ref().map_or(quote!(usize::MAX), |m| quote!(#m));
            (min, max)
        });

        if rules.nested.is_some() {
            // The items check themselves; only the item count is left, and
            // `validate()` reports it before the items.
            let len = len.map(|(min, max)| quote!(#rt::length_items(__m, #min, #max, &__p, __e);));
            checks.push(quote! {
                {
                    let __p = __path.segment(#segment);
                    if let ::core::option::Option::Some(__m) =
                        #rt::member::<#ty>(__o, #name, #required, &__p, __e)
                    {
                        #len
                        #rt::check::<#ty>(__m, &__p, __e);
                    }
                }
            });
            continue;
        }

        let mut calls = Vec::new();
        if let Some((min, max)) = len {
            calls.push(quote!(#rt::length(__m, #min, #max, &__p, __e);));
        }
        if let (Some(_), Some(_)) = (&rules.pattern, pattern) {
            let static_name = format_ident!("__PATTERN_{}", i);
            calls.push(quote!(#rt::pattern(__m, &#static_name, &__p, __e);));
        }
        if let Some(rule) = &rules.one_of {
            let values = &rule.values;
            calls.push(quote!(#rt::one_of(__m, &[#(#values),*], &__p, __e);));
        }
        if let Some(rule) = &rules.range {
            if !recursive {
                predicates.push(quote_spanned! {ty.span()=>
                    for<'__json> #ty: #krate::__json::DeserializeOwned
                });
            }
            let (min, max) = rule.bounds_tokens();
            // Same call, same span as the `Validate` impl's, so a `range` on
            // a non-number is reported once.
            let span = rule.key.span();
            let value = quote_spanned!(span=> &__typed);
            let apply = quote_spanned! {span=>
                #krate::rules::range::apply(#value, #min, #max, &__p, __e);
            };
            calls.push(quote! {
                if let ::core::option::Option::Some(__typed) = #rt::typed::<#ty>(__m) {
                    #apply
                }
            });
        }

        if calls.is_empty() {
            checks.push(quote! {
                #rt::field::<#ty>(__o, #name, #required, &__path.segment(#segment), __e);
            });
        } else {
            checks.push(quote! {
                {
                    let __p = __path.segment(#segment);
                    if let ::core::option::Option::Some(__m) =
                        #rt::field::<#ty>(__o, #name, #required, &__p, __e)
                    {
                        #(#calls)*
                    }
                }
            });
        }
    }

    let unknown = cont
        .serde
        .deny_unknown_fields
        .then(|| quote!(#rt::unknown(__o, &[#(#known),*], __path, __e);));

    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let existing = where_clause.map(|w| {
        let p = &w.predicates;
        quote!(#p,)
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::JsonCheck for #ident #ty_generics
        where
            #existing
            #(#predicates,)*
        {
            fn check_json(
                __v: &#krate::__json::Value,
                __path: &#krate::Path<'_>,
                __e: &mut #krate::ValidationErrors,
            ) {
                let ::core::option::Option::Some(__o) = #rt::object(__v, __path, __e) else {
                    return;
                };
                #(#checks)*
                #unknown
            }
        }
    }
}

fn expand_enum(cont: &Container) -> TokenStream {
    let krate = krate();
    let ident = cont.ident;
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::JsonCheck for #ident #ty_generics #where_clause {
            fn check_json(
                __v: &#krate::__json::Value,
                __path: &#krate::Path<'_>,
                __e: &mut #krate::ValidationErrors,
            ) {
                #krate::__json::string_enum(
                    __v,
                    <Self as #krate::EnumValues>::VALUES,
                    __path,
                    __e,
                );
            }
        }
    }
}
