use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(length(min = 1), length(max = 2))]
    twice: String,
    #[validate(pattern = "a+")]
    #[validate(pattern = "b+")]
    across_attributes: String,
    #[validate(length(min = 1, min = 2))]
    inner: String,
}

fn main() {}
