//! `from_json` on every model shape, and the CLI's NDJSON reader.

use std::fmt::Debug;
use std::sync::OnceLock;

use access_key_schema::__json::{read_report, read_with_serde, slow_report};
use access_key_schema::{
    AccessKey, AccessKeyLastUsed, AccessKeyMetadata, CreateAccessKeyRequest,
    CreateAccessKeyResponse, DeleteAccessKeyRequest, JsonCheck, Limits, ListAccessKeysRequest,
    ListAccessKeysResponse, UpdateAccessKeyRequest, Validate, ValidationErrors, MODEL_TYPES,
};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use serde_json::Value;

use access_key_cli::input::{self, Batch, Mode, Sink};

/// Every code a report may carry (`Constraint::code`).
const CODES: &[&str] = &[
    "length",
    "pattern",
    "enum",
    "range",
    "required",
    "type",
    "format",
    "syntax",
    "unknown_field",
    "duplicate_field",
    "limit",
    "invalid",
];

/// The jsonschema-crate validators of one model type's emitted schema,
/// formats asserted and not.
struct Schemas {
    name: &'static str,
    plain: jsonschema::Validator,
    formats: jsonschema::Validator,
}

fn schemas() -> &'static [Schemas] {
    static SCHEMAS: OnceLock<Vec<Schemas>> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        MODEL_TYPES
            .iter()
            .map(|m| {
                let schema: Value = serde_json::from_str(&(m.schema)()).expect("schema is JSON");
                let build = |formats: bool| {
                    jsonschema::options()
                        .should_validate_formats(formats)
                        .build(&schema)
                        .expect("the emitted schema compiles")
                };
                Schemas {
                    name: m.name,
                    plain: build(false),
                    formats: build(true),
                }
            })
            .collect()
    })
}

/// Target `from_json`: the bytes as every model type.
///
/// * `from_json` never panics; a report is never empty, uses known codes
///   only, renders (`Display`, `Serialize`), and `syntax`/`limit` come alone.
/// * The derive's reader, whenever it reads the payload itself, reads
///   serde's value (behind the strict reader) and reports exactly what the
///   slow path reports.
/// * An accepted value validates, and `from_json(to_json(x)) == x`.
/// * The verdict is the `jsonschema` crate's on the emitted schema (formats
///   asserted or not), whenever the bytes are JSON that crate can see the
///   way we do (no repeated member names, within the depth limit).
pub fn from_json(data: &[u8]) {
    let value = serde_json::from_slice::<Value>(data).ok();
    check::<AccessKey>(data, value.as_ref());
    check::<AccessKeyMetadata>(data, value.as_ref());
    check::<AccessKeyLastUsed>(data, value.as_ref());
    check::<CreateAccessKeyRequest>(data, value.as_ref());
    check::<CreateAccessKeyResponse>(data, value.as_ref());
    check::<ListAccessKeysRequest>(data, value.as_ref());
    check::<ListAccessKeysResponse>(data, value.as_ref());
    check::<UpdateAccessKeyRequest>(data, value.as_ref());
    check::<DeleteAccessKeyRequest>(data, value.as_ref());
}

fn type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    full.rsplit("::").next().unwrap_or(full)
}

fn check<T>(data: &[u8], value: Option<&Value>)
where
    T: Validate + DeserializeOwned + JsonCheck + Serialize + PartialEq + Debug,
{
    let name = type_name::<T>();
    let depth = Limits::DEFAULT.max_depth;
    let serde = read_with_serde::<T>(data, depth);
    // The reporting reader reports what the slow path reports, whenever it
    // reads the payload itself; what it reads is serde's value.
    match read_report::<T>(data, depth, Limits::DEFAULT.max_violations) {
        None => {}
        Some(Ok(value)) => {
            assert_eq!(
                Some(&value),
                serde.as_ref(),
                "{name}: the reporting reader's value"
            );
            let mut report = ValidationErrors::with_max(Limits::DEFAULT.max_violations);
            value.validate_into(&access_key_schema::Path::ROOT, &mut report);
            let slow = slow_report::<T>(data, depth, Limits::DEFAULT.max_violations);
            assert_eq!(
                report, slow,
                "{name}: the reporting reader and the slow path disagree"
            );
        }
        Some(Err(report)) => {
            let slow = slow_report::<T>(data, depth, Limits::DEFAULT.max_violations);
            assert_eq!(
                report, slow,
                "{name}: the reporting reader and the slow path disagree"
            );
            assert_eq!(report.to_string(), slow.to_string(), "{name}");
        }
    }
    let result = access_key_schema::from_json::<T>(data);
    let accepted = match &result {
        Ok(valid) => {
            assert!(valid.validate().is_ok(), "{name}: accepted but invalid");
            let json = serde_json::to_vec(&**valid).expect("a valid value serializes");
            let limits = Limits {
                max_bytes: usize::MAX,
                ..Limits::DEFAULT
            };
            let again = access_key_schema::from_json_with::<T>(&json, &limits)
                .unwrap_or_else(|e| panic!("{name}: to_json output rejected: {e}"));
            assert_eq!(*again, **valid, "{name}: round trip changed the value");
            true
        }
        Err(errors) => {
            check_report(name, errors);
            false
        }
    };

    let Some(value) = value else {
        // serde_json cannot read it as a value at all: neither may we.
        assert!(!accepted, "{name}: accepted bytes serde_json rejects");
        return;
    };
    if let Err(errors) = &result {
        let blind = errors
            .violations()
            .iter()
            .any(|v| matches!(v.code(), "duplicate_field" | "limit" | "syntax"));
        if blind {
            return;
        }
    }
    let schemas = schemas()
        .iter()
        .find(|s| s.name == name)
        .expect("every model type has a schema");
    for (validator, formats) in [(&schemas.plain, false), (&schemas.formats, true)] {
        assert_eq!(
            validator.is_valid(value),
            accepted,
            "{name}: the jsonschema crate (formats={formats}) disagrees with from_json \
             ({result:?}) on {value}"
        );
    }
}

