//! The service's contract as an OpenAPI 3.1 document, built from the same
//! annotations that [`ValidJson`] enforces (cargo feature `axum`).
//!
//! [`ApiRouter`] is an axum [`Router`] that also writes down each route it
//! serves: the request body of a `POST` route is the schema of the handler's
//! `ValidJson<T>` argument, its `200` body the schema of the `ValidJson<R>`
//! it returns, and every route documents the extractor's own rejections
//! (`400`, `413`, `415`, body `{"__type": "ValidationException", "message",
//! "fieldList"}`). A route's own errors ([`AwsError`], e.g. a `404`
//! `NoSuchEntity`) are known only at run time, so they are declared with
//! [`ApiRouter::post_with`] and [`Operation::error`].
//!
//! ```
//! use access_key_schema::axum::{AwsError, ValidJson};
//! use access_key_schema::openapi::ApiRouter;
//! use access_key_schema::{ListAccessKeysRequest, ListAccessKeysResponse};
//! use axum::http::StatusCode;
//!
//! async fn list(ValidJson(req): ValidJson<ListAccessKeysRequest>) -> Result<ValidJson<ListAccessKeysResponse>, AwsError> {
//!     # let _ = req;
//!     Err(AwsError::new(StatusCode::NOT_FOUND, "NoSuchEntity", "The user cannot be found."))
//! }
//!
//! let (router, api) = ApiRouter::new()
//!     .post_with("/ListAccessKeys", list, |op| {
//!         op.error(StatusCode::NOT_FOUND, "NoSuchEntity", "The user does not exist.")
//!     })
//!     .finish("My service", "1.0.0");
//! let app: axum::Router = router.route("/openapi.json", api.get());
//! # let _ = app;
//! let doc = api.to_value();
//! assert_eq!(doc["openapi"], "3.1.0");
//! assert_eq!(
//!     doc["paths"]["/ListAccessKeys"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"],
//!     "#/components/schemas/ListAccessKeysRequest"
//! );
//! assert!(doc["paths"]["/ListAccessKeys"]["post"]["responses"]["404"].is_object());
//! ```
//!
//! # Schemas
//!
//! Schemas are generated as [`schema::schema_for`](crate::schema::schema_for)
//! generates the published `*.schema.json` files (draft 2020-12, which is
//! OpenAPI 3.1's dialect), with one generator for the whole document whose
//! subschemas go to `#/components/schemas/` instead of `#/$defs/`: a
//! component is the type's schema file with its `$defs` moved out and their
//! `$ref`s pointing at the components; every keyword (the anchored portable
//! patterns, the trailing-newline guards, `enum`s, bounds, `$comment`s) is
//! kept (a unit test of this module compares every component with its file).
//!
//! # Why not `aide`
//!
//! `aide` is the schemars-based OpenAPI generator for axum, but its last
//! stable release (0.15) is built on schemars 0.9, while this crate's
//! derived `JsonSchema` impls are schemars 1 impls; only its 0.16 alphas use
//! schemars 1, and a library feature that pins an alpha pins its users to
//! it. Its generator also uses draft-07 settings. This module is the small
//! part of it this crate needs: `POST` JSON routes with [`ValidJson`].

use std::borrow::Cow;
use std::future::Future;
use std::sync::Arc;

use ::axum::handler::Handler;
use ::axum::http::StatusCode;
use ::axum::response::{IntoResponse, Response};
use ::axum::routing::{get, post, MethodRouter};
use ::axum::Router;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{json, Map, Value};

#[cfg(doc)]
use crate::axum::{AwsError, ValidJsonRejection};
use crate::axum::{ValidJson, VALIDATION_EXCEPTION};

/// The OpenAPI version the document declares.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// Where components live, as a `$ref` prefix.
const COMPONENTS: &str = "#/components/schemas/";

/// The handler types [`ApiRouter`] can describe: an async function whose
/// last argument is `ValidJson<Req>` (any extractors before it, up to 7) and
/// whose output is [`DescribeResponse`].
///
/// `M` only tells the impls apart (as axum's `Handler<T, S>` does); it is
/// inferred.
pub trait DescribeHandler<M> {
    /// The request body's schema (usually a `$ref` to a component).
    fn request_schema(generator: &mut SchemaGenerator) -> Value;
    /// The `200` body's schema.
    fn response_schema(generator: &mut SchemaGenerator) -> Value;
}

/// A handler output whose `200` body has a schema.
pub trait DescribeResponse {
    /// The `200` body's schema (usually a `$ref` to a component).
    fn response_schema(generator: &mut SchemaGenerator) -> Value;
}

