use std::collections::HashMap;

use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(inner(sensitive, length(min = 5, max = 1)))]
    a: Vec<String>,
    #[validate(keys(range(min = 1), nested))]
    b: HashMap<String, u32>,
    #[validate(inner(lenght(min = 1)))]
    c: Vec<String>,
}

#[derive(Validate)]
struct WrongTypes {
    #[validate(inner(length(min = 1)))]
    not_a_collection: String,
    #[validate(keys(length(min = 1)))]
    not_a_map: Vec<String>,
    #[validate(inner(pattern = "[a-z]+"))]
    numbers: Vec<u32>,
}

fn main() {}
