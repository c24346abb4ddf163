//! The example service (`access-key-iam-service`) end to end: started
//! in-process on a loopback port, driven by a real HTTP/1.1 client
//! (hyper-util), its logs captured.
//!
//! Run with `cargo test -p access-key-iam-service --test service`.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use access_key_schema::axum::ValidJson;
use access_key_schema::{
    from_json, CreateAccessKeyRequest, CreateAccessKeyResponse, Limits, ListAccessKeysResponse,
};
use axum::body::Bytes;
use axum::http::{Request, StatusCode};
use axum::routing::post;
use axum::{Extension, Router};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use access_key_iam_service as iam_service;

// ---- Harness -------------------------------------------------------------

/// Everything every test logged (one global subscriber: the service's tasks
/// run on runtime worker threads, so a thread-local one would miss them).
fn logs() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let sink = buf.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || Capture(sink.clone()))
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
        buf
    })
}

struct Capture(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn captured_logs() -> String {
    String::from_utf8_lossy(&logs().lock().unwrap()).into_owned()
}

/// Every secret any test was given, for the log check.
fn secrets() -> &'static Mutex<Vec<String>> {
    static SECRETS: OnceLock<Mutex<Vec<String>>> = OnceLock::new();
    SECRETS.get_or_init(Mutex::default)
}

struct Service {
    addr: SocketAddr,
    client: Client<HttpConnector, Full<Bytes>>,
}

/// A fresh service (its own in-memory store) on 127.0.0.1:0.
async fn start() -> Service {
    start_router(iam_service::app()).await
}

async fn start_router(router: Router) -> Service {
    logs();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let client = Client::builder(TokioExecutor::new()).build_http();
    Service { addr, client }
}

#[derive(Debug)]
struct Reply {
    status: StatusCode,
    content_type: Option<String>,
    text: String,
    json: Value,
}

impl Service {
    /// `POST /{op}` with `Content-Type: application/json`.
    async fn call(&self, op: &str, body: impl Into<Vec<u8>>) -> Reply {
        self.send(op, Some("application/json"), body.into()).await
    }

    async fn send(&self, op: &str, content_type: Option<&str>, body: Vec<u8>) -> Reply {
        let mut req = Request::post(format!("http://{}/{op}", self.addr));
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        let req = req.body(Full::new(Bytes::from(body))).unwrap();
        let res = self.client.request(req).await.expect("the service answers");
        let status = res.status();
        let content_type = res
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            content_type,
            text,
            json,
        }
    }

    /// A successful `CreateAccessKey`; the response must validate.
    async fn create(&self, user: &str) -> CreateAccessKeyResponse {
        let reply = self
            .call("CreateAccessKey", json!({"UserName": user}).to_string())
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let created = from_json::<CreateAccessKeyResponse>(reply.text.as_bytes())
            .expect("the response satisfies the model")
            .into_inner();
        secrets().lock().unwrap().push(
            created
                .access_key
                .secret_access_key
                .expose_secret()
                .to_owned(),
        );
        created
    }

    /// Every page of `ListAccessKeys` for `user`, `max` at a time.
    async fn list_all(&self, user: &str, max: u32) -> Vec<String> {
        let mut ids = Vec::new();
        let mut marker: Option<String> = None;
        loop {
            let mut req = json!({"UserName": user, "MaxItems": max});
            if let Some(m) = &marker {
                req["Marker"] = json!(m);
            }
            let reply = self.call("ListAccessKeys", req.to_string()).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
            assert!(!reply.text.contains("SecretAccessKey"), "{}", reply.text);
            let page = from_json::<ListAccessKeysResponse>(reply.text.as_bytes())
                .unwrap()
                .into_inner();
            assert!(page.access_key_metadata.len() <= max as usize);
            ids.extend(
                page.access_key_metadata
                    .iter()
                    .map(|m| m.access_key_id.clone().unwrap()),
            );
            assert_eq!(page.is_truncated, page.marker.is_some());
            match page.marker {
                Some(m) => marker = Some(m),
                None => return ids,
            }
        }
    }
}

/// Raw bytes over TCP, for requests a well-behaved client would not send;
/// `Connection: close` so the reply ends with the stream.
async fn raw(addr: SocketAddr, request: &[u8]) -> (u16, Value) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let response = String::from_utf8(response).unwrap();
    let status = response[9..12].parse().unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    assert!(head.contains("content-type: application/json"), "{head}");
    (status, serde_json::from_str(body).unwrap())
}

/// A `fieldList` entry's path and code.
type Field<'a> = (&'a str, &'a str);

