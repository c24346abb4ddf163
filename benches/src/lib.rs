//! What the benchmarks share: the plain struct every peer parses into, the
//! peers' configurations, a byte-table hand-written check, and the payloads
//! (one valid, one with three violations, and a deterministic mixed NDJSON
//! batch).
//!
//! One struct, [`PlainKey`], carries the `validator` and `garde` derives, so
//! the parse cost of every peer is identical; `serde_json::from_slice` into it
//! is the floor every ratio is measured against. This library reads the real
//! [`access_key_schema::AccessKey`] (a `SecretString`, a `StatusType`, a
//! parsed `Timestamp`), which does more work than the plain struct.

use std::sync::LazyLock;

use serde::Deserialize;

/// `[\w]+` and `[\w+=,.@-]+` with ASCII `\w`, anchored: the patterns of
/// `AccessKeyId` and `UserName` in `regex` syntax (`\w` is Unicode there).
pub const ID_PATTERN: &str = r"^[0-9A-Za-z_]+$";
/// See [`ID_PATTERN`].
pub const USER_PATTERN: &str = r"^[0-9A-Za-z_+=,.@-]+$";

/// Compiled once, for `validator` and the plain-`regex` check.
pub static ID_RE: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(ID_PATTERN).expect("valid"));
/// See [`ID_RE`].
pub static USER_RE: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(USER_PATTERN).expect("valid"));

/// The status of a key, as the plain struct reads it.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// `Active`.
    Active,
    /// `Inactive`.
    Inactive,
}

/// The access key as a plain serde struct, with the same constraints written
/// for `validator` and for `garde`.
#[derive(Deserialize, Debug, Clone, validator::Validate, garde::Validate)]
#[serde(rename_all = "PascalCase")]
pub struct PlainKey {
    /// 16..=128 code points of `[\w]`.
    #[validate(length(min = 16, max = 128), regex(path = *ID_RE))]
    #[garde(length(chars, min = 16, max = 128), pattern(r"^[0-9A-Za-z_]+$"))]
    pub access_key_id: String,
    /// Unconstrained.
    #[garde(skip)]
    pub secret_access_key: String,
    /// `Active` or `Inactive`.
    #[garde(skip)]
    pub status: Status,
    /// 1..=64 code points of `[\w+=,.@-]`.
    #[validate(length(min = 1, max = 64), regex(path = *USER_RE))]
    #[garde(length(chars, min = 1, max = 64), pattern(r"^[0-9A-Za-z_+=,.@-]+$"))]
    pub user_name: String,
    /// Not checked by the peers (neither has an RFC 3339 rule).
    #[serde(default)]
    #[garde(skip)]
    pub create_date: Option<String>,
}

/// A violation as the hand-written checks record it: (JSON Pointer, code).
pub type Found = Vec<(&'static str, &'static str)>;

const fn table(extra: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    let mut i = 0;
    while i < extra.len() {
        t[extra[i] as usize] = true;
        i += 1;
    }
    t
}

static ID_TABLE: [bool; 256] = table(b"");
static USER_TABLE: [bool; 256] = table(b"+=,.@-");

/// One field: length in code points, then the class; both recorded.
#[inline]
fn hand_field(
    s: &str,
    min: usize,
    max: usize,
    table: &[bool; 256],
    path: &'static str,
    out: &mut Found,
) {
    let mut ok = true;
    for &b in s.as_bytes() {
        ok &= table[b as usize];
    }
    // An ASCII-only class passed: bytes are code points.
    let n = if ok { s.len() } else { s.chars().count() };
    if n < min || n > max {
        out.push((path, "length"));
    }
    if !ok || s.is_empty() {
        out.push((path, "pattern"));
    }
}

/// The byte-table hand-written check: every violation as (path, code).
pub fn hand_check(k: &PlainKey) -> Found {
    let mut out = Vec::new();
    hand_field(
        &k.access_key_id,
        16,
        128,
        &ID_TABLE,
        "/AccessKeyId",
        &mut out,
    );
    hand_field(&k.user_name, 1, 64, &USER_TABLE, "/UserName", &mut out);
    out
}

