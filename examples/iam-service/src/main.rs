//! The IAM access-key operations as JSON over HTTP, validated at the
//! boundary by one extractor, `ValidJson<T>`, and described by the OpenAPI
//! 3.1 document it serves at `GET /openapi.json`.
//!
//! ```sh
//! cargo run -p access-key-iam-service -- --listen 127.0.0.1:8080
//! curl -s localhost:8080/CreateAccessKey -H 'Content-Type: application/json' -d '{"UserName": "Alice"}'
//! curl -s localhost:8080/ListAccessKeys -H 'Content-Type: application/json' -d '{"UserName": "Alice", "MaxItems": 1}'
//! curl -s localhost:8080/UpdateAccessKey -H 'Content-Type: application/json' -d '{"AccessKeyId": "x", "Status": "On"}'
//! curl -s localhost:8080/openapi.json        # also: iam_service --openapi
//! ```
//!
//! The users [`service::USERS`] exist; a request without `UserName` acts for
//! [`service::CALLER`]. Keys live in memory, at most
//! [`service::MAX_KEYS_PER_USER`] per user
//! as in IAM (a third is a 409 `LimitExceeded`), so the store stays small
//! whatever a client sends. A bad body never reaches a handler: the
//! extractor answers 400 (or 413, 415) with `{"__type": "ValidationException",
//! "message", "fieldList"}`. An unknown user or key is a 404 `NoSuchEntity`.
//! The secret access key appears only in the `CreateAccessKey` response: it
//! is never logged, listed, or put in an error body.

use std::net::SocketAddr;

use access_key_iam_service as service;
use service::app;

/// Serves [`app`] on `listener` until Ctrl-C.
async fn serve(listener: tokio::net::TcpListener) -> std::io::Result<()> {
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
        if arg == "--openapi" {
            // The document `GET /openapi.json` serves, without serving.
            print!("{}", service::openapi().to_pretty_json());
            return Ok(());
        }
        match (arg.as_str(), args.next()) {
            ("--listen", Some(addr)) => match addr.parse() {
                Ok(addr) => listen = addr,
                Err(e) => return Err(std::io::Error::other(format!("--listen {addr}: {e}"))),
            },
            _ => {
                eprintln!("usage: iam_service [--listen ADDR:PORT] | iam_service --openapi");
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
