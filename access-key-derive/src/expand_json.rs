//! Code generation for `from_json`: `impl JsonCheck`, with
//! `report_json` (the reader that records every problem of a payload and
//! goes on, see the runtime's `json::report`) and `check_json` (the slow
//! path, which checks a `serde_json::Value` against the same model `impl
//! Validate` is built from, for what the reader leaves). The generated
//! code only lists fields and rules; the logic is in the runtime's
//! `json::report` and `json::derive` modules (re-exported as `__json`).
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

use crate::ast::{Body, Container, Field, Variant};
use crate::attr::Rule;
use crate::valid::Patterns;

pub fn expand(cont: &Container, patterns: &Patterns) -> TokenStream {
    match &cont.data {
        Body::Struct(fields) => expand_struct(cont, fields, patterns),
        Body::Enum(variants) => expand_enum(cont, variants),
        Body::Newtype(field) => expand_newtype(cont, field),
        // Emitted with the rest of the enum's code (`expand::expand_tagged`).
        Body::Tagged(..) => TokenStream::new(),
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
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let existing = where_clause.map(|w| {
        let p = &w.predicates;
        quote!(#p,)
    });

    let mut predicates = Vec::new();
    let mut checks = Vec::new();
    let mut known = Vec::new();
    // `JsonCheck::SERDE_SAME` and `to_serde_form`: the fields' (a foreign
    // type inside makes `from_json` decide by `check_json` before serde).
    let mut serde_same = Vec::new();
    let mut serde_forms = Vec::new();
    for (i, (field, pattern)) in fields.iter().zip(patterns).enumerate() {
        if field.skipped {
            continue;
        }
        if field.flatten.is_some() {
            // The flattened struct checks its own members of this object.
            let ty = field.ty;
            if !mentions(ty.to_token_stream(), ident) {
                predicates.push(quote_spanned! {ty.span()=>
                    for<'__json> #ty: #krate::JsonCheck
                });
            }
            checks.push(quote! {
                {
                    let __flat = #rt::only(__o, <#ty as #krate::tagged::Flatten>::MEMBERS);
                    <#ty as #krate::JsonCheck>::check_json(&__flat, __path, __e);
                }
            });
            continue;
        }
        let ty = field.ty;
        let name = &field.json_name;
        let segment = field.pointer_segment();
        let required = field.required;
        let rules = &field.rules;
        known.push(name.as_str());

        // `required(code = .., message = ..)`: the `required` that reading
        // the member records at its own path, in the annotation's words.
        let relabel_required = |check: TokenStream| -> TokenStream {
            crate::expand::relabel_required(rules, quote!(__path.segment(#segment)), check)
        };

        let recursive = mentions(ty.to_token_stream(), ident);
        if !recursive {
            predicates.push(quote_spanned! {ty.span()=>
                for<'__json> #ty: #krate::JsonCheck
            });
            serde_same.push(quote!(<#ty as #krate::JsonCheck>::SERDE_SAME));
        }
        serde_forms.push(quote! {
            if let ::core::option::Option::Some(__m) = __o.get_mut(#name) {
                <#ty as #krate::JsonCheck>::to_serde_form(__m);
            }
        });

        let len = rules.length().map(|len| len.bounds_tokens());

        // The field's value rules (and `inner(..)`/`keys(..)`) read the
        // member once as its field's type and make the same calls as
        // `validate()` (`expand::value_rule_call`), with the same spans (so
        // a rule on a type it cannot apply to is reported once); `required`
        // is the member's own check.
        let pattern_name = pattern.as_ref().map(|_| format_ident!("__PATTERN_{}", i));
        let typed_calls: Vec<TokenStream> = rules
            .list
            .iter()
            .filter(|r| !matches!(r, Rule::Required(..)))
            .filter_map(|r| {
                let value = quote_spanned!(r.key().span()=> &__typed);
                crate::expand::value_rule_call(r, value, pattern_name.as_ref(), quote!(__e))
            })
            .collect();
        let collections = {
            let value = |span: proc_macro2::Span| quote_spanned!(span=> &__typed);
            crate::expand::collection_calls(rules, &value, rules.sensitive().is_some())
        };
        let mut typed_read = |calls: &[TokenStream], collections: &[TokenStream]| {
            if calls.is_empty() && collections.is_empty() {
                return None;
            }
            if !recursive {
                predicates.push(quote_spanned! {ty.span()=>
                    for<'__json> #ty: #krate::__json::DeserializeOwned
                });
            }
            let collections = (!collections.is_empty()).then(|| {
                quote! {
                    let __errors = &mut *__e;
                    #(#collections)*
                }
            });
            Some(quote! {
                if let ::core::option::Option::Some(__typed) = #rt::typed::<#ty>(__m) {
                    #(#calls)*
                    #collections
                }
            })
        };

        if rules.nested().is_some() {
            let collections = typed_read(&[], &collections);
            // The items check themselves; only the item count is left, and
            // `validate()` reports it before the items.
            let len = len.zip(rules.length()).map(|((min, max), rule)| {
                crate::expand::relabel(
                    &rule.overrides,
                    quote!(__e),
                    quote!(#rt::length_items(__m, #min, #max, &__p, __e);),
                )
            });
            checks.push(relabel_required(quote! {
                {
                    let __p = __path.segment(#segment);
                    if let ::core::option::Option::Some(__m) =
                        #rt::member::<#ty>(__o, #name, #required, &__p, __e)
                    {
                        #len
                        #rt::check::<#ty>(__m, &__p, __e);
                        #collections
                    }
                }
            }));
            continue;
        }

        let calls: Vec<TokenStream> = typed_read(&typed_calls, &collections).into_iter().collect();
        if calls.is_empty() {
            checks.push(relabel_required(quote! {
                #rt::field::<#ty>(__o, #name, #required, &__path.segment(#segment), __e);
            }));
        } else {
            checks.push(relabel_required(quote! {
                {
                    let __p = __path.segment(#segment);
                    if let ::core::option::Option::Some(__m) =
                        #rt::field::<#ty>(__o, #name, #required, &__p, __e)
                    {
                        #(#calls)*
                    }
                }
            }));
        }
    }

    let unknown = cont
        .serde
        .deny_unknown_fields
        .then(|| quote!(#rt::unknown(__o, &[#(#known),*], __path, __e);));

    // The user's checks (`custom`, `must_match`, a struct's `custom`) read
    // typed values: they run when the object deserializes as the struct, so
    // they find the same as in `validate()` whatever else is wrong elsewhere.
    let mut typed_checks = Vec::new();
    for field in fields.iter().filter(|f| !f.skipped) {
        let member = field.ident;
        let segment = field.pointer_segment();
        if let Some((key, f)) = field.rules.custom() {
            let apply = if field.rules.sensitive().is_some() {
                quote!(apply_redacted)
            } else {
                quote!(apply)
            };
            typed_checks.push(quote_spanned! {key.span()=>
                #krate::rules::custom::#apply(&__typed.#member, #f, &__path.segment(#segment), __e);
            });
        }
        if let Some((key, other)) = field.rules.must_match() {
            let other_name = fields
                .iter()
                .find(|f| f.ident == other)
                .map_or_else(|| other.to_string(), |f| f.json_name.clone());
            typed_checks.push(crate::expand::relabel(
                &field.rules.must_match_overrides(),
                quote!(__e),
                quote_spanned! {key.span()=>
                    #krate::rules::must_match::apply(
                        &__typed.#member, &__typed.#other, #other_name, &__path.segment(#segment), __e,
                    );
                },
            ));
        }
    }
    let struct_apply = if fields.iter().any(|f| f.rules.sensitive().is_some()) {
        quote!(apply_redacted)
    } else {
        quote!(apply)
    };
    for (key, f) in &cont.custom {
        typed_checks.push(quote_spanned! {key.span()=>
            #krate::rules::custom::#struct_apply(&__typed, #f, __path, __e);
        });
    }
    let typed_checks = (!typed_checks.is_empty()).then(|| {
        quote! {
            #[allow(unused_imports)]
            use #rt::{NoTypedRead as _, TypedRead as _};
            let __typed: ::core::option::Option<Self> = (&#rt::TypedProbe::<Self>::NEW).typed(__v);
            if let ::core::option::Option::Some(__typed) = __typed {
                #(#typed_checks)*
            }
        }
    });

    // The reader (`report_json`): the member readers.
    let reader = report(cont, fields, patterns, &mut predicates);
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::JsonCheck for #ident #ty_generics
        where
            #existing
            #(#predicates,)*
        {
            const READS: bool = true;
            const SERDE_SAME: bool = true #(&& #serde_same)*;

            #[allow(unused_variables)]
            fn to_serde_form(__v: &mut #krate::__json::Value) {
                if let (false, #krate::__json::Value::Object(__o)) = (Self::SERDE_SAME, __v) {
                    #(#serde_forms)*
                }
            }

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
                #typed_checks
            }

            #reader
        }
    }
}

/// The reader's methods (`report_json`, see the runtime's `json::report`,
/// and `inner_rules`) of a struct, generic or not: each member read into its slot, a
/// member's problems recorded at its path (the span of `Found` they fill
/// remembered), a repeated or unknown member recorded and skipped. When the
/// object closes with no problem, the struct is built; otherwise the
/// problems are put back in declaration order, with each well-read field's
/// rules (as `validate()` applies them) and `required` for absent members
/// in their places, then the refused unknown members.
fn report(
    cont: &Container,
    fields: &[Field],
    patterns: &Patterns,
    predicates: &mut Vec<TokenStream>,
) -> Option<TokenStream> {
    let krate = krate();
    let (ident, deny) = (cont.ident, cont.serde.deny_unknown_fields);
    let (_, ty_generics, _) = cont.generics.split_for_impl();

    // What the reader needs beyond `JsonCheck` of the field types: the
    // struct's `Validate` (its rules, for `inner_rules`; a generic struct's
    // impl has bounds of its own), each `nested` field type's, and
    // `Default` where an absent member takes a default. Higher-ranked as
    // above, and skipped for types that name the struct.
    predicates.push(quote!(for<'__json> #ident #ty_generics: #krate::Validate));
    if cont.serde.default && cont.serde.default_fn.is_none() {
        predicates.push(quote!(for<'__json> #ident #ty_generics: ::core::default::Default));
    }
    for field in fields {
        let ty = field.ty;
        if mentions(ty.to_token_stream(), ident) {
            continue;
        }
        if (field.rules.nested().is_some() || field.flatten.is_some()) && !field.skipped {
            predicates.push(quote_spanned! {ty.span()=> for<'__json> #ty: #krate::Validate});
        }
        // A member of a type with a hand-written `JsonCheck` is read as a
        // `Value`, checked, then deserialized (`__json::read_field`).
        if field.flatten.is_none() && !field.skipped {
            predicates.push(quote_spanned! {ty.span()=>
                for<'__json> #ty: #krate::__json::DeserializeOwned
            });
        }
        if let Some(None) = field.default {
            predicates.push(quote_spanned! {ty.span()=>
                for<'__json> #ty: ::core::default::Default
            });
        }
    }
    let container_default = cont.serde.default.then(|| match &cont.serde.default_fn {
        Some(path) => quote!(#path()),
        None => quote!(<Self as ::core::default::Default>::default()),
    });
    let body = object_reader(&ObjectRead {
        fields,
        patterns: patterns
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_ref().map(|_| format_ident!("__PATTERN_{}", i)), false))
            .collect(),
        ctor: quote!(#ident),
        deny,
        tag: None,
        container_default,
        variant: false,
    });
    let inner_rules = inner_rules_method();
    let report_json = report_json_method(quote!(), body);
    Some(quote! {
        #report_json

        #inner_rules
    })
}

/// How [`object_reader`] reads an object into the fields of a struct or of
/// a struct variant.
pub(crate) struct ObjectRead<'a> {
    pub fields: &'a [Field<'a>],
    /// Each field's pattern matcher (its `static`'s name) and whether it is
    /// one ASCII class.
    pub patterns: Vec<(Option<syn::Ident>, bool)>,
    /// What builds the value: `Name` or `Enum::Variant`, then `{ .. }`.
    pub ctor: TokenStream,
    pub deny: bool,
    /// An internally tagged variant's tag: a member known, not a field.
    pub tag: Option<&'a str>,
    /// A container `#[serde(default)]`: what gives absent members.
    pub container_default: Option<TokenStream>,
    /// A variant's fields, checked as the enum's slow-path check checks
    /// them (see [`object_reader`]).
    pub variant: bool,
}

/// The reporting read of an object into fields (see `report`): the body of
/// a function of `__r`, `__at` and `__found` returning
/// `Result<Option<T>, Fail>`. Each member is read into its slot, a member's
/// problems recorded at its path (the span of `Found` they fill
/// remembered), a repeated or unknown member recorded and skipped. When the
/// object closes with no problem, the value is built; otherwise the
/// problems are put back in declaration order, with each well-read field's
/// rules and `required` for absent members in their places, then the
/// refused unknown members.
///
/// A struct's well-read field gets the rules `validate()` applies to it
/// (`custom` and `must_match` read the whole struct, and are not run on an
/// object with problems). A variant's gets what the enum's slow-path check
/// applies: the rules inside the value, then, when they found nothing, its
/// own rules and `custom` (`expand::rule_calls`); a `null` or absent
/// `Option` nothing but `required`.
pub(crate) fn object_reader(o: &ObjectRead) -> TokenStream {
    let krate = krate();
    let rt = quote!(#krate::__json);
    let (ctor, deny) = (&o.ctor, o.deny);
    let mut decls = Vec::new();
    let mut arms = Vec::new();
    let mut inits = Vec::new();
    let mut clean = Vec::new();
    let mut places = Vec::new();
    let mut known: Vec<&str> = o.tag.into_iter().collect();
    // Each flattened struct reads the whole object first (passing over the
    // others' members: it denies none), its problems kept for its place
    // among the fields; the repeated names are the struct's own pass's to
    // record. Then the struct's own fields are read from the object again.
    let mut flattened = Vec::new();
    for (i, (field, (pattern_name, ascii))) in o.fields.iter().zip(&o.patterns).enumerate() {
        let member = field.ident;
        let ty = field.ty;
        let default = default_value(field);
        if field.skipped {
            inits.push(quote!(#member: #default));
            continue;
        }
        if field.flatten.is_some() {
            let (slot, span) = (format_ident!("__f{}", i), format_ident!("__s{}", i));
            flattened.push(quote! {
                let __repeated = __found.repeated_mark();
                let __from = __found.mark();
                let #slot: ::core::option::Option<#ty> =
                    <#ty as #krate::JsonCheck>::report_json(__r, __at, __found)?;
                let #span = ::core::option::Option::Some((__from, __found.mark()));
                __found.forget_repeated_since(__repeated);
                __r.restore(__state);
            });
            inits.push(quote! {
                #member: match #slot {
                    ::core::option::Option::Some(__v) => __v,
                    ::core::option::Option::None => return ::core::result::Result::Err(#rt::Fail),
                }
            });
            places.push(quote! {
                if let (::core::option::Option::Some(__span), ::core::option::Option::None) = (#span, &#slot) {
                    __found.put_back(&mut __problems, __mark, __span);
                } else if let ::core::option::Option::Some(__v) = &#slot {
                    let mut __e = #krate::ValidationErrors::new();
                    #krate::Validate::validate_into(__v, __at, &mut __e);
                    __found.extend(__e)?;
                }
            });
            continue;
        }
        let name = field.json_name.as_str();
        known.push(name);
        let segment = field.pointer_segment();
        let required = field.required;
        let rules = &field.rules;
        let slot = format_ident!("__f{}", i);
        let span = format_ident!("__s{}", i);
        // A struct's `nested` field's `length` is checked on the item
        // count before the items' problems (as `validate()` and the slow
        // path order them): where the value starts, to count them again if
        // needed. (A variant's is checked only on items without problems.)
        let counted = rules.nested().and(rules.length()).filter(|_| !o.variant);
        let len_bounds = rules.length().map(|len| len.bounds_tokens());
        let start = format_ident!("__c{}", i);
        decls.push(quote! {
            let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None;
            let mut #span: ::core::option::Option<(usize, usize)> = ::core::option::Option::None;
        });
        let mark_start = counted.map(|_| {
            decls.push(quote!(let mut #start: usize = 0;));
            quote!(#start = __r.position();)
        });
        let bytes = syn::LitByteStr::new(name.as_bytes(), proc_macro2::Span::call_site());
        arms.push(quote! {
            #bytes => {
                let __p = __at.segment(#segment);
                if #span.is_some() {
                    #rt::repeated(__r, &__p, __found)?;
                } else {
                    let __from = __found.mark();
                    #mark_start
                    #slot = #rt::read_field::<#ty>(__r, &__p, __found)?;
                    #span = ::core::option::Option::Some((__from, __found.mark()));
                }
            }
        });
        // An absent member: its own default, the container's, or what
        // serde's derive makes of it (`None` for an `Option`).
        let absent = match (default, &o.container_default) {
            (Some(default), _) => default,
            (None, Some(container)) => quote!({
                let __default: Self = #container;
                __default.#member
            }),
            (None, None) => quote!(#rt::absent::<#ty>()?),
        };
        inits.push(quote! {
            #member: match #slot {
                ::core::option::Option::Some(__v) => __v,
                ::core::option::Option::None => #absent,
            }
        });
        if required {
            clean.push(quote!(&& #span.is_some()));
        }

        // The field's rules on a well-read value. Each call is written
        // exactly as `expand` writes it for `validate()` (or for the enum's
        // check), with the same spans, so a rule on a type it cannot apply
        // to is reported once, not once per impl.
        let value = |span: proc_macro2::Span| quote_spanned!(span=> __v);
        let checks = if o.variant {
            let calls = crate::expand::rule_calls(
                rules,
                member,
                o.fields,
                pattern_name.as_ref(),
                *ascii,
                crate::expand::Receiver::Bound,
                rules.sensitive().is_some(),
            );
            let checked = quote! {
                <#ty as #krate::JsonCheck>::inner_rules(__v, &__p, __errors)?;
                if __errors.is_empty() {
                    #[allow(unused_variables)]
                    let #member = __v;
                    #(#calls)*
                }
            };
            if field.option_inner.is_some() {
                let null = required.then(|| {
                    let overrides = &rules.required_overrides();
                    let (code, message) = crate::expand::overrides_tokens(overrides);
                    quote!(__errors.add(&__p, #krate::__json::Constraint::Required.relabeled(#code, #message));)
                });
                quote! {
                    if ::core::option::Option::is_none(__v) {
                        #null
                    } else {
                        #checked
                    }
                }
            } else {
                checked
            }
        } else {
            // `inner(..)`/`keys(..)`: the same loops as `validate()`.
            let collections =
                crate::expand::collection_calls(rules, &value, rules.sensitive().is_some());
            // The value rules, each the same call as `validate()` makes
            // (`expand::value_rule_call`), in the same order.
            let calls_of = |pick: fn(&Rule) -> bool| -> Vec<TokenStream> {
                rules
                    .list
                    .iter()
                    .filter(|r| pick(r))
                    .filter_map(|r| {
                        crate::expand::value_rule_call(
                            r,
                            value(r.key().span()),
                            pattern_name.as_ref(),
                            quote!(__errors),
                        )
                    })
                    .collect()
            };
            // `required` on an `Option`: a `null` was read as `None`.
            let required_rule = calls_of(|r| matches!(r, Rule::Required(..)));
            let len = calls_of(|r| matches!(r, Rule::Length(_)));
            let value_rules = calls_of(|r| !matches!(r, Rule::Required(..)));
            if let Some(key) = rules.nested() {
                let v = value(key.span());
                quote! {
                    #(#required_rule)*
                    #(#len)*
                    #krate::Validate::validate_into(#v, &__p, __errors);
                    #(#collections)*
                }
            } else {
                quote! {
                    #(#required_rule)*
                    <#ty as #krate::JsonCheck>::inner_rules(__v, &__p, __errors)?;
                    if __errors.is_empty() {
                        #(#value_rules)*
                        #(#collections)*
                    }
                }
            }
        };
        // A `nested` field's item count is checked even when items are
        // bad: the slow path counts the array (or an object's members)
        // first, unless the value was a `null`.
        let put_back = match (counted, &len_bounds) {
            (Some(rule), Some((min, max))) => {
                let call = crate::expand::relabel(
                    &rule.overrides,
                    quote!(__errors),
                    quote!(#rt::length_count(__n, #min, #max, &__p, __errors);),
                );
                quote! {
                    if !__found.only_null_at(__span, &__p) {
                        if let ::core::option::Option::Some(__n) = __r.items_at(#start)? {
                            let mut __e = #krate::ValidationErrors::new();
                            let __errors = &mut __e;
                            #call
                            __found.extend(__e)?;
                        }
                    }
                    __found.put_back(&mut __problems, __mark, __span);
                }
            }
            _ => quote!(__found.put_back(&mut __problems, __mark, __span);),
        };
        let missing = required.then(|| {
            let overrides = &rules.required_overrides();
            let (code, message) = crate::expand::overrides_tokens(overrides);
            quote!(__found.add(&__p, #krate::__json::Constraint::Required.relabeled(#code, #message))?;)
        });
        places.push(quote! {
            {
                let __p = __at.segment(#segment);
                match (#span, &#slot) {
                    (::core::option::Option::Some(__span), ::core::option::Option::None) => {
                        #[allow(unused_variables)]
                        let __span = __span;
                        #put_back
                    }
                    (::core::option::Option::Some(_), ::core::option::Option::Some(__v)) => {
                        let mut __e = #krate::ValidationErrors::new();
                        let __errors = &mut __e;
                        #checks
                        __found.extend(__e)?;
                    }
                    (::core::option::Option::None, _) => {
                        #missing
                    }
                }
            }
        });
    }
    // An internally tagged variant's tag: passed over once (it was read
    // first), repeated after.
    let tag_arm = o.tag.map(|tag| {
        let name = syn::LitByteStr::new(tag.as_bytes(), proc_macro2::Span::call_site());
        quote! {
            #name => #rt::skip_once(__r, &__at.field(#tag), &mut __tag_seen, __found)?,
        }
    });
    let (open, flattened) = if flattened.is_empty() {
        (quote!(let __mark = __found.mark();), quote!())
    } else {
        (
            quote!(),
            quote! {
                if __r.next_byte() != ::core::option::Option::Some(b'{') {
                    return #rt::wrong_type(__r, __at, __found, "object");
                }
                let __mark = __found.mark();
                let __state = __r.state();
                #(#flattened)*
            },
        )
    };
    quote! {
        #flattened
        let ::core::option::Option::Some(mut __o) = #rt::open_object(__r, __at, __found)? else {
            return ::core::result::Result::Ok(::core::option::Option::None);
        };
        #open
        #(#decls)*
        #[allow(unused_mut, unused_variables)]
        let mut __tag_seen = false;
        let mut __others = #rt::Others::default();
        while let ::core::option::Option::Some(__k) = __o.next_name(__r)? {
            match &*__k {
                #(#arms)*
                #tag_arm
                _ => __others.member(__r, __at, __k, #deny, __found)?,
            }
        }
        if __found.mark() == __mark && !__others.any_denied() #(#clean)* {
            return ::core::result::Result::Ok(::core::option::Option::Some(#ctor { #(#inits,)* }));
        }
        #[allow(unused_mut)]
        let mut __problems = __found.take(__mark);
        #(#places)*
        __found.close(__problems);
        __others.record(__at, &[#(#known),*], __found)?;
        ::core::result::Result::Ok(::core::option::Option::None)
    }
}

/// `JsonCheck::report_json` (the reader of `__r` at `__at` into
/// `__found`) with `body`, under `attrs`.
fn report_json_method(attrs: TokenStream, body: TokenStream) -> TokenStream {
    let krate = krate();
    let rt = quote!(#krate::__json);
    quote! {
        #attrs
        fn report_json(
            __r: &mut #rt::Reader<'_>,
            __at: &#krate::Path<'_>,
            __found: &mut #rt::Found,
        ) -> ::core::result::Result<::core::option::Option<Self>, #rt::Fail> {
            #body
        }
    }
}

/// `JsonCheck::inner_rules` of a type that implements `Validate`: its
/// rules.
fn inner_rules_method() -> TokenStream {
    let krate = krate();
    quote! {
        #[inline]
        fn inner_rules(
            &self,
            __at: &#krate::Path<'_>,
            __errors: &mut #krate::ValidationErrors,
        ) -> ::core::result::Result<(), #krate::__json::Fail> {
            #krate::Validate::validate_into(self, __at, __errors);
            ::core::result::Result::Ok(())
        }
    }
}

/// A newtype: the reader reads its field's type and wraps it, its rules
/// being `inner_rules`; the slow path's check is its field's check, then
/// (when that found nothing) the type's rules on the typed value, as
/// `validate()` applies them.
fn expand_newtype(cont: &Container, field: &Field) -> TokenStream {
    let krate = krate();
    let rt = quote!(#krate::__json);
    let ident = cont.ident;
    let ty = field.ty;
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let existing = where_clause.map(|w| {
        let p = &w.predicates;
        quote!(#p,)
    });
    let wrap = if field.named {
        let member = field.ident;
        quote!(|__v| #ident { #member: __v })
    } else {
        quote!(#ident)
    };
    let inner_rules = inner_rules_method();
    let report_json = report_json_method(
        quote!(#[inline]),
        quote!(::core::result::Result::Ok(#rt::read_value::<#ty>(__r, __at, __found)?.map(#wrap))),
    );
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::JsonCheck for #ident #ty_generics
        where
            #existing
            for<'__json> #ty: #krate::JsonCheck,
            for<'__json> #ty: #rt::DeserializeOwned,
            for<'__json> #ident #ty_generics: #krate::Validate,
        {
            const READS: bool = true;

            #report_json

            #inner_rules

            const NULLABLE: bool = <#ty as #krate::JsonCheck>::NULLABLE;
            const SERDE_SAME: bool = <#ty as #krate::JsonCheck>::SERDE_SAME;

            fn to_serde_form(__v: &mut #krate::__json::Value) {
                <#ty as #krate::JsonCheck>::to_serde_form(__v);
            }

            fn check_json(
                __v: &#krate::__json::Value,
                __path: &#krate::Path<'_>,
                __e: &mut #krate::ValidationErrors,
            ) {
                let __before = __e.len();
                <#ty as #krate::JsonCheck>::check_json(__v, __path, __e);
                if __e.len() == __before {
                    #[allow(unused_imports)]
                    use #rt::{NoTypedRead as _, TypedRead as _};
                    let __typed: ::core::option::Option<Self> =
                        (&#rt::TypedProbe::<Self>::NEW).typed(__v);
                    if let ::core::option::Option::Some(__typed) = __typed {
                        #krate::Validate::validate_into(&__typed, __path, __e);
                    }
                }
            }
        }
    }
}

fn expand_enum(cont: &Container, variants: &[Variant<'_>]) -> TokenStream {
    let krate = krate();
    let ident = cont.ident;
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    // The reader matches a variant's name as bytes; a wrong type or an
    // unknown value is recorded.
    let rt = quote!(#krate::__json);
    let arms = variants.iter().map(|v| {
        let bytes = syn::LitByteStr::new(v.json_name.as_bytes(), proc_macro2::Span::call_site());
        let variant = v.ident;
        quote!(#bytes => ::core::option::Option::Some(#ident::#variant),)
    });
    let report_json = report_json_method(
        quote!(#[inline]),
        quote! {
            #rt::enum_value(
                __r,
                __at,
                __found,
                <Self as #krate::EnumValues>::VALUES,
                |__name| match __name {
                    #(#arms)*
                    _ => ::core::option::Option::None,
                },
            )
        },
    );
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::JsonCheck for #ident #ty_generics #where_clause {
            const READS: bool = true;

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

            #report_json
        }
    }
}

/// The reader's methods for an enum with data: it reports every problem
/// in the one pass, exactly as the enum's slow-path check (`check_json`,
/// `expand::expand_tagged`) does, in its order.
///
/// - External: a unit variant's string; an object of one member, the
///   variant's name, whose value is the payload (at `/Name`). Anything else
///   is one problem at the enum's path: `variant` (a string not a unit
///   variant's, an object of another number of members), `type` (another
///   JSON type, or a unit variant's name as a member), `unknown_field` (an
///   unknown name as the member).
/// - Internal: the tag found first (`Reader::member_kind`); a missing,
///   `null`, non-string or unknown tag is the one problem, at `/tag`. A
///   struct variant's fields are read from the same object around the tag
///   (`object_reader`); a newtype variant's struct reads the object passing
///   over the tag (`Reader::ignore_in_next_object`). A unit variant with
///   other members is left to the checked read (`report_checked`), since
///   serde decides that one.
/// - Adjacent: the tag's problem first, then the unknown members (with
///   `deny_unknown_fields`), then the content's: `required` when absent
///   for a variant with data, `type` when not `null` for a unit variant,
///   else the payload's, at `/content`.
///
/// A variant's payload is checked as the enum's check checks it: the
/// struct variant's fields by `object_reader` in variant mode, a newtype
/// variant's value by its type's reader directly (a `null` is that type's
/// to refuse). Nothing is reported when nothing is wrong: the variant's
/// rules then come from `validate()`, as for a struct.
pub(crate) fn tagged_methods(
    cont: &Container,
    tagging: &crate::ast::Tagging,
    variants: &[Variant],
    patterns: &[Vec<(Option<syn::Ident>, bool)>],
) -> TokenStream {
    use crate::ast::{Style, Tagging};
    let krate = krate();
    let rt = quote!(#krate::__json);
    let ident = cont.ident;
    let deny = cont.serde.deny_unknown_fields;
    let bytes = |s: &str| syn::LitByteStr::new(s.as_bytes(), proc_macro2::Span::call_site());
    let names: Vec<&str> = variants.iter().map(|v| v.json_name.as_str()).collect();
    let none = quote!(::core::result::Result::Ok(::core::option::Option::None));

    // A variant's payload read at the path `vp`, as an expression of type
    // `Option<Enum>` (`?` for the reader giving up). `tag`: an internally
    // tagged variant's tag, in the same object.
    let payload = |vi: usize, vp: TokenStream, tag: Option<&str>| -> TokenStream {
        let v = &variants[vi];
        let vident = v.ident;
        match v.style {
            Style::Unit => quote! {{
                let __vp = #vp;
                if __r.next_byte() == ::core::option::Option::Some(b'n') {
                    __r.skip()?;
                    ::core::option::Option::Some(#ident::#vident)
                } else {
                    __r.skip_at(&__vp, __found)?;
                    __found.add(&__vp, #rt::Constraint::Type("null"))?;
                    ::core::option::Option::None
                }
            }},
            Style::Newtype => {
                let f = &v.fields[0];
                let ty = f.ty;
                let segment = f.pointer_segment();
                let ignore = tag.map(|tag| quote!(__r.ignore_in_next_object(#tag);));
                quote! {{
                    let __vp = #vp;
                    #ignore
                    let __v = #rt::read_value::<#ty>(__r, &__vp.segment(#segment), __found);
                    __r.stop_ignoring();
                    __v?.map(#ident::#vident)
                }}
            }
            Style::Struct => {
                let body = object_reader(&ObjectRead {
                    fields: &v.fields,
                    patterns: patterns[vi].clone(),
                    ctor: quote!(#ident::#vident),
                    deny,
                    tag,
                    container_default: None,
                    variant: true,
                });
                quote! {
                    (|| -> ::core::result::Result<::core::option::Option<#ident>, #rt::Fail> {
                        let __vp = #vp;
                        let __at = &__vp;
                        #body
                    })()?
                }
            }
        }
    };
    // The tag of internal and adjacent tagging: its variant's index, or
    // its problem recorded at `/tag`.
    let tag_of = |tag: &str| -> TokenStream {
        let segment = crate::expand::escaped_segment(tag);
        quote! {
            let __tag_at = __at.segment(#segment);
            let __i: ::core::option::Option<usize> = match __r.member_kind(#tag)? {
                #rt::Member::Absent | #rt::Member::Null => {
                    __found.add(&__tag_at, #rt::Constraint::Required)?;
                    ::core::option::Option::None
                }
                #rt::Member::Other => {
                    __found.add(&__tag_at, #rt::Constraint::Type("string"))?;
                    ::core::option::Option::None
                }
                #rt::Member::Text(__t) => {
                    let __i = __NAMES.iter().position(|__n| *__n == &*__t);
                    if __i.is_none() {
                        __found.add(&__tag_at, #rt::Constraint::Enum(__NAMES))?;
                    }
                    __i
                }
            };
        }
    };

    let body = match tagging {
        Tagging::External => {
            let expected = crate::expand::external_expected(variants);
            let unit_strings = variants.iter().filter(|v| v.style == Style::Unit).map(|v| {
                let (name, vident) = (bytes(&v.json_name), v.ident);
                quote!(#name => ::core::result::Result::Ok(::core::option::Option::Some(#ident::#vident)),)
            });
            let members = variants.iter().enumerate().map(|(vi, v)| {
                let name = bytes(&v.json_name);
                if v.style == Style::Unit {
                    quote! {
                        #name => {
                            __r.skip_at(&__at.field(#rt::utf8(&__k)?), __found)?;
                            __found.add(__at, #rt::Constraint::Type("string"))?;
                            ::core::option::Option::None
                        }
                    }
                } else {
                    let segment = crate::expand::escaped_segment(&v.json_name);
                    let read = payload(vi, quote!(__at.segment(#segment)), None);
                    quote!(#name => #read,)
                }
            });
            quote! {
                match __r.next_byte() {
                    ::core::option::Option::Some(b'"') => {
                        let __k = __r.name()?;
                        match &*__k {
                            #(#unit_strings)*
                            _ => {
                                __found.add(__at, #rt::one_variant(#expected))?;
                                #none
                            }
                        }
                    }
                    ::core::option::Option::Some(b'{') => {
                        let __mark = __found.mark();
                        let mut __o = __r.object()?;
                        let ::core::option::Option::Some(__k) = __o.next_name(__r)? else {
                            __found.add(__at, #rt::one_variant(#expected))?;
                            return #none;
                        };
                        let __v: ::core::option::Option<#ident> = match &*__k {
                            #(#members)*
                            _ => {
                                let __p = __at.field(#rt::utf8(&__k)?);
                                __r.skip_at(&__p, __found)?;
                                __found.add(&__p, #rt::Constraint::UnknownField(__NAMES))?;
                                ::core::option::Option::None
                            }
                        };
                        // Another member: the one problem is the number of
                        // members (the first one repeated is a repeat).
                        let mut __several = false;
                        let mut __others = #rt::Others::default();
                        while let ::core::option::Option::Some(__other) = __o.next_name(__r)? {
                            if *__other == *__k {
                                #rt::repeated(__r, &__at.field(#rt::utf8(&__other)?), __found)?;
                            } else {
                                __several = true;
                                __others.member(__r, __at, __other, false, __found)?;
                            }
                        }
                        if __several {
                            __found.forget_problems_since(__mark);
                            __found.add(__at, #rt::one_variant(#expected))?;
                            return #none;
                        }
                        ::core::result::Result::Ok(__v)
                    }
                    _ => #rt::wrong_type(__r, __at, __found, "object"),
                }
            }
        }
        Tagging::Internal(tag) => {
            let locate = tag_of(tag);
            let arms = variants.iter().enumerate().map(|(vi, v)| {
                let vident = v.ident;
                let read = match v.style {
                    // Only the tag: anything else is serde's to decide.
                    Style::Unit => quote! {{
                        if __r.items_at(__r.position())? != ::core::option::Option::Some(1) {
                            return #rt::report_checked::<Self>(__r, __at, __found);
                        }
                        __r.skip_at(__at, __found)?;
                        ::core::option::Option::Some(#ident::#vident)
                    }},
                    _ => payload(vi, quote!(__at.segment("")), Some(tag)),
                };
                quote!(#vi => ::core::result::Result::Ok(#read),)
            });
            quote! {
                if __r.next_byte() != ::core::option::Option::Some(b'{') {
                    return #rt::wrong_type(__r, __at, __found, "object");
                }
                #locate
                let ::core::option::Option::Some(__i) = __i else {
                    __r.skip_at(__at, __found)?;
                    return #none;
                };
                match __i {
                    #(#arms)*
                    _ => ::core::result::Result::Err(#rt::Fail),
                }
            }
        }
        Tagging::Adjacent(tag, content) => {
            let locate = tag_of(tag);
            let (tag_name, content_name) = (bytes(tag), bytes(content));
            let content_segment = crate::expand::escaped_segment(content);
            let payloads = (0..variants.len()).map(|vi| {
                let read = payload(vi, quote!(__at.segment(#content_segment)), None);
                quote!(::core::option::Option::Some(#vi) => #read,)
            });
            let units = variants
                .iter()
                .enumerate()
                .filter(|(_, v)| v.style == Style::Unit)
                .map(|(vi, v)| {
                    let vident = v.ident;
                    quote!(#vi => ::core::option::Option::Some(#ident::#vident),)
                });
            quote! {
                if __r.next_byte() != ::core::option::Option::Some(b'{') {
                    return #rt::wrong_type(__r, __at, __found, "object");
                }
                #locate
                let __content_at = __at.segment(#content_segment);
                let __mark = __found.mark();
                let mut __o = __r.object()?;
                let mut __others = #rt::Others::default();
                let mut __tag_seen = false;
                let mut __content: ::core::option::Option<::core::option::Option<#ident>> =
                    ::core::option::Option::None;
                let mut __span = (__mark, __mark);
                while let ::core::option::Option::Some(__k) = __o.next_name(__r)? {
                    match &*__k {
                        #tag_name => {
                            #rt::skip_once(__r, &__at.field(#tag), &mut __tag_seen, __found)?;
                        }
                        #content_name => {
                            if __content.is_some() {
                                #rt::repeated(__r, &__at.field(#content), __found)?;
                            } else {
                                let __from = __found.mark();
                                __content = ::core::option::Option::Some(match __i {
                                    #(#payloads)*
                                    _ => {
                                        __r.skip_at(&__content_at, __found)?;
                                        ::core::option::Option::None
                                    }
                                });
                                __span = (__from, __found.mark());
                            }
                        }
                        _ => __others.member(__r, __at, __k, #deny, __found)?,
                    }
                }
                // The tag's problem, the unknown members, then the content's.
                let mut __problems = __found.take(__mark);
                __others.record(__at, &[#tag, #content], __found)?;
                __found.put_back(&mut __problems, __mark, __span);
                __found.close(__problems);
                let ::core::option::Option::Some(__i) = __i else {
                    return #none;
                };
                let __v = match __content {
                    ::core::option::Option::Some(__v) => __v,
                    ::core::option::Option::None => match __i {
                        #(#units)*
                        _ => {
                            __found.add(&__content_at, #rt::Constraint::Required)?;
                            ::core::option::Option::None
                        }
                    },
                };
                ::core::result::Result::Ok(if __others.any_denied() {
                    ::core::option::Option::None
                } else {
                    __v
                })
            }
        }
    };
    let inner_rules = inner_rules_method();
    let report_json = report_json_method(
        quote!(#[allow(unused_variables, unused_mut, clippy::match_single_binding)]),
        quote! {
            const __NAMES: &[&str] = &[#(#names),*];
            #body
        },
    );
    quote! {
        #report_json

        #inner_rules
    }
}

/// The value a field's own serde default gives an absent member, if any:
/// `Default::default()` or the `default = "path"` function's.
fn default_value(field: &Field) -> Option<TokenStream> {
    match &field.default {
        None => None,
        Some(None) => Some(quote!(::core::default::Default::default())),
        Some(Some(path)) => Some(quote!(#path())),
    }
}
