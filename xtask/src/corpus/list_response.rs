//! Corpus of `ListAccessKeysResponse` payloads: `AccessKeyMetadata` (a
//! required array of `AccessKeyMetadata` objects whose members are all
//! optional: `UserName` 1..=64, `AccessKeyId` 16..=128, `Status` enum,
//! `CreateDate` timestamp), `IsTruncated` (boolean, optional but not
//! nullable) and `Marker` (any string, optional).
//!
//! The probes of one item's members are placed at varying indexes of arrays
//! of 1 to 5 items (see [`place_item`]).

use super::common::{
    family_extras, family_nesting, family_presence, family_whole, family_wrong_types, weighted,
};
use super::*;

const AKM: &str = "AccessKeyMetadata";
const IT: &str = "IsTruncated";
const MK: &str = "Marker";
const ITEM_MEMBERS: [&str; 4] = [UN, AK, ST, CD];
const TOP_MEMBERS: [&str; 3] = [AKM, IT, MK];

const BASE_MK: &str = "AAEAAQAAAAEBmHR7Y2K1oLz9XlvV4gQ2N3qj8Yy2mA==";

fn base_item() -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(UN.into(), json!(BASE_UN));
    m.insert(AK.into(), json!(BASE_AK));
    m.insert(ST.into(), json!(BASE_ST));
    m.insert(CD.into(), json!(BASE_CD));
    m
}

/// The second key of the AWS documentation example.
fn other_item() -> Value {
    json!({
        UN: "Bob",
        AK: "AKIAI44QH8DHBEXAMPLE",
        ST: "Inactive",
        CD: "2013-06-06T20:42:26.123000+00:00",
    })
}

fn base_response() -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(AKM.into(), json!([base_item(), other_item()]));
    m.insert(IT.into(), json!(true));
    m.insert(MK.into(), json!(BASE_MK));
    m
}

/// Puts one probed item into a response, at an index and in an array
/// length that rotate with the number of cases so far. The neighbours are
/// mostly sparse items: cheap to validate, so the suite stays fast.
fn place_item(n: usize, item: Value) -> (String, Value) {
    let (at, items, truncated): (&str, Vec<Value>, bool) = match n % 5 {
        0 => ("[0 of 1]", vec![item], false),
        1 => ("[1 of 2]", vec![other_item(), item], false),
        2 => ("[0 of 2]", vec![item, json!({})], true),
        3 => (
            "[2 of 3]",
            vec![json!({}), json!({ AK: "AKIAI44QH8DHBEXAMPLE" }), item],
            false,
        ),
        _ => (
            "[1 of 3]",
            vec![json!({ ST: "Inactive" }), item, json!({ UN: "Bob" })],
            true,
        ),
    };
    let mut top = Map::new();
    top.insert(AKM.into(), Value::Array(items));
    if truncated {
        top.insert(IT.into(), json!(true));
        top.insert(MK.into(), json!(BASE_MK));
    } else if n % 10 < 5 {
        top.insert(IT.into(), json!(false));
    }
    (format!("{AKM}{at}"), Value::Object(top))
}

