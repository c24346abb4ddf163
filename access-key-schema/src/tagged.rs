//! Enums with data: the schema of each variant in the wire shape of its
//! serde tagging, and the `oneOf` that joins them. Every branch pins its
//! variant with a `const` (the tag member's value, or for external tagging
//! the one member's name, or the unit variant's string), so at most one
//! branch matches any payload: validators cannot pick different variants.

use schemars::{json_schema, Schema, SchemaGenerator};
use serde_json::{Map, Value};

/// What an internally tagged newtype variant may hold: an object whose
/// members sit next to the tag (serde's rule). `#[derive(Validate)]`
/// implements it for every struct with named fields.
#[diagnostic::on_unimplemented(
    message = "an internally tagged variant must hold a struct deriving `Validate`, not `{Self}`",
    label = "serde puts the tag next to this value's members, so it must be an object",
    note = "use a struct variant, a struct with named fields deriving `Validate`, or `#[serde(tag = \"..\", content = \"..\")]`"
)]
pub trait ObjectPayload {}

/// What `#[serde(flatten)]` may flatten: a struct deriving `Validate`
/// (its members known, so the schema can list them and `from_json` can
/// give it only its own). `#[derive(Validate)]` implements it for every
/// struct with named fields that does not flatten one itself.
#[diagnostic::on_unimplemented(
    message = "`#[serde(flatten)]` with `Validate` needs a struct deriving `Validate`, not `{Self}`",
    label = "its members become the outer object's, so they must be known",
    note = "a map would take every member the struct does not name, and a struct that flattens another is not supported"
)]
pub trait Flatten {
    /// The member names it reads.
    const MEMBERS: &'static [&'static str];
}

/// `object` with the members of `inner` (a flattened struct's schema, or
/// the `$ref` to it) added, as serde reads them: properties and required
/// members merged into the outer object's, and its `$comment` (the
/// struct-level checks JSON Schema cannot express, `custom: f`) appended to
/// the outer object's, so the schema still says the Rust side is stricter.
pub fn flatten(generator: &SchemaGenerator, object: &mut Schema, inner: Schema) {
    let mut inner = object_of(generator, inner);
    if let Some(Value::String(text)) = inner.remove("$comment") {
        crate::schema::comment(object, &text);
    }
    let Some(outer) = object.as_object_mut() else {
        return;
    };
    if let Some(Value::Object(props)) = inner.remove("properties") {
        let into = outer
            .entry("properties")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(into) = into {
            for (k, v) in props {
                into.entry(k).or_insert(v);
            }
        }
    }
    if let Some(Value::Array(required)) = inner.remove("required") {
        let into = outer
            .entry("required")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(into) = into {
            for r in required {
                if !into.contains(&r) {
                    into.push(r);
                }
            }
        }
    }
}

fn constant(name: &str) -> Value {
    serde_json::json!({"type": "string", "const": name})
}

/// `"Name"` (a unit variant) or `{"Name": payload}` (exactly that member).
pub fn external(name: &str, payload: Option<Schema>) -> Schema {
    match payload {
        None => Schema::from(constant(name).as_object().cloned().unwrap_or_default()),
        Some(payload) => json_schema!({
            "type": "object",
            "properties": {name: payload},
            "required": [name],
            "additionalProperties": false,
        }),
    }
}

/// The object schema `payload` stands for: itself, or the definition its
/// `$ref` names (the variant needs the members to put its tag next to).
fn object_of(generator: &SchemaGenerator, payload: Schema) -> Map<String, Value> {
    let value = payload.to_value();
    let target = value
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.rsplit('/').next())
        .and_then(|name| generator.definitions().get(name).cloned());
    match (target, value) {
        (Some(Value::Object(def)), _) => def,
        (_, Value::Object(map)) => map,
        (_, other) => {
            let mut map = Map::new();
            map.insert("allOf".into(), Value::Array(vec![other]));
            map
        }
    }
}

/// `tag` first among `object`'s properties and required members, with the
/// variant's name as its `const`.
fn pin(mut object: Map<String, Value>, tag: &str, name: &str) -> Schema {
    let mut props = Map::new();
    props.insert(tag.to_owned(), constant(name));
    if let Some(Value::Object(old)) = object.remove("properties") {
        props.extend(old.into_iter().filter(|(k, _)| k != tag));
    }
    let mut required = vec![Value::from(tag)];
    if let Some(Value::Array(old)) = object.remove("required") {
        required.extend(old.into_iter().filter(|r| r != tag));
    }
    object.remove("description");
    let mut out = Map::new();
    out.insert("type".into(), "object".into());
    out.extend(object.into_iter().filter(|(k, _)| k != "type"));
    out.insert("properties".into(), Value::Object(props));
    out.insert("required".into(), Value::Array(required));
    Schema::from(out)
}

/// `{"tag": "Name", ..members}`: the payload's members (a struct variant's
/// object, or the definition of a newtype variant's struct) with the tag.
/// `additionalProperties: false` is kept when the members' object has it
/// (the tag is then a declared property).
pub fn internal(
    generator: &SchemaGenerator,
    tag: &str,
    name: &str,
    payload: Option<Schema>,
) -> Schema {
    let object = match payload {
        None => Map::new(),
        Some(p) => object_of(generator, p),
    };
    pin(object, tag, name)
}

/// `{"tag": "Name", "content": payload}` (a unit variant: no content, or
/// `null`).
pub fn adjacent(
    tag: &str,
    content: &str,
    name: &str,
    payload: Option<Schema>,
    deny_unknown_fields: bool,
) -> Schema {
    let mut props = Map::new();
    props.insert(tag.to_owned(), constant(name));
    let mut required = vec![Value::from(tag)];
    match payload {
        None => {
            props.insert(content.to_owned(), serde_json::json!({"type": "null"}));
        }
        Some(p) => {
            props.insert(content.to_owned(), p.to_value());
            required.push(Value::from(content));
        }
    }
    let mut out = Map::new();
    out.insert("type".into(), "object".into());
    out.insert("properties".into(), Value::Object(props));
    out.insert("required".into(), Value::Array(required));
    if deny_unknown_fields {
        out.insert("additionalProperties".into(), false.into());
    }
    Schema::from(out)
}

/// The enum: exactly one of its variants' schemas.
pub fn one_of(variants: Vec<Schema>, description: &str) -> Schema {
    let mut out = Map::new();
    if !description.is_empty() {
        out.insert("description".into(), description.into());
    }
    out.insert(
        "oneOf".into(),
        Value::Array(variants.into_iter().map(Schema::to_value).collect()),
    );
    Schema::from(out)
}