impl<T: JsonSchema> DescribeResponse for ValidJson<T> {
    fn response_schema(generator: &mut SchemaGenerator) -> Value {
        generator.subschema_for::<T>().to_value()
    }
}

/// The error side (an [`AwsError`], a [`ValidJsonRejection`], your own
/// error type) is documented with [`Operation::error`]: its statuses and
/// `__type`s are only known at run time.
impl<T: DescribeResponse, E: IntoResponse> DescribeResponse for Result<T, E> {
    fn response_schema(generator: &mut SchemaGenerator) -> Value {
        T::response_schema(generator)
    }
}

macro_rules! describe_handler {
    ($($arg:ident),*) => {
        impl<F, Fut, Req, Out, $($arg,)*> DescribeHandler<($($arg,)* ValidJson<Req>,)> for F
        where
            F: FnOnce($($arg,)* ValidJson<Req>) -> Fut,
            Fut: Future<Output = Out>,
            Req: JsonSchema,
            Out: DescribeResponse,
        {
            fn request_schema(generator: &mut SchemaGenerator) -> Value {
                generator.subschema_for::<Req>().to_value()
            }
            fn response_schema(generator: &mut SchemaGenerator) -> Value {
                Out::response_schema(generator)
            }
        }
    };
}

describe_handler!();
describe_handler!(T1);
describe_handler!(T1, T2);
describe_handler!(T1, T2, T3);
describe_handler!(T1, T2, T3, T4);
describe_handler!(T1, T2, T3, T4, T5);
describe_handler!(T1, T2, T3, T4, T5, T6);
describe_handler!(T1, T2, T3, T4, T5, T6, T7);

/// What a route documents beyond its types: a summary and its own errors.
#[derive(Clone, Debug, Default)]
pub struct Operation {
    summary: Option<Cow<'static, str>>,
    errors: Vec<RouteError>,
}

#[derive(Clone, Debug)]
struct RouteError {
    status: StatusCode,
    kind: Cow<'static, str>,
    description: Cow<'static, str>,
}

impl Operation {
    /// A one-line summary of the operation.
    pub fn summary(mut self, text: impl Into<Cow<'static, str>>) -> Self {
        self.summary = Some(text.into());
        self
    }

    /// An [`AwsError`] the handler answers: its status, its `__type` and
    /// when it happens. Several errors may share a status; the document
    /// lists each `__type`.
    pub fn error(
        mut self,
        status: StatusCode,
        kind: impl Into<Cow<'static, str>>,
        description: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.errors.push(RouteError {
            status,
            kind: kind.into(),
            description: description.into(),
        });
        self
    }
}

/// An OpenAPI 3.1 document under construction, for routes you add to a
/// router yourself. [`ApiRouter`] does both at once, so the two cannot
/// disagree.
pub struct OpenApiBuilder {
    generator: SchemaGenerator,
    paths: Map<String, Value>,
}

impl Default for OpenApiBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl OpenApiBuilder {
    /// An empty document.
    pub fn new() -> Self {
        let generator = schemars::generate::SchemaSettings::draft2020_12()
            .with(|s| s.definitions_path = "/components/schemas".into())
            .into_generator();
        OpenApiBuilder {
            generator,
            paths: Map::new(),
        }
    }

    /// Documents `POST path`: a `ValidJson<Req>` body answered by a `200`
    /// with a `Resp` body, the extractor's rejections, and `op`'s errors.
    ///
    /// # Panics
    ///
    /// If `path` does not start with `/` or has a parameter or wildcard
    /// (`/users/{id}`): the document has no parameters to describe them.
    pub fn post<Req: JsonSchema, Resp: JsonSchema>(self, path: &str, op: Operation) -> Self {
        self.post_schemas(
            path,
            |g| g.subschema_for::<Req>().to_value(),
            |g| g.subschema_for::<Resp>().to_value(),
            op,
        )
    }

    fn post_schemas(
        mut self,
        path: &str,
        request: impl FnOnce(&mut SchemaGenerator) -> Value,
        response: impl FnOnce(&mut SchemaGenerator) -> Value,
        op: Operation,
    ) -> Self {
        // As axum's `route` does for a bad path: a mistake in the program,
        // found when the router is built.
        assert!(
            path.starts_with('/') && !path.contains(['{', '}', '*']),
            "openapi: `{path}`: only fixed paths are documented (no `{{param}}` or wildcard)"
        );
        let request = request(&mut self.generator);
        let response = response(&mut self.generator);
        let operation = operation(path, request, response, op);
        let item = self
            .paths
            .entry(path.to_owned())
            .or_insert_with(|| json!({}));
        item["post"] = operation;
        self
    }

