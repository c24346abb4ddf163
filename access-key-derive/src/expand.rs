//! Code generation: one `impl Validate` (calls into the runtime's `rules`)
//! and one `impl JsonSchema` (calls into the runtime's `schema`) from the
//! same model, so the checks and the schema cannot drift apart.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::DeriveInput;

use crate::ast::{Body, Container, Field, Style, Tagging, Variant};
use crate::attr::{FieldRules, Rule};
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
        Body::Newtype(field) => expand_newtype(&cont, field, &patterns),
        Body::Tagged(tagging, variants) => expand_tagged(&cont, tagging, variants, &patterns),
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

/// The schema's name and id. A generic type gets one of each per
/// instantiation, named as schemars 0.8 named them (`Page_for_LineItem`,
/// `Pair_for_uint32_and_string`), so `Page<LineItem>` and `Page<Account>`
/// are two definitions, not one that fits neither.
fn schema_names(cont: &Container) -> TokenStream {
    let krate = krate();
    let name = cont.ident.to_string();
    let params: Vec<&syn::Ident> = cont.generics.type_params().map(|p| &p.ident).collect();
    if params.is_empty() {
        return quote! {
            fn schema_name() -> #krate::__private::Cow<'static, str> {
                #krate::__private::Cow::Borrowed(#name)
            }
            fn schema_id() -> #krate::__private::Cow<'static, str> {
                #krate::__private::Cow::Borrowed(::core::concat!(::core::module_path!(), "::", #name))
            }
        };
    }
    let js = quote!(#krate::__private::JsonSchema);
    quote! {
        fn schema_name() -> #krate::__private::Cow<'static, str> {
            let __names: ::std::vec::Vec<#krate::__private::Cow<'static, str>> =
                ::std::vec![#(<#params as #js>::schema_name()),*];
            #krate::__private::Cow::Owned(::std::format!("{}_for_{}", #name, __names.join("_and_")))
        }
        fn schema_id() -> #krate::__private::Cow<'static, str> {
            let __ids: ::std::vec::Vec<#krate::__private::Cow<'static, str>> =
                ::std::vec![#(<#params as #js>::schema_id()),*];
            #krate::__private::Cow::Owned(::std::format!(
                "{}::{}<{}>",
                ::core::module_path!(),
                #name,
                __ids.join(", "),
            ))
        }
    }
}

