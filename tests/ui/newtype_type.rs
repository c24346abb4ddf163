use access_key_schema::Validate;

#[derive(Validate)]
struct Count(#[validate(pattern = "[0-9]+")] u32);

fn main() {}
