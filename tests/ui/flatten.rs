use access_key_schema::Validate;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Validate, Deserialize)]
struct Meta {
    #[validate(length(min = 1))]
    name: String,
}

#[derive(Validate, Deserialize)]
#[serde(deny_unknown_fields)]
struct Denied {
    #[serde(flatten)]
    meta: Meta,
}

#[derive(Validate, Deserialize)]
struct OfMap {
    #[serde(flatten)]
    extra: HashMap<String, String>,
}

#[derive(Validate, Deserialize)]
struct OfOption {
    #[serde(flatten)]
    meta: Option<Meta>,
}

#[derive(Validate, Deserialize)]
struct WithRules {
    #[serde(flatten)]
    #[validate(length(min = 1))]
    meta: Meta,
}

#[derive(Deserialize)]
struct NotValidate {
    name: String,
}

#[derive(Validate, Deserialize)]
struct OfForeign {
    #[serde(flatten)]
    other: NotValidate,
}

fn main() {}
