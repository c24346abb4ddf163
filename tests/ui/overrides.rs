use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(pattern("[a-z]+", kode = "x"))]
    unknown_argument: String,
    #[validate(contains("iam", code = ""))]
    empty_code: String,
    #[validate(prefix(code = "p", "arn:"))]
    code_before_argument: String,
    #[validate(ipv4(message = "a", message = "b"))]
    duplicate_message: String,
    #[validate(uuid("x"))]
    argument_to_a_flag: String,
    #[validate(suffix(code = "s"))]
    no_argument: String,
    #[validate(must_match(code = "m"))]
    no_other_field: String,
}

fn main() {}
