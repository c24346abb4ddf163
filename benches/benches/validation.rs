//! `cargo bench -p access-key-bench`: this library against serde_json
//! parse-only (the floor), a byte-table hand-written check, `regex`,
//! `validator`, `garde` and `jsonschema`, on the same payloads, in one run.
//! `cargo xtask bench` runs it and prints the ratios.
//!
//! Groups (criterion ids `<group>/<approach>`):
//!
//! - `one_valid`, `one_invalid3`: parse + validate one payload (every
//!   violation collected).
//! - `validate_valid`, `validate_invalid3`: validation alone, on an already
//!   parsed value.
//! - `ndjson_100k`: parse + validate 100,000 distinct mixed records (~10%
//!   invalid). Repeating one payload lets the branch predictor learn it: this
//!   is the honest figure.
//! - `classes`: one payload of each kind of problem (`CLASSES`: a rule
//!   violation, a wrong enum value, a wrong type, a missing member, a bad
//!   date, a repeated member, a truncated document, and a valid payload with
//!   an escape), `parse_only/<kind>` and `access_key_schema/<kind>` each.
//! - `shapes`: a generic struct (`Page<Item>`) and an internally tagged
//!   enum with data (`Order` of `Payment`s), valid (and the order with a
//!   wrong type inside a variant, `tagged_invalid`), and a struct holding a
//!   type with a hand-written `JsonCheck` (`Line`, valid and invalid: the
//!   payloads the reader leaves to the serde tier and the slow path),
//!   `parse_only/<shape>`
//!   (serde_json into the same shapes without rules) and
//!   `access_key_schema/<shape>` each.
//! - `dirty_100k`: 100,000 distinct records, 30% invalid over every kind
//!   (plus unknown members, read as the `deny_unknown_fields` `StrictKey`),
//!   every approach; parse-only counts a malformed record as a failed parse.

use std::hint::black_box;
use std::time::Duration;

use access_key_bench::{
    batch_approaches, dirty, dirty_approaches, hand_check, jsonschema_errors, jsonschema_validator,
    ndjson, regex_check, PlainKey, CLASSES, INVALID3, VALID,
};
use access_key_schema::{from_json, AccessKey, Validate};
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode};

type Group<'a> = BenchmarkGroup<'a, criterion::measurement::WallTime>;

fn configure(group: &mut Group<'_>) {
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
}

fn plain(bytes: &[u8]) -> PlainKey {
    serde_json::from_slice(bytes).expect("well-formed")
}

/// Parse + validate one payload, every approach.
fn one(c: &mut Criterion, name: &str, payload: &'static [u8]) {
    let jsv = jsonschema_validator();
    let mut g = c.benchmark_group(name);
    configure(&mut g);
    g.bench_function("parse_only", |b| {
        b.iter(|| serde_json::from_slice::<PlainKey>(black_box(payload)).is_ok())
    });
    g.bench_function("access_key_schema", |b| {
        b.iter(|| from_json::<AccessKey>(black_box(payload)))
    });
    g.bench_function("hand_written", |b| {
        b.iter(|| hand_check(&plain(black_box(payload))))
    });
    g.bench_function("regex", |b| {
        b.iter(|| regex_check(&plain(black_box(payload))))
    });
    g.bench_function("validator", |b| {
        b.iter(|| validator::Validate::validate(&plain(black_box(payload))))
    });
    g.bench_function("garde", |b| {
        b.iter(|| garde::Validate::validate(&plain(black_box(payload))))
    });
    g.bench_function("jsonschema", |b| {
        b.iter(|| {
            let value: serde_json::Value =
                serde_json::from_slice(black_box(payload)).expect("well-formed");
            jsonschema_errors(&jsv, &value)
        })
    });
    g.finish();
}

/// Validation alone, on values parsed beforehand.
fn validate_only(c: &mut Criterion, name: &str, payload: &'static [u8]) {
    let jsv = jsonschema_validator();
    let key: AccessKey = serde_json::from_slice(payload).expect("well-formed");
    let p = plain(payload);
    let value: serde_json::Value = serde_json::from_slice(payload).expect("well-formed");
    let mut g = c.benchmark_group(name);
    configure(&mut g);
    g.bench_function("access_key_schema", |b| {
        b.iter(|| black_box(&key).validate())
    });
    g.bench_function("hand_written", |b| b.iter(|| hand_check(black_box(&p))));
    g.bench_function("regex", |b| b.iter(|| regex_check(black_box(&p))));
    g.bench_function("validator", |b| {
        b.iter(|| validator::Validate::validate(black_box(&p)))
    });
    g.bench_function("garde", |b| {
        b.iter(|| garde::Validate::validate(black_box(&p)))
    });
    g.bench_function("jsonschema", |b| {
        b.iter(|| jsonschema_errors(&jsv, black_box(&value)))
    });
    g.finish();
}

