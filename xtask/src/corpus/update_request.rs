//! Corpus of `UpdateAccessKeyRequest` payloads: `UserName` (optional,
//! 1..=128 code points, `[\w+=,.@-]+`), `AccessKeyId` (required, 16..=128,
//! `[\w]+`) and `Status` (required, `Active` | `Inactive`).

use super::common::{
    family_extras, family_nesting, family_presence, family_whole, family_wrong_types, weighted,
};
use super::*;

const MEMBERS: [&str; 3] = [UN, AK, ST];

const UN128_SPEC: Spec = Spec {
    field: UN,
    min: 1,
    max: 128,
    sample: BASE_UN,
};

fn base_request() -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(UN.into(), json!(BASE_UN));
    m.insert(AK.into(), json!(BASE_AK));
    m.insert(ST.into(), json!("Inactive"));
    m
}

fn family_base(c: &mut Corpus) {
    c.push("base: every member valid", Value::Object(base_request()));
    c.push(
        "base: AWS CLI `update-access-key --access-key-id AKIAIOSFODNN7EXAMPLE --status Inactive --user-name Bob`",
        json!({ AK: BASE_AK, ST: "Inactive", UN: "Bob" }),
    );
    c.push(
        "base: the caller's own key (UserName absent), Active",
        json!({ AK: BASE_AK, ST: "Active" }),
    );
    c.push(
        "base: temporary-credential style id",
        json!({ AK: "ASIAY34FZKBOKMUTVV7A", ST: "Active" }),
    );
    c.push(
        "base: 128-char id, 128-char user",
        json!({ AK: ascii_word(128), ST: "Active", UN: ascii_word(128) }),
    );
    c.push(
        "base: service-style user name with every allowed punctuation",
        json!({ AK: BASE_AK, ST: "Active", UN: "svc+deploy=prod,team.a@corp-1" }),
    );
    c.push(
        "base: the AccessKey shape sent instead (SecretAccessKey ignored)",
        json!({ AK: BASE_AK, ST: "Active", UN: "Bob", "SecretAccessKey": BASE_SK, CD: BASE_CD }),
    );
    c.push(
        "base: CreateDate invalid but unknown here (ignored)",
        json!({ AK: BASE_AK, ST: "Active", CD: "2015-02-30T00:00:00Z" }),
    );
}

/// Several members wrong at once.
fn family_multi(c: &mut Corpus) {
    let cases: Vec<(&str, Changes)> = vec![
        (
            "multi: AccessKeyId too short + UserName too long",
            vec![
                (AK, Some(json!(ascii_word(15)))),
                (UN, Some(json!(ascii_word(129)))),
            ],
        ),
        (
            "multi: every member wrong type",
            vec![
                (AK, Some(json!(1))),
                (ST, Some(json!([]))),
                (UN, Some(json!({}))),
            ],
        ),
        (
            "multi: every member empty string",
            vec![
                (AK, Some(json!(""))),
                (ST, Some(json!(""))),
                (UN, Some(json!(""))),
            ],
        ),
        (
            "multi: every member trailing \\n",
            vec![
                (AK, Some(json!(format!("{BASE_AK}\n")))),
                (ST, Some(json!("Active\n"))),
                (UN, Some(json!("Bob\n"))),
            ],
        ),
        (
            "multi: every member null",
            vec![
                (AK, Some(Value::Null)),
                (ST, Some(Value::Null)),
                (UN, Some(Value::Null)),
            ],
        ),
        (
            "multi: Status lower case + Kelvin-sign id",
            vec![
                (ST, Some(json!("inactive"))),
                (AK, Some(json!("A\u{212A}IAIOSFODNN7EXAMPLE"))),
            ],
        ),
        (
            "multi: AccessKeyId max + UserName max (valid)",
            vec![
                (AK, Some(json!(ascii_word(128)))),
                (UN, Some(json!(ascii_word(128)))),
            ],
        ),
        (
            "multi: AccessKeyId min + UserName min (valid)",
            vec![(AK, Some(json!(ascii_word(16)))), (UN, Some(json!("a")))],
        ),
        (
            "multi: UserName 65..=128 (valid here, too long for AccessKey)",
            vec![(UN, Some(json!(ascii_word(65))))],
        ),
        (
            "multi: AccessKeyId max+1 + UserName max+1",
            vec![
                (AK, Some(json!(ascii_word(129)))),
                (UN, Some(json!(ascii_word(129)))),
            ],
        ),
        (
            "multi: Status absent + UserName bad",
            vec![(ST, None), (UN, Some(json!("Bob!")))],
        ),
    ];
    for (d, ch) in cases {
        c.with(d, &ch);
    }
}

