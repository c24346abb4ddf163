use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(email = "strict")]
    owner: String,
    #[validate(url(schemes = "https"))]
    home: String,
}

fn main() {}
