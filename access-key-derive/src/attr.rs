//! Attribute parsing: `#[validate(...)]` rules and the `#[serde(...)]`
//! options that decide what the payload looks like. Spans are kept so each
//! error points at the offending token.

use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Attribute, Ident, Lit, LitInt, LitStr, Token};

use crate::case::RenameRule;
use crate::ctxt::Ctxt;
use crate::symbol::*;

/// `code = ".."` and `message = ".."` inside a rule's parentheses: the
/// service's own vocabulary for that rule's violations.
#[derive(Default, Clone)]
pub struct Overrides {
    pub code: Option<LitStr>,
    pub message: Option<LitStr>,
}

/// `length(min = .., max = ..)`.
pub struct LengthRule {
    pub key: Ident,
    pub min: Option<LitInt>,
    pub max: Option<LitInt>,
    pub overrides: Overrides,
}

impl LengthRule {
    /// The bounds as the runtime's `length` functions take them: `0` and
    /// `usize::MAX` for an open end.
    pub fn bounds_tokens(&self) -> (TokenStream, TokenStream) {
        let min = self.min.as_ref().map_or(quote!(0usize), |m| quote!(#m));
        let max = self.max.as_ref().map_or(quote!(usize::MAX), |m| quote!(#m));
        (min, max)
    }
}

/// A number as written in `range(..)`, sign included.
#[derive(Clone)]
pub struct NumLit {
    pub tokens: TokenStream,
    pub text: String,
    pub value: f64,
}

/// `range(min = .., max = ..)`, or `exclusive_min`/`exclusive_max` in
/// place of either.
pub struct RangeRule {
    pub key: Ident,
    pub min: Option<NumLit>,
    pub max: Option<NumLit>,
    /// `min` was written `exclusive_min`.
    pub min_exclusive: bool,
    /// `max` was written `exclusive_max`.
    pub max_exclusive: bool,
    pub overrides: Overrides,
}

impl RangeRule {
    /// `(min, max)` as the runtime's `rules::range::apply` takes them:
    /// `Option<(value, "as written", exclusive)>` each.
    pub fn bounds_tokens(&self) -> (TokenStream, TokenStream) {
        let bound = |b: &Option<NumLit>, exclusive: bool| match b {
            Some(n) => {
                let (tokens, text) = (&n.tokens, &n.text);
                quote::quote!(::core::option::Option::Some((#tokens, #text, #exclusive)))
            }
            None => quote::quote!(::core::option::Option::None),
        };
        (
            bound(&self.min, self.min_exclusive),
            bound(&self.max, self.max_exclusive),
        )
    }
}

/// `pattern = ".."`.
pub struct PatternRule {
    pub key: Ident,
    pub lit: LitStr,
    pub overrides: Overrides,
}

/// `one_of("A", "B", ..)`.
pub struct OneOfRule {
    pub key: Ident,
    pub values: Vec<LitStr>,
    pub overrides: Overrides,
}

/// A rule of the generic table (`rules.rs`): its name token and argument.
pub struct GenericRule {
    pub key: Ident,
    pub def: &'static crate::rules::RuleDef,
    /// The argument as written (a literal).
    pub arg: TokenStream,
    pub overrides: Overrides,
}

impl GenericRule {
    /// The argument and a comma, or nothing for a flag.
    pub fn arg_then_comma(&self) -> TokenStream {
        let arg = &self.arg;
        if arg.is_empty() {
            TokenStream::new()
        } else {
            quote::quote!(#arg,)
        }
    }

    /// A comma and the argument, or nothing for a flag.
    pub fn comma_then_arg(&self) -> TokenStream {
        let arg = &self.arg;
        if arg.is_empty() {
            TokenStream::new()
        } else {
            quote::quote!(, #arg)
        }
    }
}

/// One rule of a `#[validate(..)]` list: what garde calls a rule, one
/// variant per kind. A field's rules are a list of these ([`FieldRules`]),
/// kept in the order they are checked and reported.
pub enum Rule {
    /// `required` (on an `Option`: present and not null).
    Required(Ident, Overrides),
    /// `length(..)`.
    Length(LengthRule),
    /// `pattern = ".."`.
    Pattern(PatternRule),
    /// `one_of(..)`.
    OneOf(OneOfRule),
    /// `range(..)`.
    Range(RangeRule),
    /// A rule of the table in `rules.rs` (`contains`, `email`, ...).
    Table(GenericRule),
    /// `custom = path::to_fn`.
    Custom(Ident, syn::ExprPath),
    /// `must_match(other_field)`: the key and the other field.
    MustMatch((Ident, Ident), Overrides),
    /// `nested`.
    Nested(Ident),
    /// `sensitive`.
    Sensitive(Ident),
    /// `inner(..)`: rules on each item of a collection, each value of a map.
    Inner((Ident, Box<FieldRules>)),
    /// `keys(..)`: rules on each key of a map.
    Keys((Ident, Box<FieldRules>)),
}

impl Rule {
    /// Where the rule is checked and reported among a field's rules: a
    /// field's value rules, then the user's checks, then what is inside it.
    /// Table rules keep the order they are written in.
    fn rank(&self) -> u8 {
        match self {
            Rule::Required(..) => 0,
            Rule::Length(_) => 1,
            Rule::Pattern(_) => 2,
            Rule::OneOf(_) => 3,
            Rule::Range(_) => 4,
            Rule::Table(_) => 5,
            Rule::Custom(..) => 6,
            Rule::MustMatch(..) => 7,
            Rule::Nested(_) => 8,
            Rule::Sensitive(_) => 9,
            Rule::Inner(_) => 10,
            Rule::Keys(_) => 11,
        }
    }

    /// The rule's name token, for errors.
    pub fn key(&self) -> &Ident {
        match self {
            Rule::Required(k, _) | Rule::Custom(k, _) | Rule::Nested(k) | Rule::Sensitive(k) => k,
            Rule::Length(r) => &r.key,
            Rule::Pattern(r) => &r.key,
            Rule::OneOf(r) => &r.key,
            Rule::Range(r) => &r.key,
            Rule::Table(r) => &r.key,
            Rule::MustMatch((k, _), _) | Rule::Inner((k, _)) | Rule::Keys((k, _)) => k,
        }
    }

    /// Whether `other` is the same rule (each is allowed once per field).
    fn same_kind(&self, other: &Rule) -> bool {
        match (self, other) {
            (Rule::Table(a), Rule::Table(b)) => a.def.name == b.def.name,
            _ => self.rank() == other.rank(),
        }
    }
}

/// `name: Variant -> Type`: `FieldRules::name()`, the field's rule of that
/// one-field variant, if written.
macro_rules! accessors {
    ($($name:ident: $variant:ident -> $ty:ty,)*) => {
        $(
            pub fn $name(&self) -> Option<&$ty> {
                self.find(|r| match r {
                    Rule::$variant(x) => Some(x),
                    _ => None,
                })
            }
        )*
    };
}

/// Every rule on one field, each at most once, in the order they are
/// checked (see [`Rule::rank`]).
#[derive(Default)]
pub struct FieldRules {
    /// The rules.
    pub list: Vec<Rule>,
    /// The first `#[validate]` attribute, to point at when rules conflict
    /// with something outside them.
    pub first_attr: Option<Span>,
}

impl FieldRules {
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Adds `rule` in its place, or reports it as a duplicate.
    fn push(&mut self, cx: &Ctxt, rule: Rule) {
        if self.list.iter().any(|r| r.same_kind(&rule)) {
            duplicate(cx, rule.key());
            return;
        }
        let at = self.list.partition_point(|r| r.rank() <= rule.rank());
        self.list.insert(at, rule);
    }

    fn find<'a, T>(&'a self, pick: impl Fn(&'a Rule) -> Option<T>) -> Option<T> {
        self.list.iter().find_map(pick)
    }

    accessors! {
        length: Length -> LengthRule,
        range: Range -> RangeRule,
        pattern: Pattern -> PatternRule,
        one_of: OneOf -> OneOfRule,
        nested: Nested -> Ident,
        sensitive: Sensitive -> Ident,
        inner: Inner -> (Ident, Box<FieldRules>),
        keys: Keys -> (Ident, Box<FieldRules>),
    }

    pub fn required(&self) -> Option<&Ident> {
        self.find(|r| match r {
            Rule::Required(x, _) => Some(x),
            _ => None,
        })
    }

    /// `required(code = .., message = ..)`.
    pub fn required_overrides(&self) -> Overrides {
        self.find(|r| match r {
            Rule::Required(_, o) => Some(o.clone()),
            _ => None,
        })
        .unwrap_or_default()
    }

    pub fn custom(&self) -> Option<(&Ident, &syn::ExprPath)> {
        self.find(|r| match r {
            Rule::Custom(k, f) => Some((k, f)),
            _ => None,
        })
    }

    pub fn must_match(&self) -> Option<&(Ident, Ident)> {
        self.find(|r| match r {
            Rule::MustMatch(x, _) => Some(x),
            _ => None,
        })
    }

    /// `must_match(other_field, code = .., message = ..)`.
    pub fn must_match_overrides(&self) -> Overrides {
        self.find(|r| match r {
            Rule::MustMatch(_, o) => Some(o.clone()),
            _ => None,
        })
        .unwrap_or_default()
    }

    /// The table rules, in the order written.
    pub fn generic(&self) -> impl Iterator<Item = &GenericRule> {
        self.list.iter().filter_map(|r| match r {
            Rule::Table(x) => Some(x),
            _ => None,
        })
    }
}

fn duplicate(cx: &Ctxt, key: &Ident) {
    cx.error_spanned_by(key, format!("duplicate rule `{key}`"));
}

/// Consumes whatever follows a key we do not interpret (`= expr` or `(..)`).
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.input.parse::<Token![=]>()?;
        meta.input.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<TokenStream>()?;
    }
    Ok(())
}

fn key_ident(meta: &ParseNestedMeta) -> syn::Result<Ident> {
    meta.path
        .get_ident()
        .cloned()
        .ok_or_else(|| meta.error("expected a rule name"))
}

/// Parses `#[validate(custom = f, ..)]` on a type: the only container
/// rule.
pub fn container_rules(cx: &Ctxt, attrs: &[Attribute]) -> Vec<(Ident, syn::ExprPath)> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident(VALIDATE)) {
        let result = attr.parse_nested_meta(|meta| {
            let key = key_ident(&meta)?;
            if key != CUSTOM {
                cx.error_spanned_by(
                    &key,
                    format!("`{key}` goes on a field; on a type, `#[validate(..)]` takes only `custom = path::to_fn`"),
                );
                return skip_value(&meta);
            }
            let f: syn::ExprPath = meta.value()?.parse()?;
            out.push((key, f));
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    out
}

/// Parses every `#[validate(..)]` on a field.
pub fn field_rules(cx: &Ctxt, attrs: &[Attribute]) -> FieldRules {
    let mut rules = FieldRules::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident(VALIDATE)) {
        rules.first_attr.get_or_insert(attr.pound_token.span);
        let result = attr.parse_nested_meta(|meta| parse_rule(cx, meta, &mut rules));
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    rules
}

/// `inner(..)` or `keys(..)`: the rules inside, parsed as a field's are.
fn nested_rules(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<FieldRules> {
    let mut rules = FieldRules::default();
    meta.parse_nested_meta(|inner| parse_rule(cx, inner, &mut rules))?;
    Ok(rules)
}

/// One rule of a `#[validate(..)]` list (or of an `inner(..)`/`keys(..)`).
fn parse_rule(cx: &Ctxt, meta: ParseNestedMeta, rules: &mut FieldRules) -> syn::Result<()> {
    let key = key_ident(&meta)?;
    let name = key.to_string();
    match name.as_str() {
        INNER => {
            let inner = nested_rules(cx, &meta)?;
            rules.push(cx, Rule::Inner((key, Box::new(inner))));
        }
        KEYS => {
            let keys = nested_rules(cx, &meta)?;
            rules.push(cx, Rule::Keys((key, Box::new(keys))));
        }
        LENGTH => {
            let b = bounds(cx, &meta, &key, &[MIN, MAX, EQUAL], |input| {
                input.parse::<LitInt>()
            })?;
            let (min, max) = match b.get(EQUAL) {
                Some((_, n)) => {
                    if let Some((other, _)) = b.get(MIN).or(b.get(MAX)) {
                        cx.error_spanned_by(
                            other,
                            "`length` takes `equal` or `min`/`max`, not both",
                        );
                    }
                    (Some(n.clone()), Some(n.clone()))
                }
                None => (
                    b.get(MIN).map(|(_, n)| n.clone()),
                    b.get(MAX).map(|(_, n)| n.clone()),
                ),
            };
            let overrides = b.overrides.take();
            rules.push(
                cx,
                Rule::Length(LengthRule {
                    key,
                    min,
                    max,
                    overrides,
                }),
            );
        }
        RANGE => {
            let b = bounds(
                cx,
                &meta,
                &key,
                &[MIN, MAX, EXCLUSIVE_MIN, EXCLUSIVE_MAX],
                parse_number,
            )?;
            let pick =
                |inclusive: &str, exclusive: &str| match (b.take(inclusive), b.take(exclusive)) {
                    (Some((_, n)), None) => (Some(n), false),
                    (None, Some((_, n))) => (Some(n), true),
                    (Some((_, n)), Some((arg, _))) => {
                        cx.error_spanned_by(
                            &arg,
                            format!("`range` takes `{inclusive}` or `{exclusive}`, not both"),
                        );
                        (Some(n), false)
                    }
                    (None, None) => (None, false),
                };
            let (min, min_exclusive) = pick(MIN, EXCLUSIVE_MIN);
            let (max, max_exclusive) = pick(MAX, EXCLUSIVE_MAX);
            rules.push(
                cx,
                Rule::Range(RangeRule {
                    key,
                    min,
                    max,
                    min_exclusive,
                    max_exclusive,
                    overrides: b.overrides.take(),
                }),
            );
        }
        PATTERN => {
            let (lit, overrides) = one_arg(cx, &meta, &key, |input| input.parse::<LitStr>())?;
            rules.push(
                cx,
                Rule::Pattern(PatternRule {
                    key,
                    lit,
                    overrides,
                }),
            );
        }
        ONE_OF => {
            let (values, overrides) = paren_args(cx, &meta, &key, |input| input.parse::<LitStr>())?;
            rules.push(
                cx,
                Rule::OneOf(OneOfRule {
                    key,
                    values,
                    overrides,
                }),
            );
        }
        NESTED => rules.push(cx, Rule::Nested(key)),
        SENSITIVE => rules.push(cx, Rule::Sensitive(key)),
        REQUIRED => {
            let overrides = flag_overrides(cx, &meta, &key)?;
            rules.push(cx, Rule::Required(key, overrides));
        }
        CUSTOM => {
            let f: syn::ExprPath = meta.value()?.parse()?;
            rules.push(cx, Rule::Custom(key, f));
        }
        MUST_MATCH => {
            let (others, overrides) = paren_args(cx, &meta, &key, |input| input.parse::<Ident>())?;
            let mut others = others.into_iter();
            let Some(other) = others.next() else {
                return Err(syn::Error::new_spanned(
                    &key,
                    "`must_match` names the other field: `must_match(password)`",
                ));
            };
            if let Some(extra) = others.next() {
                cx.error_spanned_by(&extra, "`must_match` names one other field");
            }
            rules.push(cx, Rule::MustMatch((key, other), overrides));
        }
        _ if crate::rules::find(&name).is_some() => {
            let def = crate::rules::find(&name).expect("just found");
            let (arg, overrides) = match def.arg {
                crate::rules::Arg::Str => {
                    let (lit, overrides) =
                        one_arg(cx, &meta, &key, |input| input.parse::<LitStr>())?;
                    (lit.into_token_stream(), overrides)
                }
                crate::rules::Arg::Flag => (TokenStream::new(), flag_overrides(cx, &meta, &key)?),
                crate::rules::Arg::Int => one_arg(cx, &meta, &key, parse_int)?,
            };
            rules.push(
                cx,
                Rule::Table(GenericRule {
                    key,
                    def,
                    arg,
                    overrides,
                }),
            );
        }
        _ => {
            cx.error_spanned_by(
                &key,
                format!(
                    "unknown validate rule `{name}`; expected one of: {}",
                    FIELD_RULES
                        .iter()
                        .copied()
                        .chain(crate::rules::RULES.iter().map(|r| r.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            skip_value(&meta)?;
        }
    }
    Ok(())
}

/// An integer argument (a leading `-` allowed, no type suffix), as
/// `(value, "as written")`.
fn parse_int(input: ParseStream) -> syn::Result<TokenStream> {
    let neg: Option<Token![-]> = input.parse()?;
    let lit: LitInt = input.parse()?;
    if !lit.suffix().is_empty() {
        return Err(syn::Error::new_spanned(
            &lit,
            "write the number without a type suffix",
        ));
    }
    let text = format!(
        "{}{}",
        if neg.is_some() { "-" } else { "" },
        lit.base10_digits()
    );
    Ok(quote::quote_spanned!(lit.span()=> (#neg #lit, #text)))
}

/// Records `code = ".."` or `message = ".."` (`arg` names which) into
/// `overrides`: each at most once, never empty.
fn set_override(cx: &Ctxt, overrides: &mut Overrides, key: &Ident, arg: &Ident, lit: LitStr) {
    let name = arg.to_string();
    let slot = if name == CODE {
        &mut overrides.code
    } else {
        &mut overrides.message
    };
    if slot.is_some() {
        cx.error_spanned_by(arg, format!("duplicate `{key}` argument `{name}`"));
    } else if lit.value().is_empty() {
        cx.error_spanned_by(&lit, format!("`{name}` must not be empty"));
    } else {
        *slot = Some(lit);
    }
}

/// `rule(a, b, .., code = "..", message = "..")`: the positional arguments
/// (each read by `positional`) and the overrides after them.
fn paren_args<T>(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &Ident,
    mut positional: impl FnMut(ParseStream) -> syn::Result<T>,
) -> syn::Result<(Vec<T>, Overrides)> {
    let content;
    syn::parenthesized!(content in meta.input);
    let mut values = Vec::new();
    let mut overrides = Overrides::default();
    while !content.is_empty() {
        if content.peek(Ident) && content.peek2(Token![=]) {
            let arg: Ident = content.parse()?;
            content.parse::<Token![=]>()?;
            if arg == CODE || arg == MESSAGE {
                let lit: LitStr = content.parse()?;
                set_override(cx, &mut overrides, key, &arg, lit);
            } else {
                content.parse::<syn::Expr>()?;
                cx.error_spanned_by(
                    &arg,
                    format!("unknown `{key}` argument `{arg}`; expected `code` or `message`"),
                );
            }
        } else if overrides.code.is_some() || overrides.message.is_some() {
            return Err(content.error("write `code`/`message` after the rule's own arguments"));
        } else {
            values.push(positional(&content)?);
        }
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok((values, overrides))
}

/// `rule = arg`, or `rule(arg, code = "..", message = "..")`.
fn one_arg<T>(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &Ident,
    mut parse: impl FnMut(ParseStream) -> syn::Result<T>,
) -> syn::Result<(T, Overrides)> {
    if meta.input.peek(Token![=]) {
        let value = parse(meta.value()?)?;
        return Ok((value, Overrides::default()));
    }
    if !meta.input.peek(syn::token::Paren) {
        return Err(syn::Error::new_spanned(
            key,
            format!("`{key}` takes an argument: `{key} = ..` or `{key}(.., code = \"..\")`"),
        ));
    }
    let (values, overrides) = paren_args(cx, meta, key, parse)?;
    let mut values = values.into_iter();
    let Some(value) = values.next() else {
        return Err(syn::Error::new_spanned(
            key,
            format!("`{key}(..)` needs its argument before `code`/`message`"),
        ));
    };
    if values.next().is_some() {
        cx.error_spanned_by(key, format!("`{key}` takes one argument"));
    }
    Ok((value, overrides))
}

/// A flag rule (`email`, `required`): nothing, or `(code = "..", message = "..")`.
fn flag_overrides(cx: &Ctxt, meta: &ParseNestedMeta, key: &Ident) -> syn::Result<Overrides> {
    if meta.input.peek(Token![=]) {
        cx.error_spanned_by(key, format!("`{key}` takes no argument"));
        skip_value(meta)?;
        return Ok(Overrides::default());
    }
    if !meta.input.peek(syn::token::Paren) {
        return Ok(Overrides::default());
    }
    let (values, overrides) = paren_args(cx, meta, key, |input| input.parse::<TokenStream>())?;
    if !values.is_empty() {
        cx.error_spanned_by(
            key,
            format!("`{key}` takes no argument; only `code = \"..\"` and `message = \"..\"`"),
        );
    }
    Ok(overrides)
}

/// The named bounds of `length(..)` or `range(..)`, each at most once, with
/// the name token of each (for errors).
pub struct Bounds<T> {
    found: std::cell::RefCell<Vec<(Ident, T)>>,
    /// `code = ".."` / `message = ".."` among them.
    pub overrides: std::cell::Cell<Overrides>,
}

impl<T: Clone> Bounds<T> {
    /// The bound named `name`, if written.
    pub fn get(&self, name: &str) -> Option<(Ident, T)> {
        self.found.borrow().iter().find(|(k, _)| k == name).cloned()
    }

    /// Removes and returns the bound named `name`, if written.
    pub fn take(&self, name: &str) -> Option<(Ident, T)> {
        let mut found = self.found.borrow_mut();
        let i = found.iter().position(|(k, _)| k == name)?;
        Some(found.remove(i))
    }
}

/// `(name = .., ..)` with names from `allowed`, each optional and at most
/// once. `()` is accepted here and reported by `valid` as a rule without
/// bounds.
fn bounds<T>(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &Ident,
    allowed: &[&str],
    parse: impl Fn(ParseStream) -> syn::Result<T>,
) -> syn::Result<Bounds<T>> {
    let mut found: Vec<(Ident, T)> = Vec::new();
    let empty = {
        let fork = meta.input.fork();
        let content;
        syn::parenthesized!(content in fork);
        content.is_empty()
    };
    if empty {
        let content;
        syn::parenthesized!(content in meta.input);
        let _ = content;
        return Ok(Bounds {
            found: std::cell::RefCell::new(found),
            overrides: Default::default(),
        });
    }
    let mut overrides = Overrides::default();
    meta.parse_nested_meta(|inner| {
        let arg = key_ident(&inner)?;
        let name = arg.to_string();
        if name == CODE || name == MESSAGE {
            let lit: LitStr = inner.value()?.parse()?;
            set_override(cx, &mut overrides, key, &arg, lit);
            return Ok(());
        }
        if !allowed.contains(&name.as_str()) {
            let expected = allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>();
            let expected = match expected.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => String::new(),
            };
            cx.error_spanned_by(
                &arg,
                format!("unknown `{key}` argument `{name}`; expected {expected} (and optionally `code`, `message`)"),
            );
            return skip_value(&inner);
        }
        let value = parse(inner.value()?)?;
        if found.iter().any(|(k, _)| *k == name) {
            cx.error_spanned_by(&arg, format!("duplicate `{key}` argument `{name}`"));
        } else {
            found.push((arg, value));
        }
        Ok(())
    })?;
    Ok(Bounds {
        found: std::cell::RefCell::new(found),
        overrides: std::cell::Cell::new(overrides),
    })
}

fn parse_number(input: ParseStream) -> syn::Result<NumLit> {
    let neg: Option<Token![-]> = input.parse()?;
    let lit: Lit = input.parse()?;
    let digits = match &lit {
        Lit::Int(i) => i.base10_digits().to_owned(),
        Lit::Float(f) => f.base10_digits().to_owned(),
        other => return Err(syn::Error::new_spanned(other, "expected a number")),
    };
    let text = if neg.is_some() {
        format!("-{digits}")
    } else {
        digits
    };
    let value = text
        .parse::<f64>()
        .map_err(|_| syn::Error::new_spanned(&lit, "expected a number"))?;
    let mut tokens = neg.into_token_stream();
    lit.to_tokens(&mut tokens);
    Ok(NumLit {
        tokens,
        text,
        value,
    })
}

/// The `#[serde(..)]` options of a container that change the payload.
#[derive(Default)]
pub struct SerdeContainer {
    pub rename_all: Option<RenameRule>,
    pub deny_unknown_fields: bool,
    pub default: bool,
    /// `default = "path"` on the container: the function giving the
    /// default value whose fields fill absent members.
    pub default_fn: Option<syn::ExprPath>,
    /// `#[serde(transparent)]`: the one field is the value (as a newtype).
    pub transparent: Option<syn::Path>,
    /// `#[serde(tag = "..")]`: internally (or, with `content`, adjacently)
    /// tagged enum; the literal keeps the span.
    pub tag: Option<LitStr>,
    /// `#[serde(content = "..")]`: adjacently tagged enum.
    pub content: Option<LitStr>,
}

/// The `#[serde(..)]` options of a field or variant that change the payload.
#[derive(Default)]
pub struct SerdeMember {
    pub rename: Option<String>,
    pub default: bool,
    /// `default = "path"`: the function giving the default.
    pub default_fn: Option<syn::ExprPath>,
    pub skip: bool,
    /// `#[serde(flatten)]`: the field's members sit in this object.
    pub flatten: Option<syn::Path>,
}

/// `rename = ".."` or `rename(deserialize = "..")`: the name payloads use.
/// Validation is about what arrives, so the deserialize name wins.
fn renamed(meta: &ParseNestedMeta) -> syn::Result<Option<String>> {
    if meta.input.peek(Token![=]) {
        let lit: LitStr = meta.value()?.parse()?;
        return Ok(Some(lit.value()));
    }
    let mut name = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident(DESERIALIZE) {
            let lit: LitStr = inner.value()?.parse()?;
            name = Some(lit.value());
        } else if inner.path.is_ident(SERIALIZE) {
            skip_value(&inner)?;
        } else {
            return Err(inner.error("expected `serialize` or `deserialize`"));
        }
        Ok(())
    })?;
    Ok(name)
}

fn unsupported(cx: &Ctxt, meta: &ParseNestedMeta, name: &str) -> syn::Result<()> {
    cx.error_spanned_by(
        &meta.path,
        format!(
            "`#[serde({name})]` is not supported with `Validate`: neither the checks nor \
             the JSON Schema could follow the payload shape it makes"
        ),
    );
    skip_value(meta)
}

/// Reads the container's `#[serde(..)]` attributes.
pub fn serde_container(cx: &Ctxt, attrs: &[Attribute]) -> SerdeContainer {
    let mut out = SerdeContainer::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident(SERDE)) {
        let result = attr.parse_nested_meta(|meta| {
            let name = meta.path.to_token_stream().to_string();
            match name.as_str() {
                RENAME_ALL => {
                    let mut rule = None;
                    let mut read = |lit: LitStr| match RenameRule::from_str(&lit.value()) {
                        Some(r) => rule = Some(r),
                        None => cx.error_spanned_by(&lit, "unknown rename_all rule"),
                    };
                    if meta.input.peek(Token![=]) {
                        read(meta.value()?.parse()?);
                    } else {
                        meta.parse_nested_meta(|inner| {
                            if inner.path.is_ident(DESERIALIZE) {
                                read(inner.value()?.parse()?);
                                Ok(())
                            } else {
                                skip_value(&inner)
                            }
                        })?;
                    }
                    out.rename_all = rule;
                }
                DENY_UNKNOWN_FIELDS => out.deny_unknown_fields = true,
                DEFAULT => {
                    out.default = true;
                    if meta.input.peek(Token![=]) {
                        let lit: LitStr = meta.value()?.parse()?;
                        out.default_fn = Some(lit.parse()?);
                    }
                }
                TRANSPARENT => out.transparent = Some(meta.path.clone()),
                TAG => out.tag = Some(meta.value()?.parse()?),
                CONTENT => out.content = Some(meta.value()?.parse()?),
                UNTAGGED => cx.error_spanned_by(
                    &meta.path,
                    "`#[serde(untagged)]` is not supported with `Validate`: serde takes the first \
                     variant that happens to deserialize while a JSON Schema `oneOf` needs exactly \
                     one branch to match, so a payload could have two meanings; use \
                     `#[serde(tag = \"..\")]` (internally) or `tag` + `content` (adjacently \
                     tagged) instead",
                ),
                n if SERDE_UNSUPPORTED.contains(&n) => unsupported(cx, &meta, n)?,
                _ => skip_value(&meta)?,
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    out
}

/// Reads a field's or a variant's `#[serde(..)]` attributes.
pub fn serde_member(cx: &Ctxt, attrs: &[Attribute]) -> SerdeMember {
    let mut out = SerdeMember::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident(SERDE)) {
        let result = attr.parse_nested_meta(|meta| {
            let name = meta.path.to_token_stream().to_string();
            match name.as_str() {
                RENAME => {
                    if let Some(n) = renamed(&meta)? {
                        out.rename = Some(n);
                    }
                }
                DEFAULT => {
                    out.default = true;
                    if meta.input.peek(Token![=]) {
                        let lit: LitStr = meta.value()?.parse()?;
                        out.default_fn = Some(lit.parse()?);
                    }
                }
                SKIP | SKIP_DESERIALIZING => out.skip = true,
                FLATTEN => out.flatten = Some(meta.path.clone()),
                n if SERDE_UNSUPPORTED.contains(&n) => unsupported(cx, &meta, n)?,
                n if SERDE_HARMLESS.contains(&n) => skip_value(&meta)?,
                _ => skip_value(&meta)?,
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    out
}

/// The `///` doc comment, lines joined, leading space of each line removed.
pub fn doc(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident(DOC)) {
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if let syn::Expr::Lit(syn::ExprLit {
                lit: Lit::Str(s), ..
            }) = &nv.value
            {
                let line = s.value();
                lines.push(
                    line.strip_prefix(' ')
                        .unwrap_or(&line)
                        .trim_end()
                        .to_owned(),
                );
            }
        }
    }
    lines.join("\n").trim().to_owned()
}
