//! `from_json` reads a derived struct with a reader the derive generates
//! (`json::report`: one `match` per member name, strings borrowed from the
//! input, every problem recorded) instead of serde's own visitor behind the
//! strict reader (the serde tier, which reads what it leaves). It may leave
//! any payload to the tiers after it, but what it reads must be exactly
//! what serde's visitor reads, and what it reports exactly what the slow
//! path reports: this compares them on every payload of a mutation sweep
//! over structs using each serde attribute the derive follows (`rename`,
//! `rename_all`, `default`, `default = ".."`, `skip`, `skip_deserializing`,
//! `deny_unknown_fields`, a container `default`), a recursive field, raw
//! identifiers, and the IAM `AccessKey`, plus whitespace, escapes,
//! non-ASCII, malformed variants and byte-level mutants.

use std::fmt::Debug;

use access_key_schema::__json::{
    read_fast, read_report, read_with_serde, slow_report, DeserializeOwned,
};
use access_key_schema::{AccessKey, JsonCheck, ListAccessKeysResponse, StatusType, Validate};
use serde::Deserialize;
use serde_json::Value;

fn seven() -> u8 {
    7
}

fn label() -> String {
    "none".to_owned()
}

#[derive(Validate, Deserialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Shapes {
    plain: String,
    #[serde(rename = "Other")]
    renamed: u8,
    maybe: Option<String>,
    #[serde(default)]
    defaulted: Vec<u8>,
    #[serde(default = "seven")]
    seven: u8,
    #[serde(default = "label")]
    label: String,
    #[serde(skip)]
    skipped: u16,
    #[serde(skip_deserializing, default = "seven")]
    skipped_fn: u8,
    nested: Option<Box<Shapes>>,
    any: Option<Value>,
    kind: Option<StatusType>,
    r#type: Option<i64>,
}

#[derive(Validate, Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Denied {
    a: u8,
    b: Option<bool>,
}

/// A container `default`: absent members take the container default's.
#[derive(Validate, Deserialize, Debug, PartialEq, Default)]
#[serde(default)]
struct ContainerDefault {
    a: u8,
    b: String,
}

/// Values tried in place of each member's.
const VALUES: &[&str] = &[
    "null",
    "true",
    "0",
    "5",
    "5.0",
    "1e2",
    "-1",
    "256",
    "1.5",
    "\"s\"",
    "\"Active\"",
    "\"2015-03-09T18:39:23Z\"",
    "\"AKIAIOSFODNN7EXAMPLE\"",
    "[]",
    "[1,2]",
    "{}",
    r#"{"plain":"q","Other":1}"#,
    r#"{"a":1,"a":2}"#,
    r#"[[[[[[[[[[1]]]]]]]]]]"#,
];

fn object(members: &[(String, String)]) -> String {
    let inner: Vec<String> = members
        .iter()
        .map(|(name, value)| format!("{name}:{value}"))
        .collect();
    format!("{{{}}}", inner.join(","))
}

/// `name` as a JSON string with its first character escaped (`\u00XX`):
/// the same member name, spelled so serde_json cannot borrow it.
fn escaped(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii() => format!("\"\\u{:04x}{}\"", c as u32, chars.as_str()),
        _ => format!("\"{name}\""),
    }
}