/// The shape every report must have.
fn check_report(name: &str, errors: &ValidationErrors) {
    let violations = errors.violations();
    assert!(!violations.is_empty(), "{name}: empty report");
    for v in violations {
        assert!(
            CODES.contains(&v.code()),
            "{name}: unknown code {}",
            v.code()
        );
        assert!(
            v.path().is_empty() || v.path().starts_with('/'),
            "{name}: bad path {:?}",
            v.path()
        );
        let message = v.message();
        assert!(
            message.starts_with(&format!("Value at '{}' failed", v.path())),
            "{name}: {message}"
        );
        if matches!(v.code(), "syntax" | "limit") {
            assert_eq!(violations.len(), 1, "{name}: {} not alone", v.code());
        }
    }
    let _ = errors.to_string();
    serde_json::to_string(errors).expect("a report serializes");
}

struct Collect(Vec<Batch>);

impl Sink for Collect {
    fn flush(&mut self, full: Batch) -> Option<Batch> {
        self.0.push(full);
        Some(Batch::default())
    }
}

fn is_blank(line: &[u8]) -> bool {
    line.iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Target `ndjson`: the CLI's reader (`access_key_cli::input`, the same
/// code the binary runs) on the bytes as one input file, then every record through
/// the validator the CLI runs.
///
/// * Every input byte is counted once; no error on inputs under 64 MiB.
/// * Records are non-blank, in input order (increasing line numbers, within
///   the file), each a piece of the input, in order.
/// * A file whose non-blank lines are each a JSON value yields one record per
///   such line; a file that is exactly one JSON value yields one record.
pub fn ndjson(data: &[u8]) {
    let mut sink = Collect(Vec::new());
    let counted = input::read_bytes(data, "fuzz", Mode::Auto, &mut sink);
    assert_eq!(counted, data.len() as u64, "bytes counted");

    let text = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let lines = data.split(|&b| b == b'\n').count() as u64;
    let mut records = 0usize;
    let (mut last_line, mut at) = (0u64, 0usize);
    for batch in &sink.0 {
        assert_eq!(batch.error, None, "an in-memory input under the cap");
        for r in batch.records() {
            records += 1;
            assert!(r.line > last_line && r.line <= lines, "line {}", r.line);
            last_line = r.line;
            let record = r.bytes;
            assert!(!is_blank(record), "blank record at line {}", r.line);
            if text.len() <= 1 << 16 {
                let found = find(&text[at..], record)
                    .unwrap_or_else(|| panic!("record at line {} is not in the input", r.line));
                at += found + record.len();
            }
            for model in MODEL_TYPES.iter().take(2) {
                let limits = Limits {
                    max_bytes: input::MAX_RECORD,
                    ..Limits::DEFAULT
                };
                if let Err(e) = (model.check)(record, &limits) {
                    check_report(model.name, &e);
                }
            }
        }
    }

    let non_blank: Vec<&[u8]> = text
        .split(|&b| b == b'\n')
        .filter(|l| !is_blank(l))
        .collect();
    if !non_blank.is_empty()
        && non_blank
            .iter()
            .all(|l| serde_json::from_slice::<IgnoredAny>(l).is_ok())
    {
        assert_eq!(records, non_blank.len(), "NDJSON of JSON values");
    } else if is_one_value(text) {
        assert_eq!(records, 1, "one JSON document");
    }
    if non_blank.is_empty() {
        assert_eq!(records, 0, "a blank file has no records");
    }
}

fn is_one_value(text: &[u8]) -> bool {
    let mut de = serde_json::Deserializer::from_slice(text);
    serde::Deserialize::deserialize(&mut de)
        .map(|_: IgnoredAny| ())
        .and_then(|()| de.end())
        .is_ok()
}
