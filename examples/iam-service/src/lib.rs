//! The example service's routes, handlers and OpenAPI document, without
//! the runtime (the `iam_service` binary, `main.rs`), so that
//! `cargo xtask schema` and `tests/service.rs` can use them.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use access_key_schema::axum::{AwsError, ValidJson};
use access_key_schema::openapi::{ApiRouter, OpenApi};
use access_key_schema::{
    AccessKey, AccessKeyMetadata, CreateAccessKeyRequest, CreateAccessKeyResponse,
    DeleteAccessKeyRequest, ListAccessKeysRequest, ListAccessKeysResponse, SecretString,
    StatusType, Timestamp, UpdateAccessKeyRequest, Validate,
};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

/// The users that exist.
pub const USERS: &[&str] = &["Admin", "Alice", "Bob"];
/// Whom a request without `UserName` acts for.
pub const CALLER: &str = "Admin";
/// IAM's quota of access keys per user.
pub const MAX_KEYS_PER_USER: usize = 2;
/// `ListAccessKeys` page size when `MaxItems` is absent (as IAM).
const DEFAULT_MAX_ITEMS: usize = 100;

/// The `info.title` and `info.version` (IAM's API version) of the document.
pub const TITLE: &str = "IAM access keys (access-key-schema example)";
pub const API_VERSION: &str = "2010-05-08";

const NO_SUCH_USER: &str = "The user with the given name cannot be found.";
const NO_SUCH_KEY: &str = "The access key with the given id cannot be found.";

/// The service: one route per operation, `GET /openapi.json`, every
/// request logged.
pub fn app() -> Router {
    app_with_quota(MAX_KEYS_PER_USER)
}

/// [`app`] with another quota of keys per user (the tests page through
/// more than two). The store holds at most `USERS.len() * quota` keys.
pub fn app_with_quota(quota: usize) -> Router {
    let users = USERS.iter().map(|u| (u.to_string(), BTreeMap::new()));
    let store: Store = Arc::new(Keys {
        users: Mutex::new(users.collect()),
        quota,
    });
    let (router, api) = routes();
    router
        .route("/openapi.json", api.get())
        .layer(middleware::from_fn(log_request))
        .with_state(store)
}

/// The document `GET /openapi.json` serves (and `cargo xtask schema`
/// writes to `schema/openapi.json`).
pub fn openapi() -> OpenApi {
    routes().1
}

/// The operations, routed and documented together.
fn routes() -> (Router<Store>, OpenApi) {
    ApiRouter::new()
        .post_with("/CreateAccessKey", create_access_key, |op| {
            op.summary("Creates an access key (secret included) for a user.")
                .error(StatusCode::NOT_FOUND, "NoSuchEntity", NO_SUCH_USER)
                .error(
                    StatusCode::CONFLICT,
                    "LimitExceeded",
                    "The user already has as many keys as the quota allows (two, as in IAM).",
                )
        })
        .post_with("/ListAccessKeys", list_access_keys, |op| {
            op.summary("Lists a user's access keys, without secrets, a page at a time.")
                .error(StatusCode::NOT_FOUND, "NoSuchEntity", NO_SUCH_USER)
        })
        .post_with("/UpdateAccessKey", update_access_key, |op| {
            op.summary("Sets an access key's status.").error(
                StatusCode::NOT_FOUND,
                "NoSuchEntity",
                "The user, or the access key of that user, cannot be found.",
            )
        })
        .post_with("/DeleteAccessKey", delete_access_key, |op| {
            op.summary("Deletes an access key.").error(
                StatusCode::NOT_FOUND,
                "NoSuchEntity",
                "The user, or the access key of that user, cannot be found.",
            )
        })
        .finish(TITLE, API_VERSION)
}

/// The body of a successful `UpdateAccessKey` or `DeleteAccessKey`: `{}`.
#[derive(Validate, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Empty {}

type Store = Arc<Keys>;

struct Keys {
    /// Keys by user, then by access key id (the order `ListAccessKeys` pages in).
    users: Mutex<HashMap<String, BTreeMap<String, Key>>>,
    /// At most this many keys per user.
    quota: usize,
}

struct Key {
    status: StatusType,
    create_date: Timestamp,
}

async fn create_access_key(
    State(store): State<Store>,
    ValidJson(req): ValidJson<CreateAccessKeyRequest>,
) -> Result<ValidJson<CreateAccessKeyResponse>, AwsError> {
    let user = req.user_name.unwrap_or_else(|| CALLER.into());
    let mut users = lock(&store);
    let keys = keys(&mut users, &user)?;
    if keys.len() >= store.quota {
        return Err(AwsError::new(
            StatusCode::CONFLICT,
            "LimitExceeded",
            format!("Cannot exceed quota for AccessKeysPerUser: {}", store.quota),
        ));
    }
    let (id, secret) = new_key();
    let create_date = now();
    keys.insert(
        id.clone(),
        Key {
            status: StatusType::Active,
            create_date: create_date.clone(),
        },
    );
    tracing::info!(user = %user, access_key_id = %id, "created access key");
    Ok(ValidJson(CreateAccessKeyResponse {
        access_key: AccessKey {
            access_key_id: id,
            secret_access_key: secret,
            status: StatusType::Active,
            user_name: user,
            create_date: Some(create_date),
        },
    }))
}

