//! The kinds of types a service author writes, none of them IAM: a form, an
//! order with nested items and bounds, float ranges, a fieldless enum,
//! generics, recursion, maps, optional vectors of options. The xtask writes
//! their schemas and vectors under `schema/user/`, the conformance suite runs
//! them through every validator, and `tests/user_types.rs` checks that
//! `validate()` and `from_json` agree on every vector.

#![forbid(unsafe_code)]

use std::collections::{BTreeMap, HashMap};

use access_key_schema::{SecretString, Timestamp, Validate};
use serde::{Deserialize, Serialize};

/// A signup form: bounded, patterned strings, a secret, an enum of plans.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignupForm {
    /// Login name.
    #[validate(length(min = 3, max = 32), pattern = r"[a-z][a-z0-9_]*")]
    pub user_name: String,
    /// Shown to other users.
    #[validate(length(min = 1, max = 64))]
    pub display_name: String,
    /// Never echoed.
    #[validate(sensitive, length(min = 12, max = 128))]
    pub password: SecretString,
    /// Typed twice: a check JSON Schema cannot express, so the conformance
    /// vectors leave out the cases only it refuses.
    #[validate(sensitive, must_match(password))]
    pub password_again: SecretString,
    /// The plan chosen.
    pub plan: Plan,
    /// Optional invitation code.
    #[validate(pattern = r"[A-Z0-9]{8}")]
    pub invite_code: Option<String>,
    /// Whole years.
    #[validate(range(min = 13, max = 150))]
    pub age: Option<u8>,
}

/// A fieldless enum, renamed on the wire.
#[derive(Validate, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Plan {
    /// Free tier.
    Free,
    /// Paid, per seat.
    PerSeat,
    /// Negotiated.
    Enterprise,
}

/// A newtype: an SKU everywhere it is used.
#[derive(Validate, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Sku(#[validate(length(min = 1, max = 12), pattern = r"[A-Z0-9-]+")] pub String);

/// An order with nested, bounded line items.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Order {
    /// The order's id.
    #[validate(length(min = 10, max = 10), pattern = r"ord-[0-9a-f]{6}")]
    pub order_id: String,
    /// One to 50 lines.
    #[validate(nested, length(min = 1, max = 50))]
    pub lines: Vec<LineItem>,
    /// When it was placed (RFC 3339, as `Timestamp` reads it).
    pub placed_at: Timestamp,
    /// Where to ship; absent for a pickup.
    #[validate(nested)]
    pub shipping: Option<Address>,
}

/// One line of an order.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct LineItem {
    /// Stock-keeping unit.
    pub sku: Sku,
    /// How many, in packs of 5.
    #[validate(range(min = 5, max = 995), multiple_of = 5)]
    pub quantity: u32,
    /// Unit price in the order's currency.
    #[validate(range(min = 0.0, max = 100000.0))]
    pub unit_price: f64,
}

/// A postal address.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Address {
    /// Street lines.
    #[validate(length(min = 1, max = 3))]
    pub street: Vec<String>,
    /// ISO 3166-1 alpha-2.
    #[validate(pattern = r"[A-Z]{2}")]
    pub country: String,
}

/// A sensor's configuration: float ranges, signed integers, a check of the
/// whole struct.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(rename_all = "snake_case")]
#[validate(custom = channels_fit_the_rate)]
pub struct SensorConfig {
    /// Sampling rate in hertz.
    #[validate(range(min = 0.5, max = 1000.0))]
    pub sample_rate_hz: f64,
    /// Calibration offset.
    #[validate(range(min = -40, max = 85))]
    pub offset_celsius: i16,
    /// Smoothing factor.
    #[validate(range(min = 0.0, max = 1.0))]
    pub smoothing: Option<f32>,
    /// Channels to read, by name.
    #[validate(length(max = 8))]
    pub channels: Vec<String>,
    /// On or off.
    pub enabled: bool,
    /// Fraction of time on, strictly between 0 and 1.
    #[validate(range(exclusive_min = 0.0, exclusive_max = 1.0))]
    pub duty_cycle: f64,
    /// Two-letter site code.
    #[validate(length(equal = 2))]
    pub site: String,
}

/// A page of results: a generic struct.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    /// At most 20 items.
    #[validate(nested, length(max = 20))]
    pub items: Vec<T>,
    /// Opaque cursor.
    #[validate(length(min = 1, max = 256), pattern = r"[A-Za-z0-9+/=]+")]
    pub next_token: Option<String>,
}

