//! The typed model of a type deriving `Validate`: what the emitters read.

use proc_macro2::Span;
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type};

use crate::attr::{self, FieldRules, SerdeContainer};
use crate::ctxt::Ctxt;

pub struct Container<'a> {
    pub ident: &'a Ident,
    pub generics: &'a syn::Generics,
    pub serde: SerdeContainer,
    pub doc: String,
    /// `#[validate(custom = f)]` on the struct: checks of the whole value.
    pub custom: Vec<(syn::Ident, syn::ExprPath)>,
    pub data: Body<'a>,
}

pub enum Body<'a> {
    Struct(Vec<Field<'a>>),
    /// `struct UserId(String)`: serialized as its one field, whose rules
    /// are the type's.
    Newtype(Box<Field<'a>>),
    /// A fieldless enum: serialized as one of these strings.
    Enum(Vec<Variant<'a>>),
    /// An enum with data (or a tagged one): each variant's payload in the
    /// wire shape its tagging gives it.
    Tagged(Tagging, Vec<Variant<'a>>),
}

/// serde's enum representations that keep one meaning.
pub enum Tagging {
    /// `{"Variant": payload}`, or `"Variant"` for a unit variant.
    External,
    /// `#[serde(tag = "t")]`: `{"t": "Variant", ..fields}`.
    Internal(String),
    /// `#[serde(tag = "t", content = "c")]`: `{"t": "Variant", "c": payload}`.
    Adjacent(String, String),
}

/// The form of a variant.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Unit,
    /// `Card(Card)`: its one field is the payload.
    Newtype,
    /// `Cash { amount: u32 }`: an object of its fields.
    Struct,
}

pub struct Field<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    /// `T` when the field is `Option<T>`.
    pub option_inner: Option<&'a Type>,
    /// The member name in the payload (serde renames applied).
    pub json_name: String,
    /// The one field of a newtype: no member name, no path segment.
    pub newtype: bool,
    /// The one field of a `#[serde(transparent)]` struct with a named
    /// field: read as `self.name`, not `self.0`.
    pub named: bool,
    /// Must be present: not an `Option` and no serde default, or an
    /// `Option` with the `required` rule.
    pub required: bool,
    /// `#[serde(skip)]`: never in the payload.
    pub skipped: bool,
    /// `#[serde(flatten)]`: its members are this object's (no member
    /// name, no path segment of its own).
    pub flatten: Option<syn::Path>,
    /// What an absent member becomes: `None` for serde's own behaviour
    /// (`None` for an `Option`, else missing), `Some(None)` for
    /// `Default::default()`, `Some(Some(f))` for `f()`. Ignores the
    /// container's `default`.
    pub default: Option<Option<syn::ExprPath>>,
    pub rules: FieldRules,
    pub doc: String,
}

impl Field<'_> {
    /// The member's JSON Pointer segment: `/` and the name with `~` escaped
    /// as `~0` and `/` as `~1` (RFC 6901), for `Path::segment`.
    pub fn pointer_segment(&self) -> String {
        if self.newtype || self.flatten.is_some() {
            return String::new();
        }
        let mut out = String::with_capacity(self.json_name.len() + 1);
        out.push('/');
        for c in self.json_name.chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c => out.push(c),
            }
        }
        out
    }
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    pub json_name: String,
    pub style: Style,
    /// The fields of a struct variant, or the one field of a newtype
    /// variant; empty for a unit variant.
    pub fields: Vec<Field<'a>>,
}

