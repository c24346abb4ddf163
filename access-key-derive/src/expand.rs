//! Code generation: one `impl Validate` (calls into the runtime's `rules`)
//! and one `impl JsonSchema` (calls into the runtime's `schema`) from the
//! same model, so the checks and the schema cannot drift apart.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::DeriveInput;

use crate::ast::{Body, Container, Field, Variant};
use crate::ctxt::Ctxt;
use crate::valid;
use access_key_pattern::Translated;

pub fn derive(input: &DeriveInput) -> Result<TokenStream, Vec<syn::Error>> {
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, input);
    let patterns = match &cont {
        Some(cont) => valid::check(&cx, cont),
        None => Vec::new(),
    };
    cx.check()?;
    let cont = cont.expect("no errors, so the container parsed");
    let body = match &cont.data {
        Body::Struct(fields) => expand_struct(&cont, fields, &patterns),
        Body::Enum(variants) => expand_enum(&cont, variants),
    };
    let json_impl = crate::expand_json::expand(&cont, &patterns);
    Ok(quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, clippy::all)]
        const _: () = {
            #body
            #json_impl
        };
    })
}

fn krate() -> TokenStream {
    quote!(::access_key_schema)
}

fn schema_impl_header(cont: &Container) -> TokenStream {
    let krate = krate();
    let ident = cont.ident;
    let mut generics = cont.generics.clone();
    for param in generics.type_params_mut() {
        param
            .bounds
            .push(syn::parse_quote!(#krate::__private::JsonSchema));
    }
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let (_, ty_generics, _) = cont.generics.split_for_impl();
    quote!(impl #impl_generics #krate::__private::JsonSchema for #ident #ty_generics #where_clause)
}

fn schema_names(cont: &Container) -> TokenStream {
    let krate = krate();
    let name = cont.ident.to_string();
    quote! {
        fn schema_name() -> #krate::__private::Cow<'static, str> {
            #krate::__private::Cow::Borrowed(#name)
        }
        fn schema_id() -> #krate::__private::Cow<'static, str> {
            #krate::__private::Cow::Borrowed(::core::concat!(::core::module_path!(), "::", #name))
        }
    }
}

fn expand_struct(cont: &Container, fields: &[Field], patterns: &valid::Patterns) -> TokenStream {
    let krate = krate();
    let ident = cont.ident;
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();

    let mut statics = Vec::new();
    let mut checks = Vec::new();
    let mut schemas = Vec::new();
    let mut required = Vec::new();
    for (i, (field, pattern)) in fields.iter().zip(patterns).enumerate() {
        if field.skipped {
            continue;
        }
        let pattern_static = pattern.as_ref().map(|t| {
            let name = format_ident!("__PATTERN_{}", i);
            let aws = &field.rules.pattern.as_ref().expect("pattern rule").lit;
            statics.push(pattern_static(&name, aws, t));
            name
        });
        // An ASCII-only class: a passing value has as many code points as
        // bytes, so `length` and `pattern` can be checked in one pass.
        let ascii_class = pattern
            .as_ref()
            .and_then(|t| t.class_repeat.as_ref())
            .is_some_and(|class| class.ascii_only());
        checks.push(field_check(field, pattern_static.as_ref(), ascii_class));
        schemas.push(field_schema(field, pattern_static.as_ref()));
        if field.required {
            required.push(field.json_name.as_str());
        }
    }
    let deny = cont.serde.deny_unknown_fields;
    let doc = &cont.doc;
    let schema_header = schema_impl_header(cont);
    let names = schema_names(cont);
    quote! {
        #(#statics)*

        #[automatically_derived]
        impl #impl_generics #krate::Validate for #ident #ty_generics #where_clause {
            fn validate_into(
                &self,
                __path: &#krate::Path<'_>,
                __errors: &mut #krate::ValidationErrors,
            ) {
                #(#checks)*
            }
        }

        #[automatically_derived]
        #schema_header {
            #names
            fn json_schema(__gen: &mut #krate::__private::SchemaGenerator) -> #krate::__private::Schema {
                let mut __props = ::std::vec::Vec::new();
                #(#schemas)*
                #krate::schema::object(__props, &[#(#required),*], #deny, #doc)
            }
        }
    }
}