/// Two instantiations of one generic struct in one payload.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    /// Recent orders' lines.
    #[validate(nested)]
    pub lines: Page<LineItem>,
    /// Recent signups' addresses.
    #[validate(nested)]
    pub addresses: Page<Address>,
}

/// A recursive tree of categories.
#[derive(Validate, Serialize, Deserialize, Debug)]
pub struct Category {
    /// The category's name.
    #[validate(length(min = 1, max = 40))]
    pub name: String,
    /// Sub-categories, at most 5 per level.
    #[validate(nested, length(max = 5))]
    pub children: Vec<Category>,
}

/// Stock by warehouse: maps of validated values.
#[derive(Validate, Serialize, Deserialize, Debug)]
pub struct Inventory {
    /// The warehouse's code.
    #[validate(pattern = r"W[0-9]{1,3}")]
    pub warehouse: String,
    /// Items by SKU, at most 100.
    #[validate(nested, length(max = 100))]
    pub stock: HashMap<String, StockItem>,
    /// Labels, at most 4, with lower-case keys and short values.
    #[validate(
        length(max = 4),
        keys(pattern = "[a-z][a-z0-9-]*", length(max = 16)),
        inner(length(max = 32))
    )]
    pub labels: BTreeMap<String, String>,
}

/// One stock entry.
#[derive(Validate, Serialize, Deserialize, Debug)]
pub struct StockItem {
    /// Units on hand.
    #[validate(range(max = 10000))]
    pub count: u32,
    /// Bin location.
    #[validate(length(min = 1, max = 8))]
    pub bin: String,
}

/// Optional vectors of options.
#[derive(Validate, Serialize, Deserialize, Debug)]
pub struct Survey {
    /// Answers; a `null` answer is a skipped question.
    #[validate(length(max = 10), inner(length(min = 1, max = 200)))]
    pub answers: Option<Vec<Option<String>>>,
    /// Scores, bounded in count.
    #[validate(length(min = 1, max = 5))]
    pub scores: Vec<Option<u8>>,
}

/// Formats whose verdict is the same in every validator.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Booking {
    /// Which booking.
    #[validate(uuid)]
    pub booking_id: String,
    /// The day.
    #[validate(date)]
    pub day: String,
    /// Opening time, with its offset.
    #[validate(time)]
    pub opens_at: Option<String>,
    /// When it was made.
    #[validate(date_time)]
    pub created: String,
    /// Where from.
    #[validate(ipv4)]
    pub client_ip: Option<String>,
}

/// Text rules: prefix, suffix, contains, does not contain, with and without
/// a pattern of their own.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct RoleRef {
    /// An account root ARN.
    #[validate(
        prefix = "arn:",
        suffix = ":root",
        contains = "iam",
        does_not_contain = ".."
    )]
    pub arn: String,
    /// A dotted host name.
    #[validate(pattern = r"[a-z0-9.-]+", contains = ".", does_not_contain = "..")]
    pub host: Option<String>,
}

/// At most one channel per 100 Hz of sampling rate (a cross-field rule).
pub fn channels_fit_the_rate(c: &SensorConfig) -> Result<(), access_key_schema::CustomError> {
    if c.channels.len() as f64 <= c.sample_rate_hz / 100.0 + 1.0 {
        Ok(())
    } else {
        Err(access_key_schema::CustomError::new(
            "too_many_channels",
            "Member must have at most one channel per 100 Hz of sample rate",
        ))
    }
}

/// Foreign types, each behind access-key-schema's feature of its crate's
/// name: read in the `uuid` and `date_time` rules' languages, never by
/// their crates' looser parsers; the schema is the rules'. `attempts`
/// (an integer) makes the vectors take the serde tier too (`5.0`). `starts`
/// is optional so that some payloads (those without it) are read by plain
/// serde too, which cannot read RFC 3339 into a `time::OffsetDateTime`.
#[derive(Validate, Serialize, Deserialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ForeignTypes {
    /// `uuid::Uuid`.
    pub id: uuid::Uuid,
    /// An optional `uuid::Uuid`.
    pub parent: Option<uuid::Uuid>,
    /// `chrono::DateTime<Utc>`.
    pub created: chrono::DateTime<chrono::Utc>,
    /// An optional `time::OffsetDateTime`, written in the language (time's
    /// own `Serialize` is not RFC 3339).
    #[serde(serialize_with = "access_key_schema::foreign::time::serialize_option")]
    pub starts: Option<time::OffsetDateTime>,
    /// `jiff::Timestamp`s.
    #[validate(length(max = 3))]
    pub seen: Vec<jiff::Timestamp>,
    /// A rule of our own next to them.
    #[validate(range(max = 10))]
    pub attempts: u32,
}

