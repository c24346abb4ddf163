//! The user-style types of `tests/user-types` (a form, an order, float
//! ranges, generics, recursion, maps, formats, text rules) on every case of
//! their committed vectors: `from_json`'s verdict is the recorded one, and it
//! agrees with `validate()` after serde, violation for violation. The
//! cross-language suite (`tests/conformance/run.sh`) runs the same files
//! through every validator.

use access_key_schema::{from_json, Validate, ValidationErrors};
use access_key_user_types as user;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn pairs(e: &ValidationErrors) -> Vec<(String, &'static str)> {
    let mut v: Vec<_> = e
        .violations()
        .iter()
        .map(|v| (v.path().to_owned(), v.code()))
        .collect();
    v.sort();
    v
}

/// Every case of `schema/<name>.vectors.json` as `T`; returns (cases,
/// accepted).
fn agree<T: Validate + DeserializeOwned + access_key_schema::JsonCheck>(
    name: &str,
) -> (usize, usize) {
    agree_with::<T>(name, false, true)
}

/// The codes of a payload's shape, not of its rules.
const SHAPE_CODES: &[&str] = &["type", "required", "unknown_field", "variant", "enum"];

/// [`agree`]; with `lenient_serde`, plain serde reads shapes `from_json`
/// refuses (an enum with data: `{"Unit": null}`, an internally tagged
/// variant from its buffered content), so a `validate()` that passes is
/// only compared with a report of rules. Without `compare`, only
/// `from_json`'s verdicts are checked (for a type whose serde reading is
/// looser than its wire language: `url::Url` takes `http:example.com`,
/// which `from_json` refuses).
fn agree_with<T: Validate + DeserializeOwned + access_key_schema::JsonCheck>(
    name: &str,
    lenient_serde: bool,
    compare: bool,
) -> (usize, usize) {
    let path = xtask::workspace_root().join(format!("schema/{name}.vectors.json"));
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let cases = file["cases"].as_array().unwrap();
    let mut accepted = 0;
    let mut compared = 0;
    for case in cases {
        let payload = &case["payload"];
        let bytes = serde_json::to_vec(payload).unwrap();
        let by_json = from_json::<T>(&bytes);
        assert_eq!(
            by_json.is_ok(),
            case["valid"].as_bool().unwrap(),
            "{name}: recorded verdict of {}",
            case["description"]
        );
        accepted += usize::from(by_json.is_ok());
        if !compare {
            continue;
        }
        // serde's read, or (for a type serde cannot read from the schema's
        // language, such as `time::OffsetDateTime`) the reader's, rules aside.
        let typed = serde_json::from_value::<T>(payload.clone())
            .ok()
            .or_else(|| access_key_schema::__json::read_fast::<T>(&bytes, 64));
        if let Some(typed) = typed {
            let by_validate = typed.validate();
            match (&by_validate, &by_json) {
                (Ok(()), Ok(_)) => {}
                (Err(a), Err(b)) if b.omitted() == 0 => {
                    assert_eq!(pairs(a), pairs(b), "{name}: {}", case["description"]);
                    compared += 1;
                }
                (Err(_), Err(_)) => {}
                (Ok(()), Err(b))
                    if lenient_serde
                        && b.violations()
                            .iter()
                            .any(|v| SHAPE_CODES.contains(&v.code())) => {}
                _ => panic!(
                    "{name}: validate() {} but from_json {} on {}",
                    by_validate.is_ok(),
                    by_json.is_ok(),
                    case["description"]
                ),
            }
        }
    }
    assert!(
        accepted > 0 && accepted < cases.len(),
        "{name}: {accepted} of {}",
        cases.len()
    );
    assert!(!compare || compared > 0, "{name}: no report compared");
    (cases.len(), accepted)
}

#[test]
fn every_user_type_vector_agrees_between_from_json_and_validate() {
    let mut total = 0;
    for (name, (cases, _)) in [
        ("SignupForm", agree::<user::SignupForm>("SignupForm")),
        ("Order", agree::<user::Order>("Order")),
        ("SensorConfig", agree::<user::SensorConfig>("SensorConfig")),
        ("Dashboard", agree::<user::Dashboard>("Dashboard")),
        ("Category", agree::<user::Category>("Category")),
        ("Inventory", agree::<user::Inventory>("Inventory")),
        ("Survey", agree::<user::Survey>("Survey")),
        ("Booking", agree::<user::Booking>("Booking")),
        ("RoleRef", agree::<user::RoleRef>("RoleRef")),
        ("ForeignTypes", agree::<user::ForeignTypes>("ForeignTypes")),
        (
            "Payment",
            agree_with::<user::Payment>("Payment", true, true),
        ),
        ("Refund", agree_with::<user::Refund>("Refund", true, true)),
        (
            "Transfer",
            agree_with::<user::Transfer>("Transfer", true, true),
        ),
        (
            "Checkout",
            agree_with::<user::Checkout>("Checkout", true, true),
        ),
        (
            "AuditedDoc",
            agree_with::<user::AuditedDoc>("AuditedDoc", true, true),
        ),
        ("Endpoint", agree::<user::Endpoint>("Endpoint")),
        ("Peer", agree_with::<user::Peer>("Peer", false, false)),
    ] {
        println!("{name}: {cases} cases");
        total += cases;
    }
    assert_eq!(
        xtask::USER_SHAPES.len(),
        17,
        "a user shape was added: add it above"
    );
    assert!(total > 1000, "{total}");
}