fn regex_field(
    s: &str,
    min: usize,
    max: usize,
    re: &regex::Regex,
    path: &'static str,
    out: &mut Found,
) {
    let n = s.chars().count();
    if n < min || n > max {
        out.push((path, "length"));
    }
    if !re.is_match(s) {
        out.push((path, "pattern"));
    }
}

/// The same check with `regex` (compiled once, anchored) for the patterns.
pub fn regex_check(k: &PlainKey) -> Found {
    let mut out = Vec::new();
    regex_field(&k.access_key_id, 16, 128, &ID_RE, "/AccessKeyId", &mut out);
    regex_field(&k.user_name, 1, 64, &USER_RE, "/UserName", &mut out);
    out
}

/// `jsonschema` compiled once from the committed schema, formats asserted.
pub fn jsonschema_validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../schema/AccessKey.schema.json"
    )))
    .expect("schema is JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

/// Every error of `value` (pointer and keyword), only computed when it is
/// invalid: `is_valid` first is jsonschema's fast path.
pub fn jsonschema_errors(v: &jsonschema::Validator, value: &serde_json::Value) -> Vec<String> {
    if v.is_valid(value) {
        return Vec::new();
    }
    v.iter_errors(value)
        .map(|e| e.instance_path().to_string())
        .collect()
}

/// A valid `AccessKey` payload.
pub const VALID: &[u8] = br#"{"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","Status":"Active","UserName":"Bob","CreateDate":"2015-03-09T18:39:23Z"}"#;

/// Three rule violations: `/AccessKeyId` length and pattern, `/UserName`
/// pattern. Well-formed otherwise, so every peer parses it.
pub const INVALID3: &[u8] = br#"{"AccessKeyId":"AKIA-EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","Status":"Active","UserName":"Bob Smith","CreateDate":"2015-03-09T18:39:23Z"}"#;

/// splitmix64: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn push_from(&mut self, out: &mut String, alphabet: &[u8], n: usize) {
        for _ in 0..n {
            out.push(alphabet[self.below(alphabet.len() as u64) as usize] as char);
        }
    }
}

const ID_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SECRET_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const USER_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789._@+=,-";

