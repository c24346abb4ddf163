use access_key_schema::Validate;
use serde::Deserialize;

#[derive(Validate)]
struct Pair(String, String);

#[derive(Validate, Deserialize)]
struct Renamed(#[serde(rename = "x")] String);

fn main() {}
