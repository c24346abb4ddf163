use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(length(max = 3))]
    count: i32,
    #[validate(pattern = "[a-z]+")]
    flag: bool,
    #[validate(one_of("1", "2"))]
    number: u8,
    #[validate(range(min = 1))]
    text: String,
}

fn main() {}
