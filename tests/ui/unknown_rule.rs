use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(lenght(min = 1))]
    typo: String,
    #[validate(length(mn = 1, max = 3))]
    inner_typo: String,
    #[validate(regex = "[a-z]+")]
    not_a_rule: String,
}

fn main() {}
