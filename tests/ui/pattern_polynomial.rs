use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(pattern = r"\w+\w+")]
    adjacent: String,
    #[validate(pattern = r"[a-z]+[a-z0-9]+")]
    overlapping: String,
    #[validate(pattern = r"((\w+){2}){3}")]
    copied: String,
    // Linear: kept.
    #[validate(pattern = r"\w+-\w+")]
    separated: String,
}

fn main() {}