    /// The finished document.
    pub fn finish(
        mut self,
        title: impl Into<Cow<'static, str>>,
        version: impl Into<Cow<'static, str>>,
    ) -> OpenApi {
        let mut schemas = self.generator.take_definitions(true);
        for schema in schemas.values_mut() {
            crate::schema::strip_nonstandard_formats(schema);
        }
        for (name, schema) in error_components() {
            schemas.insert(name.into(), schema);
        }
        let mut paths = Value::Object(self.paths);
        crate::schema::strip_nonstandard_formats(&mut paths);
        let doc = json!({
            "openapi": OPENAPI_VERSION,
            "info": {"title": title.into(), "version": version.into()},
            "paths": paths,
            "components": {"schemas": schemas},
        });
        OpenApi { doc: Arc::new(doc) }
    }
}

/// The operation object of `POST path`.
fn operation(path: &str, request: Value, response: Value, op: Operation) -> Value {
    let body = |schema: Value| json!({"application/json": {"schema": schema}});
    let mut responses = Map::new();
    responses.insert(
        "200".into(),
        json!({"description": "Success.", "content": body(response)}),
    );
    // The extractor's rejections, then the route's own errors, by status.
    let mut by_status: Vec<(StatusCode, Vec<String>, Vec<Value>)> = vec![
        (
            StatusCode::BAD_REQUEST,
            vec!["`ValidationException`: the body is not JSON, or breaks the model (every violation is listed in `fieldList`).".into()],
            vec![json!({"$ref": format!("{COMPONENTS}ValidationException")})],
        ),
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            vec!["`ValidationException`: the body is larger than the service's limit.".into()],
            vec![json!({"$ref": format!("{COMPONENTS}ValidationException")})],
        ),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            vec!["`ValidationException`: the `Content-Type` is not JSON.".into()],
            vec![json!({"$ref": format!("{COMPONENTS}ValidationException")})],
        ),
    ];
    let mut kinds: Vec<(StatusCode, Vec<String>)> = Vec::new();
    for e in &op.errors {
        match kinds.iter_mut().find(|(s, _)| *s == e.status) {
            Some((_, k)) => k.push(e.kind.to_string()),
            None => kinds.push((e.status, vec![e.kind.to_string()])),
        }
    }
    for (status, names) in kinds {
        let schema = json!({
            "$ref": format!("{COMPONENTS}AwsError"),
            "properties": {"__type": {"enum": names}},
        });
        let descriptions = op
            .errors
            .iter()
            .filter(|e| e.status == status)
            .map(|e| format!("`{}`: {}", e.kind, e.description));
        match by_status.iter_mut().find(|(s, _, _)| *s == status) {
            Some((_, d, schemas)) => {
                d.extend(descriptions);
                schemas.push(schema);
            }
            None => by_status.push((status, descriptions.collect(), vec![schema])),
        }
    }
    by_status.sort_by_key(|(status, _, _)| status.as_u16());
    for (status, descriptions, mut schemas) in by_status {
        let schema = if schemas.len() == 1 {
            schemas.remove(0)
        } else {
            json!({ "anyOf": schemas })
        };
        responses.insert(
            status.as_str().into(),
            json!({"description": descriptions.join(" "), "content": body(schema)}),
        );
    }
    let id = path.trim_start_matches('/').replace('/', "_");
    let mut object = json!({
        "operationId": id,
        "requestBody": {"required": true, "content": body(request)},
        "responses": responses,
    });
    if let Some(summary) = op.summary {
        object["summary"] = summary.into();
    }
    object
}