fn field_list(reply: &Reply) -> Vec<(String, String)> {
    reply.json["fieldList"]
        .as_array()
        .unwrap_or_else(|| panic!("no fieldList: {}", reply.text))
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The AWS shape: `__type`, a `message` that counts the entries and joins
/// their messages, and `fieldList` entries of exactly path, code, message.
fn assert_validation_exception(reply: &Reply, status: StatusCode) {
    assert_eq!(reply.status, status, "{}", reply.text);
    assert_eq!(reply.content_type.as_deref(), Some("application/json"));
    let body = reply.json.as_object().unwrap();
    assert_eq!(body.len(), 3, "{}", reply.text);
    assert_eq!(body["__type"], "ValidationException");
    let fields = body["fieldList"].as_array().unwrap();
    assert!(!fields.is_empty());
    let n = fields.len();
    let messages: Vec<&str> = fields
        .iter()
        .map(|f| {
            assert_eq!(f.as_object().unwrap().len(), 3, "{f}");
            let message = f["message"].as_str().unwrap();
            let path = f["path"].as_str().unwrap();
            assert!(
                message.starts_with(&format!("Value at '{path}' failed to satisfy constraint: ")),
                "{message}"
            );
            message
        })
        .collect();
    let noun = if n == 1 { "error" } else { "errors" };
    assert_eq!(
        body["message"],
        format!("{n} validation {noun} detected: {}", messages.join("; "))
    );
}

// ---- Tests ---------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operations_round_trip() {
    let svc = start().await;
    let created = svc.create("Alice").await.access_key;
    let id = created.access_key_id.clone();
    assert!(id.starts_with("AKIA") && id.len() == 20, "{id}");
    assert!(
        id[4..]
            .bytes()
            .all(|b| matches!(b, b'A'..=b'Z' | b'2'..=b'7')),
        "{id}"
    );
    let secret = created.secret_access_key.expose_secret();
    assert_eq!(secret.len(), 40);
    assert!(secret
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/'));
    assert_eq!(created.user_name, "Alice");
    assert_eq!(created.status, access_key_schema::StatusType::Active);
    assert!(created.create_date.is_some());
    // A second key differs in both halves.
    let other = svc.create("Alice").await.access_key;
    assert_ne!(other.access_key_id, id);
    assert_ne!(other.secret_access_key, created.secret_access_key);

    let list = svc.call("ListAccessKeys", r#"{"UserName": "Alice"}"#).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.content_type.as_deref(), Some("application/json"));
    let keys = list.json["AccessKeyMetadata"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    let mine = keys
        .iter()
        .find(|k| k["AccessKeyId"] == id.as_str())
        .unwrap();
    assert_eq!(
        mine,
        &json!({"UserName": "Alice", "AccessKeyId": id, "Status": "Active",
                "CreateDate": created.create_date.as_ref().unwrap().as_str()})
    );
    assert_eq!(list.json["IsTruncated"], false);
    assert!(!list.text.contains(secret));

    let update = json!({"UserName": "Alice", "AccessKeyId": id, "Status": "Inactive"});
    let reply = svc.call("UpdateAccessKey", update.to_string()).await;
    assert_eq!((reply.status, &reply.json), (StatusCode::OK, &json!({})));
    let list = svc.call("ListAccessKeys", r#"{"UserName": "Alice"}"#).await;
    let mine = list.json["AccessKeyMetadata"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["AccessKeyId"] == id.as_str())
        .unwrap();
    assert_eq!(mine["Status"], "Inactive");

    let delete = json!({"UserName": "Alice", "AccessKeyId": id}).to_string();
    let reply = svc.call("DeleteAccessKey", delete.clone()).await;
    assert_eq!((reply.status, &reply.json), (StatusCode::OK, &json!({})));
    assert_eq!(svc.list_all("Alice", 10).await, [other.access_key_id]);
    // Gone: deleting it again is a 404.
    let reply = svc.call("DeleteAccessKey", delete).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json["__type"], "NoSuchEntity");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_without_user_name_act_for_the_caller() {
    let svc = start().await;
    let reply = svc.call("CreateAccessKey", "{}").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json["AccessKey"]["UserName"], iam_service::CALLER);
    secrets().lock().unwrap().push(
        reply.json["AccessKey"]["SecretAccessKey"]
            .as_str()
            .unwrap()
            .to_owned(),
    );
    let id = reply.json["AccessKey"]["AccessKeyId"].as_str().unwrap();
    let list = svc.call("ListAccessKeys", "{}").await;
    assert_eq!(list.json["AccessKeyMetadata"][0]["AccessKeyId"], id);
    let reply = svc
        .call(
            "UpdateAccessKey",
            json!({"AccessKeyId": id, "Status": "Inactive"}).to_string(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let reply = svc
        .call("DeleteAccessKey", json!({"AccessKeyId": id}).to_string())
        .await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_pages_with_marker_and_max_items() {
    // Seven keys: more than IAM's quota of two allows, to page through.
    let svc = start_router(iam_service::app_with_quota(7)).await;
    let mut created = Vec::new();
    for _ in 0..7 {
        created.push(svc.create("Bob").await.access_key.access_key_id);
    }
    created.sort();
    for max in [1, 2, 3, 7, 100] {
        assert_eq!(svc.list_all("Bob", max).await, created, "MaxItems {max}");
    }
    let first = svc
        .call("ListAccessKeys", r#"{"UserName": "Bob", "MaxItems": 3}"#)
        .await;
    assert_eq!(first.json["IsTruncated"], true);
    assert_eq!(first.json["Marker"], created[2].as_str());
    // The last page: not truncated, no marker.
    let req = json!({"UserName": "Bob", "MaxItems": 3, "Marker": created[5]});
    let last = svc.call("ListAccessKeys", req.to_string()).await;
    assert_eq!(
        last.json,
        json!({"AccessKeyMetadata": [last.json["AccessKeyMetadata"][0]], "IsTruncated": false})
    );
    assert_eq!(
        last.json["AccessKeyMetadata"][0]["AccessKeyId"],
        created[6].as_str()
    );
    // Other users' keys are not listed.
    assert_eq!(svc.list_all("Alice", 10).await, Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_bodies_get_400_with_every_violation() {
    let svc = start().await;
    let deep = format!(r#"{{"UserName": {}"x"{}}}"#, "[".repeat(70), "]".repeat(70));
    // Depth 65 (the object is depth 1) is over the default 64.
    let deep_path = format!("/UserName{}", "/0".repeat(63));
    let cases: Vec<(&str, String, Vec<Field>)> = vec![
        (
            "CreateAccessKey",
            r#"{"UserName": ""}"#.into(),
            vec![("/UserName", "length"), ("/UserName", "pattern")],
        ),
        (
            "CreateAccessKey",
            json!({"UserName": "a".repeat(129)}).to_string(),
            vec![("/UserName", "length")],
        ),
        ("CreateAccessKey", r#"{"UserName": 42}"#.into(), vec![("/UserName", "type")]),
        ("CreateAccessKey", "[]".into(), vec![("", "type")]),
        ("CreateAccessKey", "null".into(), vec![("", "type")]),
        ("ListAccessKeys", r#"{"MaxItems": 0}"#.into(), vec![("/MaxItems", "range")]),
        (
            "ListAccessKeys",
            r#"{"MaxItems": 1001, "Marker": "", "UserName": "a b"}"#.into(),
            vec![
                ("/UserName", "pattern"),
                ("/Marker", "length"),
                ("/Marker", "pattern"),
                ("/MaxItems", "range"),
            ],
        ),
        ("ListAccessKeys", r#"{"MaxItems": "10"}"#.into(), vec![("/MaxItems", "type")]),
        ("ListAccessKeys", r#"{"MaxItems": 1.5}"#.into(), vec![("/MaxItems", "type")]),
        (
            "UpdateAccessKey",
            r#"{"AccessKeyId": "short", "Status": "Enabled"}"#.into(),
            vec![("/AccessKeyId", "length"), ("/Status", "enum")],
        ),
        (
            "UpdateAccessKey",
            "{}".into(),
            vec![("/AccessKeyId", "required"), ("/Status", "required")],
        ),
        (
            "UpdateAccessKey",
            r#"{"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "Status": "Active", "UserName": null, "Status": "Active"}"#.into(),
            vec![("/Status", "duplicate_field")],
        ),
        (
            "DeleteAccessKey",
            r#"{"AccessKeyId": "AKIA-IOSFODNN7EXAMPLE"}"#.into(),
            vec![("/AccessKeyId", "pattern")],
        ),
        ("DeleteAccessKey", r#"{"AccessKeyId": null}"#.into(), vec![("/AccessKeyId", "required")]),
        (
            "DeleteAccessKey",
            "{\"AccessKeyId\": \"AKIAIOSFODNN7EXAMPLE\",\n \"UserName\": }".into(),
            vec![("", "syntax")],
        ),
        (
            "ListAccessKeys",
            deep,
            vec![(deep_path.as_str(), "limit")],
        ),
    ];
    for (op, body, expected) in cases {
        let reply = svc.call(op, body.clone()).await;
        assert_validation_exception(&reply, StatusCode::BAD_REQUEST);
        let found = field_list(&reply);
        let found: Vec<(&str, &str)> = found
            .iter()
            .map(|(p, c)| (p.as_str(), c.as_str()))
            .collect();
        assert_eq!(found, expected, "{op} {body}");
    }

    // The message in full, as AWS words it.
    let reply = svc
        .call(
            "UpdateAccessKey",
            r#"{"AccessKeyId": "short", "Status": "Enabled"}"#,
        )
        .await;
    assert_eq!(
        reply.json["message"],
        "2 validation errors detected: Value at '/AccessKeyId' failed to satisfy constraint: \
         Member must have length greater than or equal to 16; Value at '/Status' failed to \
         satisfy constraint: Member must satisfy enum value set: [Active, Inactive]"
    );
    let reply = svc.call("DeleteAccessKey", "{\n  \"AccessKeyId\": ]").await;
    assert_eq!(
        reply.json["fieldList"][0]["message"],
        "Value at '' failed to satisfy constraint: Member must be valid JSON: \
         expected value at line 2 column 18"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn content_type_empty_and_oversized_bodies_are_rejected() {
    let svc = start().await;
    // Content type: missing, wrong, or JSON with parameters / the AWS JSON protocol's.
    for ct in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let reply = svc.send("ListAccessKeys", ct, b"{}".to_vec()).await;
        assert_validation_exception(&reply, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(
            field_list(&reply),
            [(String::new(), "content_type".to_owned())]
        );
    }
    for ct in [
        "application/json; charset=utf-8",
        "application/x-amz-json-1.1",
    ] {
        let reply = svc.send("ListAccessKeys", Some(ct), b"{}".to_vec()).await;
        assert_eq!(reply.status, StatusCode::OK, "{ct}: {}", reply.text);
    }

    // Empty body.
    let reply = svc.call("ListAccessKeys", "").await;
    assert_validation_exception(&reply, StatusCode::BAD_REQUEST);
    assert_eq!(field_list(&reply), [(String::new(), "syntax".to_owned())]);
    assert_eq!(
        reply.json["fieldList"][0]["message"],
        "Value at '' failed to satisfy constraint: Member must be valid JSON: the request body is empty"
    );

    // Over 1 MiB by Content-Length: refused before the body is read. (Sent
    // without the body, so the server closes a connection with nothing unread.)
    let (status, body) = raw(
        svc.addr,
        b"POST /ListAccessKeys HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Content-Length: 1048577\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(status, 413);
    assert_eq!(body["__type"], "ValidationException");
    assert_eq!(body["fieldList"][0]["code"], "limit");
    assert_eq!(
        body["message"],
        "1 validation error detected: Value at '' failed to satisfy constraint: \
         Member must have size less than or equal to 1048576 bytes"
    );
    // Exactly 1 MiB is read (and then judged on its content).
    let mut big = br#"{"UserName": "Bob", "Marker": ""#.to_vec();
    big.resize((1 << 20) - 2, b'x');
    big.extend_from_slice(b"\"}");
    let reply = svc.call("ListAccessKeys", big).await;
    assert_validation_exception(&reply, StatusCode::BAD_REQUEST);
    assert_eq!(
        field_list(&reply),
        [("/Marker".to_owned(), "length".to_owned())]
    );
}

/// The configured limit, through `Extension(Limits)`; a chunked body (no
/// Content-Length) over it is cut off while reading.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_come_from_an_extension() {
    async fn echo(
        ValidJson(req): ValidJson<CreateAccessKeyRequest>,
    ) -> ValidJson<CreateAccessKeyRequest> {
        ValidJson(req)
    }
    let limits = Limits {
        max_bytes: 64,
        max_depth: 2,
        ..Limits::DEFAULT
    };
    let svc = start_router(
        Router::new()
            .route("/Echo", post(echo))
            .layer(Extension(limits)),
    )
    .await;
    let reply = svc.call("Echo", r#"{"UserName": "Bob"}"#).await;
    assert_eq!(
        (reply.status, reply.json),
        (StatusCode::OK, json!({"UserName": "Bob"}))
    );

    let reply = svc
        .call("Echo", format!(r#"{{"UserName": "{}"}}"#, "B".repeat(60)))
        .await;
    assert_validation_exception(&reply, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.json["fieldList"][0]["code"], "limit");
    assert!(reply.text.contains("less than or equal to 64 bytes"));

    let reply = svc.call("Echo", r#"{"UserName": [["Bob"]]}"#).await;
    assert_validation_exception(&reply, StatusCode::BAD_REQUEST);
    assert_eq!(
        field_list(&reply),
        [("/UserName/0".to_owned(), "limit".to_owned())]
    );

    // Chunked: 40 + 40 bytes, all written at once.
    let chunk = format!(r#"{{"UserName": "{}""#, "B".repeat(24));
    let request = format!(
        "POST /Echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n\
         {:x}\r\n{chunk}\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        chunk.len(),
        chunk.len()
    );
    let (status, body) = raw(svc.addr, request.as_bytes()).await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["fieldList"][0]["code"], "limit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_users_and_keys_are_404_no_such_entity() {
    let svc = start().await;
    let unknown_key = r#""AccessKeyId": "AKIAIOSFODNN7EXAMPLE""#;
    for (op, body) in [
        ("CreateAccessKey", r#"{"UserName": "Nobody"}"#.to_owned()),
        ("ListAccessKeys", r#"{"UserName": "Nobody"}"#.to_owned()),
        (
            "UpdateAccessKey",
            format!(r#"{{{unknown_key}, "Status": "Active"}}"#),
        ),
        (
            "UpdateAccessKey",
            format!(r#"{{"UserName": "Nobody", {unknown_key}, "Status": "Active"}}"#),
        ),
        ("DeleteAccessKey", format!("{{{unknown_key}}}")),
        (
            "DeleteAccessKey",
            format!(r#"{{"UserName": "Bob", {unknown_key}}}"#),
        ),
    ] {
        let reply = svc.call(op, body.clone()).await;
        assert_eq!(
            reply.status,
            StatusCode::NOT_FOUND,
            "{op} {body}: {}",
            reply.text
        );
        assert_eq!(reply.content_type.as_deref(), Some("application/json"));
        assert_eq!(reply.json["__type"], "NoSuchEntity");
        assert!(reply.json["message"]
            .as_str()
            .unwrap()
            .ends_with("cannot be found."));
    }
    // A key of another user is not found under this one.
    let id = svc.create("Alice").await.access_key.access_key_id;
    let body = json!({"UserName": "Bob", "AccessKeyId": id}).to_string();
    assert_eq!(
        svc.call("DeleteAccessKey", body).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(svc.list_all("Alice", 10).await, [id]);
}

/// 1,000 requests, 100 in flight, eight kinds mixed; every answer checked,
/// then the state and one more request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_mixed_requests() {
    const TOTAL: usize = 1000;
    let svc = Arc::new(start().await);
    let gate = Arc::new(tokio::sync::Semaphore::new(100));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..TOTAL {
        let (svc, gate) = (svc.clone(), gate.clone());
        tasks.spawn(async move {
            let _permit = gate.acquire().await.unwrap();
            let kind = i % 8;
            let reply = match kind {
                0 => svc.call("CreateAccessKey", r#"{"UserName": "Bob"}"#).await,
                1 => {
                    svc.call("CreateAccessKey", r#"{"UserName": "bad name!"}"#)
                        .await
                }
                2 => {
                    svc.call("ListAccessKeys", r#"{"UserName": "Bob", "MaxItems": 5}"#)
                        .await
                }
                3 => {
                    svc.call("ListAccessKeys", r#"{"MaxItems": 0, "Marker": ""}"#)
                        .await
                }
                4 => {
                    let body = r#"{"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "Status": "Inactive"}"#;
                    svc.call("UpdateAccessKey", body).await
                }
                5 => svc.call("DeleteAccessKey", r#"{"AccessKeyId": "#).await,
                6 => {
                    svc.send("DeleteAccessKey", Some("text/plain"), b"{}".to_vec())
                        .await
                }
                _ => {
                    svc.call("CreateAccessKey", r#"{"UserName": "Nobody"}"#)
                        .await
                }
            };
            match kind {
                0 if reply.status == StatusCode::CONFLICT => {
                    assert_eq!(reply.json["__type"], "LimitExceeded", "{}", reply.text);
                }
                0 => {
                    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
                    let created =
                        from_json::<CreateAccessKeyResponse>(reply.text.as_bytes()).unwrap();
                    let secret = created
                        .access_key
                        .secret_access_key
                        .expose_secret()
                        .to_owned();
                    secrets().lock().unwrap().push(secret);
                    return Some(created.into_inner().access_key.access_key_id);
                }
                1 => {
                    assert_validation_exception(&reply, StatusCode::BAD_REQUEST);
                    assert_eq!(field_list(&reply), [("/UserName".into(), "pattern".into())]);
                }
                2 => {
                    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
                    assert!(reply.json["AccessKeyMetadata"].as_array().unwrap().len() <= 5);
                    assert!(!reply.text.contains("SecretAccessKey"));
                }
                3 => {
                    assert_validation_exception(&reply, StatusCode::BAD_REQUEST);
                    let codes: Vec<_> = field_list(&reply).into_iter().map(|(_, c)| c).collect();
                    assert_eq!(codes, ["length", "pattern", "range"]);
                }
                4 | 7 => {
                    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.text);
                    assert_eq!(reply.json["__type"], "NoSuchEntity");
                }
                5 => {
                    assert_validation_exception(&reply, StatusCode::BAD_REQUEST);
                    assert_eq!(field_list(&reply), [(String::new(), "syntax".into())]);
                }
                _ => assert_validation_exception(&reply, StatusCode::UNSUPPORTED_MEDIA_TYPE),
            }
            None
        });
    }
    let mut created = Vec::new();
    let mut answered = 0;
    while let Some(result) = tasks.join_next().await {
        answered += 1;
        created.extend(result.expect("every answer as expected"));
    }
    let elapsed = started.elapsed();
    assert_eq!(answered, TOTAL);
    // 125 concurrent creates for Bob: exactly the quota got through, the
    // others were 409 `LimitExceeded`.
    assert_eq!(created.len(), iam_service::MAX_KEYS_PER_USER);
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");

    // Every created key is there, once; and the service still serves.
    created.sort();
    assert_eq!(svc.list_all("Bob", 1000).await, created);
    let body = json!({"UserName": "Bob", "AccessKeyId": created[0]}).to_string();
    assert_eq!(
        svc.call("DeleteAccessKey", body).await.status,
        StatusCode::OK
    );
    let id = svc.create("Bob").await.access_key.access_key_id;
    assert!(svc.list_all("Bob", 1000).await.contains(&id));
}

/// The secret is in the CreateAccessKey response and nowhere else: not in
/// the logs (captured at TRACE), not in ListAccessKeys, not in error bodies,
/// even when a client sends it back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_appear_only_in_the_create_response() {
    const CANARY: &str = "CANARY7c1dZ9";
    let svc = start().await;
    let created = svc.create("Alice").await.access_key;
    let secret = created.secret_access_key.expose_secret().to_owned();
    let id = created.access_key_id.clone();

    let mut bodies = Vec::new();
    // The secret sent back where an id belongs: 400 (pattern, if it has `+`
    // or `/`) or 404; and where a user name belongs: 400 or 404.
    for (op, body) in [
        (
            "UpdateAccessKey",
            json!({"AccessKeyId": secret, "Status": "Active"}),
        ),
        ("DeleteAccessKey", json!({"AccessKeyId": secret})),
        (
            "DeleteAccessKey",
            json!({"UserName": secret, "AccessKeyId": id}),
        ),
        ("ListAccessKeys", json!({"Marker": secret, "MaxItems": 0})),
        (
            "CreateAccessKey",
            json!({"UserName": format!("{CANARY} {secret}")}),
        ),
        (
            "UpdateAccessKey",
            json!({"AccessKeyId": CANARY, "Status": CANARY}),
        ),
        ("ListAccessKeys", json!({"UserName": CANARY})),
    ] {
        let reply = svc.call(op, body.to_string()).await;
        assert!(reply.status.is_client_error(), "{op}: {}", reply.text);
        bodies.push(reply.text);
    }
    let malformed = format!(r#"{{"UserName": "{CANARY}", "AccessKeyId": "{secret}"#);
    bodies.push(svc.call("DeleteAccessKey", malformed).await.text);
    bodies.push(
        svc.send("DeleteAccessKey", None, secret.clone().into_bytes())
            .await
            .text,
    );
    for body in &bodies {
        assert!(!body.contains(&secret), "{body}");
        assert!(!body.contains(CANARY), "{body}");
    }

    let list = svc.call("ListAccessKeys", r#"{"UserName": "Alice"}"#).await;
    assert!(list.text.contains(&id));
    assert!(!list.text.contains(&secret));

    // The logs saw this test's requests (key id included) and no secret of any test.
    let logs = captured_logs();
    assert!(logs.contains(&format!("access_key_id={id}")), "{logs}");
    assert!(logs.contains("path=/CreateAccessKey status=200"), "{logs}");
    assert!(!logs.contains(CANARY));
    for secret in secrets().lock().unwrap().iter() {
        assert!(!logs.contains(secret.as_str()));
    }
}

/// README's five lines, compiled and served.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readme_snippet() {
    use access_key_schema::{AccessKey, SecretString, StatusType};

    fn issue_key(user_name: Option<String>) -> CreateAccessKeyResponse {
        CreateAccessKeyResponse {
            access_key: AccessKey {
                access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
                secret_access_key: SecretString::from("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                status: StatusType::Active,
                user_name: user_name.unwrap_or_else(|| "Admin".into()),
                create_date: None,
            },
        }
    }

    // ---- README-service.md's lines (rustfmt wraps the signature)
    async fn create_access_key(
        ValidJson(req): ValidJson<CreateAccessKeyRequest>,
    ) -> ValidJson<CreateAccessKeyResponse> {
        ValidJson(issue_key(req.user_name)) // `req` passed every check; a bad body got a 400 listing each violation
    }
    let app = axum::Router::new().route("/CreateAccessKey", axum::routing::post(create_access_key));
    // ----

    let svc = start_router(app).await;
    let reply = svc.call("CreateAccessKey", r#"{"UserName": "Bob"}"#).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json["AccessKey"]["UserName"], "Bob");
    let reply = svc
        .call("CreateAccessKey", r#"{"UserName": "B o b"}"#)
        .await;
    assert_validation_exception(&reply, StatusCode::BAD_REQUEST);
}

// ---- Quota and the published contract --------------------------------------

/// IAM's quota: two keys per user; a third is a 409 `LimitExceeded` that
/// changes nothing, and deleting a key frees its slot. However many creates
/// a client sends, the store holds at most two keys per existing user.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_keys_per_user_then_limit_exceeded() {
    let svc = start().await;
    let first = svc.create("Alice").await.access_key.access_key_id;
    let second = svc.create("Alice").await.access_key.access_key_id;
    let third = svc
        .call("CreateAccessKey", r#"{"UserName": "Alice"}"#)
        .await;
    assert_eq!(third.status, StatusCode::CONFLICT, "{}", third.text);
    assert_eq!(third.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        third.json,
        json!({"__type": "LimitExceeded", "message": "Cannot exceed quota for AccessKeysPerUser: 2"})
    );
    let mut both = vec![first.clone(), second.clone()];
    both.sort();
    assert_eq!(svc.list_all("Alice", 10).await, both);

    let body = json!({"UserName": "Alice", "AccessKeyId": first}).to_string();
    assert_eq!(
        svc.call("DeleteAccessKey", body).await.status,
        StatusCode::OK
    );
    let replacement = svc.create("Alice").await.access_key.access_key_id;
    let mut now = vec![second, replacement];
    now.sort();
    assert_eq!(svc.list_all("Alice", 10).await, now);

    // A hostile client: many creates for every user and for the caller.
    for _ in 0..20 {
        for body in [
            r#"{"UserName": "Admin"}"#,
            r#"{"UserName": "Bob"}"#,
            r#"{"UserName": "Alice"}"#,
            "{}",
        ] {
            let reply = svc.call("CreateAccessKey", body).await;
            assert!(
                matches!(reply.status, StatusCode::OK | StatusCode::CONFLICT),
                "{}",
                reply.text
            );
            if reply.status == StatusCode::OK {
                let created = from_json::<CreateAccessKeyResponse>(reply.text.as_bytes()).unwrap();
                let secret = created.access_key.secret_access_key.expose_secret();
                secrets().lock().unwrap().push(secret.to_owned());
            }
        }
    }
    for user in iam_service::USERS {
        assert_eq!(
            svc.list_all(user, 1000).await.len(),
            iam_service::MAX_KEYS_PER_USER,
            "{user}"
        );
    }
}

/// `GET /openapi.json` serves the document the routes were built with,
/// which is the committed `schema/openapi.json`; every documented operation
/// is routed, and answers with a status the document lists.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_json_is_the_committed_document_of_the_routes() {
    let svc = start().await;
    let req = Request::get(format!("http://{}/openapi.json", svc.addr))
        .body(Full::new(Bytes::new()))
        .unwrap();
    let res = svc.client.request(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    let served: Value =
        serde_json::from_slice(&res.into_body().collect().await.unwrap().to_bytes()).unwrap();
    assert_eq!(served, iam_service::openapi().to_value());
    let committed = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/openapi.json");
    let committed: Value =
        serde_json::from_str(&std::fs::read_to_string(committed).unwrap()).unwrap();
    assert_eq!(served, committed, "run `cargo xtask schema`");
    assert_eq!(served["openapi"], "3.1.0");

    let paths = served["paths"].as_object().unwrap();
    let ops: Vec<&str> = paths.keys().map(String::as_str).collect();
    assert_eq!(
        ops,
        [
            "/CreateAccessKey",
            "/ListAccessKeys",
            "/UpdateAccessKey",
            "/DeleteAccessKey"
        ]
    );
    for (path, item) in paths {
        let responses = item["post"]["responses"].as_object().unwrap();
        for expected in ["200", "400", "404", "413", "415"] {
            assert!(responses.contains_key(expected), "{path} {expected}");
        }
        for body in [
            "{}",
            "[",
            r#"{"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "Status": "Active"}"#,
        ] {
            let reply = svc.call(&path[1..], body).await;
            assert!(
                responses.contains_key(reply.status.as_str()),
                "{path} {body}: {} not documented",
                reply.status
            );
        }
    }
    let create = &paths["/CreateAccessKey"]["post"]["responses"];
    assert_eq!(
        create["409"]["content"]["application/json"]["schema"]["properties"]["__type"]["enum"],
        json!(["LimitExceeded"])
    );
}

/// README's "Publishing your service's contract" lines, compiled, served,
/// and found verbatim in the README.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readme_contract_snippet() {
    use access_key_schema::axum::AwsError;
    use access_key_schema::{ListAccessKeysRequest, ListAccessKeysResponse};
    use axum::extract::State;

    #[derive(Clone)]
    struct AppState;
    async fn list_access_keys(
        State(_): State<AppState>,
        ValidJson(_): ValidJson<ListAccessKeysRequest>,
    ) -> ValidJson<ListAccessKeysResponse> {
        ValidJson(ListAccessKeysResponse {
            access_key_metadata: vec![],
            is_truncated: false,
            marker: None,
        })
    }
    async fn create_access_key(
        ValidJson(_): ValidJson<CreateAccessKeyRequest>,
    ) -> Result<ValidJson<CreateAccessKeyResponse>, AwsError> {
        Err(AwsError::new(StatusCode::NOT_FOUND, "NoSuchEntity", "no"))
    }
    let state = AppState;

    // ---- README's lines
    use access_key_schema::openapi::ApiRouter;

    let (router, api) = ApiRouter::new()
        .post("/ListAccessKeys", list_access_keys) // async fn(.., ValidJson<Req>) -> ValidJson<Resp> (or Result<_, AwsError>)
        .post_with("/CreateAccessKey", create_access_key, |op| {
            op.error(
                StatusCode::NOT_FOUND,
                "NoSuchEntity",
                "The user does not exist.",
            ) // your AwsErrors, by status
        })
        .finish("My service", "1.0.0");
    let app = router.route("/openapi.json", api.get()).with_state(state); // api.to_pretty_json() to write it to a file
                                                                          // ----

    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    for line in [
        "let (router, api) = ApiRouter::new()",
        r#"    .post("/ListAccessKeys", list_access_keys)"#,
        r#"    .post_with("/CreateAccessKey", create_access_key, |op| {"#,
        r#"        op.error(StatusCode::NOT_FOUND, "NoSuchEntity", "The user does not exist.")"#,
        r#"    .finish("My service", "1.0.0");"#,
        r#"let app = router.route("/openapi.json", api.get()).with_state(state);"#,
    ] {
        assert!(readme.contains(line), "README lacks {line:?}");
    }

    let svc = start_router(app).await;
    let req = Request::get(format!("http://{}/openapi.json", svc.addr))
        .body(Full::new(Bytes::new()))
        .unwrap();
    let res = svc.client.request(req).await.unwrap();
    let doc: Value =
        serde_json::from_slice(&res.into_body().collect().await.unwrap().to_bytes()).unwrap();
    assert_eq!(doc, api.to_value());
    assert_eq!(doc["info"]["title"], "My service");
    let ops = &doc["paths"];
    assert_eq!(
        ops["/ListAccessKeys"]["post"]["requestBody"]["content"]["application/json"]["schema"]
            ["$ref"],
        "#/components/schemas/ListAccessKeysRequest"
    );
    assert!(ops["/ListAccessKeys"]["post"]["responses"]["404"].is_null());
    assert_eq!(
        ops["/CreateAccessKey"]["post"]["responses"]["404"]["content"]["application/json"]
            ["schema"]["properties"]["__type"]["enum"],
        json!(["NoSuchEntity"])
    );
    let reply = svc.call("CreateAccessKey", "{}").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(
        svc.call("ListAccessKeys", "{}").await.status,
        StatusCode::OK
    );
}