async fn list_access_keys(
    State(store): State<Store>,
    ValidJson(req): ValidJson<ListAccessKeysRequest>,
) -> Result<ValidJson<ListAccessKeysResponse>, AwsError> {
    let user = req.user_name.unwrap_or_else(|| CALLER.into());
    // MaxItems is 1..=1000 and Marker 1..=320 characters: the extractor checked.
    let max = req.max_items.map_or(DEFAULT_MAX_ITEMS, |n| n as usize);
    let after = req
        .marker
        .as_deref()
        .map_or(Bound::Unbounded, Bound::Excluded);
    let mut store = lock(&store);
    let mut page: Vec<AccessKeyMetadata> = keys(&mut store, &user)?
        .range::<str, _>((after, Bound::Unbounded))
        .take(max + 1)
        .map(|(id, key)| AccessKeyMetadata {
            user_name: Some(user.clone()),
            access_key_id: Some(id.clone()),
            status: Some(key.status),
            create_date: Some(key.create_date.clone()),
        })
        .collect();
    let is_truncated = page.len() > max;
    page.truncate(max);
    let marker = is_truncated.then(|| page[max - 1].access_key_id.clone().unwrap_or_default());
    Ok(ValidJson(ListAccessKeysResponse {
        access_key_metadata: page,
        is_truncated,
        marker,
    }))
}

async fn update_access_key(
    State(store): State<Store>,
    ValidJson(req): ValidJson<UpdateAccessKeyRequest>,
) -> Result<ValidJson<Empty>, AwsError> {
    let user = req.user_name.unwrap_or_else(|| CALLER.into());
    let mut store = lock(&store);
    let key = keys(&mut store, &user)?
        .get_mut(&req.access_key_id)
        .ok_or_else(no_such_key)?;
    key.status = req.status;
    tracing::info!(user = %user, access_key_id = %req.access_key_id, status = ?req.status, "updated access key");
    Ok(ValidJson(Empty {}))
}

async fn delete_access_key(
    State(store): State<Store>,
    ValidJson(req): ValidJson<DeleteAccessKeyRequest>,
) -> Result<ValidJson<Empty>, AwsError> {
    let user = req.user_name.unwrap_or_else(|| CALLER.into());
    keys(&mut lock(&store), &user)?
        .remove(&req.access_key_id)
        .ok_or_else(no_such_key)?;
    tracing::info!(user = %user, access_key_id = %req.access_key_id, "deleted access key");
    Ok(ValidJson(Empty {}))
}

fn lock(store: &Store) -> MutexGuard<'_, HashMap<String, BTreeMap<String, Key>>> {
    store.users.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The keys of `user`, or a 404. Error messages quote nothing from the request.
fn keys<'s>(
    store: &'s mut HashMap<String, BTreeMap<String, Key>>,
    user: &str,
) -> Result<&'s mut BTreeMap<String, Key>, AwsError> {
    store
        .get_mut(user)
        .ok_or_else(|| AwsError::new(StatusCode::NOT_FOUND, "NoSuchEntity", NO_SUCH_USER))
}

fn no_such_key() -> AwsError {
    AwsError::new(StatusCode::NOT_FOUND, "NoSuchEntity", NO_SUCH_KEY)
}

/// A new key from the OS CSPRNG: `AKIA` + 16 base32 characters, and a
/// 40-character secret from the base64 alphabet (each character uniform:
/// 32 and 64 divide 256).
fn new_key() -> (String, SecretString) {
    const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut random = [0u8; 56];
    getrandom::fill(&mut random).expect("the OS random number generator is available");
    let id = "AKIA"
        .bytes()
        .chain(random[..16].iter().map(|b| BASE32[usize::from(b & 31)]));
    let secret = random[16..]
        .iter()
        .map(|b| char::from(BASE64[usize::from(b & 63)]));
    let key = (
        id.map(char::from).collect(),
        SecretString::new(secret.collect()),
    );
    random.zeroize();
    key
}

/// Now, as `2015-03-09T18:39:23Z`.
fn now() -> Timestamp {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, time) = ((secs / 86_400) as i64, secs % 86_400);
    // Howard Hinnant's `civil_from_days`.
    let z = days + 719_468;
    let (era, doe) = (z.div_euclid(146_097), z.rem_euclid(146_097));
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (h, m, s) = (time / 3_600, time / 60 % 60, time % 60);
    Timestamp::parse(&format!(
        "{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z"
    ))
    .expect("a valid date-time")
}

/// One log line per request: method, path, status, duration. Never a body
/// or a header.
async fn log_request(req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    let started = Instant::now();
    let response = next.run(req).await;
    tracing::info!(
        %method,
        %path,
        status = response.status().as_u16(),
        micros = started.elapsed().as_micros() as u64,
        "request"
    );
    response
}