/// The error bodies: the extractor's `ValidationException` (with its
/// `fieldList` entries) and any other [`AwsError`].
fn error_components() -> [(&'static str, Value); 3] {
    [
        (
            "ValidationException",
            json!({
                "description": "A request `ValidJson` refused: the AWS JSON error shape, with every violation. No value of the request is ever quoted.",
                "type": "object",
                "properties": {
                    "__type": {"const": VALIDATION_EXCEPTION},
                    "message": {
                        "type": "string",
                        "description": "`N validation error(s) detected: Value at '<path>' failed to satisfy constraint: Member must ...`"
                    },
                    "fieldList": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"$ref": format!("{COMPONENTS}ValidationExceptionField")}
                    }
                },
                "required": ["__type", "message", "fieldList"],
                "additionalProperties": false
            }),
        ),
        (
            "ValidationExceptionField",
            json!({
                "description": "One violation: where (a JSON Pointer into the request body), which rule, and the AWS wording.",
                "type": "object",
                "properties": {
                    "path": {"type": "string"},
                    "code": {
                        "type": "string",
                        "description": "`content_type`, `syntax`, `limit`, `type`, `required`, `enum`, `format`, `length`, `pattern`, `range`, `unknown_field`, `duplicate_field`, ..."
                    },
                    "message": {"type": "string"}
                },
                "required": ["path", "code", "message"],
                "additionalProperties": false
            }),
        ),
        (
            "AwsError",
            json!({
                "description": "An error of the operation itself, e.g. `NoSuchEntity`.",
                "type": "object",
                "properties": {
                    "__type": {"type": "string"},
                    "message": {"type": "string"}
                },
                "required": ["__type", "message"],
                "additionalProperties": false
            }),
        ),
    ]
}

/// A finished OpenAPI 3.1 document. As a response it is the document, with
/// `Content-Type: application/json`; cloning it is cheap.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenApi {
    doc: Arc<Value>,
}

impl OpenApi {
    /// The document.
    pub fn to_value(&self) -> Value {
        (*self.doc).clone()
    }

    /// The document as pretty JSON with a final newline, as
    /// `cargo xtask schema` writes `schema/openapi.json`.
    pub fn to_pretty_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(&*self.doc).expect("a Value always serializes");
        out.push('\n');
        out
    }

    /// A `GET` route that serves the document:
    /// `router.route("/openapi.json", api.get())`.
    pub fn get<S>(&self) -> MethodRouter<S>
    where
        S: Clone + Send + Sync + 'static,
    {
        let api = self.clone();
        get(move || std::future::ready(api))
    }
}

impl IntoResponse for OpenApi {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&*self.doc).expect("a Value always serializes");
        let mut response = (StatusCode::OK, body).into_response();
        response.headers_mut().insert(
            ::axum::http::header::CONTENT_TYPE,
            ::axum::http::HeaderValue::from_static("application/json"),
        );
        response
    }
}

/// An axum [`Router`] that documents each `POST` route it adds; see the
/// [module documentation](self).
pub struct ApiRouter<S = ()> {
    router: Router<S>,
    api: OpenApiBuilder,
}

impl<S> Default for ApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}

