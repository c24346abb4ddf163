use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(ipv4 = "strict")]
    with_value: String,
}

fn main() {}
