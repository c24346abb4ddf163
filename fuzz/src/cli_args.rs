//! Stand-in for the CLI's `args` module: the one item of it that
//! `access-key-schema/src/bin/access-key/input.rs` names, so that file can be
//! compiled here (and in `tests/fuzz_corpus.rs`) unchanged.

use std::path::PathBuf;

/// One input of `access-key validate`.
#[allow(dead_code)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file.
    Path(PathBuf),
}