impl<S> ApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// No routes yet.
    pub fn new() -> Self {
        ApiRouter {
            router: Router::new(),
            api: OpenApiBuilder::new(),
        }
    }

    /// Routes `POST path` to `handler` and documents it: the request body
    /// is its `ValidJson<Req>` argument, the `200` body its `ValidJson<R>`
    /// output, plus the extractor's `400`/`413`/`415`.
    ///
    /// # Panics
    ///
    /// As [`OpenApiBuilder::post`], for a path with a parameter or wildcard.
    pub fn post<H, T, M>(self, path: &str, handler: H) -> Self
    where
        H: Handler<T, S> + DescribeHandler<M>,
        T: 'static,
    {
        self.post_with(path, handler, |op| op)
    }

    /// [`post`](Self::post), with the route's own errors and summary.
    pub fn post_with<H, T, M>(
        self,
        path: &str,
        handler: H,
        op: impl FnOnce(Operation) -> Operation,
    ) -> Self
    where
        H: Handler<T, S> + DescribeHandler<M>,
        T: 'static,
    {
        let api = self.api.post_schemas(
            path,
            H::request_schema,
            H::response_schema,
            op(Operation::default()),
        );
        ApiRouter {
            router: self.router.route(path, post(handler)),
            api,
        }
    }

    /// The router (add state, layers and other routes to it as usual) and
    /// its document.
    pub fn finish(
        self,
        title: impl Into<Cow<'static, str>>,
        version: impl Into<Cow<'static, str>>,
    ) -> (Router<S>, OpenApi) {
        (self.router, self.api.finish(title, version))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CreateAccessKeyRequest, CreateAccessKeyResponse, UpdateAccessKeyRequest};

    async fn create(_: ValidJson<CreateAccessKeyRequest>) -> ValidJson<CreateAccessKeyResponse> {
        unreachable!("only described")
    }

    #[test]
    fn route_errors_share_a_status_and_join_the_rejections() {
        let api = OpenApiBuilder::new()
            .post::<UpdateAccessKeyRequest, ()>(
                "/UpdateAccessKey",
                Operation::default()
                    .error(StatusCode::NOT_FOUND, "NoSuchEntity", "no user")
                    .error(StatusCode::NOT_FOUND, "NoSuchKey", "no key")
                    .error(StatusCode::BAD_REQUEST, "InvalidInput", "bad"),
            )
            .finish("t", "1");
        let doc = api.to_value();
        let responses = &doc["paths"]["/UpdateAccessKey"]["post"]["responses"];
        let statuses: Vec<&String> = responses.as_object().unwrap().keys().collect();
        assert_eq!(statuses, ["200", "400", "404", "413", "415"]);
        let schema = &responses["404"]["content"]["application/json"]["schema"];
        assert_eq!(schema["$ref"], "#/components/schemas/AwsError");
        assert_eq!(
            schema["properties"]["__type"]["enum"],
            json!(["NoSuchEntity", "NoSuchKey"])
        );
        assert_eq!(
            responses["400"]["content"]["application/json"]["schema"]["anyOf"][1]["properties"]
                ["__type"]["enum"],
            json!(["InvalidInput"])
        );
        // Components: the request, what it refers to, the error bodies.
        let components: Vec<&String> = doc["components"]["schemas"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(
            components,
            [
                "UpdateAccessKeyRequest",
                "StatusType",
                "ValidationException",
                "ValidationExceptionField",
                "AwsError"
            ]
        );
        assert_eq!(
            doc["components"]["schemas"]["UpdateAccessKeyRequest"]["properties"]["Status"]["$ref"],
            "#/components/schemas/StatusType"
        );
    }

    /// `#/$defs/X` refs of a schema file, pointed at the components.
    fn rewrite_refs(value: &mut Value) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get_mut("$ref") {
                    if let Some(name) = r.strip_prefix("#/$defs/") {
                        *r = format!("{COMPONENTS}{name}");
                    }
                }
                map.values_mut().for_each(rewrite_refs);
            }
            Value::Array(items) => items.iter_mut().for_each(rewrite_refs),
            _ => {}
        }
    }

    /// Every model type's component is its published schema file, minus the
    /// root-only keywords, with `$defs` moved to the components: nothing of
    /// the patterns, guards, enums or bounds is lost.
    #[test]
    fn components_are_the_schema_files() {
        macro_rules! all {
            ($($t:ident),*) => {
                OpenApiBuilder::new()
                    $(.post::<crate::$t, ()>(concat!("/", stringify!($t)), Operation::default()))*
                    .finish("t", "1")
            };
        }
        let doc = crate::__with_model_types!(all {}).to_value();
        let components = doc["components"]["schemas"].as_object().unwrap();
        let mut checked = 0;
        for model in crate::MODEL_TYPES {
            let mut file: Value = serde_json::from_str(&(model.schema)()).unwrap();
            rewrite_refs(&mut file);
            let root = file.as_object_mut().unwrap();
            for key in ["$schema", "$comment", "title"] {
                root.remove(key);
            }
            if let Some(Value::Object(defs)) = root.remove("$defs") {
                for (name, schema) in defs {
                    assert_eq!(components[&name], schema, "{} $defs/{name}", model.name);
                    checked += 1;
                }
            }
            assert_eq!(components[model.name], file, "{}", model.name);
            checked += 1;
        }
        assert!(checked > crate::MODEL_TYPES.len(), "some $defs compared");
        // A pattern and its guard made it through.
        let id = &components["UpdateAccessKeyRequest"]["properties"]["AccessKeyId"];
        assert_eq!(id["pattern"], "^[0-9A-Z\\x5Fa-z]+$");
        assert_eq!(id["not"]["pattern"], "\n$");
    }

    #[test]
    #[should_panic(expected = "only fixed paths are documented")]
    fn paths_with_parameters_are_refused() {
        let _ = ApiRouter::<()>::new().post("/users/{id}", create);
    }

    #[test]
    fn the_router_documents_what_it_routes() {
        let (_, api) = ApiRouter::<()>::new()
            .post("/CreateAccessKey", create)
            .finish("t", "1");
        let doc = api.to_value();
        let op = &doc["paths"]["/CreateAccessKey"]["post"];
        assert_eq!(op["operationId"], "CreateAccessKey");
        assert_eq!(
            op["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/CreateAccessKeyRequest"
        );
        assert_eq!(
            op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/CreateAccessKeyResponse"
        );
        assert!(doc["components"]["schemas"]["AccessKey"].is_object());
        assert!(!doc.to_string().contains("$defs"));
    }
}
