use access_key_schema::Validate;
use serde::Deserialize;

#[derive(Validate, Deserialize)]
struct Flattened {
    #[serde(flatten)]
    inner: std::collections::HashMap<String, String>,
    #[serde(alias = "Name")]
    name: String,
    #[serde(skip)]
    #[validate(length(min = 1))]
    skipped: String,
}

#[derive(Validate)]
struct Tuple(String);

#[derive(Validate)]
enum WithData {
    A(String, u8),
}

#[derive(Validate)]
#[validate(nested)]
struct ContainerRule {
    name: String,
}

fn main() {}
