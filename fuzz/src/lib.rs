//! The bodies of the fuzz targets, as plain functions.
//!
//! `fuzz_targets/*.rs` call them under libFuzzer (`cargo fuzz run <name>`),
//! and `tests/fuzz_corpus.rs` in the main workspace depends on this package
//! (without its `libfuzzer` feature) and replays the committed seed corpus
//! (`fuzz/corpus/<name>/`) through the very same functions under stable
//! `cargo test`. Every function panics on a finding; returning is a pass.
//! The `ndjson` target drives the CLI's reader, `access_key_cli::input`.

#![forbid(unsafe_code)]

mod json_target;
mod pattern_target;

pub use json_target::{from_json, ndjson};
pub use pattern_target::pattern;
