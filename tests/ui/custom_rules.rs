use access_key_schema::{CustomError, Validate};

fn short(_: &String) -> Result<(), CustomError> {
    Ok(())
}

#[derive(Validate)]
#[validate(custom = short, length(min = 1))]
struct Bad {
    #[validate(must_match(nowhere))]
    a: String,
    #[validate(must_match(b))]
    b: String,
    #[validate(length(min = 1, code = "", message = "x", code = "y"))]
    c: String,
}

#[derive(Validate)]
struct WrongTypes {
    #[validate(custom = short)]
    n: u32,
    #[validate(must_match(s))]
    m: u32,
    s: String,
}

fn main() {}