/// A `static` per `pattern` annotation: the class matcher when the pattern
/// is one class with a quantifier, a lazily compiled regex otherwise.
fn pattern_static(name: &syn::Ident, aws: &syn::LitStr, t: &Translated) -> TokenStream {
    let krate = krate();
    let portable = &t.portable;
    let forbid = t.forbid_trailing_newline;
    let init = match &t.class_repeat {
        Some(class) => {
            let [lo, hi] = class.ascii_bitmap();
            let ranges = class
                .ranges
                .iter()
                .filter(|(_, hi)| !hi.is_ascii())
                .map(|&(lo, hi)| {
                    let lo = lo.max('\u{80}');
                    quote!((#lo, #hi))
                });
            let min = class.min;
            let max = class.max.unwrap_or(u32::MAX);
            quote! {
                #krate::rules::pattern::Pattern::class(
                    #aws, #portable, #forbid, [#lo, #hi], &[#(#ranges),*], #min, #max,
                )
            }
        }
        None => {
            let init = format_ident!("{}_init", name);
            quote! {
                {
                    fn #init() -> #krate::__private::Regex {
                        #krate::__private::Regex::new(#portable)
                            .expect("pattern was checked when the derive expanded")
                    }
                    #krate::rules::pattern::Pattern::regex(#aws, #portable, #forbid, #init)
                }
            }
        }
    };
    quote!(static #name: #krate::rules::pattern::Pattern = #init;)
}

fn field_check(field: &Field, pattern: Option<&syn::Ident>, ascii_class: bool) -> TokenStream {
    let krate = krate();
    let member = field.ident;
    let segment = field.pointer_segment();
    let rules = &field.rules;
    let mut calls = Vec::new();
    // The field name re-spanned onto the rule, so a rule on a type it cannot
    // apply to is reported on the rule alone.
    let value = |span: Span| {
        let name = member.to_string();
        let member = match name.strip_prefix("r#") {
            Some(raw) => syn::Ident::new_raw(raw, span),
            None => syn::Ident::new(&name, span),
        };
        quote_spanned!(span=> &self.#member)
    };

    if let Some(len) = &rules.length {
        let span = len.key.span();
        let v = value(span);
        let min = len.min.as_ref().map_or(quote!(0usize), |m| quote!(#m));
        let max = len.max.as_ref().map_or(quote!(usize::MAX), |m| quote!(#m));
        calls.push(quote_spanned! {span=>
            #krate::rules::length::apply(#v, #min, #max, &__p, __errors);
        });
    }
    if let (Some(rule), Some(name)) = (&rules.pattern, pattern) {
        let span = rule.key.span();
        let v = value(span);
        calls.push(quote_spanned! {span=>
            #krate::rules::pattern::apply(#v, &#name, &__p, __errors);
        });
    }
    // `length` then an ASCII-only class `pattern`: one pass decides when
    // both pass (the common case); otherwise the two calls above report, in
    // the same order as without the fusion. `Fused` picks the one-pass check
    // only for string types, so a rule on another type is reported by the
    // calls above exactly as before.
    if let (Some(len), Some(name), true, 2) = (&rules.length, pattern, ascii_class, calls.len()) {
        let min = len.min.as_ref().map_or(quote!(0usize), |m| quote!(#m));
        let max = len.max.as_ref().map_or(quote!(usize::MAX), |m| quote!(#m));
        let field = quote!(&self.#member);
        let separate = std::mem::take(&mut calls);
        calls.push(quote! {
            {
                #[allow(unused_imports)]
                use #krate::rules::pattern::{FusedAny as _, FusedText as _};
                if !(&#krate::rules::pattern::Fused(#field)).accepts(#min, #max, &#name) {
                    #(#separate)*
                }
            }
        });
    }
    if let Some(rule) = &rules.one_of {
        let span = rule.key.span();
        let v = value(span);
        let values = &rule.values;
        calls.push(quote_spanned! {span=>
            #krate::rules::one_of::apply(#v, &[#(#values),*], &__p, __errors);
        });
    }
    if let Some(rule) = &rules.range {
        let span = rule.key.span();
        let v = value(span);
        let (min, max) = rule.bounds_tokens();
        calls.push(quote_spanned! {span=>
            #krate::rules::range::apply(#v, #min, #max, &__p, __errors);
        });
    }
    if let Some(key) = &rules.nested {
        let span = key.span();
        let v = value(span);
        calls.push(quote_spanned! {span=>
            #krate::Validate::validate_into(#v, &__p, __errors);
        });
    }
    if calls.is_empty() {
        return TokenStream::new();
    }
    quote! {
        {
            let __p = __path.segment(#segment);
            #(#calls)*
        }
    }
}

fn field_schema(field: &Field, pattern: Option<&syn::Ident>) -> TokenStream {
    let krate = krate();
    let rules = &field.rules;
    let ty = field.option_inner.unwrap_or(field.ty);
    let json_name = &field.json_name;
    let mut edits = Vec::new();
    if let Some(len) = &rules.length {
        let min = len.min.as_ref().map_or(quote!(0usize), |m| quote!(#m));
        let max = len.max.as_ref().map_or(quote!(usize::MAX), |m| quote!(#m));
        edits.push(quote!(#krate::schema::length(&mut __s, #min, #max);));
    }
    if let Some(name) = pattern {
        edits.push(quote!(#krate::schema::pattern(&mut __s, &#name);));
    }
    if let Some(rule) = &rules.one_of {
        let values = &rule.values;
        edits.push(quote!(#krate::schema::one_of(&mut __s, &[#(#values),*]);));
    }
    if let Some(rule) = &rules.range {
        let bound = |b: &Option<crate::attr::NumLit>| match b {
            Some(n) => {
                let tokens = &n.tokens;
                quote!(::core::option::Option::Some(#krate::__private::json!(#tokens)))
            }
            None => quote!(::core::option::Option::None),
        };
        let (min, max) = (bound(&rule.min), bound(&rule.max));
        edits.push(quote!(#krate::schema::range(&mut __s, #min, #max);));
    }
    if rules.sensitive.is_some() {
        edits.push(quote!(#krate::schema::sensitive(&mut __s);));
    }
    let wrap = field
        .option_inner
        .map(|_| quote!(let mut __s = #krate::schema::nullable(__s);));
    let doc = &field.doc;
    let describe = (!doc.is_empty()).then(|| quote!(#krate::schema::description(&mut __s, #doc);));
    quote! {
        {
            #[allow(unused_mut)]
            let mut __s = __gen.subschema_for::<#ty>();
            #(#edits)*
            #wrap
            #describe
            __props.push((#json_name, __s));
        }
    }
}

fn expand_enum(cont: &Container, variants: &[Variant<'_>]) -> TokenStream {
    let krate = krate();
    let ident = cont.ident;
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let values = variants.iter().map(|v| &v.json_name);
    let doc = &cont.doc;
    let schema_header = schema_impl_header(cont);
    let names = schema_names(cont);
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::EnumValues for #ident #ty_generics #where_clause {
            const VALUES: &'static [&'static str] = &[#(#values),*];
        }

        #[automatically_derived]
        impl #impl_generics #krate::Validate for #ident #ty_generics #where_clause {
            fn validate_into(&self, _: &#krate::Path<'_>, _: &mut #krate::ValidationErrors) {}
        }

        #[automatically_derived]
        #schema_header {
            #names
            fn json_schema(_: &mut #krate::__private::SchemaGenerator) -> #krate::__private::Schema {
                #krate::schema::string_enum(<Self as #krate::EnumValues>::VALUES, #doc)
            }
        }
    }
}
