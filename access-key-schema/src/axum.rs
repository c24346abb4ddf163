//! Validation at the service boundary, for [axum](https://docs.rs/axum)
//! (cargo feature `axum`).
//!
//! [`ValidJson<T>`] is an extractor that reads the request body (within a
//! size limit), runs [`from_json`](crate::from_json) and hands the handler a
//! `T` that passed every check. Anything else is answered before the handler
//! runs, with the AWS JSON error shape and `Content-Type: application/json`:
//!
//! ```json
//! {"__type": "ValidationException",
//!  "message": "2 validation errors detected: Value at '/UserName' failed to satisfy constraint: ...; ...",
//!  "fieldList": [{"path": "/UserName", "code": "length", "message": "Value at '/UserName' ..."}, ...]}
//! ```
//!
//! | request | status | `fieldList` |
//! |---|---|---|
//! | `Content-Type` missing or not JSON | 415 | one `content_type` entry at path `""` |
//! | body larger than [`Limits::max_bytes`] (by `Content-Length` or while reading) | 413 | one `limit` entry |
//! | empty body, malformed JSON | 400 | one `syntax` entry (with line and column) |
//! | nesting deeper than [`Limits::max_depth`] | 400 | one `limit` entry |
//! | well-formed JSON that breaks the model | 400 | every violation, as `from_json` reports it |
//!
//! Accepted content types: `application/json`, `application/x-amz-json-1.0`,
//! `application/x-amz-json-1.1` and `application/*+json`, any parameters
//! (`; charset=utf-8`) ignored. No error body ever quotes a value of the
//! request, so a secret sent in a bad payload is not echoed back.
//!
//! The limits are [`Limits::DEFAULT`] (1 MiB, depth 64) unless the request
//! carries other [`Limits`] as an extension, e.g. from
//! `.layer(axum::Extension(Limits { max_bytes: 64 * 1024, ..Limits::DEFAULT }))`.
//! The body is read by this extractor itself, so axum's `DefaultBodyLimit`
//! does not apply to it.
//!
//! As a response, `ValidJson<T>` serializes `T` with status 200.
//!
//! ```
//! use access_key_schema::axum::{AwsError, ValidJson};
//! use access_key_schema::{CreateAccessKeyRequest, ListAccessKeysRequest, ListAccessKeysResponse};
//! use axum::{http::StatusCode, routing::post, Router};
//!
//! async fn list(ValidJson(req): ValidJson<ListAccessKeysRequest>) -> Result<ValidJson<ListAccessKeysResponse>, AwsError> {
//!     // `req` passed every check: MaxItems is within 1..=1000, UserName matches its pattern, ...
//!     match req.user_name.as_deref() {
//!         Some("Bob") | None => Ok(ValidJson(ListAccessKeysResponse {
//!             access_key_metadata: vec![],
//!             is_truncated: false,
//!             marker: None,
//!         })),
//!         Some(_) => Err(AwsError::new(StatusCode::NOT_FOUND, "NoSuchEntity", "The user cannot be found.")),
//!     }
//! }
//!
//! let app: Router = Router::new().route("/ListAccessKeys", post(list));
//! # let _ = app;
//! # let _ = CreateAccessKeyRequest::default();
//! ```

use std::borrow::Cow;
use std::future::poll_fn;
use std::ops::{Deref, DerefMut};
use std::pin::Pin;

use ::axum::body::{Body, HttpBody};
use ::axum::extract::{FromRequest, Request};
use ::axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use ::axum::http::{HeaderMap, HeaderValue, StatusCode};
use ::axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::errors::{Constraint, ValidationErrors, Violation};
use crate::{from_json_with, JsonCheck, Limits, Validate};

/// The `__type` of every rejection of [`ValidJson`].
pub const VALIDATION_EXCEPTION: &str = "ValidationException";

/// A JSON body that passed every check of `T` (as an extractor), or a `T`
/// to send as JSON (as a response).
///
/// See the [module documentation](self) for what is rejected and how.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ValidJson<T>(pub T);

impl<T> ValidJson<T> {
    /// The value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for ValidJson<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for ValidJson<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T> From<T> for ValidJson<T> {
    fn from(value: T) -> Self {
        ValidJson(value)
    }
}

