//! A secret is echoed only where it must be: the `CreateAccessKey` response
//! body. Every other output the project produces, for payloads carrying a
//! canary secret, is collected and searched: `Debug` (plain and `{:#?}`) of
//! every type holding it, validation reports (`Display`, `Debug`, messages,
//! paths, the serialized body), panic messages of `unwrap`/`unwrap_err`,
//! the CLI's text and json output (stdout and stderr), and the axum example's
//! response bodies and logs. `SecretString` has no `Display` at all (a
//! `format!("{}")` of it does not compile).
//!
//! Zeroization is observed, not assumed: a global allocator, while armed,
//! scans every block freed for the canary's bytes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use access_key_schema::{
    from_json, AccessKey, CreateAccessKeyResponse, SecretString, Validate, ValidationErrors,
};

const CANARY: &str = "CANARY7f3a9cwJalrXUtnFEMIK7MDENGbPxRfiCY";

fn key_json(secret: &str, user: &str) -> String {
    format!(
        r#"{{"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "{secret}", "Status": "Active", "UserName": "{user}", "CreateDate": "2015-03-09T18:39:23Z"}}"#
    )
}

/// Payloads carrying the canary: valid, invalid around it, invalid at it,
/// malformed after it, the secret itself of a wrong shape.
fn payloads() -> Vec<String> {
    let valid = key_json(CANARY, "Bob");
    vec![
        valid.clone(),
        key_json(CANARY, "bad user name"),
        key_json(CANARY, "Bob").replace("Active", "On"),
        format!(r#"{{"SecretAccessKey": "{CANARY}", "Status": 3}}"#),
        format!(r#"{{"SecretAccessKey": ["{CANARY}"], "UserName": "{CANARY}!"}}"#),
        format!(r#"{{"SecretAccessKey": "{CANARY}", "SecretAccessKey": "{CANARY}"}}"#),
        format!(r#"{{"SecretAccessKey": "{CANARY}" x}}"#),
        format!(r#"{{"SecretAccessKey": "{CANARY}"#),
        format!("{valid} {CANARY}"),
        format!(r#"{{"AccessKey": {valid}, "Extra": "{CANARY}"}}"#),
        format!(r#"{{"AccessKey": {}}}"#, key_json(CANARY, "a b")),
    ]
}

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(CANARY), "{what} echoes the secret:\n{text}");
}

fn report_outputs(e: &ValidationErrors) -> Vec<String> {
    let mut out = vec![
        e.to_string(),
        format!("{e:?}"),
        format!("{e:#?}"),
        serde_json::to_string(e).unwrap(),
    ];
    for v in e.violations() {
        out.push(v.message());
        out.push(v.path().to_owned());
        out.push(format!("{v:?}"));
        out.push(format!("{:?}", v.constraint()));
    }
    out
}

#[test]
fn debug_and_reports_never_echo_the_secret() {
    for payload in payloads() {
        match from_json::<AccessKey>(payload.as_bytes()) {
            Ok(key) => {
                assert_clean("Debug of Valid<AccessKey>", &format!("{key:?} {key:#?}"));
                assert_clean(
                    "Debug of SecretString",
                    &format!("{:?}", key.secret_access_key),
                );
                // The one allowed output: the value serialized as a response.
                let response = CreateAccessKeyResponse {
                    access_key: key.into_inner(),
                };
                assert_clean("Debug of the response", &format!("{response:?}"));
                let body = serde_json::to_string(&response).unwrap();
                assert_eq!(body.matches(CANARY).count(), 1, "{body}");
            }
            Err(e) => {
                for out in report_outputs(&e) {
                    assert_clean(&format!("report of {payload}"), &out);
                }
            }
        }
        if let Err(e) = from_json::<CreateAccessKeyResponse>(payload.as_bytes()) {
            for out in report_outputs(&e) {
                assert_clean(&format!("report of {payload}"), &out);
            }
        }
    }
}

/// A user's check that quotes the value in its message.
fn quoting(s: &SecretString) -> Result<(), access_key_schema::CustomError> {
    Err(access_key_schema::CustomError::new(
        "quoting",
        format!("not {}", s.expose_secret()),
    ))
}

/// A struct-level check that quotes a sensitive member.
fn quoting_struct(v: &Vault) -> Result<(), access_key_schema::CustomError> {
    Err(access_key_schema::CustomError::new(
        "quoting_struct",
        format!("pin {} and secret {}", v.pin, v.secret.expose_secret()),
    ))
}

/// A struct using every rule on a sensitive member, so that every rule fails
/// on the secret itself.
#[derive(Validate, serde::Serialize, serde::Deserialize, Debug)]
#[validate(custom = quoting_struct)]
struct Vault {
    #[validate(sensitive, length(min = 100, max = 120), pattern = r"[a-z]+")]
    secret: SecretString,
    #[validate(sensitive, one_of("x", "y"), length(max = 3))]
    pin: String,
    #[validate(sensitive, range(min = 1, max = 9))]
    code: i32,
    #[validate(sensitive, prefix = "zz", suffix = "zz", contains = "zz", custom = quoting)]
    hint: SecretString,
}

#[test]
fn failing_rules_on_a_sensitive_member_never_echo_it() {
    let vault = Vault {
        secret: CANARY.into(),
        pin: CANARY.into(),
        code: 424242,
        hint: CANARY.into(),
    };
    let e = vault.validate().unwrap_err();
    assert_eq!(e.violations().len(), 10, "{e}");
    // The user's checks quote the secret; their codes are kept, their
    // messages are not.
    let codes: Vec<&str> = e.violations().iter().map(|v| v.code()).collect();
    assert!(
        codes.contains(&"quoting") && codes.contains(&"quoting_struct"),
        "{codes:?}"
    );
    assert!(
        e.to_string().contains("Member must pass the check quoting"),
        "{e}"
    );
    for out in report_outputs(&e) {
        assert_clean("validate() report", &out);
        assert!(!out.contains("424242"), "{out}");
    }
    let payload = format!(
        r#"{{"secret": "{CANARY}", "pin": "{CANARY}", "code": 424242, "hint": "{CANARY}"}}"#
    );
    let e = from_json::<Vault>(payload.as_bytes()).unwrap_err();
    for out in report_outputs(&e) {
        assert_clean("from_json report", &out);
    }
}

/// The message of the panic `f` raises.
fn panic_message(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    static HOOK: Mutex<()> = Mutex::new(());
    let _g = HOOK.lock().unwrap_or_else(|e| e.into_inner());
    let captured = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&captured);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        *sink.lock().unwrap() = info.to_string();
    }));
    let outcome = std::panic::catch_unwind(f);
    std::panic::set_hook(previous);
    assert!(outcome.is_err(), "expected a panic");
    let message = captured.lock().unwrap().clone();
    message
}

#[test]
fn panic_messages_never_echo_the_secret() {
    let valid = key_json(CANARY, "Bob");
    let invalid = key_json(CANARY, "bad user");
    let m = panic_message(|| {
        from_json::<AccessKey>(valid.as_bytes()).unwrap_err();
    });
    assert!(m.contains("REDACTED"), "{m}");
    assert_clean("unwrap_err panic", &m);
    let m = panic_message(|| {
        from_json::<AccessKey>(invalid.as_bytes()).unwrap();
    });
    assert!(m.contains("/UserName"), "{m}");
    assert_clean("unwrap panic", &m);
    let m = panic_message(|| {
        let key = from_json::<AccessKey>(valid.as_bytes()).unwrap();
        assert_eq!(
            *key,
            AccessKey {
                user_name: "Eve".into(),
                ..key.clone().into_inner()
            }
        );
    });
    assert_clean("assert_eq panic", &m);
}

// ---- Processes: the CLI and the axum example ---------------------------------

fn root() -> PathBuf {
    xtask::workspace_root()
}

/// Builds a target of `package` with cargo (the same target directory, so
/// usually a no-op) and returns its executable.
fn build(package: &str, args: &[&str]) -> PathBuf {
    let out = Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["build", "-q", "-p", package, "--message-format=json"])
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .expect("cargo runs");
    assert!(out.status.success(), "cargo build {args:?} failed");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["executable"].as_str().map(PathBuf::from))
        .next_back()
        .expect("an executable")
}