/// The impl's generics with `P: Validate` added for each type parameter `P`
/// named in the type of a `nested` field, as serde's derive bounds the
/// parameters its fields use: `Page<T>` with `#[validate(nested)] items:
/// Vec<T>` validates when `T` does.
fn validate_generics(cont: &Container, fields: &[Field]) -> syn::Generics {
    let krate = krate();
    let mut generics = cont.generics.clone();
    let params: Vec<syn::Ident> = cont
        .generics
        .type_params()
        .map(|p| p.ident.clone())
        .collect();
    if params.is_empty() {
        return generics;
    }
    let mut used = Vec::new();
    for field in fields
        .iter()
        .filter(|f| !f.skipped && f.rules.nested().is_some())
    {
        collect_idents(field.ty.to_token_stream(), &params, &mut used);
    }
    let clause = generics.make_where_clause();
    for p in params.iter().filter(|p| used.contains(p)) {
        clause
            .predicates
            .push(syn::parse_quote!(#p: #krate::Validate));
    }
    generics
}

/// The type parameters among `params` that `tokens` names.
fn collect_idents(tokens: TokenStream, params: &[syn::Ident], out: &mut Vec<syn::Ident>) {
    for tt in tokens {
        match tt {
            proc_macro2::TokenTree::Ident(id) if params.contains(&id) && !out.contains(&id) => {
                out.push(id);
            }
            proc_macro2::TokenTree::Group(g) => collect_idents(g.stream(), params, out),
            _ => {}
        }
    }
}

fn expand_struct(cont: &Container, fields: &[Field], patterns: &valid::Patterns) -> TokenStream {
    let krate = krate();
    let ident = cont.ident;
    let generics = validate_generics(cont, fields);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    let mut statics = Vec::new();
    let mut checks = Vec::new();
    let mut schemas = Vec::new();
    let mut flattens = Vec::new();
    let mut required = Vec::new();
    for (i, (field, pattern)) in fields.iter().zip(patterns).enumerate() {
        if field.skipped {
            continue;
        }
        let (pattern_static, ascii_class) = field_statics(field, i, pattern.as_ref(), &mut statics);
        let check = field_check(
            field,
            fields,
            pattern_static.as_ref(),
            ascii_class,
            Receiver::SelfField,
        );
        let name = field.json_name.as_str();
        if field.required {
            required.push(quote!(__required.push(#name);));
        } else if !check.is_empty() {
            if let Some(default) = default_value(cont, field) {
                // An absent member takes its default, which `validate()`
                // then checks: when the default breaks the member's own
                // rules, absence is rejected, so the schema requires it.
                let default_check = field_check(
                    field,
                    fields,
                    pattern_static.as_ref(),
                    ascii_class,
                    Receiver::Local,
                );
                required.push(quote! {
                    {
                        let __default = #default;
                        let __path = &#krate::Path::ROOT;
                        let mut __scratch = #krate::ValidationErrors::new();
                        let __errors = &mut __scratch;
                        #default_check
                        if !__scratch.is_empty() {
                            __required.push(#name);
                        }
                    }
                });
            }
        }
        checks.push(check);
        if field.flatten.is_some() {
            // Its members are this object's, as the payload has them.
            let ty = field.ty;
            statics.push(quote_spanned! {ty.span()=>
                const _: fn() = || {
                    fn __flatten<T: ?::core::marker::Sized + #krate::tagged::Flatten>() {}
                    __flatten::<#ty>();
                };
            });
            flattens.push(quote! {
                {
                    let __inner = __gen.subschema_for::<#ty>();
                    #krate::tagged::flatten(__gen, &mut __object, __inner);
                }
            });
            continue;
        }
        schemas.push(field_schema(field, fields, pattern_static.as_ref()));
    }
    // A struct-level check sees every field: with a `sensitive` one, its
    // message is not kept.
    let struct_apply = if fields.iter().any(|f| f.rules.sensitive().is_some()) {
        quote!(apply_redacted)
    } else {
        quote!(apply)
    };
    let struct_checks = cont.custom.iter().map(|(key, f)| {
        quote_spanned! {key.span()=>
            #krate::rules::custom::#struct_apply(self, #f, __path, __errors);
        }
    });
    let struct_comments = cont.custom.iter().map(|(_, f)| {
        let name = path_text(f);
        quote!(#krate::rules::custom::schema(&mut __object, #name);)
    });
    let deny = cont.serde.deny_unknown_fields;
    let doc = &cont.doc;
    let schema_header = schema_impl_header(cont);
    let names = schema_names(cont);
    let (plain_impl, plain_ty, plain_where) = cont.generics.split_for_impl();
    // Its members, for a struct that flattens it (not when it flattens one
    // itself: the list would not be known here).
    let flatten_impl = fields.iter().all(|f| f.flatten.is_none()).then(|| {
        let members = fields
            .iter()
            .filter(|f| !f.skipped)
            .map(|f| f.json_name.as_str());
        quote! {
            #[automatically_derived]
            impl #plain_impl #krate::tagged::Flatten for #ident #plain_ty #plain_where {
                const MEMBERS: &'static [&'static str] = &[#(#members),*];
            }
        }
    });
    quote! {
        #(#statics)*

        // An object: it may sit next to an internally tagged enum's tag.
        #[automatically_derived]
        impl #plain_impl #krate::tagged::ObjectPayload for #ident #plain_ty #plain_where {}

        #flatten_impl

        #[automatically_derived]
        impl #impl_generics #krate::Validate for #ident #ty_generics #where_clause {
            fn validate_into(
                &self,
                __path: &#krate::Path<'_>,
                __errors: &mut #krate::ValidationErrors,
            ) {
                #(#checks)*
                #(#struct_checks)*
            }
        }

        #[automatically_derived]
        #schema_header {
            #names
            fn json_schema(__gen: &mut #krate::__private::SchemaGenerator) -> #krate::__private::Schema {
                let mut __props = ::std::vec::Vec::new();
                #(#schemas)*
                #[allow(unused_mut)]
                let mut __required: ::std::vec::Vec<&'static str> = ::std::vec::Vec::new();
                #(#required)*
                #[allow(unused_mut)]
                let mut __object = #krate::schema::object(__props, &__required, #deny, #doc);
                #(#flattens)*
                #(#struct_comments)*
                __object
            }
        }
    }
}

/// The value an absent, non-`Option` member takes, as serde computes it:
/// the field's `default` (`Default::default()` or its function), else the
/// container's (`Default::default()` or its function) projected onto the
/// field. `None` when an absent member is an error or `None`.
fn default_value(cont: &Container, field: &Field) -> Option<TokenStream> {
    let ty = field.ty;
    let member = field.ident;
    match &field.default {
        Some(Some(f)) => Some(quote!(#f())),
        Some(None) => Some(quote!(<#ty as ::core::default::Default>::default())),
        None if cont.serde.default => {
            let whole = match &cont.serde.default_fn {
                Some(f) => quote!(#f()),
                None => quote!(<Self as ::core::default::Default>::default()),
            };
            Some(quote!(#whole.#member))
        }
        None => None,
    }
}

/// The annotation's `code` and `message` as two `Option<&'static str>`
/// expressions, what the runtime's relabeling takes.
pub(crate) fn overrides_tokens(overrides: &crate::attr::Overrides) -> (TokenStream, TokenStream) {
    let opt = |l: &Option<syn::LitStr>| match l {
        Some(l) => quote!(::core::option::Option::Some(#l)),
        None => quote!(::core::option::Option::None),
    };
    (opt(&overrides.code), opt(&overrides.message))
}

/// `call` with the annotation's `code`/`message` given to the violations
/// it records into `errors` (unchanged when neither is written).
pub(crate) fn relabel(
    overrides: &crate::attr::Overrides,
    errors: TokenStream,
    call: TokenStream,
) -> TokenStream {
    if overrides.code.is_none() && overrides.message.is_none() {
        return call;
    }
    let (code, message) = overrides_tokens(overrides);
    quote! {
        {
            let __start = #errors.kept();
            #call
            #errors.relabel_since(__start, #code, #message);
        }
    }
}

/// A function path as written, for a schema `$comment`.
pub(crate) fn path_text(f: &syn::ExprPath) -> String {
    f.to_token_stream().to_string().replace(' ', "")
}

/// A table rule's argument, checked by the rule's own `check` at compile
/// time: a refused argument is a compile error on the argument.
fn generic_arg_check(rule: &crate::attr::GenericRule) -> TokenStream {
    if rule.arg.is_empty() {
        return TokenStream::new();
    }
    let krate = krate();
    let arg = &rule.arg;
    let span = arg
        .clone()
        .into_iter()
        .next()
        .map_or(rule.key.span(), |t| t.span());
    let module = syn::Ident::new(rule.def.name, rule.key.span());
    quote_spanned! {span=>
        const _: () = if let ::core::option::Option::Some(__why) = #krate::rules::#module::check(#arg) {
            ::core::panic!("{}", __why)
        };
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

/// Where `field_check` reads the value: the field of `self` (in
/// `validate_into`), or a local holding its default (in `json_schema`).
#[derive(Clone, Copy)]
pub(crate) enum Receiver {
    SelfField,
    Local,
    /// The one field of a newtype, `self.0`.
    Newtype,
    /// An item, map value or key inside `inner(..)`/`keys(..)`: `__item`,
    /// already a reference.
    Item,
    /// A field of an enum variant, bound by reference by name in a `match`.
    Bound,
}

fn field_check(
    field: &Field,
    others: &[Field],
    pattern: Option<&syn::Ident>,
    ascii_class: bool,
    receiver: Receiver,
) -> TokenStream {
    let segment = field.pointer_segment();
    let calls = rule_calls(
        &field.rules,
        field.ident,
        others,
        pattern,
        ascii_class,
        receiver,
        field.rules.sensitive().is_some(),
    );
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

/// The runtime call of one value rule (`required`, `length`, `pattern`,
/// `one_of`, `range` or a table rule) on `v` at `__p` into `errors`, in the
/// annotation's words where it gives them (`code`/`message`): the one place
/// such a rule becomes code, for `validate()` and for both of `from_json`'s
/// readers. `None` for the rules that are not checks of the value itself,
/// and for a `pattern` that did not translate (already a compile error).
pub(crate) fn value_rule_call(
    rule: &Rule,
    v: TokenStream,
    pattern: Option<&syn::Ident>,
    errors: TokenStream,
) -> Option<TokenStream> {
    let krate = krate();
    let span = rule.key().span();
    let (overrides, call) = match rule {
        Rule::Required(_, overrides) => (
            overrides,
            quote_spanned! {span=> #krate::rules::required::apply(#v, &__p, #errors); },
        ),
        Rule::Length(len) => {
            let (min, max) = len.bounds_tokens();
            (
                &len.overrides,
                quote_spanned! {span=> #krate::rules::length::apply(#v, #min, #max, &__p, #errors); },
            )
        }
        Rule::Pattern(rule) => {
            let name = pattern?;
            (
                &rule.overrides,
                quote_spanned! {span=> #krate::rules::pattern::apply(#v, &#name, &__p, #errors); },
            )
        }
        Rule::OneOf(rule) => {
            let values = &rule.values;
            (
                &rule.overrides,
                quote_spanned! {span=>
                    #krate::rules::one_of::apply(#v, &[#(#values),*], &__p, #errors);
                },
            )
        }
        Rule::Range(rule) => {
            let (min, max) = rule.bounds_tokens();
            (
                &rule.overrides,
                quote_spanned! {span=> #krate::rules::range::apply(#v, #min, #max, &__p, #errors); },
            )
        }
        Rule::Table(rule) => {
            let module = syn::Ident::new(rule.def.name, span);
            let arg = rule.arg_then_comma();
            (
                &rule.overrides,
                quote_spanned! {span=> #krate::rules::#module::apply(#v, #arg &__p, #errors); },
            )
        }
        Rule::Custom(..)
        | Rule::MustMatch(..)
        | Rule::Nested(_)
        | Rule::Sensitive(_)
        | Rule::Inner(_)
        | Rule::Keys(_) => return None,
    };
    Some(relabel(overrides, errors, call))
}

/// The runtime calls of one rule list on the value `receiver` names, at
/// `__p` into `__errors`, in `validate()`'s order: what a field, a newtype,
/// and each item of `inner(..)`/`keys(..)` check. `sensitive` is the
/// field's: a `custom` check in its reach keeps its code, not its message.
pub(crate) fn rule_calls(
    rules: &FieldRules,
    member: &syn::Ident,
    others: &[Field],
    pattern: Option<&syn::Ident>,
    ascii_class: bool,
    receiver: Receiver,
    sensitive: bool,
) -> Vec<TokenStream> {
    let krate = krate();
    let mut calls = Vec::new();
    // The field name re-spanned onto the rule, so a rule on a type it cannot
    // apply to is reported on the rule alone.
    let value = |span: Span| match receiver {
        Receiver::SelfField => {
            let name = member.to_string();
            let member = match name.strip_prefix("r#") {
                Some(raw) => syn::Ident::new_raw(raw, span),
                None => syn::Ident::new(&name, span),
            };
            quote_spanned!(span=> &self.#member)
        }
        Receiver::Local => quote_spanned!(span=> &__default),
        Receiver::Newtype => quote_spanned!(span=> &self.0),
        Receiver::Item => quote_spanned!(span=> __item),
        Receiver::Bound => {
            let name = member.to_string();
            match name.strip_prefix("r#") {
                Some(raw) => syn::Ident::new_raw(raw, span).into_token_stream(),
                None => syn::Ident::new(&name, span).into_token_stream(),
            }
        }
    };

    // One loop over the rules, in the order they are checked and reported
    // (`attr::Rule::rank`): each value rule is one call into its runtime
    // module (`value_rule_call`), then the user's checks.
    for rule in &rules.list {
        let span = rule.key().span();
        let v = value(span);
        match rule {
            // The user's checks: not in the schema, so not in the default
            // check (`Receiver::Local`) that decides whether the schema
            // requires a member.
            Rule::Custom(_, f) => {
                if matches!(receiver, Receiver::Local) {
                    continue;
                }
                let apply = if sensitive {
                    quote!(apply_redacted)
                } else {
                    quote!(apply)
                };
                calls.push(quote_spanned! {span=>
                    #krate::rules::custom::#apply(#v, #f, &__p, __errors);
                });
            }
            Rule::MustMatch((_, other), overrides) => {
                if !matches!(receiver, Receiver::SelfField) {
                    continue;
                }
                let other_name = match others.iter().find(|f| f.ident == other) {
                    Some(f) => f.json_name.clone(),
                    None => other.to_string(),
                };
                calls.push(relabel(
                    overrides,
                    quote!(__errors),
                    quote_spanned! {span=>
                        #krate::rules::must_match::apply(#v, &self.#other, #other_name, &__p, __errors);
                    },
                ));
            }
            _ => calls.extend(value_rule_call(rule, v, pattern, quote!(__errors))),
        }
    }
    // `length` then an ASCII-only class `pattern` (the first two calls when
    // there is no `required`): one pass decides when both pass (the common
    // case); otherwise the two calls report, in the same order as without
    // the fusion. `Fused` picks the one-pass check only for string types, so
    // a rule on another type is reported by the calls exactly as before.
    if let (None, Some(len), Some(_), Some(name), true) = (
        rules.required(),
        rules.length(),
        rules.pattern(),
        pattern,
        ascii_class,
    ) {
        let (min, max) = len.bounds_tokens();
        let field = match receiver {
            Receiver::SelfField => quote!(&self.#member),
            Receiver::Local => quote!(&__default),
            Receiver::Newtype => quote!(&self.0),
            Receiver::Item => quote!(__item),
            Receiver::Bound => quote!(#member),
        };
        let rest = calls.split_off(2);
        let separate = std::mem::replace(&mut calls, rest);
        calls.insert(
            0,
            quote! {
                {
                    #[allow(unused_imports)]
                    use #krate::rules::pattern::{FusedAny as _, FusedText as _};
                    if !(&#krate::rules::pattern::Fused(#field)).accepts(#min, #max, &#name) {
                        #(#separate)*
                    }
                }
            },
        );
    }
    if let Some(key) = rules.nested() {
        let span = key.span();
        let v = value(span);
        calls.push(quote_spanned! {span=>
            #krate::Validate::validate_into(#v, &__p, __errors);
        });
    } else if !matches!(receiver, Receiver::Item) {
        // Without `nested`, a value whose type implements `Validate` is
        // still validated (found by auto-ref): its schema is a `$ref` to
        // the type's definition, rules included, and `from_json`'s full
        // report checks them too. `nested` makes it a compile error when
        // the type does not implement `Validate`. In a generic impl a bare
        // `T` is not known to, so only `nested` (which adds the bound)
        // validates it. Not for items: their collection was validated
        // whole, items included, at the field.
        let v = value(Span::call_site());
        calls.push(quote! {
            {
                #[allow(unused_imports)]
                use #krate::__private::{NoValidate as _, ViaValidate as _};
                (&#krate::__private::AutoNested(#v)).auto_validate(&__p, __errors);
            }
        });
    }
    calls.extend(collection_calls(rules, &value, sensitive));
    calls
}

/// `inner(..)` and `keys(..)`: a loop over the items (or keys) of the value,
/// each checked by the rules inside, at its own path.
pub(crate) fn collection_calls(
    rules: &FieldRules,
    value: &dyn Fn(Span) -> TokenStream,
    sensitive: bool,
) -> Vec<TokenStream> {
    let krate = krate();
    let mut calls = Vec::new();
    if let Some((key, inner)) = rules.inner() {
        let span = key.span();
        let v = value(span);
        let body = item_calls(inner, sensitive);
        calls.push(quote_spanned! {span=>
            #krate::rules::inner::each(#v, &__p, __errors, |__item, __p, __errors| {
                #(#body)*
            });
        });
    }
    if let Some((key, keys)) = rules.keys() {
        let span = key.span();
        let v = value(span);
        let body = item_calls(keys, sensitive);
        calls.push(quote_spanned! {span=>
            #krate::rules::keys::each(#v, &__p, __errors, |__item, __p, __errors| {
                #(#body)*
            });
        });
    }
    calls
}

/// The checks of the rules inside `inner(..)`/`keys(..)` on `__item` (a
/// reference) at `__p` (a reference too, rebound as a value for
/// [`rule_calls`]): the same calls as a field's, with the pattern's matcher
/// and the table rules' argument checks declared in the loop's body.
fn item_calls(rules: &FieldRules, sensitive: bool) -> Vec<TokenStream> {
    let mut statics = Vec::new();
    let pattern = rules
        .pattern()
        .and_then(|p| Some((p, access_key_pattern::translate(&p.lit.value()).ok()?)));
    let name = pattern.map(|(p, t)| {
        let name = format_ident!("__ITEM_PATTERN");
        statics.push(pattern_static(&name, &p.lit, &t));
        name
    });
    statics.extend(rules.generic().map(generic_arg_check));
    let item = syn::Ident::new("__item", Span::call_site());
    let calls = rule_calls(
        rules,
        &item,
        &[],
        name.as_ref(),
        false,
        Receiver::Item,
        sensitive,
    );
    if calls.is_empty() {
        return Vec::new();
    }
    vec![quote! {
        let __p = *__p;
        #(#statics)*
        #(#calls)*
    }]
}

/// The schema keywords of a rule list, as edits of `__s` (a `Schema`);
/// `pattern` names the `static` of the list's own pattern.
fn schema_edits(rules: &FieldRules, pattern: Option<TokenStream>) -> Vec<TokenStream> {
    let krate = krate();
    let mut edits = Vec::new();
    // One loop over the rules, in `validate()`'s order: each rule's schema
    // form is one call into its runtime module (`rules::<name>::schema`).
    for rule in &rules.list {
        match rule {
            Rule::Length(len) => {
                let (min, max) = len.bounds_tokens();
                edits.push(quote!(#krate::rules::length::schema(&mut __s, #min, #max);));
            }
            Rule::Pattern(_) => {
                if let Some(name) = &pattern {
                    edits.push(quote!(#krate::rules::pattern::schema(&mut __s, &#name);));
                }
            }
            Rule::OneOf(rule) => {
                let values = &rule.values;
                edits.push(quote!(#krate::rules::one_of::schema(&mut __s, &[#(#values),*]);));
            }
            Rule::Range(rule) => {
                let bound = |b: &Option<crate::attr::NumLit>| match b {
                    Some(n) => {
                        let tokens = &n.tokens;
                        quote!(::core::option::Option::Some(#krate::__private::json!(#tokens)))
                    }
                    None => quote!(::core::option::Option::None),
                };
                let (min, max) = (bound(&rule.min), bound(&rule.max));
                let (min_x, max_x) = (rule.min_exclusive, rule.max_exclusive);
                edits.push(
                    quote!(#krate::rules::range::schema(&mut __s, #min, #max, #min_x, #max_x);),
                );
            }
            Rule::Table(rule) => {
                let module = syn::Ident::new(rule.def.name, rule.key.span());
                let arg = rule.comma_then_arg();
                edits.push(quote!(#krate::rules::#module::schema(&mut __s #arg);));
            }
            Rule::Custom(_, f) => {
                let name = path_text(f);
                edits.push(quote!(#krate::rules::custom::schema(&mut __s, #name);));
            }
            Rule::Inner((_, sub)) | Rule::Keys((_, sub)) => {
                let which = if matches!(rule, Rule::Inner(_)) {
                    "inner"
                } else {
                    "keys"
                };
                let module = syn::Ident::new(which, Span::call_site());
                let (decl, name) = match sub
                    .pattern()
                    .and_then(|p| Some((p, access_key_pattern::translate(&p.lit.value()).ok()?)))
                {
                    Some((p, t)) => {
                        let name = format_ident!("__ITEM_PATTERN");
                        (Some(pattern_static(&name, &p.lit, &t)), Some(quote!(#name)))
                    }
                    None => (None, None),
                };
                let inner_edits = schema_edits(sub, name);
                edits.push(quote! {
                    #krate::rules::#module::schema(&mut __s, |__outer| {
                        #decl
                        #[allow(unused_mut)]
                        let mut __s = ::core::mem::take(__outer);
                        #(#inner_edits)*
                        *__outer = __s;
                    });
                });
            }
            // In the field's schema elsewhere: `required` decides the
            // object's `required` list, `must_match` and `sensitive` are
            // comments added after the type's own, `nested` is the `$ref`.
            Rule::Required(..) | Rule::MustMatch(..) | Rule::Nested(_) | Rule::Sensitive(_) => {}
        }
    }
    edits
}

/// The `static`s a field's rules need (its pattern's matcher, its table
/// rules' argument checks), pushed onto `statics`; returns the pattern's
/// name and whether it is one ASCII-only class (a passing value then has as
/// many code points as bytes, so `length` and `pattern` are checked in one
/// pass).
fn field_statics(
    field: &Field,
    index: usize,
    pattern: Option<&Translated>,
    statics: &mut Vec<TokenStream>,
) -> (Option<syn::Ident>, bool) {
    let name = pattern.map(|t| {
        let name = format_ident!("__PATTERN_{}", index);
        let aws = &field.rules.pattern().expect("pattern rule").lit;
        statics.push(pattern_static(&name, aws, t));
        name
    });
    statics.extend(field.rules.generic().map(generic_arg_check));
    let ascii_class = pattern
        .and_then(|t| t.class_repeat.as_ref())
        .is_some_and(|class| class.ascii_only());
    (name, ascii_class)
}

fn field_schema(field: &Field, others: &[Field], pattern: Option<&syn::Ident>) -> TokenStream {
    let json_name = &field.json_name;
    let schema = field_schema_expr(field, others, pattern, &field.doc);
    quote!(__props.push((#json_name, #schema));)
}

/// A block evaluating to the field's schema: its type's, with the rules'
/// keywords, nullable for an `Option` (unless `required`), described by
/// `doc`.
fn field_schema_expr(
    field: &Field,
    others: &[Field],
    pattern: Option<&syn::Ident>,
    doc: &str,
) -> TokenStream {
    let krate = krate();
    let rules = &field.rules;
    let ty = field.option_inner.unwrap_or(field.ty);
    let mut edits = schema_edits(rules, pattern.map(|p| quote!(#p)));
    if let Some((_, other)) = rules.must_match() {
        let name = others
            .iter()
            .find(|f| f.ident == other)
            .map_or_else(|| other.to_string(), |f| f.json_name.clone());
        edits.push(quote!(#krate::rules::must_match::schema(&mut __s, #name);));
    }
    if rules.sensitive().is_some() {
        edits.push(quote!(#krate::schema::sensitive(&mut __s);));
    }
    // An `Option` is nullable, unless `required` says it must be present
    // and not null.
    let wrap = field
        .option_inner
        .filter(|_| rules.required().is_none())
        .map(|_| quote!(let mut __s = #krate::schema::nullable(__s);));
    let describe = (!doc.is_empty()).then(|| quote!(#krate::schema::description(&mut __s, #doc);));
    // `ForeignSchema` (the foreign types of the cargo features, which cannot
    // implement `JsonSchema`) if the type has it, else `JsonSchema`; by
    // auto-ref, spanned on the type for the error of a type with neither.
    let schema_of = quote_spanned! {ty.span()=>
        {
            #[allow(unused_imports)]
            use #krate::__private::{ViaForeignSchema as _, ViaJsonSchema as _};
            (&#krate::__private::SchemaProbe::<#ty>::NEW).route().schema::<#ty>(__gen)
        }
    };
    quote! {
        {
            #[allow(unused_mut)]
            let mut __s = #schema_of;
            #(#edits)*
            #wrap
            #describe
            __s
        }
    }
}

/// A newtype: its field's rules are the type's, checked at the type's own
/// path, and its schema is the field's with the rules' keywords.
fn expand_newtype(cont: &Container, field: &Field, patterns: &valid::Patterns) -> TokenStream {
    let krate = krate();
    let ident = cont.ident;
    let fields = std::slice::from_ref(field);
    let generics = validate_generics(cont, fields);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let mut statics = Vec::new();
    let pattern = patterns.first().and_then(Option::as_ref);
    let (pattern_name, ascii_class) = field_statics(field, 0, pattern, &mut statics);
    // `#[serde(transparent)] struct Name { field: T }` reads `self.field`.
    let receiver = if field.named {
        Receiver::SelfField
    } else {
        Receiver::Newtype
    };
    let check = field_check(field, fields, pattern_name.as_ref(), ascii_class, receiver);
    let schema = field_schema_expr(field, fields, pattern_name.as_ref(), &cont.doc);
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
                #check
            }
        }

        #[automatically_derived]
        #schema_header {
            #names
            fn json_schema(__gen: &mut #krate::__private::SchemaGenerator) -> #krate::__private::Schema {
                #schema
            }
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

/// The JSON Pointer segment of a variant's payload: `/Name` (external
/// tagging), `/content` (adjacent), none (internal: its members sit next
/// to the tag).
fn variant_segment(tagging: &Tagging, variant: &Variant) -> String {
    let name = match tagging {
        Tagging::External => &variant.json_name,
        Tagging::Adjacent(_, content) => content,
        Tagging::Internal(_) => return String::new(),
    };
    escaped_segment(name)
}

pub(crate) fn escaped_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 1);
    out.push('/');
    for c in name.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// `check` (the slow path's check of a member, into `__e`) with the
/// `required` it records at `path` in the words of the field's
/// `required(code = .., message = ..)`, as `validate()` has them.
pub(crate) fn relabel_required(
    rules: &FieldRules,
    path: TokenStream,
    check: TokenStream,
) -> TokenStream {
    let o = rules.required_overrides();
    if rules.required().is_none() || (o.code.is_none() && o.message.is_none()) {
        return check;
    }
    let (code, message) = overrides_tokens(&o);
    quote! {
        {
            let __start = __e.kept();
            #check
            __e.relabel_required_since(__start, &#path, #code, #message);
        }
    }
}

/// What an externally tagged value must be, for the report of one that is
/// not one variant: `a string of [..] or an object of one member of [..]`.
pub(crate) fn external_expected(variants: &[Variant]) -> String {
    let of = |unit: bool| -> Vec<&str> {
        variants
            .iter()
            .filter(|v| (v.style == Style::Unit) == unit)
            .map(|v| v.json_name.as_str())
            .collect()
    };
    let (unit, data) = (of(true), of(false));
    let mut expected = Vec::new();
    if !unit.is_empty() {
        expected.push(format!("a string of [{}]", unit.join(", ")));
    }
    if !data.is_empty() {
        expected.push(format!("an object of one member of [{}]", data.join(", ")));
    }
    expected.join(" or ")
}

/// An enum with data: `validate()` checks the fields of the variant the
/// value is, at paths through the variant's wire shape; the schema is a
/// `oneOf` of one branch per variant, each pinned by a `const`; `from_json`
/// checks the parsed document (`check_json`, the same rules) before it
/// reads it (`__json::report_checked`).
fn expand_tagged(
    cont: &Container,
    tagging: &Tagging,
    variants: &[Variant],
    patterns: &valid::Patterns,
) -> TokenStream {
    let krate = krate();
    let rt = quote!(#krate::__json);
    let ident = cont.ident;
    let deny = cont.serde.deny_unknown_fields;
    let mut statics = Vec::new();
    let mut validate_arms = Vec::new();
    let mut schemas = Vec::new();
    let mut check_arms = Vec::new();
    let mut predicates = Vec::new();
    let mut names = Vec::new();
    let mut units = Vec::new();
    let mut index = 0;
    let mut all_pats = Vec::new();
    for (vi, v) in variants.iter().enumerate() {
        let fields = &v.fields;
        let mut pats = Vec::new();
        for f in fields {
            pats.push(field_statics(
                f,
                index,
                patterns.get(index).and_then(Option::as_ref),
                &mut statics,
            ));
            index += 1;
        }
        let vident = v.ident;
        let name = v.json_name.as_str();
        names.push(name);
        units.push(v.style == Style::Unit);
        let segment = variant_segment(tagging, v);
        let live: Vec<(&Field, &(Option<syn::Ident>, bool))> = fields
            .iter()
            .zip(&pats)
            .filter(|(f, _)| !f.skipped)
            .collect();
        for (f, _) in &live {
            let ty = f.ty;
            predicates.push(quote_spanned! {ty.span()=> for<'__json> #ty: #krate::JsonCheck});
            predicates.push(
                quote_spanned! {ty.span()=> for<'__json> #ty: #krate::__json::DeserializeOwned},
            );
        }

        // validate()
        let checks = live
            .iter()
            .map(|(f, (p, a))| field_check(f, fields, p.as_ref(), *a, Receiver::Bound));
        let bindings = live.iter().map(|(f, _)| f.ident);
        let pattern = match v.style {
            Style::Unit => quote!(Self::#vident),
            Style::Newtype => quote!(Self::#vident(value)),
            Style::Struct => quote!(Self::#vident { #(#bindings,)* .. }),
        };
        validate_arms.push(quote! {
            #[allow(unused_variables)]
            #pattern => {
                let __path = &__path.segment(#segment);
                #(#checks)*
            }
        });

        // The schema.
        let payload = match v.style {
            Style::Unit => quote!(::core::option::Option::None),
            Style::Newtype => {
                let (f, (p, _)) = live[0];
                let schema = field_schema_expr(f, fields, p.as_ref(), &f.doc);
                quote!(::core::option::Option::Some(#schema))
            }
            Style::Struct => {
                let props = live
                    .iter()
                    .map(|(f, (p, _))| field_schema(f, fields, p.as_ref()));
                let required = live
                    .iter()
                    .filter(|(f, _)| f.required)
                    .map(|(f, _)| f.json_name.as_str());
                quote! {
                    ::core::option::Option::Some({
                        let mut __props = ::std::vec::Vec::new();
                        #(#props)*
                        #krate::schema::object(__props, &[#(#required),*], #deny, "")
                    })
                }
            }
        };
        let branch = match tagging {
            Tagging::External => quote!(#krate::tagged::external(#name, __payload)),
            Tagging::Internal(tag) => {
                quote!(#krate::tagged::internal(__gen, #tag, #name, __payload))
            }
            Tagging::Adjacent(tag, content) => {
                quote!(#krate::tagged::adjacent(#tag, #content, #name, __payload, #deny))
            }
        };
        schemas.push(quote! {
            {
                let __payload: ::core::option::Option<#krate::__private::Schema> = #payload;
                __variants.push(#branch);
            }
        });
        if let (Tagging::Internal(_), Style::Newtype) = (tagging, v.style) {
            let ty = fields[0].ty;
            statics.push(quote_spanned! {ty.span()=>
                const _: fn() = || {
                    fn __object_payload<T: ?::core::marker::Sized + #krate::tagged::ObjectPayload>() {}
                    __object_payload::<#ty>();
                };
            });
        }

        // check_json: the variant's payload `__pv` at `__vp`.
        let field_checks: Vec<TokenStream> = live
            .iter()
            .map(|(f, (p, a))| {
                let ty = f.ty;
                let fname = f.json_name.as_str();
                let fsegment = f.pointer_segment();
                let required = f.required;
                let member = f.ident;
                let calls = rule_calls(
                    &f.rules,
                    f.ident,
                    fields,
                    p.as_ref(),
                    *a,
                    Receiver::Bound,
                    f.rules.sensitive().is_some(),
                );
                let typed = quote! {
                    if let ::core::option::Option::Some(__t) = #rt::typed::<#ty>(__m) {
                        let #member = &__t;
                        let __errors = &mut *__e;
                        #(#calls)*
                    }
                };
                if f.newtype {
                    quote! {
                        {
                            let __p = __vp.segment(#fsegment);
                            let __m = __pv;
                            let __before = __e.len();
                            <#ty as #krate::JsonCheck>::check_json(__m, &__p, __e);
                            if __e.len() == __before {
                                #typed
                            }
                        }
                    }
                } else {
                    relabel_required(
                        &f.rules,
                        quote!(__vp.segment(#fsegment)),
                        quote! {
                            {
                                let __p = __vp.segment(#fsegment);
                                if let ::core::option::Option::Some(__m) =
                                    #rt::field::<#ty>(__o, #fname, #required, &__p, __e)
                                {
                                    #typed
                                }
                            }
                        },
                    )
                }
            })
            .collect();
        let mut known: Vec<&str> = Vec::new();
        if let Tagging::Internal(tag) = tagging {
            known.push(tag);
        }
        known.extend(live.iter().map(|(f, _)| f.json_name.as_str()));
        let unknown = deny.then(|| quote!(#rt::unknown(__o, &[#(#known),*], __vp, __e);));
        let body = match (tagging, v.style) {
            (_, Style::Unit) => quote!(),
            (Tagging::Internal(tag), Style::Newtype) => quote! {
                let __stripped = #rt::without(__map, #tag);
                let __pv = &__stripped;
                let __vp = __path;
                #(#field_checks)*
            },
            (Tagging::Internal(_), Style::Struct) => quote! {
                let __o = __map;
                let __vp = __path;
                #(#field_checks)*
                #unknown
            },
            (_, Style::Newtype) => quote! {
                let ::core::option::Option::Some(__pv) = __payload else { return };
                let __vp = &__path.segment(#segment);
                #(#field_checks)*
            },
            (_, Style::Struct) => quote! {
                let ::core::option::Option::Some(__pv) = __payload else { return };
                let __vp = &__path.segment(#segment);
                let ::core::option::Option::Some(__o) = #rt::object(__pv, __vp, __e) else { return };
                #(#field_checks)*
                #unknown
            },
        };
        check_arms.push(quote! {
            #vi => { #body }
        });
        all_pats.push(pats);
    }
    let locate = match tagging {
        Tagging::External => {
            let expected = external_expected(variants);
            quote! {
                let ::core::option::Option::Some((__i, __payload)) =
                    #rt::external_variant(__v, __NAMES, __UNITS, #expected, __path, __e)
                else {
                    return;
                };
            }
        }
        Tagging::Internal(tag) => {
            let tag_segment = escaped_segment(tag);
            quote! {
                let ::core::option::Option::Some((__i, __map)) =
                    #rt::internal_variant(__v, #tag, #tag_segment, __NAMES, __path, __e)
                else {
                    return;
                };
            }
        }
        Tagging::Adjacent(tag, content) => {
            let segments = [escaped_segment(tag), escaped_segment(content)];
            let deny = if deny {
                quote!(::core::option::Option::Some(&[#tag, #content]))
            } else {
                quote!(::core::option::Option::None)
            };
            quote! {
                let ::core::option::Option::Some((__i, __payload)) = #rt::adjacent_variant(
                    __v, #tag, #content, [#(#segments),*], __NAMES, __UNITS, #deny, __path, __e,
                ) else {
                    return;
                };
            }
        }
    };
    let doc = &cont.doc;
    let schema_header = schema_impl_header(cont);
    let schema_names = schema_names(cont);
    let checked = crate::expand_json::tagged_methods(cont, tagging, variants, &all_pats);
    quote! {
        #(#statics)*

        #[automatically_derived]
        impl #krate::Validate for #ident {
            fn validate_into(
                &self,
                __path: &#krate::Path<'_>,
                __errors: &mut #krate::ValidationErrors,
            ) {
                #[allow(unreachable_patterns)]
                match self {
                    #(#validate_arms)*
                    _ => {}
                }
            }
        }

        #[automatically_derived]
        #schema_header {
            #schema_names
            fn json_schema(__gen: &mut #krate::__private::SchemaGenerator) -> #krate::__private::Schema {
                let mut __variants = ::std::vec::Vec::new();
                #(#schemas)*
                #krate::tagged::one_of(__variants, #doc)
            }
        }

        #[automatically_derived]
        impl #krate::JsonCheck for #ident
        where
            #(#predicates,)*
            for<'__json> #ident: #rt::DeserializeOwned,
        {
            const READS: bool = true;

            fn check_json(
                __v: &#rt::Value,
                __path: &#krate::Path<'_>,
                __e: &mut #krate::ValidationErrors,
            ) {
                const __NAMES: &[&str] = &[#(#names),*];
                #[allow(dead_code)]
                const __UNITS: &[bool] = &[#(#units),*];
                #locate
                #[allow(unused_variables)]
                match __i {
                    #(#check_arms)*
                    _ => {}
                }
            }

            // The reader's: one pass when the shape is right, else read as
            // a value, checked, then typed (serde's own read of internal
            // tagging would not take `5.0` for an integer).
            #checked
        }
    }
}