fn family_random(c: &mut Corpus, target: usize) {
    let mut rng = Rng(0x5EED_4C15_7A11_0003);
    let bad = bad_chars();
    let mut added = 0usize;
    let mut attempts = 0usize;
    while added < target && attempts < target * 20 {
        attempts += 1;
        let mut m = Map::new();
        let mut labels = Vec::new();
        for f in MEMBERS {
            // UserName: absent, null, valid, faulty; the required ones: valid or faulty.
            let state = if f == UN {
                weighted(&mut rng, &[25, 5, 45, 25])
            } else {
                weighted(&mut rng, &[0, 0, 70, 30])
            };
            let (label, v) = match state {
                0 => (format!("{f} absent"), None),
                1 => (format!("{f} null"), Some(Value::Null)),
                _ => {
                    let fault = state == 3;
                    match f {
                        UN => gen_name(&mut rng, UN128_SPEC, fault, &bad),
                        AK => gen_name(&mut rng, AK_SPEC, fault, &bad),
                        _ => gen_status(&mut rng, fault),
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

/// Builds the `UpdateAccessKeyRequest` corpus. Deterministic: same payloads
/// in the same order on every call.
pub fn update_access_key_request_corpus() -> Vec<Case> {
    let mut c = Corpus::editing(base_request(), None);
    family_base(&mut c);
    for spec in [AK_SPEC, UN128_SPEC] {
        family_lengths(&mut c, spec);
    }
    for spec in [AK_SPEC, UN128_SPEC] {
        family_whitespace(&mut c, spec);
    }
    for spec in [AK_SPEC, UN128_SPEC] {
        family_unicode_word(&mut c, spec);
    }
    for spec in [AK_SPEC, UN128_SPEC] {
        family_ascii(&mut c, spec);
    }
    family_status(&mut c);
    family_wrong_types(
        &mut c,
        &[
            (UN, json!(BASE_UN)),
            (AK, json!(BASE_AK)),
            (ST, json!(BASE_ST)),
        ],
    );
    family_presence(&mut c, &MEMBERS);
    family_extras(&mut c, &MEMBERS);
    family_nesting(&mut c, 63);
    family_multi(&mut c);
    family_whole(
        &mut c,
        "UpdateAccessKeyRequest",
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
        let a = update_access_key_request_corpus();
        assert!(a.len() >= 2000, "only {} cases", a.len());
        assert_eq!(a, update_access_key_request_corpus());
        let mut seen = HashSet::new();
        for c in &a {
            assert!(!c.description.trim().is_empty());
            assert!(
                seen.insert(c.payload.to_string()),
                "duplicate: {}",
                c.description
            );
        }
    }

    #[test]
    fn spot_checks() {
        let cases = update_access_key_request_corpus();
        assert!(has(&cases, AK, &json!("A".repeat(15))));
        assert!(has(&cases, AK, &json!("A".repeat(129))));
        assert!(has(&cases, AK, &json!(format!("{BASE_AK}\n"))));
        assert!(has(&cases, UN, &json!(ascii_word(128))));
        assert!(has(&cases, UN, &json!(ascii_word(129))));
        assert!(has(&cases, ST, &json!("active")));
        assert!(has(&cases, ST, &Value::Null));
        for b in 0x20u8..=0x7E {
            let x = b as char;
            assert!(
                has(&cases, AK, &json!(format!("AKIAIOSFOD{x}NN7EXAMPLE"))),
                "{x:?}"
            );
        }
        assert!(cases
            .iter()
            .any(|c| c.payload.is_object() && c.payload.get(AK).is_none()));
    }
}
