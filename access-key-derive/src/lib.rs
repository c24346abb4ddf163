//! `#[derive(Validate)]`: constraint checks and a JSON Schema from one set of
//! `#[validate(...)]` annotations. Users depend on `access-key-schema`, which
//! re-exports this macro next to the runtime it calls.
//!
//! Stages, one file each: `attr` parses annotations (keeping spans), `ast`
//! builds the typed model, `valid` checks rules against each other (and
//! translates patterns with `access-key-pattern`), `expand` emits code.
//! Errors are collected in `ctxt::Ctxt` and reported together.

extern crate proc_macro;

mod ast;
mod attr;
mod case;
mod ctxt;
mod expand;
mod expand_json;
mod rules;
mod symbol;
mod valid;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// See the `access-key-schema` crate documentation for the attribute reference.
#[proc_macro_derive(Validate, attributes(validate))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input)
        .unwrap_or_else(|errors| {
            let compile_errors = errors.iter().map(syn::Error::to_compile_error);
            quote::quote!(#(#compile_errors)*)
        })
        .into()
}
