//! The table of rules that the derive handles generically: parsed by one
//! arm per argument shape, checked by the runtime's `check` (at compile time), emitted as calls
//! to `rules::<name>::apply` and `rules::<name>::schema`. A new rule of this
//! kind is one runtime module (`access-key-schema/src/rules/<name>.rs`) and
//! one line here.
//!
//! The six original rules (`length`, `pattern`, `one_of`, `range`, `nested`,
//! `sensitive`) still have parsers of their own in `attr.rs`: `pattern` is
//! translated here at compile time, `length` and an ASCII class pattern are
//! fused into one pass, and `range` keeps its numbers' text.

/// What a rule takes after its name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Arg {
    /// `name = "text"`: a string literal, passed as `&'static str`.
    Str,
    /// `name = 5`: an integer literal (a leading `-` allowed), passed as
    /// `(value, "as written")` with the value typed by the rule.
    Int,
    /// `name` alone: `apply(value, path, errors)` and `schema(schema)`.
    Flag,
}

/// One generically handled rule.
pub struct RuleDef {
    /// The name in `#[validate(..)]`, and the runtime module's name.
    pub name: &'static str,
    /// What follows the name.
    pub arg: Arg,
}

const fn rule(name: &'static str, arg: Arg) -> RuleDef {
    RuleDef { name, arg }
}

/// Every generically handled rule, one line each.
pub const RULES: &[RuleDef] = &[
    rule("contains", Arg::Str),
    rule("does_not_contain", Arg::Str),
    rule("prefix", Arg::Str),
    rule("suffix", Arg::Str),
    rule("multiple_of", Arg::Int),
    rule("date_time", Arg::Flag),
    rule("date", Arg::Flag),
    rule("time", Arg::Flag),
    rule("ipv4", Arg::Flag),
    rule("uuid", Arg::Flag),
    rule("ipv6", Arg::Flag),
    rule("hostname", Arg::Flag),
    rule("email", Arg::Flag),
    rule("url", Arg::Flag),
];

/// The rule named `name`, if it is in the table.
pub fn find(name: &str) -> Option<&'static RuleDef> {
    RULES.iter().find(|r| r.name == name)
}
