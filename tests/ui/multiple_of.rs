use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(multiple_of = 0)]
    zero: u32,
    #[validate(multiple_of = 2)]
    float: f64,
}

fn main() {}
