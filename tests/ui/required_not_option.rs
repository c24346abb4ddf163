use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(required)]
    name: String,
    #[validate(required, required)]
    twice: Option<String>,
}

fn main() {}