impl<'a> Container<'a> {
    pub fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Option<Container<'a>> {
        let serde = attr::serde_container(cx, &input.attrs);
        refuse_json_schema_derive(cx, &input.attrs);
        let custom = attr::container_rules(cx, &input.attrs);
        if !custom.is_empty() && !matches!(input.data, Data::Struct(_)) {
            cx.error_spanned_by(&custom[0].0, "`custom` on a type is for structs");
        }
        let data = match &input.data {
            Data::Struct(s) if serde.transparent.is_some() => {
                let fields: Vec<&syn::Field> = s.fields.iter().collect();
                if fields.len() != 1 {
                    cx.error_spanned_by(
                        serde.transparent.as_ref(),
                        "`#[serde(transparent)]` with `Validate` needs a struct of exactly one field: that field is the value",
                    );
                    return None;
                }
                let mut field = Field::newtype(cx, fields[0]);
                if let Some(name) = &fields[0].ident {
                    field.ident = name;
                    field.named = true;
                }
                Body::Newtype(Box::new(field))
            }
            Data::Struct(s) => {
                if let Some(tag) = &serde.tag {
                    cx.error_spanned_by(tag, "`tag` with `Validate` is for enums");
                }
                match &s.fields {
                    Fields::Named(named) => Body::Struct(
                        named
                            .named
                            .iter()
                            .map(|f| Field::from_ast(cx, f, &serde))
                            .collect(),
                    ),
                    Fields::Unnamed(unnamed) if unnamed.unnamed.len() == 1 => {
                        Body::Newtype(Box::new(Field::newtype(cx, &unnamed.unnamed[0])))
                    }
                    _ => {
                        cx.error_spanned_by(
                            &input.ident,
                            "`Validate` supports structs with named fields, newtypes (`struct Id(String);`) and enums",
                        );
                        return None;
                    }
                }
            }
            Data::Enum(e) => {
                if let Some(t) = &serde.transparent {
                    cx.error_spanned_by(t, "`transparent` is for structs of one field");
                }
                let tagging = match (&serde.tag, &serde.content) {
                    (None, None) => Tagging::External,
                    (Some(tag), None) => Tagging::Internal(tag.value()),
                    (Some(tag), Some(content)) => {
                        if tag.value() == content.value() {
                            cx.error_spanned_by(content, "`content` must differ from `tag`");
                        }
                        Tagging::Adjacent(tag.value(), content.value())
                    }
                    (None, Some(content)) => {
                        cx.error_spanned_by(content, "`content` needs `tag` (adjacent tagging)");
                        Tagging::External
                    }
                };
                // Fields of struct variants: named as written (an enum's
                // `rename_all` renames variants), unknown members as the
                // container says.
                let variant_serde = SerdeContainer {
                    deny_unknown_fields: serde.deny_unknown_fields,
                    ..SerdeContainer::default()
                };
                let mut variants = Vec::new();
                for v in &e.variants {
                    for a in v
                        .attrs
                        .iter()
                        .filter(|a| a.path().is_ident(crate::symbol::VALIDATE))
                    {
                        cx.error_spanned_by(a, "`#[validate(..)]` goes on struct fields");
                    }
                    let member = attr::serde_member(cx, &v.attrs);
                    if member.skip {
                        continue;
                    }
                    let (style, fields) = match &v.fields {
                        Fields::Unit => (Style::Unit, Vec::new()),
                        Fields::Unnamed(u) if u.unnamed.len() == 1 => {
                            (Style::Newtype, vec![Field::newtype(cx, &u.unnamed[0])])
                        }
                        Fields::Unnamed(_) => {
                            cx.error_spanned_by(
                                &v.fields,
                                "`Validate` does not support tuple variants of several fields (serde reads them as arrays); use a struct variant",
                            );
                            continue;
                        }
                        Fields::Named(named) => (
                            Style::Struct,
                            named
                                .named
                                .iter()
                                .map(|f| Field::from_ast(cx, f, &variant_serde))
                                .collect(),
                        ),
                    };
                    let json_name = member.rename.unwrap_or_else(|| {
                        let name = v.ident.to_string();
                        match serde.rename_all {
                            Some(rule) => rule.apply_to_variant(&name),
                            None => name,
                        }
                    });
                    variants.push(Variant {
                        ident: &v.ident,
                        json_name,
                        style,
                        fields,
                    });
                }
                if serde.tag.is_none() && variants.iter().all(|v| v.style == Style::Unit) {
                    Body::Enum(variants)
                } else {
                    if !input.generics.params.is_empty() {
                        cx.error_spanned_by(
                            &input.generics,
                            "`Validate` does not support generic enums with data",
                        );
                    }
                    Body::Tagged(tagging, variants)
                }
            }
            Data::Union(_) => {
                cx.error_spanned_by(&input.ident, "`Validate` cannot be derived for a union");
                return None;
            }
        };
        Some(Container {
            custom,
            ident: &input.ident,
            generics: &input.generics,
            doc: attr::doc(&input.attrs),
            serde,
            data,
        })
    }
}

