//! The runtime checks that generated code calls, one module per rule kind.
//!
//! `#[derive(Validate)]` turns each annotation into one call such as
//! `rules::length::apply(&self.user_name, 1, 64, &path, errors)`; the logic
//! lives here, so a new rule kind touches this folder, the derive's parser and
//! its emitter, and nothing else.
//!
//! Each rule dispatches on a small trait ([`length::Length`],
//! [`pattern::Text`], [`range::Number`]) implemented for the types the rule
//! makes sense on, including `Option` of them (checked when present). A rule
//! on any other type is a compile error that points at the rule's name.

pub mod contains;
pub mod custom;
pub mod date;
pub mod date_time;
pub mod does_not_contain;
pub mod email;
pub mod format;
pub mod hostname;
pub mod inner;
pub mod ipv4;
pub mod ipv6;
pub mod keys;
pub mod length;
pub mod multiple_of;
pub mod must_match;
pub mod one_of;
pub mod pattern;
pub mod prefix;
pub mod range;
pub mod required;
pub mod suffix;
pub mod time;
pub mod url;
pub mod uuid;
