//! The IAM access-key operations as JSON over HTTP, validated at the
//! boundary by one extractor, `ValidJson<T>`.
//!
//! ```sh
//! cargo run -p access-key-schema --features axum --example iam_service -- --listen 127.0.0.1:8080
//! curl -s localhost:8080/CreateAccessKey -H 'Content-Type: application/json' -d '{"UserName": "Alice"}'
//! curl -s localhost:8080/ListAccessKeys -H 'Content-Type: application/json' -d '{"UserName": "Alice", "MaxItems": 1}'
//! curl -s localhost:8080/UpdateAccessKey -H 'Content-Type: application/json' -d '{"AccessKeyId": "x", "Status": "On"}'
//! ```
//!
//! The users [`USERS`] exist; a request without `UserName` acts for
//! [`CALLER`]. Keys live in memory. A bad body never reaches a handler: the
//! extractor answers 400 (or 413, 415) with `{"__type": "ValidationException",
//! "message", "fieldList"}`. An unknown user or key is a 404 `NoSuchEntity`.
//! The secret access key appears only in the `CreateAccessKey` response: it
//! is never logged, listed, or put in an error body.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::ops::Bound;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use access_key_schema::axum::{AwsError, ValidJson};
use access_key_schema::{
    AccessKey, AccessKeyMetadata, CreateAccessKeyRequest, CreateAccessKeyResponse,
    DeleteAccessKeyRequest, ListAccessKeysRequest, ListAccessKeysResponse, SecretString,
    StatusType, Timestamp, UpdateAccessKeyRequest,
};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use serde_json::{json, Value};
use zeroize::Zeroize;

/// The users that exist.
pub const USERS: &[&str] = &["Admin", "Alice", "Bob"];
/// Whom a request without `UserName` acts for.
pub const CALLER: &str = "Admin";
/// `ListAccessKeys` page size when `MaxItems` is absent (as IAM).
const DEFAULT_MAX_ITEMS: usize = 100;

/// The service: one route per operation, every request logged.
pub fn app() -> Router {
    let users = USERS.iter().map(|u| (u.to_string(), BTreeMap::new()));
    let store: Store = Arc::new(Mutex::new(users.collect()));
    Router::new()
        .route("/CreateAccessKey", post(create_access_key))
        .route("/ListAccessKeys", post(list_access_keys))
        .route("/UpdateAccessKey", post(update_access_key))
        .route("/DeleteAccessKey", post(delete_access_key))
        .layer(middleware::from_fn(log_request))
        .with_state(store)
}

/// Keys by user, then by access key id (the order `ListAccessKeys` pages in).
type Store = Arc<Mutex<HashMap<String, BTreeMap<String, Key>>>>;

struct Key {
    status: StatusType,
    create_date: Timestamp,
}

async fn create_access_key(
    State(store): State<Store>,
    ValidJson(req): ValidJson<CreateAccessKeyRequest>,
) -> Result<ValidJson<CreateAccessKeyResponse>, AwsError> {
    let user = req.user_name.unwrap_or_else(|| CALLER.into());
    let (id, secret) = new_key();
    let create_date = now();
    keys(&mut lock(&store), &user)?.insert(
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
) -> Result<ValidJson<Value>, AwsError> {
    let user = req.user_name.unwrap_or_else(|| CALLER.into());
    let mut store = lock(&store);
    let key = keys(&mut store, &user)?
        .get_mut(&req.access_key_id)
        .ok_or_else(no_such_key)?;
    key.status = req.status;
    tracing::info!(user = %user, access_key_id = %req.access_key_id, status = ?req.status, "updated access key");
    Ok(ValidJson(json!({})))
}

async fn delete_access_key(
    State(store): State<Store>,
    ValidJson(req): ValidJson<DeleteAccessKeyRequest>,
) -> Result<ValidJson<Value>, AwsError> {
    let user = req.user_name.unwrap_or_else(|| CALLER.into());
    keys(&mut lock(&store), &user)?
        .remove(&req.access_key_id)
        .ok_or_else(no_such_key)?;
    tracing::info!(user = %user, access_key_id = %req.access_key_id, "deleted access key");
    Ok(ValidJson(json!({})))
}

fn lock(store: &Store) -> MutexGuard<'_, HashMap<String, BTreeMap<String, Key>>> {
    store.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The keys of `user`, or a 404. Error messages quote nothing from the request.
fn keys<'s>(
    store: &'s mut HashMap<String, BTreeMap<String, Key>>,
    user: &str,
) -> Result<&'s mut BTreeMap<String, Key>, AwsError> {
    store.get_mut(user).ok_or_else(|| {
        AwsError::new(
            StatusCode::NOT_FOUND,
            "NoSuchEntity",
            "The user with the given name cannot be found.",
        )
    })
}

fn no_such_key() -> AwsError {
    AwsError::new(
        StatusCode::NOT_FOUND,
        "NoSuchEntity",
        "The access key with the given id cannot be found.",
    )
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

/// Serves [`app`] on `listener` until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(listener, app())
        .with_graceful_shutdown(async {
            tokio::signal::ctrl_c().await.ok();
        })
        .await
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut listen: SocketAddr = ([127, 0, 0, 1], 8080).into();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--listen", Some(addr)) => match addr.parse() {
                Ok(addr) => listen = addr,
                Err(e) => return Err(std::io::Error::other(format!("--listen {addr}: {e}"))),
            },
            _ => {
                eprintln!("usage: iam_service [--listen ADDR:PORT]");
                std::process::exit(2);
            }
        }
    }
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .init();
    let listener = tokio::net::TcpListener::bind(listen).await?;
    // On stdout, so a script can read the port when started with `--listen 127.0.0.1:0`.
    println!("listening on http://{}", listener.local_addr()?);
    serve(listener).await
}