impl<'a> Field<'a> {
    /// The one field of `struct Name(T)`: the type's value itself.
    fn newtype(cx: &Ctxt, field: &'a syn::Field) -> Field<'a> {
        let member = attr::serde_member(cx, &field.attrs);
        if member.rename.is_some() || member.default || member.skip || member.flatten.is_some() {
            cx.error_spanned_by(
                &field.ty,
                "a newtype's field has no member name, default or skip: it is the value",
            );
        }
        // Generated code reads the field as `self.0`; the name only labels
        // errors.
        let ident: &'a Ident = Box::leak(Box::new(Ident::new("value", Span::call_site())));
        Field {
            ident,
            ty: &field.ty,
            newtype: true,
            named: false,
            required: true,
            option_inner: option_inner(&field.ty),
            json_name: String::new(),
            skipped: false,
            flatten: None,
            default: None,
            rules: attr::field_rules(cx, &field.attrs),
            doc: attr::doc(&field.attrs),
        }
    }

    fn from_ast(cx: &Ctxt, field: &'a syn::Field, container: &SerdeContainer) -> Field<'a> {
        let ident = field.ident.as_ref().expect("named field");
        let member = attr::serde_member(cx, &field.attrs);
        let rules = attr::field_rules(cx, &field.attrs);
        let option_inner = option_inner(&field.ty);
        let json_name = member.rename.unwrap_or_else(|| {
            let name = ident.to_string();
            let name = name.strip_prefix("r#").unwrap_or(&name).to_owned();
            match container.rename_all {
                Some(rule) => rule.apply_to_field(&name),
                None => name,
            }
        });
        Field {
            ident,
            ty: &field.ty,
            newtype: false,
            named: false,
            required: member.flatten.is_none()
                && ((option_inner.is_none() && !member.default && !container.default)
                    || (option_inner.is_some() && rules.required().is_some())),
            flatten: member.flatten,
            option_inner,
            json_name,
            skipped: member.skip,
            default: (member.default || member.skip).then_some(member.default_fn),
            rules,
            doc: attr::doc(&field.attrs),
        }
    }
}

/// `Some(T)` when `ty` is spelled `Option<T>` (or `std::option::Option<T>`).
fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    if p.qself.is_some() {
        return None;
    }
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(GenericArgument::Type(inner)) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// `Validate` implements `JsonSchema` itself, from the same annotations, so
/// a second derive of it can only conflict. A derive macro sees the derive
/// attributes written after its own, so `#[derive(Validate)]
/// #[derive(JsonSchema)]` gets this error on `JsonSchema`; in one list,
/// `#[derive(Validate, JsonSchema)]`, rustc reports E0119 with
/// "first implementation here" on `Validate` (README, attribute reference).
fn refuse_json_schema_derive(cx: &Ctxt, attrs: &[syn::Attribute]) {
    for a in attrs
        .iter()
        .filter(|a| a.path().is_ident(crate::symbol::DERIVE))
    {
        let Ok(paths) = a.parse_args_with(
            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        ) else {
            continue;
        };
        for path in paths {
            if path
                .segments
                .last()
                .is_some_and(|s| s.ident == crate::symbol::JSON_SCHEMA)
            {
                cx.error_spanned_by(
                    &path,
                    "`Validate` already derives `JsonSchema` from the same annotations; remove this derive",
                );
            }
        }
    }
}