/// `aws iam list-access-keys` output, AWS CLI v1 and v2 forms, and variations.
fn family_samples(c: &mut Corpus) {
    c.push(
        "sample: AWS CLI v1 list-access-keys output",
        json!({
            AKM: [
                { UN: "Bob", ST: "Active", CD: "2013-06-04T18:17:34Z", AK: "AKIAIOSFODNN7EXAMPLE" },
                { UN: "Bob", ST: "Inactive", CD: "2013-06-06T20:42:26Z", AK: "AKIAI44QH8DHBEXAMPLE" }
            ],
            IT: false
        }),
    );
    c.push(
        "sample: AWS CLI v2 list-access-keys output",
        json!({
            AKM: [
                { UN: "Bob", AK: "AKIAIOSFODNN7EXAMPLE", ST: "Active", CD: "2013-06-04T18:17:34+00:00" },
                { UN: "Bob", AK: "AKIAI44QH8DHBEXAMPLE", ST: "Inactive", CD: "2013-06-06T20:42:26.123000+00:00" }
            ]
        }),
    );
    c.push(
        "sample: AWS CLI v2 output, truncated, with NextToken (unknown member)",
        json!({
            AKM: [{ UN: "Bob", AK: "AKIAIOSFODNN7EXAMPLE", ST: "Active", CD: "2013-06-04T18:17:34+00:00" }],
            IT: true,
            MK: BASE_MK,
            "NextToken": "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ=="
        }),
    );
    c.push(
        "sample: IAM query API (XML) output converted to JSON, with ResponseMetadata",
        json!({
            AKM: [{ UN: "Bob", AK: "AKIAIOSFODNN7EXAMPLE", ST: "Active", CD: "2013-06-04T18:17:34.000Z" }],
            IT: false,
            "ResponseMetadata": { "RequestId": "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE" }
        }),
    );
    c.push(
        "sample: XML output with the member wrapper left in place",
        json!({
            AKM: { "member": [{ UN: "Bob", AK: "AKIAIOSFODNN7EXAMPLE", ST: "Active" }] },
            IT: false
        }),
    );
    c.push(
        "sample: CLI v1 output, Status lower-cased by hand",
        json!({
            AKM: [{ UN: "Bob", ST: "active", CD: "2013-06-04T18:17:34Z", AK: "AKIAIOSFODNN7EXAMPLE" }],
            IT: false
        }),
    );
    c.push(
        "sample: CLI v2 output, offset +24:00",
        json!({
            AKM: [{ UN: "Bob", AK: "AKIAIOSFODNN7EXAMPLE", ST: "Active", CD: "2013-06-04T18:17:34+24:00" }]
        }),
    );
    c.push(
        "sample: CLI text/table form pasted as a string",
        json!({ AKM: "AKIAIOSFODNN7EXAMPLE\t2013-06-04T18:17:34Z\tActive\tBob" }),
    );
    c.push(
        "sample: boto3 output with CreateDate as epoch seconds",
        json!({ AKM: [{ UN: "Bob", AK: "AKIAIOSFODNN7EXAMPLE", ST: "Active", CD: 1_370_369_854 }] }),
    );
    c.push("sample: no keys", json!({ AKM: [], IT: false }));
    c.push("sample: no keys, IsTruncated absent", json!({ AKM: [] }));
}

