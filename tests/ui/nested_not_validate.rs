use access_key_schema::Validate;

struct Plain {
    _name: String,
}

#[derive(Validate)]
struct Bad {
    #[validate(nested)]
    plain: Plain,
    #[validate(nested)]
    text: Vec<String>,
}

fn main() {}
