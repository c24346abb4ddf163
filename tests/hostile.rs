//! Hostile payloads at the `from_json` boundary: each gets a clear report
//! (one stable code, a message that quotes nothing of the payload), in
//! bounded time and bounded memory. Memory is measured by a counting global
//! allocator: the peak of live heap bytes above what the test held before
//! the call.
//!
//! Sizes are the ones the issue names (100 MB string, 100,000 levels,
//! 1,000,000 members, 10,000 digits); the whole file runs in a few seconds
//! in a debug build. Then the ReDoS check of every emitted pattern in Python
//! `re` and JavaScript `RegExp`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use access_key_schema::{
    from_json, from_json_with, AccessKey, Limits, ListAccessKeysRequest, ValidationErrors,
};

// ---- A counting allocator ------------------------------------------------

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let grow = new_size - layout.size();
                let now = LIVE.fetch_add(grow, Ordering::Relaxed) + grow;
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The tests of this file run one at a time, so the peak is one call's.
fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f`; its result, the wall time, and the peak heap it added.
fn measure<R>(f: impl FnOnce() -> R) -> (R, Duration, usize) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let start = Instant::now();
    let r = f();
    let elapsed = start.elapsed();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    (r, elapsed, peak)
}

const MB: usize = 1 << 20;

fn codes(e: &ValidationErrors) -> Vec<(&str, &str)> {
    e.violations()
        .iter()
        .map(|v| (v.path(), v.code()))
        .collect()
}

/// The one violation of a report that must hold exactly one.
fn only(e: &ValidationErrors) -> (String, &'static str, String) {
    assert_eq!(e.violations().len(), 1, "{:?}", codes(e));
    let v = &e.violations()[0];
    (v.path().to_owned(), v.code(), v.message())
}

fn syntax_reason(e: &ValidationErrors) -> String {
    let (path, code, message) = only(e);
    assert_eq!((path.as_str(), code), ("", "syntax"), "{message}");
    message
}

/// `{"AccessKeyId": .., "SecretAccessKey": .., "Status": .., "UserName": <user>}`.
fn key_with_user(user: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(user.len() + 128);
    out.extend_from_slice(
        br#"{"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG", "Status": "Active", "UserName": "#,
    );
    out.extend_from_slice(user);
    out.push(b'}');
    out
}

const VALID: &[u8] = br#"{"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG", "Status": "Active", "UserName": "Bob"}"#;

// ---- Size ------------------------------------------------------------------

#[test]
fn string_of_100_mb() {
    let _g = serial();
    let mut user = Vec::with_capacity(100 * MB + 2);
    user.push(b'"');
    user.resize(100 * MB + 1, b'a');
    user.push(b'"');
    let payload = key_with_user(&user);
    drop(user);

    // Default limits: refused before any parsing, nothing allocated to speak of.
    let (r, t, peak) = measure(|| from_json::<AccessKey>(&payload));
    let (path, code, message) = only(r.as_ref().unwrap_err());
    assert_eq!((path.as_str(), code), ("", "limit"));
    assert!(message.ends_with("Member must have size less than or equal to 1048576 bytes"));
    assert!(
        t < Duration::from_millis(50) && peak < 64 << 10,
        "{t:?} {peak}"
    );

    // Limits raised past it: read, one clear `length` violation, memory a
    // small multiple of the payload.
    let limits = Limits {
        max_bytes: 128 * MB,
        ..Limits::DEFAULT
    };
    let (r, t, peak) = measure(|| from_json_with::<AccessKey>(&payload, &limits));
    let e = r.unwrap_err();
    assert_eq!(codes(&e), [("/UserName", "length")]);
    println!(
        "100 MB string, limits raised: {t:?}, peak heap {} MB",
        peak / MB
    );
    assert!(peak <= 3 * payload.len(), "peak {} MB", peak / MB);
    assert!(t < Duration::from_secs(15), "{t:?}");
}

#[test]
fn one_million_members() {
    let _g = serial();
    let mut payload = Vec::with_capacity(16 * MB);
    payload.extend_from_slice(&VALID[..VALID.len() - 1]);
    for i in 0..1_000_000 {
        payload.extend_from_slice(format!(r#","m{i}":0"#).as_bytes());
    }
    payload.push(b'}');
    assert!(payload.len() > 10 * MB);

    let (r, _, _) = measure(|| from_json::<AccessKey>(&payload));
    assert_eq!(only(r.as_ref().unwrap_err()).1, "limit");

    // Raised: unknown members are ignored (AccessKey does not deny them), so
    // the payload is valid; duplicates would be found among 1,000,000 names.
    let limits = Limits {
        max_bytes: 32 * MB,
        ..Limits::DEFAULT
    };
    let (r, t, peak) = measure(|| from_json_with::<AccessKey>(&payload, &limits).map(drop));
    println!(
        "1,000,000 members, limits raised: {t:?}, peak heap {} MB",
        peak / MB
    );
    assert!(r.is_ok());
    assert!(t < Duration::from_secs(10), "{t:?}");
    assert!(peak <= 8 * payload.len(), "peak {} MB", peak / MB);

    // The same members with one repeated at the end: found, with its path,
    // through the slow path's full parse.
    payload.pop();
    payload.extend_from_slice(br#","m999999":1,"Status":"Nope"}"#);
    let (r, t, peak) = measure(|| from_json_with::<AccessKey>(&payload, &limits));
    println!(
        "1,000,000 members + duplicate: {t:?}, peak heap {} MB",
        peak / MB
    );
    let e = r.unwrap_err();
    assert_eq!(
        codes(&e),
        [
            ("/m999999", "duplicate_field"),
            ("/Status", "duplicate_field")
        ]
    );
    assert!(t < Duration::from_secs(15), "{t:?}");
    assert!(peak <= 24 * payload.len(), "peak {} MB", peak / MB);
}

#[test]
fn many_duplicate_members_in_one_mib() {
    let _g = serial();
    // The worst report a default-limits payload can ask for: one violation
    // per 6 bytes. All are counted; only the first `max_violations` are
    // kept, so the report stays small, and the time is not quadratic.
    let mut payload = b"{\"a\":0".to_vec();
    while payload.len() < MB - 8 {
        payload.extend_from_slice(b",\"a\":0");
    }
    payload.push(b'}');
    let (r, t, peak) = measure(|| from_json::<AccessKey>(&payload));
    let e = r.unwrap_err();
    let max = Limits::DEFAULT.max_violations;
    assert_eq!(e.violations().len(), max);
    assert!(e.violations().iter().all(|v| v.code() == "duplicate_field"));
    assert_eq!(e.violations()[0].path(), "/a");
    // 174,761 repeats, then the four required members.
    assert_eq!(e.len(), (payload.len() - 7) / 6 + 4, "{}", e.len());
    assert_eq!(e.omitted(), e.len() - max);
    let body = serde_json::to_string(&e).unwrap();
    let tail = format!("; and {} more", e.omitted());
    assert!(e.to_string().ends_with(&tail), "{}", e);
    assert!(body.contains(&format!("{tail}\"")), "{body}");
    println!(
        "{} duplicate members in 1 MiB: {t:?}, peak heap {} KB, report body {} bytes ({max} kept)",
        e.len() - 4,
        peak / 1024,
        body.len()
    );
    assert!(t < Duration::from_secs(10), "{t:?}");
    assert!(body.len() < 64 * 1024, "{} bytes", body.len());
    assert!(peak <= 16 * payload.len(), "peak {} MB", peak / MB);

    // Raised, the cap keeps them all: the count is the same.
    let all = Limits {
        max_violations: usize::MAX,
        ..Limits::DEFAULT
    };
    let every = from_json_with::<AccessKey>(&payload, &all).unwrap_err();
    assert_eq!(every.len(), e.len());
    assert_eq!(every.violations().len(), e.len());
    assert_eq!(every.violations()[..max], e.violations()[..]);
}

// ---- Depth -------------------------------------------------------------

#[test]
fn nesting_100_000_deep() {
    let _g = serial();
    let n = 100_000;
    let arrays = format!("{}{}", "[".repeat(n), "]".repeat(n));
    let objects = format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n));
    let in_member = format!(
        "{},\"x\":{}}}",
        std::str::from_utf8(&VALID[..VALID.len() - 1]).unwrap(),
        arrays
    );
    let unclosed = "[".repeat(n);
    for (name, doc, path) in [
        // The 65th level fails: the path names the 64th.
        ("arrays", arrays.as_str(), "/0".repeat(64)),
        ("objects", objects.as_str(), "/a".repeat(64)),
        (
            "inside an ignored member",
            in_member.as_str(),
            format!("/x{}", "/0".repeat(63)),
        ),
        ("unclosed", unclosed.as_str(), "/0".repeat(64)),
    ] {
        let (r, t, peak) = measure(|| {
            from_json_with::<AccessKey>(
                doc.as_bytes(),
                &Limits {
                    max_bytes: 8 * MB,
                    ..Limits::DEFAULT
                },
            )
        });
        let (at, code, message) = only(r.as_ref().unwrap_err());
        assert_eq!(code, "limit", "{name}");
        assert_eq!(at, path, "{name}");
        assert!(
            message.ends_with("Member must have nesting depth less than or equal to 64"),
            "{name}: {message}"
        );
        assert!(
            t < Duration::from_secs(1) && peak < MB,
            "{name}: {t:?} {peak}"
        );
    }
    // A limit above serde_json's own (127) acts as 127: still no recursion
    // past it, so no stack overflow on any thread.
    let limits = Limits {
        max_bytes: 8 * MB,
        max_depth: 1_000_000,
        ..Limits::DEFAULT
    };
    let e = from_json_with::<AccessKey>(arrays.as_bytes(), &limits).unwrap_err();
    assert!(only(&e).2.ends_with("less than or equal to 127"));
}

// ---- Encoding ------------------------------------------------------------

#[test]
fn invalid_utf8() {
    let _g = serial();
    for bad in [
        &b"\"\xff\""[..],
        b"\"\xc3\x28\"",
        b"\"\xed\xa0\x80\"",     // a UTF-8-encoded surrogate
        b"\"\xf4\x90\x80\x80\"", // above U+10FFFF
        b"\"ab\xe2\x82\"",       // truncated sequence
    ] {
        let e = from_json::<AccessKey>(&key_with_user(bad)).unwrap_err();
        let m = syntax_reason(&e);
        assert!(
            m.contains("invalid unicode code point at line 1 column"),
            "{m}"
        );
    }
    // Outside a string it is just not JSON.
    let e = from_json::<AccessKey>(b"\xff{}").unwrap_err();
    assert!(syntax_reason(&e).contains("expected value at line 1 column 1"));
}

#[test]
fn lone_surrogates_in_escapes() {
    let _g = serial();
    for (bad, reason) in [
        // serde_json's wording; each a `syntax` report with its position.
        (r#""\ud800""#, "unexpected end of hex escape"),
        (r#""\ud800x""#, "unexpected end of hex escape"),
        (r#""\ud800\u0041""#, "lone leading surrogate in hex escape"),
        (r#""\udc00""#, "lone leading surrogate in hex escape"),
        (r#""\udfff\ud800""#, "lone leading surrogate in hex escape"),
        (r#""\ud8""#, "invalid escape"),
    ] {
        let e = from_json::<AccessKey>(&key_with_user(bad.as_bytes())).unwrap_err();
        let m = syntax_reason(&e);
        assert!(m.contains(reason), "{bad}: {m}");
    }
    // A proper pair is a character: outside the pattern, a `pattern` report.
    let e = from_json::<AccessKey>(&key_with_user(br#""\ud83d\ude00""#)).unwrap_err();
    assert_eq!(codes(&e), [("/UserName", "pattern")]);
}

#[test]
fn nul_bytes() {
    let _g = serial();
    // Raw NUL inside a string: a control character, refused by JSON.
    let e = from_json::<AccessKey>(&key_with_user(b"\"a\0b\"")).unwrap_err();
    assert!(syntax_reason(&e).contains("control character"));
    // Escaped: a valid string that fails the pattern.
    let e = from_json::<AccessKey>(&key_with_user(br#""a\u0000b""#)).unwrap_err();
    assert_eq!(codes(&e), [("/UserName", "pattern")]);
    // Raw NUL between tokens, or after the document.
    let e = from_json::<AccessKey>(b"{\0}").unwrap_err();
    assert!(syntax_reason(&e).contains("key must be a string"));
    let mut trailing = VALID.to_vec();
    trailing.push(0);
    let e = from_json::<AccessKey>(&trailing).unwrap_err();
    assert!(syntax_reason(&e).contains("trailing characters"));
}

#[test]
fn bom_is_not_json() {
    let _g = serial();
    // RFC 8259 lets a parser ignore a BOM; `from_json` refuses it (a request
    // body must not carry one), with a clear `syntax` report. The CLI skips a
    // BOM at the start of a file (see access-key-cli/tests/cli.rs).
    let mut payload = b"\xEF\xBB\xBF".to_vec();
    payload.extend_from_slice(VALID);
    let e = from_json::<AccessKey>(&payload).unwrap_err();
    assert!(syntax_reason(&e).contains("expected value at line 1 column 1"));
}

#[test]
fn numbers_with_10_000_digits() {
    let _g = serial();
    let big = format!("1{}", "0".repeat(9_999));
    let tiny = format!("0.{}1", "0".repeat(9_998));
    let long_fraction = format!("5.{}", "0".repeat(9_998));
    let request = |n: &str| format!(r#"{{"MaxItems": {n}}}"#);
    let (r, t, _) = measure(|| from_json::<ListAccessKeysRequest>(request(&big).as_bytes()));
    assert!(syntax_reason(r.as_ref().unwrap_err()).contains("number out of range"));
    assert!(t < Duration::from_secs(1), "{t:?}");
    // Numbers are read as f64, as by every JSON Schema engine that parses
    // JSON into doubles (ajv, Python's `json`, the `jsonschema` crate):
    // 10^-9999 underflows to 0, a whole number, so `range`, not `type`.
    let (r, t, _) = measure(|| from_json::<ListAccessKeysRequest>(request(&tiny).as_bytes()));
    assert_eq!(codes(r.as_ref().unwrap_err()), [("/MaxItems", "range")]);
    assert!(t < Duration::from_secs(1), "{t:?}");
    // A whole number however written is an integer (JSON Schema's rule).
    let r = from_json::<ListAccessKeysRequest>(request(&long_fraction).as_bytes());
    assert_eq!(r.unwrap().max_items, Some(5));
    let neg = format!("-{big}");
    let r = from_json::<ListAccessKeysRequest>(request(&neg).as_bytes());
    assert!(syntax_reason(r.as_ref().unwrap_err()).contains("number out of range"));
    // In a member nobody reads, the number still has to be JSON.
    let payload = format!(
        "{},\"x\":{big}}}",
        std::str::from_utf8(&VALID[..VALID.len() - 1]).unwrap()
    );
    let e = from_json::<AccessKey>(payload.as_bytes()).unwrap_err();
    assert!(syntax_reason(&e).contains("number out of range"));
}

#[test]
fn duplicate_members() {
    let _g = serial();
    let payload =
        br#"{"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "a", "Status": "Active",
        "UserName": "Bob", "UserName": "Eve", "Status": "Inactive", "x": {"y": 1, "\u0079": 2}}"#;
    let e = from_json::<AccessKey>(payload).unwrap_err();
    assert_eq!(
        codes(&e),
        [
            ("/UserName", "duplicate_field"),
            ("/Status", "duplicate_field"),
            ("/x/y", "duplicate_field"),
        ]
    );
    assert_eq!(
        e.violations()[0].message(),
        "Value at '/UserName' failed to satisfy constraint: Member must not appear more than once"
    );
}

#[test]
fn trailing_garbage() {
    let _g = serial();
    for tail in [&b"x"[..], b"{}", b",", b"]", b"\"", b" 1", b"\n{\"a\":1}"] {
        let mut payload = VALID.to_vec();
        payload.extend_from_slice(tail);
        let e = from_json::<AccessKey>(&payload).unwrap_err();
        assert!(
            syntax_reason(&e).contains("trailing characters"),
            "{:?}",
            String::from_utf8_lossy(tail)
        );
    }
    let mut spaced = VALID.to_vec();
    spaced.extend_from_slice(b" \n\t\r ");
    assert!(from_json::<AccessKey>(&spaced).is_ok());
}

// ---- ReDoS: every emitted pattern in Python `re` and JavaScript `RegExp` ----

/// Every `pattern` keyword of every committed schema.
fn emitted_patterns() -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        ("pattern", serde_json::Value::String(p)) => out.push(p.clone()),
                        _ => walk(v, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let dir = xtask::workspace_root().join("schema");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".schema.json") {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            walk(&v, &mut out);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The near misses: `prefix + fill * n + suffix` for every prefix (empty,
/// and a valid timestamp up to its unbounded fraction), fill char and bad
/// suffix, at n = 10,000 and 100,000; each matched as JSON Schema does (a
/// search). Prints one JSON line per pattern: the worst time at each size.
const PYTHON: &str = r#"
import json, re, sys, time
patterns = json.load(sys.stdin)
prefixes = ["", "2015-03-09T18:39:23."]
fills = ["a", "Z", "0", "9", "_", "-", ".", " ", "\u00e9", "T", ":", "\n"]
suffixes = ["!", "\n", "\u0000", "\u0100", "\U0001F600", "Z\n"]
for p in patterns:
    rx = re.compile(p)
    worst = {}
    for n in (10000, 100000):
        w = 0.0
        for pre in prefixes:
            for f in fills:
                for suf in suffixes:
                    s = pre + f * n + suf
                    # The fastest of three runs: a preemption spike on a
                    # loaded machine is not the engine's time.
                    best = float("inf")
                    for _ in range(3):
                        t = time.perf_counter(); rx.search(s); best = min(best, time.perf_counter() - t)
                    w = max(w, best)
        worst[n] = w
    print(json.dumps({"pattern": p, "small": worst[10000], "large": worst[100000]}), flush=True)
"#;

const NODE: &str = r#"
const patterns = JSON.parse(require("fs").readFileSync(0, "utf8"));
const prefixes = ["", "2015-03-09T18:39:23."];
const fills = ["a", "Z", "0", "9", "_", "-", ".", " ", "\u00e9", "T", ":", "\n"];
const suffixes = ["!", "\n", "\u0000", "\u0100", "\u{1F600}", "Z\n"];
for (const p of patterns) {
  const rx = new RegExp(p, "u");
  const worst = {};
  for (const n of [10000, 100000]) {
    let w = 0;
    for (const pre of prefixes) for (const f of fills) for (const suf of suffixes) {
      const s = pre + f.repeat(n) + suf;
      // The fastest of three runs (a preemption spike is not the engine's).
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const t = process.hrtime.bigint(); rx.test(s);
        best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
      }
      w = Math.max(w, best);
    }
    worst[n] = w;
  }
  console.log(JSON.stringify({pattern: p, small: worst[10000], large: worst[100000]}));
}
"#;

fn run_engine(program: &str, args: &[&str], patterns: &str) -> Option<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = match Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            println!("NOTE: {program} not available ({e}); ReDoS check skipped for it");
            return None;
        }
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(patterns.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{program} failed");
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn emitted_patterns_stay_linear_in_python_and_javascript() {
    // Serial: the other tests here measure the process's peak heap.
    let _g = serial();
    let patterns = emitted_patterns();
    assert!(patterns.len() >= 5, "{patterns:?}");
    let input = serde_json::to_string(&patterns).unwrap();
    for (engine, program, args) in [
        ("python re", "python3", vec!["-c", PYTHON]),
        ("node RegExp(u)", "node", vec!["-e", NODE]),
    ] {
        let Some(out) = run_engine(program, &args, &input) else {
            continue;
        };
        let mut seen = 0;
        for line in out.lines() {
            let r: serde_json::Value = serde_json::from_str(line).unwrap();
            let (small, large) = (r["small"].as_f64().unwrap(), r["large"].as_f64().unwrap());
            let ratio = large / small.max(1e-3);
            println!(
                "{engine}: {:>8.3} ms @10k, {:>8.3} ms @100k (x{ratio:.1}) {}",
                small * 1e3,
                large * 1e3,
                r["pattern"].as_str().unwrap().escape_debug()
            );
            assert!(large < 2.0, "{engine}: {large} s on {}", r["pattern"]);
            assert!(
                ratio < 30.0,
                "{engine}: x{ratio} for x10 input on {}",
                r["pattern"]
            );
            seen += 1;
        }
        assert_eq!(seen, patterns.len(), "{engine}");
    }
}

/// What makes backtracking engines blow up is an unbounded repetition inside
/// another; no emitted pattern has one (the translator refuses them).
#[test]
fn emitted_patterns_have_no_nested_unbounded_repetition() {
    use regex_syntax::ast::{Ast, RepetitionKind, RepetitionRange};
    // Serial: the other tests here measure the process's peak heap.
    let _g = serial();
    fn walk(ast: &Ast, inside: bool) -> bool {
        match ast {
            Ast::Repetition(r) => {
                let unbounded = matches!(
                    r.op.kind,
                    RepetitionKind::ZeroOrMore
                        | RepetitionKind::OneOrMore
                        | RepetitionKind::Range(RepetitionRange::AtLeast(_))
                );
                (unbounded && inside) || walk(&r.ast, inside || unbounded)
            }
            Ast::Group(g) => walk(&g.ast, inside),
            Ast::Alternation(a) => a.asts.iter().any(|x| walk(x, inside)),
            Ast::Concat(c) => c.asts.iter().any(|x| walk(x, inside)),
            _ => false,
        }
    }
    for p in emitted_patterns() {
        let ast = regex_syntax::ast::parse::Parser::new().parse(&p).unwrap();
        assert!(!walk(&ast, false), "nested unbounded repetition in {p}");
    }
}