/// Shapes of the `AccessKeyMetadata` array: its length, and one bad item at
/// each index of arrays of several lengths.
fn family_arrays(c: &mut Corpus) {
    let ok = Value::Object(base_item());
    for n in [0usize, 1, 2, 3, 5, 10, 50] {
        let items: Vec<Value> = (0..n)
            .map(|i| if i % 2 == 0 { ok.clone() } else { other_item() })
            .collect();
        c.push(format!("{n} valid items"), json!({ AKM: items }));
    }
    c.push("200 empty items", json!({ AKM: vec![json!({}); 200] }));
    c.push("the same item twice", json!({ AKM: [ok, ok] }));
    c.push("one empty item", json!({ AKM: [{}] }));
    c.push(
        "items whose every member is null",
        json!({ AKM: [{ UN: null, AK: null, ST: null, CD: null }, {}] }),
    );
    c.push(
        "items of unknown members only",
        json!({ AKM: [{ "Extra": 1 }, { "SecretAccessKey": BASE_SK }] }),
    );

    let bad_items: Vec<(&str, Value)> = vec![
        ("null", Value::Null),
        ("[]", json!([])),
        ("[valid item]", json!([ok])),
        (
            "[] of the item's values",
            json!(["Bob", BASE_AK, "Active", BASE_CD]),
        ),
        ("string", json!("AKIAIOSFODNN7EXAMPLE")),
        ("item as JSON text", json!(ok.to_string())),
        ("number 0", json!(0)),
        ("true", json!(true)),
        ("UserName empty", json!({ UN: "" })),
        ("UserName 65 chars", json!({ UN: ascii_word(65) })),
        ("UserName trailing \\n", json!({ UN: "Bob\n" })),
        ("AccessKeyId 15 chars", json!({ AK: ascii_word(15) })),
        (
            "AccessKeyId with '-'",
            json!({ AK: "AKIA-IOSFODNN7EXAMPLE" }),
        ),
        ("Status lower case", json!({ ST: "active" })),
        ("Status true", json!({ ST: true })),
        ("CreateDate Feb 30", json!({ CD: "2015-02-30T00:00:00Z" })),
        (
            "CreateDate leap second",
            json!({ CD: "2016-12-31T23:59:60Z" }),
        ),
        ("CreateDate epoch number", json!({ CD: 1_425_926_363 })),
    ];
    let layouts: [(usize, usize); 9] = [
        (1, 0),
        (2, 0),
        (2, 1),
        (3, 1),
        (3, 2),
        (10, 0),
        (10, 5),
        (10, 9),
        (100, 99),
    ];
    for (k, (label, bad)) in bad_items.iter().enumerate() {
        for (n, at) in layouts {
            // A long array for every third kind only: long arrays are slow to validate.
            if n == 100 && k % 3 != 0 {
                continue;
            }
            let items: Vec<Value> = (0..n)
                .map(|i| {
                    if i == at {
                        bad.clone()
                    } else if i % 2 == 0 {
                        ok.clone()
                    } else {
                        other_item()
                    }
                })
                .collect();
            c.push(
                format!("{AKM}[{at} of {n}] is {label}, the others valid"),
                json!({ AKM: items, IT: false }),
            );
        }
    }
    // Several bad items at once, and every item bad.
    c.push(
        "items 0 and 2 bad, 1 valid",
        json!({ AKM: [{ UN: "" }, ok, { ST: "Deleted" }] }),
    );
    c.push("every item null", json!({ AKM: [null, null, null] }));
    c.push(
        "every item of another type",
        json!({ AKM: [null, [], "x", 1, true] }),
    );
    // Arrays nested in arrays.
    c.push("[[]]", json!({ AKM: [[]] }));
    c.push("[[{}]]", json!({ AKM: [[{}]] }));
    c.push("[[valid item], valid item]", json!({ AKM: [[ok], ok] }));
    c.push("[[[valid item]]]", json!({ AKM: [[[ok]]] }));
    // The array replaced by one of its items, or a map of them.
    c.push("a single item instead of an array", json!({ AKM: ok }));
    c.push("an empty object instead of an array", json!({ AKM: {} }));
    c.push(
        "an index-keyed object instead of an array",
        json!({ AKM: { "0": ok, "1": other_item() } }),
    );
    c.push(
        "a key-id-keyed object instead of an array",
        json!({ AKM: { BASE_AK: ok } }),
    );
}

/// `IsTruncated` and `Marker` beyond the wrong-type family.
fn family_truncation(c: &mut Corpus) {
    let it: Vec<(&str, Value)> = vec![
        ("true", json!(true)),
        ("false", json!(false)),
        ("\"true\"", json!("true")),
        ("\"false\"", json!("false")),
        ("\"True\"", json!("True")),
        ("\"FALSE\"", json!("FALSE")),
        ("\"yes\"", json!("yes")),
        ("\"\"", json!("")),
        ("1", json!(1)),
        ("0", json!(0)),
        ("1.0", json!(1.0)),
        ("0.0", json!(0.0)),
        ("-0.0", json!(-0.0)),
        ("null", Value::Null),
        ("[true]", json!([true])),
        ("[false]", json!([false])),
        ("{}", json!({})),
    ];
    for (label, v) in &it {
        c.set(format!("{IT}: {label}"), IT, v.clone());
        c.with(
            format!("{IT}: {label}, {MK} absent"),
            &[(IT, Some(v.clone())), (MK, None)],
        );
    }
    // Marker has no constraint in a response: any string, or null.
    let markers: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("space", " ".into()),
        ("\\n", "\n".into()),
        ("valid + \\n", format!("{BASE_MK}\n")),
        ("NUL", "\u{0}".into()),
        ("all C0 controls", (0u32..=0x1F).map(ch).collect()),
        ("U+0100", "\u{100}".into()),
        ("astral", "\u{1F600}".into()),
        ("U+FFFF", "\u{FFFF}".into()),
        ("U+2028", "\u{2028}".into()),
        ("10000 chars", rep("m", 10_000)),
        ("321 x U+00FF (over the request's max)", rep("\u{FF}", 321)),
        ("JSON text", "{\"Marker\": null}".into()),
        ("string \"null\"", "null".into()),
    ];
    for (label, s) in markers {
        c.set(format!("{MK}: {label}"), MK, json!(s));
    }
    c.with(
        "IsTruncated true, Marker absent (no dependency)",
        &[(IT, Some(json!(true))), (MK, None)],
    );
    c.with(
        "IsTruncated false, Marker present (no dependency)",
        &[(IT, Some(json!(false)))],
    );
    c.with(
        "IsTruncated absent, Marker null",
        &[(IT, None), (MK, Some(Value::Null))],
    );
}