impl<T, S> FromRequest<S> for ValidJson<T>
where
    T: Validate + DeserializeOwned + JsonCheck + Send,
    S: Send + Sync,
{
    type Rejection = ValidJsonRejection;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let limits = req
            .extensions()
            .get::<Limits>()
            .copied()
            .unwrap_or_default();
        if !is_json(req.headers()) {
            return Err(ValidJsonRejection::content_type());
        }
        let bytes = read_body(req, limits.max_bytes).await?;
        if bytes.is_empty() {
            return Err(ValidJsonRejection::empty_body());
        }
        match from_json_with::<T>(&bytes, &limits) {
            Ok(valid) => Ok(ValidJson(valid.into_inner())),
            Err(errors) => Err(ValidJsonRejection::from(errors)),
        }
    }
}

impl<T: Serialize> IntoResponse for ValidJson<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(body) => json_response(StatusCode::OK, body),
            // A serializer error can quote the value: never send it.
            Err(_) => AwsError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalFailure",
                "The response could not be serialized.",
            )
            .into_response(),
        }
    }
}

/// Whether the `Content-Type` is a JSON media type.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    kind.eq_ignore_ascii_case("application")
        && (subtype.eq_ignore_ascii_case("json")
            || subtype.eq_ignore_ascii_case("x-amz-json-1.0")
            || subtype.eq_ignore_ascii_case("x-amz-json-1.1")
            || subtype.len() > 5 && subtype[subtype.len() - 5..].eq_ignore_ascii_case("+json"))
}

/// Reads the whole body, refusing more than `max` bytes: at once when
/// `Content-Length` says so, otherwise as soon as the frames add up to more.
async fn read_body(req: Request, max: usize) -> Result<Vec<u8>, ValidJsonRejection> {
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return Err(ValidJsonRejection::too_large(max));
    }
    let capacity = declared.map_or(0, |n| n as usize);
    let mut buf = Vec::with_capacity(capacity);
    let mut body: Body = req.into_body();
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let Ok(frame) = frame else {
            return Err(ValidJsonRejection::unreadable());
        };
        if let Ok(data) = frame.into_data() {
            if data.len() > max - buf.len() {
                return Err(ValidJsonRejection::too_large(max));
            }
            buf.extend_from_slice(&data);
        }
    }
    Ok(buf)
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Why [`ValidJson`] refused a request: a `ValidationException` with its
/// HTTP status (400, 413 or 415) and every violation.
///
/// Its response body is
/// `{"__type": "ValidationException", "message": ..., "fieldList": [...]}`.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidJsonRejection {
    status: StatusCode,
    fields: Fields,
}

#[derive(Clone, Debug, PartialEq)]
enum Fields {
    /// The report of `from_json`, or a `limit` violation.
    Report(ValidationErrors),
    /// A problem of the request rather than of the payload's members.
    Request {
        code: &'static str,
        rule: &'static str,
    },
}

impl ValidJsonRejection {
    fn content_type() -> Self {
        ValidJsonRejection {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            fields: Fields::Request {
                code: "content_type",
                rule: "Request must have Content-Type application/json",
            },
        }
    }

    fn empty_body() -> Self {
        ValidJsonRejection {
            status: StatusCode::BAD_REQUEST,
            fields: Fields::Request {
                code: "syntax",
                rule: "Member must be valid JSON: the request body is empty",
            },
        }
    }

    fn unreadable() -> Self {
        ValidJsonRejection {
            status: StatusCode::BAD_REQUEST,
            fields: Fields::Request {
                code: "syntax",
                rule: "Member must be valid JSON: the request body could not be read",
            },
        }
    }

    fn too_large(max: usize) -> Self {
        let mut errors = ValidationErrors::new();
        errors.push(Violation::new("", Constraint::MaxBytes(max)));
        ValidJsonRejection {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            fields: Fields::Report(errors),
        }
    }

    /// The HTTP status: 400 (the payload), 413 (too large) or 415 (not JSON).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The payload's violations, when the rejection is about the payload
    /// (not for a wrong content type, an empty or an unreadable body).
    pub fn errors(&self) -> Option<&ValidationErrors> {
        match &self.fields {
            Fields::Report(errors) => Some(errors),
            Fields::Request { .. } => None,
        }
    }

    /// The top-level `message`: `N validation error(s) detected: ...`.
    pub fn message(&self) -> String {
        match &self.fields {
            Fields::Report(errors) => errors.to_string(),
            Fields::Request { .. } => format!("1 validation error detected: {}", self.entry()),
        }
    }

    fn entry(&self) -> String {
        match &self.fields {
            Fields::Report(_) => String::new(),
            Fields::Request { rule, .. } => {
                format!("Value at '' failed to satisfy constraint: {rule}")
            }
        }
    }
}

