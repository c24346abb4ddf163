use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(length(min = 10, max = 5))]
    name: String,
    #[validate(range(min = 1000, max = 1))]
    count: i32,
    #[validate(length())]
    empty: String,
    #[validate(one_of())]
    nothing: String,
    #[validate(one_of("A", "B", "A"))]
    twice: String,
}

fn main() {}
