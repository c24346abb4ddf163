//! Corpus of `ListAccessKeysRequest` payloads: `UserName` (1..=128 code
//! points, `[\w+=,.@-]+`), `Marker` (1..=320 code points, `[\u0020-\u00FF]+`,
//! i.e. U+0020..=U+00FF) and `MaxItems` (integer 1..=1000), all optional.

use super::common::{
    family_extras, family_nesting, family_presence, family_whole, family_wrong_types, weighted,
};
use super::*;

const MK: &str = "Marker";
const MI: &str = "MaxItems";
const MEMBERS: [&str; 3] = [UN, MK, MI];

/// An opaque pagination marker, as IAM hands them out (base64-looking).
const BASE_MK: &str = "AAIAAbLr2Mk+xo3tKhV0ZW1wL2tleS1wYWdlLTI=";
const BASE_MI: u64 = 100;

const UN128_SPEC: Spec = Spec {
    field: UN,
    min: 1,
    max: 128,
    sample: BASE_UN,
};
const MK_SPEC: Spec = Spec {
    field: MK,
    min: 1,
    max: 320,
    sample: BASE_MK,
};

/// Base64 and URL-safe base64, the alphabet of real markers.
const MK_ALPHA: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_";

fn base_request() -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(UN.into(), json!(BASE_UN));
    m.insert(MK.into(), json!(BASE_MK));
    m.insert(MI.into(), json!(BASE_MI));
    m
}

fn family_base(c: &mut Corpus) {
    c.push("base: every member valid", Value::Object(base_request()));
    c.push("base: empty object (every member optional)", json!({}));
    c.push("base: UserName only", json!({ UN: BASE_UN }));
    c.push("base: Marker only", json!({ MK: BASE_MK }));
    c.push("base: MaxItems only", json!({ MI: BASE_MI }));
    c.push(
        "base: AWS CLI `list-access-keys --user-name Bob --max-items 2`",
        json!({ UN: "Bob", MI: 2 }),
    );
    c.push(
        "base: AWS CLI next page (`--starting-token`)",
        json!({ UN: "Bob", MK: "AAEAAQAAAAEBmHR7Y2K1oLz9XlvV4gQ2N3qj8Yy2mA==", MI: 2 }),
    );
}