fn single(c: &mut Criterion) {
    one(c, "one_valid", VALID);
    one(c, "one_invalid3", INVALID3);
    validate_only(c, "validate_valid", VALID);
    validate_only(c, "validate_invalid3", INVALID3);
}

/// Parse + validate 100k distinct records, every approach (see
/// `access_key_bench::batch_approaches`).
fn batch(c: &mut Criterion) {
    let (text, lines) = ndjson(100_000);
    let records: Vec<&[u8]> = lines.into_iter().map(|r| &text[r]).collect();
    let mut g = c.benchmark_group("ndjson_100k");
    configure(&mut g);
    g.sample_size(10);
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(criterion::Throughput::Bytes(text.len() as u64));
    for (id, run) in batch_approaches() {
        g.bench_function(id, |b| b.iter(|| run(&records)));
    }
    g.finish();
}

/// One payload of each kind of problem: parse-only and `from_json`.
fn classes(c: &mut Criterion) {
    let mut g = c.benchmark_group("classes");
    configure(&mut g);
    for &(id, payload, _) in CLASSES {
        g.bench_function(format!("parse_only/{id}"), |b| {
            b.iter(|| serde_json::from_slice::<PlainKey>(black_box(payload)).is_ok())
        });
        g.bench_function(format!("access_key_schema/{id}"), |b| {
            b.iter(|| from_json::<AccessKey>(black_box(payload)))
        });
    }
    g.finish();
}

/// The shapes users bring beyond the IAM ones: parse-only and `from_json`.
fn shapes(c: &mut Criterion) {
    use access_key_bench::{
        plain, Item, Line, Order, Page, LINE, LINE_BAD, ORDER, ORDER_BAD, PAGE,
    };
    let mut g = c.benchmark_group("shapes");
    configure(&mut g);
    g.bench_function("parse_only/generic", |b| {
        b.iter(|| serde_json::from_slice::<plain::Page>(black_box(PAGE)).is_ok())
    });
    g.bench_function("access_key_schema/generic", |b| {
        b.iter(|| from_json::<Page<Item>>(black_box(PAGE)).is_ok())
    });
    g.bench_function("parse_only/tagged", |b| {
        b.iter(|| serde_json::from_slice::<plain::Order>(black_box(ORDER)).is_ok())
    });
    g.bench_function("access_key_schema/tagged", |b| {
        b.iter(|| from_json::<Order>(black_box(ORDER)).is_ok())
    });
    g.bench_function("access_key_schema/tagged_invalid", |b| {
        b.iter(|| from_json::<Order>(black_box(ORDER_BAD)).is_ok())
    });
    g.bench_function("parse_only/hand_written_check", |b| {
        b.iter(|| serde_json::from_slice::<plain::Line>(black_box(LINE)).is_ok())
    });
    g.bench_function("access_key_schema/hand_written_check", |b| {
        b.iter(|| from_json::<Line>(black_box(LINE)).is_ok())
    });
    g.bench_function("access_key_schema/hand_written_check_invalid", |b| {
        b.iter(|| from_json::<Line>(black_box(LINE_BAD)).is_ok())
    });
    g.finish();
}

/// The dirty batch, every approach (see `access_key_bench::dirty_approaches`).
fn dirty_batch(c: &mut Criterion) {
    let (text, lines, _) = dirty(100_000);
    let records: Vec<&[u8]> = lines.into_iter().map(|r| &text[r]).collect();
    let mut g = c.benchmark_group("dirty_100k");
    configure(&mut g);
    g.sample_size(10);
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(criterion::Throughput::Bytes(text.len() as u64));
    for (id, run) in dirty_approaches() {
        g.bench_function(id, |b| b.iter(|| run(&records)));
    }
    g.finish();
}

criterion_group!(benches, single, batch, classes, shapes, dirty_batch);
criterion_main!(benches);