/// A card: a nested struct an enum variant holds (enums with data).
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct PaymentCard {
    /// The card number, digits only.
    #[validate(length(equal = 16), pattern = "[0-9]+")]
    pub number: String,
    /// Month of expiry.
    #[validate(range(min = 1, max = 12))]
    pub expiry_month: u8,
}

/// How an order is paid: internally tagged, the issue's contract spelling
/// (`{"kind": "Cash", "amount": 5}`).
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(tag = "kind")]
pub enum Payment {
    /// By card.
    Card(#[validate(nested)] PaymentCard),
    /// In cash, a positive amount.
    Cash {
        /// Whole units.
        #[validate(range(min = 1))]
        amount: u32,
    },
    /// Nothing to pay.
    Free,
}

/// A refund: externally tagged (serde's default), variants renamed.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Refund {
    /// Back to the card.
    ToCard(#[validate(nested)] PaymentCard),
    /// As store credit, with a reason.
    Credit {
        /// Whole units, at most 1000.
        #[validate(range(min = 1, max = 1000))]
        amount: u32,
        /// Why.
        #[validate(length(min = 1, max = 20))]
        reason: Option<String>,
    },
    /// A voucher code.
    Voucher(#[validate(length(min = 4, max = 8), pattern = "[A-Z0-9]+")] String),
    /// Refused.
    Declined,
}

/// A bank transfer: adjacently tagged, unknown members refused.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(tag = "type", content = "data", deny_unknown_fields)]
pub enum Transfer {
    /// Within the country.
    Domestic {
        /// Sort code.
        #[validate(pattern = "[0-9]{6}")]
        sort_code: String,
        /// Account number.
        #[validate(length(min = 8, max = 8))]
        account: String,
    },
    /// An IBAN.
    International(#[validate(length(min = 15, max = 34), pattern = "[A-Z0-9]+")] String),
    /// Not yet chosen.
    Pending,
}

/// A coupon code: `#[serde(transparent)]` over a named field.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(transparent)]
pub struct Coupon {
    /// Upper-case letters and digits.
    #[validate(length(min = 3, max = 10), pattern = "[A-Z0-9]+")]
    pub code: String,
}

/// A checkout: enums with data and a transparent struct as members.
#[derive(Validate, Serialize, Deserialize, Debug)]
pub struct Checkout {
    /// How it is paid.
    pub payment: Payment,
    /// A refund, if any.
    pub refund: Option<Refund>,
    /// A coupon, if any.
    pub coupon: Option<Coupon>,
}

/// Who wrote what, when: the members `#[serde(flatten)]` puts next to a
/// document's own.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct AuditMeta {
    /// Author's handle.
    #[validate(length(min = 2, max = 16), pattern = "[a-z0-9_]+")]
    pub author: String,
    /// Revision number.
    #[validate(range(min = 1, max = 999))]
    pub revision: u16,
    /// A note.
    #[validate(length(max = 40))]
    pub note: Option<String>,
}

/// A document whose audit members sit at its top level
/// (`{"title": .., "author": .., "revision": ..}`).
#[derive(Validate, Serialize, Deserialize, Debug)]
pub struct AuditedDoc {
    /// The title.
    #[validate(length(min = 1, max = 60))]
    pub title: String,
    /// The audit members, flattened.
    #[serde(flatten)]
    #[validate(nested)]
    pub meta: AuditMeta,
}

/// Formats whose verdict is the same in every validator (issue 16, part
/// two): email, url, ipv6, hostname, alone and with other rules.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    /// Who runs it.
    #[validate(email, length(max = 100))]
    pub owner: String,
    /// Where it answers.
    #[validate(url)]
    pub base_url: String,
    /// Its DNS name.
    #[validate(hostname)]
    pub host: String,
    /// Its address, when it has a fixed one.
    #[validate(ipv6)]
    pub address: Option<String>,
    /// Who to page.
    #[validate(inner(email))]
    pub on_call: Vec<String>,
}

/// Address types of std and `url::Url` as field types (feature `url`):
/// read in the `ipv4` / `ipv6` / `url` languages, emitted as their patterns.
#[derive(Validate, Serialize, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Peer {
    /// Either family.
    pub address: std::net::IpAddr,
    /// Its gateway.
    pub gateway: Option<std::net::Ipv4Addr>,
    /// Its link-local address.
    pub link_local: std::net::Ipv6Addr,
    /// Where its API answers.
    pub api: url::Url,
    /// Its resolvers.
    pub resolvers: Vec<std::net::IpAddr>,
}
