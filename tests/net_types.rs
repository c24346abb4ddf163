//! `std::net` address types and `url::Url` as field types: `from_json`
//! reads them in the `ipv4` / `ipv6` / `url` languages, reports anything
//! else as a `format` violation at its path (never a panic), and the schema
//! a field of such a type gets is that language.

use access_key_schema::{from_json, schemars::JsonSchema};
use access_key_user_types::Peer;
use serde_json::{json, Value};

fn report(payload: Value) -> Vec<(String, String)> {
    match from_json::<Peer>(&serde_json::to_vec(&payload).unwrap()) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .violations()
            .iter()
            .map(|v| (v.path().to_owned(), v.message().to_owned()))
            .collect(),
    }
}

fn base() -> Value {
    json!({
        "address": "10.0.0.1",
        "gateway": null,
        "linkLocal": "fe80::1",
        "api": "https://api.example.com/v1",
        "resolvers": ["1.1.1.1", "2606:4700:4700::1111"]
    })
}

fn with(member: &str, value: Value) -> Value {
    let mut p = base();
    p[member] = value;
    p
}

#[test]
fn addresses_and_urls_in_their_languages() {
    assert_eq!(report(base()), []);
    let peer = from_json::<Peer>(&serde_json::to_vec(&base()).unwrap()).unwrap();
    assert_eq!(
        peer.link_local,
        "fe80::1".parse::<std::net::Ipv6Addr>().unwrap()
    );
    assert_eq!(peer.api.host_str(), Some("api.example.com"));
    assert_eq!(report(with("address", json!("::ffff:1.2.3.4"))), []);
    assert_eq!(report(with("gateway", json!("192.168.0.1"))), []);

    let fmt = |path: &str, name: &str| {
        vec![(
            path.to_owned(),
            format!(
                "Value at '{path}' failed to satisfy constraint: Member must be a valid {name}"
            ),
        )]
    };
    assert_eq!(
        report(with("address", json!("10.0.0.01"))),
        fmt("/address", "ipv4 or ipv6")
    );
    assert_eq!(
        report(with("gateway", json!("::1"))),
        fmt("/gateway", "ipv4")
    );
    assert_eq!(
        report(with("linkLocal", json!("fe80::1%eth0"))),
        fmt("/linkLocal", "ipv6")
    );
    // `url::Url` parses these; the language (and so the schema) refuses them.
    for api in [
        "http:example.com",
        "http://127.0.0.1/",
        "https://a.example.com:0443/",
    ] {
        assert!(url::Url::parse(api).is_ok());
        assert_eq!(report(with("api", json!(api))), fmt("/api", "uri"), "{api}");
    }
    assert_eq!(
        report(with("resolvers", json!(["1.1.1.1", "1.1.1"]))),
        fmt("/resolvers/1", "ipv4 or ipv6")
    );
    let wrong = report(with("api", json!(5)));
    assert_eq!(wrong.len(), 1);
    assert!(
        wrong[0].1.ends_with("Member must be of type string"),
        "{wrong:?}"
    );
}

#[test]
fn the_schema_is_the_language() {
    let schema =
        access_key_schema::schemars::SchemaGenerator::default().into_root_schema_for::<Peer>();
    let props = &schema.as_value()["properties"];
    assert_eq!(props["linkLocal"]["format"], "ipv6");
    assert_eq!(props["api"]["format"], "uri");
    assert_eq!(
        props["address"]["anyOf"],
        json!([{"format": "ipv4"}, {"format": "ipv6"}])
    );
    assert!(props["address"]["pattern"].is_string());
    assert_eq!(
        props["resolvers"]["items"]["pattern"],
        props["address"]["pattern"]
    );
    // The `Option` is nullable around the same schema.
    assert_eq!(props["gateway"]["anyOf"][0]["format"], "ipv4");
    let _ = Peer::schema_name();
}

/// As the values of string-keyed maps (and in `Box`), through the same
/// route as the other foreign types: the language in `from_json`, the
/// language's schema under `additionalProperties`, agreeing with the
/// `jsonschema` crate on each payload.
#[test]
fn as_map_values_too() {
    use std::collections::{BTreeMap, HashMap};

    #[derive(access_key_schema::Validate, serde::Deserialize, Debug)]
    struct Net {
        hosts: HashMap<String, std::net::IpAddr>,
        links: Option<BTreeMap<String, url::Url>>,
        primary: Box<std::net::Ipv4Addr>,
    }

    let schema = access_key_schema::schema::schema_for::<Net>();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let good = json!({"hosts": {"a": "10.0.0.1", "b": "::1"},
                      "links": {"x": "https://example.com/a"}, "primary": "192.168.0.1"});
    let bad = json!({"hosts": {"a": "10.0.0.01", "b": "::1%eth0"},
                     "links": {"x": "http:example.com"}, "primary": "1.2.3"});
    assert!(from_json::<Net>(&serde_json::to_vec(&good).unwrap()).is_ok());
    assert!(validator.is_valid(&good));
    let found: Vec<_> = from_json::<Net>(&serde_json::to_vec(&bad).unwrap())
        .unwrap_err()
        .violations()
        .iter()
        .map(|v| (v.path().to_owned(), v.code()))
        .collect();
    assert_eq!(
        found,
        [
            ("/hosts/a".to_owned(), "format"),
            ("/hosts/b".to_owned(), "format"),
            ("/links/x".to_owned(), "format"),
            ("/primary".to_owned(), "format"),
        ]
    );
    for (member, value) in [
        ("hosts", json!({"a": "10.0.0.01"})),
        ("hosts", json!({"b": "::1%eth0"})),
        ("links", json!({"x": "http:example.com"})),
        ("primary", json!("1.2.3")),
    ] {
        let mut one = good.clone();
        one[member] = value;
        assert!(!validator.is_valid(&one), "schema accepts {one}");
    }
}
