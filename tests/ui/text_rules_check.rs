use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(contains = "")]
    empty: String,
    #[validate(does_not_contain = "..")]
    number: u32,
    #[validate(suffix = "a\n")]
    newline: String,
    #[validate(uuid)]
    id: u128,
    #[validate(inner(contains = ""))]
    items: Vec<String>,
}

fn main() {}