#[test]
fn cli_output_never_echoes_the_secret() {
    let exe = build("access-key-cli", &["--bin", "access-key"]);
    let mut ndjson = String::new();
    for p in payloads() {
        ndjson.push_str(&p);
        ndjson.push('\n');
    }
    let pretty = serde_json::to_string_pretty(
        &serde_json::from_str::<serde_json::Value>(&key_json(CANARY, "a b")).unwrap(),
    )
    .unwrap();
    let dir = std::env::temp_dir().join(format!("access-key-secrets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (nd, doc) = (dir.join("keys.ndjson"), dir.join("key.json"));
    std::fs::write(&nd, &ndjson).unwrap();
    std::fs::write(&doc, &pretty).unwrap();
    for format in ["text", "json"] {
        for threads in ["1", "2"] {
            let out = Command::new(&exe)
                .args(["validate", "--format", format, "--threads", threads])
                .args([&nd, &doc])
                .arg("-")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .and_then(|mut child| {
                    child.stdin.take().unwrap().write_all(ndjson.as_bytes())?;
                    child.wait_with_output()
                })
                .unwrap();
            assert_eq!(out.status.code(), Some(1));
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                stdout.lines().count() >= 2 * (payloads().len() - 1),
                "{stdout}"
            );
            assert_clean(&format!("CLI stdout ({format})"), &stdout);
            assert_clean(
                &format!("CLI stderr ({format})"),
                &String::from_utf8_lossy(&out.stderr),
            );
        }
    }
    for t in ["CreateAccessKeyResponse", "AccessKey"] {
        let out = Command::new(&exe)
            .args(["validate", "--type", t])
            .arg(&nd)
            .output()
            .unwrap();
        assert_clean("CLI stdout", &String::from_utf8_lossy(&out.stdout));
        assert_clean("CLI stderr", &String::from_utf8_lossy(&out.stderr));
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// One HTTP/1.1 request; the status line's code and the body.
fn http(port: u16, path: &str, content_type: &str, body: &str) -> (u16, String) {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |x| x.1)
        .to_owned();
    (status, body)
}

#[test]
fn axum_example_echoes_the_secret_only_in_the_create_response() {
    let exe = build("access-key-iam-service", &["--bin", "iam_service"]);
    let mut child = Command::new(exe)
        .args(["--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let port: u16 = first.trim().rsplit(':').next().unwrap().parse().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let logs = std::thread::spawn(move || {
        let mut all = String::new();
        stderr.read_to_string(&mut all).ok();
        stdout.read_to_string(&mut all).ok();
        all
    });

    let json = "application/json";
    let (status, created) = http(port, "/CreateAccessKey", json, r#"{"UserName": "Alice"}"#);
    assert_eq!(status, 200, "{created}");
    let v: serde_json::Value = serde_json::from_str(&created).unwrap();
    let secret = v["AccessKey"]["SecretAccessKey"]
        .as_str()
        .unwrap()
        .to_owned();
    let id = v["AccessKey"]["AccessKeyId"].as_str().unwrap().to_owned();
    assert!(secret.len() >= 16);
    assert_eq!(created.matches(&secret).count(), 1);

    let mut others = Vec::new();
    let requests: Vec<(&str, &str, String)> = vec![
        ("/ListAccessKeys", json, r#"{"UserName": "Alice"}"#.into()),
        (
            "/ListAccessKeys",
            json,
            format!(r#"{{"UserName": "Alice", "Marker": "{CANARY}"}}"#),
        ),
        (
            "/UpdateAccessKey",
            json,
            format!(r#"{{"UserName": "Alice", "AccessKeyId": "{id}", "Status": "Inactive"}}"#),
        ),
        // The planted canary, in every kind of bad request.
        (
            "/CreateAccessKey",
            json,
            format!(r#"{{"UserName": "{CANARY} x"}}"#),
        ),
        (
            "/CreateAccessKey",
            json,
            format!(r#"{{"UserName": "{CANARY}", "UserName": "a"}}"#),
        ),
        (
            "/CreateAccessKey",
            json,
            format!(r#"{{"UserName": "{CANARY}"#),
        ),
        (
            "/CreateAccessKey",
            "text/plain",
            format!(r#"{{"UserName": "{CANARY}"}}"#),
        ),
        (
            "/UpdateAccessKey",
            json,
            format!(r#"{{"AccessKeyId": "{CANARY}", "Status": "{CANARY}"}}"#),
        ),
        (
            "/UpdateAccessKey",
            json,
            format!(r#"{{"AccessKeyId": "{CANARY}", "Status": "Active"}}"#),
        ),
        (
            "/DeleteAccessKey",
            json,
            format!(r#"{{"UserName": "{CANARY}", "AccessKeyId": "{id}"}}"#),
        ),
        (
            "/DeleteAccessKey",
            json,
            format!(r#"{{"UserName": "Alice", "AccessKeyId": "{id}"}}"#),
        ),
        ("/ListAccessKeys", json, r#"{"UserName": "Alice"}"#.into()),
    ];
    for (path, ct, body) in &requests {
        let (status, response) = http(port, path, ct, body);
        others.push(format!("{path} {status}: {response}"));
    }
    child.kill().ok();
    child.wait().ok();
    let logs = logs.join().unwrap();
    assert!(
        logs.contains("/CreateAccessKey"),
        "the example logs requests: {logs}"
    );

    for out in others.iter().chain([&logs]) {
        assert!(!out.contains(&secret), "the issued secret leaks: {out}");
        assert_clean("the example's output", out);
    }
    println!(
        "{} responses and {} bytes of logs checked",
        others.len(),
        logs.len()
    );
}

// ---- Zeroization, observed -------------------------------------------------

/// While armed, every freed block is searched for `WATCHED`.
struct Observing;

static ARMED: AtomicBool = AtomicBool::new(false);
static FREED_WITH_SECRET: AtomicUsize = AtomicUsize::new(0);
/// A secret no other test uses, so their frees never match.
const WATCHED: &[u8] = b"ZEROIZE-WATCH-9c41d2e7b85a3f60";

unsafe impl GlobalAlloc for Observing {
    /// Every block starts zeroed, so a block freed with the secret in it
    /// held the secret during its own lifetime (not stale bytes of an
    /// earlier block at the same address).
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ARMED.load(Ordering::Relaxed) && layout.size() >= WATCHED.len() {
            // SAFETY: the block is live until `System.dealloc` below.
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            if block.windows(WATCHED.len()).any(|w| w == WATCHED) {
                FREED_WITH_SECRET.fetch_add(1, Ordering::Relaxed);
            }
        }
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Observing = Observing;

/// Blocks freed with the watched secret still in them while `f` runs.
fn freed_with_secret(f: impl FnOnce()) -> usize {
    static ONE: Mutex<()> = Mutex::new(());
    let _g: MutexGuard<'_, ()> = ONE.lock().unwrap_or_else(|e| e.into_inner());
    FREED_WITH_SECRET.store(0, Ordering::Relaxed);
    ARMED.store(true, Ordering::Relaxed);
    f();
    ARMED.store(false, Ordering::Relaxed);
    FREED_WITH_SECRET.load(Ordering::Relaxed)
}

fn watched() -> String {
    let mut s = String::with_capacity(WATCHED.len());
    s.push_str(std::str::from_utf8(WATCHED).unwrap());
    s
}

#[test]
fn secret_string_is_zeroized_on_drop() {
    // The observer sees a plain String freed with the secret in it...
    assert_eq!(freed_with_secret(|| drop(watched())), 1);
    // ...and never a SecretString, nor its clones.
    assert_eq!(
        freed_with_secret(|| {
            let s = SecretString::new(watched());
            let t = s.clone();
            drop(s);
            drop(t);
        }),
        0
    );
    // A key read by `from_json` (fast path, secret unescaped): no copy of the
    // secret is left in freed memory once the key is dropped.
    let w = std::str::from_utf8(WATCHED).unwrap();
    let valid = key_json(w, "Bob");
    assert_eq!(
        freed_with_secret(|| drop(from_json::<AccessKey>(valid.as_bytes()).unwrap())),
        0
    );
    // Invalid, caught by `validate()` after deserializing: the same.
    let invalid = key_json(w, "bad user");
    assert_eq!(
        freed_with_secret(|| drop(from_json::<AccessKey>(invalid.as_bytes()).unwrap_err())),
        0
    );
    // Not deserializable (slow path: the payload is parsed again into a
    // `serde_json::Value`, whose copy of the secret is scrubbed too).
    let invalid = key_json(w, "Bob").replace("Active", "On");
    assert_eq!(
        freed_with_secret(|| drop(from_json::<AccessKey>(invalid.as_bytes()).unwrap_err())),
        0
    );
    // The reader decodes an escaped secret itself, and skips a repeated
    // one: neither leaves a decoded copy in freed memory.
    let escaped = format!("{w}\\u0021");
    for payload in [
        key_json(&escaped, "Bob"),
        key_json(&escaped, "Bob").replace("Active", "On"),
        key_json(&escaped, "Bob").replace(
            r#""Status""#,
            &format!(r#""SecretAccessKey": "{escaped}", "Status""#),
        ),
    ] {
        assert_eq!(
            freed_with_secret(|| drop(from_json::<AccessKey>(payload.as_bytes()))),
            0,
            "{payload}"
        );
    }
}

fn quoting_item(s: &String) -> Result<(), access_key_schema::CustomError> {
    Err(access_key_schema::CustomError::new(
        "quoting_item",
        format!("not {s}"),
    ))
}

/// A sensitive collection whose items a user's check quotes.
#[derive(Validate, serde::Deserialize, Debug)]
struct Words {
    #[validate(sensitive, inner(custom = quoting_item))]
    words: Vec<String>,
}

#[test]
fn a_custom_check_on_a_sensitive_collections_items_never_echoes_them() {
    let words = Words {
        words: vec![CANARY.into()],
    };
    let e = words.validate().unwrap_err();
    assert_eq!(e.violations()[0].code(), "quoting_item");
    for out in report_outputs(&e) {
        assert_clean("validate() report", &out);
    }
    let payload = format!(r#"{{"words": ["{CANARY}"], "extra": 1}}"#);
    let e = from_json::<Words>(payload.as_bytes()).unwrap_err();
    for out in report_outputs(&e) {
        assert_clean("from_json report", &out);
    }
}
