//! The bodies of the fuzz targets, as plain functions.
//!
//! `fuzz_targets/*.rs` call them under libFuzzer (`cargo fuzz run <name>`),
//! and `tests/fuzz_corpus.rs` in the main workspace includes this file and
//! replays the committed seed corpus (`fuzz/corpus/<name>/`) through the very
//! same functions under stable `cargo test`. Every function panics on a
//! finding; returning is a pass.
//!
//! Every `mod` here has an explicit `#[path]`, relative to this file, so the
//! file can be included from elsewhere as a module.

#![forbid(unsafe_code)]

#[path = "cli_args.rs"]
pub mod args;

#[path = "../../access-key-schema/src/bin/access-key/input.rs"]
#[allow(dead_code, unused_imports)]
mod input;

#[path = "json_target.rs"]
mod json_target;
#[path = "pattern_target.rs"]
mod pattern_target;

pub use json_target::{from_json, ndjson};
pub use pattern_target::pattern;
