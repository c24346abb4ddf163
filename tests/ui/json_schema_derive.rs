use access_key_schema::schemars::JsonSchema;
use access_key_schema::Validate;

// `Validate` implements `JsonSchema` itself: a second derive is refused,
// on the derive that must go.
#[derive(Validate)]
#[derive(Clone, JsonSchema)]
#[schemars(crate = "access_key_schema::schemars")]
struct Separate {
    #[validate(length(min = 1))]
    name: String,
}

fn main() {}