/// Writes record `i` of the mixed stream (one line, no newline) to `out`.
///
/// Distinct values; about 10% invalid, all of them rule violations that
/// every peer can report (a parse failure would let the peers stop early):
/// `AccessKeyId` too short (length) or with a `-` (pattern); `UserName` with
/// a space (pattern), too long (length), empty (length and pattern) or
/// non-ASCII (pattern).
fn record(rng: &mut Rng, out: &mut String) {
    let invalid = rng.below(10) == 0;
    let kind = if invalid { rng.below(6) } else { u64::MAX };

    out.push_str(r#"{"AccessKeyId":""#);
    match kind {
        0 => {
            let n = 8 + rng.below(8) as usize;
            out.push_str("AKIA");
            rng.push_from(out, ID_CHARS, n - 4);
        }
        1 => {
            out.push_str("AKIA-");
            rng.push_from(out, ID_CHARS, 15);
        }
        _ => {
            out.push_str(if rng.below(4) == 0 { "ASIA" } else { "AKIA" });
            rng.push_from(out, ID_CHARS, 16);
        }
    }
    out.push_str(r#"","SecretAccessKey":""#);
    rng.push_from(out, SECRET_CHARS, 40);
    out.push_str(r#"","Status":""#);
    out.push_str(if rng.below(5) == 0 {
        "Inactive"
    } else {
        "Active"
    });
    out.push_str(r#"","UserName":""#);
    match kind {
        2 => {
            rng.push_from(out, USER_CHARS, 4);
            out.push(' ');
            rng.push_from(out, USER_CHARS, 5);
        }
        3 => {
            let n = 65 + rng.below(16) as usize;
            rng.push_from(out, USER_CHARS, n);
        }
        4 => {}
        5 => {
            rng.push_from(out, USER_CHARS, 3);
            out.push('\u{e9}');
        }
        _ => {
            let n = 3 + rng.below(22) as usize;
            rng.push_from(out, USER_CHARS, n);
        }
    }
    out.push('"');
    if rng.below(10) != 0 {
        let (y, mo, d) = (2010 + rng.below(16), 1 + rng.below(12), 1 + rng.below(28));
        let (h, mi, s) = (rng.below(24), rng.below(60), rng.below(60));
        out.push_str(&format!(
            r#","CreateDate":"{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}"#
        ));
        if rng.below(2) == 0 {
            out.push_str(&format!(".{:03}", rng.below(1000)));
        }
        out.push_str("Z\"");
    }
    out.push('}');
}

/// `n` records of the mixed stream, as NDJSON: the bytes, and each line's
/// range (without its newline). Deterministic.
pub fn ndjson(n: usize) -> (Vec<u8>, Vec<std::ops::Range<usize>>) {
    let mut rng = Rng(0x5eed);
    let mut text = String::with_capacity(n * 180);
    let mut lines = Vec::with_capacity(n);
    for _ in 0..n {
        let start = text.len();
        record(&mut rng, &mut text);
        lines.push(start..text.len());
        text.push('\n');
    }
    (text.into_bytes(), lines)
}

/// Writes mixed records to `out` until at least `bytes` bytes are written.
pub fn write_ndjson(out: &mut impl std::io::Write, bytes: u64) -> std::io::Result<u64> {
    let mut rng = Rng(0x5eed);
    let mut line = String::with_capacity(256);
    let (mut written, mut records) = (0u64, 0u64);
    while written < bytes {
        line.clear();
        record(&mut rng, &mut line);
        line.push('\n');
        out.write_all(line.as_bytes())?;
        written += line.len() as u64;
        records += 1;
    }
    Ok(records)
}

/// One payload of each kind of problem (issue 14's classes), for the
/// `classes` benchmark: `(id, payload, the codes of its report)`.
pub const CLASSES: &[(&str, &[u8], &[&str])] = &[
    ("valid", VALID, &[]),
    (
        "rule",
        br#"{"AccessKeyId":"AKIAIOSFODNN7","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","Status":"Active","UserName":"Bob","CreateDate":"2015-03-09T18:39:23Z"}"#,
        &["length"],
    ),
    (
        "enum",
        br#"{"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","Status":"Disabled","UserName":"Bob","CreateDate":"2015-03-09T18:39:23Z"}"#,
        &["enum"],
    ),
    (
        "type",
        br#"{"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","Status":1,"UserName":"Bob","CreateDate":"2015-03-09T18:39:23Z"}"#,
        &["type"],
    ),
    (
        "missing",
        br#"{"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","Status":"Active","CreateDate":"2015-03-09T18:39:23Z"}"#,
        &["required"],
    ),
    (
        "bad_date",
        br#"{"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","Status":"Active","UserName":"Bob","CreateDate":"2015-02-30T18:39:23Z"}"#,
        &["format"],
    ),
    (
        "duplicate",
        br#"{"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","Status":"Active","UserName":"Bob","Status":"Active","CreateDate":"2015-03-09T18:39:23Z"}"#,
        &["duplicate_field"],
    ),
    (
        "malformed",
        br#"{"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","Status":"Active","UserName":"Bob","CreateDate":"2015-03-09T18:"#,
        &["syntax"],
    ),
    (
        "escaped",
        br#"{"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","Status":"Active","UserName":"B\u006fb","CreateDate":"2015-03-09T18:39:23Z"}"#,
        &[],
    ),
];

/// The `AccessKey` shape with `deny_unknown_fields`: what the dirty batch
/// is read as, so that an unknown member is a violation.
#[derive(access_key_schema::Validate, Deserialize, Debug)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct StrictKey {
    /// As `AccessKey`'s.
    #[validate(length(min = 16, max = 128), pattern = r"[\w]+")]
    pub access_key_id: String,
    /// As `AccessKey`'s.
    #[validate(sensitive)]
    pub secret_access_key: access_key_schema::SecretString,
    /// As `AccessKey`'s.
    pub status: access_key_schema::StatusType,
    /// As `AccessKey`'s.
    #[validate(length(min = 1, max = 64), pattern = r"[\w+=,.@-]+")]
    pub user_name: String,
    /// As `AccessKey`'s.
    #[serde(default)]
    pub create_date: Option<access_key_schema::Timestamp>,
}

/// The kinds of invalid record of the dirty batch, each with the code its
/// report starts with.
pub const DIRTY_KINDS: [(&str, &str); 8] = [
    ("rule", "length"),
    ("enum", "enum"),
    ("type", "type"),
    ("missing", "required"),
    ("duplicate", "duplicate_field"),
    ("bad_date", "format"),
    ("unknown", "unknown_field"),
    ("malformed", "syntax"),
];

/// Writes record `i` of the dirty stream to `out`; returns the index in
/// [`DIRTY_KINDS`] of its problem, or `None` when it is valid. 30% invalid,
/// spread evenly over the kinds; every value distinct.
fn dirty_record(rng: &mut Rng, out: &mut String) -> Option<usize> {
    let kind = (rng.below(100) < 30).then(|| rng.below(DIRTY_KINDS.len() as u64) as usize);
    let mut members: Vec<(&str, String)> = Vec::with_capacity(7);
    let mut id = String::from(if rng.below(4) == 0 {
        "\"ASIA"
    } else {
        "\"AKIA"
    });
    let n = if kind == Some(0) {
        4 + rng.below(8) as usize
    } else {
        16
    };
    rng.push_from(&mut id, ID_CHARS, n);
    id.push('"');
    members.push(("AccessKeyId", id));
    let mut secret = String::from("\"");
    rng.push_from(&mut secret, SECRET_CHARS, 40);
    secret.push('"');
    members.push(("SecretAccessKey", secret));
    let status = match kind {
        Some(1) => ["\"Disabled\"", "\"active\"", "\"Enabled\""][rng.below(3) as usize],
        Some(2) => ["1", "true", "{}", "[]"][rng.below(4) as usize],
        _ if rng.below(5) == 0 => "\"Inactive\"",
        _ => "\"Active\"",
    };
    members.push(("Status", status.to_owned()));
    let mut user = String::from("\"");
    let n = 3 + rng.below(22) as usize;
    rng.push_from(&mut user, USER_CHARS, n);
    user.push('"');
    members.push(("UserName", user));
    if kind == Some(5) || rng.below(10) != 0 {
        let (y, mo) = (2010 + rng.below(16), 1 + rng.below(12));
        let d = if kind == Some(5) {
            32 + rng.below(60)
        } else {
            1 + rng.below(28)
        };
        let (h, mi, s) = (rng.below(24), rng.below(60), rng.below(60));
        members.push((
            "CreateDate",
            format!("\"{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z\""),
        ));
    }
    match kind {
        Some(3) => {
            // A required member missing: which one varies.
            members.remove(rng.below(4) as usize);
        }
        Some(4) => {
            let again = members[rng.below(members.len() as u64) as usize].clone();
            members.push(again);
        }
        Some(6) => {
            let at = rng.below(members.len() as u64 + 1) as usize;
            members.insert(
                at,
                ("Description", format!("\"key {}\"", rng.below(1 << 20))),
            );
        }
        _ => {}
    }
    let start = out.len();
    out.push('{');
    for (i, (name, value)) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(name);
        out.push_str("\":");
        out.push_str(value);
    }
    out.push('}');
    if kind == Some(7) {
        // Truncated: a record cut short, as by a lost write.
        let len = out.len() - start;
        let keep = 1 + rng.below(len as u64 - 1) as usize;
        out.truncate(start + keep);
    }
    kind
}

/// `n` records of the dirty stream, as NDJSON: the bytes, each line's range
/// (without its newline), and each record's kind (see `dirty_record`).
/// Deterministic.
pub fn dirty(n: usize) -> (Vec<u8>, Vec<std::ops::Range<usize>>, Vec<Option<usize>>) {
    let mut rng = Rng(0xd1a7);
    let mut text = String::with_capacity(n * 180);
    let mut lines = Vec::with_capacity(n);
    let mut kinds = Vec::with_capacity(n);
    for _ in 0..n {
        let start = text.len();
        kinds.push(dirty_record(&mut rng, &mut text));
        lines.push(start..text.len());
        text.push('\n');
    }
    (text.into_bytes(), lines, kinds)
}

/// Writes dirty records to `out` until at least `bytes` bytes are written.
pub fn write_dirty(out: &mut impl std::io::Write, bytes: u64) -> std::io::Result<u64> {
    let mut rng = Rng(0xd1a7);
    let mut line = String::with_capacity(256);
    let (mut written, mut records) = (0u64, 0u64);
    while written < bytes {
        line.clear();
        dirty_record(&mut rng, &mut line);
        line.push('\n');
        out.write_all(line.as_bytes())?;
        written += line.len() as u64;
        records += 1;
    }
    Ok(records)
}

/// Every approach to the dirty batch, by benchmark id, `parse_only` first.
/// A peer reports what it can: once its parse fails (a wrong enum value or
/// type, a missing or repeated member, a malformed record) it has nothing
/// but serde's first error; `validator`, `garde` and the hand-written check
/// know no dates and no unknown members; `jsonschema` parses a `Value`
/// (a repeated member silently replaces the first, a malformed record is a
/// parse error) and checks it against `AccessKey.schema.json`, which allows
/// unknown members.
pub fn dirty_approaches() -> Vec<(&'static str, BatchRun)> {
    use access_key_schema::from_json;
    let jsv = jsonschema_validator();
    vec![
        (
            "parse_only",
            Box::new(|rs: &[&[u8]]| {
                run_batch(rs, |r| (serde_json::from_slice::<PlainKey>(r).is_err(), ()))
            }),
        ),
        (
            "access_key_schema",
            Box::new(|rs: &[&[u8]]| {
                run_batch(rs, |r| {
                    let result = from_json::<StrictKey>(r);
                    (result.is_err(), result)
                })
            }),
        ),
        (
            "hand_written",
            Box::new(|rs: &[&[u8]]| {
                run_batch(rs, |r| match serde_json::from_slice::<PlainKey>(r) {
                    Ok(k) => {
                        let found = hand_check(&k);
                        (!found.is_empty(), Ok(found))
                    }
                    Err(e) => (true, Err(e)),
                })
            }),
        ),
        (
            "validator",
            Box::new(|rs: &[&[u8]]| {
                run_batch(rs, |r| match serde_json::from_slice::<PlainKey>(r) {
                    Ok(k) => {
                        let result = validator::Validate::validate(&k);
                        (result.is_err(), Ok(result))
                    }
                    Err(e) => (true, Err(e)),
                })
            }),
        ),
        (
            "garde",
            Box::new(|rs: &[&[u8]]| {
                run_batch(rs, |r| match serde_json::from_slice::<PlainKey>(r) {
                    Ok(k) => {
                        let result = garde::Validate::validate(&k);
                        (result.is_err(), Ok(result))
                    }
                    Err(e) => (true, Err(e)),
                })
            }),
        ),
        (
            "jsonschema",
            Box::new(move |rs: &[&[u8]]| {
                run_batch(rs, |r| {
                    match serde_json::from_slice::<serde_json::Value>(r) {
                        Ok(value) => {
                            let errors = jsonschema_errors(&jsv, &value);
                            (!errors.is_empty(), Ok(errors))
                        }
                        Err(e) => (true, Err(e)),
                    }
                })
            }),
        ),
    ]
}

/// Parses and validates every record with `check`, keeping each report
/// alive until the next record, as a caller writing them out would; counts
/// the invalid records.
pub fn run_batch<R>(records: &[&[u8]], check: impl Fn(&[u8]) -> (bool, R)) -> usize {
    let mut invalid = 0;
    for &r in records {
        let (bad, report) = check(std::hint::black_box(r));
        invalid += usize::from(bad);
        std::hint::black_box(report);
    }
    invalid
}

/// One approach to the mixed batch: parse + validate every record, every
/// violation collected; returns the number of invalid records.
pub type BatchRun = Box<dyn Fn(&[&[u8]]) -> usize>;

fn plain_record(bytes: &[u8]) -> PlainKey {
    serde_json::from_slice(bytes).expect("well-formed")
}

/// Every approach to the mixed batch, by benchmark id, `parse_only` first.
pub fn batch_approaches() -> Vec<(&'static str, BatchRun)> {
    use access_key_schema::{from_json, AccessKey};
    let jsv = jsonschema_validator();
    vec![
        (
            "parse_only",
            Box::new(|rs: &[&[u8]]| {
                run_batch(rs, |r| (serde_json::from_slice::<PlainKey>(r).is_err(), ()))
            }),
        ),
        (
            "access_key_schema",
            Box::new(|rs: &[&[u8]]| {
                run_batch(rs, |r| {
                    let result = from_json::<AccessKey>(r);
                    (result.is_err(), result)
                })
            }),
        ),
        (
            "hand_written",
            Box::new(|rs: &[&[u8]]| {
                run_batch(rs, |r| {
                    let found = hand_check(&plain_record(r));
                    (!found.is_empty(), found)
                })
            }),
        ),
        (
            "regex",
            Box::new(|rs: &[&[u8]]| {
                run_batch(rs, |r| {
                    let found = regex_check(&plain_record(r));
                    (!found.is_empty(), found)
                })
            }),
        ),
        (
            "validator",
            Box::new(|rs: &[&[u8]]| {
                run_batch(rs, |r| {
                    let result = validator::Validate::validate(&plain_record(r));
                    (result.is_err(), result)
                })
            }),
        ),
        (
            "garde",
            Box::new(|rs: &[&[u8]]| {
                run_batch(rs, |r| {
                    let result = garde::Validate::validate(&plain_record(r));
                    (result.is_err(), result)
                })
            }),
        ),
        (
            "jsonschema",
            Box::new(move |rs: &[&[u8]]| {
                run_batch(rs, |r| {
                    let value: serde_json::Value = serde_json::from_slice(r).expect("well-formed");
                    let errors = jsonschema_errors(&jsv, &value);
                    (!errors.is_empty(), errors)
                })
            }),
        ),
    ]
}

// ---- Shapes users bring: a generic struct, an enum with data ----------

/// A page of items: a generic struct (read by the reader in one pass,
/// like any other struct).
#[derive(access_key_schema::Validate, Deserialize, Debug)]
pub struct Page<T> {
    #[validate(nested, length(max = 50))]
    pub items: Vec<T>,
    #[validate(range(min = 1))]
    pub page: u32,
}

/// An item of a [`Page`].
#[derive(access_key_schema::Validate, Deserialize, Debug)]
pub struct Item {
    #[validate(length(min = 1, max = 64))]
    pub name: String,
    #[validate(range(min = 0))]
    pub count: i64,
}

/// A card, inside [`Payment`].
#[derive(access_key_schema::Validate, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    #[validate(length(equal = 16), pattern = "[0-9]+")]
    pub number: String,
    #[validate(range(min = 1, max = 12))]
    pub expiry_month: u8,
}

/// An internally tagged enum with data: struct, newtype and unit variants.
#[derive(access_key_schema::Validate, Deserialize, Debug)]
#[serde(tag = "kind")]
pub enum Payment {
    Card(#[validate(nested)] Card),
    Cash {
        #[validate(range(min = 1))]
        amount: u32,
        currency: String,
    },
    Free,
}

/// An order of [`Payment`]s.
#[derive(access_key_schema::Validate, Deserialize, Debug)]
pub struct Order {
    #[validate(length(min = 1))]
    pub id: String,
    #[validate(nested)]
    pub payments: Vec<Payment>,
}

/// A code whose `JsonCheck` is written by hand (its `check_json` only): a
/// payload holding one is left by the reader to the serde tier, and when
/// invalid to the slow path.
#[derive(Deserialize, Debug)]
pub struct Sku(pub String);

impl access_key_schema::Validate for Sku {
    fn validate_into(
        &self,
        _: &access_key_schema::Path<'_>,
        _: &mut access_key_schema::ValidationErrors,
    ) {
    }
}

impl access_key_schema::schemars::JsonSchema for Sku {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Sku".into()
    }
    fn json_schema(
        generator: &mut access_key_schema::schemars::SchemaGenerator,
    ) -> access_key_schema::schemars::Schema {
        String::json_schema(generator)
    }
}

impl access_key_schema::JsonCheck for Sku {
    fn check_json(
        value: &serde_json::Value,
        path: &access_key_schema::Path<'_>,
        errors: &mut access_key_schema::ValidationErrors,
    ) {
        String::check_json(value, path, errors);
    }
}

/// An order line holding a [`Sku`].
#[derive(access_key_schema::Validate, Deserialize, Debug)]
pub struct Line {
    #[validate(length(min = 1, max = 64))]
    pub name: String,
    pub sku: Sku,
    #[validate(range(min = 1))]
    pub qty: u32,
}

/// The same shapes without rules, for serde_json parse-only.
pub mod plain {
    #![allow(dead_code, missing_docs)]
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Page {
        items: Vec<Item>,
        page: u32,
    }
    #[derive(Deserialize)]
    pub struct Item {
        name: String,
        count: i64,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Card {
        number: String,
        expiry_month: u8,
    }
    #[derive(Deserialize)]
    #[serde(tag = "kind")]
    pub enum Payment {
        Card(Card),
        Cash { amount: u32, currency: String },
        Free,
    }
    #[derive(Deserialize)]
    pub struct Order {
        id: String,
        payments: Vec<Payment>,
    }
    #[derive(Deserialize)]
    pub struct Line {
        name: String,
        sku: String,
        qty: u32,
    }
}

/// A valid [`Page<Item>`].
pub const PAGE: &[u8] = br#"{"items":[{"name":"apple","count":3},{"name":"pear","count":0},{"name":"plum","count":12}],"page":2}"#;

/// A valid [`Order`]: one payment of each variant, the tag first or last.
pub const ORDER: &[u8] = br#"{"id":"o-1","payments":[{"kind":"Card","number":"4111111111111111","expiryMonth":7},{"amount":12,"kind":"Cash","currency":"EUR"},{"kind":"Free"}]}"#;

/// A valid [`Line`].
pub const LINE: &[u8] = br#"{"name":"apple","sku":"A-1","qty":3}"#;

/// [`LINE`] with a wrong type (`"qty": "3"`).
pub const LINE_BAD: &[u8] = br#"{"name":"apple","sku":"A-1","qty":"3"}"#;

/// [`ORDER`] with a wrong type inside a variant (`"amount": "12"`): the
/// enum's shape has a problem, so it is read again and checked.
pub const ORDER_BAD: &[u8] = br#"{"id":"o-1","payments":[{"kind":"Card","number":"4111111111111111","expiryMonth":7},{"amount":"12","kind":"Cash","currency":"EUR"},{"kind":"Free"}]}"#;

#[cfg(test)]
mod tests {
    #[test]
    fn the_shapes_payloads_are_valid_for_both_readers() {
        use access_key_schema::from_json;
        assert!(from_json::<super::Page<super::Item>>(super::PAGE).is_ok());
        assert!(serde_json::from_slice::<super::plain::Page>(super::PAGE).is_ok());
        assert!(from_json::<super::Order>(super::ORDER).is_ok());
        assert!(serde_json::from_slice::<super::plain::Order>(super::ORDER).is_ok());
        assert!(from_json::<super::Line>(super::LINE).is_ok());
        assert!(serde_json::from_slice::<super::plain::Line>(super::LINE).is_ok());
        let report = from_json::<super::Line>(super::LINE_BAD).unwrap_err();
        assert_eq!(report.violations()[0].path(), "/qty");
        let report = from_json::<super::Order>(super::ORDER_BAD).unwrap_err();
        assert_eq!(report.violations()[0].path(), "/payments/1/amount");
    }

    use super::*;
    use access_key_schema::{from_json, AccessKey};

    fn ours(line: &[u8]) -> Vec<(String, &'static str)> {
        match from_json::<AccessKey>(line) {
            Ok(_) => Vec::new(),
            Err(e) => e
                .violations()
                .iter()
                .map(|v| (v.path().to_owned(), v.code()))
                .collect(),
        }
    }

    #[test]
    fn every_approach_agrees_on_the_mixed_stream() {
        let jsv = jsonschema_validator();
        let (text, lines) = ndjson(20_000);
        let mut invalid = 0;
        for r in lines {
            let line = &text[r];
            let plain: PlainKey = serde_json::from_slice(line).expect("well-formed");
            let hand = hand_check(&plain);
            let expected: Vec<(String, &str)> =
                hand.iter().map(|&(p, c)| (p.to_owned(), c)).collect();
            assert_eq!(ours(line), expected, "{}", String::from_utf8_lossy(line));
            assert_eq!(regex_check(&plain), hand);
            let v = validator::Validate::validate(&plain).is_ok();
            let g = garde::Validate::validate(&plain).is_ok();
            let value: serde_json::Value = serde_json::from_slice(line).unwrap();
            let j = jsonschema_errors(&jsv, &value).is_empty();
            assert_eq!(
                (v, g, j),
                (hand.is_empty(), hand.is_empty(), hand.is_empty())
            );
            invalid += usize::from(!hand.is_empty());
        }
        assert!((1_600..2_400).contains(&invalid), "{invalid} invalid");
    }

    #[test]
    fn the_single_payloads() {
        assert!(ours(VALID).is_empty());
        let expected = [
            ("/AccessKeyId".to_owned(), "length"),
            ("/AccessKeyId".to_owned(), "pattern"),
            ("/UserName".to_owned(), "pattern"),
        ];
        assert_eq!(ours(INVALID3), expected);
        let plain: PlainKey = serde_json::from_slice(INVALID3).unwrap();
        assert_eq!(hand_check(&plain).len(), 3);
        assert_eq!(
            validator::Validate::validate(&plain)
                .unwrap_err()
                .field_errors()
                .values()
                .map(|v| v.len())
                .sum::<usize>(),
            3
        );
        assert_eq!(
            garde::Validate::validate(&plain)
                .unwrap_err()
                .iter()
                .count(),
            3
        );
    }

    #[test]
    fn every_class_payload_reports_its_class() {
        for (id, payload, codes) in CLASSES {
            let got = match from_json::<AccessKey>(payload) {
                Ok(_) => Vec::new(),
                Err(e) => e.violations().iter().map(|v| v.code()).collect(),
            };
            assert_eq!(got, *codes, "{id}");
        }
    }

    #[test]
    fn the_dirty_batch_has_every_kind_and_each_record_reports_its_own() {
        let (text, lines, kinds) = dirty(20_000);
        let mut per_kind = [0usize; DIRTY_KINDS.len()];
        for (r, kind) in lines.into_iter().zip(kinds) {
            let line = &text[r];
            let report = access_key_schema::from_json::<StrictKey>(line);
            match kind {
                None => assert!(report.is_ok(), "{}", String::from_utf8_lossy(line)),
                Some(k) => {
                    per_kind[k] += 1;
                    let e = report.expect_err("invalid");
                    assert!(
                        e.violations().iter().any(|v| v.code() == DIRTY_KINDS[k].1),
                        "{}: {e}",
                        String::from_utf8_lossy(line)
                    );
                }
            }
        }
        let invalid: usize = per_kind.iter().sum();
        assert!((5_600..6_400).contains(&invalid), "{invalid} invalid");
        assert!(per_kind.iter().all(|&n| n > 600), "{per_kind:?}");
    }
}
