use access_key_schema::schemars::JsonSchema;
use access_key_schema::Validate;

// In one derive list the derive cannot see its neighbours: rustc reports the
// conflict, with "first implementation here" on `Validate`.
#[derive(Validate, JsonSchema)]
#[schemars(crate = "access_key_schema::schemars")]
struct SameList {
    #[validate(length(min = 1))]
    name: String,
}

fn main() {}
