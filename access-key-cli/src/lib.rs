//! The library half of the `access-key` command-line tool: its input reader.
//!
//! [`input::Reader`] reads `access-key validate`'s inputs in order into
//! batches of records: one JSON document or NDJSON per input, decided per
//! input unless forced ([`input::Mode`]), NDJSON streamed in constant
//! memory. The binary checks the batches on its threads; the `ndjson` fuzz
//! target and the tests drive the same reader through [`input::read_bytes`].
//!
//! The command itself is documented in the crate's README and by
//! `access-key --help`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod input;