/// Every payload of the sweep around `base` (member names unquoted).
fn payloads(base: &[(&str, &str)]) -> Vec<String> {
    let base: Vec<(String, String)> = base
        .iter()
        .map(|(n, v)| (format!("\"{n}\""), (*v).to_owned()))
        .collect();
    let mut out = vec![object(&base), "{}".to_owned()];
    for i in 0..base.len() {
        let mut m = base.clone();
        m.remove(i);
        out.push(object(&m));
        for value in VALUES {
            let mut m = base.clone();
            m[i].1 = (*value).to_owned();
            out.push(object(&m));
        }
        let mut m = base.clone();
        m.push(base[i].clone());
        out.push(object(&m));
        let name = base[i].0.trim_matches('"');
        let mut m = base.clone();
        m.push((escaped(name), base[i].1.clone()));
        out.push(object(&m));
        let mut m = base.clone();
        m[i].0 = escaped(name);
        out.push(object(&m));
        let mut m = base.clone();
        m[i].0 = format!("\"{}\"", name.to_uppercase());
        out.push(object(&m));
    }
    for extra in [
        vec![("\"zz\"", "1")],
        vec![("\"zz\"", "1"), ("\"zz\"", "2")],
        vec![("\"zz\"", "1"), ("\"\\u007az\"", "2")],
        vec![("\"zz\"", r#"{"k":1,"k":2}"#)],
        vec![(
            "\"zz\"",
            r#"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"#,
        )],
        vec![("\"\"", "null")],
    ] {
        let mut m = base.clone();
        m.extend(
            extra
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
        );
        out.push(object(&m));
    }
    let values: Vec<&str> = base.iter().map(|(_, v)| v.as_str()).collect();
    out.push(format!("[{}]", values.join(",")));
    out.extend(["null", "[]", "\"x\"", "1", "{", "{} {}"].map(str::to_owned));
    out
}

/// Spellings of `p` that differ only in ways the readers must not care
/// about (whitespace), or that make it malformed, or change string values
/// (an escape, a non-ASCII character): each reader must still agree.
fn respellings(p: &str) -> Vec<String> {
    let mut out = vec![
        p.to_owned(),
        format!(" \t\r\n{p}\n "),
        p.replace(':', " : ").replace(',', " ,\n"),
        p.replace('{', "{ ")
            .replace('}', " }")
            .replace('[', "[ ")
            .replace(']', " ]"),
        p.replacen(",", ",,", 1),
        p.replacen(':', "", 1),
        p.replacen('}', ",}", 1),
        p.replacen('"', "'", 1),
        format!("{p}x"),
        format!("{p},"),
        p.replacen("null", "nul", 1),
        p.replacen("null", "nullx", 1),
        p.replacen("true", "truex", 1),
        p.replacen("\"p\"", "\"\\u0070\"", 1),
        p.replacen("\"p\"", "\"p\u{e9}\u{1F600}\"", 1),
        p.replacen("\"p\"", "\"p\\\"\"", 1),
        p.replacen("\"p\"", "\"p\u{1}\"", 1),
        p.replacen("Bob", "B\u{f6}b", 1),
        p.replacen("Bob", "B\\u00f6b", 1),
    ];
    out.sort();
    out.dedup();
    out
}

/// Both reads of every payload (and each of its respellings) agree, and
/// the fast reader, where it reads one, agrees with them; returns
/// (accepted, refused, read by the fast reader).
fn agree<T>(payloads: &[String], max_depth: usize) -> (usize, usize, usize)
where
    T: DeserializeOwned + JsonCheck + Validate + Debug + PartialEq,
{
    let (mut accepted, mut total, mut fast_read) = (0, 0, 0);
    for p in payloads.iter().flat_map(|p| respellings(p)) {
        let serde = read_with_serde::<T>(p.as_bytes(), max_depth);
        if let Some(fast) = read_fast::<T>(p.as_bytes(), max_depth) {
            assert_eq!(Some(&fast), serde.as_ref(), "fast reader: {p}");
            fast_read += 1;
        }
        report_agrees::<T>(p.as_bytes(), max_depth);
        accepted += usize::from(serde.is_some());
        total += 1;
    }
    (accepted, total - accepted, fast_read)
}

/// Whether the reporting reader read `p` itself (rather than leaving it to
/// the tiers after it); panics if its report differs from the slow path's,
/// caps included. A value it read without problems has `validate()`'s
/// report, and what it reads is what serde's visitor reads.
fn report_agrees<T>(p: &[u8], max_depth: usize) -> bool
where
    T: DeserializeOwned + JsonCheck + Validate + Debug + PartialEq,
{
    report_agrees_as::<T>(p, max_depth, true)
}

/// [`report_agrees`]; `serde_alike`: whether serde's own read of what the
/// reader read must be the same (not for internal or adjacent tagging and
/// `flatten`, where serde's buffered content refuses `5.0` for an integer
/// that `from_json` reads).
fn report_agrees_as<T>(p: &[u8], max_depth: usize, serde_alike: bool) -> bool
where
    T: DeserializeOwned + JsonCheck + Validate + Debug + PartialEq,
{
    for cap in [100, 2] {
        let slow = slow_report::<T>(p, max_depth, cap);
        let ours = match read_report::<T>(p, max_depth, cap) {
            None => return false,
            Some(Err(report)) => report,
            Some(Ok(value)) => {
                if serde_alike {
                    assert_eq!(
                        Some(&value),
                        read_with_serde::<T>(p, max_depth).as_ref(),
                        "reporting reader: {}",
                        String::from_utf8_lossy(p)
                    );
                }
                let mut report = access_key_schema::ValidationErrors::with_max(cap);
                value.validate_into(&access_key_schema::Path::ROOT, &mut report);
                report
            }
        };
        assert_eq!(
            ours.to_string(),
            slow.to_string(),
            "reporting reader: {}",
            String::from_utf8_lossy(p)
        );
        assert_eq!(
            ours,
            slow,
            "reporting reader: {}",
            String::from_utf8_lossy(p)
        );
    }
    true
}

#[test]
fn the_reader_reads_exactly_what_serde_reads() {
    let shapes = payloads(&[
        ("plain", "\"p\""),
        ("Other", "5"),
        ("maybe", "\"m\""),
        ("defaulted", "[1,2]"),
        ("seven", "8"),
        ("label", "\"l\""),
        (
            "nested",
            r#"{"plain":"q","Other":1,"nested":{"plain":"r","Other":2}}"#,
        ),
        ("any", r#"{"x":[1,{"y":null}]}"#),
        ("kind", "\"Active\""),
        ("type", "-3"),
        ("skipped", "1"),
    ]);
    let (ok, refused, fast) = agree::<Shapes>(&shapes, 64);
    assert!(ok > 50 && refused > 50, "{ok} accepted, {refused} refused");
    assert!(fast * 2 > ok, "the fast reader read {fast} of {ok}");

    let denied = payloads(&[("a", "1"), ("b", "true")]);
    let (ok, refused, fast) = agree::<Denied>(&denied, 64);
    assert!(ok > 5 && refused > 20, "{ok} accepted, {refused} refused");
    assert!(fast * 2 > ok, "the fast reader read {fast} of {ok}");

    let defaults = payloads(&[("a", "1"), ("b", "\"x\"")]);
    let (ok, refused, fast) = agree::<ContainerDefault>(&defaults, 64);
    assert!(ok > 5 && refused > 20, "{ok} accepted, {refused} refused");
    // A container `default` is read by the reader too: absent members
    // take the container default's.
    assert!(fast * 2 > ok, "the fast reader read {fast} of {ok}");

    let keys = payloads(&[
        ("AccessKeyId", "\"AKIAIOSFODNN7EXAMPLE\""),
        (
            "SecretAccessKey",
            "\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"",
        ),
        ("Status", "\"Active\""),
        ("UserName", "\"Bob\""),
        ("CreateDate", "\"2015-03-09T18:39:23Z\""),
    ]);
    let (ok, refused, fast) = agree::<AccessKey>(&keys, 64);
    assert!(ok > 20 && refused > 50, "{ok} accepted, {refused} refused");
    assert!(fast * 2 > ok, "the fast reader read {fast} of {ok}");
}

#[test]
fn the_reader_counts_depth_like_serde() {
    // A chain of `nested` structs 1 to 12 deep, under limits 1 to 10: each
    // struct is one level, and both reads stop at the same one.
    for depth in 1..=12 {
        let mut p = r#"{"plain":"p","Other":1}"#.to_owned();
        for _ in 1..depth {
            p = format!(r#"{{"plain":"p","Other":1,"nested":{p}}}"#);
        }
        for limit in 1..=10 {
            let p = std::slice::from_ref(&p);
            let (ok, _, _) = agree::<Shapes>(p, limit);
            assert_eq!(ok > 0, depth <= limit, "depth {depth}, limit {limit}");
            let fast = read_fast::<Shapes>(p[0].as_bytes(), limit);
            assert_eq!(
                fast.is_some(),
                depth <= limit,
                "depth {depth}, limit {limit}"
            );
        }
    }
}

/// Byte-level mutants of a few payloads (JSON punctuation, whitespace,
/// escapes, invalid UTF-8 and multi-byte characters inserted, deleted or
/// overwritten; spans repeated): wherever the fast reader reads one, serde's
/// visitor reads the same value.
#[test]
fn fast_reader_never_reads_a_mutant_differently() {
    const BYTES: &[u8] = b"{}[]:,\"\\ \t\n\r0123456789.eE+-truefalsnl/uAZaz_\xc3\xa9\xff\xe2\x82";
    let seeds: [&[u8]; 3] = [
        br#"{"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","Status":"Active","UserName":"Bob","CreateDate":"2015-03-09T18:39:23Z"}"#,
        br#"{"AccessKeyMetadata":[{"UserName":"Bob","AccessKeyId":"AKIAIOSFODNN7EXAMPLE","Status":"Inactive","CreateDate":"2015-03-09T18:39:23.5+01:00"},{},{"Status":null}],"IsTruncated":true,"Marker":"m"}"#,
        br#"{"plain":"p","Other":5,"maybe":null,"defaulted":[1,2],"nested":{"plain":"q","Other":1,"kind":"Inactive"},"any":{"x":[1,{"y":null}]},"kind":"Active","type":-3,"zz":[{"k":1}]}"#,
    ];
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let (mut tried, mut fast, mut reported) = (0usize, 0usize, 0usize);
    for seed in seeds {
        for _ in 0..6_000 {
            let mut p = seed.to_vec();
            for _ in 0..1 + next(3) {
                let at = next(p.len() + 1);
                match next(4) {
                    0 => p.insert(at, BYTES[next(BYTES.len())]),
                    1 if at < p.len() => {
                        p.remove(at);
                    }
                    2 if at < p.len() => p[at] = BYTES[next(BYTES.len())],
                    _ => {
                        let end = (at + next(12)).min(p.len());
                        let span = p[at..end].to_vec();
                        p.splice(at..at, span);
                    }
                }
            }
            tried += 1;
            fast += usize::from(fast_agrees::<AccessKey>(&p));
            fast += usize::from(fast_agrees::<ListAccessKeysResponse>(&p));
            fast += usize::from(fast_agrees::<Shapes>(&p));
            reported += usize::from(report_agrees::<AccessKey>(&p, 64));
            reported += usize::from(report_agrees::<ListAccessKeysResponse>(&p, 64));
            reported += usize::from(report_agrees::<Shapes>(&p, 64));
        }
    }
    // Every mutant is reported by the reader itself, the same as the slow
    // path: none is left to the tiers after it.
    assert!(
        reported == tried * 3,
        "the reporting reader reported {reported} of {} reads",
        tried * 3
    );
    // Most mutants break the JSON; enough must still be read fast for the
    // comparison to mean something.
    assert!(
        fast > tried / 20,
        "the fast reader read {fast} of {tried} mutants"
    );
}

/// Whether the fast reader read `p`; panics if it read it differently.
fn fast_agrees<T: DeserializeOwned + JsonCheck + Validate + Debug + PartialEq>(p: &[u8]) -> bool {
    let Some(fast) = read_fast::<T>(p, 64) else {
        return false;
    };
    let serde = read_with_serde::<T>(p, 64);
    assert_eq!(
        Some(&fast),
        serde.as_ref(),
        "fast reader: {}",
        String::from_utf8_lossy(p)
    );
    true
}

#[derive(Validate, Deserialize, Debug, PartialEq)]
struct Numbers {
    a: u8,
    b: i8,
    c: u64,
    d: i64,
    e: Option<u32>,
    f: i16,
    t: bool,
}

/// Integers and booleans, which the fast reader reads itself when written
/// plainly, at every edge of every type: the same values as serde's visitor
/// (which reads `1.0` and `1e2` as whole numbers; the fast reader leaves
/// those to it).
#[test]
fn fast_reader_reads_numbers_and_booleans_like_serde() {
    const SPELLINGS: &[&str] = &[
        "0",
        "-0",
        "00",
        "01",
        "-01",
        "1",
        "-1",
        "127",
        "128",
        "-128",
        "-129",
        "255",
        "256",
        "32767",
        "-32768",
        "32768",
        "4294967295",
        "4294967296",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999999",
        "1.0",
        "1.5",
        "1e0",
        "1E2",
        "-1e2",
        "1e-2",
        "1.",
        "-",
        "--1",
        "+1",
        "0x1",
        "1 ",
        "true",
        "false",
        "tru",
        "truee",
        "fals",
        "null",
        "\"1\"",
        "[1]",
    ];
    let base = [
        ("a", "1"),
        ("b", "1"),
        ("c", "1"),
        ("d", "1"),
        ("e", "1"),
        ("f", "1"),
        ("t", "true"),
    ];
    let mut payloads = Vec::new();
    for i in 0..base.len() {
        for spelling in SPELLINGS {
            let members: Vec<String> = base
                .iter()
                .enumerate()
                .map(|(j, (n, v))| format!("\"{n}\":{}", if i == j { spelling } else { v }))
                .collect();
            payloads.push(format!("{{{}}}", members.join(",")));
        }
    }
    let (ok, refused, fast) = agree::<Numbers>(&payloads, 64);
    assert!(
        ok > 100 && refused > 100,
        "{ok} accepted, {refused} refused"
    );
    assert!(fast * 2 > ok, "the fast reader read {fast} of {ok}");
}

/// The reporting reader reads whole numbers written as floats and integers
/// out of their type's range itself (a value, or a `range`/`type` report),
/// instead of leaving the document to the slow path; the test above checks
/// that its reports are the slow path's.
#[test]
fn the_reporting_reader_decides_floats_and_out_of_range_integers_itself() {
    let base = r#"{"a":1,"b":1,"c":1,"d":1,"e":1,"f":1,"t":true}"#;
    for (member, spelling, code) in [
        ("a", "1.0", None),
        ("c", "1E2", None),
        ("e", "4e9", None),
        ("a", "256", Some("range")),
        ("b", "-129", Some("range")),
        ("f", "1.5", Some("type")),
        ("c", "18446744073709551616", Some("range")),
        ("d", "-9223372036854775809", None),
        ("d", "-9223372036854777000", Some("range")),
    ] {
        let doc = base.replacen(
            &format!("\"{member}\":1"),
            &format!("\"{member}\":{spelling}"),
            1,
        );
        let read = read_report::<Numbers>(doc.as_bytes(), 64, 100)
            .unwrap_or_else(|| panic!("the reader gave {doc} up"));
        match (read, code) {
            (Ok(_), None) => {}
            (Err(report), Some(code)) => {
                assert_eq!(report.violations().len(), 1, "{doc}: {report}");
                assert_eq!(report.violations()[0].code(), code, "{doc}");
                assert_eq!(report.violations()[0].path(), format!("/{member}"), "{doc}");
            }
            (other, _) => panic!("{doc}: {other:?}"),
        }
    }
}

/// A generic struct: the reader reads it (its impl bounds the parameter by
/// `JsonCheck`), with the same report as the slow path.
#[derive(Validate, Deserialize, Debug, PartialEq)]
struct Page<T> {
    #[validate(nested, length(max = 2))]
    items: Vec<T>,
    #[validate(range(min = 1))]
    page: u32,
}

#[derive(Validate, Deserialize, Debug, PartialEq)]
struct Item {
    #[validate(length(min = 2))]
    name: String,
    price: f64,
    grade: char,
}

/// A newtype with a rule of its own.
#[derive(Validate, Deserialize, Debug, PartialEq)]
struct Label(#[validate(length(max = 3))] String);

/// Maps of newtypes and of structs, a JSON object, and floats.
#[derive(Validate, Deserialize, Debug, PartialEq)]
struct Mixed {
    labels: std::collections::HashMap<String, Label>,
    #[validate(nested)]
    by_name: std::collections::BTreeMap<String, Item>,
    extra: serde_json::Map<String, Value>,
    tag: Label,
    ratio: f32,
}

/// Every respelling of `payloads` is read by the reader itself, with the
/// slow path's report (and, where `serde_alike`, serde's value: see
/// [`report_agrees_as`]); none is left to the tiers after it. Returns how
/// many there were.
fn read_by_the_reader<T>(payloads: &[String], serde_alike: bool) -> usize
where
    T: DeserializeOwned + JsonCheck + Validate + Debug + PartialEq,
{
    if serde_alike {
        agree::<T>(payloads, 64);
    }
    let all: Vec<String> = payloads.iter().flat_map(|p| respellings(p)).collect();
    for p in &all {
        assert!(
            report_agrees_as::<T>(p.as_bytes(), 64, serde_alike),
            "left to the tiers after the reader: {p}"
        );
    }
    all.len()
}

#[test]
fn generic_structs_newtypes_maps_and_floats_are_read_by_the_reader() {
    let item = r#"{"name":"ab","price":1.5,"grade":"A"}"#;
    let page = payloads(&[("items", &format!("[{item},{item}]")), ("page", "1")]);
    assert!(read_by_the_reader::<Page<Item>>(&page, true) > 100);
    // A `nested` field's `length` is checked on the item count before the
    // items' problems, as the slow path orders them, an object's members
    // counted too.
    for (doc, codes) in [
        (
            r#"{"items":[1,2,3],"page":1}"#,
            &["length", "type", "type", "type"][..],
        ),
        (
            r#"{"items":{"a":1,"b":2,"c":3},"page":0}"#,
            &["length", "type", "range"],
        ),
    ] {
        assert!(report_agrees::<Page<Item>>(doc.as_bytes(), 64), "{doc}");
        let report = read_report::<Page<Item>>(doc.as_bytes(), 64, 100)
            .expect("read by the reader")
            .expect_err("refused");
        let read: Vec<&str> = report.violations().iter().map(|v| v.code()).collect();
        assert_eq!(read, codes, "{doc}");
    }

    let mixed = payloads(&[
        ("labels", r#"{"b":"bb","a":"aa"}"#),
        ("by_name", &format!(r#"{{"y":{item},"x":{item}}}"#)),
        ("extra", r#"{"k":[1,{"n":null}]}"#),
        ("tag", r#""t""#),
        ("ratio", "0.25"),
    ]);
    assert!(read_by_the_reader::<Mixed>(&mixed, true) > 100);

    // Several map values breaking rules, written against key order: the
    // reader reports them in key order, as `validate()` and the slow path.
    let doc = r#"{"labels":{"z":"long","a":"long","m":7},"by_name":{"y":{"name":"y","price":1,"grade":"AB"},"x":{"name":"x","price":1,"grade":"B"}},"extra":{},"tag":"long","ratio":1}"#;
    assert!(report_agrees::<Mixed>(doc.as_bytes(), 64));
    let report = access_key_schema::__json::read_report::<Mixed>(doc.as_bytes(), 64, 100)
        .expect("read by the reader")
        .expect_err("refused");
    let paths: Vec<&str> = report.violations().iter().map(|v| v.path()).collect();
    assert_eq!(
        paths,
        [
            "/labels/a",
            "/labels/m",
            "/labels/z",
            "/by_name/x/name",
            "/by_name/y/name",
            "/by_name/y/grade",
            "/tag"
        ]
    );
}

#[derive(Validate, Deserialize, Debug, PartialEq)]
enum External {
    Cash {
        #[validate(range(min = 1))]
        amount: u32,
        note: Option<String>,
    },
    Voucher(#[validate(length(min = 2))] String),
    Card(Item),
    Free,
}

#[derive(Validate, Deserialize, Debug, PartialEq)]
#[serde(tag = "t")]
enum Internal {
    Cash {
        #[validate(range(min = 1))]
        amount: u32,
    },
    Card(Item),
    Free,
}

#[derive(Validate, Deserialize, Debug, PartialEq)]
#[serde(tag = "t", content = "c", deny_unknown_fields)]
enum Adjacent {
    Cash {
        #[validate(range(min = 1))]
        amount: u32,
    },
    Voucher(#[validate(length(min = 2))] String),
    Free,
}

#[derive(Validate, Deserialize, Debug, PartialEq)]
struct Flat {
    #[validate(length(max = 3))]
    id: String,
    #[serde(flatten)]
    #[validate(nested)]
    item: Item,
}

/// Enums with data and flattened structs: what the one-pass read takes
/// (the shape right) gets `validate()`'s report, and that is the slow
/// path's; the rest is checked on the parsed value as before.
#[test]
fn enums_with_data_and_flatten_report_as_the_slow_path() {
    let item = r#"{"name":"ab","price":1.5,"grade":"A"}"#;
    for base in [
        vec![("Cash", r#"{"amount":5,"note":"x"}"#)],
        vec![("Voucher", r#""abc""#)],
        vec![("Card", item)],
    ] {
        read_by_the_reader::<External>(&payloads(&base), true);
    }
    for base in [
        vec![("t", r#""Cash""#), ("amount", "5")],
        vec![
            ("t", r#""Card""#),
            ("name", r#""ab""#),
            ("price", "1"),
            ("grade", r#""A""#),
        ],
        vec![("t", r#""Free""#)],
    ] {
        read_by_the_reader::<Internal>(&payloads(&base), false);
    }
    for base in [
        vec![("t", r#""Cash""#), ("c", r#"{"amount":5}"#)],
        vec![("c", r#""abc""#), ("t", r#""Voucher""#)],
        vec![("t", r#""Free""#), ("c", "null")],
    ] {
        read_by_the_reader::<Adjacent>(&payloads(&base), false);
    }
    let base = [
        ("id", r#""i1""#),
        ("name", r#""ab""#),
        ("price", "2"),
        ("grade", r#""B""#),
    ];
    read_by_the_reader::<Flat>(&payloads(&base), false);
}

fn not_x(s: &String) -> Result<(), access_key_schema::CustomError> {
    if s == "x" {
        Err(access_key_schema::CustomError::new(
            "not_x",
            "Member must not be x",
        ))
    } else {
        Ok(())
    }
}

fn small(n: &Option<u32>) -> Result<(), access_key_schema::CustomError> {
    match n {
        Some(n) if *n > 9 => Err(access_key_schema::CustomError::new(
            "small",
            "Member must be small",
        )),
        _ => Ok(()),
    }
}

/// Every kind of rule on a variant's fields: what the enum's check applies
/// to a well-read field (its own rules and `custom`, even with problems
/// elsewhere; nothing but `required` for a `null` `Option`).
#[derive(Validate, Deserialize, Debug, PartialEq)]
#[serde(tag = "t")]
enum Ruled {
    Many {
        #[validate(length(min = 1), custom = not_x)]
        name: String,
        #[validate(required(code = "need_n"), custom = small)]
        n: Option<u32>,
        #[validate(length(max = 2), inner(length(max = 3)))]
        tags: Vec<String>,
        #[validate(nested, length(max = 2))]
        items: Vec<Item>,
        opt: Option<bool>,
    },
}

#[derive(Validate, Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
enum RuledExternal {
    Many {
        #[validate(length(min = 1), custom = not_x)]
        name: String,
        #[validate(custom = small)]
        n: Option<u32>,
    },
    One(#[validate(custom = not_x)] String),
}

/// The rules of a variant's fields are reported as the enum's slow-path
/// check reports them, whatever else is wrong.
#[test]
fn a_variants_rules_report_as_the_slow_path() {
    let item = r#"{"name":"ab","price":1.5,"grade":"A"}"#;
    let many = [
        ("t", r#""Many""#),
        ("name", r#""x""#),
        ("n", "12"),
        ("tags", r#"["abcd","e","f"]"#),
        ("items", &format!("[{item},{item},{item}]")),
        ("opt", "true"),
    ];
    read_by_the_reader::<Ruled>(&payloads(&many), false);
    let many = [
        ("t", r#""Many""#),
        ("name", r#""ok""#),
        ("n", "1"),
        ("tags", r#"["a"]"#),
        ("items", "[]"),
    ];
    read_by_the_reader::<Ruled>(&payloads(&many), false);
    // A variant field's `required(code = ..)` is the report's, absent or
    // `null`, in the reader and the slow path alike.
    for doc in [
        r#"{"t":"Many","name":"a","tags":[],"items":[]}"#,
        r#"{"t":"Many","name":"a","n":null,"tags":[],"items":[]}"#,
    ] {
        for report in [
            access_key_schema::from_str::<Ruled>(doc).expect_err("refused"),
            slow_report::<Ruled>(doc.as_bytes(), 64, 100),
        ] {
            let codes: Vec<_> = report
                .violations()
                .iter()
                .map(|v| (v.path(), v.code()))
                .collect();
            assert_eq!(codes, [("/n", "need_n")], "{doc}");
        }
    }
    for base in [
        vec![("Many", r#"{"name":"x","n":12}"#)],
        vec![("Many", r#"{"name":"","n":null}"#)],
        vec![("One", r#""x""#)],
    ] {
        read_by_the_reader::<RuledExternal>(&payloads(&base), true);
    }
}

/// A type whose `JsonCheck` is written by hand: `check_json` only (no
/// reader of its own).
#[derive(Deserialize, Debug, PartialEq)]
struct Code(String);

impl Validate for Code {
    fn validate_into(
        &self,
        _: &access_key_schema::Path<'_>,
        _: &mut access_key_schema::ValidationErrors,
    ) {
    }
}

impl access_key_schema::schemars::JsonSchema for Code {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Code".into()
    }
    fn json_schema(
        generator: &mut access_key_schema::schemars::SchemaGenerator,
    ) -> access_key_schema::schemars::Schema {
        String::json_schema(generator)
    }
}

impl JsonCheck for Code {
    fn check_json(
        value: &Value,
        path: &access_key_schema::Path<'_>,
        errors: &mut access_key_schema::ValidationErrors,
    ) {
        match value.as_str() {
            Some(s) if s.chars().all(|c| c.is_ascii_uppercase()) => {}
            Some(_) => errors.add(path, access_key_schema::__json::Constraint::Format("code")),
            None => errors.add(path, access_key_schema::__json::Constraint::Type("string")),
        }
    }
}

#[derive(Validate, Deserialize, Debug, PartialEq)]
struct WithCode {
    code: Code,
    codes: Vec<Code>,
    maybe: Option<Code>,
    #[validate(range(min = 1))]
    n: u8,
}

/// A member of a type with a hand-written `JsonCheck` is read as a `Value`,
/// checked by it and deserialized, that member alone: the payload is still
/// the reader's, with the slow path's report.
#[test]
fn a_hand_written_check_is_the_readers_member_by_member() {
    let base = [
        ("code", r#""AB""#),
        ("codes", r#"["X","YZ"]"#),
        ("maybe", r#""Q""#),
        ("n", "3"),
    ];
    assert!(read_by_the_reader::<WithCode>(&payloads(&base), true) > 100);
    let doc = r#"{"code":"abcd","codes":["X",1,"y"],"maybe":null,"n":0}"#;
    let report = read_report::<WithCode>(doc.as_bytes(), 64, 100)
        .expect("read by the reader")
        .expect_err("refused");
    let codes: Vec<_> = report
        .violations()
        .iter()
        .map(|v| (v.path(), v.code()))
        .collect();
    assert_eq!(
        codes,
        [
            ("/code", "format"),
            ("/codes/1", "type"),
            ("/codes/2", "format"),
            ("/n", "range")
        ]
    );
    assert_eq!(report, slow_report::<WithCode>(doc.as_bytes(), 64, 100));
}
