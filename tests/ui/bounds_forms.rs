use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(length(equal = 3, min = 1))]
    both: String,
    #[validate(range(min = 0, exclusive_min = 0))]
    twice: u32,
    #[validate(range(exclusive_min = 1, exclusive_max = 1))]
    empty: f64,
    #[validate(length(exact = 3))]
    unknown: String,
}

fn main() {}
