use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(prefix = 5)]
    not_text: String,
    #[validate(suffix = "x", suffix = "y")]
    twice: String,
    #[validate(multiple_of = 0.5)]
    fraction: u32,
}

fn main() {}
