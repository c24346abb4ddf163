use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(pattern = r"[\w+")]
    unclosed: String,
    #[validate(pattern = r"(?i)abc")]
    flags: String,
    #[validate(pattern = r"(a+)+")]
    redos: String,
}

fn main() {}
