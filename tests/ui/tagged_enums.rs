use access_key_schema::Validate;
use serde::Deserialize;

#[derive(Validate, Deserialize)]
#[serde(untagged)]
enum Untagged {
    A { a: String },
    B(u8),
}

#[derive(Validate, Deserialize)]
#[serde(tag = "kind")]
enum NotAnObject {
    Text(String),
}

#[derive(Validate, Deserialize)]
#[serde(content = "c")]
enum ContentAlone {
    A { a: String },
}

#[derive(Validate, Deserialize)]
#[serde(tag = "kind")]
enum TagClash {
    A {
        #[validate(length(min = 1))]
        kind: String,
    },
}

#[derive(Validate, Deserialize)]
enum MustMatch {
    A {
        #[validate(must_match(b))]
        a: String,
        b: String,
    },
}

#[derive(Validate, Deserialize)]
enum Generic<T> {
    A(T),
}

#[derive(Validate, Deserialize)]
#[serde(transparent)]
struct TwoFields {
    a: String,
    b: String,
}

#[derive(Validate, Deserialize)]
#[serde(transparent)]
enum TransparentEnum {
    A,
}

fn main() {}