impl From<ValidationErrors> for ValidJsonRejection {
    /// A 400, or a 413 when the report is a payload-size `limit`.
    fn from(errors: ValidationErrors) -> Self {
        let too_large = matches!(
            errors.violations(),
            [v] if matches!(v.constraint(), Constraint::MaxBytes(_))
        );
        ValidJsonRejection {
            status: if too_large {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::BAD_REQUEST
            },
            fields: Fields::Report(errors),
        }
    }
}

impl Serialize for ValidJsonRejection {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(3))?;
        m.serialize_entry("__type", VALIDATION_EXCEPTION)?;
        m.serialize_entry("message", &self.message())?;
        match &self.fields {
            Fields::Report(errors) => m.serialize_entry("fieldList", errors.violations())?,
            Fields::Request { code, .. } => m.serialize_entry(
                "fieldList",
                &[Entry {
                    code,
                    message: &self.entry(),
                }],
            )?,
        }
        m.end()
    }
}

/// A `fieldList` entry that no [`Constraint`] describes.
struct Entry<'a> {
    code: &'a str,
    message: &'a str,
}

impl Serialize for Entry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Violation", 3)?;
        s.serialize_field("path", "")?;
        s.serialize_field("code", self.code)?;
        s.serialize_field("message", self.message)?;
        s.end()
    }
}

impl IntoResponse for ValidJsonRejection {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self).expect("a report always serializes");
        json_response(self.status, body)
    }
}

impl std::fmt::Display for ValidJsonRejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ValidJsonRejection {}

/// Any other AWS JSON protocol error: `{"__type": ..., "message": ...}` with
/// an HTTP status, e.g. a 404 `NoSuchEntity`.
///
/// Keep values of the request out of `message`, as the rejections of
/// [`ValidJson`] do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AwsError {
    status: StatusCode,
    kind: Cow<'static, str>,
    message: Cow<'static, str>,
}

impl AwsError {
    /// An error with this status, `__type` and message.
    pub fn new(
        status: StatusCode,
        kind: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        AwsError {
            status,
            kind: kind.into(),
            message: message.into(),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The `__type`.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The `message`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl Serialize for AwsError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(2))?;
        m.serialize_entry("__type", &self.kind)?;
        m.serialize_entry("message", &self.message)?;
        m.end()
    }
}

impl IntoResponse for AwsError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self).expect("strings always serialize");
        json_response(self.status, body)
    }
}

impl From<ValidJsonRejection> for AwsError {
    /// The status and message, without the `fieldList`.
    fn from(rejection: ValidJsonRejection) -> Self {
        AwsError::new(rejection.status, VALIDATION_EXCEPTION, rejection.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(content_type: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap());
        h
    }

    #[test]
    fn json_media_types() {
        for ok in [
            "application/json",
            "Application/JSON; charset=utf-8",
            "application/x-amz-json-1.1",
            "application/x-amz-json-1.0",
            "application/vnd.api+json",
        ] {
            assert!(is_json(&headers(ok)), "{ok}");
        }
        for bad in [
            "text/plain",
            "application/jsonx",
            "json",
            "application/+json",
            "",
            "text/json",
        ] {
            assert!(!is_json(&headers(bad)), "{bad}");
        }
        assert!(!is_json(&HeaderMap::new()));
    }

    #[test]
    fn rejection_bodies_have_the_aws_shape() {
        let body = serde_json::to_value(ValidJsonRejection::content_type()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "__type": "ValidationException",
                "message": "1 validation error detected: Value at '' failed to satisfy constraint: \
                            Request must have Content-Type application/json",
                "fieldList": [{
                    "path": "",
                    "code": "content_type",
                    "message": "Value at '' failed to satisfy constraint: \
                                Request must have Content-Type application/json",
                }],
            })
        );
        let r = ValidJsonRejection::too_large(10);
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let body = serde_json::to_value(&r).unwrap();
        assert_eq!(body["fieldList"][0]["code"], "limit");
        assert_eq!(
            body["message"],
            "1 validation error detected: Value at '' failed to satisfy constraint: \
             Member must have size less than or equal to 10 bytes"
        );
        let text = serde_json::to_string(&r).unwrap();
        assert!(text.starts_with(r#"{"__type":"ValidationException","message":"#));
        assert!(text.contains(r#","fieldList":[{"path":"","code":"limit","message":"#));
    }
}