/// Every code point from U+0000 to U+017F inside a valid marker, and the
/// code points on either side of the U+0020..=U+00FF class (or that a
/// case-insensitive, byte-oriented or UTF-16 matcher might map into it)
/// alone and at the length boundaries.
fn family_marker_code_points(c: &mut Corpus) {
    let v = BASE_MK;
    let (l, r) = v.split_at(v.len() / 2);
    for cp in 0..=0x17Fu32 {
        let x = ch(cp);
        c.set_str(
            MK,
            &format!("U+{cp:04X} inside valid"),
            &format!("{l}{x}{r}"),
        );
    }
    let edges: [(&str, u32); 27] = [
        ("U+001F unit separator", 0x1F),
        ("U+0020 space", 0x20),
        ("U+007E tilde", 0x7E),
        ("U+007F DEL", 0x7F),
        ("U+0080 first C1 control", 0x80),
        ("U+0085 NEL", 0x85),
        ("U+009F last C1 control", 0x9F),
        ("U+00A0 NBSP", 0xA0),
        ("U+00AD soft hyphen", 0xAD),
        ("U+00FF y-diaeresis", 0xFF),
        ("U+0100 A-macron", 0x100),
        ("U+0178 Y-diaeresis (upper case of U+00FF)", 0x178),
        ("U+212B Angstrom sign (folds to U+00E5)", 0x212B),
        ("U+212A Kelvin sign (folds to k)", 0x212A),
        ("U+1E9E capital sharp s (folds to U+00DF)", 0x1E9E),
        ("U+039C Greek capital mu (upper case of U+00B5)", 0x39C),
        ("U+03BC Greek mu (folds with U+00B5)", 0x3BC),
        ("U+2028 line separator", 0x2028),
        ("U+D7FF before surrogates", 0xD7FF),
        ("U+E000 private use", 0xE000),
        ("U+FEFF BOM", 0xFEFF),
        ("U+FFFD replacement", 0xFFFD),
        ("U+FFFF noncharacter", 0xFFFF),
        ("U+10000 first astral", 0x10000),
        ("U+100FF astral, low surrogate DCFF", 0x100FF),
        ("U+1F600 astral emoji", 0x1F600),
        ("U+10FFFF max scalar", 0x10FFFF),
    ];
    let max = MK_SPEC.max;
    for (label, cp) in edges {
        let x = ch(cp).to_string();
        c.set_str(MK, &format!("{label} alone"), &x);
        c.set_str(MK, &format!("{label} x 2"), &rep(&x, 2));
        c.set_str(MK, &format!("{label} x {max} (max)"), &rep(&x, max));
        c.set_str(
            MK,
            &format!("{label} x {} (max+1)", max + 1),
            &rep(&x, max + 1),
        );
        c.set_str(
            MK,
            &format!("{} ASCII + {label} = max cp", max - 1),
            &format!("{}{x}", ascii_word(max - 1)),
        );
        c.set_str(
            MK,
            &format!("{label} + {} ASCII = max cp", max - 1),
            &format!("{x}{}", ascii_word(max - 1)),
        );
        c.set_str(
            MK,
            &format!("{max} ASCII + {label} = max+1 cp"),
            &format!("{}{x}", ascii_word(max)),
        );
        c.set_str(MK, &format!("valid + trailing {label}"), &format!("{v}{x}"));
        c.set_str(MK, &format!("valid + {label} + \\n"), &format!("{v}{x}\n"));
    }

    // Whole ranges in one value.
    let range = |lo: u32, hi: u32| -> String { (lo..=hi).map(ch).collect() };
    let latin1 = range(0x20, 0xFF);
    c.set_str(MK, "all of U+0020..U+00FF (224 cp)", &latin1);
    c.set_str(
        MK,
        "all of U+0020..U+00FF + U+0100",
        &format!("{latin1}\u{100}"),
    );
    c.set_str(
        MK,
        "U+001F + all of U+0020..U+00FF",
        &format!("\u{1F}{latin1}"),
    );
    c.set_str(MK, "all of U+0020..U+00FF + \\n", &format!("{latin1}\n"));
    for n in [319usize, 320, 321] {
        let s: String = (0x20..=0xFFu32).map(ch).cycle().take(n).collect();
        c.set_str(MK, &format!("U+0020..U+00FF cycled to {n} cp"), &s);
        let s: String = (0x20..=0xFFu32).rev().map(ch).cycle().take(n).collect();
        c.set_str(MK, &format!("U+00FF..U+0020 cycled to {n} cp"), &s);
    }
    c.set_str(MK, "all C1 controls U+0080..U+009F", &range(0x80, 0x9F));
    c.set_str(MK, "all printable ASCII", &range(0x20, 0x7E));
    c.set_str(
        MK,
        "all Latin-1 supplement U+00A0..U+00FF",
        &range(0xA0, 0xFF),
    );
    c.set_str(MK, "all C0 controls", &range(0x00, 0x1F));
    c.set_str(MK, "Latin Extended-A U+0100..U+017F", &range(0x100, 0x17F));

    // Every UTF-8 byte of these is in 0x80..=0xFF: a matcher over bytes
    // instead of code points would accept them.
    for (label, s) in [
        ("U+0100 (C4 80)", "\u{100}"),
        ("U+07FF (DF BF)", "\u{7FF}"),
        ("U+0800 (E0 A0 80)", "\u{800}"),
        ("U+20AC euro (E2 82 AC)", "\u{20AC}"),
        ("U+4E2D CJK (E4 B8 AD)", "\u{4E2D}"),
        ("U+1F600 (F0 9F 98 80)", "\u{1F600}"),
    ] {
        c.set_str(MK, &format!("byte-level lookalike {label}"), s);
        c.set_str(
            MK,
            &format!("valid + byte-level lookalike {label}"),
            &format!("{v}{s}"),
        );
    }

    // Lengths in code points, not bytes or UTF-16 units.
    for (label, unit) in [
        ("U+00E9", "\u{E9}"),
        ("U+00FF", "\u{FF}"),
        ("U+0080", "\u{80}"),
    ] {
        for (ascii, multi) in [(160usize, 160usize), (0, 320), (1, 320), (319, 1), (320, 1)] {
            let s = format!("{}{}", ascii_word(ascii), rep(unit, multi));
            c.set_str(
                MK,
                &format!(
                    "{ascii} ASCII + {multi} x {label} = {} cp, {} bytes",
                    ascii + multi,
                    s.len()
                ),
                &s,
            );
        }
    }
    for n in [80usize, 160, 161] {
        c.set_str(
            MK,
            &format!("{n} x U+1F600 = {} UTF-16 units", 2 * n),
            &rep("\u{1F600}", n),
        );
    }

    // Marker-shaped values.
    for (label, s) in [
        ("base64 with + / =", "q83vEjRWeJA+/w=="),
        ("URL-safe base64", "q83vEjRWeJA-_w"),
        ("URL-encoded base64", "q83vEjRWeJA%2B%2Fw%3D%3D"),
        (
            "JSON text",
            "{\"NextToken\":\"abc\",\"boto_truncate_amount\":2}",
        ),
        ("single space", " "),
        ("three spaces", "   "),
        ("single NBSP", "\u{A0}"),
        ("space + NBSP + space", " \u{A0} "),
        ("backslash-u escape spelled out", "\\u0100"),
        ("percent-encoded U+0100", "%C4%80"),
        ("Latin-1 word", "caf\u{E9} na\u{EF}ve \u{C5}ngstr\u{F6}m"),
        (
            "all allowed punctuation",
            "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        ),
        ("regex metacharacters", "^[\\x20-\\xFF]+$"),
        ("tab inside", "abc\tdef"),
        ("CR LF at end", "abc\r\n"),
        ("lone \\n", "\n"),
        ("\\n + valid", "\nabc"),
    ] {
        c.set_str(MK, &format!("marker-shaped: {label}"), s);
    }
}

/// `MaxItems`: the range ends, every way JSON can write a number, and
/// every other JSON type.
fn family_max_items(c: &mut Corpus) {
    let numbers: Vec<(&str, Value)> = vec![
        ("0", json!(0)),
        ("1 (min)", json!(1)),
        ("2", json!(2)),
        ("100", json!(100)),
        ("999", json!(999)),
        ("1000 (max)", json!(1000)),
        ("1001", json!(1001)),
        ("-1", json!(-1)),
        ("-1000", json!(-1000)),
        ("-1001", json!(-1001)),
        ("-0", json!(-0)),
        ("-0.0 (negative zero)", json!(-0.0)),
        ("0.0", json!(0.0)),
        ("1.0", json!(1.0)),
        ("5.0", json!(5.0)),
        ("1000.0", json!(1000.0)),
        ("1001.0", json!(1001.0)),
        ("-1.0", json!(-1.0)),
        ("1e0 (f64 1.0)", json!(1e0)),
        ("1e2 (f64 100.0)", json!(1e2)),
        ("1e3 (f64 1000.0)", json!(1e3)),
        ("1.5e2 (f64 150.0)", json!(1.5e2)),
        ("10e2 (f64 1000.0)", json!(10e2)),
        ("1.001e3 (f64 1001.0)", json!(1.001e3)),
        ("1e4", json!(1e4)),
        ("1.5", json!(1.5)),
        ("0.5", json!(0.5)),
        ("0.1", json!(0.1)),
        ("2.5", json!(2.5)),
        ("999.5", json!(999.5)),
        ("1000.5", json!(1000.5)),
        (
            "0.9999999999999999 (just below 1)",
            json!(0.999_999_999_999_999_9),
        ),
        (
            "1.0000000000000002 (just above 1)",
            json!(1.000_000_000_000_000_2),
        ),
        ("999.9999999999999", json!(999.999_999_999_999_9)),
        (
            "1000.0000000000001 (just above 1000)",
            json!(1_000.000_000_000_000_1),
        ),
        ("5e-324 (smallest subnormal)", json!(5e-324)),
        ("2.2250738585072014e-308", json!(f64::MIN_POSITIVE)),
        ("1e-7", json!(1e-7)),
        ("-1e-300", json!(-1e-300)),
        ("1e30", json!(1e30)),
        ("-1e30", json!(-1e30)),
        ("1e300", json!(1e300)),
        ("1e308", json!(1e308)),
        ("f64 max", json!(f64::MAX)),
        ("f64 min", json!(f64::MIN)),
        ("i32 max 2147483647", json!(i32::MAX)),
        ("i32 max + 1 2147483648", json!(i64::from(i32::MAX) + 1)),
        ("i32 min -2147483648", json!(i32::MIN)),
        ("i32 min - 1 -2147483649", json!(i64::from(i32::MIN) - 1)),
        ("i32 max as float 2147483647.0", json!(2_147_483_647.0)),
        ("i32 max + 1 as float 2147483648.0", json!(2_147_483_648.0)),
        ("u32 max 4294967295", json!(u32::MAX)),
        ("u32 max + 1 4294967296", json!(u64::from(u32::MAX) + 1)),
        (
            "u32 max + 1001 (wraps to 1000 as u32)",
            json!(4_294_968_296u64),
        ),
        ("u32 max + 2 (wraps to 1 as u32)", json!(4_294_967_297u64)),
        ("2^32 + 5 as i64 (truncates to 5)", json!(4_294_967_301i64)),
        ("-(2^32) + 5 (truncates to 5)", json!(-4_294_967_291i64)),
        ("2^53", json!(9_007_199_254_740_992u64)),
        ("2^53 + 1 (not a double)", json!(9_007_199_254_740_993u64)),
        ("i64 max", json!(i64::MAX)),
        ("i64 min", json!(i64::MIN)),
        ("u64 max", json!(u64::MAX)),
        ("2^63 as float", json!(9_223_372_036_854_775_808.0)),
        ("2^64 as float", json!(18_446_744_073_709_551_616.0)),
        (
            "2^64 + 1000 as float (== 2^64)",
            json!(18_446_744_073_709_552_616.0),
        ),
        ("-(2^63) - 1 as float", json!(-9_223_372_036_854_775_809.0)),
        ("1e20", json!(1e20)),
        ("-1e20", json!(-1e20)),
    ];
    for (label, v) in numbers {
        c.set(format!("{MI}: {label}"), MI, v);
    }
    // Integers too big for u64: serde_json reads them as the nearest f64.
    for digits in [
        "18446744073709551616",
        "18446744073709552616",
        "123456789012345678901234567890",
        "100000000000000000000000000000000000000000000000000000000000000000000000001",
    ] {
        let v: Value = serde_json::from_str(digits).expect("a JSON number");
        c.set(format!("{MI}: {digits} (read as f64)"), MI, v);
    }
    // Every value 1..=1000 is valid; probe the neighbourhood of the ends and
    // a spread in between, as integers and whole floats.
    for n in (-3i64..=12).chain(990..=1010).chain((50..1000).step_by(50)) {
        c.set(format!("{MI}: integer {n}"), MI, json!(n));
        c.set(format!("{MI}: whole float {n}.0"), MI, json!(n as f64));
        c.set(format!("{MI}: {n}.25"), MI, json!(n as f64 + 0.25));
    }
    let others: Vec<(&str, Value)> = vec![
        ("string \"5\"", json!("5")),
        ("string \"100\"", json!("100")),
        ("string \"1000\"", json!("1000")),
        ("string \"1e2\"", json!("1e2")),
        ("string \"5.0\"", json!("5.0")),
        ("string \" 5\"", json!(" 5")),
        ("string \"0x10\"", json!("0x10")),
        ("string \"\"", json!("")),
        ("string \"NaN\"", json!("NaN")),
        ("string \"Infinity\"", json!("Infinity")),
        ("string \"-Infinity\"", json!("-Infinity")),
        ("null (optional)", Value::Null),
        ("true", json!(true)),
        ("false", json!(false)),
        ("[]", json!([])),
        ("[5]", json!([5])),
        ("[1000]", json!([1000])),
        ("{}", json!({})),
        ("{\"value\": 5}", json!({ "value": 5 })),
        ("{\"$numberInt\": \"5\"}", json!({ "$numberInt": "5" })),
    ];
    for (label, v) in others {
        c.set(format!("{MI}: {label}"), MI, v);
    }
    // MaxItems probes with the other members absent.
    for (label, v) in [
        ("0", json!(0)),
        ("1", json!(1)),
        ("1000", json!(1000)),
        ("1001", json!(1001)),
        ("5.0", json!(5.0)),
        ("1.5", json!(1.5)),
        ("null", Value::Null),
        ("\"5\"", json!("5")),
    ] {
        c.push(format!("only {MI}: {label}"), json!({ MI: v }));
    }
}

/// A value for `Marker`: a valid one, or one with a fault.
fn gen_marker(rng: &mut Rng, fault: bool, bad: &[char]) -> Gen {
    let latin1: String = (0x20..=0xFFu32).map(ch).collect();
    let alphabet = if rng.chance(70) {
        MK_ALPHA
    } else {
        latin1.as_str()
    };
    let valid_len = |rng: &mut Rng| -> usize {
        match rng.below(5) {
            0 => 1,
            1 => MK_SPEC.max,
            _ => rng.range(1, MK_SPEC.max),
        }
    };
    if !fault {
        let n = valid_len(rng);
        return (
            format!("MK ok len {n}"),
            Some(json!(rng.string_from(alphabet, n))),
        );
    }
    match rng.below(8) {
        0 => {
            let n = *rng.pick(&[0usize, MK_SPEC.max + 1, MK_SPEC.max + 2]);
            (
                format!("MK len {n}"),
                Some(json!(rng.string_from(alphabet, n))),
            )
        }
        1 | 2 => {
            let n = valid_len(rng);
            let base = rng.string_from(alphabet, n);
            let x = *rng.pick(bad);
            let replace = rng.chance(50);
            let s = insert_at(rng, &base, x, replace);
            let how = if replace { "replaced by" } else { "plus" };
            (
                format!("MK len {n} {how} U+{:04X}", x as u32),
                Some(json!(s)),
            )
        }
        3 => {
            let n = valid_len(rng);
            let s = format!("{}\n", rng.string_from(alphabet, n));
            (format!("MK len {n} + \\n"), Some(json!(s)))
        }
        4 => {
            let (l, v) = wrong_type(rng);
            (format!("MK type {l}"), Some(v))
        }
        5 => {
            let n = *rng.pick(&[MK_SPEC.max - 1, MK_SPEC.max, MK_SPEC.max + 1]);
            let s = rng.string_from(&latin1[latin1.len() - 2 * 96..], n);
            (format!("MK {n} cp of U+00A0..U+00FF"), Some(json!(s)))
        }
        6 => {
            let n = valid_len(rng);
            let s = rng.string_from(&latin1, n);
            (format!("MK len {n} Latin-1 (valid)"), Some(json!(s)))
        }
        _ => ("MK empty".into(), Some(json!(""))),
    }
}

/// A value for `MaxItems`: a valid one (integer or whole float), or one with a fault.
fn gen_max_items(rng: &mut Rng, fault: bool) -> Gen {
    if !fault {
        let n = match rng.below(4) {
            0 => *rng.pick(&[1usize, 1000]),
            _ => rng.range(1, 1000),
        };
        return if rng.chance(25) {
            (format!("MI ok {n}.0"), Some(json!(n as f64)))
        } else {
            (format!("MI ok {n}"), Some(json!(n)))
        };
    }
    match rng.below(7) {
        0 => {
            let n = rng.range(0, 50) as i64;
            (format!("MI -{n}"), Some(json!(-n)))
        }
        1 => {
            let n = rng.range(1001, 5000);
            (format!("MI {n}"), Some(json!(n)))
        }
        2 => {
            let n = rng.range(0, 1000) as f64 + *rng.pick(&[0.5, 0.25, 0.001, 0.75]);
            (format!("MI {n}"), Some(json!(n)))
        }
        3 => {
            let n = rng.next_u64() >> rng.below(40);
            (format!("MI big {n}"), Some(json!(n)))
        }
        4 => {
            let n = rng.range(0, 2000);
            (format!("MI string {n}"), Some(json!(n.to_string())))
        }
        5 => ("MI absent".into(), None),
        _ => {
            let (l, v) = wrong_type(rng);
            (format!("MI type {l}"), Some(v))
        }
    }
}

fn family_random(c: &mut Corpus, target: usize) {
    let mut rng = Rng(0x5EED_4C15_7A11_0001);
    let bad = bad_chars();
    let mut added = 0usize;
    let mut attempts = 0usize;
    while added < target && attempts < target * 20 {
        attempts += 1;
        let mut m = Map::new();
        let mut labels = Vec::new();
        for f in MEMBERS {
            // absent, null, valid, faulty
            let state = weighted(&mut rng, &[15, 5, 50, 30]);
            let (label, v) = match state {
                0 => (format!("{f} absent"), None),
                1 => (format!("{f} null"), Some(Value::Null)),
                _ => {
                    let fault = state == 3;
                    match f {
                        UN => gen_name(&mut rng, UN128_SPEC, fault, &bad),
                        MK => gen_marker(&mut rng, fault, &bad),
                        _ => gen_max_items(&mut rng, fault),
                    }
                }
            };
            if state != 2 {
                labels.push(label);
            }
            if let Some(v) = v {
                m.insert(f.to_string(), v);
            }
        }
        if rng.chance(5) {
            m.insert("Extra".into(), json!(rng.range(0, 9)));
            labels.push("extra member".into());
        }
        c.push_random(&mut added, &labels, m);
    }
}

/// Builds the `ListAccessKeysRequest` corpus. Deterministic: same payloads in
/// the same order on every call.
pub fn list_access_keys_request_corpus() -> Vec<Case> {
    let mut c = Corpus::editing(base_request(), None);
    family_base(&mut c);
    for spec in [UN128_SPEC, MK_SPEC] {
        family_lengths(&mut c, spec);
    }
    for spec in [UN128_SPEC, MK_SPEC] {
        family_whitespace(&mut c, spec);
    }
    for spec in [UN128_SPEC, MK_SPEC] {
        family_unicode_word(&mut c, spec);
    }
    for spec in [UN128_SPEC, MK_SPEC] {
        family_ascii(&mut c, spec);
    }
    family_marker_code_points(&mut c);
    family_max_items(&mut c);
    family_wrong_types(
        &mut c,
        &[
            (UN, json!(BASE_UN)),
            (MK, json!(BASE_MK)),
            (MI, json!(BASE_MI)),
        ],
    );
    family_presence(&mut c, &MEMBERS);
    family_extras(&mut c, &MEMBERS);
    family_nesting(&mut c, 63);
    family_whole(
        &mut c,
        "ListAccessKeysRequest",
        &Value::Object(base_request()),
    );
    family_random(&mut c, 400);
    c.cases
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(cases: &[Case], field: &str, value: &Value) -> bool {
        cases.iter().any(|c| c.payload.get(field) == Some(value))
    }

    #[test]
    fn size_determinism_uniqueness() {
        let a = list_access_keys_request_corpus();
        assert!(a.len() >= 2000, "only {} cases", a.len());
        assert_eq!(a, list_access_keys_request_corpus());
        let mut seen = HashSet::new();
        for c in &a {
            assert!(!c.description.trim().is_empty());
            assert!(
                seen.insert(c.payload.to_string()),
                "duplicate: {}",
                c.description
            );
        }
        let big = a
            .iter()
            .filter(|c| c.payload.to_string().len() >= 2048)
            .count();
        assert!(big <= 12, "{big} payloads of 2 KiB or more");
    }

    #[test]
    fn spot_checks() {
        let cases = list_access_keys_request_corpus();
        for v in [
            json!(0),
            json!(1),
            json!(1000),
            json!(1001),
            json!(5.0),
            json!(1e2),
            json!(1e3),
            json!(1.5),
            json!(-0.0),
            json!(1e30),
            json!("5"),
            Value::Null,
            json!(true),
            json!(u64::MAX),
            json!(2_147_483_648i64),
        ] {
            assert!(has(&cases, MI, &v), "MaxItems {v}");
        }
        for s in [
            "\u{1F}".to_string(),
            " ".into(),
            "\u{FF}".into(),
            "\u{100}".into(),
            "\u{1F600}".into(),
            "\u{FF}".repeat(320),
            "\u{FF}".repeat(321),
            format!("{BASE_MK}\n"),
        ] {
            assert!(has(&cases, MK, &json!(s)), "Marker {s:?}");
        }
        assert!(has(&cases, UN, &json!(ascii_word(128))));
        assert!(has(&cases, UN, &json!(ascii_word(129))));
        assert!(has(&cases, UN, &json!("\u{E9}".repeat(128))));
        for b in 0x20u8..=0x7E {
            let x = b as char;
            assert!(has(&cases, UN, &json!(format!("B{x}ob"))), "{x:?}");
        }
        assert!(cases.iter().any(|c| c.payload == json!({})));
    }
}