/// One random item: each member absent, null, valid or faulty.
fn gen_item(rng: &mut Rng, bad: &[char], labels: &mut Vec<String>, index: usize) -> Value {
    if rng.chance(3) {
        let (l, v) = wrong_type(rng);
        labels.push(format!("[{index}] item {l}"));
        return v;
    }
    let mut m = Map::new();
    for f in ITEM_MEMBERS {
        let state = weighted(rng, &[15, 5, 65, 15]);
        let (label, v) = match state {
            0 => (format!("{f} absent"), None),
            1 => (format!("{f} null"), Some(Value::Null)),
            _ => {
                let fault = state == 3;
                match f {
                    UN => gen_name(rng, UN_SPEC, fault, bad),
                    AK => gen_name(rng, AK_SPEC, fault, bad),
                    ST => gen_status(rng, fault),
                    _ => gen_date(rng, fault),
                }
            }
        };
        if state == 3 {
            labels.push(format!("[{index}] {label}"));
        }
        if let Some(v) = v {
            m.insert(f.to_string(), v);
        }
    }
    if rng.chance(5) {
        m.insert("Extra".into(), json!(rng.range(0, 9)));
    }
    Value::Object(m)
}

fn family_random(c: &mut Corpus, target: usize) {
    let mut rng = Rng(0x5EED_4C15_7A11_0002);
    let bad = bad_chars();
    let mut added = 0usize;
    let mut attempts = 0usize;
    while added < target && attempts < target * 20 {
        attempts += 1;
        let mut labels = Vec::new();
        let mut m = Map::new();
        if rng.chance(3) {
            labels.push(format!("{AKM} absent"));
        } else if rng.chance(3) {
            let (l, v) = wrong_type(&mut rng);
            labels.push(format!("{AKM} {l}"));
            m.insert(AKM.into(), v);
        } else {
            let n = *rng.pick(&[0usize, 1, 1, 2, 2, 3, 4, 5]);
            let items: Vec<Value> = (0..n)
                .map(|i| gen_item(&mut rng, &bad, &mut labels, i))
                .collect();
            m.insert(AKM.into(), Value::Array(items));
        }
        match weighted(&mut rng, &[30, 30, 30, 10]) {
            0 => {}
            1 => {
                m.insert(IT.into(), json!(false));
            }
            2 => {
                m.insert(IT.into(), json!(true));
            }
            _ => {
                let v = rng
                    .pick(&[json!("true"), json!(1), Value::Null, json!(0)])
                    .clone();
                labels.push(format!("{IT} {v}"));
                m.insert(IT.into(), v);
            }
        }
        match weighted(&mut rng, &[50, 35, 5, 10]) {
            0 => {}
            1 => {
                let n = rng.range(1, 400);
                m.insert(MK.into(), json!(rng.string_from(WORD, n)));
            }
            2 => {
                m.insert(MK.into(), Value::Null);
            }
            _ => {
                let (l, v) = wrong_type(&mut rng);
                labels.push(format!("{MK} {l}"));
                m.insert(MK.into(), v);
            }
        }
        c.push_random(&mut added, &labels, m);
    }
}

/// Builds the `ListAccessKeysResponse` corpus. Deterministic: same payloads
/// in the same order on every call.
pub fn list_access_keys_response_corpus() -> Vec<Case> {
    // The response itself.
    let mut c = Corpus::editing(base_response(), None);
    c.push("base: valid response", Value::Object(base_response()));
    family_samples(&mut c);
    family_arrays(&mut c);
    family_truncation(&mut c);
    family_wrong_types(
        &mut c,
        &[
            (AKM, json!([base_item()])),
            (IT, json!(false)),
            (MK, json!(BASE_MK)),
        ],
    );
    family_presence(&mut c, &TOP_MEMBERS);
    family_extras(&mut c, &TOP_MEMBERS);
    family_nesting(&mut c, 63);
    family_whole(
        &mut c,
        "ListAccessKeysResponse",
        &Value::Object(base_response()),
    );

    // One item's members, the item placed at varying indexes.
    c.base = base_item();
    c.place = Some(place_item);
    for spec in [AK_SPEC, UN_SPEC] {
        family_lengths(&mut c, spec);
    }
    for spec in [AK_SPEC, UN_SPEC] {
        family_whitespace(&mut c, spec);
    }
    for spec in [AK_SPEC, UN_SPEC] {
        family_unicode_word(&mut c, spec);
    }
    for spec in [AK_SPEC, UN_SPEC] {
        family_ascii(&mut c, spec);
    }
    family_status(&mut c);
    family_dates(&mut c);
    family_wrong_types(
        &mut c,
        &[
            (UN, json!(BASE_UN)),
            (AK, json!(BASE_AK)),
            (ST, json!(BASE_ST)),
            (CD, json!(BASE_CD)),
        ],
    );
    family_presence(&mut c, &ITEM_MEMBERS);
    family_extras(&mut c, &ITEM_MEMBERS);
    // Top-level object, the array, the item: 61 levels are left.
    family_nesting(&mut c, 61);

    c.base = base_response();
    c.place = None;
    family_random(&mut c, 400);
    c.cases
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(cases: &[Case]) -> impl Iterator<Item = &Value> {
        cases
            .iter()
            .filter_map(|c| c.payload.get(AKM).and_then(Value::as_array))
            .flatten()
    }

    #[test]
    fn size_determinism_uniqueness() {
        let a = list_access_keys_response_corpus();
        assert!(a.len() >= 2000, "only {} cases", a.len());
        assert_eq!(a, list_access_keys_response_corpus());
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
        assert!(big <= 40, "{big} payloads of 2 KiB or more");
    }

    #[test]
    fn spot_checks() {
        let cases = list_access_keys_response_corpus();
        let payloads: Vec<&Value> = cases.iter().map(|c| &c.payload).collect();
        assert!(payloads.contains(&&json!({ AKM: [] })));
        for it in [json!("true"), json!(1), Value::Null] {
            assert!(cases.iter().any(|c| c.payload.get(IT) == Some(&it)), "{it}");
        }
        let has_item = |f: &str, v: &Value| items(&cases).any(|i| i.get(f) == Some(v));
        assert!(has_item(UN, &json!(ascii_word(65))));
        assert!(has_item(AK, &json!("A".repeat(15))));
        assert!(has_item(CD, &json!("2023-02-30T12:00:00Z")));
        assert!(has_item(ST, &json!("ACTIVE")));
        assert!(items(&cases).any(Value::is_null));
        assert!(items(&cases).any(Value::is_array));
        // Bad items at several indexes.
        let mut at = HashSet::new();
        for c in &cases {
            if let Some(list) = c.payload.get(AKM).and_then(Value::as_array) {
                for (i, item) in list.iter().enumerate() {
                    if item.get(UN) == Some(&json!("Bob\n")) {
                        at.insert(i);
                    }
                }
            }
        }
        assert!(at.len() >= 3, "trailing-newline UserName only at {at:?}");
    }
}
